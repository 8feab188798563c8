//! Annual targets (年度目标任务): bureau admins set a number per year, scope (the city, a
//! town, a programme or an industry) and figure; the dashboard and the targets page show how
//! far each has come. Setting and removing them is audited.

use crate::audit::{self, Event};
use crate::dashboard::{Cohort, count, refresh};
use crate::db::begin_write;
use crate::entities::{targets, towns};
use crate::local_time::today;
use crate::policy::{self, Operation};
use crate::{Actor, DomainError, DomainResult};
use chrono::Datelike;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::bases::{FIRST_YEAR, Ratio};
use model::catalogue::Industry;
use model::dashboard::{KpiFilter, Kpis, TargetInput, TargetKpi, TargetList, TargetProgress};
use model::enums::{Programme, TargetScope};
use model::form::FormInput;
use model::i18n::Msg;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::{BTreeMap, HashMap};

/// The years targets may be set for: from 2020 to next year.
fn years() -> Vec<i32> {
    (FIRST_YEAR..=today().year() + 1).rev().collect()
}

/// The year in a query value: empty for this year, else 2020 … next year.
pub fn year_param(text: &str) -> DomainResult<i32> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(today().year());
    }
    match text.parse::<i32>() {
        Ok(y) if years().contains(&y) => Ok(y),
        _ => Err(DomainError::field("year", Msg::ErrYearOutOfRange)),
    }
}

/// The filters that count a target's scope for its whole year.
fn scope_filter(year: i32, scope: TargetScope, value: &str) -> Option<KpiFilter> {
    let mut f = KpiFilter::year(year);
    match scope {
        TargetScope::City => {}
        TargetScope::Town => f.town = Some(value.parse().ok()?),
        TargetScope::Programme => f.programme = Some(Programme::parse(value)?),
        TargetScope::Industry => f.industry = Some(Industry::parse(value)?),
    }
    Some(f)
}

/// A target with how far it has come, given the figures of its scope for its year.
pub(crate) fn progress_row(
    t: targets::Model,
    names: &HashMap<i32, String>,
    kpis: &Kpis,
) -> Option<TargetProgress> {
    let kpi = TargetKpi::parse(&t.kpi)?;
    let target = t.value.round() as i64;
    let actual = kpi.value(kpis);
    let scope_label = match *t.scope_kind {
        TargetScope::Town => t
            .scope_value
            .parse::<i32>()
            .ok()
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_default(),
        _ => String::new(),
    };
    Some(TargetProgress {
        id: t.id,
        year: t.year,
        scope: *t.scope_kind,
        scope_label,
        scope_value: t.scope_value,
        kpi,
        target,
        actual,
        progress: Ratio {
            num: actual,
            den: target,
        },
    })
}

/// A year's targets and how far each has come (a town viewer: their town's only).
pub async fn list(db: &DatabaseConnection, actor: &Actor, year: i32) -> DomainResult<TargetList> {
    policy::authorize(actor, Operation::ViewDashboard)?;
    let mut select = targets::Entity::find()
        .filter(targets::Column::Year.eq(year))
        .order_by_asc(targets::Column::ScopeKind)
        .order_by_asc(targets::Column::ScopeValue)
        .order_by_asc(targets::Column::Id);
    if let Some(town) = policy::town_scope(actor) {
        select = select
            .filter(targets::Column::ScopeKind.eq(TargetScope::Town.as_str()))
            .filter(targets::Column::ScopeValue.eq(town.to_string()));
    }
    let found = select.all(db).await?;
    // One count per scope, however many figures it has targets for.
    let mut scopes: BTreeMap<(String, String), Vec<targets::Model>> = BTreeMap::new();
    for t in found {
        scopes
            .entry((t.scope_kind.as_str().to_string(), t.scope_value.clone()))
            .or_default()
            .push(t);
    }
    let names = crate::towns::names(db).await?;
    refresh(db).await?;
    let mut rows = Vec::new();
    for ((_, value), targets) in scopes {
        let scope = targets[0].scope_kind;
        let Some(filter) = scope_filter(year, *scope, &value) else {
            continue;
        };
        let (kpis, _) = count(db, &Cohort::new(filter)).await?;
        rows.extend(
            targets
                .into_iter()
                .filter_map(|t| progress_row(t, &names, &kpis)),
        );
    }
    Ok(TargetList {
        year,
        years: years(),
        rows,
        can_edit: policy::authorize(actor, Operation::ManageTargets).is_ok(),
        towns: crate::catalogue::town_options(db).await?,
    })
}

/// Sets a target, replacing the one for the same year, scope and figure. Returns its id.
pub async fn set(db: &DatabaseConnection, actor: &Actor, input: TargetInput) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ManageTargets)?;
    DomainError::check(input.validate())?;
    let (Some(year), Some(scope), Some(kpi), Some(value)) =
        (input.year, input.scope, input.kpi, input.value)
    else {
        return Err(DomainError::field("year", Msg::ErrRequired));
    };
    if !years().contains(&year) {
        return Err(DomainError::field("year", Msg::ErrYearOutOfRange));
    }
    let scope_value = match scope {
        TargetScope::City => String::new(),
        _ => input.scope_value.trim().to_string(),
    };
    let txn = begin_write(db).await?;
    if scope == TargetScope::Town {
        let id: i32 = scope_value.parse().unwrap_or(0);
        if towns::Entity::find_by_id(id).one(&txn).await?.is_none() {
            return Err(DomainError::field("scope_value", Msg::ErrChoose));
        }
    }
    let existing = targets::Entity::find()
        .filter(targets::Column::Year.eq(year))
        .filter(targets::Column::ScopeKind.eq(scope.as_str()))
        .filter(targets::Column::ScopeValue.eq(scope_value.clone()))
        .filter(targets::Column::Kpi.eq(kpi.as_str()))
        .one(&txn)
        .await?;
    let (id, before) = match existing {
        Some(t) => {
            let before = t.value.round() as i64;
            let mut active: targets::ActiveModel = t.into();
            active.value = Set(value as f64);
            let saved = active.update(&txn).await?;
            (saved.id, Some(before))
        }
        None => {
            let saved = targets::ActiveModel {
                year: Set(year),
                scope_kind: Set(scope.into()),
                scope_value: Set(scope_value.clone()),
                kpi: Set(kpi.as_str().to_string()),
                value: Set(value as f64),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (saved.id, None)
        }
    };
    let event = Event {
        action: AuditAction::TargetSet,
        entity: AuditRecord::Target,
        entity_id: Some(id.to_string()),
        detail: Some(serde_json::json!({
            "year": year,
            "scope": scope.as_str(),
            "scope_value": scope_value,
            "kpi": kpi.as_str(),
            "from": before,
            "to": value,
        })),
    };
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(id)
}

/// Removes a target.
pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i32) -> DomainResult<()> {
    policy::authorize(actor, Operation::ManageTargets)?;
    let txn = begin_write(db).await?;
    let target = targets::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let event = Event {
        action: AuditAction::TargetDeleted,
        entity: AuditRecord::Target,
        entity_id: Some(id.to_string()),
        detail: Some(serde_json::json!({
            "year": target.year,
            "scope": target.scope_kind.as_str(),
            "scope_value": target.scope_value,
            "kpi": target.kpi,
            "value": target.value,
        })),
    };
    targets::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(())
}
