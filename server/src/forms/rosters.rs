//! Roster actions (admit from the waiting list, remove with a reason) and roster downloads.

use super::{back_with, done, download_or_back};
use crate::AppState;
use crate::middleware::{FileFormat, Ids};
use axum::Extension;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::rosters;
use domain::{Actor, DomainError};
use model::form::FormInput;
use model::i18n::{Locale, Msg};
use model::rosters::{RemoveInput, RosterFilter};
use std::collections::HashMap;

fn roster_path(course_id: i32) -> String {
    format!("/manage/courses/{course_id}/roster")
}

/// `POST /manage/courses/{id}/roster/{enrollment}/admit`
pub async fn admit(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((course_id, enrollment_id)): Ids<(i32, i32)>,
) -> Response {
    let here = roster_path(course_id);
    match rosters::admit(&state.services.db, &actor, course_id, enrollment_id).await {
        Ok(()) => done(&here, Msg::NoticeAdmitted),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /manage/courses/{id}/roster/{enrollment}/remove`
pub async fn remove(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((course_id, enrollment_id)): Ids<(i32, i32)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let here = roster_path(course_id);
    let input = match RemoveInput::read(pairs) {
        Ok(i) => i,
        Err(errors) => return back_with(&here, &[], DomainError::Invalid(errors)),
    };
    match rosters::remove(&state.services.db, &actor, course_id, enrollment_id, input).await {
        Ok(()) => done(&here, Msg::NoticeRemoved),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `GET /manage/courses/{id}/roster.xlsx|.csv` (`?status=`).
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
    FileFormat(format): FileFormat,
    Query(query): Query<HashMap<String, String>>,
    Extension(locale): Extension<Locale>,
) -> Response {
    let filter = query
        .get("status")
        .and_then(|s| RosterFilter::parse(s))
        .unwrap_or_default();
    let result = rosters::export(
        &state.services.db,
        &actor,
        course_id,
        filter,
        format,
        locale,
    )
    .await;
    download_or_back(result, &roster_path(course_id))
}
