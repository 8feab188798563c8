//! The outbox: every message Yucai sends a person (the inbox, and SMS where that is the
//! channel) as one row, written in the same transaction as the change that causes it. Senders
//! claim due rows (`status`, `next_attempt_at`), hand them to the SMS provider with their
//! idempotency key, and record the outcome; the inbox reads a user's rows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Messages {
    Table,
    Id,
    UserId,
    Phone,
    Channel,
    Template,
    Params,
    Locale,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    ProviderMessageId,
    IdempotencyKey,
    Segments,
    CreatedAt,
    SentAt,
    ReadAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let m = Messages::Table;
        manager
            .create_table(
                Table::create()
                    .table(m)
                    .col(pk_auto(Messages::Id))
                    .col(integer_null(Messages::UserId))
                    .col(string_len_null(Messages::Phone, 11))
                    .col(
                        string_len(Messages::Channel, 10)
                            .check(Expr::col(Messages::Channel).is_in(["inbox", "sms"]))
                            .take(),
                    )
                    // A `model::messages::MessageTemplate` code. No CHECK list here: templates
                    // are added often, and widening a CHECK on SQLite rebuilds the table.
                    .col(string_len(Messages::Template, 40))
                    .col(text(Messages::Params))
                    .col(string_len(Messages::Locale, 8))
                    .col(
                        string_len(Messages::Status, 10)
                            .check(Expr::col(Messages::Status).is_in([
                                "queued",
                                "sending",
                                "sent",
                                "failed",
                                "cancelled",
                            ]))
                            .take(),
                    )
                    .col(integer(Messages::Attempts).default(0))
                    .col(timestamp_with_time_zone(Messages::NextAttemptAt))
                    .col(string_len_null(Messages::LastError, 300))
                    .col(string_len_null(Messages::ProviderMessageId, 100))
                    .col(string_len(Messages::IdempotencyKey, 100))
                    .col(integer(Messages::Segments).default(0))
                    .col(timestamp_with_time_zone(Messages::CreatedAt))
                    .col(timestamp_with_time_zone_null(Messages::SentAt))
                    .col(timestamp_with_time_zone_null(Messages::ReadAt))
                    .check(
                        Expr::col(Messages::UserId)
                            .is_not_null()
                            .or(Expr::col(Messages::Phone).is_not_null()),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_messages_user_id")
                            .from(m, Messages::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            (
                "idx_messages_idempotency_key",
                &[Messages::IdempotencyKey][..],
                true,
            ),
            // The senders' claim: due rows of a status, oldest first.
            (
                "idx_messages_status_next_attempt_at",
                &[Messages::Status, Messages::NextAttemptAt][..],
                false,
            ),
            // A user's inbox, newest first, and its unread count.
            (
                "idx_messages_user_id_id",
                &[Messages::UserId, Messages::Id][..],
                false,
            ),
            ("idx_messages_created_at", &[Messages::CreatedAt][..], false),
        ] {
            let mut index = Index::create();
            index.name(name).table(m);
            for col in cols {
                index.col(*col);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Messages::Table).to_owned())
            .await
    }
}
