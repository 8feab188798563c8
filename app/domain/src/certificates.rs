//! Certificates: issued by the bureau (or by a course's provider, where the bureau allows it)
//! for every completed enrolment of a course in one action, each exactly once. A certificate
//! has a readable number (YZ-2026-000123, counted per year), an unguessable verification code
//! (160 random bits) and an Ed25519 signature over its canonical payload, with a key derived
//! from the installation's secret key. The PDF and the public verification page are rendered
//! from the stored payload. Revocation keeps the row; a reissue is a new certificate that
//! points to the one it replaces.

use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::{
    audit_log, certificate_counters, certificates, courses, enrollments, organisations, trainees,
};
use crate::keys::SecretKey;
use crate::local_time::{format_date, local_date};
use crate::pdf::{self, CertificateFonts};
use crate::policy::{self, Operation};
use crate::rosters::{Download, DownloadBody, visible_course};
use crate::throttle::RateLimit;
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::{DateTime, Datelike, Utc};
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use model::Role;
use model::audit::AuditAction;
use model::audit::AuditRecord;
use model::certificates::{
    CertificatePayload, CertificateRow, CourseCertificates, IssueResult, Issuer, MyCertificate,
    PAYLOAD_VERSION, PublicCertificate, SignedCertificate, Verification, code_is_well_formed,
    hours_text, mask_name,
};
use model::enums::{CertificateKind, CertificateStatus, CourseLevel, EnrollmentStatus};
use model::i18n::Msg;
use model::messages::MessageTemplate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Certificates issued per transaction in a batch (progress is reported after each). The
/// pages issue up to this many while the request waits, larger batches in the background.
pub const BATCH: usize = 200;
/// Longest revocation reason.
const MAX_REASON: usize = 500;
/// Public searches by number and name allowed per address per window.
const SEARCHES_PER_WINDOW: u32 = 20;
const SEARCH_WINDOW: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// The issuer's name when `YUCAI_ISSUER_NAME` is not set.
pub const DEFAULT_ISSUER: &str = "禹州市人力资源和社会保障局";

/// What certificates need besides the database: the issuer's name, the fonts (loaded on first
/// use), batches in progress on this instance and the public search's rate limit.
pub struct CertificateSettings {
    pub issuer: String,
    font: PathBuf,
    fallbacks: Vec<PathBuf>,
    fonts: OnceLock<Result<CertificateFonts, String>>,
    progress: Mutex<HashMap<i32, (u32, u32)>>,
    searches: RateLimit,
}

impl Default for CertificateSettings {
    fn default() -> Self {
        CertificateSettings::new(DEFAULT_ISSUER, PathBuf::from(pdf::DEFAULT_FONT))
    }
}

impl CertificateSettings {
    pub fn new(issuer: &str, font: PathBuf) -> Self {
        CertificateSettings {
            issuer: issuer.trim().to_string(),
            font,
            fallbacks: pdf::DEFAULT_FALLBACKS.iter().map(PathBuf::from).collect(),
            fonts: OnceLock::new(),
            progress: Mutex::new(HashMap::new()),
            searches: RateLimit::new(SEARCHES_PER_WINDOW, SEARCH_WINDOW),
        }
    }

    /// The fonts, loaded once; a missing font file is an installation problem, logged in
    /// full and shown to users as a generic error.
    pub fn fonts(&self) -> DomainResult<&CertificateFonts> {
        self.fonts
            .get_or_init(|| CertificateFonts::load(&self.font, &self.fallbacks))
            .as_ref()
            .map_err(|e| DomainError::Internal(format!("certificate font: {e}")))
    }

    fn set_progress(&self, course_id: i32, done: u32, total: u32) {
        if let Ok(mut map) = self.progress.lock() {
            map.insert(course_id, (done, total));
        }
    }

    fn clear_progress(&self, course_id: i32) {
        if let Ok(mut map) = self.progress.lock() {
            map.remove(&course_id);
        }
    }

    fn progress(&self, course_id: i32) -> Option<(u32, u32)> {
        self.progress
            .lock()
            .ok()
            .and_then(|m| m.get(&course_id).copied())
    }
}

/// The signing key, derived from the secret key file.
pub fn signing_key(keys: &SecretKey) -> SigningKey {
    SigningKey::from_bytes(&keys.derive("certificate-signing"))
}

/// The issuer's public key and name (`/api/v1/issuer`).
pub fn issuer(svc: &Services) -> Issuer {
    Issuer {
        name: svc.certificates.issuer.clone(),
        algorithm: "Ed25519".into(),
        public_key: hex::encode(signing_key(&svc.keys).verifying_key().to_bytes()),
    }
}

/// Checks `signature` (hex) over `payload` with `public_key` (hex), as anyone can offline.
pub fn signature_holds(public_key: &str, payload: &str, signature: &str) -> bool {
    let Some(key) = hex::decode(public_key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    let Some(sig) = hex::decode(signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return false;
    };
    key.verify(
        payload.as_bytes(),
        &ed25519_dalek::Signature::from_bytes(&sig),
    )
    .is_ok()
}

/// A fresh verification code: 20 random bytes in lowercase base32.
fn new_code() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let alphabet = model::certificates::CODE_ALPHABET;
    let mut out = String::with_capacity(32);
    let mut buffer: u64 = 0;
    let mut bits = 0;
    for b in bytes {
        buffer = (buffer << 8) | u64::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(alphabet[((buffer >> bits) & 31) as usize] as char);
        }
    }
    out
}

pub(crate) fn number(year: i32, n: i32) -> String {
    format!("YZ-{year}-{n:06}")
}

/// The kind a course's certificates are.
fn kind_for(course: &courses::Model) -> CertificateKind {
    if course.level == CourseLevel::Leader {
        CertificateKind::Leader
    } else {
        CertificateKind::Completion
    }
}

/// Takes `count` numbers of `year`, returning the first. Call inside the write transaction,
/// after [`lock_counter`].
pub(crate) async fn take_numbers(
    db: &impl ConnectionTrait,
    year: i32,
    count: i32,
) -> DomainResult<i32> {
    certificate_counters::Entity::update_many()
        .col_expr(
            certificate_counters::Column::Last,
            Expr::col(certificate_counters::Column::Last).add(count),
        )
        .filter(certificate_counters::Column::Year.eq(year))
        .exec(db)
        .await?;
    let last = certificate_counters::Entity::find_by_id(year)
        .one(db)
        .await?
        .map(|c| c.last)
        .ok_or_else(|| DomainError::Internal("certificate counter vanished".into()))?;
    Ok(last - count + 1)
}

/// Creates the year's counter if needed and locks it until the transaction ends, so batches
/// (and reissues) run one after another and each sees what the one before it issued.
pub(crate) async fn lock_counter(db: &impl ConnectionTrait, year: i32) -> DomainResult<()> {
    certificate_counters::Entity::insert(certificate_counters::ActiveModel {
        year: Set(year),
        last: Set(0),
    })
    .on_conflict_do_nothing_on([certificate_counters::Column::Year])
    .exec(db)
    .await?;
    certificate_counters::Entity::update_many()
        .col_expr(
            certificate_counters::Column::Last,
            Expr::col(certificate_counters::Column::Last),
        )
        .filter(certificate_counters::Column::Year.eq(year))
        .exec(db)
        .await?;
    Ok(())
}

/// What a certificate for one enrolment states.
struct Holder {
    enrollment: enrollments::Model,
    trainee: trainees::Model,
}

fn payload_for(
    svc: &Services,
    course: &courses::Model,
    provider: &str,
    holder: &Holder,
    number: String,
    issued_at: DateTime<Utc>,
    replaces: Option<String>,
) -> CertificatePayload {
    CertificatePayload {
        v: PAYLOAD_VERSION,
        number,
        kind: kind_for(course),
        name: holder.trainee.name.clone(),
        id_number_masked: holder.trainee.id_number_masked.clone(),
        course: course.title.clone(),
        hours: hours_text(holder.enrollment.attended_hours),
        starts_on: course.starts_on.to_string(),
        ends_on: course.ends_on.to_string(),
        provider: provider.to_string(),
        issuer: svc.certificates.issuer.clone(),
        issued_on: local_date(issued_at).to_string(),
        replaces,
        honour: None,
        business: None,
    }
}

fn signed_row(
    key: &SigningKey,
    course: &courses::Model,
    holder: &Holder,
    payload: &CertificatePayload,
    issued_by: i32,
    issued_at: DateTime<Utc>,
    replaces_id: Option<i32>,
) -> certificates::ActiveModel {
    let text = payload.canonical();
    let signature = hex::encode(key.sign(text.as_bytes()).to_bytes());
    certificates::ActiveModel {
        number: Set(payload.number.clone()),
        verification_code: Set(new_code()),
        kind: Set(payload.kind.into()),
        trainee_id: Set(holder.trainee.id),
        course_id: Set(Some(course.id)),
        enrollment_id: Set(Some(holder.enrollment.id)),
        issued_by: Set(issued_by),
        issued_at: Set(issued_at),
        status: Set(CertificateStatus::Valid.into()),
        revoked_reason: Set(None),
        revoked_at: Set(None),
        payload: Set(text),
        signature: Set(signature),
        replaces_id: Set(replaces_id),
        ..Default::default()
    }
}

async fn provider_name(db: &impl ConnectionTrait, org_id: i32) -> DomainResult<String> {
    Ok(organisations::Entity::find_by_id(org_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

/// May the actor issue this course's certificates? Bureau admins may; the provider's staff
/// when the bureau allows it for the course.
fn may_issue(actor: &Actor, course: &courses::Model, org: policy::OrgFacts) -> DomainResult<()> {
    policy::authorize_for_org(actor, Operation::IssueCertificates, org)?;
    if actor.role() == Some(Role::PartnerStaff) && !course.provider_issues {
        return Err(DomainError::Conflict(Msg::ErrProviderMayNotIssue));
    }
    Ok(())
}

/// Completed enrolments of a course without a certificate, with their trainees, at most `limit`.
async fn uncertified(
    db: &impl ConnectionTrait,
    course_id: i32,
    limit: u64,
) -> DomainResult<Vec<Holder>> {
    let rows = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Completed.as_str()))
        .join(
            JoinType::LeftJoin,
            enrollments::Relation::Certificates.def(),
        )
        .filter(certificates::Column::Id.is_null())
        .find_also_related(trainees::Entity)
        .order_by_asc(enrollments::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(enrollment, trainee)| {
            Some(Holder {
                enrollment,
                trainee: trainee?,
            })
        })
        .collect())
}

async fn count_completed(db: &impl ConnectionTrait, course_id: i32) -> DomainResult<(u32, u32)> {
    let completed = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Completed.as_str()))
        .count(db)
        .await? as u32;
    let certified = certificates::Entity::find()
        .filter(certificates::Column::CourseId.eq(course_id))
        .filter(certificates::Column::EnrollmentId.is_not_null())
        .count(db)
        .await? as u32;
    Ok((completed, completed.saturating_sub(certified)))
}

/// What an honour certificate states besides its holder.
pub(crate) struct Honour<'a> {
    /// The round, e.g. 2026年度禹州市诚信带货主播评选.
    pub round: &'a str,
    /// The title conferred, e.g. 诚信带货主播.
    pub title: &'a str,
    pub business: Option<&'a str>,
    /// When the round's notice began and its result was published.
    pub from: chrono::NaiveDate,
    pub through: chrono::NaiveDate,
}

/// Issues one honour certificate inside the caller's write transaction (numbered from the
/// same yearly counter as every certificate, signed the same way, verified on the same page).
pub(crate) async fn issue_honour(
    svc: &Services,
    txn: &impl ConnectionTrait,
    actor: &Actor,
    trainee: &trainees::Model,
    honour: &Honour<'_>,
) -> DomainResult<certificates::Model> {
    let issued_at = Utc::now();
    let year = local_date(issued_at).year();
    lock_counter(txn, year).await?;
    let first = take_numbers(txn, year, 1).await?;
    let payload = CertificatePayload {
        v: PAYLOAD_VERSION,
        number: number(year, first),
        kind: CertificateKind::Honour,
        name: trainee.name.clone(),
        id_number_masked: trainee.id_number_masked.clone(),
        course: honour.round.to_string(),
        hours: String::new(),
        starts_on: honour.from.to_string(),
        ends_on: honour.through.to_string(),
        provider: svc.certificates.issuer.clone(),
        issuer: svc.certificates.issuer.clone(),
        issued_on: local_date(issued_at).to_string(),
        replaces: None,
        honour: Some(honour.title.to_string()),
        business: honour.business.map(str::to_string),
    };
    let text = payload.canonical();
    let signature = hex::encode(signing_key(&svc.keys).sign(text.as_bytes()).to_bytes());
    let row = certificates::ActiveModel {
        number: Set(payload.number.clone()),
        verification_code: Set(new_code()),
        kind: Set(CertificateKind::Honour.into()),
        trainee_id: Set(trainee.id),
        course_id: Set(None),
        enrollment_id: Set(None),
        issued_by: Set(actor.user_id().ok_or(DomainError::Unauthenticated)?),
        issued_at: Set(issued_at),
        status: Set(CertificateStatus::Valid.into()),
        revoked_reason: Set(None),
        revoked_at: Set(None),
        payload: Set(text),
        signature: Set(signature),
        replaces_id: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        actor,
        Event {
            action: AuditAction::CertificateIssued,
            entity: AuditRecord::Certificate,
            entity_id: Some(row.id.to_string()),
            detail: Some(serde_json::json!({ "kind": "honour", "number": row.number })),
        },
    )
    .await?;
    Ok(row)
}

/// Issues certificates for every completed enrolment of a course that has none, in batches
/// (each its own transaction, so a stopped server leaves whole batches only; running it again
/// finishes the rest). Progress is visible on the course's certificate page meanwhile.
/// A signed certificate for a completed enrolment issued at `issued_at` under `number`, as
/// [`issue_for_course`] writes it (for loading past years' demo data, which records one
/// audit event for the whole load rather than one per certificate).
#[allow(clippy::too_many_arguments)]
pub(crate) fn past_row(
    svc: &Services,
    key: &SigningKey,
    course: &courses::Model,
    provider: &str,
    enrollment: &enrollments::Model,
    trainee: &trainees::Model,
    number: String,
    issued_by: i32,
    issued_at: DateTime<Utc>,
) -> certificates::ActiveModel {
    let holder = Holder {
        enrollment: enrollment.clone(),
        trainee: trainee.clone(),
    };
    let payload = payload_for(svc, course, provider, &holder, number, issued_at, None);
    signed_row(key, course, &holder, &payload, issued_by, issued_at, None)
}

pub async fn issue_for_course(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<IssueResult> {
    let db = &svc.db;
    let (course, org) = visible_course(db, actor, course_id).await?;
    may_issue(actor, &course, org)?;
    let issued_by = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let (completed, pending) = count_completed(db, course_id).await?;
    if completed == 0 {
        return Err(DomainError::Conflict(Msg::ErrNoneCompleted));
    }
    if pending == 0 {
        return Err(DomainError::Conflict(Msg::ErrAllCertified));
    }
    let provider = provider_name(db, course.organisation_id).await?;
    let key = signing_key(&svc.keys);
    let settings = &svc.certificates;
    settings.set_progress(course_id, 0, pending);
    let result = async {
        let mut issued = 0u32;
        loop {
            let txn = begin_write(db).await?;
            let now = Utc::now();
            let year = local_date(now).year();
            lock_counter(&txn, year).await?;
            let holders = uncertified(&txn, course_id, BATCH as u64).await?;
            if holders.is_empty() {
                txn.commit().await?;
                break;
            }
            let first = take_numbers(&txn, year, holders.len() as i32).await?;
            let mut rows = Vec::with_capacity(holders.len());
            let mut events = Vec::with_capacity(holders.len());
            let mut notices = Vec::with_capacity(holders.len());
            for (i, holder) in holders.iter().enumerate() {
                let payload = payload_for(
                    svc,
                    &course,
                    &provider,
                    holder,
                    number(year, first + i as i32),
                    now,
                    None,
                );
                events.push(audit_row(
                    actor,
                    now,
                    AuditAction::CertificateIssued,
                    &payload.number,
                    serde_json::json!({
                        "course_id": course_id,
                        "enrollment_id": holder.enrollment.id,
                        "kind": payload.kind.as_str(),
                    }),
                ));
                let row = signed_row(&key, &course, holder, &payload, issued_by, now, None);
                notices.push((
                    holder.trainee.user_id,
                    vec![
                        ("course", course.title.clone()),
                        ("url", verify_url(svc, row.verification_code.as_ref())),
                        // For SMS: providers refuse links as parameters, so the registered
                        // template holds the verify address and takes the code.
                        ("code", row.verification_code.as_ref().clone()),
                    ],
                ));
                rows.push(row);
            }
            let n = rows.len() as u32;
            certificates::Entity::insert_many(rows).exec(&txn).await?;
            audit_log::Entity::insert_many(events).exec(&txn).await?;
            crate::messages::notify_many(&txn, MessageTemplate::CertificateIssued, notices).await?;
            txn.commit().await?;
            issued += n;
            settings.set_progress(course_id, issued, Ord::max(pending, issued));
        }
        Ok::<u32, DomainError>(issued)
    }
    .await;
    settings.clear_progress(course_id);
    let issued = result?;
    Ok(IssueResult {
        issued,
        already: completed.saturating_sub(issued),
    })
}

/// An audit row for a batch insert (the same fields [`audit::record`] writes).
fn audit_row(
    actor: &Actor,
    at: DateTime<Utc>,
    action: AuditAction,
    number: &str,
    detail: serde_json::Value,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(at),
        actor_user_id: Set(actor.user_id()),
        actor_ip: Set(actor.ip.clone()),
        action: Set(action.as_str().to_string()),
        entity: Set(AuditRecord::Certificate.as_str().to_string()),
        entity_id: Set(Some(number.to_string())),
        detail: Set(Some(detail.to_string())),
        ..Default::default()
    }
}

/// Checks a batch may start (the same checks [`issue_for_course`] makes), so a page can say
/// why not at once and run a large batch in the background; returns how many are waiting.
/// A batch larger than [`BATCH`] shows as in progress from here on.
pub async fn check_issue(svc: &Services, actor: &Actor, course_id: i32) -> DomainResult<u32> {
    let db = &svc.db;
    let (course, org) = visible_course(db, actor, course_id).await?;
    may_issue(actor, &course, org)?;
    let (completed, pending) = count_completed(db, course_id).await?;
    if completed == 0 {
        return Err(DomainError::Conflict(Msg::ErrNoneCompleted));
    }
    if pending == 0 {
        return Err(DomainError::Conflict(Msg::ErrAllCertified));
    }
    if pending as usize > BATCH {
        svc.certificates.set_progress(course_id, 0, pending);
    }
    Ok(pending)
}

fn row_view(c: certificates::Model, numbers: &HashMap<i32, String>) -> Option<CertificateRow> {
    let p = CertificatePayload::parse(&c.payload)?;
    Some(CertificateRow {
        id: c.id,
        number: c.number,
        kind: *c.kind,
        name: p.name,
        id_number_masked: p.id_number_masked,
        hours: p.hours,
        issued_on: format_date(c.issued_at),
        status: *c.status,
        revoked_reason: c.revoked_reason,
        replaces: c.replaces_id.and_then(|id| numbers.get(&id).cloned()),
        verification_code: c.verification_code,
    })
}

/// A course's certificates (newest number last) and what the viewer may do.
pub async fn course_certificates(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
) -> DomainResult<CourseCertificates> {
    let db = &svc.db;
    let (course, org) = visible_course(db, actor, course_id).await?;
    let list = certificates::Entity::find()
        .filter(certificates::Column::CourseId.eq(course_id))
        .order_by_asc(certificates::Column::Id)
        .all(db)
        .await?;
    let numbers: HashMap<i32, String> = list.iter().map(|c| (c.id, c.number.clone())).collect();
    let rows = list
        .into_iter()
        .filter_map(|c| row_view(c, &numbers))
        .collect();
    let (completed, pending) = count_completed(db, course_id).await?;
    let bureau = policy::authorize(actor, Operation::ManageCertificates).is_ok();
    Ok(CourseCertificates {
        course_id,
        title: course.title.clone(),
        course_status: *course.status,
        kind: kind_for(&course),
        completed,
        pending,
        rows,
        provider_issues: course.provider_issues,
        can_issue: may_issue(actor, &course, org).is_ok(),
        can_revoke: bureau,
        can_delegate: bureau,
        progress: svc.certificates.progress(course_id),
    })
}

/// Lets a course's provider issue its certificates, or stops it (bureau admins; audited).
pub async fn set_provider_issues(
    db: &DatabaseConnection,
    actor: &Actor,
    course_id: i32,
    on: bool,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ManageCertificates)?;
    let (course, _) = visible_course(db, actor, course_id).await?;
    if course.provider_issues == on {
        return Ok(());
    }
    let txn = begin_write(db).await?;
    courses::Entity::update_many()
        .col_expr(courses::Column::ProviderIssues, Expr::value(on))
        .filter(courses::Column::Id.eq(course_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::CourseProviderIssuing,
            entity: AuditRecord::Course,
            entity_id: Some(course_id.to_string()),
            detail: Some(serde_json::json!({ "allowed": on })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn check_reason(reason: &str) -> DomainResult<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::field("reason", Msg::ErrReasonRequired));
    }
    if reason.chars().count() > MAX_REASON {
        return Err(DomainError::field("reason", Msg::ErrReasonTooLong));
    }
    Ok(reason.to_string())
}

/// Revokes a valid certificate with a reason (bureau admins). Nothing is deleted; the
/// verification page and API show the revocation at once.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    reason: &str,
) -> DomainResult<()> {
    policy::authorize(actor, Operation::ManageCertificates)?;
    let reason = check_reason(reason)?;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let cert = certificates::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let changed = certificates::Entity::update_many()
        .col_expr(
            certificates::Column::Status,
            Expr::value(CertificateStatus::Revoked.as_str()),
        )
        .col_expr(certificates::Column::RevokedAt, Expr::value(now))
        .col_expr(
            certificates::Column::RevokedReason,
            Expr::value(reason.clone()),
        )
        .filter(certificates::Column::Id.eq(id))
        .filter(certificates::Column::Status.eq(CertificateStatus::Valid.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(DomainError::Conflict(Msg::ErrAlreadyRevoked));
    }
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::CertificateRevoked,
            entity: AuditRecord::Certificate,
            entity_id: Some(cert.number),
            detail: Some(serde_json::json!({ "reason": reason })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Issues a new certificate in place of an old one (bureau admins): the old one is revoked
/// (if it was not already) with the reason, and the new one, with a new number and code,
/// states the holder's current name and points to it. Returns the new certificate's id.
pub async fn reissue(svc: &Services, actor: &Actor, id: i32, reason: &str) -> DomainResult<i32> {
    policy::authorize(actor, Operation::ManageCertificates)?;
    let reason = check_reason(reason)?;
    let issued_by = actor.user_id().ok_or(DomainError::Unauthenticated)?;
    let db = &svc.db;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let year = local_date(now).year();
    lock_counter(&txn, year).await?;
    let old = certificates::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (Some(enrollment_id), Some(course_id)) = (old.enrollment_id, old.course_id) else {
        return Err(DomainError::Conflict(Msg::ErrAlreadyReplaced));
    };
    let (course, _) = crate::courses::load(&txn, course_id).await?;
    let enrollment = enrollments::Entity::find_by_id(enrollment_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let trainee = trainees::Entity::find_by_id(enrollment.trainee_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    // The old certificate gives up its enrolment (one live certificate per enrolment).
    let mut update = certificates::Entity::update_many()
        .col_expr(
            certificates::Column::EnrollmentId,
            Expr::value(Option::<i32>::None),
        )
        .filter(certificates::Column::Id.eq(id))
        .filter(certificates::Column::EnrollmentId.eq(enrollment_id));
    if old.status == CertificateStatus::Valid {
        update = update
            .col_expr(
                certificates::Column::Status,
                Expr::value(CertificateStatus::Revoked.as_str()),
            )
            .col_expr(certificates::Column::RevokedAt, Expr::value(now))
            .col_expr(
                certificates::Column::RevokedReason,
                Expr::value(reason.clone()),
            );
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        return Err(DomainError::Conflict(Msg::ErrAlreadyReplaced));
    }
    let provider = provider_name(&txn, course.organisation_id).await?;
    let holder = Holder {
        enrollment,
        trainee,
    };
    let first = take_numbers(&txn, year, 1).await?;
    let payload = payload_for(
        svc,
        &course,
        &provider,
        &holder,
        number(year, first),
        now,
        Some(old.number.clone()),
    );
    let key = signing_key(&svc.keys);
    let new = signed_row(
        &key,
        &course,
        &holder,
        &payload,
        issued_by,
        now,
        Some(old.id),
    )
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Event {
            action: AuditAction::CertificateReissued,
            entity: AuditRecord::Certificate,
            entity_id: Some(new.number.clone()),
            detail: Some(serde_json::json!({ "replaces": old.number, "reason": reason })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(new.id)
}

async fn replaced_by(db: &impl ConnectionTrait, id: i32) -> DomainResult<Option<String>> {
    Ok(certificates::Entity::find()
        .filter(certificates::Column::ReplacesId.eq(id))
        .one(db)
        .await?
        .map(|c| c.number))
}

async fn replaces(
    db: &impl ConnectionTrait,
    c: &certificates::Model,
) -> DomainResult<Option<String>> {
    match c.replaces_id {
        None => Ok(None),
        Some(id) => Ok(certificates::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|c| c.number)),
    }
}

async fn public_view(
    db: &impl ConnectionTrait,
    c: certificates::Model,
) -> DomainResult<PublicCertificate> {
    let p = CertificatePayload::parse(&c.payload)
        .ok_or_else(|| DomainError::Internal(format!("certificate {} payload unreadable", c.id)))?;
    Ok(PublicCertificate {
        replaces: replaces(db, &c).await?,
        replaced_by: replaced_by(db, c.id).await?,
        number: c.number,
        kind: *c.kind,
        status: *c.status,
        revoked_on: c.revoked_at.map(format_date),
        name_masked: mask_name(&p.name),
        id_number_masked: p.id_number_masked,
        course: p.course,
        hours: p.hours,
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        provider: p.provider,
        issuer: p.issuer,
        issued_on: p.issued_on,
        honour: p.honour,
        business: p.business,
    })
}

/// The public verification of a code (no login). A code of the wrong shape is told apart
/// before any lookup; any well-formed code costs one indexed lookup whether it exists or not.
pub async fn verify(db: &DatabaseConnection, code: &str) -> DomainResult<Verification> {
    let code = code.trim();
    if !code_is_well_formed(code) {
        return Ok(Verification::Malformed);
    }
    match certificates::Entity::find()
        .filter(certificates::Column::VerificationCode.eq(code))
        .one(db)
        .await?
    {
        Some(c) => Ok(Verification::Found(Box::new(public_view(db, c).await?))),
        None => Ok(Verification::NotFound),
    }
}

/// The public search by certificate number and the holder's full name, rate-limited per
/// address. A wrong number and a wrong name give the same answer.
pub async fn search(
    svc: &Services,
    ip: Option<&str>,
    number: &str,
    name: &str,
) -> DomainResult<Verification> {
    let number = number.trim().to_ascii_uppercase();
    let name = name.trim();
    let mut errors = Vec::new();
    if number.is_empty() {
        errors.push(model::FieldError {
            field: "number".into(),
            message: Msg::ErrRequired,
        });
    }
    if name.is_empty() {
        errors.push(model::FieldError {
            field: "name".into(),
            message: Msg::ErrRequired,
        });
    }
    DomainError::check(errors)?;
    if let Some(minutes) = svc.certificates.searches.hit(ip.unwrap_or("unknown")) {
        return Err(DomainError::RateLimited { minutes });
    }
    let found = certificates::Entity::find()
        .filter(certificates::Column::Number.eq(number.as_str()))
        .one(&svc.db)
        .await?;
    match found {
        Some(c) if CertificatePayload::parse(&c.payload).is_some_and(|p| p.name.trim() == name) => {
            Ok(Verification::Found(Box::new(
                public_view(&svc.db, c).await?,
            )))
        }
        _ => Ok(Verification::NotFound),
    }
}

/// The signed record behind a code (`GET /api/v1/certificates/{code}`), `None` when unknown.
pub async fn signed(svc: &Services, code: &str) -> DomainResult<Option<SignedCertificate>> {
    let code = code.trim();
    if !code_is_well_formed(code) {
        return Ok(None);
    }
    let Some(c) = certificates::Entity::find()
        .filter(certificates::Column::VerificationCode.eq(code))
        .one(&svc.db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(SignedCertificate {
        replaced_by: replaced_by(&svc.db, c.id).await?,
        status: *c.status,
        revoked_at: c.revoked_at.map(|t| t.to_rfc3339()),
        payload: c.payload,
        signature: c.signature,
        algorithm: "Ed25519".into(),
        public_key: issuer(svc).public_key,
    }))
}

/// The signed-in trainee's certificates, newest first.
pub async fn mine(db: &DatabaseConnection, actor: &Actor) -> DomainResult<Vec<MyCertificate>> {
    policy::authorize(actor, Operation::Enrol)?;
    let Some(me) = crate::trainees::own_row(db, actor).await? else {
        return Ok(Vec::new());
    };
    let list = certificates::Entity::find()
        .filter(certificates::Column::TraineeId.eq(me.id))
        .order_by_desc(certificates::Column::Id)
        .all(db)
        .await?;
    Ok(list
        .into_iter()
        .filter_map(|c| {
            let p = CertificatePayload::parse(&c.payload)?;
            Some(MyCertificate {
                id: c.id,
                number: c.number,
                kind: *c.kind,
                course: p.course,
                issued_on: p.issued_on,
                status: *c.status,
                verification_code: c.verification_code,
            })
        })
        .collect())
}

/// The certificate `id` if the actor may see it: its holder, the course's provider staff,
/// bureau staff. Anyone else gets `NotFound`.
async fn visible(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> DomainResult<certificates::Model> {
    if actor.user.is_none() {
        return Err(DomainError::Unauthenticated);
    }
    let cert = certificates::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if actor.role() == Some(Role::Trainee) {
        let me = crate::trainees::own_row(db, actor).await?;
        return match me {
            Some(t) if t.id == cert.trainee_id => Ok(cert),
            _ => Err(DomainError::NotFound),
        };
    }
    match cert.course_id {
        Some(course_id) => {
            visible_course(db, actor, course_id).await?;
        }
        None => {
            if !matches!(actor.role(), Some(Role::BureauAdmin | Role::BureauViewer)) {
                return Err(DomainError::NotFound);
            }
        }
    }
    Ok(cert)
}

fn verify_url(svc: &Services, code: &str) -> String {
    format!("{}/verify/{code}", svc.public_url)
}

/// Renders a certificate row (the benchmark and tests call this directly).
pub fn render(svc: &Services, cert: &certificates::Model) -> DomainResult<Vec<u8>> {
    let payload = CertificatePayload::parse(&cert.payload).ok_or_else(|| {
        DomainError::Internal(format!("certificate {} payload unreadable", cert.id))
    })?;
    let revoked_on = (cert.status == CertificateStatus::Revoked)
        .then(|| cert.revoked_at.map(format_date).unwrap_or_default());
    pdf::render(
        svc.certificates.fonts()?,
        &payload,
        &cert.verification_code,
        &verify_url(svc, &cert.verification_code),
        revoked_on.as_deref(),
    )
}

/// One certificate as a PDF, for its holder or staff who see the course.
pub async fn pdf(svc: &Services, actor: &Actor, id: i32) -> DomainResult<Download> {
    let cert = visible(&svc.db, actor, id).await?;
    let svc2 = svc.clone();
    let number = cert.number.clone();
    let bytes = tokio::task::spawn_blocking(move || render(&svc2, &cert))
        .await
        .map_err(|e| DomainError::Internal(format!("render task: {e}")))??;
    Ok(Download {
        file_name: format!("{number}.pdf"),
        content_type: "application/pdf",
        body: DownloadBody::Whole(bytes),
    })
}

/// All of a course's certificates as one .zip of PDFs (staff who see the course; audited).
pub async fn course_zip(svc: &Services, actor: &Actor, course_id: i32) -> DomainResult<Download> {
    let (course, _) = visible_course(&svc.db, actor, course_id).await?;
    let list = certificates::Entity::find()
        .filter(certificates::Column::CourseId.eq(course_id))
        .order_by_asc(certificates::Column::Id)
        .all(&svc.db)
        .await?;
    if list.is_empty() {
        return Err(DomainError::Conflict(Msg::ErrNoCertificates));
    }
    let count = list.len();
    let svc2 = svc.clone();
    let bytes = tokio::task::spawn_blocking(move || -> DomainResult<Vec<u8>> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for cert in &list {
            let pdf = render(&svc2, cert)?;
            let suffix = if cert.status == CertificateStatus::Revoked {
                "-revoked"
            } else {
                ""
            };
            zip.start_file(format!("{}{suffix}.pdf", cert.number), options)
                .map_err(|e| DomainError::Internal(format!("zip: {e}")))?;
            zip.write_all(&pdf)
                .map_err(|e| DomainError::Internal(format!("zip: {e}")))?;
        }
        let cursor = zip
            .finish()
            .map_err(|e| DomainError::Internal(format!("zip: {e}")))?;
        Ok(cursor.into_inner())
    })
    .await
    .map_err(|e| DomainError::Internal(format!("render task: {e}")))??;
    audit::record(
        &svc.db,
        actor,
        Event {
            action: AuditAction::CertificatesExported,
            entity: AuditRecord::Course,
            entity_id: Some(course_id.to_string()),
            detail: Some(serde_json::json!({ "count": count })),
        },
    )
    .await?;
    let title: String = course.title.chars().take(40).collect();
    Ok(Download {
        file_name: format!("{title}-证书.zip"),
        content_type: "application/zip",
        body: DownloadBody::Whole(bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_32_base32_characters_and_differ() {
        let a = new_code();
        let b = new_code();
        assert!(code_is_well_formed(&a), "{a}");
        assert_ne!(a, b);
        assert_eq!(number(2027, 123), "YZ-2027-000123");
    }

    #[test]
    fn signatures_check_with_the_public_key_only() {
        let keys = SecretKey::generate();
        let key = signing_key(&keys);
        let public = hex::encode(key.verifying_key().to_bytes());
        let sig = hex::encode(key.sign(b"payload").to_bytes());
        assert!(signature_holds(&public, "payload", &sig));
        assert!(!signature_holds(&public, "payload!", &sig));
        assert!(!signature_holds(&public, "payload", "00"));
        assert!(!signature_holds("zz", "payload", &sig));
    }
}
