use leptos::prelude::*;
use model::AppError;
use model::checkin::{CheckinPrompt, CheckinScreen};

/// A session's check-in screen (QR code and count), for the course's staff.
#[server(endpoint = "checkin/screen")]
pub async fn get_checkin_screen(
    course_id: i32,
    session_id: i32,
) -> Result<CheckinScreen, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::checkin::screen(&svc, &actor(), course_id, session_id).await?)
}

/// What a trainee confirms after scanning a code.
#[server(endpoint = "checkin/prompt")]
pub async fn get_checkin_prompt(session_id: i32, code: String) -> Result<CheckinPrompt, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::checkin::prompt(&svc, &actor(), session_id, &code).await?)
}
