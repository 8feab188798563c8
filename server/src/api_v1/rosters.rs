//! `/api/v1` for course rosters: list and search, export, admit from the waiting list,
//! remove with a reason. ID numbers are masked.

use super::{ApiResult, Body, Done, ErrorBody, File};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::rosters::{self, ExportFormat};
use domain::{Actor, DomainError};
use model::i18n::{Locale, Msg};
use model::rosters::{ActivationSheet, RemoveInput, RosterFilter, RosterPage};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(roster))
        .routes(routes!(export))
        .routes(routes!(admit))
        .routes(routes!(remove))
        .routes(routes!(activation_codes))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RosterQuery {
    /// `active` (enrolled and waiting, the default), `enrolled`, `waitlisted`, `left` or `all`.
    status: Option<String>,
    /// Name, phone, or the ID number's last characters.
    #[serde(default)]
    q: String,
    page: Option<u64>,
}

fn filter_of(status: Option<&str>) -> Result<RosterFilter, DomainError> {
    match status {
        None | Some("") => Ok(RosterFilter::default()),
        Some(s) => RosterFilter::parse(s).ok_or(DomainError::field("status", Msg::ErrInvalidInput)),
    }
}

/// A page of a course's roster (partner staff: their organisation's courses).
#[utoipa::path(get, path = "/api/v1/courses/{id}/roster", params(("id" = i32, Path), RosterQuery), responses(
    (status = 200, body = RosterPage), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn roster(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Query(q): Query<RosterQuery>,
) -> ApiResult<Json<RosterPage>> {
    let filter = filter_of(q.status.as_deref())?;
    let page = q.page.unwrap_or(1);
    Ok(Json(
        rosters::roster(&state.services.db, &actor, id, filter, &q.q, page).await?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `xlsx` (the default) or `csv`.
    format: Option<String>,
    /// As for the roster.
    status: Option<String>,
}

/// The whole roster as .xlsx or CSV (UTF-8 with a byte-order mark); formula-like cells are
/// neutralised. Audited.
#[utoipa::path(get, path = "/api/v1/courses/{id}/roster/export", params(("id" = i32, Path), ExportQuery), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(locale): Extension<Locale>,
    Ids(id): Ids<i32>,
    Query(q): Query<ExportQuery>,
) -> ApiResult<File> {
    let filter = filter_of(q.status.as_deref())?;
    let Some(format) = ExportFormat::parse(q.format.as_deref().unwrap_or("xlsx")) else {
        return Err(DomainError::field("format", Msg::ErrInvalidInput).into());
    };
    let d = rosters::export(&state.services.db, &actor, id, filter, format, locale).await?;
    Ok(File(d))
}

/// Gives a waitlisted trainee a free seat, out of turn.
#[utoipa::path(post, path = "/api/v1/courses/{id}/roster/{enrollment}/admit", params(("id" = i32, Path), ("enrollment" = i32, Path)), responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "not waiting, no free seat, or the course is closed", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn admit(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, enrollment)): Ids<(i32, i32)>,
) -> ApiResult<Done> {
    rosters::admit(&state.services.db, &actor, id, enrollment).await?;
    Ok(Done)
}

/// Removes a trainee from the course with a reason (kept and audited); a freed seat goes to
/// the first in the waiting list.
#[utoipa::path(post, path = "/api/v1/courses/{id}/roster/{enrollment}/remove", params(("id" = i32, Path), ("enrollment" = i32, Path)), request_body = RemoveInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, enrollment)): Ids<(i32, i32)>,
    Body(input): Body<RemoveInput>,
) -> ApiResult<Done> {
    rosters::remove(&state.services.db, &actor, id, enrollment, input).await?;
    Ok(Done)
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct ActivationCodesRequest {
    /// One trainee on the course, whose code is made anew (the old one is void); without it,
    /// everyone on the roster not yet activated and without a live code.
    trainee_id: Option<i32>,
}

/// Makes activation codes for the course's imported trainees who have not set a password,
/// to print and hand over: single use, valid 30 days, returned this once (the roster then
/// shows them masked). Audited.
#[utoipa::path(post, path = "/api/v1/courses/{id}/activation-codes", params(("id" = i32, Path)), request_body = ActivationCodesRequest, responses(
    (status = 200, body = ActivationSheet), (status = 403, body = ErrorBody), (status = 404, description = "no such course, or the trainee is not on it or already activated", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn activation_codes(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<ActivationCodesRequest>,
) -> ApiResult<Json<ActivationSheet>> {
    Ok(Json(
        domain::activation::issue_for_course(&state.services, &actor, id, input.trainee_id).await?,
    ))
}
