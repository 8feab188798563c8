//! `/api/v1` for the KPI dashboard (the same filters as the page), the people behind a
//! figure, and the annual targets.

use super::{Created, ErrorBody, body, created, error, json, no_content};
use crate::AppState;
use crate::forms::rosters::download_response;
use crate::middleware::{Ids, request_locale};
use app::domain::rosters::ExportFormat;
use app::domain::{Actor, DomainError, dashboard, targets};
use app::i18n::Msg;
use app::model::dashboard::{Dashboard, DashboardQuery, FigurePeople, TargetInput, TargetList};
use axum::Extension;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Json, Router, routing::delete, routing::get};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(figures))
        .route("/dashboard/people", get(people))
        .route("/dashboard/people/export", get(export_people))
        .route("/dashboard/export", get(export))
        .route("/targets", get(list_targets).post(set_target))
        .route("/targets/{id}", delete(delete_target))
}

/// The KPI figures, the funnel and the targets' progress for a year (or a quarter or month),
/// filtered by town, programme, industry and provider (bureau staff; a town viewer: their
/// town, and 403 for another). Unknown filter values are a 422 naming the field.
#[utoipa::path(get, path = "/api/v1/dashboard", params(DashboardQuery), responses(
    (status = 200, body = Dashboard), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn figures(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<DashboardQuery>,
) -> Response {
    json(
        dashboard::dashboard(&state.services.db, &actor, &q).await,
        &headers,
    )
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatParam {
    /// `xlsx` (the default) or `csv`.
    #[serde(default)]
    format: String,
}

impl FormatParam {
    /// The chosen format: xlsx unless asked otherwise; an unknown one is a 422.
    pub fn format(&self) -> Result<ExportFormat, DomainError> {
        match self.format.as_str() {
            "" => Ok(ExportFormat::Xlsx),
            f => ExportFormat::parse(f).ok_or_else(|| DomainError::field("format", Msg::ErrChoose)),
        }
    }
}

/// The whole KPI report for the filters (figures, funnel, targets) as .xlsx or CSV, headed by
/// its filters and the time of export; audited.
#[utoipa::path(get, path = "/api/v1/dashboard/export", params(DashboardQuery, FormatParam), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(filters): Query<DashboardQuery>,
    Query(q): Query<FormatParam>,
) -> Response {
    let format = match q.format() {
        Ok(f) => f,
        Err(e) => return error(&headers, e),
    };
    let locale = request_locale(&headers);
    match dashboard::export(&state.services.db, &actor, &filters, format, locale).await {
        Ok(d) => download_response(d),
        Err(e) => error(&headers, e),
    }
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FigureParams {
    /// Which figure: `signed_up`, `trained`, `completed`, `certified`, `placed`, `working`,
    /// `employed`, `business`, `shops`, `hosts`, `jobs_created`, `leaders`, `placed_all`.
    #[serde(default)]
    figure: String,
    /// The page, from 1 (50 people a page).
    #[param(value_type = Option<u64>)]
    #[serde(default)]
    page: Option<String>,
}

/// The people behind one figure, by name, for the same filters as the dashboard.
#[utoipa::path(get, path = "/api/v1/dashboard/people", params(DashboardQuery, FigureParams), responses(
    (status = 200, body = FigurePeople), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn people(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(filters): Query<DashboardQuery>,
    Query(q): Query<FigureParams>,
) -> Response {
    let page = q.page.and_then(|p| p.trim().parse::<u64>().ok());
    json(
        dashboard::people(&state.services.db, &actor, &filters, &q.figure, page).await,
        &headers,
    )
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// A year from 2020 to next year; this year when left out.
    #[param(value_type = Option<i32>)]
    #[serde(default)]
    year: Option<String>,
}

/// A year's targets with their progress (a town viewer: their town's).
#[utoipa::path(get, path = "/api/v1/targets", params(YearQuery), responses(
    (status = 200, body = TargetList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn list_targets(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<YearQuery>,
) -> Response {
    let result = match targets::year_param(q.year.as_deref().unwrap_or_default()) {
        Ok(year) => targets::list(&state.services.db, &actor, year).await,
        Err(e) => Err(e),
    };
    json(result, &headers)
}

/// Sets a target, replacing the one for the same year, scope and figure (bureau admins;
/// audited).
#[utoipa::path(post, path = "/api/v1/targets", request_body = TargetInput, responses(
    (status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn set_target(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<TargetInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => targets::set(&state.services.db, &actor, input).await,
        Err(e) => Err(e),
    };
    created(result, &headers)
}

/// Removes a target (bureau admins; audited).
#[utoipa::path(delete, path = "/api/v1/targets/{id}", params(("id" = i32, Path)), responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn delete_target(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    no_content(
        targets::delete(&state.services.db, &actor, id).await,
        &headers,
    )
}

/// Everyone behind one figure (written while it is sent: no length known beforehand; .xlsx
/// past Excel's 1,048,576 rows is a 422 asking for CSV or a narrower period)
/// as .xlsx or CSV, headed by the figure and its filters; audited.
#[utoipa::path(get, path = "/api/v1/dashboard/people/export", params(DashboardQuery, FigureParams, FormatParam), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn export_people(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(filters): Query<DashboardQuery>,
    Query(q): Query<FigureParams>,
    Query(f): Query<FormatParam>,
) -> Response {
    let format = match f.format() {
        Ok(f) => f,
        Err(e) => return error(&headers, e),
    };
    let locale = request_locale(&headers);
    match dashboard::export_people(
        &state.services.db,
        &actor,
        &filters,
        &q.figure,
        format,
        locale,
    )
    .await
    {
        Ok(d) => download_response(d),
        Err(e) => error(&headers, e),
    }
}
