//! Scores and completion on the wire: a course's completion sheet (hours, scores and the
//! computed result per trainee) and the scores staff send.

use crate::enums::{CourseStatus, EnrollmentStatus};
use serde::{Deserialize, Serialize};

/// The completion rule: attended hours reach the course's threshold and, where the course is
/// assessed, the score reaches the pass mark.
pub fn completes(
    attended_hours: f64,
    required_hours: f64,
    assessed: bool,
    score: Option<f64>,
    pass_mark: Option<f64>,
) -> bool {
    let hours_ok = attended_hours + 1e-9 >= required_hours;
    let score_ok = !assessed || score.is_some_and(|s| s + 1e-9 >= pass_mark.unwrap_or(60.0));
    hours_ok && score_ok
}

/// The hours a course requires for completion.
pub fn required_hours(total_hours: f64, threshold_pct: i32) -> f64 {
    (total_hours * f64::from(threshold_pct) / 100.0 * 100.0).round() / 100.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompletionRow {
    pub enrollment_id: i32,
    pub name: String,
    pub id_number_masked: String,
    pub attended_hours: f64,
    pub score: Option<f64>,
    /// What the rule gives now.
    pub completes: bool,
    /// Enrolled, or — once staff have confirmed — completed / not completed.
    pub status: EnrollmentStatus,
    /// A certificate was issued (the result can no longer change).
    pub certified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompletionSheet {
    pub course_id: i32,
    pub title: String,
    pub course_status: CourseStatus,
    pub total_hours: f64,
    pub threshold_pct: i32,
    pub required_hours: f64,
    pub assessed: bool,
    pub pass_mark: Option<f64>,
    pub rows: Vec<CompletionRow>,
    /// The viewer may enter scores now.
    pub can_score: bool,
    /// The viewer may confirm completion now (the course is running or finished and its last
    /// session has ended).
    pub can_confirm: bool,
    /// Local time the last session ends (`2027-03-01 17:00`); completion waits for it.
    pub teaching_ends_at: String,
    /// The last session has ended.
    pub teaching_over: bool,
}

/// Scores for some of a course's trainees (`None` clears a score).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoresInput {
    pub scores: Vec<ScoreEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoreEntry {
    pub enrollment_id: i32,
    pub score: Option<f64>,
}

/// What confirming completion decided.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompletionResult {
    pub completed: u32,
    pub not_completed: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_needs_the_hours_and_a_passing_score_where_assessed() {
        let req = required_hours(24.0, 80);
        assert_eq!(req, 19.2);
        assert!(completes(19.2, req, false, None, None));
        assert!(!completes(19.0, req, false, None, None));
        assert!(!completes(24.0, req, true, None, Some(60.0)));
        assert!(!completes(24.0, req, true, Some(59.5), Some(60.0)));
        assert!(completes(24.0, req, true, Some(60.0), Some(60.0)));
    }
}
