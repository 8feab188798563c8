//! `selection_scores`: One reviewer's score (0–100) for one nomination against the round's
//! criteria.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selection_scores")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub nomination_id: i32,
    pub reviewer_id: i32,
    pub score: i32,
    #[sea_orm(column_type = "Text")]
    pub comment: Option<String>,
    pub scored_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::selection_nominations::Entity",
        from = "Column::NominationId",
        to = "super::selection_nominations::Column::Id",
        fk_name = "fk_selection_scores_nomination_id",
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
