//! Certificates: issuing every completed enrolment of a course exactly once, who may issue,
//! the public verification page and API (checked with only the public key), revocation and
//! reissue, downloads, and the PDF itself (checked with poppler's pdftotext and pdffonts).

use domain::entities::{audit_log, certificates as certs, courses};
use domain::{DomainError, certificates};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use model::Role;
use model::certificates::{CertificatePayload, Verification};
use model::enums::{CertificateStatus, CourseStatus};
use model::i18n::Msg;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::testing::TestApp;

async fn course_certs(app: &TestApp, course: i32) -> Vec<certs::Model> {
    certs::Entity::find()
        .filter(certs::Column::CourseId.eq(course))
        .all(&app.services.db)
        .await
        .unwrap()
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn the_bureau_issues_each_completed_enrolment_once_and_anyone_verifies_it() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let c = app.completed_class(2, &["张小三", "欧阳明"]).await;
    let admin = app.user(Role::BureauAdmin).await;

    // The provider may not issue until the bureau allows it.
    let res = app
        .post_form(
            &format!("/manage/courses/{}/certificates/issue", c.course),
            &[],
            Some(&c.staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("error=ErrProviderMayNotIssue"),
        "{}",
        res.location()
    );
    assert!(course_certs(&app, c.course).await.is_empty());

    // The bureau issues through the page: the two who completed get one each.
    let res = app
        .post_form(
            &format!("/manage/courses/{}/certificates/issue", c.course),
            &[],
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 303);
    assert!(
        res.location().contains("notice=NoticeCertificatesIssued"),
        "{}",
        res.location()
    );
    let issued = course_certs(&app, c.course).await;
    assert_eq!(issued.len(), 2);
    let year = domain::local_time::today().format("%Y").to_string();
    let mut numbers: Vec<&str> = issued.iter().map(|c| c.number.as_str()).collect();
    numbers.sort();
    assert_eq!(
        numbers,
        [format!("YZ-{year}-000001"), format!("YZ-{year}-000002")]
    );
    assert_ne!(issued[0].verification_code, issued[1].verification_code);
    assert!(issued.iter().all(|c| c.verification_code.len() == 32));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("certificate.issued"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audited, 2);

    // Issuing again gives nothing twice, with a reason (page and API).
    let res = app
        .post_form(
            &format!("/manage/courses/{}/certificates/issue", c.course),
            &[],
            Some(&admin.cookie),
        )
        .await;
    assert!(res.location().contains("error=ErrAllCertified"));
    let res = app
        .post_json(
            &format!("/api/v1/courses/{}/certificates", c.course),
            serde_json::json!({}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert_eq!(course_certs(&app, c.course).await.len(), 2);

    // The public page shows the masked name, never the full one; the API gives the signed
    // payload, which checks with the issuer's public key alone.
    let cert = issued
        .iter()
        .find(|c| c.payload.contains("张小三"))
        .expect("张小三's certificate");
    let page = app
        .get(&format!("/verify/{}", cert.verification_code), None)
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("证书有效"), "{}", page.body);
    assert!(page.body.contains("张*三"));
    assert!(!page.body.contains("张小三"));
    assert!(page.body.contains(&cert.number));

    let issuer = json(&app.get("/api/v1/issuer", None).await.body);
    let signed = app
        .get(
            &format!("/api/v1/certificates/{}", cert.verification_code),
            None,
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    let signed = json(&signed.body);
    assert_eq!(signed["status"], "valid");
    let key: [u8; 32] = hex::decode(issuer["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let key = VerifyingKey::from_bytes(&key).unwrap();
    let sig: [u8; 64] = hex::decode(signed["signature"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let payload = signed["payload"].as_str().unwrap();
    assert!(
        key.verify(payload.as_bytes(), &Signature::from_bytes(&sig))
            .is_ok()
    );
    // A changed payload does not check.
    let forged = payload.replace("张小三", "张大三");
    assert!(
        key.verify(forged.as_bytes(), &Signature::from_bytes(&sig))
            .is_err()
    );
    let p = CertificatePayload::parse(payload).unwrap();
    assert_eq!(p.number, cert.number);
    assert_eq!(p.hours, "3");
    assert_eq!(p.issuer, certificates::DEFAULT_ISSUER);

    // Malformed and unknown codes: told apart on the page, 404 from the API.
    let bad = app.get("/verify/not-a-code", None).await;
    assert!(bad.body.contains("验证码格式不正确"), "{}", bad.body);
    let unknown = app
        .get("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None)
        .await;
    assert!(unknown.body.contains("未找到该证书"));
    for code in ["not-a-code", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"] {
        let res = app.get(&format!("/api/v1/certificates/{code}"), None).await;
        assert_eq!(res.status, 404);
    }

    // The public search needs the number and the holder's full name.
    let found = app
        .get(
            &format!(
                "/api/v1/certificates?number={}&name={}",
                cert.number.to_lowercase(),
                app::ui::encode_component("张小三")
            ),
            None,
        )
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(json(&found.body)["name_masked"], "张*三");
    let wrong = app
        .get(
            &format!(
                "/api/v1/certificates?number={}&name={}",
                cert.number,
                app::ui::encode_component("李四")
            ),
            None,
        )
        .await;
    assert_eq!(wrong.status, 404);
    let page = app
        .get(
            &format!(
                "/verify?number={}&name={}",
                cert.number,
                app::ui::encode_component("张小三")
            ),
            None,
        )
        .await;
    assert!(page.body.contains("证书有效"));

    // The holder downloads their own PDF; another trainee cannot.
    let holder = &c.trainees[0].0;
    let pdf = app
        .get(
            &format!("/certificates/{}/pdf", cert.id),
            Some(&holder.cookie),
        )
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF"));
    let other = &c.trainees[1].0;
    let res = app
        .get(
            &format!("/api/v1/issued-certificates/{}/pdf", cert.id),
            Some(&other.cookie),
        )
        .await;
    assert_eq!(res.status, 404);
    let mine = json(
        &app.get("/api/v1/me/certificates", Some(&holder.cookie))
            .await
            .body,
    );
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let learning = app.get("/learning", Some(&holder.cookie)).await;
    assert!(learning.body.contains(&cert.number));

    // Staff download the whole course as one .zip of PDFs.
    let zip = app
        .get(
            &format!("/manage/courses/{}/certificates.zip", c.course),
            Some(&c.staff.cookie),
        )
        .await;
    assert_eq!(zip.status, 200);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).unwrap();
    assert_eq!(archive.len(), 2);
    assert!(
        archive
            .by_index(0)
            .unwrap()
            .name()
            .unwrap()
            .ends_with(".pdf")
    );

    // Staff of another organisation see nothing of it.
    let stranger_org = app
        .organisation(
            model::enums::OrganisationKind::College,
            model::enums::OrganisationStatus::Approved,
        )
        .await;
    let stranger = app.staff(stranger_org, false).await;
    let res = app
        .get(
            &format!("/api/v1/courses/{}/certificates", c.course),
            Some(&stranger.cookie),
        )
        .await;
    assert_eq!(res.status, 404);
    let res = app
        .get(
            &format!("/api/v1/issued-certificates/{}/pdf", cert.id),
            Some(&stranger.cookie),
        )
        .await;
    assert_eq!(res.status, 404);
}

#[tokio::test]
async fn revocation_shows_at_once_and_a_reissue_points_to_the_old_certificate() {
    let app = TestApp::new().await;
    let c = app.completed_class(1, &["王𠮷"]).await;
    let admin = app.user(Role::BureauAdmin).await;
    let res = app
        .post_json(
            &format!("/api/v1/courses/{}/certificates", c.course),
            serde_json::json!({}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(json(&res.body)["issued"], 1);
    let cert = course_certs(&app, c.course).await.remove(0);
    let here = format!("/manage/courses/{}", c.course);

    // Only the bureau revokes; a reason is required and kept.
    let res = app
        .post_form(
            &format!("/manage/certificates/{}/revoke", cert.id),
            &[("course", &c.course.to_string()), ("reason", "")],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        res.location()
            .contains(&format!("err_reason_{}=ErrReasonRequired", cert.id)),
        "{}",
        res.location()
    );
    let res = app
        .post_json(
            &format!("/api/v1/issued-certificates/{}/revoke", cert.id),
            serde_json::json!({ "reason": "信息有误" }),
            Some(&c.staff.token),
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .post_form(
            &format!("/manage/certificates/{}/revoke", cert.id),
            &[
                ("course", &c.course.to_string()),
                ("reason", "身份信息有误"),
            ],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        res.location().starts_with(&format!(
            "{here}/certificates?notice=NoticeCertificateRevoked"
        )),
        "{}",
        res.location()
    );
    let page = app
        .get(&format!("/verify/{}", cert.verification_code), None)
        .await;
    assert!(page.body.contains("证书已作废"));
    // Why is for staff: the public page and the public API say only that it was revoked
    // and when.
    assert!(page.body.contains("作废日期"));
    assert!(!page.body.contains("身份信息有误"));
    let signed = json(
        &app.get(
            &format!("/api/v1/certificates/{}", cert.verification_code),
            None,
        )
        .await
        .body,
    );
    assert_eq!(signed["status"], "revoked");
    assert!(signed["revoked_at"].is_string());
    assert!(signed.get("revoked_reason").is_none(), "{signed}");
    let staff_page = app
        .get(&format!("{here}/certificates"), Some(&admin.cookie))
        .await;
    assert!(staff_page.body.contains("身份信息有误"));
    // Its PDF, which staff can still fetch, is stamped across its face.
    let revoked = course_certs(&app, c.course).await.remove(0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("revoked.pdf");
    std::fs::write(
        &path,
        certificates::render(&app.services, &revoked).unwrap(),
    )
    .unwrap();
    let text = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(text.contains("作废") && text.contains("REVOKED"), "{text}");
    let valid_text = {
        let mut valid = revoked.clone();
        valid.status = CertificateStatus::Valid.into();
        let path = dir.path().join("valid.pdf");
        std::fs::write(&path, certificates::render(&app.services, &valid).unwrap()).unwrap();
        run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
    };
    assert!(!valid_text.contains("REVOKED"), "{valid_text}");
    let res = app
        .post_json(
            &format!("/api/v1/issued-certificates/{}/revoke", cert.id),
            serde_json::json!({ "reason": "again" }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 409);

    // A reissue: a new number and code, pointing to the old one, which stays revoked.
    let res = app
        .post_json(
            &format!("/api/v1/issued-certificates/{}/reissue", cert.id),
            serde_json::json!({ "reason": "更正后补发" }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let new_id = json(&res.body)["id"].as_i64().unwrap() as i32;
    let all = course_certs(&app, c.course).await;
    assert_eq!(all.len(), 2);
    let new = all.iter().find(|x| x.id == new_id).unwrap();
    let old = all.iter().find(|x| x.id == cert.id).unwrap();
    assert_eq!(new.replaces_id, Some(cert.id));
    assert_eq!(new.enrollment_id, cert.enrollment_id);
    assert_eq!(old.enrollment_id, None);
    assert_eq!(old.status, CertificateStatus::Revoked);
    assert_eq!(new.status, CertificateStatus::Valid);
    assert_ne!(new.number, old.number);
    let p = CertificatePayload::parse(&new.payload).unwrap();
    assert_eq!(p.replaces.as_deref(), Some(old.number.as_str()));
    let page = app
        .get(&format!("/verify/{}", old.verification_code), None)
        .await;
    assert!(page.body.contains(&new.number), "{}", page.body);
    // The old one cannot be reissued twice.
    let again = certificates::reissue(&app.services, &app.actor(&admin).await, cert.id, "x").await;
    assert!(matches!(
        again,
        Err(DomainError::Conflict(Msg::ErrAlreadyReplaced))
    ));
}

#[tokio::test]
async fn a_provider_allowed_by_the_bureau_issues_and_two_batches_at_once_issue_each_once() {
    let app = TestApp::new().await;
    let c = app.completed_class(6, &[]).await;
    let admin = app.user(Role::BureauAdmin).await;
    let res = app
        .post_form(
            &format!("/manage/courses/{}/certificates/provider", c.course),
            &[("allow", "1")],
            Some(&c.staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("error=ErrForbidden"),
        "{}",
        res.location()
    );
    let res = app
        .post_form(
            &format!("/manage/courses/{}/certificates/provider", c.course),
            &[("allow", "1")],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        res.location()
            .contains("notice=NoticeProviderIssuesChanged")
    );
    let staff = app.actor(&c.staff).await;
    let admin_actor = app.actor(&admin).await;
    let (a, b) = tokio::join!(
        certificates::issue_for_course(&app.services, &staff, c.course),
        certificates::issue_for_course(&app.services, &admin_actor, c.course),
    );
    let issued = [a, b]
        .into_iter()
        .map(|r| match r {
            Ok(r) => r.issued,
            Err(DomainError::Conflict(Msg::ErrAllCertified)) => 0,
            Err(e) => panic!("{e:?}"),
        })
        .sum::<u32>();
    assert_eq!(issued, 6);
    let all = course_certs(&app, c.course).await;
    assert_eq!(all.len(), 6);
    let mut enrolments: Vec<_> = all.iter().map(|c| c.enrollment_id).collect();
    enrolments.sort();
    enrolments.dedup();
    assert_eq!(enrolments.len(), 6);
}

#[tokio::test]
async fn the_public_search_is_rate_limited_per_address() {
    let app = TestApp::new().await;
    let mut last = 0;
    for _ in 0..25 {
        last = app
            .get(
                "/api/v1/certificates?number=YZ-2026-000001&name=%E5%BC%A0%E4%B8%89",
                None,
            )
            .await
            .status
            .as_u16();
        if last == 429 {
            break;
        }
        assert_eq!(last, 404);
    }
    assert_eq!(last, 429);
    let res = app.get("/api/v1/certificates?number=&name=", None).await;
    assert_eq!(res.status, 422);
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils) must be installed: {e}"));
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn a_certificate_pdf_embeds_a_subset_chinese_font_and_its_text_round_trips() {
    let app = TestApp::new().await;
    let svc = &app.services;
    let long_title = "农村电商带头人培训：从开设网店、短视频拍摄与直播带货到钧瓷、中药材和粉条等禹州特色产品的品牌建设、供应链管理、客户服务和售后全流程实战演练（第二期）";
    let payload = CertificatePayload {
        v: 1,
        number: "YZ-2026-000123".into(),
        kind: model::enums::CertificateKind::Leader,
        name: "欧阳堃𠮷".into(),
        id_number_masked: "4110**********1234".into(),
        course: long_title.into(),
        hours: "47.5".into(),
        starts_on: "2026-09-01".into(),
        ends_on: "2026-10-31".into(),
        provider: "禹州职业技术学院（测试）".into(),
        issuer: certificates::DEFAULT_ISSUER.into(),
        issued_on: "2026-11-28".into(),
        replaces: None,
        honour: None,
        business: None,
    };
    let code = "abcdefghijklmnopqrstuvwxyz234567";
    let row = certs::Model {
        id: 1,
        number: payload.number.clone(),
        verification_code: code.into(),
        kind: payload.kind.into(),
        trainee_id: 1,
        course_id: None,
        enrollment_id: None,
        issued_by: 1,
        issued_at: chrono::Utc::now(),
        status: CertificateStatus::Valid.into(),
        revoked_reason: None,
        revoked_at: None,
        payload: payload.canonical(),
        signature: String::new(),
        replaces_id: None,
    };
    let bytes = certificates::render(svc, &row).unwrap();
    let kb = bytes.len() as f64 / 1024.0;
    assert!((10.0..=30.0).contains(&kb), "{kb:.1} KB");
    // 𠮷 (CJK extension B) is not in the main font: it comes from the fallback font
    // (Debian fonts-hanazono, which CI installs), so nothing prints as a box.
    let fonts = svc.certificates.fonts().unwrap();
    assert_eq!(fonts.missing(&payload.name), Vec::<char>::new());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cert.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();

    let text = run("pdftotext", &["-enc", "UTF-8", path, "-"]);
    // Drawn from the row alone: a second rendering says exactly the same.
    let again = dir.path().join("again.pdf");
    std::fs::write(&again, certificates::render(svc, &row).unwrap()).unwrap();
    assert_eq!(
        text,
        run(
            "pdftotext",
            &["-enc", "UTF-8", again.to_str().unwrap(), "-"]
        )
    );
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for expected in [
        "电商带头人证书",
        "欧阳堃𠮷",
        "YZ-2026-000123",
        "4110**********1234",
        "禹州市人力资源和社会保障局",
        "2026年11月28日",
        code,
        "第二期",
    ] {
        assert!(flat.contains(expected), "{expected} missing from:\n{text}");
    }
    // The whole long title is there, wrapped over lines, nothing cut.
    assert!(flat.contains(long_title), "title cut:\n{text}");

    // The Chinese font is embedded as a subset (a tag like ABCDEF+ and "yes yes"); Latin
    // text uses the standard Helvetica, which PDF readers always have.
    let fonts = run("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    let cjk: Vec<&&str> = rows.iter().filter(|r| r.contains("CID TrueType")).collect();
    assert_eq!(
        cjk.len(),
        2,
        "the main font and the fallback for 𠮷: {fonts}"
    );
    for row in cjk {
        let name = row.split_whitespace().next().unwrap();
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not a subset: {fonts}"
        );
        assert!(
            row.contains(" yes yes "),
            "not embedded as a subset: {fonts}"
        );
    }
    for row in rows.iter().filter(|r| !r.contains("CID TrueType")) {
        assert!(row.starts_with("Helvetica "), "unexpected font: {fonts}");
    }
}

#[tokio::test]
async fn verification_without_certificates_and_bad_input() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    assert_eq!(
        certificates::verify(db, "short").await.unwrap(),
        Verification::Malformed
    );
    assert_eq!(
        certificates::verify(db, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            .await
            .unwrap(),
        Verification::Malformed
    );
    // A course where nobody completed has nothing to issue.
    let course = app.open_course(5, -1).await;
    courses::Entity::update_many()
        .col_expr(
            courses::Column::Status,
            Expr::value(CourseStatus::Running.as_str()),
        )
        .filter(courses::Column::Id.eq(course))
        .exec(db)
        .await
        .unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let res = app
        .post_json(
            &format!("/api/v1/courses/{course}/certificates"),
            serde_json::json!({}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 409);
    assert!(res.body.contains("还没有确认结业的学员"), "{}", res.body);
    let viewer = app.user(Role::BureauViewer).await;
    let res = app
        .post_json(
            &format!("/api/v1/courses/{course}/certificates"),
            serde_json::json!({}),
            Some(&viewer.token),
        )
        .await;
    assert_eq!(res.status, 403);
}
