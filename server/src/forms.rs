//! The routes behind the HTML forms (log in, sign up, log out, change password, change a
//! role, switch language). They are plain POSTs answered by a redirect, so they work with and
//! without JavaScript and can set cookies reliably. Each is a thin adapter: actor → one
//! `domain::` call → a redirect to the next page, or back to the form with its messages.

use crate::AppState;
use crate::middleware::Ids;
use crate::middleware::{SESSION_COOKIE, clear_session_cookie};
use app::ui::{encode_component, safe_next};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use domain::accounts::{self, Client, NewSession};
use domain::rosters::{Download, DownloadBody};
use domain::{Actor, DomainError, recovery};
use model::accounts::{
    ActivateInput, ChangePasswordInput, LogInInput, ResetCodeInput, ResetInput, SignUpInput,
};
use model::i18n::{Locale, Msg};
use model::{AppError, ErrorKind, Role};
use serde::Deserialize;

pub mod agreements;
pub mod attendance;
pub mod bases;
pub mod certificates;
pub mod checkin;
pub mod courses;
pub mod dashboard;
pub mod enrolment;
pub mod events;
pub mod hosts;
pub mod imports;
pub mod messages;
pub mod outcomes;
pub mod oversight;
pub mod partners;
pub mod placements;
pub mod rosters;
pub mod selections;
pub mod trainees;

pub fn client(actor: &Actor, headers: &HeaderMap) -> Client {
    Client {
        ip: actor.ip.clone(),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        session_id: actor.user.as_ref().map(|u| u.session_id),
    }
}

/// The `Set-Cookie` value for a new session.
pub fn session_cookie(state: &AppState, session: &NewSession) -> HeaderValue {
    let max_age = (session.expires_at - chrono::Utc::now())
        .num_seconds()
        .max(0);
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        session.token
    ))
    .expect("a base64url token is a valid header value")
}

fn redirect_with_cookie(to: &str, cookie: HeaderValue) -> Response {
    let mut res = Redirect::to(to).into_response();
    res.headers_mut().append(header::SET_COOKIE, cookie);
    res
}

/// What a failed form post typed, waiting for [`crate::middleware::form_flash`] to keep it
/// server-side for the page the response redirects to (never in the URL).
#[derive(Clone, Debug)]
pub struct PendingFlash {
    pub path: String,
    pub values: Vec<(String, String)>,
}

/// The longest `next` target kept in the URL when a form goes back with its messages.
const NEXT_MAX: usize = 512;

/// Fields that say where the form was, not what a person typed: a path to go on to, and the
/// id of the row whose form it was (on pages with a form per row). They stay in the URL.
const PLACE_KEYS: &[&str] = &["next", "row"];

/// Back to the form at `path`, keeping `keep` (never passwords) and adding the messages.
fn back_to_form(path: &str, keep: &[(&str, &str)], err: DomainError) -> Response {
    let pairs: Vec<(String, String)> = keep
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    back_with(path, &pairs, err)
}

/// Back to the form at `path` (which may carry its own query) with the messages in the URL
/// (message keys only) and the posted values (minus passwords) kept server-side for the page;
/// to the login page if the session has ended.
pub(crate) fn back_with(path: &str, keep: &[(String, String)], err: DomainError) -> Response {
    if matches!(err, DomainError::Unauthenticated) {
        return login_redirect(path.split('?').next().unwrap_or("/"));
    }
    let err: AppError = err.into();
    let place = |k: &str| PLACE_KEYS.contains(&k);
    let values: Vec<(String, String)> = keep
        .iter()
        .filter(|(k, v)| !(v.is_empty() || place(k) || k.contains("password")))
        .cloned()
        .collect();
    // "/" is where a form goes anyway; leave it out of the URL.
    let mut query: Vec<(String, String)> = keep
        .iter()
        .filter(|(k, v)| place(k) && !v.is_empty() && v != "/" && v.len() <= NEXT_MAX)
        .cloned()
        .collect();
    if err.kind == ErrorKind::Invalid {
        for f in &err.fields {
            query.push((format!("err_{}", f.field), f.message.key().to_string()));
        }
    } else {
        query.push(("error".into(), err.message.key().into()));
        if let Some(n) = err.n {
            query.push(("n".into(), n.to_string()));
        }
    }
    let query: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (path, String::new()),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut res =
        Redirect::to(&format!("{path}{sep}{}{fragment}", query.join("&"))).into_response();
    if !values.is_empty() {
        res.extensions_mut().insert(PendingFlash {
            path: path.to_string(),
            values,
        });
    }
    res
}

/// After a successful post: to `to` with a notice.
pub(crate) fn done(to: &str, notice: Msg) -> Response {
    Redirect::to(&with_notice(to, notice)).into_response()
}

pub(crate) fn login_redirect(next: &str) -> Response {
    Redirect::to(&format!(
        "/login?next={}&notice={}",
        encode_component(next),
        Msg::NoticeLoginRequired.key()
    ))
    .into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn log_in(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(form.next);
    let input = LogInInput {
        phone: form.phone.clone(),
        password: form.password,
    };
    match accounts::log_in(&state.services, input, &client(&actor, &headers)).await {
        Ok(session) => redirect_with_cookie(&next, session_cookie(&state, &session)),
        Err(e) => back_to_form("/login", &[("phone", &form.phone), ("next", &next)], e),
    }
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(flatten)]
    input: SignUpInput,
    next: Option<String>,
}

/// `next` with a notice added to its query (before any `#fragment`).
fn with_notice(next: &str, notice: Msg) -> String {
    let (path, fragment) = match next.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (next, String::new()),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}notice={}{fragment}", notice.key())
}

pub async fn sign_up(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Form(form): Form<SignUpForm>,
) -> Response {
    let next = safe_next(form.next);
    let phone = form.input.phone.clone();
    // With nowhere in particular to go, a new trainee's next step is the real-name profile
    // (needed to enrol), then the courses.
    let after = if next == "/" {
        "/profile?next=%2Fcourses".to_string()
    } else {
        next.clone()
    };
    match accounts::sign_up(&state.services, form.input, &client(&actor, &headers)).await {
        Ok(session) => redirect_with_cookie(
            &with_notice(&after, Msg::NoticeSignedUp),
            session_cookie(&state, &session),
        ),
        Err(e) => back_to_form("/signup", &[("phone", &phone), ("next", &next)], e),
    }
}

/// `POST /activate`: the first password of an imported account.
pub async fn activate(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Form(input): Form<ActivateInput>,
) -> Response {
    let phone = input.phone.clone();
    match accounts::activate(&state.services, input, &client(&actor, &headers)).await {
        Ok(session) => redirect_with_cookie(
            &with_notice("/learning", Msg::NoticeActivated),
            session_cookie(&state, &session),
        ),
        Err(e) => back_to_form("/activate", &[("phone", &phone)], e),
    }
}

/// `POST /reset/code`: a code to the phone (when it has an account; the answer is the same).
pub async fn reset_code(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Form(input): Form<ResetCodeInput>,
) -> Response {
    let phone = input.phone.clone();
    let keep = [("phone".to_string(), phone.clone())];
    match recovery::request_code(&state.services, input, &client(&actor, &headers)).await {
        Ok(()) => {
            let mut res = done("/reset?step=code", Msg::ResetCodeSent);
            res.extensions_mut().insert(PendingFlash {
                path: "/reset".into(),
                values: keep.to_vec(),
            });
            res
        }
        Err(e) => back_with("/reset", &keep, e),
    }
}

/// `POST /reset`: the code and a new password; signs in.
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Form(input): Form<ResetInput>,
) -> Response {
    let keep = [("phone".to_string(), input.phone.clone())];
    match recovery::reset_password(&state.services, input, &client(&actor, &headers)).await {
        Ok(session) => redirect_with_cookie(
            &with_notice("/", Msg::ResetDone),
            session_cookie(&state, &session),
        ),
        Err(e) => back_with("/reset?step=code", &keep, e),
    }
}

pub async fn log_out(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Response {
    if let Err(e) = accounts::log_out(&state.services.db, &actor).await {
        tracing::error!(error = %e, "log out failed");
    }
    let mut res = redirect_with_cookie(
        &format!("/?notice={}", Msg::NoticeLoggedOut.key()),
        clear_session_cookie(),
    );
    // Pages the browser kept from before (Back) go with the session.
    res.headers_mut().insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\""),
    );
    res
}

pub async fn change_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(input): Form<ChangePasswordInput>,
) -> Response {
    match accounts::change_password(&state.services, &actor, input).await {
        Ok(()) => Redirect::to(&format!(
            "/account?notice={}",
            Msg::NoticePasswordChanged.key()
        ))
        .into_response(),
        Err(DomainError::Unauthenticated) => login_redirect("/account"),
        Err(e) => back_to_form("/account", &[], e),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn change_role(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(user_id): Ids<i32>,
    Form(form): Form<RoleForm>,
) -> Response {
    let Some(role) = Role::ALL.iter().copied().find(|r| r.as_str() == form.role) else {
        return back_to_form(
            "/admin/users",
            &[],
            DomainError::field("role", Msg::ErrInvalidInput),
        );
    };
    match accounts::change_role(&state.services.db, &actor, user_id, role).await {
        Ok(()) => Redirect::to(&format!(
            "/admin/users?notice={}",
            Msg::NoticeRoleChanged.key()
        ))
        .into_response(),
        Err(DomainError::Unauthenticated) => login_redirect("/admin/users"),
        Err(e) => back_to_form("/admin/users", &[], e),
    }
}

#[derive(Deserialize)]
pub struct LangQuery {
    next: Option<String>,
}

/// `/lang/en?next=/login`: remembers the language for a year and goes back.
pub async fn set_language(Path(code): Path<String>, Query(q): Query<LangQuery>) -> Response {
    let locale = Locale::from_code(&code);
    let cookie = format!(
        "{}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        model::i18n::LANG_COOKIE,
        locale.code()
    );
    redirect_with_cookie(
        &safe_next(q.next),
        HeaderValue::from_str(&cookie).expect("ASCII cookie"),
    )
}

/// A file download: not cached anywhere (it holds people's data), named in UTF-8.
pub fn download_response(d: Download) -> Response {
    let ascii: String = d
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        encode_component(&d.file_name)
    );
    let body = match d.body {
        DownloadBody::Whole(bytes) => axum::body::Body::from(bytes),
        // Sent as it is written; an error from the writer aborts the response, so a file that
        // could not be finished never arrives looking whole.
        DownloadBody::Streamed(mut chunks) => {
            axum::body::Body::from_stream(futures_util::stream::poll_fn(move |cx| {
                chunks.poll_recv(cx)
            }))
        }
    };
    let mut res = (StatusCode::OK, body).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(d.content_type),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// An export's answer on the pages: the file, or back to `here` (the page it was asked from)
/// with what went wrong, or to the login page.
pub fn download_or_back(result: Result<Download, DomainError>, here: &str) -> Response {
    match result {
        Ok(d) => download_response(d),
        Err(DomainError::Unauthenticated) => login_redirect(here),
        Err(e) => back_with(here, &[], e),
    }
}
