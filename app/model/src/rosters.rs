//! Course rosters on the wire: the enrolled and waitlisted trainees of a course as its
//! provider's staff and the bureau see them (ID numbers masked), and the staff's actions.

use crate::enums::{CourseStatus, EnrollmentStatus};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// Which part of a roster to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RosterFilter {
    /// Everyone on the course and the waiting list (the default).
    #[default]
    Active,
    /// On the course: enrolled, completed or not completed.
    Enrolled,
    Waitlisted,
    /// Withdrawn or removed.
    Left,
    All,
}

impl RosterFilter {
    pub const ALL: &[Self] = &[
        Self::Active,
        Self::Enrolled,
        Self::Waitlisted,
        Self::Left,
        Self::All,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Enrolled => "enrolled",
            Self::Waitlisted => "waitlisted",
            Self::Left => "left",
            Self::All => "all",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            Self::Active => Msg::RosterFilterActive,
            Self::Enrolled => Msg::EnrolmentEnrolled,
            Self::Waitlisted => Msg::EnrolmentWaitlisted,
            Self::Left => Msg::RosterFilterLeft,
            Self::All => Msg::FilterAll,
        }
    }

    /// The enrolment statuses this filter shows.
    pub fn statuses(self) -> &'static [EnrollmentStatus] {
        use EnrollmentStatus::*;
        match self {
            // Everyone on the course (whether or not completion was confirmed) and those
            // waiting; the default view.
            Self::Active => &[Enrolled, Completed, NotCompleted, Waitlisted],
            Self::Enrolled => &[Enrolled, Completed, NotCompleted],
            Self::Waitlisted => &[Waitlisted],
            Self::Left => &[Withdrawn, Removed],
            Self::All => EnrollmentStatus::ALL,
        }
    }
}

/// One trainee on a roster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RosterRow {
    pub enrollment_id: i32,
    pub trainee_id: i32,
    pub name: String,
    /// e.g. `4101**********1234`
    pub id_number_masked: String,
    pub phone: String,
    pub town: String,
    pub village: String,
    pub status: EnrollmentStatus,
    /// 1 = next in line, while waitlisted.
    pub waitlist_rank: Option<u32>,
    /// Local date and time of enrolment.
    pub enrolled_at: String,
    /// Why staff removed them.
    pub removed_reason: Option<String>,
    /// The person has set a password (signed up, or activated an imported account).
    pub activated: bool,
    /// For an imported account not yet activated: its live printed code, masked
    /// (`····-··PA`), and the local date it expires.
    pub activation_code: Option<String>,
    pub activation_expires: Option<String>,
}

/// A page of a course's roster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RosterPage {
    pub course_id: i32,
    pub title: String,
    pub provider: String,
    pub course_status: CourseStatus,
    pub capacity: i32,
    pub seats_taken: i32,
    pub waitlisted: u64,
    pub rows: Vec<RosterRow>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// The viewer may admit from the waiting list and remove trainees.
    pub can_manage: bool,
    /// The viewer may reveal whole ID numbers (bureau admins; audited).
    pub can_reveal: bool,
    /// The viewer may print activation codes for imported trainees (the provider's staff and
    /// bureau admins, also once the course is over).
    pub can_issue_codes: bool,
    /// For a town-limited viewer, their town's name: only its people are listed.
    pub town_only: Option<String>,
}

/// Removing a trainee from a course: the reason is required and kept.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RemoveInput {
    pub reason: String,
}

impl FormInput for RemoveInput {
    fn from_form(form: &mut FormData) -> Self {
        RemoveInput {
            reason: form.text("reason"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.reason.trim().is_empty() {
            push_error(&mut errors, "reason", Msg::ErrReasonRequired);
        } else {
            check_text(&mut errors, "reason", &self.reason, true, 200);
        }
        errors
    }
}

/// One printed activation slip: who it is for and the code, shown this once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivationSlip {
    pub trainee_id: i32,
    pub name: String,
    /// e.g. `139****5678`
    pub phone_masked: String,
    /// e.g. `K7QM-3XPA`
    pub code: String,
}

/// Activation codes just issued for a course's imported trainees, to print and hand over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivationSheet {
    pub course_id: i32,
    pub title: String,
    pub provider: String,
    /// Local date after which the codes no longer work.
    pub expires: String,
    pub slips: Vec<ActivationSlip>,
    /// Imported trainees on the course who already hold a live code (not reissued).
    pub already_issued: u32,
}
