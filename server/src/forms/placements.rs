//! Place and placement forms: publish, edit, close or reopen a place; apply for one; accept or
//! reject an application; record how a placement ended.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::Ids;
use app::ui::safe_next;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, placements};
use model::enums::PlaceStatus;
use model::form::FormInput;
use model::i18n::Msg;
use model::placements::{ApplyInput, DecisionInput, EndInput, PlaceInput};

type Pairs = Vec<(String, String)>;

fn value(pairs: &Pairs, name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// Where a row's form goes back to: the page it was on (a management page), at the row.
fn row_page(pairs: &Pairs, id: i32) -> String {
    let back = safe_next(value(pairs, "back"));
    let back = if back.starts_with("/manage/") {
        back
    } else {
        "/manage/placements".to_string()
    };
    format!("{back}#placement-{id}")
}

/// `POST /manage/places`
pub async fn publish(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = match PlaceInput::read(pairs.clone()) {
        Ok(input) => placements::publish(&state.services.db, &actor, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(id) => done(&format!("/manage/places/{id}"), Msg::NoticePlacePublished),
        Err(e) => back_with("/manage/places", &pairs, e),
    }
}

/// `POST /manage/places/{id}`
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = format!("/manage/places/{id}");
    let result = match PlaceInput::read(pairs.clone()) {
        Ok(input) => placements::update(&state.services.db, &actor, id, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(()) => done(&here, Msg::NoticePlaceSaved),
        Err(e) => back_with(&here, &pairs, e),
    }
}

/// `POST /manage/places/{id}/status` with `status=open|closed`
pub async fn set_status(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = format!("/manage/places/{id}");
    let Some(status) = value(&pairs, "status").and_then(|s| PlaceStatus::parse(&s)) else {
        return back_with(&here, &[], DomainError::Conflict(Msg::ErrInvalidInput));
    };
    match placements::set_status(&state.services.db, &actor, id, status).await {
        Ok(()) => done(
            &here,
            match status {
                PlaceStatus::Open => Msg::NoticePlaceReopened,
                PlaceStatus::Closed => Msg::NoticePlaceClosed,
            },
        ),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /places/{id}/apply`
pub async fn apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = format!("/places/{id}");
    let result = match ApplyInput::read(pairs.clone()) {
        Ok(input) => placements::apply(&state.services.db, &actor, id, input).await,
        Err(fields) => Err(DomainError::Invalid(fields)),
    };
    match result {
        Ok(_) => done("/applications", Msg::NoticeApplied),
        Err(e) => back_with(&here, &pairs, e),
    }
}

/// `POST /manage/placements/{id}/decision` with `decision=accept|reject`
pub async fn decide(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = row_page(&pairs, id);
    let keep = [("row".to_string(), id.to_string())];
    let input = match DecisionInput::read(pairs) {
        Ok(i) => i,
        Err(fields) => return back_with(&here, &keep, DomainError::Invalid(fields)),
    };
    let accept = input.accept;
    match placements::decide(&state.services.db, &actor, id, input).await {
        Ok(()) if accept => done(&here, Msg::NoticePlacementAccepted),
        Ok(()) => done(&here, Msg::NoticePlacementRejected),
        Err(e) => back_with(&here, &keep, e),
    }
}

/// `POST /manage/placements/{id}/end`
pub async fn end(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = row_page(&pairs, id);
    let keep = [("row".to_string(), id.to_string())];
    let input = match EndInput::read(pairs) {
        Ok(i) => i,
        Err(fields) => return back_with(&here, &keep, DomainError::Invalid(fields)),
    };
    match placements::end(&state.services.db, &actor, id, input).await {
        Ok(()) => done(&here, Msg::NoticePlacementEnded),
        Err(e) => back_with(&here, &keep, e),
    }
}
