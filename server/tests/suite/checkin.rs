//! QR self check-in: the staff's screen, a trainee checking in once, and every code, time and
//! person that is refused.

use chrono::{Duration, Utc};
use domain::entities::{attendance, course_sessions, courses, enrollments};
use domain::{Actor, DomainError, checkin, enrolment};
use model::enums::AttendanceMethod;
use model::i18n::Msg;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use server::testing::{TestApp, TestUser};

fn id_number(n: u32) -> String {
    server::testing::test_id_number("19930405", n)
}

async fn trainee(app: &TestApp, n: u32) -> (TestUser, Actor) {
    app.trainee(&format!("签到学员{n}"), &id_number(n)).await
}

/// A course whose only session runs from ten minutes ago for two hours, its staff, and one
/// enrolled trainee.
async fn session_now(
    app: &TestApp,
    n: u32,
) -> (i32, course_sessions::Model, Actor, TestUser, Actor) {
    let db = &app.services.db;
    let course = app.open_course(10, 3).await;
    let (user, t) = trainee(app, n).await;
    enrolment::enrol(db, &t, course).await.unwrap();
    let session = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let mut active = session.into_active_model();
    active.starts_at = Set(now - Duration::minutes(10));
    active.ends_at = Set(now + Duration::hours(2));
    let session = active.update(db).await.unwrap();
    let org = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let staff = app.staff(org, false).await;
    let staff = app.actor(&staff).await;
    (course, session, staff, user, t)
}

#[tokio::test]
async fn a_trainee_scans_the_screen_and_is_marked_present_once() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, session, staff, user, _) = session_now(&app, 1).await;
    let screen = checkin::screen(&app.services, &staff, course, session.id)
        .await
        .unwrap();
    assert!(screen.open);
    assert!(screen.svg.contains("<svg"));
    assert!(
        screen
            .url
            .ends_with(&format!("/checkin/{}/{}", session.id, screen.code))
    );
    assert!((1..=30).contains(&screen.refresh_in));
    assert_eq!((screen.checked_in, screen.enrolled), (0, 1));

    // The phone opens the address from the code: a page with one button.
    let path = format!("/checkin/{}/{}", session.id, screen.code);
    let page = app.get(&path, Some(&user.cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("确认签到"), "{}", page.body);
    // Not signed in: to the login page first, and back.
    let anonymous = app.get(&path, None).await;
    assert!(
        anonymous.location().starts_with("/login?next="),
        "{}",
        anonymous.location()
    );

    let res = app.post_form(&path, &[], Some(&user.cookie)).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(
        res.location().contains("notice=NoticeCheckedIn"),
        "{}",
        res.location()
    );
    // A second tap changes nothing.
    let again = app.post_form(&path, &[], Some(&user.cookie)).await;
    assert!(again.location().contains("notice=NoticeCheckedIn"));
    let marks = attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].method, AttendanceMethod::Qr);
    let e = enrollments::Entity::find_by_id(marks[0].enrollment_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.attended_hours, session.hours);
    let page = app.get(&path, Some(&user.cookie)).await;
    assert!(page.body.contains("您已签到"));
    let screen = checkin::screen(&app.services, &staff, course, session.id)
        .await
        .unwrap();
    assert_eq!(screen.checked_in, 1);
}

#[tokio::test]
async fn old_codes_other_sessions_wrong_times_and_strangers_are_refused() {
    let app = TestApp::new().await;
    let keys = app.services.keys.clone();
    let (course, session, staff, _, t) = session_now(&app, 1).await;
    let now = Utc::now();
    let refused = |r: Result<bool, DomainError>| match r {
        Err(DomainError::Conflict(m)) => m,
        other => panic!("{other:?}"),
    };
    // A screen from two minutes ago.
    let old = checkin::code_at(&keys, session.id, now - Duration::seconds(120));
    assert_eq!(
        refused(checkin::check_in_at(&app.services, &t, session.id, &old, now).await),
        Msg::ErrCheckinCodeOld
    );
    // Another session's code, a made-up one.
    let other = checkin::code_at(&keys, session.id + 1000, now);
    for code in [other.as_str(), "0000000000", "<script>"] {
        assert_eq!(
            refused(checkin::check_in_at(&app.services, &t, session.id, code, now).await),
            Msg::ErrCheckinCodeInvalid
        );
    }
    // Before check-in opens, after the session ends.
    for at in [
        session.starts_at - Duration::minutes(45),
        session.ends_at + Duration::minutes(1),
    ] {
        let code = checkin::code_at(&keys, session.id, at);
        assert_eq!(
            refused(checkin::check_in_at(&app.services, &t, session.id, &code, at).await),
            Msg::ErrCheckinOutsideTime
        );
    }
    // Someone not on the course.
    let (_, stranger) = trainee(&app, 2).await;
    let code = checkin::code_at(&keys, session.id, now);
    assert_eq!(
        refused(checkin::check_in_at(&app.services, &stranger, session.id, &code, now).await),
        Msg::ErrCheckinNotEnrolled
    );
    // The code of a moment ago still works (a scan in progress).
    let just_before = checkin::code_at(&keys, session.id, now - Duration::seconds(30));
    assert!(
        checkin::check_in_at(&app.services, &t, session.id, &just_before, now)
            .await
            .unwrap()
    );
    // The screen is for the course's staff only.
    assert!(matches!(
        checkin::screen(&app.services, &t, course, session.id).await,
        Err(DomainError::Forbidden)
    ));
    let (other_course, other_session, other_staff, _, _) = session_now(&app, 3).await;
    assert!(matches!(
        checkin::screen(&app.services, &other_staff, course, session.id).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        checkin::screen(&app.services, &staff, course, other_session.id).await,
        Err(DomainError::NotFound)
    ));
    let _ = other_course;
}

/// A code opened while current stays good for that browser (a pass in a cookie) through the
/// login it led to, for ten minutes; not for another session, not after that.
#[tokio::test]
async fn a_scanned_code_stays_good_through_the_login_it_leads_to() {
    let app = TestApp::new().await;
    let keys = app.services.keys.clone();
    let (_, session, _, user, t) = session_now(&app, 1).await;
    let now = Utc::now();
    let code = checkin::code_at(&keys, session.id, now);
    let pass = checkin::scan_pass(&keys, session.id, &code, now).expect("a current code");
    let refused = |r: Result<bool, DomainError>| match r {
        Err(DomainError::Conflict(m)) => m,
        other => panic!("{other:?}"),
    };
    // Five minutes later (a login typed on a phone), the code alone is old ...
    let later = now + Duration::minutes(5);
    assert_eq!(
        refused(checkin::check_in_at(&app.services, &t, session.id, &code, later).await),
        Msg::ErrCheckinCodeOld
    );
    // ... another session's pass or a forged one does not help ...
    let (_, other, _, _, _) = session_now(&app, 2).await;
    let other_code = checkin::code_at(&keys, other.id, now);
    let other_pass = checkin::scan_pass(&keys, other.id, &other_code, now).unwrap();
    let forged = format!("{}.{}.{}", session.id, now.timestamp() / 30, "0".repeat(32));
    for wrong in [other_pass, forged, "nonsense".into()] {
        let with = Actor {
            scan_pass: Some(wrong),
            ..t.clone()
        };
        assert_eq!(
            refused(checkin::check_in_at(&app.services, &with, session.id, &code, later).await),
            Msg::ErrCheckinCodeOld
        );
    }
    // ... nor does the pass for a code of another moment.
    let with_pass = Actor {
        scan_pass: Some(pass.clone()),
        ..t.clone()
    };
    let other_moment = checkin::code_at(&keys, session.id, now - Duration::minutes(3));
    assert_eq!(
        refused(
            checkin::check_in_at(&app.services, &with_pass, session.id, &other_moment, later).await
        ),
        Msg::ErrCheckinCodeOld
    );
    // With its pass, the scanned code is good; after ten minutes it is not.
    let too_late = now + Duration::minutes(12);
    assert_eq!(
        refused(checkin::check_in_at(&app.services, &with_pass, session.id, &code, too_late).await),
        Msg::ErrCheckinCodeOld
    );
    assert!(
        checkin::check_in_at(&app.services, &with_pass, session.id, &code, later)
            .await
            .unwrap()
    );
    // Over HTTP: opening the address without a login sends to the login page with the pass
    // in a cookie for the check-in pages only.
    let path = format!(
        "/checkin/{}/{}",
        session.id,
        checkin::code_at(&keys, session.id, Utc::now())
    );
    let res = app.get(&path, None).await;
    assert_eq!(res.status, 303);
    assert!(res.location().starts_with("/login?next="));
    let cookies = res.set_cookies();
    assert!(cookies.contains("yucai_scan="), "{cookies}");
    assert!(cookies.contains("Path=/checkin"), "{cookies}");
    assert!(cookies.contains("HttpOnly"), "{cookies}");
    let _ = user;
}
