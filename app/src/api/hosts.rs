use leptos::prelude::*;
use model::AppError;
use model::hosts::{HostDetail, HostList, HostQuery, MyHost};

/// The host registry, as far as the user may see it.
#[server(endpoint = "hosts/list")]
pub async fn list_hosts(query: HostQuery) -> Result<HostList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::hosts::list(&svc.db, &actor(), query).await?)
}

/// One host profile with the person's training and certificates.
#[server(endpoint = "hosts/detail")]
pub async fn get_host(id: i32) -> Result<HostDetail, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::hosts::detail(&svc.db, &actor(), id).await?)
}

/// The signed-in trainee's own host profile.
#[server(endpoint = "hosts/mine")]
pub async fn get_my_host() -> Result<MyHost, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::hosts::mine(&svc.db, &actor()).await?)
}
