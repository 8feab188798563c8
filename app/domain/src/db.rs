//! Opening the database (SQLite by default, PostgreSQL for larger deployments), running the
//! migrations, and starting write transactions the way the rules need them.

use crate::{DomainError, DomainResult};
use sea_orm::sqlx::postgres::PgConnectOptions;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, IsolationLevel, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use std::time::Duration;

/// How long a SQLite writer waits for another before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the database could not be opened, in words an operator can act on.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL is not a sqlite:// or postgres:// URL: {0}")]
    BadUrl(String),
    #[error("cannot open the database: {0}")]
    Unreachable(String),
}

/// Opens a pool. SQLite gets WAL, `synchronous = NORMAL`, a busy timeout, foreign keys and
/// several connections (sea-orm's default is one connection in rollback-journal mode).
pub async fn connect(url: &str) -> Result<DatabaseConnection, ConnectError> {
    let is_sqlite = url.starts_with("sqlite:");
    if !is_sqlite && !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        return Err(ConnectError::BadUrl(redact(url)));
    }
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    if is_sqlite {
        without_allocation_statistics();
        // An in-memory database lives in one connection; a file is shared by several.
        opts.max_connections(if in_memory { 1 } else { 8 })
            .min_connections(1);
        opts.map_sqlx_sqlite_opts(move |o: SqliteConnectOptions| {
            let o = o
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .create_if_missing(true);
            if in_memory {
                o
            } else {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
            }
        });
        if !in_memory {
            opts.map_sqlx_sqlite_pool_opts(|o| o.after_release(leave_no_transaction_open));
        }
    } else {
        opts.max_connections(16)
            .connect_timeout(Duration::from_secs(5));
        // The dashboard's statements are long but quick to run; PostgreSQL's JIT compiler
        // spent seconds compiling each of them (measured: 2.5 s of a 2.5 s statement).
        opts.map_sqlx_postgres_opts(|o: PgConnectOptions| o.options([("jit", "off")]));
    }
    let db = Database::connect(opts)
        .await
        .map_err(|e| ConnectError::Unreachable(redact(&e.to_string())))?;
    ping(&db)
        .await
        .map_err(|e| ConnectError::Unreachable(redact(&e.to_string())))?;
    Ok(db)
}

/// Turns off SQLite's allocation statistics, process-wide, before its first connection opens.
/// They are kept under one global mutex taken on every allocation, and the dashboard's passes,
/// run on several connections at once, allocate per row (text aggregates): measured with
/// `perf`, a quarter of their time went to waiting on that mutex. SQLite's own advice for
/// speed is to build without them; we cannot change how sqlx builds it, so we configure it.
fn without_allocation_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` takes SQLITE_CONFIG_MEMSTATUS with one int argument. It is
        // only valid before SQLite initialises; later (another connection opened first, as in
        // tests) it returns SQLITE_MISUSE and changes nothing, which is harmless.
        let code = unsafe {
            libsqlite3_sys::sqlite3_config(
                libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            )
        };
        if code != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(
                code,
                "SQLite was initialised already; allocation statistics stay on"
            );
        }
    });
}

/// Hides a password in a URL before it is printed.
pub fn redact(text: &str) -> String {
    match (text.find("://"), text.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &text[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &text[..scheme + 3], &text[at..]),
                None => text.to_string(),
            }
        }
        _ => text.to_string(),
    }
}

pub async fn migrate(db: &DatabaseConnection) -> DomainResult<()> {
    use migrations::MigratorTrait;
    migrations::Migrator::up(db, None)
        .await
        .map_err(DomainError::from)
}

/// A trivial query: is the database there?
pub async fn ping(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}

/// Keeps a SQLite connection returned to the pool only if it is outside any transaction.
/// After a full disk or an I/O error SQLite may roll a transaction back by itself; the
/// ROLLBACK sent when it is dropped then fails, and sqlx would go on counting the connection
/// as inside a transaction, turning its next BEGIN into a SAVEPOINT of a transaction that no
/// longer exists. Such a connection is closed instead (measured: with it kept, writes failed
/// as "database is locked" after the disk had room again; `make check-faults`).
fn leave_no_transaction_open(
    conn: &mut sea_orm::sqlx::SqliteConnection,
    _: sea_orm::sqlx::pool::PoolConnectionMetadata,
) -> futures_util::future::BoxFuture<'_, Result<bool, sea_orm::sqlx::Error>> {
    use sea_orm::sqlx::Connection;
    Box::pin(async move {
        // Commands run in order: a rollback queued when the transaction was dropped runs first.
        conn.ping().await?;
        Ok(!conn.is_in_transaction())
    })
}

/// A transaction that will write. On SQLite it starts IMMEDIATE, taking the write lock at
/// BEGIN, so a read-then-write waits for other writers instead of failing with SQLITE_BUSY.
pub async fn begin_write(db: &DatabaseConnection) -> DomainResult<DatabaseTransaction> {
    let options = match db.get_database_backend() {
        DatabaseBackend::Sqlite => TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        },
        _ => TransactionOptions {
            isolation_level: Some(IsolationLevel::ReadCommitted),
            access_mode: Some(AccessMode::ReadWrite),
            ..Default::default()
        },
    };
    Ok(db.begin_with_options(options).await?)
}

/// Whether a database error is a unique-constraint violation (a race lost to another insert).
pub fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_in_urls() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/yucai"),
            "postgres://app:***@db:5432/yucai"
        );
        assert_eq!(redact("sqlite://data/yucai.db"), "sqlite://data/yucai.db");
    }

    #[tokio::test]
    async fn refuses_a_url_of_another_kind() {
        assert!(matches!(
            connect("mysql://x").await,
            Err(ConnectError::BadUrl(_))
        ));
        assert!(matches!(
            connect("not a url").await,
            Err(ConnectError::BadUrl(_))
        ));
    }
}
