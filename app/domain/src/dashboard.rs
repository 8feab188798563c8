//! The bureau's KPI dashboard: the figures for a cohort (see [`model::dashboard`]),
//! the funnel, progress against targets, and the people behind each figure.
//!
//! The figures are counted by the database (portable SQL for SQLite and PostgreSQL) from the
//! fact table of [`facts`], brought up to date first, so they never load a year's enrolments
//! into memory and always equal a recount from the records. The people lists use the same
//! statement with the figure's condition, so a list always has exactly as many people as its
//! figure says.

use crate::audit::{self, Event};
use crate::entities::{organisations, targets, towns};
use crate::local_time::format_time;
use crate::local_time::{end_of_day, today};
use crate::policy::{self, Operation};
use crate::rosters::{Download, DownloadBody, ExportFormat};
use crate::sheets;
use crate::{Actor, DomainError, DomainResult};
use chrono::{Datelike, NaiveDate};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::bases::{FIRST_YEAR, Ratio};
use model::catalogue::Industry;
use model::dashboard::{
    Breakdown, BreakdownBy, BreakdownRow, Choice, Dashboard, DashboardQuery, Figure, FigurePeople,
    FigurePerson, FunnelStep, KpiFilter, Kpis, PEOPLE_PER_PAGE, TargetKpi, TargetProgress,
};
use model::dashboard::{group_label, period_label};
use model::enums::{EnrollmentStatus, OutcomeKind, PlacementStatus, Programme};
use model::i18n::Locale;
use model::i18n::Msg;
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QueryResult, Statement, Value,
};
use std::collections::HashMap;

mod cache;
mod facts;
pub use cache::warm;
pub use facts::{pending, refresh};

/// Seats: a place taken in a course.
const SEATS: [EnrollmentStatus; 3] = [
    EnrollmentStatus::Enrolled,
    EnrollmentStatus::Completed,
    EnrollmentStatus::NotCompleted,
];
/// Placements that were taken up.
const PLACED: [PlacementStatus; 4] = [
    PlacementStatus::Accepted,
    PlacementStatus::Active,
    PlacementStatus::Graduated,
    PlacementStatus::Left,
];
/// Outcomes that count as employment (就业), and as a business (创业).
pub const EMPLOYED: [OutcomeKind; 3] = [
    OutcomeKind::Employed,
    OutcomeKind::SelfEmployed,
    OutcomeKind::LivestreamHost,
];
pub const BUSINESS: [OutcomeKind; 2] = [OutcomeKind::BusinessStarted, OutcomeKind::OnlineStore];

/// A statement being written, with its bound values in order (`?` for SQLite, `$n` for
/// PostgreSQL). Only codes from our own enums are written into the text; everything a user
/// chose is bound.
struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DbBackend) -> Sql {
        Sql {
            backend,
            text: String::with_capacity(4096),
            values: Vec::new(),
        }
    }

    fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    fn bind(&mut self, value: impl Into<Value>) -> &mut Sql {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                let n = self.values.len();
                self.text.push_str(&format!("${n}"));
            }
            _ => self.text.push('?'),
        }
        self
    }

    /// `(a, b, …)`, each bound.
    fn bind_list<T: Into<Value> + Copy>(&mut self, items: &[T]) -> &mut Sql {
        self.push("(");
        for (n, &item) in items.iter().enumerate() {
            if n > 0 {
                self.push(", ");
            }
            self.bind(item);
        }
        self.push(")")
    }

    fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// `('a', 'b')` from our enums' codes.
fn codes<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.into_iter().map(|c| format!("'{c}'")).collect();
    format!("({})", quoted.join(", "))
}

/// The checked filters with the days they cover.
#[derive(Clone, Debug)]
pub struct Cohort {
    pub filter: KpiFilter,
    pub from: NaiveDate,
    pub through: NaiveDate,
    /// The period's last day (`through` is earlier while the period runs).
    pub last: NaiveDate,
}

impl Cohort {
    /// The cohort for `filter`, counted to the end of its period or today.
    pub fn new(filter: KpiFilter) -> Cohort {
        let (from, last) = filter.period.bounds(filter.year);
        Cohort {
            filter,
            from,
            through: last.min(today()),
            last,
        }
    }

    /// Writes the common part over the fact table (see [`facts`]): `p` (a row per person, or
    /// per person and group, with the flags of their enrolments in the cohort), `k` (the latest
    /// outcome of those who completed, as of the period's end) and `f` (the person's flags).
    /// People are counted once per group: their town (which is once in all), the programme or
    /// industry of their courses, or the month their course started. With `sums`, `p` also
    /// counts the enrolments' own figures (attendances, completion, pass, follow-ups).
    ///
    /// With `across`, `p` is also by that filter's value (`d`): one pass then counts the
    /// cohort for every value of a filter it leaves open.
    ///
    /// With `only`, just those trainees' rows are read (by the trainee index): their
    /// contribution to every figure, as the figures add up over people.
    fn with(
        &self,
        sql: &mut Sql,
        group: Group,
        across: Option<Across>,
        sums: bool,
        only: Option<&[i32]>,
    ) {
        let f = &self.filter;
        // The raw key: by town, the rows come in the table's order and group without sorting.
        let key = match group {
            Group::Town => "x.town_id",
            Group::Programme => "x.programme",
            Group::Month => "x.month",
            Group::Industry => "i.code",
        };
        let end = end_of_day(self.through);
        let through = self.through;
        sql.push(&format!(
            "WITH p AS (SELECT {key} AS g, x.trainee_id AS tid, "
        ));
        if let Some(a) = across {
            sql.push(&format!("{} AS d, ", a.column()));
        }
        sql.push("MAX(x.town_id) AS town_id, MAX(x.village) AS village, MAX(x.seat) AS seat, ")
            .push("MAX(x.done) AS done, MAX(CASE WHEN x.done = 1 AND x.cert_at <= ")
            .bind(end)
            .push(" THEN 1 ELSE 0 END) AS cert, SUM(x.seat) AS seats, ")
            .push("MIN(CASE WHEN x.seat = 1 THEN x.starts_on END) AS first_start, ")
            .push("MIN(x.leader_at) AS leader_at, MIN(x.placed_on) AS placed_on, ")
            .push("MAX(x.o_as_of) AS o_as_of, MAX(x.o_kind) AS o_kind, MAX(x.o_jobs) AS o_jobs");
        if sums {
            sql.push(", SUM(CASE WHEN x.seat = 1 AND x.ends_on <= ")
                .bind(through)
                .push(" THEN 1 ELSE 0 END) AS ended, SUM(CASE WHEN x.done = 1 AND x.ends_on <= ")
                .bind(through)
                .push(" THEN 1 ELSE 0 END) AS ended_done, ")
                .push("SUM(CASE WHEN x.seat = 1 AND x.scored = 1 THEN 1 ELSE 0 END) AS scored, ")
                .push("SUM(CASE WHEN x.seat = 1 AND x.passed = 1 THEN 1 ELSE 0 END) AS passed, ");
            for months in [3, 6, 12] {
                sql.push(&format!("SUM(CASE WHEN x.fu{months}_on <= "))
                    .bind(through)
                    .push(&format!(" THEN 1 ELSE 0 END) AS fu{months}_due, "))
                    .push(&format!("SUM(CASE WHEN x.fu{months}_on <= "))
                    .bind(through)
                    .push(&format!(
                        " AND x.fu{months}_closed = 1 THEN 1 ELSE 0 END) AS fu{months}_closed"
                    ));
                if months != 12 {
                    sql.push(", ");
                }
            }
        }
        sql.push(" FROM kpi_facts x");
        if only.is_some() && sql.backend == DbBackend::Sqlite {
            sql.push(" INDEXED BY idx_kpi_facts_trainee");
        }
        // A row per industry of the course: `i` for the grouping, `j` for the filter.
        let industries = |alias: &str| {
            let each: Vec<String> = Industry::ALL
                .iter()
                .map(|&i| {
                    format!(
                        "SELECT {} AS bit, '{}' AS code",
                        facts::industry_bit(i),
                        i.as_str()
                    )
                })
                .collect();
            format!(
                " JOIN ({}) {alias} ON (x.industries & {alias}.bit) <> 0",
                each.join(" UNION ALL ")
            )
        };
        if group == Group::Industry {
            sql.push(&industries("i"));
        }
        if across == Some(Across::Industry) {
            sql.push(&industries("j"));
        }
        sql.push(" WHERE x.year = ")
            .bind(f.year)
            .push(" AND x.starts_on >= ")
            .bind(self.from)
            .push(" AND x.starts_on <= ")
            .bind(through);
        if let Some(town) = f.town {
            sql.push(" AND x.town_id = ").bind(town);
        }
        if let Some(p) = f.programme {
            sql.push(" AND x.programme = ").bind(p.as_str());
        }
        if let Some(i) = f.industry {
            sql.push(&format!(
                " AND (x.industries & {}) <> 0",
                facts::industry_bit(i)
            ));
        }
        if let Some(org) = f.provider {
            sql.push(" AND x.provider_id = ").bind(org);
        }
        if let Some(ids) = only {
            sql.push(" AND x.trainee_id IN ").bind_list(ids);
        }
        sql.push(if across.is_some() {
            " GROUP BY 1, 2, 3"
        } else {
            " GROUP BY 1, 2"
        })
        .push("), k AS (SELECT p.*, ");
        // Each person's latest outcome of the year is in the facts; only when it is dated after
        // the period's end is the outcome at that end looked up, in `kpi_outcomes` (derived like
        // the facts, so a count reads derived tables alone: see `cache`).
        for (col, source) in [
            ("as_of", "as_of"),
            ("kind", "kind"),
            ("jobs", "jobs_created"),
        ] {
            sql.push("CASE WHEN p.done = 1 AND p.o_as_of IS NOT NULL THEN CASE WHEN p.o_as_of <= ")
                .bind(through)
                .push(&format!(
                    " THEN p.o_{col} ELSE (SELECT o.{source} FROM kpi_outcomes o \
                 WHERE o.trainee_id = p.tid AND o.as_of <= "
                ))
                .bind(through)
                .push(&format!(
                    " ORDER BY o.as_of DESC, o.id DESC LIMIT 1) END END AS k_{col}"
                ));
            if col != "jobs" {
                sql.push(", ");
            }
        }
        sql.push(" FROM p), v AS (SELECT k.*, ")
            .push("CASE WHEN k.k_as_of >= k.first_start THEN k.k_kind END AS kind, ")
            .push("CASE WHEN k.k_as_of >= k.first_start THEN k.k_jobs ELSE 0 END AS jobs ")
            .push("FROM k), f AS (SELECT v.*, ")
            .push(&format!(
                "CASE WHEN v.kind IN {} THEN 1 ELSE 0 END AS employed, ",
                codes(EMPLOYED.iter().map(|k| k.as_str()))
            ))
            .push(&format!(
                "CASE WHEN v.kind IN {} THEN 1 ELSE 0 END AS business, ",
                codes(BUSINESS.iter().map(|k| k.as_str()))
            ))
            .push(&format!(
                "CASE WHEN v.kind = '{}' THEN 1 ELSE 0 END AS shop, ",
                OutcomeKind::OnlineStore.as_str()
            ))
            .push(&format!(
                "CASE WHEN v.kind = '{}' THEN 1 ELSE 0 END AS host, ",
                OutcomeKind::LivestreamHost.as_str()
            ))
            .push("CASE WHEN v.done = 1 AND v.placed_on <= ")
            .bind(through)
            .push(" THEN 1 ELSE 0 END AS placed, CASE WHEN v.seat = 1 AND v.leader_at <= ")
            .bind(end)
            .push(" THEN 1 ELSE 0 END AS leader FROM v) ");
    }
}

/// What people are counted by: once in all (their town, as a person has one), or once in
/// each programme, industry or month their courses belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Town,
    Programme,
    Month,
    Industry,
}

/// A filter one pass can count every value of at once (see [`Cohort::with`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Across {
    Town,
    Programme,
    Industry,
    Provider,
}

impl Across {
    pub(crate) const ALL: [Across; 4] = [
        Across::Town,
        Across::Programme,
        Across::Industry,
        Across::Provider,
    ];

    fn column(self) -> &'static str {
        match self {
            Across::Town => "x.town_id",
            Across::Programme => "x.programme",
            Across::Industry => "j.code",
            Across::Provider => "x.provider_id",
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Across::Town => "town",
            Across::Programme => "programme",
            Across::Industry => "industry",
            Across::Provider => "provider",
        }
    }

    /// The filter's value for this, as a pass across it names it.
    pub(crate) fn value(self, filter: &KpiFilter) -> Option<String> {
        match self {
            Across::Town => filter.town.map(|t| t.to_string()),
            Across::Programme => filter.programme.map(|p| p.as_str().to_string()),
            Across::Industry => filter.industry.map(|i| i.as_str().to_string()),
            Across::Provider => filter.provider.map(|p| p.to_string()),
        }
    }

    /// `filter` with this set to `value` (`None` for a value this version cannot read), or
    /// left open with an empty value.
    pub(crate) fn set(self, filter: &KpiFilter, value: &str) -> Option<KpiFilter> {
        let mut f = filter.clone();
        let open = value.is_empty();
        match self {
            Across::Town => {
                f.town = if open {
                    None
                } else {
                    Some(value.parse().ok()?)
                }
            }
            Across::Programme => {
                f.programme = if open {
                    None
                } else {
                    Some(Programme::parse(value)?)
                }
            }
            Across::Industry => {
                f.industry = if open {
                    None
                } else {
                    Some(Industry::parse(value)?)
                }
            }
            Across::Provider => {
                f.provider = if open {
                    None
                } else {
                    Some(value.parse().ok()?)
                }
            }
        }
        Some(f)
    }
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Town, Group::Month, Group::Programme, Group::Industry];

    fn as_str(self) -> &'static str {
        match self {
            Group::Town => "town",
            Group::Programme => "programme",
            Group::Month => "month",
            Group::Industry => "industry",
        }
    }

    fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// The figures that are not people: sums over the cohort's enrolments and people.
const SUMS: &[&str] = &[
    "jobs_sum",
    "attendances",
    "ended",
    "ended_done",
    "scored",
    "passed",
    "fu_due",
    "fu_closed",
    "working_any",
];

/// A row a pass over the facts counts: the group's key, the village of its leaders (by town
/// only, for the villages with leaders; empty for everyone else) and the values. By town, the values are
/// every figure ([`Figure::ALL`] then [`SUMS`]); otherwise the charts' four: trained,
/// completed, certified, working or in business. Every value is a sum over people, so a
/// pass's rows are the sum of each person's contribution (what `cache` relies on).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Counted {
    /// The value of the filter the pass was counted across (empty otherwise).
    d: String,
    g: String,
    village: String,
    values: Vec<i64>,
}

/// Counts a pass: the cohort's people by `group` (and by the value of `across`), or with
/// `only`, those trainees' contribution to it.
async fn pass(
    db: &impl ConnectionTrait,
    cohort: &Cohort,
    group: Group,
    across: Option<Across>,
    only: Option<&[i32]>,
) -> DomainResult<Vec<Counted>> {
    if only.is_some_and(|ids| ids.is_empty()) {
        return Ok(Vec::new());
    }
    let by_town = group == Group::Town;
    let mut sql = Sql::new(db.get_database_backend());
    cohort.with(&mut sql, group, across, by_town, only);
    let sum = |condition: &str, name: &str| {
        format!(
            "CAST(COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0) AS BIGINT) AS {name}"
        )
    };
    let total =
        |expr: &str, name: &str| format!("CAST(COALESCE(SUM({expr}), 0) AS BIGINT) AS {name}");
    let working = "f.employed = 1 OR f.business = 1";
    let (columns, names): (Vec<String>, Vec<&str>) = if by_town {
        let mut columns: Vec<String> = Figure::ALL
            .iter()
            .map(|&f| sum(condition(f), f.as_str()))
            .collect();
        columns.extend([
            total("f.jobs", "jobs_sum"),
            total("f.seats", "attendances"),
            total("f.ended", "ended"),
            total("f.ended_done", "ended_done"),
            total("f.scored", "scored"),
            total("f.passed", "passed"),
            total("f.fu3_due + f.fu6_due + f.fu12_due", "fu_due"),
            total("f.fu3_closed + f.fu6_closed + f.fu12_closed", "fu_closed"),
            sum(working, "working_any"),
        ]);
        let names = Figure::ALL
            .iter()
            .map(|f| f.as_str())
            .chain(SUMS.iter().copied())
            .collect();
        (columns, names)
    } else {
        let columns = vec![
            total("f.seat", "trained"),
            total("f.done", "done"),
            total("f.cert", "cert"),
            sum(working, "working"),
        ];
        (columns, vec!["trained", "done", "cert", "working"])
    };
    // Leaders are counted by village too (the villages with leaders); everyone else by group
    // alone. Grouping by the raw key keeps the rows in the order they come in by town.
    let village = if by_town {
        "CASE WHEN f.leader = 1 THEN COALESCE(f.village, '') ELSE '' END"
    } else {
        "''"
    };
    let d = if across.is_some() {
        "CAST(f.d AS TEXT)"
    } else {
        "CAST('' AS TEXT)"
    };
    sql.push(&format!(
        "SELECT CAST(f.g AS TEXT) AS g, CAST({village} AS TEXT) AS village, {d} AS d, "
    ))
    .push(&columns.join(", "))
    .push(" FROM f GROUP BY f.g");
    if by_town {
        sql.push(&format!(", {village}"));
    }
    if across.is_some() {
        sql.push(", f.d");
    }
    let mut out = Vec::new();
    for r in db.query_all_raw(sql.statement()).await? {
        out.push(Counted {
            d: r.try_get("", "d")?,
            g: r.try_get("", "g")?,
            village: r.try_get("", "village")?,
            values: names
                .iter()
                .map(|n| get(&r, n))
                .collect::<DomainResult<Vec<i64>>>()?,
        });
    }
    Ok(out)
}

/// The condition on `f` that picks a figure's people.
fn condition(figure: Figure) -> &'static str {
    match figure {
        Figure::SignedUp => "1 = 1",
        Figure::Trained => "f.seat = 1",
        Figure::Completed => "f.done = 1",
        Figure::Certified => "f.cert = 1",
        Figure::Placed => "f.cert = 1 AND f.placed = 1",
        Figure::Working => "f.cert = 1 AND f.placed = 1 AND (f.employed = 1 OR f.business = 1)",
        Figure::Employed => "f.employed = 1",
        Figure::Business => "f.business = 1",
        Figure::Shops => "f.shop = 1",
        Figure::Hosts => "f.host = 1",
        Figure::JobsCreated => "f.jobs > 0",
        Figure::Leaders => "f.leader = 1",
        Figure::PlacedAll => "f.placed = 1",
    }
}

fn get(row: &QueryResult, col: &str) -> DomainResult<i64> {
    Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}

/// Where a sum's value is in a row of the town pass.
fn sum_index(name: &str) -> usize {
    Figure::ALL.len() + SUMS.iter().position(|&x| x == name).unwrap_or(0)
}

/// The figures and funnel from the rows of the town pass, summed over towns; the villages
/// with leaders are the rows (a town's village) with any.
fn kpis_of(rows: &[Counted]) -> (Kpis, Vec<i64>) {
    let n = Figure::ALL.len() + SUMS.len();
    let mut all = vec![0i64; n];
    for row in rows {
        for (a, v) in all.iter_mut().zip(&row.values) {
            *a += v;
        }
    }
    let leaders = Figure::ALL
        .iter()
        .position(|&x| x == Figure::Leaders)
        .unwrap_or(0);
    let villages = rows
        .iter()
        .filter(|r| !r.village.is_empty() && r.values.get(leaders).is_some_and(|&v| v > 0))
        .count() as i64;
    let figure = |f: Figure| all[Figure::ALL.iter().position(|&x| x == f).unwrap_or(0)];
    let get = |name: &str| all[sum_index(name)];
    let completed = figure(Figure::Completed);
    let kpis = Kpis {
        signed_up: figure(Figure::SignedUp),
        trained: figure(Figure::Trained),
        attendances: get("attendances"),
        completion: Ratio {
            num: get("ended_done"),
            den: get("ended"),
        },
        pass: Ratio {
            num: get("passed"),
            den: get("scored"),
        },
        completed,
        certified: figure(Figure::Certified),
        employed: Ratio {
            num: figure(Figure::Employed),
            den: completed,
        },
        business: Ratio {
            num: figure(Figure::Business),
            den: completed,
        },
        shops: figure(Figure::Shops),
        hosts: figure(Figure::Hosts),
        jobs_created: get("jobs_sum"),
        leaders: figure(Figure::Leaders),
        leader_villages: villages,
        placed: figure(Figure::PlacedAll),
        follow_ups: Ratio {
            num: get("fu_closed"),
            den: get("fu_due"),
        },
    };
    let funnel = Figure::FUNNEL.iter().map(|&f| figure(f)).collect();
    (kpis, funnel)
}

/// Check-ins at lectures and salons in the cohort: attendances (培训人次) only, counted from
/// the registrations directly (a few thousand a year), not from the facts.
async fn event_attendances(db: &impl ConnectionTrait, cohort: &Cohort) -> DomainResult<i64> {
    crate::events::attendances(db, &cohort.filter, cohort.from, cohort.through).await
}

/// Counts every figure for a cohort (kept between visits, see `cache`).
pub async fn count(db: &DatabaseConnection, cohort: &Cohort) -> DomainResult<(Kpis, Vec<i64>)> {
    let mut passes = cache::passes(db, cohort, &[Group::Town]).await?;
    let (mut kpis, funnel) = kpis_of(&passes.remove(&Group::Town).unwrap_or_default());
    kpis.attendances += event_attendances(db, cohort).await?;
    Ok((kpis, funnel))
}

/// Reads and checks the filters for `actor`: unknown values are refused by field, a town
/// viewer gets their town (and a 403 for another).
pub async fn filter(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &DashboardQuery,
) -> DomainResult<KpiFilter> {
    policy::authorize(actor, Operation::ViewDashboard)?;
    let mut filter = query.parse(today()).map_err(DomainError::Invalid)?;
    policy::check_town(actor, filter.town)?;
    if filter.town.is_none() {
        filter.town = policy::town_scope(actor);
    }
    if let Some(town) = filter.town
        && towns::Entity::find_by_id(town).one(db).await?.is_none()
    {
        return Err(DomainError::field("town", Msg::ErrChoose));
    }
    if let Some(org) = filter.provider
        && !providers(db).await?.iter().any(|p| p.id == org)
    {
        return Err(DomainError::field("provider", Msg::ErrChoose));
    }
    Ok(filter)
}

/// Organisations that have posted courses, by name.
pub(crate) async fn providers(db: &impl ConnectionTrait) -> DomainResult<Vec<Choice>> {
    use crate::entities::courses;
    Ok(organisations::Entity::find()
        .filter(
            organisations::Column::Id.in_subquery(
                Query::select()
                    .column(courses::Column::OrganisationId)
                    .from(courses::Entity)
                    .to_owned(),
            ),
        )
        .order_by_asc(organisations::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Choice {
            id: o.id,
            name: o.name,
        })
        .collect())
}

/// The dashboard for the filters in `query`.
pub async fn dashboard(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
) -> DomainResult<Dashboard> {
    let filter = filter(db, actor, query).await?;
    refresh(db).await?;
    let cohort = Cohort::new(filter.clone());
    let mut passes = cache::passes(db, &cohort, &Group::ALL).await?;
    let mut take = |g: Group| passes.remove(&g).unwrap_or_default();
    let passes = Passes {
        town: take(Group::Town),
        month: take(Group::Month),
        programme: take(Group::Programme),
        industry: take(Group::Industry),
    };
    let (mut kpis, funnel_counts) = kpis_of(&passes.town);
    kpis.attendances += event_attendances(db, &cohort).await?;
    let mut funnel = Vec::new();
    let mut previous = None;
    for (&step, &people) in Figure::FUNNEL.iter().zip(&funnel_counts) {
        funnel.push(FunnelStep {
            step,
            people,
            drop: previous.map(|p: i64| p - people).unwrap_or(0),
        });
        previous = Some(people);
    }
    let targets = match filter.target_scope() {
        Some((scope, value)) => {
            let rows = targets::Entity::find()
                .filter(targets::Column::Year.eq(filter.year))
                .filter(targets::Column::ScopeKind.eq(scope.as_str()))
                .filter(targets::Column::ScopeValue.eq(value))
                .all(db)
                .await?;
            // Progress is against the whole year to date, whatever the period shown.
            let year_kpis = if rows.is_empty() || filter.period == Default::default() {
                kpis.clone()
            } else {
                let whole = KpiFilter {
                    period: Default::default(),
                    ..filter.clone()
                };
                count(db, &Cohort::new(whole)).await?.0
            };
            progress_rows(db, rows, &year_kpis).await?
        }
        None => Vec::new(),
    };
    let breakdowns = breakdowns(db, &cohort, passes).await?;
    Ok(Dashboard {
        from: cohort.from,
        through: cohort.through,
        kpis,
        funnel,
        breakdowns,
        targets,
        locked_town: policy::town_scope(actor),
        years: (FIRST_YEAR..=today().year()).rev().collect(),
        towns: crate::catalogue::town_options(db).await?,
        providers: providers(db).await?,
        can_set_targets: policy::authorize(actor, Operation::ManageTargets).is_ok(),
        filter,
    })
}

/// What the passes over the facts found.
struct Passes {
    town: Vec<Counted>,
    month: Vec<Counted>,
    programme: Vec<Counted>,
    industry: Vec<Counted>,
}

/// The main figures by month, town, programme and industry, every group listed (zeros
/// included) so the charts compare like with like.
async fn breakdowns(
    db: &impl ConnectionTrait,
    cohort: &Cohort,
    passes: Passes,
) -> DomainResult<Vec<Breakdown>> {
    let f = &cohort.filter;
    let row = |key: String, v: [i64; 4]| BreakdownRow {
        key,
        trained: v[0],
        completed: v[1],
        certified: v[2],
        working: v[3],
    };
    // A group's four values, summed over its rows (a town's villages).
    let main = |found: Vec<Counted>, columns: [usize; 4]| {
        let mut sums = std::collections::HashMap::<String, [i64; 4]>::new();
        for r in found {
            let s = sums.entry(r.g).or_default();
            for (a, &c) in s.iter_mut().zip(&columns) {
                *a += r.values.get(c).copied().unwrap_or(0);
            }
        }
        sums
    };
    let four = [0, 1, 2, 3];
    let filled = |keys: Vec<String>, found: std::collections::HashMap<String, [i64; 4]>| {
        keys.into_iter()
            .map(|k| {
                let v = found.get(&k).copied().unwrap_or_default();
                row(k, v)
            })
            .collect::<Vec<_>>()
    };
    let (first, last) = (cohort.from.month(), cohort.through.month());
    let months: Vec<String> = if cohort.through < cohort.from {
        Vec::new()
    } else {
        (first..=last).map(|m| m.to_string()).collect()
    };
    let by_month = filled(months, main(passes.month, four));
    let towns: Vec<String> = match f.town {
        Some(t) => vec![t.to_string()],
        None => towns::Entity::find()
            .order_by_asc(towns::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.id.to_string())
            .collect(),
    };
    let column = |f: Figure| Figure::ALL.iter().position(|&x| x == f).unwrap_or(0);
    let working = sum_index("working_any");
    let town_values = main(
        passes.town,
        [
            column(Figure::Trained),
            column(Figure::Completed),
            column(Figure::Certified),
            working,
        ],
    );
    let mut by_town = filled(towns, town_values);
    by_town.sort_by_key(|r| std::cmp::Reverse(r.trained));
    let programmes: Vec<String> = match f.programme {
        Some(p) => vec![p.as_str().to_string()],
        None => Programme::ALL
            .iter()
            .map(|p| p.as_str().to_string())
            .collect(),
    };
    let by_programme = filled(programmes, main(passes.programme, four));
    let industries: Vec<String> = Industry::ALL
        .iter()
        .filter(|&&i| f.industry.is_none_or(|x| x == i))
        .map(|i| i.as_str().to_string())
        .collect();
    let by_industry = filled(industries, main(passes.industry, four));
    Ok(vec![
        Breakdown {
            by: BreakdownBy::Month,
            rows: by_month,
        },
        Breakdown {
            by: BreakdownBy::Town,
            rows: by_town,
        },
        Breakdown {
            by: BreakdownBy::Programme,
            rows: by_programme,
        },
        Breakdown {
            by: BreakdownBy::Industry,
            rows: by_industry,
        },
    ])
}

/// Targets with how far each has come, given the figures of their scope.
async fn progress_rows(
    db: &impl ConnectionTrait,
    rows: Vec<targets::Model>,
    kpis: &Kpis,
) -> DomainResult<Vec<TargetProgress>> {
    let names = crate::towns::names(db).await?;
    let mut out: Vec<TargetProgress> = rows
        .into_iter()
        .filter_map(|t| crate::targets::progress_row(t, &names, kpis))
        .collect();
    out.sort_by_key(|t| TargetKpi::ALL.iter().position(|k| *k == t.kpi));
    Ok(out)
}

/// How many people a figure counts for the cohort.
async fn person_count(
    db: &impl ConnectionTrait,
    cohort: &Cohort,
    figure: Figure,
) -> DomainResult<u64> {
    let mut sql = Sql::new(db.get_database_backend());
    cohort.with(&mut sql, Group::Town, None, false, None);
    sql.push("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM f WHERE ")
        .push(condition(figure));
    Ok(db
        .query_one_raw(sql.statement())
        .await?
        .map(|r| get(&r, "n"))
        .transpose()?
        .unwrap_or(0) as u64)
}

/// The people a figure counts, by name (and, with `counted`, how many they are on each row),
/// for [`person`]; the caller adds any limit.
fn person_select(db: &impl ConnectionTrait, cohort: &Cohort, figure: Figure, counted: bool) -> Sql {
    let mut sql = Sql::new(db.get_database_backend());
    cohort.with(&mut sql, Group::Town, None, false, None);
    sql.push("SELECT t.id AS id, t.name AS name, t.town_id AS town_id, t.village AS village, ")
        .push("CAST(f.seats AS BIGINT) AS seats, CAST(f.done AS BIGINT) AS done, ")
        .push("CAST(f.cert AS BIGINT) AS cert, f.kind AS kind, CAST(f.jobs AS BIGINT) AS jobs ");
    if counted {
        sql.push(", CAST(COUNT(*) OVER () AS BIGINT) AS total ");
    }
    sql.push("FROM f JOIN trainees t ON t.id = f.tid WHERE ")
        .push(condition(figure))
        .push(" ORDER BY t.name, t.id");
    sql
}

/// One row of [`person_select`], with its town's name from `towns`.
fn person(r: &QueryResult, towns: &HashMap<i32, String>) -> DomainResult<FigurePerson> {
    let town: i32 = r.try_get("", "town_id")?;
    let kind: Option<String> = r.try_get("", "kind")?;
    Ok(FigurePerson {
        trainee_id: r.try_get("", "id")?,
        name: r.try_get("", "name")?,
        town: towns.get(&town).cloned().unwrap_or_default(),
        village: r.try_get("", "village")?,
        seats: get(r, "seats")?,
        completed: get(r, "done")? == 1,
        certified: get(r, "cert")? == 1,
        outcome: kind.as_deref().and_then(OutcomeKind::parse),
        jobs_created: get(r, "jobs")?,
    })
}

/// The people a figure counts, by name, `limit` from `offset`.
async fn person_rows(
    db: &impl ConnectionTrait,
    cohort: &Cohort,
    figure: Figure,
    limit: u64,
    offset: u64,
) -> DomainResult<Vec<FigurePerson>> {
    let mut sql = person_select(db, cohort, figure, false);
    sql.push(" LIMIT ")
        .bind(limit as i64)
        .push(" OFFSET ")
        .bind(offset as i64);
    let towns = crate::towns::names(db).await?;
    db.query_all_raw(sql.statement())
        .await?
        .iter()
        .map(|r| person(r, &towns))
        .collect()
}

/// A page of the people behind `figure` for the filters in `query`.
pub async fn people(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    figure: &str,
    page: Option<u64>,
) -> DomainResult<FigurePeople> {
    let filter = filter(db, actor, query).await?;
    let figure = Figure::parse(figure).ok_or(DomainError::field("figure", Msg::ErrChoose))?;
    refresh(db).await?;
    let cohort = Cohort::new(filter);
    let total = person_count(db, &cohort, figure).await?;
    let pages = total.div_ceil(PEOPLE_PER_PAGE).max(1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let rows = person_rows(
        db,
        &cohort,
        figure,
        PEOPLE_PER_PAGE,
        (page - 1) * PEOPLE_PER_PAGE,
    )
    .await?;
    Ok(FigurePeople {
        filter: cohort.filter,
        figure,
        from: cohort.from,
        through: cohort.through,
        total,
        page,
        pages,
        rows,
    })
}

/// An export's header block: its title, the period with its days, each filter by name, when
/// and by whom.
async fn filter_lines(
    db: &impl ConnectionTrait,
    title: String,
    cohort: &Cohort,
    actor: &Actor,
    locale: Locale,
) -> DomainResult<Vec<Vec<String>>> {
    let t = |m: Msg| locale.t(m).to_string();
    let f = &cohort.filter;
    let all = t(Msg::FilterAll);
    let town = match f.town {
        Some(id) => crate::catalogue::town_options(db)
            .await?
            .into_iter()
            .find(|o| o.id == id)
            .map(|o| match locale {
                Locale::En => o.name_en,
                Locale::ZhCn => o.name_zh,
            }),
        None => None,
    }
    .unwrap_or_else(|| all.clone());
    let provider = match f.provider {
        Some(id) => providers(db)
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| p.name),
        None => None,
    }
    .unwrap_or_else(|| all.clone());
    let (period_msg, n) = period_label(f.period);
    let period = match n {
        Some(n) => locale.fill(period_msg, n),
        None => t(period_msg),
    };
    Ok(vec![
        vec![title],
        vec![
            t(Msg::FieldPeriod),
            format!("{} {period} ({} – {})", f.year, cohort.from, cohort.through),
        ],
        vec![t(Msg::FilterTown), town],
        vec![
            t(Msg::FilterProgramme),
            f.programme
                .map(|p| t(p.label()))
                .unwrap_or_else(|| all.clone()),
        ],
        vec![
            t(Msg::FilterIndustry),
            f.industry
                .map(|i| t(i.label()))
                .unwrap_or_else(|| all.clone()),
        ],
        vec![t(Msg::FieldProvider), provider],
        vec![t(Msg::ExportedAt), format_time(chrono::Utc::now())],
        vec![t(Msg::ExportedBy), sheets::who(actor)],
    ])
}

/// Everyone behind a figure (not a page of them) as .xlsx or CSV, headed by the figure and its
/// filters; audited. The file is written while it is sent, from one query, so any number of
/// people are exported without being held in memory; .xlsx has a limit of rows of its own
/// (past it, CSV or a narrower period is asked for).
pub async fn export_people(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    figure: &str,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    let filter = filter(db, actor, query).await?;
    let figure = Figure::parse(figure).ok_or(DomainError::field("figure", Msg::ErrChoose))?;
    refresh(db).await?;
    let cohort = Cohort::new(filter);
    let t = |m: Msg| locale.t(m).to_string();
    let preamble = filter_lines(db, t(figure.label()), &cohort, actor, locale).await?;
    let total = person_count(db, &cohort, figure).await?;
    // Above the people: the preamble, their count, an empty row and the column names.
    let above = preamble.len() as u64 + 3;
    if format == ExportFormat::Xlsx && total + above > sheets::XLSX_MAX_ROWS {
        return Err(DomainError::field("period", Msg::ErrExportTooLargeForXlsx));
    }
    let towns = crate::towns::names(db).await?;
    audit::record(
        db,
        actor,
        Event {
            action: AuditAction::DashboardPeopleExported,
            entity: AuditRecord::Dashboard,
            entity_id: None,
            detail: Some(serde_json::json!({
                "filter": cohort.filter.query(), "figure": figure, "rows": total,
                "format": format.extension(),
            })),
        },
    )
    .await?;
    let header = vec![
        t(Msg::ColPerson),
        t(Msg::ColTown),
        t(Msg::ColSeats),
        t(Msg::ColCompleted),
        t(Msg::ColCertified),
        t(Msg::ColOutcome),
        t(Msg::KpiJobsCreatedPeople),
    ];
    let title = format!("{}{}", t(figure.label()), cohort.filter.year);
    let (pieces, bytes) = sheets::stream(format, title.clone(), header);
    let statement = person_select(db, &cohort, figure, true).statement();
    let (db, feed) = (db.clone(), pieces.clone());
    sheets::spawn_feed("dashboard people", pieces, async move {
        send_people(&db, statement, &towns, preamble, locale, &feed).await
    });
    Ok(Download {
        file_name: format!("{title}-{}.{}", today(), format.extension()),
        content_type: format.content_type(),
        body: DownloadBody::Streamed(bytes),
    })
}

/// Reads [`person_select`]'s rows from one cursor and sends them to the export's writer: the
/// lines on top with how many people there are (counted by the same query, so the number
/// matches the rows below it), the people in batches, then the end.
async fn send_people(
    db: &DatabaseConnection,
    statement: Statement,
    towns: &HashMap<i32, String>,
    preamble: Vec<Vec<String>>,
    locale: Locale,
    pieces: &tokio::sync::mpsc::Sender<sheets::Piece>,
) -> DomainResult<()> {
    use futures_util::StreamExt;
    use sea_orm::StreamTrait;
    let t = |m: Msg| locale.t(m).to_string();
    let yes = |b: bool| if b { t(Msg::Yes) } else { String::new() };
    let mut rows = db.stream_raw(statement).await?;
    let mut top = Some(preamble);
    let mut batches = sheets::Batches::new(pieces);
    loop {
        let next = rows.next().await.transpose()?;
        if let Some(mut lines) = top.take() {
            let total = next.as_ref().map(|r| get(r, "total")).transpose()?;
            lines.insert(
                1,
                vec![locale.fill(Msg::FigurePeopleTitle, total.unwrap_or(0))],
            );
            sheets::send(pieces, sheets::Piece::Top(lines)).await?;
        }
        let Some(r) = next else { break };
        let p = person(&r, towns)?;
        batches
            .push(vec![
                p.name.clone(),
                p.place(),
                p.seats.to_string(),
                yes(p.completed),
                yes(p.certified),
                p.outcome.map(|k| t(k.label())).unwrap_or_default(),
                p.jobs_created.to_string(),
            ])
            .await?;
    }
    batches.end().await
}

/// The whole KPI report for the filters — the figures, the funnel and the targets — as .xlsx
/// or CSV, headed by what it is, its filters, and when and by whom it was exported; audited.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &DashboardQuery,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    let d = dashboard(db, actor, query).await?;
    let t = |m: Msg| locale.t(m).to_string();
    let f = &d.filter;
    let preamble = filter_lines(
        db,
        t(Msg::DashboardTitle),
        &Cohort::new(f.clone()),
        actor,
        locale,
    )
    .await?;
    let header = [t(Msg::FieldKpi), t(Msg::ColValue), t(Msg::ColMadeOf)];
    let k = &d.kpis;
    let of = |r: Ratio| format!("{} / {}", r.num, r.den);
    let n = |v: i64| v.to_string();
    let mut rows = vec![
        vec![t(Msg::KpiSignedUp), n(k.signed_up), String::new()],
        vec![t(Msg::KpiTrained), n(k.trained), String::new()],
        vec![t(Msg::KpiAttendances), n(k.attendances), String::new()],
        vec![
            t(Msg::KpiCompletion),
            k.completion.shown(),
            of(k.completion),
        ],
        vec![t(Msg::KpiPass), k.pass.shown(), of(k.pass)],
        vec![t(Msg::KpiCompletedPeople), n(k.completed), String::new()],
        vec![t(Msg::KpiCertified), n(k.certified), String::new()],
        vec![t(Msg::KpiEmployed), n(k.employed.num), String::new()],
        vec![
            t(Msg::KpiEmploymentRate),
            k.employed.shown(),
            of(k.employed),
        ],
        vec![t(Msg::KpiBusiness), n(k.business.num), String::new()],
        vec![t(Msg::KpiBusinessRate), k.business.shown(), of(k.business)],
        vec![t(Msg::KpiShops), n(k.shops), String::new()],
        vec![t(Msg::KpiHosts), n(k.hosts), String::new()],
        vec![
            t(Msg::KpiJobsCreatedPeople),
            n(k.jobs_created),
            String::new(),
        ],
        vec![
            t(Msg::KpiLeaders),
            n(k.leaders),
            locale.fill(Msg::KpiLeaderVillages, k.leader_villages),
        ],
        vec![t(Msg::KpiPlaced), n(k.placed), String::new()],
        vec![t(Msg::KpiFollowUps), k.follow_ups.shown(), of(k.follow_ups)],
        Vec::new(),
        vec![
            t(Msg::FunnelTitle),
            t(Msg::FunnelPeople),
            t(Msg::FunnelDrop),
        ],
    ];
    for s in &d.funnel {
        rows.push(vec![t(s.step.label()), n(s.people), n(s.drop)]);
    }
    if !d.targets.is_empty() {
        rows.push(Vec::new());
        rows.push(vec![
            t(Msg::TargetsForScope),
            t(Msg::ColActual),
            t(Msg::ColTarget),
        ]);
        for r in &d.targets {
            rows.push(vec![
                t(r.kpi.label()),
                n(r.actual),
                format!("{} ({})", r.target, r.progress.shown()),
            ]);
        }
    }
    // The charts' tables: people by month, town, programme and industry.
    for b in &d.breakdowns {
        rows.push(Vec::new());
        rows.push(vec![
            t(b.by.title()),
            t(Msg::KpiTrained),
            t(Msg::KpiCompletedPeople),
            t(Msg::KpiCertified),
            t(Msg::ChartWorking),
        ]);
        for r in &b.rows {
            rows.push(vec![
                group_label(locale, b.by, &r.key, &d.towns),
                n(r.trained),
                n(r.completed),
                n(r.certified),
                n(r.working),
            ]);
        }
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let title = format!("{}{}", t(Msg::DashboardTitle), f.year);
    let bytes = match format {
        ExportFormat::Xlsx => sheets::write_xlsx_with(&title, &preamble, &header, &rows)?,
        ExportFormat::Csv => sheets::write_csv_with(&preamble, &header, &rows),
    };
    audit::record(
        db,
        actor,
        Event {
            action: AuditAction::DashboardExported,
            entity: AuditRecord::Dashboard,
            entity_id: None,
            detail: Some(serde_json::json!({
                "filter": f.query(), "format": format.extension(),
            })),
        },
    )
    .await?;
    Ok(Download {
        file_name: format!("{title}-{}.{}", d.through, format.extension()),
        content_type: format.content_type(),
        body: DownloadBody::Whole(bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_bind_in_order_for_each_database() {
        let filter = KpiFilter {
            town: Some(3),
            industry: Some(model::catalogue::Industry::FarmProduce),
            ..KpiFilter::year(2025)
        };
        let cohort = Cohort::new(filter);
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let mut sql = Sql::new(backend);
            cohort.with(&mut sql, Group::Town, None, true, None);
            let n = sql.values.len();
            let marks = match backend {
                DbBackend::Postgres => (1..=n)
                    .filter(|i| sql.text.contains(&format!("${i}")))
                    .count(),
                _ => sql.text.matches('?').count(),
            };
            assert_eq!(marks, n, "{backend:?}");
            assert!(sql.text.contains("x.town_id = "));
            assert!(!sql.text.contains("x.programme = "));
        }
        assert_eq!(codes(["a", "b"]), "('a', 'b')");
    }
}
