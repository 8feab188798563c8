//! Agreement forms: record one, confirm it, cancel it.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, agreements};
use model::agreements::AgreementInput;
use model::form::FormInput;
use model::i18n::Msg;

const HERE: &str = "/manage/agreements";

/// `POST /manage/agreements`
pub async fn propose(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let result = match AgreementInput::read(pairs.clone()) {
        Ok(input) => agreements::propose(&state.services.db, &actor, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(_) => done(HERE, Msg::NoticeAgreementProposed),
        Err(e) => back_with(HERE, &pairs, e),
    }
}

/// `POST /manage/agreements/{id}/confirm`
pub async fn confirm(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    match agreements::confirm(&state.services.db, &actor, id).await {
        Ok(()) => done(HERE, Msg::NoticeAgreementConfirmed),
        Err(e) => back_with(HERE, &[], e),
    }
}

/// `POST /manage/agreements/{id}/cancel`
pub async fn cancel(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    match agreements::cancel(&state.services.db, &actor, id).await {
        Ok(()) => done(HERE, Msg::NoticeAgreementCancelled),
        Err(e) => back_with(HERE, &[], e),
    }
}
