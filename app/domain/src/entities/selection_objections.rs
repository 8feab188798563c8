//! `selection_objections`: What the public sent while a round's shortlist was on notice. The
//! contact details are for the bureau only and never shown on a public page.

use super::Coded;
use model::enums::ObjectionStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selection_objections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    /// The candidate objected to, if the sender named one.
    pub nomination_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub status: Coded<ObjectionStatus>,
    #[sea_orm(column_type = "Text")]
    pub reply: Option<String>,
    pub handled_by: Option<i32>,
    pub handled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::selection_rounds::Entity",
        from = "Column::RoundId",
        to = "super::selection_rounds::Column::Id",
        fk_name = "fk_selection_objections_round_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    SelectionRounds,
}

impl Related<super::selection_rounds::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SelectionRounds.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
