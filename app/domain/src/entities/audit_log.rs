//! `audit_log`: Who did what to which row, when and from where. Append-only: the database rejects
//! UPDATE and DELETE.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    /// No foreign key, so the log outlives the user row.
    pub actor_user_id: Option<i32>,
    pub actor_ip: Option<String>,
    pub action: String,
    /// Table (or area) name of the row acted on.
    pub entity: String,
    pub entity_id: Option<String>,
    /// JSON.
    #[sea_orm(column_type = "Text")]
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
