//! The 26 towns and sub-districts of Yuzhou (seeded by the migrations).

use crate::DomainResult;
use crate::entities::towns;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

/// Every town in the city's order; their names are also kept for pages shown in English
/// ([`model::catalogue::town_in`]).
pub async fn list(db: &impl ConnectionTrait) -> DomainResult<Vec<towns::Model>> {
    let list = towns::Entity::find()
        .order_by_asc(towns::Column::SortOrder)
        .all(db)
        .await?;
    model::catalogue::remember_towns(
        list.iter()
            .map(|t| (t.name_zh.as_str(), t.name_en.as_str())),
    );
    Ok(list)
}

/// Each town's Chinese name by id.
pub async fn names(
    db: &impl ConnectionTrait,
) -> DomainResult<std::collections::HashMap<i32, String>> {
    Ok(list(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name_zh))
        .collect())
}
