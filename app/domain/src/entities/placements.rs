//! `placements`: A trainee's application for and stay at a base: incubation, internship, livestream
//! room or job.

use super::Coded;
use model::enums::{PlacementKind, PlacementStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "placements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trainee_id: i32,
    /// The base.
    pub organisation_id: i32,
    /// The place applied for (placements recorded before places existed have none).
    pub place_id: Option<i32>,
    pub kind: Coded<PlacementKind>,
    pub status: Coded<PlacementStatus>,
    #[sea_orm(column_type = "Text")]
    pub statement: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub decision_reason: Option<String>,
    /// Station or room.
    pub station: Option<String>,
    pub applied_at: DateTimeUtc,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub end_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::trainees::Entity",
        from = "Column::TraineeId",
        to = "super::trainees::Column::Id",
        fk_name = "fk_placements_trainee_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Trainees,
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_placements_organisation_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisations,
    #[sea_orm(
        belongs_to = "super::places::Entity",
        from = "Column::PlaceId",
        to = "super::places::Column::Id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Places,
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisations.def()
    }
}

impl Related<super::places::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Places.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
