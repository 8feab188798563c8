//! `/api/v1` for honour selections (诚信带货主播, 文明诚信电商): rounds, nominations, scores,
//! violations, the public notice (公示) with its objections, and the honour lists.

use super::{ApiResult, Body, Created, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::{Extension, Json};
use domain::{Actor, selections};
use model::selections::{
    NominationInput, NoticeInput, ObjectionDecision, ObjectionInput, PublicNotice, PublicNotices,
    RoundDetail, RoundInput, RoundList, ScoreInput, ViolationInput,
};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, open))
        .routes(routes!(detail, update))
        .routes(routes!(cancel))
        .routes(routes!(nominate))
        .routes(routes!(start_notice))
        .routes(routes!(publish))
        .routes(routes!(score))
        .routes(routes!(record_violation))
        .routes(routes!(decide_objection))
        .routes(routes!(notices))
        .routes(routes!(notice))
        .routes(routes!(object))
}

/// How many were honoured when a result was published.
#[derive(Serialize, ToSchema)]
pub struct Published {
    honoured: u32,
}

/// Selection rounds: every one for the bureau, those not cancelled for partners and trainees.
#[utoipa::path(get, path = "/api/v1/selections", responses(
    (status = 200, body = RoundList), (status = 401, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<RoundList>> {
    Ok(Json(selections::list(&state.services.db, &actor).await?))
}

/// The bureau opens a round for a kind and a year.
#[utoipa::path(post, path = "/api/v1/selections", request_body = RoundInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn open(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<RoundInput>,
) -> ApiResult<Created> {
    let id = selections::open(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}

/// One round: every nomination with scores, violations and objections for the bureau; a
/// partner's own nominations; a trainee's own.
#[utoipa::path(get, path = "/api/v1/selections/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = RoundDetail), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<RoundDetail>> {
    Ok(Json(
        selections::detail(&state.services.db, &actor, id).await?,
    ))
}

/// The bureau changes a round while it takes nominations.
#[utoipa::path(put, path = "/api/v1/selections/{id}", params(("id" = i32, Path)), request_body = RoundInput, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<RoundInput>,
) -> ApiResult<Done> {
    selections::update(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}

/// The bureau cancels a round before its result is published.
#[utoipa::path(post, path = "/api/v1/selections/{id}/cancel", params(("id" = i32, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Done> {
    selections::cancel(&state.services.db, &actor, id).await?;
    Ok(Done)
}

/// A partner nominates someone linked to it, the bureau anyone, a trainee applies (leaving
/// `trainee_id` out).
#[utoipa::path(post, path = "/api/v1/selections/{id}/nominations", params(("id" = i32, Path)), request_body = NominationInput, responses(
    (status = 201, body = Created), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn nominate(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<NominationInput>,
) -> ApiResult<Created> {
    let id = selections::nominate(&state.services.db, &actor, id, input).await?;
    Ok(Created { id })
}

/// The shortlist goes on public notice for the round's notice period.
#[utoipa::path(post, path = "/api/v1/selections/{id}/notice", params(("id" = i32, Path)), request_body = NoticeInput, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn start_notice(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<NoticeInput>,
) -> ApiResult<Done> {
    selections::start_notice(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}

/// After the notice period, with every objection decided: the result is published and honour
/// certificates issued.
#[utoipa::path(post, path = "/api/v1/selections/{id}/publish", params(("id" = i32, Path)), responses(
    (status = 200, body = Published), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<Published>> {
    let honoured = selections::publish(&state.services, &actor, id).await?;
    Ok(Json(Published { honoured }))
}

/// A reviewer scores a nomination (0–100); scoring again replaces their score.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/score", params(("id" = i32, Path)), request_body = ScoreInput, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn score(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ScoreInput>,
) -> ApiResult<Done> {
    selections::score(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}

/// The bureau records a complaint or violation against a candidate.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/violations", params(("id" = i32, Path)), request_body = ViolationInput, responses(
    (status = 201, body = Created), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn record_violation(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ViolationInput>,
) -> ApiResult<Created> {
    let id = selections::record_violation(&state.services.db, &actor, id, input).await?;
    Ok(Created { id })
}

/// The bureau decides an objection: upheld (the candidate is not honoured) or dismissed.
#[utoipa::path(post, path = "/api/v1/objections/{id}/decision", params(("id" = i32, Path)), request_body = ObjectionDecision, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn decide_objection(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ObjectionDecision>,
) -> ApiResult<Done> {
    selections::decide_objection(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}

/// Public: shortlists on notice now and the published honour lists.
#[utoipa::path(get, path = "/api/v1/notices", responses((status = 200, body = PublicNotices)))]
pub async fn notices(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<PublicNotices>> {
    Ok(Json(
        selections::public_notices(&state.services.db, &actor).await?,
    ))
}

/// Public: one round's notice or honour list.
#[utoipa::path(get, path = "/api/v1/notices/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = PublicNotice), (status = 404, body = ErrorBody),
))]
pub async fn notice(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<PublicNotice>> {
    Ok(Json(
        selections::public_notice(&state.services.db, &actor, id).await?,
    ))
}

/// Public: an objection to a shortlist on notice, within the notice period (rate-limited).
/// The contact details go to the bureau only.
#[utoipa::path(post, path = "/api/v1/notices/{id}/objections", params(("id" = i32, Path)), request_body = ObjectionInput, responses(
    (status = 201, body = Created), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
    (status = 422, body = ErrorBody), (status = 429, body = ErrorBody),
))]
pub async fn object(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ObjectionInput>,
) -> ApiResult<Created> {
    let id = selections::object(&state.services, &actor, id, input).await?;
    Ok(Created { id })
}
