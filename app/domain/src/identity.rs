//! Resident ID numbers (居民身份证号, GB 11643) and unified social credit codes
//! (统一社会信用代码, GB 32100): validation, masking, and how ID numbers are kept.
//!
//! An ID number is stored encrypted (AES-256-GCM, random nonce, key derived from the secret
//! key file) and found by a keyed hash (HMAC-SHA256), so the database alone reveals no ID
//! number and two accounts cannot hold the same person. It is shown masked everywhere.

use crate::keys::SecretKey;
use crate::{DomainError, DomainResult};
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use chrono::{Datelike, NaiveDate};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// The GB 11643 check character for the first 17 digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    let digits: Vec<u32> = first17
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    (digits.len() == 17).then(|| {
        let sum: u32 = digits.iter().zip(ID_WEIGHTS).map(|(d, w)| d * w).sum();
        ID_CHECK[(sum % 11) as usize] as char
    })
}

/// Upper-cases a trailing `x` and strips spaces.
pub fn normalise_id_number(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// What an ID number says about its holder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdFacts {
    pub birth_date: NaiveDate,
    pub male: bool,
}

/// Checks length, digits, birth date and check character; returns the derived facts.
pub fn parse_id_number(id: &str) -> Option<IdFacts> {
    if id.len() != 18 || !id.is_ascii() {
        return None;
    }
    let (first17, check) = id.split_at(17);
    if id_check_char(first17)? != check.chars().next()? {
        return None;
    }
    let birth_date = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").ok()?;
    if birth_date.year_ce().1 < 1900 || birth_date > chrono::Utc::now().date_naive() {
        return None;
    }
    let order: u32 = id[14..17].parse().ok()?;
    Some(IdFacts {
        birth_date,
        male: order % 2 == 1,
    })
}

/// `4101**********1234`: the first 4 and last 4 characters.
pub fn mask_id_number(id: &str) -> String {
    if id.len() == 18 && id.is_ascii() {
        format!("{}**********{}", &id[..4], &id[14..])
    } else {
        "****".into()
    }
}

/// The keyed lookup hash of a (normalised) ID number.
pub fn id_number_hash(keys: &SecretKey, id: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&keys.derive("id-number-hash"))
        .expect("any key length");
    mac.update(id.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Seals bytes with AES-256-GCM under a key derived for `purpose`: base64 of nonce ‖
/// ciphertext ‖ tag. Anything that holds ID numbers at rest goes through here.
pub fn seal(keys: &SecretKey, purpose: &str, plain: &[u8]) -> String {
    let cipher = Aes256Gcm::new_from_slice(&keys.derive(purpose)).expect("32-byte key");
    let nonce: [u8; 12] = rand::random();
    let mut out = nonce.to_vec();
    out.extend(
        cipher
            .encrypt(Nonce::from_slice(&nonce), plain)
            .expect("AES-GCM encryption"),
    );
    base64::engine::general_purpose::STANDARD.encode(out)
}

/// Opens what [`seal`] sealed for the same purpose; an error if it was altered or sealed with
/// another key.
pub fn open_sealed(keys: &SecretKey, purpose: &str, stored: &str) -> DomainResult<Vec<u8>> {
    let fail =
        || DomainError::Internal(format!("{purpose}: cannot be opened with this secret key"));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(stored)
        .map_err(|_| fail())?;
    if bytes.len() < 12 + 16 {
        return Err(fail());
    }
    let cipher = Aes256Gcm::new_from_slice(&keys.derive(purpose)).expect("32-byte key");
    cipher
        .decrypt(Nonce::from_slice(&bytes[..12]), &bytes[12..])
        .map_err(|_| fail())
}

const ID_NUMBER_PURPOSE: &str = "id-number-encryption";

/// Encrypts an ID number for the `trainees` row.
pub fn encrypt_id_number(keys: &SecretKey, id: &str) -> String {
    seal(keys, ID_NUMBER_PURPOSE, id.as_bytes())
}

pub fn decrypt_id_number(keys: &SecretKey, stored: &str) -> DomainResult<String> {
    String::from_utf8(open_sealed(keys, ID_NUMBER_PURPOSE, stored)?)
        .map_err(|_| DomainError::Internal("an ID number is not text".into()))
}

const CREDIT_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The GB 32100 check character for the first 17 characters of a credit code.
pub fn credit_code_check_char(first17: &str) -> Option<char> {
    let values: Vec<u32> = first17
        .bytes()
        .map(|b| CREDIT_CHARS.iter().position(|c| *c == b).map(|p| p as u32))
        .collect::<Option<_>>()?;
    (values.len() == 17).then(|| {
        let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
        CREDIT_CHARS[((31 - sum % 31) % 31) as usize] as char
    })
}

/// An 18-character unified social credit code with a correct check character.
pub fn credit_code_is_valid(code: &str) -> bool {
    code.len() == 18
        && code.is_ascii()
        && credit_code_check_char(&code[..17]) == code[17..].chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers() {
        // The standard's published example.
        assert_eq!(id_check_char("11010519491231002"), Some('X'));
        let facts = parse_id_number("11010519491231002X").unwrap();
        assert_eq!(
            facts.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert!(!facts.male);
        assert!(
            parse_id_number("110105194912310021").is_none(),
            "wrong check digit"
        );
        let bad_month = format!(
            "11010519491331002{}",
            id_check_char("11010519491331002").unwrap()
        );
        assert!(
            parse_id_number(&bad_month).is_none(),
            "month 13 is not a date"
        );
        assert!(parse_id_number("1101051949123100").is_none(), "too short");
        assert_eq!(mask_id_number("11010519491231002X"), "1101**********002X");
        assert_eq!(
            normalise_id_number(" 11010519491231002x "),
            "11010519491231002X"
        );
    }

    #[test]
    fn credit_codes() {
        let first17 = "91411081MA4000000";
        let code = format!("{first17}{}", credit_code_check_char(first17).unwrap());
        assert!(credit_code_is_valid(&code));
        let mut wrong = code.clone();
        wrong.replace_range(17.., if code.ends_with('0') { "1" } else { "0" });
        assert!(!credit_code_is_valid(&wrong));
        assert!(
            !credit_code_is_valid("91411081MA40000I0X"),
            "I is not in the alphabet"
        );
    }

    #[test]
    fn encryption_round_trips_and_hashes_are_keyed() {
        let key = SecretKey::generate();
        let stored = encrypt_id_number(&key, "11010519491231002X");
        assert!(!stored.contains("1101051949"));
        assert_eq!(
            decrypt_id_number(&key, &stored).unwrap(),
            "11010519491231002X"
        );
        assert!(decrypt_id_number(&SecretKey::generate(), &stored).is_err());
        assert_ne!(
            encrypt_id_number(&key, "11010519491231002X"),
            stored,
            "random nonce"
        );
        assert_eq!(id_number_hash(&key, "x"), id_number_hash(&key, "x"));
        assert_ne!(
            id_number_hash(&key, "x"),
            id_number_hash(&SecretKey::generate(), "x")
        );
    }
}
