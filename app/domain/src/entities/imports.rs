//! `imports`: an uploaded sheet of trainees or of attendance marks, checked and waiting to be applied (or applied, or
//! discarded). `payload` is the parsed rows sealed with the secret key (they hold ID numbers);
//! it is cleared when the import is applied or discarded.

use super::Coded;
use model::enums::{ImportKind, ImportStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub created_by: i32,
    /// The importer's organisation (`None` for bureau staff).
    pub organisation_id: Option<i32>,
    /// The course the rows are enrolled in, if one was chosen.
    pub course_id: Option<i32>,
    pub file_name: String,
    pub kind: Coded<ImportKind>,
    pub status: Coded<ImportStatus>,
    pub total_rows: i32,
    pub valid_rows: i32,
    #[sea_orm(column_type = "Text")]
    pub payload: Option<String>,
    /// JSON: what applying did.
    #[sea_orm(column_type = "Text")]
    pub result: Option<String>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
