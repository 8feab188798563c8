//! The livestream host registry. A trainee who works as a host has one profile: the platforms
//! and account names they stream on, what they sell, the agency (a livestream base or MCN
//! company among the partners) they work with, their monthly sessions and sales band. Their
//! training and certificates are read from their records, not retyped.
//!
//! A profile comes from the person applying, from an outcome recording them as a livestream
//! host, or from an agency (people trained or placed with it) or the bureau registering them.
//! An agency sees and keeps the profiles of the hosts who work with it; the bureau sees all (a
//! town viewer their town's); a trainee their own.

use crate::audit::{self, Event};
use crate::db::{begin_write, is_unique_violation};
use crate::entities::codes;
use crate::entities::{
    certificates, courses, enrollments, host_accounts, hosts, organisations, outcomes, trainees,
};
use crate::partners::{self, facts, names};
use crate::policy::{self, Operation};
use crate::selections::linked_to;
use crate::trainees::own_row;
use crate::{Actor, DomainError, DomainResult};
use chrono::Utc;
use model::Role;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::catalogue::Industry;
use model::enums::{
    CertificateStatus, EnrollmentStatus, HostSource, OrganisationStatus, OutcomeKind,
};
use model::form::{FormInput, push_error};
use model::hosts::{
    AgencyOption, HostAccount, HostCandidate, HostCertificate, HostDetail, HostInput, HostList,
    HostQuery, HostRow, HostTraining, MyHost, PAGE_SIZE, categories_code,
};
use model::i18n::Msg;
use model::outcomes::{IncomeBand, Platform};
use model::partners::manages_hosts;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// People offered to an agency to register.
const CANDIDATE_LIMIT: u64 = 500;

/// Whose profiles an actor sees.
enum Scope {
    All,
    Town(i32),
    Agency(i32),
}

fn scope(actor: &Actor) -> DomainResult<Scope> {
    policy::authorize(actor, Operation::ViewHosts)?;
    if let Some(town) = policy::town_scope(actor) {
        return Ok(Scope::Town(town));
    }
    match actor.role() {
        Some(Role::PartnerStaff) => actor
            .organisation_id()
            .map(Scope::Agency)
            .ok_or(DomainError::Forbidden),
        _ => Ok(Scope::All),
    }
}

fn scoped(select: sea_orm::Select<hosts::Entity>, scope: &Scope) -> sea_orm::Select<hosts::Entity> {
    match scope {
        Scope::All => select,
        Scope::Agency(org) => select.filter(hosts::Column::AgencyId.eq(*org)),
        Scope::Town(town) => {
            let people = Query::select()
                .column(trainees::Column::Id)
                .from(trainees::Entity)
                .and_where(Expr::col(trainees::Column::TownId).eq(*town))
                .to_owned();
            select.filter(hosts::Column::TraineeId.in_subquery(people))
        }
    }
}

/// The approved partners hosts may work with, by name.
async fn agencies(db: &impl ConnectionTrait) -> DomainResult<Vec<AgencyOption>> {
    Ok(partners::approved_of_kind(db, manages_hosts)
        .await?
        .into_iter()
        .map(|o| AgencyOption {
            id: o.id,
            name: o.name,
        })
        .collect())
}

/// Checks the chosen agency: an approved livestream base or enterprise; partner staff may
/// only name their own organisation (or none, to let the host go).
async fn check_agency(
    db: &impl ConnectionTrait,
    actor: &Actor,
    agency: Option<i32>,
) -> DomainResult<()> {
    let Some(id) = agency else {
        return Ok(());
    };
    if actor.role() == Some(Role::PartnerStaff) && actor.organisation_id() != Some(id) {
        return Err(DomainError::field("agency_id", Msg::ErrHostAgencyOwn));
    }
    let org = organisations::Entity::find_by_id(id).one(db).await?;
    match org {
        Some(o) if manages_hosts(*o.kind) && o.status == OrganisationStatus::Approved => Ok(()),
        _ => Err(DomainError::field("agency_id", Msg::ErrHostAgency)),
    }
}

/// Writes the profile's accounts (replacing any it had).
async fn save_accounts(
    txn: &impl ConnectionTrait,
    host_id: i32,
    input: &HostInput,
) -> DomainResult<()> {
    host_accounts::Entity::delete_many()
        .filter(host_accounts::Column::HostId.eq(host_id))
        .exec(txn)
        .await?;
    let rows: Vec<host_accounts::ActiveModel> = input
        .filled_accounts()
        .into_iter()
        .map(|(platform, name)| host_accounts::ActiveModel {
            host_id: Set(host_id),
            platform: Set(platform.as_str().to_string()),
            account_name: Set(name),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        host_accounts::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}

async fn log(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    host: &hosts::Model,
) -> DomainResult<()> {
    audit::record(
        txn,
        actor,
        Event {
            action,
            entity: AuditRecord::Host,
            entity_id: Some(host.id.to_string()),
            detail: Some(serde_json::json!({
                "trainee_id": host.trainee_id,
                "agency_id": host.agency_id,
                "active": host.active,
            })),
        },
    )
    .await
}

/// Inserts a profile with its accounts; a person has one profile at most.
pub(crate) async fn insert(
    txn: &impl ConnectionTrait,
    trainee_id: i32,
    input: &HostInput,
    source: HostSource,
) -> DomainResult<hosts::Model> {
    let taken = hosts::Entity::find()
        .filter(hosts::Column::TraineeId.eq(trainee_id))
        .count(txn)
        .await?;
    if taken > 0 {
        return Err(DomainError::field("trainee_id", Msg::ErrAlreadyHost));
    }
    let now = Utc::now();
    let inserted = hosts::ActiveModel {
        trainee_id: Set(trainee_id),
        agency_id: Set(input.agency_id),
        categories: Set(categories_code(&input.categories)),
        monthly_sessions: Set(input.monthly_sessions),
        sales_band: Set(input.sales_band.map(|b| b.as_str().to_string())),
        source: Set(source.into()),
        active: Set(input.active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e) if is_unique_violation(&e) => {
            return Err(DomainError::field("trainee_id", Msg::ErrAlreadyHost));
        }
        Err(e) => return Err(e.into()),
    };
    save_accounts(txn, row.id, input).await?;
    Ok(row)
}

/// Changes a profile and its accounts.
async fn change(
    txn: &impl ConnectionTrait,
    host: hosts::Model,
    input: &HostInput,
) -> DomainResult<hosts::Model> {
    let mut active = host.into_active_model();
    active.agency_id = Set(input.agency_id);
    active.categories = Set(categories_code(&input.categories));
    active.monthly_sessions = Set(input.monthly_sessions);
    active.sales_band = Set(input.sales_band.map(|b| b.as_str().to_string()));
    active.active = Set(input.active);
    active.updated_at = Set(Utc::now());
    let row = active.update(txn).await?;
    save_accounts(txn, row.id, input).await?;
    Ok(row)
}

/// An agency (people linked to it) or the bureau (anyone) registers a host.
pub async fn register(
    db: &DatabaseConnection,
    actor: &Actor,
    input: HostInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::RegisterHosts)?;
    let mut input = input;
    let mut errors = input.validate();
    let source = if actor.role() == Some(Role::PartnerStaff) {
        let own = facts(db, actor.organisation_id().ok_or(DomainError::Forbidden)?).await?;
        policy::authorize_for_org(actor, Operation::RegisterHosts, own)?;
        if !manages_hosts(own.kind) {
            return Err(DomainError::Forbidden);
        }
        // An agency registers its own hosts.
        input.agency_id = Some(own.id);
        HostSource::Agency
    } else {
        HostSource::Bureau
    };
    let person = match input.trainee_id {
        None => {
            push_error(&mut errors, "trainee_id", Msg::ErrChoose);
            None
        }
        Some(id) => {
            let mut select = trainees::Entity::find().filter(trainees::Column::Id.eq(id));
            if source == HostSource::Agency
                && let Some(org) = input.agency_id
            {
                select = select.filter(linked_to(org));
            }
            let found = select.one(db).await?;
            if found.is_none() {
                push_error(&mut errors, "trainee_id", Msg::ErrNotHostable);
            }
            found
        }
    };
    DomainError::check(errors)?;
    check_agency(db, actor, input.agency_id).await?;
    let person = person.ok_or(DomainError::NotFound)?;
    let txn = begin_write(db).await?;
    let row = insert(&txn, person.id, &input, source).await?;
    log(&txn, actor, AuditAction::HostRegistered, &row).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A profile the actor may see, else `NotFound`.
async fn find(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> DomainResult<hosts::Model> {
    let scope = scope(actor)?;
    scoped(
        hosts::Entity::find().filter(hosts::Column::Id.eq(id)),
        &scope,
    )
    .one(db)
    .await?
    .ok_or(DomainError::NotFound)
}

/// May the actor change this profile? The agency it works with (while approved) and bureau
/// admins.
async fn may_edit(db: &impl ConnectionTrait, actor: &Actor, host: &hosts::Model) -> bool {
    if policy::authorize(actor, Operation::RegisterHosts).is_err() {
        return false;
    }
    match (actor.role(), host.agency_id) {
        (Some(Role::PartnerStaff), Some(agency)) => match facts(db, agency).await {
            Ok(org) => policy::authorize_for_org(actor, Operation::RegisterHosts, org).is_ok(),
            Err(_) => false,
        },
        (Some(Role::PartnerStaff), None) => false,
        _ => true,
    }
}

/// The agency or the bureau changes a profile.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: HostInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::RegisterHosts)?;
    let host = find(db, actor, id).await?;
    if !may_edit(db, actor, &host).await {
        return Err(DomainError::Forbidden);
    }
    DomainError::check(input.validate())?;
    check_agency(db, actor, input.agency_id).await?;
    let txn = begin_write(db).await?;
    let row = change(&txn, host, &input).await?;
    log(&txn, actor, AuditAction::HostChanged, &row).await?;
    txn.commit().await?;
    Ok(())
}

/// Accounts of each profile.
async fn accounts_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> DomainResult<HashMap<i32, Vec<HostAccount>>> {
    let mut map: HashMap<i32, Vec<HostAccount>> = HashMap::new();
    if ids.is_empty() {
        return Ok(map);
    }
    for a in host_accounts::Entity::find()
        .filter(host_accounts::Column::HostId.is_in(ids.to_vec()))
        .order_by_asc(host_accounts::Column::Id)
        .all(db)
        .await?
    {
        map.entry(a.host_id).or_default().push(HostAccount {
            platform: Platform::parse(&a.platform).unwrap_or(Platform::Other),
            account_name: a.account_name,
        });
    }
    Ok(map)
}

/// The registry rows of some profiles, in their order.
async fn rows(db: &impl ConnectionTrait, list: Vec<hosts::Model>) -> DomainResult<Vec<HostRow>> {
    let ids: Vec<i32> = list.iter().map(|h| h.id).collect();
    let people: Vec<i32> = list.iter().map(|h| h.trainee_id).collect();
    let mut accounts = accounts_of(db, &ids).await?;
    let agency_names = names(db, list.iter().filter_map(|h| h.agency_id)).await?;
    let towns = crate::towns::names(db).await?;
    let persons: HashMap<i32, trainees::Model> = if people.is_empty() {
        HashMap::new()
    } else {
        trainees::Entity::find()
            .filter(trainees::Column::Id.is_in(people.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect()
    };
    // Valid certificates per person, counted in the database.
    let held: HashMap<i32, i64> = if people.is_empty() {
        HashMap::new()
    } else {
        certificates::Entity::find()
            .select_only()
            .column(certificates::Column::TraineeId)
            .column_as(certificates::Column::Id.count(), "n")
            .filter(certificates::Column::TraineeId.is_in(people))
            .filter(certificates::Column::Status.eq(CertificateStatus::Valid.as_str()))
            .group_by(certificates::Column::TraineeId)
            .into_tuple::<(i32, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(list
        .into_iter()
        .map(|h| {
            let person = persons.get(&h.trainee_id);
            HostRow {
                id: h.id,
                trainee_id: h.trainee_id,
                name: person.map(|p| p.name.clone()).unwrap_or_default(),
                town: person
                    .and_then(|p| towns.get(&p.town_id).cloned())
                    .unwrap_or_default(),
                agency_id: h.agency_id,
                agency: h.agency_id.and_then(|a| agency_names.get(&a).cloned()),
                categories: Industry::from_tags(&h.categories),
                accounts: accounts.remove(&h.id).unwrap_or_default(),
                monthly_sessions: h.monthly_sessions,
                sales_band: h.sales_band.as_deref().and_then(IncomeBand::parse),
                active: h.active,
                certificates: held
                    .get(&h.trainee_id)
                    .map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
            }
        })
        .collect())
}

/// The registry: the profiles the actor may see, filtered, a page at a time.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    query: HostQuery,
) -> DomainResult<HostList> {
    let scope = scope(actor)?;
    let mut errors = Vec::new();
    let mut select = scoped(hosts::Entity::find(), &scope);
    let q = query.q.trim();
    if !q.is_empty() {
        let like = format!("%{}%", q.replace(['%', '_'], ""));
        let named = Query::select()
            .column(trainees::Column::Id)
            .from(trainees::Entity)
            .and_where(Expr::col(trainees::Column::Name).like(like.clone()))
            .to_owned();
        let accounts = Query::select()
            .column(host_accounts::Column::HostId)
            .from(host_accounts::Entity)
            .and_where(Expr::col(host_accounts::Column::AccountName).like(like))
            .to_owned();
        select = select.filter(
            Condition::any()
                .add(hosts::Column::TraineeId.in_subquery(named))
                .add(hosts::Column::Id.in_subquery(accounts)),
        );
    }
    if !query.category.is_empty() {
        match Industry::parse(&query.category) {
            Some(c) => {
                select = select.filter(hosts::Column::Categories.contains(c.as_str()));
            }
            None => push_error(&mut errors, "category", Msg::ErrChoose),
        }
    }
    if !query.platform.is_empty() {
        match Platform::parse(&query.platform) {
            Some(p) => {
                let on = Query::select()
                    .column(host_accounts::Column::HostId)
                    .from(host_accounts::Entity)
                    .and_where(Expr::col(host_accounts::Column::Platform).eq(p.as_str()))
                    .to_owned();
                select = select.filter(hosts::Column::Id.in_subquery(on));
            }
            None => push_error(&mut errors, "platform", Msg::ErrChoose),
        }
    }
    if let Some(agency) = model::form::filter_id(&mut errors, "agency", &query.agency) {
        select = select.filter(hosts::Column::AgencyId.eq(agency));
    }
    match query.status.as_str() {
        "" | "active" => select = select.filter(hosts::Column::Active.eq(true)),
        "inactive" => select = select.filter(hosts::Column::Active.eq(false)),
        "all" => {}
        _ => push_error(&mut errors, "status", Msg::ErrChoose),
    }
    let page = match query.page.as_str() {
        "" => 1,
        p => match p.parse::<u64>() {
            Ok(n) if n >= 1 => crate::page_number(n),
            _ => {
                push_error(&mut errors, "page", Msg::ErrWholeNumber);
                1
            }
        },
    };
    DomainError::check(errors)?;
    let paginator = select
        .order_by_desc(hosts::Column::UpdatedAt)
        .order_by_desc(hosts::Column::Id)
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let found = paginator.fetch_page(page - 1).await?;
    let can_register = match (actor.role(), actor.organisation_id()) {
        (Some(Role::PartnerStaff), Some(org)) => {
            let own = facts(db, org).await?;
            manages_hosts(own.kind)
                && policy::authorize_for_org(actor, Operation::RegisterHosts, own).is_ok()
        }
        _ => policy::authorize(actor, Operation::RegisterHosts).is_ok(),
    };
    let candidates = match (can_register, actor.role(), actor.organisation_id()) {
        (true, Some(Role::PartnerStaff), Some(org)) => {
            let towns = crate::towns::names(db).await?;
            let profiled = Query::select()
                .column(hosts::Column::TraineeId)
                .from(hosts::Entity)
                .to_owned();
            trainees::Entity::find()
                .filter(linked_to(org))
                .filter(trainees::Column::Id.not_in_subquery(profiled))
                .order_by_asc(trainees::Column::Name)
                .limit(CANDIDATE_LIMIT)
                .all(db)
                .await?
                .into_iter()
                .map(|t| HostCandidate {
                    trainee_id: t.id,
                    town: towns.get(&t.town_id).cloned().unwrap_or_default(),
                    name: t.name,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let agencies = match scope {
        Scope::Agency(_) => Vec::new(),
        _ => agencies(db).await?,
    };
    Ok(HostList {
        rows: rows(db, found).await?,
        total: counts.number_of_items,
        page,
        pages: Ord::max(counts.number_of_pages, 1),
        query,
        agencies,
        can_register,
        candidates,
    })
}

/// A profile with the person's training and certificates.
async fn detail_of(
    db: &impl ConnectionTrait,
    host: hosts::Model,
    can_edit: bool,
) -> DomainResult<HostDetail> {
    let trainee_id = host.trainee_id;
    let (source, created_at, updated_at) = (host.source, host.created_at, host.updated_at);
    let row = rows(db, vec![host])
        .await?
        .pop()
        .ok_or(DomainError::NotFound)?;
    let taken = enrollments::Entity::find()
        .filter(enrollments::Column::TraineeId.eq(trainee_id))
        .filter(enrollments::Column::Status.is_in(codes([
            EnrollmentStatus::Enrolled,
            EnrollmentStatus::Completed,
            EnrollmentStatus::NotCompleted,
        ])))
        .find_also_related(courses::Entity)
        .all(db)
        .await?;
    let providers = names(
        db,
        taken
            .iter()
            .filter_map(|(_, c)| c.as_ref().map(|c| c.organisation_id)),
    )
    .await?;
    let mut training: Vec<HostTraining> = taken
        .into_iter()
        .filter_map(|(e, c)| {
            c.map(|c| HostTraining {
                course_id: c.id,
                provider: providers
                    .get(&c.organisation_id)
                    .cloned()
                    .unwrap_or_default(),
                title: c.title,
                starts_on: c.starts_on,
                status: *e.status,
            })
        })
        .collect();
    training.sort_by_key(|c| std::cmp::Reverse(c.starts_on));
    let certificates = certificates::Entity::find()
        .filter(certificates::Column::TraineeId.eq(trainee_id))
        .order_by_desc(certificates::Column::IssuedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| HostCertificate {
            verify_url: format!("/verify/{}", c.verification_code),
            number: c.number,
            kind: *c.kind,
            status: *c.status,
            issued_at: c.issued_at,
        })
        .collect();
    Ok(HostDetail {
        host: row,
        source: *source,
        created_at,
        updated_at,
        training,
        certificates,
        can_edit,
        agencies: if can_edit {
            agencies(db).await?
        } else {
            Vec::new()
        },
    })
}

/// One profile the actor may see.
pub async fn detail(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<HostDetail> {
    let host = find(db, actor, id).await?;
    let can_edit = may_edit(db, actor, &host).await;
    let mut detail = detail_of(db, host, can_edit).await?;
    if actor.role() == Some(Role::PartnerStaff) {
        // An agency keeps its own hosts and cannot hand them to another.
        detail
            .agencies
            .retain(|a| Some(a.id) == actor.organisation_id());
    }
    Ok(detail)
}

/// The signed-in trainee's own profile, if any.
pub async fn mine(db: &DatabaseConnection, actor: &Actor) -> DomainResult<MyHost> {
    policy::authorize(actor, Operation::ApplyAsHost)?;
    let Some(person) = own_row(db, actor).await? else {
        return Ok(MyHost {
            has_profile: false,
            host: None,
            agencies: Vec::new(),
        });
    };
    let host = hosts::Entity::find()
        .filter(hosts::Column::TraineeId.eq(person.id))
        .one(db)
        .await?;
    let host = match host {
        Some(h) => Some(detail_of(db, h, true).await?),
        None => None,
    };
    Ok(MyHost {
        has_profile: true,
        host,
        agencies: agencies(db).await?,
    })
}

/// The signed-in trainee applies as a host, or changes their profile.
pub async fn save_own(
    db: &DatabaseConnection,
    actor: &Actor,
    input: HostInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ApplyAsHost)?;
    let person = own_row(db, actor)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrProfileRequired))?;
    DomainError::check(input.validate())?;
    check_agency(db, actor, input.agency_id).await?;
    let txn = begin_write(db).await?;
    let existing = hosts::Entity::find()
        .filter(hosts::Column::TraineeId.eq(person.id))
        .one(&txn)
        .await?;
    let (row, action) = match existing {
        Some(host) => (change(&txn, host, &input).await?, AuditAction::HostChanged),
        None => (
            insert(&txn, person.id, &input, HostSource::Applied).await?,
            AuditAction::HostApplied,
        ),
    };
    log(&txn, actor, action, &row).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// An outcome recording someone as a livestream host gives them a profile if they have none
/// (with the outcome's platform and shop or employer as their account, and the recording
/// agency as theirs), and marks a stopped profile active again. In the outcome's transaction.
pub(crate) async fn from_outcome(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    outcome: &outcomes::Model,
) -> DomainResult<()> {
    if outcome.kind != OutcomeKind::LivestreamHost {
        return Ok(());
    }
    let existing = hosts::Entity::find()
        .filter(hosts::Column::TraineeId.eq(outcome.trainee_id))
        .one(txn)
        .await?;
    if let Some(host) = existing {
        if !host.active {
            let mut active = host.into_active_model();
            active.active = Set(true);
            active.updated_at = Set(Utc::now());
            let row = active.update(txn).await?;
            log(txn, actor, AuditAction::HostChanged, &row).await?;
        }
        return Ok(());
    }
    let agency = match (actor.role(), actor.organisation_id()) {
        (Some(Role::PartnerStaff), Some(org)) => {
            let own = facts(txn, org).await?;
            (manages_hosts(own.kind) && own.status == OrganisationStatus::Approved)
                .then_some(own.id)
        }
        _ => None,
    };
    let name = [&outcome.business_name, &outcome.employer]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(|s| {
            s.chars()
                .take(model::hosts::MAX_ACCOUNT_NAME)
                .collect::<String>()
        });
    let platform = outcome.platform.as_deref().and_then(Platform::parse);
    let input = HostInput {
        agency_id: agency,
        sales_band: outcome.income_band.as_deref().and_then(IncomeBand::parse),
        accounts: match (platform, name) {
            (Some(platform), Some(account_name)) => vec![model::hosts::HostAccountInput {
                platform: Some(platform),
                account_name,
            }],
            _ => Vec::new(),
        },
        ..HostInput::default()
    };
    let row = insert(txn, outcome.trainee_id, &input, HostSource::Outcome).await?;
    log(txn, actor, AuditAction::HostRegistered, &row).await
}
