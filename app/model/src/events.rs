//! Lectures and salons (电商大讲堂、电商沙龙) as events: quick registration with a name, a phone
//! and a town, the ticket it gives, the registrations list staff check people in from, and
//! checking in by phone after scanning the session's QR code.

use crate::accounts::{normalise_phone, phone_is_valid};
use crate::enums::RegistrationStatus;
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Characters in a registered name.
pub const MAX_NAME: usize = 20;

/// A quick registration: no profile needed beyond these.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RegistrationInput {
    pub name: String,
    /// A mainland mobile number (11 digits).
    pub phone: String,
    /// The town (乡镇、街道) they live in.
    pub town_id: Option<i32>,
}

impl FormInput for RegistrationInput {
    fn from_form(form: &mut FormData) -> Self {
        RegistrationInput {
            name: form.text("name"),
            phone: form.text("phone"),
            town_id: form.parse("town_id", Msg::ErrChoose),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(&mut errors, "name", &self.name, true, MAX_NAME);
        if !phone_is_valid(&normalise_phone(&self.phone)) {
            push_error(&mut errors, "phone", Msg::ErrPhoneFormat);
        }
        if self.town_id.is_none() {
            push_error(&mut errors, "town_id", Msg::ErrChoose);
        }
        errors
    }
}

/// The phone a registration was made with, given when checking in.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EventCheckinInput {
    pub phone: String,
}

impl FormInput for EventCheckinInput {
    fn from_form(form: &mut FormData) -> Self {
        EventCheckinInput {
            phone: form.text("phone"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !phone_is_valid(&normalise_phone(&self.phone)) {
            push_error(&mut errors, "phone", Msg::ErrPhoneFormat);
        }
        errors
    }
}

/// A registration as its holder sees it (by its code).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Ticket {
    pub code: String,
    pub course_id: i32,
    pub title: String,
    pub provider: String,
    pub venue: Option<String>,
    pub starts_on: NaiveDate,
    /// The first session's start, local time, if sessions are scheduled.
    pub first_session: Option<String>,
    pub name: String,
    pub phone_masked: String,
    pub status: RegistrationStatus,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Still cancellable: registered, not checked in, and the event not over.
    pub can_cancel: bool,
}

/// A lecture or salon on the trainee's "My learning".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyEvent {
    /// The ticket's code (`/tickets/{code}`).
    pub code: String,
    pub course_id: i32,
    pub title: String,
    pub venue: Option<String>,
    pub starts_on: NaiveDate,
    pub status: RegistrationStatus,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Registered, checked in or cancelled, as the ticket says.
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub state: Msg,
}

/// One registration in the staff's list (the phone masked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegistrationRow {
    pub id: i32,
    pub name: String,
    pub phone_masked: String,
    pub town: String,
    pub registered_at: DateTime<Utc>,
    pub status: RegistrationStatus,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// `qr` or `staff`.
    pub checkin_method: Option<String>,
}

/// An event's registrations, for its provider's staff and the bureau.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventRoster {
    pub course_id: i32,
    pub title: String,
    pub capacity: i32,
    /// Registrations not cancelled.
    pub registered: u64,
    pub checked_in: u64,
    pub rows: Vec<RegistrationRow>,
    /// The event's sessions, each with its check-in screen.
    pub sessions: Vec<EventSession>,
    /// The viewer may check people in.
    pub can_check_in: bool,
}

/// A session of an event, as the registrations list links its check-in screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventSession {
    pub id: i32,
    /// Its start, local time.
    pub starts: String,
    pub topic: String,
    /// On now: its screen's code can be scanned.
    pub on_now: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_needs_a_name_a_mobile_number_and_a_town() {
        let input = RegistrationInput::read(vec![
            ("name".into(), "".into()),
            ("phone".into(), "12345".into()),
            ("town_id".into(), "".into()),
        ])
        .unwrap();
        let fields: Vec<String> = input.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "phone", "town_id"]);
        let ok = RegistrationInput::read(vec![
            ("name".into(), " 张三 ".into()),
            ("phone".into(), "138 0013 8000".into()),
            ("town_id".into(), "3".into()),
        ])
        .unwrap();
        assert!(ok.validate().is_empty());
        assert_eq!(ok.name, "张三");
    }
}
