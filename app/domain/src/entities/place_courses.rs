//! `place_courses`: the courses whose completion (or certificate) qualifies for a place.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "place_courses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub place_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::places::Entity",
        from = "Column::PlaceId",
        to = "super::places::Column::Id",
        fk_name = "fk_place_courses_place_id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Places,
}

impl Related<super::places::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Places.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
