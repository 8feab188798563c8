//! `/api/v1` for messages: the signed-in user's inbox and read marks, and the bureau's outbox
//! with its retry.

use super::oversight::PageParam;
use super::{ApiResult, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::{Actor, DomainError, messages};
use model::i18n::Locale;
use model::messages::{Inbox, InboxMessage, OutboxPage, OutboxQuery};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(open))
        .routes(routes!(mark_all_read))
        .routes(routes!(outbox))
        .routes(routes!(retry))
}

/// A page of the signed-in user's messages, newest first (20 a page), in the request's
/// language, with how many are unread.
#[utoipa::path(get, path = "/api/v1/me/messages", params(PageParam), responses(
    (status = 200, body = Inbox), (status = 401, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn inbox(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(locale): Extension<Locale>,
    Query(p): Query<PageParam>,
) -> ApiResult<Json<Inbox>> {
    Ok(Json(
        messages::inbox(&state.services.db, &actor, p.page(), locale).await?,
    ))
}

/// One of the signed-in user's messages, which is marked read (another's is a 404).
#[utoipa::path(get, path = "/api/v1/me/messages/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = InboxMessage), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn open(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(locale): Extension<Locale>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<InboxMessage>> {
    Ok(Json(
        messages::open(&state.services.db, &actor, id, locale).await?,
    ))
}

/// How many messages a call marked read.
#[derive(Serialize, ToSchema)]
pub struct Marked {
    pub marked: u64,
}

/// Marks every message of the signed-in user read.
#[utoipa::path(post, path = "/api/v1/me/messages/read", responses(
    (status = 200, body = Marked), (status = 401, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn mark_all_read(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<Marked>> {
    let marked = messages::mark_all_read(&state.services.db, &actor).await?;
    Ok(Json(Marked { marked }))
}

/// The outbox (bureau admins): messages found by status, template, phone and local dates,
/// newest first (50 a page), SMS with their text as sent, and per day the messages, SMS and
/// billed SMS parts. A mistaken search is a 422 naming each field.
#[utoipa::path(get, path = "/api/v1/messages", params(OutboxQuery, PageParam), responses(
    (status = 200, body = OutboxPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn outbox(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<OutboxQuery>,
    Query(p): Query<PageParam>,
) -> ApiResult<Json<OutboxPage>> {
    let svc = &state.services;
    let found = messages::outbox(&svc.db, &actor, &q, p.page(), &svc.sms).await?;
    if !found.errors.is_empty() {
        return Err(DomainError::Invalid(found.errors).into());
    }
    Ok(Json(found))
}

/// Queues a failed message again for a fresh set of tries (bureau admins; audited). Any other
/// status is a 409.
#[utoipa::path(post, path = "/api/v1/messages/{id}/retry", params(("id" = i32, Path)), responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn retry(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Done> {
    messages::retry(&state.services.db, &actor, id).await?;
    Ok(Done)
}
