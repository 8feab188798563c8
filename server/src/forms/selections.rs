//! Honour selection forms: open a round, nominate or apply, score, record a violation, put the
//! shortlist on notice, decide an objection, publish, cancel; and the public objection form.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, DomainResult, selections};
use model::form::FormInput;
use model::i18n::Msg;
use model::selections::{
    NominationInput, NoticeInput, ObjectionDecision, ObjectionInput, RoundInput, ScoreInput,
    ViolationInput,
};

type Pairs = Vec<(String, String)>;

fn round_page(id: i32) -> String {
    format!("/manage/selections/{id}")
}

/// The form's input, or its field messages as the error.
fn read<T: FormInput>(pairs: &Pairs) -> DomainResult<T> {
    T::read(pairs.clone()).map_err(DomainError::Invalid)
}

/// The nomination a review form names in `field` (a positive number), else a message there.
fn nomination_of(pairs: &Pairs, field: &str) -> DomainResult<i32> {
    pairs
        .iter()
        .find(|(k, _)| k == field)
        .and_then(|(_, v)| v.trim().parse::<i32>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| DomainError::field(field, Msg::ErrChoose))
}

/// `POST /manage/selections`
pub async fn open(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match read::<RoundInput>(&pairs) {
        Ok(input) => selections::open(&state.services.db, &actor, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => done(&round_page(id), Msg::NoticeRoundOpened),
        Err(e) => back_with("/manage/selections", &pairs, e),
    }
}

/// `POST /manage/selections/{id}/nominations`
pub async fn nominate(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match read::<NominationInput>(&pairs) {
        Ok(input) => selections::nominate(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    let here = format!("{}#nominations", round_page(id));
    match result {
        Ok(_) => done(&here, Msg::NoticeNominated),
        Err(e) => back_with(&format!("{}#nominate-form", round_page(id)), &pairs, e),
    }
}

/// `POST /manage/selections/{id}/score`: the nomination is named in the form.
pub async fn score(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = async {
        let nomination = nomination_of(&pairs, "nomination_id")?;
        let input = read::<ScoreInput>(&pairs)?;
        selections::score(&state.services.db, &actor, nomination, input).await
    }
    .await;
    match result {
        Ok(()) => done(
            &format!("{}#nominations", round_page(id)),
            Msg::NoticeScored,
        ),
        Err(e) => back_with(&format!("{}#score-form", round_page(id)), &pairs, e),
    }
}

/// `POST /manage/selections/{id}/violations`: the nomination is named in the form.
pub async fn record_violation(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = async {
        let nomination = nomination_of(&pairs, "candidate")?;
        let input = read::<ViolationInput>(&pairs)?;
        selections::record_violation(&state.services.db, &actor, nomination, input).await
    }
    .await;
    match result {
        Ok(_) => done(
            &format!("{}#nominations", round_page(id)),
            Msg::NoticeViolationRecorded,
        ),
        Err(e) => back_with(&format!("{}#violation-form", round_page(id)), &pairs, e),
    }
}

/// `POST /manage/selections/{id}/notice`: the ticked candidates go on notice.
pub async fn start_notice(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let shortlist: Vec<i32> = pairs
        .iter()
        .filter(|(k, _)| k == "shortlist")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    match selections::start_notice(&state.services.db, &actor, id, NoticeInput { shortlist }).await
    {
        Ok(()) => done(&round_page(id), Msg::NoticeNoticeStarted),
        Err(e) => back_with(&format!("{}#nominations", round_page(id)), &[], e),
    }
}

/// `POST /manage/selections/{id}/publish`
pub async fn publish(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    match selections::publish(&state.services, &actor, id).await {
        Ok(_) => done(&round_page(id), Msg::NoticeResultPublished),
        Err(e) => back_with(&round_page(id), &[], e),
    }
}

/// `POST /manage/selections/{id}/cancel`
pub async fn cancel(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> Response {
    match selections::cancel(&state.services.db, &actor, id).await {
        Ok(()) => done("/manage/selections", Msg::NoticeRoundCancelled),
        Err(e) => back_with(&round_page(id), &[], e),
    }
}

/// `POST /manage/objections/{id}/decision`: back to the objection's round.
pub async fn decide_objection(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let db = &state.services.db;
    let round = selections::objection_round(db, &actor, id).await;
    let back = match round {
        Ok(r) => format!("{}#objections", round_page(r)),
        Err(e) => return back_with("/manage/selections", &[], e),
    };
    let result = match read::<ObjectionDecision>(&pairs) {
        Ok(input) => selections::decide_objection(db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => done(&back, Msg::NoticeObjectionDecided),
        Err(e) => back_with(&back, &[], e),
    }
}

/// `POST /notices/{id}/objections`: anyone, while the shortlist is on notice.
pub async fn object(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match read::<ObjectionInput>(&pairs) {
        Ok(input) => selections::object(&state.services, &actor, id, input).await,
        Err(e) => Err(e),
    };
    // The phone number is not put back into the address (it would sit in logs and history).
    let keep: Pairs = pairs
        .into_iter()
        .filter(|(k, _)| k != "contact_phone")
        .collect();
    match result {
        Ok(_) => done(&format!("/notices/{id}"), Msg::NoticeObjectionSent),
        Err(e) => back_with(&format!("/notices/{id}#objection-form"), &keep, e),
    }
}
