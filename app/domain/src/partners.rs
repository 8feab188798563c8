//! Partner organisations: the online application (organisation + first staff account, who
//! becomes the partner admin), the bureau's decisions (approve, reject, suspend, reinstate),
//! partner admins adding staff, and the lists and pages behind them.

use crate::accounts::{Client, NewSession, open_session};
use crate::audit::{self, Event};
use crate::db::{begin_write, is_unique_violation};
use crate::entities::{courses, organisations, towns, users};
use crate::identity::credit_code_is_valid;
use crate::local_time::{format_date, format_time};
use crate::policy::{self, Operation, OrgFacts, OrgScope};
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::Utc;
use model::Role;
use model::accounts::{mask_phone, normalise_phone};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::{OrganisationKind, OrganisationStatus, UserStatus};
use model::form::chars;
use model::i18n::Msg;
use model::partners::{
    NewStaffInput, OrganisationDetail, OrganisationOption, OrganisationPage, OrganisationRow,
    PARTNERS_PER_PAGE, PartnerApplication, PartnerDecision, REASON_MAX, StaffRow, hosts_agreements,
    normalise_credit_code,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// The facts permissions need about an organisation; `NotFound` when there is none.
pub async fn facts(db: &impl ConnectionTrait, id: i32) -> DomainResult<OrgFacts> {
    let org = organisations::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(OrgFacts {
        id: org.id,
        kind: *org.kind,
        status: *org.status,
    })
}

async fn phone_taken(db: &impl ConnectionTrait, phone: &str) -> DomainResult<bool> {
    Ok(users::Entity::find()
        .filter(users::Column::Phone.eq(phone))
        .one(db)
        .await?
        .is_some())
}

struct NewStaff<'a> {
    phone: String,
    hash: String,
    display_name: &'a str,
    org: i32,
    org_admin: bool,
    /// Signed in at once (the applicant).
    signed_in: bool,
}

/// A partner staff account; a phone taken meanwhile (a race) is the phone field's error.
async fn insert_staff(
    db: &impl ConnectionTrait,
    staff: NewStaff<'_>,
) -> DomainResult<users::Model> {
    let now = Utc::now();
    users::ActiveModel {
        phone: Set(staff.phone),
        password_hash: Set(staff.hash),
        display_name: Set(Some(staff.display_name.trim().to_string())),
        role: Set(Role::PartnerStaff.into()),
        organisation_id: Set(Some(staff.org)),
        status: Set(UserStatus::Active.into()),
        org_admin: Set(staff.org_admin),
        last_login_at: Set(staff.signed_in.then_some(now)),
        created_at: Set(now),
        password_changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            DomainError::field("phone", Msg::ErrPhoneTaken)
        } else {
            e.into()
        }
    })
}

/// Applies as a new partner: the organisation (pending) and its first staff account (a partner
/// admin), signed in at once so they can follow their application.
pub async fn apply(
    svc: &Services,
    actor: &Actor,
    input: PartnerApplication,
    client: &Client,
) -> DomainResult<NewSession> {
    policy::authorize(actor, Operation::ApplyAsPartner)?;
    let mut errors = input.validate();
    let credit_code = normalise_credit_code(&input.credit_code);
    if credit_code.len() == 18 && !credit_code_is_valid(&credit_code) {
        errors.push(model::FieldError {
            field: "credit_code".into(),
            message: Msg::ErrCreditCodeCheck,
        });
    }
    let db = &svc.db;
    if let Some(town) = input.town_id
        && towns::Entity::find_by_id(town).one(db).await?.is_none()
    {
        model::form::push_error(&mut errors, "town_id", Msg::ErrChoose);
    }
    let phone = normalise_phone(&input.phone);
    if errors.iter().all(|e| e.field != "phone") && phone_taken(db, &phone).await? {
        errors.push(model::FieldError {
            field: "phone".into(),
            message: Msg::ErrPhoneTaken,
        });
    }
    if errors.iter().all(|e| e.field != "credit_code")
        && organisations::Entity::find()
            .filter(organisations::Column::CreditCode.eq(&credit_code))
            .one(db)
            .await?
            .is_some()
    {
        errors.push(model::FieldError {
            field: "credit_code".into(),
            message: Msg::ErrCreditCodeTaken,
        });
    }
    DomainError::check(errors)?;
    let kind = input
        .kind
        .ok_or(DomainError::field("kind", Msg::ErrChoose))?;
    let hash = svc.passwords.hash(&input.password).await?;

    let txn = begin_write(db).await?;
    let now = Utc::now();
    let org = organisations::ActiveModel {
        kind: Set(kind.into()),
        name: Set(input.name.trim().to_string()),
        credit_code: Set(credit_code),
        town_id: Set(input.town_id),
        address: Set(Some(input.address.trim().to_string()).filter(|a| !a.is_empty())),
        contact_name: Set(Some(input.contact_name.trim().to_string())),
        contact_phone: Set(Some(normalise_phone(&input.contact_phone))),
        status: Set(OrganisationStatus::Pending.into()),
        status_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            DomainError::field("credit_code", Msg::ErrCreditCodeTaken)
        } else {
            e.into()
        }
    })?;
    let user = insert_staff(
        &txn,
        NewStaff {
            phone,
            hash,
            display_name: &input.display_name,
            org: org.id,
            org_admin: true,
            signed_in: true,
        },
    )
    .await?;
    let session = open_session(&txn, &user, client).await?;
    let applicant = Actor {
        user: Some(session.user.clone()),
        ip: client.ip.clone(),
        ..Actor::default()
    };
    audit::record(
        &txn,
        &applicant,
        Event {
            action: AuditAction::PartnerApplied,
            entity: AuditRecord::Organisation,
            entity_id: Some(org.id.to_string()),
            detail: Some(serde_json::json!({ "kind": kind.as_str(), "name": org.name })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(session)
}

async fn town_names(db: &impl ConnectionTrait) -> DomainResult<HashMap<i32, String>> {
    Ok(crate::towns::list(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name_zh))
        .collect())
}

fn row(o: &organisations::Model, towns: &HashMap<i32, String>) -> OrganisationRow {
    OrganisationRow {
        id: o.id,
        kind: *o.kind,
        name: o.name.clone(),
        credit_code: o.credit_code.clone(),
        town: o.town_id.and_then(|t| towns.get(&t).cloned()),
        status: *o.status,
        applied_on: format_date(o.created_at),
    }
}

/// Partners for the bureau (all, newest first, by status and words in the name or code), or
/// a partner's own organisation for its staff.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    status: Option<OrganisationStatus>,
    q: &str,
    page: u64,
) -> DomainResult<OrganisationPage> {
    let scope = policy::org_scope(actor, Operation::ViewPartners)?;
    let mut filter = Condition::all();
    if let OrgScope::Own(id) = scope {
        filter = filter.add(organisations::Column::Id.eq(id));
    }
    let pending_filter = filter
        .clone()
        .add(organisations::Column::Status.eq(OrganisationStatus::Pending.as_str()));
    if let Some(s) = status {
        filter = filter.add(organisations::Column::Status.eq(s.as_str()));
    }
    let q = q.trim();
    if !q.is_empty() {
        let term: String = q.chars().take(50).collect();
        filter = filter.add(
            Condition::any()
                .add(organisations::Column::Name.contains(&term))
                .add(organisations::Column::CreditCode.contains(term.to_uppercase())),
        );
    }
    let paginator = organisations::Entity::find()
        .filter(filter)
        .order_by_desc(organisations::Column::Id)
        .paginate(db, PARTNERS_PER_PAGE);
    let total = paginator.num_items().await?;
    let page = super::page_number(page);
    let towns = town_names(db).await?;
    let rows = paginator
        .fetch_page(page - 1)
        .await?
        .iter()
        .map(|o| row(o, &towns))
        .collect();
    let pending = organisations::Entity::find()
        .filter(pending_filter)
        .count(db)
        .await?;
    Ok(OrganisationPage {
        rows,
        total,
        page,
        per_page: PARTNERS_PER_PAGE,
        pending,
    })
}

/// One partner's page. Another partner's is `NotFound` to partner staff.
pub async fn detail(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> DomainResult<OrganisationDetail> {
    let scope = policy::org_scope(actor, Operation::ViewPartners)?;
    if !scope.includes(id) {
        return Err(DomainError::NotFound);
    }
    let org = organisations::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let towns = town_names(db).await?;
    let staff = users::Entity::find()
        .filter(users::Column::OrganisationId.eq(id))
        .filter(users::Column::Role.eq(Role::PartnerStaff.as_str()))
        .order_by_asc(users::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| StaffRow {
            id: u.id,
            phone_masked: mask_phone(&u.phone),
            display_name: u.display_name,
            org_admin: u.org_admin,
            last_login_at: u.last_login_at.map(format_time),
        })
        .collect();
    let courses = courses::Entity::find()
        .filter(courses::Column::OrganisationId.eq(id))
        .count(db)
        .await?;
    let org_facts = OrgFacts {
        id: org.id,
        kind: *org.kind,
        status: *org.status,
    };
    Ok(OrganisationDetail {
        row: row(&org, &towns),
        address: org.address,
        contact_name: org.contact_name,
        contact_phone: org.contact_phone,
        status_reason: org.status_reason,
        staff,
        courses,
        can_review: policy::authorize(actor, Operation::ReviewPartner).is_ok(),
        can_add_staff: policy::authorize_for_org(actor, Operation::AddPartnerStaff, org_facts)
            .is_ok(),
    })
}

/// A bureau decision on a partner. Only the decision's starting status is accepted, so two
/// admins deciding at once cannot both win; a reason is required to reject or suspend.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    decision: PartnerDecision,
    reason: &str,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ReviewPartner)?;
    let reason = reason.trim();
    if decision.needs_reason() && reason.is_empty() {
        return Err(DomainError::field("reason", Msg::ErrReasonRequired));
    }
    if chars(reason) > REASON_MAX {
        return Err(DomainError::field(
            "reason",
            model::form::too_long(REASON_MAX),
        ));
    }
    let (from, to) = decision.transition();
    let txn = begin_write(db).await?;
    let org = organisations::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if org.status != from {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    let mut active = org.into_active_model();
    active.status = Set(to.into());
    active.status_reason = Set(decision.needs_reason().then(|| reason.to_string()));
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    let action = match decision {
        PartnerDecision::Approve => AuditAction::PartnerApproved,
        PartnerDecision::Reject => AuditAction::PartnerRejected,
        PartnerDecision::Suspend => AuditAction::PartnerSuspended,
        PartnerDecision::Reinstate => AuditAction::PartnerReinstated,
    };
    audit::record(
        &txn,
        actor,
        Event {
            action,
            entity: AuditRecord::Organisation,
            entity_id: Some(id.to_string()),
            detail: (!reason.is_empty()).then(|| serde_json::json!({ "reason": reason })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A partner admin (or a bureau admin) adds a staff member to an approved partner.
pub async fn add_staff(
    svc: &Services,
    actor: &Actor,
    org_id: i32,
    input: NewStaffInput,
) -> DomainResult<i32> {
    let db = &svc.db;
    let org = facts(db, org_id).await?;
    policy::authorize_for_org(actor, Operation::AddPartnerStaff, org)?;
    if actor.role() == Some(Role::BureauAdmin) {
        // The bureau may add staff to any partner, but not make a suspended one active.
        policy::check_standing(org.status)?;
    }
    let mut errors = input.validate();
    let phone = normalise_phone(&input.phone);
    if errors.iter().all(|e| e.field != "phone") && phone_taken(db, &phone).await? {
        errors.push(model::FieldError {
            field: "phone".into(),
            message: Msg::ErrPhoneTaken,
        });
    }
    DomainError::check(errors)?;
    let hash = svc.passwords.hash(&input.password).await?;
    let txn = begin_write(db).await?;
    let user = insert_staff(
        &txn,
        NewStaff {
            phone,
            hash,
            display_name: &input.display_name,
            org: org_id,
            org_admin: input.org_admin,
            signed_in: false,
        },
    )
    .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::PartnerStaffAdded,
            entity: AuditRecord::User,
            entity_id: Some(user.id.to_string()),
            detail: Some(
                serde_json::json!({ "organisation_id": org_id, "org_admin": input.org_admin }),
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(user.id)
}

/// The approved organisations of the kinds `kind` accepts, by name (the choices of a form).
pub async fn approved_of_kind(
    db: &impl ConnectionTrait,
    kind: fn(OrganisationKind) -> bool,
) -> DomainResult<Vec<organisations::Model>> {
    Ok(organisations::Entity::find()
        .filter(organisations::Column::Status.eq(OrganisationStatus::Approved.as_str()))
        .order_by_asc(organisations::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| kind(*o.kind))
        .collect())
}

/// Approved enterprises and bases a college can record an agreement with.
pub async fn agreement_partners(
    db: &impl ConnectionTrait,
) -> DomainResult<Vec<OrganisationOption>> {
    Ok(approved_of_kind(db, hosts_agreements)
        .await?
        .into_iter()
        .map(|o| OrganisationOption {
            id: o.id,
            name: o.name,
            kind: *o.kind,
        })
        .collect())
}

/// Names of organisations by id.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> DomainResult<HashMap<i32, String>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    Ok(organisations::Entity::find()
        .filter(Expr::col(organisations::Column::Id).is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}
