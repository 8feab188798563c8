//! The bureau's oversight lists: the audit log and the training-subsidy claim list.

use leptos::prelude::*;
use model::AppError;
use model::audit::{AuditPage, AuditQuery};
use model::subsidy::{SubsidyList, SubsidyQuery};

/// A page of the audit log for the search as typed (mistakes come back by field).
#[server(endpoint = "oversight/audit", input = server_fn::codec::Json)]
pub async fn get_audit_log(query: AuditQuery, page: Option<u64>) -> Result<AuditPage, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::audit::search(&svc.db, &actor(), &query, page).await?)
}

/// The subsidy claim list for the filters as typed.
#[server(endpoint = "oversight/subsidies", input = server_fn::codec::Json)]
pub async fn get_subsidies(query: SubsidyQuery) -> Result<SubsidyList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::subsidies::list(&svc.db, &actor(), &query).await?)
}
