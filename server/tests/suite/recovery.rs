//! Password recovery by SMS code: a code goes to a registered phone only (the answer is the
//! same for any number), requests are limited, wrong codes cost tries, a right one sets the
//! password, ends every session and signs in; an imported account gets in the same way.

use chrono::{Duration, Utc};
use domain::accounts::{self, NO_PASSWORD, NewUser};
use domain::entities::{messages, phone_codes};
use model::Role;
use model::messages::{MessageChannel, MessageTemplate};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use server::testing::{TEST_PASSWORD, TestApp, query_value};

const NEW_PASSWORD: &str = "a-new-password-2";

/// The code in the latest SMS to `phone`, if any.
async fn code_sent_to(app: &TestApp, phone: &str) -> Option<String> {
    let row = messages::Entity::find()
        .filter(messages::Column::Phone.eq(phone))
        .filter(messages::Column::Template.eq(MessageTemplate::ResetCode.as_str()))
        .all(&app.services.db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|m| m.id)?;
    let params: serde_json::Value = serde_json::from_str(&row.params).unwrap();
    Some(params["code"].as_str().unwrap().to_string())
}

async fn reset(app: &TestApp, phone: &str, code: &str, password: &str, confirm: &str) -> String {
    app.post_form(
        "/reset",
        &[
            ("phone", phone),
            ("code", code),
            ("password", password),
            ("password_confirm", confirm),
        ],
        None,
    )
    .await
    .location()
    .to_string()
}

fn wrong(code: &str) -> String {
    // A six-digit code that is not `code`.
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_the_code_sent_to_the_phone() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let user = app.user(Role::Trainee).await;

    // The code goes out at once (day or night), by SMS only, never to an inbox.
    let res = app
        .post_form("/reset/code", &[("phone", &user.phone)], None)
        .await;
    assert_eq!(res.location(), "/reset?step=code&notice=ResetCodeSent");
    let code = code_sent_to(&app, &user.phone).await.expect("a code");
    let sms = messages::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(
        (*sms.channel, sms.user_id, sms.next_attempt_at),
        (MessageChannel::Sms, None, sms.created_at)
    );
    // The next page keeps the phone (server-side) and asks for the code.
    let flash = res.cookie(domain::flash::COOKIE).expect("the phone kept");
    let page = app
        .get("/reset?step=code&notice=ResetCodeSent", Some(&flash))
        .await;
    assert!(page.body.contains(r#"name="code""#), "{}", page.body);
    assert!(
        page.body.contains(&format!(r#"value="{}""#, user.phone)),
        "{}",
        page.body
    );

    // A number with no account gets the same answer and no SMS.
    let res = app
        .post_form("/reset/code", &[("phone", "13712345678")], None)
        .await;
    assert_eq!(res.location(), "/reset?step=code&notice=ResetCodeSent");
    assert_eq!(code_sent_to(&app, "13712345678").await, None);
    // Asking again within the minute is refused, with the wait.
    let res = app
        .post_form("/reset/code", &[("phone", &user.phone)], None)
        .await;
    assert_eq!(
        query_value(res.location(), "error").as_deref(),
        Some("ErrTooManyAttempts")
    );
    assert_eq!(query_value(res.location(), "n").as_deref(), Some("1"));

    // Wrong codes say how many tries are left; a mistyped password costs none.
    let location = reset(&app, &user.phone, &wrong(&code), NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        query_value(&location, "err_code").as_deref(),
        Some("ErrCodeWrong4")
    );
    let location = reset(&app, &user.phone, &code, NEW_PASSWORD, "something-else").await;
    assert_eq!(
        query_value(&location, "err_password_confirm").as_deref(),
        Some("ErrPasswordMismatch")
    );
    let location = reset(&app, &user.phone, &wrong(&code), NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        query_value(&location, "err_code").as_deref(),
        Some("ErrCodeWrong3")
    );

    // The right code sets the password, ends the old session and signs in.
    let res = app
        .post_form(
            "/reset",
            &[
                ("phone", &user.phone),
                ("code", &code),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(res.location(), "/?notice=ResetDone");
    let fresh = res.cookie("yucai_session").expect("a new session");
    assert_eq!(app.get("/api/v1/me", Some(&fresh)).await.status, 200);
    assert_eq!(app.get("/api/v1/me", Some(&user.cookie)).await.status, 401);
    assert_eq!(app.audited("user.password_reset").await, 1);
    let old = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({"phone": user.phone, "password": TEST_PASSWORD}),
            None,
        )
        .await;
    assert_eq!(old.status, 409);
    let new = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({"phone": user.phone, "password": NEW_PASSWORD}),
            None,
        )
        .await;
    assert_eq!(new.status, 200);
    // A code works once.
    let location = reset(&app, &user.phone, &code, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        query_value(&location, "err_code").as_deref(),
        Some("ErrCodeExpired")
    );
}

#[tokio::test]
async fn codes_expire_and_five_wrong_tries_spend_them() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let user = app.user(Role::Trainee).await;
    let body = serde_json::json!({"phone": user.phone});
    assert_eq!(
        app.post_json("/api/v1/auth/reset/code", body.clone(), None)
            .await
            .status,
        202
    );
    let code = code_sent_to(&app, &user.phone).await.unwrap();
    // Five wrong tries: then even the right code is refused.
    for left in (0..5).rev() {
        let res = app
            .post_json(
                "/api/v1/auth/reset",
                serde_json::json!({"phone": user.phone, "code": wrong(&code),
                                   "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}),
                None,
            )
            .await;
        assert_eq!(res.status, 422);
        let want = if left == 0 {
            "验证码已过期或已失效，请重新获取".to_string()
        } else {
            format!("验证码不正确，还可尝试 {left} 次")
        };
        assert_eq!(res.json()["error"]["fields"][0]["message"], want);
    }
    let location = reset(&app, &user.phone, &code, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        query_value(&location, "err_code").as_deref(),
        Some("ErrCodeExpired")
    );

    // A new code (a minute later) that has expired is refused too.
    phone_codes::Entity::update_many()
        .col_expr(
            phone_codes::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::minutes(2)),
        )
        .exec(db)
        .await
        .unwrap();
    assert_eq!(
        app.post_json("/api/v1/auth/reset/code", body, None)
            .await
            .status,
        202
    );
    let code = code_sent_to(&app, &user.phone).await.unwrap();
    phone_codes::Entity::update_many()
        .col_expr(
            phone_codes::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .exec(db)
        .await
        .unwrap();
    let location = reset(&app, &user.phone, &code, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(
        query_value(&location, "err_code").as_deref(),
        Some("ErrCodeExpired")
    );
    // Ten requests a day per phone at most.
    for _ in 0..8 {
        let mut row = phone_codes::ActiveModel {
            phone: Set(user.phone.clone()),
            purpose: Set(model::accounts::CodePurpose::Reset.into()),
            code_hash: Set("0".repeat(64)),
            created_at: Set(Utc::now() - Duration::minutes(5)),
            expires_at: Set(Utc::now()),
            tries_left: Set(0),
            ..Default::default()
        };
        row.used_at = Set(None);
        row.insert(db).await.unwrap();
    }
    let res = app
        .post_json(
            "/api/v1/auth/reset/code",
            serde_json::json!({"phone": user.phone}),
            None,
        )
        .await;
    assert_eq!(res.status, 429, "{}", res.body);
    let today = phone_codes::Entity::find()
        .filter(phone_codes::Column::Phone.eq(user.phone.as_str()))
        .count(db)
        .await
        .unwrap();
    assert_eq!(today, 10);
}

#[tokio::test]
async fn an_imported_account_gets_in_with_a_code_to_its_phone() {
    let app = TestApp::new().await;
    let phone = "13600000077";
    accounts::insert_user(
        &app.services.db,
        NewUser {
            phone,
            role: Role::Trainee,
            display_name: None,
            organisation_id: None,
            town_id: None,
        },
        NO_PASSWORD,
    )
    .await
    .unwrap();
    app.post_form("/reset/code", &[("phone", phone)], None)
        .await;
    let code = code_sent_to(&app, phone)
        .await
        .expect("a code to the imported phone");
    let location = reset(&app, phone, &code, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(location, "/?notice=ResetDone");
    let login = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({"phone": phone, "password": NEW_PASSWORD}),
            None,
        )
        .await;
    assert_eq!(login.status, 200);
}
