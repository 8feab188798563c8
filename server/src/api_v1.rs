//! The JSON API under `/api/v1`, for the data exchange the bureau needs with other systems,
//! described by the OpenAPI document at `/api/v1/openapi.json`. Handlers are thin: actor →
//! one `domain::` call (with the same policy checks as the pages) → JSON.
//!
//! Clients authenticate with the token from `POST /api/v1/auth/login`, sent as
//! `Authorization: Bearer <token>`, or with the session cookie. Errors are
//! `{"error": {"code", "message", "fields"}}` in the language of the `yucai_lang` cookie
//! (Chinese by default).

use crate::AppState;
use crate::forms::{client, download_response, session_cookie};
use crate::middleware::{clear_session_cookie, request_locale};
use axum::extract::State;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router};
use domain::rosters::Download;
use domain::{Actor, DomainError};
use domain::{accounts, catalogue, recovery};
use model::AppError;
use model::accounts::{ActivateInput, LogInInput, ResetCodeInput, ResetInput, SessionUser};
use model::catalogue::{CataloguePage, CatalogueQuery, CourseDetail};
use model::i18n::Locale;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The parts of the document that are not operations: schemas named by hand, the bearer scheme.
/// The operations come from the routes themselves ([`build`]).
#[derive(OpenApi)]
#[openapi(
    info(title = "Yucai API", version = "1", description = "Yuzhou e-commerce talent training and incubation: JSON API."),
    components(schemas(LoginRequest, LoginResponse, UserBody, ErrorBody, ErrorDetail, FieldErrorBody, Created, selections::Published, events::TicketCode, events::CheckedIn, events::EventCheckinBody)),
    modifiers(&BearerAuth),
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
        use domain::rosters::ExportFormat;
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
        for op in operations(openapi) {
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

/// Every operation of a document.
fn operations(
    openapi: &mut utoipa::openapi::OpenApi,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    openapi.paths.paths.values_mut().flat_map(|item| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
    })
}

mod agreements;
mod attendance;
mod bases;
mod certificates;
mod courses;
mod dashboard;
mod enrolment;
mod events;
mod hosts;
mod imports;
mod messages;
mod outcomes;
mod oversight;
mod partners;
mod placements;
mod rosters;
mod selections;

/// The API's routes, in two parts: `routes` under the ordinary body limit, `uploads` (spreadsheet
/// files) under the upload limit. The server mounts both as they are (their paths are whole).
pub struct Routes {
    pub routes: Router<AppState>,
    pub uploads: Router<AppState>,
}

pub fn routes() -> Routes {
    let (routes, uploads, _) = build();
    Routes {
        routes: routes.layer(axum::middleware::from_fn(api_errors)),
        uploads: uploads.layer(axum::middleware::from_fn(api_errors)),
    }
}

/// The OpenAPI document, made once from the same declarations as the routes.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| build().2);
    &DOCUMENT
}

/// Each route and its OpenAPI entry are declared together (`routes!` reads the handler's
/// `#[utoipa::path]`), so no route exists undocumented and no documented one is missing. Each
/// area's operations carry its name as their tag.
fn build() -> (Router<AppState>, Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(area(
            "api",
            OpenApiRouter::new()
                .routes(routes!(root))
                .routes(routes!(openapi_json)),
        ))
        .merge(area(
            "auth",
            OpenApiRouter::new()
                .routes(routes!(login))
                .routes(routes!(reset_code))
                .routes(routes!(reset_password))
                .routes(routes!(activate))
                .routes(routes!(logout))
                .routes(routes!(me)),
        ))
        .merge(area(
            "catalogue",
            OpenApiRouter::new()
                .routes(routes!(search_courses))
                .routes(routes!(get_course)),
        ))
        .merge(area("partners", partners::router()))
        .merge(area("agreements", agreements::router()))
        .merge(area("courses", courses::router()))
        .merge(area("enrolment", enrolment::router()))
        .merge(area("rosters", rosters::router()))
        .merge(area("imports", imports::router()))
        .merge(area("attendance", attendance::router()))
        .merge(area("certificates", certificates::router()))
        .merge(area("placements", placements::router()))
        .merge(area("outcomes", outcomes::router()))
        .merge(area("bases", bases::router()))
        .merge(area("dashboard", dashboard::router()))
        .merge(area("oversight", oversight::router()))
        .merge(area("selections", selections::router()))
        .merge(area("hosts", hosts::router()))
        .merge(area("events", events::router()))
        .merge(area("messages", messages::router()))
        .split_for_parts();
    let (uploads, upload_doc) = OpenApiRouter::new()
        .merge(area("imports", imports::uploads()))
        .merge(area("attendance", attendance::uploads()))
        .split_for_parts();
    doc.merge(upload_doc);
    utoipa::Modify::modify(&Conventions, &mut doc);
    (routes, uploads, doc)
}

/// An area's routes with its name as the tag of each of their operations.
fn area(tag: &str, mut router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    for op in operations(router.get_openapi_mut()) {
        op.tags = Some(vec![tag.to_string()]);
    }
    router
}

/// An error answered by the API: the status of its kind (with `Retry-After` while the database
/// is out of reach) and an [`ErrorBody`] in the request's language. Handlers return
/// [`ApiResult`] and use `?` on domain calls.
#[derive(Debug)]
pub struct ApiError(pub AppError);

pub type ApiResult<T> = Result<T, ApiError>;

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        ApiError(e.into())
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

/// An error whose body is still to be written: [`api_errors`] writes it in the language of the
/// request, which the response itself does not know.
#[derive(Clone)]
struct Unwritten(AppError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = status.into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        res.extensions_mut().insert(Unwritten(self.0));
        res
    }
}

/// Writes every error of the API as an [`ErrorBody`] in the request's language (the
/// [`Locale`] the middleware put on the request): those of the handlers ([`ApiError`]), and
/// those axum answers in plain text when it cannot read a request (a query or path of the
/// wrong shape, a wrong content type), keeping their status.
async fn api_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let locale = req
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_else(|| request_locale(req.headers()));
    let mut res = next.run(req).await;
    let err = match res.extensions_mut().remove::<Unwritten>() {
        Some(Unwritten(err)) => err,
        None => {
            let plain = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|c| c.starts_with("text/plain"));
            if !(res.status().is_client_error() && plain) {
                return res;
            }
            DomainError::Invalid(Vec::new()).into()
        }
    };
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = Json(ErrorBody::new(&err, locale)).into_response();
    let (body_parts, body) = body.into_parts();
    if let Some(kind) = body_parts.headers.get(header::CONTENT_TYPE) {
        parts.headers.insert(header::CONTENT_TYPE, kind.clone());
    }
    Response::from_parts(parts, body)
}

/// A JSON request body. One that is not valid JSON of the expected shape is answered 422 with
/// the field `body` (413 if it is too large), in the request's language.
pub struct Body<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for Body<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "unreadable JSON body");
                let status = rejection.status();
                if status == StatusCode::PAYLOAD_TOO_LARGE {
                    let mut res = ApiError::from(DomainError::Invalid(Vec::new())).into_response();
                    *res.status_mut() = status;
                    return Err(res);
                }
                Err(ApiError::from(DomainError::field(
                    "body",
                    model::i18n::Msg::ErrInvalidInput,
                ))
                .into_response())
            }
        }
    }
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
// Answered with 201 Created (its `IntoResponse`).
#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i32,
}

impl IntoResponse for Created {
    fn into_response(self) -> Response {
        (StatusCode::CREATED, Json(self)).into_response()
    }
}

/// 204 No Content: done, nothing to say.
pub struct Done;

impl IntoResponse for Done {
    fn into_response(self) -> Response {
        StatusCode::NO_CONTENT.into_response()
    }
}

/// A file to download (an export), with its name and type.
pub struct File(pub Download);

impl IntoResponse for File {
    fn into_response(self) -> Response {
        download_response(self.0)
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
async fn root() -> Json<RootBody> {
    Json(RootBody {
        name: "yucai",
        version: "1",
        openapi: "/api/v1/openapi.json",
    })
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", responses((status = 200, description = "OpenAPI 3 document")))]
async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document())
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
    Body(body): Body<LoginRequest>,
) -> ApiResult<Response> {
    let input = LogInInput {
        phone: body.phone,
        password: body.password,
    };
    let session = accounts::log_in(&state.services, input, &client(&actor, &headers)).await?;
    Ok(session_token_response(&state, &session))
}

/// Send a password-reset code by SMS to the phone, when it has an account. The answer is the
/// same either way (202), so it tells nobody whether a number is registered. One request a
/// minute and ten a day per phone, thirty an hour per address (429 with the wait).
#[utoipa::path(post, path = "/api/v1/auth/reset/code", request_body = ResetCodeInput, responses(
    (status = 202, description = "a code is on its way if the number has an account"),
    (status = 422, description = "not a mobile number", body = ErrorBody),
    (status = 429, description = "asked too often", body = ErrorBody),
))]
async fn reset_code(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Body(body): Body<ResetCodeInput>,
) -> ApiResult<StatusCode> {
    recovery::request_code(&state.services, body, &client(&actor, &headers)).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Set a new password with the code sent by SMS: every session of the account ends and a new
/// one starts (its bearer token is returned). A wrong code costs one of its five tries; the
/// message says how many are left.
#[utoipa::path(post, path = "/api/v1/auth/reset", request_body = ResetInput, responses(
    (status = 200, body = LoginResponse),
    (status = 409, description = "the account is disabled", body = ErrorBody),
    (status = 422, description = "a wrong, expired or malformed code, or a weak password", body = ErrorBody),
))]
async fn reset_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Body(body): Body<ResetInput>,
) -> ApiResult<Response> {
    let session =
        recovery::reset_password(&state.services, body, &client(&actor, &headers)).await?;
    Ok(session_token_response(&state, &session))
}

/// First login of an account a training provider imported: the phone and the activation code
/// the provider printed set its password and start a session (its bearer token is returned).
/// A wrong phone or code, an expired or used code and an account that already has a password
/// all get the same answer, and count towards the lock on the phone.
#[utoipa::path(post, path = "/api/v1/auth/activate", request_body = ActivateInput, responses(
    (status = 200, body = LoginResponse),
    (status = 409, description = "no such imported account with that code, or it is disabled", body = ErrorBody),
    (status = 422, description = "a malformed phone or code, or a weak password", body = ErrorBody),
    (status = 429, description = "too many attempts", body = ErrorBody),
))]
async fn activate(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Body(body): Body<ActivateInput>,
) -> ApiResult<Response> {
    let session = accounts::activate(&state.services, body, &client(&actor, &headers)).await?;
    Ok(session_token_response(&state, &session))
}

/// End the session of the token or cookie sent.
#[utoipa::path(post, path = "/api/v1/auth/logout", responses((status = 204)), security(("bearer" = [])))]
async fn logout(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<impl IntoResponse> {
    accounts::log_out(&state.services.db, &actor).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_session_cookie())],
    ))
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = UserBody), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn me(Extension(actor): Extension<Actor>) -> ApiResult<Json<UserBody>> {
    let user = actor.user.as_ref().ok_or(DomainError::Unauthenticated)?;
    Ok(Json(UserBody::from(accounts::session_user(user))))
}

/// Search the public course catalogue (no login needed). Filters as on the catalogue page;
/// values that do not parse are ignored, like the page does.
#[utoipa::path(get, path = "/api/v1/courses", params(CatalogueQuery), responses((status = 200, body = CataloguePage)))]
async fn search_courses(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<CataloguePage>> {
    let query = CatalogueQuery::from_params(|k| params.get(k).cloned());
    Ok(Json(
        catalogue::search(&state.services.db, &actor, &query).await?,
    ))
}

/// A public course with its sessions.
#[utoipa::path(get, path = "/api/v1/courses/{id}", params(("id" = i32, Path, description = "Course id")), responses(
    (status = 200, body = CourseDetail),
    (status = 404, description = "no such public course", body = ErrorBody),
))]
async fn get_course(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
) -> ApiResult<Json<CourseDetail>> {
    // A malformed id is simply a course that does not exist.
    let id = id.parse::<i32>().map_err(|_| DomainError::NotFound)?;
    Ok(Json(
        catalogue::course(&state.services.db, &actor, id).await?,
    ))
}
