//! Lecture and salon forms: quick registration on the course page, cancelling from the
//! ticket, staff check-in from the registrations list, and checking in by phone after
//! scanning a session's code.

use super::{back_with, done, download_or_back};
use crate::AppState;
use crate::middleware::{FileFormat, Ids};
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, events};
use model::events::{EventCheckinInput, RegistrationInput};
use model::form::FormInput;
use model::i18n::{Locale, Msg};

type Pairs = Vec<(String, String)>;

/// `POST /courses/{id}/register`: to the new ticket.
pub async fn register(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match RegistrationInput::read(pairs.clone()) {
        Ok(input) => events::register(&state.services, &actor, id, input).await,
        Err(e) => Err(DomainError::Invalid(e)),
    };
    match result {
        Ok(code) => done(&format!("/tickets/{code}"), Msg::NoticeEventRegistered),
        Err(e) => back_with(&format!("/courses/{id}#register-form"), &pairs, e),
    }
}

/// `POST /tickets/{code}/cancel`
pub async fn cancel(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(code): Ids<String>,
) -> Response {
    let here = format!("/tickets/{}", app::ui::encode_component(&code));
    match events::cancel(&state.services.db, &actor, &code).await {
        Ok(()) => done(&here, Msg::NoticeRegistrationCancelled),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /manage/courses/{id}/registrations/{registration}/checkin`
pub async fn staff_check_in(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, registration)): Ids<(i32, i32)>,
) -> Response {
    let here = format!("/manage/courses/{id}/registrations");
    match events::staff_check_in(&state.services.db, &actor, id, registration).await {
        Ok(_) => done(
            &format!("{here}#registration-{registration}"),
            Msg::NoticeCheckedIn,
        ),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /events/checkin/{session}/{code}`: the phone registered with.
pub async fn self_check_in(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((session, code)): Ids<(i32, String)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = format!("/checkin/{session}/{}", app::ui::encode_component(&code));
    let result = match EventCheckinInput::read(pairs.clone()) {
        Ok(input) => events::self_check_in(&state.services, &actor, session, &code, input).await,
        Err(e) => Err(DomainError::Invalid(e)),
    };
    match result {
        Ok(true) => done(&here, Msg::NoticeCheckedIn),
        Ok(false) => done(&here, Msg::CheckinAlready),
        Err(e) => back_with(&here, &pairs, e),
    }
}

/// `GET /manage/courses/{id}/registrations.xlsx|.csv`: the event's registrations.
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(course_id): Ids<i32>,
    FileFormat(format): FileFormat,
    Extension(locale): Extension<Locale>,
) -> Response {
    let here = format!("/manage/courses/{course_id}/registrations");
    let result = events::export(&state.services.db, &actor, course_id, format, locale).await;
    download_or_back(result, &here)
}
