//! Aliyun SMS (dysmsapi `SendSms`, API version 2017-05-25), signed with Aliyun's RPC signature
//! (HMAC-SHA1, signature version 1.0):
//!
//! 1. every parameter but `Signature`, sorted by name, each name and value percent-encoded
//!    (RFC 3986: unreserved characters stay, space is `%20`, `*` is `%2A`, `~` stays), joined as
//!    `name=value` with `&` — the canonicalised query string;
//! 2. the string to sign is `METHOD&%2F&` followed by that string percent-encoded once more;
//! 3. the signature is Base64(HMAC-SHA1(AccessKeySecret + "&", string to sign)).
//!
//! The request is a form POST to the endpoint; the answer is JSON with `Code` (`OK` when the
//! message was accepted), `Message`, `BizId` and `RequestId`.

use super::{Outgoing, SendError, http_client};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::collections::BTreeMap;

pub const DEFAULT_ENDPOINT: &str = "https://dysmsapi.aliyuncs.com/";
const VERSION: &str = "2017-05-25";

/// An Aliyun SMS account and its registered templates.
#[derive(Clone)]
pub struct Aliyun {
    pub endpoint: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub sign_name: String,
    /// Yucai's template code → Aliyun's template code (`SMS_…`).
    pub templates: BTreeMap<String, String>,
}

impl std::fmt::Debug for Aliyun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Aliyun")
            .field("endpoint", &self.endpoint)
            .field("access_key_id", &self.access_key_id)
            .field("sign_name", &self.sign_name)
            .finish_non_exhaustive()
    }
}

/// RFC 3986 percent-encoding as Aliyun's signature uses it.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The string to sign for `params` (all but `Signature`) sent with `method`.
pub fn string_to_sign(method: &str, params: &BTreeMap<String, String>) -> String {
    let canonical = params
        .iter()
        .filter(|(k, _)| k.as_str() != "Signature")
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{method}&{}&{}",
        percent_encode("/"),
        percent_encode(&canonical)
    )
}

/// The `Signature` parameter for `params` sent with `method`.
pub fn signature(method: &str, params: &BTreeMap<String, String>, secret: &str) -> String {
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("any key length");
    mac.update(string_to_sign(method, params).as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

impl Aliyun {
    /// The signed form parameters of one `SendSms` request.
    pub fn request(
        &self,
        sms: &Outgoing,
        nonce: &str,
        timestamp: &str,
    ) -> Result<BTreeMap<String, String>, SendError> {
        let template = self.templates.get(sms.template.as_str()).ok_or_else(|| {
            SendError::Rejected(format!(
                "no Aliyun template configured for {}",
                sms.template.as_str()
            ))
        })?;
        let given: BTreeMap<&str, &str> = sms
            .template
            .sms_params()
            .iter()
            .map(|name| {
                (
                    *name,
                    sms.params.get(*name).map(String::as_str).unwrap_or(""),
                )
            })
            .collect();
        let template_param = serde_json::to_string(&given)
            .map_err(|e| SendError::Rejected(format!("parameters: {e}")))?;
        let mut params: BTreeMap<String, String> = [
            ("AccessKeyId", self.access_key_id.as_str()),
            ("Action", "SendSms"),
            ("Format", "JSON"),
            ("OutId", sms.idempotency_key.as_str()),
            ("PhoneNumbers", sms.phone.as_str()),
            ("RegionId", "cn-hangzhou"),
            ("SignName", self.sign_name.as_str()),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", nonce),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", template.as_str()),
            ("TemplateParam", template_param.as_str()),
            ("Timestamp", timestamp),
            ("Version", VERSION),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let signed = signature("POST", &params, &self.access_key_secret);
        params.insert("Signature".into(), signed);
        Ok(params)
    }

    pub async fn send(&self, sms: &Outgoing) -> Result<String, SendError> {
        let nonce = super::nonce();
        let timestamp = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let params = self.request(sms, &nonce, &timestamp)?;
        let body = params
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let response = http_client()
            .post(&self.endpoint)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| SendError::Retry(format!("Aliyun unreachable: {}", e.without_url())))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| SendError::Retry(format!("Aliyun answer unreadable: {e}")))?;
        outcome(status.as_u16(), &text)
    }
}

/// What Aliyun's answer means for the message. Only Aliyun's error code is kept: its
/// `Message` can echo the request (the number, the parameters, a one-time code), which must
/// reach neither the logs nor the outbox.
pub fn outcome(status: u16, body: &str) -> Result<String, SendError> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Answer {
        code: Option<String>,
        biz_id: Option<String>,
    }
    let code = serde_json::from_str::<Answer>(body)
        .ok()
        .and_then(|a| a.code.filter(|c| !c.is_empty()).map(|c| (c, a.biz_id)));
    let Some((code, biz_id)) = code else {
        return Err(SendError::Retry(format!(
            "Aliyun answered HTTP {status} without its JSON and a Code"
        )));
    };
    let code: String = code.chars().take(80).collect();
    match code.as_str() {
        "OK" => biz_id
            .filter(|id| !id.is_empty())
            .ok_or_else(|| SendError::Retry("Aliyun said OK without a BizId".into())),
        // Too many for now (per number, per minute, per day), the account's balance, or the
        // service busy: a later try may go through.
        c if c == "isv.BUSINESS_LIMIT_CONTROL"
            || c == "isv.AMOUNT_NOT_ENOUGH"
            || c == "isp.SYSTEM_ERROR"
            || c.starts_with("Throttling")
            || c == "ServiceUnavailable"
            || c == "InternalError"
            || status >= 500 =>
        {
            Err(SendError::Retry(format!("Aliyun {c} (HTTP {status})")))
        }
        c => Err(SendError::Rejected(format!("Aliyun {c} (HTTP {status})"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The worked example of Aliyun's RPC signature documentation (DescribeRegions).
    #[test]
    fn signs_the_rpc_documentation_example() {
        let p = params(&[
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("Version", "2014-05-26"),
            ("SignatureVersion", "1.0"),
        ]);
        assert_eq!(
            string_to_sign("GET", &p),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            signature("GET", &p, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    /// The worked example of the SMS service's signature documentation (SendSms, with a
    /// Chinese sign name and a JSON template parameter).
    #[test]
    fn signs_the_sms_documentation_example() {
        let p = params(&[
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", r#"{"customer":"test"}"#),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ]);
        assert_eq!(
            signature("GET", &p, "testSecret"),
            "zJDF+Lrzhj/ThnlvIToysFRq6t4="
        );
        assert_eq!(percent_encode("a b*~"), "a%20b%2A~");
    }

    #[test]
    fn answers_become_sent_retry_or_rejected() {
        assert_eq!(
            outcome(
                200,
                r#"{"Code":"OK","Message":"OK","BizId":"9006197469364984^0","RequestId":"x"}"#
            ),
            Ok("9006197469364984^0".into())
        );
        assert!(matches!(
            outcome(
                200,
                r#"{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发分钟级流控"}"#
            ),
            Err(SendError::Retry(_))
        ));
        assert!(matches!(
            outcome(
                200,
                r#"{"Code":"isv.SMS_TEMPLATE_ILLEGAL","Message":"模板不合法"}"#
            ),
            Err(SendError::Rejected(_))
        ));
        assert!(matches!(
            outcome(502, "<html>bad gateway</html>"),
            Err(SendError::Retry(_))
        ));
        assert!(matches!(
            outcome(200, r#"{"Code":"OK"}"#),
            Err(SendError::Retry(_))
        ));
    }
}
