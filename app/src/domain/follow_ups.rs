//! Follow-ups: every completed enrolment is followed up 3, 6 and 12 months after completion
//! (DESIGN.md, `follow_ups`). They are scheduled when completion is confirmed, in the same
//! transaction, once per enrolment and interval; if a confirmation later finds the enrolment
//! not completed after all, the follow-ups still due are withdrawn (those done stay, with
//! their results).

use crate::domain::DomainResult;
use crate::domain::entities::follow_ups;
use crate::model::enums::FollowUpStatus;
use chrono::{Months, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

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
        status: Set(FollowUpStatus::Due),
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
        .filter(follow_ups::Column::Status.eq(FollowUpStatus::Due))
        .exec(txn)
        .await?;
    Ok(())
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
