//! `messages`: the outbox and every user's inbox. One row per message: a template and its
//! parameters, for a user (their inbox) and/or a phone (an SMS), with where its sending stands.

use super::Coded;
use model::messages::{MessageChannel, MessageStatus, MessageTemplate};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Whose inbox it is in; none for a message to a phone only (an event ticket, a code).
    pub user_id: Option<i32>,
    /// Where the SMS goes; none for an inbox-only message.
    pub phone: Option<String>,
    pub channel: Coded<MessageChannel>,
    pub template: Coded<MessageTemplate>,
    /// The template's parameters, a JSON object of strings.
    #[sea_orm(column_type = "Text")]
    pub params: String,
    /// The language the SMS is written in (`zh-CN`, `en`).
    pub locale: String,
    pub status: Coded<MessageStatus>,
    pub attempts: i32,
    /// When a sender may take it next: its due time, or the end of a sender's claim on it.
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub provider_message_id: Option<String>,
    /// Unique; given to the provider with every try, so a retry is never a second message.
    #[sea_orm(unique)]
    pub idempotency_key: String,
    /// SMS parts billed (0 for an inbox-only message).
    pub segments: i32,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
