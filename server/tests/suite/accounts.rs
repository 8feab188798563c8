//! Accounts over real HTTP against the real router, on SQLite or (with TEST_DATABASE_URL)
//! PostgreSQL: sign-up, log-in, log-out, sessions, throttling, password and role changes.

use axum::body::Body;
use axum::http::{Method, header};
use domain::entities::{audit_log, sessions, users};
use model::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::testing::{TEST_PASSWORD, TestApp, engine};

async fn sign_up(app: &TestApp, phone: &str, password: &str) -> server::testing::TestResponse {
    app.post_form(
        "/signup",
        &[
            ("phone", phone),
            ("password", password),
            ("password_confirm", password),
        ],
        None,
    )
    .await
}

async fn set_role(app: &TestApp, user_id: i32, role: &str, cookie: &str) -> String {
    let path = format!("/admin/users/{user_id}/role");
    let res = app.post_form(&path, &[("role", role)], Some(cookie)).await;
    res.location().to_string()
}

/// Moves a timestamp of every session, to stand in for time passing.
async fn set_all_sessions(
    app: &TestApp,
    column: sessions::Column,
    at: chrono::DateTime<chrono::Utc>,
) {
    sessions::Entity::update_many()
        .col_expr(column, sea_orm::sea_query::Expr::value(at))
        .exec(&app.services.db)
        .await
        .unwrap();
}

async fn session_count(app: &TestApp) -> u64 {
    sessions::Entity::find()
        .count(&app.services.db)
        .await
        .unwrap()
}

async fn user_count(app: &TestApp) -> u64 {
    users::Entity::find().count(&app.services.db).await.unwrap()
}

#[tokio::test]
async fn sign_up_logs_in_with_a_safe_cookie_and_shows_the_user() {
    println!("engine: {}", engine());
    let app = TestApp::new().await;
    let res = sign_up(&app, "13912345678", "long enough").await;
    assert_eq!(res.status, 303);
    // The next step after signing up is the real-name profile, then the courses.
    assert_eq!(
        res.location(),
        "/profile?next=%2Fcourses&notice=NoticeSignedUp"
    );
    let set_cookie = res
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    for part in ["yucai_session=", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(part), "{set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "plain http must not mark the cookie Secure"
    );
    let cookie = res.cookie("yucai_session").unwrap();
    let token = cookie.trim_start_matches("yucai_session=");
    assert!(token.len() >= 43, "a 256-bit token");

    // Only the token's hash is stored.
    let stored = sessions::Entity::find()
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(stored.token_hash, token);
    assert_eq!(stored.token_hash, domain::accounts::hash_token(token));

    let home = app
        .get(
            "/profile?next=%2Fcourses&notice=NoticeSignedUp",
            Some(&cookie),
        )
        .await;
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("139****5678"),
        "the header shows the masked phone"
    );
    assert!(home.body.contains("注册成功"));
    assert!(home.body.contains("退出登录"));
    let user = users::Entity::find()
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.role, Role::Trainee);
    assert!(
        user.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
    );
}

#[tokio::test]
async fn sign_up_errors_go_back_to_the_form_and_save_nothing() {
    let app = TestApp::new().await;
    let res = app
        .post_form(
            "/signup",
            &[
                ("phone", "12345"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 303);
    // The messages in the URL; what was typed kept on the server for the page (never in a URL).
    assert_eq!(
        res.location(),
        "/signup?err_phone=ErrPhoneFormat&err_password=ErrPasswordShort"
    );
    assert!(res.cookie(domain::flash::COOKIE).is_some());
    let res = app
        .post_form(
            "/signup",
            &[
                ("phone", "13900000001"),
                ("password", "long enough"),
                ("password_confirm", "long enougH"),
            ],
            None,
        )
        .await;
    assert!(
        res.location()
            .contains("err_password_confirm=ErrPasswordMismatch"),
        "{}",
        res.location()
    );
    assert_eq!(user_count(&app).await, 0);

    let page = app
        .get(
            "/signup?phone=12345&err_phone=ErrPhoneFormat&err_password=ErrPasswordShort",
            None,
        )
        .await;
    assert!(page.body.contains("请输入11位中国大陆手机号"));
    assert!(page.body.contains("密码至少需要8个字符"));
    assert!(page.body.contains("value=\"12345\""), "the phone is kept");

    assert_eq!(
        sign_up(&app, "13900000001", "long enough").await.status,
        303
    );
    let dup = sign_up(&app, "139 0000 0001", "another one").await;
    assert!(
        dup.location().contains("err_phone=ErrPhoneTaken"),
        "{}",
        dup.location()
    );
    assert!(dup.cookie("yucai_session").is_none());
    assert_eq!(user_count(&app).await, 1);
}

#[tokio::test]
async fn wrong_password_and_unknown_phone_get_the_same_answer() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    let wrong = app
        .post_form(
            "/login",
            &[("phone", &user.phone), ("password", "not the password")],
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/login",
            &[("phone", "13700000000"), ("password", "not the password")],
            None,
        )
        .await;
    assert!(
        wrong.location().contains("error=ErrBadCredentials"),
        "{}",
        wrong.location()
    );
    assert_eq!(
        wrong.location().replace(&user.phone, "P"),
        unknown.location().replace("13700000000", "P"),
        "the answers must not tell which numbers are registered"
    );
    let malformed = app
        .post_form(
            "/login",
            &[("phone", "12"), ("password", "whatever1")],
            None,
        )
        .await;
    assert!(malformed.location().contains("err_phone=ErrPhoneFormat"));

    let page = app
        .get("/login?phone=13700000000&error=ErrBadCredentials", None)
        .await;
    assert!(page.body.contains("手机号或密码不正确"));
    let page = app
        .send(
            TestApp::request(
                axum::http::Method::GET,
                "/login?error=ErrBadCredentials",
                Some("yucai_lang=en"),
            )
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await;
    assert!(page.body.contains("Wrong mobile number or password"));
    assert!(page.body.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn login_rotates_the_session_and_follows_only_local_next_targets() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    let res = app
        .post_form(
            "/login",
            &[
                ("phone", &user.phone),
                ("password", TEST_PASSWORD),
                ("next", "/account"),
            ],
            None,
        )
        .await;
    assert_eq!(res.location(), "/account");
    let cookie = res.cookie("yucai_session").unwrap();
    assert_ne!(cookie, user.cookie, "a new token at every login");
    let evil = app
        .post_form(
            "/login",
            &[
                ("phone", &user.phone),
                ("password", TEST_PASSWORD),
                ("next", "//evil.example"),
            ],
            None,
        )
        .await;
    assert_eq!(evil.location(), "/");
    let last_login = users::Entity::find_by_id(user.id)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap()
        .last_login_at;
    assert!(last_login.is_some());
}

#[tokio::test]
async fn a_login_ends_the_session_the_browser_had_and_never_adopts_a_planted_one() {
    let app = TestApp::new().await;
    let first = app.user(Role::Trainee).await;
    let second = app.user(Role::Trainee).await;
    // On a shared phone: the first person is still signed in when the second logs in.
    let res = app
        .post_form(
            "/login",
            &[("phone", &second.phone), ("password", TEST_PASSWORD)],
            Some(&first.cookie),
        )
        .await;
    let cookie = res.cookie("yucai_session").expect("a new session");
    assert_ne!(cookie, first.cookie);
    assert_eq!(app.get("/account", Some(&cookie)).await.status, 200);
    assert_ne!(
        app.get("/account", Some(&first.cookie)).await.status,
        200,
        "the session from before the login is over"
    );
    // The same through the JSON API, and by signing up.
    let res = app
        .send(
            TestApp::request(Method::POST, "/api/v1/auth/login", Some(&cookie))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    serde_json::json!({ "phone": first.phone, "password": TEST_PASSWORD })
                        .to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_ne!(app.get("/account", Some(&cookie)).await.status, 200);
    let cookie = format!("yucai_session={}", res.json()["token"].as_str().unwrap());
    let res = app
        .post_form(
            "/signup",
            &[
                ("phone", "13712345678"),
                ("password", "a-long-new-password"),
                ("password_confirm", "a-long-new-password"),
            ],
            Some(&cookie),
        )
        .await;
    let fresh = res.cookie("yucai_session").expect("signed up");
    assert_eq!(app.get("/account", Some(&fresh)).await.status, 200);
    assert_ne!(app.get("/account", Some(&cookie)).await.status, 200);
    // A token planted in the browser before login is never the one that gets signed in.
    let planted = "yucai_session=attacker-chosen-token";
    let res = app
        .post_form(
            "/login",
            &[("phone", &second.phone), ("password", TEST_PASSWORD)],
            Some(planted),
        )
        .await;
    let given = res.cookie("yucai_session").expect("a session");
    assert_ne!(given, planted);
    assert_ne!(app.get("/account", Some(planted)).await.status, 200);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_with_a_clear_wait() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    for _ in 0..domain::throttle::MAX_FAILURES_PER_ACCOUNT {
        let res = app
            .post_form(
                "/login",
                &[("phone", &user.phone), ("password", "wrong password")],
                None,
            )
            .await;
        assert!(res.location().contains("ErrBadCredentials"));
    }
    // Even the right password is refused while locked.
    let res = app
        .post_form(
            "/login",
            &[("phone", &user.phone), ("password", TEST_PASSWORD)],
            None,
        )
        .await;
    assert!(
        res.location().contains("error=ErrTooManyAttempts&n=15"),
        "{}",
        res.location()
    );
    let page = app.get("/login?error=ErrTooManyAttempts&n=15", None).await;
    assert!(page.body.contains("尝试次数过多，请在 15 分钟后重试"));
}

#[tokio::test]
async fn logout_ends_the_session() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    assert!(
        app.get("/", Some(&user.cookie))
            .await
            .body
            .contains("退出登录")
    );
    let res = app.post_form("/logout", &[], Some(&user.cookie)).await;
    assert_eq!(res.location(), "/?notice=NoticeLoggedOut");
    assert!(res.set_cookies().contains("Max-Age=0"));
    assert_eq!(session_count(&app).await, 0);
    let after = app.get("/account", Some(&user.cookie)).await;
    assert_eq!(after.status, 303);
    assert!(after.location().starts_with("/login?next=%2Faccount"));
}

#[tokio::test]
async fn pages_that_need_a_login_redirect_and_expired_sessions_say_so() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    let res = app.get("/account", None).await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.location(),
        "/login?next=%2Faccount&notice=NoticeLoginRequired"
    );
    assert_eq!(app.get("/account", Some(&user.cookie)).await.status, 200);

    // Idle for longer than the idle timeout.
    set_all_sessions(
        &app,
        sessions::Column::LastSeenAt,
        chrono::Utc::now() - chrono::Duration::days(8),
    )
    .await;
    let res = app.get("/account", Some(&user.cookie)).await;
    assert_eq!(
        res.location(),
        "/login?next=%2Faccount&notice=NoticeSessionExpired"
    );
    assert!(res.set_cookies().contains("Max-Age=0"));
    assert_eq!(
        session_count(&app).await,
        0,
        "the expired session is deleted"
    );
    let page = app
        .get("/login?next=%2Faccount&notice=NoticeSessionExpired", None)
        .await;
    assert!(page.body.contains("登录已过期"));
}

#[tokio::test]
async fn changing_the_password_checks_the_current_one_and_ends_other_sessions() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    let other = app
        .post_form(
            "/login",
            &[("phone", &user.phone), ("password", TEST_PASSWORD)],
            None,
        )
        .await
        .cookie("yucai_session")
        .unwrap();
    let fields = |current: &'static str, new: &'static str, confirm: &'static str| {
        [
            ("current_password", current),
            ("new_password", new),
            ("new_password_confirm", confirm),
        ]
    };
    let res = app
        .post_form(
            "/account/password",
            &fields("wrong one!", "brand new pw", "brand new pw"),
            Some(&user.cookie),
        )
        .await;
    assert!(
        res.location()
            .contains("err_current_password=ErrCurrentPasswordWrong"),
        "{}",
        res.location()
    );
    let res = app
        .post_form(
            "/account/password",
            &fields(TEST_PASSWORD, "short", "short"),
            Some(&user.cookie),
        )
        .await;
    assert!(res.location().contains("err_new_password=ErrPasswordShort"));
    let res = app
        .post_form(
            "/account/password",
            &fields(TEST_PASSWORD, "brand new pw", "brand new pw"),
            Some(&user.cookie),
        )
        .await;
    assert_eq!(res.location(), "/account?notice=NoticePasswordChanged");
    assert_eq!(
        app.get("/account", Some(&user.cookie)).await.status,
        200,
        "this session stays"
    );
    assert_eq!(
        app.get("/account", Some(&other)).await.status,
        303,
        "the other session ended"
    );
    let old = app
        .post_form(
            "/login",
            &[("phone", &user.phone), ("password", TEST_PASSWORD)],
            None,
        )
        .await;
    assert!(old.location().contains("ErrBadCredentials"));
    let new = app
        .post_form(
            "/login",
            &[("phone", &user.phone), ("password", "brand new pw")],
            None,
        )
        .await;
    assert_eq!(new.location(), "/");
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("user.password_changed"))
        .count(&app.services.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn bureau_admins_change_roles_others_cannot_and_the_last_admin_stays() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    let trainee = app.user(Role::Trainee).await;

    let location = set_role(&app, trainee.id, "partner_staff", &trainee.cookie).await;
    assert!(location.contains("error=ErrForbidden"), "{location}");
    let location = set_role(&app, trainee.id, "partner_staff", &admin.cookie).await;
    assert_eq!(location, "/admin/users?notice=NoticeRoleChanged");
    let changed = users::Entity::find_by_id(trainee.id)
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(changed.role, Role::PartnerStaff);
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("user.role_changed"))
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audit.actor_user_id, Some(admin.id));
    assert_eq!(
        audit.entity_id.as_deref(),
        Some(trainee.id.to_string().as_str())
    );
    assert!(audit.detail.unwrap().contains("\"to\":\"partner_staff\""));

    let location = set_role(&app, admin.id, "trainee", &admin.cookie).await;
    assert!(location.contains("error=ErrLastAdmin"), "{location}");
    let location = set_role(&app, trainee.id, "emperor", &admin.cookie).await;
    assert!(location.contains("err_role=ErrInvalidInput"), "{location}");

    let list = app.get("/admin/users", Some(&admin.cookie)).await;
    assert_eq!(list.status, 200);
    assert!(
        list.body.contains(&trainee.phone),
        "the list shows accounts"
    );
    let other = app.user(Role::Trainee).await;
    let refused = app.get("/admin/users", Some(&other.cookie)).await;
    assert!(refused.body.contains("您没有权限进行此操作"));
    assert!(!refused.body.contains(&admin.phone));
}

#[tokio::test]
async fn create_admin_makes_or_promotes_a_bureau_admin() {
    let app = TestApp::new().await;
    let (id, created) =
        domain::accounts::create_admin(&app.services, "13800000009", "admin password")
            .await
            .unwrap();
    assert!(created);
    let (same, created) =
        domain::accounts::create_admin(&app.services, "13800000009", "other password")
            .await
            .unwrap();
    assert_eq!((same, created), (id, false));
    let err = domain::accounts::create_admin(&app.services, "123", "short")
        .await
        .unwrap_err();
    assert!(
        matches!(err, domain::DomainError::Invalid(ref f) if f.len() == 2),
        "{err:?}"
    );
    let res = app
        .post_form(
            "/login",
            &[("phone", "13800000009"), ("password", "other password")],
            None,
        )
        .await;
    assert_eq!(res.location(), "/");
}

#[tokio::test]
async fn cookies_are_secure_behind_https_and_sessions_end_at_the_absolute_expiry() {
    let app = TestApp::with_config(|c| c.public_url = "https://yucai.example.org".into()).await;
    let user = app.user(Role::Trainee).await;
    let res = app
        .post_form(
            "/login",
            &[("phone", &user.phone), ("password", TEST_PASSWORD)],
            None,
        )
        .await;
    let set_cookie = res.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
    let hsts = app.get("/", None).await;
    assert!(hsts.headers.contains_key("strict-transport-security"));

    // Used a minute ago, but past its absolute expiry.
    set_all_sessions(
        &app,
        sessions::Column::ExpiresAt,
        chrono::Utc::now() - chrono::Duration::minutes(1),
    )
    .await;
    let res = app.get("/account", Some(&user.cookie)).await;
    assert_eq!(res.status, 303);
    assert!(
        res.location().contains("NoticeSessionExpired"),
        "{}",
        res.location()
    );
}
