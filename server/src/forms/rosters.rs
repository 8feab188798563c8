//! Roster actions (admit from the waiting list, remove with a reason) and roster downloads.

use super::{back_with, done, login_redirect};
use crate::AppState;
use crate::middleware::{FileFormat, Ids, request_locale};
use app::domain::rosters::{self, Download, DownloadBody};
use app::domain::{Actor, DomainError};
use app::i18n::Msg;
use app::model::form::FormInput;
use app::model::rosters::{RemoveInput, RosterFilter};
use app::ui::encode_component;
use axum::Extension;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
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

/// `GET /manage/courses/{id}/roster.xlsx|.csv` (`?status=`).
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
    FileFormat(format): FileFormat,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let filter = query
        .get("status")
        .and_then(|s| RosterFilter::parse(s))
        .unwrap_or_default();
    let locale = request_locale(&headers);
    match rosters::export(
        &state.services.db,
        &actor,
        course_id,
        filter,
        format,
        locale,
    )
    .await
    {
        Ok(d) => download_response(d),
        Err(DomainError::Unauthenticated) => login_redirect(&roster_path(course_id)),
        Err(e) => back_with(&roster_path(course_id), &[], e),
    }
}
