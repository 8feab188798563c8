//! Tencent Cloud SMS (`SendSms`, API version 2021-01-11), signed with TC3-HMAC-SHA256:
//!
//! 1. the canonical request: `POST`, `/`, an empty query, the headers `content-type` and
//!    `host` (lower case, `name:value\n` each), the signed header names `content-type;host`,
//!    and the hex SHA-256 of the JSON body, one per line;
//! 2. the string to sign: `TC3-HMAC-SHA256`, the Unix timestamp, the scope
//!    `YYYY-MM-DD/sms/tc3_request` (the UTC date of the timestamp), and the hex SHA-256 of the
//!    canonical request, one per line;
//! 3. the key: HMAC-SHA256 of the date with `"TC3" + SecretKey`, then of `sms`, then of
//!    `tc3_request`; the signature is the hex HMAC-SHA256 of the string to sign with it;
//! 4. `Authorization: TC3-HMAC-SHA256 Credential=SecretId/scope, SignedHeaders=content-type;host,
//!    Signature=…`, with `X-TC-Action`, `X-TC-Version`, `X-TC-Timestamp` and `X-TC-Region`.
//!
//! The answer is `{"Response": {...}}`: an `Error` with `Code` and `Message` when the request
//! failed as a whole, else `SendStatusSet` with one status per number (`Code` `Ok` when sent).

use super::{Outgoing, SendError, http_client};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub const DEFAULT_ENDPOINT: &str = "https://sms.tencentcloudapi.com/";
pub const DEFAULT_REGION: &str = "ap-guangzhou";
const VERSION: &str = "2021-01-11";
pub const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A Tencent Cloud SMS application and its registered templates.
#[derive(Clone)]
pub struct Tencent {
    pub endpoint: String,
    pub region: String,
    pub secret_id: String,
    pub secret_key: String,
    /// The SMS application (`SmsSdkAppId`, e.g. `1400006666`).
    pub app_id: String,
    pub sign_name: String,
    /// Yucai's template code → Tencent's template id.
    pub templates: BTreeMap<String, String>,
}

impl std::fmt::Debug for Tencent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tencent")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("secret_id", &self.secret_id)
            .field("app_id", &self.app_id)
            .field("sign_name", &self.sign_name)
            .finish_non_exhaustive()
    }
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The parts of one signature, for checking against the documentation step by step.
#[derive(Debug, PartialEq, Eq)]
pub struct Signed {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
}

/// Signs a POST of `payload` to `host` for `service` at `timestamp` (Unix seconds).
pub fn sign(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    host: &str,
    content_type: &str,
    payload: &str,
    timestamp: i64,
) -> Signed {
    let date = chrono::DateTime::from_timestamp(timestamp, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string();
    let signed_headers = "content-type;host";
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\n{signed_headers}\n{}",
        content_type.to_lowercase(),
        host.to_lowercase(),
        sha256_hex(payload.as_bytes())
    );
    let scope = format!("{date}/{service}/tc3_request");
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let key = hmac(
        &hmac(&hmac(format!("TC3{secret_key}").as_bytes(), &date), service),
        "tc3_request",
    );
    let signature = hex::encode(hmac(&key, &string_to_sign));
    let authorization = format!(
        "TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    );
    Signed {
        canonical_request,
        string_to_sign,
        signature,
        authorization,
    }
}

impl Tencent {
    /// The JSON body of one `SendSms` request.
    pub fn payload(&self, sms: &Outgoing) -> Result<String, SendError> {
        let template = self.templates.get(sms.template.as_str()).ok_or_else(|| {
            SendError::Rejected(format!(
                "no Tencent template configured for {}",
                sms.template.as_str()
            ))
        })?;
        // Tencent's templates take their parameters by position, in the template's order.
        let values: Vec<&str> = sms
            .template
            .sms_params()
            .iter()
            .map(|name| sms.params.get(*name).map(String::as_str).unwrap_or(""))
            .collect();
        Ok(serde_json::json!({
            "PhoneNumberSet": [format!("+86{}", sms.phone)],
            "SmsSdkAppId": self.app_id,
            "SignName": self.sign_name,
            "TemplateId": template,
            "TemplateParamSet": values,
            "SessionContext": sms.idempotency_key,
        })
        .to_string())
    }

    pub async fn send(&self, sms: &Outgoing) -> Result<String, SendError> {
        let payload = self.payload(sms)?;
        let host = host_of(&self.endpoint);
        let timestamp = chrono::Utc::now().timestamp();
        let signed = sign(
            &self.secret_id,
            &self.secret_key,
            "sms",
            &host,
            CONTENT_TYPE,
            &payload,
            timestamp,
        );
        let response = http_client()
            .post(&self.endpoint)
            .header("authorization", signed.authorization)
            .header("content-type", CONTENT_TYPE)
            .header("host", &host)
            .header("x-tc-action", "SendSms")
            .header("x-tc-version", VERSION)
            .header("x-tc-timestamp", timestamp.to_string())
            .header("x-tc-region", &self.region)
            .body(payload)
            .send()
            .await
            .map_err(|e| SendError::Retry(format!("Tencent unreachable: {}", e.without_url())))?;
        let status = response.status().as_u16();
        let text = response
            .text()
            .await
            .map_err(|e| SendError::Retry(format!("Tencent answer unreadable: {e}")))?;
        outcome(status, &text)
    }
}

/// The host of an endpoint URL (`https://sms.tencentcloudapi.com/` → `sms.tencentcloudapi.com`),
/// with its port when it has one.
pub fn host_of(endpoint: &str) -> String {
    let rest = endpoint
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(endpoint);
    rest.split('/').next().unwrap_or_default().to_string()
}

fn retry_worthy(code: &str) -> bool {
    // A bad signature or a clock out of step does not mend itself.
    if code == "InternalError.SigVerificationFail" || code == "InternalError.RequestTimeException" {
        return false;
    }
    code.starts_with("RequestLimitExceeded")
        || code.starts_with("LimitExceeded")
        || code.starts_with("InternalError")
        || code == "ResourceUnavailable"
        || code == "FailedOperation.InsufficientBalanceInSmsPackage"
}

/// What Tencent's answer means for the message. Only Tencent's error code is kept: its
/// `Message` may echo the request, which must reach neither the logs nor the outbox.
pub fn outcome(status: u16, body: &str) -> Result<String, SendError> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Envelope {
        response: Option<Answer>,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Answer {
        error: Option<Problem>,
        #[serde(default)]
        send_status_set: Vec<Status>,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Problem {
        code: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Status {
        code: String,
        #[serde(default)]
        serial_no: String,
    }
    let Some(answer) = serde_json::from_str::<Envelope>(body)
        .ok()
        .and_then(|e| e.response)
    else {
        return Err(SendError::Retry(format!(
            "Tencent answered HTTP {status} with something that is not its JSON"
        )));
    };
    if let Some(problem) = answer.error {
        let code: String = problem.code.chars().take(80).collect();
        let text = format!("Tencent {code} (HTTP {status})");
        return Err(if retry_worthy(&code) || status >= 500 {
            SendError::Retry(text)
        } else {
            SendError::Rejected(text)
        });
    }
    let Some(first) = answer.send_status_set.into_iter().next() else {
        return Err(SendError::Retry("Tencent answered without a status".into()));
    };
    match first.code.as_str() {
        "Ok" if !first.serial_no.is_empty() => Ok(first.serial_no),
        "Ok" => Err(SendError::Retry(
            "Tencent said Ok without a SerialNo".into(),
        )),
        code => {
            let text = format!(
                "Tencent {} (HTTP {status})",
                code.chars().take(80).collect::<String>()
            );
            Err(if retry_worthy(code) {
                SendError::Retry(text)
            } else {
                SendError::Rejected(text)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of Tencent Cloud's API 3.0 signature documentation
    /// (DescribeInstances on CVM, 2019-02-25).
    #[test]
    fn signs_the_documentation_example() {
        let payload = r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        let signed = sign(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            CONTENT_TYPE,
            payload,
            1551113065,
        );
        assert_eq!(
            signed.canonical_request,
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n\
             content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            signed.string_to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(
            signed.signature,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
        assert!(signed.authorization.starts_with(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e4"
        ));
    }

    #[test]
    fn answers_become_sent_retry_or_rejected() {
        let ok = r#"{"Response":{"SendStatusSet":[{"SerialNo":"5000:1045710669157053657849499619","PhoneNumber":"+8613800000000","Fee":1,"SessionContext":"k","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"a0aabda6"}}"#;
        assert_eq!(
            outcome(200, ok),
            Ok("5000:1045710669157053657849499619".into())
        );
        let limited = r#"{"Response":{"SendStatusSet":[{"SerialNo":"","Code":"LimitExceeded.PhoneNumberThirtySecondLimit","Message":"too often"}],"RequestId":"r"}}"#;
        assert!(matches!(outcome(200, limited), Err(SendError::Retry(_))));
        let template = r#"{"Response":{"SendStatusSet":[{"SerialNo":"","Code":"FailedOperation.TemplateIncorrectOrUnapproved","Message":"template"}],"RequestId":"r"}}"#;
        assert!(matches!(
            outcome(200, template),
            Err(SendError::Rejected(_))
        ));
        let auth = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"r"}}"#;
        assert!(matches!(outcome(200, auth), Err(SendError::Rejected(_))));
        let busy = r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"busy"},"RequestId":"r"}}"#;
        assert!(matches!(outcome(200, busy), Err(SendError::Retry(_))));
        assert!(matches!(
            outcome(504, "gateway timeout"),
            Err(SendError::Retry(_))
        ));
        assert_eq!(host_of("http://127.0.0.1:4001/"), "127.0.0.1:4001");
        assert_eq!(host_of(DEFAULT_ENDPOINT), "sms.tencentcloudapi.com");
    }
}
