//! `/api/v1` for trainees: the real-name profile, enrolment and withdrawal, "My learning", and
//! the bureau's audited view of a whole ID number.

use super::{Created, ErrorBody, body, error};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::{Actor, enrolment, trainees};
use app::model::enrolment::{MyEnrolment, MyLearning};
use app::model::trainees::{ProfileInput, ProfileView};
use axum::Extension;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use serde::Serialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/profile", get(my_profile).put(save_profile))
        .route("/me/learning", get(my_learning))
        .route("/courses/{id}/enrolment", post(enrol).delete(withdraw))
        .route("/trainees/{id}/id-number", get(reveal_id_number))
}

/// The signed-in trainee's profile (`null` until completed); the ID number masked.
#[utoipa::path(get, path = "/api/v1/me/profile", responses(
    (status = 200, body = Option<ProfileView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_profile(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    match trainees::my_profile(&state.services.db, &actor).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Creates or updates the signed-in trainee's profile (the ID number only the first time).
#[utoipa::path(put, path = "/api/v1/me/profile", request_body = ProfileInput, responses(
    (status = 201, body = Created), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn save_profile(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<ProfileInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match trainees::save_profile(&state.services, &actor, input).await {
        Ok(id) => Created::response(id),
        Err(e) => error(&headers, e),
    }
}

/// The signed-in trainee's courses and upcoming sessions.
#[utoipa::path(get, path = "/api/v1/me/learning", responses(
    (status = 200, body = MyLearning), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_learning(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    match enrolment::my_learning(&state.services.db, &actor).await {
        Ok(l) => Json(l).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Enrols the signed-in trainee: a seat, or a place in the waiting list (see `status` and
/// `waitlist_position`).
#[utoipa::path(post, path = "/api/v1/courses/{id}/enrolment", params(("id" = i32, Path)), responses(
    (status = 200, body = MyEnrolment), (status = 404, body = ErrorBody), (status = 409, description = "not open, outside the window, already enrolled, a clash, or no profile", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn enrol(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match enrolment::enrol(&state.services.db, &actor, id).await {
        Ok(s) => Json(s).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Withdraws the signed-in trainee before the course starts; the next in line gets the seat.
#[utoipa::path(delete, path = "/api/v1/courses/{id}/enrolment", params(("id" = i32, Path)), responses(
    (status = 204), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match enrolment::withdraw(&state.services.db, &actor, id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

#[derive(Serialize, ToSchema)]
pub struct IdNumberBody {
    id_number: String,
}

/// A trainee's whole ID number, for bureau admins; every call is written to the audit log.
#[utoipa::path(get, path = "/api/v1/trainees/{id}/id-number", params(("id" = i32, Path)), responses(
    (status = 200, body = IdNumberBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn reveal_id_number(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match trainees::reveal_id_number(&state.services, &actor, id).await {
        Ok(id_number) => Json(IdNumberBody { id_number }).into_response(),
        Err(e) => error(&headers, e),
    }
}
