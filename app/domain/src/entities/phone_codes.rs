//! `phone_codes`: one-time codes sent by SMS to prove a phone; only a keyed hash is kept.

use super::Coded;
use model::accounts::CodePurpose;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "phone_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub phone: String,
    pub purpose: Coded<CodePurpose>,
    /// HMAC-SHA256 of phone, purpose and code under a key derived for codes.
    pub code_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub tries_left: i32,
    pub used_at: Option<DateTimeUtc>,
    /// The address the request came from (for the per-address cap).
    pub ip: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
