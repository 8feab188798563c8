//! Outcome and follow-up forms: a trainee reports an outcome; staff record one or mark one
//! verified; the bureau records follow-up calls and exports the work list.

use super::{back_with, done, download_or_back};
use crate::AppState;
use crate::middleware::{FileFormat, Ids};
use app::ui::safe_next;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, follow_ups, outcomes};
use model::form::FormInput;
use model::i18n::{Locale, Msg};
use model::outcomes::{FollowUpFilter, FollowUpInput, OutcomeInput};
use std::collections::HashMap;

type Pairs = Vec<(String, String)>;

/// The management page a form came from (`back`), or `fallback`.
fn back_to(pairs: &Pairs, fallback: &str) -> String {
    let back = safe_next(
        pairs
            .iter()
            .find(|(k, _)| k == "back")
            .map(|(_, v)| v.clone()),
    );
    if back.starts_with("/manage/") || back == "/outcomes" {
        back
    } else {
        fallback.to_string()
    }
}

/// `POST /outcomes`: the trainee reports what they do now.
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match OutcomeInput::read(pairs.clone()) {
        Ok(input) => outcomes::report_own(&state.services.db, &actor, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(_) => done("/outcomes", Msg::NoticeOutcomeReported),
        Err(e) => back_with("/outcomes", &pairs, e),
    }
}

/// `POST /manage/people/{id}/outcomes`: staff record a person's outcome.
pub async fn record(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = format!("/manage/people/{id}");
    let result = match OutcomeInput::read(pairs.clone()) {
        Ok(input) => outcomes::record(&state.services.db, &actor, id, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(_) => done(&here, Msg::NoticeOutcomeRecorded),
        Err(e) => back_with(&here, &pairs, e),
    }
}

/// `POST /manage/outcomes/{id}/verify`
pub async fn verify(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = back_to(&pairs, "/manage/follow-ups");
    match outcomes::verify(&state.services.db, &actor, id).await {
        Ok(_) => done(&here, Msg::NoticeOutcomeVerified),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /manage/follow-ups/{id}`: the result of a follow-up call.
pub async fn follow_up(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let page = back_to(&pairs, "/manage/follow-ups");
    let here = format!("{page}#follow-up-{id}");
    let keep: Pairs = pairs
        .iter()
        .filter(|(k, _)| k != "back")
        .cloned()
        .chain([("row".to_string(), id.to_string())])
        .collect();
    let result = match FollowUpInput::read(pairs) {
        Ok(input) => follow_ups::record(&state.services.db, &actor, id, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(()) => done(&here, Msg::NoticeFollowUpRecorded),
        Err(e) => back_with(&here, &keep, e),
    }
}

/// `GET /manage/follow-ups.xlsx|.csv` (the work list's filter).
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FileFormat(format): FileFormat,
    Query(query): Query<HashMap<String, String>>,
    Extension(locale): Extension<Locale>,
) -> Response {
    let filter = FollowUpFilter::from_params(|k| query.get(k).cloned());
    let result = follow_ups::export(&state.services.db, &actor, &filter, format, locale).await;
    download_or_back(result, "/manage/follow-ups")
}
