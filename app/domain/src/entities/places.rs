//! `places`: what a base offers — incubation stations, livestream rooms, internships, jobs —
//! and how many; `taken` counts the active placements in it.

use super::Coded;
use model::enums::{PlaceStatus, PlacementKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "places")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The base.
    pub organisation_id: i32,
    pub kind: Coded<PlacementKind>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub requirements: Option<String>,
    /// Comma-separated support codes (`model::placements::Support`).
    pub support: String,
    pub capacity: i32,
    pub taken: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    /// Applicants must hold a valid certificate (of a qualifying course, if any are listed).
    pub requires_certificate: bool,
    pub status: Coded<PlaceStatus>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_places_organisation_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisations,
    #[sea_orm(has_many = "super::place_courses::Entity")]
    PlaceCourses,
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisations.def()
    }
}

impl Related<super::place_courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PlaceCourses.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
