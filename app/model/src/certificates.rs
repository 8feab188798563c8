//! Certificates on the wire: the canonical payload that is signed, what the public
//! verification page and API show, a course's certificate list for staff, and a trainee's own.

use crate::enums::{CertificateKind, CertificateStatus, CourseStatus};
use serde::{Deserialize, Serialize};

/// Version of the canonical payload layout.
pub const PAYLOAD_VERSION: u32 = 1;

/// What a certificate states, signed with Ed25519 exactly as [`CertificatePayload::canonical`]
/// spells it: compact JSON, the fields in this order, dates as `YYYY-MM-DD`, hours as text.
/// The PDF and the verification page are rendered from this, so both always match the
/// signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertificatePayload {
    pub v: u32,
    pub number: String,
    pub kind: CertificateKind,
    /// The holder's full name.
    pub name: String,
    /// e.g. 4110**********1234.
    pub id_number_masked: String,
    pub course: String,
    /// Attended hours, e.g. `48` or `47.5`.
    pub hours: String,
    pub starts_on: String,
    pub ends_on: String,
    pub provider: String,
    pub issuer: String,
    pub issued_on: String,
    /// The number of the certificate this one replaces, if reissued.
    pub replaces: Option<String>,
    /// An honour certificate's title, e.g. 诚信带货主播 (absent on other kinds, so their signed
    /// bytes are unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honour: Option<String>,
    /// The shop or business an honour is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business: Option<String>,
}

impl CertificatePayload {
    /// The exact bytes that are signed.
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored payload back.
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// Hours as the payload spells them: at most one decimal, no trailing zero.
pub fn hours_text(hours: f64) -> String {
    // `+ 0.0` turns an empty sum's -0 into 0.
    let tenths = (hours * 10.0).round() / 10.0 + 0.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// A name as the public sees it: 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 | 1 => chars.iter().collect(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat((n - 2).min(8)), chars[n - 1]),
    }
}

/// Verification codes: 32 characters of lowercase base32 (160 random bits).
pub const CODE_LEN: usize = 32;
pub const CODE_ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// Whether `code` could be a verification code at all (checked before any lookup).
pub fn code_is_well_formed(code: &str) -> bool {
    code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// What the public verification page shows of a certificate (the name masked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicCertificate {
    pub number: String,
    pub kind: CertificateKind,
    pub status: CertificateStatus,
    /// Local date, when revoked. Why is for staff only (it is often personal).
    pub revoked_on: Option<String>,
    /// e.g. 张*三.
    pub name_masked: String,
    pub id_number_masked: String,
    pub course: String,
    pub hours: String,
    pub starts_on: String,
    pub ends_on: String,
    pub provider: String,
    pub issuer: String,
    pub issued_on: String,
    /// The certificate this one replaces.
    pub replaces: Option<String>,
    /// The certificate issued in place of this one, if any.
    pub replaced_by: Option<String>,
    /// An honour's title and the business it is for.
    pub honour: Option<String>,
    pub business: Option<String>,
}

/// The answer to a verification, by code or by number and name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Verification {
    Found(Box<PublicCertificate>),
    /// No certificate has this code (or this number with this name).
    NotFound,
    /// The code cannot be a verification code (wrong length or characters).
    Malformed,
}

/// `GET /api/v1/certificates/{code}`: the signed payload, its signature and status, so anyone
/// can check the signature offline with the issuer's public key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignedCertificate {
    pub status: CertificateStatus,
    /// RFC 3339, when revoked. Why is for staff only (it is often personal).
    pub revoked_at: Option<String>,
    /// The number of the certificate issued in place of this one.
    pub replaced_by: Option<String>,
    /// The canonical payload, exactly the signed bytes (UTF-8 JSON).
    pub payload: String,
    /// Ed25519 signature over `payload`, hex.
    pub signature: String,
    pub algorithm: String,
    /// The issuer's Ed25519 public key, hex (also at `/api/v1/issuer`).
    pub public_key: String,
}

/// `GET /api/v1/issuer`: who signs certificates and with which key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Issuer {
    pub name: String,
    pub algorithm: String,
    /// 32-byte Ed25519 public key, hex.
    pub public_key: String,
}

/// One certificate in a course's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertificateRow {
    pub id: i32,
    pub number: String,
    pub kind: CertificateKind,
    pub name: String,
    pub id_number_masked: String,
    pub hours: String,
    /// Local date.
    pub issued_on: String,
    pub status: CertificateStatus,
    pub revoked_reason: Option<String>,
    pub replaces: Option<String>,
    pub verification_code: String,
}

/// A course's certificates, for its provider's staff and the bureau.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CourseCertificates {
    pub course_id: i32,
    pub title: String,
    pub course_status: CourseStatus,
    /// The kind this course's certificates are (rural e-commerce leader courses: leader).
    pub kind: CertificateKind,
    /// Completed enrolments.
    pub completed: u32,
    /// Completed enrolments still without a certificate.
    pub pending: u32,
    pub rows: Vec<CertificateRow>,
    /// The bureau lets the provider issue this course's certificates.
    pub provider_issues: bool,
    /// The viewer may issue now.
    pub can_issue: bool,
    /// The viewer may revoke and reissue (bureau admins).
    pub can_revoke: bool,
    /// The viewer may allow or stop the provider issuing (bureau admins).
    pub can_delegate: bool,
    /// A batch is being issued on this server: (done, total).
    pub progress: Option<(u32, u32)>,
}

/// What one "issue all" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssueResult {
    /// Certificates issued by this request.
    pub issued: u32,
    /// Completed enrolments that already had one (left as they were).
    pub already: u32,
}

/// Revoke (or reissue) with a reason.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReasonInput {
    pub reason: String,
}

/// Let the provider issue, or stop it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DelegateInput {
    pub provider_issues: bool,
}

/// A certificate a trainee holds (on "My learning").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyCertificate {
    pub id: i32,
    pub number: String,
    pub kind: CertificateKind,
    pub course: String,
    pub issued_on: String,
    pub status: CertificateStatus,
    pub verification_code: String,
}

pub fn kind_label(kind: CertificateKind) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match kind {
        CertificateKind::Completion => Msg::CertKindCompletion,
        CertificateKind::Leader => Msg::CertKindLeader,
        CertificateKind::Honour => Msg::CertKindHonour,
    }
}

pub fn status_label(status: CertificateStatus) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match status {
        CertificateStatus::Valid => Msg::CertValid,
        CertificateStatus::Revoked => Msg::CertRevoked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_names_of_any_length() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张小三"), "张*三");
        assert_eq!(mask_name("欧阳小明"), "欧**明");
        assert_eq!(mask_name("𠀾"), "𠀾");
        assert_eq!(mask_name(" 王𪚥𠮷 "), "王*𠮷");
    }

    #[test]
    fn hours_and_codes() {
        assert_eq!(hours_text(48.0), "48");
        assert_eq!(hours_text(47.5), "47.5");
        assert_eq!(hours_text(47.54), "47.5");
        assert!(code_is_well_formed("abcdefghijklmnopqrstuvwxyz234567"));
        assert!(!code_is_well_formed("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));
        assert!(!code_is_well_formed("abc"));
        assert!(!code_is_well_formed("abcdefghijklmnopqrstuvwxyz23456!"));
    }

    #[test]
    fn the_canonical_payload_is_compact_json_in_field_order() {
        let p = CertificatePayload {
            v: PAYLOAD_VERSION,
            number: "YZ-2026-000001".into(),
            kind: CertificateKind::Completion,
            name: "张三".into(),
            id_number_masked: "4110**********1234".into(),
            course: "直播".into(),
            hours: "48".into(),
            starts_on: "2026-10-01".into(),
            ends_on: "2026-10-31".into(),
            provider: "学院".into(),
            issuer: "人社局".into(),
            issued_on: "2026-11-28".into(),
            replaces: None,
            honour: None,
            business: None,
        };
        let text = p.canonical();
        assert!(
            text.starts_with(
                r#"{"v":1,"number":"YZ-2026-000001","kind":"completion","name":"张三""#
            )
        );
        assert!(text.ends_with(r#""issued_on":"2026-11-28","replaces":null}"#));
        assert_eq!(CertificatePayload::parse(&text), Some(p));
    }
}
