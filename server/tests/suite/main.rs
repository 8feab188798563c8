//! The server's integration tests: real migrations (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set), real HTTP against the router, the real CLI binary.
//! One test binary with a module per capability: it is linked once instead of once per file.

mod accounts;
mod agreements;
mod attendance;
mod bases;
mod catalogue;
mod certificates;
mod checkin;
mod cli;
mod courses;
mod dashboard;
mod enrolment;
mod events;
mod hosts;
mod idor;
mod messages;
mod outcomes;
mod oversight;
mod partners;
mod placements;
mod platform;
mod recovery;
mod rosters;
mod selections;
