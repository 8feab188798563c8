//! The `yucai` command line: `serve` (default), `migrate`, `seed --demo`, `create-admin`,
//! `backup`. Each prints a clear message and exits non-zero on failure, never panics.

use crate::config::Config;
use clap::{Parser, Subcommand};
use domain::keys::SecretKey;
use domain::{Services, db};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "yucai",
    version,
    about = "Yucai (禹才): e-commerce talent training and incubation management for Yuzhou."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web app and the JSON API (the default). Migrates the database first.
    Serve,
    /// Apply the database migrations that have not run yet.
    Migrate,
    /// Load demo data (clearly fictional) into an empty database.
    Seed {
        /// Load the demo data set: partners, courses and trainees across the 26 towns.
        #[arg(long)]
        demo: bool,
        /// Trainees in all. Beyond the demo's own 3,000, each further person has one to five
        /// finished courses since 2021 with attendance, certificates, follow-ups and outcomes
        /// (1000000 gives about 3,000,000 enrolments, for measuring at scale).
        #[arg(long, default_value_t = domain::seed::TRAINEES_PER_SCALE)]
        scale: u32,
    },
    /// Create the first bureau admin, or make an existing account a bureau admin.
    /// Asks for the password, or reads it from standard input when that is not a terminal.
    CreateAdmin {
        /// The admin's mobile number (used to log in).
        #[arg(long)]
        phone: String,
    },
    /// Send every message that is due (SMS through YUCAI_SMS_PROVIDER) and stop; for a cron
    /// job where `yucai serve` does not run the sender itself. Safe beside running servers.
    SendMessages,
    /// Write a consistent copy of the live SQLite database to PATH (safe while serving).
    /// For PostgreSQL, use pg_dump.
    Backup {
        /// Where to write the copy; must not exist yet.
        path: PathBuf,
    },
}

/// Something went wrong: what to print, and the exit code.
pub struct Failure(pub String, pub u8);

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure(s, 1)
    }
}

pub type CliResult = Result<(), Failure>;

/// Opens the database (creating the SQLite folder on first run) and the secret key.
pub async fn open(config: &Config) -> Result<Services, Failure> {
    if let Some(path) = config.sqlite_path()
        && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure(
                format!("cannot create the database folder {}: {e}", dir.display()),
                2,
            )
        })?;
    }
    let conn = db::connect(&config.database_url).await.map_err(|e| {
        let check = if config.sqlite_path().is_some() {
            "that the file and its folder exist and can be written (not a read-only or full disk)"
        } else {
            "that the database server is running"
        };
        Failure(
            format!(
                "{e}\nCheck DATABASE_URL (now {}) and {check}.",
                db::redact(&config.database_url)
            ),
            2,
        )
    })?;
    let (key, created) = SecretKey::load_or_create(&config.secret_key_file)
        .map_err(|e| Failure(e.to_string(), 2))?;
    if created {
        eprintln!(
            "Created a new secret key at {} (mode 0600). Back it up with the database.",
            config.secret_key_file.display()
        );
    }
    let certificates = domain::certificates::CertificateSettings::new(
        &config.issuer_name,
        config.cert_font.clone(),
    );
    if let Err(e) = certificates.fonts() {
        tracing::warn!(error = %e, "certificates cannot be drawn until the font is installed");
    }
    Ok(Services::new(conn, key)
        .with_public_url(&config.public_url)
        .with_certificates(certificates)
        .with_sms(config.sms.clone()))
}

/// Opens the database, applies pending migrations, and opens it again: connections that
/// existed while the schema changed may keep stale statements (SQLite caches the schema per
/// connection), so the services run on a pool that only ever saw the new schema.
pub async fn open_migrated(config: &Config) -> Result<Services, Failure> {
    let services = open(config).await?;
    migrate(&services).await?;
    services.db.clone().close().await.ok();
    open(config).await
}

/// Applies pending migrations, then builds the dashboard's facts that wait (every enrolled
/// trainee's, once, after the upgrade that brought them), so no page has to.
pub async fn migrate(services: &Services) -> CliResult {
    db::migrate(&services.db)
        .await
        .map_err(|e| Failure(format!("migration failed: {e}"), 2))?;
    let failed = |e: domain::DomainError| Failure(format!("counting the figures failed: {e}"), 2);
    let pending = domain::dashboard::pending(&services.db)
        .await
        .map_err(failed)?;
    if pending > 1_000 {
        eprintln!(
            "Building the dashboard's figures for {pending} trainees (once; a few minutes per million)…"
        );
    }
    let start = std::time::Instant::now();
    domain::dashboard::refresh(&services.db)
        .await
        .map_err(failed)?;
    if pending > 1_000 {
        eprintln!("Done in {:.1} s.", start.elapsed().as_secs_f64());
    }
    Ok(())
}

pub async fn seed(services: &Services, demo: bool, scale: u32) -> CliResult {
    if !demo {
        return Err(Failure(
            "nothing to seed: pass --demo to load the demo data".into(),
            2,
        ));
    }
    migrate(services).await?;
    match domain::seed::demo_for(services, scale).await {
        Ok(Some(report)) => {
            println!("{report}");
            Ok(())
        }
        Ok(None) => {
            println!("The database already has data; demo data not loaded.");
            Ok(())
        }
        Err(e) => Err(Failure(format!("seeding failed: {e}"), 1)),
    }
}

fn read_password() -> Result<String, Failure> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 8 characters): ")
            .map_err(|e| Failure(e.to_string(), 1))?;
        let again = rpassword::prompt_password("Password again: ")
            .map_err(|e| Failure(e.to_string(), 1))?;
        if first != again {
            return Err(Failure("the passwords do not match".into(), 2));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure(e.to_string(), 1))?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

pub async fn create_admin(services: &Services, phone: &str) -> CliResult {
    migrate(services).await?;
    let password = read_password()?;
    match domain::accounts::create_admin(services, phone, &password).await {
        Ok((id, true)) => {
            println!("Created bureau admin #{id} ({phone}).");
            Ok(())
        }
        Ok((id, false)) => {
            println!("Made account #{id} ({phone}) a bureau admin and set its password.");
            Ok(())
        }
        Err(domain::DomainError::Invalid(fields)) => {
            let text: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message.en()))
                .collect();
            Err(Failure(text.join("; "), 2))
        }
        Err(e) => Err(Failure(e.to_string(), 1)),
    }
}

pub async fn backup(config: &Config, path: &std::path::Path) -> CliResult {
    if config.sqlite_path().is_none() {
        return Err(Failure("backup copies SQLite databases; for PostgreSQL use pg_dump, e.g. pg_dump -Fc -f yucai.dump \"$DATABASE_URL\"".into(), 2));
    }
    if path.exists() {
        return Err(Failure(
            format!("{} already exists; choose a new file", path.display()),
            2,
        ));
    }
    let services = open(config).await?;
    let target = path
        .to_str()
        .ok_or_else(|| Failure("the backup path must be valid UTF-8".into(), 2))?;
    // VACUUM INTO reads one consistent snapshot, even while the server is writing.
    use sea_orm::ConnectionTrait;
    let stmt = sea_orm::Statement::from_sql_and_values(
        sea_orm::DatabaseBackend::Sqlite,
        "VACUUM INTO ?",
        [target.into()],
    );
    services
        .db
        .execute_raw(stmt)
        .await
        .map_err(|e| Failure(format!("backup failed: {e}"), 1))?;
    println!(
        "Wrote a consistent copy of the database to {}.",
        path.display()
    );
    Ok(())
}

/// The Leptos site settings: from `cargo leptos` when it runs us, else from our config.
pub fn leptos_options(config: &Config) -> leptos::prelude::LeptosOptions {
    if std::env::var("LEPTOS_OUTPUT_NAME").is_ok()
        && let Ok(conf) = leptos::prelude::get_configuration(None)
    {
        let mut options = conf.leptos_options;
        options.site_addr = config.addr;
        return options;
    }
    // Built with hashed file names when cargo-leptos left their list beside this binary.
    let hashed = std::env::current_exe()
        .map(|exe| exe.with_file_name("hash.txt").exists())
        .unwrap_or(false);
    leptos::prelude::LeptosOptions::builder()
        .output_name("yucai")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(leptos::config::Env::PROD)
        .hash_files(hashed)
        .build()
}

/// Messages sent per claim: a batch goes to the provider at once.
const SEND_BATCH: u64 = 50;

/// `yucai send-messages`: everything due now, once.
pub async fn send_messages(services: &Services) -> CliResult {
    let report = domain::messages::send_due(&services.db, services.sms.as_ref(), SEND_BATCH)
        .await
        .map_err(|e| Failure(format!("could not send messages: {e}"), 1))?;
    println!(
        "Sent {} message(s) by {}; {} to be tried again, {} failed.",
        report.sent,
        services.sms.name(),
        report.retried,
        report.failed
    );
    Ok(())
}

pub async fn serve(config: Config) -> CliResult {
    let services = open_migrated(&config).await?;
    let pkg = std::path::Path::new(&config.site_root).join("pkg");
    let built = std::fs::read_dir(&pkg).is_ok_and(|files| {
        files
            .flatten()
            .any(|f| f.file_name().to_string_lossy().ends_with(".wasm"))
    });
    if !built {
        tracing::warn!(
            "{} holds no built wasm: pages will not hydrate. Build the site with `make build` (or `cargo leptos build --release`).",
            pkg.display()
        );
    }
    let state = crate::AppState {
        leptos_options: leptos_options(&config),
        services: services.clone(),
        config: std::sync::Arc::new(config.clone()),
        page_cache: Default::default(),
    };
    let app = crate::router::router(state);

    // Housekeeping: the dashboard's facts rebuilt every minute for what changed (so the
    // dashboard itself seldom has more than a minute's changes to take in first) and every
    // year's dashboard for the city and for each filter alone kept counted (this year's again
    // each day, as it counts to today), and expired sessions dropped every hour.
    every(
        &services,
        60,
        "bring the dashboard's facts up to date",
        |db| async move { domain::dashboard::warm(&db).await.map(drop) },
    );
    // The outbox: due messages handed to the SMS provider every two seconds.
    let sms = services.sms.clone();
    every(&services, 2, "send messages", move |db| {
        let sms = sms.clone();
        async move {
            domain::messages::send_due(&db, sms.as_ref(), SEND_BATCH)
                .await
                .map(drop)
        }
    });
    every(&services, 3600, "purge expired sessions", |db| async move {
        domain::accounts::purge_expired_sessions(&db)
            .await
            .map(drop)
    });

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| {
            Failure(
                format!(
                    "cannot listen on {}: {e} (set YUCAI_ADDR to another address)",
                    config.addr
                ),
                2,
            )
        })?;
    println!(
        "Yucai is serving at http://{} (public URL {})",
        config.addr, config.public_url
    );
    // Pages stream in several writes; without TCP_NODELAY, Nagle's algorithm and delayed ACKs
    // hold each response back by ~40 ms.
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| Failure(format!("server error: {e}"), 1))?;
    services.db.close_by_ref().await.ok();
    println!("Yucai stopped.");
    Ok(())
}

/// Runs `task` every `seconds` in the background, logging a failure as a warning.
fn every<F, Fut>(services: &Services, seconds: u64, what: &'static str, task: F)
where
    F: Fn(sea_orm::DatabaseConnection) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<(), domain::DomainError>> + Send,
{
    let db = services.db.clone();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(std::time::Duration::from_secs(seconds));
        loop {
            ticks.tick().await;
            if let Err(e) = task(db.clone()).await {
                tracing::warn!(error = %e, "could not {what}");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
