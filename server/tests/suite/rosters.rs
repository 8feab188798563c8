//! Rosters and imports: staff see their course's trainees (masked IDs), admit from the waiting
//! list, remove with a reason; exports neutralise formulas; imports preview every row, apply
//! all or nothing, accept GBK CSV, never link a row to an account someone already holds, and
//! imported people activate their accounts with a printed code.

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
        serde_json::json!({ "created": 2, "existing": 1, "enrolled": 3, "asked": 0 })
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

    let people = trainees::Entity::find().count(db).await.unwrap();
    assert_eq!(people, 3);
}

/// Imports `rows` into `course` through the JSON API and applies them; the result.
async fn import_rows(
    app: &TestApp,
    staff: &TestUser,
    course: i32,
    rows: &[[&str; 4]],
) -> serde_json::Value {
    let req = TestApp::request(
        axum::http::Method::POST,
        &format!("/api/v1/imports?course_id={course}&file_name=class.csv"),
        Some(&staff.cookie),
    )
    .header("content-type", "text/csv")
    .body(axum::body::Body::from(gbk_csv(rows)))
    .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let id = res.json()["id"].as_i64().unwrap();
    let res = app
        .post_form(
            &format!("/api/v1/imports/{id}/apply"),
            &[],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    res.json()
}

/// A JSON post with a browser session's cookie.
async fn post_json_as(
    app: &TestApp,
    path: &str,
    json: serde_json::Value,
    cookie: &str,
) -> server::testing::TestResponse {
    let req = TestApp::request(axum::http::Method::POST, path, Some(cookie))
        .header("content-type", "application/json")
        .body(axum::body::Body::from(json.to_string()))
        .unwrap();
    app.send(req).await
}

fn activate_form<'a>(phone: &'a str, code: &'a str) -> [(&'static str, &'a str); 4] {
    [
        ("phone", phone),
        ("code", code),
        ("password", "new-password-1"),
        ("password_confirm", "new-password-1"),
    ]
}

#[tokio::test]
async fn imported_people_activate_with_a_printed_code_once_and_never_with_an_id_number() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, staff, _) = course_with_staff(&app, 5).await;
    let (id41, id42, id43) = (id_number(41), id_number(42), id_number(43));
    let result = import_rows(
        &app,
        &staff,
        course,
        &[
            ["张一", &id41, "13900000041", "颍川街道"],
            ["赵二", &id42, "13900000042", "神垕"],
            ["孙三", &id43, "13900000043", "方山"],
        ],
    )
    .await;
    assert_eq!(result["created"], 3, "{result}");

    // A phone and an ID number, both of which leak, are not enough any more.
    let old_way = app
        .post_form(
            "/activate",
            &[
                ("phone", "13900000041"),
                ("id_number", &id41),
                ("password", "new-password-1"),
                ("password_confirm", "new-password-1"),
            ],
            None,
        )
        .await;
    assert!(
        old_way.location().contains("ErrActivationCodeFormat"),
        "{}",
        old_way.location()
    );

    // The provider's staff print codes for everyone not yet activated: shown this once.
    let codes_url = format!("/api/v1/courses/{course}/activation-codes");
    let res = post_json_as(&app, &codes_url, serde_json::json!({}), &staff.cookie).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let sheet = res.json();
    let slips = sheet["slips"].as_array().unwrap().clone();
    assert_eq!(slips.len(), 3, "{sheet}");
    let code_of = |name: &str| -> String {
        slips.iter().find(|s| s["name"] == name).unwrap()["code"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (code41, code42, code43) = (code_of("张一"), code_of("赵二"), code_of("孙三"));
    assert!(
        code41.len() == 9 && code41.as_bytes()[4] == b'-',
        "{code41}"
    );
    assert_eq!(
        slips.iter().find(|s| s["name"] == "张一").unwrap()["phone_masked"],
        "139****0041"
    );
    assert_eq!(app.audited("activation_code.issued").await, 1);
    // The roster shows them masked afterwards; a second run makes none anew.
    let roster = app
        .get(
            &format!("/api/v1/courses/{course}/roster"),
            Some(&staff.cookie),
        )
        .await
        .json();
    let row = roster["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "张一")
        .unwrap()
        .clone();
    assert_eq!(row["activated"], false);
    assert_eq!(row["activation_code"], format!("····-··{}", &code41[7..]));
    let again = post_json_as(&app, &codes_url, serde_json::json!({}), &staff.cookie)
        .await
        .json();
    assert_eq!(again["slips"].as_array().unwrap().len(), 0);
    assert_eq!(again["already_issued"], 3);
    assert_eq!(app.audited("activation_code.issued").await, 1);
    // Trainees cannot make codes.
    let (someone, _) = app.trainee("旁人", &id_number(44)).await;
    let res = post_json_as(&app, &codes_url, serde_json::json!({}), &someone.cookie).await;
    assert_eq!(res.status, 403, "{}", res.body);

    // Someone else's code does not open this account.
    let wrong = app
        .post_form("/activate", &activate_form("13900000041", &code42), None)
        .await;
    assert!(
        wrong.location().contains("error=ErrActivateMismatch"),
        "{}",
        wrong.location()
    );
    // The right one does, typed in lower case without the dash.
    let typed = code41.replace('-', "").to_lowercase();
    let ok = app
        .post_form("/activate", &activate_form("13900000041", &typed), None)
        .await;
    assert_eq!(ok.status, 303);
    assert!(ok.location().starts_with("/learning"), "{}", ok.location());
    assert!(ok.cookie("yucai_session").is_some());
    let login = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({ "phone": "13900000041", "password": "new-password-1" }),
            None,
        )
        .await;
    assert_eq!(login.status, 200);
    // Once only.
    let twice = app
        .post_form("/activate", &activate_form("13900000041", &code41), None)
        .await;
    assert!(twice.location().contains("error=ErrActivateMismatch"));

    // A new code for one person voids their old one; the API activates too.
    let res = post_json_as(
        &app,
        &codes_url,
        serde_json::json!({ "trainee_id": trainee_of(&app, "13900000042").await }),
        &staff.cookie,
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let new42 = res.json()["slips"][0]["code"].as_str().unwrap().to_string();
    assert_ne!(new42, code42);
    let old = app
        .post_json(
            "/api/v1/auth/activate",
            serde_json::json!({ "phone": "13900000042", "code": code42,
                "password": "new-password-1", "password_confirm": "new-password-1" }),
            None,
        )
        .await;
    assert_eq!(old.status, 409, "{}", old.body);
    let new = app
        .post_json(
            "/api/v1/auth/activate",
            serde_json::json!({ "phone": "13900000042", "code": new42,
                "password": "new-password-1", "password_confirm": "new-password-1" }),
            None,
        )
        .await;
    assert_eq!(new.status, 200, "{}", new.body);
    assert!(new.json()["token"].is_string(), "{}", new.body);
    // An activated person has no code to reissue.
    let res = post_json_as(
        &app,
        &codes_url,
        serde_json::json!({ "trainee_id": trainee_of(&app, "13900000041").await }),
        &staff.cookie,
    )
    .await;
    assert_eq!(res.status, 404, "{}", res.body);

    // An expired code does not work (30 days).
    let user43 = app.user_by_phone("13900000043").await;
    domain::entities::activation_codes::Entity::update_many()
        .col_expr(
            domain::entities::activation_codes::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::days(1)),
        )
        .filter(domain::entities::activation_codes::Column::UserId.eq(user43.id))
        .exec(db)
        .await
        .unwrap();
    let expired = app
        .post_form("/activate", &activate_form("13900000043", &code43), None)
        .await;
    assert!(expired.location().contains("error=ErrActivateMismatch"));
    assert_eq!(app.audited("user.activated").await, 2);
}

/// The trainee id of the person with `phone`.
async fn trainee_of(app: &TestApp, phone: &str) -> i32 {
    let user = app.user_by_phone(phone).await;
    app.profile_of(user.id).await.expect("a profile").id
}

#[tokio::test]
async fn an_import_never_links_a_row_to_an_account_someone_else_registered_with_that_phone() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, staff, staff_actor) = course_with_staff(&app, 5).await;
    // A stranger signs up with someone else's number.
    let signup = app
        .post_form(
            "/signup",
            &[
                ("phone", "13900000051"),
                ("password", "stranger-pass-1"),
                ("password_confirm", "stranger-pass-1"),
            ],
            None,
        )
        .await;
    assert_eq!(signup.status, 303, "{}", signup.location());
    let stranger = app.user_by_phone("13900000051").await;
    // The college then lists the real holder of that number, and one other person.
    let real = id_number(51);
    let file = gbk_csv(&[
        ["真本人", &real, "13900000051", "颍川街道"],
        ["另一人", &id_number(52), "13900000052", "神垕"],
    ]);
    let preview = import::preview(&app.services, &staff_actor, Some(course), "c.csv", &file)
        .await
        .unwrap();
    let view = import::view(&app.services, &staff_actor, preview)
        .await
        .unwrap();
    let notes: Vec<Msg> = view.rows[0].notes.iter().map(|n| n.message).collect();
    assert_eq!(notes, vec![Msg::ImportNoteAsksHolder]);
    assert!(view.rows[0].errors.is_empty());
    let result = import_rows(
        &app,
        &staff,
        course,
        &[
            ["真本人", &real, "13900000051", "颍川街道"],
            ["另一人", &id_number(52), "13900000052", "神垕"],
        ],
    )
    .await;
    assert_eq!(
        result,
        serde_json::json!({ "created": 1, "existing": 0, "enrolled": 1, "asked": 1 })
    );
    // The stranger's account gained nothing: no name, no ID number, no seat.
    assert!(app.profile_of(stranger.id).await.is_none());
    let me = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({ "phone": "13900000051", "password": "stranger-pass-1" }),
            None,
        )
        .await;
    let token = me.json()["token"].as_str().unwrap().to_string();
    let learning = app
        .send(
            TestApp::request(axum::http::Method::GET, "/api/v1/me/learning", None)
                .header("authorization", format!("Bearer {token}"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(!learning.body.contains("真本人"), "{}", learning.body);
    let c = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.seats_taken, 1);
    let applied = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("import.applied"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&applied.detail.unwrap()).unwrap();
    assert_eq!(detail["asked"], 1, "{detail}");
    // The number's holder is told, by SMS to the phone as well as in the account's inbox.
    use domain::entities::messages;
    let told = messages::Entity::find()
        .filter(messages::Column::UserId.eq(stranger.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].template.as_str(), "import_ask_holder");
    assert_eq!(told[0].phone.as_deref(), Some("13900000051"));
    assert!(!told[0].params.contains("真本人") && !told[0].params.contains(&real));
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
