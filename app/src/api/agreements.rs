use leptos::prelude::*;
use model::AppError;
use model::agreements::AgreementList;

/// The agreements the user may see.
#[server(endpoint = "agreements/list")]
pub async fn list_agreements() -> Result<AgreementList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::agreements::list(&svc.db, &actor()).await?)
}
