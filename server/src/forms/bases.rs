//! A base's event forms: record an event it held, remove one recorded by mistake.

use super::{back_with, done, download_or_back};
use crate::AppState;
use crate::middleware::{FileFormat, Ids};
use axum::extract::Query;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use chrono::Datelike;
use domain::{Actor, DomainError, bases};
use model::bases::BaseEventInput;
use model::form::FormInput;
use model::i18n::{Locale, Msg};
use std::collections::HashMap;

type Pairs = Vec<(String, String)>;

/// The base's page for the year the form was sent from (a number only).
fn page(id: i32, pairs: &Pairs) -> String {
    let year = pairs
        .iter()
        .find(|(k, _)| k == "year")
        .and_then(|(_, v)| v.trim().parse::<i32>().ok());
    match year {
        Some(y) => format!("/manage/bases/{id}?year={y}#events"),
        None => format!("/manage/bases/{id}#events"),
    }
}

/// `POST /manage/bases/{id}/events`
pub async fn record_event(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let input = match BaseEventInput::read(pairs.clone()) {
        Ok(input) => input,
        Err(fields) => {
            return back_with(
                &format!("/manage/bases/{id}#events"),
                &pairs,
                DomainError::Invalid(fields),
            );
        }
    };
    let year = input.held_on.map(|d| d.year());
    match bases::record_event(&state.services.db, &actor, id, input).await {
        Ok(_) => {
            let to = match year {
                Some(y) => format!("/manage/bases/{id}?year={y}#events"),
                None => format!("/manage/bases/{id}#events"),
            };
            done(&to, Msg::NoticeEventRecorded)
        }
        Err(e) => back_with(&format!("/manage/bases/{id}#events"), &pairs, e),
    }
}

/// `POST /manage/bases/{id}/events/{event}/delete`
pub async fn delete_event(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids((id, event)): Ids<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = page(id, &pairs);
    match bases::delete_event(&state.services.db, &actor, id, event).await {
        Ok(()) => done(&here, Msg::NoticeEventDeleted),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `GET /manage/bases.xlsx|.csv?year=`
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FileFormat(format): FileFormat,
    Query(query): Query<HashMap<String, String>>,
    Extension(locale): Extension<Locale>,
) -> Response {
    let here = "/manage/bases";
    let year = match bases::year_param(query.get("year").map_or("", String::as_str)) {
        Ok(y) => y,
        Err(e) => return back_with(here, &[], e),
    };
    let result = bases::export(&state.services.db, &actor, year, format, locale).await;
    download_or_back(result, here)
}
