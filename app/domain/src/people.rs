//! A person's one record: sign-up, courses with attendance and hours, certificates,
//! applications and placements, outcomes and follow-ups, and all of it in time order. For
//! bureau staff (anyone), base staff (people who applied to their base) and the trainee
//! (their own).

use crate::entities::{
    attendance, certificates, courses, enrollments, follow_ups, placements, places, trainees, users,
};
use crate::local_time::local_date;
use crate::outcomes::{may_record_for, rows_of};
use crate::partners::names;
use crate::policy::{self, Operation};
use crate::trainees::own_row;
use crate::{Actor, DomainError, DomainResult};
use model::Role;
use model::accounts::mask_phone;
use model::attendance::counts_hours;
use model::enums::{EnrollmentStatus, FollowUpStatus, PlacementStatus};
use model::i18n::Msg;
use model::outcomes::{
    PEOPLE_SEARCH_LIMIT, PersonHit, PersonRecord, RecordCertificate, RecordCourse, RecordEvent,
    RecordFollowUp, RecordPlacement,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use std::collections::HashMap;

/// People whose name contains `q`, whose phone number contains it, or whose ID number ends with
/// it (at most [`PEOPLE_SEARCH_LIMIT`]); base staff find only people who applied to their base.
pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    q: &str,
) -> DomainResult<Vec<PersonHit>> {
    policy::authorize(actor, Operation::ViewPeople)?;
    let term = q.trim();
    if term.is_empty() {
        return Ok(Vec::new());
    }
    let mut select = trainees::Entity::find()
        .join(JoinType::InnerJoin, trainees::Relation::Users.def())
        .filter(
            Condition::any()
                .add(trainees::Column::Name.contains(term))
                .add(users::Column::Phone.contains(term))
                .add(trainees::Column::IdNumberMasked.ends_with(term.to_uppercase())),
        );
    if let Some(town) = policy::town_scope(actor) {
        select = select.filter(trainees::Column::TownId.eq(town));
    }
    if actor.role() == Some(Role::PartnerStaff) {
        let org = actor.organisation_id().ok_or(DomainError::Forbidden)?;
        select = select.filter(
            trainees::Column::Id.in_subquery(
                Query::select()
                    .column(placements::Column::TraineeId)
                    .from(placements::Entity)
                    .and_where(Expr::col(placements::Column::OrganisationId).eq(org))
                    .to_owned(),
            ),
        );
    }
    let found = select
        .order_by_asc(trainees::Column::Name)
        .order_by_asc(trainees::Column::Id)
        .limit(PEOPLE_SEARCH_LIMIT)
        .all(db)
        .await?;
    let phones: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(found.iter().map(|t| t.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.phone))
        .collect();
    let towns = crate::towns::names(db).await?;
    Ok(found
        .into_iter()
        .map(|t| PersonHit {
            trainee_id: t.id,
            phone_masked: phones
                .get(&t.user_id)
                .map(|p| mask_phone(p))
                .unwrap_or_default(),
            town: towns.get(&t.town_id).cloned().unwrap_or_default(),
            name: t.name,
            id_number_masked: t.id_number_masked,
        })
        .collect())
}

/// A person's record for bureau or base staff.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    trainee_id: i32,
) -> DomainResult<PersonRecord> {
    policy::authorize(actor, Operation::ViewPeople)?;
    let person = trainees::Entity::find_by_id(trainee_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if policy::town_scope(actor).is_some_and(|town| town != person.town_id) {
        return Err(DomainError::NotFound);
    }
    if actor.role() == Some(Role::PartnerStaff) {
        let org = actor.organisation_id().ok_or(DomainError::Forbidden)?;
        let applied_here = placements::Entity::find()
            .filter(placements::Column::TraineeId.eq(trainee_id))
            .filter(placements::Column::OrganisationId.eq(org))
            .one(db)
            .await?
            .is_some();
        if !applied_here {
            return Err(DomainError::NotFound);
        }
    }
    build(db, actor, person).await
}

/// The signed-in trainee's own record.
pub async fn mine(db: &DatabaseConnection, actor: &Actor) -> DomainResult<PersonRecord> {
    policy::authorize(actor, Operation::ReportOwnOutcome)?;
    let person = own_row(db, actor)
        .await?
        .ok_or(DomainError::Conflict(Msg::ErrProfileRequired))?;
    build(db, actor, person).await
}

async fn build(
    db: &impl ConnectionTrait,
    actor: &Actor,
    person: trainees::Model,
) -> DomainResult<PersonRecord> {
    let id = person.id;
    let user = users::Entity::find_by_id(person.user_id).one(db).await?;
    let town = crate::towns::list(db)
        .await?
        .into_iter()
        .find(|t| t.id == person.town_id)
        .map(|t| t.name_zh)
        .unwrap_or_default();
    let mut timeline = vec![RecordEvent {
        on: local_date(person.created_at),
        what: Msg::EventSignedUp,
        detail: town.clone(),
    }];

    // Courses, with the sessions marked and attended.
    let enrolments = enrollments::Entity::find()
        .filter(enrollments::Column::TraineeId.eq(id))
        .all(db)
        .await?;
    let course_rows: HashMap<i32, courses::Model> = courses::Entity::find()
        .filter(courses::Column::Id.is_in(enrolments.iter().map(|e| e.course_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let providers = names(db, course_rows.values().map(|c| c.organisation_id)).await?;
    let marks = attendance::Entity::find()
        .filter(attendance::Column::EnrollmentId.is_in(enrolments.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let mut course_list = Vec::new();
    for e in &enrolments {
        let Some(c) = course_rows.get(&e.course_id) else {
            continue;
        };
        let mine: Vec<_> = marks.iter().filter(|m| m.enrollment_id == e.id).collect();
        course_list.push(RecordCourse {
            course_id: c.id,
            title: c.title.clone(),
            provider: providers
                .get(&c.organisation_id)
                .cloned()
                .unwrap_or_default(),
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            status: *e.status,
            attended_hours: e.attended_hours,
            total_hours: c.total_hours,
            sessions_attended: mine.iter().filter(|m| counts_hours(*m.status)).count() as u32,
            sessions_marked: mine.len() as u32,
            score: e.score,
            enrolled_on: local_date(e.enrolled_at),
        });
        timeline.push(RecordEvent {
            on: local_date(e.enrolled_at),
            what: Msg::EventEnrolled,
            detail: c.title.clone(),
        });
        if let (EnrollmentStatus::Completed, Some(at)) = (*e.status, e.completed_at) {
            timeline.push(RecordEvent {
                on: local_date(at),
                what: Msg::EventCompleted,
                detail: format!("{} · {:.1}", c.title, e.attended_hours),
            });
        }
    }
    course_list.sort_by_key(|c| std::cmp::Reverse(c.starts_on));

    // Certificates.
    let certs = certificates::Entity::find()
        .filter(certificates::Column::TraineeId.eq(id))
        .all(db)
        .await?;
    let cert_courses: HashMap<i32, String> = courses::Entity::find()
        .filter(courses::Column::Id.is_in(certs.iter().filter_map(|c| c.course_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let certificate_list: Vec<RecordCertificate> = certs
        .into_iter()
        .map(|c| {
            let course = c
                .course_id
                .and_then(|i| cert_courses.get(&i).cloned())
                .unwrap_or_default();
            timeline.push(RecordEvent {
                on: local_date(c.issued_at),
                what: Msg::EventCertified,
                detail: format!("{} · {}", c.number, course),
            });
            RecordCertificate {
                number: c.number,
                course,
                issued_on: local_date(c.issued_at),
                status: *c.status,
                verification_code: c.verification_code,
            }
        })
        .collect();

    // Applications and placements.
    let applied = placements::Entity::find()
        .filter(placements::Column::TraineeId.eq(id))
        .all(db)
        .await?;
    let place_titles: HashMap<i32, String> = places::Entity::find()
        .filter(places::Column::Id.is_in(applied.iter().filter_map(|p| p.place_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let bases = names(db, applied.iter().map(|p| p.organisation_id)).await?;
    let placement_list: Vec<RecordPlacement> = applied
        .into_iter()
        .map(|p| {
            let place = p
                .place_id
                .and_then(|i| place_titles.get(&i).cloned())
                .unwrap_or_default();
            let base = bases.get(&p.organisation_id).cloned().unwrap_or_default();
            let label = format!("{base} · {place}");
            timeline.push(RecordEvent {
                on: local_date(p.applied_at),
                what: Msg::EventApplied,
                detail: label.clone(),
            });
            if let Some(start) = p.start_date {
                timeline.push(RecordEvent {
                    on: start,
                    what: Msg::EventPlaced,
                    detail: label.clone(),
                });
            }
            if let Some(end) = p.end_date {
                timeline.push(RecordEvent {
                    on: end,
                    what: if p.status == PlacementStatus::Graduated {
                        Msg::EventGraduated
                    } else {
                        Msg::EventLeft
                    },
                    detail: label.clone(),
                });
            }
            RecordPlacement {
                id: p.id,
                base,
                place,
                kind: *p.kind,
                status: *p.status,
                applied_on: local_date(p.applied_at),
                start_date: p.start_date,
                end_date: p.end_date,
                reason: p.end_reason.or(p.decision_reason),
            }
        })
        .collect();

    // Outcomes (the history) and follow-ups.
    let outcome_list = rows_of(db, actor, &[id]).await?;
    for o in outcome_list.iter().filter(|o| !o.superseded) {
        timeline.push(RecordEvent {
            on: o.as_of,
            what: o.kind.label(),
            detail: o
                .employer
                .clone()
                .or_else(|| o.business_name.clone())
                .unwrap_or_default(),
        });
    }
    let follow = follow_ups::Entity::find()
        .filter(follow_ups::Column::TraineeId.eq(id))
        .all(db)
        .await?;
    let follow_courses: HashMap<i32, i32> =
        enrolments.iter().map(|e| (e.id, e.course_id)).collect();
    let mut follow_list: Vec<RecordFollowUp> = follow
        .into_iter()
        .map(|f| {
            let course = follow_courses
                .get(&f.enrollment_id)
                .and_then(|c| course_rows.get(c))
                .map(|c| c.title.clone())
                .unwrap_or_default();
            if let (FollowUpStatus::Done | FollowUpStatus::Unreachable, Some(at)) =
                (*f.status, f.done_at)
            {
                timeline.push(RecordEvent {
                    on: local_date(at),
                    what: if f.status == FollowUpStatus::Done {
                        Msg::EventFollowedUp
                    } else {
                        Msg::EventUnreachable
                    },
                    detail: course.clone(),
                });
            }
            RecordFollowUp {
                id: f.id,
                course,
                due_months: f.due_months,
                due_on: f.due_on,
                status: *f.status,
                result: f.result,
                done_on: f.done_at.map(local_date),
            }
        })
        .collect();
    follow_list.sort_by_key(|f| f.due_on);
    timeline.sort_by_key(|e| e.on);

    Ok(PersonRecord {
        trainee_id: id,
        name: person.name.clone(),
        phone_masked: user.map(|u| mask_phone(&u.phone)).unwrap_or_default(),
        id_number_masked: person.id_number_masked.clone(),
        town,
        village: person.village.clone(),
        signed_up_on: local_date(person.created_at),
        courses: course_list,
        certificates: certificate_list,
        placements: placement_list,
        outcomes: outcome_list,
        follow_ups: follow_list,
        timeline,
        can_record: may_record_for(db, actor, id).await.is_ok(),
    })
}
