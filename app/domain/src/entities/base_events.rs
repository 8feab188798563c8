//! `base_events`: an event a base held (training talk, salon, roadshow, matchmaking fair,
//! contest), counted into the base's yearly KPIs.

use super::Coded;
use model::enums::BaseEventKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The base.
    pub organisation_id: i32,
    pub held_on: Date,
    pub kind: Coded<BaseEventKind>,
    pub title: String,
    pub participants: i32,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_base_events_organisation_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisations,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        fk_name = "fk_base_events_created_by",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
