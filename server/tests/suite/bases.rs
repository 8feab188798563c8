//! Base KPIs: each figure is counted from placements, places, outcomes and events exactly as
//! defined (a past year with hand-made records, checked number by number); base staff see and
//! record only their own base's; bad years and bad events are refused with nothing saved.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use chrono::{Datelike, NaiveDate, Utc};
use domain::entities::{base_events, outcomes, placements, places};
use model::Role;
use model::enums::{
    OrganisationKind, OrganisationStatus, OutcomeKind, OutcomeSource, PlaceStatus, PlacementKind,
    PlacementStatus,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};
use server::testing::{TestApp, TestUser, query_value, test_id_number};

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// Days from `a` to `b`, both included.
fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days() + 1
}

async fn place(
    app: &TestApp,
    org: i32,
    by: i32,
    capacity: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> i32 {
    places::ActiveModel {
        organisation_id: Set(org),
        kind: Set(PlacementKind::Incubation.into()),
        title: Set(format!("孵化工位{capacity}（示例）")),
        support: Set(String::new()),
        capacity: Set(capacity),
        taken: Set(0),
        starts_on: Set(from),
        ends_on: Set(to),
        requires_certificate: Set(false),
        status: Set(PlaceStatus::Closed.into()),
        created_by: Set(by),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.services.db)
    .await
    .unwrap()
    .id
}

struct Stay {
    trainee: i32,
    org: i32,
    place: Option<i32>,
    kind: PlacementKind,
    status: PlacementStatus,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

async fn stay(app: &TestApp, s: Stay) -> i32 {
    placements::ActiveModel {
        trainee_id: Set(s.trainee),
        organisation_id: Set(s.org),
        place_id: Set(s.place),
        kind: Set(s.kind.into()),
        status: Set(s.status.into()),
        applied_at: Set(Utc::now()),
        start_date: Set(s.start),
        end_date: Set(s.end),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.services.db)
    .await
    .unwrap()
    .id
}

async fn outcome(
    app: &TestApp,
    trainee: i32,
    as_of: NaiveDate,
    kind: OutcomeKind,
    jobs: i32,
    supersedes: Option<i32>,
) -> i32 {
    outcomes::ActiveModel {
        trainee_id: Set(trainee),
        as_of: Set(as_of),
        kind: Set(kind.into()),
        jobs_created: Set(jobs),
        source: Set(if supersedes.is_some() {
            OutcomeSource::Verified.into()
        } else {
            OutcomeSource::SelfReported.into()
        }),
        recorded_at: Set(Utc::now()),
        supersedes_id: Set(supersedes),
        ..Default::default()
    }
    .insert(&app.services.db)
    .await
    .unwrap()
    .id
}

/// A trainee with a real-name profile; their trainee id.
async fn person(app: &TestApp, name: &str, n: u32) -> i32 {
    let (user, _) = app.trainee(name, &test_id_number("19900101", n)).await;
    app.profile_of(user.id).await.expect("a profile").id
}

async fn event_count(app: &TestApp) -> u64 {
    base_events::Entity::find()
        .count(&app.services.db)
        .await
        .unwrap()
}

fn row(list: &Value, org: i32) -> &Value {
    list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["organisation_id"] == org)
        .unwrap_or_else(|| panic!("no row for base {org} in {list}"))
}

fn ratio(v: &Value) -> (i64, i64) {
    (v["num"].as_i64().unwrap(), v["den"].as_i64().unwrap())
}

/// Records an event through the JSON API.
async fn post_event(
    app: &TestApp,
    org: i32,
    body: Value,
    user: &TestUser,
) -> server::testing::TestResponse {
    app.post_json(
        &format!("/api/v1/bases/{org}/events"),
        body,
        Some(&user.token),
    )
    .await
}

async fn delete(app: &TestApp, path: &str, user: &TestUser) -> StatusCode {
    app.send(
        TestApp::request(Method::DELETE, path, Some(&user.cookie))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .status
}

#[tokio::test]
async fn a_year_of_a_base_is_counted_from_its_records() {
    let app = TestApp::new().await;
    let y = domain::local_time::today().year() - 1;
    let a = app
        .organisation(
            OrganisationKind::IncubationBase,
            OrganisationStatus::Approved,
        )
        .await;
    let b = app
        .organisation(OrganisationKind::Enterprise, OrganisationStatus::Approved)
        .await;
    let college = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let a_staff = app.staff(a, false).await;
    let b_staff = app.staff(b, false).await;
    let college_staff = app.staff(college, false).await;
    let admin = app.user(Role::BureauAdmin).await;
    let viewer = app.user(Role::BureauViewer).await;

    // Two places: 2 stations from the middle of last year to the middle of this one, 1 from
    // March to December.
    let p1 = place(&app, a, a_staff.id, 2, date(y - 1, 7, 1), date(y, 6, 30)).await;
    let p2 = place(&app, a, a_staff.id, 1, date(y, 3, 1), date(y, 12, 31)).await;
    let t1 = person(&app, "甲一", 1).await;
    let t2 = person(&app, "乙二", 2).await;
    let t3 = person(&app, "丙三", 3).await;
    let t4 = person(&app, "丁四", 4).await;
    let t5 = person(&app, "戊五", 5).await;
    let t6 = person(&app, "己六", 6).await;
    use PlacementKind::*;
    use PlacementStatus::*;
    let incubation = |trainee, place, status, start, end| Stay {
        trainee,
        org: a,
        place,
        kind: Incubation,
        status,
        start,
        end,
    };
    // A year up in July, graduated on time at the end of the place's period; runs a shop.
    stay(
        &app,
        incubation(
            t1,
            Some(p1),
            Graduated,
            Some(date(y - 1, 7, 1)),
            Some(date(y, 6, 30)),
        ),
    )
    .await;
    outcome(&app, t1, date(y, 8, 1), OutcomeKind::OnlineStore, 3, None).await;
    // Left in February, before the year was up; started a business anyway.
    stay(
        &app,
        incubation(
            t2,
            Some(p1),
            Left,
            Some(date(y - 1, 9, 1)),
            Some(date(y, 2, 1)),
        ),
    )
    .await;
    outcome(
        &app,
        t2,
        date(y, 5, 1),
        OutcomeKind::BusinessStarted,
        2,
        None,
    )
    .await;
    // A livestream room from March on; a self-report (4 jobs) corrected to 5 by the bureau.
    stay(
        &app,
        Stay {
            kind: LivestreamRoom,
            ..incubation(t3, Some(p2), Active, Some(date(y, 3, 1)), None)
        },
    )
    .await;
    let reported = outcome(
        &app,
        t3,
        date(y, 6, 1),
        OutcomeKind::LivestreamHost,
        4,
        None,
    )
    .await;
    outcome(
        &app,
        t3,
        date(y, 6, 1),
        OutcomeKind::LivestreamHost,
        5,
        Some(reported),
    )
    .await;
    // No place recorded; a year up in January; now employed, which is not a business.
    stay(
        &app,
        incubation(
            t4,
            None,
            Graduated,
            Some(date(y - 1, 1, 15)),
            Some(date(y, 11, 30)),
        ),
    )
    .await;
    outcome(&app, t4, date(y, 12, 1), OutcomeKind::Employed, 0, None).await;
    // Graduated the year before: not counted, nor are their jobs.
    stay(
        &app,
        incubation(
            t5,
            Some(p1),
            Graduated,
            Some(date(y - 2, 1, 1)),
            Some(date(y - 1, 6, 30)),
        ),
    )
    .await;
    outcome(
        &app,
        t5,
        date(y - 1, 7, 1),
        OutcomeKind::BusinessStarted,
        7,
        None,
    )
    .await;
    // Applied and rejected: never placed.
    stay(&app, incubation(t6, Some(p2), Applied, None, None)).await;
    stay(&app, incubation(t6, Some(p1), Rejected, None, None)).await;
    // t1 also interned at the enterprise from mid-July.
    stay(
        &app,
        Stay {
            trainee: t1,
            org: b,
            place: None,
            kind: Internship,
            status: Active,
            start: Some(date(y, 7, 15)),
            end: None,
        },
    )
    .await;

    // Events: two in the year (one through the form, one through the API), one the year before.
    let before = event_count(&app).await;
    let res = app
        .post_form(
            &format!("/manage/bases/{a}/events"),
            &[
                ("title", "直播选品沙龙"),
                ("held_on", &date(y, 4, 18).to_string()),
                ("kind", "salon"),
                ("participants", "30"),
                ("year", &y.to_string()),
            ],
            Some(&a_staff.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        query_value(res.location(), "year").as_deref(),
        Some(y.to_string().as_str())
    );
    assert!(res.location().ends_with("#events"), "{}", res.location());
    let res = post_event(&app, a, json!({"title": "农产品产销对接会", "held_on": date(y, 10, 9), "kind": "matchmaking", "participants": 45, "notes": "与三家商超签约"}), &admin).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let res = post_event(&app, a, json!({"title": "往年路演", "held_on": date(y - 1, 12, 31), "kind": "roadshow", "participants": 12}), &a_staff).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(event_count(&app).await, before + 3);
    assert_eq!(app.audited("base_event.recorded").await, 3);

    // The bureau's list for the year.
    let res = app
        .get(
            &format!("/api/v1/bases/kpis?year={y}"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let list = res.json();
    assert_eq!(list["year"], y);
    assert_eq!(list["through"], date(y, 12, 31).to_string());
    let ka = row(&list, a);
    assert_eq!(ka["in_incubation"], 4, "t1–t4");
    assert_eq!(ka["new_entrants"], 1, "t3");
    assert_eq!(ratio(&ka["success"]), (1, 3), "t1 of t1, t2, t4");
    assert_eq!(ratio(&ka["on_schedule"]), (2, 3), "t1 and t4 of t1, t2, t4");
    let held = days(date(y, 1, 1), date(y, 6, 29)) + 31 + days(date(y, 3, 1), date(y, 12, 31));
    let offered = 2 * days(date(y, 1, 1), date(y, 6, 30)) + days(date(y, 3, 1), date(y, 12, 31));
    assert_eq!(ratio(&ka["utilisation"]), (held, offered));
    assert_eq!(
        ka["jobs_created"],
        3 + 2 + 5,
        "t1, t2, t3 (corrected); not t5"
    );
    assert_eq!(ka["events"], 2);
    assert_eq!(ka["participants"], 75);
    let kb = row(&list, b);
    assert_eq!(kb["in_incubation"], 1);
    assert_eq!(kb["new_entrants"], 1);
    assert_eq!(
        ratio(&kb["success"]),
        (0, 0),
        "internships are not incubation"
    );
    assert_eq!(ratio(&kb["utilisation"]), (0, 0));
    assert_eq!(
        kb["jobs_created"], 3,
        "t1's shop, recorded after starting here"
    );
    assert!(
        list["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["organisation_id"] != college),
        "a college is not a base"
    );
    let total = &list["total"];
    assert_eq!(total["in_incubation"], 5);
    assert_eq!(ratio(&total["success"]), (1, 3));
    assert_eq!(total["jobs_created"], 10, "t1 counted once");
    assert_eq!(total["events"], 2);

    // One base's report lists every placement that counted, and how.
    let res = app
        .get(
            &format!("/api/v1/bases/{a}/kpis?year={y}"),
            Some(&a_staff.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let report = res.json();
    assert_eq!(&report["kpis"], ka);
    assert_eq!(report["can_record"], true);
    let counted = report["placements"].as_array().unwrap();
    let names: Vec<&str> = counted
        .iter()
        .map(|p| p["person"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["丁四", "甲一", "乙二", "丙三"], "by start date");
    assert_eq!(counted[1]["success"], true);
    assert_eq!(counted[1]["on_schedule"], true);
    assert_eq!(counted[1]["jobs_created"], 3);
    assert_eq!(counted[2]["success"], false);
    assert_eq!(counted[3]["new_entrant"], true);
    assert_eq!(counted[3]["success"], Value::Null);
    let days_sum: i64 = counted.iter().map(|p| p["days"].as_i64().unwrap()).sum();
    assert_eq!(days_sum, held);
    assert_eq!(report["events"].as_array().unwrap().len(), 2);

    // The pages show the same figures.
    let res = app
        .get(&format!("/manage/bases?year={y}"), Some(&admin.cookie))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let shown = format!("{:.1}%", held as f64 * 100.0 / offered as f64);
    assert!(res.body.contains(&shown), "utilisation {shown}");
    assert!(res.body.contains("33.3%") && res.body.contains("66.7%"));
    let res = app
        .get(
            &format!("/manage/bases/{a}?year={y}"),
            Some(&a_staff.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("丙三") && res.body.contains("直播选品沙龙"));
    assert!(
        !res.body.contains("往年路演"),
        "last year's event is not this year's"
    );

    // The table exports (audited): the bureau's with every base and the total, a base's with
    // its own row only.
    let a_name = ka["base"].as_str().unwrap().to_string();
    let res = app
        .get(&format!("/manage/bases.csv?year={y}"), Some(&admin.cookie))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(&a_name) && res.body.contains("合计"));
    assert!(
        res.body.contains(&format!("{held} / {offered}")),
        "{}",
        res.body
    );
    let res = app
        .get(
            &format!("/api/v1/bases/kpis/export?year={y}&format=xlsx"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.bytes.starts_with(b"PK"), "an .xlsx is a zip");
    let res = app
        .get(
            &format!("/manage/bases.csv?year={y}"),
            Some(&b_staff.cookie),
        )
        .await;
    assert!(!res.body.contains(&a_name), "another base's row");
    let res = app
        .get("/api/v1/bases/kpis/export?format=pdf", Some(&admin.cookie))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audited("base_kpis.exported").await, 3);

    // Base staff see their own base only; others' ids are not found.
    let mine = app
        .get("/api/v1/bases/kpis", Some(&b_staff.cookie))
        .await
        .json();
    assert_eq!(mine["rows"].as_array().unwrap().len(), 1);
    assert_eq!(mine["rows"][0]["organisation_id"], b);
    assert_eq!(mine["year"], y + 1, "this year by default");
    let other = app
        .get(&format!("/api/v1/bases/{a}/kpis"), Some(&b_staff.cookie))
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let res = app
        .get("/api/v1/bases/kpis", Some(&college_staff.cookie))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app
        .get(
            &format!("/api/v1/bases/{college}/kpis"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let trainee = app.user(Role::Trainee).await;
    let res = app.get("/api/v1/bases/kpis", Some(&trainee.cookie)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app.get("/api/v1/bases/kpis", None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    // Years out of range are refused at the field.
    for bad in ["2019", "abc", &(y + 2).to_string()] {
        let res = app
            .get(
                &format!("/api/v1/bases/kpis?year={bad}"),
                Some(&admin.cookie),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(res.json()["error"]["fields"][0]["field"], "year");
    }

    // Bad events come back to the form with every problem; nothing is saved.
    let before = event_count(&app).await;
    let tomorrow = domain::local_time::today().succ_opt().unwrap().to_string();
    let res = app
        .post_form(
            &format!("/manage/bases/{a}/events"),
            &[
                ("title", "超员活动"),
                ("held_on", &tomorrow),
                ("kind", "salon"),
                ("participants", "-1"),
            ],
            Some(&a_staff.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        query_value(res.location(), "err_participants").is_some(),
        "{}",
        res.location()
    );
    let res = post_event(
        &app,
        a,
        json!({"title": "明天的活动", "held_on": tomorrow, "kind": "salon", "participants": 10}),
        &a_staff,
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json()["error"]["fields"][0]["field"], "held_on");
    // Not theirs, not a base, not allowed.
    let res = post_event(
        &app,
        a,
        json!({"title": "越权活动", "held_on": date(y, 5, 5), "kind": "salon", "participants": 10}),
        &b_staff,
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = post_event(
        &app,
        college,
        json!({"title": "院校活动", "held_on": date(y, 5, 5), "kind": "salon", "participants": 10}),
        &college_staff,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = post_event(
        &app,
        a,
        json!({"title": "只读用户", "held_on": date(y, 5, 5), "kind": "salon", "participants": 10}),
        &viewer,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(event_count(&app).await, before);

    // An event recorded by mistake is removed by the base (audited), not by another base.
    let salon = base_events::Entity::find()
        .filter(base_events::Column::Title.eq("直播选品沙龙"))
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    let status = delete(
        &app,
        &format!("/api/v1/bases/{b}/events/{}", salon.id),
        &b_staff,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            &format!("/manage/bases/{a}/events/{}/delete", salon.id),
            &[("year", &y.to_string())],
            Some(&b_staff.cookie),
        )
        .await;
    assert!(
        query_value(res.location(), "error").is_some(),
        "{}",
        res.location()
    );
    assert_eq!(event_count(&app).await, before);
    let res = app
        .post_form(
            &format!("/manage/bases/{a}/events/{}/delete", salon.id),
            &[("year", &y.to_string())],
            Some(&a_staff.cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        query_value(res.location(), "notice").is_some(),
        "{}",
        res.location()
    );
    assert_eq!(event_count(&app).await, before - 1);
    assert_eq!(app.audited("base_event.deleted").await, 1);
    let status = delete(
        &app,
        &format!("/api/v1/bases/{a}/events/{}", salon.id),
        &a_staff,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "gone already");
    let after = app
        .get(&format!("/api/v1/bases/kpis?year={y}"), Some(&admin.cookie))
        .await
        .json();
    assert_eq!(row(&after, a)["events"], 1);
    assert_eq!(row(&after, a)["participants"], 45);
}
