//! Past years of training, for measuring at scale (`yucai seed --demo --scale N`): trainees
//! beyond the demo's own, each of whom took one to five finished courses (three on average)
//! between 2021 and last month, with every session's attendance, scores, the certificates the
//! bureau issued a week after each course, the follow-up calls due since and the outcomes those
//! calls found. Written in batches of courses, each batch in its own transaction, so memory
//! stays flat whatever the size; deterministic like the rest of the demo data.

use super::outcomes::{at, random_outcome};
use super::{BATCH, profile, random_mark, staff_mark};
use crate::certificates::{lock_counter, number, past_row, signing_key, take_numbers};
use crate::db::begin_write;
use crate::entities::Coded;
use crate::entities::{
    attendance, course_sessions, courses, enrollments, follow_ups, organisations, outcomes,
    trainees, users,
};
use crate::follow_ups::{INTERVALS, due_on};
use crate::identity::id_check_char;
use crate::{DomainError, DomainResult, Services};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use model::Role;
use model::catalogue::Industry;
use model::enums::{
    AttendanceStatus, CourseLevel, CourseMode, CourseStatus, EnrollmentStatus, FollowUpStatus,
    Funding, Gender, OutcomeSource, Programme, UserStatus,
};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

/// The first year of the generated history.
pub const FIRST_YEAR: i32 = 2021;
/// Seats on each generated course (all taken).
const SEATS: usize = 50;
/// Sessions of four hours on four days running.
const SESSIONS: i64 = 4;
const HOURS_PER_SESSION: f64 = 4.0;
/// Courses written per transaction: 20,000 enrolments and 80,000 attendance marks.
const COURSES_PER_BATCH: usize = 400;
/// Trainee accounts written per transaction.
const PEOPLE_PER_BATCH: u32 = 2000;

/// What was written.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct History {
    pub trainees: u64,
    pub courses: u64,
    pub enrollments: u64,
    pub attendance: u64,
    pub certificates: u64,
    pub follow_ups: u64,
    pub outcomes: u64,
}

/// A generated person's ID number: county code 419998 (there is none) and a birth day and
/// order number that follow from `seq`, so every one differs from every other and from the
/// demo's own people (419999).
fn id_number(seq: u32) -> (String, NaiveDate, Gender) {
    let base = NaiveDate::from_ymd_opt(1965, 1, 1).expect("date");
    let birth = base + Duration::days(i64::from(seq % 14_600));
    let order = seq / 14_600;
    let first17 = format!("419998{}{:03}", birth.format("%Y%m%d"), order % 1000);
    let check = id_check_char(&first17).expect("digits");
    let gender = if order % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    (format!("{first17}{check}"), birth, gender)
}

/// The people, courses and ids the batches draw on.
struct Context {
    admin: i32,
    password_hash: String,
    towns: Vec<i32>,
    providers: Vec<(i32, String)>,
    today: NaiveDate,
    now: DateTime<Utc>,
}

async fn context(svc: &Services) -> DomainResult<Context> {
    let db = &svc.db;
    let admin = users::Entity::find()
        .filter(users::Column::Role.eq(Role::BureauAdmin.as_str()))
        .order_by_asc(users::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::Internal("the demo data has no bureau admin".into()))?;
    let towns: Vec<i32> = crate::entities::towns::Entity::find()
        .order_by_asc(crate::entities::towns::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    // The providers that run the demo's courses.
    let mut ids: Vec<i32> = courses::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.organisation_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let providers = organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(ids))
        .order_by_asc(organisations::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect::<Vec<_>>();
    if providers.is_empty() || towns.is_empty() {
        return Err(DomainError::Internal("the demo data has no courses".into()));
    }
    let now = Utc::now();
    Ok(Context {
        admin: admin.id,
        password_hash: admin.password_hash,
        towns,
        providers,
        today: now.date_naive(),
        now,
    })
}

/// Adds `extra` trainees with their past courses to the demo data.
pub async fn load(svc: &Services, rng: &mut StdRng, extra: u32) -> DomainResult<History> {
    let ctx = context(svc).await?;
    let mut done = History::default();
    let people = people(svc, rng, &ctx, extra).await?;
    done.trainees = people.len() as u64;
    // Each person takes one to five courses; the seats are dealt out at random.
    let mut seats: Vec<i32> = Vec::with_capacity(people.len() * 3);
    for &id in &people {
        for _ in 0..rng.gen_range(1..=5) {
            seats.push(id);
        }
    }
    seats.shuffle(rng);
    let classes: Vec<Vec<i32>> = seats
        .chunks(SEATS)
        .map(|c| {
            let mut class = c.to_vec();
            class.sort_unstable();
            class.dedup();
            class.shuffle(rng);
            class
        })
        .collect();
    let key = signing_key(&svc.keys);
    for (n, batch) in classes.chunks(COURSES_PER_BATCH).enumerate() {
        courses_batch(
            svc,
            rng,
            &ctx,
            &key,
            n * COURSES_PER_BATCH,
            batch,
            &mut done,
        )
        .await?;
    }
    Ok(done)
}

/// Trainee accounts and profiles; returns their profile ids.
async fn people(
    svc: &Services,
    rng: &mut StdRng,
    ctx: &Context,
    extra: u32,
) -> DomainResult<Vec<i32>> {
    let mut ids = Vec::with_capacity(extra as usize);
    let mut seq = 1u32;
    while seq <= extra {
        let end = (seq + PEOPLE_PER_BATCH - 1).min(extra);
        let txn = begin_write(&svc.db).await?;
        let phones: Vec<String> = (seq..=end).map(|n| format!("171{n:08}")).collect();
        let rows: Vec<users::ActiveModel> = phones
            .iter()
            .map(|phone| users::ActiveModel {
                phone: Set(phone.clone()),
                password_hash: Set(ctx.password_hash.clone()),
                display_name: Set(None),
                role: Set(Role::Trainee.into()),
                organisation_id: Set(None),
                town_id: Set(None),
                status: Set(UserStatus::Active.into()),
                created_at: Set(ctx.now - Duration::days(rng.gen_range(30..2000))),
                last_login_at: Set(None),
                password_changed_at: Set(ctx.now),
                ..Default::default()
            })
            .collect();
        for chunk in rows.chunks(BATCH) {
            users::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        let user_ids: HashMap<String, i32> = users::Entity::find()
            .filter(
                users::Column::Phone.between(phones[0].clone(), phones[phones.len() - 1].clone()),
            )
            .all(&txn)
            .await?
            .into_iter()
            .map(|u| (u.phone, u.id))
            .collect();
        let profiles: Vec<trainees::ActiveModel> = phones
            .iter()
            .zip(seq..=end)
            .map(|(phone, n)| {
                let town = ctx.towns[(n as usize * 11 + n as usize % 7) % ctx.towns.len()];
                profile(svc, rng, user_ids[phone], id_number(n), town, n, ctx.now)
            })
            .collect();
        for chunk in profiles.chunks(BATCH) {
            trainees::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        let mut uids: Vec<i32> = user_ids.into_values().collect();
        uids.sort_unstable();
        let new: Vec<i32> = trainees::Entity::find()
            .select_only()
            .column(trainees::Column::Id)
            .filter(trainees::Column::UserId.between(uids[0], uids[uids.len() - 1]))
            .into_tuple()
            .all(&txn)
            .await?;
        ids.extend(new);
        txn.commit().await?;
        seq = end + 1;
    }
    Ok(ids)
}

const TITLES: &[(Programme, &str)] = &[
    (Programme::Rural, "农村电商开店实操班"),
    (Programme::Rural, "农产品网货打造班"),
    (Programme::Industry, "产业带电商运营班"),
    (Programme::Industry, "钧瓷网销提升班"),
    (Programme::Livestream, "直播带货实战班"),
    (Programme::Livestream, "短视频与直播运营班"),
    (Programme::CrossBorder, "跨境电商入门班"),
];

/// One batch of courses (one class of trainees each), with everything that followed them.
#[allow(clippy::too_many_arguments)]
async fn courses_batch(
    svc: &Services,
    rng: &mut StdRng,
    ctx: &Context,
    key: &ed25519_dalek::SigningKey,
    first: usize,
    classes: &[Vec<i32>],
    done: &mut History,
) -> DomainResult<()> {
    let txn = begin_write(&svc.db).await?;
    let start = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("date");
    let span = (ctx.today - Duration::days(45) - start).num_days().max(1);
    // Courses, titled uniquely so that their ids can be read back by title.
    let mut titles = Vec::with_capacity(classes.len());
    let mut rows = Vec::with_capacity(classes.len());
    for (i, class) in classes.iter().enumerate() {
        let (programme, name) = TITLES[rng.gen_range(0..TITLES.len())];
        let level = match rng.gen_range(0..10) {
            0..=4 => CourseLevel::Entry,
            5..=8 => CourseLevel::Advanced,
            _ => CourseLevel::Leader,
        };
        let industries = Industry::ALL;
        let mut tags = vec![industries[rng.gen_range(0..industries.len())].as_str()];
        if rng.gen_bool(0.3) {
            let other = industries[rng.gen_range(0..industries.len())].as_str();
            if other != tags[0] {
                tags.push(other);
            }
        }
        let (org, provider) = &ctx.providers[rng.gen_range(0..ctx.providers.len())];
        let starts_on = start + Duration::days(rng.gen_range(0..span));
        let title = format!("{name}（第{}期·示例）", first + i + 1);
        let hours = SESSIONS as f64 * HOURS_PER_SESSION;
        let assessed = level != CourseLevel::Entry;
        titles.push(title.clone());
        rows.push(courses::ActiveModel {
            organisation_id: Set(*org),
            title: Set(title),
            description: Set("（示例课程）往期培训班，用于大数据量测试。".to_string()),
            programme: Set(programme.into()),
            industry_tags: Set(tags.join(",")),
            level: Set(level.into()),
            mode: Set(if rng.gen_bool(0.8) {
                Coded(CourseMode::Onsite)
            } else {
                Coded(CourseMode::Mixed)
            }),
            town_id: Set(Some(ctx.towns[rng.gen_range(0..ctx.towns.len())])),
            venue: Set(Some(format!(
                "{}（示例教室）",
                provider.trim_end_matches("（示例）")
            ))),
            capacity: Set(SEATS as i32),
            seats_taken: Set(class.len() as i32),
            total_hours: Set(hours),
            completion_threshold_pct: Set(80),
            assessed: Set(assessed),
            pass_mark: Set(assessed.then_some(60.0)),
            enrol_opens_at: Set(Some(midnight(starts_on - Duration::days(40)))),
            enrol_closes_at: Set(Some(midnight(starts_on))),
            starts_on: Set(starts_on),
            ends_on: Set(starts_on + Duration::days(SESSIONS - 1)),
            funding: Set(if programme == Programme::CrossBorder {
                Coded(Funding::Subsidised)
            } else {
                Coded(Funding::Free)
            }),
            status: Set(CourseStatus::Finished.into()),
            status_reason: Set(None),
            created_by: Set(ctx.admin),
            created_at: Set(midnight(starts_on - Duration::days(45))),
            updated_at: Set(midnight(starts_on + Duration::days(SESSIONS))),
            ..Default::default()
        });
    }
    for chunk in rows.chunks(BATCH) {
        courses::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    let by_title: HashMap<String, courses::Model> = courses::Entity::find()
        .filter(courses::Column::Title.is_in(titles.clone()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| (c.title.clone(), c))
        .collect();
    let list: Vec<&courses::Model> = titles.iter().map(|t| &by_title[t]).collect();
    let course_ids: Vec<i32> = list.iter().map(|c| c.id).collect();
    done.courses += list.len() as u64;

    // Sessions: 09:00–13:00 Beijing time on four days running.
    let sessions: Vec<course_sessions::ActiveModel> = list
        .iter()
        .flat_map(|c| {
            (0..SESSIONS).map(move |d| {
                let day = c.starts_on + Duration::days(d);
                let starts_at = Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).expect("time"));
                course_sessions::ActiveModel {
                    course_id: Set(c.id),
                    starts_at: Set(starts_at),
                    ends_at: Set(starts_at + Duration::hours(4)),
                    topic: Set(format!("第{}讲（示例）", d + 1)),
                    hours: Set(HOURS_PER_SESSION),
                    place: Set(c.venue.clone()),
                    checkin_secret: Set(None),
                    ..Default::default()
                }
            })
        })
        .collect();
    for chunk in sessions.chunks(BATCH) {
        course_sessions::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    let mut sessions_of: HashMap<i32, Vec<course_sessions::Model>> = HashMap::new();
    for s in course_sessions::Entity::find()
        .filter(course_sessions::Column::CourseId.is_in(course_ids.clone()))
        .order_by_asc(course_sessions::Column::StartsAt)
        .all(&txn)
        .await?
    {
        sessions_of.entry(s.course_id).or_default().push(s);
    }

    // Enrolments with their attendance, as confirmed when the course ended.
    let mut plans: HashMap<(i32, i32), Vec<AttendanceStatus>> = HashMap::new();
    let mut rows = Vec::new();
    for (c, class) in list.iter().zip(classes) {
        let required = model::completion::required_hours(c.total_hours, 80);
        for &trainee in class {
            let dropping_out = rng.gen_bool(0.1);
            let plan: Vec<AttendanceStatus> = (0..SESSIONS)
                .map(|_| random_mark(rng, dropping_out))
                .collect();
            let attended = plan
                .iter()
                .filter(|m| model::attendance::counts_hours(**m))
                .count() as f64
                * HOURS_PER_SESSION;
            let score = c.assessed.then(|| rng.gen_range(50.0..98.0_f64).round());
            let completed =
                model::completion::completes(attended, required, c.assessed, score, c.pass_mark);
            plans.insert((c.id, trainee), plan);
            rows.push(enrollments::ActiveModel {
                course_id: Set(c.id),
                trainee_id: Set(trainee),
                status: Set(if completed {
                    Coded(EnrollmentStatus::Completed)
                } else {
                    Coded(EnrollmentStatus::NotCompleted)
                }),
                waitlist_position: Set(None),
                score: Set(score),
                attended_hours: Set(attended),
                enrolled_at: Set(midnight(c.starts_on) - Duration::days(rng.gen_range(1..30))),
                status_changed_at: Set(ended(c)),
                completed_at: Set(completed.then(|| ended(c))),
                removed_reason: Set(None),
                ..Default::default()
            });
        }
    }
    done.enrollments += rows.len() as u64;
    for chunk in rows.chunks(BATCH) {
        enrollments::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    let enrolled = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.is_in(course_ids.clone()))
        .order_by_asc(enrollments::Column::Id)
        .all(&txn)
        .await?;
    let marks: Vec<attendance::ActiveModel> = enrolled
        .iter()
        .flat_map(|e| {
            let plan = &plans[&(e.course_id, e.trainee_id)];
            sessions_of[&e.course_id]
                .iter()
                .zip(plan)
                .map(|(s, m)| staff_mark(e.id, s, *m, ctx.admin))
        })
        .collect();
    done.attendance += marks.len() as u64;
    for chunk in marks.chunks(BATCH * 2) {
        attendance::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }

    // Certificates, issued a week after each course, numbered within their year.
    let completed: Vec<&enrollments::Model> = enrolled
        .iter()
        .filter(|e| e.status == EnrollmentStatus::Completed)
        .collect();
    let mut holder_ids: Vec<i32> = completed.iter().map(|e| e.trainee_id).collect();
    holder_ids.sort_unstable();
    holder_ids.dedup();
    let mut holders: HashMap<i32, trainees::Model> = HashMap::new();
    for chunk in holder_ids.chunks(BATCH) {
        for t in trainees::Entity::find()
            .filter(trainees::Column::Id.is_in(chunk.to_vec()))
            .all(&txn)
            .await?
        {
            holders.insert(t.id, t);
        }
    }
    let by_id: HashMap<i32, &courses::Model> = list.iter().map(|c| (c.id, *c)).collect();
    let providers: HashMap<i32, &str> = ctx
        .providers
        .iter()
        .map(|(id, name)| (*id, name.as_str()))
        .collect();
    let mut by_year: HashMap<i32, Vec<&enrollments::Model>> = HashMap::new();
    for e in &completed {
        let issued = issued_on(by_id[&e.course_id], ctx.today);
        by_year.entry(issued.year()).or_default().push(e);
    }
    let mut years: Vec<i32> = by_year.keys().copied().collect();
    years.sort_unstable();
    for year in years {
        let list = &by_year[&year];
        lock_counter(&txn, year).await?;
        let first = take_numbers(&txn, year, list.len() as i32).await?;
        let rows: Vec<_> = list
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let course = by_id[&e.course_id];
                past_row(
                    svc,
                    key,
                    course,
                    providers[&course.organisation_id],
                    e,
                    &holders[&e.trainee_id],
                    number(year, first + i as i32),
                    ctx.admin,
                    at(issued_on(course, ctx.today)),
                )
            })
            .collect();
        done.certificates += rows.len() as u64;
        for chunk in rows.chunks(BATCH) {
            crate::entities::certificates::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
    }

    // Follow-ups 3, 6 and 12 months after completion; of those due, 6 in 10 reached (with
    // the outcome they reported), 1 in 10 not reached, the rest still to call.
    let mut calls = Vec::new();
    let mut found = Vec::new();
    for e in &completed {
        let on = by_id[&e.course_id].ends_on;
        for months in INTERVALS {
            let due = due_on(on, months);
            let roll: f64 = if due <= ctx.today {
                rng.gen_range(0.0..1.0)
            } else {
                1.0
            };
            let day = (due + Duration::days(rng.gen_range(0..10))).min(ctx.today);
            let mut call = follow_ups::ActiveModel {
                trainee_id: Set(e.trainee_id),
                enrollment_id: Set(e.id),
                due_months: Set(months as i32),
                due_on: Set(due),
                status: Set(FollowUpStatus::Due.into()),
                ..Default::default()
            };
            if roll < 0.7 {
                call.done_by = Set(Some(ctx.admin));
                call.done_at = Set(Some(at(day)));
            }
            if roll < 0.6 {
                let mut o = random_outcome(rng, e.trainee_id, day);
                o.source = Set(OutcomeSource::FollowUp.into());
                o.recorded_by = Set(Some(ctx.admin));
                o.recorded_at = Set(at(day));
                call.status = Set(FollowUpStatus::Done.into());
                call.result = Set(Some("电话回访，本人确认（示例）".to_string()));
                found.push((calls.len(), o));
            } else if roll < 0.7 {
                call.status = Set(FollowUpStatus::Unreachable.into());
                call.result = Set(Some("电话无人接听（示例）".to_string()));
            }
            calls.push(call);
        }
    }
    // The outcomes first, to link each call to the one it found. Ids are read back in the
    // order written: this transaction is the only writer and each batch is one INSERT.
    let before: Option<i32> = outcomes::Entity::find()
        .select_only()
        .column_as(outcomes::Column::Id.max(), "m")
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let rows: Vec<outcomes::ActiveModel> = found.iter().map(|(_, o)| o.clone()).collect();
    for chunk in rows.chunks(BATCH) {
        outcomes::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    let ids: Vec<i32> = outcomes::Entity::find()
        .select_only()
        .column(outcomes::Column::Id)
        .filter(outcomes::Column::Id.gt(before.unwrap_or(0)))
        .order_by_asc(outcomes::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    if ids.len() != found.len() {
        return Err(DomainError::Internal(
            "outcomes were not all written".into(),
        ));
    }
    for ((call, _), id) in found.iter().zip(ids) {
        calls[*call].outcome_id = Set(Some(id));
    }
    done.outcomes += found.len() as u64;
    done.follow_ups += calls.len() as u64;
    for chunk in calls.chunks(BATCH) {
        follow_ups::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("time"))
}

/// When a course's last session was confirmed (10:00 UTC on its last day).
fn ended(c: &courses::Model) -> DateTime<Utc> {
    Utc.from_utc_datetime(&c.ends_on.and_hms_opt(10, 0, 0).expect("time"))
}

/// Certificates are issued a week after a course ends (or today, if that is sooner).
fn issued_on(c: &courses::Model, today: NaiveDate) -> NaiveDate {
    (c.ends_on + Duration::days(7)).min(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_id_numbers_are_valid_and_distinct() {
        for seq in (1..1_000_000).step_by(997) {
            let (id, birth, gender) = id_number(seq);
            let facts = crate::identity::parse_id_number(&id).expect("valid");
            assert!(id.starts_with("419998"), "{id}");
            assert_eq!(facts.birth_date, birth);
            assert_eq!(facts.male, gender == Gender::Male);
        }
        let all: std::collections::HashSet<String> =
            (1..=1_000_000).map(|s| id_number(s).0).collect();
        assert_eq!(all.len(), 1_000_000);
    }
}
