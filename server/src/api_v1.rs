//! The JSON API under `/api/v1`, for the data exchange the bureau needs with other systems,
//! described by the OpenAPI document at `/api/v1/openapi.json`. Handlers are thin: actor →
//! one `domain::` call (with the same policy checks as the pages) → JSON.
//!
//! Clients authenticate with the token from `POST /api/v1/auth/login`, sent as
//! `Authorization: Bearer <token>`, or with the session cookie. Errors are
//! `{"error": {"code", "message", "fields"}}` in the language of the `yucai_lang` cookie
//! (Chinese by default).

use crate::AppState;
use crate::forms::{client, session_cookie};
use crate::middleware::{app_error_response, clear_session_cookie};
use app::domain::{Actor, DomainError};
use app::domain::{accounts, catalogue};
use app::i18n::Locale;
use app::model::AppError;
use app::model::accounts::{LogInInput, SessionUser};
use app::model::catalogue::{CataloguePage, CatalogueQuery, CourseDetail};
use axum::extract::State;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(title = "Yucai API", version = "1", description = "Yuzhou e-commerce talent training and incubation: JSON API."),
    paths(
        root, openapi_json, login, logout, me, search_courses, get_course,
        partners::apply, partners::list, partners::detail, partners::decide, partners::add_staff,
        agreements::list, agreements::propose, agreements::confirm, agreements::cancel,
        courses::list, courses::create, courses::record, courses::update, courses::act,
        courses::add_session, courses::update_session, courses::delete_session,
        enrolment::my_profile, enrolment::save_profile, enrolment::my_learning, enrolment::enrol,
        enrolment::withdraw, enrolment::reveal_id_number,
        rosters::roster, rosters::export, rosters::admit, rosters::remove,
        imports::upload, imports::view, imports::apply, imports::discard,
        attendance::sheet, attendance::record, attendance::completion_sheet,
        attendance::save_scores, attendance::confirm, attendance::checkin_screen,
        attendance::check_in, attendance::overview, attendance::record_row,
        attendance::import_template, attendance::import_upload, attendance::import_view,
        attendance::import_apply, attendance::import_discard,
        certificates::issuer, certificates::signed, certificates::search, certificates::list,
        certificates::issue, certificates::provider, certificates::zip, certificates::pdf,
        certificates::revoke, certificates::reissue, certificates::mine,
        placements::public, placements::page, placements::publish, placements::update,
        placements::set_status, placements::managed, placements::applications, placements::apply,
        placements::mine, placements::list, placements::decide, placements::end,
        outcomes::my_outcomes, outcomes::report, outcomes::my_record, outcomes::search, outcomes::person,
        outcomes::record, outcomes::verify, outcomes::work_list, outcomes::export,
        outcomes::follow_up,
        bases::list, bases::export, bases::report, bases::record_event, bases::delete_event,
        dashboard::figures, dashboard::people, dashboard::export_people, dashboard::export, dashboard::list_targets, dashboard::set_target,
        dashboard::delete_target,
        oversight::audit_log, oversight::audit_export, oversight::subsidy_list,
        oversight::subsidy_export,
        selections::list, selections::open, selections::detail, selections::update,
        selections::cancel, selections::nominate, selections::start_notice, selections::publish,
        selections::score, selections::record_violation, selections::decide_objection,
        selections::notices, selections::notice, selections::object,
        hosts::list, hosts::register, hosts::detail, hosts::update, hosts::mine, hosts::save_own,
        events::register, events::roster, events::staff_check_in, events::ticket, events::cancel,
        events::self_check_in,
    ),
    components(schemas(LoginRequest, LoginResponse, UserBody, ErrorBody, ErrorDetail, FieldErrorBody, Created, selections::Published, events::TicketCode, events::CheckedIn, events::EventCheckinBody)),
    modifiers(&BearerAuth, &Conventions),
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// What holds for every operation, written once instead of on each:
/// - any status an operation does not list is answered with an [`ErrorBody`] (401 without a
///   session, 403, 404, 422 for input it cannot read, 429, 503 while the database is out of
///   reach): documented as the `default` response;
/// - a file export answers CSV or .xlsx, as its `format` asks.
struct Conventions;

impl utoipa::Modify for Conventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use app::domain::rosters::ExportFormat;
        use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
        let error = ResponseBuilder::new()
            .description(
                "Any other answer: 401 login required, 403 not allowed, 404 not found, 409 \
                 conflict, 422 invalid input, 429 too many attempts, 503 the data is out of \
                 reach for a moment (nothing was changed; see Retry-After).",
            )
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(utoipa::openapi::Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                for response in op.responses.responses.values_mut() {
                    if let RefOr::T(r) = response
                        && let Some(file) = r.content.shift_remove("application/octet-stream")
                    {
                        for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
                            r.content
                                .insert(format.content_type().to_string(), file.clone());
                        }
                    }
                }
                op.responses
                    .responses
                    .entry("default".to_string())
                    .or_insert_with(|| RefOr::T(error.clone()));
            }
        }
    }
}

/// Reads a JSON body or answers the error (for the route modules below).
macro_rules! input {
    ($input:expr, $headers:expr) => {
        match body($input) {
            Ok(i) => i,
            Err(e) => return error(&$headers, e),
        }
    };
}

mod agreements;
pub mod attendance;
mod bases;
mod certificates;
mod courses;
mod dashboard;
mod enrolment;
mod events;
mod hosts;
pub mod imports;
mod outcomes;
mod oversight;
mod partners;
mod placements;
mod rosters;
mod selections;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(partners::router())
        .merge(agreements::router())
        .merge(courses::router())
        .merge(enrolment::router())
        .merge(rosters::router())
        .merge(imports::router())
        .merge(attendance::router())
        .merge(certificates::router())
        .merge(placements::router())
        .merge(outcomes::router())
        .merge(bases::router())
        .merge(dashboard::router())
        .merge(oversight::router())
        .merge(selections::router())
        .merge(hosts::router())
        .merge(events::router())
        .route("/", get(root))
        .route("/openapi.json", get(openapi_json))
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .route("/me", get(me))
        .route("/courses", get(search_courses))
        .route("/courses/{id}", get(get_course))
        .layer(axum::middleware::from_fn(json_rejections))
}

/// axum answers a request it cannot read (a query, path or body of the wrong shape, a wrong
/// content type) in plain text from its parser; the API answers those as every other error:
/// an [`ErrorBody`] in the caller's language, keeping the status.
pub(crate) async fn json_rejections(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut asked = HeaderMap::new();
    if let Some(cookie) = req.headers().get(header::COOKIE) {
        asked.insert(header::COOKIE, cookie.clone());
    }
    let res = next.run(req).await;
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("text/plain"));
    if !(res.status().is_client_error() && plain) {
        return res;
    }
    let mut answer = error(&asked, DomainError::Invalid(Vec::new()));
    *answer.status_mut() = res.status();
    answer
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid`, `unauthenticated`, `rate_limited`.
    code: String,
    /// The message in the request's language.
    message: String,
    fields: Vec<FieldErrorBody>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldErrorBody {
    field: String,
    message: String,
}

impl ErrorBody {
    pub fn new(err: &AppError, locale: Locale) -> Self {
        let code = serde_json::to_value(err.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        ErrorBody {
            error: ErrorDetail {
                code,
                message: err.text(locale),
                fields: err
                    .fields
                    .iter()
                    .map(|f| FieldErrorBody {
                        field: f.field.clone(),
                        message: locale.t(f.message).to_string(),
                    })
                    .collect(),
            },
        }
    }
}

/// The filter of a paged list: a status code, words, the page (from 1).
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A status code of the listed records, e.g. `pending` or `submitted`.
    status: Option<String>,
    /// Words in the name or title.
    #[serde(default)]
    q: String,
    page: Option<u64>,
}

/// The id of what was created.
#[derive(Serialize, ToSchema)]
pub struct Created {
    id: i32,
}

impl Created {
    fn response(id: i32) -> Response {
        (StatusCode::CREATED, Json(Created { id })).into_response()
    }
}

/// A value as JSON, or the error answer.
fn json<T: Serialize>(result: Result<T, DomainError>, headers: &HeaderMap) -> Response {
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => error(headers, e),
    }
}

/// 201 with the new id, or the error answer.
fn created(result: Result<i32, DomainError>, headers: &HeaderMap) -> Response {
    match result {
        Ok(id) => Created::response(id),
        Err(e) => error(headers, e),
    }
}

/// 204, or the error answer.
fn no_content(result: Result<(), DomainError>, headers: &HeaderMap) -> Response {
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(headers, e),
    }
}

/// A JSON body, or the error answer for one that is not valid JSON of the expected shape.
fn body<T>(
    input: Result<Json<T>, axum::extract::rejection::JsonRejection>,
) -> Result<T, DomainError> {
    match input {
        Ok(Json(value)) => Ok(value),
        Err(rejection) => {
            tracing::debug!(%rejection, "unreadable JSON body");
            Err(DomainError::field("body", app::i18n::Msg::ErrInvalidInput))
        }
    }
}

/// The answer to a login or sign-up: the bearer token, with the session cookie set too.
fn session_token_response(state: &AppState, session: &accounts::NewSession) -> Response {
    let cookie = session_cookie(state, session);
    let body = LoginResponse {
        token: session.token.clone(),
        expires_at: session.expires_at,
        user: accounts::session_user(&session.user).into(),
    };
    ([(header::SET_COOKIE, cookie)], Json(body)).into_response()
}

fn error(headers: &HeaderMap, err: DomainError) -> Response {
    let mut headers = headers.clone();
    headers.insert(header::ACCEPT, "application/json".parse().expect("static"));
    app_error_response(&headers, err.into())
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    /// 11-digit mainland China mobile number.
    #[schema(example = "13800000000")]
    phone: String,
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct UserBody {
    id: i32,
    /// The phone number masked as `138****0000`.
    phone_masked: String,
    display_name: Option<String>,
    /// `trainee`, `partner_staff`, `bureau_admin` or `bureau_viewer`.
    role: String,
    organisation_id: Option<i32>,
    town_id: Option<i32>,
}

impl From<SessionUser> for UserBody {
    fn from(u: SessionUser) -> Self {
        UserBody {
            id: u.id,
            phone_masked: u.phone_masked,
            display_name: u.display_name,
            role: u.role.as_str().to_string(),
            organisation_id: u.organisation_id,
            town_id: u.town_id,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`.
    token: String,
    expires_at: chrono::DateTime<chrono::Utc>,
    user: UserBody,
}

#[derive(Serialize)]
struct RootBody {
    name: &'static str,
    version: &'static str,
    openapi: &'static str,
}

/// The API's entry point.
#[utoipa::path(get, path = "/api/v1", responses((status = 200, description = "API name and where its description is")))]
async fn root() -> impl IntoResponse {
    Json(RootBody {
        name: "yucai",
        version: "1",
        openapi: "/api/v1/openapi.json",
    })
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", responses((status = 200, description = "OpenAPI 3 document")))]
async fn openapi_json() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

/// Log in with phone and password; returns a bearer token (and sets the session cookie).
#[utoipa::path(post, path = "/api/v1/auth/login", request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse),
    (status = 409, description = "wrong phone or password", body = ErrorBody),
    (status = 422, description = "malformed input", body = ErrorBody),
    (status = 429, description = "too many attempts", body = ErrorBody),
))]
async fn login(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Json(body): Json<LoginRequest>,
) -> Response {
    let input = LogInInput {
        phone: body.phone,
        password: body.password,
    };
    match accounts::log_in(&state.services, input, &client(&actor, &headers)).await {
        Ok(session) => session_token_response(&state, &session),
        Err(e) => error(&headers, e),
    }
}

/// End the session of the token or cookie sent.
#[utoipa::path(post, path = "/api/v1/auth/logout", responses((status = 204)), security(("bearer" = [])))]
async fn logout(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    match accounts::log_out(&state.services.db, &actor).await {
        Ok(()) => (
            StatusCode::NO_CONTENT,
            [(header::SET_COOKIE, clear_session_cookie())],
        )
            .into_response(),
        Err(e) => error(&headers, e),
    }
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = UserBody), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn me(Extension(actor): Extension<Actor>, headers: HeaderMap) -> Response {
    match &actor.user {
        Some(user) => Json(UserBody::from(accounts::session_user(user))).into_response(),
        None => error(&headers, DomainError::Unauthenticated),
    }
}

/// Search the public course catalogue (no login needed). Filters as on the catalogue page;
/// values that do not parse are ignored, like the page does.
#[utoipa::path(get, path = "/api/v1/courses", params(CatalogueQuery), responses((status = 200, body = CataloguePage)))]
async fn search_courses(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let query = CatalogueQuery::from_params(|k| params.get(k).cloned());
    match catalogue::search(&state.services.db, &actor, &query).await {
        Ok(page) => Json(page).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// A public course with its sessions.
#[utoipa::path(get, path = "/api/v1/courses/{id}", params(("id" = i32, Path, description = "Course id")), responses(
    (status = 200, body = CourseDetail),
    (status = 404, description = "no such public course", body = ErrorBody),
))]
async fn get_course(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    // A malformed id is simply a course that does not exist.
    let Ok(id) = id.parse::<i32>() else {
        return error(&headers, app::domain::DomainError::NotFound);
    };
    match catalogue::course(&state.services.db, &actor, id).await {
        Ok(course) => Json(course).into_response(),
        Err(e) => error(&headers, e),
    }
}
