//! `/api/v1` for trainee imports: upload a sheet (the request body is the file) for a
//! preview, read it, apply it (all rows or none) or discard it.

use super::{ApiResult, Done, ErrorBody};
use crate::AppState;
use crate::middleware::Ids;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::sheets::MAX_UPLOAD_BYTES;
use domain::{Actor, DomainError, imports};
use model::i18n::Msg;
use model::imports::{ImportResult, ImportView};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The upload route is in [`uploads`], under its own body limit.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(view, discard))
        .routes(routes!(apply))
}

/// The upload route, which the parent mounts under the upload body limit.
pub fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(upload))
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
    Query(q): Query<UploadQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<ImportView>)> {
    let Some(bytes) = read_limited(body).await else {
        return Err(DomainError::field("file", Msg::ErrFileTooLarge).into());
    };
    let name = q.file_name.unwrap_or_else(|| "upload".to_string());
    let svc = &state.services;
    let id = imports::preview(svc, &actor, q.course_id, &name, &bytes).await?;
    Ok((
        StatusCode::CREATED,
        Json(imports::view(svc, &actor, id).await?),
    ))
}

/// An import's preview, progress or result.
#[utoipa::path(get, path = "/api/v1/imports/{id}", params(("id" = i32, Path)), responses(
    (status = 200, body = ImportView), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn view(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<ImportView>> {
    Ok(Json(imports::view(&state.services, &actor, id).await?))
}

/// Applies a previewed import: every row checked again and saved in one transaction, or
/// nothing saved (409, and the import's rows show the new problems).
#[utoipa::path(post, path = "/api/v1/imports/{id}/apply", params(("id" = i32, Path)), responses(
    (status = 200, body = ImportResult), (status = 404, body = ErrorBody), (status = 409, description = "rows with errors, already applied, or changed since the preview", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<ImportResult>> {
    let svc = &state.services;
    imports::begin_apply(&svc.db, &actor, id).await?;
    Ok(Json(imports::apply(svc, &actor, id).await?))
}

/// Discards a previewed import (its rows are deleted).
#[utoipa::path(delete, path = "/api/v1/imports/{id}", params(("id" = i32, Path)), responses(
    (status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn discard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Done> {
    imports::discard(&state.services.db, &actor, id).await?;
    Ok(Done)
}
