use leptos::prelude::*;
use model::AppError;
use model::placements::{
    ManagedPlace, ManagedPlaces, MyApplication, PlacePage, PlacementList, PublicPlaces,
};

/// The public list of bases and their open places.
#[server(endpoint = "places/public")]
pub async fn get_public_places() -> Result<PublicPlaces, AppError> {
    use crate::api::context::services;
    let svc = services()?;
    Ok(domain::placements::public_places(&svc.db).await?)
}

/// A place's page, with the viewer's application and whether they may apply.
#[server(endpoint = "places/page")]
pub async fn get_place(id: i32) -> Result<PlacePage, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::placements::place_page(&svc.db, &actor(), id).await?)
}

/// The signed-in trainee's applications and placements.
#[server(endpoint = "places/mine")]
pub async fn get_my_applications() -> Result<Vec<MyApplication>, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::placements::my_applications(&svc.db, &actor()).await?)
}

/// A base's places (the bureau: every base's).
#[server(endpoint = "places/managed")]
pub async fn get_managed_places() -> Result<ManagedPlaces, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::placements::managed_places(&svc.db, &actor()).await?)
}

/// One place with its applications and placements, for its base or the bureau.
#[server(endpoint = "places/managed_one")]
pub async fn get_managed_place(id: i32) -> Result<ManagedPlace, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::placements::managed_place(&svc.db, &actor(), id).await?)
}

/// Placements across bases, of one status (its code) or all (anything else).
#[server(endpoint = "places/placements")]
pub async fn get_placements(status: String) -> Result<PlacementList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    let status = model::enums::PlacementStatus::parse(&status);
    Ok(domain::placements::list(&svc.db, &actor(), status).await?)
}
