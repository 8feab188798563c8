//! Lectures and salons (电商大讲堂、电商沙龙): courses of the lecture/salon programme behave as
//! events. Anyone registers with a name, a phone and a town — no account or real-name profile —
//! taking one of the event's places (the same guarded seat count as enrolment, but a full event
//! refuses rather than keeps a waiting list); one registration per phone and event. The ticket
//! is reached by an unguessable code. At the event, people check in by scanning the session's
//! QR code and giving the phone they registered with, or staff check them in from the list.
//!
//! Checked-in registrations count into the KPIs as attendances (培训人次), never as people
//! trained or completed training.

use crate::audit::{self, Event};
use crate::checkin::scanned_session;
use crate::db::{begin_write, is_unique_violation};
use crate::enrolment::lock_course;
use crate::entities::{course_sessions, courses, event_registrations, towns};
use crate::local_time::{format_time, today};
use crate::partners::names;
use crate::policy::{self, Operation};
use crate::rosters::{Download, ExportFormat};
use crate::throttle::RateLimit;
use crate::trainees::own_row;
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::{DateTime, NaiveDate, Utc};
use model::Role;
use model::accounts::{mask_phone, normalise_phone};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::checkin::CheckinPrompt;
use model::dashboard::KpiFilter;
use model::enums::{CourseStatus, Programme, RegistrationStatus};
use model::events::{
    EventCheckinInput, EventRoster, EventSession, MyEvent, RegistrationInput, RegistrationRow,
    Ticket,
};
use model::form::FormInput;
use model::i18n::{Locale, Msg};
use rand::RngCore;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// The registrations "My learning" lists.
const MY_EVENTS: u64 = 50;
/// Registrations and check-in attempts one address may make in [`WINDOW`].
const PER_WINDOW: u32 = 20;
const WINDOW: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The per-address limit on registrations and phone check-ins, held by [`Services`].
pub fn registration_limit() -> RateLimit {
    RateLimit::new(PER_WINDOW, WINDOW)
}

/// Whether a course is run as an event.
pub fn is_event(course: &courses::Model) -> bool {
    course.programme == Programme::LectureSalon
}

fn new_code() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

async fn log(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    row: &event_registrations::Model,
) -> DomainResult<()> {
    audit::record(
        txn,
        actor,
        Event {
            action,
            entity: AuditRecord::EventRegistration,
            entity_id: Some(row.id.to_string()),
            detail: Some(serde_json::json!({ "course_id": row.course_id })),
        },
    )
    .await
}

/// Takes the address's turn, or says how long to wait.
fn throttle(svc: &Services, actor: &Actor) -> DomainResult<()> {
    match svc
        .registrations
        .hit(actor.ip.as_deref().unwrap_or("unknown"))
    {
        Some(minutes) => Err(DomainError::RateLimited { minutes }),
        None => Ok(()),
    }
}

/// Registers someone for an event; returns the ticket's code.
pub async fn register(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
    input: RegistrationInput,
) -> DomainResult<String> {
    policy::authorize(actor, Operation::RegisterForEvent)?;
    let db = &svc.db;
    let mut errors = input.validate();
    if let Some(town) = input.town_id
        && towns::Entity::find_by_id(town).one(db).await?.is_none()
    {
        model::form::push_error(&mut errors, "town_id", Msg::ErrChoose);
    }
    DomainError::check(errors)?;
    throttle(svc, actor)?;
    let trainee = match actor.role() {
        Some(Role::Trainee) => own_row(db, actor).await?.map(|t| t.id),
        _ => None,
    };
    let phone = normalise_phone(&input.phone);
    let town = input
        .town_id
        .ok_or(DomainError::field("town_id", Msg::ErrChoose))?;
    let txn = begin_write(db).await?;
    let course = lock_course(&txn, course_id).await?;
    match *course.status {
        CourseStatus::Open => {}
        CourseStatus::Draft | CourseStatus::Submitted | CourseStatus::Rejected => {
            return Err(DomainError::NotFound);
        }
        _ => return Err(DomainError::Conflict(Msg::ErrCourseNotOpen)),
    }
    if !is_event(&course) {
        return Err(DomainError::Conflict(Msg::ErrNotAnEvent));
    }
    let now = Utc::now();
    if course.enrol_opens_at.is_some_and(|t| now < t)
        || course.enrol_closes_at.is_some_and(|t| now >= t)
        || course.ends_on < today()
    {
        return Err(DomainError::Conflict(Msg::ErrEnrolWindow));
    }
    let existing = event_registrations::Entity::find()
        .filter(event_registrations::Column::CourseId.eq(course_id))
        .filter(event_registrations::Column::Phone.eq(phone.as_str()))
        .one(&txn)
        .await?;
    if existing
        .as_ref()
        .is_some_and(|r| r.status == RegistrationStatus::Registered)
    {
        return Err(DomainError::field("phone", Msg::ErrAlreadyRegistered));
    }
    let seat = courses::Entity::update_many()
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
    if !seat {
        return Err(DomainError::Conflict(Msg::ErrEventFull));
    }
    let code = new_code();
    let name = input.name.trim().to_string();
    let row = match existing {
        // Registering again after cancelling: the same row, a new ticket.
        Some(old) => {
            let mut active = old.into_active_model();
            active.name = Set(name);
            active.town_id = Set(town);
            active.trainee_id = Set(trainee);
            active.code = Set(code.clone());
            active.status = Set(RegistrationStatus::Registered.into());
            active.registered_at = Set(now);
            active.cancelled_at = Set(None);
            active.update(&txn).await?
        }
        None => {
            let inserted = event_registrations::ActiveModel {
                course_id: Set(course_id),
                name: Set(name),
                phone: Set(phone),
                town_id: Set(town),
                trainee_id: Set(trainee),
                code: Set(code.clone()),
                status: Set(RegistrationStatus::Registered.into()),
                registered_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            match inserted {
                Ok(row) => row,
                Err(e) if is_unique_violation(&e) => {
                    return Err(DomainError::field("phone", Msg::ErrAlreadyRegistered));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    log(&txn, actor, AuditAction::EventRegistered, &row).await?;
    txn.commit().await?;
    Ok(code)
}

async fn by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> DomainResult<(event_registrations::Model, courses::Model)> {
    let code = code.trim().to_ascii_lowercase();
    if code.len() != 32 || !code.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(DomainError::NotFound);
    }
    event_registrations::Entity::find()
        .filter(event_registrations::Column::Code.eq(code))
        .find_also_related(courses::Entity)
        .one(db)
        .await?
        .and_then(|(r, c)| c.map(|c| (r, c)))
        .ok_or(DomainError::NotFound)
}

fn cancellable(r: &event_registrations::Model, course: &courses::Model) -> bool {
    r.status == RegistrationStatus::Registered
        && r.checked_in_at.is_none()
        && course.ends_on >= today()
}

/// Whether a session belongs to a lecture or salon, whose check-in page asks for a phone
/// number and so needs no login (the login redirect asks this).
pub async fn is_event_session(db: &DatabaseConnection, session_id: i32) -> DomainResult<bool> {
    Ok(course_sessions::Entity::find_by_id(session_id)
        .find_also_related(courses::Entity)
        .one(db)
        .await?
        .and_then(|(_, course)| course)
        .is_some_and(|c| is_event(&c)))
}

/// The ticket a code stands for (whoever holds the code).
pub async fn ticket(db: &DatabaseConnection, code: &str) -> DomainResult<Ticket> {
    let (r, course) = by_code(db, code).await?;
    let first = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course.id))
        .order_by_asc(course_sessions::Column::StartsAt)
        .one(db)
        .await?;
    let provider = names(db, [course.organisation_id])
        .await?
        .remove(&course.organisation_id)
        .unwrap_or_default();
    Ok(Ticket {
        can_cancel: cancellable(&r, &course),
        code: r.code,
        course_id: course.id,
        title: course.title,
        provider,
        venue: course.venue,
        starts_on: course.starts_on,
        first_session: first.map(|s| format_time(s.starts_at)),
        name: r.name,
        phone_masked: mask_phone(&r.phone),
        status: *r.status,
        checked_in_at: r.checked_in_at,
    })
}

/// The ticket's holder cancels: the place goes back to the event.
pub async fn cancel(db: &DatabaseConnection, actor: &Actor, code: &str) -> DomainResult<()> {
    policy::authorize(actor, Operation::RegisterForEvent)?;
    let txn = begin_write(db).await?;
    let (r, course) = by_code(&txn, code).await?;
    if !cancellable(&r, &course) {
        return Err(DomainError::Conflict(Msg::ErrCannotCancelRegistration));
    }
    courses::Entity::update_many()
        .col_expr(
            courses::Column::SeatsTaken,
            Expr::col(courses::Column::SeatsTaken).sub(1),
        )
        .filter(courses::Column::Id.eq(course.id))
        .filter(courses::Column::SeatsTaken.gt(0))
        .exec(&txn)
        .await?;
    let mut active = r.into_active_model();
    active.status = Set(RegistrationStatus::Cancelled.into());
    active.cancelled_at = Set(Some(Utc::now()));
    let row = active.update(&txn).await?;
    log(&txn, actor, AuditAction::EventCancelled, &row).await?;
    txn.commit().await?;
    Ok(())
}

/// An event's registrations, for its provider's staff and the bureau (newest first).
pub async fn roster(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<EventRoster> {
    let (course, org) = crate::rosters::visible_course(db, actor, course_id).await?;
    if !is_event(&course) {
        return Err(DomainError::Conflict(Msg::ErrNotAnEvent));
    }
    let town_names = crate::towns::names(db).await?;
    let rows: Vec<RegistrationRow> = event_registrations::Entity::find()
        .filter(event_registrations::Column::CourseId.eq(course_id))
        .order_by_desc(event_registrations::Column::RegisteredAt)
        .order_by_desc(event_registrations::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RegistrationRow {
            id: r.id,
            town: town_names.get(&r.town_id).cloned().unwrap_or_default(),
            name: r.name,
            phone_masked: mask_phone(&r.phone),
            registered_at: r.registered_at,
            status: *r.status,
            checked_in_at: r.checked_in_at,
            checkin_method: r.checkin_method,
        })
        .collect();
    let registered = rows
        .iter()
        .filter(|r| r.status == RegistrationStatus::Registered)
        .count() as u64;
    let checked_in = rows.iter().filter(|r| r.checked_in_at.is_some()).count() as u64;
    let now = Utc::now();
    let sessions = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .order_by_asc(course_sessions::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| EventSession {
            id: s.id,
            starts: format_time(s.starts_at),
            on_now: crate::checkin::within(&s, now),
            topic: s.topic,
        })
        .collect();
    Ok(EventRoster {
        course_id,
        title: course.title,
        capacity: course.capacity,
        registered,
        checked_in,
        rows,
        sessions,
        can_check_in: policy::authorize_for_org(actor, Operation::RecordAttendance, org).is_ok(),
    })
}

/// What a registration's status reads as, in lists and exports.
fn state_label(status: RegistrationStatus, checked_in: bool) -> Msg {
    match (status, checked_in) {
        (RegistrationStatus::Cancelled, _) => Msg::TicketCancelled,
        (_, true) => Msg::TicketCheckedIn,
        _ => Msg::TicketRegistered,
    }
}

/// An event's registrations as a spreadsheet for the organiser's desk and follow-up calls,
/// headed in the viewer's language, in registration order. It carries people's phone numbers
/// in full, so the export is audited.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    let (course, _) = crate::rosters::visible_course(db, actor, course_id).await?;
    if !is_event(&course) {
        return Err(DomainError::Conflict(Msg::ErrNotAnEvent));
    }
    let town_names = crate::towns::names(db).await?;
    let rows = event_registrations::Entity::find()
        .filter(event_registrations::Column::CourseId.eq(course_id))
        .order_by_asc(event_registrations::Column::RegisteredAt)
        .order_by_asc(event_registrations::Column::Id)
        .all(db)
        .await?;
    let header: Vec<&str> = [
        Msg::ColNo,
        Msg::FieldName,
        Msg::FieldMobile,
        Msg::ColTown,
        Msg::ColRegisteredAt,
        Msg::ColStatus,
        Msg::ColCheckedIn,
    ]
    .iter()
    .map(|m| locale.t(*m))
    .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.phone.clone(),
                town_names.get(&r.town_id).cloned().unwrap_or_default(),
                format_time(r.registered_at),
                locale
                    .t(state_label(*r.status, r.checked_in_at.is_some()))
                    .to_string(),
                r.checked_in_at.map(format_time).unwrap_or_default(),
            ]
        })
        .collect();
    let sheet_name = locale.t(Msg::RegistrationsSheetName);
    let bytes = format.write(sheet_name, &header, &cells)?;
    audit::record(
        db,
        actor,
        Event {
            action: AuditAction::EventExported,
            entity: AuditRecord::Course,
            entity_id: Some(course_id.to_string()),
            detail: Some(serde_json::json!({
                "format": format.extension(),
                "rows": rows.len(),
            })),
        },
    )
    .await?;
    let stem = format!("{sheet_name}-{}-{}", course.id, today().format("%Y%m%d"));
    Ok(Download::whole(&stem, format, bytes))
}

/// The lectures and salons a trainee registered for while signed in, newest first (for "My
/// learning"); registrations made without signing in stay with their ticket only.
pub async fn mine(db: &DatabaseConnection, trainee_id: i32) -> DomainResult<Vec<MyEvent>> {
    Ok(event_registrations::Entity::find()
        .filter(event_registrations::Column::TraineeId.eq(trainee_id))
        .find_also_related(courses::Entity)
        .order_by_desc(event_registrations::Column::RegisteredAt)
        .order_by_desc(event_registrations::Column::Id)
        .limit(MY_EVENTS)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(r, course)| {
            let course = course?;
            Some(MyEvent {
                state: state_label(*r.status, r.checked_in_at.is_some()),
                code: r.code,
                course_id: course.id,
                title: course.title,
                venue: course.venue,
                starts_on: course.starts_on,
                status: *r.status,
                checked_in_at: r.checked_in_at,
            })
        })
        .collect())
}

/// Marks a registration checked in, once; `Ok(false)` when it already was.
async fn mark(
    db: &DatabaseConnection,
    actor: &Actor,
    r: event_registrations::Model,
    by_staff: bool,
) -> DomainResult<bool> {
    let txn = begin_write(db).await?;
    // Only the first check-in writes: the guard is in the update.
    let done = event_registrations::Entity::update_many()
        .col_expr(
            event_registrations::Column::CheckedInAt,
            Expr::value(Utc::now()),
        )
        .col_expr(
            event_registrations::Column::CheckedInBy,
            Expr::value(if by_staff { actor.user_id() } else { None }),
        )
        .col_expr(
            event_registrations::Column::CheckinMethod,
            Expr::value(if by_staff { "staff" } else { "qr" }),
        )
        .filter(event_registrations::Column::Id.eq(r.id))
        .filter(event_registrations::Column::CheckedInAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if done {
        log(&txn, actor, AuditAction::EventCheckedIn, &r).await?;
    }
    txn.commit().await?;
    Ok(done)
}

/// The event's staff (or a bureau admin) check someone in from the list.
pub async fn staff_check_in(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    registration_id: i32,
) -> DomainResult<bool> {
    let (course, org) = crate::rosters::visible_course(db, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    if !is_event(&course) {
        return Err(DomainError::Conflict(Msg::ErrNotAnEvent));
    }
    let r = event_registrations::Entity::find_by_id(registration_id)
        .filter(event_registrations::Column::CourseId.eq(course_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if r.status != RegistrationStatus::Registered {
        return Err(DomainError::Conflict(Msg::ErrRegistrationCancelled));
    }
    mark(db, actor, r, true).await
}

/// The event session a scanned code belongs to, checked (code, time, an event's session).
async fn scanned(
    svc: &Services,
    session_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> DomainResult<(course_sessions::Model, courses::Model)> {
    let session = scanned_session(svc, session_id, code, now, None).await?;
    let course = courses::Entity::find_by_id(session.course_id)
        .one(&svc.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !is_event(&course) {
        return Err(DomainError::Conflict(Msg::ErrNotAnEvent));
    }
    Ok((session, course))
}

/// What a scanned event code shows before the phone is given (checked, nothing saved).
pub async fn checkin_prompt(
    svc: &Services,
    actor: &Actor,
    session_id: i32,
    code: &str,
) -> DomainResult<CheckinPrompt> {
    policy::authorize(actor, Operation::RegisterForEvent)?;
    let (session, course) = scanned(svc, session_id, code, Utc::now()).await?;
    Ok(CheckinPrompt {
        course_title: course.title,
        when: format_time(session.starts_at),
        topic: session.topic,
        already: false,
        event: true,
    })
}

/// Someone at the event scanned the session's code and gives the phone they registered with.
/// `Ok(false)` when they were already checked in.
pub async fn self_check_in(
    svc: &Services,
    actor: &Actor,
    session_id: i32,
    code: &str,
    input: EventCheckinInput,
) -> DomainResult<bool> {
    self_check_in_at(svc, actor, session_id, code, input, Utc::now()).await
}

/// [`self_check_in`] at a given time (tests of the time rules).
pub async fn self_check_in_at(
    svc: &Services,
    actor: &Actor,
    session_id: i32,
    code: &str,
    input: EventCheckinInput,
    now: DateTime<Utc>,
) -> DomainResult<bool> {
    policy::authorize(actor, Operation::RegisterForEvent)?;
    DomainError::check(input.validate())?;
    let (_, course) = scanned(svc, session_id, code, now).await?;
    throttle(svc, actor)?;
    let r = event_registrations::Entity::find()
        .filter(event_registrations::Column::CourseId.eq(course.id))
        .filter(event_registrations::Column::Phone.eq(normalise_phone(&input.phone)))
        .filter(event_registrations::Column::Status.eq(RegistrationStatus::Registered.as_str()))
        .one(&svc.db)
        .await?
        .ok_or(DomainError::field("phone", Msg::ErrNotRegistered))?;
    mark(&svc.db, actor, r, false).await
}

/// An event session's check-in counts for its screen: (checked in, registered).
pub(crate) async fn screen_counts(
    db: &impl ConnectionTrait,
    course_id: i32,
) -> DomainResult<(u64, u64)> {
    let registered = event_registrations::Entity::find()
        .filter(event_registrations::Column::CourseId.eq(course_id))
        .filter(event_registrations::Column::Status.eq(RegistrationStatus::Registered.as_str()));
    let checked_in = registered
        .clone()
        .filter(event_registrations::Column::CheckedInAt.is_not_null())
        .count(db)
        .await?;
    Ok((checked_in, registered.count(db).await?))
}

/// Check-ins at events in a KPI cohort: events starting `from` through `through` that match
/// the filters (the town is where the person registered from). Counted as attendances
/// (培训人次) only.
pub(crate) async fn attendances(
    db: &impl ConnectionTrait,
    filter: &KpiFilter,
    from: NaiveDate,
    through: NaiveDate,
) -> DomainResult<i64> {
    let mut events = sea_orm::sea_query::Query::select()
        .column(courses::Column::Id)
        .from(courses::Entity)
        .and_where(Expr::col(courses::Column::Programme).eq(Programme::LectureSalon.as_str()))
        .and_where(Expr::col(courses::Column::StartsOn).gte(from))
        .and_where(Expr::col(courses::Column::StartsOn).lte(through))
        .to_owned();
    if let Some(p) = filter.programme
        && p != Programme::LectureSalon
    {
        return Ok(0);
    }
    if let Some(industry) = filter.industry {
        events.and_where(
            Expr::col(courses::Column::IndustryTags).like(format!("%{}%", industry.as_str())),
        );
    }
    if let Some(org) = filter.provider {
        events.and_where(Expr::col(courses::Column::OrganisationId).eq(org));
    }
    let mut select = event_registrations::Entity::find()
        .filter(event_registrations::Column::CheckedInAt.is_not_null())
        .filter(event_registrations::Column::CourseId.in_subquery(events));
    if let Some(town) = filter.town {
        select = select.filter(event_registrations::Column::TownId.eq(town));
    }
    Ok(select.count(db).await? as i64)
}
