//! `/api/v1` for the livestream host registry: the registry, one profile with the person's
//! training and certificates, registering and changing profiles, and a trainee's own.

use super::{Created, ErrorBody, body, created, error, json};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::{Actor, hosts};
use app::model::hosts::{HostDetail, HostInput, HostList, HostQuery, MyHost};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router, routing::get};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/hosts", get(list).post(register))
        .route("/hosts/{id}", get(detail).put(update))
        .route("/me/host", get(mine).put(save_own))
}

/// The host registry, filtered, 50 a page: every host for the bureau (a town viewer their
/// town's), the hosts working with an agency for its staff.
#[utoipa::path(get, path = "/api/v1/hosts", params(HostQuery), responses(
    (status = 200, body = HostList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<HostQuery>,
) -> Response {
    json(hosts::list(&state.services.db, &actor, q).await, &headers)
}

/// An agency registers a person trained or placed with it as its host; the bureau anyone.
#[utoipa::path(post, path = "/api/v1/hosts", request_body = HostInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn register(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<HostInput>, JsonRejection>,
) -> Response {
    let input = input!(input, headers);
    created(
        hosts::register(&state.services.db, &actor, input).await,
        &headers,
    )
}

/// One host profile with the person's training and certificates.
#[utoipa::path(get, path = "/api/v1/hosts/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = HostDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    json(
        hosts::detail(&state.services.db, &actor, id).await,
        &headers,
    )
}

/// The host's agency or a bureau admin changes the profile (`trainee_id` is ignored).
#[utoipa::path(put, path = "/api/v1/hosts/{id}", params(("id" = i32, Path)), request_body = HostInput, responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<HostInput>, JsonRejection>,
) -> Response {
    let input = input!(input, headers);
    match hosts::update(&state.services.db, &actor, id, input).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

/// The signed-in trainee's own host profile, if any.
#[utoipa::path(get, path = "/api/v1/me/host", responses(
    (status = 200, body = MyHost), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    json(hosts::mine(&state.services.db, &actor).await, &headers)
}

/// The signed-in trainee applies as a host or changes their profile; answers its id.
#[utoipa::path(put, path = "/api/v1/me/host", request_body = HostInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn save_own(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<HostInput>, JsonRejection>,
) -> Response {
    let input = input!(input, headers);
    created(
        hosts::save_own(&state.services.db, &actor, input).await,
        &headers,
    )
}
