//! `/api/v1` for managing courses and their sessions (the public catalogue is in the parent).

use super::{ApiResult, Body, Created, Done, ErrorBody, ListQuery};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::{Actor, courses};
use model::courses::{CourseAction, CourseInput, CourseRecord, ManagedCoursePage, SessionInput};
use model::enums::CourseStatus;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create))
        .routes(routes!(record))
        .routes(routes!(update))
        .routes(routes!(act))
        .routes(routes!(add_session))
        .routes(routes!(update_session, delete_session))
}

/// Courses in every status: the bureau's all, a provider's own.
#[utoipa::path(get, path = "/api/v1/managed-courses", params(ListQuery), responses(
    (status = 200, body = ManagedCoursePage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<ManagedCoursePage>> {
    let status = q.status.as_deref().and_then(CourseStatus::parse);
    let page = courses::list(
        &state.services.db,
        &actor,
        status,
        &q.q,
        q.page.unwrap_or(1),
    )
    .await?;
    Ok(Json(page))
}

/// A provider creates a course (a draft).
#[utoipa::path(post, path = "/api/v1/courses", request_body = CourseInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 409, description = "the partner is pending or suspended", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<CourseInput>,
) -> ApiResult<Created> {
    let id = courses::create(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}

/// A course in any status with its sessions and the steps the caller may take.
#[utoipa::path(get, path = "/api/v1/courses/{id}/record", params(("id" = i32, Path)), responses(
    (status = 200, body = CourseRecord), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn record(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<CourseRecord>> {
    Ok(Json(courses::record(&state.services.db, &actor, id).await?))
}

/// Saves a course: everything while draft or rejected; venue, town and capacity once approved.
#[utoipa::path(put, path = "/api/v1/courses/{id}/edit", params(("id" = i32, Path)), request_body = CourseInput, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<CourseInput>,
) -> ApiResult<Done> {
    courses::update(&state.services.db, &actor, id, input).await?;
    Ok(Done)
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
    Ids(id): Ids<i32>,
    Body(input): Body<ActionBody>,
) -> ApiResult<Done> {
    courses::act(&state.services.db, &actor, id, input.action, &input.reason).await?;
    Ok(Done)
}

/// Adds a session.
#[utoipa::path(post, path = "/api/v1/courses/{id}/sessions", params(("id" = i32, Path)), request_body = SessionInput, responses(
    (status = 201, body = Created), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn add_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<SessionInput>,
) -> ApiResult<Created> {
    let id = courses::add_session(&state.services.db, &actor, id, input).await?;
    Ok(Created { id })
}

/// Changes a session.
#[utoipa::path(put, path = "/api/v1/courses/{id}/sessions/{session}", params(("id" = i32, Path), ("session" = i32, Path)), request_body = SessionInput, responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn update_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, session)): Ids<(i32, i32)>,
    Body(input): Body<SessionInput>,
) -> ApiResult<Done> {
    courses::update_session(&state.services.db, &actor, id, session, input).await?;
    Ok(Done)
}

/// Removes a session without attendance.
#[utoipa::path(delete, path = "/api/v1/courses/{id}/sessions/{session}", params(("id" = i32, Path), ("session" = i32, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn delete_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, session)): Ids<(i32, i32)>,
) -> ApiResult<Done> {
    courses::delete_session(&state.services.db, &actor, id, session).await?;
    Ok(Done)
}
