//! SMS providers. The outbox ([`crate::messages`]) hands each due SMS to one [`SmsSender`],
//! chosen by configuration (`YUCAI_SMS_PROVIDER`):
//!
//! - `log` (the default): nothing leaves the machine. The message is logged (phone masked) and
//!   its text stays in the outbox, where bureau admins read it at `/admin/messages`; so the demo
//!   and the tests need no account anywhere.
//!
//! A provider is given the template's code and its parameters (Chinese SMS rules allow only
//! registered templates), the text as Yucai renders it, and the message's idempotency key,
//! which is the same on every try of one message.

use model::accounts::mask_phone;
use model::messages::{MessageParams, MessageTemplate};
use std::future::Future;

/// The sign name (签名) used when none is configured.
pub const DEFAULT_SIGN_NAME: &str = "禹州人社";

/// One SMS to send.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub phone: String,
    pub template: MessageTemplate,
    pub params: MessageParams,
    /// The text as Yucai renders the template, without the sign name.
    pub text: String,
    pub idempotency_key: String,
}

/// Why a provider did not take a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// Worth another try later: the provider was down, slow or throttling.
    Retry(String),
    /// Will never go: a template the provider does not know, a number it refuses.
    Rejected(String),
}

/// Something that sends an SMS: on success, the provider's id of the message.
pub trait SmsSender: Sync {
    /// The sign name (签名) the phone shows in 【】 before the text.
    fn sign_name(&self) -> &str;
    fn send(&self, sms: &Outgoing) -> impl Future<Output = Result<String, SendError>> + Send;
}

/// The provider this instance is configured with.
#[derive(Clone, Debug)]
pub enum SmsProvider {
    /// Keeps messages in the outbox only.
    Log { sign_name: String },
}

impl Default for SmsProvider {
    fn default() -> Self {
        SmsProvider::Log {
            sign_name: DEFAULT_SIGN_NAME.to_string(),
        }
    }
}

impl SmsProvider {
    /// The configuration name (`log`).
    pub fn name(&self) -> &'static str {
        match self {
            SmsProvider::Log { .. } => "log",
        }
    }
}

impl SmsSender for SmsProvider {
    fn sign_name(&self) -> &str {
        match self {
            SmsProvider::Log { sign_name } => sign_name,
        }
    }

    async fn send(&self, sms: &Outgoing) -> Result<String, SendError> {
        match self {
            SmsProvider::Log { .. } => {
                tracing::info!(
                    phone = %mask_phone(&sms.phone),
                    template = sms.template.as_str(),
                    "SMS kept in the outbox (provider: log)"
                );
                Ok(format!("log-{}", sms.idempotency_key))
            }
        }
    }
}
