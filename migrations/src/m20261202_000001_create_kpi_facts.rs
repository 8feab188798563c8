//! The dashboard's fact table: one row per enrolment with everything the KPI figures need
//! (the course's month, programme, industries and provider, the trainee's town and village, the
//! enrolment's flags, its certificate and follow-ups, the person's placement, leader certificate
//! and latest outcome of the year), so a year's figures are one pass over one table instead of
//! joins across eight.
//!
//! The facts are derived, never edited by hand. Triggers on every table they come from mark the
//! trainee whose facts went stale in `kpi_dirty`, in the same transaction as the change; the
//! dashboard rebuilds those trainees' rows before it counts (`domain::dashboard::facts::refresh`), so
//! the figures always equal a recount from the source tables. Triggers are engine-specific, so
//! this migration is raw SQL per backend.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose rows carry a `trainee_id`, with the columns the facts read from them.
const BY_TRAINEE: &[(&str, &str)] = &[
    ("enrollments", "trainee_id, course_id, status, score"),
    (
        "certificates",
        "trainee_id, enrollment_id, kind, status, issued_at",
    ),
    (
        "outcomes",
        "trainee_id, kind, as_of, jobs_created, supersedes_id",
    ),
    ("placements", "trainee_id, status, start_date"),
    (
        "follow_ups",
        "trainee_id, enrollment_id, due_months, due_on, status",
    ),
];
const TRAINEE_COLUMNS: &str = "town_id, village";
const COURSE_COLUMNS: &str =
    "starts_on, ends_on, programme, industry_tags, organisation_id, assessed, pass_mark";

fn table(backend: DbBackend) -> String {
    // SQLite keeps dates and times as text, in the source tables' own format, so comparisons
    // behave exactly as they do there.
    let (date, time, rowid) = match backend {
        DbBackend::Postgres => ("DATE", "TIMESTAMPTZ", ""),
        _ => ("TEXT", "TEXT", " WITHOUT ROWID"),
    };
    format!(
        "CREATE TABLE kpi_facts (\
         year INTEGER NOT NULL, town_id INTEGER NOT NULL, trainee_id INTEGER NOT NULL, \
         enrollment_id INTEGER NOT NULL, month INTEGER NOT NULL, \
         starts_on {date} NOT NULL, ends_on {date} NOT NULL, programme TEXT NOT NULL, \
         industries INTEGER NOT NULL, provider_id INTEGER NOT NULL, village TEXT, \
         seat SMALLINT NOT NULL, done SMALLINT NOT NULL, cert_at {time}, \
         scored SMALLINT NOT NULL, passed SMALLINT NOT NULL, \
         fu3_on {date}, fu3_closed SMALLINT NOT NULL, fu6_on {date}, fu6_closed SMALLINT NOT NULL, \
         fu12_on {date}, fu12_closed SMALLINT NOT NULL, \
         leader_at {time}, placed_on {date}, o_as_of {date}, o_kind TEXT, o_jobs INTEGER, \
         PRIMARY KEY (year, town_id, trainee_id, enrollment_id)){rowid}"
    )
}

fn up(backend: DbBackend) -> Vec<String> {
    let mut out = vec![
        table(backend),
        "CREATE INDEX idx_kpi_facts_trainee ON kpi_facts (trainee_id)".to_string(),
        "CREATE TABLE kpi_dirty (trainee_id INTEGER NOT NULL PRIMARY KEY)".to_string(),
    ];
    match backend {
        DbBackend::Postgres => {
            let mark = |value: &str| {
                format!(
                    "INSERT INTO kpi_dirty (trainee_id) VALUES ({value}) ON CONFLICT DO NOTHING;"
                )
            };
            // OR REPLACE: `Migrator::fresh` drops tables (and so their triggers) but not functions.
            out.push(format!(
                "CREATE OR REPLACE FUNCTION kpi_mark_trainee() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN IF TG_OP <> 'DELETE' THEN {} END IF; \
                 IF TG_OP <> 'INSERT' THEN {} END IF; RETURN NULL; END; $$",
                mark("NEW.trainee_id"),
                mark("OLD.trainee_id")
            ));
            out.push(format!(
                "CREATE OR REPLACE FUNCTION kpi_mark_self() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN {} RETURN NULL; END; $$",
                mark("NEW.id")
            ));
            out.push(
                "CREATE OR REPLACE FUNCTION kpi_mark_course() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN INSERT INTO kpi_dirty (trainee_id) SELECT DISTINCT trainee_id FROM enrollments \
                 WHERE course_id = NEW.id ON CONFLICT DO NOTHING; RETURN NULL; END; $$"
                    .to_string(),
            );
            for (t, columns) in BY_TRAINEE {
                out.push(format!(
                    "CREATE TRIGGER kpi_mark_{t} AFTER INSERT OR DELETE OR UPDATE OF {columns} \
                     ON {t} FOR EACH ROW EXECUTE FUNCTION kpi_mark_trainee()"
                ));
            }
            out.push(format!(
                "CREATE TRIGGER kpi_mark_trainees AFTER UPDATE OF {TRAINEE_COLUMNS} ON trainees \
                 FOR EACH ROW EXECUTE FUNCTION kpi_mark_self()"
            ));
            out.push(format!(
                "CREATE TRIGGER kpi_mark_courses AFTER UPDATE OF {COURSE_COLUMNS} ON courses \
                 FOR EACH ROW EXECUTE FUNCTION kpi_mark_course()"
            ));
        }
        _ => {
            let mark = |value: &str| {
                format!("INSERT OR IGNORE INTO kpi_dirty (trainee_id) VALUES ({value});")
            };
            for (t, columns) in BY_TRAINEE {
                out.push(format!(
                    "CREATE TRIGGER kpi_mark_{t}_insert AFTER INSERT ON {t} BEGIN {} END",
                    mark("NEW.trainee_id")
                ));
                out.push(format!(
                    "CREATE TRIGGER kpi_mark_{t}_update AFTER UPDATE OF {columns} ON {t} \
                     BEGIN {} {} END",
                    mark("NEW.trainee_id"),
                    mark("OLD.trainee_id")
                ));
                out.push(format!(
                    "CREATE TRIGGER kpi_mark_{t}_delete AFTER DELETE ON {t} BEGIN {} END",
                    mark("OLD.trainee_id")
                ));
            }
            out.push(format!(
                "CREATE TRIGGER kpi_mark_trainees AFTER UPDATE OF {TRAINEE_COLUMNS} ON trainees \
                 BEGIN {} END",
                mark("NEW.id")
            ));
            out.push(format!(
                "CREATE TRIGGER kpi_mark_courses AFTER UPDATE OF {COURSE_COLUMNS} ON courses \
                 BEGIN INSERT OR IGNORE INTO kpi_dirty (trainee_id) SELECT trainee_id \
                 FROM enrollments WHERE course_id = NEW.id; END"
            ));
        }
    }
    // Facts for the data already there are built on the dashboard's first visit.
    out.push(
        "INSERT INTO kpi_dirty (trainee_id) SELECT DISTINCT trainee_id FROM enrollments"
            .to_string(),
    );
    out
}

fn down(backend: DbBackend) -> Vec<String> {
    let mut out = Vec::new();
    match backend {
        DbBackend::Postgres => {
            for (t, _) in BY_TRAINEE {
                out.push(format!("DROP TRIGGER IF EXISTS kpi_mark_{t} ON {t}"));
            }
            out.push("DROP TRIGGER IF EXISTS kpi_mark_trainees ON trainees".into());
            out.push("DROP TRIGGER IF EXISTS kpi_mark_courses ON courses".into());
            for f in ["kpi_mark_trainee", "kpi_mark_self", "kpi_mark_course"] {
                out.push(format!("DROP FUNCTION IF EXISTS {f}()"));
            }
        }
        _ => {
            for (t, _) in BY_TRAINEE {
                for event in ["insert", "update", "delete"] {
                    out.push(format!("DROP TRIGGER IF EXISTS kpi_mark_{t}_{event}"));
                }
            }
            out.push("DROP TRIGGER IF EXISTS kpi_mark_trainees".into());
            out.push("DROP TRIGGER IF EXISTS kpi_mark_courses".into());
        }
    }
    out.push("DROP TABLE IF EXISTS kpi_dirty".into());
    out.push("DROP TABLE IF EXISTS kpi_facts".into());
    out
}

fn checked(manager: &SchemaManager) -> Result<DbBackend, DbErr> {
    match manager.get_database_backend() {
        b @ (DbBackend::Sqlite | DbBackend::Postgres) => Ok(b),
        other => Err(DbErr::Migration(format!(
            "the KPI facts are written for SQLite and PostgreSQL, not {other:?}"
        ))),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in up(checked(manager)?) {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in down(checked(manager)?) {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
