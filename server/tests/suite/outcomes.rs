//! Outcomes, follow-ups and the person's record: trainees report, staff record and verify,
//! nothing is overwritten; the bureau works through follow-ups due by town and course, records
//! calls as new or confirmed outcomes or unreachable, and exports the list; bad input and other
//! bases' people are refused with nothing saved.

use chrono::Duration;
use domain::entities::{follow_ups, outcomes as outcome_rows, trainees};
use domain::{placements, sheets};
use model::Role;
use model::enums::{
    FollowUpStatus, OrganisationKind, OrganisationStatus, OutcomeKind, OutcomeSource,
};
use model::placements::{ApplyInput, DecisionInput, PlaceInput};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::testing::{TestApp, TestUser, query_value};

/// Form fields as (name, value).
type Fields = Vec<(&'static str, String)>;

fn today() -> chrono::NaiveDate {
    domain::local_time::today()
}

async fn trainee_of(app: &TestApp, user: &TestUser) -> trainees::Model {
    app.profile_of(user.id).await.expect("a profile")
}

async fn outcomes_of(app: &TestApp, trainee: i32) -> Vec<outcome_rows::Model> {
    outcome_rows::Entity::find()
        .filter(outcome_rows::Column::TraineeId.eq(trainee))
        .order_by_asc(outcome_rows::Column::Id)
        .all(&app.services.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn outcomes_are_reported_verified_and_kept_as_history() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let class = app.completed_class(1, &["结果甲（示例）"]).await;
    let (user, trainee_actor) = &class.trainees[0];
    let person = trainee_of(&app, user).await;
    let today_s = today().to_string();

    // Bad input, each at its field, nothing saved.
    let report = |fields: Vec<(&'static str, String)>| {
        let cookie = user.cookie.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/outcomes", &pairs, Some(&cookie)).await
        }
    };
    let cases: Vec<(Fields, &str, &str)> = vec![
        (
            vec![
                ("as_of", (today() + Duration::days(1)).to_string()),
                ("kind", "not_working".into()),
            ],
            "err_as_of",
            "ErrDateInFuture",
        ),
        (
            vec![
                ("as_of", "1980-01-01".into()),
                ("kind", "not_working".into()),
            ],
            "err_as_of",
            "ErrBeforeBirth",
        ),
        (
            vec![
                ("as_of", today_s.clone()),
                ("kind", "online_store".into()),
                ("platform", "douyin".into()),
                ("shop_url", "javascript:alert(1)".into()),
            ],
            "err_shop_url",
            "ErrWebLink",
        ),
        (
            vec![
                ("as_of", today_s.clone()),
                ("kind", "business_started".into()),
                ("business_name", "禹州示例电商有限公司".into()),
                ("jobs_created", "-1".into()),
            ],
            "err_jobs_created",
            "ErrJobsCreated",
        ),
        (
            vec![
                ("as_of", today_s.clone()),
                ("kind", "business_started".into()),
                ("business_name", "禹州示例电商有限公司".into()),
                ("business_credit_code", "91411081MA00000000".into()),
            ],
            "err_business_credit_code",
            "ErrCreditCodeCheck",
        ),
        (
            vec![("as_of", today_s.clone()), ("kind", "employed".into())],
            "err_employer",
            "ErrRequired",
        ),
    ];
    for (fields, key, want) in cases {
        let res = report(fields).await;
        assert_eq!(
            query_value(res.location(), key).as_deref(),
            Some(want),
            "{}",
            res.location()
        );
    }
    assert!(outcomes_of(&app, person.id).await.is_empty());

    // A good report is saved as self-reported and audited.
    let res = report(vec![
        ("as_of", today_s.clone()),
        ("kind", "online_store".into()),
        ("platform", "douyin".into()),
        ("shop_url", "https://v.douyin.example/shop/123".into()),
        ("business_name", "钧瓷小铺（示例）".into()),
        ("income_band", "5k_10k".into()),
        ("jobs_created", "2".into()),
        // Sent by the form's hidden fields: an online shop has no employer or position.
        ("employer", "某公司".into()),
        ("position", "客服".into()),
    ])
    .await;
    assert_eq!(res.location(), "/outcomes?notice=NoticeOutcomeReported");
    let rows = outcomes_of(&app, person.id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (*rows[0].kind, *rows[0].source, rows[0].jobs_created),
        (OutcomeKind::OnlineStore, OutcomeSource::SelfReported, 2)
    );
    assert_eq!(rows[0].platform.as_deref(), Some("douyin"));
    assert_eq!(
        (rows[0].employer.as_deref(), rows[0].position.as_deref()),
        (None, None)
    );
    assert_eq!(app.audited("outcome.reported").await, 1);
    let page = app.get("/outcomes", Some(&user.cookie)).await;
    assert!(page.body.contains("开设网店") && page.body.contains("本人填报"));
    assert!(!page.body.contains("核实无误"), "a trainee cannot verify");

    // The bureau verifies it: a new row supersedes it; the original stays.
    let admin = app.user(Role::BureauAdmin).await;
    let record = app
        .get(
            &format!("/manage/people/{}", person.id),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(record.status, 200);
    assert!(record.body.contains("结果甲（示例）"));
    assert!(record.body.contains("核实无误"));
    let res = app
        .post_form(
            &format!("/manage/outcomes/{}/verify", rows[0].id),
            &[("back", &format!("/manage/people/{}", person.id))],
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        res.location(),
        format!("/manage/people/{}?notice=NoticeOutcomeVerified", person.id)
    );
    let rows = outcomes_of(&app, person.id).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].source, OutcomeSource::Verified);
    assert_eq!(rows[1].supersedes_id, Some(rows[0].id));
    assert_eq!(rows[1].shop_url, rows[0].shop_url);
    let again = app
        .post_json(
            &format!("/api/v1/outcomes/{}/verify", rows[0].id),
            serde_json::json!({}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(app.audited("outcome.verified").await, 1);

    // The bureau finds the person by name, phone or the ID number's last digits.
    let phone_part = user.phone.as_str();
    for q in ["结果甲", phone_part, &person.id_number_masked[14..]] {
        let hits = app
            .get(
                &format!("/api/v1/people?q={}", app::ui::encode_component(q)),
                Some(&admin.cookie),
            )
            .await;
        assert_eq!(hits.json()[0]["trainee_id"], person.id, "{q}");
    }
    let page = app
        .get(
            &format!("/manage/people?q={}", app::ui::encode_component("结果甲")),
            Some(&admin.cookie),
        )
        .await;
    assert!(page.body.contains(&format!("/manage/people/{}", person.id)));

    // A viewer reads the record but records nothing; trainees and other bases cannot read it.
    let viewer = app.user(Role::BureauViewer).await;
    let seen = app
        .get(
            &format!("/api/v1/people/{}", person.id),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.json()["can_record"], false);
    assert_eq!(seen.json()["outcomes"].as_array().unwrap().len(), 2);
    let res = app
        .post_json(
            &format!("/api/v1/people/{}/outcomes", person.id),
            serde_json::json!({ "as_of": today(), "kind": "not_working" }),
            Some(&viewer.token),
        )
        .await;
    assert_eq!(res.status, 403);
    let other = app.user(Role::Trainee).await;
    let res = app
        .get(
            &format!("/api/v1/people/{}", person.id),
            Some(&other.cookie),
        )
        .await;
    assert_eq!(res.status, 403);

    // A base records outcomes only for people placed with it.
    let base = app
        .organisation(
            OrganisationKind::IncubationBase,
            OrganisationStatus::Approved,
        )
        .await;
    let outsider_base = app
        .organisation(
            OrganisationKind::IncubationBase,
            OrganisationStatus::Approved,
        )
        .await;
    let base_staff = app.staff(base, false).await;
    let outsider = app.staff(outsider_base, false).await;
    let outcome = serde_json::json!({
        "as_of": today(), "kind": "business_started", "business_name": "钧瓷工作室（示例）",
        "jobs_created": 3,
    });
    let res = app
        .post_json(
            &format!("/api/v1/people/{}/outcomes", person.id),
            outcome.clone(),
            Some(&base_staff.token),
        )
        .await;
    assert_eq!(res.status, 404, "not placed there yet");
    let base_actor = app.actor(&base_staff).await;
    let place = placements::publish(
        db,
        &base_actor,
        PlaceInput {
            kind: Some(model::enums::PlacementKind::Incubation),
            title: "孵化工位（示例）".into(),
            capacity: Some(3),
            starts_on: Some(today()),
            ends_on: Some(today() + Duration::days(90)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let application = placements::apply(
        db,
        trainee_actor,
        place,
        ApplyInput {
            statement: "想入驻".into(),
        },
    )
    .await
    .unwrap();
    placements::decide(
        db,
        &base_actor,
        application,
        DecisionInput {
            accept: true,
            start_date: Some(today()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/people/{}/outcomes", person.id),
            outcome.clone(),
            Some(&base_staff.token),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let res = app
        .post_json(
            &format!("/api/v1/people/{}/outcomes", person.id),
            outcome,
            Some(&outsider.token),
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(
        app.get(
            &format!("/api/v1/people/{}", person.id),
            Some(&outsider.cookie)
        )
        .await
        .status,
        404
    );
    let rows = outcomes_of(&app, person.id).await;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2].source, OutcomeSource::Verified);
    assert_eq!(rows[2].recorded_by, Some(base_staff.id));

    // The trainee's own record shows the whole path in time order.
    let mine = app.get("/api/v1/me/record", Some(&user.cookie)).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    let body = mine.json();
    let events: Vec<&str> = body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    for want in [
        "EventSignedUp",
        "EventEnrolled",
        "EventCompleted",
        "EventApplied",
        "EventPlaced",
        "BusinessStarted",
    ] {
        assert!(
            events.iter().any(|e| e.ends_with(want)),
            "{want} in {events:?}"
        );
    }
    let dates: Vec<&str> = body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["on"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "in time order");
    assert_eq!(body["follow_ups"].as_array().unwrap().len(), 3);
    let page = app.get("/record", Some(&user.cookie)).await;
    assert!(page.body.contains("成长轨迹") && page.body.contains("钧瓷工作室（示例）"));
}

#[tokio::test]
async fn the_follow_up_work_list_records_calls_and_exports() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let class = app
        .completed_class(3, &["回访甲（示例）", "回访乙（示例）", "回访丙（示例）"])
        .await;
    // Three months have passed: the 3-month follow-ups are due.
    follow_ups::Entity::update_many()
        .col_expr(
            follow_ups::Column::DueOn,
            Expr::value(today() - Duration::days(2)),
        )
        .filter(follow_ups::Column::DueMonths.eq(3))
        .exec(db)
        .await
        .unwrap();
    let due: Vec<follow_ups::Model> = follow_ups::Entity::find()
        .filter(follow_ups::Column::DueMonths.eq(3))
        .order_by_asc(follow_ups::Column::Id)
        .all(db)
        .await
        .unwrap();
    assert_eq!(due.len(), 3, "one per completed trainee");
    let admin = app.user(Role::BureauAdmin).await;

    let list = app.get("/api/v1/follow-ups", Some(&admin.cookie)).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let body = list.json();
    assert_eq!(body["total"], 3);
    assert_eq!(body["due_now"], 3);
    assert_eq!(body["rows"][0]["overdue"], true);
    assert!(
        body["rows"][0]["phone"]
            .as_str()
            .unwrap()
            .starts_with("139")
            && !body["rows"][0]["phone"].as_str().unwrap().contains('*'),
        "the caller sees the whole number"
    );
    // By town and course.
    let town = |id: i32| format!("/api/v1/follow-ups?town_id={id}");
    assert_eq!(
        app.get(&town(1), Some(&admin.cookie)).await.json()["total"],
        3
    );
    assert_eq!(
        app.get(&town(2), Some(&admin.cookie)).await.json()["total"],
        0
    );
    let course = format!("/api/v1/follow-ups?course_id={}&town_id=", class.course);
    assert_eq!(
        app.get(&course, Some(&admin.cookie)).await.json()["total"],
        3
    );
    let page = app.get("/manage/follow-ups", Some(&admin.cookie)).await;
    assert!(page.body.contains("回访甲（示例）") && page.body.contains("记录回访"));

    let call = |id: i32, fields: Vec<(&'static str, String)>| {
        let cookie = admin.cookie.clone();
        let app = &app;
        async move {
            let mut all = vec![("back", "/manage/follow-ups?show=due".to_string())];
            all.extend(fields);
            let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(&format!("/manage/follow-ups/{id}"), &pairs, Some(&cookie))
                .await
        }
    };
    // Not reached.
    let res = call(
        due[0].id,
        vec![
            ("result", "unreachable".into()),
            ("note", "电话关机".into()),
        ],
    )
    .await;
    assert_eq!(
        res.location(),
        format!(
            "/manage/follow-ups?show=due&notice=NoticeFollowUpRecorded#follow-up-{}",
            due[0].id
        )
    );
    let res = call(due[0].id, vec![("result", "unreachable".into())]).await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrFollowUpDone")
    );
    // Confirming needs an outcome to confirm; a new outcome needs its fields.
    let res = call(
        due[1].id,
        vec![("result", "done".into()), ("confirm", "1".into())],
    )
    .await;
    assert_eq!(
        query_value(res.location(), "err_confirm").as_deref(),
        Some("ErrNoOutcomeToConfirm")
    );
    let res = call(
        due[1].id,
        vec![("result", "done".into()), ("kind", "employed".into())],
    )
    .await;
    assert_eq!(
        query_value(res.location(), "row"),
        Some(due[1].id.to_string())
    );
    assert_eq!(
        query_value(res.location(), "err_employer").as_deref(),
        Some("ErrRequired")
    );
    let still = follow_ups::Entity::find_by_id(due[1].id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status, FollowUpStatus::Due, "nothing saved");
    let res = call(
        due[1].id,
        vec![
            ("result", "done".into()),
            ("as_of", today().to_string()),
            ("kind", "employed".into()),
            ("employer", "禹州示例农业科技公司".into()),
            ("position", "电商运营".into()),
        ],
    )
    .await;
    assert!(
        res.location().contains("NoticeFollowUpRecorded"),
        "{}",
        res.location()
    );
    let done = follow_ups::Entity::find_by_id(due[1].id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.status, FollowUpStatus::Done);
    assert_eq!(done.done_by, Some(admin.id));
    let outcome = outcome_rows::Entity::find_by_id(done.outcome_id.unwrap())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (*outcome.kind, *outcome.source, outcome.trainee_id),
        (
            OutcomeKind::Employed,
            OutcomeSource::FollowUp,
            due[1].trainee_id
        )
    );
    // The third reported their shop; the call confirms it (through the API).
    let (third, _) = &class.trainees[2];
    let report = app
        .post_json(
            "/api/v1/me/outcomes",
            serde_json::json!({ "as_of": today(), "kind": "online_store", "platform": "pinduoduo" }),
            Some(&third.token),
        )
        .await;
    assert_eq!(report.status, 201, "{}", report.body);
    let reported = report.json()["id"].as_i64().unwrap() as i32;
    let third_trainee = trainee_of(&app, third).await;
    let third_follow_up = due
        .iter()
        .find(|f| f.trainee_id == third_trainee.id)
        .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/follow-ups/{}", third_follow_up.id),
            serde_json::json!({ "result": "done", "confirm_outcome": true, "note": "网店在经营" }),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 204, "{}", res.body);
    let confirmed = follow_ups::Entity::find_by_id(third_follow_up.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(confirmed.outcome_id, Some(reported));
    assert_eq!(app.audited("follow_up.done").await, 2);
    assert_eq!(app.audited("follow_up.unreachable").await, 1);
    assert_eq!(
        app.get("/api/v1/follow-ups", Some(&admin.cookie))
            .await
            .json()["due_now"],
        0
    );

    // The export holds every row of the filter, headed in Chinese; it is audited.
    let file = app
        .get(
            "/manage/follow-ups.xlsx?show=all&town_id=",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(file.status, 200, "{}", file.body);
    let sheet = sheets::read(&file.bytes).unwrap();
    assert_eq!(sheet.rows.len(), 9, "nine follow-ups under the header");
    assert_eq!(sheet.header[0], "姓名");
    let csv = app
        .get("/manage/follow-ups.csv?show=done", Some(&admin.cookie))
        .await;
    assert!(
        csv.body.contains("禹州示例") || csv.body.contains("已就业"),
        "{}",
        csv.body
    );
    assert_eq!(csv.body.lines().count(), 1 + 2);
    assert_eq!(app.audited("follow_ups.exported").await, 2);

    // A viewer sees the list with masked numbers and records nothing; trainees see nothing.
    let viewer = app.user(Role::BureauViewer).await;
    let seen = app
        .get("/api/v1/follow-ups?show=all", Some(&viewer.cookie))
        .await;
    assert_eq!(seen.status, 200);
    assert!(
        seen.json()["rows"][0]["phone"]
            .as_str()
            .unwrap()
            .contains("****")
    );
    assert_eq!(seen.json()["can_record"], false);
    let res = app
        .post_json(
            &format!("/api/v1/follow-ups/{}", due[0].id),
            serde_json::json!({ "result": "unreachable" }),
            Some(&viewer.token),
        )
        .await;
    assert_eq!(res.status, 403);
    let trainee = &class.trainees[0].0;
    assert_eq!(
        app.get("/api/v1/follow-ups", Some(&trainee.cookie))
            .await
            .status,
        403
    );
}
