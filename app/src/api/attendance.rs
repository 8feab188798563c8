use leptos::prelude::*;
use model::AppError;
use model::attendance::AttendanceSheet;

/// A session's attendance sheet (the latest begun session when `session` is `None`).
#[server(endpoint = "attendance/sheet")]
pub async fn get_attendance_sheet(
    course_id: i32,
    session: Option<i32>,
) -> Result<AttendanceSheet, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::attendance::sheet(&svc.db, &actor(), course_id, session).await?)
}

/// A course's scores and completion sheet.
#[server(endpoint = "attendance/completion")]
pub async fn get_completion_sheet(
    course_id: i32,
) -> Result<model::completion::CompletionSheet, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::completion::sheet(&svc.db, &actor(), course_id).await?)
}

/// Saves one mark as the clerk clicks it (the attendance grid saves as it goes); the
/// trainee's attended hours on the whole course after it.
#[server(endpoint = "attendance/mark")]
pub async fn save_mark(
    course_id: i32,
    session_id: i32,
    enrollment_id: i32,
    status: model::enums::AttendanceStatus,
) -> Result<f64, AppError> {
    use crate::api::context::{actor, services};
    use model::attendance::{Mark, MarksInput};
    let svc = services()?;
    let actor = actor();
    let input = MarksInput {
        marks: vec![Mark {
            enrollment_id,
            status,
        }],
    };
    domain::attendance::record(&svc.db, &actor, course_id, session_id, input).await?;
    Ok(domain::attendance::attended_hours(&svc.db, enrollment_id).await?)
}

/// A course's attendance at a glance: trainees by sessions.
#[server(endpoint = "attendance/overview")]
pub async fn get_attendance_overview(
    course_id: i32,
) -> Result<model::attendance::AttendanceOverview, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::attendance::overview(&svc.db, &actor(), course_id).await?)
}

/// An attendance import's preview, or what applying it did.
#[server(endpoint = "attendance/import")]
pub async fn get_attendance_import(
    course_id: i32,
    import_id: i32,
) -> Result<model::attendance::AttendanceImportView, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::attendance_import::view(&svc, &actor(), course_id, import_id).await?)
}
