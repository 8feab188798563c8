//! `targets`: Annual targets: year × scope × KPI → value (unique).

use super::Coded;
use model::enums::TargetScope;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "targets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub year: i32,
    pub scope_kind: Coded<TargetScope>,
    /// Town, programme or industry code; empty for the whole city.
    pub scope_value: String,
    pub kpi: String,
    pub value: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
