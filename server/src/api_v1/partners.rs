//! `/api/v1` for partner organisations: apply, list, read, decide, add staff.

use super::{Created, ErrorBody, ListQuery, body, error, session_token_response};
use crate::AppState;
use crate::forms::client;
use crate::middleware::Ids;
use app::domain::{Actor, partners};
use app::model::enums::OrganisationStatus;
use app::model::partners::{
    NewStaffInput, OrganisationDetail, OrganisationPage, PartnerApplication, PartnerDecision,
};
use axum::Extension;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/partners/applications", post(apply))
        .route("/organisations", get(list))
        .route("/organisations/{id}", get(detail))
        .route("/organisations/{id}/decisions", post(decide))
        .route("/organisations/{id}/staff", post(add_staff))
}

/// Apply as a partner: the organisation (pending) and its first staff account, signed in.
#[utoipa::path(post, path = "/api/v1/partners/applications", request_body = PartnerApplication, responses(
    (status = 201, description = "applied; the new account's bearer token", body = super::LoginResponse),
    (status = 422, description = "invalid, or credit code / phone already registered", body = ErrorBody),
))]
pub async fn apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<PartnerApplication>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match partners::apply(&state.services, &actor, input, &client(&actor, &headers)).await {
        Ok(session) => {
            let mut res = session_token_response(&state, &session);
            *res.status_mut() = StatusCode::CREATED;
            res
        }
        Err(e) => error(&headers, e),
    }
}

/// Partners: all for the bureau, their own for partner staff.
#[utoipa::path(get, path = "/api/v1/organisations", params(ListQuery), responses(
    (status = 200, body = OrganisationPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    let status = q.status.as_deref().and_then(OrganisationStatus::parse);
    match partners::list(
        &state.services.db,
        &actor,
        status,
        &q.q,
        q.page.unwrap_or(1),
    )
    .await
    {
        Ok(page) => Json(page).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// One partner with its staff.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = OrganisationDetail), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match partners::detail(&state.services.db, &actor, id).await {
        Ok(d) => Json(d).into_response(),
        Err(e) => error(&headers, e),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionBody {
    decision: PartnerDecision,
    /// Required to reject or suspend.
    #[serde(default)]
    reason: String,
}

/// A bureau decision: approve, reject, suspend or reinstate.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/decisions", params(("id" = i32, Path)), request_body = DecisionBody, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 409, description = "not in the decision's starting status", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<DecisionBody>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match partners::decide(
        &state.services.db,
        &actor,
        id,
        input.decision,
        &input.reason,
    )
    .await
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

/// A partner admin (or the bureau) adds a staff member.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/staff", params(("id" = i32, Path)), request_body = NewStaffInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn add_staff(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<NewStaffInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match partners::add_staff(&state.services, &actor, id, input).await {
        Ok(id) => Created::response(id),
        Err(e) => error(&headers, e),
    }
}
