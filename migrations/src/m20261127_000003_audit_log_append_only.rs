//! Makes `audit_log` append-only in the database itself, so no code path, bug or hand-typed SQL
//! session can quietly rewrite or erase the record of who did what.
//!
//! Triggers are engine-specific, so this is the one migration written as raw SQL per backend.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS audit_log_no_delete",
    "DROP TRIGGER IF EXISTS audit_log_no_update",
];

const POSTGRES_UP: &[&str] = &[
    // OR REPLACE: `Migrator::fresh` drops tables (and so their triggers) but not functions.
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    // Row triggers do not fire on TRUNCATE, which would otherwise empty the log wholesale.
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, statements(manager, SQLITE_UP, POSTGRES_UP)?).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, statements(manager, SQLITE_DOWN, POSTGRES_DOWN)?).await
    }
}

fn statements(
    manager: &SchemaManager,
    sqlite: &'static [&'static str],
    postgres: &'static [&'static str],
) -> Result<&'static [&'static str], DbErr> {
    match manager.get_database_backend() {
        DbBackend::Sqlite => Ok(sqlite),
        DbBackend::Postgres => Ok(postgres),
        other => Err(DbErr::Migration(format!(
            "audit_log triggers are written for SQLite and PostgreSQL, not {other:?}"
        ))),
    }
}

/// One statement per call: drivers differ on whether several may share one string.
async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}
