//! The route table: plain routes (health, forms, language, JSON API) first, then the Leptos
//! pages and server functions, then static files and the 404 page; middleware around it all.

use crate::{AppState, api_v1, forms, middleware};
use app::{App, shell};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

/// Largest request body accepted (forms and JSON; file uploads get their own limit).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The most an upload request may send at all; files over the upload limit
/// ([`domain::sheets::MAX_UPLOAD_BYTES`]) are refused with a message, up to this size.
pub const UPLOAD_BODY_LIMIT: usize = 32 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    // Known before the first page, so error pages drawn outside Leptos use it too.
    app::stylesheet_href(&state.leptos_options);
    let routes = generate_route_list(App);
    let services = state.services.clone();
    let context = move || provide_context(services.clone());
    let options = state.leptos_options.clone();
    let api = api_v1::routes();

    Router::new()
        .route("/healthz", get(health))
        .route("/login", post(forms::log_in))
        .route("/signup", post(forms::sign_up))
        .route("/reset/code", post(forms::reset_code))
        .route("/reset", post(forms::reset_password))
        .route("/logout", post(forms::log_out))
        .route("/account/password", post(forms::change_password))
        .route("/admin/users/{id}/role", post(forms::change_role))
        .route("/messages/read", post(forms::messages::mark_all_read))
        .route("/admin/messages/{id}/retry", post(forms::messages::retry))
        .route(
            "/admin/users/{id}/town",
            post(forms::dashboard::set_user_town),
        )
        .route(
            "/admin/users/{id}/selections",
            post(forms::dashboard::set_selection_right),
        )
        .route("/lang/{code}", get(forms::set_language))
        .route("/partners/apply", post(forms::partners::apply))
        .route("/profile", post(forms::trainees::save))
        .route("/courses/{id}/enrol", post(forms::enrolment::enrol))
        .route("/courses/{id}/withdraw", post(forms::enrolment::withdraw))
        .route(
            "/manage/partners/{id}/decision",
            post(forms::partners::decide),
        )
        .route(
            "/manage/partners/{id}/staff",
            post(forms::partners::add_staff),
        )
        .route("/courses/{id}/register", post(forms::events::register))
        .route("/tickets/{code}/cancel", post(forms::events::cancel))
        .route(
            "/manage/courses/{id}/registrations/{registration}/checkin",
            post(forms::events::staff_check_in),
        )
        .route(
            "/manage/courses/{id}/registrations.xlsx",
            get(forms::events::export),
        )
        .route(
            "/manage/courses/{id}/registrations.csv",
            get(forms::events::export),
        )
        .route(
            "/events/checkin/{session}/{code}",
            post(forms::events::self_check_in),
        )
        .route("/manage/hosts", post(forms::hosts::register))
        .route("/manage/hosts/{id}", post(forms::hosts::update))
        .route("/host", post(forms::hosts::save_own))
        .route("/manage/selections", post(forms::selections::open))
        .route(
            "/manage/selections/{id}/nominations",
            post(forms::selections::nominate),
        )
        .route(
            "/manage/selections/{id}/score",
            post(forms::selections::score),
        )
        .route(
            "/manage/selections/{id}/violations",
            post(forms::selections::record_violation),
        )
        .route(
            "/manage/selections/{id}/notice",
            post(forms::selections::start_notice),
        )
        .route(
            "/manage/selections/{id}/publish",
            post(forms::selections::publish),
        )
        .route(
            "/manage/selections/{id}/cancel",
            post(forms::selections::cancel),
        )
        .route(
            "/manage/objections/{id}/decision",
            post(forms::selections::decide_objection),
        )
        .route("/notices/{id}/objections", post(forms::selections::object))
        .route("/manage/agreements", post(forms::agreements::propose))
        .route(
            "/manage/agreements/{id}/confirm",
            post(forms::agreements::confirm),
        )
        .route(
            "/manage/agreements/{id}/cancel",
            post(forms::agreements::cancel),
        )
        .route("/manage/courses", post(forms::courses::create))
        .route("/manage/courses/{id}", post(forms::courses::update))
        .route(
            "/manage/courses/{id}/sessions",
            post(forms::courses::add_session),
        )
        .route(
            "/manage/courses/{id}/sessions/{session}",
            post(forms::courses::update_session),
        )
        .route(
            "/manage/courses/{id}/sessions/{session}/delete",
            post(forms::courses::delete_session),
        )
        .route("/manage/courses/{id}/action", post(forms::courses::act))
        .route(
            "/manage/courses/{id}/roster.xlsx",
            get(forms::rosters::export),
        )
        .route(
            "/manage/courses/{id}/roster.csv",
            get(forms::rosters::export),
        )
        .route(
            "/manage/courses/{id}/roster/{enrollment}/admit",
            post(forms::rosters::admit),
        )
        .route(
            "/manage/courses/{id}/roster/{enrollment}/remove",
            post(forms::rosters::remove),
        )
        .route(
            "/manage/courses/{id}/attendance/{session}",
            post(forms::attendance::save),
        )
        .route(
            "/manage/courses/{id}/attendance/rows/{enrollment}",
            post(forms::attendance::row),
        )
        .route(
            "/manage/courses/{id}/attendance.xlsx",
            get(forms::attendance::import_template),
        )
        .route(
            "/manage/courses/{id}/attendance/imports/{import}/apply",
            post(forms::attendance::import_apply),
        )
        .route(
            "/manage/courses/{id}/attendance/imports/{import}/discard",
            post(forms::attendance::import_discard),
        )
        .route(
            "/manage/courses/{id}/scores",
            post(forms::attendance::scores),
        )
        .route("/checkin/{session}/{code}", post(forms::checkin::check_in))
        .route(
            "/manage/courses/{id}/completion",
            post(forms::attendance::confirm),
        )
        .route(
            "/manage/courses/{id}/certificates/issue",
            post(forms::certificates::issue),
        )
        .route(
            "/manage/courses/{id}/certificates/provider",
            post(forms::certificates::provider),
        )
        .route(
            "/manage/courses/{id}/certificates.zip",
            get(forms::certificates::zip),
        )
        .route(
            "/manage/certificates/{id}/revoke",
            post(forms::certificates::revoke),
        )
        .route(
            "/manage/certificates/{id}/reissue",
            post(forms::certificates::reissue),
        )
        .route("/certificates/{id}/pdf", get(forms::certificates::pdf))
        .route(
            "/manage/imports/template.xlsx",
            get(forms::imports::template),
        )
        .route("/manage/imports/{id}/apply", post(forms::imports::apply))
        .route(
            "/manage/imports/{id}/discard",
            post(forms::imports::discard),
        )
        .route("/activate", post(forms::activate))
        .route("/places/{id}/apply", post(forms::placements::apply))
        .route("/manage/places", post(forms::placements::publish))
        .route("/manage/places/{id}", post(forms::placements::update))
        .route(
            "/manage/places/{id}/status",
            post(forms::placements::set_status),
        )
        .route(
            "/manage/placements/{id}/decision",
            post(forms::placements::decide),
        )
        .route("/manage/placements/{id}/end", post(forms::placements::end))
        .route("/outcomes", post(forms::outcomes::report))
        .route(
            "/manage/people/{id}/outcomes",
            post(forms::outcomes::record),
        )
        .route(
            "/manage/outcomes/{id}/verify",
            post(forms::outcomes::verify),
        )
        .route("/manage/follow-ups/{id}", post(forms::outcomes::follow_up))
        .route("/manage/follow-ups.xlsx", get(forms::outcomes::export))
        .route("/manage/follow-ups.csv", get(forms::outcomes::export))
        .route("/manage/bases.xlsx", get(forms::bases::export))
        .route("/manage/bases.csv", get(forms::bases::export))
        .route(
            "/manage/bases/{id}/events",
            post(forms::bases::record_event),
        )
        .route(
            "/manage/bases/{id}/events/{event}/delete",
            post(forms::bases::delete_event),
        )
        .route("/manage/dashboard.xlsx", get(forms::dashboard::export))
        .route("/manage/dashboard.csv", get(forms::dashboard::export))
        .route(
            "/manage/dashboard/people.xlsx",
            get(forms::dashboard::export_people),
        )
        .route(
            "/manage/dashboard/people.csv",
            get(forms::dashboard::export_people),
        )
        .route("/manage/audit.xlsx", get(forms::oversight::audit_log))
        .route("/manage/audit.csv", get(forms::oversight::audit_log))
        .route(
            "/manage/subsidies.xlsx",
            get(forms::oversight::subsidy_list),
        )
        .route("/manage/subsidies.csv", get(forms::oversight::subsidy_list))
        .route("/manage/targets", post(forms::dashboard::set_target))
        .route(
            "/manage/targets/{id}/delete",
            post(forms::dashboard::delete_target),
        )
        .merge(api.routes)
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        // Uploads have their own, larger limit (the handlers stop keeping bytes at the
        // upload limit and say so; this bound only stops a client sending without end).
        .merge(
            Router::new()
                .route("/manage/imports", post(forms::imports::upload))
                .route(
                    "/manage/courses/{id}/attendance/import",
                    post(forms::attendance::import_upload),
                )
                .merge(api.uploads)
                .layer(DefaultBodyLimit::disable())
                .layer(RequestBodyLimitLayer::new(UPLOAD_BODY_LIMIT)),
        )
        .layer(axum::middleware::from_fn(middleware::server_fn_status))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::form_flash,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::resolve_actor,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::page_cache::page_cache,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::same_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        // The browser bundle (wasm, its JavaScript, the CSS) and JSON go gzipped to clients
        // that accept it: on a phone's connection 345 KB of wasm becomes about a third.
        // Pages are left as they are, so each streamed part arrives as soon as it is rendered.
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .compress_when(compressible),
        )
        .with_state(state)
}

fn compressible(
    _: StatusCode,
    _: axum::http::Version,
    headers: &axum::http::HeaderMap,
    _: &axum::http::Extensions,
) -> bool {
    use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
    let value = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let kind = value(CONTENT_TYPE).unwrap_or_default();
    let small = value(CONTENT_LENGTH)
        .and_then(|n| n.parse::<u64>().ok())
        .is_some_and(|n| n < 1024);
    !small
        && [
            "application/wasm",
            "text/javascript",
            "application/javascript",
            "text/css",
            "application/json",
        ]
        .iter()
        .any(|k| kind.starts_with(k))
}

/// `GET /healthz`: 200 `{"status":"ok","db":"ok"}`, or 503 when the database does not answer.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match domain::db::ping(&state.services.db).await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "db": "ok" })),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "error", "db": "error" })),
            )
        }
    }
}
