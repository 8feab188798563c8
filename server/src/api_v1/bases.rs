//! `/api/v1` for bases' yearly KPIs and the events they held.

use super::{ApiResult, Body, Created, Done, ErrorBody, File};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::rosters::ExportFormat;
use domain::{Actor, DomainError, bases};
use model::bases::{BaseEventInput, BaseKpiList, BaseReport};
use model::i18n::{Locale, Msg};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(export))
        .routes(routes!(report))
        .routes(routes!(record_event))
        .routes(routes!(delete_event))
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
    Query(q): Query<YearQuery>,
) -> ApiResult<Json<BaseKpiList>> {
    let year = bases::year_param(q.year.as_deref().unwrap_or_default())?;
    Ok(Json(bases::list(&state.services.db, &actor, year).await?))
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
    Extension(locale): Extension<Locale>,
    Query(q): Query<ExportQuery>,
) -> ApiResult<File> {
    let Some(format) = ExportFormat::parse(q.format.as_deref().unwrap_or("xlsx")) else {
        return Err(DomainError::field("format", Msg::ErrChoose).into());
    };
    let year = bases::year_param(q.year.as_deref().unwrap_or_default())?;
    let d = bases::export(&state.services.db, &actor, year, format, locale).await?;
    Ok(File(d))
}

/// One base's KPIs for a year with every placement counted and the events held.
#[utoipa::path(get, path = "/api/v1/bases/{id}/kpis", params(("id" = i32, Path, description = "the base (organisation)"), YearQuery), responses(
    (status = 200, body = BaseReport), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Query(q): Query<YearQuery>,
) -> ApiResult<Json<BaseReport>> {
    let year = bases::year_param(q.year.as_deref().unwrap_or_default())?;
    Ok(Json(
        bases::report(&state.services.db, &actor, id, year).await?,
    ))
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
    Ids(id): Ids<i32>,
    Body(input): Body<BaseEventInput>,
) -> ApiResult<Created> {
    let id = bases::record_event(&state.services.db, &actor, id, input).await?;
    Ok(Created { id })
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
    Ids((id, event)): Ids<(i32, i32)>,
) -> ApiResult<Done> {
    bases::delete_event(&state.services.db, &actor, id, event).await?;
    Ok(Done)
}
