//! `/api/v1` for bases' yearly KPIs and the events they held.

use super::{Created, ErrorBody, body, created, error, json, no_content};
use crate::AppState;
use crate::forms::rosters::download_response;
use crate::middleware::{Ids, request_locale};
use app::domain::rosters::ExportFormat;
use app::domain::{Actor, DomainError, bases};
use app::i18n::Msg;
use app::model::bases::{BaseEventInput, BaseKpiList, BaseReport};
use axum::Extension;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Json, Router, routing::delete, routing::get, routing::post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bases/kpis", get(list))
        .route("/bases/kpis/export", get(export))
        .route("/bases/{id}/kpis", get(report))
        .route("/bases/{id}/events", post(record_event))
        .route("/bases/{id}/events/{event}", delete(delete_event))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// A year from 2020 to this year; this year when left out (counted to today).
    #[param(value_type = Option<i32>)]
    #[serde(default)]
    year: Option<String>,
}

/// Every base's KPIs for a year, with their total (bureau staff; base staff: their own base).
#[utoipa::path(get, path = "/api/v1/bases/kpis", params(YearQuery), responses(
    (status = 200, body = BaseKpiList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<YearQuery>,
) -> Response {
    let result = match bases::year_param(q.year.as_deref().unwrap_or_default()) {
        Ok(year) => bases::list(&state.services.db, &actor, year).await,
        Err(e) => Err(e),
    };
    json(result, &headers)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// A year from 2020 to this year; this year when left out.
    #[param(value_type = Option<i32>)]
    #[serde(default)]
    year: Option<String>,
    /// `xlsx` (the default) or `csv`.
    #[serde(default)]
    format: Option<String>,
}

/// Every visible base's KPIs for a year, with the total, as .xlsx or CSV; audited.
#[utoipa::path(get, path = "/api/v1/bases/kpis/export", params(ExportQuery), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<ExportQuery>,
) -> Response {
    let Some(format) = ExportFormat::parse(q.format.as_deref().unwrap_or("xlsx")) else {
        return error(&headers, DomainError::field("format", Msg::ErrChoose));
    };
    let year = match bases::year_param(q.year.as_deref().unwrap_or_default()) {
        Ok(year) => year,
        Err(e) => return error(&headers, e),
    };
    let locale = request_locale(&headers);
    match bases::export(&state.services.db, &actor, year, format, locale).await {
        Ok(d) => download_response(d),
        Err(e) => error(&headers, e),
    }
}

/// One base's KPIs for a year with every placement counted and the events held.
#[utoipa::path(get, path = "/api/v1/bases/{id}/kpis", params(("id" = i32, Path, description = "the base (organisation)"), YearQuery), responses(
    (status = 200, body = BaseReport), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    Query(q): Query<YearQuery>,
) -> Response {
    let result = match bases::year_param(q.year.as_deref().unwrap_or_default()) {
        Ok(year) => bases::report(&state.services.db, &actor, id, year).await,
        Err(e) => Err(e),
    };
    json(result, &headers)
}

/// Records an event the base held (its staff, bureau admins).
#[utoipa::path(post, path = "/api/v1/bases/{id}/events", params(("id" = i32, Path, description = "the base (organisation)")),
    request_body = BaseEventInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn record_event(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<BaseEventInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => bases::record_event(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    created(result, &headers)
}

/// Removes an event recorded by mistake (audited).
#[utoipa::path(delete, path = "/api/v1/bases/{id}/events/{event}", params(
    ("id" = i32, Path, description = "the base (organisation)"), ("event" = i32, Path),
), responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn delete_event(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, event)): Ids<(i32, i32)>,
) -> Response {
    no_content(
        bases::delete_event(&state.services.db, &actor, id, event).await,
        &headers,
    )
}
