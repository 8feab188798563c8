//! `form_flashes`: what a form sent when it went back to the page with messages, sealed, for a
//! few minutes; the browser holds the token whose SHA-256 is `token_hash`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_flashes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The page the values belong to (its path, without the query).
    pub path: String,
    /// The field names and values as JSON, sealed with AES-GCM.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
