//! `make bench-export`: exporting everyone behind a dashboard figure on a large data set.
//!
//! Opens the database in `DATABASE_URL` (load it first with `yucai seed --demo --scale
//! 1000000`, as `make bench-dashboard` does) and, as a bureau admin, exports the people behind
//! "people trained" for `BENCH_YEAR` (default 2025) for one town and with no filter (the
//! largest list the dashboard offers) as CSV and as .xlsx, reading the file as a browser would
//! and throwing the bytes away. Prints, for each: the rows and the file's size, the time to the
//! first byte and to the last, and the most memory the process held above what it held before
//! (Linux: the peak is reset through `/proc/self/clear_refs` before each export): the same for
//! a small and a large file when nothing is held. Reference: the large CSV collected whole
//! before it is sent (what an export held in memory costs at the least).

use domain::Actor;
use domain::dashboard;
use domain::rosters::{DownloadBody, ExportFormat};
use model::dashboard::DashboardQuery;
use model::i18n::Locale;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// A line of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let config = server::config::Config::from_env().expect("configuration");
    let services = server::cli::open_migrated(&config)
        .await
        .unwrap_or_else(|e| panic!("opening the database: {}", e.0));
    let db = &services.db;
    let year = std::env::var("BENCH_YEAR").unwrap_or_else(|_| "2025".into());
    let admin_user = domain::entities::users::Entity::find()
        .filter(domain::entities::users::Column::Phone.eq("13800000001"))
        .one(db)
        .await
        .expect("users")
        .expect("the demo's bureau admin (13800000001)");
    let admin = Actor::acting_as(&admin_user);
    let city = DashboardQuery {
        year: year.clone(),
        ..Default::default()
    };
    let first_town = domain::towns::names(db)
        .await
        .expect("towns")
        .into_iter()
        .min()
        .expect("a town");
    let town = DashboardQuery {
        town: first_town.0.to_string(),
        ..city.clone()
    };
    // The dashboard's facts built first, as a visit of the page would have.
    dashboard::refresh(db).await.expect("dashboard facts");
    println!("{:?}, {year}, people trained", db.get_database_backend());
    println!("| export | people | file | first byte | whole file | peak memory above start |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let one_town = format!("one town ({})", first_town.1);
    for (name, query, format, held) in [
        (one_town.as_str(), &town, ExportFormat::Csv, false),
        (one_town.as_str(), &town, ExportFormat::Xlsx, false),
        ("no filter", &city, ExportFormat::Csv, false),
        ("no filter", &city, ExportFormat::Xlsx, false),
        ("no filter", &city, ExportFormat::Csv, true),
    ] {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = status_bytes("VmRSS");
        let start = Instant::now();
        let download = dashboard::export_people(db, &admin, query, "trained", format, Locale::ZhCn)
            .await
            .expect("the export");
        if held {
            let bytes = download.bytes().await.expect("a whole file");
            let whole = start.elapsed();
            let peak = status_bytes("VmHWM").saturating_sub(before);
            println!(
                "| {name}, csv collected whole before sending (reference) | same | {} | {} | {} | {} |",
                mib(bytes.len() as u64),
                ms(whole),
                ms(whole),
                mib(peak)
            );
            continue;
        }
        let DownloadBody::Streamed(mut chunks) = download.body else {
            panic!("a streamed download")
        };
        let (mut size, mut first, mut lines) = (0u64, None, 0u64);
        while let Some(chunk) = chunks.recv().await {
            let chunk = chunk.expect("a whole file");
            first.get_or_insert_with(|| start.elapsed());
            size += chunk.len() as u64;
            lines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
        }
        let whole = start.elapsed();
        let peak = status_bytes("VmHWM").saturating_sub(before);
        let people = match format {
            // Above the people: the figure, their count, the 7 lines of filters and time, an
            // empty line and the column names.
            ExportFormat::Csv => lines.saturating_sub(11).to_string(),
            ExportFormat::Xlsx => "same".into(),
        };
        println!(
            "| {name}, {} | {people} | {} | {} | {} | {} |",
            format.extension(),
            mib(size),
            ms(first.unwrap_or_default()),
            ms(whole),
            mib(peak)
        );
    }
}
