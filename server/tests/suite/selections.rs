//! Honour selections: a round from nominations through scoring, violations and the public
//! notice with its objections to the published honour list and its certificates; the rules on
//! bad input at each step; what each role sees; and the limits on public objections.

use chrono::{Duration, Utc};
use domain::entities::{certificates as certificate_rows, selection_rounds};
use domain::{Actor, DomainError, certificates, selections};
use model::Role;
use model::certificates::Verification;
use model::enums::{
    CertificateKind, NominationStatus, RoundStatus, SelectionKind, ViolationEffect,
};
use model::i18n::Msg;
use model::selections::{
    NominationInput, NoticeInput, ObjectionDecision, ObjectionInput, RoundInput, ScoreInput,
    ViolationInput,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use server::testing::{TestApp, test_id_number};

fn round_input(kind: SelectionKind, year: i32) -> RoundInput {
    RoundInput {
        kind: Some(kind),
        year: Some(year),
        title: format!("{year}年度禹州市诚信带货主播评选"),
        criteria: "守法经营、诚信带货、无消费投诉；带动就业、助农增收。".into(),
        notice_days: Some(7),
    }
}

fn nomination(trainee: Option<i32>, business: &str) -> NominationInput {
    NominationInput {
        trainee_id: trainee,
        business_name: business.into(),
        reason: "长期直播销售钧瓷和粉条，零投诉，带动8人就业。".into(),
    }
}

fn score(n: i32) -> ScoreInput {
    ScoreInput {
        score: Some(n),
        comment: String::new(),
    }
}

fn objection(nomination: Option<i32>, body: &str, phone: &str) -> ObjectionInput {
    ObjectionInput {
        nomination_id: nomination,
        body: body.into(),
        contact_name: "热心市民".into(),
        contact_phone: phone.into(),
    }
}

fn field_errors(result: Result<impl std::fmt::Debug, DomainError>) -> Vec<(String, Msg)> {
    match result {
        Err(DomainError::Invalid(fields)) => {
            fields.into_iter().map(|f| (f.field, f.message)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// The time passes: the round's notice period ends.
async fn end_notice(app: &TestApp, round: i32) {
    selection_rounds::Entity::update_many()
        .col_expr(
            selection_rounds::Column::NoticeEndsAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .filter(selection_rounds::Column::Id.eq(round))
        .exec(&app.services.db)
        .await
        .expect("end the notice");
}

fn visitor(ip: &str) -> Actor {
    Actor {
        ip: Some(ip.into()),
        ..Actor::anonymous()
    }
}

#[tokio::test]
async fn a_round_goes_from_nominations_through_public_notice_to_honour_certificates() {
    let app = TestApp::new().await;
    let svc = &app.services;
    let db = &svc.db;
    let admin_user = app.user(Role::BureauAdmin).await;
    let admin = app.actor(&admin_user).await;
    let second_reviewer = app.actor(&app.user(Role::BureauAdmin).await).await;
    let class = app.completed_class(2, &["李直播", "王带货"]).await;
    let college_staff = app.actor(&class.staff).await;
    let (host, _) = &class.trainees[0];
    let host_row = domain::trainees::own_row(db, &class.trainees[0].1)
        .await
        .unwrap()
        .unwrap();
    let (seller_user, seller) = &class.trainees[1];
    let (_, stranger) = app
        .trainee("赵无关", &test_id_number("19900101", 901))
        .await;
    let stranger_row = domain::trainees::own_row(db, &stranger)
        .await
        .unwrap()
        .unwrap();

    // Opening: bad input at the fields, nothing saved; one round per kind and year.
    let mut bad = round_input(SelectionKind::HonestHost, 2026);
    bad.notice_days = Some(31);
    bad.criteria = String::new();
    assert_eq!(
        field_errors(selections::open(db, &admin, bad).await),
        vec![
            ("criteria".into(), Msg::ErrRequired),
            ("notice_days".into(), Msg::ErrNoticeDays)
        ]
    );
    assert!(matches!(
        selections::open(
            db,
            &college_staff,
            round_input(SelectionKind::HonestHost, 2026)
        )
        .await,
        Err(DomainError::Forbidden)
    ));
    let round = selections::open(db, &admin, round_input(SelectionKind::HonestHost, 2026))
        .await
        .unwrap();
    assert_eq!(
        field_errors(
            selections::open(db, &admin, round_input(SelectionKind::HonestHost, 2026)).await
        ),
        vec![("year".into(), Msg::ErrRoundExists)]
    );
    assert_eq!(selection_rounds::Entity::find().count(db).await.unwrap(), 1);

    // Nominations: the college puts forward its own trainee, once; not a stranger.
    let by_college =
        selections::nominate(db, &college_staff, round, nomination(Some(host_row.id), ""))
            .await
            .unwrap();
    assert!(matches!(
        selections::nominate(db, &college_staff, round, nomination(Some(host_row.id), "")).await,
        Err(DomainError::Conflict(Msg::ErrAlreadyNominated))
    ));
    assert_eq!(
        field_errors(
            selections::nominate(
                db,
                &college_staff,
                round,
                nomination(Some(stranger_row.id), "")
            )
            .await
        ),
        vec![("trainee_id".into(), Msg::ErrNotNominable)]
    );
    // A trainee applies through the API (no trainee id: themselves).
    let res = app
        .post_json(
            &format!("/api/v1/selections/{round}/nominations"),
            json!({"reason": "在抖音直播销售三粉，好评率99%。"}),
            Some(&seller_user.token),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let applied = res.json()["id"].as_i64().unwrap() as i32;
    assert!(matches!(
        selections::nominate(db, seller, round, nomination(None, "")).await,
        Err(DomainError::Conflict(Msg::ErrAlreadyNominated))
    ));

    // Scoring: on the scale only; a reviewer's second score replaces the first.
    assert_eq!(
        field_errors(selections::score(db, &admin, by_college, score(101)).await),
        vec![("score".into(), Msg::ErrScoreRange)]
    );
    assert!(matches!(
        selections::score(db, &college_staff, by_college, score(90)).await,
        Err(DomainError::Forbidden)
    ));
    selections::score(db, &admin, by_college, score(60))
        .await
        .unwrap();
    selections::score(db, &admin, by_college, score(90))
        .await
        .unwrap();
    selections::score(db, &second_reviewer, by_college, score(70))
        .await
        .unwrap();
    selections::score(db, &admin, applied, score(85))
        .await
        .unwrap();
    selections::record_violation(
        db,
        &admin,
        applied,
        ViolationInput {
            source: "市场监管局通报〔2026〕12号".into(),
            description: "直播中夸大宣传".into(),
            effect: Some(ViolationEffect::Deduct),
            points: Some(5),
        },
    )
    .await
    .unwrap();
    let detail = selections::detail(db, &admin, round).await.unwrap();
    let standing: Vec<_> = detail
        .nominations
        .iter()
        .map(|n| (n.id, n.final_score, n.scores.len(), n.self_applied))
        .collect();
    assert_eq!(
        standing,
        vec![
            (by_college, Some(80.0), 2, false),
            (applied, Some(80.0), 1, true)
        ]
    );

    // Each sees their own: the college its nomination without scores, the trainee theirs.
    let seen = selections::detail(db, &college_staff, round).await.unwrap();
    assert_eq!(seen.nominations.len(), 1);
    assert_eq!(seen.nominations[0].id, by_college);
    assert!(seen.nominations[0].scores.is_empty() && seen.nominations[0].final_score.is_none());
    let seen = selections::detail(db, seller, round).await.unwrap();
    assert_eq!(
        seen.nominations.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![applied]
    );
    assert!(seen.objections.is_empty() && !seen.can_manage);

    // The shortlist: not empty, only scored candidates of this round.
    assert_eq!(
        field_errors(selections::start_notice(db, &admin, round, NoticeInput::default()).await),
        vec![("shortlist".into(), Msg::ErrShortlistEmpty)]
    );
    assert_eq!(
        field_errors(
            selections::start_notice(
                db,
                &admin,
                round,
                NoticeInput {
                    shortlist: vec![by_college, 999_999]
                }
            )
            .await
        ),
        vec![("shortlist".into(), Msg::ErrShortlistInvalid)]
    );
    selections::start_notice(
        db,
        &admin,
        round,
        NoticeInput {
            shortlist: vec![by_college, applied],
        },
    )
    .await
    .unwrap();
    // On notice, the round no longer changes.
    assert!(matches!(
        selections::update(
            db,
            &admin,
            round,
            round_input(SelectionKind::HonestHost, 2026)
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrRoundLocked))
    ));
    assert!(matches!(
        selections::score(db, &admin, applied, score(10)).await,
        Err(DomainError::Conflict(Msg::ErrRoundNotOpen))
    ));
    assert!(matches!(
        selections::nominate(db, &stranger, round, nomination(None, "")).await,
        Err(DomainError::Conflict(Msg::ErrRoundNotOpen))
    ));

    // The public notice: names, towns and scores; no phone or ID number anywhere.
    let res = app.get("/api/v1/notices", None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let notices = res.json();
    assert_eq!(notices["notices"].as_array().unwrap().len(), 1);
    let shown: Vec<&str> = notices["notices"][0]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(shown, vec!["李直播", "王带货"]);
    assert_eq!(notices["notices"][0]["taking_objections"], true);
    for secret in [
        host.phone.as_str(),
        seller_user.phone.as_str(),
        &host_row.id_number_masked,
    ] {
        assert!(!res.body.contains(secret), "{secret} on the public notice");
    }
    let page = app.get(&format!("/api/v1/notices/{round}"), None).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains(&host.phone));

    // Objections: plain text only, a candidate on this notice, then received.
    let path = format!("/api/v1/notices/{round}/objections");
    let res = app
        .post_json(
            &path,
            json!({"body": "<script>alert(1)</script>", "contact_name": "王五", "contact_phone": "13900001111"}),
            None,
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(res.json()["error"]["fields"][0]["field"], "body");
    let res = app
        .post_json(
            &path,
            json!({"nomination_id": 999_999, "body": "该候选人有售假行为。", "contact_name": "王五", "contact_phone": "13900001111"}),
            None,
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    let res = app
        .post_json(
            &path,
            json!({"nomination_id": applied, "body": "该主播曾在直播中以次充好，有订单为证。", "contact_name": "王五", "contact_phone": "139 0000 1111"}),
            None,
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let objection_id = res.json()["id"].as_i64().unwrap() as i32;
    // The contact details reach the bureau admin only, never the public pages.
    let detail = selections::detail(db, &admin, round).await.unwrap();
    assert_eq!(detail.objections.len(), 1);
    assert_eq!(detail.objections[0].contact_phone, "13900001111");
    assert_eq!(detail.objections[0].candidate.as_deref(), Some("王带货"));
    assert!(
        !app.get("/api/v1/notices", None)
            .await
            .body
            .contains("13900001111")
    );

    // Publishing waits for the end of the notice and for every objection to be decided.
    assert!(matches!(
        selections::publish(svc, &admin, round).await,
        Err(DomainError::Conflict(Msg::ErrNoticeRunning))
    ));
    end_notice(&app, round).await;
    let res = app
        .post_json(
            &path,
            json!({"body": "公示期后才提出的异议内容", "contact_name": "王五", "contact_phone": "13900002222"}),
            None,
        )
        .await;
    assert_eq!(
        res.status, 409,
        "objections close with the notice: {}",
        res.body
    );
    assert!(matches!(
        selections::publish(svc, &admin, round).await,
        Err(DomainError::Conflict(Msg::ErrObjectionsPending))
    ));
    assert_eq!(
        field_errors(
            selections::decide_objection(
                db,
                &admin,
                objection_id,
                ObjectionDecision {
                    upheld: Some(true),
                    reply: String::new()
                }
            )
            .await
        ),
        vec![("reply".into(), Msg::ErrRequired)]
    );
    let upheld = ObjectionDecision {
        upheld: Some(true),
        reply: "经核实，异议成立。".into(),
    };
    selections::decide_objection(db, &admin, objection_id, upheld.clone())
        .await
        .unwrap();
    assert!(matches!(
        selections::decide_objection(db, &admin, objection_id, upheld).await,
        Err(DomainError::Conflict(Msg::ErrObjectionDecided))
    ));

    // The result: the candidate with the upheld objection is not honoured; the other is, with
    // a signed honour certificate that verifies on the public page.
    let res = app
        .post_json(
            &format!("/api/v1/selections/{round}/publish"),
            json!({}),
            Some(&admin_user.token),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["honoured"], 1);
    let detail = selections::detail(db, &admin, round).await.unwrap();
    assert_eq!(detail.round.status, RoundStatus::Published);
    let statuses: Vec<_> = detail.nominations.iter().map(|n| n.status).collect();
    assert_eq!(
        statuses,
        vec![NominationStatus::Honoured, NominationStatus::NotSelected]
    );
    let code = detail.nominations[0].certificate_code.clone().unwrap();
    let Verification::Found(cert) = certificates::verify(db, &code).await.unwrap() else {
        panic!("the honour certificate verifies");
    };
    assert_eq!(cert.kind, CertificateKind::Honour);
    assert_eq!(cert.honour.as_deref(), Some("诚信带货主播"));
    let row = certificate_rows::Entity::find()
        .filter(certificate_rows::Column::VerificationCode.eq(code.as_str()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(certificates::signature_holds(
        &certificates::issuer(svc).public_key,
        &row.payload,
        &row.signature
    ));
    let pdf = certificates::render(svc, &row).unwrap();
    assert!(
        pdf.starts_with(b"%PDF") && pdf.len() < 30_000,
        "{} bytes",
        pdf.len()
    );
    let page = app.get(&format!("/verify/{code}"), None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("诚信带货主播"),
        "the verification page names the honour"
    );
    // The honour list is public; the round no longer changes.
    let honours = app.get("/api/v1/notices", None).await.json();
    assert_eq!(honours["notices"].as_array().unwrap().len(), 0);
    let winners: Vec<&str> = honours["honours"][0]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(winners, vec!["李直播"]);
    assert!(matches!(
        selections::update(
            db,
            &admin,
            round,
            round_input(SelectionKind::HonestHost, 2026)
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrRoundLocked))
    ));
    assert!(matches!(
        selections::cancel(db, &admin, round).await,
        Err(DomainError::Conflict(Msg::ErrRoundLocked))
    ));
    assert!(matches!(
        selections::publish(svc, &admin, round).await,
        Err(DomainError::Conflict(Msg::ErrWrongStatus))
    ));
    for action in [
        "selection.opened",
        "selection.nominated",
        "selection.scored",
        "selection.violation_recorded",
        "selection.notice_started",
        "selection.objection_received",
        "selection.objection_decided",
        "selection.published",
    ] {
        assert!(app.audited(action).await > 0, "{action} is audited");
    }
}

#[tokio::test]
async fn a_blocking_violation_keeps_a_candidate_off_the_shortlist_and_business_rounds_need_a_business()
 {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let admin = app.actor(&app.user(Role::BureauAdmin).await).await;
    let class = app.completed_class(1, &["孙网店"]).await;
    let trainee = domain::trainees::own_row(db, &class.trainees[0].1)
        .await
        .unwrap()
        .unwrap();
    let round = selections::open(db, &admin, round_input(SelectionKind::HonestBusiness, 2025))
        .await
        .unwrap();
    assert_eq!(
        field_errors(
            selections::nominate(db, &admin, round, nomination(Some(trainee.id), " ")).await
        ),
        vec![("business_name".into(), Msg::ErrBusinessNameRequired)]
    );
    let n = selections::nominate(
        db,
        &admin,
        round,
        nomination(Some(trainee.id), "禹州钧瓷小铺"),
    )
    .await
    .unwrap();
    selections::score(db, &admin, n, score(95)).await.unwrap();
    assert_eq!(
        field_errors(
            selections::record_violation(
                db,
                &admin,
                n,
                ViolationInput {
                    source: "12315投诉".into(),
                    description: "售后推诿".into(),
                    effect: Some(ViolationEffect::Deduct),
                    points: Some(101),
                },
            )
            .await
        ),
        vec![("points".into(), Msg::ErrDeductionRange)]
    );
    selections::record_violation(
        db,
        &admin,
        n,
        ViolationInput {
            source: "市场监管局行政处罚决定书".into(),
            description: "销售不合格产品".into(),
            effect: Some(ViolationEffect::Block),
            points: None,
        },
    )
    .await
    .unwrap();
    let detail = selections::detail(db, &admin, round).await.unwrap();
    assert!(detail.nominations[0].blocked);
    assert_eq!(
        field_errors(
            selections::start_notice(db, &admin, round, NoticeInput { shortlist: vec![n] }).await
        ),
        vec![("shortlist".into(), Msg::ErrShortlistInvalid)]
    );
    // A round not on notice is not public.
    assert_eq!(
        app.get(&format!("/api/v1/notices/{round}"), None)
            .await
            .status,
        404
    );
    selections::cancel(db, &admin, round).await.unwrap();
    let trainee_actor = &class.trainees[0].1;
    assert!(matches!(
        selections::detail(db, trainee_actor, round).await,
        Err(DomainError::NotFound)
    ));
}

#[tokio::test]
async fn objections_are_limited_per_address_and_per_contact_phone() {
    let app = TestApp::new().await;
    let svc = &app.services;
    let db = &svc.db;
    let admin = app.actor(&app.user(Role::BureauAdmin).await).await;
    let class = app.completed_class(1, &["周主播"]).await;
    let trainee = domain::trainees::own_row(db, &class.trainees[0].1)
        .await
        .unwrap()
        .unwrap();
    let round = selections::open(db, &admin, round_input(SelectionKind::HonestHost, 2024))
        .await
        .unwrap();
    let n = selections::nominate(db, &admin, round, nomination(Some(trainee.id), ""))
        .await
        .unwrap();
    selections::score(db, &admin, n, score(88)).await.unwrap();
    selections::start_notice(db, &admin, round, NoticeInput { shortlist: vec![n] })
        .await
        .unwrap();
    // One address: five, then a wait.
    for i in 0..5 {
        selections::object(
            svc,
            &visitor("10.0.0.1"),
            round,
            objection(
                Some(n),
                "请核实该主播的售后情况。",
                &format!("1390000{i:04}"),
            ),
        )
        .await
        .unwrap();
    }
    assert!(matches!(
        selections::object(
            svc,
            &visitor("10.0.0.1"),
            round,
            objection(None, "请核实该主播的售后情况。", "13700000000")
        )
        .await,
        Err(DomainError::RateLimited { .. })
    ));
    // One phone from many addresses: five per round.
    for i in 0..5 {
        selections::object(
            svc,
            &visitor(&format!("10.0.1.{i}")),
            round,
            objection(None, "请核实该主播的售后情况。", "13600000000"),
        )
        .await
        .unwrap();
    }
    assert!(matches!(
        selections::object(
            svc,
            &visitor("10.0.2.1"),
            round,
            objection(None, "请核实该主播的售后情况。", "13600000000")
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrTooManyObjections))
    ));
    // Bad input is refused before it counts, and saves nothing.
    let before = selections::detail(db, &admin, round)
        .await
        .unwrap()
        .objections
        .len();
    assert_eq!(before, 10);
    let huge = "很".repeat(501);
    assert_eq!(
        field_errors(
            selections::object(
                svc,
                &visitor("10.0.3.1"),
                round,
                objection(None, &huge, "13500000000")
            )
            .await
        ),
        vec![("body".into(), Msg::ErrObjectionTooLong)]
    );
    assert_eq!(
        selections::detail(db, &admin, round)
            .await
            .unwrap()
            .objections
            .len(),
        before
    );
}

/// The commerce bureau: a bureau admin gives a city-wide viewer the right to run selections on
/// the users page; with it the viewer opens a round, nominates and scores over the API; the
/// right is refused to other accounts and to town-limited viewers, a viewer holding it cannot
/// be limited to a town, and taking it back (or changing the role) ends it.
#[tokio::test]
async fn the_commerce_bureau_runs_rounds_once_given_the_right() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let admin = app.user(Role::BureauAdmin).await;
    let commerce = app.user(Role::BureauViewer).await;
    let town_viewer = app.user(Role::BureauViewer).await;
    let trainee_user = app.user(Role::Trainee).await;
    let (_, candidate) = app
        .trainee("钱诚信", &test_id_number("19910101", 902))
        .await;
    let candidate = domain::trainees::own_row(db, &candidate)
        .await
        .unwrap()
        .unwrap();
    let round_json = json!({
        "kind": "honest_host",
        "year": 2026,
        "title": "2026年度禹州市诚信带货主播评选",
        "criteria": "守法经营、诚信带货、无消费投诉。",
        "notice_days": 7
    });
    let grant = |user: i32, value: &'static str, cookie: String| {
        let app = &app;
        async move {
            app.post_form(
                &format!("/admin/users/{user}/selections"),
                &[("runs_selections", value)],
                Some(&cookie),
            )
            .await
        }
    };

    // Without the right a viewer only looks.
    let refused = app
        .post_json(
            "/api/v1/selections",
            round_json.clone(),
            Some(&commerce.token),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    // Only an admin gives it, only to a city-wide viewer.
    let res = grant(commerce.id, "1", commerce.cookie.clone()).await;
    assert!(!res.location().contains("notice="), "{}", res.location());
    for other in [trainee_user.id, admin.id] {
        let res = grant(other, "1", admin.cookie.clone()).await;
        assert!(
            res.location().contains("error=ErrRightOnlyForViewers"),
            "{}",
            res.location()
        );
    }
    let res = app
        .post_form(
            &format!("/admin/users/{}/town", town_viewer.id),
            &[("town", "1")],
            Some(&admin.cookie),
        )
        .await;
    assert!(res.location().contains("notice="), "{}", res.location());
    let res = grant(town_viewer.id, "1", admin.cookie.clone()).await;
    assert!(
        res.location().contains("error=ErrRightCityWideOnly"),
        "{}",
        res.location()
    );
    let res = grant(commerce.id, "1", admin.cookie.clone()).await;
    assert_eq!(
        res.location(),
        "/admin/users?notice=NoticeSelectionRightGranted"
    );
    assert_eq!(app.audited("user.selection_right_granted").await, 1);
    let users = app.get("/admin/users", Some(&admin.cookie)).await;
    assert!(
        users.body.contains(&format!(
            "action=\"/admin/users/{}/selections\"",
            commerce.id
        )),
        "a switch for the city-wide viewer"
    );
    assert!(
        !users.body.contains(&format!(
            "action=\"/admin/users/{}/selections\"",
            town_viewer.id
        )),
        "none for a town viewer"
    );
    // Holding it, they cannot be limited to a town.
    let res = app
        .post_form(
            &format!("/admin/users/{}/town", commerce.id),
            &[("town", "1")],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        res.location().contains("error=ErrTownWithSelectionRight"),
        "{}",
        res.location()
    );

    // With it: open, nominate, score.
    let opened = app
        .post_json(
            "/api/v1/selections",
            round_json.clone(),
            Some(&commerce.token),
        )
        .await;
    assert_eq!(opened.status, 201, "{}", opened.body);
    let round = opened.json()["id"].as_i64().unwrap();
    let nominated = app
        .post_json(
            &format!("/api/v1/selections/{round}/nominations"),
            json!({ "trainee_id": candidate.id, "business_name": "", "reason": "三年零投诉，带动5人就业。" }),
            Some(&commerce.token),
        )
        .await;
    assert_eq!(nominated.status, 201, "{}", nominated.body);
    let nomination = nominated.json()["id"].as_i64().unwrap();
    let scored = app
        .post_json(
            &format!("/api/v1/nominations/{nomination}/score"),
            json!({ "score": 88, "comment": "" }),
            Some(&commerce.token),
        )
        .await;
    assert_eq!(scored.status, 204, "{}", scored.body);
    let page = app
        .get(
            &format!("/manage/selections/{round}"),
            Some(&commerce.cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("钱诚信"), "the nomination is listed");

    // Taken back, they only look again; a role change also ends it.
    let res = grant(commerce.id, "0", admin.cookie.clone()).await;
    assert_eq!(
        res.location(),
        "/admin/users?notice=NoticeSelectionRightRevoked"
    );
    assert_eq!(app.audited("user.selection_right_revoked").await, 1);
    let mut second = round_json.clone();
    second["kind"] = json!("honest_business");
    let refused = app
        .post_json("/api/v1/selections", second, Some(&commerce.token))
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    grant(commerce.id, "1", admin.cookie.clone()).await;
    for role in ["bureau_admin", "bureau_viewer"] {
        let res = app
            .post_form(
                &format!("/admin/users/{}/role", commerce.id),
                &[("role", role)],
                Some(&admin.cookie),
            )
            .await;
        assert!(res.location().contains("notice="), "{}", res.location());
    }
    let row = domain::entities::users::Entity::find_by_id(commerce.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(!row.runs_selections, "a new role starts without the right");
}
