//! `make bench-dashboard`: how long the KPI dashboard takes on a large data set.
//!
//! Opens the database in `DATABASE_URL` (as `yucai serve` does; load it first with
//! `yucai seed --demo --scale 1000000`) and, as a bureau admin, computes the whole dashboard —
//! every figure, the funnel, targets and the four charts, exactly what the page shows — for a
//! year with no filter and with each filter alone, `BENCH_RUNS` times each (default 5), and
//! prints the fastest, median and slowest: first counted from the facts (nothing kept: the
//! first visit of a filter, or of a running period on a new day), then kept and brought up to
//! date. Then counting ahead as `yucai serve` does in the background (every year's dashboard
//! for the city and for each filter alone), timed, and the first visit of the year with each
//! value of each filter after it. Reference: counting the year's enrolments alone, the least a
//! count must read.

use domain::Actor;
use domain::dashboard;
use model::dashboard::DashboardQuery;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// A table row: fastest, median and slowest of sorted times.
fn print_row(name: &str, t: &[Duration]) {
    println!(
        "| {name} | {} | {} | {} |",
        ms(t[0]),
        ms(t[t.len() / 2]),
        ms(t[t.len() - 1])
    );
}

/// Runs `f` `runs` times; each run returns the time it measured.
async fn timed<F, Fut>(runs: usize, mut f: F) -> Vec<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Duration>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        times.push(f().await);
    }
    times.sort();
    times
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let config = server::config::Config::from_env().expect("configuration");
    let services = server::cli::open_migrated(&config)
        .await
        .unwrap_or_else(|e| panic!("opening the database: {}", e.0));
    let db = &services.db;
    // Facts not yet built (a database migrated from before them) are built here, timed.
    let start = Instant::now();
    let built = dashboard::refresh(db).await.expect("dashboard facts");
    if built > 0 {
        println!(
            "dashboard facts built for {built} trainees in {}",
            ms(start.elapsed())
        );
    }
    let backend = format!("{:?}", db.get_database_backend());
    let count = |sql: &str| {
        let sql = sql.to_string();
        async move {
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    sql,
                ))
                .await
                .expect("count")
                .expect("a row");
            row.try_get_by_index::<i64>(0).expect("a number")
        }
    };
    let trainees = count("SELECT COUNT(*) FROM trainees").await;
    let enrolments = count("SELECT COUNT(*) FROM enrollments").await;
    let year: i32 = std::env::var("BENCH_YEAR")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2025);
    let in_year = count(&format!(
        "SELECT COUNT(*) FROM enrollments e JOIN courses c ON c.id = e.course_id \
         WHERE c.starts_on >= '{year}-01-01' AND c.starts_on <= '{year}-12-31'"
    ))
    .await;
    println!(
        "{backend}: {trainees} trainees, {enrolments} enrolments ({in_year} on courses starting in {year}); {runs} runs each"
    );
    let admin_user = domain::entities::users::Entity::find()
        .filter(domain::entities::users::Column::Phone.eq("13800000001"))
        .one(db)
        .await
        .expect("users")
        .expect("the demo's bureau admin (13800000001)");
    let admin = Actor::acting_as(&admin_user);
    let town = count("SELECT CAST(MIN(id) AS BIGINT) FROM towns").await;
    let provider = count("SELECT CAST(MIN(organisation_id) AS BIGINT) FROM courses").await;
    let y = year.to_string();
    let cases: Vec<(String, DashboardQuery)> = vec![
        (
            "year, no filter".into(),
            DashboardQuery {
                year: y.clone(),
                ..Default::default()
            },
        ),
        (
            "year + town".into(),
            DashboardQuery {
                year: y.clone(),
                town: town.to_string(),
                ..Default::default()
            },
        ),
        (
            "year + programme".into(),
            DashboardQuery {
                year: y.clone(),
                programme: "livestream".into(),
                ..Default::default()
            },
        ),
        (
            "year + industry".into(),
            DashboardQuery {
                year: y.clone(),
                industry: "jun_porcelain".into(),
                ..Default::default()
            },
        ),
        (
            "year + provider".into(),
            DashboardQuery {
                year: y.clone(),
                provider: provider.to_string(),
                ..Default::default()
            },
        ),
        (
            "year + quarter".into(),
            DashboardQuery {
                year: y.clone(),
                period: "q2".into(),
                ..Default::default()
            },
        ),
    ];
    println!("| dashboard | fastest | median | slowest |");
    println!("| --- | ---: | ---: | ---: |");
    let reference = format!(
        "SELECT COUNT(*) FROM enrollments e JOIN courses c ON c.id = e.course_id \
         WHERE c.starts_on >= '{year}-01-01' AND c.starts_on <= '{year}-12-31'"
    );
    let t = timed(runs, || async {
        let start = Instant::now();
        count(&reference).await;
        start.elapsed()
    })
    .await;
    print_row("reference: count the year's enrolments", &t);
    let forget = || async {
        db.execute_unprepared("DELETE FROM kpi_cache")
            .await
            .expect("forget");
        db.execute_unprepared("DELETE FROM kpi_cached")
            .await
            .expect("forget");
    };
    // The whole dashboard for a query, timed.
    let show = |query: &DashboardQuery| {
        let query = query.clone();
        let admin = admin.clone();
        async move {
            let start = Instant::now();
            dashboard::dashboard(db, &admin, &query)
                .await
                .expect("dashboard");
            start.elapsed()
        }
    };
    for (name, query) in &cases {
        let t = timed(runs, || async {
            forget().await;
            show(query).await
        })
        .await;
        print_row(&format!("{name}: first count"), &t);
    }
    // Counting ahead, as `yucai serve` does in the background: every year's dashboard for the
    // city and for each filter alone, from nothing kept.
    forget().await;
    let start = Instant::now();
    let passes = dashboard::warm(db).await.expect("counting ahead");
    let took = ms(start.elapsed());
    println!(
        "| counting ahead (in the background): every year's dashboard for the city and each filter alone, {passes} passes | {took} | {took} | {took} |"
    );
    // Then the first visit of the year with each value of each filter alone.
    let ids = |sql: &str| {
        let sql = sql.to_string();
        async move {
            db.query_all_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                sql,
            ))
            .await
            .expect("values")
            .into_iter()
            .map(|r| r.try_get_by_index::<i64>(0).expect("a number").to_string())
            .collect::<Vec<String>>()
        }
    };
    let towns = ids("SELECT CAST(id AS BIGINT) FROM towns").await;
    let providers =
        ids("SELECT DISTINCT CAST(organisation_id AS BIGINT) FROM courses ORDER BY 1").await;
    let query = |set: &dyn Fn(&mut DashboardQuery)| {
        let mut q = DashboardQuery {
            year: y.clone(),
            ..Default::default()
        };
        set(&mut q);
        q
    };
    let each: Vec<(&str, Vec<DashboardQuery>)> = vec![
        (
            "town",
            towns
                .iter()
                .map(|t| query(&|q| q.town = t.clone()))
                .collect(),
        ),
        (
            "programme",
            model::enums::Programme::ALL
                .iter()
                .map(|p| query(&|q| q.programme = p.as_str().into()))
                .collect(),
        ),
        (
            "industry",
            model::catalogue::Industry::ALL
                .iter()
                .map(|i| query(&|q| q.industry = i.as_str().into()))
                .collect(),
        ),
        (
            "provider",
            providers
                .iter()
                .map(|p| query(&|q| q.provider = p.clone()))
                .collect(),
        ),
    ];
    for (name, queries) in &each {
        let mut t = Vec::with_capacity(queries.len());
        for q in queries {
            t.push(show(q).await);
        }
        t.sort();
        print_row(
            &format!(
                "year + each {name} ({} views), first visit after counting ahead",
                queries.len()
            ),
            &t,
        );
    }
    for (name, query) in &cases {
        show(query).await;
        let t = timed(runs, || show(query)).await;
        print_row(&format!("{name}: kept"), &t);
    }
    let kept = count("SELECT COUNT(*) FROM kpi_cached").await;
    // The same right after a change: one enrolment's score is written again, so its trainee's
    // facts are rebuilt, and every kept pass brought up to date, before the count.
    let year_query = DashboardQuery {
        year: y.clone(),
        ..Default::default()
    };
    // The change's trainee's facts are rebuilt first and timed on their own, then the count.
    let refreshes = std::cell::RefCell::new(Vec::with_capacity(runs));
    let t = timed(runs, || async {
        db.execute_unprepared(
            "UPDATE enrollments SET score = score WHERE id = (SELECT MAX(id) FROM enrollments)",
        )
        .await
        .expect("a change");
        let start = Instant::now();
        dashboard::refresh(db).await.expect("the facts");
        refreshes.borrow_mut().push(start.elapsed());
        show(&year_query).await;
        start.elapsed()
    })
    .await;
    print_row("year, no filter, right after a change", &t);
    let mut refreshes = refreshes.into_inner();
    refreshes.sort();
    print_row(
        &format!(
            "(of which: rebuilding the changed trainee's facts and bringing {kept} kept passes up to date)"
        ),
        &refreshes,
    );
}
