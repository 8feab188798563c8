//! Attendance taken by staff: the sheet, marks through the form and the API, corrections
//! audited, attended hours kept right, and the marks that are refused.

use domain::entities::{attendance as marks, audit_log, courses, enrollments, follow_ups};
use domain::{Actor, DomainError, attendance, enrolment};
use model::Role;
use model::attendance::{Mark, MarksInput, MarksSaved};
use model::enums::AttendanceStatus;
use model::i18n::Msg;
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
                    domain::trainees::own_row(db, &t)
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
        .map(|m| *m.status)
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
    use domain::completion;
    use model::completion::{CompletionResult, ScoreEntry, ScoresInput};
    use model::enums::EnrollmentStatus;
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

    // The completed trainee is followed up 3, 6 and 12 months from today; the others not.
    let today = domain::local_time::today();
    let follow_ups_of = |id: i32| async move {
        let mut rows: Vec<(i32, chrono::NaiveDate, model::enums::FollowUpStatus)> =
            follow_ups::Entity::find()
                .filter(follow_ups::Column::EnrollmentId.eq(id))
                .all(db)
                .await
                .unwrap()
                .into_iter()
                .map(|f| (f.due_months, f.due_on, *f.status))
                .collect();
        rows.sort_by_key(|r| r.0);
        rows
    };
    let due = model::enums::FollowUpStatus::Due;
    let months = |n: u32| domain::follow_ups::due_on(today, n);
    assert_eq!(
        follow_ups_of(ids[0]).await,
        vec![
            (3, months(3), due),
            (6, months(6), due),
            (12, months(12), due)
        ]
    );
    assert!(follow_ups_of(ids[1]).await.is_empty());
    assert!(follow_ups_of(ids[2]).await.is_empty());
    // A corrected score: the second trainee now completes and is scheduled; confirming
    // again schedules nobody twice. The first now fails: the follow-ups still due are
    // withdrawn, the one already done stays.
    db.execute_unprepared(&format!(
        "UPDATE follow_ups SET status = 'done' WHERE enrollment_id = {} AND due_months = 3",
        ids[0]
    ))
    .await
    .unwrap();
    let score = |id: i32, v: f64| ScoresInput {
        scores: vec![ScoreEntry {
            enrollment_id: id,
            score: Some(v),
        }],
    };
    completion::save_scores(db, &staff_actor, course, score(ids[1], 80.0))
        .await
        .unwrap();
    completion::save_scores(db, &staff_actor, course, score(ids[0], 30.0))
        .await
        .unwrap();
    completion::confirm(db, &staff_actor, course).await.unwrap();
    completion::confirm(db, &staff_actor, course).await.unwrap();
    assert_eq!(follow_ups_of(ids[1]).await.len(), 3);
    assert_eq!(
        follow_ups_of(ids[0]).await,
        vec![(3, months(3), model::enums::FollowUpStatus::Done)]
    );
}

/// Each enrolment's status and whether it has a completion time.
async fn statuses(
    db: &sea_orm::DatabaseConnection,
    ids: &[i32],
) -> Vec<(model::enums::EnrollmentStatus, bool)> {
    let mut out = Vec::new();
    for id in ids {
        let e = enrollments::Entity::find_by_id(*id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        out.push((*e.status, e.completed_at.is_some()));
    }
    out
}

/// Adds a three-hour session at 14:00 `days` from today to a course; its id.
async fn add_session(app: &TestApp, course: i32, days: i64) -> i32 {
    use domain::entities::course_sessions;
    use sea_orm::{ActiveModelTrait, Set};
    let day = domain::local_time::today() + chrono::Duration::days(days);
    let two = domain::local_time::at(day, chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap());
    course_sessions::ActiveModel {
        course_id: Set(course),
        starts_at: Set(two),
        ends_at: Set(two + chrono::Duration::hours(3)),
        topic: Set("直播".into()),
        hours: Set(3.0),
        ..Default::default()
    }
    .insert(&app.services.db)
    .await
    .unwrap()
    .id
}

async fn mark_of(app: &TestApp, enrollment: i32, session: i32) -> Option<AttendanceStatus> {
    marks::Entity::find()
        .filter(marks::Column::EnrollmentId.eq(enrollment))
        .filter(marks::Column::SessionId.eq(session))
        .one(&app.services.db)
        .await
        .unwrap()
        .map(|m| *m.status)
}

#[tokio::test]
async fn whole_rows_and_whole_columns_are_marked_at_once() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, first, staff, staff_actor, ids) = course_setup(&app, -3, 3).await;
    let second = add_session(&app, course, -1).await;
    let later = add_session(&app, course, 2).await;
    let (a, b, c) = (ids[0], ids[1], ids[2]);

    // Column: A present by hand, "the rest absent" marks B and C absent.
    let res = app
        .post_form(
            &format!("/manage/courses/{course}/attendance/{first}"),
            &[
                ("row", &a.to_string()),
                ("row", &b.to_string()),
                ("row", &c.to_string()),
                (&format!("m{a}"), "present"),
                ("rest", "absent"),
            ],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        mark_of(&app, a, first).await,
        Some(AttendanceStatus::Present)
    );
    assert_eq!(
        mark_of(&app, b, first).await,
        Some(AttendanceStatus::Absent)
    );
    assert_eq!(
        mark_of(&app, c, first).await,
        Some(AttendanceStatus::Absent)
    );

    // Row: B excused for every begun session not yet marked (the absence stays), nothing
    // for the session to come.
    let res = app
        .post_form(
            &format!("/manage/courses/{course}/attendance/rows/{b}"),
            &[("status", "excused"), ("only_unmarked", "1")],
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(
        res.location().contains("notice=NoticeAttendanceRowSaved"),
        "{}",
        res.location()
    );
    assert_eq!(
        mark_of(&app, b, first).await,
        Some(AttendanceStatus::Absent)
    );
    assert_eq!(
        mark_of(&app, b, second).await,
        Some(AttendanceStatus::Excused)
    );
    assert_eq!(mark_of(&app, b, later).await, None);
    assert_eq!(hours(&app, b).await, 0.0);

    // Row, every begun session (through the API): C present throughout; the absence is
    // corrected and audited.
    let res = app
        .send(
            TestApp::request(
                axum::http::Method::PUT,
                &format!("/api/v1/courses/{course}/attendance/rows/{c}"),
                Some(&staff.cookie),
            )
            .header("content-type", "application/json")
            .body(axum::body::Body::from(r#"{"status":"present"}"#))
            .unwrap(),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["recorded"], 1);
    assert_eq!(res.json()["corrected"], 1);
    assert_eq!(hours(&app, c).await, 6.0);
    let corrected = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("attendance.corrected"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(corrected, 1);

    // The overview lines the marks up by session.
    let o = attendance::overview(db, &staff_actor, course)
        .await
        .unwrap();
    assert_eq!(
        o.sessions.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![first, second, later]
    );
    assert_eq!(
        o.sessions.iter().map(|s| s.marked).collect::<Vec<_>>(),
        vec![3, 2, 0]
    );
    let row_b = o.rows.iter().find(|r| r.enrollment_id == b).unwrap();
    assert_eq!(
        row_b.marks,
        vec![
            Some(AttendanceStatus::Absent),
            Some(AttendanceStatus::Excused),
            None
        ]
    );
    assert!(o.can_record);
    let page = app
        .get(
            &format!("/manage/courses/{course}/attendance/overview"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("考勤总表"), "{}", page.body);

    // Someone not on the course, another organisation's staff, a viewer: refused, nothing saved.
    let (other_course, _, _, other_staff, other_ids) = course_setup(&app, -4, 1).await;
    let before = marks::Entity::find().count(db).await.unwrap();
    let everything = model::attendance::RowMarksInput {
        status: AttendanceStatus::Present,
        only_unmarked: false,
    };
    assert!(matches!(
        attendance::record_row(db, &staff_actor, course, other_ids[0], everything).await,
        Err(DomainError::Conflict(Msg::ErrNotOnCourse))
    ));
    assert!(matches!(
        attendance::record_row(db, &other_staff, course, a, everything).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        attendance::overview(db, &other_staff, course).await,
        Err(DomainError::NotFound)
    ));
    let viewer = app.user(Role::BureauViewer).await;
    let viewer = app.actor(&viewer).await;
    assert!(
        !attendance::overview(db, &viewer, course)
            .await
            .unwrap()
            .can_record
    );
    assert!(matches!(
        attendance::record_row(db, &viewer, course, a, everything).await,
        Err(DomainError::Forbidden)
    ));
    // A course whose sessions are all to come has nothing to mark.
    let (soon, _, _, soon_staff, soon_ids) = course_setup(&app, 6, 1).await;
    assert!(matches!(
        attendance::record_row(db, &soon_staff, soon, soon_ids[0], everything).await,
        Err(DomainError::Conflict(Msg::ErrSessionNotStarted))
    ));
    assert_eq!(marks::Entity::find().count(db).await.unwrap(), before);
    let _ = other_course;
}

/// A multipart body with one file field.
fn multipart(file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "AttendanceBoundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn the_attendance_sheet_goes_out_comes_back_filled_in_and_is_applied_once() {
    use domain::sheets;
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, first, staff, _, ids) = course_setup(&app, -3, 2).await;
    let second = add_session(&app, course, -1).await;
    add_session(&app, course, 2).await;
    let (a, b) = (ids[0], ids[1]);
    attendance::record(
        db,
        &app.actor(&staff).await,
        course,
        first,
        MarksInput {
            marks: vec![Mark {
                enrollment_id: a,
                status: AttendanceStatus::Absent,
            }],
        },
    )
    .await
    .unwrap();

    // The sheet to fill in: enrolment number, name, ID number, a column per session, the
    // marks so far.
    let res = app
        .get(
            &format!("/manage/courses/{course}/attendance.xlsx"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let sheet = sheets::read(&res.bytes).unwrap();
    assert_eq!(&sheet.header[..3], &["报名编号", "姓名", "身份证号"]);
    assert_eq!(sheet.header.len(), 6);
    assert!(
        sheet.header[3].ends_with("09:00 开店"),
        "{:?}",
        sheet.header
    );
    let line_a = sheet
        .rows
        .iter()
        .find(|(_, r)| r[0].text() == a.to_string())
        .unwrap();
    assert_eq!(line_a.1[3].text(), "缺勤");

    // Filled in as a clerk would: signs, a correction, the same headings.
    let h = &sheet.header;
    let csv = format!(
        "{},{},{},{}\n{a},学员300,√,迟\n{b},,出勤,请假\n",
        h[0], h[1], h[3], h[4]
    );
    let (content_type, body) = multipart("考勤.csv", csv.as_bytes());
    let res = app
        .send(
            TestApp::request(
                axum::http::Method::POST,
                &format!("/manage/courses/{course}/attendance/import"),
                Some(&staff.cookie),
            )
            .header("content-type", content_type)
            .body(axum::body::Body::from(body))
            .unwrap(),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let preview = res.location().to_string();
    assert!(
        preview.starts_with(&format!("/manage/courses/{course}/attendance/imports/")),
        "{preview}"
    );
    // Nothing saved yet; the preview says what will be.
    assert_eq!(
        mark_of(&app, a, first).await,
        Some(AttendanceStatus::Absent)
    );
    assert_eq!(mark_of(&app, b, second).await, None);
    let page = app.get(&preview, Some(&staff.cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("将新记 3 条"), "{}", page.body);
    assert!(page.body.contains("更正 1 条"), "{}", page.body);

    let res = app
        .post_form(&format!("{preview}/apply"), &[], Some(&staff.cookie))
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), preview);
    assert_eq!(
        mark_of(&app, a, first).await,
        Some(AttendanceStatus::Present)
    );
    assert_eq!(mark_of(&app, a, second).await, Some(AttendanceStatus::Late));
    assert_eq!(
        mark_of(&app, b, first).await,
        Some(AttendanceStatus::Present)
    );
    assert_eq!(
        mark_of(&app, b, second).await,
        Some(AttendanceStatus::Excused)
    );
    assert_eq!((hours(&app, a).await, hours(&app, b).await), (6.0, 3.0));
    let imported = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("attendance.imported"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(imported, 1);
    // Applying again, or discarding now, is refused.
    let again = app
        .post_form(&format!("{preview}/apply"), &[], Some(&staff.cookie))
        .await;
    assert!(
        again.location().contains("ErrImportNotPending"),
        "{}",
        again.location()
    );
    let page = app.get(&preview, Some(&staff.cookie)).await;
    assert!(page.body.contains("考勤已导入"), "{}", page.body);

    // Through the API, finding trainees by ID number and a session by its date alone.
    let second_day = h[4].split_whitespace().next().unwrap();
    let csv = format!("身份证号,{second_day}\n{},缺\n", id_number(301));
    let res = app
        .send(
            TestApp::request(
                axum::http::Method::POST,
                &format!("/api/v1/courses/{course}/attendance/imports?file_name=x.csv"),
                Some(&staff.cookie),
            )
            .body(axum::body::Body::from(csv))
            .unwrap(),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let view = res.json();
    assert_eq!(view["can_apply"], true, "{view}");
    assert_eq!(view["planned"]["corrected"], 1, "{view}");
    let id = view["id"].as_i64().unwrap();
    let res = app
        .send(
            TestApp::request(
                axum::http::Method::POST,
                &format!("/api/v1/courses/{course}/attendance/imports/{id}/apply"),
                Some(&staff.cookie),
            )
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        mark_of(&app, b, second).await,
        Some(AttendanceStatus::Absent)
    );
}

#[tokio::test]
async fn a_wrong_attendance_sheet_is_shown_row_by_row_and_nothing_is_saved() {
    use domain::attendance_import as import;
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, first, _, staff_actor, ids) = course_setup(&app, -3, 3).await;
    let later = add_session(&app, course, 2).await;
    let (_, _, _, other_staff, other_ids) = course_setup(&app, -5, 1).await;
    let sessions = attendance::overview(db, &staff_actor, course)
        .await
        .unwrap()
        .sessions;
    let (h1, h2) = (sessions[0].when.clone(), sessions[1].when.clone());
    let _ = (first, later);
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    let csv = format!(
        "报名编号,姓名,{h1},{h2},2020-01-01 09:00\n\
         {a},,maybe,\n\
         {b},,,到\n\
         {c},错名字,到,\n\
         {a},,到,\n\
         {},,到,\n\
         ,无编号,到,\n",
        other_ids[0]
    );
    let id = import::preview(
        &app.services,
        &staff_actor,
        course,
        "bad.csv",
        csv.as_bytes(),
    )
    .await
    .unwrap();
    let view = import::view(&app.services, &staff_actor, course, id)
        .await
        .unwrap();
    assert!(!view.can_apply);
    let problems = |line: u32| -> Vec<Msg> {
        view.rows
            .iter()
            .find(|r| r.line == line)
            .map(|r| r.errors.iter().map(|e| e.message).collect())
            .unwrap_or_default()
    };
    assert_eq!(problems(0), vec![Msg::ErrAttendanceImportUnknownSession]);
    assert_eq!(problems(2), vec![Msg::ErrAttendanceImportUnknownMark]);
    assert_eq!(problems(3), vec![Msg::ErrAttendanceImportNotStarted]);
    assert_eq!(problems(4), vec![Msg::ErrAttendanceImportNameDiffers]);
    assert_eq!(problems(5), vec![Msg::ErrImportSamePerson]);
    assert_eq!(problems(6), vec![Msg::ErrAttendanceImportNotOnCourse]);
    assert_eq!(problems(7), vec![Msg::ErrAttendanceImportWhoMissing]);
    assert!(matches!(
        import::apply(&app.services, &staff_actor, course, id).await,
        Err(DomainError::Conflict(Msg::ErrImportHasErrors))
    ));
    assert_eq!(marks::Entity::find().count(db).await.unwrap(), 0);

    // Sheets that are not attendance at all.
    assert!(matches!(
        import::preview(&app.services, &staff_actor, course, "x.csv", "姓名,备注\n张三,好\n".as_bytes()).await,
        Err(DomainError::Invalid(f)) if f[0].message == Msg::ErrAttendanceImportColumns
    ));
    assert!(matches!(
        import::preview(&app.services, &staff_actor, course, "x.csv", "报名编号,备注\n1,好\n".as_bytes()).await,
        Err(DomainError::Invalid(f)) if f[0].message == Msg::ErrAttendanceImportNoSessions
    ));

    // Valid at the preview, changed before applying: nothing saved, the preview says why.
    let csv = format!("报名编号,{h1}\n{a},到\n{b},到\n");
    let id = import::preview(
        &app.services,
        &staff_actor,
        course,
        "ok.csv",
        csv.as_bytes(),
    )
    .await
    .unwrap();
    assert!(
        import::view(&app.services, &staff_actor, course, id)
            .await
            .unwrap()
            .can_apply
    );
    // Another organisation's staff cannot see or apply it.
    assert!(matches!(
        import::view(&app.services, &other_staff, course, id).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        import::apply(&app.services, &other_staff, course, id).await,
        Err(DomainError::NotFound)
    ));
    {
        use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
        let mut gone = enrollments::Entity::find_by_id(b)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        gone.status = Set(model::enums::EnrollmentStatus::Withdrawn.into());
        gone.update(db).await.unwrap();
    }
    assert!(matches!(
        import::apply(&app.services, &staff_actor, course, id).await,
        Err(DomainError::Conflict(Msg::ErrImportChanged))
    ));
    assert_eq!(marks::Entity::find().count(db).await.unwrap(), 0);
    let view = import::view(&app.services, &staff_actor, course, id)
        .await
        .unwrap();
    assert!(!view.can_apply);
    assert_eq!(view.status, model::enums::ImportStatus::Previewed);
    // Discarded, it cannot be applied.
    import::discard(db, &staff_actor, course, id).await.unwrap();
    assert!(matches!(
        import::apply(&app.services, &staff_actor, course, id).await,
        Err(DomainError::Conflict(Msg::ErrImportNotPending))
    ));
    // An attendance import is not a trainee import.
    assert!(matches!(
        domain::imports::view(&app.services, &staff_actor, id).await,
        Err(DomainError::NotFound)
    ));
}

/// Completion is confirmed once the last session has ended, never mid-course (everyone would
/// become "not completed" while still learning); the sheet says when it may be.
#[tokio::test]
async fn completion_waits_for_the_last_session_to_end() {
    use domain::completion;
    use domain::entities::course_sessions;
    use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (course, session, staff, staff_actor, ids) = course_setup(&app, -2, 2).await;
    db.execute_unprepared(&format!(
        "UPDATE courses SET status = 'running' WHERE id = {course}"
    ))
    .await
    .unwrap();
    // A second session, still to come.
    let first = course_sessions::Entity::find_by_id(session)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    let mut later = first.clone().into_active_model();
    later.id = sea_orm::ActiveValue::NotSet;
    later.starts_at = Set(now + chrono::Duration::hours(1));
    later.ends_at = Set(now + chrono::Duration::hours(4));
    let later = later.insert(db).await.unwrap();
    let sheet = completion::sheet(db, &staff_actor, course).await.unwrap();
    assert!(!sheet.can_confirm && !sheet.teaching_over);
    assert_eq!(
        sheet.teaching_ends_at,
        domain::local_time::format_time(later.ends_at)
    );
    assert!(matches!(
        completion::confirm(db, &staff_actor, course).await,
        Err(DomainError::Conflict(Msg::ErrCourseNotOver))
    ));
    let res = app
        .post_json(
            &format!("/api/v1/courses/{course}/completion"),
            serde_json::json!({}),
            Some(&staff.token),
        )
        .await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.body.contains("最后一次课结束后"), "{}", res.body);
    // Nobody's status moved.
    for id in &ids {
        let e = enrollments::Entity::find_by_id(*id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.status, model::enums::EnrollmentStatus::Enrolled);
    }
    // Once that session is over, completion is confirmed.
    let mut over = later.into_active_model();
    over.starts_at = Set(now - chrono::Duration::hours(4));
    over.ends_at = Set(now - chrono::Duration::minutes(1));
    over.update(db).await.unwrap();
    assert!(
        completion::sheet(db, &staff_actor, course)
            .await
            .unwrap()
            .can_confirm
    );
    let done = completion::confirm(db, &staff_actor, course).await.unwrap();
    assert_eq!(done.completed + done.not_completed, 2);
}
