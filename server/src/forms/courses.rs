//! Course management forms: create and save a course, its sessions, and lifecycle steps.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, courses};
use model::courses::{CourseAction, CourseInput, SessionInput};
use model::form::{FormData, FormInput};
use model::i18n::Msg;

type Pairs = Form<Vec<(String, String)>>;

fn page(id: i32) -> String {
    format!("/manage/courses/{id}")
}

/// `POST /manage/courses`: a new draft.
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Pairs,
) -> Response {
    let result = match CourseInput::read(pairs.clone()) {
        Ok(input) => courses::create(&state.services.db, &actor, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(id) => done(&page(id), Msg::NoticeCourseCreated),
        Err(e) => back_with("/manage/courses/new", &pairs, e),
    }
}

/// `POST /manage/courses/{id}`: saves the course form.
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Pairs,
) -> Response {
    let result = match CourseInput::read(pairs.clone()) {
        Ok(input) => courses::update(&state.services.db, &actor, id, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(()) => done(&page(id), Msg::NoticeCourseSaved),
        Err(e) => back_with(&page(id), &pairs, e),
    }
}

/// `POST /manage/courses/{id}/sessions`: adds a session.
pub async fn add_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Pairs,
) -> Response {
    let result = match SessionInput::read(pairs.clone()) {
        Ok(input) => courses::add_session(&state.services.db, &actor, id, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(_) => done(&format!("{}#sessions", page(id)), Msg::NoticeSessionSaved),
        Err(e) => back_with(&format!("{}#session-form", page(id)), &pairs, e),
    }
}

/// `POST /manage/courses/{id}/sessions/{session}`: changes a session.
pub async fn update_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, session)): Ids<(i32, i32)>,
    Form(pairs): Pairs,
) -> Response {
    let result = match SessionInput::read(pairs.clone()) {
        Ok(input) => courses::update_session(&state.services.db, &actor, id, session, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(()) => done(&format!("{}#sessions", page(id)), Msg::NoticeSessionSaved),
        Err(e) => back_with(
            &format!("{}?edit_session={session}#session-form", page(id)),
            &pairs,
            e,
        ),
    }
}

/// `POST /manage/courses/{id}/sessions/{session}/delete`
pub async fn delete_session(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, session)): Ids<(i32, i32)>,
) -> Response {
    match courses::delete_session(&state.services.db, &actor, id, session).await {
        Ok(()) => done(&format!("{}#sessions", page(id)), Msg::NoticeSessionRemoved),
        Err(e) => back_with(&page(id), &[], e),
    }
}

/// `POST /manage/courses/{id}/action`: one lifecycle step (`action`, and `reason` to reject).
pub async fn act(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Pairs,
) -> Response {
    let form = FormData::new(pairs.clone());
    let Some(action) = CourseAction::parse(&form.text("action")) else {
        return back_with(&page(id), &[], DomainError::field("action", Msg::ErrChoose));
    };
    match courses::act(&state.services.db, &actor, id, action, &form.text("reason")).await {
        Ok(()) => done(&page(id), Msg::NoticeCourseMoved),
        Err(e) => back_with(&page(id), &pairs, e),
    }
}
