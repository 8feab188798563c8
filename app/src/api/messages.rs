//! Messages: the signed-in user's inbox, and the bureau's outbox.

use leptos::prelude::*;
use model::AppError;
use model::i18n::Locale;
use model::messages::{Inbox, InboxMessage, OutboxPage, OutboxQuery};

/// A page of the signed-in user's messages in `locale`.
#[server(endpoint = "messages/inbox", input = server_fn::codec::Json)]
pub async fn get_inbox(page: Option<u64>, locale: Locale) -> Result<Inbox, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::messages::inbox(&svc.db, &actor(), page, locale).await?)
}

/// One of the signed-in user's messages in `locale`; opening it marks it read.
#[server(endpoint = "messages/open", input = server_fn::codec::Json)]
pub async fn open_message(id: i32, locale: Locale) -> Result<InboxMessage, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::messages::open(&svc.db, &actor(), id, locale).await?)
}

/// The outbox search (bureau admins).
#[server(endpoint = "messages/outbox", input = server_fn::codec::Json)]
pub async fn get_outbox(query: OutboxQuery, page: Option<u64>) -> Result<OutboxPage, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::messages::outbox(&svc.db, &actor(), &query, page, &svc.sms).await?)
}
