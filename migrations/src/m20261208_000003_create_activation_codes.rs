//! One-time activation codes that a college prints or hands over for a person it imported:
//! with the phone, the code sets the account's first password. One live code per account
//! (issuing another replaces it); only a keyed hash is kept, with the last two characters so
//! that the roster can show which slip is the live one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ActivationCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    Hint,
    IssuedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let t = ActivationCodes::Table;
        manager
            .create_table(
                Table::create()
                    .table(t)
                    .col(pk_auto(ActivationCodes::Id))
                    .col(integer(ActivationCodes::UserId).unique_key())
                    .col(string_len(ActivationCodes::CodeHash, 64))
                    .col(string_len(ActivationCodes::Hint, 2))
                    .col(integer_null(ActivationCodes::IssuedBy))
                    .col(timestamp_with_time_zone(ActivationCodes::CreatedAt))
                    .col(timestamp_with_time_zone(ActivationCodes::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ActivationCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_activation_codes_user")
                            .from(t, ActivationCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_activation_codes_issued_by")
                            .from(t, ActivationCodes::IssuedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ActivationCodes::Table).to_owned())
            .await
    }
}
