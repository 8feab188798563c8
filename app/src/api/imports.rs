use crate::model::AppError;
use crate::model::imports::{ImportHome, ImportView};
use leptos::prelude::*;

/// The import page: recent imports and the courses one may import into.
#[server(endpoint = "imports/home")]
pub async fn get_import_home() -> Result<ImportHome, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::imports::home(&svc.db, &actor()).await?)
}

/// One import's preview, progress or result.
#[server(endpoint = "imports/get")]
pub async fn get_import(id: i32) -> Result<ImportView, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::imports::view(&svc, &actor(), id).await?)
}
