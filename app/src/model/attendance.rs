//! Attendance on the wire: a session's sheet of enrolled trainees as staff mark it, and the
//! marks they send.

use crate::i18n::Msg;
use crate::model::enums::AttendanceStatus;
use serde::{Deserialize, Serialize};

pub fn status_label(s: AttendanceStatus) -> Msg {
    match s {
        AttendanceStatus::Present => Msg::AttendancePresent,
        AttendanceStatus::Late => Msg::AttendanceLate,
        AttendanceStatus::Absent => Msg::AttendanceAbsent,
        AttendanceStatus::Excused => Msg::AttendanceExcused,
    }
}

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
