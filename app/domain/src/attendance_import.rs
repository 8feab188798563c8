//! Attendance from a spreadsheet, with the same preview-then-apply rules as trainee imports.
//!
//! The sheet has one row per trainee and one column per session. A trainee is found by the
//! enrolment number our own sheet carries (see [`template`]) or by their full ID number; a
//! name, when given, must agree with the trainee's. A session column is headed by its local
//! start (`2027-03-01 09:00`, anything after it ignored) or only its date when the course has
//! one session that day. Cells hold a mark in words or signs (出勤 / 到 / √, 迟到 / 迟, 缺勤 / 缺
//! / ×, 请假 / 假, or the English words); an empty cell changes nothing.
//!
//! Uploading checks every row into a **preview** that says, per trainee, how many marks are
//! new, corrected or unchanged, and what is wrong. Nothing is saved but the preview. **Applying**
//! checks every row again inside one write transaction and saves all marks or none (each with
//! the same audit as a mark taken on the grid); a second apply is refused.

use crate::attendance::{ON_COURSE, recompute_hours, sessions_of, taking_attendance, write_marks};
use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::codes;
use crate::entities::{attendance, course_sessions, enrollments, imports, trainees};
use crate::identity::{id_number_hash, normalise_id_number, open_sealed, seal};
use crate::imports::clean_file_name;
use crate::local_time::{format_time, local_date, local_time};
use crate::policy::{self, Operation};
use crate::rosters::{Download, DownloadBody, ExportFormat, visible_course};
use crate::{Actor, DomainError, DomainResult, Services, sheets};
use chrono::{NaiveDate, NaiveTime, Utc};
use model::attendance::{AttendanceImportRow, AttendanceImportView, MarksSaved};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::{AttendanceStatus, ImportKind, ImportStatus};
use model::i18n::{Locale, Msg};
use model::imports::{PREVIEW_ROWS, RowIssue};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

const PAYLOAD_PURPOSE: &str = "attendance-import-payload";

/// The line of a preview that reports problems with the header (session columns).
const HEADER_LINE: u32 = 0;

/// One row as parsed and checked, kept (sealed) between preview and apply.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Row {
    line: u32,
    /// As written in the sheet (or the trainee's, when the sheet has none).
    name: String,
    /// As written in the sheet.
    enrollment: String,
    /// Normalised; may be empty.
    id_number: String,
    /// Found at the last check.
    enrollment_id: Option<i32>,
    /// (session, mark) for each non-empty cell.
    marks: Vec<(i32, AttendanceStatus)>,
    /// Problems in the row itself.
    errors: Vec<RowIssue>,
    /// Problems against the database, found again at every check.
    conflicts: Vec<RowIssue>,
    /// What saving would do, as of the last check.
    plan: MarksSaved,
}

impl Row {
    fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.conflicts.is_empty()
    }

    fn view(&self) -> AttendanceImportRow {
        AttendanceImportRow {
            line: self.line,
            name: self.name.clone(),
            errors: self.errors.iter().chain(&self.conflicts).cloned().collect(),
            plan: self.plan.clone(),
        }
    }
}

/// A heading naming a session: a local date, and a time when given. Also an Excel date
/// number (a heading retyped in Excel may become one).
fn heading_time(heading: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let heading = heading.trim();
    if let Ok(serial) = heading.parse::<f64>() {
        if (20_000.0..100_000.0).contains(&serial) {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
            let day = base + chrono::Duration::days(serial.trunc() as i64);
            let minutes = (serial.fract() * 24.0 * 60.0).round() as u32;
            let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0);
            return Some((day, time.filter(|_| minutes > 0)));
        }
        return None;
    }
    let mut parts = heading.split_whitespace();
    let date_text = parts.next()?;
    let date = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(date_text, f).ok())?;
    let time = parts
        .next()
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    Some((date, time))
}

/// A mark as people write it in a sheet.
fn parse_mark(raw: &str) -> Option<AttendanceStatus> {
    let lower = raw.trim().to_lowercase();
    let status = match lower.as_str() {
        "出勤" | "到" | "已到" | "出席" | "√" | "✓" | "✔" | "present" | "p" => {
            AttendanceStatus::Present
        }
        "迟到" | "迟" | "late" | "l" => AttendanceStatus::Late,
        "缺勤" | "缺" | "旷课" | "×" | "✗" | "✘" | "x" | "absent" | "a" => {
            AttendanceStatus::Absent
        }
        "请假" | "假" | "事假" | "病假" | "excused" | "e" => AttendanceStatus::Excused,
        other => return AttendanceStatus::parse(other),
    };
    Some(status)
}

fn normalise_heading(h: &str) -> String {
    h.trim().to_lowercase().replace([' ', '　', '*', '＊'], "")
}

/// The columns found in a header.
struct Columns {
    enrollment: Option<usize>,
    id_number: Option<usize>,
    name: Option<usize>,
    /// (column, heading, session)
    sessions: Vec<(usize, String, i32)>,
}

/// Reads the header against the course's sessions. Headings that look like dates but name no
/// session (or two) are problems of the header line.
fn map_columns(
    header: &[String],
    sessions: &[course_sessions::Model],
    header_issues: &mut Vec<RowIssue>,
) -> DomainResult<Columns> {
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&normalise_heading(h).as_str()))
    };
    let mut columns = Columns {
        enrollment: find(&[
            "报名编号",
            "编号",
            "enrolmentno.",
            "enrolment",
            "enrollment",
        ]),
        id_number: find(&[
            "身份证号",
            "身份证号码",
            "证件号码",
            "idnumber",
            "residentidnumber",
        ]),
        name: find(&["姓名", "name", "fullname"]),
        sessions: Vec::new(),
    };
    let mut seen = HashSet::new();
    for (i, heading) in header.iter().enumerate() {
        let Some((date, time)) = heading_time(heading) else {
            continue;
        };
        let same_day: Vec<&course_sessions::Model> = sessions
            .iter()
            .filter(|s| local_date(s.starts_at) == date)
            .filter(|s| time.is_none_or(|t| local_time(s.starts_at) == t))
            .collect();
        match same_day.as_slice() {
            [one] if seen.insert(one.id) => {
                columns
                    .sessions
                    .push((i, heading.trim().to_string(), one.id));
            }
            [_] => header_issues.push(RowIssue::with(
                Msg::ErrAttendanceImportSessionTwice,
                heading.trim(),
            )),
            [] => header_issues.push(RowIssue::with(
                Msg::ErrAttendanceImportUnknownSession,
                heading.trim(),
            )),
            _ => header_issues.push(RowIssue::with(
                Msg::ErrAttendanceImportAmbiguousSession,
                heading.trim(),
            )),
        }
    }
    if columns.enrollment.is_none() && columns.id_number.is_none() {
        return Err(DomainError::field("file", Msg::ErrAttendanceImportColumns));
    }
    if columns.sessions.is_empty() && header_issues.is_empty() {
        return Err(DomainError::field(
            "file",
            Msg::ErrAttendanceImportNoSessions,
        ));
    }
    Ok(columns)
}

/// Reads the sheet into rows (problems in the cells themselves noted on each row).
pub(crate) fn parse_rows(
    sheet: &sheets::Sheet,
    sessions: &[course_sessions::Model],
) -> DomainResult<Vec<Row>> {
    let mut header_issues = Vec::new();
    let columns = map_columns(&sheet.header, sessions, &mut header_issues)?;
    let now = Utc::now();
    let started: HashSet<i32> = sessions
        .iter()
        .filter(|s| s.starts_at <= now)
        .map(|s| s.id)
        .collect();
    let mut rows = Vec::new();
    if !header_issues.is_empty() {
        rows.push(Row {
            line: HEADER_LINE,
            errors: header_issues,
            ..Default::default()
        });
    }
    for (line, cells) in &sheet.rows {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(sheets::Cell::text)
                .unwrap_or_default()
        };
        let mut row = Row {
            line: *line,
            name: cell(columns.name),
            enrollment: cell(columns.enrollment),
            id_number: normalise_id_number(&cell(columns.id_number)),
            ..Default::default()
        };
        if row.enrollment.is_empty() && row.id_number.is_empty() {
            row.errors
                .push(RowIssue::new(Msg::ErrAttendanceImportWhoMissing));
        }
        for (i, heading, session_id) in &columns.sessions {
            let text = cell(Some(*i));
            if text.is_empty() {
                continue;
            }
            match parse_mark(&text) {
                None => row.errors.push(RowIssue::with(
                    Msg::ErrAttendanceImportUnknownMark,
                    format!("{heading}: {text}"),
                )),
                Some(_) if !started.contains(session_id) => row
                    .errors
                    .push(RowIssue::with(Msg::ErrAttendanceImportNotStarted, heading)),
                Some(status) => row.marks.push((*session_id, status)),
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Checks every row against the database: who the trainee is and that they are on the course,
/// the same trainee twice, the sessions still begun; and what saving would change.
async fn check_against(
    conn: &impl ConnectionTrait,
    svc: &Services,
    course_id: i32,
    rows: &mut [Row],
) -> DomainResult<()> {
    let people = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes(ON_COURSE)))
        .find_also_related(trainees::Entity)
        .all(conn)
        .await?;
    let mut by_enrolment: HashMap<i32, String> = HashMap::new();
    let mut by_hash: HashMap<String, (i32, String)> = HashMap::new();
    for (e, t) in people {
        let Some(t) = t else { continue };
        by_enrolment.insert(e.id, t.name.clone());
        by_hash.insert(t.id_number_hash.clone(), (e.id, t.name));
    }
    let now = Utc::now();
    let started: HashSet<i32> = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course_id))
        .filter(course_sessions::Column::StartsAt.lte(now))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut first_line: HashMap<i32, u32> = HashMap::new();
    for row in rows.iter_mut().filter(|r| r.line != HEADER_LINE) {
        row.conflicts.clear();
        row.enrollment_id = None;
        let found = if !row.enrollment.is_empty() {
            row.enrollment
                .parse::<i32>()
                .ok()
                .and_then(|id| by_enrolment.get(&id).map(|name| (id, name.clone())))
        } else if !row.id_number.is_empty() {
            by_hash
                .get(&id_number_hash(&svc.keys, &row.id_number))
                .cloned()
        } else {
            continue;
        };
        let Some((enrollment_id, name)) = found else {
            row.conflicts
                .push(RowIssue::new(Msg::ErrAttendanceImportNotOnCourse));
            continue;
        };
        if row.name.is_empty() {
            row.name = name;
        } else if row.name != name {
            row.conflicts
                .push(RowIssue::with(Msg::ErrAttendanceImportNameDiffers, name));
            continue;
        }
        if let Some(first) = first_line.get(&enrollment_id) {
            row.conflicts
                .push(RowIssue::with(Msg::ErrImportSamePerson, first));
            continue;
        }
        first_line.insert(enrollment_id, row.line);
        row.enrollment_id = Some(enrollment_id);
        if row.marks.iter().any(|(s, _)| !started.contains(s)) {
            row.conflicts.push(RowIssue::new(Msg::ErrSessionNotStarted));
        }
    }
    // What saving would do.
    let existing: HashMap<(i32, i32), AttendanceStatus> = attendance::Entity::find()
        .filter(attendance::Column::SessionId.is_in(started.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| ((m.enrollment_id, m.session_id), *m.status))
        .collect();
    for row in rows.iter_mut() {
        row.plan = MarksSaved::default();
        let Some(enrollment_id) = row.enrollment_id else {
            continue;
        };
        for (session_id, status) in &row.marks {
            match existing.get(&(enrollment_id, *session_id)) {
                None => row.plan.recorded += 1,
                Some(old) if old == status => row.plan.unchanged += 1,
                Some(_) => row.plan.corrected += 1,
            }
        }
    }
    Ok(())
}

fn seal_rows(svc: &Services, rows: &[Row]) -> DomainResult<String> {
    let json = serde_json::to_vec(rows)
        .map_err(|e| DomainError::Internal(format!("attendance import payload: {e}")))?;
    Ok(seal(&svc.keys, PAYLOAD_PURPOSE, &json))
}

fn open_rows(svc: &Services, import: &imports::Model) -> DomainResult<Vec<Row>> {
    let Some(payload) = &import.payload else {
        return Ok(Vec::new());
    };
    let json = open_sealed(&svc.keys, PAYLOAD_PURPOSE, payload)?;
    serde_json::from_slice(&json)
        .map_err(|e| DomainError::Internal(format!("attendance import payload: {e}")))
}

/// Checks the actor may take this course's attendance now.
async fn check_may_record(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<crate::entities::courses::Model> {
    let (course, org) = visible_course(conn, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    if !taking_attendance(*course.status) {
        return Err(DomainError::Conflict(Msg::ErrAttendanceClosed));
    }
    Ok(course)
}

/// An attendance import of this course the actor may see.
async fn visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
    id: i32,
) -> DomainResult<(crate::entities::courses::Model, imports::Model)> {
    let (course, org) = visible_course(conn, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    let import = imports::Entity::find_by_id(id)
        .filter(imports::Column::Kind.eq(ImportKind::Attendance.as_str()))
        .filter(imports::Column::CourseId.eq(course_id))
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((course, import))
}

/// The course's attendance as a sheet to fill in and upload again: enrolment number, name,
/// masked ID number, then a column per session with the marks so far.
pub async fn template(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    locale: Locale,
) -> DomainResult<Download> {
    let overview = crate::attendance::overview(db, actor, course_id).await?;
    let (_, org) = visible_course(db, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::RecordAttendance, org)?;
    let mut header: Vec<String> = vec![
        locale.t(Msg::ColEnrolmentNumber).to_string(),
        locale.t(Msg::FieldName).to_string(),
        locale.t(Msg::FieldIdNumber).to_string(),
    ];
    header.extend(
        overview
            .sessions
            .iter()
            .map(|s| format!("{} {}", s.when, s.topic).trim().to_string()),
    );
    let rows: Vec<Vec<String>> = overview
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                r.enrollment_id.to_string(),
                r.name.clone(),
                r.id_number_masked.clone(),
            ];
            cells.extend(r.marks.iter().map(|m| {
                m.map(|s| locale.t(s.label()).to_string())
                    .unwrap_or_default()
            }));
            cells
        })
        .collect();
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let sheet_name = locale.t(Msg::NavAttendance);
    Ok(Download {
        file_name: format!("{}-{}.xlsx", locale.t(Msg::NavAttendance), overview.title),
        content_type: ExportFormat::Xlsx.content_type(),
        body: DownloadBody::Whole(sheets::write_xlsx(sheet_name, &header_refs, &rows)?),
    })
}

/// Reads and checks an uploaded sheet of a course's attendance into a preview; returns its id.
/// Nothing but the preview is saved.
pub async fn preview(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
    file_name: &str,
    bytes: &[u8],
) -> DomainResult<i32> {
    let db = &svc.db;
    check_may_record(db, actor, course_id).await?;
    if bytes.is_empty() {
        return Err(DomainError::field("file", Msg::ErrFileRequired));
    }
    let sheet = sheets::read(bytes)?;
    let sessions = sessions_of(db, course_id).await?;
    let mut rows = parse_rows(&sheet, &sessions)?;
    check_against(db, svc, course_id, &mut rows).await?;
    let valid = rows.iter().filter(|r| r.is_valid()).count();
    let row = imports::ActiveModel {
        created_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        organisation_id: Set(actor.organisation_id()),
        course_id: Set(Some(course_id)),
        file_name: Set(clean_file_name(file_name)),
        kind: Set(ImportKind::Attendance.into()),
        status: Set(ImportStatus::Previewed.into()),
        total_rows: Set(rows.len() as i32),
        valid_rows: Set(valid as i32),
        payload: Set(Some(seal_rows(svc, &rows)?)),
        result: Set(None),
        created_at: Set(Utc::now()),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// An attendance import's preview or result.
pub async fn view(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
    id: i32,
) -> DomainResult<AttendanceImportView> {
    let (course, import) = visible(&svc.db, actor, course_id, id).await?;
    let rows = open_rows(svc, &import)?;
    let mut planned = MarksSaved::default();
    for r in rows.iter().filter(|r| r.is_valid()) {
        planned.recorded += r.plan.recorded;
        planned.corrected += r.plan.corrected;
        planned.unchanged += r.plan.unchanged;
    }
    let mut shown: Vec<AttendanceImportRow> = rows
        .iter()
        .filter(|r| !r.is_valid())
        .map(Row::view)
        .collect();
    shown.extend(
        rows.iter()
            .filter(|r| r.is_valid())
            .take(PREVIEW_ROWS)
            .map(Row::view),
    );
    Ok(AttendanceImportView {
        id: import.id,
        course_id,
        course_title: course.title,
        file_name: import.file_name.clone(),
        status: *import.status,
        total_rows: import.total_rows as u32,
        valid_rows: import.valid_rows as u32,
        rows: shown,
        planned,
        result: import
            .result
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok()),
        can_apply: import.status == ImportStatus::Previewed
            && import.total_rows > 0
            && import.valid_rows == import.total_rows,
        created_at: format_time(import.created_at),
    })
}

/// Applies a previewed import: every row checked again and every mark saved in one
/// transaction, or nothing saved and the preview showing the new problems. Applying twice
/// (or after discarding) is refused.
pub async fn apply(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
    id: i32,
) -> DomainResult<MarksSaved> {
    let db = &svc.db;
    let (_, import) = visible(db, actor, course_id, id).await?;
    check_may_record(db, actor, course_id).await?;
    if import.status != ImportStatus::Previewed {
        return Err(DomainError::Conflict(Msg::ErrImportNotPending));
    }
    if import.valid_rows != import.total_rows {
        return Err(DomainError::Conflict(Msg::ErrImportHasErrors));
    }
    let mut rows = open_rows(svc, &import)?;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    // Claimed inside the transaction: a second apply waits for this one and then finds it
    // applied; if this one fails, the claim is rolled back with everything else.
    let claimed = imports::Entity::update_many()
        .col_expr(
            imports::Column::Status,
            Expr::value(ImportStatus::Applied.as_str()),
        )
        .col_expr(imports::Column::FinishedAt, Expr::value(now))
        .filter(imports::Column::Id.eq(id))
        .filter(imports::Column::Status.eq(ImportStatus::Previewed.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if claimed != 1 {
        return Err(DomainError::Conflict(Msg::ErrImportNotPending));
    }
    check_against(&txn, svc, course_id, &mut rows).await?;
    if rows.iter().any(|r| !r.is_valid()) {
        txn.rollback().await?;
        let valid = rows.iter().filter(|r| r.is_valid()).count() as i32;
        imports::Entity::update_many()
            .col_expr(imports::Column::ValidRows, Expr::value(valid))
            .col_expr(
                imports::Column::Payload,
                Expr::value(seal_rows(svc, &rows)?),
            )
            .filter(imports::Column::Id.eq(id))
            .filter(imports::Column::Status.eq(ImportStatus::Previewed.as_str()))
            .exec(db)
            .await?;
        return Err(DomainError::Conflict(Msg::ErrImportChanged));
    }
    let mut by_session: BTreeMap<i32, HashMap<i32, AttendanceStatus>> = BTreeMap::new();
    for row in &rows {
        let Some(enrollment_id) = row.enrollment_id else {
            continue;
        };
        for (session_id, status) in &row.marks {
            by_session
                .entry(*session_id)
                .or_default()
                .insert(enrollment_id, *status);
        }
    }
    let mut saved = MarksSaved::default();
    let mut touched = Vec::new();
    for (session_id, wanted) in &by_session {
        write_marks(
            &txn,
            actor,
            *session_id,
            wanted,
            now,
            &mut saved,
            &mut touched,
        )
        .await?;
    }
    touched.sort();
    touched.dedup();
    recompute_hours(&txn, course_id, &touched).await?;
    let result = serde_json::to_string(&saved)
        .map_err(|e| DomainError::Internal(format!("attendance import result: {e}")))?;
    imports::Entity::update_many()
        .col_expr(imports::Column::Result, Expr::value(result))
        .col_expr(
            imports::Column::Payload,
            Expr::value(Option::<String>::None),
        )
        .filter(imports::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::AttendanceImported,
            entity: AuditRecord::Import,
            entity_id: Some(id.to_string()),
            detail: Some(serde_json::json!({
                "course_id": course_id,
                "recorded": saved.recorded,
                "corrected": saved.corrected,
                "unchanged": saved.unchanged,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Drops a preview that will not be applied.
pub async fn discard(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    id: i32,
) -> DomainResult<()> {
    visible(db, actor, course_id, id).await?;
    crate::imports::discard_pending(db, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_sessions() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let nine = NaiveTime::from_hms_opt(9, 0, 0);
        assert_eq!(heading_time("2027-03-01 09:00 开班"), Some((d, nine)));
        assert_eq!(heading_time("2027/3/1"), Some((d, None)));
        assert_eq!(heading_time("46447.375"), Some((d, nine)));
        assert_eq!(heading_time("46447"), Some((d, None)));
        assert_eq!(heading_time("姓名"), None);
        assert_eq!(heading_time("12"), None);
    }

    #[test]
    fn marks_as_people_write_them() {
        assert_eq!(parse_mark(" √ "), Some(AttendanceStatus::Present));
        assert_eq!(parse_mark("迟"), Some(AttendanceStatus::Late));
        assert_eq!(parse_mark("×"), Some(AttendanceStatus::Absent));
        assert_eq!(parse_mark("病假"), Some(AttendanceStatus::Excused));
        assert_eq!(parse_mark("Excused"), Some(AttendanceStatus::Excused));
        assert_eq!(parse_mark("maybe"), None);
    }
}
