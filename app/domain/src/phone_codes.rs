//! One-time codes sent by SMS, proving that a person holds a phone.
//!
//! A code is six random digits, valid for [`VALID`], good for [`TRIES`] guesses, and kept only
//! as a keyed hash. Requests are limited per phone (one per [`RESEND`], [`PER_DAY`] a local
//! day) and per client address ([`PER_ADDRESS_HOUR`] an hour). Every request is recorded, also
//! for a number with no account (the caller then sends nothing), so neither the answer nor the
//! limits tell anyone whether a number is registered.

use crate::entities::phone_codes;
use crate::keys::SecretKey;
use crate::local_time::{start_of_day, today};
use crate::{DomainError, DomainResult};
use chrono::{Duration, Utc};
use hmac::{Hmac, Mac};
use model::accounts::{CODE_DIGITS, CodePurpose};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, Statement,
};
use sha2::Sha256;

pub const VALID: Duration = Duration::minutes(5);
pub const TRIES: i32 = 5;
pub const RESEND: Duration = Duration::seconds(60);
pub const PER_DAY: u64 = 10;
pub const PER_ADDRESS_HOUR: u64 = 30;

fn hash(keys: &SecretKey, phone: &str, purpose: CodePurpose, code: &str) -> String {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&keys.derive("phone-code")).expect("any key length");
    mac.update(format!("{phone}|{}|{code}", purpose.as_str()).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn new_code() -> String {
    use rand::Rng;
    let n: u32 = rand::rngs::OsRng.gen_range(0..10u32.pow(CODE_DIGITS as u32));
    format!("{n:0width$}", width = CODE_DIGITS)
}

/// Requests for one phone wait for each other (PostgreSQL; SQLite's write transactions are
/// one at a time already), so two at once cannot both pass the resend limit.
async fn serialise_phone(txn: &DatabaseTransaction, phone: &str) -> DomainResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        let key = phone.parse::<i64>().unwrap_or(0);
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(7261, $1::int4)",
            [((key % i64::from(i32::MAX)) as i32).into()],
        ))
        .await?;
    }
    Ok(())
}

/// Records a new code for `phone` and returns it, after the limits; the caller sends it (or
/// not, for a number with no account) in the same transaction.
pub(crate) async fn issue(
    txn: &DatabaseTransaction,
    keys: &SecretKey,
    phone: &str,
    purpose: CodePurpose,
    ip: Option<&str>,
) -> DomainResult<String> {
    serialise_phone(txn, phone).await?;
    let now = Utc::now();
    let mine = phone_codes::Entity::find()
        .filter(phone_codes::Column::Phone.eq(phone))
        .filter(phone_codes::Column::Purpose.eq(purpose.as_str()));
    if let Some(last) = mine
        .clone()
        .order_by_desc(phone_codes::Column::CreatedAt)
        .one(txn)
        .await?
        && now - last.created_at < RESEND
    {
        return Err(DomainError::RateLimited { minutes: 1 });
    }
    let midnight = start_of_day(today() + Duration::days(1));
    if mine
        .filter(phone_codes::Column::CreatedAt.gte(start_of_day(today())))
        .count(txn)
        .await?
        >= PER_DAY
    {
        let minutes = (midnight - now).num_minutes().max(1) as u32;
        return Err(DomainError::RateLimited { minutes });
    }
    if let Some(ip) = ip
        && phone_codes::Entity::find()
            .filter(phone_codes::Column::Ip.eq(ip))
            .filter(phone_codes::Column::CreatedAt.gte(now - Duration::hours(1)))
            .count(txn)
            .await?
            >= PER_ADDRESS_HOUR
    {
        return Err(DomainError::RateLimited { minutes: 60 });
    }
    let code = new_code();
    phone_codes::ActiveModel {
        phone: Set(phone.to_string()),
        purpose: Set(purpose.into()),
        code_hash: Set(hash(keys, phone, purpose, &code)),
        created_at: Set(now),
        expires_at: Set(now + VALID),
        tries_left: Set(TRIES),
        used_at: Set(None),
        ip: Set(ip.map(|ip| ip.chars().take(64).collect())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(code)
}

/// Checks `code` against the phone's latest code for `purpose`. `Ok(Ok(()))`: right, and now
/// used. `Ok(Err(tries_left))`: wrong (one try fewer; 0 means expired, used up or none) —
/// commit the transaction to keep the count, then refuse.
pub(crate) async fn check(
    txn: &DatabaseTransaction,
    keys: &SecretKey,
    phone: &str,
    purpose: CodePurpose,
    code: &str,
) -> DomainResult<Result<(), u32>> {
    let now = Utc::now();
    let Some(last) = phone_codes::Entity::find()
        .filter(phone_codes::Column::Phone.eq(phone))
        .filter(phone_codes::Column::Purpose.eq(purpose.as_str()))
        .order_by_desc(phone_codes::Column::CreatedAt)
        .one(txn)
        .await?
    else {
        return Ok(Err(0));
    };
    if last.used_at.is_some() || last.expires_at <= now || last.tries_left <= 0 {
        return Ok(Err(0));
    }
    let right = hash(keys, phone, purpose, code.trim()) == last.code_hash;
    let tries_left = last.tries_left - 1;
    let mut row: phone_codes::ActiveModel = last.into();
    if right {
        row.used_at = Set(Some(now));
        row.update(txn).await?;
        Ok(Ok(()))
    } else {
        row.tries_left = Set(tries_left);
        row.update(txn).await?;
        Ok(Err(tries_left.max(0) as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_hashed_per_phone_and_purpose() {
        let code = new_code();
        assert_eq!(code.len(), CODE_DIGITS);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        let keys = SecretKey::from_bytes([7; 32]);
        let a = hash(&keys, "13800000004", CodePurpose::Reset, "123456");
        assert_eq!(a.len(), 64);
        assert_ne!(a, hash(&keys, "13800000005", CodePurpose::Reset, "123456"));
        assert_ne!(
            a,
            hash(
                &SecretKey::from_bytes([8; 32]),
                "13800000004",
                CodePurpose::Reset,
                "123456"
            )
        );
    }
}
