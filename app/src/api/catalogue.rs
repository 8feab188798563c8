use crate::model::AppError;
use crate::model::catalogue::{CataloguePage, CatalogueQuery, CourseDetail};
use leptos::prelude::*;

/// One page of the public catalogue.
#[server(endpoint = "catalogue/search", input = server_fn::codec::Json)]
pub async fn search_courses(query: CatalogueQuery) -> Result<CataloguePage, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::catalogue::search(&svc.db, &actor(), &query).await?)
}

/// A course's public page.
#[server(endpoint = "catalogue/course")]
pub async fn get_course(id: i32) -> Result<CourseDetail, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::catalogue::course(&svc.db, &actor(), id).await?)
}
