use crate::model::AppError;
use crate::model::agreements::AgreementList;
use leptos::prelude::*;

/// The agreements the user may see.
#[server(endpoint = "agreements/list")]
pub async fn list_agreements() -> Result<AgreementList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::agreements::list(&svc.db, &actor()).await?)
}
