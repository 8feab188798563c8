//! sea-orm entities, one per table of schema v1 (`migrations`), in the classic
//! `DeriveEntityModel` form.
//!
//! Server-only and never sent to the browser: nothing here derives `Serialize` (`users` holds
//! the password hash, `trainees` the encrypted ID number); `model/` holds the DTOs.
//! Enum columns hold the wire enums of `model::enums` as [`Coded`] (see `coded.rs`).
//!
//! Relations: every foreign key is a `belongs_to`; the reverse `has_many`/`has_one` exists only
//! for rows that are part of their parent (a course's sessions, a trainee's enrolments, …).
//! `Related<T>` is implemented wherever the path to `T` is unambiguous; the two organisation
//! ends of an agreement and an outcome's `supersedes_id` are reached through their `Relation`.

pub mod activation_codes;
pub mod agreements;
pub mod attendance;
pub mod audit_log;
pub mod base_events;
pub mod certificate_counters;
pub mod certificates;
mod coded;
pub mod course_sessions;
pub mod courses;
pub mod enrollments;
pub mod event_registrations;
pub mod follow_ups;
pub mod form_flashes;
pub mod host_accounts;
pub mod hosts;
pub mod imports;
pub mod messages;
pub mod organisations;
pub mod outcomes;
pub mod phone_codes;
pub mod place_courses;
pub mod placements;
pub mod places;
pub mod selection_nominations;
pub mod selection_objections;
pub mod selection_rounds;
pub mod selection_scores;
pub mod selection_violations;
pub mod sessions;
pub mod targets;
pub mod towns;
pub mod trainees;
pub mod users;
pub mod villages;

pub use coded::{Coded, codes};

/// Each table's `Entity` under its table's name: `use crate::entities::prelude::*;`.
pub mod prelude {
    pub use super::agreements::Entity as Agreements;
    pub use super::attendance::Entity as Attendance;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::base_events::Entity as BaseEvents;
    pub use super::certificates::Entity as Certificates;
    pub use super::course_sessions::Entity as CourseSessions;
    pub use super::courses::Entity as Courses;
    pub use super::enrollments::Entity as Enrollments;
    pub use super::follow_ups::Entity as FollowUps;
    pub use super::organisations::Entity as Organisations;
    pub use super::outcomes::Entity as Outcomes;
    pub use super::place_courses::Entity as PlaceCourses;
    pub use super::placements::Entity as Placements;
    pub use super::places::Entity as Places;
    pub use super::sessions::Entity as Sessions;
    pub use super::targets::Entity as Targets;
    pub use super::towns::Entity as Towns;
    pub use super::trainees::Entity as Trainees;
    pub use super::users::Entity as Users;
    pub use super::villages::Entity as Villages;
}
