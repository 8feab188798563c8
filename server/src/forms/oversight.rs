//! The audit log's and the subsidy claim list's spreadsheet exports (GET, with the page's
//! filters). A refused or mistaken export goes back to the page with the message.

use super::download_or_back;
use crate::AppState;
use crate::middleware::FileFormat;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::rosters::Download;
use domain::{Actor, DomainResult, audit, subsidies};
use model::audit::AuditQuery;
use model::i18n::Locale;
use model::subsidy::SubsidyQuery;
use std::collections::HashMap;

type Params = Query<HashMap<String, String>>;

/// The download, or back to `page` (with the filters) with what went wrong.
pub fn answer(result: DomainResult<Download>, page: &str, params: &str) -> Response {
    let here = if params.is_empty() {
        page.to_string()
    } else {
        format!("{page}?{params}")
    };
    download_or_back(result, &here)
}

/// `GET /manage/audit.xlsx|.csv?<search>`
pub async fn audit_log(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FileFormat(format): FileFormat,
    Query(query): Params,
    Extension(locale): Extension<Locale>,
) -> Response {
    let q = AuditQuery::from_params(|k| query.get(k).cloned());
    let result = audit::export(&state.services.db, &actor, &q, format, locale).await;
    answer(result, "/manage/audit", &q.to_params())
}

/// `GET /manage/subsidies.xlsx|.csv?<filters>`
pub async fn subsidy_list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FileFormat(format): FileFormat,
    Query(query): Params,
    Extension(locale): Extension<Locale>,
) -> Response {
    let q = SubsidyQuery::from_params(|k| query.get(k).cloned());
    let result = subsidies::export(&state.services, &actor, &q, format, locale).await;
    answer(result, "/manage/subsidies", &q.to_params())
}
