//! `make check-faults`: the release server killed, stopped and starved of its database under
//! load, and the database checked afterwards. The `yucai` binary runs as a child process and
//! is driven over real TCP; this program prepares data and checks it through its own
//! connection to the same database.
//!
//! 1. SIGKILL in the middle of an enrolment burst, then a restart: places never oversold,
//!    each enrolment whole (row, seat, audit entry, an unbroken waiting list), every
//!    enrolment that was answered with success still there; the rest of the burst then fills
//!    the course exactly.
//! 2. SIGKILL in the middle of a certificate batch, then a restart: whole batches only (each
//!    certificate with its audit entry, numbers unique and without gaps, signatures hold);
//!    issuing again finishes the rest.
//! 3. SIGTERM while a certificate batch is being issued: the batch is finished and answered,
//!    then the server exits cleanly and takes no new connections.
//! 4. PostgreSQL restarted under load (when `CHECK_FAULTS_PG_RESTART` holds the command that
//!    restarts it): requests meanwhile are answered 503 with a clear message or wait, never
//!    500; the same server process answers normally again within seconds.
//! 5. SQLite on a small file system this program mounts (needs root; said and skipped
//!    otherwise). The disk full under writes: 503 with a clear message, reads go on, nothing
//!    half-saved, `PRAGMA integrity_check` ok, writes work again once space returns, without a
//!    restart. The file system read-only: the server refuses to start with a clear message;
//!    read-write again, it starts and nothing is damaged.
//!
//! Environment: `YUCAI_BIN` (default `target/release/yucai`), `DATABASE_URL` (default a new
//! SQLite file; a PostgreSQL URL is used to create a fresh database beside it).

mod common;

use common::{Reply, Server, bin, engine_of, fresh_database, http, log_tail};
use domain::certificates;
use domain::entities::{audit_log, certificates as certs, courses, enrollments, trainees};
use model::Role;
use model::enums::EnrollmentStatus;
use model::i18n::{Locale, Msg};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use server::testing::TestApp;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Check = Result<(), String>;

fn fail<T>(what: impl Into<String>) -> Result<T, String> {
    Err(what.into())
}

// ---------------------------------------------------------------------------------------------
// Enrolment bursts and what the database must look like after them.

#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    NotTried,
    /// Answered with success: `enrolled` or `waitlisted`.
    Answered(String),
    /// Answered 409: already enrolled (an attempt whose answer was lost had gone through).
    AlreadyEnrolled,
    /// A clear 503: nothing was changed.
    Unavailable,
    /// Any other answer.
    Other(u16, String),
    /// No answer: the connection failed or broke.
    Lost,
}

struct Burst {
    course: i32,
    places: i32,
    users: Vec<i32>,
    tokens: Vec<String>,
    outcomes: Arc<Mutex<Vec<Outcome>>>,
}

impl Burst {
    async fn new(app: &TestApp, places: i32, people: u32) -> Burst {
        let course = app.open_course(places, 5).await;
        let users = app.bulk_trainees(people).await;
        let tokens = app.bulk_sessions(&users).await;
        Burst {
            course,
            places,
            outcomes: Arc::new(Mutex::new(vec![Outcome::NotTried; users.len()])),
            users,
            tokens,
        }
    }

    fn outcomes(&self) -> Vec<Outcome> {
        self.outcomes.lock().expect("outcomes").clone()
    }

    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes().iter().filter(|o| f(o)).count()
    }

    /// Sends an enrolment for each person in `who` from `clients` connections at once, until
    /// all are sent or `stop` is set; the outcomes are recorded as they arrive.
    async fn fire(&self, port: u16, who: Vec<usize>, clients: usize, stop: Arc<AtomicBool>) {
        let next = Arc::new(AtomicUsize::new(0));
        let who = Arc::new(who);
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..clients {
            let (next, who, stop) = (next.clone(), who.clone(), stop.clone());
            let tokens = self.tokens.clone();
            let outcomes = self.outcomes.clone();
            let path = format!("/api/v1/courses/{}/enrolment", self.course);
            workers.spawn(async move {
                while !stop.load(Ordering::SeqCst) {
                    let Some(&i) = who.get(next.fetch_add(1, Ordering::SeqCst)) else {
                        break;
                    };
                    let outcome = match http(port, "POST", &path, Some(&tokens[i]), None).await {
                        Ok(r) if r.status == 200 => {
                            Outcome::Answered(r.json()["status"].as_str().unwrap_or("").into())
                        }
                        Ok(r) if r.status == 409 => Outcome::AlreadyEnrolled,
                        Ok(r) if r.is_clear_unavailable() => Outcome::Unavailable,
                        Ok(r) => Outcome::Other(r.status, r.body),
                        Err(_) => Outcome::Lost,
                    };
                    outcomes.lock().expect("outcomes")[i] = outcome;
                }
            });
        }
        while workers.join_next().await.is_some() {}
    }

    /// Everyone whose enrolment is not known to have gone through.
    fn unsettled(&self) -> Vec<usize> {
        self.outcomes()
            .iter()
            .enumerate()
            .filter(|(_, o)| !matches!(o, Outcome::Answered(_) | Outcome::AlreadyEnrolled))
            .map(|(i, _)| i)
            .collect()
    }

    /// The course's enrolments are whole and agree with every answer given: seats counted
    /// match enrolled rows and never exceed the places; the waiting list is 1..n; nobody
    /// waits while a place is free; each row has its audit entry; each success answered is
    /// there with the status answered; each "already enrolled" is there.
    async fn consistent(&self, db: &sea_orm::DatabaseConnection) -> Result<(u64, u64), String> {
        let rows = enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(self.course))
            .all(db)
            .await
            .map_err(|e| e.to_string())?;
        let seats = courses::Entity::find_by_id(self.course)
            .one(db)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the course is gone")?
            .seats_taken;
        let enrolled = rows
            .iter()
            .filter(|r| r.status == EnrollmentStatus::Enrolled)
            .count() as u64;
        let mut positions: Vec<i32> = rows
            .iter()
            .filter(|r| r.status == EnrollmentStatus::Waitlisted)
            .filter_map(|r| r.waitlist_position)
            .collect();
        positions.sort_unstable();
        let waiting = positions.len() as u64;
        if seats as u64 != enrolled {
            return fail(format!("seats_taken {seats} but {enrolled} enrolled"));
        }
        if enrolled > self.places as u64 {
            return fail(format!("{enrolled} enrolled in {} places", self.places));
        }
        if positions != (1..=waiting as i32).collect::<Vec<_>>() {
            return fail(format!("the waiting list is broken: {positions:?}"));
        }
        if waiting > 0 && enrolled < self.places as u64 {
            return fail("people wait while places are free");
        }
        let audited: HashSet<String> = audit_log::Entity::find()
            .filter(audit_log::Column::Entity.eq("enrollment"))
            .all(db)
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .filter_map(|a| a.entity_id)
            .collect();
        if let Some(r) = rows.iter().find(|r| !audited.contains(&r.id.to_string())) {
            return fail(format!("enrolment {} has no audit entry", r.id));
        }
        let people: HashMap<i32, i32> = trainees::Entity::find()
            .filter(trainees::Column::UserId.is_in(self.users.clone()))
            .all(db)
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|t| (t.user_id, t.id))
            .collect();
        let status_of: HashMap<i32, &str> = rows
            .iter()
            .map(|r| {
                let s = match *r.status {
                    EnrollmentStatus::Enrolled => "enrolled",
                    EnrollmentStatus::Waitlisted => "waitlisted",
                    _ => "other",
                };
                (r.trainee_id, s)
            })
            .collect();
        for (i, outcome) in self.outcomes().iter().enumerate() {
            let there = status_of.get(&people[&self.users[i]]).copied();
            match outcome {
                Outcome::Answered(s) if there != Some(s.as_str()) => {
                    return fail(format!("answered {s}, but the database has {there:?}"));
                }
                Outcome::AlreadyEnrolled if there.is_none() => {
                    return fail("answered \"already enrolled\", but there is no enrolment");
                }
                Outcome::Other(status, body) => {
                    return fail(format!("unexpected answer {status}: {body}"));
                }
                _ => {}
            }
        }
        Ok((enrolled, waiting))
    }
}

/// 1. SIGKILL in the middle of an enrolment burst.
async fn kill_during_enrolment(app: &TestApp, server: Server) -> Result<Server, String> {
    const PLACES: i32 = 200;
    const PEOPLE: u32 = 800;
    const KILL_AFTER: usize = 120;
    let burst = Arc::new(Burst::new(app, PLACES, PEOPLE).await);
    let stop = Arc::new(AtomicBool::new(false));
    let firing = {
        let (burst, stop) = (burst.clone(), stop.clone());
        let port = server.port;
        tokio::spawn(async move {
            burst
                .fire(port, (0..PEOPLE as usize).collect(), 32, stop)
                .await
        })
    };
    let mut server = server;
    let answered = |b: &Burst| b.count(|o| matches!(o, Outcome::Answered(_)));
    while answered(&burst) < KILL_AFTER && !firing.is_finished() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    server.kill();
    stop.store(true, Ordering::SeqCst);
    firing.await.map_err(|e| e.to_string())?;
    let before = answered(&burst);
    let lost = burst.count(|o| *o == Outcome::Lost);
    if before >= PEOPLE as usize {
        return fail("the burst ended before the kill");
    }
    let (enrolled, waiting) = burst.consistent(&app.services.db).await?;
    println!(
        "  killed with {before} enrolments answered ({lost} more sent got no answer): \
         {enrolled} enrolled, {waiting} waiting, every answered one there, each whole"
    );
    let server = server.restart().await;
    let rest = burst.unsettled();
    burst
        .fire(server.port, rest, 32, Arc::new(AtomicBool::new(false)))
        .await;
    let (enrolled, waiting) = burst.consistent(&app.services.db).await?;
    if enrolled != PLACES as u64 || waiting != (PEOPLE - PLACES as u32) as u64 {
        return fail(format!(
            "after the restart: {enrolled} enrolled and {waiting} waiting, expected {PLACES} and {}",
            PEOPLE - PLACES as u32
        ));
    }
    println!(
        "  after the restart the rest of the burst: {enrolled} enrolled in {PLACES} places, \
         {waiting} waiting in one unbroken line: consistent"
    );
    Ok(server)
}

// ---------------------------------------------------------------------------------------------
// Certificate batches.

/// A course that ended yesterday with `n` completed enrolments, and a bureau admin's token.
async fn completed_course(app: &TestApp, n: u32) -> (i32, String) {
    let course = app.open_course(n as i32 + 10, -1).await;
    let users = app.bulk_trainees(n).await;
    app.bulk_enrolments(course, &users, EnrollmentStatus::Completed)
        .await;
    (course, app.user(Role::BureauAdmin).await.token)
}

async fn issued(app: &TestApp, course: i32) -> usize {
    certs::Entity::find()
        .filter(certs::Column::CourseId.eq(course))
        .all(&app.services.db)
        .await
        .map_or(0, |c| c.len())
}

/// Every certificate in the database is whole: one per enrolment, numbers unique and without
/// gaps within each year, an audit entry each, and a signature that holds with the server's key.
async fn certificates_consistent(app: &TestApp) -> Check {
    let db = &app.services.db;
    let all = certs::Entity::find()
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    let key = certificates::issuer(&app.services).public_key;
    if let Some(c) = all
        .iter()
        .find(|c| !certificates::signature_holds(&key, &c.payload, &c.signature))
    {
        return fail(format!("the signature of {} does not hold", c.number));
    }
    let enrolments: HashSet<Option<i32>> = all.iter().map(|c| c.enrollment_id).collect();
    if enrolments.len() != all.len() {
        return fail("an enrolment has two certificates");
    }
    let mut by_year: HashMap<&str, Vec<u32>> = HashMap::new();
    for c in &all {
        let (year, n) = c.number.rsplit_once('-').ok_or("a number without a year")?;
        by_year
            .entry(year)
            .or_default()
            .push(n.parse().map_err(|_| "a number that is not one")?);
    }
    for (year, mut numbers) in by_year {
        numbers.sort_unstable();
        if numbers != (1..=numbers.len() as u32).collect::<Vec<_>>() {
            return fail(format!("the numbers of {year} have gaps or repeats"));
        }
    }
    let audited: HashSet<String> = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("certificate.issued"))
        .all(db)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|a| a.entity_id)
        .collect();
    if let Some(c) = all.iter().find(|c| !audited.contains(&c.number)) {
        return fail(format!("certificate {} has no audit entry", c.number));
    }
    if audited.len() != all.len() {
        return fail("an audit entry names a certificate that is not there");
    }
    Ok(())
}

fn certs_wanted() -> u32 {
    std::env::var("CHECK_FAULTS_CERTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000)
}

/// Starts issuing the course's certificates and waits until the first batch is committed
/// while the request is still running.
async fn issue_started(
    app: &TestApp,
    port: u16,
    course: i32,
    token: &str,
) -> Result<tokio::task::JoinHandle<std::io::Result<Reply>>, String> {
    let (path, token) = (
        format!("/api/v1/courses/{course}/certificates"),
        token.to_string(),
    );
    let request =
        tokio::spawn(async move { http(port, "POST", &path, Some(&token), Some("")).await });
    while issued(app, course).await == 0 && !request.is_finished() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    if request.is_finished() {
        return fail("the batch finished before it could be interrupted: raise CHECK_FAULTS_CERTS");
    }
    Ok(request)
}

/// 2. SIGKILL in the middle of a certificate batch.
async fn kill_during_certificates(app: &TestApp, mut server: Server) -> Result<Server, String> {
    let n = certs_wanted();
    let (course, token) = completed_course(app, n).await;
    let request = issue_started(app, server.port, course, &token).await?;
    server.kill();
    if let Ok(Ok(r)) = request.await
        && r.complete
        && r.status == 200
    {
        return fail("the batch was answered before the kill");
    }
    let done = issued(app, course).await;
    if done == 0 || done >= n as usize || done % certificates::BATCH != 0 {
        return fail(format!(
            "{done} of {n} certificates after the kill: not whole batches of {}",
            certificates::BATCH
        ));
    }
    certificates_consistent(app).await?;
    println!(
        "  killed after {done} of {n} certificates: whole batches of {}, each signed, numbered \
         without gaps and audited",
        certificates::BATCH
    );
    let server = server.restart().await;
    let path = format!("/api/v1/courses/{course}/certificates");
    let r = http(server.port, "POST", &path, Some(&token), Some(""))
        .await
        .map_err(|e| e.to_string())?;
    let rest = r.json()["issued"].as_u64().unwrap_or(0) as usize;
    if r.status != 200 || rest != n as usize - done || issued(app, course).await != n as usize {
        return fail(format!("issuing again answered {}: {}", r.status, r.body));
    }
    certificates_consistent(app).await?;
    println!("  after the restart issuing again added the other {rest}: {n}, one each");
    Ok(server)
}

/// 3. SIGTERM while a certificate batch is being issued.
async fn terminate_during_certificates(
    app: &TestApp,
    mut server: Server,
) -> Result<Server, String> {
    let n = certs_wanted();
    let (course, token) = completed_course(app, n).await;
    let request = issue_started(app, server.port, course, &token).await?;
    let at_signal = issued(app, course).await;
    server.terminate();
    let reply = request
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("the request in flight got no answer: {e}"))?;
    if reply.status != 200 || !reply.complete || reply.json()["issued"] != n {
        return fail(format!(
            "the request in flight was answered {} ({}): {}",
            reply.status,
            if reply.complete { "whole" } else { "cut off" },
            reply.body
        ));
    }
    let code = server.exit_code(Duration::from_secs(30)).await;
    if code != Some(0) {
        return fail(format!("after SIGTERM the server exit code was {code:?}"));
    }
    if http(server.port, "GET", "/healthz", None, None)
        .await
        .is_ok()
    {
        return fail("the server still answers after it stopped");
    }
    certificates_consistent(app).await?;
    println!(
        "  SIGTERM with {at_signal} of {n} issued: the request finished (200, all {n}), then \
         the server exited with code 0"
    );
    Ok(server.restart().await)
}

// ---------------------------------------------------------------------------------------------
// The database going away: PostgreSQL restarted, the disk full, the file system read-only.

/// Reads and enrolments from `clients` connections until `stop`; each read's answer with the
/// time. The enrolments' task ends once every request it sent has its answer: await it before
/// looking at the database, or a request still in flight changes it between two queries.
async fn steady_load(
    app: &TestApp,
    port: u16,
    clients: usize,
    stop: Arc<AtomicBool>,
) -> (
    Arc<Burst>,
    tokio::task::JoinHandle<Vec<(Instant, u16, bool)>>,
    tokio::task::JoinHandle<()>,
) {
    let burst = Arc::new(Burst::new(app, 100_000, 20_000).await);
    let reads = {
        let (stop, course) = (stop.clone(), burst.course);
        tokio::spawn(async move {
            let mut seen = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let path = format!("/api/v1/courses/{course}");
                let r = http(port, "GET", &path, None, None).await;
                let (status, clear) =
                    r.map_or((0, false), |r| (r.status, r.is_clear_unavailable()));
                seen.push((Instant::now(), status, clear));
            }
            seen
        })
    };
    let enrolments = {
        let (burst, stop) = (burst.clone(), stop.clone());
        tokio::spawn(async move {
            let everyone = (0..burst.users.len()).collect();
            burst.fire(port, everyone, clients, stop).await;
        })
    };
    (burst, reads, enrolments)
}

/// 4. PostgreSQL restarted under load.
async fn postgres_restart(app: &TestApp, server: &Server, restart: &str) -> Check {
    let stop = Arc::new(AtomicBool::new(false));
    let (burst, reads, enrolments) = steady_load(app, server.port, 4, stop.clone()).await;
    let answered = |b: &Burst| b.count(|o| matches!(o, Outcome::Answered(_)));
    while answered(&burst) < 50 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let restart = restart.to_string();
    let began = Instant::now();
    let status = tokio::task::spawn_blocking(move || {
        Command::new("sh")
            .arg("-c")
            .arg(restart)
            .stdout(Stdio::null())
            .status()
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| format!("cannot restart PostgreSQL: {e}"))?;
    if !status.success() {
        return fail("the PostgreSQL restart command failed");
    }
    let restarted = Instant::now();
    let before = answered(&burst);
    while answered(&burst) < before + 200 && restarted.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    stop.store(true, Ordering::SeqCst);
    let seen = reads.await.map_err(|e| e.to_string())?;
    enrolments.await.map_err(|e| e.to_string())?;
    let failed: Vec<&(Instant, u16, bool)> = seen.iter().filter(|s| s.1 != 200).collect();
    if let Some(s) = failed.iter().find(|s| !s.2) {
        return fail(format!("a read during the restart was answered {}", s.1));
    }
    let recovered = failed
        .last()
        .map_or(Duration::ZERO, |s| s.0.saturating_duration_since(restarted));
    if recovered > Duration::from_secs(5) {
        return fail(format!(
            "reads still failed {recovered:?} after PostgreSQL was back"
        ));
    }
    if answered(&burst) < before + 200 {
        return fail("enrolments did not resume after the restart");
    }
    let unavailable = burst.count(|o| *o == Outcome::Unavailable);
    let (enrolled, _) = burst.consistent(&app.services.db).await?;
    println!(
        "  PostgreSQL restarted in {:.1} s under load: {} reads and {unavailable} enrolments \
         answered 503 \"{}\" meanwhile, none 500; answering normally again {:.1} s after it was \
         back, the same server process; {enrolled} enrolments consistent",
        (restarted - began).as_secs_f64(),
        failed.len(),
        Locale::ZhCn.t(Msg::ErrUnavailable),
        recovered.as_secs_f64(),
    );
    Ok(())
}

/// Starts the server expecting it to refuse: its exit code and the last line it logged.
async fn start_refused(url: &str, dir: &Path, port: u16) -> Result<(i32, String), String> {
    let child = Server::command(url, dir, port, "serve")
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        child,
        port,
        url: url.to_string(),
        dir: dir.to_path_buf(),
    };
    match server.exit_code(Duration::from_secs(30)).await {
        Some(code) if code != 0 => {
            let log = log_tail(dir);
            let last = log
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            Ok((code, last.trim().to_string()))
        }
        other => fail(format!(
            "on a read-only file system the server did not refuse: {other:?}"
        )),
    }
}

/// A small tmpfs this program mounts, unmounted again when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(dir.to_path_buf()))
    }

    fn remount(&self, mode: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "cannot remount {mode}");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Writes zeros into `path` until the file system is full.
fn fill(path: &Path) -> u64 {
    use std::io::Write;
    let mut file = std::fs::File::create(path).expect("filler");
    let block = vec![0u8; 64 * 1024];
    let mut written = 0u64;
    while let Ok(n) = file.write(&block) {
        if n == 0 {
            break;
        }
        written += n as u64;
    }
    let _ = file.sync_all();
    written
}

/// Fires enrolments at `burst` a few at a time until `enough` says so (or `limit` were sent).
async fn enrol_until(burst: &Burst, port: u16, limit: usize, enough: impl Fn(&Burst) -> bool) {
    for chunk in burst.unsettled().chunks(8).take(limit / 8) {
        if enough(burst) {
            break;
        }
        burst
            .fire(port, chunk.to_vec(), 8, Arc::new(AtomicBool::new(false)))
            .await;
    }
}

async fn read_answers(port: u16, course: i32) -> Result<u16, String> {
    http(
        port,
        "GET",
        &format!("/api/v1/courses/{course}"),
        None,
        None,
    )
    .await
    .map(|r| r.status)
    .map_err(|e| e.to_string())
}

async fn integrity(db: &sea_orm::DatabaseConnection) -> Check {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no answer")?;
    let verdict: String = row.try_get_by_index(0).map_err(|e| e.to_string())?;
    if verdict == "ok" {
        Ok(())
    } else {
        fail(format!("integrity_check: {verdict}"))
    }
}

/// 5. The disk full, then the file system read-only, under writes (SQLite).
async fn starved_disk(work: &Path, port: u16) -> Check {
    let Some(disk) = SmallDisk::mount(&work.join("small-disk"), "48m") else {
        println!("  skipped: mounting a small file system needs root (run as root to check it)");
        return Ok(());
    };
    let url = format!("sqlite://{}/yucai.db", disk.0.display());
    Server::migrate(&url, work);
    let app = TestApp::on_database(&url, &work.join("secret.key")).await;
    let server = Server::start(&url, work, port).await;
    let burst = Burst::new(&app, 100_000, 4_000).await;
    let ok = |b: &Burst| b.count(|o| matches!(o, Outcome::Answered(_)));
    let refused = |b: &Burst| b.count(|o| *o == Outcome::Unavailable);

    enrol_until(&burst, server.port, 40, |_| false).await;
    let filler = disk.0.join("filler");
    let filled = fill(&filler);
    let before = ok(&burst);
    enrol_until(&burst, server.port, 3_000, |b| refused(b) >= 20).await;
    let full_ok = ok(&burst) - before;
    let full_refused = refused(&burst);
    if full_refused < 20 {
        return fail(format!(
            "the disk was full ({filled} bytes of filler) but only {full_refused} enrolments were refused"
        ));
    }
    let read_while_full = read_answers(server.port, burst.course).await?;
    std::fs::remove_file(&filler).map_err(|e| e.to_string())?;
    let before = ok(&burst);
    enrol_until(&burst, server.port, 80, |_| false).await;
    let after_full = ok(&burst) - before;
    if after_full < 80 || read_while_full != 200 {
        let others: Vec<Outcome> = burst
            .outcomes()
            .into_iter()
            .filter(|o| !matches!(o, Outcome::Answered(_) | Outcome::NotTried))
            .take(5)
            .collect();
        return fail(format!(
            "once space returned {after_full} of 80 enrolments went through ({others:?}…); a \
             read while full answered {read_while_full}; server log: {}",
            log_tail(work)
        ));
    }
    let (enrolled, _) = burst.consistent(&app.services.db).await?;
    integrity(&app.services.db).await?;
    println!(
        "  disk full: {full_refused} enrolments answered 503 \"{}\" ({full_ok} more fitted in \
         space already held), reads answered {read_while_full}; space freed: the next 80 went \
         through without a restart; {enrolled} enrolments consistent; integrity_check ok",
        Locale::ZhCn.t(Msg::ErrUnavailable)
    );

    // A file system cannot be remounted read-only while files on it are open for writing,
    // so the server (and this program's pool) stop first, as when a host comes back from
    // disk errors with its data read-only.
    let mut server = server;
    server.terminate();
    if server.exit_code(Duration::from_secs(30)).await != Some(0) {
        return fail("the server did not stop on SIGTERM");
    }
    app.services.db.clone().close().await.ok();
    disk.remount("ro");
    let (code, says) = start_refused(&url, work, port).await?;
    disk.remount("rw");
    let server = Server::start(&url, work, port).await;
    let app = TestApp::on_database(&url, &work.join("secret.key")).await;
    let before = ok(&burst);
    enrol_until(&burst, server.port, 80, |_| false).await;
    let after_ro = ok(&burst) - before;
    if after_ro < 80 {
        return fail(format!("read-write again: {after_ro} of 80 went through"));
    }
    let (enrolled, _) = burst.consistent(&app.services.db).await?;
    integrity(&app.services.db).await?;
    println!(
        "  read-only file system: the server refused to start (exit code {code}: \"{says}\"); \
         read-write again: it started, the next 80 went through; {enrolled} enrolments \
         consistent; integrity_check ok"
    );
    drop(server);
    app.services.db.clone().close().await.ok();
    Ok(())
}

// ---------------------------------------------------------------------------------------------

/// Reports a step that hands the server on; after a failed one a fresh server is started so
/// the next step still runs.
async fn go_on(
    report: &mut impl FnMut(&str, Check),
    name: &str,
    result: Result<Server, String>,
    url: &str,
    dir: &Path,
    port: u16,
) -> Server {
    match result {
        Ok(server) => {
            report(name, Ok(()));
            server
        }
        Err(e) => {
            report(name, Err(e));
            Server::start(url, dir, port).await
        }
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    server::testing::outside_tests();
    let work = tempfile::tempdir().expect("a work folder");
    let url = fresh_database(work.path()).await;
    let engine = engine_of(&url);
    println!("Fault checks on {engine}, server {}", bin().display());
    Server::migrate(&url, work.path());
    let app = TestApp::on_database(&url, &work.path().join("secret.key")).await;
    let port = 3951;
    let server = Server::start(&url, work.path(), port).await;
    let mut failures = Vec::new();
    let mut report = |name: &str, result: Check| match result {
        Ok(()) => println!("ok    {name}"),
        Err(e) => {
            println!("FAIL  {name}: {e}");
            failures.push(name.to_string());
        }
    };

    println!("1. SIGKILL during an enrolment burst (800 people, 200 places, 32 at once)");
    let result = kill_during_enrolment(&app, server).await;
    let server = go_on(
        &mut report,
        "enrolment burst survives SIGKILL",
        result,
        &url,
        work.path(),
        port,
    )
    .await;
    println!("2. SIGKILL during a certificate batch ({})", certs_wanted());
    let result = kill_during_certificates(&app, server).await;
    let server = go_on(
        &mut report,
        "certificate batch survives SIGKILL",
        result,
        &url,
        work.path(),
        port,
    )
    .await;
    println!("3. SIGTERM during a certificate batch ({})", certs_wanted());
    let result = terminate_during_certificates(&app, server).await;
    let server = go_on(
        &mut report,
        "SIGTERM finishes the request in flight",
        result,
        &url,
        work.path(),
        port,
    )
    .await;
    if engine == "PostgreSQL" {
        match std::env::var("CHECK_FAULTS_PG_RESTART") {
            Ok(cmd) => {
                println!("4. PostgreSQL restarted under load");
                report(
                    "recovers from a PostgreSQL restart",
                    postgres_restart(&app, &server, &cmd).await,
                );
            }
            Err(_) => println!("4. skipped: CHECK_FAULTS_PG_RESTART names no restart command"),
        }
    } else {
        println!("5. The disk full, then read-only (a separate SQLite file on a 48 MiB tmpfs)");
        report(
            "disk full and read-only answered clearly, nothing corrupted",
            starved_disk(work.path(), port + 1).await,
        );
    }
    drop(server);
    if failures.is_empty() {
        println!("All fault checks passed.");
    } else {
        println!("Failed: {}", failures.join(", "));
        std::process::exit(1);
    }
}
