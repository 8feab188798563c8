//! Wire types shared by the server and the browser: DTOs, enums, form inputs and their
//! validation. Nothing here holds a password hash or an unmasked ID number.

pub mod accounts;
pub mod agreements;
pub mod attendance;
pub mod audit;
pub mod bases;
pub mod catalogue;
pub mod certificates;
pub mod checkin;
pub mod completion;
pub mod courses;
pub mod dashboard;
pub mod enrolment;
pub mod enums;
pub mod errors;
pub mod events;
pub mod form;
pub mod hosts;
pub mod imports;
pub mod outcomes;
pub mod partners;
pub mod placements;
pub mod rosters;
pub mod selections;
pub mod subsidy;
pub mod trainees;

pub use enums::Role;
pub use errors::{AppError, ErrorKind, FieldError};
