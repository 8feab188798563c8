//! `/api/v1` for attendance taken by staff (a session's sheet, marks for a session), scores and
//! the completion confirmation.

use super::{ApiResult, Body, Done, ErrorBody, File};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::{Actor, DomainError, attendance, attendance_import, checkin, completion};
use model::attendance::{
    AttendanceImportView, AttendanceOverview, AttendanceSheet, MarksInput, MarksSaved,
    RowMarksInput,
};
use model::checkin::CheckinScreen;
use model::completion::{CompletionResult, CompletionSheet, ScoresInput};
use model::i18n::{Locale, Msg};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The upload route is in [`uploads`], under its own body limit.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sheet))
        .routes(routes!(record))
        .routes(routes!(completion_sheet, confirm))
        .routes(routes!(save_scores))
        .routes(routes!(checkin_screen))
        .routes(routes!(check_in))
        .routes(routes!(overview))
        .routes(routes!(record_row))
        .routes(routes!(import_template))
        .routes(routes!(import_view, import_discard))
        .routes(routes!(import_apply))
}

/// The upload route, which the parent mounts under the upload body limit.
pub fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import_upload))
}

/// A course's attendance at a glance: every enrolled trainee by every session, with marks and
/// hours.
#[utoipa::path(get, path = "/api/v1/courses/{id}/attendance/overview", params(("id" = i32, Path)), responses(
    (status = 200, body = AttendanceOverview), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn overview(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<AttendanceOverview>> {
    Ok(Json(
        attendance::overview(&state.services.db, &actor, id).await?,
    ))
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
    Ids((id, enrollment)): Ids<(i32, i32)>,
    Body(input): Body<RowMarksInput>,
) -> ApiResult<Json<MarksSaved>> {
    let saved = attendance::record_row(&state.services.db, &actor, id, enrollment, input).await?;
    Ok(Json(saved))
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
    Extension(locale): Extension<Locale>,
    Ids(id): Ids<i32>,
) -> ApiResult<File> {
    let d = attendance_import::template(&state.services.db, &actor, id, locale).await?;
    Ok(File(d))
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
    Ids(id): Ids<i32>,
    Query(q): Query<AttendanceUploadQuery>,
    body: axum::body::Body,
) -> ApiResult<(StatusCode, Json<AttendanceImportView>)> {
    let Some(bytes) = super::imports::read_limited(body).await else {
        return Err(DomainError::field("file", Msg::ErrFileTooLarge).into());
    };
    let name = q.file_name.unwrap_or_else(|| "upload".to_string());
    let svc = &state.services;
    let import = attendance_import::preview(svc, &actor, id, &name, &bytes).await?;
    let view = attendance_import::view(svc, &actor, id, import).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// An attendance import's preview, or what applying it did.
#[utoipa::path(get, path = "/api/v1/courses/{id}/attendance/imports/{import}", params(("id" = i32, Path), ("import" = i32, Path)), responses(
    (status = 200, body = AttendanceImportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn import_view(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, import)): Ids<(i32, i32)>,
) -> ApiResult<Json<AttendanceImportView>> {
    Ok(Json(
        attendance_import::view(&state.services, &actor, id, import).await?,
    ))
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
    Ids((id, import)): Ids<(i32, i32)>,
) -> ApiResult<Json<MarksSaved>> {
    Ok(Json(
        attendance_import::apply(&state.services, &actor, id, import).await?,
    ))
}

/// Discards a previewed attendance import.
#[utoipa::path(delete, path = "/api/v1/courses/{id}/attendance/imports/{import}", params(("id" = i32, Path), ("import" = i32, Path)), responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn import_discard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, import)): Ids<(i32, i32)>,
) -> ApiResult<Done> {
    attendance_import::discard(&state.services.db, &actor, id, import).await?;
    Ok(Done)
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
    Ids(id): Ids<i32>,
    Query(q): Query<SheetQuery>,
) -> ApiResult<Json<AttendanceSheet>> {
    Ok(Json(
        attendance::sheet(&state.services.db, &actor, id, q.session).await?,
    ))
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
    Ids((id, session)): Ids<(i32, i32)>,
    Body(input): Body<MarksInput>,
) -> ApiResult<Json<MarksSaved>> {
    let saved = attendance::record(&state.services.db, &actor, id, session, input).await?;
    Ok(Json(saved))
}

/// A course's completion sheet: hours, scores and what the completion rule gives per trainee.
#[utoipa::path(get, path = "/api/v1/courses/{id}/completion", params(("id" = i32, Path)), responses(
    (status = 200, body = CompletionSheet), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn completion_sheet(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<CompletionSheet>> {
    Ok(Json(
        completion::sheet(&state.services.db, &actor, id).await?,
    ))
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
    Ids(id): Ids<i32>,
    Body(input): Body<ScoresInput>,
) -> ApiResult<Json<ScoresSaved>> {
    let changed = completion::save_scores(&state.services.db, &actor, id, input).await?;
    Ok(Json(ScoresSaved { changed }))
}

/// Applies the completion rule to every trainee on the course not yet certified.
#[utoipa::path(post, path = "/api/v1/courses/{id}/completion", params(("id" = i32, Path)), responses(
    (status = 200, body = CompletionResult), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<CompletionResult>> {
    Ok(Json(
        completion::confirm(&state.services.db, &actor, id).await?,
    ))
}

/// The current check-in code of a session (changes every 30 seconds), its address and QR code
/// as SVG, for the course's staff.
#[utoipa::path(get, path = "/api/v1/courses/{id}/sessions/{session}/checkin", params(("id" = i32, Path), ("session" = i32, Path)), responses(
    (status = 200, body = model::checkin::CheckinScreen), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn checkin_screen(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, session)): Ids<(i32, i32)>,
) -> ApiResult<Json<CheckinScreen>> {
    Ok(Json(
        checkin::screen(&state.services, &actor, id, session).await?,
    ))
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
    Ids(session): Ids<i32>,
    Body(input): Body<CheckinBody>,
) -> ApiResult<Json<CheckinAnswer>> {
    let checked_in = checkin::check_in(&state.services, &actor, session, &input.code).await?;
    Ok(Json(CheckinAnswer { checked_in }))
}
