//! `/api/v1` for the audit log and the training-subsidy claim list (the same filters as the
//! pages), with their spreadsheet exports.

use super::dashboard::FormatParam;
use super::{ApiResult, ErrorBody, File};
use crate::AppState;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::{Actor, DomainError, audit, subsidies};
use model::audit::{AuditPage, AuditQuery};
use model::i18n::Locale;
use model::subsidy::{SubsidyList, SubsidyQuery};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(audit_log))
        .routes(routes!(audit_export))
        .routes(routes!(subsidy_list))
        .routes(routes!(subsidy_export))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParam {
    /// The page, from 1.
    #[param(value_type = Option<u64>)]
    #[serde(default)]
    page: Option<String>,
}

impl PageParam {
    /// The page asked for; anything but a number is the first.
    pub fn page(&self) -> Option<u64> {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse::<u64>().ok())
    }
}

/// A page of the audit log, newest first, searched by who (phone or name; `system`), action,
/// record type and number, and local dates (bureau admins). A mistaken search is a 422 naming
/// each field.
#[utoipa::path(get, path = "/api/v1/audit", params(AuditQuery, PageParam), responses(
    (status = 200, body = AuditPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn audit_log(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<AuditQuery>,
    Query(p): Query<PageParam>,
) -> ApiResult<Json<AuditPage>> {
    let found = audit::search(&state.services.db, &actor, &q, p.page()).await?;
    if !found.errors.is_empty() {
        return Err(DomainError::Invalid(found.errors).into());
    }
    Ok(Json(found))
}

/// Every entry the search matches (written while it is sent: no length known beforehand;
/// .xlsx past Excel's 1,048,576 rows is a 422 asking for CSV or narrower dates)
/// as .xlsx or CSV, headed by the search and the time of export; the export is itself logged.
#[utoipa::path(get, path = "/api/v1/audit/export", params(AuditQuery, FormatParam), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn audit_export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(locale): Extension<Locale>,
    Query(q): Query<AuditQuery>,
    Query(f): Query<FormatParam>,
) -> ApiResult<File> {
    let format = f.format()?;
    let d = audit::export(&state.services.db, &actor, &q, format, locale).await?;
    Ok(File(d))
}

/// The training-subsidy claim list: each government-subsidised course that ended in the
/// year with its qualifying trainees counted (completed and certified; of them working or in
/// business within six months, and not yet decided); with `course`, its trainees by name
/// (bureau staff; a provider's staff: their own courses, 403 for another provider).
#[utoipa::path(get, path = "/api/v1/subsidies", params(SubsidyQuery), responses(
    (status = 200, body = SubsidyList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn subsidy_list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<SubsidyQuery>,
) -> ApiResult<Json<SubsidyList>> {
    Ok(Json(subsidies::list(&state.services.db, &actor, &q).await?))
}

/// The qualifying trainees under the filters, one row each, for the finance office, as .xlsx
/// or CSV (bureau admins get whole ID numbers; audited).
#[utoipa::path(get, path = "/api/v1/subsidies/export", params(SubsidyQuery, FormatParam), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn subsidy_export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(locale): Extension<Locale>,
    Query(q): Query<SubsidyQuery>,
    Query(f): Query<FormatParam>,
) -> ApiResult<File> {
    let format = f.format()?;
    let d = subsidies::export(&state.services, &actor, &q, format, locale).await?;
    Ok(File(d))
}
