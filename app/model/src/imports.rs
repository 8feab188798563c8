//! Trainee imports on the wire: the preview of an uploaded sheet, row by row, and what
//! applying it did. ID numbers only ever appear masked.

use crate::enums::ImportStatus;
use crate::i18n::{Locale, Msg};
use serde::{Deserialize, Serialize};

/// Something wrong with (or worth knowing about) one row. `arg` fills the message's `{n}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RowIssue {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub message: Msg,
    pub arg: Option<String>,
}

impl RowIssue {
    pub fn new(message: Msg) -> Self {
        RowIssue { message, arg: None }
    }

    pub fn with(message: Msg, arg: impl ToString) -> Self {
        RowIssue {
            message,
            arg: Some(arg.to_string()),
        }
    }

    pub fn text(&self, locale: Locale) -> String {
        match &self.arg {
            Some(arg) => locale.fill(self.message, arg),
            None => locale.t(self.message).to_string(),
        }
    }
}

/// One row of an import as the preview shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportRowView {
    /// The row's line in the file (1 = the first line).
    pub line: u32,
    pub name: String,
    pub id_number_masked: String,
    pub phone: String,
    pub town: String,
    /// Why the row cannot be imported; empty when it can.
    pub errors: Vec<RowIssue>,
    /// What will happen that the importer should know (an existing person, …).
    pub notes: Vec<RowIssue>,
}

/// What applying an import did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportResult {
    /// New trainee accounts and profiles.
    pub created: u32,
    /// Rows that were people already registered.
    pub existing: u32,
    /// Enrolled in the chosen course.
    pub enrolled: u32,
    /// Rows whose phone already had an account: not linked to it; its holder was told to
    /// complete their own profile.
    #[serde(default)]
    pub asked: u32,
}

/// An import: its preview, its progress while applying, its result once applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportView {
    pub id: i32,
    pub file_name: String,
    pub status: ImportStatus,
    pub course_id: Option<i32>,
    pub course_title: Option<String>,
    pub total_rows: u32,
    pub valid_rows: u32,
    /// Rows with errors first, then the others (at most [`PREVIEW_ROWS`] valid ones).
    pub rows: Vec<ImportRowView>,
    /// Rows done so far, while applying (on the server instance doing it).
    pub progress: Option<u32>,
    pub result: Option<ImportResult>,
    /// Every row is valid and the import has not been applied or discarded.
    pub can_apply: bool,
    /// Local date and time of the upload.
    pub created_at: String,
}

/// How many valid rows the preview lists (rows with errors are always all listed).
pub const PREVIEW_ROWS: usize = 200;

/// One line of the import history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    pub id: i32,
    pub file_name: String,
    pub status: ImportStatus,
    pub course_title: Option<String>,
    pub total_rows: u32,
    pub valid_rows: u32,
    pub created_at: String,
}

/// A course staff may import trainees into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportCourse {
    pub id: i32,
    pub title: String,
    pub free_seats: i32,
}

/// The import page: recent imports and the courses the viewer may import into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportHome {
    pub recent: Vec<ImportSummary>,
    pub courses: Vec<ImportCourse>,
    pub max_rows: u32,
    pub max_megabytes: u32,
}
