//! Courses as providers and the bureau manage them: creating and editing a course and its
//! sessions, and moving it through its lifecycle (draft → submitted → approved / rejected →
//! open → running → finished → archived), each step by the right role only.
//!
//! Once approved, a course keeps its content; its sessions, venue and capacity can still
//! change, but capacity never below the seats already taken (a guarded UPDATE, so an enrolment
//! arriving at the same moment cannot slip past it).

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::Coded;
use crate::entities::{attendance, course_sessions, courses, towns};
use crate::local_time::{at, end_of_day, local_date, local_time, start_of_day, today};
use crate::partners::{self, facts, names};
use crate::policy::{self, Operation, OrgFacts, OrgScope};
use crate::{Actor, DomainError, DomainResult};
use chrono::{Duration, Utc};
use model::FieldError;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::catalogue::Industry;
use model::courses::{
    COURSES_PER_PAGE, CourseAction, CourseInput, CourseRecord, Editable, ManagedCoursePage,
    ManagedCourseRow, NewCourseContext, SessionInput, SessionRecord, editable,
};
use model::dashboard::Choice;
use model::enums::{CourseMode, CourseStatus, Funding, OrganisationStatus};
use model::form::FormInput;
use model::form::push_error;
use model::i18n::Msg;
use model::partners::posts_courses;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

const DEFAULT_THRESHOLD_PCT: i32 = 80;

/// The course's stored values as the form shows them.
fn input_of(c: &courses::Model) -> CourseInput {
    CourseInput {
        title: c.title.clone(),
        description: c.description.clone(),
        programme: Some(*c.programme),
        industries: Industry::from_tags(&c.industry_tags),
        level: Some(*c.level),
        mode: Some(*c.mode),
        town_id: c.town_id,
        venue: c.venue.clone().unwrap_or_default(),
        capacity: Some(c.capacity),
        total_hours: Some(c.total_hours),
        starts_on: Some(c.starts_on),
        ends_on: Some(c.ends_on),
        enrol_opens_on: c.enrol_opens_at.map(local_date),
        // Stored as the first instant after the last day.
        enrol_closes_on: c
            .enrol_closes_at
            .map(|t| local_date(t - Duration::seconds(1))),
        funding: Some(*c.funding),
        assessed: c.assessed,
        pass_mark: c.pass_mark,
        completion_threshold_pct: Some(c.completion_threshold_pct),
        organisation_id: None,
    }
}

/// A course starts today or later, unless it is the record of a course that already took
/// place (补录), which only a bureau admin opens.
fn check_start(input: &CourseInput, recorded_afterwards: bool, errors: &mut Vec<FieldError>) {
    if let Some(start) = input.starts_on
        && start < today()
        && !recorded_afterwards
    {
        push_error(errors, "starts_on", Msg::ErrStartInPast);
    }
}

/// A new session of a course being prepared starts in the future, unless the course is
/// recorded afterwards. (A running course may add a session held already, to record it.)
fn check_session_start(course: &courses::Model, input: &SessionInput) -> DomainResult<()> {
    if let (Some(date), Some(time)) = (input.date, input.start_time)
        && editable(*course.status) == Editable::All
        && !course.recorded_afterwards
        && at(date, time) < Utc::now()
    {
        return Err(DomainError::field("date", Msg::ErrSessionInPast));
    }
    Ok(())
}

/// The provider a bureau admin records a past course for: an approved organisation that
/// offers courses.
async fn provider_to_record_for(
    db: &impl ConnectionTrait,
    organisation_id: Option<i32>,
) -> DomainResult<OrgFacts> {
    let Some(id) = organisation_id else {
        return Err(DomainError::field("organisation_id", Msg::ErrChoose));
    };
    let org = match facts(db, id).await {
        Ok(org) => org,
        Err(DomainError::NotFound) => {
            return Err(DomainError::field("organisation_id", Msg::ErrChoose));
        }
        Err(e) => return Err(e),
    };
    if org.status != OrganisationStatus::Approved || !posts_courses(org.kind) {
        return Err(DomainError::field("organisation_id", Msg::ErrChoose));
    }
    Ok(org)
}

/// The providers a bureau admin may record a past course for, by name.
async fn providers_to_record_for(db: &impl ConnectionTrait) -> DomainResult<Vec<Choice>> {
    Ok(partners::approved_of_kind(db, posts_courses)
        .await?
        .into_iter()
        .map(|o| Choice {
            id: o.id,
            name: o.name,
        })
        .collect())
}

/// What the new-course form needs, or why the actor may not create one: a provider's staff
/// create their own courses; a bureau admin records past ones for a provider.
pub async fn new_course_context(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> DomainResult<NewCourseContext> {
    if policy::authorize(actor, Operation::RecordPastCourse).is_ok() {
        return Ok(NewCourseContext {
            providers: providers_to_record_for(db).await?,
        });
    }
    check_may_create(db, actor).await?;
    Ok(NewCourseContext::default())
}

fn session_input_of(s: &course_sessions::Model) -> SessionInput {
    SessionInput {
        date: Some(local_date(s.starts_at)),
        start_time: Some(local_time(s.starts_at)),
        end_time: Some(local_time(s.ends_at)),
        topic: s.topic.clone(),
        hours: Some(s.hours),
        place: s.place.clone().unwrap_or_default(),
    }
}

pub(crate) async fn load(
    db: &impl ConnectionTrait,
    id: i32,
) -> DomainResult<(courses::Model, OrgFacts)> {
    let course = courses::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let org = facts(db, course.organisation_id).await?;
    Ok((course, org))
}

async fn sessions_of(
    db: &impl ConnectionTrait,
    course_id: i32,
) -> DomainResult<Vec<course_sessions::Model>> {
    Ok(course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .order_by_asc(course_sessions::Column::StartsAt)
        .order_by_asc(course_sessions::Column::Id)
        .all(db)
        .await?)
}

/// Checks that need the database: the town exists, and the existing sessions still fit the
/// course's dates and hours.
async fn check_against_stored(
    db: &impl ConnectionTrait,
    input: &CourseInput,
    sessions: &[course_sessions::Model],
    errors: &mut Vec<FieldError>,
) -> DomainResult<()> {
    if let Some(town) = input.town_id
        && towns::Entity::find_by_id(town).one(db).await?.is_none()
    {
        push_error(errors, "town_id", Msg::ErrChoose);
    }
    if let (Some(start), Some(end)) = (input.starts_on, input.ends_on)
        && sessions.iter().any(|s| {
            let d = local_date(s.starts_at);
            d < start || d > end
        })
    {
        push_error(errors, "starts_on", Msg::ErrSessionsOutsideDates);
    }
    if let Some(total) = input.total_hours {
        let sum: f64 = sessions.iter().map(|s| s.hours).sum();
        if sum > total + 1e-9 {
            push_error(errors, "total_hours", Msg::ErrHoursBelowSessions);
        }
    }
    Ok(())
}

fn apply_input(active: &mut courses::ActiveModel, input: &CourseInput) -> DomainResult<()> {
    let (Some(programme), Some(level), Some(mode), Some(capacity), Some(hours)) = (
        input.programme,
        input.level,
        input.mode,
        input.capacity,
        input.total_hours,
    ) else {
        return Err(DomainError::field("title", Msg::ErrInvalidInput));
    };
    let (Some(starts_on), Some(ends_on)) = (input.starts_on, input.ends_on) else {
        return Err(DomainError::field("starts_on", Msg::ErrRequired));
    };
    let online = mode == CourseMode::Online;
    active.title = Set(input.title.trim().to_string());
    active.description = Set(input.description.trim().to_string());
    active.programme = Set(programme.into());
    active.industry_tags = Set(input
        .industries
        .iter()
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(","));
    active.level = Set(level.into());
    active.mode = Set(mode.into());
    active.town_id = Set(input.town_id);
    active.venue = Set(Some(input.venue.trim().to_string()).filter(|v| !v.is_empty() || !online));
    active.capacity = Set(capacity);
    active.total_hours = Set(hours);
    active.completion_threshold_pct = Set(input
        .completion_threshold_pct
        .unwrap_or(DEFAULT_THRESHOLD_PCT));
    active.assessed = Set(input.assessed);
    active.pass_mark = Set(if input.assessed {
        input.pass_mark
    } else {
        None
    });
    active.enrol_opens_at = Set(input.enrol_opens_on.map(start_of_day));
    active.enrol_closes_at = Set(Some(match input.enrol_closes_on {
        Some(d) => end_of_day(d),
        None => start_of_day(starts_on),
    }));
    active.starts_on = Set(starts_on);
    active.ends_on = Set(ends_on);
    active.funding = Set(Coded(input.funding.unwrap_or(Funding::Free)));
    active.updated_at = Set(Utc::now());
    Ok(())
}

async fn record_event(
    txn: &DatabaseTransaction,
    actor: &Actor,
    action: AuditAction,
    course_id: i32,
    detail: Option<serde_json::Value>,
) -> DomainResult<()> {
    audit::record(
        txn,
        actor,
        Event {
            action,
            entity: AuditRecord::Course,
            entity_id: Some(course_id.to_string()),
            detail,
        },
    )
    .await
}

/// Whether the actor may create courses now: `Ok`, or why not (not a provider, an
/// application still pending, a suspended partner), so the form can say so before it is filled.
pub async fn check_may_create(db: &impl ConnectionTrait, actor: &Actor) -> DomainResult<OrgFacts> {
    policy::authorize(actor, Operation::EditCourse)?;
    let org = facts(db, actor.organisation_id().ok_or(DomainError::Forbidden)?).await?;
    policy::authorize_for_org(actor, Operation::EditCourse, org)?;
    Ok(org)
}

/// A provider creates a course as a draft; a bureau admin opens the record of a course that
/// already took place for a provider (also a draft, marked as recorded afterwards, which the
/// provider completes and submits).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: CourseInput,
) -> DomainResult<i32> {
    let recorded = policy::authorize(actor, Operation::RecordPastCourse).is_ok();
    let org = if recorded {
        provider_to_record_for(db, input.organisation_id).await?
    } else {
        check_may_create(db, actor).await?
    };
    let mut errors = input.validate();
    check_start(&input, recorded, &mut errors);
    check_against_stored(db, &input, &[], &mut errors).await?;
    DomainError::check(errors)?;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let mut active = courses::ActiveModel {
        organisation_id: Set(org.id),
        seats_taken: Set(0),
        status: Set(CourseStatus::Draft.into()),
        status_reason: Set(None),
        created_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        created_at: Set(now),
        recorded_afterwards: Set(recorded),
        ..Default::default()
    };
    apply_input(&mut active, &input)?;
    let course = active.insert(&txn).await?;
    let detail = recorded
        .then(|| serde_json::json!({ "recorded_afterwards": true, "organisation_id": org.id }));
    record_event(&txn, actor, AuditAction::CourseCreated, course.id, detail).await?;
    txn.commit().await?;
    Ok(course.id)
}

/// Saves the course form. Drafts and rejected courses change freely; approved, open and
/// running ones only their venue, town and capacity (the rest of `input` is ignored); a
/// submitted, finished or archived course does not change.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: CourseInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::EditCourse)?;
    let txn = begin_write(db).await?;
    let (course, org) = load(&txn, id).await?;
    policy::authorize_for_org(actor, Operation::EditCourse, org)?;
    let merged = match editable(*course.status) {
        Editable::All => input,
        Editable::Schedule => CourseInput {
            town_id: input.town_id,
            venue: input.venue,
            capacity: input.capacity,
            ..input_of(&course)
        },
        Editable::Nothing => return Err(DomainError::Conflict(Msg::ErrCourseLocked)),
    };
    let mut errors = merged.validate();
    if editable(*course.status) == Editable::All {
        check_start(&merged, course.recorded_afterwards, &mut errors);
    }
    let sessions = sessions_of(&txn, id).await?;
    check_against_stored(&txn, &merged, &sessions, &mut errors).await?;
    if let Some(capacity) = merged.capacity
        && capacity < course.seats_taken
    {
        push_error(&mut errors, "capacity", Msg::ErrCapacityBelowEnrolment);
    }
    DomainError::check(errors)?;
    let capacity = merged.capacity.unwrap_or(course.capacity);
    let before = course.capacity;
    let mut active = course.into_active_model();
    apply_input(&mut active, &merged)?;
    // Capacity is written by a guarded UPDATE below, never from the loaded row.
    active.capacity = sea_orm::ActiveValue::NotSet;
    active.seats_taken = sea_orm::ActiveValue::NotSet;
    active.update(&txn).await?;
    let guarded = courses::Entity::update_many()
        .col_expr(courses::Column::Capacity, Expr::value(capacity))
        .filter(courses::Column::Id.eq(id))
        .filter(Expr::col(courses::Column::SeatsTaken).lte(capacity))
        .exec(&txn)
        .await?;
    if guarded.rows_affected != 1 {
        return Err(DomainError::field(
            "capacity",
            Msg::ErrCapacityBelowEnrolment,
        ));
    }
    let detail = (before != capacity)
        .then(|| serde_json::json!({ "capacity": { "from": before, "to": capacity } }));
    record_event(&txn, actor, AuditAction::CourseUpdated, id, detail).await?;
    txn.commit().await?;
    Ok(())
}

/// Checks a session against its course: inside the course's dates, and all sessions together
/// within the course's total hours.
fn check_session(
    course: &courses::Model,
    input: &SessionInput,
    others: &[course_sessions::Model],
) -> DomainResult<()> {
    let mut errors = input.validate();
    if let Some(date) = input.date
        && (date < course.starts_on || date > course.ends_on)
    {
        push_error(&mut errors, "date", Msg::ErrSessionOutsideCourse);
    }
    if let Some(hours) = input.hours {
        let sum: f64 = others.iter().map(|s| s.hours).sum::<f64>() + hours;
        if sum > course.total_hours + 1e-9 {
            push_error(&mut errors, "hours", Msg::ErrSessionHoursExceed);
        }
    }
    DomainError::check(errors)
}

fn session_times(
    input: &SessionInput,
) -> DomainResult<(chrono::DateTime<Utc>, chrono::DateTime<Utc>)> {
    match (input.date, input.start_time, input.end_time) {
        (Some(d), Some(s), Some(e)) => Ok((at(d, s), at(d, e))),
        _ => Err(DomainError::field("date", Msg::ErrRequired)),
    }
}

async fn editable_course(
    txn: &DatabaseTransaction,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<courses::Model> {
    policy::authorize(actor, Operation::EditCourse)?;
    let (course, org) = load(txn, course_id).await?;
    policy::authorize_for_org(actor, Operation::EditCourse, org)?;
    if editable(*course.status) == Editable::Nothing {
        return Err(DomainError::Conflict(Msg::ErrCourseLocked));
    }
    Ok(course)
}

/// Adds a session to a course (drafts, and approved courses whose schedule changes).
pub async fn add_session(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    input: SessionInput,
) -> DomainResult<i32> {
    let txn = begin_write(db).await?;
    let course = editable_course(&txn, actor, course_id).await?;
    let others = sessions_of(&txn, course_id).await?;
    check_session_start(&course, &input)?;
    check_session(&course, &input, &others)?;
    let (starts_at, ends_at) = session_times(&input)?;
    let session = course_sessions::ActiveModel {
        course_id: Set(course_id),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        topic: Set(input.topic.trim().to_string()),
        hours: Set(input.hours.unwrap_or_default()),
        place: Set(Some(input.place.trim().to_string()).filter(|p| !p.is_empty())),
        checkin_secret: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_event(
        &txn,
        actor,
        AuditAction::CourseSessionAdded,
        course_id,
        Some(serde_json::json!({ "session_id": session.id })),
    )
    .await?;
    txn.commit().await?;
    Ok(session.id)
}

/// Changes one session of a course.
pub async fn update_session(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    session_id: i32,
    input: SessionInput,
) -> DomainResult<()> {
    let txn = begin_write(db).await?;
    let course = editable_course(&txn, actor, course_id).await?;
    let all = sessions_of(&txn, course_id).await?;
    let Some(existing) = all.iter().find(|s| s.id == session_id).cloned() else {
        return Err(DomainError::NotFound);
    };
    let others: Vec<_> = all.into_iter().filter(|s| s.id != session_id).collect();
    check_session_start(&course, &input)?;
    check_session(&course, &input, &others)?;
    let (starts_at, ends_at) = session_times(&input)?;
    let mut active = existing.into_active_model();
    active.starts_at = Set(starts_at);
    active.ends_at = Set(ends_at);
    active.topic = Set(input.topic.trim().to_string());
    active.hours = Set(input.hours.unwrap_or_default());
    active.place = Set(Some(input.place.trim().to_string()).filter(|p| !p.is_empty()));
    active.update(&txn).await?;
    record_event(
        &txn,
        actor,
        AuditAction::CourseSessionChanged,
        course_id,
        Some(serde_json::json!({ "session_id": session_id })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a session that has no attendance recorded.
pub async fn delete_session(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    session_id: i32,
) -> DomainResult<()> {
    let txn = begin_write(db).await?;
    editable_course(&txn, actor, course_id).await?;
    let session = course_sessions::Entity::find_by_id(session_id)
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let marked = attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .count(&txn)
        .await?;
    if marked > 0 {
        return Err(DomainError::Conflict(Msg::ErrSessionHasAttendance));
    }
    course_sessions::Entity::delete_by_id(session.id)
        .exec(&txn)
        .await?;
    record_event(
        &txn,
        actor,
        AuditAction::CourseSessionRemoved,
        course_id,
        Some(serde_json::json!({ "session_id": session_id, "topic": session.topic })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes one lifecycle step. The course must be in the step's starting status (checked inside
/// the transaction, so two people clicking at once cannot both move it).
pub async fn act(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    action: CourseAction,
    reason: &str,
) -> DomainResult<()> {
    policy::authorize(actor, policy::course_action_operation(action))?;
    let reason = reason.trim();
    if action.needs_reason() && reason.is_empty() {
        return Err(DomainError::field("reason", Msg::ErrReasonRequired));
    }
    if model::form::chars(reason) > model::partners::REASON_MAX {
        return Err(DomainError::field(
            "reason",
            model::form::too_long(model::partners::REASON_MAX),
        ));
    }
    let txn = begin_write(db).await?;
    let (course, org) = load(&txn, id).await?;
    policy::authorize_course_action(actor, action, org)?;
    let (from, to) = action.transition();
    if !from.contains(&course.status) {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    if action == CourseAction::Submit && !course.recorded_afterwards && course.starts_on < today() {
        return Err(DomainError::Conflict(Msg::ErrStartPassed));
    }
    if action == CourseAction::Submit {
        // What is submitted must still be valid as a whole, and have a schedule.
        let sessions = sessions_of(&txn, id).await?;
        if sessions.is_empty() {
            return Err(DomainError::Conflict(Msg::ErrNoSessions));
        }
        let input = input_of(&course);
        let mut errors = input.validate();
        check_against_stored(&txn, &input, &sessions, &mut errors).await?;
        if !errors.is_empty() {
            return Err(DomainError::Conflict(Msg::ErrCourseIncomplete));
        }
    }
    let from_status = course.status;
    let mut active = course.into_active_model();
    active.status = Set(to.into());
    active.status_reason = Set(action.needs_reason().then(|| reason.to_string()));
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    record_event(
        &txn,
        actor,
        model::audit::course_action(action),
        id,
        Some(serde_json::json!({
            "from": from_status.as_str(),
            "to": to.as_str(),
            "reason": (!reason.is_empty()).then_some(reason),
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The course management list: a provider's own courses, or every course for the bureau;
/// by status and words in the title.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    status: Option<CourseStatus>,
    q: &str,
    page: u64,
) -> DomainResult<ManagedCoursePage> {
    let scope = policy::org_scope(actor, Operation::ViewManagedCourses)?;
    let mut filter = Condition::all();
    if let OrgScope::Own(org) = scope {
        filter = filter.add(courses::Column::OrganisationId.eq(org));
    }
    let submitted_filter = filter
        .clone()
        .add(courses::Column::Status.eq(CourseStatus::Submitted.as_str()));
    if let Some(s) = status {
        filter = filter.add(courses::Column::Status.eq(s.as_str()));
    }
    for term in q.split_whitespace().take(8) {
        let term: String = term.chars().take(50).collect();
        filter = filter.add(courses::Column::Title.contains(&term));
    }
    let paginator = courses::Entity::find()
        .filter(filter)
        .order_by_desc(courses::Column::UpdatedAt)
        .order_by_desc(courses::Column::Id)
        .paginate(db, COURSES_PER_PAGE);
    let total = paginator.num_items().await?;
    let page = super::page_number(page);
    let rows = paginator.fetch_page(page - 1).await?;
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let mut session_counts: HashMap<i32, u64> = HashMap::new();
    let course_ids: Vec<i32> = course_sessions::Entity::find()
        .select_only()
        .column(course_sessions::Column::CourseId)
        .filter(course_sessions::Column::CourseId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    for c in course_ids {
        *session_counts.entry(c).or_default() += 1;
    }
    let providers = names(db, rows.iter().map(|c| c.organisation_id)).await?;
    let submitted = courses::Entity::find()
        .filter(submitted_filter)
        .count(db)
        .await?;
    let can_create = check_may_create(db, actor).await.is_ok();
    let can_record_past = policy::authorize(actor, Operation::RecordPastCourse).is_ok();
    Ok(ManagedCoursePage {
        rows: rows
            .into_iter()
            .map(|c| ManagedCourseRow {
                id: c.id,
                provider: providers
                    .get(&c.organisation_id)
                    .cloned()
                    .unwrap_or_default(),
                title: c.title,
                programme: *c.programme,
                status: *c.status,
                starts_on: c.starts_on,
                capacity: c.capacity,
                seats_taken: c.seats_taken,
                sessions: session_counts.get(&c.id).copied().unwrap_or(0),
                recorded_afterwards: c.recorded_afterwards,
            })
            .collect(),
        total,
        page,
        per_page: COURSES_PER_PAGE,
        submitted,
        can_create,
        can_record_past,
    })
}

/// One course for its management page. Another provider's course is `NotFound`.
pub async fn record(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<CourseRecord> {
    let scope = policy::org_scope(actor, Operation::ViewManagedCourses)?;
    let (course, org) = load(db, id).await?;
    if !scope.includes(org.id) {
        return Err(DomainError::NotFound);
    }
    let sessions = sessions_of(db, id).await?;
    let provider = names(db, [org.id])
        .await?
        .remove(&org.id)
        .unwrap_or_default();
    let may_edit = policy::authorize_for_org(actor, Operation::EditCourse, org).is_ok();
    let actions = CourseAction::ALL
        .iter()
        .copied()
        .filter(|a| a.transition().0.contains(&course.status))
        .filter(|a| policy::authorize_course_action(actor, *a, org).is_ok())
        .collect();
    Ok(CourseRecord {
        id: course.id,
        organisation_id: org.id,
        provider,
        status: *course.status,
        status_reason: course.status_reason.clone(),
        input: input_of(&course),
        seats_taken: course.seats_taken,
        session_hours: sessions.iter().map(|s| s.hours).sum(),
        sessions: sessions
            .iter()
            .map(|s| SessionRecord {
                id: s.id,
                input: session_input_of(s),
            })
            .collect(),
        editable: if may_edit {
            editable(*course.status)
        } else {
            Editable::Nothing
        },
        actions,
        can_see_records: policy::authorize(actor, Operation::ViewCourseRecords).is_ok(),
        recorded_afterwards: course.recorded_afterwards,
        start_passed: course.starts_on < today(),
    })
}
