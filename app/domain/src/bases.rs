//! A base's yearly KPIs and the events it held. The figures are computed from the records —
//! placements, places, outcomes and events — each time they are asked for, so they always
//! agree with the lists behind them (the report lists every placement with how it counted).
//!
//! For a year Y, counted from 1 January to 31 December (to today in the current year):
//! - in incubation: placements that held a place on at least one day of the year;
//! - new entrants: placements that started in the year;
//! - incubation success: incubation and livestream-room placements whose first year was up
//!   during Y; a success when the person did not leave before then and their latest outcome
//!   (by the end of Y, dated after they started) is a business, self-employment, an online
//!   shop or livestream work;
//! - on-schedule graduation: placements that ended in Y; on schedule when graduated no later
//!   than the end of their place's period;
//! - place utilisation: place-days held by placements (the day one leaves is free again) of
//!   place-days offered (capacity × days of each place's period), both within Y;
//! - jobs created: by the people in incubation in Y, from each one's latest outcome by the end
//!   of Y if recorded after they started at the base (a person placed at two bases counts at
//!   each, once in the total);
//! - events: events held in Y, and the people who came.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::codes;
use crate::entities::{base_events, organisations, outcomes, placements, places, trainees, users};
use crate::local_time::today;
use crate::policy::{self, Operation, OrgScope};
use crate::rosters::{Download, ExportFormat};
use crate::{Actor, DomainError, DomainResult};
use chrono::{Datelike, Months, NaiveDate, Utc};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::bases::{
    BaseEventInput, BaseEventRow, BaseKpiList, BaseKpis, BaseReport, CountedPlacement, FIRST_YEAR,
    Ratio, parse_year,
};
use model::enums::{OrganisationStatus, OutcomeKind, PlacementKind, PlacementStatus};
use model::form::{FormInput, push_error};
use model::i18n::{Locale, Msg};
use model::partners::hosts_placements;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::{HashMap, HashSet};

/// Placements that held a place at some time.
const STARTED: [PlacementStatus; 4] = [
    PlacementStatus::Accepted,
    PlacementStatus::Active,
    PlacementStatus::Graduated,
    PlacementStatus::Left,
];

/// Outcomes that mean the person runs a business of their own.
const OPERATING: [OutcomeKind; 4] = [
    OutcomeKind::SelfEmployed,
    OutcomeKind::BusinessStarted,
    OutcomeKind::OnlineStore,
    OutcomeKind::LivestreamHost,
];

/// The period of a year that counts: 1 January to 31 December, or to today.
fn period(year: i32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
    let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year");
    (from, end.min(today()))
}

/// The year asked for, or the current one; years before [`FIRST_YEAR`] or after this one are
/// refused.
fn check_year(year: Option<i32>) -> DomainResult<i32> {
    let current = today().year();
    match year {
        None => Ok(current),
        Some(y) if (FIRST_YEAR..=current).contains(&y) => Ok(y),
        Some(_) => Err(DomainError::field("year", Msg::ErrYearOutOfRange)),
    }
}

/// The year as typed in a query (`?year=`): empty for the current year, anything that is not
/// a year in range refused at the field.
pub fn year_param(text: &str) -> DomainResult<Option<i32>> {
    parse_year(text, today().year()).map_err(|m| DomainError::field("year", m))
}

fn years() -> Vec<i32> {
    (FIRST_YEAR..=today().year()).rev().collect()
}

/// Days from `a` to `b`, both included (0 when `b` is before `a`).
fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    ((b - a).num_days() + 1).max(0)
}

/// A placement as the figures see it.
#[derive(Clone, Debug)]
pub(crate) struct Stay {
    pub id: i32,
    pub organisation_id: i32,
    pub trainee_id: i32,
    pub place_id: Option<i32>,
    pub kind: PlacementKind,
    pub status: PlacementStatus,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// A place's offer: how many, over which days.
#[derive(Clone, Debug)]
pub(crate) struct Offer {
    pub organisation_id: i32,
    pub capacity: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// A person's latest outcome by the end of the period.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Latest {
    pub as_of: NaiveDate,
    pub kind: OutcomeKind,
    pub jobs_created: i32,
}

/// How one stay counts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Counted {
    pub in_year: bool,
    pub new_entrant: bool,
    pub success: Option<bool>,
    pub on_schedule: Option<bool>,
    pub days: i64,
}

impl Counted {
    fn matters(&self) -> bool {
        self.in_year || self.new_entrant || self.success.is_some() || self.on_schedule.is_some()
    }
}

/// How `stay` counts in the period `from..=through`.
pub(crate) fn count(
    stay: &Stay,
    place: Option<&Offer>,
    latest: Option<&Latest>,
    from: NaiveDate,
    through: NaiveDate,
) -> Counted {
    let mut c = Counted {
        in_year: stay.start <= through && stay.end.is_none_or(|e| e >= from),
        new_entrant: (from..=through).contains(&stay.start),
        ..Counted::default()
    };
    if matches!(
        stay.kind,
        PlacementKind::Incubation | PlacementKind::LivestreamRoom
    ) && let Some(year_up) = stay.start.checked_add_months(Months::new(12))
        && (from..=through).contains(&year_up)
    {
        let left_early =
            stay.status == PlacementStatus::Left && stay.end.is_some_and(|e| e < year_up);
        let operating =
            latest.is_some_and(|l| l.as_of >= stay.start && OPERATING.contains(&l.kind));
        c.success = Some(!left_early && operating);
    }
    if matches!(
        stay.status,
        PlacementStatus::Graduated | PlacementStatus::Left
    ) && let Some(end) = stay.end
        && (from..=through).contains(&end)
    {
        c.on_schedule = Some(
            stay.status == PlacementStatus::Graduated && place.is_none_or(|p| end <= p.ends_on),
        );
    }
    if let Some(p) = place {
        // Held from the first day to the day before leaving, within the place's period and
        // the year.
        let first = stay.start.max(p.starts_on).max(from);
        let last = stay
            .end
            .map_or(through, |e| e.pred_opt().unwrap_or(e))
            .min(p.ends_on)
            .min(through);
        c.days = days(first, last);
    }
    c
}

/// Place-days a place offers in the period.
pub(crate) fn offered(place: &Offer, from: NaiveDate, through: NaiveDate) -> i64 {
    i64::from(place.capacity) * days(place.starts_on.max(from), place.ends_on.min(through))
}

/// Everything the figures of `orgs` need for the period.
struct Facts {
    stays: Vec<Stay>,
    offers: HashMap<i32, Offer>,
    latest: HashMap<i32, Latest>,
    /// (events, participants) per base.
    events: HashMap<i32, (i64, i64)>,
}

async fn load(
    db: &impl ConnectionTrait,
    orgs: &[i32],
    from: NaiveDate,
    through: NaiveDate,
) -> DomainResult<Facts> {
    let stays: Vec<Stay> = placements::Entity::find()
        .filter(placements::Column::OrganisationId.is_in(orgs.iter().copied()))
        .filter(placements::Column::Status.is_in(codes(STARTED)))
        .filter(placements::Column::StartDate.lte(through))
        .order_by_asc(placements::Column::StartDate)
        .order_by_asc(placements::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| {
            Some(Stay {
                id: p.id,
                organisation_id: p.organisation_id,
                trainee_id: p.trainee_id,
                place_id: p.place_id,
                kind: *p.kind,
                status: *p.status,
                start: p.start_date?,
                end: p.end_date,
            })
        })
        .collect();
    let offers = places::Entity::find()
        .filter(places::Column::OrganisationId.is_in(orgs.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.id,
                Offer {
                    organisation_id: p.organisation_id,
                    capacity: p.capacity,
                    starts_on: p.starts_on,
                    ends_on: p.ends_on,
                },
            )
        })
        .collect();
    // The placed people's outcomes: corrections replace what they supersede; the latest by
    // the end of the period counts.
    let placed = Query::select()
        .column(placements::Column::TraineeId)
        .from(placements::Entity)
        .and_where(placements::Column::OrganisationId.is_in(orgs.iter().copied()))
        .and_where(placements::Column::Status.is_in(codes(STARTED)))
        .and_where(placements::Column::StartDate.lte(through))
        .to_owned();
    let rows = outcomes::Entity::find()
        .filter(outcomes::Column::TraineeId.in_subquery(placed))
        .order_by_asc(outcomes::Column::AsOf)
        .order_by_asc(outcomes::Column::Id)
        .all(db)
        .await?;
    let superseded: HashSet<i32> = rows.iter().filter_map(|o| o.supersedes_id).collect();
    let mut latest = HashMap::new();
    for o in rows
        .iter()
        .filter(|o| o.as_of <= through && !superseded.contains(&o.id))
    {
        latest.insert(
            o.trainee_id,
            Latest {
                as_of: o.as_of,
                kind: *o.kind,
                jobs_created: o.jobs_created,
            },
        );
    }
    let mut events = HashMap::new();
    for e in base_events::Entity::find()
        .filter(base_events::Column::OrganisationId.is_in(orgs.iter().copied()))
        .filter(base_events::Column::HeldOn.between(from, through))
        .all(db)
        .await?
    {
        let entry: &mut (i64, i64) = events.entry(e.organisation_id).or_default();
        entry.0 += 1;
        entry.1 += i64::from(e.participants);
    }
    Ok(Facts {
        stays,
        offers,
        latest,
        events,
    })
}

/// One base's figures from the facts, with how each of its stays counted (and the person's
/// jobs created, on their first row), and the people in incubation in the year with the day
/// they first started at the base.
#[allow(clippy::type_complexity)]
fn figures(
    facts: &Facts,
    org: &organisations::Model,
    town: String,
    from: NaiveDate,
    through: NaiveDate,
) -> (BaseKpis, Vec<(Stay, Counted, i64)>, HashMap<i32, NaiveDate>) {
    let mut k = BaseKpis {
        organisation_id: org.id,
        base: org.name.clone(),
        kind: Some(*org.kind),
        town,
        ..BaseKpis::default()
    };
    let offered_days: i64 = facts
        .offers
        .values()
        .filter(|p| p.organisation_id == org.id)
        .map(|p| offered(p, from, through))
        .sum();
    let mut held_days = 0;
    // Stays come in order of their start: the first seen is the earliest.
    let mut first_start: HashMap<i32, NaiveDate> = HashMap::new();
    let mut people: HashMap<i32, NaiveDate> = HashMap::new();
    let mut rows = Vec::new();
    for stay in facts.stays.iter().filter(|s| s.organisation_id == org.id) {
        let started = *first_start.entry(stay.trainee_id).or_insert(stay.start);
        let place = stay.place_id.and_then(|id| facts.offers.get(&id));
        let c = count(
            stay,
            place,
            facts.latest.get(&stay.trainee_id),
            from,
            through,
        );
        k.in_incubation += i64::from(c.in_year);
        k.new_entrants += i64::from(c.new_entrant);
        if let Some(ok) = c.success {
            k.success = k.success + Ratio::one(ok);
        }
        if let Some(ok) = c.on_schedule {
            k.on_schedule = k.on_schedule + Ratio::one(ok);
        }
        held_days += c.days;
        let mut jobs = 0;
        if c.in_year && !people.contains_key(&stay.trainee_id) {
            people.insert(stay.trainee_id, started);
            jobs = jobs_of(facts, stay.trainee_id, started);
            k.jobs_created += jobs;
        }
        if c.matters() {
            rows.push((stay.clone(), c, jobs));
        }
    }
    k.utilisation = Ratio {
        num: held_days,
        den: offered_days,
    };
    let (events, participants) = facts.events.get(&org.id).copied().unwrap_or_default();
    k.events = events;
    k.participants = participants;
    (k, rows, people)
}

/// The jobs a person created by the end of the period, from their latest outcome if it was
/// recorded after `started`.
fn jobs_of(facts: &Facts, trainee: i32, started: NaiveDate) -> i64 {
    facts
        .latest
        .get(&trainee)
        .filter(|l| l.as_of >= started)
        .map_or(0, |l| i64::from(l.jobs_created))
}

/// The bases the actor may see KPIs of: bases hosting placements, approved or suspended (a
/// suspended base's past still counts); for base staff only their own.
async fn visible_bases(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> DomainResult<Vec<organisations::Model>> {
    let scope = policy::org_scope(actor, Operation::ViewBaseKpis)?;
    let mut select =
        organisations::Entity::find().filter(organisations::Column::Status.is_in(codes([
            OrganisationStatus::Approved,
            OrganisationStatus::Suspended,
        ])));
    if let OrgScope::Own(org) = scope {
        select = select.filter(organisations::Column::Id.eq(org));
    }
    let bases: Vec<_> = select
        .order_by_asc(organisations::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| hosts_placements(*o.kind))
        .collect();
    if matches!(scope, OrgScope::Own(_)) && bases.is_empty() {
        return Err(DomainError::Forbidden);
    }
    Ok(bases)
}

/// Every visible base's KPIs for the year (the current year when none is given).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    year: Option<i32>,
) -> DomainResult<BaseKpiList> {
    let bases = visible_bases(db, actor).await?;
    let year = check_year(year)?;
    let (from, through) = period(year);
    let ids: Vec<i32> = bases.iter().map(|o| o.id).collect();
    let facts = load(db, &ids, from, through).await?;
    let towns = crate::towns::names(db).await?;
    let mut total = BaseKpis::default();
    // A person placed at two bases counts at each, and once in the total.
    let mut everyone: HashMap<i32, NaiveDate> = HashMap::new();
    let rows: Vec<BaseKpis> = bases
        .iter()
        .map(|o| {
            let town = o
                .town_id
                .and_then(|t| towns.get(&t).cloned())
                .unwrap_or_default();
            let (k, _, people) = figures(&facts, o, town, from, through);
            for (trainee, started) in people {
                let first = everyone.entry(trainee).or_insert(started);
                *first = (*first).min(started);
            }
            total.add(&k);
            k
        })
        .collect();
    total.jobs_created = everyone
        .iter()
        .map(|(trainee, started)| jobs_of(&facts, *trainee, *started))
        .sum();
    Ok(BaseKpiList {
        year,
        years: years(),
        through,
        rows,
        total,
    })
}

/// Every visible base's KPIs for the year as a spreadsheet (.xlsx or CSV), with the total row;
/// audited.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    year: Option<i32>,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    let list = list(db, actor, year).await?;
    let header: Vec<&str> = [
        Msg::ColBase,
        Msg::FilterTown,
        Msg::KpiInIncubation,
        Msg::KpiNewEntrants,
        Msg::KpiSuccess,
        Msg::ColSuccessOf,
        Msg::KpiOnSchedule,
        Msg::ColOnScheduleOf,
        Msg::KpiUtilisation,
        Msg::ColPlaceDaysOf,
        Msg::KpiJobsCreated,
        Msg::KpiEvents,
        Msg::KpiParticipants,
    ]
    .iter()
    .map(|m| locale.t(*m))
    .collect();
    let line = |k: &BaseKpis, name: String| {
        let of = |r: Ratio| format!("{} / {}", r.num, r.den);
        vec![
            name,
            k.town.clone(),
            k.in_incubation.to_string(),
            k.new_entrants.to_string(),
            k.success.shown(),
            of(k.success),
            k.on_schedule.shown(),
            of(k.on_schedule),
            k.utilisation.shown(),
            of(k.utilisation),
            k.jobs_created.to_string(),
            k.events.to_string(),
            k.participants.to_string(),
        ]
    };
    let mut cells: Vec<Vec<String>> = list.rows.iter().map(|k| line(k, k.base.clone())).collect();
    cells.push(line(&list.total, locale.t(Msg::KpiTotal).to_string()));
    let title = format!("{}{}", locale.t(Msg::BaseKpisTitle), list.year);
    let bytes = format.write(&title, &header, &cells)?;
    audit::record(
        db,
        actor,
        Event {
            action: AuditAction::BaseKpisExported,
            entity: AuditRecord::BaseKpis,
            entity_id: None,
            detail: Some(serde_json::json!({
                "year": list.year, "bases": list.rows.len(), "format": format.extension(),
            })),
        },
    )
    .await?;
    Ok(Download::whole(
        &format!("{title}-{}", list.through),
        format,
        bytes,
    ))
}

/// A base the actor may see, or `NotFound`.
async fn visible_base(
    db: &impl ConnectionTrait,
    actor: &Actor,
    org_id: i32,
) -> DomainResult<organisations::Model> {
    let scope = policy::org_scope(actor, Operation::ViewBaseKpis)?;
    organisations::Entity::find_by_id(org_id)
        .one(db)
        .await?
        .filter(|o| {
            scope.includes(o.id)
                && hosts_placements(*o.kind)
                && matches!(
                    *o.status,
                    OrganisationStatus::Approved | OrganisationStatus::Suspended
                )
        })
        .ok_or(DomainError::NotFound)
}

/// One base's KPIs for the year with the placements and events behind them.
pub async fn report(
    db: &DatabaseConnection,
    actor: &Actor,
    org_id: i32,
    year: Option<i32>,
) -> DomainResult<BaseReport> {
    let org = visible_base(db, actor, org_id).await?;
    let year = check_year(year)?;
    let (from, through) = period(year);
    let facts = load(db, &[org.id], from, through).await?;
    let towns = crate::towns::names(db).await?;
    let town = org
        .town_id
        .and_then(|t| towns.get(&t).cloned())
        .unwrap_or_default();
    let (kpis, rows, _) = figures(&facts, &org, town, from, through);
    let people: HashMap<i32, String> = trainees::Entity::find()
        .filter(trainees::Column::Id.is_in(rows.iter().map(|r| r.0.trainee_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let titles: HashMap<i32, String> = places::Entity::find()
        .filter(places::Column::OrganisationId.eq(org.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let placements = rows
        .into_iter()
        .map(|(s, c, jobs)| CountedPlacement {
            id: s.id,
            trainee_id: s.trainee_id,
            person: people.get(&s.trainee_id).cloned().unwrap_or_default(),
            place: s
                .place_id
                .and_then(|p| titles.get(&p).cloned())
                .unwrap_or_default(),
            kind: s.kind,
            status: s.status,
            start_date: s.start,
            end_date: s.end,
            new_entrant: c.new_entrant,
            success: c.success,
            on_schedule: c.on_schedule,
            days: c.days,
            jobs_created: jobs,
        })
        .collect();
    let events = events_of(db, org.id, from, through).await?;
    let can_record =
        policy::authorize_for_org(actor, Operation::RecordBaseEvents, facts_of(&org)).is_ok();
    Ok(BaseReport {
        year,
        years: years(),
        through,
        kpis,
        placements,
        events,
        can_record,
    })
}

fn facts_of(org: &organisations::Model) -> policy::OrgFacts {
    policy::OrgFacts {
        id: org.id,
        kind: *org.kind,
        status: *org.status,
    }
}

async fn events_of(
    db: &impl ConnectionTrait,
    org: i32,
    from: NaiveDate,
    through: NaiveDate,
) -> DomainResult<Vec<BaseEventRow>> {
    let rows = base_events::Entity::find()
        .filter(base_events::Column::OrganisationId.eq(org))
        .filter(base_events::Column::HeldOn.between(from, through))
        .order_by_desc(base_events::Column::HeldOn)
        .order_by_desc(base_events::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(rows.iter().map(|e| e.created_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name.unwrap_or_default()))
        .collect();
    Ok(rows
        .into_iter()
        .map(|e| BaseEventRow {
            id: e.id,
            held_on: e.held_on,
            kind: *e.kind,
            title: e.title,
            participants: e.participants,
            notes: e.notes,
            recorded_by: names.get(&e.created_by).cloned().unwrap_or_default(),
        })
        .collect())
}

/// May the actor record and remove `org_id`'s events? Another base's id is `NotFound`.
async fn recordable_base(
    db: &impl ConnectionTrait,
    actor: &Actor,
    org_id: i32,
) -> DomainResult<organisations::Model> {
    policy::authorize(actor, Operation::RecordBaseEvents)?;
    let org = organisations::Entity::find_by_id(org_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    policy::authorize_for_org(actor, Operation::RecordBaseEvents, facts_of(&org))?;
    if !hosts_placements(*org.kind) {
        return Err(DomainError::NotFound);
    }
    Ok(org)
}

/// Records an event the base held; returns its id.
pub async fn record_event(
    db: &DatabaseConnection,
    actor: &Actor,
    org_id: i32,
    input: BaseEventInput,
) -> DomainResult<i32> {
    let org = recordable_base(db, actor, org_id).await?;
    let mut errors = input.validate();
    if let Some(day) = input.held_on {
        if day > today() {
            push_error(&mut errors, "held_on", Msg::ErrDateInFuture);
        } else if day.year() < FIRST_YEAR {
            push_error(&mut errors, "held_on", Msg::ErrYearOutOfRange);
        }
    }
    DomainError::check(errors)?;
    let (Some(held_on), Some(kind), Some(participants)) =
        (input.held_on, input.kind, input.participants)
    else {
        return Err(DomainError::Conflict(Msg::ErrInvalidInput));
    };
    let notes = input.notes.trim();
    let txn = begin_write(db).await?;
    let row = base_events::ActiveModel {
        organisation_id: Set(org.id),
        held_on: Set(held_on),
        kind: Set(kind.into()),
        title: Set(input.title.trim().to_string()),
        participants: Set(participants),
        notes: Set((!notes.is_empty()).then(|| notes.to_string())),
        created_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::BaseEventRecorded,
            entity: AuditRecord::BaseEvent,
            entity_id: Some(row.id.to_string()),
            detail: Some(serde_json::json!({
                "organisation_id": org.id,
                "held_on": held_on,
                "kind": kind.as_str(),
                "participants": participants,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Removes an event recorded by mistake (audited with what it said).
pub async fn delete_event(
    db: &DatabaseConnection,
    actor: &Actor,
    org_id: i32,
    event_id: i32,
) -> DomainResult<()> {
    let org = recordable_base(db, actor, org_id).await?;
    let txn = begin_write(db).await?;
    let event = base_events::Entity::find_by_id(event_id)
        .one(&txn)
        .await?
        .filter(|e| e.organisation_id == org.id)
        .ok_or(DomainError::NotFound)?;
    base_events::Entity::delete_by_id(event.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::BaseEventDeleted,
            entity: AuditRecord::BaseEvent,
            entity_id: Some(event.id.to_string()),
            detail: Some(serde_json::json!({
                "organisation_id": org.id,
                "held_on": event.held_on,
                "kind": event.kind.as_str(),
                "title": event.title,
                "participants": event.participants,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn stay(kind: PlacementKind, status: PlacementStatus, start: &str, end: Option<&str>) -> Stay {
        Stay {
            id: 1,
            organisation_id: 1,
            trainee_id: 1,
            place_id: Some(1),
            kind,
            status,
            start: d(start),
            end: end.map(d),
        }
    }

    fn offer(capacity: i32, from: &str, to: &str) -> Offer {
        Offer {
            organisation_id: 1,
            capacity,
            starts_on: d(from),
            ends_on: d(to),
        }
    }

    #[test]
    fn a_year_is_counted_from_the_records() {
        let (from, through) = (d("2025-01-01"), d("2025-12-31"));
        let place = offer(2, "2024-07-01", "2025-06-30");
        // 181 days of 2025 in the period, 2 places.
        assert_eq!(offered(&place, from, through), 362);
        let business = Latest {
            as_of: d("2025-08-01"),
            kind: OutcomeKind::OnlineStore,
            jobs_created: 3,
        };
        // Started in 2024, a year up in March 2025, graduated on time, running a shop.
        let s = stay(
            PlacementKind::Incubation,
            PlacementStatus::Graduated,
            "2024-03-10",
            Some("2025-06-30"),
        );
        let c = count(&s, Some(&place), Some(&business), from, through);
        assert!(c.in_year && !c.new_entrant);
        assert_eq!(c.success, Some(true));
        assert_eq!(c.on_schedule, Some(true));
        // Held 1 January to 29 June: 180 days.
        assert_eq!(c.days, 180);
        // Left before the year was up: not a success, not on schedule.
        let s = stay(
            PlacementKind::Incubation,
            PlacementStatus::Left,
            "2024-05-01",
            Some("2025-02-01"),
        );
        let c = count(&s, Some(&place), Some(&business), from, through);
        assert_eq!(c.success, Some(false));
        assert_eq!(c.on_schedule, Some(false));
        assert_eq!(c.days, 31);
        // Graduated after the place's period: ended, but late.
        let s = stay(
            PlacementKind::Internship,
            PlacementStatus::Graduated,
            "2025-03-01",
            Some("2025-07-15"),
        );
        let c = count(&s, Some(&place), None, from, through);
        assert!(c.new_entrant);
        assert_eq!(c.success, None, "internships are not incubation");
        assert_eq!(c.on_schedule, Some(false));
        // Active, not a year in by the end: in incubation, nothing else.
        let s = stay(
            PlacementKind::LivestreamRoom,
            PlacementStatus::Active,
            "2025-06-01",
            None,
        );
        let c = count(&s, Some(&place), Some(&business), from, through);
        assert!(c.in_year && c.new_entrant);
        assert_eq!((c.success, c.on_schedule), (None, None));
        assert_eq!(c.days, 30);
        // An outcome from before the placement does not make it a success.
        let before = Latest {
            as_of: d("2024-01-15"),
            ..business
        };
        let s = stay(
            PlacementKind::Incubation,
            PlacementStatus::Active,
            "2024-09-01",
            None,
        );
        let c = count(&s, Some(&place), Some(&before), from, through);
        assert_eq!(c.success, Some(false));
        let employed = Latest {
            kind: OutcomeKind::Employed,
            ..business
        };
        let s = stay(
            PlacementKind::Incubation,
            PlacementStatus::Active,
            "2024-02-01",
            None,
        );
        let c = count(&s, Some(&place), Some(&employed), from, through);
        assert_eq!(c.success, Some(false), "a job is not a business");
        // Ended the year before: does not count at all.
        let s = stay(
            PlacementKind::Incubation,
            PlacementStatus::Graduated,
            "2023-01-01",
            Some("2023-12-31"),
        );
        assert!(!count(&s, None, None, from, through).matters());
    }
}
