//! `selection_nominations`: A person put forward in a selection round, by a partner, by the
//! bureau or by applying themselves; at most once per round.

use super::Coded;
use model::enums::NominationStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selection_nominations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub trainee_id: i32,
    /// The shop or business the honour is for (business rounds).
    pub business_name: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// The partner that nominated; none when the bureau did or the person applied.
    pub organisation_id: Option<i32>,
    pub nominated_by: i32,
    pub status: Coded<NominationStatus>,
    /// The honour certificate, once the result is published.
    pub certificate_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::selection_rounds::Entity",
        from = "Column::RoundId",
        to = "super::selection_rounds::Column::Id",
        fk_name = "fk_selection_nominations_round_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    SelectionRounds,
    #[sea_orm(
        belongs_to = "super::trainees::Entity",
        from = "Column::TraineeId",
        to = "super::trainees::Column::Id",
        fk_name = "fk_selection_nominations_trainee_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Trainees,
    #[sea_orm(has_many = "super::selection_scores::Entity")]
    SelectionScores,
    #[sea_orm(has_many = "super::selection_violations::Entity")]
    SelectionViolations,
}

impl Related<super::selection_rounds::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SelectionRounds.def()
    }
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl Related<super::selection_scores::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SelectionScores.def()
    }
}

impl Related<super::selection_violations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SelectionViolations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
