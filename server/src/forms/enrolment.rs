//! Enrol and withdraw buttons on a course page.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use domain::{Actor, enrolment};
use model::enums::EnrollmentStatus;
use model::i18n::Msg;

/// `POST /courses/{id}/enrol`
pub async fn enrol(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    let here = format!("/courses/{id}");
    match enrolment::enrol(&state.services.db, &actor, id).await {
        Ok(s) if s.status == EnrollmentStatus::Waitlisted => done(&here, Msg::NoticeWaitlisted),
        Ok(_) => done(&here, Msg::NoticeEnrolled),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /courses/{id}/withdraw`
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    let here = format!("/courses/{id}");
    match enrolment::withdraw(&state.services.db, &actor, id).await {
        Ok(()) => done(&here, Msg::NoticeWithdrawn),
        Err(e) => back_with(&here, &[], e),
    }
}
