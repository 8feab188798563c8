//! Host registry forms: an agency or the bureau registers a host or changes a profile; a
//! trainee applies as a host or keeps their own profile.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, hosts};
use model::form::FormInput;
use model::hosts::HostInput;
use model::i18n::Msg;

type Pairs = Vec<(String, String)>;

/// `POST /manage/hosts`
pub async fn register(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match HostInput::read(pairs.clone()) {
        Ok(input) => hosts::register(&state.services.db, &actor, input).await,
        Err(e) => Err(DomainError::Invalid(e)),
    };
    match result {
        Ok(id) => done(&format!("/manage/hosts/{id}"), Msg::NoticeHostSaved),
        Err(e) => back_with("/manage/hosts#register-form", &pairs, e),
    }
}

/// `POST /manage/hosts/{id}`
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match HostInput::read(pairs.clone()) {
        Ok(input) => hosts::update(&state.services.db, &actor, id, input).await,
        Err(e) => Err(DomainError::Invalid(e)),
    };
    let here = format!("/manage/hosts/{id}");
    match result {
        Ok(()) => done(&here, Msg::NoticeHostSaved),
        Err(e) => back_with(&format!("{here}#host-form"), &pairs, e),
    }
}

/// `POST /host`
pub async fn save_own(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match HostInput::read(pairs.clone()) {
        Ok(input) => hosts::save_own(&state.services.db, &actor, input).await,
        Err(e) => Err(DomainError::Invalid(e)),
    };
    match result {
        Ok(_) => done("/host", Msg::NoticeHostSaved),
        Err(e) => back_with("/host#host-form", &pairs, e),
    }
}
