//! Rosters and imports: staff see their course's trainees (masked IDs), admit from the waiting
//! list, remove with a reason; exports neutralise formulas; imports preview every row, apply
//! all or nothing, accept GBK CSV, and imported people activate their accounts.

use domain::entities::{audit_log, courses, enrollments, imports, trainees};
use domain::{Actor, DomainError, enrolment, imports as import, rosters, sheets};
use model::Role;
use model::enums::{EnrollmentStatus, ImportStatus};
use model::i18n::{Locale, Msg};
use model::rosters::{RemoveInput, RosterFilter};
use model::trainees::ProfileInput;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::testing::{TestApp, TestUser};

fn id_number(n: u32) -> String {
    server::testing::test_id_number("19910203", n)
}

async fn trainee(app: &TestApp, n: u32) -> Actor {
    app.trainee(&format!("学员{n}"), &id_number(n)).await.1
}

/// An open course with `capacity` places and a staff member of its provider.
async fn course_with_staff(app: &TestApp, capacity: i32) -> (i32, TestUser, Actor) {
    let course = app.open_course(capacity, 10).await;
    let org = courses::Entity::find_by_id(course)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let staff = app.staff(org, false).await;
    let actor = app.actor(&staff).await;
    (course, staff, actor)
}

#[tokio::test]
async fn staff_see_the_roster_admit_out_of_turn_and_remove_with_a_reason() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, staff, staff_actor) = course_with_staff(&app, 1).await;
    let first = trainee(&app, 1).await;
    let second = trainee(&app, 2).await;
    let third = trainee(&app, 3).await;
    for t in [&first, &second, &third] {
        enrolment::enrol(db, t, course).await.unwrap();
    }
    let page = rosters::roster(db, &staff_actor, course, RosterFilter::Active, "", 1)
        .await
        .unwrap();
    assert_eq!(page.total, 3);
    assert!(page.can_manage && !page.can_reveal);
    let statuses: Vec<_> = page
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.status, r.waitlist_rank))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("学员1", EnrollmentStatus::Enrolled, None),
            ("学员2", EnrollmentStatus::Waitlisted, Some(1)),
            ("学员3", EnrollmentStatus::Waitlisted, Some(2)),
        ]
    );
    // IDs are masked; the search finds by the last characters.
    assert!(
        page.rows
            .iter()
            .all(|r| r.id_number_masked.contains("**********"))
    );
    let last4 = &id_number(3)[14..];
    let found = rosters::roster(db, &staff_actor, course, RosterFilter::Active, last4, 1)
        .await
        .unwrap();
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0].name, "学员3");

    // No free seat: admitting out of turn is refused.
    let third_row = page.rows[2].enrollment_id;
    assert!(matches!(
        rosters::admit(db, &staff_actor, course, third_row).await,
        Err(DomainError::Conflict(Msg::ErrNoFreeSeat))
    ));
    // A reason is required to remove someone.
    let first_row = page.rows[0].enrollment_id;
    assert!(matches!(
        rosters::remove(
            db,
            &staff_actor,
            course,
            first_row,
            RemoveInput { reason: " ".into() }
        )
        .await,
        Err(DomainError::Invalid(_))
    ));
    // Removing the enrolled trainee (through the form) gives the seat to the first in line.
    let res = app
        .post_form(
            &format!("/manage/courses/{course}/roster/{first_row}/remove"),
            &[("reason", "连续三次未到课")],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(res.location().contains("notice=NoticeRemoved"));
    let removed = enrollments::Entity::find_by_id(first_row)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(removed.status, EnrollmentStatus::Removed);
    assert_eq!(removed.removed_reason.as_deref(), Some("连续三次未到课"));
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("enrolment.removed"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(audit.detail.unwrap().contains("连续三次未到课"));
    let after = rosters::roster(db, &staff_actor, course, RosterFilter::Active, "", 1)
        .await
        .unwrap();
    assert_eq!(
        after
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.status))
            .collect::<Vec<_>>(),
        vec![
            ("学员2", EnrollmentStatus::Enrolled),
            ("学员3", EnrollmentStatus::Waitlisted)
        ]
    );
    // With a place added, staff admit the waiting trainee out of turn.
    app.services
        .db
        .execute_unprepared(&format!(
            "UPDATE courses SET capacity = 2 WHERE id = {course}"
        ))
        .await
        .unwrap();
    rosters::admit(db, &staff_actor, course, third_row)
        .await
        .unwrap();
    let c = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((c.seats_taken, c.capacity), (2, 2));
}

#[tokio::test]
async fn another_organisations_roster_is_not_found_and_viewers_cannot_change_it() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, _, _) = course_with_staff(&app, 5).await;
    let (_, _, stranger) = course_with_staff(&app, 5).await;
    let t = trainee(&app, 9).await;
    enrolment::enrol(db, &t, course).await.unwrap();
    assert!(matches!(
        rosters::roster(db, &stranger, course, RosterFilter::Active, "", 1).await,
        Err(DomainError::NotFound)
    ));
    let res = app
        .get(&format!("/api/v1/courses/{course}/roster"), None)
        .await;
    assert_eq!(res.status, 401);
    let viewer = app.user(Role::BureauViewer).await;
    let viewer_actor = app.actor(&viewer).await;
    let page = rosters::roster(db, &viewer_actor, course, RosterFilter::Active, "", 1)
        .await
        .unwrap();
    assert!(!page.can_manage);
    let e = page.rows[0].enrollment_id;
    assert!(matches!(
        rosters::remove(
            db,
            &viewer_actor,
            course,
            e,
            RemoveInput { reason: "x".into() }
        )
        .await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        rosters::remove(db, &t, course, e, RemoveInput { reason: "x".into() }).await,
        Err(DomainError::Forbidden)
    ));
    // A trainee's own ID stays masked to staff; the bureau admin's view is audited.
    let admin = app.user(Role::BureauAdmin).await;
    let res = app
        .get(
            &format!("/api/v1/trainees/{}/id-number", page.rows[0].trainee_id),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["id_number"], id_number(9));
}

#[tokio::test]
async fn exports_are_real_spreadsheets_with_formulas_neutralised_and_audited() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, staff, staff_actor) = course_with_staff(&app, 5).await;
    let user = app.user(Role::Trainee).await;
    let actor = app.actor(&user).await;
    domain::trainees::save_profile(
        &app.services,
        &actor,
        ProfileInput {
            name: "=HYPERLINK(\"x\")".into(),
            id_number: id_number(20),
            town_id: Some(2),
            village: "+1".into(),
            education: "senior_high".into(),
            prior_status: "farmer".into(),
            ecommerce_experience: "none".into(),
            consent: true,
        },
    )
    .await
    .unwrap();
    enrolment::enrol(db, &actor, course).await.unwrap();
    let csv = app
        .get(
            &format!("/manage/courses/{course}/roster.csv"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    assert!(csv.body.starts_with('\u{feff}'));
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert!(csv.body.contains(",'+1,"), "{}", csv.body);
    assert!(!csv.body.contains(&id_number(20)));
    let xlsx = rosters::export(
        db,
        &staff_actor,
        course,
        RosterFilter::Active,
        rosters::ExportFormat::Xlsx,
        Locale::ZhCn,
    )
    .await
    .unwrap();
    let sheet = sheets::read(&xlsx.bytes().await.unwrap()).unwrap();
    assert_eq!(sheet.header[1], "姓名");
    assert_eq!(sheet.rows[0].1[1].text(), "'=HYPERLINK(\"x\")");
    let exported = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("roster.exported"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(exported, 2);
    // Strangers get nothing.
    let other = app.user(Role::Trainee).await;
    let res = app
        .get(
            &format!("/manage/courses/{course}/roster.xlsx"),
            Some(&other.cookie),
        )
        .await;
    assert_ne!(res.status, 200);
}

fn gbk_csv(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut text = String::from("姓名,身份证号,手机号,乡镇\r\n");
    for r in rows {
        text.push_str(&r.join(","));
        text.push_str("\r\n");
    }
    encoding_rs::GBK.encode(&text).0.into_owned()
}

#[tokio::test]
async fn an_import_with_errors_saves_nothing_and_the_corrected_file_applies_all_rows() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, staff, staff_actor) = course_with_staff(&app, 3).await;
    let existing = trainee(&app, 30).await;
    let existing_phone = existing.user.as_ref().unwrap().phone.clone();
    let mut bad_check = id_number(31);
    bad_check.pop();
    bad_check.push(if id_number(31).ends_with('1') {
        '2'
    } else {
        '1'
    });
    let id31 = id_number(31);
    let id32 = id_number(32);
    let bad = gbk_csv(&[
        ["张一", &bad_check, "13900000031", "颍川街道"],
        ["", &id32, "13900000032", "神垕"],
        ["王三", &id_number(33), "13900000033", "火星镇"],
        ["李四", &id32, "13900000034", "方山"],
    ]);
    let id = import::preview(&app.services, &staff_actor, Some(course), "名单.csv", &bad)
        .await
        .unwrap();
    let view = import::view(&app.services, &staff_actor, id).await.unwrap();
    // Line 3's ID number is line 5's too: neither row is valid.
    assert_eq!((view.total_rows, view.valid_rows), (4, 0));
    assert!(!view.can_apply);
    let problems: Vec<(u32, Vec<Msg>)> = view
        .rows
        .iter()
        .map(|r| (r.line, r.errors.iter().map(|e| e.message).collect()))
        .collect();
    assert!(
        problems.contains(&(2, vec![Msg::ErrIdNumberCheck])),
        "{problems:?}"
    );
    assert!(
        problems.contains(&(3, vec![Msg::ErrImportNameMissing])),
        "{problems:?}"
    );
    assert!(
        problems.contains(&(4, vec![Msg::ErrImportUnknownTown])),
        "{problems:?}"
    );
    assert!(
        problems.contains(&(5, vec![Msg::ErrImportSamePerson])),
        "{problems:?}"
    );
    assert!(
        view.rows
            .iter()
            .all(|r| !r.id_number_masked.contains(&id32[4..14]))
    );
    assert!(matches!(
        import::begin_apply(db, &staff_actor, id).await,
        Err(DomainError::Conflict(Msg::ErrImportHasErrors))
    ));
    // The preview keeps no ID number in the clear.
    let stored = imports::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(!stored.payload.unwrap().contains(&id32));

    // The corrected file (through the JSON API, as another system would send it): two new
    // people, one already registered, and a course with three places.
    let good = gbk_csv(&[
        ["张一", &id31, "13900000031", "颍川街道"],
        ["赵二", &id32, "13900000032", "神垕"],
        ["已注册", &id_number(30), &existing_phone, "方山"],
    ]);
    let req = TestApp::request(
        axum::http::Method::POST,
        &format!("/api/v1/imports?course_id={course}&file_name=ok.csv"),
        Some(&staff.cookie),
    )
    .header("content-type", "text/csv")
    .body(axum::body::Body::from(good))
    .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let good_id = res.json()["id"].as_i64().unwrap() as i32;
    assert_eq!(res.json()["valid_rows"], 3);
    let res = app
        .post_form(
            &format!("/api/v1/imports/{good_id}/apply"),
            &[],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        res.json(),
        serde_json::json!({ "created": 2, "existing": 1, "enrolled": 3 })
    );
    let c = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.seats_taken, 3);
    let stored = imports::Entity::find_by_id(good_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, ImportStatus::Applied);
    assert!(stored.payload.is_none());
    // Applying twice does nothing more.
    assert!(matches!(
        import::begin_apply(db, &staff_actor, good_id).await,
        Err(DomainError::Conflict(Msg::ErrImportNotPending))
    ));

    // The same file again: everyone is already on the (now full) course; nothing is saved.
    let again = gbk_csv(&[["张一", &id31, "13900000031", "颍川街道"]]);
    let id = import::preview(
        &app.services,
        &staff_actor,
        Some(course),
        "again.csv",
        &again,
    )
    .await
    .unwrap();
    let view = import::view(&app.services, &staff_actor, id).await.unwrap();
    assert_eq!(
        view.rows[0].errors[0].message,
        Msg::ErrImportAlreadyOnCourse
    );

    // An imported person sets a password with their ID number, once.
    let wrong = app
        .post_form(
            "/activate",
            &[
                ("phone", "13900000032"),
                ("id_number", &id31),
                ("password", "new-password-1"),
                ("password_confirm", "new-password-1"),
            ],
            None,
        )
        .await;
    assert!(
        wrong.location().contains("error=ErrActivateMismatch"),
        "{}",
        wrong.location()
    );
    let ok = app
        .post_form(
            "/activate",
            &[
                ("phone", "13900000032"),
                ("id_number", &id32),
                ("password", "new-password-1"),
                ("password_confirm", "new-password-1"),
            ],
            None,
        )
        .await;
    assert_eq!(ok.status, 303);
    assert!(ok.location().starts_with("/learning"), "{}", ok.location());
    assert!(ok.cookie("yucai_session").is_some());
    let res = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({ "phone": "13900000032", "password": "new-password-1" }),
            None,
        )
        .await;
    assert_eq!(res.status, 200);
    let twice = app
        .post_form(
            "/activate",
            &[
                ("phone", "13900000032"),
                ("id_number", &id32),
                ("password", "other-password-2"),
                ("password_confirm", "other-password-2"),
            ],
            None,
        )
        .await;
    assert!(twice.location().contains("error=ErrActivateMismatch"));
    let people = trainees::Entity::find().count(db).await.unwrap();
    assert_eq!(people, 3);
}

#[tokio::test]
async fn imports_refuse_files_that_are_not_spreadsheets_or_too_large_and_other_organisations() {
    let app = TestApp::new().await;
    let (course, staff, staff_actor) = course_with_staff(&app, 3).await;
    let (_, _, stranger) = course_with_staff(&app, 3).await;
    for (bytes, msg) in [
        (
            b"%PDF-1.7\n\x00\x01binary".to_vec(),
            Msg::ErrNotASpreadsheet,
        ),
        (b"name,phone\n".to_vec(), Msg::ErrSheetEmpty),
        (b"foo,bar\n1,2\n".to_vec(), Msg::ErrImportColumns),
    ] {
        match import::preview(&app.services, &staff_actor, None, "x", &bytes).await {
            Err(DomainError::Invalid(f)) => assert_eq!(f[0].message, msg),
            other => panic!("{other:?}"),
        }
    }
    // Another organisation's course cannot be imported into, nor its imports read.
    assert!(matches!(
        import::preview(&app.services, &stranger, Some(course), "x", b"a").await,
        Err(DomainError::NotFound)
    ));
    let ok =
        "姓名,身份证号,手机号,乡镇\n张一,".to_string() + &id_number(40) + ",13900000040,颍川\n";
    let id = import::preview(
        &app.services,
        &staff_actor,
        Some(course),
        "x.csv",
        ok.as_bytes(),
    )
    .await
    .unwrap();
    assert!(matches!(
        import::view(&app.services, &stranger, id).await,
        Err(DomainError::NotFound)
    ));
    // Over the size limit, through the upload form: a message, not a crash.
    let big = vec![b'a'; sheets::MAX_UPLOAD_BYTES + 10];
    let boundary = "XyZ";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"course\"\r\n\r\n{course}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend(&big);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = TestApp::request(
        axum::http::Method::POST,
        "/manage/imports",
        Some(&staff.cookie),
    )
    .header(
        "content-type",
        format!("multipart/form-data; boundary={boundary}"),
    )
    .body(axum::body::Body::from(body))
    .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(
        res.location().contains("err_file=ErrFileTooLarge"),
        "{}",
        res.location()
    );
}

#[tokio::test]
async fn staff_download_the_template_and_discard_a_preview_through_the_pages() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, staff, staff_actor) = course_with_staff(&app, 3).await;
    // The template is a spreadsheet whose headings an import understands.
    let res = app
        .get("/manage/imports/template.xlsx", Some(&staff.cookie))
        .await;
    assert_eq!(res.status, 200);
    assert!(
        res.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let template = import::template(Locale::ZhCn).unwrap();
    let sheet = sheets::read(&template.bytes().await.unwrap()).unwrap();
    assert_eq!(
        &sheet.header[..4],
        ["姓名", "身份证号", "手机号", "乡镇（街道）"]
    );
    // Without a login, the template sends to the login page.
    let res = app.get("/manage/imports/template.xlsx", None).await;
    assert!(res.location().starts_with("/login"), "{}", res.location());

    // A preview is shown on its page, then discarded: its rows are gone, nothing was saved.
    let text = format!(
        "姓名,身份证号,手机号,乡镇\n张一,{},13900000050,颍川\n",
        id_number(50)
    );
    let id = import::preview(
        &app.services,
        &staff_actor,
        Some(course),
        "x.csv",
        text.as_bytes(),
    )
    .await
    .unwrap();
    let page = app
        .get(&format!("/manage/imports/{id}"), Some(&staff.cookie))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("确认导入"), "{}", page.body);
    let res = app
        .post_form(
            &format!("/manage/imports/{id}/discard"),
            &[],
            Some(&staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("notice=NoticeImportDiscarded"),
        "{}",
        res.location()
    );
    let stored = imports::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, ImportStatus::Discarded);
    assert!(stored.payload.is_none());
    assert_eq!(trainees::Entity::find().count(db).await.unwrap(), 0);
}

/// Once completion is confirmed, everyone is still on the course: the roster's default view
/// and its "on the course" view list them, the export has them, and the check-in screen
/// counts them.
#[tokio::test]
async fn after_completion_the_roster_and_check_in_count_everyone_on_the_course() {
    use domain::entities::course_sessions;
    let app = TestApp::new().await;
    let db = &app.services.db;
    let class = app.completed_class(3, &[]).await;
    let staff = app.actor(&class.staff).await;
    for filter in [RosterFilter::Active, RosterFilter::Enrolled] {
        let page = rosters::roster(db, &staff, class.course, filter, "", 1)
            .await
            .unwrap();
        assert_eq!(page.total, 4, "{filter:?}");
        assert!(
            page.rows
                .iter()
                .any(|r| r.status == EnrollmentStatus::Completed)
        );
        assert!(
            page.rows
                .iter()
                .any(|r| r.status == EnrollmentStatus::NotCompleted)
        );
    }
    let export = app
        .get(
            &format!("/manage/courses/{}/roster.csv", class.course),
            Some(&class.staff.cookie),
        )
        .await;
    assert_eq!(export.status, 200);
    assert_eq!(export.body.lines().count(), 1 + 4, "{}", export.body);
    let session = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(class.course))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let screen = domain::checkin::screen(&app.services, &staff, class.course, session.id)
        .await
        .unwrap();
    assert_eq!(screen.enrolled, 4);
}
