use crate::model::AppError;
use crate::model::partners::{OrganisationDetail, OrganisationPage};
use leptos::prelude::*;

/// Partners for the bureau's list (or a partner's own), by status code and words.
#[server(endpoint = "partners/list")]
pub async fn list_partners(
    status: String,
    q: String,
    page: u64,
) -> Result<OrganisationPage, AppError> {
    use crate::api::context::{actor, services};
    use crate::model::enums::OrganisationStatus;
    let svc = services()?;
    let status = OrganisationStatus::parse(&status);
    Ok(crate::domain::partners::list(&svc.db, &actor(), status, &q, page).await?)
}

/// One partner's page.
#[server(endpoint = "partners/get")]
pub async fn get_partner(id: i32) -> Result<OrganisationDetail, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::partners::detail(&svc.db, &actor(), id).await?)
}
