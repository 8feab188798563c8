//! The trainee's check-in button.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use domain::{Actor, checkin};
use model::i18n::Msg;

/// `POST /checkin/{session}/{code}`
pub async fn check_in(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((session, code)): Ids<(i32, String)>,
) -> Response {
    let here = format!("/checkin/{session}/{}", app::ui::encode_component(&code));
    match checkin::check_in(&state.services, &actor, session, &code).await {
        Ok(_) => done("/learning", Msg::NoticeCheckedIn),
        Err(e) => back_with(&here, &[], e),
    }
}
