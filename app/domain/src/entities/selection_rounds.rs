//! `selection_rounds`: A public honour selection (诚信带货主播, 文明诚信电商) for one kind and year.

use super::Coded;
use model::enums::{RoundStatus, SelectionKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selection_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: Coded<SelectionKind>,
    pub year: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub criteria: String,
    /// How long the shortlist stays on public notice.
    pub notice_days: i32,
    pub status: Coded<RoundStatus>,
    pub notice_starts_at: Option<DateTimeUtc>,
    pub notice_ends_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::selection_nominations::Entity")]
    SelectionNominations,
}

impl Related<super::selection_nominations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SelectionNominations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
