//! Attendance taken by staff: the sheet, marks through the form and the API, corrections
//! audited, attended hours kept right, and the marks that are refused.

use app::domain::entities::{attendance as marks, audit_log, courses, enrollments};
use app::domain::{Actor, DomainError, attendance, enrolment};
use app::i18n::Msg;
use app::model::Role;
use app::model::attendance::{Mark, MarksInput, MarksSaved};
use app::model::enums::AttendanceStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::testing::{TestApp, TestUser};

fn id_number(n: u32) -> String {
    server::testing::test_id_number("19920304", n)
}

async fn trainee(app: &TestApp, n: u32) -> Actor {
    app.trainee(&format!("学员{n:02}"), &id_number(n)).await.1
}

/// A course whose three-hour session began `starts_in` days from today (negative: past), its
/// staff, and `n` enrolled trainees' enrolment ids.
async fn course_setup(
    app: &TestApp,
    starts_in: i64,
    n: u32,
) -> (i32, i32, TestUser, Actor, Vec<i32>) {
    let course = app.open_course(10, starts_in).await;
    let db = &app.services.db;
    let org = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let staff = app.staff(org, false).await;
    let staff_actor = app.actor(&staff).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let t = trainee(app, 100 * (starts_in.unsigned_abs() as u32) + i).await;
        enrolment::enrol(db, &t, course).await.unwrap();
        let e = enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(course))
            .filter(
                enrollments::Column::TraineeId.is_in(
                    app::domain::trainees::own_row(db, &t)
                        .await
                        .unwrap()
                        .map(|r| r.id),
                ),
            )
            .one(db)
            .await
            .unwrap()
            .unwrap();
        ids.push(e.id);
    }
    let sheet = attendance::sheet(db, &staff_actor, course, None)
        .await
        .unwrap();
    (course, sheet.session_id.unwrap(), staff, staff_actor, ids)
}

async fn hours(app: &TestApp, id: i32) -> f64 {
    enrollments::Entity::find_by_id(id)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap()
        .attended_hours
}

#[tokio::test]
async fn staff_mark_a_session_correct_a_mark_and_hours_follow() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, session, staff, staff_actor, ids) = course_setup(&app, -1, 3).await;
    let sheet = attendance::sheet(db, &staff_actor, course, None)
        .await
        .unwrap();
    assert!(sheet.can_record);
    assert_eq!(sheet.rows.len(), 3);
    assert!(sheet.rows.iter().all(|r| r.status.is_none()));

    let (a, b, c) = (ids[0].to_string(), ids[1].to_string(), ids[2].to_string());
    let res = app
        .post_form(
            &format!("/manage/courses/{course}/attendance/{session}"),
            &[
                ("row", &a),
                ("row", &b),
                ("row", &c),
                (&format!("m{a}"), "present"),
                (&format!("m{b}"), "late"),
                (&format!("m{c}"), "absent"),
            ],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(
        res.location().contains("notice=NoticeAttendanceSaved"),
        "{}",
        res.location()
    );
    assert_eq!(
        (
            hours(&app, ids[0]).await,
            hours(&app, ids[1]).await,
            hours(&app, ids[2]).await
        ),
        (3.0, 3.0, 0.0)
    );
    let recorded = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("attendance.recorded"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(recorded, 3);

    // A correction through the API: audited with from and to; the hours follow.
    let req = TestApp::request(
        axum::http::Method::PUT,
        &format!("/api/v1/courses/{course}/sessions/{session}/attendance"),
        Some(&staff.cookie),
    )
    .header("content-type", "application/json")
    .body(axum::body::Body::from(
        serde_json::json!({ "marks": [
            { "enrollment_id": ids[2], "status": "present" },
            { "enrollment_id": ids[0], "status": "present" },
        ]})
        .to_string(),
    ))
    .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let saved: MarksSaved = serde_json::from_str(&res.body).unwrap();
    assert_eq!(
        saved,
        MarksSaved {
            recorded: 0,
            corrected: 1,
            unchanged: 1
        }
    );
    let correction = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("attendance.corrected"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&correction.detail.unwrap()).unwrap();
    assert_eq!(
        (detail["from"].as_str(), detail["to"].as_str()),
        (Some("absent"), Some("present"))
    );
    assert_eq!(hours(&app, ids[2]).await, 3.0);

    // "Everyone present" marks every row shown.
    let res = app
        .post_form(
            &format!("/manage/courses/{course}/attendance/{session}"),
            &[("row", &a), ("row", &b), ("row", &c), ("all", "present")],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 303);
    let statuses: Vec<AttendanceStatus> = marks::Entity::find()
        .filter(marks::Column::SessionId.eq(session))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.status)
        .collect();
    assert_eq!(statuses, vec![AttendanceStatus::Present; 3]);
    // The page shows the marks.
    let page = app
        .get(
            &format!("/manage/courses/{course}/attendance"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("学员"));
    assert_eq!(
        page.body.matches("checked").count(),
        3,
        "three radios checked"
    );
}

#[tokio::test]
async fn marks_that_cannot_be_right_are_refused_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, session, _, staff_actor, ids) = course_setup(&app, -2, 1).await;
    let (future_course, future_session, _, future_staff, future_ids) =
        course_setup(&app, 5, 1).await;
    let mark = |id: i32| MarksInput {
        marks: vec![Mark {
            enrollment_id: id,
            status: AttendanceStatus::Present,
        }],
    };
    // A session that has not begun.
    assert!(matches!(
        attendance::record(
            db,
            &future_staff,
            future_course,
            future_session,
            mark(future_ids[0])
        )
        .await,
        Err(DomainError::Conflict(Msg::ErrSessionNotStarted))
    ));
    // Someone from another course, sent with a valid mark: nothing saved.
    let mut both = mark(ids[0]);
    both.marks.push(Mark {
        enrollment_id: future_ids[0],
        status: AttendanceStatus::Late,
    });
    assert!(matches!(
        attendance::record(db, &staff_actor, course, session, both).await,
        Err(DomainError::Conflict(Msg::ErrNotOnCourse))
    ));
    assert_eq!(marks::Entity::find().count(db).await.unwrap(), 0);
    // Another course's session, another organisation, a viewer, an empty sheet.
    assert!(matches!(
        attendance::record(db, &staff_actor, course, future_session, mark(ids[0])).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        attendance::record(db, &future_staff, course, session, mark(ids[0])).await,
        Err(DomainError::NotFound)
    ));
    let viewer = app.user(Role::BureauViewer).await;
    let viewer = app.actor(&viewer).await;
    assert!(
        !attendance::sheet(db, &viewer, course, None)
            .await
            .unwrap()
            .can_record
    );
    assert!(matches!(
        attendance::record(db, &viewer, course, session, mark(ids[0])).await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        attendance::record(db, &staff_actor, course, session, MarksInput::default()).await,
        Err(DomainError::Invalid(_))
    ));
    assert_eq!(marks::Entity::find().count(db).await.unwrap(), 0);
    // A bureau admin may mark any course.
    let admin = app.user(Role::BureauAdmin).await;
    let admin = app.actor(&admin).await;
    attendance::record(db, &admin, course, session, mark(ids[0]))
        .await
        .unwrap();
    assert_eq!(hours(&app, ids[0]).await, 3.0);
}

#[tokio::test]
async fn scores_and_the_completion_rule_decide_who_completes() {
    use app::domain::completion;
    use app::model::completion::{CompletionResult, ScoreEntry, ScoresInput};
    use app::model::enums::EnrollmentStatus;
    use sea_orm::ConnectionTrait;
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, session, staff, staff_actor, ids) = course_setup(&app, -3, 3).await;
    // Not yet running: no scores, no confirmation.
    assert!(matches!(
        completion::confirm(db, &staff_actor, course).await,
        Err(DomainError::Conflict(Msg::ErrCompletionClosed))
    ));
    db.execute_unprepared(&format!(
        "UPDATE courses SET status = 'running', assessed = TRUE, pass_mark = 60 WHERE id = {course}"
    ))
    .await
    .unwrap();
    let marks = |pairs: &[(i32, AttendanceStatus)]| MarksInput {
        marks: pairs
            .iter()
            .map(|(id, status)| Mark {
                enrollment_id: *id,
                status: *status,
            })
            .collect(),
    };
    attendance::record(
        db,
        &staff_actor,
        course,
        session,
        marks(&[
            (ids[0], AttendanceStatus::Present),
            (ids[1], AttendanceStatus::Late),
            (ids[2], AttendanceStatus::Absent),
        ]),
    )
    .await
    .unwrap();
    // A score that is not a number goes back to its field; out of range is refused.
    let (a, b) = (format!("s{}", ids[0]), format!("s{}", ids[1]));
    let res = app
        .post_form(
            &format!("/manage/courses/{course}/scores"),
            &[(&a, "75"), (&b, "四十")],
            Some(&staff.cookie),
        )
        .await;
    assert!(
        res.location()
            .contains(&format!("err_score_{}=ErrScoreRange", ids[1])),
        "{}",
        res.location()
    );
    assert!(matches!(
        completion::save_scores(
            db,
            &staff_actor,
            course,
            ScoresInput {
                scores: vec![ScoreEntry {
                    enrollment_id: ids[0],
                    score: Some(101.0)
                }]
            }
        )
        .await,
        Err(DomainError::Invalid(_))
    ));
    let res = app
        .post_form(
            &format!("/manage/courses/{course}/scores"),
            &[(&a, "75"), (&b, "40")],
            Some(&staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("notice=NoticeScoresSaved"),
        "{}",
        res.location()
    );
    let sheet = completion::sheet(db, &staff_actor, course).await.unwrap();
    assert_eq!(sheet.required_hours, 2.4);
    let rule: Vec<bool> = ids
        .iter()
        .map(|id| {
            sheet
                .rows
                .iter()
                .find(|r| r.enrollment_id == *id)
                .unwrap()
                .completes
        })
        .collect();
    assert_eq!(
        rule,
        vec![true, false, false],
        "hours and a pass; hours, failed; no hours"
    );
    // Confirmed through the API.
    let res = app
        .post_json(
            &format!("/api/v1/courses/{course}/completion"),
            serde_json::json!({}),
            Some(&staff.token),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let result: CompletionResult = serde_json::from_str(&res.body).unwrap();
    assert_eq!(
        result,
        CompletionResult {
            completed: 1,
            not_completed: 2
        }
    );
    let rows: Vec<(EnrollmentStatus, bool)> = statuses(db, &ids).await;
    assert_eq!(
        rows,
        vec![
            (EnrollmentStatus::Completed, true),
            (EnrollmentStatus::NotCompleted, false),
            (EnrollmentStatus::NotCompleted, false),
        ]
    );
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.is_in(["enrolment.completed", "enrolment.not_completed"]))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audited, 3);
}

/// Each enrolment's status and whether it has a completion time.
async fn statuses(
    db: &sea_orm::DatabaseConnection,
    ids: &[i32],
) -> Vec<(app::model::enums::EnrollmentStatus, bool)> {
    let mut out = Vec::new();
    for id in ids {
        let e = enrollments::Entity::find_by_id(*id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        out.push((e.status, e.completed_at.is_some()));
    }
    out
}
