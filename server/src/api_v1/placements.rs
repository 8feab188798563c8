//! `/api/v1` for bases' places, applications and placements.

use super::{Created, ErrorBody, body, created, json, no_content};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::{Actor, placements};
use app::model::enums::{PlaceStatus, PlacementStatus};
use app::model::placements::{
    ApplyInput, DecisionInput, EndInput, ManagedPlace, ManagedPlaces, MyApplication, PlaceInput,
    PlacePage, PlacementList, PublicPlaces,
};
use axum::Extension;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Json, Router, routing::get, routing::post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/places", get(public).post(publish))
        .route("/places/managed", get(managed))
        .route("/places/{id}", get(page).put(update))
        .route("/places/{id}/status", post(set_status))
        .route("/places/{id}/applications", get(applications).post(apply))
        .route("/applications/mine", get(mine))
        .route("/placements", get(list))
        .route("/placements/{id}/decision", post(decide))
        .route("/placements/{id}/end", post(end))
}

/// Approved bases with the places they have open now (public).
#[utoipa::path(get, path = "/api/v1/places", responses((status = 200, body = PublicPlaces)))]
pub async fn public(State(state): State<AppState>, headers: HeaderMap) -> Response {
    json(
        placements::public_places(&state.services.db).await,
        &headers,
    )
}

/// A place, with the viewer's application and whether they may apply (trainees).
#[utoipa::path(get, path = "/api/v1/places/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = PlacePage), (status = 404, body = ErrorBody),
))]
pub async fn page(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    json(
        placements::place_page(&state.services.db, &actor, id).await,
        &headers,
    )
}

/// A base publishes a place (staff of enterprises, incubation and livestream bases).
#[utoipa::path(post, path = "/api/v1/places", request_body = PlaceInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<PlaceInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => placements::publish(&state.services.db, &actor, input).await,
        Err(e) => Err(e),
    };
    created(result, &headers)
}

/// The base edits its place (places cannot go below those taken).
#[utoipa::path(put, path = "/api/v1/places/{id}", params(("id" = i32, Path)), request_body = PlaceInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<PlaceInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => placements::update(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    no_content(result, &headers)
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
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<PlaceStatusInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => placements::set_status(&state.services.db, &actor, id, input.status).await,
        Err(e) => Err(e),
    };
    no_content(result, &headers)
}

/// The places a base runs (the bureau: every base's), with waiting and placed counts.
#[utoipa::path(get, path = "/api/v1/places/managed", responses(
    (status = 200, body = ManagedPlaces), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn managed(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    json(
        placements::managed_places(&state.services.db, &actor).await,
        &headers,
    )
}

/// A place with every application and placement (its base or the bureau).
#[utoipa::path(get, path = "/api/v1/places/{id}/applications", params(("id" = i32, Path)), responses(
    (status = 200, body = ManagedPlace), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn applications(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    json(
        placements::managed_place(&state.services.db, &actor, id).await,
        &headers,
    )
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
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<ApplyInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => placements::apply(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    created(result, &headers)
}

/// The signed-in trainee's applications and placements, newest first.
#[utoipa::path(get, path = "/api/v1/applications/mine", responses(
    (status = 200, body = Vec<MyApplication>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn mine(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    json(
        placements::my_applications(&state.services.db, &actor).await,
        &headers,
    )
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
    headers: HeaderMap,
    Query(q): Query<PlacementQuery>,
) -> Response {
    json(
        placements::list(&state.services.db, &actor, q.status).await,
        &headers,
    )
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
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<DecisionInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => placements::decide(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    no_content(result, &headers)
}

/// The base records how a placement ended: graduated or left.
#[utoipa::path(post, path = "/api/v1/placements/{id}/end", params(("id" = i32, Path)), request_body = EndInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn end(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<EndInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => placements::end(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    no_content(result, &headers)
}
