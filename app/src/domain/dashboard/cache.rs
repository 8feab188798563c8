//! Counted passes kept between visits (`kpi_cached`, `kpi_cache`; see their migration).
//!
//! A pass — one cohort (year, days, filters) counted by one grouping — is counted from the
//! facts the first time it is asked for and kept. Every figure is a sum over people, so when
//! some trainees' facts are rebuilt ([`super::refresh`]), each kept pass is brought up to date
//! by counting just those trainees' contribution before the rebuild and after it, and adding
//! the difference, in the rebuild's transaction. A kept pass therefore always equals a fresh
//! count, and the dashboard of a large city reads a few hundred small rows instead of its
//! whole year of enrolments.
//!
//! A pass counted while a rebuild committed is not kept (the version in `kpi_state` moved),
//! as it may mix facts from before and after. A pass of a running period counts to today; the
//! next day asks for another, and yesterday's is dropped.

use super::{Cohort, Counted, Group, pass};
use crate::domain::DomainResult;
use crate::domain::db::begin_write;
use crate::domain::local_time::today;
use crate::model::catalogue::Industry;
use crate::model::dashboard::KpiFilter;
use crate::model::enums::Programme;
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement, Value,
};
use std::collections::HashMap;

/// The most passes kept (a dashboard view is four); the oldest go first.
const MOST_KEPT: usize = 96;
/// Above this many trainees changed at once (an import, an upgrade), the kept passes are
/// dropped and counted again when next asked for, rather than brought up to date.
pub(super) const MOST_CHANGED: usize = 2_000;

/// The name a pass is kept under: its grouping and everything that decides its rows.
fn key(cohort: &Cohort, group: Group) -> String {
    let f = &cohort.filter;
    let opt = |v: Option<String>| v.unwrap_or_default();
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}",
        group.as_str(),
        f.year,
        cohort.from,
        cohort.through,
        cohort.last,
        opt(f.town.map(|t| t.to_string())),
        opt(f.programme.map(|p| p.as_str().to_string())),
        opt(f.industry.map(|i| i.as_str().to_string())),
        opt(f.provider.map(|p| p.to_string())),
    )
}

/// The pass a kept name stands for; `None` for a name this version does not write.
fn parse_key(key: &str) -> Option<(Cohort, Group)> {
    let parts: Vec<&str> = key.split('|').collect();
    let [
        group,
        year,
        from,
        through,
        last,
        town,
        programme,
        industry,
        provider,
    ] = parts[..]
    else {
        return None;
    };
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    fn optional<T>(s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
        if s.is_empty() {
            Some(None)
        } else {
            parse(s).map(Some)
        }
    }
    let filter = KpiFilter {
        town: optional(town, |s| s.parse().ok())?,
        programme: optional(programme, Programme::parse)?,
        industry: optional(industry, Industry::parse)?,
        provider: optional(provider, |s| s.parse().ok())?,
        ..KpiFilter::year(year.parse().ok()?)
    };
    let cohort = Cohort {
        filter,
        from: date(from)?,
        through: date(through)?,
        last: date(last)?,
    };
    Some((cohort, Group::parse(group)?))
}

fn values_text(values: &[i64]) -> String {
    let text: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    text.join(",")
}

fn values_of(text: &str) -> Vec<i64> {
    text.split(',').filter_map(|v| v.parse().ok()).collect()
}

fn statement(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    let sql = match backend {
        // `?` in order becomes `$1`, `$2`…
        DbBackend::Postgres => {
            let mut out = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    out.push_str(&format!("${n}"));
                } else {
                    out.push(c);
                }
            }
            out
        }
        _ => sql.to_string(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// `(?, ?, …)` for `n` values.
fn marks(n: usize) -> String {
    format!("({})", vec!["?"; n].join(", "))
}

/// The facts' version; on PostgreSQL the row is locked, so that rebuilds and keeping a pass
/// happen one after the other (SQLite's write transactions already do).
async fn locked_version(txn: &DatabaseTransaction) -> DomainResult<i64> {
    let lock = match txn.get_database_backend() {
        DbBackend::Postgres => " FOR UPDATE",
        _ => "",
    };
    version_of(txn, lock).await
}

async fn version_of(db: &impl ConnectionTrait, suffix: &str) -> DomainResult<i64> {
    let sql = format!("SELECT version FROM kpi_state WHERE id = 1{suffix}");
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<i64>("", "version")?,
        None => 0,
    })
}

/// The passes asked for, from those kept or counted now (at once) and then kept.
pub(super) async fn passes(
    db: &DatabaseConnection,
    cohort: &Cohort,
    groups: &[Group],
) -> DomainResult<HashMap<Group, Vec<Counted>>> {
    let version = version_of(db, "").await?;
    let keys: Vec<String> = groups.iter().map(|&g| key(cohort, g)).collect();
    let mut found = HashMap::new();
    let rows = db
        .query_all_raw(statement(
            db,
            &format!(
                "SELECT c.entry, k.g, k.village, k.vals FROM kpi_cached c \
                 LEFT JOIN kpi_cache k ON k.entry = c.entry WHERE c.entry IN {}",
                marks(keys.len())
            ),
            keys.iter().map(|k| Value::from(k.clone())).collect(),
        ))
        .await?;
    for r in rows {
        let entry: String = r.try_get("", "entry")?;
        let Some(&group) = groups.iter().find(|&&g| key(cohort, g) == entry) else {
            continue;
        };
        let counted: &mut Vec<Counted> = found.entry(group).or_default();
        if let Some(g) = r.try_get::<Option<String>>("", "g")? {
            counted.push(Counted {
                g,
                village: r.try_get("", "village")?,
                values: values_of(&r.try_get::<String>("", "vals")?),
            });
        }
    }
    let missing: Vec<Group> = groups
        .iter()
        .copied()
        .filter(|g| !found.contains_key(g))
        .collect();
    if missing.is_empty() {
        return Ok(found);
    }
    // Counted at once: the passes are independent reads of the facts.
    let counted = count_all(db, cohort, &missing).await?;
    // Keeping them only saves the next visit time: a database too busy to take them now
    // does not fail this one.
    if let Err(e) = keep(db, version, cohort, &counted).await {
        tracing::warn!(error = %e, "could not keep the dashboard's counts");
    }
    found.extend(counted);
    Ok(found)
}

async fn count_all(
    db: &DatabaseConnection,
    cohort: &Cohort,
    groups: &[Group],
) -> DomainResult<Vec<(Group, Vec<Counted>)>> {
    let one = |i: usize| async move {
        match groups.get(i) {
            Some(&g) => pass(db, cohort, g, None).await.map(|rows| Some((g, rows))),
            None => Ok(None),
        }
    };
    let (a, b, c, d) = tokio::try_join!(one(0), one(1), one(2), one(3))?;
    let mut out: Vec<(Group, Vec<Counted>)> = [a, b, c, d].into_iter().flatten().collect();
    for &g in groups.iter().skip(4) {
        out.push((g, pass(db, cohort, g, None).await?));
    }
    Ok(out)
}

/// Keeps passes counted at `version`, unless the facts moved since; drops yesterday's passes
/// of running periods and, past [`MOST_KEPT`], the oldest.
async fn keep(
    db: &DatabaseConnection,
    version: i64,
    cohort: &Cohort,
    counted: &[(Group, Vec<Counted>)],
) -> DomainResult<()> {
    let txn = begin_write(db).await?;
    if locked_version(&txn).await? != version {
        return Ok(());
    }
    let kept = kept(&txn).await?;
    let today = today();
    let mut stale: Vec<String> = Vec::new();
    let mut live: Vec<(i64, String)> = Vec::new();
    for (made, entry) in kept {
        match parse_key(&entry) {
            Some((c, _)) if c.through >= c.last.min(today) => live.push((made, entry)),
            _ => stale.push(entry),
        }
    }
    let keys: Vec<String> = counted.iter().map(|(g, _)| key(cohort, *g)).collect();
    live.retain(|(_, e)| !keys.contains(e));
    live.sort();
    let over = (live.len() + keys.len()).saturating_sub(MOST_KEPT);
    stale.extend(live.into_iter().take(over).map(|(_, e)| e));
    stale.extend(keys.iter().cloned());
    drop_entries(&txn, &stale).await?;
    for ((_, rows), entry) in counted.iter().zip(&keys) {
        txn.execute_raw(statement(
            &txn,
            "INSERT INTO kpi_cached (entry, made) VALUES (?, ?)",
            vec![entry.clone().into(), version.into()],
        ))
        .await?;
        write_rows(&txn, entry, rows).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The kept passes' names, with the version each was counted at.
async fn kept(db: &impl ConnectionTrait) -> DomainResult<Vec<(i64, String)>> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT made, entry FROM kpi_cached",
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok((r.try_get("", "made")?, r.try_get("", "entry")?)))
        .collect()
}

async fn drop_entries(txn: &DatabaseTransaction, entries: &[String]) -> DomainResult<()> {
    for chunk in entries.chunks(200) {
        let values: Vec<Value> = chunk.iter().map(|e| Value::from(e.clone())).collect();
        for table in ["kpi_cache", "kpi_cached"] {
            txn.execute_raw(statement(
                txn,
                &format!("DELETE FROM {table} WHERE entry IN {}", marks(chunk.len())),
                values.clone(),
            ))
            .await?;
        }
    }
    Ok(())
}

/// Writes (or replaces) rows of a kept pass.
async fn write_rows(txn: &DatabaseTransaction, entry: &str, rows: &[Counted]) -> DomainResult<()> {
    for chunk in rows.chunks(200) {
        let mut values = Vec::with_capacity(chunk.len() * 4);
        for r in chunk {
            values.extend([
                Value::from(entry.to_string()),
                r.g.clone().into(),
                r.village.clone().into(),
                values_text(&r.values).into(),
            ]);
        }
        let rows = vec!["(?, ?, ?, ?)"; chunk.len()].join(", ");
        txn.execute_raw(statement(
            txn,
            &format!(
                "INSERT INTO kpi_cache (entry, g, village, vals) VALUES {rows} \
                 ON CONFLICT (entry, g, village) DO UPDATE SET vals = excluded.vals"
            ),
            values,
        ))
        .await?;
    }
    Ok(())
}

/// A kept pass and the changed trainees' contribution to it before their facts are rebuilt.
pub(super) struct Before {
    entry: String,
    cohort: Cohort,
    group: Group,
    old: Vec<Counted>,
}

/// Inside a rebuild of the facts of `changed` (or of more than [`MOST_CHANGED`] trainees, with
/// `None`), before it: counts the changed trainees' contribution to every kept pass, or drops
/// them all. Returns the version the rebuild starts from.
pub(super) async fn before(
    txn: &DatabaseTransaction,
    changed: Option<&[i32]>,
) -> DomainResult<(i64, Vec<Before>)> {
    let version = locked_version(txn).await?;
    let kept = kept(txn).await?;
    let Some(changed) = changed else {
        let all: Vec<String> = kept.into_iter().map(|(_, e)| e).collect();
        drop_entries(txn, &all).await?;
        return Ok((version, Vec::new()));
    };
    let mut out = Vec::with_capacity(kept.len());
    let mut unknown = Vec::new();
    for (_, entry) in kept {
        match parse_key(&entry) {
            Some((cohort, group)) => {
                let old = pass(txn, &cohort, group, Some(changed)).await?;
                out.push(Before {
                    entry,
                    cohort,
                    group,
                    old,
                });
            }
            None => unknown.push(entry),
        }
    }
    drop_entries(txn, &unknown).await?;
    Ok((version, out))
}

/// After the rebuild: adds the changed trainees' new contribution less their old one to every
/// kept pass, and moves the version on.
pub(super) async fn after(
    txn: &DatabaseTransaction,
    version: i64,
    changed: &[i32],
    kept: Vec<Before>,
) -> DomainResult<()> {
    for b in kept {
        let new = pass(txn, &b.cohort, b.group, Some(changed)).await?;
        if new == b.old {
            continue;
        }
        let mut delta: HashMap<(String, String), Vec<i64>> = HashMap::new();
        for (sign, rows) in [(-1, b.old), (1, new)] {
            for r in rows {
                let d = delta
                    .entry((r.g, r.village))
                    .or_insert_with(|| vec![0; r.values.len()]);
                for (a, v) in d.iter_mut().zip(&r.values) {
                    *a += sign * v;
                }
            }
        }
        delta.retain(|_, d| d.iter().any(|&v| v != 0));
        if delta.is_empty() {
            continue;
        }
        let current = txn
            .query_all_raw(statement(
                txn,
                "SELECT g, village, vals FROM kpi_cache WHERE entry = ?",
                vec![b.entry.clone().into()],
            ))
            .await?;
        let mut rows: HashMap<(String, String), Vec<i64>> = HashMap::new();
        for r in current {
            rows.insert(
                (r.try_get("", "g")?, r.try_get("", "village")?),
                values_of(&r.try_get::<String>("", "vals")?),
            );
        }
        let mut changed_rows = Vec::with_capacity(delta.len());
        for ((g, village), d) in delta {
            let values = rows
                .remove(&(g.clone(), village.clone()))
                .unwrap_or_else(|| vec![0; d.len()]);
            let values = values.iter().zip(&d).map(|(v, d)| v + d).collect();
            changed_rows.push(Counted { g, village, values });
        }
        write_rows(txn, &b.entry, &changed_rows).await?;
    }
    txn.execute_raw(statement(
        txn,
        "UPDATE kpi_state SET version = ? WHERE id = 1",
        vec![(version + 1).into()],
    ))
    .await?;
    Ok(())
}

/// Counts and keeps this year's dashboard for the whole city, so that its first visit of the
/// day (a running year counts to today) is quick; run by `yucai serve` in the background.
pub async fn warm(db: &DatabaseConnection) -> DomainResult<()> {
    super::refresh(db).await?;
    let cohort = Cohort::new(KpiFilter::year(today().year()));
    passes(db, &cohort, &Group::ALL).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_name_stands_for_its_pass() {
        let filter = KpiFilter {
            town: Some(7),
            programme: Some(Programme::ALL[0]),
            industry: Some(Industry::ALL[1]),
            provider: Some(42),
            ..KpiFilter::year(2025)
        };
        for cohort in [Cohort::new(filter), Cohort::new(KpiFilter::year(2024))] {
            for g in Group::ALL {
                let (c, group) = parse_key(&key(&cohort, g)).unwrap();
                assert_eq!(group, g);
                assert_eq!(key(&c, group), key(&cohort, g));
                assert_eq!(
                    (c.from, c.through, c.last),
                    (cohort.from, cohort.through, cohort.last)
                );
            }
        }
        assert!(parse_key("town|2025").is_none());
        assert!(parse_key("town|2025|2025-01-01|2025-12-31|2025-12-31|x|||").is_none());
    }

    #[test]
    fn values_are_kept_as_text() {
        assert_eq!(values_of(&values_text(&[0, -3, 12])), vec![0, -3, 12]);
        assert_eq!(marks(3), "(?, ?, ?)");
    }
}
