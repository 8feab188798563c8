//! `activation_codes`: the one live printed activation code of an imported account; only a
//! keyed hash is kept, and the last two characters for the roster.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activation_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    /// HMAC-SHA256 of the account and the code under a key derived for activation codes.
    pub code_hash: String,
    /// The code's last two characters, shown masked on the roster (`····-··K7`).
    pub hint: String,
    pub issued_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
