//! Every rule, query and permission check of Yucai, on the server only. This crate depends on
//! the database (sea-orm) and the wire types (`model`) but not on Leptos or axum, so no page or
//! handler code can creep in: server functions, the JSON API, the CLI, seeds, tests and
//! benchmarks all call these functions, so a rule holds however it is reached.
//!
//! Services take the database (or a transaction) first and return [`DomainError`].

pub mod accounts;
pub mod activation;
pub mod actor;
pub mod agreements;
pub mod attendance;
pub mod attendance_import;
pub mod audit;
pub mod bases;
pub mod catalogue;
pub mod certificates;
pub mod checkin;
pub mod completion;
pub mod courses;
pub mod dashboard;
pub mod db;
pub mod enrolment;
pub mod entities;
pub mod errors;
pub mod events;
pub mod flash;
pub mod follow_ups;
#[cfg(test)]
mod fuzz;
pub mod hosts;
pub mod identity;
pub mod imports;
pub mod keys;
pub mod local_time;
pub mod messages;
pub mod outcomes;
pub mod partners;
pub mod passwords;
pub mod pdf;
pub mod people;
pub mod phone_codes;
pub mod placements;
pub mod policy;
pub mod recovery;
pub mod rosters;
pub mod seed;
pub mod selections;
pub mod sheets;
pub mod sms;
pub mod subsidies;
pub mod targets;
pub mod throttle;
pub mod towns;
pub mod trainees;

pub use actor::{Actor, AuthUser};
pub use errors::{DomainError, DomainResult};

use std::sync::Arc;

/// What the domain needs besides the database: shared by every request of one server.
#[derive(Clone)]
pub struct Services {
    pub db: sea_orm::DatabaseConnection,
    pub passwords: Arc<passwords::Passwords>,
    pub throttle: Arc<throttle::LoginThrottle>,
    pub keys: Arc<keys::SecretKey>,
    /// How far imports being applied by this instance have got.
    pub imports: Arc<imports::ImportProgress>,
    /// The address the public reaches this site at (QR codes and links in files point there).
    pub public_url: Arc<str>,
    /// The issuer's name, certificate fonts, batches in progress and the public search limit.
    pub certificates: Arc<certificates::CertificateSettings>,
    /// Objections to public notices allowed per address (in a window).
    pub objections: Arc<throttle::RateLimit>,
    /// Event registrations and phone check-ins allowed per address (in a window).
    pub registrations: Arc<throttle::RateLimit>,
    /// Where SMS go (`YUCAI_SMS_PROVIDER`; by default nowhere: they stay in the outbox).
    pub sms: Arc<sms::SmsProvider>,
}

impl Services {
    pub fn new(db: sea_orm::DatabaseConnection, keys: keys::SecretKey) -> Self {
        Services {
            db,
            passwords: Arc::new(passwords::Passwords::default()),
            throttle: Arc::new(throttle::LoginThrottle::default()),
            keys: Arc::new(keys),
            imports: Arc::new(imports::ImportProgress::default()),
            public_url: Arc::from("http://127.0.0.1:3000"),
            certificates: Arc::new(certificates::CertificateSettings::default()),
            objections: Arc::new(selections::objection_limit()),
            registrations: Arc::new(events::registration_limit()),
            sms: Arc::new(sms::SmsProvider::default()),
        }
    }

    /// The same services, sending SMS through `provider`.
    pub fn with_sms(mut self, provider: sms::SmsProvider) -> Self {
        self.sms = Arc::new(provider);
        self
    }

    /// The same services, with the public address set.
    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = Arc::from(url.trim_end_matches('/'));
        self
    }

    /// The same services, with the certificate issuer's name and main font set.
    pub fn with_certificates(mut self, settings: certificates::CertificateSettings) -> Self {
        self.certificates = Arc::new(settings);
        self
    }
}

/// The highest page number a list answers (with nothing past its end): far beyond any real
/// list, and low enough that the query's offset cannot overflow.
pub(crate) const MAX_PAGE: u64 = 1_000_000;

/// The page asked for, from 1 to [`MAX_PAGE`].
pub(crate) fn page_number(page: u64) -> u64 {
    page.clamp(1, MAX_PAGE)
}
