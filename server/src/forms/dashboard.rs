//! The KPI report's exports, the targets forms (set one, remove one) and limiting a viewer to
//! a town.

use super::{back_with, done};
use crate::AppState;
use crate::middleware::{FileFormat, Ids};
use axum::extract::Query;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};
use domain::{Actor, DomainError, accounts, dashboard, targets};
use model::dashboard::DashboardQuery;
use model::dashboard::TargetInput;
use model::form::FormInput;
use model::i18n::{Locale, Msg};
use std::collections::HashMap;

type Pairs = Vec<(String, String)>;

/// The targets page for the year the form was sent for (a number only).
fn page(pairs: &Pairs) -> String {
    let year = pairs
        .iter()
        .find(|(k, _)| k == "year")
        .and_then(|(_, v)| v.trim().parse::<i32>().ok());
    match year {
        Some(y) => format!("/manage/targets?year={y}"),
        None => "/manage/targets".to_string(),
    }
}

/// `POST /manage/targets`
pub async fn set_target(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = page(&pairs);
    let input = match TargetInput::read(pairs.clone()) {
        Ok(input) => input,
        Err(fields) => {
            return back_with(
                &format!("{here}#target-form"),
                &pairs,
                DomainError::Invalid(fields),
            );
        }
    };
    match targets::set(&state.services.db, &actor, input).await {
        Ok(id) => done(&format!("{here}#target-{id}"), Msg::NoticeTargetSaved),
        Err(e) => back_with(&format!("{here}#target-form"), &pairs, e),
    }
}

/// `POST /manage/targets/{id}/delete`
pub async fn delete_target(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = page(&pairs);
    match targets::delete(&state.services.db, &actor, id).await {
        Ok(()) => done(&here, Msg::NoticeTargetDeleted),
        Err(e) => back_with(&here, &[], e),
    }
}

/// `POST /admin/users/{id}/town` with `town` (a town's id, or empty for the whole city).
pub async fn set_user_town(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(user_id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = "/admin/users";
    let value = pairs
        .iter()
        .find(|(k, _)| k == "town")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let town = match value.as_str() {
        "" => None,
        v => match v.parse::<i32>() {
            Ok(id) => Some(id),
            Err(_) => return back_with(here, &[], DomainError::field("town", Msg::ErrChoose)),
        },
    };
    match accounts::set_viewer_town(&state.services.db, &actor, user_id, town).await {
        Ok(()) => done(here, Msg::NoticeTownChanged),
        Err(e) => back_with(here, &[], e),
    }
}

/// `POST /admin/users/{id}/selections` with `runs_selections` = `1` (give the right to run
/// honour selections) or `0` (take it back).
pub async fn set_selection_right(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(user_id): Ids<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let here = "/admin/users";
    let grant = pairs
        .iter()
        .any(|(k, v)| k == "runs_selections" && v.trim() == "1");
    match accounts::set_selection_right(&state.services.db, &actor, user_id, grant).await {
        Ok(()) if grant => done(here, Msg::NoticeSelectionRightGranted),
        Ok(()) => done(here, Msg::NoticeSelectionRightRevoked),
        Err(e) => back_with(here, &[], e),
    }
}

/// `GET /manage/dashboard.xlsx|.csv?<filters>`
pub async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FileFormat(format): FileFormat,
    Query(query): Query<HashMap<String, String>>,
    Extension(locale): Extension<Locale>,
) -> Response {
    let filters = DashboardQuery::from_params(|k| query.get(k).cloned());
    let result = dashboard::export(&state.services.db, &actor, &filters, format, locale).await;
    super::oversight::answer(result, "/manage/dashboard", &filters.to_params())
}

/// `GET /manage/dashboard/people.xlsx|.csv?figure=&<filters>`
pub async fn export_people(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FileFormat(format): FileFormat,
    Query(query): Query<HashMap<String, String>>,
    Extension(locale): Extension<Locale>,
) -> Response {
    let filters = DashboardQuery::from_params(|k| query.get(k).cloned());
    let figure = query.get("figure").cloned().unwrap_or_default();
    let result = dashboard::export_people(
        &state.services.db,
        &actor,
        &filters,
        &figure,
        format,
        locale,
    )
    .await;
    let params = match filters.to_params() {
        p if p.is_empty() => format!("figure={}", app::ui::encode_component(&figure)),
        p => format!("figure={}&{p}", app::ui::encode_component(&figure)),
    };
    super::oversight::answer(result, "/manage/dashboard/people", &params)
}
