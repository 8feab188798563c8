//! `selection_violations`: A complaint or violation recorded against a candidate (e.g. from a
//! market-supervision notice): it rules them out or takes points off their score.

use super::Coded;
use model::enums::ViolationEffect;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selection_violations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub nomination_id: i32,
    /// Where it comes from, e.g. a market-supervision notice's number.
    pub source: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub effect: Coded<ViolationEffect>,
    /// Points taken off (deductions only).
    pub points: i32,
    pub recorded_by: i32,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::selection_nominations::Entity",
        from = "Column::NominationId",
        to = "super::selection_nominations::Column::Id",
        fk_name = "fk_selection_violations_nomination_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    SelectionNominations,
}

impl Related<super::selection_nominations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SelectionNominations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
