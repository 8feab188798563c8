//! Messages to people: what Yucai tells a user (a seat given, a certificate issued) lands in
//! their inbox, and by SMS where that is the channel. A message is a template and its
//! parameters, never free text: the inbox renders it in the reader's language, an SMS provider
//! from the template registered with it (Chinese SMS rules allow nothing else).

use crate::enums::text_enum;
use crate::errors::FieldError;
use crate::form::{push_error, query_string};
use crate::i18n::{Locale, Msg};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

text_enum! {
    /// How a message reaches its recipient: the inbox only, or the inbox and an SMS.
    pub enum MessageChannel {
        /// Shown in the recipient's inbox only.
        Inbox = "inbox" => MessageChannelInbox,
        /// Sent by SMS to the phone as well (and shown in the inbox when it has a recipient).
        Sms = "sms" => MessageChannelSms,
    }
}

text_enum! {
    /// Where a message stands in the outbox.
    pub enum MessageStatus {
        /// Waiting for its turn (or for its next try after a failure).
        Queued = "queued" => MessageStatusQueued,
        /// Taken by a sender, which is handing it to the provider.
        Sending = "sending" => MessageStatusSending,
        /// Delivered to the inbox, or accepted by the SMS provider.
        Sent = "sent" => MessageStatusSent,
        /// Given up after the last try.
        Failed = "failed" => MessageStatusFailed,
        /// Withdrawn before it was sent.
        Cancelled = "cancelled" => MessageStatusCancelled,
    }
}

text_enum! {
    /// What a message says. Each has a title and a text in Chinese and English with named
    /// parameters (`{course}`), and is registered by that code with the SMS provider.
    pub enum MessageTemplate {
        /// A seat on a course is yours.
        Enrolled = "enrolled" => TplEnrolledTitle,
        /// The course is full: you are on its waiting list, at a position.
        Waitlisted = "waitlisted" => TplWaitlistedTitle,
        /// A seat was given to you from the waiting list.
        SeatGiven = "seat_given" => TplSeatGivenTitle,
        /// Your application for a place was accepted.
        ApplicationAccepted = "application_accepted" => TplApplicationAcceptedTitle,
        /// Your application for a place was not accepted.
        ApplicationRejected = "application_rejected" => TplApplicationRejectedTitle,
        /// A certificate was issued to you, with its verify link.
        CertificateIssued = "certificate_issued" => TplCertificateIssuedTitle,
        /// The code that lets you set a new password.
        ResetCode = "reset_code" => TplResetCodeTitle,
        /// A training provider listed this phone as a trainee's, but it already has an account:
        /// the import did not link them; the holder completes their own profile.
        ImportAskHolder = "import_ask_holder" => TplImportAskHolderTitle,
    }
}

impl MessageTemplate {
    /// The text, with `{name}` parameters.
    pub const fn body(self) -> Msg {
        match self {
            MessageTemplate::Enrolled => Msg::TplEnrolledBody,
            MessageTemplate::Waitlisted => Msg::TplWaitlistedBody,
            MessageTemplate::SeatGiven => Msg::TplSeatGivenBody,
            MessageTemplate::ApplicationAccepted => Msg::TplApplicationAcceptedBody,
            MessageTemplate::ApplicationRejected => Msg::TplApplicationRejectedBody,
            MessageTemplate::CertificateIssued => Msg::TplCertificateIssuedBody,
            MessageTemplate::ResetCode => Msg::TplResetCodeBody,
            MessageTemplate::ImportAskHolder => Msg::TplImportAskHolderBody,
        }
    }

    /// The parameters the text names, in the order providers are given them.
    pub const fn params(self) -> &'static [&'static str] {
        match self {
            MessageTemplate::Enrolled | MessageTemplate::SeatGiven => &["course"],
            MessageTemplate::Waitlisted => &["course", "position"],
            MessageTemplate::ApplicationAccepted | MessageTemplate::ApplicationRejected => {
                &["place"]
            }
            MessageTemplate::CertificateIssued => &["course", "url"],
            MessageTemplate::ResetCode => &["code"],
            MessageTemplate::ImportAskHolder => &["org"],
        }
    }

    /// The parameters an SMS provider is given, in order: as [`Self::params`], except that
    /// providers refuse links as parameters (Aliyun and Tencent both), so a template with a
    /// link is registered with the fixed part of the address in its text and takes only what
    /// varies (the certificate's verify code).
    pub const fn sms_params(self) -> &'static [&'static str] {
        match self {
            MessageTemplate::CertificateIssued => &["course", "code"],
            other => other.params(),
        }
    }

    /// Whether the message is a code: someone is waiting for it, so it goes at night too;
    /// it never shows in an inbox, and the outbox shows it masked unless no SMS leaves the
    /// machine.
    pub const fn is_code(self) -> bool {
        matches!(self, MessageTemplate::ResetCode)
    }
}

/// A message's parameters: name → value, as stored (JSON) and as providers are given them.
pub type MessageParams = std::collections::BTreeMap<String, String>;

/// The text of `template` in `locale` with its parameters filled in.
pub fn render(template: MessageTemplate, params: &MessageParams, locale: Locale) -> String {
    let mut text = locale.t(template.body()).to_string();
    for (name, value) in params {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// An SMS as the phone shows it: the sign name in 【】 and the text.
pub fn sms_text(sign_name: &str, body: &str) -> String {
    format!("【{sign_name}】{body}")
}

/// How many SMS an operator bills for `text`: one up to 70 characters, else 67 per part
/// (each part of a long message carries a header).
pub fn sms_segments(text: &str) -> u32 {
    let n = text.chars().count() as u32;
    if n <= 70 { 1 } else { n.div_ceil(67) }
}

/// One message in a user's inbox, rendered in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InboxMessage {
    pub id: i32,
    pub template: MessageTemplate,
    /// The template's title.
    pub title: String,
    pub text: String,
    /// When it was written, local time (`YYYY-MM-DD HH:MM`).
    pub at: String,
    pub read: bool,
}

/// A page of a user's inbox, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub messages: Vec<InboxMessage>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
    pub unread: u64,
}

/// The bureau's search of the outbox (`/admin/messages`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct OutboxQuery {
    /// A status code (`queued`, `sending`, `sent`, `failed`, `cancelled`).
    pub status: String,
    /// A template code, such as `seat_given`.
    pub template: String,
    /// A phone number or its beginning.
    pub phone: String,
    /// The first local day, `YYYY-MM-DD`.
    pub from: String,
    /// The last local day, `YYYY-MM-DD`.
    pub to: String,
}

/// An [`OutboxQuery`] checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutboxFilter {
    pub status: Option<MessageStatus>,
    pub template: Option<MessageTemplate>,
    pub phone: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl OutboxQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let v = |k: &str| get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        OutboxQuery {
            status: v("status"),
            template: v("template"),
            phone: v("phone"),
            from: v("from"),
            to: v("to"),
        }
    }

    /// The query string for this search (without the leading `?`).
    pub fn to_params(&self) -> String {
        query_string(&[
            ("status", &self.status),
            ("template", &self.template),
            ("phone", &self.phone),
            ("from", &self.from),
            ("to", &self.to),
        ])
    }

    /// Checks every field; the errors name the fields in the form's order.
    pub fn parse(&self, today: NaiveDate) -> Result<OutboxFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let status = match self.status.trim() {
            "" => None,
            code => MessageStatus::parse(code).or_else(|| {
                push_error(&mut errors, "status", Msg::ErrChoose);
                None
            }),
        };
        let template = match self.template.trim() {
            "" => None,
            code => MessageTemplate::parse(code).or_else(|| {
                push_error(&mut errors, "template", Msg::ErrChoose);
                None
            }),
        };
        let phone = match self.phone.trim() {
            "" => None,
            p if p.len() <= 11 && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.to_string()),
            _ => {
                push_error(&mut errors, "phone", Msg::ErrPhoneDigits);
                None
            }
        };
        let mut date = |field: &str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(d) if d.year() >= 2020 && d <= today => Some(d),
                Ok(_) => {
                    push_error(&mut errors, field, Msg::ErrDateOutOfRange);
                    None
                }
                Err(_) => {
                    push_error(&mut errors, field, Msg::ErrDate);
                    None
                }
            }
        };
        let from = date("from", &self.from);
        let to = date("to", &self.to);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            push_error(&mut errors, "to", Msg::ErrEndBeforeStart);
        }
        if errors.is_empty() {
            Ok(OutboxFilter {
                status,
                template,
                phone,
                from,
                to,
            })
        } else {
            Err(errors)
        }
    }
}

/// One row of the outbox, as bureau admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutboxRow {
    pub id: i32,
    /// When it was queued, local time.
    pub at: String,
    pub channel: MessageChannel,
    pub template: MessageTemplate,
    /// The phone it goes to, masked (`138****0000`); none for inbox-only messages.
    pub phone: Option<String>,
    /// The text as the recipient gets it (an SMS with its sign name).
    pub text: String,
    pub status: MessageStatus,
    pub attempts: i32,
    /// SMS parts billed for it (0 for inbox-only messages).
    pub segments: i32,
    /// Why the last try failed, in the provider's words (never a secret).
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

/// Messages queued on one local day and the SMS parts they cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutboxDay {
    /// `YYYY-MM-DD`, local.
    pub day: String,
    pub messages: u64,
    pub sms: u64,
    pub segments: u64,
    pub failed: u64,
}

/// A page of the outbox search, with the figures per day of what it found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutboxPage {
    pub query: OutboxQuery,
    /// The search's problems by field; no rows are shown while there are any (the JSON API
    /// answers 422 instead).
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub errors: Vec<FieldError>,
    pub rows: Vec<OutboxRow>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
    /// The last 14 days with any message found, newest first.
    pub days: Vec<OutboxDay>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_name_exactly_their_parameters_in_both_languages() {
        for template in MessageTemplate::ALL {
            for locale in Locale::ALL {
                let text = locale.t(template.body());
                for name in template.params() {
                    assert!(
                        text.contains(&format!("{{{name}}}")),
                        "{template:?} in {locale:?} lacks {{{name}}}"
                    );
                }
                let placeholders = text.matches('{').count();
                assert_eq!(
                    placeholders,
                    template.params().len(),
                    "{template:?} {locale:?}"
                );
            }
        }
    }

    #[test]
    fn rendering_fills_every_parameter() {
        let params = MessageParams::from([
            ("course".to_string(), "直播带货".to_string()),
            ("position".to_string(), "3".to_string()),
        ]);
        let text = render(MessageTemplate::Waitlisted, &params, Locale::ZhCn);
        assert!(text.contains("直播带货") && text.contains('3'), "{text}");
        assert!(!text.contains('{'), "{text}");
    }

    #[test]
    fn segments_are_counted_as_operators_bill_them() {
        assert_eq!(sms_segments(""), 1);
        assert_eq!(sms_segments(&"字".repeat(70)), 1);
        assert_eq!(sms_segments(&"字".repeat(71)), 2);
        assert_eq!(sms_segments(&"字".repeat(134)), 2);
        assert_eq!(sms_segments(&"字".repeat(135)), 3);
    }

    #[test]
    fn outbox_filters_are_checked_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let q = OutboxQuery {
            status: "lost".into(),
            phone: "13x".into(),
            from: "2026-12-05".into(),
            to: "2026-12-01".into(),
            ..Default::default()
        };
        let fields: Vec<String> = q
            .parse(today)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["status", "phone", "to"]);
        let ok = OutboxQuery {
            status: "failed".into(),
            template: "seat_given".into(),
            ..Default::default()
        };
        let f = ok.parse(today).unwrap();
        assert_eq!(f.status, Some(MessageStatus::Failed));
        assert_eq!(f.template, Some(MessageTemplate::SeatGiven));
        assert_eq!(
            OutboxQuery::from_params(|k| (k == "status").then(|| "sent".into())).to_params(),
            "status=sent"
        );
    }
}
