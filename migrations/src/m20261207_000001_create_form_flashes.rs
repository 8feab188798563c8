//! What a form sent when it comes back with messages (a failed submission): kept here for a
//! few minutes, sealed with the installation's key, and found again by a random token in a
//! cookie, so that personal data never travels in a URL (browser history, proxy and server
//! logs) and long forms do not make URLs longer than proxies accept.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum FormFlashes {
    Table,
    Id,
    TokenHash,
    Path,
    Payload,
    ExpiresAt,
}

const BY_TOKEN: &str = "idx_form_flashes_token_hash";
const BY_EXPIRY: &str = "idx_form_flashes_expires_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let t = FormFlashes::Table;
        manager
            .create_table(
                Table::create()
                    .table(t)
                    .col(pk_auto(FormFlashes::Id))
                    .col(string_len(FormFlashes::TokenHash, 64))
                    .col(string_len(FormFlashes::Path, 512))
                    .col(text(FormFlashes::Payload))
                    .col(timestamp_with_time_zone(FormFlashes::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_TOKEN)
                    .table(t)
                    .col(FormFlashes::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_EXPIRY)
                    .table(t)
                    .col(FormFlashes::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormFlashes::Table).to_owned())
            .await
    }
}
