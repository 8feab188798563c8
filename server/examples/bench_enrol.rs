//! `make bench-enrol`: how fast enrolments go, and that a burst never oversells.
//!
//! With the same number of concurrent clients for each, it measures:
//! 1. the raw SQL guarded update alone (`UPDATE courses SET seats_taken = seats_taken + 1
//!    WHERE id = ? AND seats_taken < capacity`, one IMMEDIATE transaction each): the floor;
//! 2. `domain::enrolment::enrol` called directly (the whole rule: lock, checks, seat or
//!    waiting list, enrolment row, audit row);
//! 3. `POST /api/v1/courses/{id}/enrolment` through the real router (middleware, session
//!    lookup by bearer token, JSON), in process, without TCP;
//! 4. the same through two instances of the app on one database (each its own router and
//!    connection pool), the requests alternating between them.
//!
//! On a fresh SQLite file (WAL) by default; on PostgreSQL when `TEST_DATABASE_URL` names one
//! (`make bench-enrol` runs both, PostgreSQL on the throwaway server of `.ci/with-postgres`).
//!
//! Each run fires `BENCH_ATTEMPTS` (default 10,000) attempts at a course with `BENCH_PLACES`
//! (default 500) places from `BENCH_CLIENTS` (default 32) concurrent clients, then checks that
//! exactly the places were taken and everyone else waits in one unbroken line.

use axum::http::Method;
use domain::entities::{courses, enrollments};
use domain::{db, enrolment};
use model::enums::EnrollmentStatus;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::testing::{TestApp, engine, trainee_actor};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Semaphore;

fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `job(i)` for i in 0..n with at most `clients` at once; the rate per second.
async fn burst<F, Fut>(n: u32, clients: u32, job: F) -> f64
where
    F: Fn(u32) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let limit = Arc::new(Semaphore::new(clients as usize));
    let mut tasks = tokio::task::JoinSet::new();
    let start = Instant::now();
    for i in 0..n {
        let permit = limit.clone().acquire_owned().await.expect("semaphore");
        let fut = job(i);
        tasks.spawn(async move {
            fut.await;
            drop(permit);
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.expect("task");
    }
    n as f64 / start.elapsed().as_secs_f64()
}

async fn check(app: &TestApp, course: i32, attempts: u32, places: i32) -> String {
    let db = &app.services.db;
    let count = |s: EnrollmentStatus| {
        enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(course))
            .filter(enrollments::Column::Status.eq(s.as_str()))
            .count(db)
    };
    let enrolled = count(EnrollmentStatus::Enrolled).await.expect("count");
    let waiting = count(EnrollmentStatus::Waitlisted).await.expect("count");
    let seats = courses::Entity::find_by_id(course)
        .one(db)
        .await
        .expect("course")
        .expect("course")
        .seats_taken;
    let ok = enrolled == places as u64
        && seats == places
        && waiting == (attempts as i32 - places) as u64;
    format!(
        "{} (enrolled {enrolled}, waitlisted {waiting}, seats_taken {seats})",
        if ok { "correct" } else { "WRONG" }
    )
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    server::testing::outside_tests();
    let attempts = env("BENCH_ATTEMPTS", 10_000);
    let places = env("BENCH_PLACES", 500) as i32;
    let clients = env("BENCH_CLIENTS", 32);
    let engine = match engine() {
        "postgres" => "PostgreSQL (TEST_DATABASE_URL)",
        _ => "SQLite file (WAL)",
    };
    println!("{attempts} attempts at {places} places from {clients} concurrent clients, {engine}");

    // 1. The raw guarded update.
    let app = TestApp::new_shared().await;
    let course = app.open_course(attempts as i32, 30).await;
    let conn = app.services.db.clone();
    let raw = burst(attempts, clients, |_| {
        let conn = conn.clone();
        async move {
            let txn = db::begin_write(&conn).await.expect("begin");
            courses::Entity::update_many()
                .col_expr(
                    courses::Column::SeatsTaken,
                    Expr::col(courses::Column::SeatsTaken).add(1),
                )
                .filter(courses::Column::Id.eq(course))
                .filter(
                    Expr::col(courses::Column::SeatsTaken).lt(Expr::col(courses::Column::Capacity)),
                )
                .exec(&txn)
                .await
                .expect("update");
            txn.commit().await.expect("commit");
        }
    })
    .await;
    println!("raw SQL guarded update        {raw:>8.0} /s");
    drop(app);

    // 2. The domain function.
    let app = TestApp::new_shared().await;
    let course = app.open_course(places, 30).await;
    let ids = Arc::new(app.bulk_trainees(attempts).await);
    let conn = app.services.db.clone();
    let domain = burst(attempts, clients, |i| {
        let (conn, ids) = (conn.clone(), ids.clone());
        async move {
            enrolment::enrol(&conn, &trainee_actor(ids[i as usize]), course)
                .await
                .expect("enrol");
        }
    })
    .await;
    println!(
        "domain::enrolment::enrol      {domain:>8.0} /s  ({:.2} × raw)  {}",
        domain / raw,
        check(&app, course, attempts, places).await
    );
    drop(app);

    // 3. Through the router, with a bearer token per trainee.
    let app = TestApp::new_shared().await;
    let (course, tokens) = prepare_http(&app, places, attempts).await;
    let one = Arc::new(vec![app]);
    let http = http_burst(&one, course, &tokens, attempts, clients).await;
    println!(
        "POST /api/v1/…/enrolment      {http:>8.0} /s  ({:.2} × raw)  {}",
        http / raw,
        check(&one[0], course, attempts, places).await
    );
    drop(one);

    // 4. The same through two instances on one database (each its own router and pool, as two
    //    server processes behind a load balancer), the requests alternating between them.
    let app = TestApp::new_shared().await;
    let (course, tokens) = prepare_http(&app, places, attempts).await;
    let other = app.another_instance().await;
    let two = Arc::new(vec![app, other]);
    let http = http_burst(&two, course, &tokens, attempts, clients).await;
    println!(
        "the same, two instances       {http:>8.0} /s  ({:.2} × raw)  {}",
        http / raw,
        check(&two[0], course, attempts, places).await
    );
}

/// A course with `places` places and `attempts` trainees with a session each; their tokens.
async fn prepare_http(app: &TestApp, places: i32, attempts: u32) -> (i32, Arc<Vec<String>>) {
    let course = app.open_course(places, 30).await;
    let ids = app.bulk_trainees(attempts).await;
    (course, Arc::new(app.bulk_sessions(&ids).await))
}

/// Every trainee enrols through the API, request `i` going to instance `i % instances`; each
/// must be answered 200 (a place or the waiting list).
async fn http_burst(
    instances: &Arc<Vec<TestApp>>,
    course: i32,
    tokens: &Arc<Vec<String>>,
    attempts: u32,
    clients: u32,
) -> f64 {
    burst(attempts, clients, |i| {
        let (instances, tokens) = (instances.clone(), tokens.clone());
        async move {
            let req = TestApp::request(
                Method::POST,
                &format!("/api/v1/courses/{course}/enrolment"),
                None,
            )
            .header("authorization", format!("Bearer {}", tokens[i as usize]))
            .body(axum::body::Body::empty())
            .expect("request");
            let res = instances[i as usize % instances.len()].send(req).await;
            assert_eq!(res.status, 200, "{}", res.body);
        }
    })
    .await
}
