//! The test harness: a migrated database and an app with a signed-in user in one line, and
//! real HTTP requests against the real router.
//!
//! The database is SQLite in memory, or — when `TEST_DATABASE_URL` is set (as `make test`
//! does) — a fresh PostgreSQL database created for each test on that server.

use crate::AppState;
use crate::config::Config;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use domain::Actor;
use domain::accounts::{self, Client, NewUser};
use domain::entities::organisations;
use domain::keys::SecretKey;
use domain::{Services, db};
use model::Role;
use model::enums::{OrganisationKind, OrganisationStatus};
use std::sync::Arc;
use tower::ServiceExt;

/// Pages are rendered by Leptos, whose reactive runtime belongs to the process: several tests
/// rendering pages in one process were seen to hang now and then. So each test runs in a process
/// of its own (cargo-nextest, as `make test` does); plain `cargo test` is stopped at once with
/// the reason instead of hanging at random. `YUCAI_TEST_SHARED_PROCESS=1` runs them anyway
/// (one test at a time: `cargo test -- --test-threads=1 NAME`). Programs that use the harness
/// outside the tests (the fault checks, the soak, benchmarks) call [`outside_tests`] first.
fn one_test_per_process() {
    let nextest =
        std::env::var_os("NEXTEST").is_some() || std::env::var_os("NEXTEST_RUN_ID").is_some();
    let allowed = std::env::var_os("YUCAI_TEST_SHARED_PROCESS").is_some()
        || OUTSIDE_TESTS.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        nextest || allowed,
        "run these tests with cargo-nextest, one process per test (`cargo nextest run` or \
         `make test-sqlite`): under plain `cargo test` the Leptos runtime is shared by every test \
         of the process and a page render can hang. Set YUCAI_TEST_SHARED_PROCESS=1 to run one \
         test anyway."
    );
}

static OUTSIDE_TESTS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says that this process is a program of its own (a benchmark, the soak, the fault checks)
/// using the harness, not a test run.
pub fn outside_tests() {
    OUTSIDE_TESTS.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The password every test user has.
pub const TEST_PASSWORD: &str = "test-password-1";
pub const TEST_ORIGIN: &str = "http://127.0.0.1:3000";

/// A valid resident ID number (GB 11643 check character) of a fictional person: county code
/// 419999 (none exists), born on `birth` (`YYYYMMDD`), distinct for each `n` below 1,000.
pub fn test_id_number(birth: &str, n: u32) -> String {
    let first17 = format!("419999{birth}{:03}", n % 1000);
    let check = domain::identity::id_check_char(&first17).expect("17 digits");
    format!("{first17}{check}")
}

/// The actor of trainee account `user_id`, for calling the domain without a session.
pub fn trainee_actor(user_id: i32) -> Actor {
    Actor {
        user: Some(domain::AuthUser {
            id: user_id,
            phone: String::new(),
            display_name: None,
            role: Role::Trainee,
            organisation_id: None,
            town_id: None,
            org_admin: false,
            runs_selections: false,
            session_id: 0,
        }),
        ..Actor::default()
    }
}

/// A well-formed credit code (GB 32100 check character) that differs for each `n`.
pub fn test_credit_code(n: u32) -> String {
    let first17 = format!("91411081MA{:07}", n % 10_000_000);
    let check = domain::identity::credit_code_check_char(&first17).expect("valid characters");
    format!("{first17}{check}")
}

/// Which database engine the tests run on: `sqlite` or `postgres`.
pub fn engine() -> &'static str {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        "postgres"
    } else {
        "sqlite"
    }
}

/// A migrated, empty database for one test.
pub async fn test_database() -> sea_orm::DatabaseConnection {
    test_database_and_url().await.0
}

/// A database for one test with no tables yet (for tests of the migrations themselves):
/// a fresh PostgreSQL database when `TEST_DATABASE_URL` is set, else SQLite in memory; with the
/// PostgreSQL database's URL.
pub async fn unmigrated_database() -> (sea_orm::DatabaseConnection, Option<String>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            use sea_orm::ConnectionTrait;
            let admin = db::connect(&url)
                .await
                .expect("TEST_DATABASE_URL must be reachable");
            let name = format!("yucai_test_{}", hex::encode(rand::random::<[u8; 8]>()));
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.ok();
            let base = url
                .rsplit_once('/')
                .map(|(base, _)| base)
                .expect("TEST_DATABASE_URL names a database");
            let url = format!("{base}/{name}");
            let conn = db::connect(&url)
                .await
                .expect("connect to the test database");
            (conn, Some(url))
        }
        // One connection holds an in-memory database, so it stays open.
        _ => (
            db::connect("sqlite::memory:")
                .await
                .expect("in-memory SQLite"),
            None,
        ),
    }
}

/// As [`test_database`], with the URL of a PostgreSQL test database (another pool can join
/// it); `None` for in-memory SQLite.
async fn test_database_and_url() -> (sea_orm::DatabaseConnection, Option<String>) {
    let (conn, url) = unmigrated_database().await;
    db::migrate(&conn).await.expect("migrations apply");
    match url {
        Some(url) => {
            // As the server does: a fresh pool that never saw the old schema.
            conn.close().await.ok();
            let conn = db::connect(&url)
                .await
                .expect("connect to the test database");
            (conn, Some(url))
        }
        None => (conn, None),
    }
}

pub struct TestApp {
    pub router: Router,
    pub services: Services,
    /// A temporary SQLite file to remove when the app is dropped.
    temp_file: Option<std::path::PathBuf>,
    /// Where another instance can connect to the same database (shared apps only).
    db_url: Option<String>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(path) = &self.temp_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

/// A signed-in user: their account and the cookie that carries their session.
/// The value of `name` in a redirect's query string (before any `#fragment`).
pub fn query_value(location: &str, name: &str) -> Option<String> {
    let query = location.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// A finished class: see [`TestApp::completed_class`].
pub struct CompletedClass {
    pub course: i32,
    pub staff: TestUser,
    pub trainees: Vec<(TestUser, Actor)>,
}

pub struct TestUser {
    pub id: i32,
    pub phone: String,
    pub cookie: String,
    pub token: String,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (lossy for binary bodies; see `bytes`).
    pub body: String,
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Every `Set-Cookie` header of the response, joined by newlines.
    pub fn set_cookies(&self) -> String {
        let all: Vec<&str> = self
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        all.join("\n")
    }

    /// The `name=value` of the first `Set-Cookie` for `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(|c| c.split(';').next().unwrap_or_default().to_string())
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    /// An app whose configuration `change` adjusts (e.g. an https public URL).
    pub async fn with_config(change: impl FnOnce(&mut Config)) -> TestApp {
        let (conn, url) = test_database_and_url().await;
        let mut app = TestApp::build(conn, None, change);
        app.db_url = url;
        app
    }

    /// An app on a database that several connections share, for tests of concurrent writers:
    /// a temporary SQLite file (WAL, as in production) or the test PostgreSQL.
    pub async fn new_shared() -> TestApp {
        if engine() == "postgres" {
            return TestApp::new().await;
        }
        let path = std::env::temp_dir().join(format!(
            "yucai-test-{}.db",
            hex::encode(rand::random::<[u8; 8]>())
        ));
        let url = format!("sqlite://{}", path.display());
        let conn = db::connect(&url).await.expect("a temporary SQLite file");
        db::migrate(&conn).await.expect("migrations apply");
        // As the server does: a fresh pool that never saw the old schema.
        conn.close().await.ok();
        let conn = db::connect(&url).await.expect("the temporary SQLite file");
        let mut app = TestApp::build(conn, Some(path), |_| {});
        app.db_url = Some(url);
        app
    }

    /// An app on an existing, migrated database at `url`, signing with the secret key in
    /// `key_file`, as `yucai serve` with the same settings would: for harnesses that prepare
    /// data beside a running server and check the database afterwards.
    pub async fn on_database(url: &str, key_file: &std::path::Path) -> TestApp {
        let conn = db::connect(url).await.expect("the database");
        let (key, _) = SecretKey::load_or_create(key_file).expect("the secret key");
        let services = Services::new(conn, key).with_public_url(TEST_ORIGIN);
        let mut app = TestApp::build_with(services, None, |_| {});
        app.db_url = Some(url.to_string());
        app
    }

    /// A second server instance on the same database: its own router and connection pool,
    /// the same secret key (as two processes started with one key file). Needs a shared app.
    pub async fn another_instance(&self) -> TestApp {
        let url = self
            .db_url
            .clone()
            .expect("another instance needs TestApp::new_shared");
        let conn = db::connect(&url).await.expect("a second pool");
        let mut services = Services::new(conn, SecretKey::generate()).with_public_url(TEST_ORIGIN);
        services.keys = self.services.keys.clone();
        let mut app = TestApp::build_with(services, None, |_| {});
        app.db_url = Some(url);
        app
    }

    fn build(
        conn: sea_orm::DatabaseConnection,
        temp_file: Option<std::path::PathBuf>,
        change: impl FnOnce(&mut Config),
    ) -> TestApp {
        TestApp::build_with(
            Services::new(conn, SecretKey::generate()).with_public_url(TEST_ORIGIN),
            temp_file,
            change,
        )
    }

    fn build_with(
        services: Services,
        temp_file: Option<std::path::PathBuf>,
        change: impl FnOnce(&mut Config),
    ) -> TestApp {
        one_test_per_process();
        let mut config = Config {
            database_url: "test".into(),
            addr: "127.0.0.1:3000".parse().expect("address"),
            secret_key_file: "unused".into(),
            public_url: TEST_ORIGIN.into(),
            log: "warn".into(),
            site_root: "target/site".into(),
            // Tests read their own writes at once; the page cache has its own test.
            page_cache: std::time::Duration::ZERO,
            issuer_name: domain::certificates::DEFAULT_ISSUER.into(),
            cert_font: domain::pdf::DEFAULT_FONT.into(),
            sms: Default::default(),
        };
        change(&mut config);
        let state = AppState {
            leptos_options: crate::cli::leptos_options(&config),
            services: services.clone(),
            config: Arc::new(config),
            page_cache: Default::default(),
        };
        TestApp {
            router: crate::router::router(state),
            services,
            temp_file,
            db_url: None,
        }
    }

    /// An app and a signed-in user of `role`, in one line.
    pub async fn with_user(role: Role) -> (TestApp, TestUser) {
        let app = TestApp::new().await;
        let user = app.user(role).await;
        (app, user)
    }

    /// Another signed-in user of `role` (phone numbers are unique per app).
    pub async fn user(&self, role: Role) -> TestUser {
        self.user_in(role, None, false).await
    }

    /// A signed-in staff member of partner `org` (a partner admin if `org_admin`).
    pub async fn staff(&self, org: i32, org_admin: bool) -> TestUser {
        self.user_in(Role::PartnerStaff, Some(org), org_admin).await
    }

    /// A partner organisation of `kind` in `status`, with a valid, unique credit code.
    pub async fn organisation(&self, kind: OrganisationKind, status: OrganisationStatus) -> i32 {
        use sea_orm::{ActiveModelTrait, Set};
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let now = chrono::Utc::now();
        organisations::ActiveModel {
            kind: Set(kind.into()),
            name: Set(format!("测试机构{n}（示例）")),
            credit_code: Set(test_credit_code(n)),
            status: Set(status.into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.services.db)
        .await
        .expect("insert organisation")
        .id
    }

    /// An open course of a new college, starting in `starts_in` days, with `capacity` places
    /// and one three-hour session at 09:00 on its first day.
    pub async fn open_course(&self, capacity: i32, starts_in: i64) -> i32 {
        use domain::entities::{course_sessions, courses};
        use model::enums::{CourseLevel, CourseMode, CourseStatus, Funding, Programme};
        use sea_orm::{ActiveModelTrait, Set};
        let org = self
            .organisation(OrganisationKind::College, OrganisationStatus::Approved)
            .await;
        let admin = self.user(Role::BureauAdmin).await;
        let now = chrono::Utc::now();
        let starts_on = domain::local_time::today() + chrono::Duration::days(starts_in);
        let course = courses::ActiveModel {
            organisation_id: Set(org),
            title: Set(format!("测试课程{starts_in}")),
            description: Set(String::new()),
            programme: Set(Programme::Rural.into()),
            industry_tags: Set(String::new()),
            level: Set(CourseLevel::Entry.into()),
            mode: Set(CourseMode::Onsite.into()),
            capacity: Set(capacity),
            seats_taken: Set(0),
            total_hours: Set(3.0),
            completion_threshold_pct: Set(80),
            assessed: Set(false),
            starts_on: Set(starts_on),
            ends_on: Set(starts_on),
            funding: Set(Funding::Free.into()),
            status: Set(CourseStatus::Open.into()),
            created_by: Set(admin.id),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.services.db)
        .await
        .expect("insert course");
        let nine = domain::local_time::at(
            starts_on,
            chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
        );
        course_sessions::ActiveModel {
            course_id: Set(course.id),
            starts_at: Set(nine),
            ends_at: Set(nine + chrono::Duration::hours(3)),
            topic: Set("开店".into()),
            hours: Set(3.0),
            ..Default::default()
        }
        .insert(&self.services.db)
        .await
        .expect("insert session");
        course.id
    }

    /// `n` trainee accounts with completed profiles, inserted in bulk; their user ids.
    pub async fn bulk_trainees(&self, n: u32) -> Vec<i32> {
        use domain::entities::{trainees, users};
        use model::enums::{Gender, UserStatus};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let first = NEXT.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        let db = &self.services.db;
        let now = chrono::Utc::now();
        let mut ids = Vec::new();
        for chunk in (first..first + n).collect::<Vec<_>>().chunks(500) {
            let phones: Vec<String> = chunk.iter().map(|n| format!("171{n:08}")).collect();
            users::Entity::insert_many(phones.iter().map(|p| users::ActiveModel {
                phone: Set(p.clone()),
                password_hash: Set("not a hash: these accounts cannot log in".into()),
                role: Set(Role::Trainee.into()),
                status: Set(UserStatus::Active.into()),
                created_at: Set(now),
                password_changed_at: Set(now),
                ..Default::default()
            }))
            .exec(db)
            .await
            .expect("insert users");
            let rows = users::Entity::find()
                .filter(users::Column::Phone.is_in(phones))
                .all(db)
                .await
                .expect("read users");
            trainees::Entity::insert_many(rows.iter().map(|u| trainees::ActiveModel {
                user_id: Set(u.id),
                name: Set("学员".into()),
                id_number_cipher: Set(String::new()),
                id_number_hash: Set(format!("bulk-{}", u.id)),
                id_number_masked: Set(String::new()),
                gender: Set(Gender::Female.into()),
                birth_date: Set(chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("date")),
                town_id: Set(1),
                education: Set("senior_high".into()),
                prior_status: Set("farmer".into()),
                ecommerce_experience: Set("none".into()),
                consent_at: Set(now),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }))
            .exec(db)
            .await
            .expect("insert trainees");
            ids.extend(rows.iter().map(|u| u.id));
        }
        ids
    }

    /// Enrolments of `user_ids` (trainees) on `course` in `status`, inserted in bulk; the
    /// trainee ids, in order. Completed ones attended the course's three hours; enrolled ones
    /// take a seat each (the course's `seats_taken` is raised to match).
    pub async fn bulk_enrolments(
        &self,
        course: i32,
        user_ids: &[i32],
        status: model::enums::EnrollmentStatus,
    ) -> Vec<i32> {
        use domain::entities::{courses, enrollments, trainees};
        use model::enums::EnrollmentStatus;
        use sea_orm::sea_query::{Expr, ExprTrait};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
        let db = &self.services.db;
        let by_user: std::collections::HashMap<i32, i32> = trainees::Entity::find()
            .filter(trainees::Column::UserId.is_in(user_ids.to_vec()))
            .all(db)
            .await
            .expect("trainees")
            .into_iter()
            .map(|t| (t.user_id, t.id))
            .collect();
        let people: Vec<i32> = user_ids.iter().map(|u| by_user[u]).collect();
        let now = chrono::Utc::now();
        let completed = status == EnrollmentStatus::Completed;
        for chunk in people.chunks(500) {
            enrollments::Entity::insert_many(chunk.iter().map(|&trainee_id| {
                enrollments::ActiveModel {
                    course_id: Set(course),
                    trainee_id: Set(trainee_id),
                    status: Set(status.into()),
                    attended_hours: Set(if completed { 3.0 } else { 0.0 }),
                    enrolled_at: Set(now),
                    status_changed_at: Set(now),
                    completed_at: Set(completed.then_some(now)),
                    ..Default::default()
                }
            }))
            .exec(db)
            .await
            .expect("insert enrolments");
        }
        if status == EnrollmentStatus::Enrolled {
            courses::Entity::update_many()
                .col_expr(
                    courses::Column::SeatsTaken,
                    Expr::col(courses::Column::SeatsTaken).add(people.len() as i32),
                )
                .filter(courses::Column::Id.eq(course))
                .exec(db)
                .await
                .expect("seats taken");
        }
        people
    }

    /// A running course with `present` trainees who attended (and so complete) and one who did
    /// not, completion confirmed by the provider's staff. Returns the course, its staff and the
    /// trainees (present ones first; names from `names`, then made up).
    pub async fn completed_class(&self, present: u32, names: &[&str]) -> CompletedClass {
        use domain::entities::courses;
        use domain::{attendance, completion, enrolment};
        use model::attendance::{Mark, MarksInput};
        use model::enums::{AttendanceStatus, CourseStatus};
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let db = &self.services.db;
        let course = self.open_course(50, -1).await;
        let org = courses::Entity::find_by_id(course)
            .one(db)
            .await
            .expect("read course")
            .expect("the course")
            .organisation_id;
        let staff = self.staff(org, false).await;
        let staff_actor = self.actor(&staff).await;
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let mut trainees = Vec::new();
        for i in 0..=present {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let name = names
                .get(i as usize)
                .map(|s| s.to_string())
                .unwrap_or_else(|| format!("学员{n:03}"));
            let (user, actor) = self.trainee(&name, &test_id_number("19880512", n)).await;
            enrolment::enrol(db, &actor, course).await.expect("enrol");
            trainees.push((user, actor));
        }
        let sheet = attendance::sheet(db, &staff_actor, course, None)
            .await
            .expect("attendance sheet");
        let session = sheet.session_id.expect("a begun session");
        // The last trainee enrolled is marked absent and so does not complete.
        let last = self
            .enrollment_of(course, &trainees[present as usize].1)
            .await;
        let marks = sheet
            .rows
            .iter()
            .map(|r| Mark {
                enrollment_id: r.enrollment_id,
                status: if r.enrollment_id == last {
                    AttendanceStatus::Absent
                } else {
                    AttendanceStatus::Present
                },
            })
            .collect();
        attendance::record(db, &staff_actor, course, session, MarksInput { marks })
            .await
            .expect("record attendance");
        courses::Entity::update_many()
            .col_expr(
                courses::Column::Status,
                Expr::value(CourseStatus::Running.as_str()),
            )
            .filter(courses::Column::Id.eq(course))
            .exec(db)
            .await
            .expect("start the course");
        completion::confirm(db, &staff_actor, course)
            .await
            .expect("confirm completion");
        CompletedClass {
            course,
            staff,
            trainees,
        }
    }

    /// The account with `phone`.
    pub async fn user_by_phone(&self, phone: &str) -> domain::entities::users::Model {
        use domain::entities::users;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        users::Entity::find()
            .filter(users::Column::Phone.eq(phone))
            .one(&self.services.db)
            .await
            .expect("find the account")
            .unwrap_or_else(|| panic!("no account with phone {phone}"))
    }

    /// The trainee profile of account `user_id`, if it has one.
    pub async fn profile_of(&self, user_id: i32) -> Option<domain::entities::trainees::Model> {
        use domain::entities::trainees;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        trainees::Entity::find()
            .filter(trainees::Column::UserId.eq(user_id))
            .one(&self.services.db)
            .await
            .expect("find the profile")
    }

    /// How many audit rows have `action`.
    pub async fn audited(&self, action: &str) -> u64 {
        use domain::entities::audit_log;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .count(&self.services.db)
            .await
            .expect("count audit rows")
    }

    /// The enrolment of `trainee` in `course`.
    pub async fn enrollment_of(&self, course: i32, trainee: &Actor) -> i32 {
        use domain::entities::enrollments;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let db = &self.services.db;
        let me = domain::trainees::own_row(db, trainee)
            .await
            .expect("read trainee")
            .expect("a profile");
        enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(course))
            .filter(enrollments::Column::TraineeId.eq(me.id))
            .one(db)
            .await
            .expect("read enrolment")
            .expect("an enrolment")
            .id
    }

    /// A signed-in trainee whose real-name profile is complete (town 1, usual choices).
    pub async fn trainee(&self, name: &str, id_number: &str) -> (TestUser, Actor) {
        let user = self.user(Role::Trainee).await;
        let actor = self.actor(&user).await;
        domain::trainees::save_profile(
            &self.services,
            &actor,
            model::trainees::ProfileInput {
                name: name.into(),
                id_number: id_number.into(),
                town_id: Some(1),
                village: String::new(),
                education: "senior_high".into(),
                prior_status: "farmer".into(),
                ecommerce_experience: "none".into(),
                consent: true,
            },
        )
        .await
        .expect("a valid profile");
        (user, actor)
    }

    /// A session for each of `user_ids`, inserted in bulk; their bearer tokens, in order.
    pub async fn bulk_sessions(&self, user_ids: &[i32]) -> Vec<String> {
        use domain::entities::sessions;
        use sea_orm::{EntityTrait, Set};
        let now = chrono::Utc::now();
        let tokens: Vec<String> = user_ids
            .iter()
            .map(|id| format!("bulk-{id}-{}", hex::encode(rand::random::<[u8; 16]>())))
            .collect();
        for chunk in user_ids.iter().zip(&tokens).collect::<Vec<_>>().chunks(500) {
            sessions::Entity::insert_many(chunk.iter().map(|(id, token)| sessions::ActiveModel {
                token_hash: Set(accounts::hash_token(token)),
                user_id: Set(**id),
                created_at: Set(now),
                last_seen_at: Set(now),
                expires_at: Set(now + chrono::Duration::days(1)),
                ..Default::default()
            }))
            .exec(&self.services.db)
            .await
            .expect("insert sessions");
        }
        tokens
    }

    /// The actor a request with `user`'s session resolves to, for calling the domain directly.
    pub async fn actor(&self, user: &TestUser) -> Actor {
        match accounts::resolve_session(&self.services.db, &user.token)
            .await
            .expect("session lookup")
        {
            accounts::SessionLookup::Valid(u) => Actor {
                user: Some(u),
                ..Actor::default()
            },
            accounts::SessionLookup::Expired => panic!("the test user's session has ended"),
        }
    }

    async fn user_in(&self, role: Role, org: Option<i32>, org_admin: bool) -> TestUser {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let phone = format!("139{n:08}");
        let hash = self
            .services
            .passwords
            .hash(TEST_PASSWORD)
            .await
            .expect("hash");
        let new = NewUser {
            phone: &phone,
            role,
            display_name: None,
            organisation_id: org,
            town_id: None,
        };
        let mut user = accounts::insert_user(&self.services.db, new, &hash)
            .await
            .expect("insert user");
        if org_admin {
            use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
            let mut active = user.into_active_model();
            active.org_admin = Set(true);
            user = active.update(&self.services.db).await.expect("org admin");
        }
        let session = accounts::open_session(&self.services.db, &user, &Client::default())
            .await
            .expect("session");
        TestUser {
            id: user.id,
            phone,
            cookie: format!("yucai_session={}", session.token),
            token: session.token,
        }
    }

    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("the router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    pub fn request(
        method: Method,
        path: &str,
        cookie: Option<&str>,
    ) -> axum::http::request::Builder {
        let mut builder = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000");
        if method != Method::GET {
            builder = builder.header(header::ORIGIN, TEST_ORIGIN);
        }
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        self.send(
            Self::request(Method::GET, path, cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// A same-origin form post, as a browser sends it.
    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> TestResponse {
        let body = fields
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    app::ui::encode_component(k),
                    app::ui::encode_component(v)
                )
            })
            .collect::<Vec<_>>()
            .join("&");
        let req = Self::request(Method::POST, path, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    pub async fn post_json(
        &self,
        path: &str,
        json: serde_json::Value,
        bearer: Option<&str>,
    ) -> TestResponse {
        let mut builder = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = bearer {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(builder.body(Body::from(json.to_string())).expect("request"))
            .await
    }
}
