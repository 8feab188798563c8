use leptos::prelude::*;
use model::AppError;
use model::catalogue::{CataloguePage, CatalogueQuery, CourseDetail, TownOption};

/// One page of the public catalogue.
#[server(endpoint = "catalogue/search", input = server_fn::codec::Json)]
pub async fn search_courses(query: CatalogueQuery) -> Result<CataloguePage, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::catalogue::search(&svc.db, &actor(), &query).await?)
}

/// A course's public page.
#[server(endpoint = "catalogue/course")]
pub async fn get_course(id: i32) -> Result<CourseDetail, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::catalogue::course(&svc.db, &actor(), id).await?)
}

/// The 26 towns and sub-districts, for the forms' choices.
#[server(endpoint = "catalogue/towns")]
pub async fn list_towns() -> Result<Vec<TownOption>, AppError> {
    use crate::api::context::services;
    let svc = services()?;
    Ok(domain::catalogue::town_options(&svc.db).await?)
}
