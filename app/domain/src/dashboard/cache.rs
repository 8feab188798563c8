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
//! [`warm`] counts ahead, in the background, every year's dashboard for the whole city and
//! for each value of each filter alone (each town, programme, industry and provider), one
//! pass across all the values of a filter at once; those passes are brought up to date the
//! same way, one pass per filter. So the first visit of a year with any one filter reads kept
//! rows, not the facts.
//!
//! A pass counted while a rebuild committed is not kept (the version in `kpi_state` moved),
//! as it may mix facts from before and after. A pass of a running period counts to today; the
//! next day asks for another, and yesterday's is dropped.

use super::{Across, Cohort, Counted, Group, Sql, pass, providers};
use crate::DomainResult;
use crate::db::begin_write;
use crate::local_time::today;
use crate::towns;
use chrono::{Datelike, NaiveDate};
use model::bases::FIRST_YEAR;
use model::catalogue::Industry;
use model::dashboard::{KpiFilter, Period};
use model::enums::Programme;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement};
use std::collections::{HashMap, HashSet};

/// The most passes kept besides those [`warm`] counts (a dashboard view is four); the oldest
/// go first.
const MOST_KEPT: usize = 96;
/// Above this many trainees changed at once (an import, an upgrade), the kept passes are
/// dropped and counted again when next asked for, rather than brought up to date.
pub(super) const MOST_CHANGED: usize = 2_000;
/// The name a pass is kept under: its grouping and everything that decides its rows (the
/// filters' values as [`Across`] names them, empty when open).
fn key(cohort: &Cohort, group: Group) -> String {
    let f = &cohort.filter;
    let values: Vec<String> = Across::ALL
        .iter()
        .map(|a| a.value(f).unwrap_or_default())
        .collect();
    format!(
        "{}|{}|{}|{}|{}|{}",
        group.as_str(),
        f.year,
        cohort.from,
        cohort.through,
        cohort.last,
        values.join("|")
    )
}

/// The pass a kept name stands for; `None` for a name this version does not write.
fn parse_key(key: &str) -> Option<(Cohort, Group)> {
    let parts: Vec<&str> = key.split('|').collect();
    let [group, year, from, through, last, ref values @ ..] = parts[..] else {
        return None;
    };
    if values.len() != Across::ALL.len() {
        return None;
    }
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let mut filter = KpiFilter::year(year.parse().ok()?);
    for (a, value) in Across::ALL.iter().zip(values) {
        filter = a.set(&filter, value)?;
    }
    let cohort = Cohort {
        filter,
        from: date(from)?,
        through: date(through)?,
        last: date(last)?,
    };
    Some((cohort, Group::parse(group)?))
}

/// Whether a kept pass is of the kind [`warm`] counts: a whole year, with one filter at most.
/// Their number is bounded by the filters' values, so they are kept however many there are.
fn lasting(cohort: &Cohort) -> bool {
    let (from, last) = Period::Year.bounds(cohort.filter.year);
    cohort.from == from
        && cohort.last == last
        && Across::ALL
            .iter()
            .filter(|a| a.value(&cohort.filter).is_some())
            .count()
            <= 1
}

fn values_text(values: &[i64]) -> String {
    let text: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    text.join(",")
}

fn values_of(text: &str) -> Vec<i64> {
    text.split(',').filter_map(|v| v.parse().ok()).collect()
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

/// The kept rows of `entries`, by entry (an entry kept with no rows is there, empty).
async fn read_entries(
    db: &impl ConnectionTrait,
    entries: &[String],
) -> DomainResult<HashMap<String, Vec<Counted>>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT c.entry, k.g, k.village, k.vals FROM kpi_cached c \
         LEFT JOIN kpi_cache k ON k.entry = c.entry WHERE c.entry IN ",
    );
    let names: Vec<&str> = entries.iter().map(String::as_str).collect();
    sql.bind_list(&names);
    let mut found: HashMap<String, Vec<Counted>> = HashMap::new();
    for r in db.query_all_raw(sql.statement()).await? {
        let counted = found.entry(r.try_get("", "entry")?).or_default();
        if let Some(g) = r.try_get::<Option<String>>("", "g")? {
            counted.push(Counted {
                d: String::new(),
                g,
                village: r.try_get("", "village")?,
                values: values_of(&r.try_get::<String>("", "vals")?),
            });
        }
    }
    Ok(found)
}

/// The passes asked for, from those kept or counted now (at once) and then kept.
pub(super) async fn passes(
    db: &DatabaseConnection,
    cohort: &Cohort,
    groups: &[Group],
) -> DomainResult<HashMap<Group, Vec<Counted>>> {
    let version = version_of(db, "").await?;
    let keys: Vec<String> = groups.iter().map(|&g| key(cohort, g)).collect();
    let mut kept = read_entries(db, &keys).await?;
    let mut found = HashMap::new();
    for (&group, key) in groups.iter().zip(&keys) {
        if let Some(rows) = kept.remove(key) {
            found.insert(group, rows);
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
    let named: Vec<(String, &[Counted])> = counted
        .iter()
        .map(|(g, rows)| (key(cohort, *g), rows.as_slice()))
        .collect();
    // Keeping them only saves the next visit time: a database too busy to take them now
    // does not fail this one.
    if let Err(e) = keep(db, version, &named).await {
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
            Some(&g) => pass(db, cohort, g, None, None)
                .await
                .map(|rows| Some((g, rows))),
            None => Ok(None),
        }
    };
    let (a, b, c, d) = tokio::try_join!(one(0), one(1), one(2), one(3))?;
    let mut out: Vec<(Group, Vec<Counted>)> = [a, b, c, d].into_iter().flatten().collect();
    for &g in groups.iter().skip(4) {
        out.push((g, pass(db, cohort, g, None, None).await?));
    }
    Ok(out)
}

/// Keeps passes (by name) counted at `version`, unless the facts moved since; drops
/// yesterday's passes of running periods and, past [`MOST_KEPT`], the oldest of those that
/// are not [`lasting`].
async fn keep(
    db: &DatabaseConnection,
    version: i64,
    counted: &[(String, &[Counted])],
) -> DomainResult<()> {
    let txn = begin_write(db).await?;
    if locked_version(&txn).await? != version {
        return Ok(());
    }
    let keys: HashSet<&str> = counted.iter().map(|(k, _)| k.as_str()).collect();
    let today = today();
    let mut stale: Vec<String> = Vec::new();
    let mut live: Vec<(i64, String)> = Vec::new();
    for (made, entry) in kept(&txn).await? {
        match parse_key(&entry) {
            Some((c, _)) if c.through >= c.last.min(today) => {
                if !lasting(&c) && !keys.contains(entry.as_str()) {
                    live.push((made, entry));
                }
            }
            _ => stale.push(entry),
        }
    }
    live.sort();
    let adding = counted
        .iter()
        .filter(|(k, _)| parse_key(k).is_some_and(|(c, _)| !lasting(&c)))
        .count();
    let over = (live.len() + adding).saturating_sub(MOST_KEPT);
    stale.extend(live.into_iter().take(over).map(|(_, e)| e));
    stale.extend(keys.iter().map(|k| k.to_string()));
    drop_entries(&txn, &stale).await?;
    for chunk in counted.chunks(200) {
        let mut sql = Sql::new(txn.get_database_backend());
        sql.push("INSERT INTO kpi_cached (entry, made) VALUES ");
        for (n, (entry, _)) in chunk.iter().enumerate() {
            sql.push(if n > 0 { ", (" } else { "(" })
                .bind(entry.clone())
                .push(", ")
                .bind(version)
                .push(")");
        }
        txn.execute_raw(sql.statement()).await?;
    }
    for (entry, rows) in counted {
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
        let names: Vec<&str> = chunk.iter().map(String::as_str).collect();
        for table in ["kpi_cache", "kpi_cached"] {
            let mut sql = Sql::new(txn.get_database_backend());
            sql.push(&format!("DELETE FROM {table} WHERE entry IN "))
                .bind_list(&names);
            txn.execute_raw(sql.statement()).await?;
        }
    }
    Ok(())
}

/// Writes (or replaces) rows of a kept pass.
async fn write_rows(txn: &DatabaseTransaction, entry: &str, rows: &[Counted]) -> DomainResult<()> {
    for chunk in rows.chunks(200) {
        let mut sql = Sql::new(txn.get_database_backend());
        sql.push("INSERT INTO kpi_cache (entry, g, village, vals) VALUES ");
        for (n, r) in chunk.iter().enumerate() {
            sql.push(if n > 0 { ", (" } else { "(" })
                .bind(entry)
                .push(", ")
                .bind(r.g.as_str())
                .push(", ")
                .bind(r.village.as_str())
                .push(", ")
                .bind(values_text(&r.values))
                .push(")");
        }
        sql.push(" ON CONFLICT (entry, g, village) DO UPDATE SET vals = excluded.vals");
        txn.execute_raw(sql.statement()).await?;
    }
    Ok(())
}

/// Kept passes one pass brings up to date: those of one cohort and grouping that differ only
/// in the value of one filter (counted across it), or a pass on its own.
struct Family {
    /// The cohort with that filter open.
    base: Cohort,
    group: Group,
    across: Option<Across>,
    /// The kept name by the filter's value (an empty value for a pass on its own).
    entries: HashMap<String, String>,
}

/// The families of kept passes, and the names this version cannot read.
fn families(entries: impl IntoIterator<Item = String>) -> (Vec<Family>, Vec<String>) {
    let mut out: HashMap<String, Family> = HashMap::new();
    let mut unknown = Vec::new();
    for entry in entries {
        let Some((cohort, group)) = parse_key(&entry) else {
            unknown.push(entry);
            continue;
        };
        let set: Vec<Across> = Across::ALL
            .into_iter()
            .filter(|a| a.value(&cohort.filter).is_some())
            .collect();
        let (base, across, value) = match set.as_slice() {
            [a] => {
                let value = a.value(&cohort.filter).unwrap_or_default();
                let filter = a
                    .set(&cohort.filter, "")
                    .unwrap_or_else(|| cohort.filter.clone());
                (Cohort { filter, ..cohort }, Some(*a), value)
            }
            _ => (cohort, None, String::new()),
        };
        let name = format!(
            "{}|{}",
            key(&base, group),
            across.map_or("", |a| a.as_str())
        );
        out.entry(name)
            .or_insert_with(|| Family {
                base,
                group,
                across,
                entries: HashMap::new(),
            })
            .entries
            .insert(value, entry);
    }
    (out.into_values().collect(), unknown)
}

/// The years `trainees` have facts in.
async fn years_of(db: &impl ConnectionTrait, trainees: &[i32]) -> DomainResult<HashSet<i32>> {
    if trainees.is_empty() {
        return Ok(HashSet::new());
    }
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT DISTINCT year FROM kpi_facts WHERE trainee_id IN ")
        .bind_list(trainees);
    db.query_all_raw(sql.statement())
        .await?
        .into_iter()
        .map(|r| Ok(r.try_get::<i32>("", "year")?))
        .collect()
}

/// The changed trainees' contribution to a family of kept passes (nothing when they have no
/// facts in its year).
async fn contribution(
    txn: &DatabaseTransaction,
    family: &Family,
    years: &HashSet<i32>,
    changed: &[i32],
) -> DomainResult<Vec<Counted>> {
    if !years.contains(&family.base.filter.year) {
        return Ok(Vec::new());
    }
    pass(
        txn,
        &family.base,
        family.group,
        family.across,
        Some(changed),
    )
    .await
}

/// A family of kept passes and the changed trainees' contribution to it before their facts
/// are rebuilt.
pub(super) struct Before {
    family: Family,
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
    let kept: Vec<String> = kept(txn).await?.into_iter().map(|(_, e)| e).collect();
    let Some(changed) = changed else {
        drop_entries(txn, &kept).await?;
        return Ok((version, Vec::new()));
    };
    let (families, unknown) = families(kept);
    drop_entries(txn, &unknown).await?;
    let years = years_of(txn, changed).await?;
    let mut out = Vec::with_capacity(families.len());
    for family in families {
        let old = contribution(txn, &family, &years, changed).await?;
        out.push(Before { family, old });
    }
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
    let years = years_of(txn, changed).await?;
    for b in kept {
        let new = contribution(txn, &b.family, &years, changed).await?;
        if new == b.old {
            continue;
        }
        // The difference by kept name, then by row.
        type Rows = HashMap<(String, String), Vec<i64>>;
        let mut delta: HashMap<&String, Rows> = HashMap::new();
        for (sign, rows) in [(-1, b.old), (1, new)] {
            for r in rows {
                // A value with nothing kept for it (one that appeared since the family was
                // counted) is counted when first asked for.
                let Some(entry) = b.family.entries.get(&r.d) else {
                    continue;
                };
                let d = delta
                    .entry(entry)
                    .or_default()
                    .entry((r.g, r.village))
                    .or_insert_with(|| vec![0; r.values.len()]);
                for (a, v) in d.iter_mut().zip(&r.values) {
                    *a += sign * v;
                }
            }
        }
        for rows in delta.values_mut() {
            rows.retain(|_, d| d.iter().any(|&v| v != 0));
        }
        delta.retain(|_, rows| !rows.is_empty());
        if delta.is_empty() {
            continue;
        }
        let entries: Vec<String> = delta.keys().map(|e| e.to_string()).collect();
        let mut current = read_entries(txn, &entries).await?;
        for (entry, rows) in delta {
            let mut now: Rows = current
                .remove(entry)
                .unwrap_or_default()
                .into_iter()
                .map(|r| ((r.g, r.village), r.values))
                .collect();
            let mut changed_rows = Vec::with_capacity(rows.len());
            for ((g, village), d) in rows {
                let values = now
                    .remove(&(g.clone(), village.clone()))
                    .unwrap_or_else(|| vec![0; d.len()]);
                let values = values.iter().zip(&d).map(|(v, d)| v + d).collect();
                changed_rows.push(Counted {
                    d: String::new(),
                    g,
                    village,
                    values,
                });
            }
            write_rows(txn, entry, &changed_rows).await?;
        }
    }
    let mut sql = Sql::new(txn.get_database_backend());
    sql.push("UPDATE kpi_state SET version = ")
        .bind(version + 1)
        .push(" WHERE id = 1");
    txn.execute_raw(sql.statement()).await?;
    Ok(())
}

/// Every value of each filter a pass is counted across.
async fn filter_values(db: &DatabaseConnection) -> DomainResult<Vec<(Across, Vec<String>)>> {
    let towns: Vec<String> = towns::list(db)
        .await?
        .into_iter()
        .map(|t| t.id.to_string())
        .collect();
    let providers: Vec<String> = providers(db)
        .await?
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    Ok(vec![
        (Across::Town, towns),
        (
            Across::Programme,
            Programme::ALL
                .iter()
                .map(|p| p.as_str().to_string())
                .collect(),
        ),
        (
            Across::Industry,
            Industry::ALL
                .iter()
                .map(|i| i.as_str().to_string())
                .collect(),
        ),
        (Across::Provider, providers),
    ])
}

async fn has_facts(db: &DatabaseConnection, year: i32) -> DomainResult<bool> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT 1 AS one FROM kpi_facts WHERE year = ")
        .bind(year)
        .push(" LIMIT 1");
    Ok(db.query_one_raw(sql.statement()).await?.is_some())
}

/// Counts ahead and keeps every year's dashboard for the whole city and for each filter
/// alone, this year first (a running year counts to today, so it is counted again each day);
/// run by `yucai serve` in the background, every minute, after bringing the facts up to date.
/// Passes already kept are not counted again; a filter with most of its values to count is
/// counted in one pass across them all. Returns how many passes it counted.
pub async fn warm(db: &DatabaseConnection) -> DomainResult<usize> {
    super::refresh(db).await?;
    let values = filter_values(db).await?;
    let mut counted = 0;
    for year in (FIRST_YEAR..=today().year()).rev() {
        if !has_facts(db, year).await? {
            continue;
        }
        let base = Cohort::new(KpiFilter::year(year));
        let kept: HashSet<String> = kept(db).await?.into_iter().map(|(_, e)| e).collect();
        for group in Group::ALL {
            let whole = key(&base, group);
            if !kept.contains(&whole) {
                counted += 1;
                let version = version_of(db, "").await?;
                let rows = pass(db, &base, group, None, None).await?;
                keep(db, version, &[(whole, &rows)]).await?;
            }
        }
        for (across, all) in &values {
            for group in Group::ALL {
                let wanted: Vec<(&String, Cohort)> = all
                    .iter()
                    .filter_map(|v| {
                        let filter = across.set(&base.filter, v)?;
                        Some((
                            v,
                            Cohort {
                                filter,
                                ..base.clone()
                            },
                        ))
                    })
                    .collect();
                let missing: Vec<&(&String, Cohort)> = wanted
                    .iter()
                    .filter(|(_, c)| !kept.contains(&key(c, group)))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let version = version_of(db, "").await?;
                if missing.len() * 4 < wanted.len() {
                    // A few new values (a provider's first course): each on its own.
                    for (_, cohort) in missing {
                        counted += 1;
                        let rows = pass(db, cohort, group, None, None).await?;
                        keep(db, version, &[(key(cohort, group), &rows)]).await?;
                    }
                    continue;
                }
                counted += 1;
                let rows = pass(db, &base, group, Some(*across), None).await?;
                let mut by_value: HashMap<&str, Vec<Counted>> = HashMap::new();
                for r in rows {
                    let at = wanted
                        .iter()
                        .find(|(v, _)| **v == r.d)
                        .map(|(v, _)| v.as_str());
                    if let Some(v) = at {
                        by_value.entry(v).or_default().push(Counted {
                            d: String::new(),
                            ..r
                        });
                    }
                }
                let named: Vec<(String, Vec<Counted>)> = wanted
                    .iter()
                    .map(|(v, c)| {
                        (
                            key(c, group),
                            by_value.remove(v.as_str()).unwrap_or_default(),
                        )
                    })
                    .collect();
                let named: Vec<(String, &[Counted])> = named
                    .iter()
                    .map(|(k, r)| (k.clone(), r.as_slice()))
                    .collect();
                keep(db, version, &named).await?;
            }
        }
    }
    Ok(counted)
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
    fn kept_passes_are_brought_up_to_date_by_family() {
        let year = KpiFilter::year(2025);
        let town = |t: i32| KpiFilter {
            town: Some(t),
            ..year.clone()
        };
        let two = KpiFilter {
            programme: Some(Programme::ALL[0]),
            ..town(3)
        };
        let quarter = KpiFilter {
            period: Period::Quarter(2),
            ..town(3)
        };
        let entries: Vec<String> = [year.clone(), town(3), town(4), two, quarter]
            .into_iter()
            .flat_map(|f| {
                let c = Cohort::new(f);
                [key(&c, Group::Town), key(&c, Group::Month)]
            })
            .chain(["nonsense".to_string()])
            .collect();
        let (families, unknown) = families(entries);
        assert_eq!(unknown, vec!["nonsense".to_string()]);
        // By grouping: the city; towns 3 and 4 of the year (one pass across towns); the two
        // filters on their own; the quarter's town 3 (across towns, alone).
        assert_eq!(families.len(), 8);
        let across: Vec<&Family> = families
            .iter()
            .filter(|f| f.across == Some(Across::Town) && f.entries.len() == 2)
            .collect();
        assert_eq!(across.len(), 2);
        for f in across {
            assert_eq!(f.base.filter, year);
            let c = Cohort::new(town(4));
            assert_eq!(f.entries["4"], key(&c, f.group));
        }
        assert!(lasting(&Cohort::new(town(3))) && lasting(&Cohort::new(year.clone())));
        assert!(!lasting(&Cohort::new(KpiFilter {
            programme: Some(Programme::ALL[0]),
            ..town(3)
        })));
        assert!(!lasting(&Cohort::new(KpiFilter {
            period: Period::Month(1),
            ..year
        })));
    }

    #[test]
    fn values_are_kept_as_text() {
        assert_eq!(values_of(&values_text(&[0, -3, 12])), vec![0, -3, 12]);
    }
}
