//! `/api/v1` for school–enterprise agreements.

use super::{ApiResult, Body, Created, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::{Extension, Json};
use domain::{Actor, agreements};
use model::agreements::{AgreementInput, AgreementList};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, propose))
        .routes(routes!(confirm))
        .routes(routes!(cancel))
}

/// Agreements: all for the bureau, those their organisation is party to for partner staff.
#[utoipa::path(get, path = "/api/v1/agreements", responses(
    (status = 200, body = AgreementList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<AgreementList>> {
    Ok(Json(agreements::list(&state.services.db, &actor).await?))
}

/// A college or training school records an agreement with an enterprise or base.
#[utoipa::path(post, path = "/api/v1/agreements", request_body = AgreementInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn propose(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<AgreementInput>,
) -> ApiResult<Created> {
    let id = agreements::propose(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}

/// The enterprise or base confirms.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/confirm", params(("id" = i32, Path)), responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Done> {
    agreements::confirm(&state.services.db, &actor, id).await?;
    Ok(Done)
}

/// Either side cancels.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/cancel", params(("id" = i32, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Done> {
    agreements::cancel(&state.services.db, &actor, id).await?;
    Ok(Done)
}
