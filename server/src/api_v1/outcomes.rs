//! `/api/v1` for outcomes, people's records and follow-ups.

use super::{ApiResult, Body, Created, Done, ErrorBody, File};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use domain::rosters::ExportFormat;
use domain::{Actor, DomainError, follow_ups, outcomes, people};
use model::i18n::{Locale, Msg};
use model::outcomes::{
    FollowUpFilter, FollowUpInput, FollowUpList, MyOutcomes, OutcomeInput, PersonHit, PersonRecord,
};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_outcomes, report))
        .routes(routes!(my_record))
        .routes(routes!(search))
        .routes(routes!(person))
        .routes(routes!(record))
        .routes(routes!(verify))
        .routes(routes!(work_list))
        .routes(routes!(export))
        .routes(routes!(follow_up))
}

/// The signed-in trainee's outcomes, newest first (the history included).
#[utoipa::path(get, path = "/api/v1/me/outcomes", responses(
    (status = 200, body = MyOutcomes), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_outcomes(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<MyOutcomes>> {
    Ok(Json(outcomes::mine(&state.services.db, &actor).await?))
}

/// The signed-in trainee reports what they do now (self-reported).
#[utoipa::path(post, path = "/api/v1/me/outcomes", request_body = OutcomeInput, responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody),
    (status = 409, description = "no real-name profile yet", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Body(input): Body<OutcomeInput>,
) -> ApiResult<Created> {
    let id = outcomes::report_own(&state.services.db, &actor, input).await?;
    Ok(Created { id })
}

/// The signed-in trainee's whole record.
#[utoipa::path(get, path = "/api/v1/me/record", responses(
    (status = 200, body = PersonRecord), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn my_record(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> ApiResult<Json<PersonRecord>> {
    Ok(Json(people::mine(&state.services.db, &actor).await?))
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
    Query(q): Query<PeopleQuery>,
) -> ApiResult<Json<Vec<PersonHit>>> {
    Ok(Json(
        people::search(&state.services.db, &actor, &q.q).await?,
    ))
}

/// A person's whole record (bureau staff; base staff for people who applied to their base).
#[utoipa::path(get, path = "/api/v1/people/{id}", params(("id" = i32, Path, description = "the trainee")), responses(
    (status = 200, body = PersonRecord), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn person(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Json<PersonRecord>> {
    Ok(Json(people::record(&state.services.db, &actor, id).await?))
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
    Ids(id): Ids<i32>,
    Body(input): Body<OutcomeInput>,
) -> ApiResult<Created> {
    let id = outcomes::record(&state.services.db, &actor, id, input).await?;
    Ok(Created { id })
}

/// Marks an outcome verified: a new row supersedes it; the original stays in the history.
#[utoipa::path(post, path = "/api/v1/outcomes/{id}/verify", params(("id" = i32, Path)), responses(
    (status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "already verified or superseded", body = ErrorBody),
), security(("bearer" = [])))]
pub async fn verify(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
) -> ApiResult<Created> {
    let id = outcomes::verify(&state.services.db, &actor, id).await?;
    Ok(Created { id })
}

/// The follow-up work list (bureau staff).
#[utoipa::path(get, path = "/api/v1/follow-ups", params(FollowUpFilter), responses(
    (status = 200, body = FollowUpList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn work_list(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<FollowUpList>> {
    let filter = FollowUpFilter::from_params(|k| query.get(k).cloned());
    Ok(Json(
        follow_ups::work_list(&state.services.db, &actor, &filter).await?,
    ))
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
    Extension(locale): Extension<Locale>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<File> {
    let Some(format) = ExportFormat::parse(query.get("format").map_or("xlsx", String::as_str))
    else {
        return Err(DomainError::field("format", Msg::ErrChoose).into());
    };
    let filter = FollowUpFilter::from_params(|k| query.get(k).cloned());
    let d = follow_ups::export(&state.services.db, &actor, &filter, format, locale).await?;
    Ok(File(d))
}

/// Records a follow-up call: reached (a new outcome, or the current one confirmed) or not.
#[utoipa::path(post, path = "/api/v1/follow-ups/{id}", params(("id" = i32, Path)), request_body = FollowUpInput, responses(
    (status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 409, description = "already recorded", body = ErrorBody), (status = 422, body = ErrorBody),
), security(("bearer" = [])))]
pub async fn follow_up(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Body(input): Body<FollowUpInput>,
) -> ApiResult<Done> {
    follow_ups::record(&state.services.db, &actor, id, input).await?;
    Ok(Done)
}
