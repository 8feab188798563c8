//! The platform around the features: health, 404, security headers, the same-origin check,
//! the JSON API and its OpenAPI document, the schema and the demo data.

use axum::body::Body;
use axum::http::{Method, Request, header};
use domain::entities::{audit_log, courses, enrollments, towns};
use model::Role;
use model::enums::EnrollmentStatus;
use model::i18n::{Locale, Msg};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::testing::{TEST_PASSWORD, TestApp};

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::new().await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.json(),
        serde_json::json!({ "status": "ok", "db": "ok" })
    );
    app.services.db.close_by_ref().await.unwrap();
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, 503);
    assert_eq!(
        res.json(),
        serde_json::json!({ "status": "error", "db": "error" })
    );
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_visitors_language() {
    let app = TestApp::new().await;
    let res = app.get("/definitely-not-a-page", None).await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("页面不存在"));
    assert!(res.body.contains("<html lang=\"zh-CN\""));
    let req = TestApp::request(Method::GET, "/nope", Some("yucai_lang=en"))
        .body(Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("Page not found"));
}

#[tokio::test]
async fn every_response_has_security_headers() {
    let app = TestApp::new().await;
    for path in [
        "/",
        "/courses",
        "/login",
        "/verify",
        "/healthz",
        "/api/v1/me",
        "/missing",
    ] {
        let res = app.get(path, None).await;
        let value = |h: &str| {
            res.headers
                .get(h)
                .unwrap_or_else(|| panic!("{path} lacks {h}"))
                .to_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(value("x-content-type-options"), "nosniff");
        assert_eq!(value("x-frame-options"), "DENY");
        assert_eq!(value("referrer-policy"), "strict-origin-when-cross-origin");
        let csp = value("content-security-policy");
        for directive in [
            "default-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {directive} in {csp}");
        }
        // Scripts: this site's files, and on a page only its own inline script, named by
        // the nonce made for this render.
        let scripts = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap_or_else(|| panic!("{path}: no script-src in {csp}"));
        assert!(!scripts.contains("unsafe-inline"), "{path}: {scripts}");
        // Every script tag on the page carries the nonce (none would run otherwise).
        for tag in res.body.split("<script").skip(1) {
            let tag = tag.split('>').next().unwrap();
            assert!(
                tag.contains(" nonce=\"") || tag.contains(" src=\""),
                "{path}: <script{tag}>"
            );
        }
        if let Some(nonce) = res.body.split(" nonce=\"").nth(1) {
            let nonce = nonce.split('"').next().unwrap();
            assert!(nonce.len() >= 16, "{path}: nonce {nonce}");
            assert!(
                scripts.contains(&format!("'nonce-{nonce}'")),
                "{path}: {scripts}"
            );
        } else {
            assert!(!scripts.contains("nonce"), "{path}: {scripts}");
        }
        // Plain http (no https public origin): no HSTS.
        assert!(!res.headers.contains_key("strict-transport-security"));
    }
    // Each render has its own nonce.
    let nonce = |body: String| body.split(" nonce=\"").nth(1).map(|n| n[..16].to_string());
    let (a, b) = (
        nonce(app.get("/login", None).await.body),
        nonce(app.get("/login", None).await.body),
    );
    assert!(a.is_some());
    assert_ne!(a, b);
}

/// A POST as a browser on another site would send it to `path`, with the victim's cookie.
fn cross_site(
    path: &str,
    cookie: &str,
    origin: &str,
    fetch_site: &str,
    json: bool,
) -> Request<Body> {
    let (content_type, body) = if json {
        ("application/json", "{}")
    } else {
        ("application/x-www-form-urlencoded", "query=&page=1")
    };
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, origin)
        .header("sec-fetch-site", fetch_site)
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn a_state_change_made_by_another_site_is_refused_on_every_kind_of_route() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    // A page's form, a JSON API call and a server function, each from another origin and
    // each from this origin but marked cross-site by the browser (a forged Origin).
    for (path, json) in [
        ("/logout", false),
        ("/api/v1/auth/logout", true),
        ("/api/accounts/list_users", false),
    ] {
        for (origin, site) in [
            ("https://evil.example", "cross-site"),
            ("http://127.0.0.1:3000", "cross-site"),
            ("https://evil.example", "same-origin"),
        ] {
            let res = app
                .send(cross_site(path, &admin.cookie, origin, site, json))
                .await;
            assert_eq!(
                res.status, 403,
                "{path} from {origin} ({site}): {}",
                res.body
            );
        }
    }
    // The session survived every attempt; the same calls from this site go through.
    assert_eq!(app.get("/account", Some(&admin.cookie)).await.status, 200);
    let res = app
        .send(cross_site(
            "/api/accounts/list_users",
            &admin.cookie,
            "http://127.0.0.1:3000",
            "same-origin",
            false,
        ))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = app
        .send(cross_site(
            "/logout",
            &admin.cookie,
            "http://127.0.0.1:3000",
            "same-origin",
            false,
        ))
        .await;
    assert_eq!(res.status, 303);
    assert_ne!(app.get("/account", Some(&admin.cookie)).await.status, 200);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_before_they_are_read() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    let big = "a".repeat(server::router::BODY_LIMIT + 1);
    let req = TestApp::request(Method::POST, "/account/password", Some(&user.cookie))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("current={big}")))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 413, "{}", res.body);
    let req = TestApp::request(Method::POST, "/api/v1/auth/login", None)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(format!(r#"{{"phone":"{big}","password":"x"}}"#)))
        .unwrap();
    assert_eq!(app.send(req).await.status, 413);
}

#[tokio::test]
async fn a_failing_database_is_answered_without_internal_text() {
    let (app, user) = TestApp::with_user(Role::BureauAdmin).await;
    app.services.db.close_by_ref().await.unwrap();
    let json = |path: &str| {
        TestApp::request(Method::GET, path, Some(&user.cookie))
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .unwrap()
    };
    for req in [
        json("/api/v1/courses"),
        json("/api/v1/me"),
        TestApp::request(Method::GET, "/courses", None)
            .body(Body::empty())
            .unwrap(),
        TestApp::request(Method::GET, "/manage/dashboard", Some(&user.cookie))
            .body(Body::empty())
            .unwrap(),
    ] {
        let path = req.uri().to_string();
        let res = app.send(req).await;
        // The database out of reach is said as such: JSON gets 503 "unavailable" with a time to
        // try again; a page may be rendered around the error (then it says so in words).
        let unavailable = Locale::ZhCn.t(Msg::ErrUnavailable);
        if path.starts_with("/api/") {
            assert_eq!(res.status, 503, "{path}: {}", res.body);
            assert_eq!(res.headers[header::RETRY_AFTER], "5");
            assert_eq!(res.json()["error"]["code"], "unavailable");
            assert_eq!(res.json()["error"]["message"], unavailable);
        } else {
            assert!(
                res.status == 503 || res.body.contains(unavailable),
                "{path}: {} {}",
                res.status,
                res.body
            );
        }
        let body = res.body.to_lowercase();
        for internal in [
            "pool", "sqlx", "sqlite", "select", "database", "closed", "panicked",
        ] {
            assert!(
                !body.contains(internal),
                "{path} says {internal}: {}",
                res.body
            );
        }
    }
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_returns() {
    let app = TestApp::new().await;
    let res = app.get("/lang/en?next=%2Flogin", None).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), "/login");
    assert_eq!(res.cookie("yucai_lang").as_deref(), Some("yucai_lang=en"));
    let res = app
        .get("/lang/zh-CN?next=https%3A%2F%2Fevil.example", None)
        .await;
    assert_eq!(res.location(), "/");
}

#[tokio::test]
async fn state_changes_from_another_origin_are_refused() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    let form = |origin: Option<&str>, cookie: Option<&str>| {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri("/logout")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    };
    let res = app
        .send(form(Some("https://evil.example"), Some(&user.cookie)))
        .await;
    assert_eq!(res.status, 403);
    assert!(res.body.contains("请求来源无效或缺失"), "{}", res.body);
    assert!(!res.body.contains("evil"), "no echo of the request");
    let res = app.send(form(None, Some(&user.cookie))).await;
    assert_eq!(res.status, 403, "a cookie-carrying post with no origin");
    let res = app.send(form(None, None)).await;
    assert_eq!(res.status, 403, "a form post with no origin");
    // The session survived all three.
    assert_eq!(app.get("/account", Some(&user.cookie)).await.status, 200);
    // Same origin, by Referer alone, is accepted.
    let mut req = form(None, Some(&user.cookie));
    req.headers_mut().insert(
        header::REFERER,
        "http://127.0.0.1:3000/account".parse().unwrap(),
    );
    assert_eq!(app.send(req).await.status, 303);
}

#[tokio::test]
async fn the_json_api_logs_in_answers_me_and_logs_out() {
    let (app, user) = TestApp::with_user(Role::PartnerStaff).await;
    let res = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({ "phone": user.phone, "password": TEST_PASSWORD }),
            None,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let body = res.json();
    let token = body["token"].as_str().unwrap().to_string();
    assert_eq!(body["user"]["role"], "partner_staff");
    assert_eq!(body["user"]["phone_masked"].as_str().unwrap().len(), 11);
    assert!(
        !res.body.contains("password"),
        "no hash or password in the answer"
    );

    let me = |bearer: Option<String>| {
        let mut b = Request::builder()
            .uri("/api/v1/me")
            .header(header::HOST, "127.0.0.1:3000");
        if let Some(t) = bearer {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        b.body(Body::empty()).unwrap()
    };
    let res = app.send(me(Some(token.clone()))).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["id"], user.id);
    let res = app
        .post_json("/api/v1/auth/logout", serde_json::json!({}), Some(&token))
        .await;
    assert_eq!(res.status, 204);
    let res = app.send(me(Some(token))).await;
    assert_eq!(res.status, 401);
    assert_eq!(res.json()["error"]["code"], "unauthenticated");
    assert_eq!(res.json()["error"]["message"], "请先登录");
}

#[tokio::test]
async fn api_errors_are_clear_translated_and_never_internal() {
    let app = TestApp::new().await;
    let res = app
        .post_json(
            "/api/v1/auth/login",
            serde_json::json!({ "phone": "13800000000", "password": "nope nope" }),
            None,
        )
        .await;
    assert_eq!(res.status, 409);
    assert_eq!(res.json()["error"]["message"], "手机号或密码不正确");
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, "yucai_lang=en")
        .body(Body::from(r#"{"phone":"12","password":"x"}"#))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.json()["error"]["fields"][0]["field"], "phone");
    assert_eq!(
        res.json()["error"]["fields"][0]["message"],
        "Enter an 11-digit mainland China mobile number"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(res.status, 200);
    let doc = res.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    // Enums are documented with the codes the server sends.
    assert_eq!(
        doc["components"]["schemas"]["AgreementStatus"]["enum"],
        serde_json::json!(["proposed", "confirmed", "ended", "cancelled"])
    );
    for path in ["/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/me"] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert_eq!(
        app.get("/api/v1", None).await.json()["openapi"],
        "/api/v1/openapi.json"
    );
}

/// Routes and their OpenAPI entries are declared together: every operation the document lists
/// is answered by the API (never the site's HTML 404 page nor a 405), and each carries the tag
/// of its area.
#[tokio::test]
async fn every_documented_operation_is_routed_and_tagged() {
    let app = TestApp::new().await;
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            let method = match method.as_str() {
                "get" => Method::GET,
                "post" => Method::POST,
                "put" => Method::PUT,
                "delete" => Method::DELETE,
                "patch" => Method::PATCH,
                _ => continue,
            };
            operations += 1;
            let tags = op["tags"].as_array().map_or(0, Vec::len);
            assert_eq!(tags, 1, "{method} {path} has one tag");
            // An id nobody has, in every path parameter.
            let uri: String = path
                .split('/')
                .map(|part| {
                    if part.starts_with('{') {
                        "999999"
                    } else {
                        part
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            let req = Request::builder()
                .method(method.clone())
                .uri(&uri)
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, server::testing::TEST_ORIGIN)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let res = app.send(req).await;
            assert_ne!(res.status, 405, "{method} {uri} is routed");
            let kind = res
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            // The site's pages (its 404 among them) are HTML; the API answers JSON, a file or
            // nothing (204).
            assert!(
                !kind.starts_with("text/html"),
                "{method} {uri} answered by the API ({}, {kind}): {}",
                res.status,
                res.body
            );
        }
    }
    assert!(operations >= 127, "{operations} operations documented");
}

#[tokio::test]
async fn server_functions_apply_the_policy() {
    let (app, trainee) = TestApp::with_user(Role::Trainee).await;
    let admin = app.user(Role::BureauAdmin).await;
    let call = |cookie: &str| {
        Request::builder()
            .method(Method::POST)
            .uri("/api/accounts/list_users")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, server::testing::TEST_ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie.to_string())
            .body(Body::from("query=&page=1"))
            .unwrap()
    };
    let res = app.send(call(&trainee.cookie)).await;
    assert!(
        res.status.is_client_error() || res.status.is_server_error(),
        "{}: {}",
        res.status,
        res.body
    );
    assert!(
        res.body.contains("forbidden") || res.body.contains("Forbidden"),
        "{}",
        res.body
    );
    assert!(!res.body.contains(&admin.phone));
    let res = app.send(call(&admin.cookie)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains(&trainee.phone));
}

#[tokio::test]
async fn the_schema_has_the_26_towns_and_an_append_only_audit_log() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let all = towns::Entity::find().all(db).await.unwrap();
    assert_eq!(all.len(), 26);
    assert!(all.iter().any(|t| t.name_zh == "神垕镇"));
    assert!(all.iter().any(|t| t.name_zh == "颍川街道"));

    let actor = domain::Actor::anonymous();
    let event = domain::audit::Event {
        action: model::audit::AuditAction::AuditLogExported,
        entity: model::audit::AuditRecord::AuditLog,
        entity_id: None,
        detail: None,
    };
    domain::audit::record(db, &actor, event).await.unwrap();
    assert!(
        db.execute_unprepared("UPDATE audit_log SET action = 'changed'")
            .await
            .is_err()
    );
    assert!(
        db.execute_unprepared("DELETE FROM audit_log")
            .await
            .is_err()
    );
    assert_eq!(audit_log::Entity::find().count(db).await.unwrap(), 1);
    // Check constraints hold on both engines.
    assert!(db.execute_unprepared("INSERT INTO towns (code, name_zh, name_en, kind, sort_order) VALUES ('x', 'x', 'x', 'castle', 99)").await.is_err());
}

#[tokio::test]
async fn older_audit_rows_get_the_one_code_of_their_record_type() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::QuerySelect;
    let (db, _) = server::testing::unmigrated_database().await;
    // Every migration before the one that unifies the codes, then rows as older versions wrote.
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261207_000003_unify_audit_record_codes")
        .expect("the migration is listed");
    Migrator::up(&db, Some(before as u32)).await.unwrap();
    for entity in ["imports", "import", "base_events", "course"] {
        db.execute_unprepared(&format!(
            "INSERT INTO audit_log (at, action, entity) \
             VALUES (CURRENT_TIMESTAMP, 'import.applied', '{entity}')"
        ))
        .await
        .unwrap();
    }
    Migrator::up(&db, None).await.unwrap();

    let mut entities: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Entity)
        .into_tuple()
        .all(&db)
        .await
        .unwrap();
    entities.sort();
    assert_eq!(entities, ["base_event", "course", "import", "import"]);
    // Every stored code is one the product names.
    assert!(
        entities
            .iter()
            .all(|e| model::audit::AuditRecord::parse(e).is_some())
    );
    // The log is append-only again.
    assert!(
        db.execute_unprepared("UPDATE audit_log SET entity = 'course'")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn demo_data_is_consistent_and_loads_once() {
    let app = TestApp::new().await;
    let report = domain::seed::demo(&app.services, 1)
        .await
        .unwrap()
        .expect("an empty database is seeded");
    assert!(report.contains("13800000001"));
    let db = &app.services.db;
    assert_eq!(domain::seed::trainee_count(db).await.unwrap(), 3001);
    for course in courses::Entity::find().all(db).await.unwrap() {
        // A lecture's or salon's places are taken by registrations, a course's by enrolments.
        let taken = if course.programme == model::enums::Programme::LectureSalon {
            domain::entities::event_registrations::Entity::find()
                .filter(domain::entities::event_registrations::Column::CourseId.eq(course.id))
                .filter(
                    domain::entities::event_registrations::Column::Status
                        .eq(model::enums::RegistrationStatus::Registered.as_str()),
                )
                .count(db)
                .await
                .unwrap()
        } else {
            enrollments::Entity::find()
                .filter(enrollments::Column::CourseId.eq(course.id))
                .filter(enrollments::Column::Status.is_in(domain::entities::codes([
                    EnrollmentStatus::Enrolled,
                    EnrollmentStatus::Completed,
                    EnrollmentStatus::NotCompleted,
                ])))
                .count(db)
                .await
                .unwrap()
        };
        assert_eq!(taken as i32, course.seats_taken, "{}", course.title);
        assert!(course.seats_taken <= course.capacity);
    }
    assert!(
        domain::seed::demo(&app.services, 1)
            .await
            .unwrap()
            .is_none(),
        "a second run changes nothing"
    );
    for (phone, _) in domain::seed::DEMO_LOGINS {
        let res = app
            .post_form(
                "/login",
                &[("phone", phone), ("password", domain::seed::DEMO_PASSWORD)],
                None,
            )
            .await;
        assert_eq!(res.location(), "/", "{phone} can log in");
    }
}

/// Anonymous readers of public pages share one rendering for a moment; signed-in users and
/// other pages never do.
#[tokio::test]
async fn public_pages_are_reused_for_anonymous_visitors_only() {
    use model::Role;
    let app = TestApp::with_config(|c| c.page_cache = std::time::Duration::from_secs(60)).await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let first = app.get("/courses", None).await;
    assert_eq!(first.status, 200);
    // Rename a course behind the cache's back: anonymous visitors still get the kept page...
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let course = domain::entities::courses::Entity::find()
        .all(&app.services.db)
        .await
        .unwrap()
        .into_iter()
        .find(|c| first.body.contains(&c.title))
        .expect("a listed course");
    let old_title = course.title.clone();
    let mut active = course.into_active_model();
    active.title = Set("改名后的课程（示例）".into());
    active.update(&app.services.db).await.unwrap();
    let again = app.get("/courses", None).await;
    assert_eq!(again.body, first.body, "served from the cache");
    assert!(
        again.headers.contains_key("content-security-policy"),
        "headers still applied"
    );
    // ...while a signed-in user, another language or another query sees the change.
    let user = app.user(Role::Trainee).await;
    let signed_in = app.get("/courses", Some(&user.cookie)).await;
    assert!(signed_in.body.contains("改名后的课程（示例）"));
    assert!(!signed_in.body.contains(&old_title));
    let english = app.get("/courses", Some("yucai_lang=en")).await;
    assert!(english.body.contains("改名后的课程（示例）"));
    let other = app.get("/courses?page=1", None).await;
    assert!(other.body.contains("改名后的课程（示例）"));
    // Pages behind a login are never cached.
    let account = app.get("/account", None).await;
    assert_ne!(account.status, 200);
}

/// A malformed id in a path is a 404 in our own words, never the framework's parse message.
#[tokio::test]
async fn malformed_ids_are_not_found_in_our_words() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    let res = app
        .send(
            TestApp::request(Method::GET, "/api/v1/organisations/abc", None)
                .header(header::AUTHORIZATION, format!("Bearer {}", admin.token))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(res.json()["error"]["code"], "not_found");
    assert!(!res.body.contains("parse"), "{}", res.body);
    let res = app
        .post_form(
            "/manage/courses/1x/action",
            &[("action", "approve")],
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("找不到该记录"), "{}", res.body);
    assert!(!res.body.contains("Cannot parse"), "{}", res.body);
}

fn assert_rejected_in_json(path: &str, res: &server::testing::TestResponse) {
    assert_eq!(res.status, 400, "{path}: {}", res.body);
    assert_eq!(res.json()["error"]["code"], "invalid", "{path}");
    assert_eq!(
        res.json()["error"]["message"],
        Locale::ZhCn.t(Msg::ErrInvalidInput),
        "{path}"
    );
    assert!(!res.body.contains("deserialize"), "{path}: {}", res.body);
}

/// A request the API cannot read (a query of the wrong shape, a repeated field, a number out
/// of range) is answered like any other error: JSON in the caller's language, never the
/// parser's own text; page numbers beyond any list and odd filter codes answer, never crash.
#[tokio::test]
async fn requests_the_api_cannot_read_are_answered_in_json_and_never_crash_it() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    for path in [
        "/api/v1/organisations?page=abc",
        "/api/v1/organisations?page=-1",
        "/api/v1/audit?page=1&page=2",
    ] {
        let res = app.get(path, Some(&admin.cookie)).await;
        assert_rejected_in_json(path, &res);
    }
    // The upload routes (outside the API's own router, with their larger body limit) too.
    let res = app
        .send(
            TestApp::request(Method::POST, "/api/v1/imports?course_id=2147483648", None)
                .header(header::AUTHORIZATION, format!("Bearer {}", admin.token))
                .header(header::CONTENT_TYPE, "application/octet-stream")
                .body(Body::from("[0]"))
                .unwrap(),
        )
        .await;
    assert_rejected_in_json("/api/v1/imports", &res);
    // Found by schemathesis: a page number past i64 crashed the query, and a period code
    // starting with a multi-byte character crashed its parser.
    for path in [
        "/api/v1/courses?page=9223372036854775808",
        "/api/v1/managed-courses?page=18446744073709551615",
        "/api/v1/organisations?page=9223372036854775808",
    ] {
        let res = app.get(path, Some(&admin.cookie)).await;
        assert_eq!(res.status, 200, "{path}: {}", res.body);
    }
    for period in ["%C2%A8", "%C2%80", "%E5%AD%A31"] {
        let path = format!("/api/v1/dashboard?period={period}");
        let res = app.get(&path, Some(&admin.cookie)).await;
        assert_eq!(res.status, 422, "{path}: {}", res.body);
    }
}

/// A server function's error answers with the status its kind means (as the JSON API does),
/// not 500 for everything; arguments it cannot read are the caller's mistake.
#[tokio::test]
async fn server_function_errors_answer_with_the_status_of_their_kind() {
    let (app, trainee) = TestApp::with_user(Role::Trainee).await;
    let call = |cookie: Option<&str>, body: &str| {
        TestApp::request(Method::POST, "/api/accounts/list_users", cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let res = app.send(call(None, "query=&page=1")).await;
    assert_eq!(res.status, 401, "{}", res.body);
    let res = app.send(call(Some(&trainee.cookie), "query=&page=1")).await;
    assert_eq!(res.status, 403, "{}", res.body);
    let admin = app.user(Role::BureauAdmin).await;
    let res = app.send(call(Some(&admin.cookie), "query=&page=1")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = app
        .send(call(Some(&admin.cookie), "query=&page=lots"))
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(!res.body.contains("deserializ"), "{}", res.body);
}

/// JSON (and the browser bundle) goes gzipped to a client that accepts it, and reads back the
/// same; a client that does not ask gets it plain; pages are never held back to compress.
#[tokio::test]
async fn large_answers_are_gzipped_for_clients_that_accept_it() {
    use std::io::Read;
    let app = TestApp::new().await;
    let get = |encoding: Option<&str>, path: &str| {
        let mut req = TestApp::request(Method::GET, path, None);
        if let Some(e) = encoding {
            req = req.header(header::ACCEPT_ENCODING, e);
        }
        req.body(Body::empty()).unwrap()
    };
    let plain = app.send(get(None, "/api/v1/openapi.json")).await;
    assert_eq!(plain.status, 200);
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    let packed = app
        .send(get(Some("gzip, deflate, br"), "/api/v1/openapi.json"))
        .await;
    assert_eq!(packed.headers[header::CONTENT_ENCODING], "gzip");
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&packed.bytes[..])
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain.body);
    assert!(
        packed.bytes.len() * 3 < plain.body.len(),
        "{} bytes",
        packed.bytes.len()
    );
    let page = app.send(get(Some("gzip"), "/courses")).await;
    assert_eq!(page.status, 200);
    assert!(page.headers.get(header::CONTENT_ENCODING).is_none());
}

/// A form that comes back with messages keeps what was typed on the server, for the one page
/// load of that browser: the URL carries message keys only, never the values.
#[tokio::test]
async fn form_values_come_back_without_travelling_in_the_url() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    let long_village = "示例村".repeat(300);
    let res = app
        .post_form(
            "/profile",
            &[
                ("name", "隐私测试"),
                ("id_number", "410101199013011234"),
                ("town_id", "1"),
                ("village", &long_village),
                ("education", "senior_high"),
                ("prior_status", "farmer"),
                ("ecommerce_experience", "none"),
                ("consent", "1"),
            ],
            Some(&user.cookie),
        )
        .await;
    assert_eq!(res.status, 303);
    let to = res.location().to_string();
    assert!(to.starts_with("/profile?"), "{to}");
    assert!(to.contains("err_"), "{to}");
    for secret in ["隐私测试", "410101199013011234", "示例村"] {
        assert!(!to.contains(&app::ui::encode_component(secret)), "{to}");
        assert!(!to.contains(secret), "{to}");
    }
    assert!(to.len() < 2048);
    let flash = res.cookie(domain::flash::COOKIE).expect("the form's token");
    assert!(res.set_cookies().contains("HttpOnly"));
    // Stored sealed: the values are not readable in the table.
    let stored: Vec<domain::entities::form_flashes::Model> =
        domain::entities::form_flashes::Entity::find()
            .all(&app.services.db)
            .await
            .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].payload.contains("隐私"));
    // The page shows them once, and ends the token; another page does not take them.
    let both = format!("{}; {flash}", user.cookie);
    let elsewhere = app.get("/account", Some(&both)).await;
    assert!(!elsewhere.body.contains("隐私测试"));
    let page = app.get(&to, Some(&both)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("隐私测试"), "the name comes back");
    assert!(page.body.contains(&long_village), "the village comes back");
    assert!(
        page.set_cookies().contains("yucai_form=;"),
        "{}",
        page.set_cookies()
    );
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    let again = app.get(&to, Some(&both)).await;
    assert!(!again.body.contains("隐私测试"));
}

/// What a signed-in person sees is not kept by the browser, and logging out clears what it
/// kept before; public pages stay cacheable.
#[tokio::test]
async fn signed_in_pages_are_not_stored_and_logging_out_clears_the_cache() {
    let (app, user) = TestApp::with_user(Role::Trainee).await;
    for path in ["/profile", "/learning", "/api/v1/me"] {
        let res = app.get(path, Some(&user.cookie)).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.headers[header::CACHE_CONTROL], "no-store", "{path}");
    }
    let public = app.get("/courses", None).await;
    assert!(public.headers.get(header::CACHE_CONTROL).is_none());
    let out = app.post_form("/logout", &[], Some(&user.cookie)).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.headers["clear-site-data"], "\"cache\"");
}
