//! QR self check-in. Staff open a session's check-in screen, which shows a QR code for
//! `PUBLIC_URL/checkin/{session}/{code}`; the code is a keyed hash of the session and the
//! current 30-second window, so it changes every 30 seconds and cannot be guessed or moved to
//! another session. A signed-in trainee enrolled on the course who opens it within the
//! session's time (from 30 minutes before the start to the end) and confirms is marked present
//! once.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::codes;
use crate::entities::{attendance, course_sessions, courses, enrollments};
use crate::keys::SecretKey;
use crate::local_time::format_time;
use crate::policy::{self, Operation};
use crate::trainees::own_row;
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::checkin::{CheckinPrompt, CheckinScreen};
use model::enums::{AttendanceMethod, AttendanceStatus, EnrollmentStatus};
use model::i18n::Msg;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sha2::Sha256;

/// A code is shown for this long.
pub const WINDOW_SECONDS: i64 = 30;
/// Check-in opens this long before a session starts.
const OPENS_BEFORE_MINUTES: i64 = 30;
/// A code from the window before the current one is still accepted (a scan in progress).
const GRACE_WINDOWS: i64 = 1;
/// Codes this many windows old are recognised as "from an old screen".
const OLD_WINDOWS: i64 = 120;
/// How long a code scanned while current stays good for the browser that scanned it: enough
/// to log in on a phone (typing an 11-digit number and a password) and confirm.
pub const SCAN_PASS_MINUTES: i64 = 10;
/// The cookie that holds a scan pass.
pub const SCAN_PASS_COOKIE: &str = "yucai_scan";

fn window_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(WINDOW_SECONDS)
}

/// The code of `session_id` for a 30-second window: 10 characters of a keyed hash.
fn code_for(keys: &SecretKey, session_id: i32, window: i64) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&keys.derive("session-checkin"))
        .expect("any key length");
    mac.update(format!("{session_id}:{window}").as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..5])
}

/// The pass for a code of `session_id` shown in `window`: `{session}.{window}.{mac}`.
fn pass_for(keys: &SecretKey, session_id: i32, window: i64) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&keys.derive("checkin-scan-pass"))
        .expect("any key length");
    mac.update(format!("{session_id}:{window}").as_bytes());
    let mac = hex::encode(&mac.finalize().into_bytes()[..16]);
    format!("{session_id}.{window}.{mac}")
}

/// The window whose code `code` is, when it is current at `now` (or a grace window old).
fn current_window(
    keys: &SecretKey,
    session_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> Option<i64> {
    let window = window_of(now);
    let code = code.trim().to_ascii_lowercase();
    (0..=GRACE_WINDOWS)
        .map(|back| window - back)
        .find(|w| same(&code, &code_for(keys, session_id, *w)))
}

/// A pass for a code scanned while current, for the browser to keep (in a cookie) for
/// [`SCAN_PASS_MINUTES`]: the code then stays good for that browser through a login and the
/// confirmation, however long the screen has moved on since. `None` for a code not current.
pub fn scan_pass(
    keys: &SecretKey,
    session_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> Option<String> {
    current_window(keys, session_id, code, now).map(|w| pass_for(keys, session_id, w))
}

/// Whether `pass` vouches that `code` was scanned while current, not too long ago.
fn passed(keys: &SecretKey, pass: &str, session_id: i32, code: &str, now: DateTime<Utc>) -> bool {
    let mut parts = pass.splitn(3, '.');
    let (Some(s), Some(w)) = (parts.next(), parts.next()) else {
        return false;
    };
    let (Ok(s), Ok(w)) = (s.parse::<i32>(), w.parse::<i64>()) else {
        return false;
    };
    let scanned_at = w * WINDOW_SECONDS;
    s == session_id
        && same(pass, &pass_for(keys, s, w))
        && same(&code.trim().to_ascii_lowercase(), &code_for(keys, s, w))
        && now.timestamp()
            <= scanned_at + (GRACE_WINDOWS + 1) * WINDOW_SECONDS + SCAN_PASS_MINUTES * 60
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The check-in screen of a session, for the course's staff.
pub async fn screen(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
    session_id: i32,
) -> DomainResult<CheckinScreen> {
    let db = &svc.db;
    let (course, org) = crate::rosters::visible_course(db, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    let session = course_sessions::Entity::find_by_id(session_id)
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let now = Utc::now();
    let window = window_of(now);
    let code = code_for(&svc.keys, session_id, window);
    let url = format!("{}/checkin/{session_id}/{code}", svc.public_url);
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| DomainError::Internal(format!("qr: {e}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build();
    let (checked_in, enrolled) = if crate::events::is_event(&course) {
        crate::events::screen_counts(db, course_id).await?
    } else {
        let checked_in = attendance::Entity::find()
            .filter(attendance::Column::SessionId.eq(session_id))
            .filter(
                attendance::Column::Status
                    .is_in(codes([AttendanceStatus::Present, AttendanceStatus::Late])),
            )
            .count(db)
            .await?;
        // Everyone on the course, whether or not completion has been confirmed.
        let enrolled = enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(course_id))
            .filter(enrollments::Column::Status.is_in(codes(EnrollmentStatus::ON_COURSE)))
            .count(db)
            .await?;
        (checked_in, enrolled)
    };
    let open = within(&session, now);
    Ok(CheckinScreen {
        course_id,
        course_title: course.title,
        session_id,
        when: format_time(session.starts_at),
        topic: session.topic,
        url,
        code,
        svg,
        refresh_in: (window + 1) * WINDOW_SECONDS - now.timestamp(),
        checked_in,
        enrolled,
        open,
    })
}

/// Whether check-in to `session` is open at `now` (from a little before its start to its end).
pub(crate) fn within(session: &course_sessions::Model, now: DateTime<Utc>) -> bool {
    now >= session.starts_at - Duration::minutes(OPENS_BEFORE_MINUTES) && now <= session.ends_at
}

/// The session of a scanned code, checked: the code current (or said to be old, or not this
/// session's) and the session open for check-in at `now`.
pub(crate) async fn scanned_session(
    svc: &Services,
    session_id: i32,
    code: &str,
    now: DateTime<Utc>,
    pass: Option<&str>,
) -> DomainResult<course_sessions::Model> {
    let window = window_of(now);
    let current = current_window(&svc.keys, session_id, code, now).is_some()
        || pass.is_some_and(|p| passed(&svc.keys, p, session_id, code, now));
    let code = code.trim().to_ascii_lowercase();
    if !current {
        let old = (GRACE_WINDOWS + 1..=OLD_WINDOWS)
            .any(|back| same(&code, &code_for(&svc.keys, session_id, window - back)));
        return Err(DomainError::Conflict(if old {
            Msg::ErrCheckinCodeOld
        } else {
            Msg::ErrCheckinCodeInvalid
        }));
    }
    let session = course_sessions::Entity::find_by_id(session_id)
        .one(&svc.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !within(&session, now) {
        return Err(DomainError::Conflict(Msg::ErrCheckinOutsideTime));
    }
    Ok(session)
}

struct Checked {
    session: course_sessions::Model,
    course: courses::Model,
    enrollment: enrollments::Model,
}

/// Every check a check-in passes: the code (current, old, or not this session's), the time,
/// and the trainee's enrolment.
async fn check(
    svc: &Services,
    actor: &Actor,
    session_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> DomainResult<Checked> {
    policy::authorize(actor, Operation::Enrol)?;
    let db = &svc.db;
    let session = scanned_session(svc, session_id, code, now, actor.scan_pass.as_deref()).await?;
    let course = courses::Entity::find_by_id(session.course_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let trainee = own_row(db, actor)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrCheckinNotEnrolled))?;
    let enrollment = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course.id))
        .filter(enrollments::Column::TraineeId.eq(trainee.id))
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Enrolled.as_str()))
        .one(db)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrCheckinNotEnrolled))?;
    Ok(Checked {
        session,
        course,
        enrollment,
    })
}

/// The confirmation prompt for a scanned code (checked, nothing saved).
pub async fn prompt(
    svc: &Services,
    actor: &Actor,
    session_id: i32,
    code: &str,
) -> DomainResult<CheckinPrompt> {
    // An event's code asks for the phone instead: no account needed, and a stale code or a
    // session not on is said to the visitor as it is.
    if crate::events::is_event_session(&svc.db, session_id).await? {
        return crate::events::checkin_prompt(svc, actor, session_id, code).await;
    }
    let c = check(svc, actor, session_id, code, Utc::now()).await?;
    let already = attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .filter(attendance::Column::EnrollmentId.eq(c.enrollment.id))
        .one(&svc.db)
        .await?
        .is_some();
    Ok(CheckinPrompt {
        course_title: c.course.title,
        when: format_time(c.session.starts_at),
        topic: c.session.topic,
        already,
        event: false,
    })
}

/// Checks the signed-in trainee in: present, once. `Ok(false)` when they already were.
pub async fn check_in(
    svc: &Services,
    actor: &Actor,
    session_id: i32,
    code: &str,
) -> DomainResult<bool> {
    check_in_at(svc, actor, session_id, code, Utc::now()).await
}

/// [`check_in`] at a given time (tests of the time rules).
pub async fn check_in_at(
    svc: &Services,
    actor: &Actor,
    session_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> DomainResult<bool> {
    let c = check(svc, actor, session_id, code, now).await?;
    let txn = begin_write(&svc.db).await?;
    let existing = attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .filter(attendance::Column::EnrollmentId.eq(c.enrollment.id))
        .one(&txn)
        .await?;
    if existing.is_some() {
        return Ok(false);
    }
    let row = attendance::ActiveModel {
        enrollment_id: Set(c.enrollment.id),
        session_id: Set(session_id),
        status: Set(AttendanceStatus::Present.into()),
        method: Set(AttendanceMethod::Qr.into()),
        recorded_by: Set(actor.user_id()),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match row {
        Ok(row) => row,
        // A double tap: the unique (enrolment, session) index decides.
        Err(e) if crate::db::is_unique_violation(&e) => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::AttendanceCheckedIn,
            entity: AuditRecord::Attendance,
            entity_id: Some(row.id.to_string()),
            detail: Some(serde_json::json!({
                "enrollment_id": c.enrollment.id,
                "session_id": session_id,
            })),
        },
    )
    .await?;
    crate::attendance::recompute_hours(&txn, c.course.id, &[c.enrollment.id]).await?;
    txn.commit().await?;
    Ok(true)
}

/// The code a screen showed at `at` (tests).
pub fn code_at(keys: &SecretKey, session_id: i32, at: DateTime<Utc>) -> String {
    code_for(keys, session_id, window_of(at))
}
