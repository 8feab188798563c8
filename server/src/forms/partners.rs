//! Partner forms: the online application, the bureau's decisions, adding staff.

use super::{back_with, client, done, session_cookie};
use crate::AppState;
use crate::middleware::Ids;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use domain::{Actor, DomainError, partners};
use model::form::FormData;
use model::i18n::Msg;
use model::partners::{NewStaffInput, PartnerApplication, PartnerDecision};

type Pairs = Form<Vec<(String, String)>>;

/// `POST /partners/apply`: creates the pending partner and its admin, and signs them in.
pub async fn apply(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Form(pairs): Pairs,
) -> Response {
    let form = FormData::new(pairs.clone());
    let input = PartnerApplication::from_form(&form);
    match partners::apply(&state.services, &actor, input, &client(&actor, &headers)).await {
        Ok(session) => {
            let to = format!(
                "/manage/partners/{}?notice={}",
                session.user.organisation_id.unwrap_or_default(),
                Msg::NoticePartnerApplied.key()
            );
            let mut res = Redirect::to(&to).into_response();
            res.headers_mut()
                .append(header::SET_COOKIE, session_cookie(&state, &session));
            res
        }
        Err(e) => back_with("/partners/apply", &pairs, e),
    }
}

/// `POST /manage/partners/{id}/decision`: approve, reject, suspend or reinstate.
pub async fn decide(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Pairs,
) -> Response {
    let form = FormData::new(pairs.clone());
    let here = format!("/manage/partners/{id}");
    let Some(decision) = PartnerDecision::parse(&form.text("decision")) else {
        return back_with(&here, &[], DomainError::field("decision", Msg::ErrChoose));
    };
    match partners::decide(
        &state.services.db,
        &actor,
        id,
        decision,
        &form.text("reason"),
    )
    .await
    {
        Ok(()) => done(&here, Msg::NoticePartnerDecided),
        Err(e) => back_with(&here, &pairs, e),
    }
}

/// `POST /manage/partners/{id}/staff`: a partner admin adds a staff member.
pub async fn add_staff(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Ids(id): Ids<i32>,
    Form(pairs): Pairs,
) -> Response {
    let form = FormData::new(pairs.clone());
    let here = format!("/manage/partners/{id}");
    let input = NewStaffInput::from_form(&form);
    match partners::add_staff(&state.services, &actor, id, input).await {
        Ok(_) => done(&here, Msg::NoticeStaffAdded),
        Err(e) => back_with(&format!("{here}#staff"), &pairs, e),
    }
}
