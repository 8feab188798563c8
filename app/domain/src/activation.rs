//! Printed activation codes for the people a training provider imported.
//!
//! An imported account has no password ([`NO_PASSWORD`]). Its holder gets in either with a
//! code sent by SMS to the registered phone (`/reset`) or with the activation code the provider
//! prints from the course roster and hands over in person: eight characters, single use,
//! valid for [`VALID_DAYS`] days, one live code per account (a new one voids the old), kept
//! only as a keyed hash. After printing, the roster shows the code masked. Guessing is held
//! back by the login throttle on the phone.

use crate::accounts::NO_PASSWORD;
use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::{activation_codes, codes, enrollments, trainees, users};
use crate::keys::SecretKey;
use crate::local_time::format_date;
use crate::partners::names;
use crate::policy::Operation;
use crate::{Actor, DomainError, DomainResult, Services};
use chrono::{Duration, Utc};
use hmac::{Hmac, Mac};
use model::accounts::{
    ACTIVATION_ALPHABET, ACTIVATION_CODE_LEN, format_activation_code, mask_phone,
};
use model::audit::{AuditAction, AuditRecord};
use model::enums::{EnrollmentStatus, UserStatus};
use model::rosters::{ActivationSheet, ActivationSlip};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait, Set,
};
use sha2::Sha256;
use std::collections::HashSet;

pub const VALID_DAYS: i64 = 30;

fn hash(keys: &SecretKey, user_id: i32, code: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&keys.derive("activation-code"))
        .expect("any key length");
    mac.update(format!("{user_id}|{code}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..ACTIVATION_CODE_LEN)
        .map(|_| ACTIVATION_ALPHABET[rng.gen_range(0..ACTIVATION_ALPHABET.len())] as char)
        .collect()
}

/// Makes activation codes for the imported people on a course's roster who have not set a
/// password: everyone without a live code, or (`trainee_id`) that one person, whose old code
/// is then void. The codes are in the answer only; audited with the course and the count.
pub async fn issue_for_course(
    svc: &Services,
    actor: &Actor,
    course_id: i32,
    trainee_id: Option<i32>,
) -> DomainResult<ActivationSheet> {
    let txn = begin_write(&svc.db).await?;
    let (course, org) =
        crate::rosters::course_for(&txn, actor, course_id, Operation::ManageRoster).await?;
    crate::policy::authorize_for_org(actor, Operation::ManageRoster, org)?;
    // Two staff printing at the same moment wait for each other (PostgreSQL; SQLite's write
    // transactions are one at a time already), so the second sees the first one's codes.
    crate::enrolment::lock_course(&txn, course_id).await?;
    let mut query = enrollments::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(enrollments::Column::TraineeId)
        .column(trainees::Column::Name)
        .column(users::Column::Phone)
        .join(JoinType::InnerJoin, enrollments::Relation::Trainees.def())
        .join(JoinType::InnerJoin, trainees::Relation::Users.def())
        .filter(enrollments::Column::CourseId.eq(course_id))
        .filter(enrollments::Column::Status.is_in(codes([
            EnrollmentStatus::Enrolled,
            EnrollmentStatus::Waitlisted,
            EnrollmentStatus::Completed,
            EnrollmentStatus::NotCompleted,
        ])))
        .filter(users::Column::PasswordHash.eq(NO_PASSWORD))
        .filter(users::Column::Status.eq(UserStatus::Active.as_str()))
        .order_by_asc(trainees::Column::Name)
        .order_by_asc(enrollments::Column::TraineeId);
    if let Some(trainee_id) = trainee_id {
        query = query.filter(enrollments::Column::TraineeId.eq(trainee_id));
    }
    let people: Vec<(i32, i32, String, String)> = query.into_tuple().all(&txn).await?;
    if trainee_id.is_some() && people.is_empty() {
        return Err(DomainError::NotFound);
    }
    let now = Utc::now();
    let live: HashSet<i32> = if trainee_id.is_some() {
        HashSet::new()
    } else {
        live_codes(&txn, people.iter().map(|p| p.0)).await?
    };
    let expires = now + Duration::days(VALID_DAYS);
    let mut slips = Vec::new();
    // Everyone's old code goes and the new ones come in two statements per chunk, not two
    // per person (a class can have hundreds).
    let mut rows = Vec::new();
    for (user_id, trainee_id, name, phone) in people.iter().filter(|p| !live.contains(&p.0)) {
        let code = new_code();
        rows.push(activation_codes::ActiveModel {
            user_id: Set(*user_id),
            code_hash: Set(hash(&svc.keys, *user_id, &code)),
            hint: Set(code[ACTIVATION_CODE_LEN - 2..].to_string()),
            issued_by: Set(actor.user_id()),
            created_at: Set(now),
            expires_at: Set(expires),
            used_at: Set(None),
            ..Default::default()
        });
        slips.push(ActivationSlip {
            trainee_id: *trainee_id,
            name: name.clone(),
            phone_masked: mask_phone(phone),
            code: format_activation_code(&code),
        });
    }
    for chunk in rows.chunks(500) {
        activation_codes::Entity::delete_many()
            .filter(
                activation_codes::Column::UserId
                    .is_in(chunk.iter().map(|r| r.user_id.clone().unwrap())),
            )
            .exec(&txn)
            .await?;
        activation_codes::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    if !slips.is_empty() {
        audit::record(
            &txn,
            actor,
            Event {
                action: AuditAction::ActivationCodesIssued,
                entity: AuditRecord::Course,
                entity_id: Some(course_id.to_string()),
                detail: Some(serde_json::json!({
                    "count": slips.len(),
                    "trainee_ids": slips.iter().map(|s| s.trainee_id).collect::<Vec<_>>(),
                })),
            },
        )
        .await?;
    }
    txn.commit().await?;
    let provider = names(&svc.db, [org.id])
        .await?
        .remove(&org.id)
        .unwrap_or_default();
    Ok(ActivationSheet {
        course_id,
        title: course.title,
        provider,
        expires: format_date(expires),
        already_issued: live.len() as u32,
        slips,
    })
}

/// The accounts among `user_ids` holding an unused, unexpired code.
pub(crate) async fn live_codes(
    db: &impl ConnectionTrait,
    user_ids: impl IntoIterator<Item = i32>,
) -> DomainResult<HashSet<i32>> {
    let ids: Vec<i32> = user_ids.into_iter().collect();
    let mut live = HashSet::new();
    for chunk in ids.chunks(500) {
        let found: Vec<i32> = activation_codes::Entity::find()
            .select_only()
            .column(activation_codes::Column::UserId)
            .filter(activation_codes::Column::UserId.is_in(chunk.iter().copied()))
            .filter(activation_codes::Column::UsedAt.is_null())
            .filter(activation_codes::Column::ExpiresAt.gt(Utc::now()))
            .into_tuple()
            .all(db)
            .await?;
        live.extend(found);
    }
    Ok(live)
}

/// The live codes of `user_ids`: account → (masked code, local expiry date), for the roster.
pub(crate) async fn hints(
    db: &impl ConnectionTrait,
    user_ids: impl IntoIterator<Item = i32>,
) -> DomainResult<std::collections::HashMap<i32, (String, String)>> {
    let ids: Vec<i32> = user_ids.into_iter().collect();
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let found = activation_codes::Entity::find()
            .filter(activation_codes::Column::UserId.is_in(chunk.iter().copied()))
            .filter(activation_codes::Column::UsedAt.is_null())
            .filter(activation_codes::Column::ExpiresAt.gt(Utc::now()))
            .all(db)
            .await?;
        for c in found {
            out.insert(
                c.user_id,
                (
                    model::accounts::mask_activation_code(&c.hint),
                    format_date(c.expires_at),
                ),
            );
        }
    }
    Ok(out)
}

/// Whether `code` (normalised) is the account's live code (read only; [`redeem`] spends it).
pub(crate) async fn is_live(
    db: &impl ConnectionTrait,
    keys: &SecretKey,
    user_id: i32,
    code: &str,
) -> DomainResult<bool> {
    Ok(activation_codes::Entity::find()
        .filter(activation_codes::Column::UserId.eq(user_id))
        .filter(activation_codes::Column::CodeHash.eq(hash(keys, user_id, code)))
        .filter(activation_codes::Column::UsedAt.is_null())
        .filter(activation_codes::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .is_some())
}

/// Uses `code` (normalised) for the account if it is its live code: true, and the code is
/// spent. Anything else (wrong, expired, used, none) is false.
pub(crate) async fn redeem(
    db: &impl ConnectionTrait,
    keys: &SecretKey,
    user_id: i32,
    code: &str,
) -> DomainResult<bool> {
    let spent = activation_codes::Entity::update_many()
        .col_expr(
            activation_codes::Column::UsedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(activation_codes::Column::UserId.eq(user_id))
        .filter(activation_codes::Column::CodeHash.eq(hash(keys, user_id, code)))
        .filter(activation_codes::Column::UsedAt.is_null())
        .filter(activation_codes::Column::ExpiresAt.gt(Utc::now()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(spent == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::accounts::normalise_activation_code;

    #[test]
    fn codes_are_eight_unambiguous_characters_hashed_per_account() {
        let code = new_code();
        assert_eq!(
            normalise_activation_code(&code).as_deref(),
            Some(code.as_str())
        );
        let keys = SecretKey::from_bytes([7; 32]);
        assert_ne!(hash(&keys, 1, &code), hash(&keys, 2, &code));
        assert_eq!(hash(&keys, 1, &code).len(), 64);
    }
}
