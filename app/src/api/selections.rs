use leptos::prelude::*;
use model::AppError;
use model::selections::{PublicNotice, PublicNotices, RoundDetail, RoundList};

/// The honour selection rounds the user may see.
#[server(endpoint = "selections/list")]
pub async fn list_selections() -> Result<RoundList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::selections::list(&svc.db, &actor()).await?)
}

/// One round with what the user may see of it and do with it.
#[server(endpoint = "selections/detail")]
pub async fn get_selection(id: i32) -> Result<RoundDetail, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::selections::detail(&svc.db, &actor(), id).await?)
}

/// Shortlists on public notice and published honour lists (public).
#[server(endpoint = "notices/list")]
pub async fn list_notices() -> Result<PublicNotices, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::selections::public_notices(&svc.db, &actor()).await?)
}

/// One round's public notice or honour list (public).
#[server(endpoint = "notices/detail")]
pub async fn get_notice(id: i32) -> Result<PublicNotice, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::selections::public_notice(&svc.db, &actor(), id).await?)
}
