use crate::model::AppError;
use crate::model::checkin::{CheckinPrompt, CheckinScreen};
use leptos::prelude::*;

/// A session's check-in screen (QR code and count), for the course's staff.
#[server(endpoint = "checkin/screen")]
pub async fn get_checkin_screen(
    course_id: i32,
    session_id: i32,
) -> Result<CheckinScreen, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::checkin::screen(&svc, &actor(), course_id, session_id).await?)
}

/// What a trainee confirms after scanning a code.
#[server(endpoint = "checkin/prompt")]
pub async fn get_checkin_prompt(session_id: i32, code: String) -> Result<CheckinPrompt, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::checkin::prompt(&svc, &actor(), session_id, &code).await?)
}
