use leptos::prelude::*;
use model::AppError;
use model::imports::{ImportHome, ImportView};

/// The import page: recent imports and the courses one may import into.
#[server(endpoint = "imports/home")]
pub async fn get_import_home() -> Result<ImportHome, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::imports::home(&svc.db, &actor()).await?)
}

/// One import's preview, progress or result.
#[server(endpoint = "imports/get")]
pub async fn get_import(id: i32) -> Result<ImportView, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::imports::view(&svc, &actor(), id).await?)
}
