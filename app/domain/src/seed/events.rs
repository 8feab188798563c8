//! Demo registrations for the lectures and salons: open ones part full, finished ones with
//! most people checked in (by the screen's code or at the desk). Names are made up; the phone
//! numbers are in the 170 range and marked by their pattern (170000xxxxx).

use crate::DomainResult;
use crate::db::begin_write;
use crate::entities::{course_sessions, courses, event_registrations};
use chrono::{Duration, Utc};
use model::enums::{CourseStatus, RegistrationStatus};
use rand::Rng;
use rand::RngCore;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};

/// Loads registrations for `events` (the demo's lecture and salon courses); returns (registered,
/// checked in).
pub(super) async fn load(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    events: &[courses::Model],
    town_ids: &[i32],
    names: (&[&str], &[&str]),
) -> DomainResult<(usize, usize)> {
    let txn = begin_write(db).await?;
    let (mut registered, mut checked) = (0, 0);
    let mut phone = 0u32;
    for course in events {
        let fill = match *course.status {
            CourseStatus::Finished | CourseStatus::Archived => rng.gen_range(0.75..0.95),
            CourseStatus::Open | CourseStatus::Running => rng.gen_range(0.3..0.7),
            _ => 0.0,
        };
        let count = ((course.capacity as f64) * fill) as i32;
        let first = course_sessions::Entity::find()
            .filter(course_sessions::Column::CourseId.eq(course.id))
            .order_by_asc(course_sessions::Column::StartsAt)
            .one(&txn)
            .await?;
        let finished = matches!(
            *course.status,
            CourseStatus::Finished | CourseStatus::Archived
        );
        let now = Utc::now();
        let rows: Vec<event_registrations::ActiveModel> =
            (0..count)
                .map(|_| {
                    phone += 1;
                    let came = finished && rng.gen_range(0.0..1.0) < 0.85;
                    let at = first.as_ref().map(|s| s.starts_at).unwrap_or(now);
                    let mut code = [0u8; 16];
                    rng.fill_bytes(&mut code);
                    if came {
                        checked += 1;
                    }
                    event_registrations::ActiveModel {
                        course_id: Set(course.id),
                        name: Set(format!(
                            "{}{}",
                            names.0.choose(rng).expect("names"),
                            names.1.choose(rng).expect("names")
                        )),
                        phone: Set(format!("170000{phone:05}")),
                        town_id: Set(*town_ids.choose(rng).expect("towns")),
                        trainee_id: Set(None),
                        code: Set(hex::encode(code)),
                        status: Set(RegistrationStatus::Registered.into()),
                        registered_at: Set(at - Duration::days(rng.gen_range(2..20))),
                        cancelled_at: Set(None),
                        checked_in_at: Set(
                            came.then(|| at + Duration::minutes(rng.gen_range(-20..15)))
                        ),
                        checked_in_by: Set(None),
                        checkin_method: Set(came.then(|| "qr".to_string())),
                        ..Default::default()
                    }
                })
                .collect();
        registered += rows.len();
        if !rows.is_empty() {
            event_registrations::Entity::insert_many(rows)
                .exec(&txn)
                .await?;
        }
        let mut seats = course.clone().into_active_model();
        seats.seats_taken = Set(count);
        seats.update(&txn).await?;
    }
    txn.commit().await?;
    Ok((registered, checked))
}
