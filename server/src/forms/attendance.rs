//! Saving a session's attendance sheet, a trainee's whole row, attendance imports (upload,
//! apply, discard, the sheet to fill in), scores, and the completion confirmation.

use super::imports::read_upload;
use super::{back_with, done, download_or_back, login_redirect};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use domain::{Actor, DomainError, attendance, attendance_import, completion};
use model::attendance::{Mark, MarksInput, RowMarksInput};
use model::completion::{ScoreEntry, ScoresInput};
use model::enums::AttendanceStatus;
use model::i18n::{Locale, Msg};

/// The marks a sheet posted: `m{enrolment}=<status>` for each chosen radio button, `row` for
/// every trainee shown, `all=present` from the "everyone present" button, and `rest=absent`
/// from "mark the rest absent" (the chosen marks, and absent for every row without one).
fn marks_of(pairs: &[(String, String)]) -> MarksInput {
    let find = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| AttendanceStatus::parse(v))
    };
    let chosen = || {
        pairs.iter().filter_map(|(k, v)| {
            Some(Mark {
                enrollment_id: k.strip_prefix('m')?.parse().ok()?,
                status: AttendanceStatus::parse(v)?,
            })
        })
    };
    if let Some(status) = find("rest") {
        let mut marks: Vec<Mark> = chosen().collect();
        let marked: std::collections::HashSet<i32> =
            marks.iter().map(|m| m.enrollment_id).collect();
        marks.extend(
            pairs
                .iter()
                .filter(|(k, _)| k == "row")
                .filter_map(|(_, v)| v.parse().ok())
                .filter(|id| !marked.contains(id))
                .map(|enrollment_id| Mark {
                    enrollment_id,
                    status,
                }),
        );
        return MarksInput { marks };
    }
    let marks = match find("all") {
        Some(status) => pairs
            .iter()
            .filter(|(k, _)| k == "row")
            .filter_map(|(_, v)| v.parse().ok())
            .map(|enrollment_id| Mark {
                enrollment_id,
                status,
            })
            .collect(),
        None => chosen().collect(),
    };
    MarksInput { marks }
}

/// `POST /manage/courses/{id}/attendance/{session}`
pub async fn save(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((course_id, session_id)): Ids<(i32, i32)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let here = format!("/manage/courses/{course_id}/attendance?session={session_id}");
    let input = marks_of(&pairs);
    match attendance::record(&state.services.db, &actor, course_id, session_id, input).await {
        Ok(_) => done(&here, Msg::NoticeAttendanceSaved),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /manage/courses/{id}/attendance/rows/{enrolment}`: `status`, and `only_unmarked=1`
/// to leave marked sessions as they are.
pub async fn row(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((course_id, enrollment_id)): Ids<(i32, i32)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let here = format!("/manage/courses/{course_id}/attendance/overview");
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let Some(status) = value("status").and_then(AttendanceStatus::parse) else {
        return back_with(&here, &[], DomainError::field("status", Msg::ErrNoMarks));
    };
    let input = RowMarksInput {
        status,
        only_unmarked: value("only_unmarked").is_some_and(|v| v == "1"),
    };
    let db = &state.services.db;
    match attendance::record_row(db, &actor, course_id, enrollment_id, input).await {
        Ok(_) => done(&here, Msg::NoticeAttendanceRowSaved),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `GET /manage/courses/{id}/attendance.xlsx`: the course's attendance to fill in and upload.
pub async fn import_template(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(locale): Extension<Locale>,
    Ids(course_id): Ids<i32>,
) -> Response {
    let here = format!("/manage/courses/{course_id}/attendance/import");
    if actor.user.is_none() {
        return login_redirect(&here);
    }
    let result = attendance_import::template(&state.services.db, &actor, course_id, locale).await;
    download_or_back(result, &here)
}

/// `POST /manage/courses/{id}/attendance/import` (multipart: `file`): the preview.
pub async fn import_upload(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
    form: Multipart,
) -> Response {
    let here = format!("/manage/courses/{course_id}/attendance/import");
    let upload = match read_upload(form).await {
        Ok(u) => u,
        Err(e) => return back_with(&here, &[], e),
    };
    if upload.too_large {
        return back_with(&here, &[], DomainError::field("file", Msg::ErrFileTooLarge));
    }
    let svc = &state.services;
    match attendance_import::preview(svc, &actor, course_id, &upload.file_name, &upload.bytes).await
    {
        Ok(id) => Redirect::to(&format!(
            "/manage/courses/{course_id}/attendance/imports/{id}"
        ))
        .into_response(),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /manage/courses/{id}/attendance/imports/{import}/apply`: back to the import's page,
/// which now shows what was saved.
pub async fn import_apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((course_id, id)): Ids<(i32, i32)>,
) -> Response {
    let here = format!("/manage/courses/{course_id}/attendance/imports/{id}");
    match attendance_import::apply(&state.services, &actor, course_id, id).await {
        // The page shows what was imported.
        Ok(_) => Redirect::to(&here).into_response(),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /manage/courses/{id}/attendance/imports/{import}/discard`
pub async fn import_discard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((course_id, id)): Ids<(i32, i32)>,
) -> Response {
    match attendance_import::discard(&state.services.db, &actor, course_id, id).await {
        Ok(()) => done(
            &format!("/manage/courses/{course_id}/attendance/import"),
            Msg::NoticeAttendanceImportDiscarded,
        ),
        Err(e) => back_with(
            &format!("/manage/courses/{course_id}/attendance/imports/{id}"),
            &[],
            e,
        ),
    }
}

/// `POST /manage/courses/{id}/scores`: `s{enrolment}=<score>` for each field (empty clears).
pub async fn scores(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let here = format!("/manage/courses/{course_id}/completion");
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (k, v) in &pairs {
        let Some(id) = k.strip_prefix('s').and_then(|id| id.parse::<i32>().ok()) else {
            continue;
        };
        let v = v.trim();
        let score = if v.is_empty() {
            None
        } else {
            match v.parse::<f64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(model::FieldError {
                        field: format!("score_{id}"),
                        message: Msg::ErrScoreRange,
                    });
                    continue;
                }
            }
        };
        entries.push(ScoreEntry {
            enrollment_id: id,
            score,
        });
    }
    let keep: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k.starts_with('s'))
        .cloned()
        .collect();
    if !errors.is_empty() {
        return back_with(&here, &keep, domain::DomainError::Invalid(errors));
    }
    let input = ScoresInput { scores: entries };
    match completion::save_scores(&state.services.db, &actor, course_id, input).await {
        Ok(_) => done(&here, Msg::NoticeScoresSaved),
        Err(e) => back_with(&here, &keep, e),
    }
}

/// `POST /manage/courses/{id}/completion`
pub async fn confirm(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
) -> Response {
    let here = format!("/manage/courses/{course_id}/completion");
    match completion::confirm(&state.services.db, &actor, course_id).await {
        Ok(_) => done(&here, Msg::NoticeCompletionConfirmed),
        Err(e) => back_with(&here, &[], e),
    }
}
