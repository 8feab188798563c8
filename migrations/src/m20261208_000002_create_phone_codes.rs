//! One-time codes sent by SMS to prove a phone (password recovery first): only a keyed hash of
//! the code is kept, with its expiry and the tries left. Every request is a row, also for a
//! number with no account (no SMS is sent then), so the limits on requests per phone answer
//! the same whether or not the number is registered.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PhoneCodes {
    Table,
    Id,
    Phone,
    Purpose,
    CodeHash,
    CreatedAt,
    ExpiresAt,
    TriesLeft,
    UsedAt,
    Ip,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let t = PhoneCodes::Table;
        manager
            .create_table(
                Table::create()
                    .table(t)
                    .col(pk_auto(PhoneCodes::Id))
                    .col(string_len(PhoneCodes::Phone, 11))
                    .col(
                        string_len(PhoneCodes::Purpose, 20)
                            .check(Expr::col(PhoneCodes::Purpose).is_in(["reset"]))
                            .take(),
                    )
                    .col(string_len(PhoneCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone(PhoneCodes::CreatedAt))
                    .col(timestamp_with_time_zone(PhoneCodes::ExpiresAt))
                    .col(integer(PhoneCodes::TriesLeft))
                    .col(timestamp_with_time_zone_null(PhoneCodes::UsedAt))
                    .col(string_len_null(PhoneCodes::Ip, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_phone_codes_phone_purpose_created_at")
                    .table(t)
                    .col(PhoneCodes::Phone)
                    .col(PhoneCodes::Purpose)
                    .col(PhoneCodes::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_phone_codes_ip_created_at")
                    .table(t)
                    .col(PhoneCodes::Ip)
                    .col(PhoneCodes::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PhoneCodes::Table).to_owned())
            .await
    }
}
