//! The public course catalogue: search and filters over the courses the public may see, and
//! one course's page. No login needed; a page is a handful of queries however many courses
//! match (the page of courses, their providers, the towns).

use crate::entities::codes;
use crate::entities::{course_sessions, courses, towns};
use crate::local_time::beijing;
use crate::partners::names;
use crate::policy::{self, Operation};
use crate::{Actor, DomainError, DomainResult};
use chrono::Utc;
use model::catalogue::{
    CATALOGUE_PER_PAGE, CataloguePage, CatalogueQuery, CourseCard, CourseDetail, Industry,
    SessionRow, TownOption, TraineeStanding,
};
use model::enums::CourseStatus;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use std::collections::HashMap;

/// Statuses the public sees: approved (opening soon), open and running.
pub const PUBLIC_STATUSES: [CourseStatus; 3] = [
    CourseStatus::Approved,
    CourseStatus::Open,
    CourseStatus::Running,
];

/// `%term%` with the LIKE wildcards in the term escaped.
fn like_pattern(term: &str) -> LikeExpr {
    let escaped = term
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

fn town_option(t: &towns::Model) -> TownOption {
    TownOption {
        id: t.id,
        name_zh: t.name_zh.clone(),
        name_en: t.name_en.clone(),
    }
}

pub async fn town_options(db: &impl ConnectionTrait) -> DomainResult<Vec<TownOption>> {
    Ok(crate::towns::list(db)
        .await?
        .iter()
        .map(town_option)
        .collect())
}

fn card(c: &courses::Model, providers: &HashMap<i32, String>, towns: &[TownOption]) -> CourseCard {
    CourseCard {
        id: c.id,
        title: c.title.clone(),
        programme: *c.programme,
        industries: Industry::from_tags(&c.industry_tags),
        level: *c.level,
        mode: *c.mode,
        funding: *c.funding,
        status: *c.status,
        provider: providers
            .get(&c.organisation_id)
            .cloned()
            .unwrap_or_default(),
        town: c
            .town_id
            .and_then(|id| towns.iter().find(|t| t.id == id).cloned()),
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        total_hours: c.total_hours,
        capacity: c.capacity,
        places_left: std::cmp::max(c.capacity - c.seats_taken, 0),
        enrolling: enrolling_now(c, Utc::now()),
    }
}

/// Open for enrolment at `now` with places left (the rule [`search`] sorts by).
fn enrolling_now(c: &courses::Model, now: chrono::DateTime<Utc>) -> bool {
    c.status == CourseStatus::Open
        && c.seats_taken < c.capacity
        && c.enrol_opens_at.is_none_or(|t| t <= now)
        && c.enrol_closes_at.is_none_or(|t| now < t)
}

/// One page of the catalogue: courses open for enrolment with places left first, then those
/// opening soon, then the rest; soonest start first within each.
pub async fn search(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &CatalogueQuery,
) -> DomainResult<CataloguePage> {
    policy::authorize(actor, Operation::BrowseCatalogue)?;
    let mut filter = Condition::all().add(courses::Column::Status.is_in(codes(PUBLIC_STATUSES)));
    for term in query.q.split_whitespace().take(8) {
        filter = filter.add(
            Condition::any()
                .add(Expr::col(courses::Column::Title).like(like_pattern(term)))
                .add(Expr::col(courses::Column::Description).like(like_pattern(term))),
        );
    }
    if let Some(p) = query.programme {
        filter = filter.add(courses::Column::Programme.eq(p.as_str()));
    }
    if let Some(i) = query.industry {
        filter =
            filter.add(Expr::col(courses::Column::IndustryTags).like(like_pattern(i.as_str())));
    }
    if let Some(town) = query.town {
        filter = filter.add(courses::Column::TownId.eq(town));
    }
    if let Some(m) = query.mode {
        filter = filter.add(courses::Column::Mode.eq(m.as_str()));
    }
    if let Some(l) = query.level {
        filter = filter.add(courses::Column::Level.eq(l.as_str()));
    }
    if let Some(from) = query.from {
        filter = filter.add(courses::Column::StartsOn.gte(from));
    }
    if let Some(to) = query.to {
        filter = filter.add(courses::Column::StartsOn.lte(to));
    }
    if query.free_places {
        filter = filter
            .add(Expr::col(courses::Column::SeatsTaken).lt(Expr::col(courses::Column::Capacity)));
    }
    // What a visitor can enrol in now comes first, then what opens soon, then what runs.
    let now = Utc::now();
    let enrolling_now = Condition::all()
        .add(courses::Column::Status.eq(CourseStatus::Open.as_str()))
        .add(Expr::col(courses::Column::SeatsTaken).lt(Expr::col(courses::Column::Capacity)))
        .add(
            Condition::any()
                .add(courses::Column::EnrolOpensAt.is_null())
                .add(courses::Column::EnrolOpensAt.lte(now)),
        )
        .add(
            Condition::any()
                .add(courses::Column::EnrolClosesAt.is_null())
                .add(courses::Column::EnrolClosesAt.gt(now)),
        );
    let rank = Expr::case(enrolling_now, 0)
        .case(
            courses::Column::Status.is_in(codes([CourseStatus::Approved, CourseStatus::Open])),
            1,
        )
        .finally(2);
    let paginator = courses::Entity::find()
        .filter(filter)
        .order_by(SimpleExpr::Case(Box::new(rank)), Order::Asc)
        .order_by_asc(courses::Column::StartsOn)
        .order_by_asc(courses::Column::Id)
        .paginate(db, CATALOGUE_PER_PAGE);
    let total = paginator.num_items().await?;
    let page = super::page_number(query.page);
    let rows = paginator.fetch_page(page - 1).await?;
    let providers = names(db, rows.iter().map(|c| c.organisation_id)).await?;
    let towns = town_options(db).await?;
    let items = rows.iter().map(|c| card(c, &providers, &towns)).collect();
    Ok(CataloguePage {
        items,
        total,
        page,
        per_page: CATALOGUE_PER_PAGE,
        towns,
    })
}

/// A course's public page. Courses the public may not see are `NotFound`, not `Forbidden`, so
/// drafts and rejected courses do not even show that they exist.
pub async fn course(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> DomainResult<CourseDetail> {
    policy::authorize(actor, Operation::BrowseCatalogue)?;
    let course = courses::Entity::find_by_id(id)
        .filter(courses::Column::Status.is_in(codes(PUBLIC_STATUSES)))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let providers = names(db, [course.organisation_id]).await?;
    let towns = town_options(db).await?;
    let sessions = course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.eq(course.id))
        .order_by_asc(course_sessions::Column::StartsAt)
        .all(db)
        .await?;
    let tz = beijing();
    let now = Utc::now();
    let window_open = course.enrol_opens_at.is_none_or(|t| t <= now)
        && course.enrol_closes_at.is_none_or(|t| now < t);
    let trainee = if actor.role() == Some(model::Role::Trainee) {
        let profile = crate::trainees::own_row(db, actor).await?;
        let enrolment = match &profile {
            Some(t) => crate::enrolment::standing_on(db, t.id, &course).await?,
            None => None,
        };
        Some(TraineeStanding {
            profile_complete: profile.is_some(),
            enrolment,
        })
    } else {
        None
    };
    Ok(CourseDetail {
        trainee,
        card: card(&course, &providers, &towns),
        description: course.description.clone(),
        venue: course.venue.clone(),
        enrol_closes: course
            .enrol_closes_at
            .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()),
        enrolment_open: course.status == CourseStatus::Open && window_open,
        sessions: sessions
            .into_iter()
            .map(|s| {
                let start = s.starts_at.with_timezone(&tz);
                let end = s.ends_at.with_timezone(&tz);
                SessionRow {
                    date: start.format("%Y-%m-%d").to_string(),
                    time: format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
                    topic: s.topic,
                    hours: s.hours,
                    place: s.place,
                }
            })
            .collect(),
    })
}
