//! Accounts on the wire: the signed-in user as the browser sees it, sign-up and password
//! inputs, and the validation both sides run.

use crate::enums::Role;
use crate::errors::FieldError;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The signed-in user, as shown in the header and account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i32,
    pub phone_masked: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub town_id: Option<i32>,
    /// Messages in the inbox not opened yet (shown in the header).
    #[serde(default)]
    pub unread_messages: u64,
}

/// A row of the user administration list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub phone: String,
    pub role: Role,
    /// The town a viewer is limited to.
    pub town_id: Option<i32>,
    /// A city-wide viewer given the right to run honour selections.
    pub runs_selections: bool,
    pub created_at: String,
    pub last_login_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    pub rows: Vec<UserRow>,
    /// The towns a viewer may be limited to.
    pub towns: Vec<crate::catalogue::TownOption>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct SignUpInput {
    pub phone: String,
    pub password: String,
    pub password_confirm: String,
}

/// Setting a first password on an account a training provider imported: the person proves
/// it is theirs with the activation code the provider printed or handed over (a phone and an
/// ID number are not enough: both leak). Without a code, the SMS reset at `/reset` does the same.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivateInput {
    #[serde(default)]
    pub phone: String,
    /// The printed code, e.g. `K7QM-3XPA` (case, spaces and dashes do not matter).
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

impl ActivateInput {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !phone_is_valid(&normalise_phone(&self.phone)) {
            errors.push(FieldError {
                field: "phone".into(),
                message: Msg::ErrPhoneFormat,
            });
        }
        if normalise_activation_code(&self.code).is_none() {
            errors.push(FieldError {
                field: "code".into(),
                message: Msg::ErrActivationCodeFormat,
            });
        }
        check_password(
            "password",
            &self.password,
            &self.password_confirm,
            &mut errors,
        );
        errors
    }
}

/// The characters of an activation code: digits and capitals without the look-alikes
/// 0/O, 1/I/L (31 of them; eight make about 8.5 × 10¹¹ codes).
pub const ACTIVATION_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const ACTIVATION_CODE_LEN: usize = 8;

/// The code as typed, upper-cased and without spaces or dashes, if it can be one.
pub fn normalise_activation_code(code: &str) -> Option<String> {
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == ACTIVATION_CODE_LEN && code.bytes().all(|b| ACTIVATION_ALPHABET.contains(&b)))
        .then_some(code)
}

/// A code as printed: two groups of four (`K7QM-3XPA`).
pub fn format_activation_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(4));
    format!("{a}-{b}")
}

/// A code as shown after it was printed: only its last two characters (`····-··PA`).
pub fn mask_activation_code(hint: &str) -> String {
    format!("····-··{hint}")
}

crate::enums::text_enum! {
    /// What a one-time SMS code proves the phone for.
    pub enum CodePurpose {
        /// Setting a new password on a forgotten one (`/reset`).
        Reset = "reset",
    }
}

/// Digits in a one-time code.
pub const CODE_DIGITS: usize = 6;

/// Asking for a code to reset the password of the account on `phone`.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResetCodeInput {
    #[serde(default)]
    pub phone: String,
}

/// A new password, proved by the code sent to the phone.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResetInput {
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

impl ResetInput {
    /// Every field's problem at once.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !phone_is_valid(&normalise_phone(&self.phone)) {
            errors.push(FieldError {
                field: "phone".into(),
                message: Msg::ErrPhoneFormat,
            });
        }
        let code = self.code.trim();
        if code.len() != CODE_DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(FieldError {
                field: "code".into(),
                message: Msg::ErrCodeFormat,
            });
        }
        check_password(
            "password",
            &self.password,
            &self.password_confirm,
            &mut errors,
        );
        errors
    }
}

/// "Wrong code" with the tries left (1 to 4; none left is [`Msg::ErrCodeExpired`]).
pub fn code_wrong(tries_left: u32) -> Msg {
    match tries_left {
        0 => Msg::ErrCodeExpired,
        1 => Msg::ErrCodeWrong1,
        2 => Msg::ErrCodeWrong2,
        3 => Msg::ErrCodeWrong3,
        _ => Msg::ErrCodeWrong4,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct LogInInput {
    pub phone: String,
    pub password: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
    pub new_password_confirm: String,
}

/// Strips spaces, dashes and a leading +86 that people type or paste.
pub fn normalise_phone(raw: &str) -> String {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    digits.to_string()
}

/// A mainland China mobile number: 11 digits starting 13–19.
pub fn phone_is_valid(phone: &str) -> bool {
    let b = phone.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// `138****0000`: how a phone number is shown where the full number is not needed.
pub fn mask_phone(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "****".to_string()
    }
}

fn check_password(field: &str, password: &str, confirm: &str, errors: &mut Vec<FieldError>) {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        errors.push(FieldError {
            field: field.into(),
            message: Msg::ErrPasswordShort,
        });
    } else if chars > PASSWORD_MAX_CHARS {
        errors.push(FieldError {
            field: field.into(),
            message: Msg::ErrPasswordLong,
        });
    } else if password != confirm {
        errors.push(FieldError {
            field: format!("{field}_confirm"),
            message: Msg::ErrPasswordMismatch,
        });
    }
}

impl SignUpInput {
    /// Every field's problem at once, so a form can show them all.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !phone_is_valid(&normalise_phone(&self.phone)) {
            errors.push(FieldError {
                field: "phone".into(),
                message: Msg::ErrPhoneFormat,
            });
        }
        check_password(
            "password",
            &self.password,
            &self.password_confirm,
            &mut errors,
        );
        errors
    }
}

impl ChangePasswordInput {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_password(
            "new_password",
            &self.new_password,
            &self.new_password_confirm,
            &mut errors,
        );
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert!(phone_is_valid("13800000000"));
        assert!(phone_is_valid(&normalise_phone("+86 139-0000-1234")));
        for bad in [
            "12345",
            "12800000000",
            "1380000000a",
            "138000000001",
            "",
            "１３８００００００００",
        ] {
            assert!(!phone_is_valid(&normalise_phone(bad)), "{bad}");
        }
        assert_eq!(mask_phone("13912345678"), "139****5678");
    }

    #[test]
    fn activation_codes_forgive_case_spaces_and_dashes_but_not_look_alikes() {
        assert_eq!(
            normalise_activation_code(" k7qm-3xpa ").as_deref(),
            Some("K7QM3XPA")
        );
        assert_eq!(format_activation_code("K7QM3XPA"), "K7QM-3XPA");
        assert_eq!(mask_activation_code("PA"), "····-··PA");
        for bad in [
            "K7QM-3XP",
            "K7QM-3XPA9",
            "K7QM-3XP0",
            "K7QM-3XPI",
            "K7QM-3XPL",
            "",
        ] {
            assert_eq!(normalise_activation_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn sign_up_validation_reports_every_field() {
        let input = SignUpInput {
            phone: "123".into(),
            password: "short".into(),
            password_confirm: "short".into(),
        };
        let fields: Vec<_> = input
            .validate()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("phone".to_string(), Msg::ErrPhoneFormat),
                ("password".to_string(), Msg::ErrPasswordShort)
            ]
        );
        let input = SignUpInput {
            phone: "13800000000".into(),
            password: "longenough".into(),
            password_confirm: "different1".into(),
        };
        assert_eq!(input.validate()[0].field, "password_confirm");
        // Length counts characters, not bytes: eight Chinese characters are enough.
        let input = SignUpInput {
            phone: "13800000000".into(),
            password: "八个汉字的密码啊".into(),
            password_confirm: "八个汉字的密码啊".into(),
        };
        assert!(input.validate().is_empty());
    }
}
