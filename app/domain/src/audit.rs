//! The audit log: who did what to which row, when and from where. Rows are only ever
//! inserted (the database refuses updates and deletes, see the migrations); write them in the
//! same transaction as the change they describe, so neither exists without the other.

use crate::entities::audit_log;
use crate::{Actor, DomainResult};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// One audited event. `action` is a dotted verb such as `user.role_changed`.
pub struct Event {
    pub action: AuditAction,
    pub entity: AuditRecord,
    pub entity_id: Option<String>,
    pub detail: Option<serde_json::Value>,
}

pub async fn record(db: &impl ConnectionTrait, actor: &Actor, event: Event) -> DomainResult<()> {
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_user_id: Set(actor.user_id()),
        actor_ip: Set(actor.ip.clone()),
        action: Set(event.action.as_str().to_string()),
        entity: Set(event.entity.as_str().to_string()),
        entity_id: Set(event.entity_id),
        detail: Set(event.detail.map(|d| d.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

// ---- reading the log -----------------------------------------------------------------------

use crate::DomainError;
use crate::entities::users;
use crate::local_time::{beijing, end_of_day, start_of_day, today};
use crate::policy::{self, Operation};
use crate::rosters::{Download, DownloadBody, ExportFormat};
use crate::sheets;
use model::audit::{
    AUDIT_PER_PAGE, AuditFilter, AuditPage, AuditQuery, AuditRow, action_label, entity_label,
};
use model::i18n::{Locale, Msg};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, SelectTwo,
};
use std::collections::HashMap;

/// The entries a checked search matches.
fn matching(filter: &AuditFilter) -> Select<audit_log::Entity> {
    use audit_log::Column as A;
    let mut cond = Condition::all();
    if let Some(actor) = &filter.actor {
        cond = if actor.eq_ignore_ascii_case("system") || actor == "系统" {
            cond.add(A::ActorUserId.is_null())
        } else {
            let who = if actor.chars().all(|c| c.is_ascii_digit()) {
                users::Column::Phone.starts_with(actor.as_str())
            } else {
                users::Column::DisplayName.contains(actor.as_str())
            };
            cond.add(
                A::ActorUserId.in_subquery(
                    Query::select()
                        .column(users::Column::Id)
                        .from(users::Entity)
                        .cond_where(who)
                        .to_owned(),
                ),
            )
        };
    }
    if let Some(action) = &filter.action {
        cond = cond.add(A::Action.eq(action.as_str()));
    }
    if let Some(entity) = &filter.entity {
        cond = cond.add(A::Entity.eq(entity.as_str()));
    }
    if let Some(record) = &filter.record {
        cond = cond.add(A::EntityId.eq(record.as_str()));
    }
    if let Some(from) = filter.from {
        cond = cond.add(A::At.gte(start_of_day(from)));
    }
    if let Some(to) = filter.to {
        cond = cond.add(A::At.lt(end_of_day(to)));
    }
    audit_log::Entity::find()
        .filter(cond)
        .order_by_desc(A::At)
        .order_by_desc(A::Id)
}

/// The page of the record an entry is about, where there is one.
fn record_link(entity: &str, id: Option<&str>) -> Option<String> {
    let id: i32 = id?.parse().ok()?;
    let path = match entity {
        "course" => "/manage/courses",
        "trainee" => "/manage/people",
        "organisation" => "/manage/partners",
        "place" => "/manage/places",
        "selection_round" => "/manage/selections",
        _ => return None,
    };
    Some(format!("{path}/{id}"))
}

/// The entries with who made them.
async fn rows_for(
    db: &DatabaseConnection,
    found: Vec<audit_log::Model>,
) -> DomainResult<Vec<AuditRow>> {
    let mut ids: Vec<i32> = found.iter().filter_map(|e| e.actor_user_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut people: HashMap<i32, users::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for u in users::Entity::find()
            .filter(users::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            people.insert(u.id, u);
        }
    }
    Ok(found
        .into_iter()
        .map(|e| {
            let who = e.actor_user_id.and_then(|id| people.get(&id));
            entry_row(e, who)
        })
        .collect())
}

/// An entry as shown, with who made it (when they still exist).
fn entry_row(e: audit_log::Model, who: Option<&users::Model>) -> AuditRow {
    AuditRow {
        id: e.id,
        at: e
            .at
            .with_timezone(&beijing())
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        actor_id: e.actor_user_id,
        actor_name: who.and_then(|u| u.display_name.clone()),
        actor_phone: who.map(|u| u.phone.clone()),
        actor_role: who.map(|u| *u.role),
        ip: e.actor_ip,
        link: record_link(&e.entity, e.entity_id.as_deref()),
        action: e.action,
        entity: e.entity,
        entity_id: e.entity_id,
        detail: e.detail,
    }
}

/// A page of the log, newest first. A search with mistakes comes back with its errors by
/// field and no entries (the page shows them next to the fields).
pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &AuditQuery,
    page: Option<u64>,
) -> DomainResult<AuditPage> {
    policy::authorize(actor, Operation::ViewAuditLog)?;
    let mut result = AuditPage {
        query: query.clone(),
        errors: Vec::new(),
        rows: Vec::new(),
        total: 0,
        page: 1,
        per_page: AUDIT_PER_PAGE,
    };
    let filter = match query.parse(today()) {
        Ok(f) => f,
        Err(errors) => {
            result.errors = errors;
            return Ok(result);
        }
    };
    let select = matching(&filter);
    result.total = select.clone().count(db).await?;
    let pages = Ord::max(result.total.div_ceil(AUDIT_PER_PAGE), 1);
    result.page = page.unwrap_or(1).clamp(1, pages);
    let found = select
        .offset((result.page - 1) * AUDIT_PER_PAGE)
        .limit(AUDIT_PER_PAGE)
        .all(db)
        .await?;
    result.rows = rows_for(db, found).await?;
    Ok(result)
}

/// Every entry the search matches as a spreadsheet, with the search on top; the export is
/// itself recorded. The file is written while it is sent, from one query, so a search of any
/// size is exported without being held in memory; .xlsx has a limit of rows of its own (past
/// it, CSV or narrower dates are asked for).
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &AuditQuery,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    policy::authorize(actor, Operation::ViewAuditLog)?;
    let filter = query.parse(today()).map_err(DomainError::Invalid)?;
    // The entries there are now; the export's own entry, written below, is not among them.
    let last: Option<i32> = audit_log::Entity::find()
        .select_only()
        .column_as(audit_log::Column::Id.max(), "last")
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    let select = matching(&filter).filter(audit_log::Column::Id.lte(last.unwrap_or(0)));
    let total = select.clone().count(db).await?;
    let t = |m: Msg| locale.t(m).to_string();
    let any = t(Msg::FilterAll);
    let or_any = |v: &Option<String>| v.clone().unwrap_or_else(|| any.clone());
    let date_or_any =
        |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| any.clone());
    let preamble = vec![
        vec![t(Msg::AuditTitle)],
        vec![t(Msg::AuditFilterActor), or_any(&filter.actor)],
        vec![
            t(Msg::AuditFilterAction),
            filter
                .action
                .as_deref()
                .and_then(action_label)
                .map(t)
                .unwrap_or_else(|| any.clone()),
        ],
        vec![
            t(Msg::AuditFilterEntity),
            filter
                .entity
                .as_deref()
                .and_then(entity_label)
                .map(t)
                .unwrap_or_else(|| any.clone()),
        ],
        vec![t(Msg::AuditFilterRecord), or_any(&filter.record)],
        vec![t(Msg::AuditFilterFrom), date_or_any(filter.from)],
        vec![t(Msg::AuditFilterTo), date_or_any(filter.to)],
        vec![locale.fill(Msg::AuditFound, total)],
        vec![
            t(Msg::ExportedAt),
            crate::local_time::format_time(chrono::Utc::now()),
        ],
        vec![t(Msg::ExportedBy), sheets::who(actor)],
    ];
    // Above the entries: the preamble, an empty row and the column names.
    if format == ExportFormat::Xlsx && total + preamble.len() as u64 + 2 > sheets::XLSX_MAX_ROWS {
        return Err(DomainError::field("to", Msg::ErrExportTooLargeForXlsx));
    }
    record(
        db,
        actor,
        Event {
            action: AuditAction::AuditLogExported,
            entity: AuditRecord::AuditLog,
            entity_id: None,
            detail: Some(serde_json::json!({
                "query": query, "rows": total, "format": format.extension(),
            })),
        },
    )
    .await?;
    let header = vec![
        t(Msg::AuditColTime),
        t(Msg::AuditColActor),
        t(Msg::FieldPhone),
        t(Msg::AuditColAction),
        t(Msg::AuditFilterEntity),
        t(Msg::AuditFilterRecord),
        t(Msg::AuditColDetail),
        t(Msg::AuditColIp),
    ];
    let title = t(Msg::AuditTitle);
    let (pieces, bytes) = sheets::stream(format, title.clone(), header);
    let entries = select
        .join(
            JoinType::LeftJoin,
            audit_log::Entity::belongs_to(users::Entity)
                .from(audit_log::Column::ActorUserId)
                .to(users::Column::Id)
                .into(),
        )
        .select_also(users::Entity);
    let (db, feed) = (db.clone(), pieces.clone());
    sheets::spawn_feed("audit log", pieces, async move {
        send_entries(&db, entries, preamble, locale, &feed).await
    });
    Ok(Download {
        file_name: format!("{title}-{}.{}", today(), format.extension()),
        content_type: format.content_type(),
        body: DownloadBody::Streamed(bytes),
    })
}

/// Reads the entries (with who made them) from one cursor and sends them to the export's
/// writer: the lines on top, the entries in batches, then the end.
async fn send_entries(
    db: &DatabaseConnection,
    entries: SelectTwo<audit_log::Entity, users::Entity>,
    preamble: Vec<Vec<String>>,
    locale: Locale,
    pieces: &tokio::sync::mpsc::Sender<sheets::Piece>,
) -> DomainResult<()> {
    use futures_util::StreamExt;
    sheets::send(pieces, sheets::Piece::Top(preamble)).await?;
    let mut found = std::pin::pin!(entries.stream(db).await?);
    let mut batches = sheets::Batches::new(pieces);
    while let Some(next) = found.next().await {
        let (e, who) = next?;
        batches
            .push(entry_cells(&entry_row(e, who.as_ref()), locale))
            .await?;
    }
    batches.end().await
}

/// An entry's cells in an export, in the viewer's language.
fn entry_cells(r: &AuditRow, locale: Locale) -> Vec<String> {
    let t = |m: Msg| locale.t(m).to_string();
    vec![
        r.at.clone(),
        match (r.actor_id, &r.actor_name) {
            (None, _) => t(Msg::AuditSystem),
            (Some(_), Some(name)) => name.clone(),
            (Some(id), None) => format!("#{id}"),
        },
        r.actor_phone.clone().unwrap_or_default(),
        action_label(&r.action)
            .map(|m| format!("{} ({})", locale.t(m), r.action))
            .unwrap_or_else(|| r.action.clone()),
        entity_label(&r.entity)
            .map(t)
            .unwrap_or_else(|| r.entity.clone()),
        r.entity_id.clone().unwrap_or_default(),
        r.detail.clone().unwrap_or_default(),
        r.ip.clone().unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_link_to_their_pages() {
        assert_eq!(
            record_link("course", Some("12")).as_deref(),
            Some("/manage/courses/12")
        );
        assert_eq!(
            record_link("trainee", Some("7")).as_deref(),
            Some("/manage/people/7")
        );
        assert_eq!(record_link("certificate", Some("YZ2027-0001")), None);
        assert_eq!(record_link("course", Some("<x>")), None);
        assert_eq!(record_link("course", None), None);
    }
}
