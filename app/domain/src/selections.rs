//! Public honour selections (诚信带货主播, 文明诚信电商). The bureau opens a round for a kind and a
//! year with its criteria; partners nominate people linked to them, the bureau nominates
//! anyone, trainees apply; bureau reviewers score each nomination (0–100); complaints and
//! violations recorded against a candidate rule them out or take points off. The shortlist
//! then goes on public notice (公示) for the round's notice period, during which anyone may
//! object (rate-limited; their contact details stay with the bureau). When the period is over
//! and every objection is decided, the bureau publishes the result: each shortlisted candidate
//! not ruled out and with no upheld objection is honoured, with an honour certificate issued
//! and signed like any other, in the same transaction.
//!
//! A round changes only while it takes nominations; once on notice its shortlist is fixed, and
//! once published nothing in it changes.

use crate::audit::{self, Event};
use crate::certificates::{self, Honour};
use crate::db::{begin_write, is_unique_violation};
use crate::entities::Coded;
use crate::entities::codes;
use crate::entities::{
    certificates as certificate_rows, courses, enrollments, hosts, placements,
    selection_nominations, selection_objections, selection_rounds, selection_scores,
    selection_violations, trainees, users,
};
use crate::local_time::local_date;
use crate::partners::{facts, names};
use crate::policy::{self, Operation};
use crate::throttle::RateLimit;
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::{Duration, Utc};
use model::Role;
use model::accounts::{mask_phone, normalise_phone};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::{
    NominationStatus, ObjectionStatus, RoundStatus, SelectionKind, ViolationEffect,
};
use model::form::{FormInput, push_error};
use model::i18n::Msg;
use model::selections::{
    CandidateOption, MAX_SHORTLIST, NominationInput, NominationRow, NoticeInput, NoticePhase,
    ObjectionDecision, ObjectionInput, ObjectionRow, PublicCandidate, PublicNotice, PublicNotices,
    RoundDetail, RoundInput, RoundList, RoundRow, ScoreInput, ScoreRow, ViolationInput,
    ViolationRow,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};

/// Objections one address may send in [`OBJECTION_WINDOW`].
const OBJECTIONS_PER_WINDOW: u32 = 5;
const OBJECTION_WINDOW: std::time::Duration = std::time::Duration::from_secs(60 * 60);
/// Objections one contact phone may send to one round.
const OBJECTIONS_PER_PHONE: u64 = 5;
/// People offered to a partner to nominate.
const CANDIDATE_LIMIT: u64 = 500;

/// The per-address limit on objections, held by [`Services`].
pub fn objection_limit() -> RateLimit {
    RateLimit::new(OBJECTIONS_PER_WINDOW, OBJECTION_WINDOW)
}

fn is_bureau(actor: &Actor) -> bool {
    matches!(actor.role(), Some(Role::BureauAdmin | Role::BureauViewer))
}

/// The title conferred by a round of `kind`, as certificates and public pages name it.
pub fn honour_title(kind: SelectionKind) -> &'static str {
    match kind {
        SelectionKind::HonestHost => "诚信带货主播",
        SelectionKind::HonestBusiness => "文明诚信电商",
    }
}

async fn find_round(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> DomainResult<selection_rounds::Model> {
    let round = selection_rounds::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    // A cancelled round is the bureau's business only.
    if round.status == RoundStatus::Cancelled && !is_bureau(actor) {
        return Err(DomainError::NotFound);
    }
    Ok(round)
}

fn round_row(r: &selection_rounds::Model, nominations: u64) -> RoundRow {
    RoundRow {
        id: r.id,
        kind: *r.kind,
        year: r.year,
        title: r.title.clone(),
        status: *r.status,
        notice_days: r.notice_days,
        notice_starts_at: r.notice_starts_at,
        notice_ends_at: r.notice_ends_at,
        published_at: r.published_at,
        nominations,
    }
}

/// Whose nominations an actor sees in a round.
enum NominationScope {
    All,
    Organisation(i32),
    Trainee(Option<i32>),
}

async fn nomination_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> DomainResult<NominationScope> {
    Ok(match actor.role() {
        Some(Role::BureauAdmin | Role::BureauViewer) => NominationScope::All,
        Some(Role::PartnerStaff) => {
            NominationScope::Organisation(actor.organisation_id().ok_or(DomainError::Forbidden)?)
        }
        _ => NominationScope::Trainee(crate::trainees::own_row(db, actor).await?.map(|t| t.id)),
    })
}

fn scoped(
    select: sea_orm::Select<selection_nominations::Entity>,
    scope: &NominationScope,
) -> sea_orm::Select<selection_nominations::Entity> {
    match scope {
        NominationScope::All => select,
        NominationScope::Organisation(org) => {
            select.filter(selection_nominations::Column::OrganisationId.eq(*org))
        }
        NominationScope::Trainee(Some(t)) => {
            select.filter(selection_nominations::Column::TraineeId.eq(*t))
        }
        NominationScope::Trainee(None) => select.filter(Expr::val(1).eq(0)),
    }
}

/// Records `what` (action, record type, id) in the audit log and commits the change with it.
async fn logged(
    txn: sea_orm::DatabaseTransaction,
    actor: &Actor,
    what: (AuditAction, AuditRecord, i32),
    detail: Option<serde_json::Value>,
) -> DomainResult<()> {
    let (action, entity, id) = what;
    audit::record(
        &txn,
        actor,
        Event {
            action,
            entity,
            entity_id: Some(id.to_string()),
            detail,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The rounds the actor may see, newest first (cancelled ones for the bureau only).
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> DomainResult<RoundList> {
    policy::authorize(actor, Operation::ViewSelections)?;
    let mut select = selection_rounds::Entity::find();
    if !is_bureau(actor) {
        select =
            select.filter(selection_rounds::Column::Status.ne(RoundStatus::Cancelled.as_str()));
    }
    let rounds = select
        .order_by_desc(selection_rounds::Column::Year)
        .order_by_desc(selection_rounds::Column::Id)
        .all(db)
        .await?;
    let scope = nomination_scope(db, actor).await?;
    // The nominations the actor sees, counted per round in one query.
    let counts: HashMap<i32, i64> = scoped(selection_nominations::Entity::find(), &scope)
        .select_only()
        .column(selection_nominations::Column::RoundId)
        .column_as(selection_nominations::Column::Id.count(), "n")
        .group_by(selection_nominations::Column::RoundId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let rows = rounds
        .iter()
        .map(|r| {
            round_row(
                r,
                counts
                    .get(&r.id)
                    .map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
            )
        })
        .collect();
    Ok(RoundList {
        rows,
        can_open: policy::authorize(actor, Operation::ManageSelections).is_ok(),
    })
}

async fn check_unique_round(
    db: &impl ConnectionTrait,
    kind: SelectionKind,
    year: i32,
    except: Option<i32>,
) -> DomainResult<()> {
    let mut select = selection_rounds::Entity::find()
        .filter(selection_rounds::Column::Kind.eq(kind.as_str()))
        .filter(selection_rounds::Column::Year.eq(year))
        .filter(selection_rounds::Column::Status.ne(RoundStatus::Cancelled.as_str()));
    if let Some(id) = except {
        select = select.filter(selection_rounds::Column::Id.ne(id));
    }
    if select.count(db).await? > 0 {
        return Err(DomainError::field("year", Msg::ErrRoundExists));
    }
    Ok(())
}

/// The bureau opens a round.
pub async fn open(db: &DatabaseConnection, actor: &Actor, input: RoundInput) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ManageSelections)?;
    DomainError::check(input.validate())?;
    let (Some(kind), Some(year), Some(notice_days)) = (input.kind, input.year, input.notice_days)
    else {
        return Err(DomainError::field("kind", Msg::ErrChoose));
    };
    let txn = begin_write(db).await?;
    check_unique_round(&txn, kind, year, None).await?;
    let now = Utc::now();
    let row = selection_rounds::ActiveModel {
        kind: Set(kind.into()),
        year: Set(year),
        title: Set(input.title.trim().to_string()),
        criteria: Set(input.criteria.trim().to_string()),
        notice_days: Set(notice_days),
        status: Set(RoundStatus::Open.into()),
        notice_starts_at: Set(None),
        notice_ends_at: Set(None),
        published_at: Set(None),
        created_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionOpened,
            AuditRecord::SelectionRound,
            row.id,
        ),
        Some(serde_json::json!({ "kind": kind.as_str(), "year": year })),
    )
    .await?;
    Ok(row.id)
}

/// The bureau changes a round while it takes nominations.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: RoundInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ManageSelections)?;
    let txn = begin_write(db).await?;
    let round = find_round(&txn, actor, id).await?;
    if round.status != RoundStatus::Open {
        return Err(DomainError::Conflict(Msg::ErrRoundLocked));
    }
    DomainError::check(input.validate())?;
    let (Some(kind), Some(year), Some(notice_days)) = (input.kind, input.year, input.notice_days)
    else {
        return Err(DomainError::field("kind", Msg::ErrChoose));
    };
    if kind != *round.kind {
        let nominated = selection_nominations::Entity::find()
            .filter(selection_nominations::Column::RoundId.eq(id))
            .count(&txn)
            .await?;
        if nominated > 0 {
            return Err(DomainError::field("kind", Msg::ErrRoundLocked));
        }
    }
    check_unique_round(&txn, kind, year, Some(id)).await?;
    let mut active = round.into_active_model();
    active.kind = Set(kind.into());
    active.year = Set(year);
    active.title = Set(input.title.trim().to_string());
    active.criteria = Set(input.criteria.trim().to_string());
    active.notice_days = Set(notice_days);
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionChanged,
            AuditRecord::SelectionRound,
            id,
        ),
        None,
    )
    .await?;
    Ok(())
}

/// The bureau cancels a round before its result is published.
pub async fn cancel(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<()> {
    policy::authorize(actor, Operation::ManageSelections)?;
    let txn = begin_write(db).await?;
    let round = find_round(&txn, actor, id).await?;
    match *round.status {
        RoundStatus::Open | RoundStatus::Notice => {}
        RoundStatus::Published => return Err(DomainError::Conflict(Msg::ErrRoundLocked)),
        RoundStatus::Cancelled => return Err(DomainError::Conflict(Msg::ErrWrongStatus)),
    }
    let mut active = round.into_active_model();
    active.status = Set(RoundStatus::Cancelled.into());
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionCancelled,
            AuditRecord::SelectionRound,
            id,
        ),
        None,
    )
    .await?;
    Ok(())
}

/// Trainees linked to a partner: trained on its courses, placed with it, or hosting with it.
pub(crate) fn linked_to(org: i32) -> sea_orm::Condition {
    let trained = sea_orm::sea_query::Query::select()
        .column(enrollments::Column::TraineeId)
        .from(enrollments::Entity)
        .inner_join(
            courses::Entity,
            Expr::col((courses::Entity, courses::Column::Id))
                .equals((enrollments::Entity, enrollments::Column::CourseId)),
        )
        .and_where(Expr::col((courses::Entity, courses::Column::OrganisationId)).eq(org))
        .to_owned();
    let placed = sea_orm::sea_query::Query::select()
        .column(placements::Column::TraineeId)
        .from(placements::Entity)
        .and_where(Expr::col(placements::Column::OrganisationId).eq(org))
        .to_owned();
    let hosting = sea_orm::sea_query::Query::select()
        .column(hosts::Column::TraineeId)
        .from(hosts::Entity)
        .and_where(Expr::col(hosts::Column::AgencyId).eq(org))
        .to_owned();
    sea_orm::Condition::any()
        .add(trainees::Column::Id.in_subquery(trained))
        .add(trainees::Column::Id.in_subquery(placed))
        .add(trainees::Column::Id.in_subquery(hosting))
}

/// Puts someone forward: a partner one of the people linked to it, the bureau anyone, a
/// trainee themselves.
pub async fn nominate(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    input: NominationInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::Nominate)?;
    let round = find_round(db, actor, round_id).await?;
    let mut organisation_id = None;
    if actor.role() == Some(Role::PartnerStaff) {
        let own = facts(db, actor.organisation_id().ok_or(DomainError::Forbidden)?).await?;
        policy::authorize_for_org(actor, Operation::Nominate, own)?;
        organisation_id = Some(own.id);
    }
    if round.status != RoundStatus::Open {
        return Err(DomainError::Conflict(Msg::ErrRoundNotOpen));
    }
    let mut errors = input.validate();
    if round.kind == SelectionKind::HonestBusiness && input.business_name.trim().is_empty() {
        push_error(&mut errors, "business_name", Msg::ErrBusinessNameRequired);
    }
    let trainee = match actor.role() {
        Some(Role::Trainee) => Some(
            crate::trainees::own_row(db, actor)
                .await?
                .ok_or(DomainError::Conflict(Msg::ErrProfileRequired))?,
        ),
        _ => match input.trainee_id {
            None => {
                push_error(&mut errors, "trainee_id", Msg::ErrChoose);
                None
            }
            Some(id) => {
                let mut select = trainees::Entity::find().filter(trainees::Column::Id.eq(id));
                if let Some(org) = organisation_id {
                    select = select.filter(linked_to(org));
                }
                let found = select.one(db).await?;
                if found.is_none() {
                    push_error(&mut errors, "trainee_id", Msg::ErrNotNominable);
                }
                found
            }
        },
    };
    DomainError::check(errors)?;
    let trainee = trainee.ok_or(DomainError::NotFound)?;
    let txn = begin_write(db).await?;
    let already = selection_nominations::Entity::find()
        .filter(selection_nominations::Column::RoundId.eq(round_id))
        .filter(selection_nominations::Column::TraineeId.eq(trainee.id))
        .count(&txn)
        .await?;
    if already > 0 {
        return Err(DomainError::Conflict(Msg::ErrAlreadyNominated));
    }
    let business = input.business_name.trim();
    let inserted = selection_nominations::ActiveModel {
        round_id: Set(round_id),
        trainee_id: Set(trainee.id),
        business_name: Set((!business.is_empty()).then(|| business.to_string())),
        reason: Set(input.reason.trim().to_string()),
        organisation_id: Set(organisation_id),
        nominated_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        status: Set(NominationStatus::Nominated.into()),
        certificate_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e) if is_unique_violation(&e) => {
            return Err(DomainError::Conflict(Msg::ErrAlreadyNominated));
        }
        Err(e) => return Err(e.into()),
    };
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionNominated,
            AuditRecord::SelectionNomination,
            row.id,
        ),
        Some(serde_json::json!({ "round_id": round_id, "trainee_id": trainee.id })),
    )
    .await?;
    Ok(row.id)
}

/// A nomination with its round, for the bureau's actions on it.
async fn nomination_and_round(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> DomainResult<(selection_nominations::Model, selection_rounds::Model)> {
    let nomination = selection_nominations::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let round = find_round(db, actor, nomination.round_id).await?;
    Ok((nomination, round))
}

/// A reviewer scores a nomination (again: the new score replaces theirs).
pub async fn score(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    input: ScoreInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ScoreNominations)?;
    let reviewer = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let txn = begin_write(db).await?;
    let (nomination, round) = nomination_and_round(&txn, actor, nomination_id).await?;
    if round.status != RoundStatus::Open || nomination.status != NominationStatus::Nominated {
        return Err(DomainError::Conflict(Msg::ErrRoundNotOpen));
    }
    DomainError::check(input.validate())?;
    let score = input
        .score
        .ok_or(DomainError::field("score", Msg::ErrRequired))?;
    let comment = input.comment.trim();
    let comment = (!comment.is_empty()).then(|| comment.to_string());
    let existing = selection_scores::Entity::find()
        .filter(selection_scores::Column::NominationId.eq(nomination_id))
        .filter(selection_scores::Column::ReviewerId.eq(reviewer))
        .one(&txn)
        .await?;
    match existing {
        Some(s) => {
            let mut active = s.into_active_model();
            active.score = Set(score);
            active.comment = Set(comment);
            active.scored_at = Set(Utc::now());
            active.update(&txn).await?;
        }
        None => {
            selection_scores::ActiveModel {
                nomination_id: Set(nomination_id),
                reviewer_id: Set(reviewer),
                score: Set(score),
                comment: Set(comment),
                scored_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionScored,
            AuditRecord::SelectionNomination,
            nomination_id,
        ),
        Some(serde_json::json!({ "score": score })),
    )
    .await?;
    Ok(())
}

/// The bureau records a complaint or violation against a candidate, before the result is
/// published (one found during the notice still counts).
pub async fn record_violation(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    input: ViolationInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ManageSelections)?;
    let txn = begin_write(db).await?;
    let (_, round) = nomination_and_round(&txn, actor, nomination_id).await?;
    if !matches!(*round.status, RoundStatus::Open | RoundStatus::Notice) {
        return Err(DomainError::Conflict(Msg::ErrRoundLocked));
    }
    DomainError::check(input.validate())?;
    let effect = input
        .effect
        .ok_or(DomainError::field("effect", Msg::ErrChoose))?;
    let row = selection_violations::ActiveModel {
        nomination_id: Set(nomination_id),
        source: Set(input.source.trim().to_string()),
        description: Set(input.description.trim().to_string()),
        effect: Set(effect.into()),
        points: Set(match effect {
            ViolationEffect::Deduct => input.points.unwrap_or(0),
            ViolationEffect::Block => 0,
        }),
        recorded_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionViolationRecorded,
            AuditRecord::SelectionNomination,
            nomination_id,
        ),
        Some(serde_json::json!({ "effect": effect.as_str(), "points": row.points })),
    )
    .await?;
    Ok(row.id)
}

/// How a nomination stands: its scores, deductions and whether it is ruled out.
#[derive(Default)]
struct Standing {
    scores: Vec<selection_scores::Model>,
    violations: Vec<selection_violations::Model>,
    objection_upheld: bool,
}

impl Standing {
    fn blocked(&self) -> bool {
        self.violations
            .iter()
            .any(|v| v.effect == ViolationEffect::Block)
    }

    fn final_score(&self) -> Option<f64> {
        if self.scores.is_empty() {
            return None;
        }
        let mean =
            self.scores.iter().map(|s| f64::from(s.score)).sum::<f64>() / self.scores.len() as f64;
        let deducted: i32 = self
            .violations
            .iter()
            .filter(|v| v.effect == ViolationEffect::Deduct)
            .map(|v| v.points)
            .sum();
        Some(((mean - f64::from(deducted)).max(0.0) * 10.0).round() / 10.0)
    }
}

async fn standings(
    db: &impl ConnectionTrait,
    nominations: &[i32],
) -> DomainResult<HashMap<i32, Standing>> {
    let mut out: HashMap<i32, Standing> = HashMap::new();
    if nominations.is_empty() {
        return Ok(out);
    }
    for s in selection_scores::Entity::find()
        .filter(selection_scores::Column::NominationId.is_in(nominations.iter().copied()))
        .order_by_asc(selection_scores::Column::Id)
        .all(db)
        .await?
    {
        out.entry(s.nomination_id).or_default().scores.push(s);
    }
    for v in selection_violations::Entity::find()
        .filter(selection_violations::Column::NominationId.is_in(nominations.iter().copied()))
        .order_by_asc(selection_violations::Column::Id)
        .all(db)
        .await?
    {
        out.entry(v.nomination_id).or_default().violations.push(v);
    }
    for o in selection_objections::Entity::find()
        .filter(selection_objections::Column::NominationId.is_in(nominations.iter().copied()))
        .filter(selection_objections::Column::Status.eq(ObjectionStatus::Upheld.as_str()))
        .all(db)
        .await?
    {
        if let Some(n) = o.nomination_id {
            out.entry(n).or_default().objection_upheld = true;
        }
    }
    Ok(out)
}

/// The shortlist goes on public notice for the round's notice period; everyone else in the
/// round is not selected.
pub async fn start_notice(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
    input: NoticeInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ManageSelections)?;
    let txn = begin_write(db).await?;
    let round = find_round(&txn, actor, round_id).await?;
    if round.status != RoundStatus::Open {
        return Err(DomainError::Conflict(Msg::ErrRoundLocked));
    }
    let shortlist: HashSet<i32> = input.shortlist.iter().copied().collect();
    if shortlist.is_empty() {
        return Err(DomainError::field("shortlist", Msg::ErrShortlistEmpty));
    }
    if shortlist.len() > MAX_SHORTLIST {
        return Err(DomainError::field("shortlist", Msg::ErrTooMany));
    }
    let nominations = selection_nominations::Entity::find()
        .filter(selection_nominations::Column::RoundId.eq(round_id))
        .filter(selection_nominations::Column::Status.eq(NominationStatus::Nominated.as_str()))
        .all(&txn)
        .await?;
    let ids: Vec<i32> = nominations.iter().map(|n| n.id).collect();
    let standing = standings(&txn, &ids).await?;
    let eligible = |id: &i32| {
        standing
            .get(id)
            .is_some_and(|s| !s.scores.is_empty() && !s.blocked())
    };
    if !shortlist.iter().all(|id| ids.contains(id) && eligible(id)) {
        return Err(DomainError::field("shortlist", Msg::ErrShortlistInvalid));
    }
    for n in nominations {
        let on = shortlist.contains(&n.id);
        let mut active = n.into_active_model();
        active.status = Set(if on {
            Coded(NominationStatus::Shortlisted)
        } else {
            Coded(NominationStatus::NotSelected)
        });
        active.update(&txn).await?;
    }
    let now = Utc::now();
    let days = i64::from(round.notice_days);
    let mut active = round.into_active_model();
    active.status = Set(RoundStatus::Notice.into());
    active.notice_starts_at = Set(Some(now));
    active.notice_ends_at = Set(Some(now + Duration::days(days)));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionNoticeStarted,
            AuditRecord::SelectionRound,
            round_id,
        ),
        Some(serde_json::json!({ "shortlisted": shortlist.len(), "days": days })),
    )
    .await?;
    Ok(())
}

/// A candidate as pages name them.
#[derive(Clone, Default)]
struct Person {
    name: String,
    town: String,
    user_id: i32,
}

/// Names, towns and accounts of trainees by id.
async fn people(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> DomainResult<HashMap<i32, Person>> {
    let ids: Vec<i32> = ids
        .into_iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let towns = crate::towns::names(db).await?;
    Ok(trainees::Entity::find()
        .filter(trainees::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let town = towns.get(&t.town_id).cloned().unwrap_or_default();
            (
                t.id,
                Person {
                    name: t.name,
                    town,
                    user_id: t.user_id,
                },
            )
        })
        .collect())
}

/// One round with what the actor may see of it: every nomination with scores, violations and
/// objections for the bureau (contact details for admins only); a partner's own nominations;
/// a trainee's own.
pub async fn detail(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<RoundDetail> {
    policy::authorize(actor, Operation::ViewSelections)?;
    let round = find_round(db, actor, id).await?;
    let scope = nomination_scope(db, actor).await?;
    let nominations = scoped(
        selection_nominations::Entity::find().filter(selection_nominations::Column::RoundId.eq(id)),
        &scope,
    )
    .order_by_asc(selection_nominations::Column::Id)
    .all(db)
    .await?;
    let bureau = is_bureau(actor);
    let manage = policy::authorize(actor, Operation::ManageSelections).is_ok();
    let ids: Vec<i32> = nominations.iter().map(|n| n.id).collect();
    let mut standing = standings(db, &ids).await?;
    let who = people(db, nominations.iter().map(|n| n.trainee_id)).await?;
    let orgs = names(db, nominations.iter().filter_map(|n| n.organisation_id)).await?;
    let reviewers: HashMap<i32, String> = if bureau {
        let reviewer_ids: HashSet<i32> = standing
            .values()
            .flat_map(|s| s.scores.iter().map(|x| x.reviewer_id))
            .collect();
        users::Entity::find()
            .filter(users::Column::Id.is_in(reviewer_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name.unwrap_or_else(|| mask_phone(&u.phone))))
            .collect()
    } else {
        HashMap::new()
    };
    let codes: HashMap<i32, String> = certificate_rows::Entity::find()
        .filter(
            certificate_rows::Column::Id.is_in(nominations.iter().filter_map(|n| n.certificate_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.verification_code))
        .collect();
    let me = actor.user_id();
    let rows = nominations
        .iter()
        .map(|n| {
            let s = standing.remove(&n.id).unwrap_or_default();
            let person = who.get(&n.trainee_id).cloned().unwrap_or_default();
            NominationRow {
                id: n.id,
                trainee_id: n.trainee_id,
                self_applied: n.organisation_id.is_none() && n.nominated_by == person.user_id,
                name: person.name,
                town: person.town,
                business_name: n.business_name.clone(),
                reason: n.reason.clone(),
                nominated_by: n
                    .organisation_id
                    .and_then(|o| orgs.get(&o).cloned())
                    .unwrap_or_default(),
                status: *n.status,
                my_score: s
                    .scores
                    .iter()
                    .find(|x| Some(x.reviewer_id) == me)
                    .map(|x| x.score),
                final_score: if bureau { s.final_score() } else { None },
                blocked: bureau && s.blocked(),
                objection_upheld: bureau && s.objection_upheld,
                scores: if bureau {
                    s.scores
                        .iter()
                        .map(|x| ScoreRow {
                            reviewer: reviewers.get(&x.reviewer_id).cloned().unwrap_or_default(),
                            score: x.score,
                            comment: x.comment.clone(),
                            scored_at: x.scored_at,
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                violations: if bureau {
                    s.violations
                        .iter()
                        .map(|v| ViolationRow {
                            id: v.id,
                            source: v.source.clone(),
                            description: v.description.clone(),
                            effect: *v.effect,
                            points: v.points,
                            recorded_at: v.recorded_at,
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                certificate_code: n.certificate_id.and_then(|c| codes.get(&c).cloned()),
            }
        })
        .collect();
    let objections = if manage {
        let candidates: HashMap<i32, i32> =
            nominations.iter().map(|n| (n.id, n.trainee_id)).collect();
        selection_objections::Entity::find()
            .filter(selection_objections::Column::RoundId.eq(id))
            .order_by_asc(selection_objections::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|o| ObjectionRow {
                id: o.id,
                nomination_id: o.nomination_id,
                candidate: o
                    .nomination_id
                    .and_then(|n| candidates.get(&n))
                    .and_then(|t| who.get(t))
                    .map(|p| p.name.clone()),
                body: o.body,
                contact_name: o.contact_name,
                contact_phone: o.contact_phone,
                status: *o.status,
                reply: o.reply,
                created_at: o.created_at,
            })
            .collect()
    } else {
        Vec::new()
    };
    let can_nominate = round.status == RoundStatus::Open
        && match actor.role() {
            Some(Role::PartnerStaff) => match actor.organisation_id() {
                Some(org) => {
                    policy::authorize_for_org(actor, Operation::Nominate, facts(db, org).await?)
                        .is_ok()
                }
                None => false,
            },
            Some(Role::Trainee) => nominations.is_empty(),
            _ => policy::authorize(actor, Operation::Nominate).is_ok(),
        };
    let candidates = match (can_nominate, actor.role(), actor.organisation_id()) {
        (true, Some(Role::PartnerStaff), Some(org)) => {
            let towns = crate::towns::names(db).await?;
            trainees::Entity::find()
                .filter(linked_to(org))
                .order_by_asc(trainees::Column::Name)
                .limit(CANDIDATE_LIMIT)
                .all(db)
                .await?
                .into_iter()
                .map(|t| CandidateOption {
                    trainee_id: t.id,
                    town: towns.get(&t.town_id).cloned().unwrap_or_default(),
                    name: t.name,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let count = nominations.len() as u64;
    Ok(RoundDetail {
        criteria: round.criteria.clone(),
        round: round_row(&round, count),
        nominations: rows,
        objections,
        can_manage: manage,
        can_score: round.status == RoundStatus::Open
            && policy::authorize(actor, Operation::ScoreNominations).is_ok(),
        can_nominate,
        applies: actor.role() == Some(Role::Trainee),
        candidates,
    })
}

/// A round as the public sees it: on notice, the shortlist; published, those honoured.
async fn public_view(
    db: &impl ConnectionTrait,
    round: selection_rounds::Model,
) -> DomainResult<PublicNotice> {
    let shown = if round.status == RoundStatus::Published {
        NominationStatus::Honoured
    } else {
        NominationStatus::Shortlisted
    };
    let nominations = selection_nominations::Entity::find()
        .filter(selection_nominations::Column::RoundId.eq(round.id))
        .filter(selection_nominations::Column::Status.eq(shown.as_str()))
        .order_by_asc(selection_nominations::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = nominations.iter().map(|n| n.id).collect();
    let standing = standings(db, &ids).await?;
    let who = people(db, nominations.iter().map(|n| n.trainee_id)).await?;
    let now = Utc::now();
    let (Some(starts), Some(ends)) = (round.notice_starts_at, round.notice_ends_at) else {
        return Err(DomainError::NotFound);
    };
    Ok(PublicNotice {
        id: round.id,
        kind: *round.kind,
        year: round.year,
        title: round.title,
        criteria: round.criteria,
        status: *round.status,
        notice_starts_at: starts,
        notice_ends_at: ends,
        taking_objections: round.status == RoundStatus::Notice && now >= starts && now < ends,
        phase: NoticePhase::of(*round.status, starts, ends, now),
        candidates: nominations
            .into_iter()
            .map(|n| {
                let person = who.get(&n.trainee_id).cloned().unwrap_or_default();
                PublicCandidate {
                    nomination_id: n.id,
                    name: person.name,
                    town: person.town,
                    business_name: n.business_name,
                    final_score: standing.get(&n.id).and_then(Standing::final_score),
                }
            })
            .collect(),
    })
}

/// Rounds on public notice and published honour lists, newest first (anyone).
pub async fn public_notices(db: &DatabaseConnection, actor: &Actor) -> DomainResult<PublicNotices> {
    policy::authorize(actor, Operation::ReadNotices)?;
    let rounds = selection_rounds::Entity::find()
        .filter(
            selection_rounds::Column::Status
                .is_in(codes([RoundStatus::Notice, RoundStatus::Published])),
        )
        .order_by_desc(selection_rounds::Column::Year)
        .order_by_desc(selection_rounds::Column::Id)
        .all(db)
        .await?;
    let mut out = PublicNotices {
        notices: Vec::new(),
        honours: Vec::new(),
    };
    for r in rounds {
        let view = public_view(db, r).await?;
        if view.status == RoundStatus::Published {
            out.honours.push(view);
        } else {
            out.notices.push(view);
        }
    }
    Ok(out)
}

/// One round's public notice or honour list (anyone; rounds not yet on notice are not found).
pub async fn public_notice(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> DomainResult<PublicNotice> {
    policy::authorize(actor, Operation::ReadNotices)?;
    let round = selection_rounds::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| matches!(*r.status, RoundStatus::Notice | RoundStatus::Published))
        .ok_or(DomainError::NotFound)?;
    public_view(db, round).await
}

/// Anyone objects to a shortlist on notice, within the notice period (rate-limited per
/// address and per contact phone). Returns the objection's id.
pub async fn object(
    svc: &Services,
    actor: &Actor,
    round_id: i32,
    input: ObjectionInput,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ObjectToNotice)?;
    let db = &svc.db;
    let round = selection_rounds::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .filter(|r| matches!(*r.status, RoundStatus::Notice | RoundStatus::Published))
        .ok_or(DomainError::NotFound)?;
    let now = Utc::now();
    let open = round.status == RoundStatus::Notice
        && round.notice_starts_at.is_some_and(|s| now >= s)
        && round.notice_ends_at.is_some_and(|e| now < e);
    if !open {
        return Err(DomainError::Conflict(Msg::ErrNoticeClosed));
    }
    let mut errors = input.validate();
    if let Some(n) = input.nomination_id {
        let on_notice = selection_nominations::Entity::find_by_id(n)
            .one(db)
            .await?
            .is_some_and(|x| x.round_id == round_id && x.status == NominationStatus::Shortlisted);
        if !on_notice {
            push_error(&mut errors, "nomination_id", Msg::ErrNotOnShortlist);
        }
    }
    DomainError::check(errors)?;
    if let Some(minutes) = svc.objections.hit(actor.ip.as_deref().unwrap_or("unknown")) {
        return Err(DomainError::RateLimited { minutes });
    }
    let phone = normalise_phone(&input.contact_phone);
    let txn = begin_write(db).await?;
    let sent = selection_objections::Entity::find()
        .filter(selection_objections::Column::RoundId.eq(round_id))
        .filter(selection_objections::Column::ContactPhone.eq(phone.as_str()))
        .count(&txn)
        .await?;
    if sent >= OBJECTIONS_PER_PHONE {
        return Err(DomainError::Conflict(Msg::ErrTooManyObjections));
    }
    let row = selection_objections::ActiveModel {
        round_id: Set(round_id),
        nomination_id: Set(input.nomination_id),
        body: Set(input.body.trim().to_string()),
        contact_name: Set(input.contact_name.trim().to_string()),
        contact_phone: Set(phone),
        status: Set(ObjectionStatus::Received.into()),
        reply: Set(None),
        handled_by: Set(None),
        handled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionObjectionReceived,
            AuditRecord::SelectionObjection,
            row.id,
        ),
        Some(serde_json::json!({ "round_id": round_id, "nomination_id": input.nomination_id })),
    )
    .await?;
    Ok(row.id)
}

/// The round an objection was sent to (bureau admins: where its decision is taken).
pub async fn objection_round(
    db: &DatabaseConnection,
    actor: &Actor,
    objection_id: i32,
) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ManageSelections)?;
    selection_objections::Entity::find_by_id(objection_id)
        .one(db)
        .await?
        .map(|o| o.round_id)
        .ok_or(DomainError::NotFound)
}

/// The bureau decides an objection before the result is published: upheld, the candidate it
/// names is not honoured.
pub async fn decide_objection(
    db: &DatabaseConnection,
    actor: &Actor,
    objection_id: i32,
    decision: ObjectionDecision,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ManageSelections)?;
    let txn = begin_write(db).await?;
    let objection = selection_objections::Entity::find_by_id(objection_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let round = find_round(&txn, actor, objection.round_id).await?;
    if round.status != RoundStatus::Notice {
        return Err(DomainError::Conflict(Msg::ErrRoundLocked));
    }
    if objection.status != ObjectionStatus::Received {
        return Err(DomainError::Conflict(Msg::ErrObjectionDecided));
    }
    DomainError::check(decision.validate())?;
    let upheld = decision.upheld.unwrap_or(false);
    let mut active = objection.into_active_model();
    active.status = Set(if upheld {
        Coded(ObjectionStatus::Upheld)
    } else {
        Coded(ObjectionStatus::Dismissed)
    });
    active.reply = Set(Some(decision.reply.trim().to_string()));
    active.handled_by = Set(actor.user_id());
    active.handled_at = Set(Some(Utc::now()));
    active.update(&txn).await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionObjectionDecided,
            AuditRecord::SelectionObjection,
            objection_id,
        ),
        Some(serde_json::json!({ "upheld": upheld })),
    )
    .await?;
    Ok(())
}

/// After the notice period, with every objection decided, the bureau publishes the result:
/// each shortlisted candidate not ruled out and with no upheld objection is honoured and gets
/// an honour certificate, all in one transaction. Returns how many were honoured.
pub async fn publish(svc: &Services, actor: &Actor, round_id: i32) -> DomainResult<u32> {
    policy::authorize(actor, Operation::ManageSelections)?;
    let txn = begin_write(&svc.db).await?;
    let round = find_round(&txn, actor, round_id).await?;
    if round.status != RoundStatus::Notice {
        return Err(DomainError::Conflict(Msg::ErrWrongStatus));
    }
    let now = Utc::now();
    if round.notice_ends_at.is_none_or(|e| now < e) {
        return Err(DomainError::Conflict(Msg::ErrNoticeRunning));
    }
    let pending = selection_objections::Entity::find()
        .filter(selection_objections::Column::RoundId.eq(round_id))
        .filter(selection_objections::Column::Status.eq(ObjectionStatus::Received.as_str()))
        .count(&txn)
        .await?;
    if pending > 0 {
        return Err(DomainError::Conflict(Msg::ErrObjectionsPending));
    }
    let shortlisted = selection_nominations::Entity::find()
        .filter(selection_nominations::Column::RoundId.eq(round_id))
        .filter(selection_nominations::Column::Status.eq(NominationStatus::Shortlisted.as_str()))
        .order_by_asc(selection_nominations::Column::Id)
        .all(&txn)
        .await?;
    let ids: Vec<i32> = shortlisted.iter().map(|n| n.id).collect();
    let standing = standings(&txn, &ids).await?;
    let holders: HashMap<i32, trainees::Model> = trainees::Entity::find()
        .filter(trainees::Column::Id.is_in(shortlisted.iter().map(|n| n.trainee_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let title = honour_title(*round.kind);
    let from = round.notice_starts_at.map(local_date).unwrap_or_default();
    let through = local_date(now);
    let mut honoured = 0u32;
    for n in shortlisted {
        let ruled_out = standing
            .get(&n.id)
            .is_some_and(|s| s.blocked() || s.objection_upheld);
        let mut active = n.clone().into_active_model();
        if ruled_out {
            active.status = Set(NominationStatus::NotSelected.into());
        } else {
            let trainee = holders.get(&n.trainee_id).ok_or_else(|| {
                DomainError::Internal(format!("nomination {} lost its trainee", n.id))
            })?;
            let cert = certificates::issue_honour(
                svc,
                &txn,
                actor,
                trainee,
                &Honour {
                    round: &round.title,
                    title,
                    business: n.business_name.as_deref(),
                    from,
                    through,
                },
            )
            .await?;
            active.status = Set(NominationStatus::Honoured.into());
            active.certificate_id = Set(Some(cert.id));
            honoured += 1;
        }
        active.update(&txn).await?;
    }
    let mut active = round.into_active_model();
    active.status = Set(RoundStatus::Published.into());
    active.published_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    logged(
        txn,
        actor,
        (
            AuditAction::SelectionPublished,
            AuditRecord::SelectionRound,
            round_id,
        ),
        Some(serde_json::json!({ "honoured": honoured })),
    )
    .await?;
    Ok(honoured)
}
