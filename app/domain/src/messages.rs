//! Messages to people, through one outbox (`messages`).
//!
//! A change that tells someone something calls [`notify`] inside its own transaction, so the
//! message exists exactly when the change does: a crash loses neither, and a rollback takes
//! both back. Every message is in its recipient's inbox at once; one whose channel is SMS is
//! also queued for the SMS provider. Senders ([`send_due`], run in the background by
//! `yucai serve` and once by `yucai send-messages`) claim due rows in one statement
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the write lock of an IMMEDIATE transaction on
//! SQLite), so two instances never take the same row; a claim holds for [`CLAIM`], after which
//! a row whose sender died is taken again, with the same idempotency key. A failed try is
//! retried with a growing delay; after [`MAX_ATTEMPTS`] the row is marked failed. The action
//! that queued a message never waits for, or fails because of, the provider.
//!
//! Nothing is sent to a phone at night: a notice that falls between 21:00 and 08:00 China time
//! waits until morning (codes, which someone is waiting for, do not).

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::codes;
use crate::entities::{messages, users};
use crate::local_time::{at, beijing, end_of_day, format_time, local_date, start_of_day, today};
use crate::policy::{self, Operation};
use crate::sms::{Outgoing, SendError, SmsProvider, SmsSender};
use crate::{Actor, DomainError, DomainResult};
use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use model::accounts::mask_phone;
use model::audit::{AuditAction, AuditRecord};
use model::i18n::{Locale, Msg};
use model::messages::{
    Inbox, InboxMessage, MessageChannel, MessageParams, MessageStatus, MessageTemplate, OutboxDay,
    OutboxFilter, OutboxPage, OutboxQuery, OutboxRow, render, sms_segments, sms_text,
};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    Set,
};

/// How long a sender's claim on a row holds before another may take it.
pub const CLAIM: Duration = Duration::minutes(2);
/// Tries before a message is marked failed.
pub const MAX_ATTEMPTS: i32 = 6;
pub const INBOX_PER_PAGE: u64 = 20;
pub const OUTBOX_PER_PAGE: u64 = 50;
/// Days of figures shown above the outbox.
const OUTBOX_DAYS: i64 = 14;

/// The wait before try `attempt + 1` after `attempt` failed: 30 s, doubling, at most an hour.
pub fn backoff(attempt: i32) -> Duration {
    let exp = attempt.clamp(1, 8) - 1;
    Ord::min(Duration::seconds(30 << exp), Duration::hours(1))
}

/// `t`, or the next 08:00 China time when `t` falls in the night (21:00–08:00).
pub fn outside_quiet_hours(t: DateTime<Utc>) -> DateTime<Utc> {
    let local = t.with_timezone(&beijing());
    let hour = local.hour();
    let eight = NaiveTime::from_hms_opt(8, 0, 0).expect("08:00");
    if hour >= 21 {
        at(local.date_naive() + Duration::days(1), eight)
    } else if hour < 8 {
        at(local.date_naive(), eight)
    } else {
        t
    }
}

/// The templates that go by SMS (and so need an id registered with the provider).
pub fn sms_templates() -> impl Iterator<Item = MessageTemplate> {
    MessageTemplate::ALL.iter().copied().filter(|t| by_sms(*t))
}

/// Whether `template` goes by SMS as well as to the inbox when nothing says otherwise: what
/// someone must act on (a seat given, a decision, a certificate) does; the confirmation of
/// what they just did on screen does not.
fn by_sms(template: MessageTemplate) -> bool {
    !matches!(
        template,
        MessageTemplate::Enrolled | MessageTemplate::Waitlisted
    )
}

fn new_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn params_of(pairs: &[(&str, String)]) -> MessageParams {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// Puts a message in `user_id`'s inbox, and queues it by SMS to their phone when the template
/// goes by SMS. Call inside the transaction of the change it tells of.
pub(crate) async fn notify(
    db: &impl ConnectionTrait,
    user_id: i32,
    template: MessageTemplate,
    params: &[(&str, String)],
) -> DomainResult<()> {
    let phone = if by_sms(template) {
        users::Entity::find_by_id(user_id)
            .select_only()
            .column(users::Column::Phone)
            .into_tuple::<String>()
            .one(db)
            .await?
    } else {
        None
    };
    row(Some(user_id), phone, template, params_of(params))
        .insert(db)
        .await?;
    Ok(())
}

/// Sends a one-time code by SMS to `phone`: at once, day or night, and never to an inbox.
pub(crate) async fn send_code(
    db: &impl ConnectionTrait,
    phone: &str,
    template: MessageTemplate,
    code: &str,
) -> DomainResult<()> {
    debug_assert!(template.is_code());
    row(
        None,
        Some(phone.to_string()),
        template,
        params_of(&[("code", code.to_string())]),
    )
    .insert(db)
    .await?;
    Ok(())
}

/// [`notify`] for many users at once (a batch of certificates): one read of their phones and
/// one insert. Call inside the transaction of the change it tells of.
pub(crate) async fn notify_many(
    db: &impl ConnectionTrait,
    template: MessageTemplate,
    each: Vec<(i32, Vec<(&str, String)>)>,
) -> DomainResult<()> {
    if each.is_empty() {
        return Ok(());
    }
    let phones: std::collections::HashMap<i32, String> = if by_sms(template) {
        users::Entity::find()
            .select_only()
            .column(users::Column::Id)
            .column(users::Column::Phone)
            .filter(users::Column::Id.is_in(each.iter().map(|(id, _)| *id)))
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    } else {
        Default::default()
    };
    let rows: Vec<messages::ActiveModel> = each
        .into_iter()
        .map(|(user_id, params)| {
            row(
                Some(user_id),
                phones.get(&user_id).cloned(),
                template,
                params_of(&params),
            )
        })
        .collect();
    messages::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// A message row, not yet written: an SMS when it has a phone, else for the inbox only (and
/// so delivered as it is written).
fn row(
    user_id: Option<i32>,
    phone: Option<String>,
    template: MessageTemplate,
    params: MessageParams,
) -> messages::ActiveModel {
    let now = Utc::now();
    let locale = Locale::ZhCn;
    let (channel, status, next, sent_at) = match &phone {
        Some(_) => {
            let due = if template.is_code() {
                now
            } else {
                outside_quiet_hours(now)
            };
            (MessageChannel::Sms, MessageStatus::Queued, due, None)
        }
        None => (MessageChannel::Inbox, MessageStatus::Sent, now, Some(now)),
    };
    messages::ActiveModel {
        user_id: Set(user_id),
        phone: Set(phone),
        channel: Set(channel.into()),
        template: Set(template.into()),
        params: Set(serde_json::to_string(&params).expect("strings serialise")),
        locale: Set(locale.code().to_string()),
        status: Set(status.into()),
        attempts: Set(0),
        next_attempt_at: Set(next),
        last_error: Set(None),
        provider_message_id: Set(None),
        idempotency_key: Set(new_key()),
        segments: Set(0),
        created_at: Set(now),
        sent_at: Set(sent_at),
        read_at: Set(None),
        ..Default::default()
    }
}

fn params_from(row: &messages::Model) -> MessageParams {
    serde_json::from_str(&row.params).unwrap_or_default()
}

// ---- sending --------------------------------------------------------------------------------

/// Takes up to `limit` due SMS rows for this sender: each is marked sending, its try counted,
/// and held for [`CLAIM`].
async fn claim(db: &DatabaseConnection, limit: u64) -> DomainResult<Vec<messages::Model>> {
    let now = Utc::now();
    let mut due = Query::select();
    due.column(messages::Column::Id)
        .from(messages::Entity)
        .and_where(
            Expr::col(messages::Column::Status)
                .is_in(codes([MessageStatus::Queued, MessageStatus::Sending])),
        )
        .and_where(Expr::col(messages::Column::NextAttemptAt).lte(now))
        .order_by(messages::Column::NextAttemptAt, sea_orm::Order::Asc)
        .limit(limit);
    if db.get_database_backend() == DatabaseBackend::Postgres {
        // Rows another sender is claiming right now are skipped, not waited for.
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let txn = begin_write(db).await?;
    let claimed = messages::Entity::update_many()
        .col_expr(
            messages::Column::Status,
            Expr::value(MessageStatus::Sending.as_str()),
        )
        .col_expr(
            messages::Column::Attempts,
            Expr::col(messages::Column::Attempts).add(1),
        )
        .col_expr(messages::Column::NextAttemptAt, Expr::value(now + CLAIM))
        .filter(messages::Column::Id.in_subquery(due))
        .exec_with_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(claimed)
}

/// What one sender run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: u64,
    pub retried: u64,
    pub failed: u64,
}

/// Sends every due SMS through `sender`, `batch` at a time, until none is due; returns what
/// happened. Safe to run in several processes at once.
pub async fn send_due(
    db: &DatabaseConnection,
    sender: &impl SmsSender,
    batch: u64,
) -> DomainResult<SendReport> {
    let mut report = SendReport::default();
    loop {
        let rows = claim(db, batch).await?;
        if rows.is_empty() {
            return Ok(report);
        }
        let results =
            futures_util::future::join_all(rows.iter().map(|row| send_one(sender, row))).await;
        for (row, result) in rows.into_iter().zip(results) {
            record_outcome(db, sender.sign_name(), row, result, &mut report).await?;
        }
    }
}

async fn send_one(sender: &impl SmsSender, row: &messages::Model) -> Result<String, SendError> {
    if row.attempts > MAX_ATTEMPTS {
        // Taken again after a sender died on its last try.
        return Err(SendError::Rejected("no tries left".into()));
    }
    let Some(phone) = row.phone.clone() else {
        return Err(SendError::Rejected("no phone".into()));
    };
    let params = params_from(row);
    let locale = Locale::from_code(&row.locale);
    sender
        .send(&Outgoing {
            phone,
            template: *row.template,
            text: render(*row.template, &params, locale),
            params,
            idempotency_key: row.idempotency_key.clone(),
        })
        .await
}

async fn record_outcome(
    db: &DatabaseConnection,
    sign_name: &str,
    row: messages::Model,
    result: Result<String, SendError>,
    report: &mut SendReport,
) -> DomainResult<()> {
    let now = Utc::now();
    let text = sms_text(
        sign_name,
        &render(
            *row.template,
            &params_from(&row),
            Locale::from_code(&row.locale),
        ),
    );
    let attempts = row.attempts;
    let id = row.id;
    let mut active = row.into_active_model();
    match result {
        Ok(provider_id) => {
            report.sent += 1;
            active.status = Set(MessageStatus::Sent.into());
            active.sent_at = Set(Some(now));
            active.provider_message_id = Set(Some(provider_id.chars().take(100).collect()));
            active.last_error = Set(None);
            active.segments = Set(sms_segments(&text) as i32);
        }
        Err(e) => {
            let (retry, reason) = match e {
                SendError::Retry(reason) => (attempts < MAX_ATTEMPTS, reason),
                SendError::Rejected(reason) => (false, reason),
            };
            tracing::warn!(message = id, attempt = attempts, %reason, "SMS not sent");
            active.last_error = Set(Some(reason.chars().take(300).collect()));
            if retry {
                report.retried += 1;
                active.status = Set(MessageStatus::Queued.into());
                active.next_attempt_at = Set(outside_quiet_hours(now + backoff(attempts)));
            } else {
                report.failed += 1;
                active.status = Set(MessageStatus::Failed.into());
            }
        }
    }
    // Only while the claim is still this sender's: a row taken over after the claim ran out
    // (a send that hung for minutes) is the other sender's to record.
    messages::Entity::update_many()
        .set(active)
        .filter(messages::Column::Id.eq(id))
        .filter(messages::Column::Status.eq(MessageStatus::Sending.as_str()))
        .filter(messages::Column::Attempts.eq(attempts))
        .exec(db)
        .await?;
    Ok(())
}

// ---- the inbox ------------------------------------------------------------------------------

fn inbox_message(row: &messages::Model, locale: Locale) -> InboxMessage {
    InboxMessage {
        id: row.id,
        template: *row.template,
        title: locale.t(row.template.label()).to_string(),
        text: render(*row.template, &params_from(row), locale),
        at: format_time(row.created_at),
        read: row.read_at.is_some(),
    }
}

fn own(actor: &Actor) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ReadOwnMessages)?;
    actor.user_id().ok_or(DomainError::Unauthenticated)
}

/// How many of the user's messages are unread.
pub async fn unread_count(db: &impl ConnectionTrait, user_id: i32) -> DomainResult<u64> {
    Ok(messages::Entity::find()
        .filter(messages::Column::UserId.eq(user_id))
        .filter(messages::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// A page of the signed-in user's messages, newest first, in `locale`.
pub async fn inbox(
    db: &DatabaseConnection,
    actor: &Actor,
    page: Option<u64>,
    locale: Locale,
) -> DomainResult<Inbox> {
    let user_id = own(actor)?;
    let mine = messages::Entity::find().filter(messages::Column::UserId.eq(user_id));
    let total = mine.clone().count(db).await?;
    let pages = Ord::max(total.div_ceil(INBOX_PER_PAGE), 1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let rows = mine
        .order_by_desc(messages::Column::Id)
        .offset((page - 1) * INBOX_PER_PAGE)
        .limit(INBOX_PER_PAGE)
        .all(db)
        .await?;
    Ok(Inbox {
        messages: rows.iter().map(|r| inbox_message(r, locale)).collect(),
        page,
        per_page: INBOX_PER_PAGE,
        total,
        unread: unread_count(db, user_id).await?,
    })
}

/// One of the signed-in user's messages, marked read. Another's is not found.
pub async fn open(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    locale: Locale,
) -> DomainResult<InboxMessage> {
    let user_id = own(actor)?;
    let row = messages::Entity::find_by_id(id)
        .filter(messages::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let shown = inbox_message(&row, locale);
    if row.read_at.is_none() {
        messages::Entity::update_many()
            .col_expr(messages::Column::ReadAt, Expr::value(Utc::now()))
            .filter(messages::Column::Id.eq(id))
            .filter(messages::Column::ReadAt.is_null())
            .exec(db)
            .await?;
    }
    Ok(shown)
}

/// Marks every message of the signed-in user read; returns how many were unread.
pub async fn mark_all_read(db: &DatabaseConnection, actor: &Actor) -> DomainResult<u64> {
    let user_id = own(actor)?;
    Ok(messages::Entity::update_many()
        .col_expr(messages::Column::ReadAt, Expr::value(Utc::now()))
        .filter(messages::Column::UserId.eq(user_id))
        .filter(messages::Column::ReadAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

// ---- oversight ------------------------------------------------------------------------------

fn matching(filter: &OutboxFilter) -> Select<messages::Entity> {
    let mut select = messages::Entity::find();
    if let Some(status) = filter.status {
        select = select.filter(messages::Column::Status.eq(status.as_str()));
    }
    if let Some(template) = filter.template {
        select = select.filter(messages::Column::Template.eq(template.as_str()));
    }
    if let Some(phone) = &filter.phone {
        select = select.filter(messages::Column::Phone.starts_with(phone.as_str()));
    }
    if let Some(from) = filter.from {
        select = select.filter(messages::Column::CreatedAt.gte(start_of_day(from)));
    }
    if let Some(to) = filter.to {
        select = select.filter(messages::Column::CreatedAt.lte(end_of_day(to)));
    }
    select
}

fn outbox_row(row: &messages::Model, sms: &SmsProvider) -> OutboxRow {
    let mut params = params_from(row);
    if row.template.is_code() && !matches!(sms, SmsProvider::Log { .. }) {
        // Codes left the machine: nobody else has any business reading them.
        for value in params.values_mut() {
            *value = "******".into();
        }
    }
    let text = render(*row.template, &params, Locale::from_code(&row.locale));
    OutboxRow {
        id: row.id,
        at: format_time(row.created_at),
        channel: *row.channel,
        template: *row.template,
        phone: row.phone.as_deref().map(mask_phone),
        text: match *row.channel {
            MessageChannel::Sms => sms_text(sms.sign_name(), &text),
            MessageChannel::Inbox => text,
        },
        status: *row.status,
        attempts: row.attempts,
        segments: row.segments,
        last_error: row.last_error.clone(),
        sent_at: row.sent_at.map(format_time),
    }
}

/// The outbox as the bureau sees it: a page of the messages the search finds, newest first,
/// with what they came to per day. A search with mistakes comes back with its errors by field.
pub async fn outbox(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &OutboxQuery,
    page: Option<u64>,
    sms: &SmsProvider,
) -> DomainResult<OutboxPage> {
    policy::authorize(actor, Operation::ViewOutbox)?;
    let mut result = OutboxPage {
        query: query.clone(),
        errors: Vec::new(),
        rows: Vec::new(),
        page: 1,
        per_page: OUTBOX_PER_PAGE,
        total: 0,
        days: Vec::new(),
    };
    let filter = match query.parse(today()) {
        Ok(f) => f,
        Err(errors) => {
            result.errors = errors;
            return Ok(result);
        }
    };
    let select = matching(&filter);
    result.total = select.clone().count(db).await?;
    let pages = Ord::max(result.total.div_ceil(OUTBOX_PER_PAGE), 1);
    result.page = page.unwrap_or(1).clamp(1, pages);
    result.rows = select
        .clone()
        .order_by_desc(messages::Column::Id)
        .offset((result.page - 1) * OUTBOX_PER_PAGE)
        .limit(OUTBOX_PER_PAGE)
        .all(db)
        .await?
        .iter()
        .map(|r| outbox_row(r, sms))
        .collect();
    // The figures per day: four small columns of the last fortnight's rows, summed here (a
    // local day is not the same expression on both databases).
    let since = start_of_day(today() - Duration::days(OUTBOX_DAYS - 1));
    let recent: Vec<(DateTime<Utc>, String, i32, String)> = select
        .filter(messages::Column::CreatedAt.gte(since))
        .select_only()
        .column(messages::Column::CreatedAt)
        .column(messages::Column::Channel)
        .column(messages::Column::Segments)
        .column(messages::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut days: std::collections::BTreeMap<chrono::NaiveDate, OutboxDay> = Default::default();
    for (created, channel, segments, status) in recent {
        let day = local_date(created);
        let d = days.entry(day).or_insert_with(|| OutboxDay {
            day: day.to_string(),
            messages: 0,
            sms: 0,
            segments: 0,
            failed: 0,
        });
        d.messages += 1;
        if channel == MessageChannel::Sms.as_str() {
            d.sms += 1;
            d.segments += u64::try_from(segments).unwrap_or(0);
        }
        if status == MessageStatus::Failed.as_str() {
            d.failed += 1;
        }
    }
    result.days = days.into_values().rev().collect();
    Ok(result)
}

/// Queues a failed message again, for a fresh set of tries (audited).
pub async fn retry(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<()> {
    policy::authorize(actor, Operation::ViewOutbox)?;
    let txn = begin_write(db).await?;
    let row = messages::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if *row.status != MessageStatus::Failed {
        return Err(DomainError::Conflict(Msg::ErrMessageNotFailed));
    }
    let mut active = row.into_active_model();
    active.status = Set(MessageStatus::Queued.into());
    active.attempts = Set(0);
    active.next_attempt_at = Set(Utc::now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::MessageRetried,
            entity: AuditRecord::Message,
            entity_id: Some(id.to_string()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn tries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(20), Duration::hours(1));
    }

    #[test]
    fn nothing_goes_out_at_night_china_time() {
        // 12:00 UTC is 20:00 in China: sent.
        let evening = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        assert_eq!(outside_quiet_hours(evening), evening);
        // 13:30 UTC is 21:30: waits until 08:00 the next morning (00:00 UTC).
        let late = Utc.with_ymd_and_hms(2026, 12, 7, 13, 30, 0).unwrap();
        assert_eq!(
            outside_quiet_hours(late),
            Utc.with_ymd_and_hms(2026, 12, 8, 0, 0, 0).unwrap()
        );
        // 22:00 UTC is 06:00 the next day: waits two hours.
        let early = Utc.with_ymd_and_hms(2026, 12, 7, 22, 0, 0).unwrap();
        assert_eq!(
            outside_quiet_hours(early),
            Utc.with_ymd_and_hms(2026, 12, 8, 0, 0, 0).unwrap()
        );
    }
}
