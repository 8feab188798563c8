//! Attendance taken by staff: a session's sheet of enrolled trainees, marks saved in one
//! transaction (new marks recorded, changed marks audited as corrections), and each
//! enrolment's attended hours kept equal to the hours of the sessions it was present or late
//! for.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::codes;
use crate::entities::{attendance, course_sessions, enrollments, trainees};
use crate::local_time::format_time;
use crate::policy::{self, Operation};
use crate::rosters::visible_course;
use crate::{Actor, DomainError, DomainResult};
use chrono::{DateTime, Utc};
use model::attendance::{
    AttendanceOverview, AttendanceRow, AttendanceSheet, Mark, MarksInput, MarksSaved, OverviewRow,
    RowMarksInput, SessionChoice, counts_hours,
};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::{AttendanceMethod, AttendanceStatus, CourseStatus, EnrollmentStatus};
use model::i18n::Msg;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use std::collections::{HashMap, HashSet};

/// Enrolments whose attendance counts: on the course now, or finished with it.
pub(crate) const ON_COURSE: [EnrollmentStatus; 3] = EnrollmentStatus::ON_COURSE;

/// Courses in which attendance is taken (a session must also have begun).
pub(crate) fn taking_attendance(status: CourseStatus) -> bool {
    matches!(
        status,
        CourseStatus::Open | CourseStatus::Running | CourseStatus::Finished
    )
}

/// A course's sessions, oldest first.
pub(crate) async fn sessions_of(
    db: &impl ConnectionTrait,
    course_id: i32,
) -> DomainResult<Vec<course_sessions::Model>> {
    Ok(course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .order_by_asc(course_sessions::Column::StartsAt)
        .all(db)
        .await?)
}

/// The enrolments on a course whose attendance counts, with their trainees, by name.
async fn on_course(
    db: &impl ConnectionTrait,
    course_id: i32,
) -> DomainResult<Vec<(enrollments::Model, trainees::Model)>> {
    let mut people: Vec<(enrollments::Model, trainees::Model)> = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes(ON_COURSE)))
        .find_also_related(trainees::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(e, t)| Some((e, t?)))
        .collect();
    people.sort_by(|(e1, t1), (e2, t2)| t1.name.cmp(&t2.name).then(e1.id.cmp(&e2.id)));
    Ok(people)
}

/// The attendance sheet of one session of a course (the latest begun session when `session`
/// is `None`).
pub async fn sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    session: Option<i32>,
) -> DomainResult<AttendanceSheet> {
    let (course, org) = visible_course(db, actor, course_id).await?;
    let sessions = sessions_of(db, course_id).await?;
    let now = Utc::now();
    let chosen = match session {
        Some(id) => Some(
            sessions
                .iter()
                .find(|s| s.id == id)
                .ok_or(DomainError::NotFound)?,
        ),
        None => sessions
            .iter()
            .rev()
            .find(|s| s.starts_at <= now)
            .or(sessions.first()),
    };
    let marks = attendance::Entity::find()
        .filter(attendance::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .all(db)
        .await?;
    let mut marked: HashMap<i32, u32> = HashMap::new();
    for m in &marks {
        *marked.entry(m.session_id).or_default() += 1;
    }
    // The shown session's marks by enrolment (a class of 2,000 over 50 sessions is 100,000
    // marks: look each row up, do not scan).
    let shown: HashMap<i32, _> = marks
        .iter()
        .filter(|m| chosen.is_some_and(|s| s.id == m.session_id))
        .map(|m| (m.enrollment_id, m.status))
        .collect();
    let people = on_course(db, course_id).await?;
    let rows: Vec<AttendanceRow> = people
        .into_iter()
        .map(|(e, t)| AttendanceRow {
            enrollment_id: e.id,
            name: t.name,
            id_number_masked: t.id_number_masked,
            status: shown.get(&e.id).map(|s| **s),
            attended_hours: e.attended_hours,
        })
        .collect();
    Ok(AttendanceSheet {
        course_id,
        title: course.title.clone(),
        total_hours: course.total_hours,
        session_id: chosen.map(|s| s.id),
        can_record: chosen.is_some_and(|s| s.starts_at <= now)
            && taking_attendance(*course.status)
            && policy::authorize_for_org(actor, Operation::RecordAttendance, org).is_ok(),
        sessions: sessions
            .iter()
            .map(|s| SessionChoice {
                id: s.id,
                when: format_time(s.starts_at),
                topic: s.topic.clone(),
                hours: s.hours,
                started: s.starts_at <= now,
                marked: marked.get(&s.id).copied().unwrap_or(0),
            })
            .collect(),
        rows,
    })
}

/// Saves marks for one session, all or none. A trainee not on the course, a session not yet
/// begun or of another course, or a course not taking attendance is refused. Each new mark is
/// audited as recorded and each changed mark as a correction (from → to); attended hours are
/// recomputed for the enrolments touched.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    session_id: i32,
    input: MarksInput,
) -> DomainResult<MarksSaved> {
    let (course, org) = visible_course(db, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    if !taking_attendance(*course.status) {
        return Err(DomainError::Conflict(Msg::ErrAttendanceClosed));
    }
    let session = course_sessions::Entity::find_by_id(session_id)
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let now = Utc::now();
    if session.starts_at > now {
        return Err(DomainError::Conflict(Msg::ErrSessionNotStarted));
    }
    if input.marks.is_empty() {
        return Err(DomainError::field("marks", Msg::ErrNoMarks));
    }
    // The last mark for a trainee wins if one is sent twice.
    let mut wanted: HashMap<i32, Mark> = HashMap::new();
    for m in input.marks {
        wanted.insert(m.enrollment_id, m);
    }
    let txn = begin_write(db).await?;
    let on_course: HashSet<i32> = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes(ON_COURSE)))
        .filter(enrollments::Column::Id.is_in(wanted.keys().copied()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    if wanted.keys().any(|id| !on_course.contains(id)) {
        return Err(DomainError::Conflict(Msg::ErrNotOnCourse));
    }
    let wanted: HashMap<i32, AttendanceStatus> =
        wanted.into_iter().map(|(id, m)| (id, m.status)).collect();
    let mut saved = MarksSaved::default();
    let mut touched = Vec::new();
    write_marks(
        &txn,
        actor,
        session_id,
        &wanted,
        now,
        &mut saved,
        &mut touched,
    )
    .await?;
    recompute_hours(&txn, course_id, &touched).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The whole course at a glance: every enrolled trainee (rows) by every session (columns),
/// with their marks and hours.
pub async fn overview(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<AttendanceOverview> {
    let (course, org) = visible_course(db, actor, course_id).await?;
    let sessions = sessions_of(db, course_id).await?;
    let column: HashMap<i32, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let marks = attendance::Entity::find()
        .filter(attendance::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .all(db)
        .await?;
    let mut counted = vec![0u32; sessions.len()];
    let mut by_enrolment: HashMap<i32, Vec<Option<AttendanceStatus>>> = HashMap::new();
    for m in &marks {
        let Some(&i) = column.get(&m.session_id) else {
            continue;
        };
        counted[i] += 1;
        by_enrolment
            .entry(m.enrollment_id)
            .or_insert_with(|| vec![None; sessions.len()])[i] = Some(*m.status);
    }
    let people = on_course(db, course_id).await?;
    let rows: Vec<OverviewRow> = people
        .into_iter()
        .map(|(e, t)| OverviewRow {
            enrollment_id: e.id,
            name: t.name,
            id_number_masked: t.id_number_masked,
            marks: by_enrolment
                .remove(&e.id)
                .unwrap_or_else(|| vec![None; sessions.len()]),
            attended_hours: e.attended_hours,
        })
        .collect();
    let now = Utc::now();
    Ok(AttendanceOverview {
        course_id,
        title: course.title.clone(),
        total_hours: course.total_hours,
        can_record: taking_attendance(*course.status)
            && sessions.iter().any(|s| s.starts_at <= now)
            && policy::authorize_for_org(actor, Operation::RecordAttendance, org).is_ok(),
        sessions: sessions
            .iter()
            .zip(counted)
            .map(|(s, marked)| SessionChoice {
                id: s.id,
                when: format_time(s.starts_at),
                topic: s.topic.clone(),
                hours: s.hours,
                started: s.starts_at <= now,
                marked,
            })
            .collect(),
        rows,
    })
}

/// A whole row at once: one trainee's mark for every session begun so far (or only for those
/// not yet marked), e.g. excused for the whole course after an accident. All or nothing, with
/// the same audit as single marks.
pub async fn record_row(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    enrollment_id: i32,
    input: RowMarksInput,
) -> DomainResult<MarksSaved> {
    let (course, org) = visible_course(db, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    if !taking_attendance(*course.status) {
        return Err(DomainError::Conflict(Msg::ErrAttendanceClosed));
    }
    let now = Utc::now();
    let txn = begin_write(db).await?;
    enrollments::Entity::find_by_id(enrollment_id)
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes(ON_COURSE)))
        .one(&txn)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrNotOnCourse))?;
    let begun = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .filter(course_sessions::Column::StartsAt.lte(now))
        .order_by_asc(course_sessions::Column::StartsAt)
        .all(&txn)
        .await?;
    if begun.is_empty() {
        return Err(DomainError::Conflict(Msg::ErrSessionNotStarted));
    }
    let marked: HashSet<i32> = if input.only_unmarked {
        attendance::Entity::find()
            .filter(attendance::Column::EnrollmentId.eq(enrollment_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|m| m.session_id)
            .collect()
    } else {
        HashSet::new()
    };
    let wanted = HashMap::from([(enrollment_id, input.status)]);
    let mut saved = MarksSaved::default();
    let mut touched = Vec::new();
    for session in begun.iter().filter(|s| !marked.contains(&s.id)) {
        write_marks(
            &txn,
            actor,
            session.id,
            &wanted,
            now,
            &mut saved,
            &mut touched,
        )
        .await?;
    }
    touched.dedup();
    recompute_hours(&txn, course_id, &touched).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Writes one session's marks inside a transaction: each new mark recorded, each changed mark
/// updated and audited as a correction (from → to). The enrolments whose marks changed are
/// added to `touched` (their hours must be recomputed).
pub(crate) async fn write_marks(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    session_id: i32,
    wanted: &HashMap<i32, AttendanceStatus>,
    now: DateTime<Utc>,
    saved: &mut MarksSaved,
    touched: &mut Vec<i32>,
) -> DomainResult<()> {
    let existing: HashMap<i32, attendance::Model> = attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .filter(attendance::Column::EnrollmentId.is_in(wanted.keys().copied()))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| (a.enrollment_id, a))
        .collect();
    let mut ids: Vec<i32> = wanted.keys().copied().collect();
    ids.sort();
    for enrollment_id in ids {
        let status = wanted[&enrollment_id];
        match existing.get(&enrollment_id) {
            Some(old) if old.status == status => saved.unchanged += 1,
            Some(old) => {
                let from = old.status;
                let mut active = old.clone().into_active_model();
                active.status = Set(status.into());
                active.method = Set(AttendanceMethod::Staff.into());
                active.recorded_by = Set(actor.user_id());
                active.recorded_at = Set(now);
                active.update(txn).await?;
                audit::record(
                    txn,
                    actor,
                    Event {
                        action: AuditAction::AttendanceCorrected,
                        entity: AuditRecord::Attendance,
                        entity_id: Some(old.id.to_string()),
                        detail: Some(serde_json::json!({
                            "enrollment_id": enrollment_id,
                            "session_id": session_id,
                            "from": from.as_str(),
                            "to": status.as_str(),
                        })),
                    },
                )
                .await?;
                saved.corrected += 1;
                touched.push(enrollment_id);
            }
            None => {
                let row = attendance::ActiveModel {
                    enrollment_id: Set(enrollment_id),
                    session_id: Set(session_id),
                    status: Set(status.into()),
                    method: Set(AttendanceMethod::Staff.into()),
                    recorded_by: Set(actor.user_id()),
                    recorded_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(
                    txn,
                    actor,
                    Event {
                        action: AuditAction::AttendanceRecorded,
                        entity: AuditRecord::Attendance,
                        entity_id: Some(row.id.to_string()),
                        detail: Some(serde_json::json!({
                            "enrollment_id": enrollment_id,
                            "session_id": session_id,
                            "status": status.as_str(),
                        })),
                    },
                )
                .await?;
                saved.recorded += 1;
                touched.push(enrollment_id);
            }
        }
    }
    Ok(())
}

/// Sets each enrolment's attended hours to the hours of the sessions it was present or late
/// for.
pub(crate) async fn recompute_hours(
    txn: &impl ConnectionTrait,
    course_id: i32,
    enrollment_ids: &[i32],
) -> DomainResult<()> {
    if enrollment_ids.is_empty() {
        return Ok(());
    }
    let hours: HashMap<i32, f64> = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.hours))
        .collect();
    let marks = attendance::Entity::find()
        .filter(attendance::Column::EnrollmentId.is_in(enrollment_ids.iter().copied()))
        .all(txn)
        .await?;
    let mut totals: HashMap<i32, f64> = enrollment_ids.iter().map(|id| (*id, 0.0)).collect();
    for m in marks.iter().filter(|m| counts_hours(*m.status)) {
        *totals.entry(m.enrollment_id).or_default() +=
            hours.get(&m.session_id).copied().unwrap_or(0.0);
    }
    for (id, total) in totals {
        enrollments::Entity::update_many()
            .col_expr(
                enrollments::Column::AttendedHours,
                sea_orm::sea_query::Expr::value(total),
            )
            .filter(enrollments::Column::Id.eq(id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// An enrolment's attended hours (after [`record`] has recomputed them; call it after `record`,
/// which checked that the actor may mark that enrolment).
pub async fn attended_hours(db: &DatabaseConnection, enrollment_id: i32) -> DomainResult<f64> {
    Ok(enrollments::Entity::find_by_id(enrollment_id)
        .one(db)
        .await?
        .map(|e| e.attended_hours)
        .unwrap_or_default())
}
