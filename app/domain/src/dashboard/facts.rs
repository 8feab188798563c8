//! The dashboard's fact table (`kpi_facts`, see its migration): one row per enrolment with the
//! course's keys, the trainee's town, the enrolment's flags and the person's dated facts.
//!
//! Triggers mark in `kpi_dirty` every trainee a change touched; [`refresh`] rebuilds exactly
//! those trainees' rows from the source tables, so counting from the facts gives the same
//! figures as counting from the sources. Nothing else writes the facts.

use super::cache::{self, MOST_CHANGED};
use super::{PLACED, SEATS, codes};
use crate::DomainResult;
use crate::db::begin_write;
use model::catalogue::Industry;
use model::enums::{CertificateKind, CertificateStatus, EnrollmentStatus, FollowUpStatus};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// The bit for an industry in `kpi_facts.industries`.
pub(crate) fn industry_bit(industry: Industry) -> i64 {
    let i = Industry::ALL
        .iter()
        .position(|&x| x == industry)
        .unwrap_or_default();
    1 << i
}

/// The course's year and month, and the last day of its year, in the backend's SQL.
fn date_parts(backend: DbBackend) -> [&'static str; 3] {
    match backend {
        DbBackend::Postgres => [
            "CAST(EXTRACT(YEAR FROM co.starts_on) AS INTEGER)",
            "CAST(EXTRACT(MONTH FROM co.starts_on) AS INTEGER)",
            "make_date(CAST(EXTRACT(YEAR FROM co.starts_on) AS INTEGER), 12, 31)",
        ],
        _ => [
            "CAST(strftime('%Y', co.starts_on) AS INTEGER)",
            "CAST(strftime('%m', co.starts_on) AS INTEGER)",
            "strftime('%Y', co.starts_on) || '-12-31'",
        ],
    }
}

/// Joins `o`, the person's latest outcome up to the end of the course's year that no correction
/// replaced. PostgreSQL looks it up per enrolment only as a LATERAL join (a subquery in the join
/// condition made it hash the whole outcomes table for one trainee); SQLite has no LATERAL and
/// looks it up per row anyway.
fn latest_outcome(backend: DbBackend, year_end: &str) -> String {
    let latest = format!(
        "FROM outcomes o2 WHERE o2.trainee_id = e.trainee_id AND o2.as_of <= {year_end} \
         AND NOT EXISTS (SELECT 1 FROM outcomes s WHERE s.supersedes_id = o2.id) \
         ORDER BY o2.as_of DESC, o2.id DESC LIMIT 1"
    );
    match backend {
        DbBackend::Postgres => format!(
            "LEFT JOIN LATERAL (SELECT o2.as_of, o2.kind, o2.jobs_created {latest}) o ON TRUE"
        ),
        _ => format!("LEFT JOIN outcomes o ON o.id = (SELECT o2.id {latest})"),
    }
}

/// Builds the facts of every trainee marked in `kpi_dirty`.
fn insert(backend: DbBackend) -> String {
    let [year, month, year_end] = date_parts(backend);
    let industries: Vec<String> = Industry::ALL
        .iter()
        .map(|&i| {
            format!(
                "CASE WHEN co.industry_tags LIKE '%{}%' THEN {} ELSE 0 END",
                i.as_str(),
                industry_bit(i)
            )
        })
        .collect();
    let completed = EnrollmentStatus::Completed.as_str();
    let valid = CertificateStatus::Valid.as_str();
    let due = FollowUpStatus::Due.as_str();
    let follow_up = |months: i32| {
        format!(
            "LEFT JOIN follow_ups fu{months} ON fu{months}.enrollment_id = e.id \
             AND fu{months}.due_months = {months} "
        )
    };
    let closed = |months: i32| {
        format!("fu{months}.due_on, CASE WHEN fu{months}.status <> '{due}' THEN 1 ELSE 0 END, ")
    };
    format!(
        "INSERT INTO kpi_facts (year, town_id, trainee_id, enrollment_id, month, starts_on, \
         ends_on, programme, industries, provider_id, village, seat, done, cert_at, scored, \
         passed, fu3_on, fu3_closed, fu6_on, fu6_closed, fu12_on, fu12_closed, leader_at, \
         placed_on, o_as_of, o_kind, o_jobs) \
         SELECT {year}, t.town_id, e.trainee_id, e.id, {month}, co.starts_on, co.ends_on, \
         co.programme, {industries}, co.organisation_id, t.village, \
         CASE WHEN e.status IN {seats} THEN 1 ELSE 0 END, \
         CASE WHEN e.status = '{completed}' THEN 1 ELSE 0 END, \
         (SELECT MIN(ce.issued_at) FROM certificates ce WHERE ce.enrollment_id = e.id \
          AND ce.status = '{valid}'), \
         CASE WHEN co.assessed = TRUE AND e.score IS NOT NULL THEN 1 ELSE 0 END, \
         CASE WHEN co.assessed = TRUE AND e.score IS NOT NULL \
          AND e.score + 0.000000001 >= COALESCE(co.pass_mark, 60) THEN 1 ELSE 0 END, \
         {fu3}{fu6}{fu12}\
         (SELECT MIN(lc.issued_at) FROM certificates lc WHERE lc.trainee_id = e.trainee_id \
          AND lc.kind = '{leader}' AND lc.status = '{valid}'), \
         (SELECT MIN(pl.start_date) FROM placements pl WHERE pl.trainee_id = e.trainee_id \
          AND pl.status IN {placed}), \
         o.as_of, o.kind, o.jobs_created \
         FROM enrollments e JOIN courses co ON co.id = e.course_id \
         JOIN trainees t ON t.id = e.trainee_id \
         {join3}{join6}{join12}\
         {latest} \
         WHERE e.trainee_id IN (SELECT trainee_id FROM kpi_dirty)",
        industries = industries.join(" + "),
        seats = codes(SEATS.iter().map(|s| s.as_str())),
        fu3 = closed(3),
        fu6 = closed(6),
        fu12 = closed(12),
        leader = CertificateKind::Leader.as_str(),
        placed = codes(PLACED.iter().map(|s| s.as_str())),
        join3 = follow_up(3),
        join6 = follow_up(6),
        join12 = follow_up(12),
        latest = latest_outcome(backend, year_end),
    )
}

/// How many trainees' facts wait to be rebuilt (all who are enrolled, after the upgrade that
/// brought the facts).
pub async fn pending(db: &impl ConnectionTrait) -> DomainResult<u64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM kpi_dirty",
        ))
        .await?;
    Ok(match row {
        Some(r) => u64::try_from(r.try_get::<i64>("", "n")?).unwrap_or(0),
        None => 0,
    })
}

/// Rebuilds the facts (and `kpi_outcomes`) of every trainee whose data changed since the last
/// refresh, in one transaction, and brings the kept passes up to date with them (see
/// [`super::cache`]); returns how many trainees that was. Cheap when nothing changed.
pub async fn refresh(db: &DatabaseConnection) -> DomainResult<u64> {
    let backend = db.get_database_backend();
    let pending = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT trainee_id FROM kpi_dirty LIMIT 1",
        ))
        .await?;
    if pending.is_none() {
        return Ok(0);
    }
    let txn = begin_write(db).await?;
    if backend == DbBackend::Postgres {
        // Writers mark trainees after they change them; holding the marks still while the
        // facts are rebuilt means a mark is either seen with its change or left for next time.
        txn.execute_unprepared("LOCK TABLE kpi_dirty IN EXCLUSIVE MODE")
            .await?;
    }
    let marked = txn
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT trainee_id FROM kpi_dirty LIMIT {}",
                MOST_CHANGED + 1
            ),
        ))
        .await?;
    let mut changed = Vec::with_capacity(marked.len());
    for r in marked {
        changed.push(r.try_get::<i32>("", "trainee_id")?);
    }
    let changed = (changed.len() <= MOST_CHANGED).then_some(changed);
    let (version, kept) = cache::before(&txn, changed.as_deref()).await?;
    for table in ["kpi_facts", "kpi_outcomes"] {
        txn.execute_unprepared(&format!(
            "DELETE FROM {table} WHERE trainee_id IN (SELECT trainee_id FROM kpi_dirty)"
        ))
        .await?;
    }
    txn.execute_unprepared(&insert(backend)).await?;
    txn.execute_unprepared(
        "INSERT INTO kpi_outcomes (trainee_id, as_of, id, kind, jobs_created) \
         SELECT o.trainee_id, o.as_of, o.id, o.kind, o.jobs_created FROM outcomes o \
         WHERE o.trainee_id IN (SELECT trainee_id FROM kpi_dirty) \
         AND NOT EXISTS (SELECT 1 FROM outcomes s WHERE s.supersedes_id = o.id)",
    )
    .await?;
    cache::after(&txn, version, changed.as_deref().unwrap_or_default(), kept).await?;
    let done = txn
        .execute_unprepared("DELETE FROM kpi_dirty")
        .await?
        .rows_affected();
    txn.commit().await?;
    Ok(done)
}
