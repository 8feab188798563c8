//! `/api/v1` for school–enterprise agreements.

use super::{Created, ErrorBody, body, error};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::{Actor, agreements};
use app::model::agreements::{AgreementInput, AgreementList};
use axum::Extension;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agreements", get(list).post(propose))
        .route("/agreements/{id}/confirm", post(confirm))
        .route("/agreements/{id}/cancel", post(cancel))
}

/// Agreements: all for the bureau, those their organisation is party to for partner staff.
#[utoipa::path(get, path = "/api/v1/agreements", responses(
    (status = 200, body = AgreementList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    match agreements::list(&state.services.db, &actor).await {
        Ok(list) => Json(list).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// A college or training school records an agreement with an enterprise or base.
#[utoipa::path(post, path = "/api/v1/agreements", request_body = AgreementInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn propose(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<AgreementInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match agreements::propose(&state.services.db, &actor, input).await {
        Ok(id) => Created::response(id),
        Err(e) => error(&headers, e),
    }
}

/// The enterprise or base confirms.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/confirm", params(("id" = i32, Path)), responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match agreements::confirm(&state.services.db, &actor, id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Either side cancels.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/cancel", params(("id" = i32, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match agreements::cancel(&state.services.db, &actor, id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}
