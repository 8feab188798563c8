//! `/api/v1` for the KPI dashboard (the same filters as the page), the people behind a
//! figure, and the annual targets.

use super::{ApiResult, Body, Created, Done, ErrorBody, File};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::rosters::ExportFormat;
use domain::{Actor, DomainError, dashboard, targets};
use model::dashboard::{Dashboard, DashboardQuery, FigurePeople, TargetInput, TargetList};
use model::i18n::{Locale, Msg};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(figures))
        .routes(routes!(people))
        .routes(routes!(export_people))
        .routes(routes!(export))
        .routes(routes!(list_targets, set_target))
        .routes(routes!(delete_target))
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
    Query(q): Query<DashboardQuery>,
) -> ApiResult<Json<Dashboard>> {
    Ok(Json(
        dashboard::dashboard(&state.services.db, &actor, &q).await?,
    ))
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
    Extension(locale): Extension<Locale>,
    Query(filters): Query<DashboardQuery>,
    Query(q): Query<FormatParam>,
) -> ApiResult<File> {
    let format = q.format()?;
    let d = dashboard::export(&state.services.db, &actor, &filters, format, locale).await?;
    Ok(File(d))
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
    Query(filters): Query<DashboardQuery>,
    Query(q): Query<FigureParams>,
) -> ApiResult<Json<FigurePeople>> {
    let page = q.page.and_then(|p| p.trim().parse::<u64>().ok());
    let people = dashboard::people(&state.services.db, &actor, &filters, &q.figure, page).await?;
    Ok(Json(people))
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
    Query(q): Query<YearQuery>,
) -> ApiResult<Json<TargetList>> {
    let year = targets::year_param(q.year.as_deref().unwrap_or_default())?;
    Ok(Json(targets::list(&state.services.db, &actor, year).await?))
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
    Body(input): Body<TargetInput>,
) -> ApiResult<Created> {
    let id = targets::set(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}

/// Removes a target (bureau admins; audited).
#[utoipa::path(delete, path = "/api/v1/targets/{id}", params(("id" = i32, Path)), responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn delete_target(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Done> {
    targets::delete(&state.services.db, &actor, id).await?;
    Ok(Done)
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
    Extension(locale): Extension<Locale>,
    Query(filters): Query<DashboardQuery>,
    Query(q): Query<FigureParams>,
    Query(f): Query<FormatParam>,
) -> ApiResult<File> {
    let format = f.format()?;
    let d = dashboard::export_people(
        &state.services.db,
        &actor,
        &filters,
        &q.figure,
        format,
        locale,
    )
    .await?;
    Ok(File(d))
}
