//! Honour selections (诚信带货主播, 文明诚信电商): the rounds (`/manage/selections`), one round with
//! its nominations, scores, violations, shortlist, objections and result
//! (`/manage/selections/:id`), and the public notices and honour lists (`/notices`,
//! `/notices/:id`) where anyone may object while a shortlist is on notice.

use crate::api::selections::{get_notice, get_selection, list_notices, list_selections};
use crate::ui::components::form::{
    Field, FormError, FormState, LoadError, Notice, SelectField, TextArea,
};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use model::catalogue::town_in;
use model::enums::{
    NominationStatus, ObjectionStatus, RoundStatus, SelectionKind, ViolationEffect,
};
use model::i18n::Msg;
use model::selections::{
    DEFAULT_NOTICE_DAYS, NominationRow, NoticePhase, ObjectionRow, PublicNotice, RoundDetail,
    local_day, local_minute,
};

fn status_badge(s: RoundStatus) -> &'static str {
    match s {
        RoundStatus::Open => "badge info",
        RoundStatus::Notice => "badge warn",
        RoundStatus::Published => "badge ok",
        RoundStatus::Cancelled => "badge",
    }
}

/// `/manage/selections`: the rounds, and for the bureau the form to open one.
#[component]
pub fn SelectionsPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let list = Resource::new_blocking(|| (), |_| list_selections());
    view! {
        <Title text=t(Msg::SelectionsTitle) />
        <h1>{t(Msg::SelectionsTitle)}</h1>
        <p class="lead">{t(Msg::SelectionsLead)}</p>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) => view! {
                        <FormError message=state.form_error() />
                        {if list.rows.is_empty() {
                            view! { <p class="muted">{t(Msg::SelectionsNone)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" tabindex="0">
                                    <table class="data">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::FieldRoundTitle)}</th>
                                            <th scope="col">{t(Msg::FieldSelectionKind)}</th>
                                            <th scope="col" class="num">{t(Msg::FieldYear)}</th>
                                            <th scope="col">{t(Msg::ColStatus)}</th>
                                            <th scope="col" class="num">{t(Msg::ColNominations)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {list.rows.into_iter().map(|r| view! {
                                                <tr>
                                                    <td><a href=format!("/manage/selections/{}", r.id)>{r.title}</a></td>
                                                    <td>{t(r.kind.label())}</td>
                                                    <td class="num">{r.year}</td>
                                                    <td><span class=status_badge(r.status)>{t(r.status.label())}</span></td>
                                                    <td class="num">{r.nominations}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                        {list.can_open.then(|| view! { <RoundForm state=state.clone() /> })}
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn RoundForm(state: FormState) -> AnyView {
    let t = use_t();
    let kinds: Vec<(String, String)> = SelectionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(k.label()).to_string()))
        .collect();
    view! {
        <form class="form card wide-form" method="post" action="/manage/selections">
            <h2>{t(Msg::SelectionNew)}</h2>
            <div class="field-row">
                <SelectField name="kind" label=Msg::FieldSelectionKind options=kinds
                    selected=state.value("kind") error=state.field_error("kind") required=true />
                <Field name="year" label=Msg::FieldYear kind="number" inputmode="numeric"
                    value=state.value("year") error=state.field_error("year") required=true />
                <Field name="notice_days" label=Msg::FieldNoticeDays kind="number" inputmode="numeric"
                    value=Some(state.value("notice_days").unwrap_or_else(|| DEFAULT_NOTICE_DAYS.to_string()))
                    error=state.field_error("notice_days") required=true />
            </div>
            <Field name="title" label=Msg::FieldRoundTitle value=state.value("title")
                error=state.field_error("title") required=true />
            <TextArea name="criteria" label=Msg::FieldCriteria value=state.value("criteria")
                error=state.field_error("criteria") required=true />
            <button class="button primary" type="submit">{t(Msg::SelectionNew)}</button>
        </form>
    }
    .into_any()
}

/// `/manage/selections/:id`: one round, with what the viewer may do in it.
#[component]
pub fn SelectionPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let id = id_param("id");
    let detail = Resource::new_blocking(|| (), move |_| get_selection(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match detail.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(d) => view! { <RoundView d state /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn RoundView(d: RoundDetail, state: FormState) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let r = d.round.clone();
    let here = format!("/manage/selections/{}", r.id);
    let period = match (r.notice_starts_at, r.notice_ends_at) {
        (Some(s), Some(e)) => Some(locale.fill(
            Msg::NoticePeriod,
            format!("{} – {}", local_minute(s), local_minute(e)),
        )),
        _ => None,
    };
    let on_notice = r.status == RoundStatus::Notice;
    let shortlist_form = d.can_manage && r.status == RoundStatus::Open && !d.nominations.is_empty();
    view! {
        <Title text=r.title.clone() />
        <p class="muted"><a href="/manage/selections">{t(Msg::SelectionsTitle)}</a></p>
        <h1>{r.title.clone()}</h1>
        <p class="lead">
            {t(r.kind.label())}" · "{r.year}" · "
            <span class=status_badge(r.status)>{t(r.status.label())}</span>
        </p>
        {period.map(|p| view! { <p class="muted">{p}</p> })}
        {(r.status != RoundStatus::Open && r.status != RoundStatus::Cancelled).then(|| view! {
            <p><a href=format!("/notices/{}", r.id)>{t(Msg::SeePublicNotice)}</a></p>
        })}
        <Notice notice=state.notice() />
        <FormError message=state.form_error() />
        <h2>{t(Msg::FieldCriteria)}</h2>
        <p class="preline">{d.criteria.clone()}</p>
        <h2 id="nominations">{t(Msg::NominationsTitle)}</h2>
        {if d.nominations.is_empty() {
            view! { <p class="muted">{t(Msg::NominationsNone)}</p> }.into_any()
        } else if shortlist_form {
            // The shortlist is chosen with the table: one form around it.
            view! {
                <form method="post" action=format!("{here}/notice") id="shortlist-form">
                    <NominationTable rows=d.nominations.clone() bureau=true choose=true />
                    <p class="muted">{t(Msg::ShortlistHint)}</p>
                    <button class="button primary" type="submit">{t(Msg::StartNotice)}</button>
                </form>
            }.into_any()
        } else {
            view! { <NominationTable rows=d.nominations.clone() bureau=d.can_manage || d.can_score choose=false /> }.into_any()
        }}
        {(d.can_score || d.can_manage).then(|| view! {
            <ReviewForms here=here.clone() rows=d.nominations.clone() can_score=d.can_score
                can_record=d.can_manage && matches!(r.status, RoundStatus::Open | RoundStatus::Notice)
                state=state.clone() />
        })}
        {d.can_nominate.then(|| view! { <NominateForm here=here.clone() d=d.clone() state=state.clone() /> })}
        {d.can_manage.then(|| view! {
            <h2 id="objections">{t(Msg::ObjectionsTitle)}</h2>
            {if d.objections.is_empty() {
                view! { <p class="muted">{t(Msg::ObjectionsNone)}</p> }.into_any()
            } else {
                view! { <ObjectionTable rows=d.objections.clone() decide=on_notice /> }.into_any()
            }}
        })}
        {(d.can_manage && on_notice).then(|| view! {
            <form class="form card" method="post" action=format!("{here}/publish")>
                <h2>{t(Msg::PublishTitle)}</h2>
                <p class="muted">{t(Msg::PublishHint)}</p>
                <button class="button primary" type="submit">{t(Msg::PublishSubmit)}</button>
            </form>
        })}
        {(d.can_manage && matches!(r.status, RoundStatus::Open | RoundStatus::Notice)).then(|| view! {
            <form class="inline-form" method="post" action=format!("{here}/cancel")>
                <button class="button" type="submit">{t(Msg::CancelRound)}</button>
            </form>
        })}
    }
    .into_any()
}

#[component]
fn NominationTable(rows: Vec<NominationRow>, bureau: bool, choose: bool) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data">
                <thead><tr>
                    {choose.then(|| view! { <th scope="col">{t(Msg::ColShortlist)}</th> })}
                    <th scope="col">{t(Msg::ColCandidate)}</th>
                    <th scope="col">{t(Msg::ColTown)}</th>
                    <th scope="col">{t(Msg::ColReason)}</th>
                    <th scope="col">{t(Msg::ColNominatedBy)}</th>
                    {bureau.then(|| view! { <th scope="col" class="num">{t(Msg::ColFinalScore)}</th> })}
                    <th scope="col">{t(Msg::ColStatus)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|n| {
                        let eligible = !n.blocked && !n.scores.is_empty() && n.status == NominationStatus::Nominated;
                        view! {
                            <tr id=format!("nomination-{}", n.id)>
                                {choose.then(|| view! {
                                    <td>
                                        <input type="checkbox" name="shortlist" value=n.id.to_string()
                                            id=format!("shortlist-{}", n.id) disabled=!eligible
                                            aria-label=format!("{} {}", t(Msg::ColShortlist), n.name) />
                                    </td>
                                })}
                                <td>
                                    {n.name.clone()}
                                    {n.business_name.clone().map(|b| view! { <br /><small class="muted">{b}</small> })}
                                </td>
                                <td>{town_in(&n.town, locale)}</td>
                                <td class="preline">{n.reason.clone()}</td>
                                <td>{if n.self_applied { t(Msg::SelfApplied).to_string() } else if n.nominated_by.is_empty() { t(Msg::NominatedByBureau).to_string() } else { n.nominated_by.clone() }}</td>
                                {bureau.then(|| view! {
                                    <td class="num">
                                        {n.final_score.map(|s| format!("{s:.1}")).unwrap_or_else(|| "—".into())}
                                        <br /><small class="muted">{locale.fill(Msg::ScoreCount, n.scores.len())}</small>
                                    </td>
                                })}
                                <td>
                                    {t(n.status.label())}
                                    {n.blocked.then(|| view! { " " <span class="badge warn">{t(Msg::BlockedBadge)}</span> })}
                                    {n.objection_upheld.then(|| view! { " " <span class="badge warn">{t(Msg::ObjectionUpheld)}</span> })}
                                    {n.violations.iter().filter(|v| v.effect == ViolationEffect::Deduct).map(|v| view! {
                                        <br /><small class="muted">{locale.fill(Msg::DeductedPoints, v.points)}" "{v.source.clone()}</small>
                                    }).collect_view()}
                                    {n.certificate_code.clone().map(|code| view! {
                                        <br /><a href=format!("/verify/{code}")>{t(Msg::ViewCertificate)}</a>
                                    })}
                                </td>
                            </tr>
                        }
                        .into_any()
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Scoring a nomination and recording a violation against one: each a small form naming the
/// nomination.
#[component]
fn ReviewForms(
    here: String,
    rows: Vec<NominationRow>,
    can_score: bool,
    can_record: bool,
    state: FormState,
) -> AnyView {
    let t = use_t();
    let scorable: Vec<(String, String)> = rows
        .iter()
        .filter(|n| n.status == NominationStatus::Nominated)
        .map(|n| {
            let mine = n.my_score.map(|s| format!("（{s}）")).unwrap_or_default();
            (n.id.to_string(), format!("{}{mine}", n.name))
        })
        .collect();
    let recordable: Vec<(String, String)> = rows
        .iter()
        .filter(|n| {
            matches!(
                n.status,
                NominationStatus::Nominated | NominationStatus::Shortlisted
            )
        })
        .map(|n| (n.id.to_string(), n.name.clone()))
        .collect();
    let effects: Vec<(String, String)> = [
        (ViolationEffect::Deduct, Msg::EffectDeduct),
        (ViolationEffect::Block, Msg::EffectBlock),
    ]
    .iter()
    .map(|(e, m)| (e.as_str().to_string(), t(*m).to_string()))
    .collect();
    view! {
        {(can_score && !scorable.is_empty()).then(|| view! {
            <form class="form card" method="post" action=format!("{here}/score") id="score-form">
                <h2>{t(Msg::ScoreTitle)}</h2>
                <SelectField name="nomination_id" label=Msg::ColCandidate options=scorable
                    selected=state.value("nomination_id") error=state.field_error("nomination_id") required=true />
                <Field name="score" label=Msg::FieldScore kind="number" inputmode="numeric"
                    value=state.value("score") error=state.field_error("score") required=true />
                <Field name="comment" label=Msg::FieldComment value=state.value("comment")
                    error=state.field_error("comment") />
                <button class="button primary" type="submit">{t(Msg::ScoreSave)}</button>
            </form>
        })}
        {(can_record && !recordable.is_empty()).then(|| view! {
            <form class="form card" method="post" action=format!("{here}/violations") id="violation-form">
                <h2>{t(Msg::ViolationNew)}</h2>
                // Its own name: two controls with one id would share one label.
                <SelectField name="candidate" label=Msg::ColCandidate options=recordable
                    selected=state.value("candidate") error=state.field_error("candidate") required=true />
                <Field name="source" label=Msg::FieldSource value=state.value("source")
                    error=state.field_error("source") required=true />
                <TextArea name="description" label=Msg::FieldViolationDescription value=state.value("description")
                    error=state.field_error("description") required=true />
                <div class="field-row">
                    <SelectField name="effect" label=Msg::FieldEffect options=effects
                        selected=state.value("effect") error=state.field_error("effect") required=true />
                    <Field name="points" label=Msg::FieldPoints kind="number" inputmode="numeric"
                        value=state.value("points") error=state.field_error("points") />
                </div>
                <button class="button" type="submit">{t(Msg::ViolationSave)}</button>
            </form>
        })}
    }
    .into_any()
}

#[component]
fn NominateForm(here: String, d: RoundDetail, state: FormState) -> AnyView {
    let locale = use_locale();
    let t = use_t();
    let applying = d.applies;
    let business = d.round.kind == SelectionKind::HonestBusiness;
    let candidates: Vec<(String, String)> = d
        .candidates
        .iter()
        .map(|c| {
            (
                c.trainee_id.to_string(),
                format!("{}（{}）", c.name, town_in(&c.town, locale)),
            )
        })
        .collect();
    view! {
        <form class="form card wide-form" method="post" action=format!("{here}/nominations") id="nominate-form">
            <h2>{t(if applying { Msg::SelectionApplyTitle } else { Msg::NominateTitle })}</h2>
            {if !candidates.is_empty() {
                Some(view! {
                    <SelectField name="trainee_id" label=Msg::ColCandidate options=candidates
                        selected=state.value("trainee_id") error=state.field_error("trainee_id") required=true />
                }.into_any())
            } else if !applying {
                Some(view! {
                    <Field name="trainee_id" label=Msg::FieldTraineeNumber kind="number" inputmode="numeric"
                        value=state.value("trainee_id") error=state.field_error("trainee_id")
                        hint=Some(Msg::FieldTraineeNumberHint) required=true />
                }.into_any())
            } else {
                None
            }}
            <Field name="business_name" label=Msg::FieldBusinessName value=state.value("business_name")
                error=state.field_error("business_name") required=business />
            <TextArea name="reason" label=Msg::FieldNominationReason value=state.value("reason")
                error=state.field_error("reason") required=true />
            <button class="button primary" type="submit">{t(if applying { Msg::SelectionApplySubmit } else { Msg::NominateSubmit })}</button>
        </form>
    }
    .into_any()
}

#[component]
fn ObjectionTable(rows: Vec<ObjectionRow>, decide: bool) -> AnyView {
    let t = use_t();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data">
                <thead><tr>
                    <th scope="col">{t(Msg::ColReceivedAt)}</th>
                    <th scope="col">{t(Msg::ColCandidate)}</th>
                    <th scope="col">{t(Msg::FieldObjectionBody)}</th>
                    <th scope="col">{t(Msg::ColContact)}</th>
                    <th scope="col">{t(Msg::ColStatus)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|o| view! {
                        <tr id=format!("objection-{}", o.id)>
                            <td>{local_minute(o.created_at)}</td>
                            <td>{o.candidate.clone().unwrap_or_else(|| "—".into())}</td>
                            <td class="preline">{o.body.clone()}</td>
                            <td>{o.contact_name.clone()}<br /><small>{o.contact_phone.clone()}</small></td>
                            <td>
                                {t(o.status.label())}
                                {o.reply.clone().map(|r| view! { <br /><small class="muted">{r}</small> })}
                                {(decide && o.status == ObjectionStatus::Received).then(|| view! { <DecideForm id=o.id /> })}
                            </td>
                        </tr>
                    }.into_any()).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Uphold or dismiss one objection, with what was found.
#[component]
fn DecideForm(id: i32) -> AnyView {
    let t = use_t();
    view! {
        <form class="form compact" method="post" action=format!("/manage/objections/{id}/decision")>
            <TextArea name="reply" id=format!("reply-{id}") label=Msg::FieldReply required=true />
            <div class="actions-row">
                <button class="button" type="submit" name="upheld" value="true">{t(Msg::DecisionUphold)}</button>
                <button class="button" type="submit" name="upheld" value="false">{t(Msg::DecisionDismiss)}</button>
            </div>
        </form>
    }
    .into_any()
}

/// `/notices`: shortlists on public notice now, and the published honour lists.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let t = use_t();
    let list = Resource::new_blocking(|| (), |_| list_notices());
    view! {
        <Title text=t(Msg::NoticesTitle) />
        <h1>{t(Msg::NoticesTitle)}</h1>
        <p class="lead">{t(Msg::NoticesLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) => view! {
                        <h2>{t(Msg::NoticesOnNotice)}</h2>
                        {if list.notices.is_empty() {
                            view! { <p class="muted">{t(Msg::NoticesNone)}</p> }.into_any()
                        } else {
                            list.notices.into_iter().map(|n| view! { <NoticeCard n /> }).collect_view().into_any()
                        }}
                        <h2>{t(Msg::HonoursTitle)}</h2>
                        {if list.honours.is_empty() {
                            view! { <p class="muted">{t(Msg::HonoursNone)}</p> }.into_any()
                        } else {
                            list.honours.into_iter().map(|n| view! { <NoticeCard n /> }).collect_view().into_any()
                        }}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoticeCard(n: PublicNotice) -> AnyView {
    let t = use_t();
    let names: Vec<String> = n.candidates.iter().map(|c| c.name.clone()).collect();
    view! {
        <article class="card notice-card">
            <h3><a href=format!("/notices/{}", n.id)>{n.title.clone()}</a></h3>
            <p class="muted">
                {t(n.kind.label())}" · "
                <span class=if n.phase == NoticePhase::OnNotice { "badge warn" } else { "badge" }>{t(n.phase.label())}</span>
                " · "{local_day(n.notice_starts_at)}" – "{local_day(n.notice_ends_at)}
            </p>
            <p>{names.join("、")}</p>
        </article>
    }
    .into_any()
}

/// `/notices/:id`: one shortlist on notice (with the objection form) or one honour list.
#[component]
pub fn NoticePage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let id = id_param("id");
    let notice = Resource::new_blocking(|| (), move |_| get_notice(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match notice.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(n) => view! { <NoticeView n state /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn NoticeView(n: PublicNotice, state: FormState) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let published = n.status == RoundStatus::Published;
    let options: Vec<(String, String)> = n
        .candidates
        .iter()
        .map(|c| (c.nomination_id.to_string(), c.name.clone()))
        .collect();
    view! {
        <Title text=n.title.clone() />
        <p class="muted"><a href="/notices">{t(Msg::NoticesTitle)}</a></p>
        <h1>{n.title.clone()}</h1>
        <p class="lead">
            {t(n.kind.label())}" · "{t(n.phase.label())}
        </p>
        <p>{locale.fill(Msg::NoticePeriod, format!("{} – {}", local_minute(n.notice_starts_at), local_minute(n.notice_ends_at)))}</p>
        <Notice notice=state.notice() />
        <h2>{t(if published { Msg::HonoursTitle } else { Msg::NoticeShortlist })}</h2>
        {if n.candidates.is_empty() {
            view! { <p class="muted">{t(Msg::HonoursNone)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0">
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t(Msg::ColCandidate)}</th>
                            <th scope="col">{t(Msg::ColTown)}</th>
                            <th scope="col">{t(Msg::FieldBusinessName)}</th>
                            <th scope="col" class="num">{t(Msg::ColFinalScore)}</th>
                        </tr></thead>
                        <tbody>
                            {n.candidates.iter().map(|c| view! {
                                <tr>
                                    <td>{c.name.clone()}</td>
                                    <td>{town_in(&c.town, locale)}</td>
                                    <td>{c.business_name.clone().unwrap_or_default()}</td>
                                    <td class="num">{c.final_score.map(|s| format!("{s:.1}")).unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <h2>{t(Msg::FieldCriteria)}</h2>
        <p class="preline">{n.criteria.clone()}</p>
        {if n.taking_objections {
            view! {
                <form class="form card" method="post" action=format!("/notices/{}/objections", n.id) id="objection-form">
                    <h2>{t(Msg::ObjectTitle)}</h2>
                    <p class="muted">{t(Msg::ObjectHint)}</p>
                    <FormError message=state.form_error() />
                    <SelectField name="nomination_id" label=Msg::FieldObjectionCandidate options
                        selected=state.value("nomination_id") error=state.field_error("nomination_id") />
                    <TextArea name="body" label=Msg::FieldObjectionBody value=state.value("body")
                        error=state.field_error("body") hint=Some(Msg::ObjectionBodyHint) required=true />
                    <Field name="contact_name" label=Msg::FieldContactName value=state.value("contact_name")
                        error=state.field_error("contact_name") autocomplete="name" required=true />
                    <Field name="contact_phone" label=Msg::FieldContactPhone kind="tel" inputmode="tel"
                        value=state.value("contact_phone") error=state.field_error("contact_phone")
                        autocomplete="tel" required=true />
                    <button class="button primary" type="submit">{t(Msg::ObjectSubmit)}</button>
                </form>
            }.into_any()
        } else if n.phase == NoticePhase::Upcoming {
            view! { <p class="notice info">{t(Msg::ObjectionsNotYet)}</p> }.into_any()
        } else if !published {
            view! { <p class="notice info">{t(Msg::ObjectionsClosed)}</p> }.into_any()
        } else {
            ().into_any()
        }}
    }
    .into_any()
}
