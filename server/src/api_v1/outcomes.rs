//! `/api/v1` for outcomes, people's records and follow-ups.

use super::{Created, ErrorBody, body, created, error, json, no_content};
use crate::AppState;
use crate::forms::rosters::download_response;
use crate::middleware::{Ids, request_locale};
use app::domain::rosters::ExportFormat;
use app::domain::{Actor, DomainError, follow_ups, outcomes, people};
use app::i18n::Msg;
use app::model::outcomes::{
    FollowUpFilter, FollowUpInput, FollowUpList, MyOutcomes, OutcomeInput, PersonHit, PersonRecord,
};
use axum::Extension;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Json, Router, routing::get, routing::post};
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/outcomes", get(my_outcomes).post(report))
        .route("/me/record", get(my_record))
        .route("/people", get(search))
        .route("/people/{id}", get(person))
        .route("/people/{id}/outcomes", post(record))
        .route("/outcomes/{id}/verify", post(verify))
        .route("/follow-ups", get(work_list))
        .route("/follow-ups/export", get(export))
        .route("/follow-ups/{id}", post(follow_up))
}

/// The signed-in trainee's outcomes, newest first (the history included).
#[utoipa::path(get, path = "/api/v1/me/outcomes", responses(
    (status = 200, body = MyOutcomes), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_outcomes(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    json(outcomes::mine(&state.services.db, &actor).await, &headers)
}

/// The signed-in trainee reports what they do now (self-reported).
#[utoipa::path(post, path = "/api/v1/me/outcomes", request_body = OutcomeInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody),
    (status = 409, description = "no real-name profile yet", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    input: Result<Json<OutcomeInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => outcomes::report_own(&state.services.db, &actor, input).await,
        Err(e) => Err(e),
    };
    created(result, &headers)
}

/// The signed-in trainee's whole record.
#[utoipa::path(get, path = "/api/v1/me/record", responses(
    (status = 200, body = PersonRecord), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_record(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
) -> Response {
    json(people::mine(&state.services.db, &actor).await, &headers)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Part of the name or phone number, or the ID number's last digits.
    #[serde(default)]
    q: String,
}

/// People found by name, phone or the ID number's last digits (at most 50; base staff: people
/// who applied to their base).
#[utoipa::path(get, path = "/api/v1/people", params(PeopleQuery), responses(
    (status = 200, body = Vec<PersonHit>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn search(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(q): Query<PeopleQuery>,
) -> Response {
    json(
        people::search(&state.services.db, &actor, &q.q).await,
        &headers,
    )
}

/// A person's whole record (bureau staff; base staff for people who applied to their base).
#[utoipa::path(get, path = "/api/v1/people/{id}", params(("id" = i32, Path, description = "the trainee")), responses(
    (status = 200, body = PersonRecord), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn person(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    json(
        people::record(&state.services.db, &actor, id).await,
        &headers,
    )
}

/// Staff record a person's outcome (verified).
#[utoipa::path(post, path = "/api/v1/people/{id}/outcomes", params(("id" = i32, Path, description = "the trainee")),
    request_body = OutcomeInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn record(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<OutcomeInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => outcomes::record(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    created(result, &headers)
}

/// Marks an outcome verified: a new row supersedes it; the original stays in the history.
#[utoipa::path(post, path = "/api/v1/outcomes/{id}/verify", params(("id" = i32, Path)), responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "already verified or superseded", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn verify(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
) -> Response {
    created(
        outcomes::verify(&state.services.db, &actor, id).await,
        &headers,
    )
}

/// The follow-up work list (bureau staff).
#[utoipa::path(get, path = "/api/v1/follow-ups", params(FollowUpFilter), responses(
    (status = 200, body = FollowUpList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn work_list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let filter = FollowUpFilter::from_params(|k| query.get(k).cloned());
    json(
        follow_ups::work_list(&state.services.db, &actor, &filter).await,
        &headers,
    )
}

/// The work list under the filter as .xlsx (`format=xlsx`, the default) or CSV; audited.
#[utoipa::path(get, path = "/api/v1/follow-ups/export", params(FollowUpFilter,
    ("format" = Option<String>, Query, description = "xlsx or csv")), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"),
    (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(format) = ExportFormat::parse(query.get("format").map_or("xlsx", String::as_str))
    else {
        return error(&headers, DomainError::field("format", Msg::ErrChoose));
    };
    let filter = FollowUpFilter::from_params(|k| query.get(k).cloned());
    let locale = request_locale(&headers);
    match follow_ups::export(&state.services.db, &actor, &filter, format, locale).await {
        Ok(d) => download_response(d),
        Err(e) => error(&headers, e),
    }
}

/// Records a follow-up call: reached (a new outcome, or the current one confirmed) or not.
#[utoipa::path(post, path = "/api/v1/follow-ups/{id}", params(("id" = i32, Path)), request_body = FollowUpInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "already recorded", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn follow_up(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Ids(id): Ids<i32>,
    input: Result<Json<FollowUpInput>, JsonRejection>,
) -> Response {
    let result = match body(input) {
        Ok(input) => follow_ups::record(&state.services.db, &actor, id, input).await,
        Err(e) => Err(e),
    };
    no_content(result, &headers)
}
