//! `villages`: Optional villages under a town.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "villages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub town_id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::towns::Entity",
        from = "Column::TownId",
        to = "super::towns::Column::Id",
        fk_name = "fk_villages_town_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Towns,
}

impl Related<super::towns::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Towns.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
