//! Real-name profiles and enrolment: ID checks, one person one account, the waiting list and
//! promotion on withdrawal, the rules that refuse an enrolment, and a burst of 10,000 attempts
//! at 500 places.

use chrono::{Duration, Utc};
use domain::entities::{audit_log, courses, enrollments, trainees};
use domain::{Actor, DomainError, enrolment, trainees as profiles};
use model::Role;
use model::enums::{CourseStatus, EnrollmentStatus, Gender};
use model::i18n::Msg;
use model::trainees::ProfileInput;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use server::testing::TestApp;

/// A valid ID number (GB 11643) for a fictional person born in 1990, unique per `n`.
fn id_number(n: u32) -> String {
    server::testing::test_id_number("19900101", n)
}

fn profile(id: &str) -> ProfileInput {
    ProfileInput {
        name: "测试学员".into(),
        id_number: id.into(),
        town_id: Some(1),
        village: "示例村".into(),
        education: "senior_high".into(),
        prior_status: "farmer".into(),
        ecommerce_experience: "none".into(),
        consent: true,
    }
}

/// A signed-in trainee with a completed profile.
async fn trainee(app: &TestApp, n: u32) -> (server::testing::TestUser, Actor) {
    let user = app.user(Role::Trainee).await;
    let actor = app.actor(&user).await;
    profiles::save_profile(&app.services, &actor, profile(&id_number(n)))
        .await
        .unwrap();
    (user, actor)
}

async fn status(app: &TestApp, actor: &Actor, course: i32) -> (EnrollmentStatus, Option<u32>) {
    let s = enrolment::standing(&app.services.db, actor, course)
        .await
        .unwrap()
        .unwrap();
    (s.status, s.waitlist_position)
}

#[tokio::test]
async fn a_profile_checks_the_id_number_and_one_person_has_one_account() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let user = app.user(Role::Trainee).await;
    let actor = app.actor(&user).await;
    let mut bad = id_number(1);
    bad.pop();
    bad.push(if id_number(1).ends_with('0') {
        '1'
    } else {
        '0'
    });
    for (id, msg) in [
        ("12345", Msg::ErrIdNumberFormat),
        (bad.as_str(), Msg::ErrIdNumberCheck),
    ] {
        match profiles::save_profile(&app.services, &actor, profile(id)).await {
            Err(DomainError::Invalid(f)) => {
                assert_eq!((f[0].field.as_str(), f[0].message), ("id_number", msg))
            }
            other => panic!("{id}: {other:?}"),
        }
    }
    // Through the form: the ID number never comes back in the URL.
    let res = app
        .post_form(
            "/profile",
            &[
                ("name", "张三"),
                ("id_number", &bad),
                ("town_id", "1"),
                ("education", "bachelor"),
                ("prior_status", "farmer"),
                ("ecommerce_experience", "none"),
                ("consent", "1"),
            ],
            Some(&user.cookie),
        )
        .await;
    assert!(
        res.location().contains("err_id_number=ErrIdNumberCheck"),
        "{}",
        res.location()
    );
    assert!(!res.location().contains(&bad[..10]), "{}", res.location());
    assert_eq!(trainees::Entity::find().count(db).await.unwrap(), 0);

    let good = id_number(7);
    let res = app
        .post_form(
            "/profile",
            &[
                ("name", "张三"),
                ("id_number", &good),
                ("town_id", "1"),
                ("education", "bachelor"),
                ("prior_status", "farmer"),
                ("ecommerce_experience", "none"),
                ("consent", "1"),
                ("next", "/courses/1"),
            ],
            Some(&user.cookie),
        )
        .await;
    assert!(
        res.location()
            .starts_with("/courses/1?notice=NoticeProfileSaved"),
        "{}",
        res.location()
    );
    let row = trainees::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(
        row.id_number_masked,
        format!("{}**********{}", &good[..4], &good[14..])
    );
    assert!(!row.id_number_cipher.contains(&good), "stored encrypted");
    assert_eq!(
        (*row.gender, row.birth_date.to_string().as_str()),
        (
            if good[16..17].parse::<u32>().unwrap() % 2 == 1 {
                Gender::Male
            } else {
                Gender::Female
            },
            "1990-01-01"
        )
    );
    let page = app.get("/profile", Some(&user.cookie)).await;
    assert!(page.body.contains(&row.id_number_masked) && !page.body.contains(&good));

    // The same person from another account.
    let other = app.actor(&app.user(Role::Trainee).await).await;
    assert!(matches!(
        profiles::save_profile(&app.services, &other, profile(&good)).await,
        Err(DomainError::Invalid(f)) if f[0].message == Msg::ErrIdNumberTaken
    ));
    // Only a bureau admin sees it whole, and that is audited.
    assert!(matches!(
        profiles::reveal_id_number(&app.services, &actor, row.id).await,
        Err(DomainError::Forbidden)
    ));
    let admin = app.actor(&app.user(Role::BureauAdmin).await).await;
    assert_eq!(
        profiles::reveal_id_number(&app.services, &admin, row.id)
            .await
            .unwrap(),
        good
    );
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("trainee.id_revealed"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_full_course_offers_the_waiting_list_and_a_withdrawal_promotes_the_first() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let course = app.open_course(2, 10).await;
    let mut people = Vec::new();
    for n in 0..4 {
        people.push(trainee(&app, n).await);
    }
    // The first two get seats, the others wait in order; the course page says so.
    for (i, (user, _)) in people.iter().enumerate() {
        let res = app
            .post_form(&format!("/courses/{course}/enrol"), &[], Some(&user.cookie))
            .await;
        let want = if i < 2 {
            "NoticeEnrolled"
        } else {
            "NoticeWaitlisted"
        };
        assert!(res.location().contains(want), "{i}: {}", res.location());
    }
    assert_eq!(
        status(&app, &people[2].1, course).await,
        (EnrollmentStatus::Waitlisted, Some(1))
    );
    assert_eq!(
        status(&app, &people[3].1, course).await,
        (EnrollmentStatus::Waitlisted, Some(2))
    );
    let page = app
        .get(&format!("/courses/{course}"), Some(&people[3].0.cookie))
        .await;
    assert!(page.body.contains("候补名单第 2 位"), "{}", page.body);
    // Twice is refused.
    assert!(matches!(
        enrolment::enrol(db, &people[0].1, course).await,
        Err(DomainError::Conflict(Msg::ErrAlreadyEnrolled))
    ));
    // The first withdraws: the first in line gets the seat in the same step.
    let res = app
        .post_form(
            &format!("/courses/{course}/withdraw"),
            &[],
            Some(&people[0].0.cookie),
        )
        .await;
    assert!(
        res.location().contains("NoticeWithdrawn"),
        "{}",
        res.location()
    );
    assert_eq!(
        status(&app, &people[0].1, course).await.0,
        EnrollmentStatus::Withdrawn
    );
    assert_eq!(
        status(&app, &people[2].1, course).await,
        (EnrollmentStatus::Enrolled, None)
    );
    assert_eq!(
        status(&app, &people[3].1, course).await,
        (EnrollmentStatus::Waitlisted, Some(1))
    );
    let row = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.seats_taken, 2);
    let learning = app.get("/learning", Some(&people[2].0.cookie)).await;
    assert!(learning.body.contains("测试课程10") && learning.body.contains("已报名"));
    // A withdrawn trainee may come back, to the end of the line.
    enrolment::enrol(db, &people[0].1, course).await.unwrap();
    assert_eq!(
        status(&app, &people[0].1, course).await,
        (EnrollmentStatus::Waitlisted, Some(2))
    );
    // When nobody waits, a withdrawal frees the seat.
    enrolment::withdraw(db, &people[3].1, course).await.unwrap();
    enrolment::withdraw(db, &people[0].1, course).await.unwrap();
    enrolment::withdraw(db, &people[1].1, course).await.unwrap();
    let row = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.seats_taken, 1);
    let promoted = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("enrolment.promoted"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(promoted, 1);
}

#[tokio::test]
async fn enrolments_that_break_a_rule_are_refused_with_a_reason() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let course = app.open_course(10, 10).await;
    // No profile yet.
    let newcomer = app.actor(&app.user(Role::Trainee).await).await;
    assert!(matches!(
        enrolment::enrol(db, &newcomer, course).await,
        Err(DomainError::Conflict(Msg::ErrProfileRequired))
    ));
    let (_, actor) = trainee(&app, 1).await;
    // Draft: does not exist to a trainee; finished: closed; no such course.
    let draft = app.open_course(10, 11).await;
    let finished = app.open_course(10, 12).await;
    for (id, status) in [
        (draft, CourseStatus::Draft),
        (finished, CourseStatus::Finished),
    ] {
        let mut c: courses::ActiveModel = courses::Entity::find_by_id(id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into();
        c.status = Set(status.into());
        c.update(db).await.unwrap();
    }
    assert!(matches!(
        enrolment::enrol(db, &actor, draft).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        enrolment::enrol(db, &actor, finished).await,
        Err(DomainError::Conflict(Msg::ErrCourseNotOpen))
    ));
    assert!(matches!(
        enrolment::enrol(db, &actor, 999_999).await,
        Err(DomainError::NotFound)
    ));
    // Outside the window.
    let closed = app.open_course(10, 13).await;
    let mut c: courses::ActiveModel = courses::Entity::find_by_id(closed)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    c.enrol_closes_at = Set(Some(Utc::now() - Duration::hours(1)));
    c.update(db).await.unwrap();
    assert!(matches!(
        enrolment::enrol(db, &actor, closed).await,
        Err(DomainError::Conflict(Msg::ErrEnrolWindow))
    ));
    // Two courses meeting at the same time (both start in 10 days at 09:00).
    enrolment::enrol(db, &actor, course).await.unwrap();
    let same_time = app.open_course(10, 10).await;
    assert!(matches!(
        enrolment::enrol(db, &actor, same_time).await,
        Err(DomainError::Conflict(Msg::ErrScheduleClash))
    ));
    // Staff cannot enrol; nor can a visitor.
    let staff = app.actor(&app.user(Role::PartnerStaff).await).await;
    assert!(matches!(
        enrolment::enrol(db, &staff, course).await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        enrolment::enrol(db, &Actor::anonymous(), course).await,
        Err(DomainError::Unauthenticated)
    ));
    assert_eq!(enrollments::Entity::find().count(db).await.unwrap(), 1);
}

/// 10,000 attempts from concurrent clients at 500 places: exactly 500 seats, everyone else in
/// one consistent waiting-list order, no errors.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_ten_thousand_attempts_fills_exactly_the_places() {
    const ATTEMPTS: u32 = 10_000;
    const PLACES: i32 = 500;
    let app = TestApp::new_shared().await;
    let db = app.services.db.clone();
    let course = app.open_course(PLACES, 30).await;
    let ids = app.bulk_trainees(ATTEMPTS).await;
    let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(64));
    let mut tasks = tokio::task::JoinSet::new();
    for id in ids {
        let (db, limit) = (db.clone(), limit.clone());
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await.unwrap();
            let actor = server::testing::trainee_actor(id);
            enrolment::enrol(&db, &actor, course).await
        });
    }
    let mut errors = 0;
    while let Some(result) = tasks.join_next().await {
        if let Err(e) = result.unwrap() {
            errors += 1;
            eprintln!("{e:?}");
        }
    }
    assert_eq!(errors, 0, "no attempt failed");
    assert_filled(&db, course, ATTEMPTS, PLACES).await;
}

/// Exactly `places` enrolled on `course`, everyone else in one waiting line without gaps or
/// ties, and the seat count agrees.
async fn assert_filled(db: &sea_orm::DatabaseConnection, course: i32, attempts: u32, places: i32) {
    let count = |s: EnrollmentStatus| {
        let db = db.clone();
        async move {
            enrollments::Entity::find()
                .filter(enrollments::Column::CourseId.eq(course))
                .filter(enrollments::Column::Status.eq(s.as_str()))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(count(EnrollmentStatus::Enrolled).await, places as u64);
    assert_eq!(
        count(EnrollmentStatus::Waitlisted).await,
        (attempts as i32 - places) as u64
    );
    let row = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.seats_taken, places);
    let mut positions: Vec<i32> = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course))
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Waitlisted.as_str()))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| e.waitlist_position)
        .collect();
    positions.sort();
    assert_eq!(
        positions,
        (1..=(attempts as i32 - places)).collect::<Vec<_>>(),
        "one line, no gaps or ties"
    );
}

/// Two server instances (two routers, two connection pools, one key) on one database take
/// 10,000 enrolment requests over HTTP for 500 places, alternately: every request answered
/// 200, and the same exact outcome as with one instance.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_server_instances_on_one_database_fill_exactly_the_places() {
    const ATTEMPTS: u32 = 10_000;
    const PLACES: i32 = 500;
    let first = TestApp::new_shared().await;
    let second = first.another_instance().await;
    let course = first.open_course(PLACES, 30).await;
    let ids = first.bulk_trainees(ATTEMPTS).await;
    let tokens = first.bulk_sessions(&ids).await;
    let routers = [first.router.clone(), second.router.clone()];
    let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(64));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let (router, limit) = (routers[i % 2].clone(), limit.clone());
        tasks.spawn(async move {
            use tower::ServiceExt;
            let _permit = limit.acquire_owned().await.unwrap();
            let req = axum::http::Request::builder()
                .method("POST")
                .uri(format!("/api/v1/courses/{course}/enrolment"))
                .header("host", "127.0.0.1:3000")
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{}"))
                .unwrap();
            let res = router.oneshot(req).await.unwrap();
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap();
            (
                status,
                serde_json::from_slice::<serde_json::Value>(&body).ok(),
            )
        });
    }
    let (mut enrolled, mut waiting, mut failed) = (0, 0, 0);
    while let Some(result) = tasks.join_next().await {
        match result.unwrap() {
            (status, Some(body)) if status == 200 => match body["status"].as_str() {
                Some("enrolled") => enrolled += 1,
                Some("waitlisted") => waiting += 1,
                _ => failed += 1,
            },
            (status, body) => {
                failed += 1;
                eprintln!("{status}: {body:?}");
            }
        }
    }
    assert_eq!(failed, 0, "every request answered 200");
    assert_eq!((enrolled, waiting), (PLACES, ATTEMPTS as i32 - PLACES));
    assert_filled(&first.services.db, course, ATTEMPTS, PLACES).await;
}

#[tokio::test]
async fn the_json_api_completes_a_profile_enrols_and_withdraws() {
    let app = TestApp::new().await;
    let course = app.open_course(1, 10).await;
    let user = app.user(Role::Trainee).await;
    let res = app
        .post_json(
            &format!("/api/v1/courses/{course}/enrolment"),
            serde_json::json!({}),
            Some(&user.token),
        )
        .await;
    assert_eq!(res.status, 409, "no profile yet: {}", res.body);
    let put = |json: serde_json::Value| {
        let req =
            server::testing::TestApp::request(axum::http::Method::PUT, "/api/v1/me/profile", None)
                .header("authorization", format!("Bearer {}", user.token))
                .header("content-type", "application/json")
                .body(axum::body::Body::from(json.to_string()))
                .unwrap();
        app.send(req)
    };
    let mut json = serde_json::json!({
        "name": "李四", "id_number": "419999199001010000", "town_id": 2, "education": "college",
        "prior_status": "student", "ecommerce_experience": "none", "consent": true
    });
    let res = put(json.clone()).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.json()["error"]["fields"][0]["field"], "id_number");
    json["id_number"] = serde_json::json!(id_number(42));
    let res = put(json).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let me = app.get("/api/v1/me/profile", None).await;
    assert_eq!(me.status, 401);
    let res = app
        .post_json(
            &format!("/api/v1/courses/{course}/enrolment"),
            serde_json::json!({}),
            Some(&user.token),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["status"], "enrolled");
    let req = server::testing::TestApp::request(
        axum::http::Method::DELETE,
        &format!("/api/v1/courses/{course}/enrolment"),
        None,
    )
    .header("authorization", format!("Bearer {}", user.token))
    .body(axum::body::Body::empty())
    .unwrap();
    assert_eq!(app.send(req).await.status, 204);
    let learning = app.get("/api/v1/me/learning", None).await;
    assert_eq!(learning.status, 401);
    let row = courses::Entity::find_by_id(course)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.seats_taken, 0, "the seat is free again");
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    for path in [
        "/api/v1/me/profile",
        "/api/v1/me/learning",
        "/api/v1/courses/{id}/enrolment",
        "/api/v1/trainees/{id}/id-number",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
}
