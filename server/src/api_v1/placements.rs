//! `/api/v1` for bases' places, applications and placements.

use super::{ApiResult, Body, Created, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::{Actor, placements};
use model::enums::{PlaceStatus, PlacementStatus};
use model::placements::{
    ApplyInput, DecisionInput, EndInput, ManagedPlace, ManagedPlaces, MyApplication, PlaceInput,
    PlacePage, PlacementList, PublicPlaces,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(public, publish))
        .routes(routes!(managed))
        .routes(routes!(page, update))
        .routes(routes!(set_status))
        .routes(routes!(applications, apply))
        .routes(routes!(mine))
        .routes(routes!(list))
        .routes(routes!(decide))
        .routes(routes!(end))
}

/// Approved bases with the places they have open now (public).
#[utoipa::path(get, path = "/api/v1/places", responses((status = 200, body = PublicPlaces)))]
pub async fn public(State(state): State<AppState>) -> ApiResult<Json<PublicPlaces>> {
    Ok(Json(placements::public_places(&state.services.db).await?))
}

/// A place, with the viewer's application and whether they may apply (trainees).
#[utoipa::path(get, path = "/api/v1/places/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = PlacePage), (status = 404, body = ErrorBody),
))]
pub async fn page(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<PlacePage>> {
    Ok(Json(
        placements::place_page(&state.services.db, &actor, id).await?,
    ))
}

/// A base publishes a place (staff of enterprises, incubation and livestream bases).
#[utoipa::path(post, path = "/api/v1/places", request_body = PlaceInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<PlaceInput>,
) -> ApiResult<Created> {
    let id = placements::publish(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}

/// The base edits its place (places cannot go below those taken).
#[utoipa::path(put, path = "/api/v1/places/{id}", params(("id" = i32, Path)), request_body = PlaceInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<PlaceInput>,
) -> ApiResult<Done> {
    placements::update(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PlaceStatusInput {
    status: PlaceStatus,
}

/// The base stops or resumes taking applications.
#[utoipa::path(post, path = "/api/v1/places/{id}/status", params(("id" = i32, Path)), request_body = PlaceStatusInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn set_status(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<PlaceStatusInput>,
) -> ApiResult<Done> {
    placements::set_status(&state.services.db, &actor, id, input.status).await?;
    Ok(Done)
}

/// The places a base runs (the bureau: every base's), with waiting and placed counts.
#[utoipa::path(get, path = "/api/v1/places/managed", responses(
    (status = 200, body = ManagedPlaces), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn managed(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<ManagedPlaces>> {
    Ok(Json(
        placements::managed_places(&state.services.db, &actor).await?,
    ))
}

/// A place with every application and placement (its base or the bureau).
#[utoipa::path(get, path = "/api/v1/places/{id}/applications", params(("id" = i32, Path)), responses(
    (status = 200, body = ManagedPlace), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn applications(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<ManagedPlace>> {
    Ok(Json(
        placements::managed_place(&state.services.db, &actor, id).await?,
    ))
}

/// The signed-in trainee applies for a place.
#[utoipa::path(post, path = "/api/v1/places/{id}/applications", params(("id" = i32, Path)), request_body = ApplyInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "closed, full, applied already, qualification missing or no profile", body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ApplyInput>,
) -> ApiResult<Created> {
    let id = placements::apply(&state.services.db, &actor, id, input).await?;
    Ok(Created { id })
}

/// The signed-in trainee's applications and placements, newest first.
#[utoipa::path(get, path = "/api/v1/applications/mine", responses(
    (status = 200, body = Vec<MyApplication>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<Vec<MyApplication>>> {
    Ok(Json(
        placements::my_applications(&state.services.db, &actor).await?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacementQuery {
    /// Only this status.
    status: Option<PlacementStatus>,
}

/// Placements across bases (bureau: all; base staff: their own), newest first.
#[utoipa::path(get, path = "/api/v1/placements", params(PlacementQuery), responses(
    (status = 200, body = PlacementList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<PlacementQuery>,
) -> ApiResult<Json<PlacementList>> {
    Ok(Json(
        placements::list(&state.services.db, &actor, q.status).await?,
    ))
}

/// The base accepts (a placement starts, taking a place) or rejects (with a reason).
#[utoipa::path(post, path = "/api/v1/placements/{id}/decision", params(("id" = i32, Path)), request_body = DecisionInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "already decided, or the place is full", body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<DecisionInput>,
) -> ApiResult<Done> {
    placements::decide(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}

/// The base records how a placement ended: graduated or left.
#[utoipa::path(post, path = "/api/v1/placements/{id}/end", params(("id" = i32, Path)), request_body = EndInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn end(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<EndInput>,
) -> ApiResult<Done> {
    placements::end(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}
