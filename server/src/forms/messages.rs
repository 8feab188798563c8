//! Message forms: a user marks their inbox read; a bureau admin sends a failed message again.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use axum::Extension;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Actor, messages};
use model::i18n::Msg;

/// `POST /messages/read`
pub async fn mark_all_read(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Response {
    match messages::mark_all_read(&state.services.db, &actor).await {
        Ok(_) => Redirect::to("/messages").into_response(),
        Err(e) => back_with("/messages", &[], e),
    }
}

/// `POST /admin/messages/{id}/retry`
pub async fn retry(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    match messages::retry(&state.services.db, &actor, id).await {
        Ok(()) => done("/admin/messages", Msg::OutboxRetried),
        Err(e) => back_with("/admin/messages", &[], e),
    }
}
