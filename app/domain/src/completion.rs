//! Scores and completion: staff enter assessment scores (for assessed courses), the sheet
//! shows what the completion rule gives for each trainee (hours ≥ the course's threshold, and
//! a passing score where assessed), and staff confirm it per course, which sets each
//! enrolment completed or not completed. Certified enrolments no longer change.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::codes;
use crate::entities::{certificates, course_sessions, courses, enrollments, trainees};
use crate::policy::{self, Operation};
use crate::rosters::visible_course;
use crate::{Actor, DomainError, DomainResult};
use chrono::{DateTime, Utc};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::completion::{
    CompletionResult, CompletionRow, CompletionSheet, ScoresInput, completes, required_hours,
};
use model::enums::{CourseStatus, EnrollmentStatus};
use model::errors::FieldError;
use model::i18n::Msg;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::{HashMap, HashSet};

const ON_COURSE: [EnrollmentStatus; 3] = EnrollmentStatus::ON_COURSE;

fn scoring_open(status: CourseStatus) -> bool {
    matches!(status, CourseStatus::Running | CourseStatus::Finished)
}

/// When the course's teaching ends: its last session's end, or (with no sessions) the end of
/// its last day.
async fn teaching_ends(
    db: &impl ConnectionTrait,
    course: &courses::Model,
) -> DomainResult<DateTime<Utc>> {
    let last: Option<DateTime<Utc>> = course_sessions::Entity::find()
        .select_only()
        .column_as(course_sessions::Column::EndsAt.max(), "ends")
        .filter(course_sessions::Column::CourseId.eq(course.id))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    Ok(last.unwrap_or_else(|| crate::local_time::end_of_day(course.ends_on)))
}

async fn certified(db: &impl ConnectionTrait, ids: &[i32]) -> DomainResult<HashSet<i32>> {
    let found: Vec<Option<i32>> = certificates::Entity::find()
        .select_only()
        .column(certificates::Column::EnrollmentId)
        .filter(certificates::Column::EnrollmentId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().flatten().collect())
}

/// A course's completion sheet.
pub async fn sheet(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<CompletionSheet> {
    let (course, org) = visible_course(db, actor, course_id).await?;
    let people = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes(ON_COURSE)))
        .find_also_related(trainees::Entity)
        .all(db)
        .await?;
    let ids: Vec<i32> = people.iter().map(|(e, _)| e.id).collect();
    let certified = certified(db, &ids).await?;
    let required = required_hours(course.total_hours, course.completion_threshold_pct);
    let mut rows: Vec<CompletionRow> = people
        .into_iter()
        .filter_map(|(e, t)| {
            let t = t?;
            Some(CompletionRow {
                enrollment_id: e.id,
                name: t.name,
                id_number_masked: t.id_number_masked,
                attended_hours: e.attended_hours,
                score: e.score,
                completes: completes(
                    e.attended_hours,
                    required,
                    course.assessed,
                    e.score,
                    course.pass_mark,
                ),
                status: *e.status,
                certified: certified.contains(&e.id),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.enrollment_id.cmp(&b.enrollment_id))
    });
    let may = policy::authorize_for_org(actor, Operation::RecordAttendance, org).is_ok()
        && scoring_open(*course.status);
    let ends = teaching_ends(db, &course).await?;
    let teaching_over = ends <= Utc::now();
    Ok(CompletionSheet {
        course_id,
        title: course.title,
        course_status: *course.status,
        total_hours: course.total_hours,
        threshold_pct: course.completion_threshold_pct,
        required_hours: required,
        assessed: course.assessed,
        pass_mark: course.pass_mark,
        rows,
        can_score: may && course.assessed,
        can_confirm: may && teaching_over,
        teaching_ends_at: crate::local_time::format_time(ends),
        teaching_over,
    })
}

/// Checks the actor may score or confirm this course now.
async fn check_may(
    db: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<courses::Model> {
    let (course, org) = visible_course(db, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    if !scoring_open(*course.status) {
        return Err(DomainError::Conflict(Msg::ErrCompletionClosed));
    }
    Ok(course)
}

/// Saves assessment scores (0–100; `None` clears), all or none; each change is audited.
pub async fn save_scores(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    input: ScoresInput,
) -> DomainResult<u32> {
    let course = check_may(db, actor, course_id).await?;
    if !course.assessed {
        return Err(DomainError::Conflict(Msg::ErrNotAssessed));
    }
    let errors: Vec<FieldError> = input
        .scores
        .iter()
        .filter(|s| {
            s.score
                .is_some_and(|v| !(0.0..=100.0).contains(&v) || !v.is_finite())
        })
        .map(|s| FieldError {
            field: format!("score_{}", s.enrollment_id),
            message: Msg::ErrScoreRange,
        })
        .collect();
    DomainError::check(errors)?;
    let wanted: HashMap<i32, Option<f64>> = input
        .scores
        .iter()
        .map(|s| (s.enrollment_id, s.score.map(|v| (v * 10.0).round() / 10.0)))
        .collect();
    let txn = begin_write(db).await?;
    let current: HashMap<i32, enrollments::Model> = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes(ON_COURSE)))
        .filter(enrollments::Column::Id.is_in(wanted.keys().copied()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    if wanted.keys().any(|id| !current.contains_key(id)) {
        return Err(DomainError::Conflict(Msg::ErrNotOnCourse));
    }
    let ids: Vec<i32> = wanted.keys().copied().collect();
    let certified = certified(&txn, &ids).await?;
    let mut changed = 0;
    for (id, score) in wanted {
        let old = current[&id].score;
        if old == score {
            continue;
        }
        if certified.contains(&id) {
            return Err(DomainError::Conflict(Msg::ErrAlreadyCertified));
        }
        enrollments::Entity::update_many()
            .col_expr(enrollments::Column::Score, Expr::value(score))
            .filter(enrollments::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            actor,
            Event {
                action: if old.is_some() {
                    AuditAction::ScoreCorrected
                } else {
                    AuditAction::ScoreRecorded
                },
                entity: AuditRecord::Enrollment,
                entity_id: Some(id.to_string()),
                detail: Some(
                    serde_json::json!({ "course_id": course_id, "from": old, "to": score }),
                ),
            },
        )
        .await?;
        changed += 1;
    }
    txn.commit().await?;
    Ok(changed)
}

/// Applies the completion rule to every trainee on the course (except those already
/// certified): completed, with the time, or not completed. Audited per enrolment. Each newly
/// completed enrolment gets its 3-, 6- and 12-month follow-ups.
pub async fn confirm(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<CompletionResult> {
    check_may(db, actor, course_id).await?;
    let txn = begin_write(db).await?;
    // The course row is locked so two confirmations do not interleave.
    let course = crate::enrolment::lock_course(&txn, course_id).await?;
    // Confirming mid-course would mark everyone "not completed" while they are still learning.
    if teaching_ends(&txn, &course).await? > Utc::now() {
        return Err(DomainError::Conflict(Msg::ErrCourseNotOver));
    }
    let required = required_hours(course.total_hours, course.completion_threshold_pct);
    let people = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes(ON_COURSE)))
        .all(&txn)
        .await?;
    let ids: Vec<i32> = people.iter().map(|e| e.id).collect();
    let certified = certified(&txn, &ids).await?;
    let now = Utc::now();
    let mut result = CompletionResult::default();
    for e in people.into_iter().filter(|e| !certified.contains(&e.id)) {
        let done = completes(
            e.attended_hours,
            required,
            course.assessed,
            e.score,
            course.pass_mark,
        );
        let status = if done {
            result.completed += 1;
            EnrollmentStatus::Completed
        } else {
            result.not_completed += 1;
            EnrollmentStatus::NotCompleted
        };
        if e.status == status {
            continue;
        }
        enrollments::Entity::update_many()
            .col_expr(enrollments::Column::Status, Expr::value(status.as_str()))
            .col_expr(enrollments::Column::StatusChangedAt, Expr::value(now))
            .col_expr(
                enrollments::Column::CompletedAt,
                Expr::value(done.then_some(now)),
            )
            .filter(enrollments::Column::Id.eq(e.id))
            .exec(&txn)
            .await?;
        if done {
            crate::follow_ups::schedule(
                &txn,
                e.id,
                e.trainee_id,
                crate::local_time::local_date(now),
            )
            .await?;
        } else {
            crate::follow_ups::withdraw_due(&txn, e.id).await?;
        }
        audit::record(
            &txn,
            actor,
            Event {
                action: if done {
                    AuditAction::EnrolmentCompleted
                } else {
                    AuditAction::EnrolmentNotCompleted
                },
                entity: AuditRecord::Enrollment,
                entity_id: Some(e.id.to_string()),
                detail: Some(serde_json::json!({
                    "course_id": course_id,
                    "attended_hours": e.attended_hours,
                    "required_hours": required,
                    "score": e.score,
                })),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(result)
}
