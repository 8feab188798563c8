//! The trainee's profile form.

use super::{back_with, done};
use crate::AppState;
use app::ui::safe_next;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, trainees};
use model::form::FormInput;
use model::i18n::Msg;
use model::trainees::ProfileInput;

/// `POST /profile`: saves the profile and goes on to `next` (e.g. the course being enrolled in).
pub async fn save(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let next = pairs
        .iter()
        .find(|(k, _)| k == "next")
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty());
    let result = match ProfileInput::read(pairs.clone()) {
        Ok(input) => trainees::save_profile(&state.services, &actor, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    // The ID number never goes back into a URL.
    let keep: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| k != "id_number")
        .collect();
    match result {
        Ok(_) => done(
            &safe_next(next.or(Some("/learning".into()))),
            Msg::NoticeProfileSaved,
        ),
        Err(e) => back_with("/profile", &keep, e),
    }
}
