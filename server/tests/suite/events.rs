//! Lectures and salons as events: quick registration without an account up to the capacity,
//! one per phone, cancelling by the ticket; check-in by phone after scanning the session's
//! code and by staff; what staff of the event and of other partners see; and check-ins
//! counting as attendances (培训人次) on the dashboard, not as people trained.

use chrono::Datelike;
use domain::entities::{course_sessions, courses, event_registrations};
use domain::{Actor, DomainError, checkin, dashboard, enrolment, events};
use model::Role;
use model::dashboard::DashboardQuery;
use model::enums::{OrganisationKind, OrganisationStatus, Programme};
use model::events::{EventCheckinInput, RegistrationInput};
use model::i18n::Msg;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use server::testing::{TestApp, query_value, test_id_number};

async fn seats_taken(app: &TestApp, course: i32) -> i32 {
    courses::Entity::find_by_id(course)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap()
        .seats_taken
}

fn visitor(ip: &str) -> Actor {
    Actor {
        ip: Some(ip.into()),
        ..Actor::anonymous()
    }
}

fn person(name: &str, phone: &str, town: i32) -> RegistrationInput {
    RegistrationInput {
        name: name.into(),
        phone: phone.into(),
        town_id: Some(town),
    }
}

/// A course of the lecture/salon programme with `capacity` places, starting in `starts_in`
/// days (one session at 09:00); with its organiser's id.
async fn lecture(app: &TestApp, capacity: i32, starts_in: i64) -> (i32, i32) {
    let db = &app.services.db;
    let course = app.open_course(capacity, starts_in).await;
    courses::Entity::update_many()
        .col_expr(
            courses::Column::Programme,
            Expr::value(Programme::LectureSalon.as_str()),
        )
        .filter(courses::Column::Id.eq(course))
        .exec(db)
        .await
        .unwrap();
    let org = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    (course, org)
}

#[tokio::test]
async fn anyone_registers_for_a_lecture_checks_in_by_phone_and_counts_as_an_attendance() {
    let app = TestApp::new().await;
    let svc = &app.services;
    let db = &svc.db;
    // A lecture with two places, today, one session at 09:00.
    let (course, org) = lecture(&app, 2, 0).await;
    let staff = app.staff(org, false).await;
    let staff_actor = app.actor(&staff).await;
    let other_org = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let stranger = app.actor(&app.staff(other_org, false).await).await;
    let admin = app.actor(&app.user(Role::BureauAdmin).await).await;
    let town = domain::towns::list(db).await.unwrap()[0].id;

    // Bad input from the form: each field's message, nothing saved.
    let res = app
        .post_form(
            &format!("/courses/{course}/register"),
            &[("name", ""), ("phone", "1234"), ("town_id", "")],
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    let back = res.location();
    assert_eq!(
        query_value(back, "err_name").as_deref(),
        Some("ErrRequired")
    );
    assert_eq!(
        query_value(back, "err_phone").as_deref(),
        Some("ErrPhoneFormat")
    );
    assert_eq!(
        query_value(back, "err_town_id").as_deref(),
        Some("ErrChoose")
    );
    assert_eq!(
        event_registrations::Entity::find().count(db).await.unwrap(),
        0
    );

    // A visitor registers through the form and lands on the ticket.
    let res = app
        .post_form(
            &format!("/courses/{course}/register"),
            &[
                ("name", "王大姐"),
                ("phone", "139 0000 1111"),
                ("town_id", &town.to_string()),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    let ticket_path = res.location().split('?').next().unwrap().to_string();
    assert!(ticket_path.starts_with("/tickets/"), "{ticket_path}");
    let code = ticket_path.trim_start_matches("/tickets/").to_string();
    let ticket = app.get(&format!("/api/v1/tickets/{code}"), None).await;
    assert_eq!(ticket.status, 200, "{}", ticket.body);
    assert_eq!(ticket.json()["phone_masked"], "139****1111");
    assert!(
        !ticket.body.contains("13900001111"),
        "the phone stays masked"
    );
    assert_eq!(app.get("/api/v1/tickets/0123", None).await.status, 404);
    // The same phone again: refused at the field.
    assert!(matches!(
        events::register(svc, &visitor("10.0.0.2"), course, person("王大姐", "13900001111", town)).await,
        Err(DomainError::Invalid(f)) if f[0].field == "phone" && f[0].message == Msg::ErrAlreadyRegistered
    ));
    // Through the API, the second place; then the event is full.
    let res = app
        .post_json(
            &format!("/api/v1/courses/{course}/registrations"),
            json!({"name": "李师傅", "phone": "13900002222", "town_id": town}),
            None,
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    assert!(matches!(
        events::register(
            svc,
            &visitor("10.0.0.3"),
            course,
            person("赵三", "13900003333", town)
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrEventFull))
    ));
    assert_eq!(seats_taken(&app, course).await, 2);

    // Enrolling is for courses; a trainee registers like anyone else.
    let (_, trainee) = app.trainee("学员甲", &test_id_number("19900101", 77)).await;
    assert!(matches!(
        enrolment::enrol(db, &trainee, course).await,
        Err(DomainError::Conflict(Msg::ErrEventRegisterInstead))
    ));

    // The first cancels by the ticket; the place goes to the next.
    let res = app
        .post_form(&format!("/tickets/{code}/cancel"), &[], None)
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        query_value(res.location(), "notice").as_deref(),
        Some("NoticeRegistrationCancelled")
    );
    assert_eq!(seats_taken(&app, course).await, 1);
    assert!(matches!(
        events::cancel(db, &Actor::anonymous(), &code).await,
        Err(DomainError::Conflict(Msg::ErrCannotCancelRegistration))
    ));
    events::register(
        svc,
        &visitor("10.0.0.3"),
        course,
        person("赵三", "13900003333", town),
    )
    .await
    .unwrap();

    // The event's staff see the list (phones masked); another partner does not.
    let roster = events::roster(db, &staff_actor, course).await.unwrap();
    assert_eq!((roster.registered, roster.checked_in), (2, 0));
    assert_eq!(roster.rows.len(), 3, "the cancelled one is listed too");
    assert!(roster.rows.iter().all(|r| r.phone_masked.contains("****")));
    assert!(roster.can_check_in);
    assert!(matches!(
        events::roster(db, &stranger, course).await,
        Err(DomainError::NotFound)
    ));

    // At the event: the screen's code and the phone registered with.
    let session = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let at = session.starts_at + chrono::Duration::minutes(5);
    let code_now = checkin::code_at(&svc.keys, session.id, at);
    let phone = |p: &str| EventCheckinInput { phone: p.into() };
    let someone = visitor("10.0.0.9");
    assert!(
        events::self_check_in_at(
            svc,
            &someone,
            session.id,
            &code_now,
            phone("13900002222"),
            at
        )
        .await
        .unwrap()
    );
    assert!(
        !events::self_check_in_at(
            svc,
            &someone,
            session.id,
            &code_now,
            phone("13900002222"),
            at
        )
        .await
        .unwrap(),
        "once"
    );
    assert!(matches!(
        events::self_check_in_at(svc, &someone, session.id, &code_now, phone("13900001111"), at).await,
        Err(DomainError::Invalid(f)) if f[0].message == Msg::ErrNotRegistered
    ));
    assert!(matches!(
        events::self_check_in_at(
            svc,
            &someone,
            session.id,
            "0000000000",
            phone("13900002222"),
            at
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrCheckinCodeInvalid))
    ));
    let late = session.ends_at + chrono::Duration::minutes(1);
    assert!(matches!(
        events::self_check_in_at(
            svc,
            &someone,
            session.id,
            &checkin::code_at(&svc.keys, session.id, late),
            phone("13900003333"),
            late
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrCheckinOutsideTime))
    ));
    // Staff check the other in from the list; another partner cannot.
    let third = roster.rows.iter().find(|r| r.name == "赵三").unwrap().id;
    assert!(matches!(
        events::staff_check_in(db, &stranger, course, third).await,
        Err(DomainError::NotFound)
    ));
    assert!(
        events::staff_check_in(db, &staff_actor, course, third)
            .await
            .unwrap()
    );
    assert_eq!(app.audited("event.checked_in").await, 2);
    assert_eq!(app.audited("event.registered").await, 3);

    // The dashboard: two attendances at lectures this year, nobody trained by them.
    let query = DashboardQuery {
        year: domain::local_time::today().year().to_string(),
        programme: "lecture_salon".into(),
        ..DashboardQuery::default()
    };
    let board = dashboard::dashboard(db, &admin, &query).await.unwrap();
    assert_eq!(board.kpis.attendances, 2);
    assert_eq!(board.kpis.trained, 0);
    let other_programme = DashboardQuery {
        programme: "rural".into(),
        ..query.clone()
    };
    assert_eq!(
        dashboard::dashboard(db, &admin, &other_programme)
            .await
            .unwrap()
            .kpis
            .attendances,
        0
    );
}

#[tokio::test]
async fn registrations_are_limited_per_address() {
    let app = TestApp::new().await;
    let svc = &app.services;
    let (course, _) = lecture(&app, 500, 3).await;
    let town = domain::towns::list(&svc.db).await.unwrap()[0].id;
    let bot = visitor("10.9.9.9");
    let mut refused = None;
    for n in 0..30 {
        let phone = format!("1370000{n:04}");
        if let Err(e) = events::register(svc, &bot, course, person("路人", &phone, town)).await {
            refused = Some((n, e));
            break;
        }
    }
    assert!(
        matches!(refused, Some((20, DomainError::RateLimited { .. }))),
        "{refused:?}"
    );
    // Another address is not held up.
    events::register(
        svc,
        &visitor("10.9.9.8"),
        course,
        person("路人", "13800009999", town),
    )
    .await
    .unwrap();
    // Not a lecture or salon: no registration.
    let course_proper = app.open_course(10, 3).await;
    assert!(matches!(
        events::register(
            svc,
            &visitor("10.1.1.1"),
            course_proper,
            person("路人", "13800008888", town)
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrNotAnEvent))
    ));
}

/// A lecture on now: a trainee registers signed in and finds it on "My learning" with its
/// ticket; a visitor scans the screen's code, gets the phone form and checks in with it (bad,
/// unknown and repeated numbers answered at the field or as a notice); the event's staff
/// export the list with the full numbers (audited), which no one else may.
#[tokio::test]
async fn a_lecture_on_now_checks_in_by_the_phone_form_shows_on_my_learning_and_exports() {
    let app = TestApp::new().await;
    let svc = &app.services;
    let db = &svc.db;
    let (course, org) = lecture(&app, 10, 0).await;
    let now = chrono::Utc::now();
    course_sessions::Entity::update_many()
        .col_expr(
            course_sessions::Column::StartsAt,
            Expr::value(now - chrono::Duration::minutes(10)),
        )
        .col_expr(
            course_sessions::Column::EndsAt,
            Expr::value(now + chrono::Duration::minutes(80)),
        )
        .filter(course_sessions::Column::CourseId.eq(course))
        .exec(db)
        .await
        .unwrap();
    let session = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let staff = app.staff(org, false).await;
    let other_org = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let stranger = app.staff(other_org, false).await;
    let town = domain::towns::list(db).await.unwrap()[0].id.to_string();

    // A trainee registers signed in: the ticket is on "My learning".
    let (trainee_user, _) = app.trainee("学员乙", &test_id_number("19880808", 78)).await;
    let res = app
        .post_form(
            &format!("/courses/{course}/register"),
            &[
                ("name", "学员乙"),
                ("phone", "13900004444"),
                ("town_id", &town),
            ],
            Some(&trainee_user.cookie),
        )
        .await;
    assert_eq!(res.status, 303);
    let trainee_code = res
        .location()
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches("/tickets/")
        .to_string();
    let learning = app
        .get("/api/v1/me/learning", Some(&trainee_user.cookie))
        .await;
    assert_eq!(learning.status, 200, "{}", learning.body);
    let events = &learning.json()["events"];
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    assert_eq!(events[0]["code"], json!(trainee_code));
    assert_eq!(events[0]["course_id"], json!(course));
    assert_eq!(events[0]["status"], json!("registered"));
    let page = app.get("/learning", Some(&trainee_user.cookie)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!("/tickets/{trainee_code}")),
        "the ticket is linked from My learning"
    );
    // A visitor registers without an account.
    app.post_form(
        &format!("/courses/{course}/register"),
        &[
            ("name", "路人丙"),
            ("phone", "13900005555"),
            ("town_id", &town),
        ],
        None,
    )
    .await;

    // Scanning the screen: the check-in page asks for the phone, with no login.
    let code_now = checkin::code_at(&svc.keys, session.id, chrono::Utc::now());
    let here = format!("/checkin/{}/{code_now}", session.id);
    let action = format!("/events/checkin/{}/{code_now}", session.id);
    let page = app.get(&here, None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!("action=\"{action}\"")),
        "the phone form"
    );
    assert!(page.body.contains("name=\"phone\""));
    // A wrong code says so to the visitor (no login asked for, no form offered).
    let wrong = app
        .get(&format!("/checkin/{}/0000000000", session.id), None)
        .await;
    assert_eq!(wrong.status, 200);
    assert!(wrong.body.contains("二维码无效"), "{}", wrong.body);
    assert!(!wrong.body.contains("name=\"phone\""));
    let res = app.post_form(&action, &[("phone", "12")], None).await;
    assert_eq!(
        query_value(res.location(), "err_phone").as_deref(),
        Some("ErrPhoneFormat")
    );
    let res = app
        .post_form(&action, &[("phone", "13900009999")], None)
        .await;
    assert_eq!(
        query_value(res.location(), "err_phone").as_deref(),
        Some("ErrNotRegistered")
    );
    let res = app
        .post_form(&action, &[("phone", "139 0000 5555")], None)
        .await;
    assert_eq!(res.location(), format!("{here}?notice=NoticeCheckedIn"));
    let res = app
        .post_form(&action, &[("phone", "13900005555")], None)
        .await;
    assert_eq!(res.location(), format!("{here}?notice=CheckinAlready"));
    let visitor_row = event_registrations::Entity::find()
        .filter(event_registrations::Column::Phone.eq("13900005555"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(visitor_row.checked_in_at.is_some());
    assert_eq!(visitor_row.checkin_method.as_deref(), Some("qr"));

    // The export: the event's staff, every registration with its full number.
    let csv = app
        .get(
            &format!("/manage/courses/{course}/registrations.csv"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(
        csv.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two registrations: {lines:?}");
    assert!(lines[1].contains("学员乙") && lines[1].contains("13900004444"));
    assert!(lines[2].contains("路人丙") && lines[2].contains("13900005555"));
    assert!(lines[2].contains("已签到"), "{}", lines[2]);
    let xlsx = app
        .get(
            &format!("/manage/courses/{course}/registrations.xlsx"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.bytes.starts_with(b"PK"), "a real workbook");
    assert_eq!(app.audited("event.exported").await, 2);
    for cookie in [&stranger.cookie, &trainee_user.cookie] {
        let refused = app
            .get(
                &format!("/manage/courses/{course}/registrations.csv"),
                Some(cookie),
            )
            .await;
        assert_eq!(refused.status, 303);
        assert!(!refused.body.contains("13900005555"));
    }
    assert_eq!(app.audited("event.exported").await, 2);
    let ordinary = app.open_course(10, 3).await;
    let refused = app
        .get(
            &format!("/manage/courses/{ordinary}/registrations.csv"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(refused.status, 303);
    // An ordinary course's check-in page still asks for a login first.
    let ordinary_session = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(ordinary))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let scanned = app
        .get(
            &format!(
                "/checkin/{}/{}",
                ordinary_session.id,
                checkin::code_at(&svc.keys, ordinary_session.id, chrono::Utc::now())
            ),
            None,
        )
        .await;
    assert_eq!(scanned.status, 303);
    assert!(scanned.location().starts_with("/login?next="));
    let list = app
        .get(
            &format!("/manage/courses/{course}/registrations"),
            Some(&staff.cookie),
        )
        .await;
    assert!(
        list.body
            .contains(&format!("/manage/courses/{course}/registrations.xlsx")),
        "the list links its export"
    );
    assert!(
        list.body.contains(&format!(
            "/manage/courses/{course}/sessions/{}/checkin",
            session.id
        )),
        "and the session's check-in screen"
    );
}
