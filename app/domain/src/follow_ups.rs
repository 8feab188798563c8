//! Follow-ups: every completed enrolment is followed up 3, 6 and 12 months after completion
//! (one `follow_ups` row per interval; the database accepts no other `due_months`). They are
//! scheduled when completion is confirmed, in the same transaction, once per enrolment and
//! interval; if a confirmation later finds the enrolment not completed after all, the
//! follow-ups still due are withdrawn (those done stay, with their results).

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::{courses, enrollments, follow_ups, trainees, users};
use crate::local_time::{local_date, today};
use crate::policy::{self, Operation};
use crate::rosters::{Download, ExportFormat};
use crate::{Actor, DomainError, DomainResult, outcomes as outcome_rows};
use chrono::{Duration, Months, NaiveDate, Utc};
use model::accounts::mask_phone;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enums::FollowUpStatus;
use model::form::FormInput;
use model::i18n::{Locale, Msg};
use model::outcomes::{FollowUpFilter, FollowUpInput, FollowUpList, FollowUpRow};
use model::placements::CourseRef;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};
use std::collections::HashMap;

use model::outcomes::FOLLOW_UPS_PER_PAGE as PER_PAGE;
/// The most rows one export holds.
const EXPORT_LIMIT: u64 = 50_000;
/// "Upcoming" looks this many days ahead.
const UPCOMING_DAYS: i64 = 30;

/// Months after completion at which a trainee is followed up.
pub const INTERVALS: [u32; 3] = [3, 6, 12];

/// The day a follow-up is due: `months` after `completed_on` (the last day of the month when
/// that month is shorter).
pub fn due_on(completed_on: NaiveDate, months: u32) -> NaiveDate {
    completed_on
        .checked_add_months(Months::new(months))
        .unwrap_or(completed_on)
}

/// Schedules the 3-, 6- and 12-month follow-ups of a completed enrolment; ones already there
/// are left as they are.
pub(crate) async fn schedule(
    txn: &impl ConnectionTrait,
    enrollment_id: i32,
    trainee_id: i32,
    completed_on: NaiveDate,
) -> DomainResult<()> {
    let rows = INTERVALS.map(|months| follow_ups::ActiveModel {
        trainee_id: Set(trainee_id),
        enrollment_id: Set(enrollment_id),
        due_months: Set(months as i32),
        due_on: Set(due_on(completed_on, months)),
        status: Set(FollowUpStatus::Due.into()),
        ..Default::default()
    });
    follow_ups::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([
            follow_ups::Column::EnrollmentId,
            follow_ups::Column::DueMonths,
        ])
        .exec(txn)
        .await?;
    Ok(())
}

/// Withdraws an enrolment's follow-ups that are still due (it turned out not completed).
pub(crate) async fn withdraw_due(
    txn: &impl ConnectionTrait,
    enrollment_id: i32,
) -> DomainResult<()> {
    follow_ups::Entity::delete_many()
        .filter(follow_ups::Column::EnrollmentId.eq(enrollment_id))
        .filter(follow_ups::Column::Status.eq(FollowUpStatus::Due.as_str()))
        .exec(txn)
        .await?;
    Ok(())
}

/// The town and course part of the filter.
/// The filter as `actor` may use it: a town viewer gets their town, and a 403 for another.
fn for_actor(actor: &Actor, filter: &FollowUpFilter) -> DomainResult<FollowUpFilter> {
    policy::check_town(actor, filter.town_id)?;
    let mut filter = filter.clone();
    if filter.town_id.is_none() {
        filter.town_id = policy::town_scope(actor);
    }
    Ok(filter)
}

fn scoped(filter: &FollowUpFilter) -> Select<follow_ups::Entity> {
    let mut select = follow_ups::Entity::find();
    if let Some(town) = filter.town_id {
        select = select.filter(
            Expr::col((follow_ups::Entity, follow_ups::Column::TraineeId)).in_subquery(
                Query::select()
                    .column(trainees::Column::Id)
                    .from(trainees::Entity)
                    .and_where(Expr::col(trainees::Column::TownId).eq(town))
                    .to_owned(),
            ),
        );
    }
    if let Some(course) = filter.course_id {
        select = select.filter(
            Expr::col((follow_ups::Entity, follow_ups::Column::EnrollmentId)).in_subquery(
                Query::select()
                    .column(enrollments::Column::Id)
                    .from(enrollments::Entity)
                    .and_where(Expr::col(enrollments::Column::CourseId).eq(course))
                    .to_owned(),
            ),
        );
    }
    select
}

/// Which follow-ups the filter's `show` asks for.
fn shown(select: Select<follow_ups::Entity>, show: &str) -> Select<follow_ups::Entity> {
    let today = today();
    let due = follow_ups::Column::Status.eq(FollowUpStatus::Due.as_str());
    match show {
        "upcoming" => select.filter(
            Condition::all()
                .add(due)
                .add(follow_ups::Column::DueOn.gt(today))
                .add(follow_ups::Column::DueOn.lte(today + Duration::days(UPCOMING_DAYS))),
        ),
        "done" => select.filter(follow_ups::Column::Status.eq(FollowUpStatus::Done.as_str())),
        "unreachable" => {
            select.filter(follow_ups::Column::Status.eq(FollowUpStatus::Unreachable.as_str()))
        }
        "all" => select,
        _ => select.filter(
            Condition::all()
                .add(due)
                .add(follow_ups::Column::DueOn.lte(today)),
        ),
    }
}

/// Rows for the list and the export: person, phone, town, course and current outcome.
async fn rows_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    found: Vec<follow_ups::Model>,
    full_phone: bool,
) -> DomainResult<Vec<FollowUpRow>> {
    let trainee_ids: Vec<i32> = found.iter().map(|f| f.trainee_id).collect();
    let people: HashMap<i32, trainees::Model> = trainees::Entity::find()
        .filter(trainees::Column::Id.is_in(trainee_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let phones: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(people.values().map(|t| t.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.phone))
        .collect();
    let enrolment_courses: HashMap<i32, i32> = enrollments::Entity::find()
        .filter(enrollments::Column::Id.is_in(found.iter().map(|f| f.enrollment_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.course_id))
        .collect();
    let titles: HashMap<i32, String> = courses::Entity::find()
        .filter(courses::Column::Id.is_in(enrolment_courses.values().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let towns = crate::towns::names(db).await?;
    let mut unique = trainee_ids.clone();
    unique.sort_unstable();
    unique.dedup();
    let outcomes = outcome_rows::rows_of(db, actor, &unique).await?;
    let today = today();
    Ok(found
        .into_iter()
        .map(|f| {
            let person = people.get(&f.trainee_id);
            let phone = person
                .and_then(|t| phones.get(&t.user_id))
                .cloned()
                .unwrap_or_default();
            let course_id = enrolment_courses
                .get(&f.enrollment_id)
                .copied()
                .unwrap_or(0);
            let mine: Vec<_> = outcomes
                .iter()
                .filter(|o| o.trainee_id == f.trainee_id)
                .cloned()
                .collect();
            FollowUpRow {
                id: f.id,
                trainee_id: f.trainee_id,
                name: person.map(|t| t.name.clone()).unwrap_or_default(),
                phone: if full_phone {
                    phone
                } else {
                    mask_phone(&phone)
                },
                town: person
                    .and_then(|t| towns.get(&t.town_id).cloned())
                    .unwrap_or_default(),
                course_id,
                course: titles.get(&course_id).cloned().unwrap_or_default(),
                due_months: f.due_months,
                due_on: f.due_on,
                overdue: f.status == FollowUpStatus::Due && f.due_on < today,
                status: *f.status,
                result: f.result,
                done_on: f.done_at.map(local_date),
                current: outcome_rows::current(&mine).cloned(),
            }
        })
        .collect())
}

/// The bureau's work list: follow-ups due (by default), upcoming, done or unreachable, by
/// town and course, oldest due first.
pub async fn work_list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &FollowUpFilter,
) -> DomainResult<FollowUpList> {
    policy::authorize(actor, Operation::ViewFollowUps)?;
    let filter = &for_actor(actor, filter)?;
    let can_record = policy::authorize(actor, Operation::RecordFollowUps).is_ok();
    let select = shown(scoped(filter), &filter.show);
    let total = select.clone().count(db).await?;
    let pages = Ord::max(total.div_ceil(PER_PAGE), 1);
    let page = filter.page.unwrap_or(1).clamp(1, pages);
    let found = select
        .order_by_asc(follow_ups::Column::DueOn)
        .order_by_asc(follow_ups::Column::Id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(db)
        .await?;
    let due_now = shown(scoped(filter), "due").count(db).await?;
    let courses = courses::Entity::find()
        .filter(
            courses::Column::Id.in_subquery(
                Query::select()
                    .column(enrollments::Column::CourseId)
                    .from(enrollments::Entity)
                    .and_where(
                        Expr::col(enrollments::Column::Id).in_subquery(
                            Query::select()
                                .column(follow_ups::Column::EnrollmentId)
                                .from(follow_ups::Entity)
                                .to_owned(),
                        ),
                    )
                    .to_owned(),
            ),
        )
        .order_by_desc(courses::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CourseRef {
            id: c.id,
            title: c.title,
        })
        .collect();
    Ok(FollowUpList {
        rows: rows_for(db, actor, found, can_record).await?,
        total,
        page,
        pages,
        due_now,
        courses,
        towns: crate::catalogue::town_options(db).await?,
        can_record,
    })
}

/// Records a follow-up call: reached — a new outcome (source follow-up) or the current one
/// confirmed — or not reached. Only a follow-up still due can be recorded, once.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    input: FollowUpInput,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::RecordFollowUps)?;
    DomainError::check(input.validate())?;
    let txn = begin_write(db).await?;
    let due = follow_ups::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if due.status != FollowUpStatus::Due {
        return Err(DomainError::Conflict(Msg::ErrFollowUpDone));
    }
    let status = input.result.unwrap_or(FollowUpStatus::Unreachable);
    let outcome_id = match status {
        FollowUpStatus::Done if input.confirm_outcome => {
            let rows = outcome_rows::rows_of(&txn, actor, &[due.trainee_id]).await?;
            Some(
                outcome_rows::current(&rows)
                    .ok_or_else(|| DomainError::field("confirm", Msg::ErrNoOutcomeToConfirm))?
                    .id,
            )
        }
        FollowUpStatus::Done => {
            let person = trainees::Entity::find_by_id(due.trainee_id)
                .one(&txn)
                .await?
                .ok_or(DomainError::NotFound)?;
            Some(
                outcome_rows::insert(
                    &txn,
                    actor,
                    &person,
                    &input.outcome,
                    model::enums::OutcomeSource::FollowUp,
                    None,
                )
                .await?
                .id,
            )
        }
        _ => None,
    };
    let note = input.note.trim();
    let done = follow_ups::Entity::update_many()
        .col_expr(follow_ups::Column::Status, Expr::value(status.as_str()))
        .col_expr(follow_ups::Column::DoneBy, Expr::value(actor.user_id()))
        .col_expr(follow_ups::Column::DoneAt, Expr::value(Utc::now()))
        .col_expr(
            follow_ups::Column::Result,
            Expr::value((!note.is_empty()).then(|| note.to_string())),
        )
        .col_expr(follow_ups::Column::OutcomeId, Expr::value(outcome_id))
        .filter(follow_ups::Column::Id.eq(id))
        .filter(follow_ups::Column::Status.eq(FollowUpStatus::Due.as_str()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(DomainError::Conflict(Msg::ErrFollowUpDone));
    }
    audit::record(
        &txn,
        actor,
        Event {
            action: if status == FollowUpStatus::Done {
                AuditAction::FollowUpDone
            } else {
                AuditAction::FollowUpUnreachable
            },
            entity: AuditRecord::FollowUp,
            entity_id: Some(id.to_string()),
            detail: Some(serde_json::json!({ "outcome_id": outcome_id })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The work list under the filter (every page) as a spreadsheet; audited.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &FollowUpFilter,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    policy::authorize(actor, Operation::ViewFollowUps)?;
    let filter = &for_actor(actor, filter)?;
    let full_phone = policy::authorize(actor, Operation::RecordFollowUps).is_ok();
    let found = shown(scoped(filter), &filter.show)
        .order_by_asc(follow_ups::Column::DueOn)
        .order_by_asc(follow_ups::Column::Id)
        .limit(EXPORT_LIMIT)
        .all(db)
        .await?;
    let rows = rows_for(db, actor, found, full_phone).await?;
    let header: Vec<&str> = [
        Msg::FieldName,
        Msg::FieldPhone,
        Msg::FilterTown,
        Msg::ColCourse,
        Msg::ColFollowUpInterval,
        Msg::ColDueOn,
        Msg::ColStatus,
        Msg::ColCurrentOutcome,
        Msg::ColFollowUpNote,
    ]
    .iter()
    .map(|m| locale.t(*m))
    .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.phone.clone(),
                r.town.clone(),
                r.course.clone(),
                locale.fill(Msg::FollowUpMonths, r.due_months),
                r.due_on.to_string(),
                locale.t(r.status.label()).to_string(),
                r.current
                    .as_ref()
                    .map(|o| format!("{} ({})", locale.t(o.kind.label()), o.as_of))
                    .unwrap_or_default(),
                r.result.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let sheet_name = locale.t(Msg::FollowUpsTitle);
    let bytes = format.write(sheet_name, &header, &cells)?;
    audit::record(
        db,
        actor,
        Event {
            action: AuditAction::FollowUpsExported,
            entity: AuditRecord::FollowUp,
            entity_id: None,
            detail: Some(serde_json::json!({
                "show": filter.show, "town_id": filter.town_id, "course_id": filter.course_id,
                "rows": rows.len(), "format": format.extension(),
            })),
        },
    )
    .await?;
    Ok(Download::whole(
        &format!("{sheet_name}-{}", today()),
        format,
        bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_keep_the_day_or_take_the_month_end() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(due_on(d(2027, 3, 15), 3), d(2027, 6, 15));
        assert_eq!(due_on(d(2027, 11, 30), 3), d(2028, 2, 29));
        assert_eq!(due_on(d(2027, 8, 31), 6), d(2028, 2, 29));
        assert_eq!(due_on(d(2027, 1, 31), 12), d(2028, 1, 31));
    }
}
