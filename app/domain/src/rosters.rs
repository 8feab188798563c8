//! Course rosters: the provider's staff (and the bureau) see who is enrolled and waiting, search
//! them, admit someone from the waiting list by hand, remove someone with a reason, and export
//! the list. ID numbers are masked here and in exports; phones are shown (staff call people).
//!
//! Admitting and removing take the course row first, like enrolment, so seats stay exact.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::enrolment::{ACTIVE, lock_course, release_seat};
use crate::entities::Coded;
use crate::entities::codes;
use crate::entities::{enrollments, trainees, users};
use crate::local_time::format_time;
use crate::partners::names;
use crate::policy::{self, Operation, OrgFacts};
use crate::sheets;
use crate::{Actor, DomainError, DomainResult};
use chrono::Utc;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::enrolment::status_label;
use model::enums::{CourseStatus, EnrollmentStatus};
use model::form::FormInput;
use model::i18n::{Locale, Msg};
use model::rosters::{RemoveInput, RosterFilter, RosterPage, RosterRow};
use sea_orm::prelude::DateTimeUtc;
use sea_orm::sea_query::{Expr, ExprTrait, Order, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, IntoActiveModel, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select, Set,
};

pub const ROSTER_PER_PAGE: u64 = 50;
/// The most rows one export holds (a course has at most 2,000 places and its waiting list).
const EXPORT_LIMIT: u64 = 20_000;

/// Courses whose roster staff may still change.
fn roster_open(status: CourseStatus) -> bool {
    matches!(
        status,
        CourseStatus::Approved | CourseStatus::Open | CourseStatus::Running
    )
}

/// The course, if the actor may do `op` on it; another organisation's course is `NotFound`.
pub(crate) async fn course_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
    op: Operation,
) -> DomainResult<(crate::entities::courses::Model, OrgFacts)> {
    let scope = policy::org_scope(actor, op)?;
    let (course, org) = crate::courses::load(db, course_id).await?;
    if !scope.includes(org.id) {
        return Err(DomainError::NotFound);
    }
    Ok((course, org))
}

/// The course, if the actor may see its records: attendance, results, certificates, and the
/// whole class on its roster.
pub(crate) async fn visible_course(
    db: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<(crate::entities::courses::Model, OrgFacts)> {
    course_for(db, actor, course_id, Operation::ViewCourseRecords).await
}

#[derive(FromQueryResult)]
struct Line {
    enrollment_id: i32,
    trainee_id: i32,
    status: Coded<EnrollmentStatus>,
    waitlist_position: Option<i32>,
    enrolled_at: DateTimeUtc,
    removed_reason: Option<String>,
    name: String,
    id_number_masked: String,
    town_id: i32,
    village: Option<String>,
    phone: String,
    user_id: i32,
    activated: bool,
}

/// The roster's lines for the filter and search; with `town`, only that town's people (a town
/// viewer's).
fn lines(
    course_id: i32,
    filter: RosterFilter,
    q: &str,
    town: Option<i32>,
) -> Select<enrollments::Entity> {
    let mut cond = Condition::all()
        .add(enrollments::Column::CourseId.eq(course_id))
        .add(enrollments::Column::Status.is_in(codes(filter.statuses().iter().copied())));
    if let Some(town) = town {
        cond = cond.add(trainees::Column::TownId.eq(town));
    }
    for term in q.split_whitespace().take(4) {
        let term: String = term.chars().take(32).collect();
        cond = cond.add(
            Condition::any()
                .add(trainees::Column::Name.contains(&term))
                .add(users::Column::Phone.contains(&term))
                .add(trainees::Column::IdNumberMasked.ends_with(&term)),
        );
    }
    let status = Expr::col((enrollments::Entity, enrollments::Column::Status));
    enrollments::Entity::find()
        .select_only()
        .column_as(enrollments::Column::Id, "enrollment_id")
        .column(enrollments::Column::TraineeId)
        .column(enrollments::Column::Status)
        .column(enrollments::Column::WaitlistPosition)
        .column(enrollments::Column::EnrolledAt)
        .column(enrollments::Column::RemovedReason)
        .column(trainees::Column::Name)
        .column(trainees::Column::IdNumberMasked)
        .column(trainees::Column::TownId)
        .column(trainees::Column::Village)
        .column(users::Column::Phone)
        .column_as(users::Column::Id, "user_id")
        .expr_as(
            Expr::col((users::Entity, users::Column::PasswordHash))
                .ne(crate::accounts::NO_PASSWORD),
            "activated",
        )
        .join(JoinType::InnerJoin, enrollments::Relation::Trainees.def())
        .join(JoinType::InnerJoin, trainees::Relation::Users.def())
        .filter(cond)
        // On the course, then the waiting list in order, then those who left.
        .order_by(
            SimpleExpr::Case(Box::new(
                Expr::case(
                    status.clone().is_in([
                        EnrollmentStatus::Enrolled.as_str(),
                        EnrollmentStatus::Completed.as_str(),
                        EnrollmentStatus::NotCompleted.as_str(),
                    ]),
                    0,
                )
                .case(status.eq(EnrollmentStatus::Waitlisted.as_str()), 1)
                .finally(2),
            )),
            Order::Asc,
        )
        .order_by_asc(enrollments::Column::WaitlistPosition)
        .order_by_asc(enrollments::Column::EnrolledAt)
        .order_by_asc(enrollments::Column::Id)
}

async fn rows_of(
    db: &impl ConnectionTrait,
    course_id: i32,
    found: Vec<Line>,
) -> DomainResult<Vec<RosterRow>> {
    let towns = crate::towns::names(db).await?;
    // Ranks in the waiting list: positions of everyone waiting, in order.
    let waiting: Vec<i32> = if found
        .iter()
        .any(|l| l.status == EnrollmentStatus::Waitlisted)
    {
        enrollments::Entity::find()
            .select_only()
            .column(enrollments::Column::WaitlistPosition)
            .filter(enrollments::Column::CourseId.eq(course_id))
            .filter(enrollments::Column::Status.eq(EnrollmentStatus::Waitlisted.as_str()))
            .order_by_asc(enrollments::Column::WaitlistPosition)
            .into_tuple::<Option<i32>>()
            .all(db)
            .await?
            .into_iter()
            .flatten()
            .collect()
    } else {
        Vec::new()
    };
    let mut codes =
        crate::activation::hints(db, found.iter().filter(|l| !l.activated).map(|l| l.user_id))
            .await?;
    Ok(found
        .into_iter()
        .map(|l| RosterRow {
            enrollment_id: l.enrollment_id,
            trainee_id: l.trainee_id,
            name: l.name,
            id_number_masked: l.id_number_masked,
            phone: l.phone,
            town: towns.get(&l.town_id).cloned().unwrap_or_default(),
            village: l.village.unwrap_or_default(),
            waitlist_rank: l
                .waitlist_position
                .filter(|_| l.status == EnrollmentStatus::Waitlisted)
                .map(|p| waiting.partition_point(|x| *x < p) as u32 + 1),
            status: *l.status,
            enrolled_at: format_time(l.enrolled_at),
            removed_reason: l.removed_reason,
            activated: l.activated,
            activation_code: codes.get(&l.user_id).map(|c| c.0.clone()),
            activation_expires: codes.remove(&l.user_id).map(|c| c.1),
        })
        .collect())
}

/// A page of a course's roster, searched by name, phone or the ID number's last digits.
pub async fn roster(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    filter: RosterFilter,
    q: &str,
    page: u64,
) -> DomainResult<RosterPage> {
    let (course, org) = course_for(db, actor, course_id, Operation::ViewRoster).await?;
    let town = policy::town_scope(actor);
    let paginator = lines(course_id, filter, q, town)
        .into_model::<Line>()
        .paginate(db, ROSTER_PER_PAGE);
    let total = paginator.num_items().await?;
    let page = super::page_number(page);
    let found = paginator.fetch_page(page - 1).await?;
    let rows = rows_of(db, course_id, found).await?;
    let waitlisted = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Waitlisted.as_str()))
        .count(db)
        .await?;
    let provider = names(db, [org.id])
        .await?
        .remove(&org.id)
        .unwrap_or_default();
    Ok(RosterPage {
        course_id,
        title: course.title,
        provider,
        course_status: *course.status,
        capacity: course.capacity,
        seats_taken: course.seats_taken,
        waitlisted,
        rows,
        total,
        page,
        per_page: ROSTER_PER_PAGE,
        can_manage: roster_open(*course.status)
            && policy::authorize_for_org(actor, Operation::ManageRoster, org).is_ok(),
        can_reveal: policy::authorize(actor, Operation::RevealIdNumber).is_ok(),
        can_issue_codes: policy::authorize_for_org(actor, Operation::ManageRoster, org).is_ok(),
        town_only: match town {
            Some(town) => crate::towns::names(db).await?.remove(&town),
            None => None,
        },
    })
}

/// A file to download.
#[derive(Debug)]
pub struct Download {
    /// Without directory; may hold Chinese characters.
    pub file_name: String,
    pub content_type: &'static str,
    pub body: DownloadBody,
}

/// A download's bytes: made before it is sent, or written while it is sent (large exports).
#[derive(Debug)]
pub enum DownloadBody {
    Whole(Vec<u8>),
    Streamed(crate::sheets::ByteStream),
}

impl Download {
    /// A file made before it is sent, named `{stem}.{extension}`.
    pub fn whole(stem: &str, format: ExportFormat, bytes: Vec<u8>) -> Download {
        Download {
            file_name: format!("{stem}.{}", format.extension()),
            content_type: format.content_type(),
            body: DownloadBody::Whole(bytes),
        }
    }

    /// Every byte of the file, waiting for a streamed one to be written; an error if it could
    /// not be finished.
    pub async fn bytes(self) -> std::io::Result<Vec<u8>> {
        match self.body {
            DownloadBody::Whole(bytes) => Ok(bytes),
            DownloadBody::Streamed(mut chunks) => {
                let mut bytes = Vec::new();
                while let Some(chunk) = chunks.recv().await {
                    bytes.extend(chunk?);
                }
                Ok(bytes)
            }
        }
    }
}

/// The formats a list can be exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "xlsx" => Some(Self::Xlsx),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "text/csv; charset=utf-8",
        }
    }

    /// `cells` under `header`: a workbook of one sheet named `sheet_name`, or CSV.
    pub fn write(
        self,
        sheet_name: &str,
        header: &[&str],
        cells: &[Vec<String>],
    ) -> DomainResult<Vec<u8>> {
        Ok(match self {
            Self::Xlsx => sheets::write_xlsx(sheet_name, header, cells)?,
            Self::Csv => sheets::write_csv(header, cells),
        })
    }
}

/// The whole roster (for the filter) as a spreadsheet, headed in the viewer's language. The
/// export is audited: it carries people's phones.
pub async fn export(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    filter: RosterFilter,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    let (course, _) = course_for(db, actor, course_id, Operation::ViewRoster).await?;
    let town = policy::town_scope(actor);
    let found = lines(course_id, filter, "", town)
        .limit(EXPORT_LIMIT)
        .into_model::<Line>()
        .all(db)
        .await?;
    let rows = rows_of(db, course_id, found).await?;
    let header: Vec<&str> = [
        Msg::ColNo,
        Msg::FieldName,
        Msg::FieldIdNumber,
        Msg::FieldPhone,
        Msg::FilterTown,
        Msg::FieldVillage,
        Msg::ColStatus,
        Msg::ColWaitlistRank,
        Msg::ColEnrolledAt,
        Msg::ColRemovedReason,
    ]
    .iter()
    .map(|m| locale.t(*m))
    .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.id_number_masked.clone(),
                r.phone.clone(),
                model::catalogue::town_in(&r.town, locale),
                r.village.clone(),
                locale.t(status_label(r.status)).to_string(),
                r.waitlist_rank.map(|n| n.to_string()).unwrap_or_default(),
                r.enrolled_at.clone(),
                r.removed_reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let sheet_name = locale.t(Msg::RosterSheetName);
    let bytes = format.write(sheet_name, &header, &cells)?;
    audit::record(
        db,
        actor,
        Event {
            action: AuditAction::RosterExported,
            entity: AuditRecord::Course,
            entity_id: Some(course_id.to_string()),
            detail: Some(serde_json::json!({
                "format": format.extension(),
                "filter": filter.as_str(),
                "town": town,
                "rows": rows.len(),
            })),
        },
    )
    .await?;
    let today = crate::local_time::today().format("%Y%m%d");
    Ok(Download::whole(
        &format!("{sheet_name}-{}-{today}", course.id),
        format,
        bytes,
    ))
}

/// Loads one enrolment of the (locked) course for a staff action.
async fn enrolment_of(
    txn: &sea_orm::DatabaseTransaction,
    course_id: i32,
    enrollment_id: i32,
) -> DomainResult<enrollments::Model> {
    enrollments::Entity::find_by_id(enrollment_id)
        .filter(enrollments::Column::CourseId.eq(course_id))
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Checks that the actor may change this course's roster now.
pub(crate) async fn check_manage(
    db: &impl ConnectionTrait,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<()> {
    let (course, org) = visible_course(db, actor, course_id).await?;
    policy::authorize_for_org(actor, Operation::ManageRoster, org)?;
    if !roster_open(*course.status) {
        return Err(DomainError::Conflict(Msg::ErrRosterClosed));
    }
    Ok(())
}

/// Gives a waitlisted trainee a free seat, out of turn (staff decide).
pub async fn admit(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    enrollment_id: i32,
) -> DomainResult<()> {
    check_manage(db, actor, course_id).await?;
    let txn = begin_write(db).await?;
    lock_course(&txn, course_id).await?;
    let e = enrolment_of(&txn, course_id, enrollment_id).await?;
    if e.status != EnrollmentStatus::Waitlisted {
        return Err(DomainError::Conflict(Msg::ErrNotWaitlisted));
    }
    let seat = crate::entities::courses::Entity::update_many()
        .col_expr(
            crate::entities::courses::Column::SeatsTaken,
            Expr::col(crate::entities::courses::Column::SeatsTaken).add(1),
        )
        .filter(crate::entities::courses::Column::Id.eq(course_id))
        .filter(
            Expr::col(crate::entities::courses::Column::SeatsTaken)
                .lt(Expr::col(crate::entities::courses::Column::Capacity)),
        )
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if !seat {
        return Err(DomainError::Conflict(Msg::ErrNoFreeSeat));
    }
    let mut active = e.into_active_model();
    active.status = Set(EnrollmentStatus::Enrolled.into());
    active.waitlist_position = Set(None);
    active.status_changed_at = Set(Utc::now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::EnrolmentAdmitted,
            entity: AuditRecord::Enrollment,
            entity_id: Some(enrollment_id.to_string()),
            detail: Some(serde_json::json!({ "course_id": course_id })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a trainee off a course (enrolled or waiting) with a reason, which is kept and
/// audited. A freed seat goes to the first in the waiting list.
pub async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    enrollment_id: i32,
    input: RemoveInput,
) -> DomainResult<()> {
    check_manage(db, actor, course_id).await?;
    DomainError::check(input.validate())?;
    let reason = input.reason.trim().to_string();
    let txn = begin_write(db).await?;
    lock_course(&txn, course_id).await?;
    let e = enrolment_of(&txn, course_id, enrollment_id).await?;
    if !ACTIVE.contains(&e.status) {
        return Err(DomainError::Conflict(Msg::ErrNotOnRoster));
    }
    let had_seat = e.status == EnrollmentStatus::Enrolled;
    let mut active = e.into_active_model();
    active.status = Set(EnrollmentStatus::Removed.into());
    active.waitlist_position = Set(None);
    active.status_changed_at = Set(Utc::now());
    active.removed_reason = Set(Some(reason.clone()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::EnrolmentRemoved,
            entity: AuditRecord::Enrollment,
            entity_id: Some(enrollment_id.to_string()),
            detail: Some(serde_json::json!({ "course_id": course_id, "reason": reason })),
        },
    )
    .await?;
    if had_seat {
        release_seat(&txn, actor, course_id).await?;
    }
    txn.commit().await?;
    Ok(())
}
