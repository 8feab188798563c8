//! The training-subsidy claim list (补贴申领, see [`model::subsidy`]): per provider and
//! course, who qualifies and who counts for the full amount; exported for the finance office.
//!
//! Rules: a course that ended in the year (and has ended), free or subsidised as filtered; a trainee
//! qualifies with a completed enrolment and that enrolment's valid certificate; the full
//! amount needs a job or business (an outcome that no correction replaced, of a working or
//! business kind) dated from the day they completed to six months later.

use crate::audit::{self, Event};
use crate::dashboard::{BUSINESS, EMPLOYED, providers};
use crate::entities::Coded;
use crate::entities::codes;
use crate::entities::{certificates, courses, enrollments, outcomes, trainees};
use crate::follow_ups::due_on;
use crate::identity::decrypt_id_number;
use crate::local_time::{format_time, local_date, today};
use crate::policy::{self, Operation, OrgScope};
use crate::rosters::{Download, DownloadBody, ExportFormat};
use crate::{Actor, DomainError, DomainResult, Services, sheets};
use chrono::{Datelike, NaiveDate};
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::bases::FIRST_YEAR;
use model::enums::{CertificateStatus, CourseStatus, EnrollmentStatus};
use model::i18n::{Locale, Msg};
use model::subsidy::{
    FULL_AMOUNT_MONTHS, FullAmount, SubsidyCourse, SubsidyFilter, SubsidyList, SubsidyPerson,
    SubsidyQuery,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// The statuses of a course that was approved to be held.
const HELD: [CourseStatus; 5] = [
    CourseStatus::Approved,
    CourseStatus::Open,
    CourseStatus::Running,
    CourseStatus::Finished,
    CourseStatus::Archived,
];

/// A qualifying enrolment with its claim facts.
struct Claim {
    course_id: i32,
    trainee_id: i32,
    completed_on: NaiveDate,
    certificate: String,
    window_ends: NaiveDate,
    full: FullAmount,
    outcome: Option<(model::enums::OutcomeKind, NaiveDate)>,
}

/// The filters checked against the actor and the database: a provider's staff see only their
/// own courses (asking for another provider is 403).
async fn checked(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &SubsidyQuery,
) -> DomainResult<(SubsidyFilter, bool)> {
    let scope = policy::org_scope(actor, Operation::ViewSubsidyClaims)?;
    let mut filter = query.parse(today()).map_err(DomainError::Invalid)?;
    let locked = match scope {
        OrgScope::All => {
            if let Some(p) = filter.provider
                && !providers(db).await?.iter().any(|c| c.id == p)
            {
                return Err(DomainError::field("provider", Msg::ErrChoose));
            }
            false
        }
        OrgScope::Own(own) => {
            if filter.provider.is_some_and(|p| p != own) {
                return Err(DomainError::Forbidden);
            }
            filter.provider = Some(own);
            true
        }
    };
    Ok((filter, locked))
}

/// The courses that ended in the filter's year (up to today), newest first.
async fn claim_courses(
    db: &impl ConnectionTrait,
    filter: &SubsidyFilter,
) -> DomainResult<Vec<courses::Model>> {
    let first = NaiveDate::from_ymd_opt(filter.year, 1, 1).expect("a year's first day");
    let last = NaiveDate::from_ymd_opt(filter.year, 12, 31)
        .expect("a year's last day")
        .min(today());
    // Only courses the bureau approved: a draft, a withdrawn or a rejected course was never
    // held, whatever its dates say.
    let mut select = courses::Entity::find()
        .filter(courses::Column::Status.is_in(codes(HELD)))
        .filter(courses::Column::EndsOn.gte(first))
        .filter(courses::Column::EndsOn.lte(last));
    if let Some(p) = filter.provider {
        select = select.filter(courses::Column::OrganisationId.eq(p));
    }
    if let Some(f) = filter.funding {
        select = select.filter(courses::Column::Funding.eq(f.as_str()));
    }
    Ok(select
        .order_by_desc(courses::Column::EndsOn)
        .order_by_asc(courses::Column::Id)
        .all(db)
        .await?)
}

/// The qualifying enrolments of `course_ids`, with whether each counts for the full amount.
async fn claims(
    db: &impl ConnectionTrait,
    course_ids: &[i32],
    ends_on: &HashMap<i32, NaiveDate>,
) -> DomainResult<Vec<Claim>> {
    let mut done: Vec<enrollments::Model> = Vec::new();
    for chunk in course_ids.chunks(500) {
        done.extend(
            enrollments::Entity::find()
                .filter(enrollments::Column::CourseId.is_in(chunk.to_vec()))
                .filter(enrollments::Column::Status.eq(EnrollmentStatus::Completed.as_str()))
                .all(db)
                .await?,
        );
    }
    // The valid certificate of each completed enrolment.
    let mut certificate: HashMap<i32, String> = HashMap::new();
    let ids: Vec<i32> = done.iter().map(|e| e.id).collect();
    for chunk in ids.chunks(500) {
        for c in certificates::Entity::find()
            .filter(certificates::Column::EnrollmentId.is_in(chunk.to_vec()))
            .filter(certificates::Column::Status.eq(CertificateStatus::Valid.as_str()))
            .all(db)
            .await?
        {
            if let Some(e) = c.enrollment_id {
                certificate.insert(e, c.number);
            }
        }
    }
    done.retain(|e| certificate.contains_key(&e.id));
    // The people's jobs and businesses that no correction replaced.
    let mut people: Vec<i32> = done.iter().map(|e| e.trainee_id).collect();
    people.sort_unstable();
    people.dedup();
    let counts: Vec<_> = EMPLOYED.iter().chain(BUSINESS.iter()).copied().collect();
    let mut work: HashMap<i32, Vec<outcomes::Model>> = HashMap::new();
    for chunk in people.chunks(500) {
        for o in outcomes::Entity::find()
            .filter(outcomes::Column::TraineeId.is_in(chunk.to_vec()))
            .filter(outcomes::Column::Kind.is_in(codes(counts.clone())))
            .filter(
                outcomes::Column::Id.not_in_subquery(
                    Query::select()
                        .column(outcomes::Column::SupersedesId)
                        .from(outcomes::Entity)
                        .and_where(outcomes::Column::SupersedesId.is_not_null())
                        .to_owned(),
                ),
            )
            .order_by_asc(outcomes::Column::AsOf)
            .order_by_asc(outcomes::Column::Id)
            .all(db)
            .await?
        {
            work.entry(o.trainee_id).or_default().push(o);
        }
    }
    let now = today();
    Ok(done
        .into_iter()
        .map(|e| {
            let completed_on = e
                .completed_at
                .map(local_date)
                .or_else(|| ends_on.get(&e.course_id).copied())
                .unwrap_or(now);
            let window_ends = due_on(completed_on, FULL_AMOUNT_MONTHS);
            let counted = work.get(&e.trainee_id).and_then(|list| {
                list.iter()
                    .find(|o| o.as_of >= completed_on && o.as_of <= window_ends)
            });
            let full = match counted {
                Some(_) => FullAmount::Yes,
                None if now <= window_ends => FullAmount::Pending,
                None => FullAmount::No,
            };
            Claim {
                course_id: e.course_id,
                trainee_id: e.trainee_id,
                completed_on,
                certificate: certificate.remove(&e.id).unwrap_or_default(),
                window_ends,
                full,
                outcome: counted.map(|o| (*o.kind, o.as_of)),
            }
        })
        .collect())
}

/// The courses with their counts, in the order given.
fn summarise(
    list: &[courses::Model],
    names: &HashMap<i32, String>,
    seats: &HashMap<i32, (u32, u32)>,
    claims: &[Claim],
) -> Vec<SubsidyCourse> {
    // (qualifying, full, pending) per course, in one pass over the claims.
    let mut counts: HashMap<i32, (u32, u32, u32)> = HashMap::new();
    for k in claims {
        let c = counts.entry(k.course_id).or_default();
        c.0 += 1;
        c.1 += u32::from(k.full == FullAmount::Yes);
        c.2 += u32::from(k.full == FullAmount::Pending);
    }
    list.iter()
        .map(|c| {
            let (qualifying, full, pending) = counts.get(&c.id).copied().unwrap_or_default();
            let (seats, completed) = seats.get(&c.id).copied().unwrap_or_default();
            SubsidyCourse {
                course_id: c.id,
                title: c.title.clone(),
                provider_id: c.organisation_id,
                provider: names.get(&c.organisation_id).cloned().unwrap_or_default(),
                starts_on: c.starts_on,
                ends_on: c.ends_on,
                funding: *c.funding,
                seats,
                completed,
                qualifying,
                full,
                pending,
            }
        })
        .collect()
}

/// Seats taken and completed per course.
async fn seat_counts(
    db: &impl ConnectionTrait,
    course_ids: &[i32],
) -> DomainResult<HashMap<i32, (u32, u32)>> {
    let mut out: HashMap<i32, (u32, u32)> = HashMap::new();
    for chunk in course_ids.chunks(500) {
        let rows: Vec<(i32, Coded<EnrollmentStatus>, i64)> = enrollments::Entity::find()
            .select_only()
            .column(enrollments::Column::CourseId)
            .column(enrollments::Column::Status)
            .column_as(enrollments::Column::Id.count(), "n")
            .filter(enrollments::Column::CourseId.is_in(chunk.to_vec()))
            .filter(enrollments::Column::Status.is_in(codes([
                EnrollmentStatus::Enrolled,
                EnrollmentStatus::Completed,
                EnrollmentStatus::NotCompleted,
            ])))
            .group_by(enrollments::Column::CourseId)
            .group_by(enrollments::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        for (course, status, n) in rows {
            let entry = out.entry(course).or_default();
            entry.0 += n as u32;
            if status == EnrollmentStatus::Completed {
                entry.1 += n as u32;
            }
        }
    }
    Ok(out)
}

/// The people rows for claims (masked ID numbers; the export may unmask them).
async fn people_rows(
    db: &impl ConnectionTrait,
    claims: &[Claim],
) -> DomainResult<(Vec<SubsidyPerson>, HashMap<i32, trainees::Model>)> {
    let mut ids: Vec<i32> = claims.iter().map(|c| c.trainee_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut found: HashMap<i32, trainees::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for t in trainees::Entity::find()
            .filter(trainees::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            found.insert(t.id, t);
        }
    }
    let towns = crate::towns::names(db).await?;
    let rows = claims
        .iter()
        .filter_map(|c| {
            let t = found.get(&c.trainee_id)?;
            Some(SubsidyPerson {
                trainee_id: t.id,
                course_id: c.course_id,
                name: t.name.clone(),
                id_number_masked: t.id_number_masked.clone(),
                town: towns.get(&t.town_id).cloned().unwrap_or_default(),
                completed_on: c.completed_on,
                certificate: c.certificate.clone(),
                window_ends: c.window_ends,
                full: c.full,
                outcome: c.outcome.map(|o| o.0),
                outcome_on: c.outcome.map(|o| o.1),
            })
        })
        .collect();
    Ok((rows, found))
}

/// The claim list for the filters; with a course, its qualifying trainees too.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    query: &SubsidyQuery,
) -> DomainResult<SubsidyList> {
    let (filter, locked) = checked(db, actor, query).await?;
    let all = claim_courses(
        db,
        &SubsidyFilter {
            course: None,
            ..filter.clone()
        },
    )
    .await?;
    if let Some(c) = filter.course
        && !all.iter().any(|k| k.id == c)
    {
        return Err(DomainError::field("course", Msg::ErrChoose));
    }
    let ids: Vec<i32> = all.iter().map(|c| c.id).collect();
    let ends: HashMap<i32, NaiveDate> = all.iter().map(|c| (c.id, c.ends_on)).collect();
    let found = claims(db, &ids, &ends).await?;
    let seats = seat_counts(db, &ids).await?;
    let choices = providers(db).await?;
    let names: HashMap<i32, String> = choices.iter().map(|c| (c.id, c.name.clone())).collect();
    let courses = summarise(&all, &names, &seats, &found);
    let people = match filter.course {
        Some(c) => {
            let mine: Vec<Claim> = found.into_iter().filter(|k| k.course_id == c).collect();
            people_rows(db, &mine).await?.0
        }
        None => Vec::new(),
    };
    Ok(SubsidyList {
        years: (FIRST_YEAR..=today().year()).rev().collect(),
        providers: match filter.provider {
            Some(p) if locked => choices.into_iter().filter(|c| c.id == p).collect(),
            _ => choices,
        },
        locked_provider: locked,
        qualifying: courses.iter().map(|c| c.qualifying).sum(),
        full: courses.iter().map(|c| c.full).sum(),
        pending: courses.iter().map(|c| c.pending).sum(),
        courses,
        people,
        filter,
    })
}

/// Every qualifying trainee under the filters, one row each, for the finance office. Bureau
/// admins get whole ID numbers (the export is audited, saying so); everyone else masked ones.
pub async fn export(
    svc: &Services,
    actor: &Actor,
    query: &SubsidyQuery,
    format: ExportFormat,
    locale: Locale,
) -> DomainResult<Download> {
    let db = &svc.db;
    let (filter, _) = checked(db, actor, query).await?;
    let list = claim_courses(db, &filter).await?;
    let list: Vec<courses::Model> = match filter.course {
        Some(c) => {
            let one: Vec<_> = list.into_iter().filter(|k| k.id == c).collect();
            if one.is_empty() {
                return Err(DomainError::field("course", Msg::ErrChoose));
            }
            one
        }
        None => list,
    };
    let ids: Vec<i32> = list.iter().map(|c| c.id).collect();
    let ends: HashMap<i32, NaiveDate> = list.iter().map(|c| (c.id, c.ends_on)).collect();
    let found = claims(db, &ids, &ends).await?;
    let (people, trainees) = people_rows(db, &found).await?;
    let full_ids = policy::authorize(actor, Operation::RevealIdNumber).is_ok();
    let names: HashMap<i32, String> = providers(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let by_id: HashMap<i32, &courses::Model> = list.iter().map(|c| (c.id, c)).collect();
    let t = |m: Msg| locale.t(m).to_string();
    let any = t(Msg::FilterAll);
    let count = |f: FullAmount| people.iter().filter(|p| p.full == f).count();
    let preamble = vec![
        vec![t(Msg::SubsidyTitle)],
        vec![t(Msg::FieldYear), filter.year.to_string()],
        vec![
            t(Msg::FieldProvider),
            filter
                .provider
                .and_then(|p| names.get(&p).cloned())
                .unwrap_or_else(|| any.clone()),
        ],
        vec![
            t(Msg::ColCourse),
            filter
                .course
                .and_then(|c| by_id.get(&c).map(|k| k.title.clone()))
                .unwrap_or_else(|| any.clone()),
        ],
        vec![
            t(Msg::FieldFunding),
            filter
                .funding
                .map(|f| t(f.label()))
                .unwrap_or_else(|| any.clone()),
        ],
        vec![
            locale.fill(Msg::SubsidyTotals, people.len()),
            locale.fill(Msg::SubsidyTotalsFull, count(FullAmount::Yes)),
            locale.fill(Msg::SubsidyTotalsPending, count(FullAmount::Pending)),
        ],
        vec![t(if full_ids {
            Msg::SubsidyIdNumbersFull
        } else {
            Msg::SubsidyIdNumbersMasked
        })],
        vec![t(Msg::ExportedAt), format_time(chrono::Utc::now())],
        vec![t(Msg::ExportedBy), sheets::who(actor)],
    ];
    let header = [
        t(Msg::FieldProvider),
        t(Msg::ColCourse),
        t(Msg::SubsidyColDates),
        t(Msg::FieldFunding),
        t(Msg::FieldName),
        t(Msg::FieldIdNumber),
        t(Msg::FilterTown),
        t(Msg::SubsidyColCompletedOn),
        t(Msg::SubsidyColCertificate),
        t(Msg::SubsidyColFullAmount),
        t(Msg::SubsidyColOutcome),
        t(Msg::SubsidyColWindowEnds),
    ];
    let mut cells: Vec<Vec<String>> = Vec::with_capacity(people.len());
    for p in &people {
        let course = by_id.get(&p.course_id);
        let id_number = match (full_ids, trainees.get(&p.trainee_id)) {
            (true, Some(t)) => decrypt_id_number(&svc.keys, &t.id_number_cipher)?,
            _ => p.id_number_masked.clone(),
        };
        cells.push(vec![
            course
                .and_then(|c| names.get(&c.organisation_id).cloned())
                .unwrap_or_default(),
            course.map(|c| c.title.clone()).unwrap_or_default(),
            course
                .map(|c| format!("{} – {}", c.starts_on, c.ends_on))
                .unwrap_or_default(),
            course.map(|c| t(c.funding.label())).unwrap_or_default(),
            p.name.clone(),
            id_number,
            p.town.clone(),
            p.completed_on.to_string(),
            p.certificate.clone(),
            t(p.full.label()),
            match (p.outcome, p.outcome_on) {
                (Some(k), Some(on)) => format!("{} ({on})", locale.t(k.label())),
                _ => String::new(),
            },
            p.window_ends.to_string(),
        ]);
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let title = format!("{}{}", t(Msg::SubsidyTitle), filter.year);
    let bytes = match format {
        ExportFormat::Xlsx => sheets::write_xlsx_with(&title, &preamble, &header, &cells)?,
        ExportFormat::Csv => sheets::write_csv_with(&preamble, &header, &cells),
    };
    audit::record(
        db,
        actor,
        Event {
            action: AuditAction::SubsidiesExported,
            entity: AuditRecord::Subsidy,
            entity_id: None,
            detail: Some(serde_json::json!({
                "filter": filter.query(), "rows": people.len(), "format": format.extension(),
                "full_id_numbers": full_ids,
            })),
        },
    )
    .await?;
    Ok(Download {
        file_name: format!("{title}-{}.{}", today(), format.extension()),
        content_type: format.content_type(),
        body: DownloadBody::Whole(bytes),
    })
}
