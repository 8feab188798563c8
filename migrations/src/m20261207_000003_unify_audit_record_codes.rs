//! Two record types were written under two codes each: imports as `import` and `imports`,
//! base events as `base_events` beside their actions' `base_event.*`. The product now names
//! record types from one list, as `import` and `base_event`; this rewrites the older rows to
//! those codes so a search by record type finds them all.
//!
//! The audit log refuses updates (`m20261127_000003_audit_log_append_only`), so the guard is
//! lifted and put back around the two updates, all in one transaction (also on SQLite): either
//! the codes change and the guard is back, or nothing happened. Only the `entity` column of
//! those rows changes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const RENAMES: &[(&str, &str)] = &[("imports", "import"), ("base_events", "base_event")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rename(manager, RENAMES.iter().copied()).await
    }

    /// Nothing to undo: the old codes named the same records, and which rows used which code
    /// is not kept. Going down leaves the unified codes in place.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

async fn rename(
    manager: &SchemaManager<'_>,
    renames: impl Iterator<Item = (&'static str, &'static str)>,
) -> Result<(), DbErr> {
    let (lift, restore): (&[&str], &[&str]) = match manager.get_database_backend() {
        DbBackend::Sqlite => (
            &["DROP TRIGGER audit_log_no_update"],
            &[
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
               BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            ],
        ),
        DbBackend::Postgres => (
            &["ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"],
            &["ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"],
        ),
        other => {
            return Err(DbErr::Migration(format!(
                "audit_log triggers are written for SQLite and PostgreSQL, not {other:?}"
            )));
        }
    };
    let db = manager.get_connection();
    for sql in lift {
        db.execute_unprepared(sql).await?;
    }
    for (old, new) in renames {
        let update = Query::update()
            .table(AuditLog::Table)
            .value(AuditLog::Entity, new)
            .and_where(Expr::col(AuditLog::Entity).eq(old))
            .to_owned();
        manager.exec_stmt(update).await?;
    }
    for sql in restore {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Entity,
}
