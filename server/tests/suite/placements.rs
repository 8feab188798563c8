//! Places, applications and placements: a base publishes a place, certified trainees apply,
//! the base accepts within capacity or rejects with a reason, and a placement ends; bad input
//! and other bases' records are refused with nothing saved; the JSON API follows the same rules.

use chrono::Duration;
use domain::entities::{placements as placement_rows, places};
use domain::{DomainError, certificates, placements};
use model::Role;
use model::enums::{OrganisationKind, OrganisationStatus, PlaceStatus, PlacementStatus};
use model::i18n::Msg;
use model::placements::{DecisionInput, PlaceInput};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use server::testing::{TestApp, TestUser, query_value};

fn today() -> chrono::NaiveDate {
    domain::local_time::today()
}

async fn place(app: &TestApp, id: i32) -> places::Model {
    places::Entity::find_by_id(id)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap()
}

async fn placement(app: &TestApp, id: i32) -> placement_rows::Model {
    placement_rows::Entity::find_by_id(id)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap()
}

async fn placements_of_place(app: &TestApp, place: i32) -> Vec<placement_rows::Model> {
    placement_rows::Entity::find()
        .filter(placement_rows::Column::PlaceId.eq(place))
        .all(&app.services.db)
        .await
        .unwrap()
}

/// A base (incubation) with one staff member.
async fn base(app: &TestApp, kind: OrganisationKind) -> (i32, TestUser) {
    let org = app.organisation(kind, OrganisationStatus::Approved).await;
    let staff = app.staff(org, false).await;
    (org, staff)
}

fn place_input(capacity: i32, courses: Vec<i32>, requires_certificate: bool) -> PlaceInput {
    PlaceInput {
        kind: Some(model::enums::PlacementKind::LivestreamRoom),
        title: "助农直播间（示例）".into(),
        description: "配备补光灯、声卡和手机支架".into(),
        requirements: String::new(),
        support: vec![model::placements::Support::Equipment],
        capacity: Some(capacity),
        starts_on: Some(today()),
        ends_on: Some(today() + Duration::days(180)),
        requires_certificate,
        course_ids: courses,
    }
}

#[tokio::test]
async fn a_certified_trainee_applies_the_base_accepts_within_capacity_and_the_placement_ends() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let bureau = app.actor(&app.user(Role::BureauAdmin).await).await;
    // Two trainees complete the course and get certificates; the third does not complete.
    let class = app
        .completed_class(2, &["孵化甲（示例）", "孵化乙（示例）", "孵化丙（示例）"])
        .await;
    certificates::issue_for_course(&app.services, &bureau, class.course)
        .await
        .unwrap();
    let [(a, _), (b, _), (c, _)] = &class.trainees[..] else {
        panic!("three trainees")
    };
    let (base_id, staff) = base(&app, OrganisationKind::IncubationBase).await;
    let (_, other_staff) = base(&app, OrganisationKind::IncubationBase).await;

    // The base publishes one place for holders of the course's certificate.
    let starts = today().to_string();
    let ends = (today() + Duration::days(365)).to_string();
    let course = class.course.to_string();
    let res = app
        .post_form(
            "/manage/places",
            &[
                ("title", "电商孵化工位（示例）"),
                ("kind", "incubation"),
                ("capacity", "1"),
                ("starts_on", &starts),
                ("ends_on", &ends),
                ("description", "免费工位一年，含网络和办公桌"),
                ("support", "free_space"),
                ("support", "mentoring"),
                ("requires_certificate", "1"),
                ("course_ids", &course),
            ],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let id: i32 = res
        .location()
        .trim_start_matches("/manage/places/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let p = place(&app, id).await;
    assert_eq!(
        (p.organisation_id, p.capacity, p.taken, *p.status),
        (base_id, 1, 0, PlaceStatus::Open)
    );
    assert_eq!(p.support, "free_space,mentoring");

    // Anyone sees it on the public page, with the place left and what it offers.
    let public = app.get("/places", None).await;
    assert_eq!(public.status, 200);
    assert!(
        public.body.contains("电商孵化工位（示例）"),
        "{}",
        public.body
    );
    assert!(public.body.contains("剩余 1 个"));
    assert!(public.body.contains("免费场地"));

    // A certified trainee sees the form and applies; applying twice is refused.
    let page = app.get(&format!("/places/{id}"), Some(&a.cookie)).await;
    assert!(page.body.contains("name=\"statement\""), "{}", page.body);
    let apply = |who: &TestUser, statement: &'static str| {
        let cookie = who.cookie.clone();
        let app = &app;
        async move {
            app.post_form(
                &format!("/places/{id}/apply"),
                &[("statement", statement)],
                Some(&cookie),
            )
            .await
        }
    };
    let res = apply(a, "做了三年钧瓷网店，想扩大直播").await;
    assert_eq!(res.location(), "/applications?notice=NoticeApplied");
    let res = apply(a, "再申请一次").await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrAppliedAlready")
    );
    // The trainee who did not complete has no certificate.
    let res = apply(c, "我也想来").await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrPlaceNeedsCertificate")
    );
    let page = app.get(&format!("/places/{id}"), Some(&c.cookie)).await;
    assert!(page.body.contains("申请该岗位需持有相关课程的有效结业证书"));
    // An empty statement is asked for, next to the field.
    let res = apply(b, "  ").await;
    assert_eq!(
        query_value(res.location(), "err_statement").as_deref(),
        Some("ErrRequired")
    );
    let res = apply(b, "想做农产品直播").await;
    assert_eq!(res.status, 303);
    let rows = placements_of_place(&app, id).await;
    assert_eq!(rows.len(), 2, "one application each, none for the refused");
    // In the order they applied: the first trainee's, then the second's.
    let mut rows = rows;
    rows.sort_by_key(|r| r.id);
    let (pa, pb) = (rows[0].id, rows[1].id);

    // The base sees both applications with the certificates held; another base sees nothing.
    let manage = app
        .get(&format!("/manage/places/{id}"), Some(&staff.cookie))
        .await;
    assert!(manage.body.contains("孵化甲（示例）") && manage.body.contains("孵化乙（示例）"));
    assert!(manage.body.contains("YZ-"), "certificate numbers shown");
    let theirs = app
        .get(&format!("/manage/places/{id}"), Some(&other_staff.cookie))
        .await;
    assert!(!theirs.body.contains("孵化甲（示例）"));
    let decide = |who: &TestUser, row: i32, fields: Vec<(&'static str, String)>| {
        let cookie = who.cookie.clone();
        let app = &app;
        async move {
            let mut all: Vec<(&str, String)> = vec![("back", format!("/manage/places/{id}"))];
            all.extend(fields);
            let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(
                &format!("/manage/placements/{row}/decision"),
                &pairs,
                Some(&cookie),
            )
            .await
        }
    };
    let accept = vec![
        ("decision", "accept".to_string()),
        ("start_date", today().to_string()),
        ("station", "A-101".to_string()),
    ];
    // Another base's staff cannot decide: not found, nothing changed.
    let res = decide(&other_staff, pa, accept.clone()).await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrNotFound")
    );
    assert_eq!(placement(&app, pa).await.status, PlacementStatus::Applied);

    // The base accepts the first: a placement starts and takes the only place.
    let res = decide(&staff, pa, accept.clone()).await;
    assert_eq!(
        res.location(),
        format!("/manage/places/{id}?notice=NoticePlacementAccepted#placement-{pa}")
    );
    let placed = placement(&app, pa).await;
    assert_eq!(placed.status, PlacementStatus::Active);
    assert_eq!(placed.start_date, Some(today()));
    assert_eq!(placed.station.as_deref(), Some("A-101"));
    assert_eq!(place(&app, id).await.taken, 1);
    // Accepting beyond capacity is refused and leaves the application waiting.
    let res = decide(&staff, pb, accept.clone()).await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrPlaceFull")
    );
    assert_eq!(placement(&app, pb).await.status, PlacementStatus::Applied);
    assert_eq!(place(&app, id).await.taken, 1);
    // Accepting twice is refused too.
    let res = decide(&staff, pa, accept.clone()).await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrWrongStatus")
    );
    // A full place takes no more applications.
    let (late, _) = app
        .trainee(
            "迟到者（示例）",
            &server::testing::test_id_number("19900101", 900),
        )
        .await;
    let res = apply(&late, "还有位置吗").await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrPlaceFull")
    );
    // Rejection needs a reason, shown at the row.
    let res = decide(
        &staff,
        pb,
        vec![("decision", "reject".into()), ("row", pb.to_string())],
    )
    .await;
    assert_eq!(
        query_value(res.location(), "err_reason").as_deref(),
        Some("ErrRequired")
    );
    assert_eq!(query_value(res.location(), "row"), Some(pb.to_string()));
    let res = decide(
        &staff,
        pb,
        vec![
            ("decision", "reject".into()),
            ("reason", "名额已满，欢迎申请下一期".into()),
        ],
    )
    .await;
    assert!(res.location().contains("NoticePlacementRejected"));
    let rejected = placement(&app, pb).await;
    assert_eq!(rejected.status, PlacementStatus::Rejected);
    assert_eq!(
        rejected.decision_reason.as_deref(),
        Some("名额已满，欢迎申请下一期")
    );
    // Each is told in their inbox (and by SMS): enrolled, then the certificate with its verify
    // link, then the decision; the refused attempts told no one anything; the one without a
    // certificate was told only of the enrolment.
    let told = |user: i32| async move {
        domain::entities::messages::Entity::find()
            .filter(domain::entities::messages::Column::UserId.eq(user))
            .order_by_asc(domain::entities::messages::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (*m.template, *m.channel, m.params))
            .collect::<Vec<_>>()
    };
    use model::messages::{MessageChannel, MessageTemplate as T};
    let templates =
        |told: &[(T, MessageChannel, String)]| told.iter().map(|m| m.0).collect::<Vec<_>>();
    let to_a = told(a.id).await;
    assert_eq!(
        templates(&to_a),
        [T::Enrolled, T::CertificateIssued, T::ApplicationAccepted]
    );
    assert_eq!(to_a[1].1, MessageChannel::Sms);
    assert!(to_a[1].2.contains("/verify/"), "{}", to_a[1].2);
    assert!(to_a[2].2.contains("电商孵化工位（示例）"), "{}", to_a[2].2);
    assert_eq!(
        templates(&told(b.id).await),
        [T::Enrolled, T::CertificateIssued, T::ApplicationRejected]
    );
    assert_eq!(templates(&told(c.id).await), [T::Enrolled]);

    // The placement ends: not in the future, then graduated today, which frees the place.
    let end = |fields: Vec<(&'static str, String)>| {
        let cookie = staff.cookie.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(
                &format!("/manage/placements/{pa}/end"),
                &pairs,
                Some(&cookie),
            )
            .await
        }
    };
    let res = end(vec![
        ("status", "graduated".into()),
        ("end_date", (today() + Duration::days(1)).to_string()),
    ])
    .await;
    assert_eq!(
        query_value(res.location(), "err_end_date").as_deref(),
        Some("ErrDateInFuture")
    );
    let res = end(vec![
        ("status", "left".into()),
        ("end_date", today().to_string()),
    ])
    .await;
    assert_eq!(
        query_value(res.location(), "err_reason").as_deref(),
        Some("ErrRequired"),
        "leaving needs a reason"
    );
    assert_eq!(placement(&app, pa).await.status, PlacementStatus::Active);
    let res = end(vec![
        ("status", "graduated".into()),
        ("end_date", today().to_string()),
        ("reason", "按期出园，网店月销售额过万".into()),
    ])
    .await;
    assert!(
        res.location().contains("NoticePlacementEnded"),
        "{}",
        res.location()
    );
    let done = placement(&app, pa).await;
    assert_eq!(done.status, PlacementStatus::Graduated);
    assert_eq!(done.end_date, Some(today()));
    assert_eq!(place(&app, id).await.taken, 0);

    // The trainee follows it all on "My applications".
    let mine = app.get("/applications", Some(&a.cookie)).await;
    assert!(mine.body.contains("电商孵化工位（示例）"));
    assert!(mine.body.contains("已出园/结业"));
    let mine_b = app.get("/applications", Some(&b.cookie)).await;
    assert!(mine_b.body.contains("名额已满，欢迎申请下一期"));

    // The bureau sees every placement; another base sees none of these.
    let viewer = app.user(Role::BureauViewer).await;
    let all = app.get("/manage/placements", Some(&viewer.cookie)).await;
    assert!(all.body.contains("孵化甲（示例）"), "{}", all.body);
    assert!(!all.body.contains("登记结束"), "a viewer gets no forms");
    let theirs = app
        .get("/manage/placements", Some(&other_staff.cookie))
        .await;
    assert!(!theirs.body.contains("孵化甲（示例）"));

    // Every step is audited.
    for (action, n) in [
        ("place.published", 1),
        ("placement.applied", 2),
        ("placement.accepted", 1),
        ("placement.rejected", 1),
        ("placement.graduated", 1),
    ] {
        assert_eq!(app.audited(action).await, n, "{action}");
    }
    let _ = db;
}

#[tokio::test]
async fn bad_places_other_bases_and_the_json_api_are_refused_with_nothing_saved() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (base_id, staff) = base(&app, OrganisationKind::LivestreamBase).await;
    let staff_actor = app.actor(&staff).await;
    let college = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let college_staff = app.staff(college, false).await;
    let trainee = app.user(Role::Trainee).await;

    // Bad input, each next to its field, nothing saved.
    let mut bad = place_input(0, vec![999_999], false);
    bad.title = " ".into();
    bad.ends_on = Some(today() - Duration::days(1));
    match placements::publish(db, &staff_actor, bad).await {
        Err(DomainError::Invalid(fields)) => {
            let mut names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
            names.sort();
            assert_eq!(names, ["capacity", "course_ids", "ends_on", "title"]);
        }
        other => panic!("{other:?}"),
    }
    match placements::publish(db, &staff_actor, place_input(2, vec![999_999], false)).await {
        Err(DomainError::Invalid(fields)) => assert_eq!(fields[0].field, "course_ids"),
        other => panic!("{other:?}"),
    }
    assert_eq!(places::Entity::find().count(db).await.unwrap(), 0);

    // Who may publish: base staff yes; a college's staff and trainees no (API: 403).
    let body = serde_json::to_value(place_input(2, vec![], false)).unwrap();
    let res = app
        .post_json("/api/v1/places", body.clone(), Some(&college_staff.token))
        .await;
    assert_eq!(res.status, 403, "{}", res.body);
    let res = app
        .post_json("/api/v1/places", body.clone(), Some(&trainee.token))
        .await;
    assert_eq!(res.status, 403);
    let res = app.post_json("/api/v1/places", body.clone(), None).await;
    assert_eq!(res.status, 401);
    let res = app
        .post_json("/api/v1/places", body, Some(&staff.token))
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let id = res.json()["id"].as_i64().unwrap() as i32;
    assert_eq!(place(&app, id).await.organisation_id, base_id);

    // The public API lists it; a trainee without a profile is asked for one.
    let res = app.get("/api/v1/places", None).await;
    assert_eq!(res.json()["bases"][0]["places"][0]["id"], id);
    let res = app
        .post_json(
            &format!("/api/v1/places/{id}/applications"),
            serde_json::json!({ "statement": "想学直播" }),
            Some(&trainee.token),
        )
        .await;
    assert_eq!(res.status, 409);
    assert_eq!(res.json()["error"]["code"], "conflict");

    // Five trainees with profiles apply through the API; too long a statement is refused.
    let mut applicants = Vec::new();
    for n in 0..5 {
        let (user, _) = app
            .trainee(
                &format!("主播{n}（示例）"),
                &server::testing::test_id_number("19950303", 700 + n),
            )
            .await;
        applicants.push(user);
    }
    let res = app
        .post_json(
            &format!("/api/v1/places/{id}/applications"),
            serde_json::json!({ "statement": "长".repeat(501) }),
            Some(&applicants[0].token),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.json()["error"]["fields"][0]["field"], "statement");
    let mut ids = Vec::new();
    for user in &applicants {
        let res = app
            .post_json(
                &format!("/api/v1/places/{id}/applications"),
                serde_json::json!({ "statement": "每天直播两小时" }),
                Some(&user.token),
            )
            .await;
        assert_eq!(res.status, 201, "{}", res.body);
        ids.push(res.json()["id"].as_i64().unwrap() as i32);
    }
    let mine = app
        .get("/api/v1/applications/mine", Some(&applicants[0].cookie))
        .await;
    assert_eq!(mine.json()[0]["status"], "applied");

    // Another base's staff: 404 for the place's applications and for deciding.
    let (_, outsider) = base(&app, OrganisationKind::Enterprise).await;
    let res = app
        .get(
            &format!("/api/v1/places/{id}/applications"),
            Some(&outsider.cookie),
        )
        .await;
    assert_eq!(res.status, 404);
    let accept = serde_json::json!({ "accept": true, "start_date": today() });
    let res = app
        .post_json(
            &format!("/api/v1/placements/{}/decision", ids[0]),
            accept.clone(),
            Some(&outsider.token),
        )
        .await;
    assert_eq!(res.status, 404);
    // A trainee cannot decide at all.
    let res = app
        .post_json(
            &format!("/api/v1/placements/{}/decision", ids[0]),
            accept.clone(),
            Some(&applicants[1].token),
        )
        .await;
    assert_eq!(res.status, 403);

    // The base accepts all five at once: exactly the two places are given.
    let mut tasks = tokio::task::JoinSet::new();
    for pid in ids.iter().copied() {
        let actor = staff_actor.clone();
        let db = db.clone();
        tasks.spawn(async move {
            placements::decide(
                &db,
                &actor,
                pid,
                DecisionInput {
                    accept: true,
                    start_date: Some(today()),
                    ..Default::default()
                },
            )
            .await
        });
    }
    let results = tasks.join_all().await;
    let accepted = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(accepted, 2, "{results:?}");
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| matches!(e, DomainError::Conflict(Msg::ErrPlaceFull)))
    );
    assert_eq!(place(&app, id).await.taken, 2);
    let active = placements_of_place(&app, id)
        .await
        .iter()
        .filter(|p| p.status == PlacementStatus::Active)
        .count();
    assert_eq!(active, 2);

    // Capacity cannot go below the places taken; closing stops applications.
    let mut smaller = place_input(1, vec![], false);
    smaller.title = "助农直播间（示例）".into();
    let res = app
        .send(
            server::testing::TestApp::request(
                axum::http::Method::PUT,
                &format!("/api/v1/places/{id}"),
                None,
            )
            .header("authorization", format!("Bearer {}", staff.token))
            .header("content-type", "application/json")
            .body(axum::body::Body::from(
                serde_json::to_string(&smaller).unwrap(),
            ))
            .unwrap(),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert_eq!(res.json()["error"]["fields"][0]["field"], "capacity");
    assert_eq!(place(&app, id).await.capacity, 2);
    let res = app
        .post_json(
            &format!("/api/v1/places/{id}/status"),
            serde_json::json!({ "status": "closed" }),
            Some(&staff.token),
        )
        .await;
    assert_eq!(res.status, 204);
    let (late, _) = app
        .trainee(
            "晚来者（示例）",
            &server::testing::test_id_number("19950303", 720),
        )
        .await;
    let res = app
        .post_json(
            &format!("/api/v1/places/{id}/applications"),
            serde_json::json!({ "statement": "还能申请吗" }),
            Some(&late.token),
        )
        .await;
    assert_eq!(res.status, 409);
    assert_eq!(
        res.json()["error"]["message"],
        "该岗位已停止申请",
        "{}",
        res.body
    );

    // The bureau's list through the API has them all; the outsider's has none.
    let bureau = app.user(Role::BureauAdmin).await;
    let res = app
        .get("/api/v1/placements?status=active", Some(&bureau.cookie))
        .await;
    assert_eq!(res.json()["total"], 2);
    let res = app.get("/api/v1/placements", Some(&outsider.cookie)).await;
    assert_eq!(res.json()["total"], 0);

    // A suspended base's places disappear from the public.
    domain::entities::organisations::Entity::update_many()
        .col_expr(
            domain::entities::organisations::Column::Status,
            sea_orm::sea_query::Expr::value(OrganisationStatus::Suspended.as_str()),
        )
        .filter(domain::entities::organisations::Column::Id.eq(base_id))
        .exec(db)
        .await
        .unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/places/{id}"), None).await.status,
        404
    );
    assert_eq!(
        app.get("/api/v1/places", None).await.json()["bases"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}
