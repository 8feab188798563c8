//! Attendance on the wire: a session's sheet of enrolled trainees as staff mark it, and the
//! marks they send.

use crate::enums::AttendanceStatus;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// Whether a mark counts the session's hours towards completion.
pub fn counts_hours(s: AttendanceStatus) -> bool {
    matches!(s, AttendanceStatus::Present | AttendanceStatus::Late)
}

/// A session to choose on the sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionChoice {
    pub id: i32,
    /// Local date and time, formatted.
    pub when: String,
    pub topic: String,
    pub hours: f64,
    /// It has begun (marks are taken only then).
    pub started: bool,
    /// Trainees marked so far.
    pub marked: u32,
}

/// One enrolled trainee on a session's sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttendanceRow {
    pub enrollment_id: i32,
    pub name: String,
    pub id_number_masked: String,
    pub status: Option<AttendanceStatus>,
    /// Hours attended on the whole course so far.
    pub attended_hours: f64,
}

/// A session's attendance sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttendanceSheet {
    pub course_id: i32,
    pub title: String,
    pub total_hours: f64,
    pub sessions: Vec<SessionChoice>,
    /// The session shown (`None` when the course has none).
    pub session_id: Option<i32>,
    pub rows: Vec<AttendanceRow>,
    /// The viewer may record marks on this session now.
    pub can_record: bool,
}

/// Marks for one session: (enrolment, status) pairs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MarksInput {
    pub marks: Vec<Mark>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Mark {
    pub enrollment_id: i32,
    pub status: AttendanceStatus,
}

/// What saving marks did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MarksSaved {
    /// New marks.
    pub recorded: u32,
    /// Marks changed from an earlier value (audited as corrections).
    pub corrected: u32,
    /// Marks sent again with the same value.
    pub unchanged: u32,
}

/// One trainee's row of the course overview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OverviewRow {
    pub enrollment_id: i32,
    pub name: String,
    pub id_number_masked: String,
    /// The mark for each session, in the order of [`AttendanceOverview::sessions`].
    pub marks: Vec<Option<AttendanceStatus>>,
    pub attended_hours: f64,
}

/// A course's attendance at a glance: trainees by sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttendanceOverview {
    pub course_id: i32,
    pub title: String,
    pub total_hours: f64,
    pub sessions: Vec<SessionChoice>,
    pub rows: Vec<OverviewRow>,
    /// The viewer may record marks (some session has begun).
    pub can_record: bool,
}

/// One mark for a trainee across every session begun so far.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RowMarksInput {
    pub status: AttendanceStatus,
    /// Leave sessions already marked as they are.
    #[serde(default)]
    pub only_unmarked: bool,
}

/// A short sign for a mark in the overview (到 / 迟 / 缺 / 假).
pub fn status_short(s: AttendanceStatus) -> Msg {
    match s {
        AttendanceStatus::Present => Msg::AttendancePresentShort,
        AttendanceStatus::Late => Msg::AttendanceLateShort,
        AttendanceStatus::Absent => Msg::AttendanceAbsentShort,
        AttendanceStatus::Excused => Msg::AttendanceExcusedShort,
    }
}

/// One row of an attendance import's preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttendanceImportRow {
    /// The row's line in the file (0 = the header).
    pub line: u32,
    pub name: String,
    /// Why the row cannot be imported; empty when it can.
    pub errors: Vec<crate::imports::RowIssue>,
    /// What saving the row would do.
    pub plan: MarksSaved,
}

/// An uploaded sheet of attendance: its preview, or what applying it did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttendanceImportView {
    pub id: i32,
    pub course_id: i32,
    pub course_title: String,
    pub file_name: String,
    pub status: crate::enums::ImportStatus,
    pub total_rows: u32,
    pub valid_rows: u32,
    /// Rows with errors first, then the others (at most 200 valid ones).
    pub rows: Vec<AttendanceImportRow>,
    /// What applying would do, over the valid rows.
    pub planned: MarksSaved,
    pub result: Option<MarksSaved>,
    /// Every row is valid and the import has not been applied or discarded.
    pub can_apply: bool,
    /// Local date and time of the upload.
    pub created_at: String,
}
