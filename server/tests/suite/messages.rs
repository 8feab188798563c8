//! Messages: notices written with the change that causes them, the inbox and its unread count,
//! the outbox's senders (one send per message however many run, retries with backoff, a claim
//! taken over after its sender died), and the bureau's outbox page and API.

use chrono::{Duration, Utc};
use domain::entities::messages;
use domain::messages::{MAX_ATTEMPTS, backoff, outside_quiet_hours, send_due};
use domain::sms::{Outgoing, SendError, SmsSender};
use domain::{DomainError, enrolment};
use model::Role;
use model::i18n::Msg;
use model::messages::{MessageChannel, MessageStatus, MessageTemplate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use server::testing::{TestApp, test_id_number};
use std::sync::Mutex;

/// A provider that records what it is given and answers as told.
struct Recorder {
    answer: fn(&Outgoing) -> Result<String, SendError>,
    sent: Mutex<Vec<String>>,
}

impl Recorder {
    fn new(answer: fn(&Outgoing) -> Result<String, SendError>) -> Self {
        Recorder {
            answer,
            sent: Mutex::new(Vec::new()),
        }
    }

    fn keys(&self) -> Vec<String> {
        self.sent.lock().unwrap().clone()
    }
}

impl SmsSender for Recorder {
    fn sign_name(&self) -> &str {
        "禹州人社"
    }

    async fn send(&self, sms: &Outgoing) -> Result<String, SendError> {
        self.sent.lock().unwrap().push(sms.idempotency_key.clone());
        // Yield, so that senders running side by side interleave.
        tokio::task::yield_now().await;
        (self.answer)(sms)
    }
}

fn accept(sms: &Outgoing) -> Result<String, SendError> {
    Ok(format!("id-{}", sms.idempotency_key))
}

/// `n` queued SMS, due now, each with its own key.
async fn queue_sms(app: &TestApp, prefix: &str, n: usize) {
    let now = Utc::now();
    let rows: Vec<messages::ActiveModel> = (0..n)
        .map(|i| messages::ActiveModel {
            user_id: Set(None),
            phone: Set(Some(format!("139{i:08}"))),
            channel: Set(MessageChannel::Sms.into()),
            template: Set(MessageTemplate::SeatGiven.into()),
            params: Set(r#"{"course":"网店运营"}"#.into()),
            locale: Set("zh-CN".into()),
            status: Set(MessageStatus::Queued.into()),
            attempts: Set(0),
            next_attempt_at: Set(now - Duration::seconds(1)),
            idempotency_key: Set(format!("{prefix}-{i}")),
            segments: Set(0),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(100) {
        messages::Entity::insert_many(chunk.to_vec())
            .exec(&app.services.db)
            .await
            .unwrap();
    }
}

async fn all_messages(app: &TestApp) -> Vec<messages::Model> {
    messages::Entity::find()
        .order_by_asc(messages::Column::Id)
        .all(&app.services.db)
        .await
        .unwrap()
}

/// Makes every queued row due now (as if the morning had come, or the backoff had passed).
async fn make_due(app: &TestApp) {
    messages::Entity::update_many()
        .col_expr(
            messages::Column::NextAttemptAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .filter(messages::Column::Status.eq(MessageStatus::Queued.as_str()))
        .exec(&app.services.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_seat_from_the_waiting_list_reaches_the_inbox_and_the_phone() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let course = app.open_course(1, 10).await;
    let (first, first_actor) = app.trainee("学员甲", &test_id_number("19900101", 1)).await;
    let (second, second_actor) = app.trainee("学员乙", &test_id_number("19900101", 2)).await;
    enrolment::enrol(db, &first_actor, course).await.unwrap();
    enrolment::enrol(db, &second_actor, course).await.unwrap();

    // What they did on screen is confirmed in the inbox only.
    let rows = all_messages(&app).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(*rows[0].template, MessageTemplate::Enrolled);
    assert_eq!(rows[0].user_id, Some(first.id));
    assert_eq!(*rows[1].template, MessageTemplate::Waitlisted);
    assert!(
        rows[1].params.contains(r#""position":"1""#),
        "{}",
        rows[1].params
    );
    for row in &rows {
        assert_eq!(*row.channel, MessageChannel::Inbox);
        assert_eq!(*row.status, MessageStatus::Sent);
        assert_eq!(row.phone, None);
    }

    // The first withdraws: the seat goes to the second, who is told by SMS too, in the same
    // transaction as the promotion.
    enrolment::withdraw(db, &first_actor, course).await.unwrap();
    let seat = all_messages(&app).await.pop().unwrap();
    assert_eq!(*seat.template, MessageTemplate::SeatGiven);
    assert_eq!(seat.user_id, Some(second.id));
    assert_eq!(seat.phone.as_deref(), Some(second.phone.as_str()));
    assert_eq!(*seat.channel, MessageChannel::Sms);
    assert_eq!(*seat.status, MessageStatus::Queued);
    // Not at night, China time: queued for 08:00 when written after 21:00.
    assert_eq!(seat.next_attempt_at, outside_quiet_hours(seat.created_at));

    // The header counts the unread; the inbox lists them newest first, in the reader's language.
    let page = app.get("/learning", Some(&second.cookie)).await;
    assert!(
        page.body.contains(r#"class="unread-badge""#),
        "{}",
        page.body
    );
    let inbox = app.get("/messages", Some(&second.cookie)).await;
    assert_eq!(inbox.status, 200);
    let seat_title = inbox.body.find("候补成功").expect("the seat message");
    let wait_title = inbox
        .body
        .find("已进入候补名单")
        .expect("the waiting-list message");
    assert!(seat_title < wait_title);
    assert!(inbox.body.contains("2 条未读"), "{}", inbox.body);

    // Sent by the configured provider (log): kept in the outbox, billed parts counted.
    make_due(&app).await;
    let report = send_due(db, app.services.sms.as_ref(), 50).await.unwrap();
    assert_eq!(report.sent, 1);
    let seat = messages::Entity::find_by_id(seat.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(*seat.status, MessageStatus::Sent);
    assert_eq!(seat.attempts, 1);
    assert_eq!(
        seat.provider_message_id,
        Some(format!("log-{}", seat.idempotency_key))
    );
    assert_eq!(seat.segments, 1);

    // Opening a message marks it read; another's is not found.
    let opened = app
        .get(&format!("/messages/{}", seat.id), Some(&second.cookie))
        .await;
    assert!(
        opened.body.contains("已为您从候补名单递补报名"),
        "{}",
        opened.body
    );
    let read = messages::Entity::find_by_id(seat.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(read.read_at.is_some());
    let theirs = app
        .get(
            &format!("/api/v1/me/messages/{}", seat.id),
            Some(&first.cookie),
        )
        .await;
    assert_eq!(theirs.status, 404);
    // The API in English; marking all read leaves none unread.
    let api = app
        .get(
            "/api/v1/me/messages",
            Some(&format!("{}; yucai_lang=en", second.cookie)),
        )
        .await;
    assert_eq!(api.status, 200, "{}", api.body);
    let json = api.json();
    assert_eq!(json["unread"], 1);
    assert_eq!(json["messages"][0]["title"], "A seat is yours");
    let res = app
        .post_form("/messages/read", &[], Some(&second.cookie))
        .await;
    assert_eq!(res.location(), "/messages");
    let json = app
        .get("/api/v1/me/messages", Some(&second.cookie))
        .await
        .json();
    assert_eq!(json["unread"], 0);

    // Nobody signed in has no inbox.
    assert_eq!(app.get("/api/v1/me/messages", None).await.status, 401);
}

#[tokio::test]
async fn two_senders_side_by_side_send_each_message_once() {
    let app = TestApp::new().await;
    queue_sms(&app, "test", 300).await;
    let provider = Recorder::new(accept);
    let db = &app.services.db;
    let (a, b) = tokio::join!(send_due(db, &provider, 20), send_due(db, &provider, 20));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 300);
    let mut keys = provider.keys();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 300, "a message was given to the provider twice");
    assert_eq!(provider.keys().len(), 300);
    for row in all_messages(&app).await {
        assert_eq!(*row.status, MessageStatus::Sent);
        assert_eq!(row.attempts, 1);
        assert_eq!(
            row.provider_message_id,
            Some(format!("id-{}", row.idempotency_key))
        );
    }
    // Nothing is left to send.
    assert_eq!(send_due(db, &provider, 20).await.unwrap().sent, 0);
}

#[tokio::test]
async fn a_provider_that_keeps_failing_is_retried_with_growing_waits_then_given_up() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    queue_sms(&app, "test", 1).await;
    let down = Recorder::new(|_| Err(SendError::Retry("HTTP 503 from the provider".into())));
    for attempt in 1..=MAX_ATTEMPTS {
        let before = Utc::now();
        let report = send_due(db, &down, 10).await.unwrap();
        let row = all_messages(&app).await.pop().unwrap();
        assert_eq!(row.attempts, attempt);
        assert_eq!(
            row.last_error.as_deref(),
            Some("HTTP 503 from the provider")
        );
        if attempt < MAX_ATTEMPTS {
            assert_eq!(report.retried, 1);
            assert_eq!(*row.status, MessageStatus::Queued);
            // The next try waits (and waits for the morning at night).
            let earliest = outside_quiet_hours(before + backoff(attempt));
            assert!(row.next_attempt_at >= earliest - Duration::seconds(1));
            // Not due yet: a sender running now leaves it alone.
            assert_eq!(send_due(db, &down, 10).await.unwrap(), Default::default());
            make_due(&app).await;
        } else {
            assert_eq!(report.failed, 1);
            assert_eq!(*row.status, MessageStatus::Failed);
        }
    }
    assert_eq!(down.keys().len(), MAX_ATTEMPTS as usize);
    // Every try carried the message's one idempotency key.
    assert!(down.keys().iter().all(|k| k == "test-0"));

    // The bureau sends it again: a fresh set of tries, audited; only a failed one may be.
    let admin = app.user(Role::BureauAdmin).await;
    let actor = app.actor(&admin).await;
    let id = all_messages(&app).await[0].id;
    let res = app
        .post_form(
            &format!("/admin/messages/{id}/retry"),
            &[],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        res.location().contains("OutboxRetried"),
        "{}",
        res.location()
    );
    assert_eq!(app.audited("message.retried").await, 1);
    let row = all_messages(&app).await.pop().unwrap();
    assert_eq!((*row.status, row.attempts), (MessageStatus::Queued, 0));
    assert!(matches!(
        domain::messages::retry(db, &actor, id).await,
        Err(DomainError::Conflict(Msg::ErrMessageNotFailed))
    ));
    let report = send_due(db, &Recorder::new(accept), 10).await.unwrap();
    assert_eq!(report.sent, 1);

    // A provider that refuses a message outright is not asked again.
    queue_sms(&app, "refused", 1).await;
    let refusing = Recorder::new(|_| Err(SendError::Rejected("template not approved".into())));
    let report = send_due(db, &refusing, 10).await.unwrap();
    assert_eq!(report.failed, 1);
    assert_eq!(refusing.keys(), ["refused-0"]);
    assert_eq!(*all_messages(&app).await[1].status, MessageStatus::Failed);
}

#[tokio::test]
async fn a_claim_whose_sender_died_is_taken_again_with_the_same_key() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    queue_sms(&app, "test", 1).await;
    // A sender took it and died before recording anything: the claim still holds …
    let mut row = all_messages(&app).await.pop().unwrap().into_active_model();
    row.status = Set(MessageStatus::Sending.into());
    row.attempts = Set(1);
    row.next_attempt_at = Set(Utc::now() + Duration::minutes(1));
    let row = row.update(db).await.unwrap();
    let provider = Recorder::new(accept);
    assert_eq!(send_due(db, &provider, 10).await.unwrap().sent, 0);
    // … until it runs out; then the next sender sends it, with the key it had.
    let mut row = row.into_active_model();
    row.next_attempt_at = Set(Utc::now() - Duration::seconds(1));
    row.update(db).await.unwrap();
    assert_eq!(send_due(db, &provider, 10).await.unwrap().sent, 1);
    assert_eq!(provider.keys(), ["test-0"]);
    let row = all_messages(&app).await.pop().unwrap();
    assert_eq!((*row.status, row.attempts), (MessageStatus::Sent, 2));
}

#[tokio::test]
async fn the_outbox_is_the_bureau_admins_with_its_texts_and_daily_figures() {
    let app = TestApp::new().await;
    queue_sms(&app, "test", 3).await;
    send_due(&app.services.db, app.services.sms.as_ref(), 10)
        .await
        .unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let page = app.get("/admin/messages", Some(&admin.cookie)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("【禹州人社】“网店运营”有空位"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("139****0002"),
        "phones are masked: {}",
        page.body
    );
    assert!(!page.body.contains("13900000002"));
    assert!(page.body.contains(r#"id="outbox-days""#));

    let json = app
        .get(
            "/api/v1/messages?status=sent&template=seat_given",
            Some(&admin.cookie),
        )
        .await
        .json();
    assert_eq!(json["total"], 3);
    assert_eq!(json["days"][0]["sms"], 3);
    assert_eq!(json["days"][0]["segments"], 3);
    let bad = app
        .get(
            "/api/v1/messages?status=lost&phone=abc",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(bad.status, 422);
    let body = bad.json();
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["status", "phone"]);

    for role in [Role::Trainee, Role::PartnerStaff, Role::BureauViewer] {
        let user = app.user(role).await;
        assert_eq!(
            app.get("/api/v1/messages", Some(&user.cookie)).await.status,
            403,
            "{role:?}"
        );
        let res = app
            .post_form("/admin/messages/1/retry", &[], Some(&user.cookie))
            .await;
        assert!(
            res.location().contains("error=ErrForbidden"),
            "{role:?}: {}",
            res.location()
        );
    }
    let count = messages::Entity::find()
        .filter(messages::Column::Status.eq(MessageStatus::Sent.as_str()))
        .count(&app.services.db)
        .await
        .unwrap();
    assert_eq!(count, 3);
}
