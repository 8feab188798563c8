//! `/api/v1` for partner organisations: apply, list, read, decide, add staff.

use super::{ApiResult, Body, Created, Done, ErrorBody, ListQuery, session_token_response};
use crate::AppState;
use crate::forms::client;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::{Extension, Json};
use domain::{Actor, partners};
use model::enums::OrganisationStatus;
use model::partners::{
    NewStaffInput, OrganisationDetail, OrganisationPage, PartnerApplication, PartnerDecision,
};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(apply))
        .routes(routes!(list))
        .routes(routes!(detail))
        .routes(routes!(decide))
        .routes(routes!(add_staff))
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
    Body(input): Body<PartnerApplication>,
) -> ApiResult<Response> {
    let session =
        partners::apply(&state.services, &actor, input, &client(&actor, &headers)).await?;
    let mut res = session_token_response(&state, &session);
    *res.status_mut() = StatusCode::CREATED;
    Ok(res)
}

/// Partners: all for the bureau, their own for partner staff.
#[utoipa::path(get, path = "/api/v1/organisations", params(ListQuery), responses(
    (status = 200, body = OrganisationPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<OrganisationPage>> {
    let status = q.status.as_deref().and_then(OrganisationStatus::parse);
    let page = partners::list(
        &state.services.db,
        &actor,
        status,
        &q.q,
        q.page.unwrap_or(1),
    )
    .await?;
    Ok(Json(page))
}

/// One partner with its staff.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = OrganisationDetail), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<OrganisationDetail>> {
    Ok(Json(
        partners::detail(&state.services.db, &actor, id).await?,
    ))
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
    Ids(id): Ids<i32>,
    Body(input): Body<DecisionBody>,
) -> ApiResult<Done> {
    partners::decide(
        &state.services.db,
        &actor,
        id,
        input.decision,
        &input.reason,
    )
    .await?;
    Ok(Done)
}

/// A partner admin (or the bureau) adds a staff member.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/staff", params(("id" = i32, Path)), request_body = NewStaffInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn add_staff(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<NewStaffInput>,
) -> ApiResult<Created> {
    let id = partners::add_staff(&state.services, &actor, id, input).await?;
    Ok(Created { id })
}
