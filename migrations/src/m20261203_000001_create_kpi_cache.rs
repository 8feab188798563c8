//! What keeps the KPI dashboard fast on a large city without ever being wrong:
//!
//! - `kpi_outcomes`: every trainee's outcomes that no correction replaced, derived like
//!   `kpi_facts` (rebuilt for the trainees marked in `kpi_dirty`), so the figures are counted
//!   from derived tables alone and a trainee's old contribution can still be counted after
//!   their records changed, until their facts are rebuilt.
//! - `kpi_cached` and `kpi_cache`: the counted rows of a dashboard pass (one filter, period and
//!   grouping), kept after a first count. Every refresh of the facts subtracts the changed
//!   trainees' old contribution from each kept pass and adds their new one, in the same
//!   transaction, so a kept pass always equals a recount.
//! - `kpi_state`: a version, raised by every refresh that changed facts; a pass counted while
//!   it moved is not kept.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn up(backend: DbBackend) -> Vec<String> {
    let (date, rowid) = match backend {
        DbBackend::Postgres => ("DATE", ""),
        _ => ("TEXT", " WITHOUT ROWID"),
    };
    vec![
        format!(
            "CREATE TABLE kpi_outcomes (trainee_id INTEGER NOT NULL, as_of {date} NOT NULL, \
             id INTEGER NOT NULL, kind TEXT NOT NULL, jobs_created INTEGER NOT NULL, \
             PRIMARY KEY (trainee_id, as_of, id)){rowid}"
        ),
        "INSERT INTO kpi_outcomes (trainee_id, as_of, id, kind, jobs_created) \
         SELECT o.trainee_id, o.as_of, o.id, o.kind, o.jobs_created FROM outcomes o \
         WHERE NOT EXISTS (SELECT 1 FROM outcomes s WHERE s.supersedes_id = o.id)"
            .to_string(),
        "CREATE TABLE kpi_state (id INTEGER NOT NULL PRIMARY KEY, version BIGINT NOT NULL)"
            .to_string(),
        "INSERT INTO kpi_state (id, version) VALUES (1, 0)".to_string(),
        "CREATE TABLE kpi_cached (entry TEXT NOT NULL PRIMARY KEY, made BIGINT NOT NULL)"
            .to_string(),
        format!(
            "CREATE TABLE kpi_cache (entry TEXT NOT NULL, g TEXT NOT NULL, village TEXT NOT NULL, \
             vals TEXT NOT NULL, PRIMARY KEY (entry, g, village)){rowid}"
        ),
    ]
}

fn down() -> Vec<String> {
    ["kpi_cache", "kpi_cached", "kpi_state", "kpi_outcomes"]
        .iter()
        .map(|t| format!("DROP TABLE IF EXISTS {t}"))
        .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in up(manager.get_database_backend()) {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in down() {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
