//! Request middleware: security headers, the same-origin check for state-changing requests,
//! and resolving the session cookie (or bearer token) into the request's [`Actor`].

use crate::AppState;
use crate::forms::PendingFlash;
use app::ui::encode_component;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Actor;
use domain::accounts::{self, SessionLookup};
use model::i18n::{Locale, Msg};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "yucai_session";

/// Pages that need a login; a full page load without one is sent to the login page.
const LOGIN_REQUIRED: &[&str] = &[
    "/account",
    "/admin",
    "/manage",
    "/profile",
    "/learning",
    "/checkin",
];

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| {
            h.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                (k == name && !v.is_empty()).then(|| v.to_string())
            })
        })
}

pub fn request_locale(headers: &HeaderMap) -> Locale {
    cookie_value(headers, model::i18n::LANG_COOKIE)
        .map(|v| Locale::from_code(&v))
        .unwrap_or_default()
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie() -> HeaderValue {
    HeaderValue::from_static("yucai_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// A lecture or salon's check-in page (`/checkin/{session}/{code}`) asks for the phone
/// number registered with, so it opens without a login; a course's asks the trainee to log in.
async fn open_checkin(state: &AppState, path: &str) -> bool {
    let Some(session) = path
        .strip_prefix("/checkin/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse::<i32>().ok())
    else {
        return false;
    };
    domain::events::is_event_session(&state.services.db, session)
        .await
        .unwrap_or(false)
}

/// Resolves the actor once per request and puts it in the request's extensions, where
/// server functions, form routes and the JSON API read it.
pub async fn resolve_actor(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string());
    let cookie = cookie_value(req.headers(), SESSION_COOKIE);
    let token = bearer_token(req.headers()).or(cookie.clone());
    let mut actor = Actor {
        ip,
        scan_pass: cookie_value(req.headers(), domain::checkin::SCAN_PASS_COOKIE),
        ..Actor::default()
    };
    if let Some(token) = token {
        match accounts::resolve_session(&state.services.db, &token).await {
            Ok(SessionLookup::Valid(user)) => actor.user = Some(user),
            Ok(SessionLookup::Expired) => actor.session_expired = true,
            Err(e) => return app_error_response(req.headers(), e.into()),
        }
    }

    let path = req.uri().path().to_string();
    // A check-in code opened while current stays good for this browser through the login it
    // may lead to, and however long the confirmation takes.
    let scan_pass = if req.method() == Method::GET {
        scanned_pass(&state, &path)
    } else {
        None
    };
    let needs_login = req.method() == Method::GET
        && LOGIN_REQUIRED
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    let expired = actor.session_expired;
    if needs_login && actor.user.is_none() && !open_checkin(&state, &path).await {
        let here = req
            .uri()
            .path_and_query()
            .map(|pq| pq.as_str())
            .unwrap_or("/");
        let notice = if expired {
            Msg::NoticeSessionExpired
        } else {
            Msg::NoticeLoginRequired
        };
        let mut res = Redirect::to(&format!(
            "/login?next={}&notice={}",
            encode_component(here),
            notice.key()
        ))
        .into_response();
        if expired {
            res.headers_mut()
                .append(header::SET_COOKIE, clear_session_cookie());
        }
        if let Some(cookie) = scan_pass {
            res.headers_mut().append(header::SET_COOKIE, cookie);
        }
        return res;
    }

    let signed_in = actor.user.is_some();
    // Whatever answers the request (a JSON API error, an export's headings) speaks this language.
    let locale = request_locale(req.headers());
    req.extensions_mut().insert(locale);
    req.extensions_mut().insert(actor);
    let mut res = next.run(req).await;
    if expired && cookie.is_some() && !res.headers().contains_key(header::SET_COOKIE) {
        res.headers_mut()
            .append(header::SET_COOKIE, clear_session_cookie());
    }
    if let Some(cookie) = scan_pass {
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    // What a signed-in person sees is theirs: the browser must not keep it, so Back after
    // logging out (or another person at a shared phone) cannot show it again.
    if signed_in && !is_static_asset(&path) {
        res.headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    res
}

/// The cookie with a scan pass for `/checkin/{session}/{code}` when that code is current.
fn scanned_pass(state: &AppState, path: &str) -> Option<HeaderValue> {
    use domain::checkin::{SCAN_PASS_COOKIE, SCAN_PASS_MINUTES, scan_pass};
    let mut parts = path.strip_prefix("/checkin/")?.split('/');
    let session: i32 = parts.next()?.parse().ok()?;
    let code = parts.next()?;
    let pass = scan_pass(&state.services.keys, session, code, chrono::Utc::now())?;
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SCAN_PASS_COOKIE}={pass}; Path=/checkin; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        SCAN_PASS_MINUTES * 60
    ))
    .ok()
}

/// The built site's files (wasm, JavaScript, CSS, icons): the same for everyone.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/favicon.ico"
}

fn is_form_content(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| {
            let ct = ct.to_ascii_lowercase();
            ct.starts_with("application/x-www-form-urlencoded")
                || ct.starts_with("multipart/form-data")
                || ct.starts_with("text/plain")
        })
        .unwrap_or(false)
}

/// Form values across the redirect back to a form with messages (see [`domain::flash`]):
/// a response carrying [`PendingFlash`] has its values kept server-side under a new token,
/// given to the browser in an HttpOnly cookie; the GET of the page they belong to reads them
/// into the request (for [`FormState`](app::ui::components::form::FormState)) and ends the
/// cookie. A page showing them is never stored by the browser.
pub async fn form_flash(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    use domain::flash;
    let path = req.uri().path().to_string();
    let page =
        req.method() == Method::GET && !path.starts_with("/pkg/") && !path.starts_with("/api/");
    let mut taken = false;
    if page && let Some(token) = cookie_value(req.headers(), flash::COOKIE) {
        let svc = &state.services;
        match flash::take(&svc.db, &svc.keys, &token, &path).await {
            Ok(Some(values)) => {
                req.extensions_mut()
                    .insert(app::ui::components::form::FlashedValues(values));
                taken = true;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "kept form values could not be read back"),
        }
    }
    let mut res = next.run(req).await;
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    if let Some(pending) = res.extensions_mut().remove::<PendingFlash>() {
        let svc = &state.services;
        match flash::keep(&svc.db, &svc.keys, &pending.path, &pending.values).await {
            Ok(token) => {
                let cookie = format!(
                    "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
                    flash::COOKIE,
                    flash::LIFETIME.num_seconds()
                );
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    res.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            Err(e) => tracing::error!(error = %e, "form values could not be kept"),
        }
    } else if taken {
        let cookie = format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
            flash::COOKIE
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Refuses state-changing requests from another origin (CSRF). A browser always sends
/// `Origin` (or at least `Referer`) with a POST; it must be this site's. A request with
/// neither is refused when it carries a session cookie or is a form post, since only a
/// non-browser client (a script with a bearer token) legitimately sends none. A request the
/// browser marks `Sec-Fetch-Site: cross-site` is refused whatever it claims.
pub async fn same_origin(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
        .map(str::to_string)
        .or_else(|| {
            headers
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(crate::config::origin_of)
        });
    let allowed = |origin: &str| {
        let origin = origin.to_ascii_lowercase();
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        origin == state.config.public_origin()
            || (!host.is_empty()
                && (origin == format!("http://{host}") || origin == format!("https://{host}")))
    };
    // Browsers say where a request was made; one made by another site is refused whatever
    // its other headers claim.
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"));
    let ok = !cross_site
        && match &claimed {
            Some(origin) => allowed(origin),
            None => cookie_value(headers, SESSION_COOKIE).is_none() && !is_form_content(headers),
        };
    if ok {
        next.run(req).await
    } else {
        tracing::warn!(origin = ?claimed, path = %req.uri().path(), "refused a cross-origin state-changing request");
        let mut err = model::AppError::new(model::ErrorKind::Forbidden, Msg::ErrBadOrigin);
        err.kind = model::ErrorKind::Forbidden;
        app_error_response(req.headers(), err)
    }
}

/// An error as a response: JSON for API clients, a short page otherwise; always in the
/// user's language and never with internal details.
pub fn app_error_response(headers: &HeaderMap, err: model::AppError) -> Response {
    let locale = request_locale(headers);
    let status =
        StatusCode::from_u16(err.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = error_body(headers, &err, status, locale);
    retry_later_if_unavailable(status, res.headers_mut());
    res
}

/// A 503 (the database restarting or out of space) tells clients to try again shortly.
fn retry_later_if_unavailable(status: StatusCode, headers: &mut HeaderMap) {
    if status == StatusCode::SERVICE_UNAVAILABLE {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
}

fn error_body(
    headers: &HeaderMap,
    err: &model::AppError,
    status: StatusCode,
    locale: Locale,
) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
        || headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.contains("json"));
    if wants_json {
        (
            status,
            axum::Json(crate::api_v1::ErrorBody::new(err, locale)),
        )
            .into_response()
    } else {
        let title = locale.t(Msg::ErrorTitle);
        let text = err.text(locale);
        let home = locale.t(Msg::BackHome);
        let html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head><body><main class=\"page error-page\"><p class=\"error-code\">{}</p><h1>{title}</h1><p>{text}</p><a class=\"button primary\" href=\"/\">{home}</a></main></body></html>",
            locale.code(),
            status.as_u16(),
            css = app::stylesheet_href_known(),
        );
        (status, axum::response::Html(html)).into_response()
    }
}

/// Server functions answer every error with 500 (server_fn's own choice); this gives each the
/// status its kind means (403, 404, 409, 422, 429, 503…), as the JSON API does. The body, the
/// error as JSON, is left as it was; the app in the browser reads any 4xx or 5xx the same way.
pub async fn server_fn_status(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(err) = serde_json::from_slice::<model::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        retry_later_if_unavailable(parts.status, &mut parts.headers);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Security headers on every response.
pub async fn security_headers(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let status = res.status();
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    // The built site's files: those whose names carry their content's hash never change, so
    // browsers keep them for a year; the others are checked again each time.
    if path.starts_with("/pkg/") && status == StatusCode::OK {
        let hashed = path
            .rsplit('/')
            .next()
            .is_some_and(|f| f.split('.').count() >= 3);
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if hashed {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            }),
        );
    }
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "strict-origin-when-cross-origin");
    set(
        h,
        "permissions-policy",
        "camera=(self), geolocation=(), microphone=()",
    );
    // Pages set their own, naming the nonce of their inline script; the rest run none.
    static POLICY: std::sync::LazyLock<HeaderValue> = std::sync::LazyLock::new(|| {
        HeaderValue::from_str(&app::security::content_security_policy(None))
            .expect("the policy is plain text")
    });
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert_with(|| POLICY.clone());
    if state.config.secure_cookies() {
        set(h, "strict-transport-security", "max-age=31536000");
    }
    res
}

/// Ids from the path (`/courses/{id}`, `(id, session)`): a malformed one is a record that does
/// not exist, answered like any other 404 (JSON or the HTML error page, in the visitor's
/// language) rather than with the framework's parse message.
pub struct Ids<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Ids<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Ids(value)),
            Err(_) => {
                // The JSON API always answers JSON (its routes are nested, so look at the
                // original URI).
                let api = parts
                    .extensions
                    .get::<axum::extract::OriginalUri>()
                    .map_or(parts.uri.path(), |u| u.path())
                    .starts_with("/api/");
                let mut headers = parts.headers.clone();
                if api {
                    headers.insert(
                        header::ACCEPT,
                        header::HeaderValue::from_static("application/json"),
                    );
                }
                Err(app_error_response(
                    &headers,
                    domain::DomainError::NotFound.into(),
                ))
            }
        }
    }
}

/// The spreadsheet format named by the path's ending (`….xlsx` or `….csv`), so that one
/// handler serves both download routes of a list.
pub struct FileFormat(pub domain::rosters::ExportFormat);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for FileFormat {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        let format = parts
            .uri
            .path()
            .rsplit_once('.')
            .and_then(|(_, ext)| domain::rosters::ExportFormat::parse(ext));
        format
            .map(FileFormat)
            .ok_or_else(|| app_error_response(&parts.headers, domain::DomainError::NotFound.into()))
    }
}
