//! `/api/v1` for lectures and salons as events: quick registration, the ticket and its
//! cancellation, the registrations list with staff check-in, and checking in by phone after
//! scanning a session's code.

use super::{ApiResult, Body, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::{Actor, events};
use model::events::{EventCheckinInput, EventRoster, RegistrationInput, Ticket};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(roster, register))
        .routes(routes!(staff_check_in))
        .routes(routes!(ticket))
        .routes(routes!(cancel))
        .routes(routes!(self_check_in))
}

/// A new registration's ticket code (keep it: it opens the ticket).
#[derive(Serialize, ToSchema)]
pub struct TicketCode {
    code: String,
}

/// The code on the session's screen and the mobile number registered with.
#[derive(serde::Deserialize, ToSchema)]
pub struct EventCheckinBody {
    code: String,
    phone: String,
}

/// Whether a check-in was recorded now (`false`: already checked in).
#[derive(Serialize, ToSchema)]
pub struct CheckedIn {
    checked_in: bool,
}

/// Registers for a lecture or salon with a name, a mobile number and a town (anyone;
/// rate-limited per address). A full event refuses.
#[utoipa::path(post, path = "/api/v1/courses/{id}/registrations", params(("id" = i32, Path)), request_body = RegistrationInput, responses(
    (status = 201, body = TicketCode), (status = 404, body = ErrorBody),
    (status = 409, description = "not an event, not open, or full", body = ErrorBody),
    (status = 422, body = ErrorBody), (status = 429, body = ErrorBody),
))]
pub async fn register(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<RegistrationInput>,
) -> ApiResult<(StatusCode, Json<TicketCode>)> {
    let code = events::register(&state.services, &actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(TicketCode { code })))
}

/// An event's registrations, for its provider's staff and the bureau (phones masked).
#[utoipa::path(get, path = "/api/v1/courses/{id}/registrations", params(("id" = i32, Path)), responses(
    (status = 200, body = EventRoster), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn roster(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<EventRoster>> {
    Ok(Json(events::roster(&state.services.db, &actor, id).await?))
}

/// The event's staff check someone in from the list.
#[utoipa::path(post, path = "/api/v1/courses/{id}/registrations/{registration}/checkin", params(("id" = i32, Path), ("registration" = i32, Path)), responses(
    (status = 200, body = CheckedIn), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn staff_check_in(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, registration)): Ids<(i32, i32)>,
) -> ApiResult<Json<CheckedIn>> {
    let checked_in = events::staff_check_in(&state.services.db, &actor, id, registration).await?;
    Ok(Json(CheckedIn { checked_in }))
}

/// A ticket, by its code (whoever holds the code).
#[utoipa::path(get, path = "/api/v1/tickets/{code}", params(("code" = String, Path)), responses(
    (status = 200, body = Ticket), (status = 404, body = ErrorBody),
))]
pub async fn ticket(
    State(state): State<AppState>,
    Ids(code): Ids<String>,
) -> ApiResult<Json<Ticket>> {
    Ok(Json(events::ticket(&state.services.db, &code).await?))
}

/// Cancels a registration by its ticket, before checking in and before the event ends.
#[utoipa::path(post, path = "/api/v1/tickets/{code}/cancel", params(("code" = String, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(code): Ids<String>,
) -> ApiResult<Done> {
    events::cancel(&state.services.db, &actor, &code).await?;
    Ok(Done)
}

/// Checks in at a lecture or salon with the session's current code and the mobile number
/// registered with (anyone; rate-limited per address).
#[utoipa::path(post, path = "/api/v1/sessions/{session}/event-checkin", params(("session" = i32, Path)), request_body = EventCheckinBody, responses(
    (status = 200, body = CheckedIn), (status = 404, body = ErrorBody),
    (status = 409, description = "an old or invalid code, outside the session's time, or not an event", body = ErrorBody),
    (status = 422, body = ErrorBody), (status = 429, body = ErrorBody),
))]
pub async fn self_check_in(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(session): Ids<i32>,
    Body(input): Body<EventCheckinBody>,
) -> ApiResult<Json<CheckedIn>> {
    let phone = EventCheckinInput { phone: input.phone };
    let checked_in =
        events::self_check_in(&state.services, &actor, session, &input.code, phone).await?;
    Ok(Json(CheckedIn { checked_in }))
}
