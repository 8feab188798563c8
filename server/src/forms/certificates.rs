//! Certificate actions from the pages (issue a course's certificates, allow the provider to
//! issue, revoke, reissue) and the PDF and .zip downloads.

use super::{back_with, done, download_or_back};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::certificates;
use domain::{Actor, DomainError};
use model::i18n::Msg;
use std::collections::HashMap;

fn page(course_id: i32) -> String {
    format!("/manage/courses/{course_id}/certificates")
}

/// `POST /manage/courses/{id}/certificates/issue`: checks the batch may start; a course's
/// usual class is issued while the request waits, a larger batch runs in the background and
/// the course's certificate page follows its progress.
pub async fn issue(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
) -> Response {
    let here = page(course_id);
    let pending = match certificates::check_issue(&state.services, &actor, course_id).await {
        Ok(n) => n,
        Err(e) => return back_with(&here, &[], e),
    };
    if pending as usize <= certificates::BATCH {
        return match certificates::issue_for_course(&state.services, &actor, course_id).await {
            Ok(_) => done(&here, Msg::NoticeCertificatesIssued),
            Err(e) => back_with(&here, &[], e),
        };
    }
    let services = state.services.clone();
    tokio::spawn(async move {
        if let Err(e) = certificates::issue_for_course(&services, &actor, course_id).await {
            tracing::warn!(course = course_id, error = %e, "certificates not issued");
        }
    });
    done(&here, Msg::NoticeCertificatesIssued)
}

/// `POST /manage/courses/{id}/certificates/provider` with `allow=1|0`.
pub async fn provider(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let here = page(course_id);
    let on = form.get("allow").is_some_and(|v| v == "1");
    match certificates::set_provider_issues(&state.services.db, &actor, course_id, on).await {
        Ok(()) => done(&here, Msg::NoticeProviderIssuesChanged),
        Err(e) => back_with(&here, &[], e),
    }
}

/// Where to go back to after acting on certificate `id`: its course's page, or home.
fn back_for(form: &HashMap<String, String>) -> String {
    form.get("course")
        .and_then(|c| c.parse::<i32>().ok())
        .map(page)
        .unwrap_or_else(|| "/".into())
}

/// `POST /manage/certificates/{id}/revoke` with `reason`.
pub async fn revoke(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let here = back_for(&form);
    let reason = form.get("reason").map(String::as_str).unwrap_or_default();
    match certificates::revoke(&state.services.db, &actor, id, reason).await {
        Ok(()) => done(&format!("{here}#cert-{id}"), Msg::NoticeCertificateRevoked),
        Err(e) => back_with(&format!("{here}#cert-{id}"), &[], tag(e, id)),
    }
}

/// `POST /manage/certificates/{id}/reissue` with `reason`.
pub async fn reissue(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let here = back_for(&form);
    let reason = form.get("reason").map(String::as_str).unwrap_or_default();
    match certificates::reissue(&state.services, &actor, id, reason).await {
        Ok(new) => done(
            &format!("{here}#cert-{new}"),
            Msg::NoticeCertificateReissued,
        ),
        Err(e) => back_with(&format!("{here}#cert-{id}"), &[], tag(e, id)),
    }
}

/// A reason problem belongs next to that certificate's reason field.
fn tag(e: DomainError, id: i32) -> DomainError {
    match e {
        DomainError::Invalid(mut fields) => {
            for f in &mut fields {
                if f.field == "reason" {
                    f.field = format!("reason_{id}");
                }
            }
            DomainError::Invalid(fields)
        }
        other => other,
    }
}

/// `GET /certificates/{id}/pdf`: for the holder and staff who see the course.
pub async fn pdf(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    let result = certificates::pdf(&state.services, &actor, id).await;
    download_or_back(result, "/learning")
}

/// `GET /manage/courses/{id}/certificates.zip`
pub async fn zip(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
) -> Response {
    let result = certificates::course_zip(&state.services, &actor, course_id).await;
    download_or_back(result, &page(course_id))
}
