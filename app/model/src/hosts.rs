//! The livestream host registry: what a host profile holds, its input with its checks, and
//! what the lists and pages show. Training and certificates are linked from the person's
//! records, never retyped.

use crate::catalogue::Industry;
use crate::enums::{CertificateKind, CertificateStatus, EnrollmentStatus, HostSource};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use crate::outcomes::{IncomeBand, Platform};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Platform accounts a profile holds.
pub const MAX_ACCOUNTS: usize = 5;
/// Characters in an account name.
pub const MAX_ACCOUNT_NAME: usize = 60;
/// Livestream sessions a month (ten a day).
pub const MAX_MONTHLY_SESSIONS: i32 = 300;
/// Rows in one page of the registry.
pub const PAGE_SIZE: u64 = 50;

/// One account on a platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct HostAccountInput {
    pub platform: Option<Platform>,
    pub account_name: String,
}

fn default_true() -> bool {
    true
}

/// A host profile to save: the person's own, or one an agency or the bureau registers
/// (`trainee_id` names the person then; it is ignored when changing a profile).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct HostInput {
    pub trainee_id: Option<i32>,
    /// The livestream base or MCN company (a partner organisation) they work with.
    pub agency_id: Option<i32>,
    /// What they sell (at least one).
    pub categories: Vec<Industry>,
    /// Livestream sessions a month (0–300).
    pub monthly_sessions: Option<i32>,
    /// Monthly sales.
    pub sales_band: Option<IncomeBand>,
    /// Their accounts (1–5; a platform and a name each).
    pub accounts: Vec<HostAccountInput>,
    /// Still hosting.
    #[serde(default = "default_true")]
    pub active: bool,
}

impl Default for HostInput {
    fn default() -> Self {
        HostInput {
            trainee_id: None,
            agency_id: None,
            categories: Vec::new(),
            monthly_sessions: None,
            sales_band: None,
            accounts: Vec::new(),
            active: true,
        }
    }
}

/// The form field of the `n`th account row (from 1).
pub fn account_field(n: usize) -> String {
    format!("account_{n}")
}

/// The form field of the `n`th account row's platform (from 1).
pub fn platform_field(n: usize) -> String {
    format!("platform_{n}")
}

impl FormInput for HostInput {
    fn from_form(form: &mut FormData) -> Self {
        let mut categories = Vec::new();
        for code in form.multi("categories") {
            match Industry::parse(&code) {
                Some(c) if !categories.contains(&c) => categories.push(c),
                Some(_) => {}
                None => form.errors.push(FieldError {
                    field: "categories".into(),
                    message: Msg::ErrChoose,
                }),
            }
        }
        let accounts = (1..=MAX_ACCOUNTS)
            .map(|n| HostAccountInput {
                platform: form.code(&platform_field(n), Platform::parse),
                account_name: form.text(&account_field(n)),
            })
            .collect();
        HostInput {
            trainee_id: form.parse("trainee_id", Msg::ErrChoose),
            agency_id: form.parse("agency_id", Msg::ErrChoose),
            categories,
            monthly_sessions: form.parse("monthly_sessions", Msg::ErrWholeNumber),
            sales_band: form.code("sales_band", IncomeBand::parse),
            accounts,
            // A new profile is active; the edit form sends the box.
            active: form.text("active_sent").is_empty() || form.flag("active"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.categories.is_empty() {
            push_error(&mut errors, "categories", Msg::ErrHostCategories);
        }
        if let Some(n) = self.monthly_sessions
            && !(0..=MAX_MONTHLY_SESSIONS).contains(&n)
        {
            push_error(&mut errors, "monthly_sessions", Msg::ErrMonthlySessions);
        }
        let filled: Vec<(usize, &HostAccountInput)> = self
            .accounts
            .iter()
            .enumerate()
            .filter(|(_, a)| a.platform.is_some() || !a.account_name.trim().is_empty())
            .collect();
        if filled.len() > MAX_ACCOUNTS {
            push_error(&mut errors, &account_field(1), Msg::ErrTooManyAccounts);
        }
        if filled.is_empty() {
            push_error(&mut errors, &account_field(1), Msg::ErrHostAccountRequired);
        }
        let mut seen = Vec::new();
        for (i, a) in filled {
            let n = i + 1;
            if a.platform.is_none() {
                push_error(&mut errors, &platform_field(n), Msg::ErrChoose);
            }
            check_text(
                &mut errors,
                &account_field(n),
                &a.account_name,
                true,
                MAX_ACCOUNT_NAME,
            );
            let key = (a.platform, a.account_name.trim().to_lowercase());
            if seen.contains(&key) {
                push_error(&mut errors, &account_field(n), Msg::ErrDuplicateAccount);
            }
            seen.push(key);
        }
        errors
    }
}

impl HostInput {
    /// The filled account rows, trimmed.
    pub fn filled_accounts(&self) -> Vec<(Platform, String)> {
        self.accounts
            .iter()
            .filter_map(|a| {
                let name = a.account_name.trim();
                a.platform
                    .filter(|_| !name.is_empty())
                    .map(|p| (p, name.to_string()))
            })
            .collect()
    }
}

/// Industry codes as stored (comma-separated).
pub fn categories_code(categories: &[Industry]) -> String {
    categories
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// An account as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HostAccount {
    pub platform: Platform,
    pub account_name: String,
}

/// A host in the registry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HostRow {
    pub id: i32,
    pub trainee_id: i32,
    pub name: String,
    pub town: String,
    pub agency_id: Option<i32>,
    pub agency: Option<String>,
    pub categories: Vec<Industry>,
    pub accounts: Vec<HostAccount>,
    pub monthly_sessions: Option<i32>,
    pub sales_band: Option<IncomeBand>,
    pub active: bool,
    /// Valid certificates the person holds.
    pub certificates: u64,
}

/// An organisation a host may work with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgencyOption {
    pub id: i32,
    pub name: String,
}

/// Someone an agency may register as its host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HostCandidate {
    pub trainee_id: i32,
    pub name: String,
    pub town: String,
}

/// The registry's filters as typed (query-string values; empty means all).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct HostQuery {
    /// Part of a name or an account name.
    pub q: String,
    /// An industry code.
    pub category: String,
    /// A platform code.
    pub platform: String,
    /// An agency's organisation id (bureau staff).
    pub agency: String,
    /// `active` (the default), `inactive` or `all`.
    pub status: String,
    /// Page number from 1.
    pub page: String,
}

impl HostQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let v = |k: &str| get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        HostQuery {
            q: v("q"),
            category: v("category"),
            platform: v("platform"),
            agency: v("agency"),
            status: v("status"),
            page: v("page"),
        }
    }
}

/// The registry, one page of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HostList {
    pub rows: Vec<HostRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub query: HostQuery,
    /// Agencies to filter by (bureau staff) and to register with.
    pub agencies: Vec<AgencyOption>,
    /// The actor may register hosts (agency staff, bureau admins).
    pub can_register: bool,
    /// People an agency may register (those linked to it without a profile); empty for the
    /// bureau, who names a person by number.
    pub candidates: Vec<HostCandidate>,
}

/// A course the host took.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HostTraining {
    pub course_id: i32,
    pub title: String,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub status: EnrollmentStatus,
}

/// A certificate the host holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HostCertificate {
    pub number: String,
    pub kind: CertificateKind,
    pub status: CertificateStatus,
    pub issued_at: DateTime<Utc>,
    /// The public verification page.
    pub verify_url: String,
}

/// One host profile, with the person's training and certificates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HostDetail {
    pub host: HostRow,
    pub source: HostSource,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub training: Vec<HostTraining>,
    pub certificates: Vec<HostCertificate>,
    /// The actor may change the profile.
    pub can_edit: bool,
    /// Agencies to choose from when changing it.
    pub agencies: Vec<AgencyOption>,
}

/// The signed-in trainee's own host profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyHost {
    /// They have a real-name profile (needed before applying).
    pub has_profile: bool,
    pub host: Option<HostDetail>,
    pub agencies: Vec<AgencyOption>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Result<HostInput, Vec<FieldError>> {
        let input = HostInput::read(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )?;
        let errors = input.validate();
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_profile_needs_a_category_and_an_account() {
        let errors = form(&[]).unwrap_err();
        assert_eq!(fields(errors), ["categories", "account_1"]);
        let ok = form(&[
            ("categories", "jun_porcelain"),
            ("categories", "farm_produce"),
            ("platform_1", "douyin"),
            ("account_1", " 钧瓷小李 "),
            ("monthly_sessions", "20"),
            ("sales_band", "5k_10k"),
        ])
        .unwrap();
        assert_eq!(
            ok.categories,
            [Industry::JunPorcelain, Industry::FarmProduce]
        );
        assert_eq!(
            ok.filled_accounts(),
            [(Platform::Douyin, "钧瓷小李".to_string())]
        );
        assert!(ok.active);
    }

    #[test]
    fn bad_rows_are_named() {
        let errors = form(&[
            ("categories", "tea"),
            ("platform_1", "douyin"),
            ("account_1", "a"),
            ("platform_2", "douyin"),
            ("account_2", "A"),
            ("account_3", "no platform"),
            ("platform_4", "kuaishou"),
            ("monthly_sessions", "301"),
        ])
        .unwrap_err();
        assert_eq!(
            fields(errors),
            [
                "categories",
                "monthly_sessions",
                "account_2",
                "platform_3",
                "account_4"
            ]
        );
    }

    #[test]
    fn an_unticked_box_on_the_edit_form_stops_the_profile() {
        let input = HostInput::read(vec![("active_sent".into(), "1".into())]).unwrap();
        assert!(!input.active);
    }
}
