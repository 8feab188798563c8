//! School–enterprise agreements (校企合作): a college or training school records one with an
//! enterprise or base, the other side confirms it, either side can cancel it, and the bureau
//! sees them all with those ending within 60 days flagged.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::{agreements, organisations};
use crate::local_time::today;
use crate::partners::{agreement_partners, facts, names};
use crate::policy::{self, Operation, OrgScope};
use crate::{Actor, DomainError, DomainResult};
use chrono::{Duration, NaiveDate, Utc};
use model::agreements::{AgreementInput, AgreementList, AgreementRow, EXPIRY_WARNING_DAYS};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::{AgreementStatus, OrganisationStatus};
use model::form::FormInput;
use model::i18n::Msg;
use model::partners::hosts_agreements;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set,
};

/// At most this many agreements are listed (the programme has dozens, not thousands).
const LIST_LIMIT: u64 = 500;

fn expiring(a: &agreements::Model, today: NaiveDate) -> bool {
    a.status == AgreementStatus::Confirmed
        && a.ends_on >= today
        && a.ends_on <= today + Duration::days(EXPIRY_WARNING_DAYS)
}

/// The agreements the actor may see: all for the bureau, their organisation's for partners.
/// Those about to expire come first.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> DomainResult<AgreementList> {
    use sea_orm::QuerySelect;
    let scope = policy::org_scope(actor, Operation::ViewAgreements)?;
    let mut select = agreements::Entity::find();
    let mut own = None;
    if let OrgScope::Own(id) = scope {
        select = select.filter(
            Condition::any()
                .add(agreements::Column::CollegeId.eq(id))
                .add(agreements::Column::PartnerId.eq(id)),
        );
        own = Some(facts(db, id).await?);
    }
    let rows = select
        .order_by_asc(agreements::Column::EndsOn)
        .order_by_asc(agreements::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let org_names = names(db, rows.iter().flat_map(|a| [a.college_id, a.partner_id])).await?;
    let today = today();
    let standing_ok = own.is_some_and(|o| o.status == OrganisationStatus::Approved);
    let mut rows: Vec<AgreementRow> = rows
        .into_iter()
        .map(|a| {
            let mine = own.map(|o| o.id);
            let live = matches!(
                *a.status,
                AgreementStatus::Proposed | AgreementStatus::Confirmed
            );
            AgreementRow {
                id: a.id,
                college_id: a.college_id,
                college: org_names.get(&a.college_id).cloned().unwrap_or_default(),
                partner_id: a.partner_id,
                partner: org_names.get(&a.partner_id).cloned().unwrap_or_default(),
                kind: *a.kind,
                starts_on: a.starts_on,
                ends_on: a.ends_on,
                places_offered: a.places_offered,
                status: *a.status,
                expiring_soon: expiring(&a, today),
                can_confirm: standing_ok
                    && a.status == AgreementStatus::Proposed
                    && mine == Some(a.partner_id),
                can_cancel: standing_ok
                    && live
                    && (mine == Some(a.partner_id) || mine == Some(a.college_id)),
            }
        })
        .collect();
    rows.sort_by_key(|r| !r.expiring_soon);
    let expiring_count = rows.iter().filter(|r| r.expiring_soon).count() as u64;
    let can_propose = own
        .is_some_and(|o| policy::authorize_for_org(actor, Operation::ProposeAgreement, o).is_ok());
    Ok(AgreementList {
        rows,
        expiring: expiring_count,
        can_propose,
        partners: if can_propose {
            agreement_partners(db).await?
        } else {
            Vec::new()
        },
    })
}

/// A college or training school records an agreement with an approved enterprise or base.
pub async fn propose(
    db: &DatabaseConnection,
    actor: &Actor,
    input: AgreementInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ProposeAgreement)?;
    let own = facts(db, actor.organisation_id().ok_or(DomainError::Forbidden)?).await?;
    policy::authorize_for_org(actor, Operation::ProposeAgreement, own)?;
    let mut errors = input.validate();
    if let Some(partner) = input.partner_id {
        let ok = organisations::Entity::find_by_id(partner)
            .one(db)
            .await?
            .is_some_and(|o| o.status == OrganisationStatus::Approved && hosts_agreements(*o.kind));
        if !ok {
            model::form::push_error(&mut errors, "partner_id", Msg::ErrAgreementPartner);
        }
    }
    DomainError::check(errors)?;
    let (Some(partner_id), Some(kind), Some(starts_on), Some(ends_on), Some(places)) = (
        input.partner_id,
        input.kind,
        input.starts_on,
        input.ends_on,
        input.places_offered,
    ) else {
        return Err(DomainError::field("partner_id", Msg::ErrRequired));
    };
    let txn = begin_write(db).await?;
    let row = agreements::ActiveModel {
        college_id: Set(own.id),
        partner_id: Set(partner_id),
        kind: Set(kind.into()),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        places_offered: Set(places),
        status: Set(AgreementStatus::Proposed.into()),
        created_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        created_at: Set(Utc::now()),
        confirmed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::AgreementProposed,
            entity: AuditRecord::Agreement,
            entity_id: Some(row.id.to_string()),
            detail: Some(serde_json::json!({ "partner_id": partner_id, "kind": kind.as_str() })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The enterprise or base confirms an agreement recorded with it.
pub async fn confirm(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<()> {
    change(db, actor, id, AgreementStatus::Confirmed).await
}

/// Either side cancels an agreement that is proposed or in force.
pub async fn cancel(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<()> {
    change(db, actor, id, AgreementStatus::Cancelled).await
}

async fn change(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    to: AgreementStatus,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ViewAgreements)?;
    let txn = begin_write(db).await?;
    let agreement = agreements::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mine = actor.organisation_id();
    // Who acts: the partner side confirms; either side cancels. Anyone else does not see it.
    let (op, org_id) = if mine == Some(agreement.partner_id) {
        (Operation::ConfirmAgreement, agreement.partner_id)
    } else if mine == Some(agreement.college_id) && to == AgreementStatus::Cancelled {
        (Operation::ProposeAgreement, agreement.college_id)
    } else if mine == Some(agreement.college_id) || mine.is_none() {
        // The college cannot confirm for its partner; the bureau sees but does not sign.
        return Err(DomainError::Forbidden);
    } else {
        return Err(DomainError::NotFound);
    };
    policy::authorize_for_org(actor, op, facts(&txn, org_id).await?)?;
    let allowed_from: &[AgreementStatus] = match to {
        AgreementStatus::Confirmed => &[AgreementStatus::Proposed],
        _ => &[AgreementStatus::Proposed, AgreementStatus::Confirmed],
    };
    if !allowed_from.contains(&agreement.status) {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    let mut active = agreement.into_active_model();
    active.status = Set(to.into());
    if to == AgreementStatus::Confirmed {
        active.confirmed_at = Set(Some(Utc::now()));
    }
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: if to == AgreementStatus::Confirmed {
                AuditAction::AgreementConfirmed
            } else {
                AuditAction::AgreementCancelled
            },
            entity: AuditRecord::Agreement,
            entity_id: Some(id.to_string()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
