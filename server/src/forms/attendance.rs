//! Saving a session's attendance sheet, scores, and the completion confirmation.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use app::domain::{Actor, attendance, completion};
use app::i18n::Msg;
use app::model::attendance::{Mark, MarksInput};
use app::model::completion::{ScoreEntry, ScoresInput};
use app::model::enums::AttendanceStatus;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};

/// The marks a sheet posted: `m{enrolment}=<status>` for each chosen radio button, `row` for
/// every trainee shown, and `all=present` from the "everyone present" button.
fn marks_of(pairs: &[(String, String)]) -> MarksInput {
    let all = pairs
        .iter()
        .find(|(k, _)| k == "all")
        .and_then(|(_, v)| AttendanceStatus::parse(v));
    let marks = match all {
        Some(status) => pairs
            .iter()
            .filter(|(k, _)| k == "row")
            .filter_map(|(_, v)| v.parse().ok())
            .map(|enrollment_id| Mark {
                enrollment_id,
                status,
            })
            .collect(),
        None => pairs
            .iter()
            .filter_map(|(k, v)| {
                Some(Mark {
                    enrollment_id: k.strip_prefix('m')?.parse().ok()?,
                    status: AttendanceStatus::parse(v)?,
                })
            })
            .collect(),
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
                    errors.push(app::model::FieldError {
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
        return back_with(&here, &keep, app::domain::DomainError::Invalid(errors));
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
