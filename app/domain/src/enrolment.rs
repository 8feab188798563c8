//! Enrolment: a trainee takes a place on an open course, or a place in its waiting list, and
//! may withdraw before it starts, which hands the place to the first in the waiting list.
//!
//! Capacity is never exceeded, however many people click at once and however many server
//! instances share one PostgreSQL: every enrolment and withdrawal first takes the course row
//! (an UPDATE of it, which locks the row on PostgreSQL; SQLite write transactions are IMMEDIATE
//! and so one at a time), then takes a seat with a guarded UPDATE (`seats_taken < capacity`) in
//! the same transaction as the enrolment row. Waiting-list order is decided under the same lock.

use crate::audit::{self, Event};
use crate::db::{begin_write, is_unique_violation};
use crate::entities::codes;
use crate::entities::{course_sessions, courses, enrollments, trainees};
use crate::local_time::{beijing, today};
use crate::messages;
use crate::partners::names;
use crate::policy::{self, Operation};
use crate::trainees::own_row;
use crate::{Actor, DomainError, DomainResult};
use chrono::Utc;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enrolment::{LearningRow, MyEnrolment, MyLearning, UpcomingSession};
use model::enums::{CourseStatus, EnrollmentStatus};
use model::i18n::Msg;
use model::messages::MessageTemplate;
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

pub(crate) const ACTIVE: [EnrollmentStatus; 2] =
    [EnrollmentStatus::Enrolled, EnrollmentStatus::Waitlisted];

/// Takes the course row for this transaction and reads it in the same statement (`UPDATE …
/// RETURNING`); `NotFound` when there is no such course. While the transaction lasts, the
/// returned seat count is the true one.
pub(crate) async fn lock_course(
    txn: &DatabaseTransaction,
    course_id: i32,
) -> DomainResult<courses::Model> {
    courses::Entity::update_many()
        .col_expr(
            courses::Column::SeatsTaken,
            Expr::col(courses::Column::SeatsTaken),
        )
        .filter(courses::Column::Id.eq(course_id))
        .exec_with_returning(txn)
        .await?
        .pop()
        .ok_or(DomainError::NotFound)
}

/// 1 for the first in line, and so on.
async fn waitlist_rank(
    db: &impl ConnectionTrait,
    e: &enrollments::Model,
) -> DomainResult<Option<u32>> {
    let Some(position) = e
        .waitlist_position
        .filter(|_| e.status == EnrollmentStatus::Waitlisted)
    else {
        return Ok(None);
    };
    let ahead = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(e.course_id))
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Waitlisted.as_str()))
        .filter(enrollments::Column::WaitlistPosition.lt(position))
        .count(db)
        .await?;
    Ok(Some(ahead as u32 + 1))
}

fn can_withdraw(e: &enrollments::Model, course: &courses::Model) -> bool {
    ACTIVE.contains(&e.status)
        && matches!(*course.status, CourseStatus::Approved | CourseStatus::Open)
        && today() < course.starts_on
}

async fn my_enrolment(
    db: &impl ConnectionTrait,
    e: &enrollments::Model,
    course: &courses::Model,
) -> DomainResult<MyEnrolment> {
    Ok(MyEnrolment {
        course_id: e.course_id,
        status: *e.status,
        waitlist_position: waitlist_rank(db, e).await?,
        can_withdraw: can_withdraw(e, course),
    })
}

/// Does `course_id` meet at the same time as one of `others` (courses the trainee is on)?
async fn clashes(txn: &DatabaseTransaction, course_id: i32, others: &[i32]) -> DomainResult<bool> {
    if others.is_empty() {
        return Ok(false);
    }
    let sessions = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.is_in(others.iter().copied().chain([course_id])))
        .all(txn)
        .await?;
    let (mine, theirs): (Vec<_>, Vec<_>) = sessions.iter().partition(|s| s.course_id == course_id);
    Ok(mine.iter().any(|a| {
        theirs
            .iter()
            .any(|b| a.starts_at < b.ends_at && b.starts_at < a.ends_at)
    }))
}

/// Enrols the signed-in trainee in an open course: a seat if one is left, else a place in
/// the waiting list. Returns their standing.
pub async fn enrol(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<MyEnrolment> {
    policy::authorize(actor, Operation::Enrol)?;
    let trainee = own_row(db, actor)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrProfileRequired))?;
    let txn = begin_write(db).await?;
    let course = lock_course(&txn, course_id).await?;
    if !matches!(*course.status, CourseStatus::Open) {
        // Courses the public cannot see do not exist, as far as a trainee knows.
        return Err(match *course.status {
            CourseStatus::Draft | CourseStatus::Submitted | CourseStatus::Rejected => {
                DomainError::NotFound
            }
            _ => DomainError::Conflict(Msg::ErrCourseNotOpen),
        });
    }
    if crate::events::is_event(&course) {
        // Lectures and salons take quick registrations, not enrolments.
        return Err(DomainError::Conflict(Msg::ErrEventRegisterInstead));
    }
    let now = Utc::now();
    if course.enrol_opens_at.is_some_and(|t| now < t)
        || course.enrol_closes_at.is_some_and(|t| now >= t)
    {
        return Err(DomainError::Conflict(Msg::ErrEnrolWindow));
    }
    // The trainee's row on this course (if any) and their other current courses, at once.
    let mine = enrollments::Entity::find()
        .filter(enrollments::Column::TraineeId.eq(trainee.id))
        .filter(
            enrollments::Column::CourseId
                .eq(course_id)
                .or(enrollments::Column::Status.is_in(codes(ACTIVE))),
        )
        .all(&txn)
        .await?;
    let (here, elsewhere): (Vec<_>, Vec<_>) =
        mine.into_iter().partition(|e| e.course_id == course_id);
    let existing = here.into_iter().next();
    if existing
        .as_ref()
        .is_some_and(|e| e.status != EnrollmentStatus::Withdrawn)
    {
        // Already on it, removed by staff, or completed: not by a click.
        return Err(DomainError::Conflict(Msg::ErrAlreadyEnrolled));
    }
    let others: Vec<i32> = elsewhere.iter().map(|e| e.course_id).collect();
    if clashes(&txn, course_id, &others).await? {
        return Err(DomainError::Conflict(Msg::ErrScheduleClash));
    }
    // The course row is ours until commit: its seat count decides (the UPDATE stays guarded).
    let seat = course.seats_taken < course.capacity
        && courses::Entity::update_many()
            .col_expr(
                courses::Column::SeatsTaken,
                Expr::col(courses::Column::SeatsTaken).add(1),
            )
            .filter(courses::Column::Id.eq(course_id))
            .filter(Expr::col(courses::Column::SeatsTaken).lt(Expr::col(courses::Column::Capacity)))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
    let (status, position, rank) = if seat {
        (EnrollmentStatus::Enrolled, None, None)
    } else {
        // The last place in line and how many wait, in one read.
        let (last, waiting): (Option<i32>, Option<i64>) = enrollments::Entity::find()
            .select_only()
            .column_as(enrollments::Column::WaitlistPosition.max(), "last")
            .column_as(
                SimpleExpr::from(Func::sum(SimpleExpr::Case(Box::new(
                    Expr::case(
                        Expr::col(enrollments::Column::Status)
                            .eq(EnrollmentStatus::Waitlisted.as_str()),
                        1,
                    )
                    .finally(0),
                )))),
                "waiting",
            )
            .filter(enrollments::Column::CourseId.eq(course_id))
            .into_tuple()
            .one(&txn)
            .await?
            .unwrap_or((None, None));
        (
            EnrollmentStatus::Waitlisted,
            Some(last.unwrap_or(0) + 1),
            Some(waiting.unwrap_or(0) as u32 + 1),
        )
    };
    let row = match existing {
        Some(old) => {
            let mut active = old.into_active_model();
            active.status = Set(status.into());
            active.waitlist_position = Set(position);
            active.enrolled_at = Set(now);
            active.status_changed_at = Set(now);
            active.removed_reason = Set(None);
            active.update(&txn).await?
        }
        None => {
            let inserted = enrollments::ActiveModel {
                course_id: Set(course_id),
                trainee_id: Set(trainee.id),
                status: Set(status.into()),
                waitlist_position: Set(position),
                score: Set(None),
                attended_hours: Set(0.0),
                enrolled_at: Set(now),
                status_changed_at: Set(now),
                completed_at: Set(None),
                removed_reason: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            match inserted {
                Ok(row) => row,
                Err(e) if is_unique_violation(&e) => {
                    return Err(DomainError::Conflict(Msg::ErrAlreadyEnrolled));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    audit::record(
        &txn,
        actor,
        Event {
            action: if seat {
                AuditAction::EnrolmentEnrolled
            } else {
                AuditAction::EnrolmentWaitlisted
            },
            entity: AuditRecord::Enrollment,
            entity_id: Some(row.id.to_string()),
            detail: Some(
                serde_json::json!({ "course_id": course_id, "waitlist_position": position }),
            ),
        },
    )
    .await?;
    match rank {
        None => {
            messages::notify(
                &txn,
                actor_user_id(actor)?,
                MessageTemplate::Enrolled,
                &[("course", course.title.clone())],
            )
            .await?
        }
        Some(rank) => {
            messages::notify(
                &txn,
                actor_user_id(actor)?,
                MessageTemplate::Waitlisted,
                &[
                    ("course", course.title.clone()),
                    ("position", rank.to_string()),
                ],
            )
            .await?
        }
    }
    let standing = MyEnrolment {
        course_id,
        status: *row.status,
        waitlist_position: rank,
        can_withdraw: can_withdraw(&row, &course),
    };
    txn.commit().await?;
    Ok(standing)
}

/// A seat on `course_id` has been given up (withdrawal, removal): the first in the waiting
/// list takes it, or the seat count goes down. Call with the course locked.
pub(crate) async fn release_seat(
    txn: &DatabaseTransaction,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<()> {
    let now = Utc::now();
    let next = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Waitlisted.as_str()))
        .order_by_asc(enrollments::Column::WaitlistPosition)
        .one(txn)
        .await?;
    match next {
        // The seat passes straight to the next in line: seats_taken stays the same.
        Some(next) => {
            let next_id = next.id;
            let trainee_id = next.trainee_id;
            let mut promoted = next.into_active_model();
            promoted.status = Set(EnrollmentStatus::Enrolled.into());
            promoted.waitlist_position = Set(None);
            promoted.status_changed_at = Set(now);
            promoted.update(txn).await?;
            audit::record(
                txn,
                actor,
                Event {
                    action: AuditAction::EnrolmentPromoted,
                    entity: AuditRecord::Enrollment,
                    entity_id: Some(next_id.to_string()),
                    detail: Some(serde_json::json!({ "course_id": course_id })),
                },
            )
            .await?;
            tell_promoted(txn, trainee_id, course_id).await?;
        }
        None => {
            courses::Entity::update_many()
                .col_expr(
                    courses::Column::SeatsTaken,
                    Expr::col(courses::Column::SeatsTaken).sub(1),
                )
                .filter(courses::Column::Id.eq(course_id))
                .filter(Expr::col(courses::Column::SeatsTaken).gt(0))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Tells a trainee taken off the waiting list that the seat is theirs.
async fn tell_promoted(
    txn: &DatabaseTransaction,
    trainee_id: i32,
    course_id: i32,
) -> DomainResult<()> {
    let user = trainees::Entity::find_by_id(trainee_id)
        .select_only()
        .column(trainees::Column::UserId)
        .into_tuple::<i32>()
        .one(txn)
        .await?;
    let title = courses::Entity::find_by_id(course_id)
        .select_only()
        .column(courses::Column::Title)
        .into_tuple::<String>()
        .one(txn)
        .await?;
    if let (Some(user), Some(title)) = (user, title) {
        messages::notify(txn, user, MessageTemplate::SeatGiven, &[("course", title)]).await?;
    }
    Ok(())
}

fn actor_user_id(actor: &Actor) -> DomainResult<i32> {
    actor.user_id().ok_or(DomainError::Unauthenticated)
}

/// Withdraws the signed-in trainee from a course that has not started. A freed seat goes to
/// the first in the waiting list, in the same transaction.
pub async fn withdraw(db: &DatabaseConnection, actor: &Actor, course_id: i32) -> DomainResult<()> {
    policy::authorize(actor, Operation::Enrol)?;
    let trainee = own_row(db, actor)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrProfileRequired))?;
    let txn = begin_write(db).await?;
    let course = lock_course(&txn, course_id).await?;
    let mine = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::TraineeId.eq(trainee.id))
        .filter(enrollments::Column::Status.is_in(codes(ACTIVE)))
        .one(&txn)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrNotEnrolled))?;
    if !can_withdraw(&mine, &course) {
        return Err(DomainError::Conflict(Msg::ErrCannotWithdraw));
    }
    let had_seat = mine.status == EnrollmentStatus::Enrolled;
    let now = Utc::now();
    let id = mine.id;
    let mut active = mine.into_active_model();
    active.status = Set(EnrollmentStatus::Withdrawn.into());
    active.waitlist_position = Set(None);
    active.status_changed_at = Set(now);
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::EnrolmentWithdrawn,
            entity: AuditRecord::Enrollment,
            entity_id: Some(id.to_string()),
            detail: Some(serde_json::json!({ "course_id": course_id })),
        },
    )
    .await?;
    if had_seat {
        release_seat(&txn, actor, course_id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The signed-in trainee's standing on one course, if any.
pub async fn standing(
    db: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<Option<MyEnrolment>> {
    if actor.role() != Some(model::Role::Trainee) {
        return Ok(None);
    }
    let (Some(trainee), Some(course)) = (
        own_row(db, actor).await?,
        courses::Entity::find_by_id(course_id).one(db).await?,
    ) else {
        return Ok(None);
    };
    standing_on(db, trainee.id, &course).await
}

/// A trainee's standing on a course already loaded (the course page has both at hand).
pub async fn standing_on(
    db: &impl ConnectionTrait,
    trainee_id: i32,
    course: &courses::Model,
) -> DomainResult<Option<MyEnrolment>> {
    let found = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course.id))
        .filter(enrollments::Column::TraineeId.eq(trainee_id))
        .one(db)
        .await?;
    match found {
        Some(e) => Ok(Some(my_enrolment(db, &e, course).await?)),
        None => Ok(None),
    }
}

/// "My learning": the trainee's courses, now and past, and their upcoming sessions.
pub async fn my_learning(db: &DatabaseConnection, actor: &Actor) -> DomainResult<MyLearning> {
    policy::authorize(actor, Operation::Enrol)?;
    let Some(trainee) = own_row(db, actor).await? else {
        return Ok(MyLearning {
            profile_complete: false,
            current: Vec::new(),
            past: Vec::new(),
            upcoming: Vec::new(),
            certificates: Vec::new(),
            events: Vec::new(),
        });
    };
    let rows = enrollments::Entity::find()
        .filter(enrollments::Column::TraineeId.eq(trainee.id))
        .find_also_related(courses::Entity)
        .order_by_desc(enrollments::Column::EnrolledAt)
        .all(db)
        .await?;
    let providers = names(
        db,
        rows.iter()
            .filter_map(|(_, c)| c.as_ref().map(|c| c.organisation_id)),
    )
    .await?;
    let (mut current, mut past) = (Vec::new(), Vec::new());
    let mut upcoming_courses = Vec::new();
    for (e, course) in rows {
        let Some(course) = course else { continue };
        let active = ACTIVE.contains(&e.status)
            && !matches!(
                *course.status,
                CourseStatus::Finished | CourseStatus::Archived
            );
        if e.status == EnrollmentStatus::Enrolled && active {
            upcoming_courses.push((course.id, course.title.clone()));
        }
        let row = LearningRow {
            course_id: course.id,
            title: course.title.clone(),
            provider: providers
                .get(&course.organisation_id)
                .cloned()
                .unwrap_or_default(),
            starts_on: course.starts_on,
            ends_on: course.ends_on,
            course_status: *course.status,
            total_hours: course.total_hours,
            attended_hours: e.attended_hours,
            enrolment: my_enrolment(db, &e, &course).await?,
        };
        if active {
            current.push(row)
        } else {
            past.push(row)
        }
    }
    let now = Utc::now();
    let tz = beijing();
    let sessions = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.is_in(upcoming_courses.iter().map(|(id, _)| *id)))
        .filter(course_sessions::Column::EndsAt.gt(now))
        .order_by_asc(course_sessions::Column::StartsAt)
        .limit(20)
        .all(db)
        .await?;
    let upcoming = sessions
        .into_iter()
        .map(|s| {
            let (start, end) = (s.starts_at.with_timezone(&tz), s.ends_at.with_timezone(&tz));
            UpcomingSession {
                course_id: s.course_id,
                course_title: upcoming_courses
                    .iter()
                    .find(|(id, _)| *id == s.course_id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default(),
                date: start.format("%Y-%m-%d").to_string(),
                time: format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
                topic: s.topic,
                place: s.place,
            }
        })
        .collect();
    let certificates = crate::certificates::mine(db, actor).await?;
    let events = crate::events::mine(db, trainee.id).await?;
    Ok(MyLearning {
        profile_complete: true,
        current,
        past,
        upcoming,
        certificates,
        events,
    })
}
