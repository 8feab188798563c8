//! `/api/v1` for the livestream host registry: the registry, one profile with the person's
//! training and certificates, registering and changing profiles, and a trainee's own.

use super::{ApiResult, Body, Created, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::{Actor, hosts};
use model::hosts::{HostDetail, HostInput, HostList, HostQuery, MyHost};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, register))
        .routes(routes!(detail, update))
        .routes(routes!(mine, save_own))
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
    Query(q): Query<HostQuery>,
) -> ApiResult<Json<HostList>> {
    Ok(Json(hosts::list(&state.services.db, &actor, q).await?))
}

/// An agency registers a person trained or placed with it as its host; the bureau anyone.
#[utoipa::path(post, path = "/api/v1/hosts", request_body = HostInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn register(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<HostInput>,
) -> ApiResult<Created> {
    let id = hosts::register(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}

/// One host profile with the person's training and certificates.
#[utoipa::path(get, path = "/api/v1/hosts/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = HostDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<HostDetail>> {
    Ok(Json(hosts::detail(&state.services.db, &actor, id).await?))
}

/// The host's agency or a bureau admin changes the profile (`trainee_id` is ignored).
#[utoipa::path(put, path = "/api/v1/hosts/{id}", params(("id" = i32, Path)), request_body = HostInput, responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<HostInput>,
) -> ApiResult<Done> {
    hosts::update(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}

/// The signed-in trainee's own host profile, if any.
#[utoipa::path(get, path = "/api/v1/me/host", responses(
    (status = 200, body = MyHost), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<MyHost>> {
    Ok(Json(hosts::mine(&state.services.db, &actor).await?))
}

/// The signed-in trainee applies as a host or changes their profile; answers its id.
#[utoipa::path(put, path = "/api/v1/me/host", request_body = HostInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn save_own(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<HostInput>,
) -> ApiResult<Created> {
    let id = hosts::save_own(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}
