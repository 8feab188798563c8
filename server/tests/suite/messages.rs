//! Messages: notices written with the change that causes them, the inbox and its unread count,
//! the outbox's senders (one send per message however many run, retries with backoff, a claim
//! taken over after its sender died), and the bureau's outbox page and API.

use chrono::{Duration, Utc};
use domain::entities::messages;
use domain::messages::{MAX_ATTEMPTS, backoff, outside_quiet_hours, send_due};
use domain::sms::{Outgoing, SendError, SmsProvider, SmsSender};
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

/// A local stand-in for Aliyun's and Tencent's SMS endpoints. It checks what arrives on the
/// wire as the provider does — the signature recomputed from the received parameters (or
/// body and headers) with the provider's secret, the action, version and required fields —
/// and answers like the provider: accepted, throttled (numbers ending in 1), or a template it
/// does not know (`BAD`).
mod fake_provider {
    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::State;
    use axum::http::HeaderMap;
    use axum::routing::post;
    use domain::sms::{aliyun, tencent};
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};

    pub const KEY_ID: &str = "fake-key-id";
    pub const SECRET: &str = "fake-secret";

    /// What the fake received: (idempotency key, phone, template id, parameters as sent).
    pub type Seen = Arc<Mutex<Vec<(String, String, String, String)>>>;

    pub async fn start(kind: &'static str) -> (String, Seen) {
        let seen: Seen = Arc::default();
        let app = match kind {
            "aliyun" => Router::new().route("/", post(aliyun_send)),
            _ => Router::new().route("/", post(tencent_send)),
        }
        .with_state(seen.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (format!("http://{addr}/"), seen)
    }

    async fn aliyun_send(
        State(seen): State<Seen>,
        axum::Form(params): axum::Form<BTreeMap<String, String>>,
    ) -> String {
        let given = params.get("Signature").cloned().unwrap_or_default();
        if params.get("AccessKeyId").map(String::as_str) != Some(KEY_ID)
            || aliyun::signature("POST", &params, SECRET) != given
        {
            return r#"{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation.","RequestId":"r0"}"#.into();
        }
        for (name, value) in [
            ("Action", "SendSms"),
            ("Version", "2017-05-25"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
        ] {
            assert_eq!(params.get(name).map(String::as_str), Some(value), "{name}");
        }
        for name in [
            "PhoneNumbers",
            "SignName",
            "TemplateCode",
            "TemplateParam",
            "Timestamp",
            "SignatureNonce",
            "OutId",
        ] {
            assert!(
                params.get(name).is_some_and(|v| !v.is_empty()),
                "{name} missing"
            );
        }
        serde_json::from_str::<serde_json::Value>(&params["TemplateParam"])
            .expect("TemplateParam is JSON");
        let phone = params["PhoneNumbers"].clone();
        let template = params["TemplateCode"].clone();
        seen.lock().unwrap().push((
            params["OutId"].clone(),
            phone.clone(),
            template.clone(),
            params["TemplateParam"].clone(),
        ));
        if phone.ends_with('1') {
            r#"{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发小时级流控Permits:5","RequestId":"r1"}"#.into()
        } else if template == "BAD" {
            r#"{"Code":"isv.SMS_TEMPLATE_ILLEGAL","Message":"模板不合法(不存在或被拉黑)","RequestId":"r2"}"#.into()
        } else {
            format!(r#"{{"Code":"OK","Message":"OK","BizId":"biz-{phone}","RequestId":"r3"}}"#)
        }
    }

    async fn tencent_send(State(seen): State<Seen>, headers: HeaderMap, body: Bytes) -> String {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let payload = String::from_utf8(body.to_vec()).unwrap();
        let timestamp: i64 = header("x-tc-timestamp").parse().unwrap_or(0);
        let expected = tencent::sign(
            KEY_ID,
            SECRET,
            "sms",
            &header("host"),
            &header("content-type"),
            &payload,
            timestamp,
        );
        if header("authorization") != expected.authorization {
            return r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated."},"RequestId":"r0"}}"#.into();
        }
        assert_eq!(header("x-tc-action"), "SendSms");
        assert_eq!(header("x-tc-version"), "2021-01-11");
        assert!(!header("x-tc-region").is_empty());
        let body: serde_json::Value = serde_json::from_str(&payload).unwrap();
        let phone = body["PhoneNumberSet"][0].as_str().unwrap().to_string();
        assert!(phone.starts_with("+86"), "{phone}");
        assert!(body["SmsSdkAppId"].as_str().is_some_and(|v| !v.is_empty()));
        assert!(body["SignName"].as_str().is_some_and(|v| !v.is_empty()));
        let template = body["TemplateId"].as_str().unwrap().to_string();
        let key = body["SessionContext"].as_str().unwrap().to_string();
        seen.lock().unwrap().push((
            key.clone(),
            phone.clone(),
            template.clone(),
            body["TemplateParamSet"].to_string(),
        ));
        let status = if phone.ends_with('1') {
            r#""Code":"LimitExceeded.PhoneNumberThirtySecondLimit","Message":"the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit","SerialNo":"""#.to_string()
        } else if template == "BAD" {
            r#""Code":"FailedOperation.TemplateIncorrectOrUnapproved","Message":"template is not approved or request content does not match the approved template content","SerialNo":"""#.to_string()
        } else {
            format!(r#""Code":"Ok","Message":"send success","SerialNo":"2640:{key}","Fee":1"#)
        };
        format!(
            r#"{{"Response":{{"SendStatusSet":[{{"PhoneNumber":"{phone}","SessionContext":"{key}","IsoCode":"CN",{status}}}],"RequestId":"r9"}}}}"#
        )
    }
}

/// A row to send now: `template` with `params` to `phone`.
async fn queue_one(app: &TestApp, phone: &str, template: MessageTemplate, params: &str, key: &str) {
    let now = Utc::now();
    messages::ActiveModel {
        user_id: Set(None),
        phone: Set(Some(phone.into())),
        channel: Set(MessageChannel::Sms.into()),
        template: Set(template.into()),
        params: Set(params.into()),
        locale: Set("zh-CN".into()),
        status: Set(MessageStatus::Queued.into()),
        attempts: Set(0),
        next_attempt_at: Set(now - Duration::seconds(1)),
        idempotency_key: Set(key.into()),
        segments: Set(0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.services.db)
    .await
    .unwrap();
}

fn templates() -> std::collections::BTreeMap<String, String> {
    domain::sms::parse_templates("seat_given=SMS_OK, certificate_issued=BAD").unwrap()
}

/// Sends four messages through `provider` against the fake: one accepted, one throttled
/// (queued again), one refused for its template and one with no template configured (never
/// sent); then the same with a wrong secret, which the fake refuses.
async fn provider_round_trip(kind: &'static str, make: fn(&str, &str) -> SmsProvider) {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let (endpoint, seen) = fake_provider::start(kind).await;
    queue_one(
        &app,
        "13900000010",
        MessageTemplate::SeatGiven,
        r#"{"course":"网店运营"}"#,
        "k-ok",
    )
    .await;
    queue_one(
        &app,
        "13900000011",
        MessageTemplate::SeatGiven,
        r#"{"course":"网店运营"}"#,
        "k-busy",
    )
    .await;
    queue_one(
        &app,
        "13900000012",
        MessageTemplate::CertificateIssued,
        r#"{"course":"直播带货","url":"http://127.0.0.1:3000/verify/X"}"#,
        "k-bad",
    )
    .await;
    queue_one(
        &app,
        "13900000013",
        MessageTemplate::ApplicationAccepted,
        r#"{"place":"钧瓷电商基地"}"#,
        "k-none",
    )
    .await;

    let provider = make(&endpoint, fake_provider::SECRET);
    let report = send_due(db, &provider, 10).await.unwrap();
    assert_eq!(
        (report.sent, report.retried, report.failed),
        (1, 1, 2),
        "{kind}"
    );
    let rows = all_messages(&app).await;
    let by_key = |k: &str| {
        rows.iter()
            .find(|r| r.idempotency_key == k)
            .unwrap()
            .clone()
    };
    let ok = by_key("k-ok");
    assert_eq!(*ok.status, MessageStatus::Sent);
    assert!(
        ok.provider_message_id
            .as_deref()
            .is_some_and(|id| id.contains(if kind == "aliyun" {
                "biz-13900000010"
            } else {
                "2640:k-ok"
            })),
        "{:?}",
        ok.provider_message_id
    );
    let busy = by_key("k-busy");
    assert_eq!(*busy.status, MessageStatus::Queued);
    assert_eq!(busy.attempts, 1);
    assert!(busy.next_attempt_at > Utc::now());
    assert!(
        busy.last_error
            .as_deref()
            .is_some_and(|e| e.contains("LIMIT") || e.contains("LimitExceeded")),
        "{:?}",
        busy.last_error
    );
    let bad = by_key("k-bad");
    assert_eq!(*bad.status, MessageStatus::Failed);
    assert!(
        bad.last_error
            .as_deref()
            .is_some_and(|e| e.contains("TEMPLATE") || e.contains("Template")),
        "{:?}",
        bad.last_error
    );
    let none = by_key("k-none");
    assert_eq!(*none.status, MessageStatus::Failed);
    assert!(
        none.last_error
            .as_deref()
            .is_some_and(|e| e.contains("no ") && e.contains("application_accepted")),
        "{:?}",
        none.last_error
    );
    // What the provider was given: the message's key, its number and the registered
    // template, with the parameters (never the unconfigured one).
    let got = seen.lock().unwrap().clone();
    assert_eq!(got.len(), 3);
    assert!(
        got.iter()
            .any(|(key, phone, template, params)| key == "k-ok"
                && phone.ends_with("13900000010")
                && template == "SMS_OK"
                && params.contains("网店运营"))
    );
    assert!(got.iter().all(|(key, ..)| key != "k-none"));

    // The retry carries the same idempotency key; a wrong secret is refused by the provider.
    make_due(&app).await;
    let wrong = make(&endpoint, "not-the-secret");
    let report = send_due(db, &wrong, 10).await.unwrap();
    assert_eq!(report.failed, 1);
    let busy = all_messages(&app)
        .await
        .into_iter()
        .find(|r| r.idempotency_key == "k-busy")
        .unwrap();
    assert_eq!(*busy.status, MessageStatus::Failed);
    assert!(
        busy.last_error
            .as_deref()
            .is_some_and(|e| e.contains("Signature")),
        "{:?}",
        busy.last_error
    );
    assert!(
        busy.last_error
            .as_deref()
            .is_some_and(|e| !e.contains("not-the-secret") && !e.contains(fake_provider::SECRET))
    );
    assert_eq!(
        seen.lock().unwrap().len(),
        3,
        "a request with a bad signature is not taken"
    );
}

#[tokio::test]
async fn aliyun_requests_are_signed_as_documented_and_its_answers_understood() {
    provider_round_trip("aliyun", |endpoint, secret| {
        SmsProvider::Aliyun(domain::sms::aliyun::Aliyun {
            endpoint: endpoint.into(),
            access_key_id: fake_provider::KEY_ID.into(),
            access_key_secret: secret.into(),
            sign_name: "禹州人社".into(),
            templates: templates(),
        })
    })
    .await;
}

#[tokio::test]
async fn tencent_requests_are_signed_as_documented_and_its_answers_understood() {
    provider_round_trip("tencent", |endpoint, secret| {
        SmsProvider::Tencent(domain::sms::tencent::Tencent {
            endpoint: endpoint.into(),
            region: domain::sms::tencent::DEFAULT_REGION.into(),
            secret_id: fake_provider::KEY_ID.into(),
            secret_key: secret.into(),
            app_id: "1400000000".into(),
            sign_name: "禹州人社".into(),
            templates: templates(),
        })
    })
    .await;
}
