use crate::model::AppError;
use crate::model::attendance::AttendanceSheet;
use leptos::prelude::*;

/// A session's attendance sheet (the latest begun session when `session` is `None`).
#[server(endpoint = "attendance/sheet")]
pub async fn get_attendance_sheet(
    course_id: i32,
    session: Option<i32>,
) -> Result<AttendanceSheet, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::attendance::sheet(&svc.db, &actor(), course_id, session).await?)
}

/// A course's scores and completion sheet.
#[server(endpoint = "attendance/completion")]
pub async fn get_completion_sheet(
    course_id: i32,
) -> Result<crate::model::completion::CompletionSheet, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::completion::sheet(&svc.db, &actor(), course_id).await?)
}
