use leptos::prelude::*;
use model::AppError;
use model::partners::{OrganisationDetail, OrganisationPage};

/// Partners for the bureau's list (or a partner's own), by status code and words.
#[server(endpoint = "partners/list")]
pub async fn list_partners(
    status: String,
    q: String,
    page: u64,
) -> Result<OrganisationPage, AppError> {
    use crate::api::context::{actor, services};
    use model::enums::OrganisationStatus;
    let svc = services()?;
    let status = OrganisationStatus::parse(&status);
    Ok(domain::partners::list(&svc.db, &actor(), status, &q, page).await?)
}

/// One partner's page.
#[server(endpoint = "partners/get")]
pub async fn get_partner(id: i32) -> Result<OrganisationDetail, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::partners::detail(&svc.db, &actor(), id).await?)
}
