//! Trainees on the wire: the real-name profile form and what a trainee (or staff) sees of it.
//! The ID number travels only inward (the form); outward it is always masked.

use crate::enums::Gender;
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// A coded choice of the profile form: its code (stored) and its label.
pub type Choice = (&'static str, Msg);

pub const EDUCATION: &[Choice] = &[
    ("primary", Msg::EduPrimary),
    ("junior_high", Msg::EduJuniorHigh),
    ("senior_high", Msg::EduSeniorHigh),
    ("vocational", Msg::EduVocational),
    ("college", Msg::EduCollege),
    ("bachelor", Msg::EduBachelor),
];

pub const PRIOR_STATUS: &[Choice] = &[
    ("farmer", Msg::PriorFarmer),
    ("returning_migrant", Msg::PriorReturningMigrant),
    ("unemployed", Msg::PriorUnemployed),
    ("student", Msg::PriorStudent),
    ("employed", Msg::PriorEmployed),
    ("business_owner", Msg::PriorBusinessOwner),
    ("disabled", Msg::PriorDisabled),
    ("poverty_household", Msg::PriorPovertyHousehold),
];

pub const EXPERIENCE: &[Choice] = &[
    ("none", Msg::ExpNone),
    ("buyer_only", Msg::ExpBuyerOnly),
    ("some_selling", Msg::ExpSomeSelling),
    ("own_shop", Msg::ExpOwnShop),
];

/// The label of a stored code, or the code itself when it is not (or no longer) a choice.
pub fn choice_label(choices: &[Choice], code: &str) -> Option<Msg> {
    choices.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

/// The real-name profile a trainee completes before enrolling.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ProfileInput {
    pub name: String,
    /// 居民身份证号 (18 characters, GB 11643 check character). Only asked the first time; a
    /// saved profile keeps its number (the bureau corrects mistakes).
    pub id_number: String,
    pub town_id: Option<i32>,
    pub village: String,
    /// A code of [`EDUCATION`].
    pub education: String,
    /// A code of [`PRIOR_STATUS`].
    pub prior_status: String,
    /// A code of [`EXPERIENCE`].
    pub ecommerce_experience: String,
    /// Consent to the programme's use of personal data; required.
    pub consent: bool,
}

impl FormInput for ProfileInput {
    fn from_form(form: &mut FormData) -> Self {
        ProfileInput {
            name: form.text("name"),
            id_number: form.text("id_number"),
            town_id: form.text("town_id").parse().ok(),
            village: form.text("village"),
            education: form.text("education"),
            prior_status: form.text("prior_status"),
            ecommerce_experience: form.text("ecommerce_experience"),
            consent: form.flag("consent"),
        }
    }

    /// Checks all but the ID number, which the server checks (it alone may see it whole).
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(&mut errors, "name", &self.name, true, 32);
        if self.town_id.is_none() {
            push_error(&mut errors, "town_id", Msg::ErrChoose);
        }
        check_text(&mut errors, "village", &self.village, false, 50);
        for (field, value, choices) in [
            ("education", &self.education, EDUCATION),
            ("prior_status", &self.prior_status, PRIOR_STATUS),
            (
                "ecommerce_experience",
                &self.ecommerce_experience,
                EXPERIENCE,
            ),
        ] {
            if choice_label(choices, value).is_none() {
                push_error(&mut errors, field, Msg::ErrChoose);
            }
        }
        if !self.consent {
            push_error(&mut errors, "consent", Msg::ErrConsentRequired);
        }
        errors
    }
}

/// A trainee's profile as the trainee (and staff) see it: the ID number masked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProfileView {
    pub trainee_id: i32,
    pub name: String,
    /// e.g. `4101**********1234`
    pub id_number_masked: String,
    pub gender: Gender,
    pub birth_date: chrono::NaiveDate,
    pub town_id: i32,
    pub town: String,
    pub village: String,
    pub education: String,
    pub prior_status: String,
    pub ecommerce_experience: String,
    /// When consent was given (local time).
    pub consent_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_needs_consent_and_known_choices() {
        let input = ProfileInput {
            name: "张三".into(),
            town_id: Some(1),
            education: "bachelor".into(),
            prior_status: "astronaut".into(),
            ecommerce_experience: "none".into(),
            consent: false,
            ..Default::default()
        };
        let fields: Vec<_> = input
            .validate()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("prior_status".to_string(), Msg::ErrChoose),
                ("consent".to_string(), Msg::ErrConsentRequired)
            ]
        );
    }
}
