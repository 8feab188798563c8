//! `/api/v1` for managing courses and their sessions (the public catalogue is in the parent).

use super::{Created, ErrorBody, ListQuery, body, error};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::{Actor, courses};
use app::model::courses::{
    CourseAction, CourseInput, CourseRecord, ManagedCoursePage, SessionInput,
};
use app::model::enums::CourseStatus;
use axum::Extension;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post, routing::put};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/managed-courses", get(list))
        .route("/courses", post(create))
        .route("/courses/{id}/record", get(record))
        .route("/courses/{id}/edit", put(update))
        .route("/courses/{id}/actions", post(act))
        .route("/courses/{id}/sessions", post(add_session))
        .route(
            "/courses/{id}/sessions/{session}",
            put(update_session).delete(delete_session),
        )
}

/// Courses in every status: the bureau's all, a provider's own.
#[utoipa::path(get, path = "/api/v1/managed-courses", params(ListQuery), responses(
    (status = 200, body = ManagedCoursePage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    let status = q.status.as_deref().and_then(CourseStatus::parse);
    match courses::list(
        &state.services.db,
        &actor,
        status,
        &q.q,
        q.page.unwrap_or(1),
    )
    .await
    {
        Ok(page) => Json(page).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// A provider creates a course (a draft).
#[utoipa::path(post, path = "/api/v1/courses", request_body = CourseInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 409, description = "the partner is pending or suspended", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<CourseInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match courses::create(&state.services.db, &actor, input).await {
        Ok(id) => Created::response(id),
        Err(e) => error(&headers, e),
    }
}

/// A course in any status with its sessions and the steps the caller may take.
#[utoipa::path(get, path = "/api/v1/courses/{id}/record", params(("id" = i32, Path)), responses(
    (status = 200, body = CourseRecord), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn record(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match courses::record(&state.services.db, &actor, id).await {
        Ok(r) => Json(r).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Saves a course: everything while draft or rejected; venue, town and capacity once approved.
#[utoipa::path(put, path = "/api/v1/courses/{id}/edit", params(("id" = i32, Path)), request_body = CourseInput, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<CourseInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match courses::update(&state.services.db, &actor, id, input).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct ActionBody {
    action: CourseAction,
    /// Required to reject.
    #[serde(default)]
    reason: String,
}

/// One lifecycle step, by the role the step belongs to.
#[utoipa::path(post, path = "/api/v1/courses/{id}/actions", params(("id" = i32, Path)), request_body = ActionBody, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn act(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<ActionBody>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match courses::act(&state.services.db, &actor, id, input.action, &input.reason).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Adds a session.
#[utoipa::path(post, path = "/api/v1/courses/{id}/sessions", params(("id" = i32, Path)), request_body = SessionInput, responses(
    (status = 201, body = Created), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn add_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<SessionInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match courses::add_session(&state.services.db, &actor, id, input).await {
        Ok(id) => Created::response(id),
        Err(e) => error(&headers, e),
    }
}

/// Changes a session.
#[utoipa::path(put, path = "/api/v1/courses/{id}/sessions/{session}", params(("id" = i32, Path), ("session" = i32, Path)), request_body = SessionInput, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, session)): Ids<(i32, i32)>,
    input: Result<Json<SessionInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match courses::update_session(&state.services.db, &actor, id, session, input).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Removes a session without attendance.
#[utoipa::path(delete, path = "/api/v1/courses/{id}/sessions/{session}", params(("id" = i32, Path), ("session" = i32, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn delete_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, session)): Ids<(i32, i32)>,
) -> Response {
    match courses::delete_session(&state.services.db, &actor, id, session).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}
