//! Yucai's database migrations, run by `yucai migrate` (and by tests, on a fresh database).
//!
//! Rules for this crate:
//! - **Append-only.** A migration that has landed is never edited; a change to the schema is a
//!   new file, named `mYYYYMMDD_HHMMSS_verb_noun.rs`, added at the end of [`Migrator`].
//! - **One change per file**, so each can be read, reviewed and rolled back on its own.
//! - **No entities.** Migrations name tables and columns with their own local `DeriveIden`
//!   enums, never the app's sea-orm entities, so a later edit to an entity cannot change what an
//!   old migration does.
//! - **Portable.** The same file must mean the same thing on SQLite and PostgreSQL: use the
//!   sea-query schema builder, store enums as short strings with CHECK constraints, and avoid
//!   engine-only types. Where raw SQL is unavoidable (triggers), branch on the backend.
//! - **Expand, then contract.** A migration should work with both the code before it and the
//!   code after it, so a deployment can migrate first and roll out the new binary second.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_core_tables;
mod m20261127_000002_seed_towns;
mod m20261127_000003_audit_log_append_only;
mod m20261127_000004_add_user_org_admin;
mod m20261127_000005_index_waitlist_positions;
mod m20261128_000001_index_waitlist_by_status;
mod m20261128_000002_create_imports;
mod m20261128_000003_add_certificate_replaces;
mod m20261128_000004_add_course_provider_issues;
mod m20261128_000005_create_certificate_counters;
mod m20261128_000006_add_import_kind;
mod m20261129_000001_create_places;
mod m20261130_000001_create_base_events;
mod m20261201_000001_index_outcome_corrections;
mod m20261202_000001_create_kpi_facts;
mod m20261203_000001_create_kpi_cache;
mod m20261204_000001_create_selections;
mod m20261205_000001_create_hosts;
mod m20261205_000002_create_event_registrations;
mod m20261206_000001_add_user_runs_selections;
mod m20261207_000001_create_form_flashes;
mod m20261207_000002_add_course_recorded_afterwards;
mod m20261207_000003_unify_audit_record_codes;
mod m20261208_000001_create_messages;
mod m20261208_000002_create_phone_codes;
mod m20261208_000003_create_activation_codes;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_core_tables::Migration),
            Box::new(m20261127_000002_seed_towns::Migration),
            Box::new(m20261127_000003_audit_log_append_only::Migration),
            Box::new(m20261127_000004_add_user_org_admin::Migration),
            Box::new(m20261127_000005_index_waitlist_positions::Migration),
            Box::new(m20261128_000001_index_waitlist_by_status::Migration),
            Box::new(m20261128_000002_create_imports::Migration),
            Box::new(m20261128_000003_add_certificate_replaces::Migration),
            Box::new(m20261128_000004_add_course_provider_issues::Migration),
            Box::new(m20261128_000005_create_certificate_counters::Migration),
            Box::new(m20261128_000006_add_import_kind::Migration),
            Box::new(m20261129_000001_create_places::Migration),
            Box::new(m20261130_000001_create_base_events::Migration),
            Box::new(m20261201_000001_index_outcome_corrections::Migration),
            Box::new(m20261202_000001_create_kpi_facts::Migration),
            Box::new(m20261203_000001_create_kpi_cache::Migration),
            Box::new(m20261204_000001_create_selections::Migration),
            Box::new(m20261205_000001_create_hosts::Migration),
            Box::new(m20261205_000002_create_event_registrations::Migration),
            Box::new(m20261206_000001_add_user_runs_selections::Migration),
            Box::new(m20261207_000001_create_form_flashes::Migration),
            Box::new(m20261207_000002_add_course_recorded_afterwards::Migration),
            Box::new(m20261207_000003_unify_audit_record_codes::Migration),
            Box::new(m20261208_000001_create_messages::Migration),
            Box::new(m20261208_000002_create_phone_codes::Migration),
            Box::new(m20261208_000003_create_activation_codes::Migration),
        ]
    }
}
