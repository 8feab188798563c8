//! Outcomes (就业创业跟踪): what became of a person at a date. Trainees report their own
//! (self-reported); bureau admins, and staff of a base the person was placed at, record them
//! (verified) or mark a self-reported one verified. Nothing is overwritten: a verification is a
//! new row that supersedes the one it verifies, and a newer report is a new row; the person's
//! current outcome is the latest by date not superseded. Every row written is audited.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::{outcomes, placements, trainees, users};
use crate::identity::credit_code_is_valid;
use crate::local_time::{local_date, today};
use crate::policy::{self, Operation};
use crate::trainees::own_row;
use crate::{Actor, DomainError, DomainResult};
use chrono::Utc;
use model::Role;
use model::accounts::mask_phone;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::OutcomeSource;
use model::form::{FormInput, push_error};
use model::i18n::Msg;
use model::outcomes::{IncomeBand, MyOutcomes, OutcomeInput, OutcomeRow, Platform};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::{HashMap, HashSet};

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The outcome rows of `trainee_ids`, newest first, as the history shows them.
pub(crate) async fn rows_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    trainee_ids: &[i32],
) -> DomainResult<Vec<OutcomeRow>> {
    let rows = outcomes::Entity::find()
        .filter(outcomes::Column::TraineeId.is_in(trainee_ids.iter().copied()))
        .order_by_desc(outcomes::Column::AsOf)
        .order_by_desc(outcomes::Column::Id)
        .all(db)
        .await?;
    let superseded: HashSet<i32> = rows.iter().filter_map(|r| r.supersedes_id).collect();
    let recorders: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(rows.iter().filter_map(|r| r.recorded_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name.unwrap_or_else(|| mask_phone(&u.phone))))
        .collect();
    let mut may_verify: HashMap<i32, bool> = HashMap::new();
    for t in trainee_ids {
        may_verify.insert(*t, may_record_for(db, actor, *t).await.is_ok());
    }
    Ok(rows
        .into_iter()
        .map(|r| OutcomeRow {
            id: r.id,
            trainee_id: r.trainee_id,
            as_of: r.as_of,
            kind: *r.kind,
            employer: r.employer,
            position: r.position,
            business_name: r.business_name,
            business_credit_code: r.business_credit_code,
            platform: r.platform.as_deref().and_then(Platform::parse),
            shop_url: r.shop_url,
            income_band: r.income_band.as_deref().and_then(IncomeBand::parse),
            jobs_created: r.jobs_created,
            source: *r.source,
            recorded_by: r.recorded_by.and_then(|u| recorders.get(&u).cloned()),
            recorded_on: local_date(r.recorded_at),
            superseded: superseded.contains(&r.id),
            supersedes_id: r.supersedes_id,
            can_verify: r.source != OutcomeSource::Verified
                && !superseded.contains(&r.id)
                && may_verify.get(&r.trainee_id).copied().unwrap_or(false),
        })
        .collect())
}

/// The person's current outcome: the latest by date that nothing supersedes.
pub(crate) fn current(rows: &[OutcomeRow]) -> Option<&OutcomeRow> {
    rows.iter()
        .filter(|r| !r.superseded)
        .max_by_key(|r| (r.as_of, r.id))
}

/// May the actor record outcomes for this trainee? Bureau admins for anyone; partner staff
/// for people placed (now or before) at their base. Others' people are `NotFound`.
pub(crate) async fn may_record_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    trainee_id: i32,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::RecordOutcome)?;
    match actor.role() {
        Some(Role::BureauAdmin) => Ok(()),
        Some(Role::PartnerStaff) => {
            let org = actor.organisation_id().ok_or(DomainError::Forbidden)?;
            let placed = placements::Entity::find()
                .filter(placements::Column::TraineeId.eq(trainee_id))
                .filter(placements::Column::OrganisationId.eq(org))
                .filter(placements::Column::StartDate.is_not_null())
                .one(db)
                .await?
                .is_some();
            if !placed {
                return Err(DomainError::NotFound);
            }
            policy::authorize_for_org(
                actor,
                Operation::RecordOutcome,
                crate::partners::facts(db, org).await?,
            )
        }
        _ => Err(DomainError::Forbidden),
    }
}

/// Checks what the form cannot: the date against today and the person's birth, the credit
/// code's check character.
fn check_against(input: &OutcomeInput, trainee: &trainees::Model) -> DomainResult<()> {
    let mut errors = input.validate();
    if let Some(as_of) = input.as_of {
        if as_of > today() {
            push_error(&mut errors, "as_of", Msg::ErrDateInFuture);
        } else if as_of < trainee.birth_date {
            push_error(&mut errors, "as_of", Msg::ErrBeforeBirth);
        }
    }
    let code = input.business_credit_code.trim();
    if !code.is_empty() && !credit_code_is_valid(code) {
        push_error(&mut errors, "business_credit_code", Msg::ErrCreditCodeCheck);
    }
    DomainError::check(errors)
}

/// Writes one outcome row and its audit record.
pub(crate) async fn insert(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    trainee: &trainees::Model,
    input: &OutcomeInput,
    source: OutcomeSource,
    supersedes: Option<i32>,
) -> DomainResult<outcomes::Model> {
    let input = &input.clone().fitting();
    check_against(input, trainee)?;
    let (Some(as_of), Some(kind)) = (input.as_of, input.kind) else {
        return Err(DomainError::field("kind", Msg::ErrChoose));
    };
    let row = outcomes::ActiveModel {
        trainee_id: Set(trainee.id),
        as_of: Set(as_of),
        kind: Set(kind.into()),
        employer: Set(optional(&input.employer)),
        position: Set(optional(&input.position)),
        business_name: Set(optional(&input.business_name)),
        business_credit_code: Set(optional(&input.business_credit_code)),
        platform: Set(input.platform.map(|p| p.as_str().to_string())),
        shop_url: Set(optional(&input.shop_url)),
        income_band: Set(input.income_band.map(|b| b.as_str().to_string())),
        jobs_created: Set(input.jobs_created.unwrap_or(0)),
        source: Set(source.into()),
        recorded_by: Set(actor.user_id()),
        recorded_at: Set(Utc::now()),
        supersedes_id: Set(supersedes),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        actor,
        Event {
            action: match (source, supersedes) {
                (OutcomeSource::SelfReported, _) => AuditAction::OutcomeReported,
                (OutcomeSource::Verified, Some(_)) => AuditAction::OutcomeVerified,
                (OutcomeSource::FollowUp, _) => AuditAction::OutcomeFollowedUp,
                (OutcomeSource::Verified, None) => AuditAction::OutcomeRecorded,
            },
            entity: AuditRecord::Outcome,
            entity_id: Some(row.id.to_string()),
            detail: Some(serde_json::json!({
                "trainee_id": trainee.id,
                "kind": kind.as_str(),
                "as_of": as_of.to_string(),
                "supersedes": supersedes,
            })),
        },
    )
    .await?;
    crate::hosts::from_outcome(txn, actor, &row).await?;
    Ok(row)
}

/// The signed-in trainee's outcomes, newest first.
pub async fn mine(db: &DatabaseConnection, actor: &Actor) -> DomainResult<MyOutcomes> {
    policy::authorize(actor, Operation::ReportOwnOutcome)?;
    let Some(trainee) = own_row(db, actor).await? else {
        return Ok(MyOutcomes {
            rows: Vec::new(),
            has_profile: false,
        });
    };
    Ok(MyOutcomes {
        rows: rows_of(db, actor, &[trainee.id]).await?,
        has_profile: true,
    })
}

/// The signed-in trainee reports what they do now (self-reported).
pub async fn report_own(
    db: &DatabaseConnection,
    actor: &Actor,
    input: OutcomeInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ReportOwnOutcome)?;
    let trainee = own_row(db, actor)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrProfileRequired))?;
    let txn = begin_write(db).await?;
    let row = insert(
        &txn,
        actor,
        &trainee,
        &input,
        OutcomeSource::SelfReported,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn trainee(db: &impl ConnectionTrait, id: i32) -> DomainResult<trainees::Model> {
    trainees::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Bureau or base staff record a person's outcome (verified).
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    trainee_id: i32,
    input: OutcomeInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::RecordOutcome)?;
    let txn = begin_write(db).await?;
    may_record_for(&txn, actor, trainee_id).await?;
    let person = trainee(&txn, trainee_id).await?;
    let row = insert(&txn, actor, &person, &input, OutcomeSource::Verified, None).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Marks an outcome verified: a copy of it, source verified, that supersedes it (the original
/// stays in the history). Returns the new row's id.
pub async fn verify(db: &DatabaseConnection, actor: &Actor, outcome_id: i32) -> DomainResult<i32> {
    policy::authorize(actor, Operation::RecordOutcome)?;
    let txn = begin_write(db).await?;
    let original = outcomes::Entity::find_by_id(outcome_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    may_record_for(&txn, actor, original.trainee_id).await?;
    let already = outcomes::Entity::find()
        .filter(outcomes::Column::SupersedesId.eq(original.id))
        .one(&txn)
        .await?
        .is_some();
    if already || original.source == OutcomeSource::Verified {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    let person = trainee(&txn, original.trainee_id).await?;
    let input = OutcomeInput {
        as_of: Some(original.as_of),
        kind: Some(*original.kind),
        employer: original.employer.clone().unwrap_or_default(),
        position: original.position.clone().unwrap_or_default(),
        business_name: original.business_name.clone().unwrap_or_default(),
        business_credit_code: original.business_credit_code.clone().unwrap_or_default(),
        platform: original.platform.as_deref().and_then(Platform::parse),
        shop_url: original.shop_url.clone().unwrap_or_default(),
        income_band: original.income_band.as_deref().and_then(IncomeBand::parse),
        jobs_created: Some(original.jobs_created),
    };
    let row = insert(
        &txn,
        actor,
        &person,
        &input,
        OutcomeSource::Verified,
        Some(original.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}
