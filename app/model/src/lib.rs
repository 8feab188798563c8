//! Wire types shared by the server and the browser: DTOs, enums, form inputs and their
//! validation, and the translation layer (`i18n`). Nothing here holds a password hash or an
//! unmasked ID number.
//!
//! This crate builds for wasm32 as well as for the server, and has no database or Leptos
//! dependency: the browser bundle links it, so it stays small and free of server code. The
//! `ssr` feature (the server's build) adds the OpenAPI schemas and the enums' database mapping.

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
pub mod i18n;
pub mod imports;
pub mod messages;
pub mod outcomes;
pub mod partners;
pub mod placements;
pub mod rosters;
pub mod selections;
pub mod subsidy;
pub mod trainees;

pub use enums::Role;
pub use errors::{AppError, ErrorKind, FieldError};
