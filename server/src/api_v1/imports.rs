//! `/api/v1` for trainee imports: upload a sheet (the request body is the file) for a
//! preview, read it, apply it (all rows or none) or discard it.

use super::{ErrorBody, error};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::sheets::MAX_UPLOAD_BYTES;
use app::domain::{Actor, DomainError, imports};
use app::i18n::Msg;
use app::model::imports::{ImportResult, ImportView};
use axum::Extension;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use serde::Deserialize;

/// The upload route is added by the router with its own body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/imports/{id}", get(view).delete(discard))
        .route("/imports/{id}/apply", post(apply))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Enrol the rows in this course (one of the importer's).
    course_id: Option<i32>,
    /// The file's name, for the import history.
    file_name: Option<String>,
}

/// Reads the body up to the upload limit; `None` when it is larger.
pub(super) async fn read_limited(body: Body) -> Option<Vec<u8>> {
    axum::body::to_bytes(body, MAX_UPLOAD_BYTES)
        .await
        .ok()
        .map(|b| b.to_vec())
}

/// Uploads a sheet (.xlsx or CSV, the request body) and returns its preview: every row valid
/// or with its errors. Nothing is saved but the preview.
#[utoipa::path(post, path = "/api/v1/imports", params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the .xlsx or .csv file"),
    responses(
    (status = 201, body = ImportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, description = "not a spreadsheet, too large, too many rows, missing columns", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn upload(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<UploadQuery>,
    body: Body,
) -> Response {
    let Some(bytes) = read_limited(body).await else {
        return error(&headers, DomainError::field("file", Msg::ErrFileTooLarge));
    };
    let name = q.file_name.unwrap_or_else(|| "upload".to_string());
    let svc = &state.services;
    let id = match imports::preview(svc, &actor, q.course_id, &name, &bytes).await {
        Ok(id) => id,
        Err(e) => return error(&headers, e),
    };
    match imports::view(svc, &actor, id).await {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// An import's preview, progress or result.
#[utoipa::path(get, path = "/api/v1/imports/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = ImportView), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn view(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match imports::view(&state.services, &actor, id).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Applies a previewed import: every row checked again and saved in one transaction, or
/// nothing saved (409, and the import's rows show the new problems).
#[utoipa::path(post, path = "/api/v1/imports/{id}/apply", params(("id" = i32, Path)), responses(
    (status = 200, body = ImportResult), (status = 404, body = ErrorBody), (status = 409, description = "rows with errors, already applied, or changed since the preview", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    let svc = &state.services;
    if let Err(e) = imports::begin_apply(&svc.db, &actor, id).await {
        return error(&headers, e);
    }
    match imports::apply(svc, &actor, id).await {
        Ok(r) => Json(r).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Discards a previewed import (its rows are deleted).
#[utoipa::path(delete, path = "/api/v1/imports/{id}", params(("id" = i32, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn discard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match imports::discard(&state.services.db, &actor, id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}
