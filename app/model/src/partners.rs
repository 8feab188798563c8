//! Partner organisations on the wire: the online application, the bureau's review, staff
//! lists, and what a partner's page shows.

use crate::accounts::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, normalise_phone, phone_is_valid};
use crate::enums::{OrganisationKind, OrganisationStatus};
use crate::errors::FieldError;
use crate::form::{FormData, check_text, push_error};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

pub const ORG_NAME_MAX: usize = 100;
pub const REASON_MAX: usize = 500;
pub const PARTNERS_PER_PAGE: u64 = 50;

/// A partner's online application: the organisation and its first staff account, who becomes
/// the partner admin.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PartnerApplication {
    pub kind: Option<OrganisationKind>,
    pub name: String,
    /// 统一社会信用代码: 18 characters with the GB 32100 check character.
    pub credit_code: String,
    pub town_id: Option<i32>,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    /// The first staff account's login mobile number.
    pub phone: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
}

/// Upper-cases and strips spaces from a credit code as people type or paste it.
pub fn normalise_credit_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub fn check_password(errors: &mut Vec<FieldError>, field: &str, password: &str, confirm: &str) {
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        push_error(errors, field, Msg::ErrPasswordShort);
    } else if n > PASSWORD_MAX_CHARS {
        push_error(errors, field, Msg::ErrPasswordLong);
    } else if password != confirm {
        push_error(
            errors,
            &format!("{field}_confirm"),
            Msg::ErrPasswordMismatch,
        );
    }
}

/// A new staff account's login, name and first password.
fn check_account(
    errors: &mut Vec<FieldError>,
    phone: &str,
    display_name: &str,
    password: &str,
    confirm: &str,
) {
    if !phone_is_valid(&normalise_phone(phone)) {
        push_error(errors, "phone", Msg::ErrPhoneFormat);
    }
    check_text(errors, "display_name", display_name, true, 32);
    check_password(errors, "password", password, confirm);
}

impl PartnerApplication {
    pub fn from_form(form: &FormData) -> Self {
        PartnerApplication {
            kind: form.code("kind", OrganisationKind::parse),
            name: form.text("name"),
            credit_code: form.text("credit_code"),
            town_id: form.text("town_id").parse().ok(),
            address: form.text("address"),
            contact_name: form.text("contact_name"),
            contact_phone: form.text("contact_phone"),
            phone: form.text("phone"),
            display_name: form.text("display_name"),
            password: form.raw("password"),
            password_confirm: form.raw("password_confirm"),
        }
    }

    /// The checks both sides can make; the server adds the credit code's check character,
    /// uniqueness and the town's existence.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.kind.is_none() {
            push_error(&mut errors, "kind", Msg::ErrChoose);
        }
        check_text(&mut errors, "name", &self.name, true, ORG_NAME_MAX);
        if normalise_credit_code(&self.credit_code).len() != 18 {
            push_error(&mut errors, "credit_code", Msg::ErrCreditCodeFormat);
        }
        if self.town_id.is_none() {
            push_error(&mut errors, "town_id", Msg::ErrChoose);
        }
        check_text(&mut errors, "address", &self.address, false, 200);
        check_text(&mut errors, "contact_name", &self.contact_name, true, 32);
        if !phone_is_valid(&normalise_phone(&self.contact_phone)) {
            push_error(&mut errors, "contact_phone", Msg::ErrPhoneFormat);
        }
        check_account(
            &mut errors,
            &self.phone,
            &self.display_name,
            &self.password,
            &self.password_confirm,
        );
        errors
    }
}

/// A bureau decision on an application or a partner's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartnerDecision {
    /// pending → approved
    Approve,
    /// pending → rejected (reason required)
    Reject,
    /// approved → suspended (reason required): staff can log in but change nothing
    Suspend,
    /// suspended → approved
    Reinstate,
}

impl PartnerDecision {
    pub const ALL: &[Self] = &[Self::Approve, Self::Reject, Self::Suspend, Self::Reinstate];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Suspend => "suspend",
            Self::Reinstate => "reinstate",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }

    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Reject | Self::Suspend)
    }

    /// The status a partner must have for this decision, and the one it gets.
    pub fn transition(self) -> (OrganisationStatus, OrganisationStatus) {
        use OrganisationStatus::*;
        match self {
            Self::Approve => (Pending, Approved),
            Self::Reject => (Pending, Rejected),
            Self::Suspend => (Approved, Suspended),
            Self::Reinstate => (Suspended, Approved),
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Self::Approve => Msg::ActionApprove,
            Self::Reject => Msg::ActionReject,
            Self::Suspend => Msg::ActionSuspend,
            Self::Reinstate => Msg::ActionReinstate,
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReviewInput {
    /// Required to reject or suspend; shown to the partner.
    pub reason: String,
}

/// Another staff member added by a partner admin (or the bureau).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NewStaffInput {
    pub phone: String,
    pub display_name: String,
    /// The first password, which the new staff member changes after logging in.
    pub password: String,
    pub password_confirm: String,
    /// Whether the new member may add staff too.
    pub org_admin: bool,
}

impl NewStaffInput {
    pub fn from_form(form: &FormData) -> Self {
        NewStaffInput {
            phone: form.text("phone"),
            display_name: form.text("display_name"),
            password: form.raw("password"),
            password_confirm: form.raw("password_confirm"),
            org_admin: form.flag("org_admin"),
        }
    }

    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_account(
            &mut errors,
            &self.phone,
            &self.display_name,
            &self.password,
            &self.password_confirm,
        );
        errors
    }
}

/// Organisations that may post courses.
pub fn posts_courses(kind: OrganisationKind) -> bool {
    matches!(
        kind,
        OrganisationKind::College | OrganisationKind::TrainingSchool
    )
}

/// Organisations that record school–enterprise agreements.
pub fn proposes_agreements(kind: OrganisationKind) -> bool {
    posts_courses(kind)
}

/// Organisations on the other side of an agreement.
pub fn hosts_agreements(kind: OrganisationKind) -> bool {
    matches!(
        kind,
        OrganisationKind::Enterprise
            | OrganisationKind::IncubationBase
            | OrganisationKind::LivestreamBase
    )
}

/// Organisations that publish places (incubation stations, livestream rooms, internships,
/// jobs) and decide applications for them: the same as the hosts of agreements.
pub fn hosts_placements(kind: OrganisationKind) -> bool {
    hosts_agreements(kind)
}

/// Organisations hosts work with (livestream bases, incubation bases with livestream rooms,
/// and enterprises such as MCN companies): they register hosts and keep their profiles.
pub fn manages_hosts(kind: OrganisationKind) -> bool {
    matches!(
        kind,
        OrganisationKind::LivestreamBase
            | OrganisationKind::IncubationBase
            | OrganisationKind::Enterprise
    )
}

/// A partner in the bureau's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationRow {
    pub id: i32,
    pub kind: OrganisationKind,
    pub name: String,
    pub credit_code: String,
    pub town: Option<String>,
    pub status: OrganisationStatus,
    /// Local date of the application.
    pub applied_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationPage {
    pub rows: Vec<OrganisationRow>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// How many applications wait for a decision (whatever the filter).
    pub pending: u64,
}

/// One staff member of a partner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffRow {
    pub id: i32,
    pub phone_masked: String,
    pub display_name: Option<String>,
    pub org_admin: bool,
    pub last_login_at: Option<String>,
}

/// A partner's page: its details, standing and staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationDetail {
    pub row: OrganisationRow,
    pub address: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// Why it was rejected or suspended.
    pub status_reason: Option<String>,
    pub staff: Vec<StaffRow>,
    pub courses: u64,
    /// What the viewer may do here.
    pub can_review: bool,
    pub can_add_staff: bool,
}

/// An organisation to pick as the other side of an agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationOption {
    pub id: i32,
    pub name: String,
    pub kind: OrganisationKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_reports_every_field() {
        let empty = PartnerApplication::default();
        let fields: Vec<String> = empty.validate().into_iter().map(|e| e.field).collect();
        for f in [
            "kind",
            "name",
            "credit_code",
            "town_id",
            "contact_name",
            "contact_phone",
            "phone",
            "display_name",
            "password",
        ] {
            assert!(fields.contains(&f.to_string()), "{f}");
        }
        assert_eq!(
            normalise_credit_code(" 91411081-mA0000000x "),
            "91411081MA0000000X"
        );
    }

    #[test]
    fn decisions_move_between_the_right_statuses() {
        use OrganisationStatus::*;
        assert_eq!(PartnerDecision::Approve.transition(), (Pending, Approved));
        assert_eq!(PartnerDecision::Suspend.transition(), (Approved, Suspended));
        assert!(PartnerDecision::Reject.needs_reason());
        assert!(!PartnerDecision::Reinstate.needs_reason());
        for d in PartnerDecision::ALL {
            assert_eq!(PartnerDecision::parse(d.as_str()), Some(*d));
        }
    }
}
