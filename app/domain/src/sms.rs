//! SMS providers. The outbox ([`crate::messages`]) hands each due SMS to one [`SmsSender`],
//! chosen by configuration (`YUCAI_SMS_PROVIDER`):
//!
//! - `log` (the default): nothing leaves the machine. The message is logged (phone masked) and
//!   its text stays in the outbox, where bureau admins read it at `/admin/messages`; so the demo
//!   and the tests need no account anywhere.
//! - `aliyun`: Aliyun SMS ([`aliyun`]); `tencent`: Tencent Cloud SMS ([`tencent`]). Each signs
//!   its requests as the provider documents (the documentation's worked examples are their
//!   unit tests) and is given, per Yucai template code, the template id registered with it.
//!
//! A provider's answer decides the message's fate: accepted (its id is kept), worth another
//! try (down, throttled, an answer that is not what its documentation says), or refused for
//! good (an unknown template, a bad number, wrong credentials). Secrets never reach the logs
//! or the outbox.
//!
//! A provider is given the template's code and its parameters (Chinese SMS rules allow only
//! registered templates), the text as Yucai renders it, and the message's idempotency key,
//! which is the same on every try of one message.

pub mod aliyun;
pub mod tencent;

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
    Log {
        sign_name: String,
    },
    Aliyun(aliyun::Aliyun),
    Tencent(tencent::Tencent),
}

/// The one HTTP client of the providers: a short timeout (a slow provider is tried again
/// later rather than holding the sender), TLS with the system-independent Mozilla roots.
pub(crate) fn http_client() -> &'static reqwest::Client {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            // The endpoint answers; a redirect elsewhere is not followed with the signed body.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .connect_timeout(std::time::Duration::from_secs(5))
            .build()
            .expect("an HTTP client with the default TLS settings")
    })
}

/// A random single-use value for a request (Aliyun's `SignatureNonce`).
pub(crate) fn nonce() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Reads `a=x,b=y` (Yucai template code = the provider's template id) into a map; unknown
/// codes are refused so a typing mistake shows at start-up, not at the first SMS.
pub fn parse_templates(spec: &str) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut out = std::collections::BTreeMap::new();
    for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((code, id)) = pair.split_once('=') else {
            return Err(format!("{pair:?} is not code=template-id"));
        };
        let (code, id) = (code.trim(), id.trim());
        if MessageTemplate::parse(code).is_none() {
            return Err(format!(
                "{code:?} is not a message template (one of: {})",
                MessageTemplate::ALL
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if id.is_empty() {
            return Err(format!("{code} has no template id"));
        }
        out.insert(code.to_string(), id.to_string());
    }
    Ok(out)
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
            SmsProvider::Aliyun(_) => "aliyun",
            SmsProvider::Tencent(_) => "tencent",
        }
    }
}

impl SmsSender for SmsProvider {
    fn sign_name(&self) -> &str {
        match self {
            SmsProvider::Log { sign_name } => sign_name,
            SmsProvider::Aliyun(a) => &a.sign_name,
            SmsProvider::Tencent(t) => &t.sign_name,
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
            SmsProvider::Aliyun(a) => a.send(sms).await,
            SmsProvider::Tencent(t) => t.send(sms).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_ids_are_read_from_code_equals_id_pairs() {
        let map = parse_templates(" reset_code=SMS_1 , seat_given = SMS_2,").unwrap();
        assert_eq!(map.get("reset_code").map(String::as_str), Some("SMS_1"));
        assert_eq!(map.get("seat_given").map(String::as_str), Some("SMS_2"));
        assert!(
            parse_templates("resetcode=SMS_1")
                .unwrap_err()
                .contains("resetcode")
        );
        assert!(parse_templates("reset_code").is_err());
        assert!(parse_templates("reset_code=").is_err());
    }
}
