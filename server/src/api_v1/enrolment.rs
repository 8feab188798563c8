//! `/api/v1` for trainees: the real-name profile, enrolment and withdrawal, "My learning", and
//! the bureau's audited view of a whole ID number.

use super::{ApiResult, Body, Created, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::{Extension, Json};
use domain::{Actor, enrolment, trainees};
use model::enrolment::{MyEnrolment, MyLearning};
use model::trainees::{ProfileInput, ProfileView};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_profile, save_profile))
        .routes(routes!(my_learning))
        .routes(routes!(enrol, withdraw))
        .routes(routes!(reveal_id_number))
}

/// The signed-in trainee's profile (`null` until completed); the ID number masked.
#[utoipa::path(get, path = "/api/v1/me/profile", responses(
    (status = 200, body = Option<ProfileView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_profile(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<Option<ProfileView>>> {
    Ok(Json(
        trainees::my_profile(&state.services.db, &actor).await?,
    ))
}

/// Creates or updates the signed-in trainee's profile (the ID number only the first time).
#[utoipa::path(put, path = "/api/v1/me/profile", request_body = ProfileInput, responses(
    (status = 201, body = Created), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn save_profile(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<ProfileInput>,
) -> ApiResult<Created> {
    let id = trainees::save_profile(&state.services, &actor, input).await?;
    Ok(Created { id })
}

/// The signed-in trainee's courses and upcoming sessions.
#[utoipa::path(get, path = "/api/v1/me/learning", responses(
    (status = 200, body = MyLearning), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_learning(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<MyLearning>> {
    Ok(Json(
        enrolment::my_learning(&state.services.db, &actor).await?,
    ))
}

/// Enrols the signed-in trainee: a seat, or a place in the waiting list (see `status` and
/// `waitlist_position`).
#[utoipa::path(post, path = "/api/v1/courses/{id}/enrolment", params(("id" = i32, Path)), responses(
    (status = 200, body = MyEnrolment), (status = 404, body = ErrorBody), (status = 409, description = "not open, outside the window, already enrolled, a clash, or no profile", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn enrol(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<MyEnrolment>> {
    Ok(Json(
        enrolment::enrol(&state.services.db, &actor, id).await?,
    ))
}

/// Withdraws the signed-in trainee before the course starts; the next in line gets the seat.
#[utoipa::path(delete, path = "/api/v1/courses/{id}/enrolment", params(("id" = i32, Path)), responses(
    (status = 204), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Done> {
    enrolment::withdraw(&state.services.db, &actor, id).await?;
    Ok(Done)
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
    Ids(id): Ids<i32>,
) -> ApiResult<Json<IdNumberBody>> {
    let id_number = trainees::reveal_id_number(&state.services, &actor, id).await?;
    Ok(Json(IdNumberBody { id_number }))
}
