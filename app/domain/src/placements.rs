//! Places, applications and placements: an incubation or livestream base, or an enterprise,
//! publishes places (incubation stations, livestream rooms, internships, jobs); a trainee applies
//! with a short statement; the base accepts (a placement with a start date and a station) or
//! rejects with a reason; a placement ends as graduated (出园/结业) or left.
//!
//! Places are never over-allocated: acceptance takes a place with a guarded UPDATE
//! (`taken < capacity`) in the same transaction as the placement's change, and ending a
//! placement gives it back. Applying takes the place row first (an UPDATE that changes nothing,
//! which locks it on PostgreSQL; SQLite write transactions are one at a time), so two clicks
//! cannot both pass the "applied already?" check.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::Coded;
use crate::entities::codes;
use crate::entities::{
    certificates, courses, enrollments, organisations, place_courses, placements, places, trainees,
};
use crate::local_time::{local_date, today};
use crate::partners::facts;
use crate::policy::{self, Operation, OrgScope};
use crate::trainees::own_row;
use crate::{Actor, DomainError, DomainResult};
use chrono::Utc;
use model::Role;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::{
    CertificateStatus, CourseStatus, EnrollmentStatus, OrganisationStatus, PlaceStatus,
    PlacementStatus,
};
use model::form::{FormInput, push_error};
use model::i18n::Msg;
use model::messages::MessageTemplate;
use model::placements::{
    ApplyInput, BaseCard, CourseRef, DecisionInput, EndInput, ManagedPlace, ManagedPlaceRow,
    ManagedPlaces, MyApplication, PlaceInput, PlacePage, PlaceSummary, PlacementList, PlacementRow,
    PublicPlaces, Support,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};

/// Applications and placements that hold or wait for a place: a second one for the same place
/// is refused.
const LIVE: [PlacementStatus; 3] = [
    PlacementStatus::Applied,
    PlacementStatus::Accepted,
    PlacementStatus::Active,
];

/// At most this many rows in a list.
const LIST_LIMIT: u64 = 500;

/// Courses that may be named as qualifying: approved and later.
const QUALIFYING_COURSE_STATUSES: [CourseStatus; 5] = [
    CourseStatus::Approved,
    CourseStatus::Open,
    CourseStatus::Running,
    CourseStatus::Finished,
    CourseStatus::Archived,
];

// ---- reading -----------------------------------------------------------------------------

/// Builds the summaries of `rows` with their bases, towns and qualifying courses.
async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<places::Model>,
) -> DomainResult<Vec<PlaceSummary>> {
    let org_ids: HashSet<i32> = rows.iter().map(|p| p.organisation_id).collect();
    let orgs: HashMap<i32, organisations::Model> = organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let towns = crate::towns::names(db).await?;
    let links = place_courses::Entity::find()
        .filter(place_courses::Column::PlaceId.is_in(rows.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let titles: HashMap<i32, String> = courses::Entity::find()
        .filter(courses::Column::Id.is_in(links.iter().map(|l| l.course_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let today = today();
    Ok(rows
        .into_iter()
        .filter_map(|p| {
            let org = orgs.get(&p.organisation_id)?;
            let courses = links
                .iter()
                .filter(|l| l.place_id == p.id)
                .map(|l| CourseRef {
                    id: l.course_id,
                    title: titles.get(&l.course_id).cloned().unwrap_or_default(),
                })
                .collect();
            Some(PlaceSummary {
                id: p.id,
                base_id: p.organisation_id,
                base: org.name.clone(),
                base_kind: *org.kind,
                town: org
                    .town_id
                    .and_then(|t| towns.get(&t).cloned())
                    .unwrap_or_default(),
                kind: *p.kind,
                title: p.title,
                description: p.description,
                requirements: p.requirements,
                support: Support::split(&p.support),
                capacity: p.capacity,
                left: std::cmp::max(p.capacity - p.taken, 0),
                starts_on: p.starts_on,
                ends_on: p.ends_on,
                requires_certificate: p.requires_certificate,
                courses,
                status: *p.status,
                taking_applications: p.status == PlaceStatus::Open
                    && p.ends_on >= today
                    && p.taken < p.capacity
                    && org.status == OrganisationStatus::Approved,
            })
        })
        .collect())
}

async fn summary(db: &impl ConnectionTrait, place: places::Model) -> DomainResult<PlaceSummary> {
    summaries(db, vec![place])
        .await?
        .pop()
        .ok_or(DomainError::NotFound)
}

/// The public page: approved bases with the places they have open now.
pub async fn public_places(db: &DatabaseConnection) -> DomainResult<PublicPlaces> {
    // Only approved bases' places, chosen in the query so that others do not use up the limit.
    let open = places::Entity::find()
        .filter(places::Column::Status.eq(PlaceStatus::Open.as_str()))
        .filter(places::Column::EndsOn.gte(today()))
        .filter(
            places::Column::OrganisationId.in_subquery(
                Query::select()
                    .column(organisations::Column::Id)
                    .from(organisations::Entity)
                    .and_where(
                        Expr::col(organisations::Column::Status)
                            .eq(OrganisationStatus::Approved.as_str()),
                    )
                    .to_owned(),
            ),
        )
        .order_by_asc(places::Column::OrganisationId)
        .order_by_asc(places::Column::StartsOn)
        .order_by_asc(places::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let mut bases: Vec<BaseCard> = Vec::new();
    let mut open_places = 0;
    for place in summaries(db, open).await? {
        if place.taking_applications {
            open_places += i64::from(place.left);
        }
        match bases.iter_mut().find(|b| b.id == place.base_id) {
            Some(base) => base.places.push(place),
            None => bases.push(BaseCard {
                id: place.base_id,
                name: place.base.clone(),
                kind: place.base_kind,
                town: place.town.clone(),
                places: vec![place],
            }),
        }
    }
    Ok(PublicPlaces { bases, open_places })
}

fn my_application(p: placements::Model, place: &str, base: &str) -> MyApplication {
    MyApplication {
        id: p.id,
        place_id: p.place_id,
        place: place.to_string(),
        base: base.to_string(),
        kind: *p.kind,
        status: *p.status,
        statement: p.statement,
        applied_on: local_date(p.applied_at),
        decision_reason: p.decision_reason,
        station: p.station,
        start_date: p.start_date,
        end_date: p.end_date,
        end_reason: p.end_reason,
    }
}

/// Why `trainee` may not apply for `place` now, if anything stands in the way.
async fn apply_block(
    db: &impl ConnectionTrait,
    place: &places::Model,
    base_status: OrganisationStatus,
    trainee: &trainees::Model,
) -> DomainResult<Option<Msg>> {
    if place.status != PlaceStatus::Open
        || place.ends_on < today()
        || base_status != OrganisationStatus::Approved
    {
        return Ok(Some(Msg::ErrPlaceClosed));
    }
    if place.taken >= place.capacity {
        return Ok(Some(Msg::ErrPlaceFull));
    }
    let live = placements::Entity::find()
        .filter(placements::Column::PlaceId.eq(place.id))
        .filter(placements::Column::TraineeId.eq(trainee.id))
        .filter(placements::Column::Status.is_in(codes(LIVE)))
        .count(db)
        .await?;
    if live > 0 {
        return Ok(Some(Msg::ErrAppliedAlready));
    }
    let courses: Vec<i32> = place_courses::Entity::find()
        .filter(place_courses::Column::PlaceId.eq(place.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.course_id)
        .collect();
    if place.requires_certificate {
        let mut held = certificates::Entity::find()
            .filter(certificates::Column::TraineeId.eq(trainee.id))
            .filter(certificates::Column::Status.eq(CertificateStatus::Valid.as_str()));
        if !courses.is_empty() {
            held = held.filter(certificates::Column::CourseId.is_in(courses));
        }
        if held.count(db).await? == 0 {
            return Ok(Some(Msg::ErrPlaceNeedsCertificate));
        }
    } else if !courses.is_empty() {
        let completed = enrollments::Entity::find()
            .filter(enrollments::Column::TraineeId.eq(trainee.id))
            .filter(enrollments::Column::CourseId.is_in(courses))
            .filter(enrollments::Column::Status.eq(EnrollmentStatus::Completed.as_str()))
            .count(db)
            .await?;
        if completed == 0 {
            return Ok(Some(Msg::ErrPlaceNeedsCourse));
        }
    }
    Ok(None)
}

/// A place's public page; for a trainee, their application and whether they may apply.
pub async fn place_page(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> DomainResult<PlacePage> {
    let place = places::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let base = facts(db, place.organisation_id).await?;
    let manages = match actor.role() {
        Some(Role::PartnerStaff) => actor.organisation_id() == Some(place.organisation_id),
        Some(Role::BureauAdmin | Role::BureauViewer) => true,
        _ => false,
    };
    // Others see a place only while its base is approved (a closed place says so).
    if !manages && base.status != OrganisationStatus::Approved {
        return Err(DomainError::NotFound);
    }
    let (mut mine, mut can_apply, mut blocked) = (None, false, None);
    if actor.role() == Some(Role::Trainee) {
        match own_row(db, actor).await? {
            None => blocked = Some(Msg::ErrProfileRequired),
            Some(trainee) => {
                blocked = apply_block(db, &place, base.status, &trainee).await?;
                can_apply = blocked.is_none();
                mine = placements::Entity::find()
                    .filter(placements::Column::PlaceId.eq(place.id))
                    .filter(placements::Column::TraineeId.eq(trainee.id))
                    .order_by_desc(placements::Column::Id)
                    .one(db)
                    .await?;
            }
        }
    }
    let summary = summary(db, place).await?;
    let mine = mine.map(|p| my_application(p, &summary.title, &summary.base));
    Ok(PlacePage {
        place: summary,
        mine,
        can_apply,
        blocked,
        manages,
    })
}

/// The signed-in trainee's applications and placements, newest first.
pub async fn my_applications(
    db: &DatabaseConnection,
    actor: &Actor,
) -> DomainResult<Vec<MyApplication>> {
    policy::authorize(actor, Operation::ApplyForPlace)?;
    let Some(trainee) = own_row(db, actor).await? else {
        return Ok(Vec::new());
    };
    let rows = placements::Entity::find()
        .filter(placements::Column::TraineeId.eq(trainee.id))
        .order_by_desc(placements::Column::AppliedAt)
        .order_by_desc(placements::Column::Id)
        .all(db)
        .await?;
    let (titles, bases) = place_and_base_names(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let title = p.place_id.and_then(|id| titles.get(&id)).cloned();
            let base = bases.get(&p.organisation_id).cloned().unwrap_or_default();
            my_application(p, &title.unwrap_or_default(), &base)
        })
        .collect())
}

async fn place_and_base_names(
    db: &impl ConnectionTrait,
    rows: &[placements::Model],
) -> DomainResult<(HashMap<i32, String>, HashMap<i32, String>)> {
    let titles = places::Entity::find()
        .filter(places::Column::Id.is_in(rows.iter().filter_map(|p| p.place_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let bases = crate::partners::names(db, rows.iter().map(|p| p.organisation_id)).await?;
    Ok((titles, bases))
}

/// Rows for a base's or the bureau's view of applications and placements.
async fn placement_rows(
    db: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<placements::Model>,
) -> DomainResult<Vec<PlacementRow>> {
    let trainee_ids: HashSet<i32> = rows.iter().map(|p| p.trainee_id).collect();
    let people: HashMap<i32, trainees::Model> = trainees::Entity::find()
        .filter(trainees::Column::Id.is_in(trainee_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let towns = crate::towns::names(db).await?;
    let mut held: HashMap<i32, Vec<String>> = HashMap::new();
    for c in certificates::Entity::find()
        .filter(certificates::Column::TraineeId.is_in(trainee_ids))
        .filter(certificates::Column::Status.eq(CertificateStatus::Valid.as_str()))
        .order_by_asc(certificates::Column::IssuedAt)
        .all(db)
        .await?
    {
        held.entry(c.trainee_id).or_default().push(c.number);
    }
    let (titles, bases) = place_and_base_names(db, &rows).await?;
    let mut decides: HashMap<i32, bool> = HashMap::new();
    for org in rows
        .iter()
        .map(|p| p.organisation_id)
        .collect::<HashSet<_>>()
    {
        let ok =
            policy::authorize_for_org(actor, Operation::DecidePlacements, facts(db, org).await?)
                .is_ok();
        decides.insert(org, ok);
    }
    Ok(rows
        .into_iter()
        .map(|p| {
            let person = people.get(&p.trainee_id);
            let may = decides.get(&p.organisation_id).copied().unwrap_or(false);
            PlacementRow {
                id: p.id,
                trainee_id: p.trainee_id,
                name: person.map(|t| t.name.clone()).unwrap_or_default(),
                town: person
                    .and_then(|t| towns.get(&t.town_id).cloned())
                    .unwrap_or_default(),
                place_id: p.place_id,
                place: p
                    .place_id
                    .and_then(|id| titles.get(&id).cloned())
                    .unwrap_or_default(),
                base_id: p.organisation_id,
                base: bases.get(&p.organisation_id).cloned().unwrap_or_default(),
                kind: *p.kind,
                status: *p.status,
                statement: p.statement,
                certificates: held.get(&p.trainee_id).cloned().unwrap_or_default(),
                applied_on: local_date(p.applied_at),
                decision_reason: p.decision_reason,
                station: p.station,
                start_date: p.start_date,
                end_date: p.end_date,
                end_reason: p.end_reason,
                can_decide: may && p.status == PlacementStatus::Applied,
                can_end: may
                    && matches!(
                        *p.status,
                        PlacementStatus::Accepted | PlacementStatus::Active
                    ),
            }
        })
        .collect())
}

/// Courses a place may name as qualifying.
async fn course_options(db: &impl ConnectionTrait) -> DomainResult<Vec<CourseRef>> {
    Ok(courses::Entity::find()
        .filter(courses::Column::Status.is_in(codes(QUALIFYING_COURSE_STATUSES)))
        .order_by_desc(courses::Column::StartsOn)
        .limit(LIST_LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CourseRef {
            id: c.id,
            title: c.title,
        })
        .collect())
}

/// A town-limited viewer's placements: those of their town's people only.
fn of_viewers_town(
    select: sea_orm::Select<placements::Entity>,
    actor: &Actor,
) -> sea_orm::Select<placements::Entity> {
    match policy::town_scope(actor) {
        Some(town) => select.filter(
            placements::Column::TraineeId.in_subquery(
                Query::select()
                    .column(trainees::Column::Id)
                    .from(trainees::Entity)
                    .and_where(trainees::Column::TownId.eq(town))
                    .to_owned(),
            ),
        ),
        None => select,
    }
}

/// The places the actor manages or oversees: a base's own, or every base's for the bureau
/// (a town viewer sees every place, with only their town's people counted).
pub async fn managed_places(db: &DatabaseConnection, actor: &Actor) -> DomainResult<ManagedPlaces> {
    let scope = policy::org_scope(actor, Operation::ViewPlacements)?;
    let mut select = places::Entity::find();
    let mut can_publish = false;
    if let OrgScope::Own(org) = scope {
        select = select.filter(places::Column::OrganisationId.eq(org));
        can_publish =
            policy::authorize_for_org(actor, Operation::PublishPlaces, facts(db, org).await?)
                .is_ok();
    }
    let rows = select
        .order_by_desc(places::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let counts: Vec<(Option<i32>, Coded<PlacementStatus>)> =
        of_viewers_town(placements::Entity::find(), actor)
            .select_only()
            .column(placements::Column::PlaceId)
            .column(placements::Column::Status)
            .filter(placements::Column::PlaceId.is_in(ids))
            .filter(placements::Column::Status.is_in(codes([
                PlacementStatus::Applied,
                PlacementStatus::Accepted,
                PlacementStatus::Active,
            ])))
            .into_tuple()
            .all(db)
            .await?;
    let rows = summaries(db, rows)
        .await?
        .into_iter()
        .map(|place| {
            let of = |wanted: &[PlacementStatus]| {
                counts
                    .iter()
                    .filter(|(p, s)| *p == Some(place.id) && wanted.contains(s))
                    .count() as i64
            };
            ManagedPlaceRow {
                waiting: of(&[PlacementStatus::Applied]),
                active: of(&[PlacementStatus::Accepted, PlacementStatus::Active]),
                place,
            }
        })
        .collect();
    Ok(ManagedPlaces {
        rows,
        can_publish,
        courses: if can_publish {
            course_options(db).await?
        } else {
            Vec::new()
        },
    })
}

/// A place the actor may see as its manager: their base's, or any for the bureau.
async fn managed_place_row(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> DomainResult<places::Model> {
    let scope = policy::org_scope(actor, Operation::ViewPlacements)?;
    places::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| scope.includes(p.organisation_id))
        .ok_or(DomainError::NotFound)
}

/// One place with every application and placement, for its base or the bureau.
pub async fn managed_place(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> DomainResult<ManagedPlace> {
    let place = managed_place_row(db, actor, id).await?;
    let can_edit = policy::authorize_for_org(
        actor,
        Operation::PublishPlaces,
        facts(db, place.organisation_id).await?,
    )
    .is_ok();
    let rows = of_viewers_town(placements::Entity::find(), actor)
        .filter(placements::Column::PlaceId.eq(place.id))
        .order_by_asc(placements::Column::AppliedAt)
        .order_by_asc(placements::Column::Id)
        .all(db)
        .await?;
    let mut rows = placement_rows(db, actor, rows).await?;
    // Waiting applications first, then those placed, then the rest.
    rows.sort_by_key(|r| match r.status {
        PlacementStatus::Applied => 0,
        PlacementStatus::Accepted | PlacementStatus::Active => 1,
        _ => 2,
    });
    Ok(ManagedPlace {
        place: summary(db, place).await?,
        rows,
        can_edit,
        courses: if can_edit {
            course_options(db).await?
        } else {
            Vec::new()
        },
    })
}

/// Placements across bases (bureau: all; base staff: their own; a town viewer: their town's
/// people's), newest first, optionally of one status.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    status: Option<PlacementStatus>,
) -> DomainResult<PlacementList> {
    let scope = policy::org_scope(actor, Operation::ViewPlacements)?;
    let mut select = of_viewers_town(placements::Entity::find(), actor);
    if let OrgScope::Own(org) = scope {
        select = select.filter(placements::Column::OrganisationId.eq(org));
    }
    if let Some(status) = status {
        select = select.filter(placements::Column::Status.eq(status.as_str()));
    }
    let total = select.clone().count(db).await?;
    let rows = select
        .order_by_desc(placements::Column::AppliedAt)
        .order_by_desc(placements::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    Ok(PlacementList {
        rows: placement_rows(db, actor, rows).await?,
        total,
    })
}

// ---- places ------------------------------------------------------------------------------

/// Checks the input's qualifying courses against the database.
async fn check_courses(
    db: &impl ConnectionTrait,
    input: &PlaceInput,
    mut errors: Vec<model::errors::FieldError>,
) -> DomainResult<()> {
    let wanted: HashSet<i32> = input.course_ids.iter().copied().collect();
    if !wanted.is_empty() {
        let found = courses::Entity::find()
            .filter(courses::Column::Id.is_in(wanted.iter().copied()))
            .filter(courses::Column::Status.is_in(codes(QUALIFYING_COURSE_STATUSES)))
            .count(db)
            .await?;
        if found as usize != wanted.len() {
            push_error(&mut errors, "course_ids", Msg::ErrChoose);
        }
    }
    DomainError::check(errors)
}

async fn save_courses(txn: &DatabaseTransaction, place: i32, ids: &[i32]) -> DomainResult<()> {
    place_courses::Entity::delete_many()
        .filter(place_courses::Column::PlaceId.eq(place))
        .exec(txn)
        .await?;
    let unique: HashSet<i32> = ids.iter().copied().collect();
    if !unique.is_empty() {
        place_courses::Entity::insert_many(unique.into_iter().map(|course| {
            place_courses::ActiveModel {
                place_id: Set(place),
                course_id: Set(course),
            }
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A base publishes a place, open at once.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    input: PlaceInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::PublishPlaces)?;
    let org = facts(db, actor.organisation_id().ok_or(DomainError::Forbidden)?).await?;
    policy::authorize_for_org(actor, Operation::PublishPlaces, org)?;
    check_courses(db, &input, input.validate()).await?;
    let (Some(kind), Some(capacity), Some(starts_on), Some(ends_on)) =
        (input.kind, input.capacity, input.starts_on, input.ends_on)
    else {
        return Err(DomainError::field("kind", Msg::ErrRequired));
    };
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let place = places::ActiveModel {
        organisation_id: Set(org.id),
        kind: Set(kind.into()),
        title: Set(input.title.trim().to_string()),
        description: Set(optional(&input.description)),
        requirements: Set(optional(&input.requirements)),
        support: Set(Support::join(&input.support)),
        capacity: Set(capacity),
        taken: Set(0),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        requires_certificate: Set(input.requires_certificate),
        status: Set(PlaceStatus::Open.into()),
        created_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    save_courses(&txn, place.id, &input.course_ids).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::PlacePublished,
            entity: AuditRecord::Place,
            entity_id: Some(place.id.to_string()),
            detail: Some(serde_json::json!({ "kind": kind.as_str(), "capacity": capacity })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(place.id)
}

/// Takes the place row for this transaction and reads it in the same statement.
async fn lock_place(txn: &DatabaseTransaction, id: i32) -> DomainResult<places::Model> {
    places::Entity::update_many()
        .col_expr(places::Column::Taken, Expr::col(places::Column::Taken))
        .filter(places::Column::Id.eq(id))
        .exec_with_returning(txn)
        .await?
        .pop()
        .ok_or(DomainError::NotFound)
}

/// The base edits its place. The number of places cannot go below those taken.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: PlaceInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::PublishPlaces)?;
    let txn = begin_write(db).await?;
    let place = lock_place(&txn, id).await?;
    policy::authorize_for_org(
        actor,
        Operation::PublishPlaces,
        facts(&txn, place.organisation_id).await?,
    )?;
    let mut errors = input.validate();
    if input.capacity.is_some_and(|c| c < place.taken) {
        push_error(&mut errors, "capacity", Msg::ErrCapacityBelowTaken);
    }
    check_courses(&txn, &input, errors).await?;
    let (Some(kind), Some(capacity), Some(starts_on), Some(ends_on)) =
        (input.kind, input.capacity, input.starts_on, input.ends_on)
    else {
        return Err(DomainError::field("kind", Msg::ErrRequired));
    };
    let mut active = place.into_active_model();
    active.kind = Set(kind.into());
    active.title = Set(input.title.trim().to_string());
    active.description = Set(optional(&input.description));
    active.requirements = Set(optional(&input.requirements));
    active.support = Set(Support::join(&input.support));
    active.capacity = Set(capacity);
    active.starts_on = Set(starts_on);
    active.ends_on = Set(ends_on);
    active.requires_certificate = Set(input.requires_certificate);
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    save_courses(&txn, id, &input.course_ids).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::PlaceUpdated,
            entity: AuditRecord::Place,
            entity_id: Some(id.to_string()),
            detail: Some(serde_json::json!({ "capacity": capacity })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The base stops (or starts again) taking applications for its place. Applications already
/// made stay for a decision.
pub async fn set_status(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    status: PlaceStatus,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::PublishPlaces)?;
    let txn = begin_write(db).await?;
    let place = lock_place(&txn, id).await?;
    policy::authorize_for_org(
        actor,
        Operation::PublishPlaces,
        facts(&txn, place.organisation_id).await?,
    )?;
    if place.status == status {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    let mut active = place.into_active_model();
    active.status = Set(status.into());
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: match status {
                PlaceStatus::Open => AuditAction::PlaceReopened,
                PlaceStatus::Closed => AuditAction::PlaceClosed,
            },
            entity: AuditRecord::Place,
            entity_id: Some(id.to_string()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// ---- applications and placements ---------------------------------------------------------

/// The signed-in trainee applies for a place. Returns the application's id.
pub async fn apply(
    db: &DatabaseConnection,
    actor: &Actor,
    place_id: i32,
    input: ApplyInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ApplyForPlace)?;
    DomainError::check(input.validate())?;
    let trainee = own_row(db, actor)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrProfileRequired))?;
    let txn = begin_write(db).await?;
    let place = lock_place(&txn, place_id).await?;
    let base = facts(&txn, place.organisation_id).await?;
    if base.status != OrganisationStatus::Approved {
        return Err(DomainError::NotFound);
    }
    if let Some(why) = apply_block(&txn, &place, base.status, &trainee).await? {
        return Err(DomainError::Conflict(why));
    }
    let now = Utc::now();
    let row = placements::ActiveModel {
        trainee_id: Set(trainee.id),
        organisation_id: Set(place.organisation_id),
        place_id: Set(Some(place.id)),
        kind: Set(place.kind),
        status: Set(PlacementStatus::Applied.into()),
        statement: Set(optional(&input.statement)),
        applied_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::PlacementApplied,
            entity: AuditRecord::Placement,
            entity_id: Some(row.id.to_string()),
            detail: Some(serde_json::json!({ "place_id": place.id })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A placement the actor may decide on (their base's, or any for bureau admins), read inside
/// the transaction; another base's is `NotFound` to partner staff.
async fn decidable(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i32,
) -> DomainResult<placements::Model> {
    policy::authorize(actor, Operation::DecidePlacements)?;
    let placement = placements::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    policy::authorize_for_org(
        actor,
        Operation::DecidePlacements,
        facts(txn, placement.organisation_id).await?,
    )?;
    Ok(placement)
}

/// Moves a placement from one of `from` to its new state in one guarded UPDATE, so two staff
/// deciding at once cannot both succeed.
async fn transition(
    txn: &DatabaseTransaction,
    placement: placements::Model,
    from: &[PlacementStatus],
    change: impl FnOnce(&mut placements::ActiveModel),
) -> DomainResult<()> {
    if !from.contains(&placement.status) {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    let mut active = placement.clone().into_active_model();
    change(&mut active);
    active.updated_at = Set(Utc::now());
    let done = placements::Entity::update_many()
        .set(active)
        .filter(placements::Column::Id.eq(placement.id))
        .filter(placements::Column::Status.eq(placement.status))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    Ok(())
}

/// The base accepts an application (a placement starts, taking a place) or rejects it with a
/// reason.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: DecisionInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::DecidePlacements)?;
    DomainError::check(input.validate())?;
    let txn = begin_write(db).await?;
    let placement = decidable(&txn, actor, id).await?;
    if placement.status != PlacementStatus::Applied {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    let (trainee_id, place_id, organisation_id) = (
        placement.trainee_id,
        placement.place_id,
        placement.organisation_id,
    );
    if input.accept {
        let Some(start) = input.start_date else {
            return Err(DomainError::field("start_date", Msg::ErrRequired));
        };
        if let Some(place_id) = placement.place_id {
            let place = lock_place(&txn, place_id).await?;
            if start > place.ends_on {
                return Err(DomainError::field(
                    "start_date",
                    Msg::ErrStartAfterPlaceEnds,
                ));
            }
            let taken = places::Entity::update_many()
                .col_expr(
                    places::Column::Taken,
                    Expr::col(places::Column::Taken).add(1),
                )
                .filter(places::Column::Id.eq(place_id))
                .filter(Expr::col(places::Column::Taken).lt(Expr::col(places::Column::Capacity)))
                .exec(&txn)
                .await?;
            if taken.rows_affected != 1 {
                return Err(DomainError::Conflict(Msg::ErrPlaceFull));
            }
        }
        transition(&txn, placement, &[PlacementStatus::Applied], |p| {
            p.status = Set(PlacementStatus::Active.into());
            p.start_date = Set(Some(start));
            p.station = Set(optional(&input.station));
            p.decision_reason = Set(optional(&input.reason));
        })
        .await?;
    } else {
        transition(&txn, placement, &[PlacementStatus::Applied], |p| {
            p.status = Set(PlacementStatus::Rejected.into());
            p.decision_reason = Set(optional(&input.reason));
        })
        .await?;
    }
    audit::record(
        &txn,
        actor,
        Event {
            action: if input.accept {
                AuditAction::PlacementAccepted
            } else {
                AuditAction::PlacementRejected
            },
            entity: AuditRecord::Placement,
            entity_id: Some(id.to_string()),
            detail: None,
        },
    )
    .await?;
    tell_decision(&txn, trainee_id, place_id, organisation_id, input.accept).await?;
    txn.commit().await?;
    Ok(())
}

/// Tells the applicant what the base decided: the place's title, or the base's name for an
/// application made to the base itself.
async fn tell_decision(
    txn: &DatabaseTransaction,
    trainee_id: i32,
    place_id: Option<i32>,
    organisation_id: i32,
    accepted: bool,
) -> DomainResult<()> {
    let user_id = trainees::Entity::find_by_id(trainee_id)
        .select_only()
        .column(trainees::Column::UserId)
        .into_tuple::<i32>()
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let place = match place_id {
        Some(id) => {
            places::Entity::find_by_id(id)
                .select_only()
                .column(places::Column::Title)
                .into_tuple::<String>()
                .one(txn)
                .await?
        }
        None => {
            organisations::Entity::find_by_id(organisation_id)
                .select_only()
                .column(organisations::Column::Name)
                .into_tuple::<String>()
                .one(txn)
                .await?
        }
    }
    .unwrap_or_default();
    let template = if accepted {
        MessageTemplate::ApplicationAccepted
    } else {
        MessageTemplate::ApplicationRejected
    };
    crate::messages::notify(txn, user_id, template, &[("place", place)]).await
}

/// The base records how a placement ended: graduated (出园/结业) or left, with the date and
/// (for leaving) the reason. The place is freed.
pub async fn end(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: EndInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::DecidePlacements)?;
    DomainError::check(input.validate())?;
    let (Some(status), Some(end_date)) = (input.status, input.end_date) else {
        return Err(DomainError::field("status", Msg::ErrChoose));
    };
    if end_date > today() {
        return Err(DomainError::field("end_date", Msg::ErrDateInFuture));
    }
    let txn = begin_write(db).await?;
    let placement = decidable(&txn, actor, id).await?;
    if placement.start_date.is_some_and(|s| end_date < s) {
        return Err(DomainError::field("end_date", Msg::ErrEndBeforeStart));
    }
    let place_id = placement.place_id;
    transition(
        &txn,
        placement,
        &[PlacementStatus::Accepted, PlacementStatus::Active],
        |p| {
            p.status = Set(status.into());
            p.end_date = Set(Some(end_date));
            p.end_reason = Set(optional(&input.reason));
        },
    )
    .await?;
    if let Some(place_id) = place_id {
        places::Entity::update_many()
            .col_expr(
                places::Column::Taken,
                Expr::col(places::Column::Taken).sub(1),
            )
            .filter(places::Column::Id.eq(place_id))
            .filter(places::Column::Taken.gt(0))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        actor,
        Event {
            action: if status == PlacementStatus::Graduated {
                AuditAction::PlacementGraduated
            } else {
                AuditAction::PlacementLeft
            },
            entity: AuditRecord::Placement,
            entity_id: Some(id.to_string()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
