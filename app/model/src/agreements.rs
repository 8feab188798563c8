//! School–enterprise agreements (校企合作) on the wire.

use crate::enums::{AgreementKind, AgreementStatus};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, push_error};
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Agreements ending within this many days are flagged for the bureau.
pub const EXPIRY_WARNING_DAYS: i64 = 60;
pub const MAX_PLACES: i32 = 10_000;

/// A college's record of an agreement with an enterprise or base, which the other side confirms.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgreementInput {
    /// The enterprise, incubation base or livestream base.
    pub partner_id: Option<i32>,
    pub kind: Option<AgreementKind>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub places_offered: Option<i32>,
}

impl FormInput for AgreementInput {
    /// Reads a form post; text that does not parse is noted in `form.errors`.
    fn from_form(form: &mut FormData) -> Self {
        AgreementInput {
            partner_id: form.text("partner_id").parse().ok(),
            kind: form.code("kind", AgreementKind::parse),
            starts_on: form.parse("starts_on", Msg::ErrDate),
            ends_on: form.parse("ends_on", Msg::ErrDate),
            places_offered: form.parse("places_offered", Msg::ErrWholeNumber),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.partner_id.is_none() {
            push_error(&mut errors, "partner_id", Msg::ErrChoose);
        }
        if self.kind.is_none() {
            push_error(&mut errors, "kind", Msg::ErrChoose);
        }
        match (self.starts_on, self.ends_on) {
            (None, _) => push_error(&mut errors, "starts_on", Msg::ErrRequired),
            (Some(_), None) => push_error(&mut errors, "ends_on", Msg::ErrRequired),
            (Some(s), Some(e)) if e < s => {
                push_error(&mut errors, "ends_on", Msg::ErrEndBeforeStart)
            }
            _ => {}
        }
        match self.places_offered {
            None => push_error(&mut errors, "places_offered", Msg::ErrRequired),
            Some(n) if !(0..=MAX_PLACES).contains(&n) => {
                push_error(&mut errors, "places_offered", Msg::ErrPlacesRange)
            }
            _ => {}
        }
        errors
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgreementRow {
    pub id: i32,
    pub college_id: i32,
    pub college: String,
    pub partner_id: i32,
    pub partner: String,
    pub kind: AgreementKind,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub places_offered: i32,
    pub status: AgreementStatus,
    /// Confirmed and ending within [`EXPIRY_WARNING_DAYS`] days.
    pub expiring_soon: bool,
    /// The viewer's organisation is the partner side and may confirm it now.
    pub can_confirm: bool,
    /// The viewer may cancel (before it ends).
    pub can_cancel: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgreementList {
    pub rows: Vec<AgreementRow>,
    pub expiring: u64,
    /// The viewer's organisation may record new agreements (with these partners).
    pub can_propose: bool,
    pub partners: Vec<crate::partners::OrganisationOption>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_places_are_checked() {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        let input = AgreementInput {
            partner_id: Some(1),
            kind: Some(AgreementKind::OrderClass),
            starts_on: d("2027-03-01"),
            ends_on: d("2027-02-01"),
            places_offered: Some(-1),
        };
        let fields: Vec<_> = input
            .validate()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("ends_on".to_string(), Msg::ErrEndBeforeStart),
                ("places_offered".to_string(), Msg::ErrPlacesRange)
            ]
        );
    }
}
