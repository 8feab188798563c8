//! `make soak`: mixed traffic against one release server for a fixed time (ten minutes by
//! default), at a fixed rate of actions, with the server's memory sampled throughout.
//!
//! The server runs as a child process on the demo data (`yucai seed --demo`) plus what this
//! program adds through its own connection: courses to enrol on, a course with sessions open
//! for QR check-in right now and its staff, a finished course with issued certificates, and
//! trainees with sessions. Actions, chosen at random by weight:
//!
//! | action    | weight | requests |
//! | --------- | ------ | -------- |
//! | browse    | 45 | an anonymous page: home, catalogue, a search, a course page, certificate check |
//! | learning  | 10 | "My learning" (page) or the same as JSON, signed in as a trainee |
//! | dashboard |  5 | the bureau's dashboard page or its JSON |
//! | login     |  5 | the demo trainee logs in (argon2) and out again |
//! | enrol     | 15 | a trainee enrols on one of the courses (places run out: waiting list) |
//! | check in  | 12 | the staff's check-in screen (QR code), then a trainee checks in with its code |
//! | download  |  8 | a trainee's certificate PDF, or the roster as .xlsx / CSV for the staff |
//!
//! Every answer must be the expected one (no 5xx, no refusal); latency is counted from when an
//! action was due, so a slow server cannot hide behind a slow client. At the end the database
//! must hold every enrolment and check-in that was answered with success, and the server's
//! resident memory must have stayed within the bound.
//!
//! Environment: `SOAK_SECONDS` (600), `SOAK_RATE` actions per second (100), `SOAK_MEMORY_MIB`
//! the bound (150), `YUCAI_BIN`, `DATABASE_URL` (as for `check_faults`).

mod common;

use common::{Reply, Server, bin, engine_of, fresh_database, http, page};
use domain::certificates;
use domain::entities::{attendance, certificates as certs, course_sessions, courses, enrollments};
use model::Role;
use model::enums::EnrollmentStatus;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use server::testing::TestApp;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Browse,
    Learning,
    Dashboard,
    Login,
    Enrol,
    CheckIn,
    Download,
}

const MIX: [(Kind, u32); 7] = [
    (Kind::Browse, 45),
    (Kind::Learning, 10),
    (Kind::Dashboard, 5),
    (Kind::Login, 5),
    (Kind::Enrol, 15),
    (Kind::CheckIn, 12),
    (Kind::Download, 8),
];

fn pick(roll: u32) -> Kind {
    let mut left = roll % MIX.iter().map(|(_, w)| w).sum::<u32>();
    for (kind, weight) in MIX {
        if left < weight {
            return kind;
        }
        left -= weight;
    }
    unreachable!("the roll is below the sum of the weights")
}

/// The expected share of `kind` in the actions.
fn share(kind: Kind) -> f64 {
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    MIX.iter().find(|(k, _)| *k == kind).map_or(0, |(_, w)| *w) as f64 / total as f64
}

/// What the harness prepared; ids and tokens the actions use.
struct World {
    port: u16,
    demo_course: i32,
    verify_code: String,
    trainee_token: String,
    admin_token: String,
    /// Courses to enrol on and the trainees who will, each on each course at most once.
    enrol_courses: Vec<i32>,
    enrollers: Vec<String>,
    /// A course with sessions open for check-in now, its staff, and its enrolled trainees.
    checkin_course: i32,
    checkin_sessions: Vec<i32>,
    checkin_staff: String,
    checkers: Vec<String>,
    /// Issued certificates and their owners' tokens; the finished course and its staff.
    certificates: Vec<(i32, String)>,
    finished_course: i32,
    finished_staff: String,
    next_enrol: AtomicUsize,
    next_checkin: AtomicUsize,
}

#[derive(Default)]
struct Tally {
    /// Latency in microseconds from when each request's action was due, by kind.
    latency: BTreeMap<Kind, Vec<u64>>,
    actions: BTreeMap<Kind, u64>,
    errors: Vec<String>,
    enrolled_ok: u64,
    checked_in_ok: u64,
}

type Shared = Arc<Mutex<Tally>>;

fn record(
    tally: &Shared,
    kind: Kind,
    due: Instant,
    what: &str,
    reply: std::io::Result<Reply>,
) -> Option<Reply> {
    let micros = due.elapsed().as_micros() as u64;
    let mut t = tally.lock().expect("tally");
    t.latency.entry(kind).or_default().push(micros);
    match reply {
        Ok(r) if (200..300).contains(&r.status) && r.complete => Some(r),
        Ok(r) => {
            let body: String = r.body.chars().take(200).collect();
            t.errors.push(format!("{what}: {} {body}", r.status));
            None
        }
        Err(e) => {
            t.errors.push(format!("{what}: no answer ({e})"));
            None
        }
    }
}

fn fail(tally: &Shared, what: String) {
    tally.lock().expect("tally").errors.push(what);
}

async fn act(world: &World, tally: &Shared, kind: Kind, roll: u32, due: Instant) {
    let port = world.port;
    let pick_of = |n: usize| (roll as usize / 7) % n.max(1);
    match kind {
        Kind::Browse => {
            let paths = [
                "/".to_string(),
                "/courses".to_string(),
                "/courses?q=%E7%9B%B4%E6%92%AD".to_string(),
                format!("/courses/{}", world.demo_course),
                format!("/verify/{}", world.verify_code),
            ];
            let path = &paths[pick_of(paths.len())];
            record(tally, kind, due, path, page(port, path, None).await);
        }
        Kind::Learning => {
            let token = Some(world.trainee_token.as_str());
            if roll.is_multiple_of(2) {
                record(
                    tally,
                    kind,
                    due,
                    "/learning",
                    page(port, "/learning", token).await,
                );
            } else {
                let r = http(port, "GET", "/api/v1/me/learning", token, None).await;
                record(tally, kind, due, "/api/v1/me/learning", r);
            }
        }
        Kind::Dashboard => {
            let token = Some(world.admin_token.as_str());
            if roll.is_multiple_of(2) {
                let r = page(port, "/manage/dashboard", token).await;
                record(tally, kind, due, "/manage/dashboard", r);
            } else {
                let r = http(port, "GET", "/api/v1/dashboard", token, None).await;
                record(tally, kind, due, "/api/v1/dashboard", r);
            }
        }
        Kind::Login => {
            let body = r#"{"phone":"13800000004","password":"demo-password"}"#;
            let r = http(port, "POST", "/api/v1/auth/login", None, Some(body)).await;
            let Some(r) = record(tally, kind, due, "login", r) else {
                return;
            };
            let Some(token) = r.json()["token"].as_str().map(str::to_string) else {
                return fail(tally, "login: no token in the answer".into());
            };
            let r = http(port, "POST", "/api/v1/auth/logout", Some(&token), Some("")).await;
            record(tally, kind, due, "logout", r);
        }
        Kind::Enrol => {
            let i = world.next_enrol.fetch_add(1, Ordering::Relaxed);
            let people = world.enrollers.len();
            let Some(&course) = world.enrol_courses.get(i / people) else {
                return fail(tally, "enrol: the prepared enrolments ran out".into());
            };
            let path = format!("/api/v1/courses/{course}/enrolment");
            let r = http(
                port,
                "POST",
                &path,
                Some(&world.enrollers[i % people]),
                None,
            )
            .await;
            if let Some(r) = record(tally, kind, due, &path, r) {
                match r.json()["status"].as_str() {
                    Some("enrolled" | "waitlisted") => {
                        tally.lock().expect("tally").enrolled_ok += 1;
                    }
                    other => fail(tally, format!("{path}: answered {other:?}")),
                }
            }
        }
        Kind::CheckIn => {
            let i = world.next_checkin.fetch_add(1, Ordering::Relaxed);
            let people = world.checkers.len();
            let Some(&session) = world.checkin_sessions.get(i / people) else {
                return fail(tally, "check-in: the prepared check-ins ran out".into());
            };
            let screen = format!(
                "/api/v1/courses/{}/sessions/{session}/checkin",
                world.checkin_course
            );
            let r = http(port, "GET", &screen, Some(&world.checkin_staff), None).await;
            let Some(r) = record(tally, kind, due, &screen, r) else {
                return;
            };
            let code = r.json()["code"].as_str().unwrap_or_default().to_string();
            let path = format!("/api/v1/sessions/{session}/checkin");
            let body = serde_json::json!({ "code": code }).to_string();
            let r = http(
                port,
                "POST",
                &path,
                Some(&world.checkers[i % people]),
                Some(&body),
            )
            .await;
            if let Some(r) = record(tally, kind, due, &path, r) {
                if r.json()["checked_in"] == true {
                    tally.lock().expect("tally").checked_in_ok += 1;
                } else {
                    fail(tally, format!("{path}: not checked in: {}", r.body));
                }
            }
        }
        Kind::Download => {
            if roll.is_multiple_of(3) {
                let format = if roll.is_multiple_of(2) {
                    "xlsx"
                } else {
                    "csv"
                };
                let path = format!(
                    "/api/v1/courses/{}/roster/export?format={format}",
                    world.finished_course
                );
                let r = http(port, "GET", &path, Some(&world.finished_staff), None).await;
                record(tally, kind, due, &path, r);
            } else {
                let (id, token) = &world.certificates[pick_of(world.certificates.len())];
                let path = format!("/api/v1/issued-certificates/{id}/pdf");
                let r = http(port, "GET", &path, Some(token), None).await;
                if let Some(r) = record(tally, kind, due, &path, r)
                    && !r.body.starts_with("%PDF")
                {
                    fail(tally, format!("{path}: not a PDF"));
                }
            }
        }
    }
}

/// The organisation that runs `course`.
async fn organisation_of(app: &TestApp, course: i32) -> i32 {
    courses::Entity::find_by_id(course)
        .one(&app.services.db)
        .await
        .expect("course")
        .expect("the course exists")
        .organisation_id
}

async fn prepare(app: &TestApp, port: u16, seconds: u64, rate: u64) -> World {
    let db = &app.services.db;
    let expected = |kind| (seconds * rate) as f64 * share(kind) * 1.5 + 100.0;

    // Enrolments: four courses of 2,000 places on four different days (the same trainee may
    // not take two classes at the same time), the trainees to fill them and more.
    let mut enrol_courses = Vec::new();
    for day in 7..11 {
        enrol_courses.push(app.open_course(2_000, day).await);
    }
    let enrol_people = (expected(Kind::Enrol) / enrol_courses.len() as f64).ceil() as u32;
    let users = app.bulk_trainees(enrol_people).await;
    let enrollers = app.bulk_sessions(&users).await;

    // Check-in: a course running today with ten sessions open from ten minutes ago until
    // after the soak; its trainees enrolled; its staff.
    let checkin_course = app.open_course(100_000, 0).await;
    let now = chrono::Utc::now();
    let mut checkin_sessions = Vec::new();
    for n in 0..10 {
        let session = course_sessions::ActiveModel {
            course_id: Set(checkin_course),
            starts_at: Set(now - chrono::Duration::minutes(10)),
            ends_at: Set(now + chrono::Duration::seconds(seconds as i64 + 3_600)),
            topic: Set(format!("签到练习{n}")),
            hours: Set(1.0),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("session");
        checkin_sessions.push(session.id);
    }
    let checkin_people = (expected(Kind::CheckIn) / checkin_sessions.len() as f64).ceil() as u32;
    let users = app.bulk_trainees(checkin_people).await;
    app.bulk_enrolments(checkin_course, &users, EnrollmentStatus::Enrolled)
        .await;
    let checkers = app.bulk_sessions(&users).await;
    let checkin_staff = app
        .staff(organisation_of(app, checkin_course).await, false)
        .await
        .token;

    // Downloads: a finished course of 200 with their certificates issued.
    let finished_course = app.open_course(300, -1).await;
    let users = app.bulk_trainees(200).await;
    let trainees = app
        .bulk_enrolments(finished_course, &users, EnrollmentStatus::Completed)
        .await;
    let admin = app.user(Role::BureauAdmin).await;
    certificates::issue_for_course(&app.services, &app.actor(&admin).await, finished_course)
        .await
        .expect("certificates issued");
    let tokens = app.bulk_sessions(&users).await;
    let owner: std::collections::HashMap<i32, &String> =
        trainees.iter().copied().zip(&tokens).collect();
    let issued = certs::Entity::find()
        .filter(certs::Column::CourseId.eq(finished_course))
        .all(db)
        .await
        .expect("certificates");
    let verify_code = issued[0].verification_code.clone();
    let certificates = issued
        .iter()
        .map(|c| (c.id, owner[&c.trainee_id].clone()))
        .collect();
    let finished_staff = app
        .staff(organisation_of(app, finished_course).await, false)
        .await
        .token;

    // The demo trainee and admin (README: demo logins), and a demo course.
    let login = |phone: &'static str| async move {
        let body = format!(r#"{{"phone":"{phone}","password":"demo-password"}}"#);
        let r = http(port, "POST", "/api/v1/auth/login", None, Some(&body))
            .await
            .expect("login");
        r.json()["token"].as_str().expect("a token").to_string()
    };
    let courses = http(port, "GET", "/api/v1/courses", None, None)
        .await
        .expect("the catalogue");
    let demo_course = courses.json()["items"][0]["id"]
        .as_i64()
        .expect("a demo course") as i32;
    World {
        port,
        demo_course,
        verify_code,
        trainee_token: login("13800000004").await,
        admin_token: login("13800000001").await,
        enrol_courses,
        enrollers,
        checkin_course,
        checkin_sessions,
        checkin_staff,
        checkers,
        certificates,
        finished_course,
        finished_staff,
        next_enrol: AtomicUsize::new(0),
        next_checkin: AtomicUsize::new(0),
    }
}

/// The resident memory of `pid` in MiB.
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    server::testing::outside_tests();
    let seconds = env("SOAK_SECONDS", 600);
    let rate = env("SOAK_RATE", 100).max(1);
    let bound = env("SOAK_MEMORY_MIB", 150) as f64;
    let work = tempfile::tempdir().expect("a work folder");
    let url = fresh_database(work.path()).await;
    let engine = engine_of(&url);
    println!(
        "Soak: {seconds} s of mixed traffic at {rate} actions/s on {engine}, server {}",
        bin().display()
    );
    Server::migrate(&url, work.path());
    Server::run(&url, work.path(), &["seed", "--demo"]);
    let app = TestApp::on_database(&url, &work.path().join("secret.key")).await;
    let port = 3961;
    let mut server = Server::start(&url, work.path(), port).await;
    let world = Arc::new(prepare(&app, port, seconds, rate).await);
    let pid = server.child.id();
    let rss_start = rss_mib(pid);

    // Memory, sampled each second.
    let samples = Arc::new(Mutex::new(Vec::<(u64, f64)>::new()));
    let sampler = {
        let samples = samples.clone();
        let started = Instant::now();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tick.tick().await;
                let at = started.elapsed().as_secs();
                samples.lock().expect("samples").push((at, rss_mib(pid)));
            }
        })
    };

    // The actions, one every 1/rate s, each in its own task.
    let tally: Shared = Arc::default();
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let mut running = tokio::task::JoinSet::new();
    let mut minute = 0;
    while started.elapsed() < Duration::from_secs(seconds) {
        let due = tick.tick().await.into_std();
        let roll = rand::random::<u32>();
        let kind = pick(roll);
        tally
            .lock()
            .expect("tally")
            .actions
            .entry(kind)
            .and_modify(|n| *n += 1)
            .or_insert(1);
        let (world, shared) = (world.clone(), tally.clone());
        running.spawn(async move { act(&world, &shared, kind, roll, due).await });
        while running.try_join_next().is_some() {}
        let now_minute = started.elapsed().as_secs() / 60;
        if now_minute > minute {
            minute = now_minute;
            let t = tally.lock().expect("tally");
            println!(
                "  {minute:>2} min: {} actions, {} errors, server memory {:.0} MiB",
                t.actions.values().sum::<u64>(),
                t.errors.len(),
                rss_mib(pid)
            );
        }
    }
    while running.join_next().await.is_some() {}
    let elapsed = started.elapsed().as_secs_f64();
    sampler.abort();
    let rss_end = rss_mib(pid);

    // What the database holds: every enrolment and check-in answered with success.
    let db = &app.services.db;
    let enrolments = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.is_in(world.enrol_courses.clone()))
        .count(db)
        .await
        .expect("count enrolments");
    let checked_in = attendance::Entity::find()
        .filter(attendance::Column::SessionId.is_in(world.checkin_sessions.clone()))
        .count(db)
        .await
        .expect("count check-ins");
    let mut tally = std::mem::take(&mut *tally.lock().expect("tally"));
    if enrolments != tally.enrolled_ok {
        tally.errors.push(format!(
            "{} enrolments answered with success, {enrolments} in the database",
            tally.enrolled_ok
        ));
    }
    if checked_in != tally.checked_in_ok {
        tally.errors.push(format!(
            "{} check-ins answered with success, {checked_in} in the database",
            tally.checked_in_ok
        ));
    }

    println!();
    println!(
        "{:<10} {:>8} {:>9} {:>9} {:>9} {:>9}",
        "action", "actions", "requests", "p50 ms", "p99 ms", "max ms"
    );
    let mut all = Vec::new();
    for (kind, latencies) in &mut tally.latency {
        latencies.sort_unstable();
        all.extend_from_slice(latencies);
        println!(
            "{:<10} {:>8} {:>9} {:>9.1} {:>9.1} {:>9.1}",
            format!("{kind:?}").to_lowercase(),
            tally.actions.get(kind).copied().unwrap_or(0),
            latencies.len(),
            percentile(latencies, 0.5),
            percentile(latencies, 0.99),
            percentile(latencies, 1.0)
        );
    }
    all.sort_unstable();
    println!(
        "{:<10} {:>8} {:>9} {:>9.1} {:>9.1} {:>9.1}",
        "all",
        tally.actions.values().sum::<u64>(),
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        percentile(&all, 1.0)
    );
    println!(
        "{:.0} s, {:.1} requests/s; {} enrolments and {} check-ins saved, each answered with success",
        elapsed,
        all.len() as f64 / elapsed,
        enrolments,
        checked_in
    );
    let samples = samples.lock().expect("samples").clone();
    let peak = samples.iter().map(|s| s.1).fold(rss_start, f64::max);
    let after_first_minute: Vec<f64> = samples.iter().filter(|s| s.0 >= 60).map(|s| s.1).collect();
    let (low, high) = after_first_minute
        .iter()
        .fold((f64::MAX, 0.0_f64), |(lo, hi), &m| (lo.min(m), hi.max(m)));
    println!(
        "server memory: {rss_start:.0} MiB at start, peak {peak:.0} MiB, {rss_end:.0} MiB at the end; \
         after the first minute between {:.0} and {high:.0} MiB (bound {bound:.0} MiB)",
        if after_first_minute.is_empty() {
            rss_end
        } else {
            low
        }
    );
    let mut failed = false;
    if !tally.errors.is_empty() {
        failed = true;
        println!(
            "FAIL  {} unexpected answers; the first ones:",
            tally.errors.len()
        );
        for e in tally.errors.iter().take(10) {
            println!("  {e}");
        }
    }
    if peak > bound {
        failed = true;
        println!("FAIL  the server's memory passed {bound:.0} MiB");
    }
    if server.child.try_wait().ok().flatten().is_some() {
        failed = true;
        println!("FAIL  the server exited during the soak");
    }
    server.terminate();
    let _ = server.exit_code(Duration::from_secs(30)).await;
    if failed {
        std::process::exit(1);
    }
    println!("Soak passed: no unexpected answers, memory within {bound:.0} MiB.");
}
