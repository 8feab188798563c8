//! `towns`: The 26 towns and sub-districts (seeded by migration); `code` is the stable key.

use super::Coded;
use model::enums::TownKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "towns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    #[sea_orm(unique)]
    pub name_zh: String,
    pub name_en: String,
    pub kind: Coded<TownKind>,
    pub sort_order: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::villages::Entity")]
    Villages,
}

impl Related<super::villages::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Villages.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
