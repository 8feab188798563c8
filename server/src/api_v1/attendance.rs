//! `/api/v1` for attendance taken by staff (a session's sheet, marks for a session), scores and
//! the completion confirmation.

use super::{ErrorBody, body, error};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::{Actor, DomainError, attendance, attendance_import, checkin, completion};
use app::i18n::Msg;
use app::model::attendance::{
    AttendanceImportView, AttendanceOverview, AttendanceSheet, MarksInput, MarksSaved,
    RowMarksInput,
};
use app::model::completion::{CompletionResult, CompletionSheet, ScoresInput};
use axum::Extension;
use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::put};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{id}/attendance", get(sheet))
        .route("/courses/{id}/sessions/{session}/attendance", put(record))
        .route(
            "/courses/{id}/completion",
            get(completion_sheet).post(confirm),
        )
        .route("/courses/{id}/scores", put(save_scores))
        .route(
            "/courses/{id}/sessions/{session}/checkin",
            get(checkin_screen),
        )
        .route("/sessions/{session}/checkin", axum::routing::post(check_in))
        .route("/courses/{id}/attendance/overview", get(overview))
        .route(
            "/courses/{id}/attendance/rows/{enrollment}",
            put(record_row),
        )
        .route("/courses/{id}/attendance/template", get(import_template))
        .route(
            "/courses/{id}/attendance/imports/{import}",
            get(import_view).delete(import_discard),
        )
        .route(
            "/courses/{id}/attendance/imports/{import}/apply",
            axum::routing::post(import_apply),
        )
}

/// A course's attendance at a glance: every enrolled trainee by every session, with marks and
/// hours.
#[utoipa::path(get, path = "/api/v1/courses/{id}/attendance/overview", params(("id" = i32, Path)), responses(
    (status = 200, body = AttendanceOverview), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn overview(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match attendance::overview(&state.services.db, &actor, id).await {
        Ok(o) => Json(o).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// One trainee's mark for every session begun so far (or only the unmarked ones), all or none.
#[utoipa::path(put, path = "/api/v1/courses/{id}/attendance/rows/{enrollment}", params(("id" = i32, Path), ("enrollment" = i32, Path)),
    request_body = RowMarksInput, responses(
    (status = 200, body = MarksSaved), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "no session has begun, the course is not taking attendance, or the trainee is not on the course", body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn record_row(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, enrollment)): Ids<(i32, i32)>,
    input: Result<Json<RowMarksInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match attendance::record_row(&state.services.db, &actor, id, enrollment, input).await {
        Ok(saved) => Json(saved).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// The course's attendance as an .xlsx to fill in and upload: enrolment number, name, masked
/// ID number and a column per session.
#[utoipa::path(get, path = "/api/v1/courses/{id}/attendance/template", params(("id" = i32, Path)), responses(
    (status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
    (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn import_template(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    let locale = crate::middleware::request_locale(&headers);
    match attendance_import::template(&state.services.db, &actor, id, locale).await {
        Ok(d) => crate::forms::rosters::download_response(d),
        Err(e) => error(&headers, e),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendanceUploadQuery {
    /// The file's name, for the record.
    file_name: Option<String>,
}

/// Uploads a sheet of attendance (.xlsx or CSV, the request body) and returns its preview:
/// per trainee the marks that would be new, corrected or unchanged, and every problem. Nothing
/// is saved but the preview.
#[utoipa::path(post, path = "/api/v1/courses/{id}/attendance/imports", params(("id" = i32, Path), AttendanceUploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the .xlsx or .csv file"),
    responses(
    (status = 201, body = AttendanceImportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "the course is not taking attendance", body = ErrorBody),
    (status = 422, description = "not a spreadsheet, too large, no trainee or session columns", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn import_upload(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    Query(q): Query<AttendanceUploadQuery>,
    body: Body,
) -> Response {
    let Some(bytes) = super::imports::read_limited(body).await else {
        return error(&headers, DomainError::field("file", Msg::ErrFileTooLarge));
    };
    let name = q.file_name.unwrap_or_else(|| "upload".to_string());
    let svc = &state.services;
    let import = match attendance_import::preview(svc, &actor, id, &name, &bytes).await {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match attendance_import::view(svc, &actor, id, import).await {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// An attendance import's preview, or what applying it did.
#[utoipa::path(get, path = "/api/v1/courses/{id}/attendance/imports/{import}", params(("id" = i32, Path), ("import" = i32, Path)), responses(
    (status = 200, body = AttendanceImportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn import_view(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, import)): Ids<(i32, i32)>,
) -> Response {
    match attendance_import::view(&state.services, &actor, id, import).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Applies a previewed attendance import: every row checked again and every mark saved in one
/// transaction, or nothing saved (409, and the preview shows the new problems).
#[utoipa::path(post, path = "/api/v1/courses/{id}/attendance/imports/{import}/apply", params(("id" = i32, Path), ("import" = i32, Path)), responses(
    (status = 200, body = MarksSaved), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "rows with errors, already applied or discarded, or changed since the preview", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn import_apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, import)): Ids<(i32, i32)>,
) -> Response {
    match attendance_import::apply(&state.services, &actor, id, import).await {
        Ok(saved) => Json(saved).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Discards a previewed attendance import.
#[utoipa::path(delete, path = "/api/v1/courses/{id}/attendance/imports/{import}", params(("id" = i32, Path), ("import" = i32, Path)), responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn import_discard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, import)): Ids<(i32, i32)>,
) -> Response {
    match attendance_import::discard(&state.services.db, &actor, id, import).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(&headers, e),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SheetQuery {
    /// The session; the latest begun one when left out.
    session: Option<i32>,
}

/// A session's attendance sheet: the enrolled trainees, their marks, hours so far.
#[utoipa::path(get, path = "/api/v1/courses/{id}/attendance", params(("id" = i32, Path), SheetQuery), responses(
    (status = 200, body = AttendanceSheet), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn sheet(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    Query(q): Query<SheetQuery>,
) -> Response {
    match attendance::sheet(&state.services.db, &actor, id, q.session).await {
        Ok(s) => Json(s).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Saves marks for a session, all or none; changed marks are audited as corrections and
/// attended hours recomputed.
#[utoipa::path(put, path = "/api/v1/courses/{id}/sessions/{session}/attendance", params(("id" = i32, Path), ("session" = i32, Path)),
    request_body = MarksInput, responses(
    (status = 200, body = MarksSaved), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "the session has not begun, the course is not taking attendance, or someone is not on the course", body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn record(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, session)): Ids<(i32, i32)>,
    input: Result<Json<MarksInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match attendance::record(&state.services.db, &actor, id, session, input).await {
        Ok(saved) => Json(saved).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// A course's completion sheet: hours, scores and what the completion rule gives per trainee.
#[utoipa::path(get, path = "/api/v1/courses/{id}/completion", params(("id" = i32, Path)), responses(
    (status = 200, body = CompletionSheet), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn completion_sheet(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match completion::sheet(&state.services.db, &actor, id).await {
        Ok(s) => Json(s).into_response(),
        Err(e) => error(&headers, e),
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ScoresSaved {
    /// Scores that changed.
    changed: u32,
}

/// Saves assessment scores (0–100, `null` clears), all or none; each change is audited.
#[utoipa::path(put, path = "/api/v1/courses/{id}/scores", params(("id" = i32, Path)), request_body = ScoresInput, responses(
    (status = 200, body = ScoresSaved), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "not assessed, not running, someone not on the course, or already certified", body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn save_scores(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<ScoresInput>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match completion::save_scores(&state.services.db, &actor, id, input).await {
        Ok(changed) => Json(ScoresSaved { changed }).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// Applies the completion rule to every trainee on the course not yet certified.
#[utoipa::path(post, path = "/api/v1/courses/{id}/completion", params(("id" = i32, Path)), responses(
    (status = 200, body = CompletionResult), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    match completion::confirm(&state.services.db, &actor, id).await {
        Ok(r) => Json(r).into_response(),
        Err(e) => error(&headers, e),
    }
}

/// The current check-in code of a session (changes every 30 seconds), its address and QR code
/// as SVG, for the course's staff.
#[utoipa::path(get, path = "/api/v1/courses/{id}/sessions/{session}/checkin", params(("id" = i32, Path), ("session" = i32, Path)), responses(
    (status = 200, body = app::model::checkin::CheckinScreen), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn checkin_screen(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids((id, session)): Ids<(i32, i32)>,
) -> Response {
    match checkin::screen(&state.services, &actor, id, session).await {
        Ok(s) => Json(s).into_response(),
        Err(e) => error(&headers, e),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CheckinBody {
    /// The code from the QR code.
    code: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CheckinAnswer {
    /// `false` when the trainee was already checked in.
    checked_in: bool,
}

/// Checks the signed-in trainee in with a session's current code: present, once.
#[utoipa::path(post, path = "/api/v1/sessions/{session}/checkin", params(("session" = i32, Path)), request_body = CheckinBody, responses(
    (status = 200, body = CheckinAnswer), (status = 404, body = ErrorBody),
    (status = 409, description = "an old or invalid code, outside the session's time, or not enrolled", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn check_in(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(session): Ids<i32>,
    input: Result<Json<CheckinBody>, JsonRejection>,
) -> Response {
    let input = match body(input) {
        Ok(i) => i,
        Err(e) => return error(&headers, e),
    };
    match checkin::check_in(&state.services, &actor, session, &input.code).await {
        Ok(checked_in) => Json(CheckinAnswer { checked_in }).into_response(),
        Err(e) => error(&headers, e),
    }
}
