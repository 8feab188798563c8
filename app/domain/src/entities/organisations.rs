//! `organisations`: Partner organisations: colleges, training schools, enterprises, bases,
//! associations.

use super::Coded;
use model::enums::{OrganisationKind, OrganisationStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: Coded<OrganisationKind>,
    pub name: String,
    /// 统一社会信用代码 (18 characters, GB 32100 check character).
    #[sea_orm(unique)]
    pub credit_code: String,
    pub town_id: Option<i32>,
    pub address: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub status: Coded<OrganisationStatus>,
    #[sea_orm(column_type = "Text")]
    pub status_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::towns::Entity",
        from = "Column::TownId",
        to = "super::towns::Column::Id",
        fk_name = "fk_organisations_town_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Towns,
    #[sea_orm(has_many = "super::users::Entity")]
    Users,
    #[sea_orm(has_many = "super::courses::Entity")]
    Courses,
    #[sea_orm(has_many = "super::placements::Entity")]
    Placements,
}

impl Related<super::towns::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Towns.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Courses.def()
    }
}

impl Related<super::placements::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Placements.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
