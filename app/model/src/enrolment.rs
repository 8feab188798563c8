//! Enrolment on the wire: what an enrolment attempt gave, a trainee's place on a course, and
//! the "My learning" page.

use crate::enums::{CourseStatus, EnrollmentStatus};
use serde::{Deserialize, Serialize};

/// A trainee's standing on one course.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyEnrolment {
    pub course_id: i32,
    pub status: EnrollmentStatus,
    /// Place in the waiting list (1 = next), while waitlisted.
    pub waitlist_position: Option<u32>,
    /// Withdrawal is possible (enrolled or waitlisted, and the course has not started).
    pub can_withdraw: bool,
}

/// One course on "My learning".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LearningRow {
    pub course_id: i32,
    pub title: String,
    pub provider: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub course_status: CourseStatus,
    pub total_hours: f64,
    pub attended_hours: f64,
    pub enrolment: MyEnrolment,
}

/// An upcoming session of a course the trainee is enrolled in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpcomingSession {
    pub course_id: i32,
    pub course_title: String,
    /// Local date and time, formatted.
    pub date: String,
    pub time: String,
    pub topic: String,
    pub place: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyLearning {
    /// The real-name profile is complete (needed to enrol).
    pub profile_complete: bool,
    /// Enrolled or waitlisted on courses not yet finished.
    pub current: Vec<LearningRow>,
    /// Finished courses, withdrawals and removals.
    pub past: Vec<LearningRow>,
    pub upcoming: Vec<UpcomingSession>,
    /// Certificates the trainee holds, newest first.
    pub certificates: Vec<crate::certificates::MyCertificate>,
    /// Lectures and salons registered for while signed in, newest first.
    pub events: Vec<crate::events::MyEvent>,
}

pub fn status_label(s: EnrollmentStatus) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match s {
        EnrollmentStatus::Enrolled => Msg::EnrolmentEnrolled,
        EnrollmentStatus::Waitlisted => Msg::EnrolmentWaitlisted,
        EnrollmentStatus::Withdrawn => Msg::EnrolmentWithdrawn,
        EnrollmentStatus::Completed => Msg::EnrolmentCompleted,
        EnrollmentStatus::NotCompleted => Msg::EnrolmentNotCompleted,
        EnrollmentStatus::Removed => Msg::EnrolmentRemoved,
    }
}
