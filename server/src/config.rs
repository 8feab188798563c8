//! Configuration, read from the environment in this one place. Every variable is documented
//! here and listed in `.env.example`; each has a default that works for local use.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://data/yucai.db` (default; the file and its folder are created
    /// on first run) or `postgres://user:password@host:5432/yucai`.
    pub database_url: String,
    /// `YUCAI_ADDR`: the address to listen on. Default `127.0.0.1:3000`.
    pub addr: SocketAddr,
    /// `YUCAI_SECRET_KEY_FILE`: the installation's secret key (ID-number encryption, lookup
    /// hashes, certificate signatures). Generated on first run with mode 0600. Default
    /// `data/secret.key`. Back it up with the database: without it, encrypted ID numbers are lost.
    pub secret_key_file: PathBuf,
    /// `YUCAI_PUBLIC_URL`: the address people reach Yucai at, used in QR codes and to accept
    /// form posts from this origin. When it starts with `https://`, cookies are marked Secure.
    /// Default `http://` + `YUCAI_ADDR`.
    pub public_url: String,
    /// `YUCAI_LOG` (or `RUST_LOG`): log filter, e.g. `info` or `server=debug,info`. Default
    /// `info` with the migration and SQL libraries at `warn`.
    pub log: String,
    /// `YUCAI_SITE_ROOT`: the folder of the built site (wasm, JS, CSS, static files), as
    /// written by `cargo leptos build`. Default `target/site`.
    pub site_root: String,
    /// `YUCAI_PAGE_CACHE_MS`: how long an anonymous visitor's copy of the home page, the
    /// catalogue or a course page is reused for others (see `page_cache`). Default 1000 ms;
    /// 0 turns the cache off.
    pub page_cache: std::time::Duration,
    /// `YUCAI_ISSUER_NAME`: the name certificates are issued in. Default
    /// 禹州市人力资源和社会保障局.
    pub issuer_name: String,
    /// `YUCAI_CERT_FONT`: the Chinese font certificates are set in (a .ttf/.ttc; the first face
    /// is used). Default `/usr/share/fonts/truetype/wqy/wqy-microhei.ttc` (Debian
    /// `fonts-wqy-microhei`). Characters it lacks come from `fonts-hanazono` when installed.
    pub cert_font: PathBuf,
    /// `YUCAI_SMS_PROVIDER`: where SMS go. `log` (the default) sends nothing: each SMS is
    /// logged (phone masked) and kept in the outbox, where bureau admins read it at
    /// `/admin/messages`. `YUCAI_SMS_SIGN_NAME`: the sign name (签名) shown in 【】 before each
    /// SMS; default 禹州人社.
    pub sms: domain::sms::SmsProvider,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let addr = var("YUCAI_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr
            .parse()
            .map_err(|_| format!("YUCAI_ADDR is not an address like 127.0.0.1:3000: {addr}"))?;
        let public_url = var("YUCAI_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(format!(
                "YUCAI_PUBLIC_URL must start with http:// or https://: {public_url}"
            ));
        }
        Ok(Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/yucai.db".into()),
            addr,
            secret_key_file: var("YUCAI_SECRET_KEY_FILE")
                .unwrap_or_else(|| "data/secret.key".into())
                .into(),
            public_url: public_url.trim_end_matches('/').to_string(),
            log: var("YUCAI_LOG")
                .or_else(|| var("RUST_LOG"))
                .unwrap_or_else(|| "info".into()),
            site_root: var("YUCAI_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            page_cache: match var("YUCAI_PAGE_CACHE_MS") {
                None => std::time::Duration::from_millis(1000),
                Some(ms) => std::time::Duration::from_millis(ms.parse().map_err(|_| {
                    format!("YUCAI_PAGE_CACHE_MS is not a number of milliseconds: {ms}")
                })?),
            },
            issuer_name: var("YUCAI_ISSUER_NAME")
                .unwrap_or_else(|| domain::certificates::DEFAULT_ISSUER.into()),
            cert_font: var("YUCAI_CERT_FONT")
                .unwrap_or_else(|| domain::pdf::DEFAULT_FONT.into())
                .into(),
            sms: sms_provider()?,
        })
    }

    /// Cookies get `Secure` when Yucai is served over TLS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The scheme-host-port of `public_url`, as browsers send it in `Origin`.
    pub fn public_origin(&self) -> String {
        origin_of(&self.public_url).unwrap_or_default()
    }

    /// The SQLite file named by `database_url`, if it is a SQLite file.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        sqlite_path(&self.database_url)
    }
}

fn sms_provider() -> Result<domain::sms::SmsProvider, String> {
    use domain::sms::{SmsProvider, aliyun, tencent};
    let sign_name =
        var("YUCAI_SMS_SIGN_NAME").unwrap_or_else(|| domain::sms::DEFAULT_SIGN_NAME.into());
    if sign_name.chars().count() > 12 {
        return Err(format!(
            "YUCAI_SMS_SIGN_NAME is longer than 12 characters: {sign_name}"
        ));
    }
    let provider = var("YUCAI_SMS_PROVIDER").unwrap_or_else(|| "log".into());
    let required =
        |name: &str| var(name).ok_or_else(|| format!("YUCAI_SMS_PROVIDER={provider} needs {name}"));
    let templates = || -> Result<_, String> {
        let templates = domain::sms::parse_templates(&required("YUCAI_SMS_TEMPLATES")?)
            .map_err(|e| format!("YUCAI_SMS_TEMPLATES: {e}"))?;
        let missing: Vec<&str> = domain::messages::sms_templates()
            .map(|t| t.as_str())
            .filter(|code| !templates.contains_key(*code))
            .collect();
        if missing.is_empty() {
            Ok(templates)
        } else {
            Err(format!(
                "YUCAI_SMS_TEMPLATES has no template id for: {}",
                missing.join(", ")
            ))
        }
    };
    match provider.as_str() {
        "log" => Ok(SmsProvider::Log { sign_name }),
        "aliyun" => Ok(SmsProvider::Aliyun(aliyun::Aliyun {
            endpoint: var("YUCAI_SMS_ENDPOINT").unwrap_or_else(|| aliyun::DEFAULT_ENDPOINT.into()),
            access_key_id: required("YUCAI_SMS_KEY_ID")?,
            access_key_secret: required("YUCAI_SMS_KEY_SECRET")?,
            sign_name,
            templates: templates()?,
        })),
        "tencent" => Ok(SmsProvider::Tencent(tencent::Tencent {
            endpoint: var("YUCAI_SMS_ENDPOINT").unwrap_or_else(|| tencent::DEFAULT_ENDPOINT.into()),
            region: var("YUCAI_SMS_REGION").unwrap_or_else(|| tencent::DEFAULT_REGION.into()),
            secret_id: required("YUCAI_SMS_KEY_ID")?,
            secret_key: required("YUCAI_SMS_KEY_SECRET")?,
            app_id: required("YUCAI_SMS_APP_ID")?,
            sign_name,
            templates: templates()?,
        })),
        other => Err(format!(
            "YUCAI_SMS_PROVIDER is not a provider Yucai knows: {other} (use log, aliyun or tencent)"
        )),
    }
}

/// `sqlite://data/yucai.db?mode=rwc` → `data/yucai.db`; `None` for PostgreSQL or memory.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// `https://example.org:8443/path` → `https://example.org:8443`.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| {
        format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            host.to_ascii_lowercase()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sqlite_file_and_origins() {
        assert_eq!(
            sqlite_path("sqlite://data/yucai.db?mode=rwc"),
            Some(PathBuf::from("data/yucai.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x@y/z"), None);
        assert_eq!(
            origin_of("https://Yucai.example.org/verify/x").as_deref(),
            Some("https://yucai.example.org")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
    }
}
