//! Places and placements: the public list of bases and their open places (`/places`), a
//! place's page with the application form (`/places/:id`), a trainee's applications
//! (`/applications`), and for bases and the bureau the places with their applications
//! (`/manage/places`, `/manage/places/:id`) and every placement (`/manage/placements`).

use crate::api::placements::{
    get_managed_place, get_managed_places, get_my_applications, get_place, get_placements,
    get_public_places,
};
use crate::ui::components::form::{
    Field, FormError, FormState, LoadError, Notice, SelectField, TextArea,
};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::catalogue::town_in;
use model::enums::{PlaceStatus, PlacementKind, PlacementStatus};
use model::i18n::Msg;
use model::placements::{CourseRef, MyApplication, PlaceSummary, PlacementRow, Support};

fn status_class(s: PlacementStatus) -> &'static str {
    match s {
        PlacementStatus::Active | PlacementStatus::Accepted | PlacementStatus::Graduated => {
            "badge ok"
        }
        PlacementStatus::Applied => "badge warn",
        _ => "badge",
    }
}

/// The facts of a place: kind, period, places left, support, conditions.
#[component]
fn PlaceFacts(p: PlaceSummary) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <p class="course-meta">
            <span class="badge">{t(p.kind.label())}</span>" "
            {if p.left > 0 && p.status == PlaceStatus::Open {
                view! { <span class="badge ok">{locale.fill(Msg::PlaceLeft, p.left)}</span> }.into_any()
            } else if p.status == PlaceStatus::Closed {
                view! { <span class="badge">{t(Msg::PlaceClosed)}</span> }.into_any()
            } else {
                view! { <span class="badge warn">{t(Msg::PlaceFullBadge)}</span> }.into_any()
            }}
            {p.requires_certificate.then(|| view! { " " <span class="badge info">{t(Msg::PlaceRequiresCertificate)}</span> })}
        </p>
        <dl class="facts">
            <dt>{t(Msg::PlacePeriod)}</dt>
            <dd>{format!("{} – {}", p.starts_on, p.ends_on)}</dd>
            <dt>{t(Msg::FieldPlaceCapacity)}</dt>
            <dd>{p.capacity}</dd>
            {(!p.support.is_empty()).then(|| view! {
                <dt>{t(Msg::PlaceSupport)}</dt>
                <dd>{p.support.iter().map(|s| t(s.label())).collect::<Vec<_>>().join("、")}</dd>
            })}
            {(!p.courses.is_empty()).then(|| view! {
                <dt>{t(Msg::PlaceQualifyingCourses)}</dt>
                <dd>{p.courses.iter().map(|c| view! {
                    <a href=format!("/courses/{}", c.id)>{c.title.clone()}</a>" "
                }).collect_view()}</dd>
            })}
        </dl>
    }
}

/// `/places`: approved bases with their open places.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let list = Resource::new_blocking(|| (), |_| get_public_places());
    view! {
        <Title text=t(Msg::PlacesTitle) />
        <h1>{t(Msg::PlacesTitle)}</h1>
        <p class="lead">{t(Msg::PlacesLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) if list.bases.is_empty() => view! { <p class="muted">{t(Msg::PlacesNone)}</p> }.into_any(),
                    Ok(list) => view! {
                        <p class="notice info">{locale.fill(Msg::PlacesOpenCount, list.open_places)}</p>
                        {list.bases.into_iter().map(|b| view! {
                            <section class="base">
                                <h2>{b.name.clone()}</h2>
                                <p class="muted">{t(b.kind.label())}" · "{town_in(&b.town, locale)}</p>
                                <div class="card-grid">
                                    {b.places.into_iter().map(|p| view! {
                                        <article class="card place-card">
                                            <h3><a href=format!("/places/{}", p.id)>{p.title.clone()}</a></h3>
                                            <PlaceFacts p />
                                        </article>
                                    }.into_any()).collect_view()}
                                </div>
                            </section>
                        }.into_any()).collect_view()}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ApplicationFacts(a: MyApplication) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <p>
            <span class=status_class(a.status)>{t(a.status.label())}</span>" "
            <span class="muted">{t(Msg::ColApplied)}" "{a.applied_on.to_string()}</span>
        </p>
        {a.start_date.map(|d| view! {
            <p>{locale.fill(Msg::PlacementStartsOn, d)}{a.station.clone().map(|s| format!(" · {s}"))}</p>
        })}
        {a.end_date.map(|d| view! { <p>{t(Msg::FieldEndDate)}": "{d.to_string()}</p> })}
        {a.decision_reason.clone().or(a.end_reason.clone()).map(|r| view! { <p class="muted">{r}</p> })}
    }
}

/// `/places/:id`: a place, and for a trainee the application form or their application.
#[component]
pub fn PlacePage() -> impl IntoView {
    let locale = use_locale();
    let t = use_t();
    let state = FormState::from_query();
    let id = id_param("id");
    let page = Resource::new_blocking(|| (), move |_| get_place(id));
    view! {
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match page.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(page) => {
                        let p = page.place.clone();
                        let signed_in_trainee = page.can_apply || page.blocked.is_some() || page.mine.is_some();
                        view! {
                            <Title text=p.title.clone() />
                            <p class="muted"><a href="/places">{t(Msg::BackToPlaces)}</a></p>
                            <h1>{p.title.clone()}</h1>
                            <p class="lead">{p.base.clone()}" · "{town_in(&p.town, locale)}</p>
                            <PlaceFacts p=p.clone() />
                            {p.description.clone().map(|d| view! {
                                <h2>{t(Msg::PlaceDescription)}</h2><p class="prewrap">{d}</p>
                            })}
                            {p.requirements.clone().map(|d| view! {
                                <h2>{t(Msg::PlaceRequirements)}</h2><p class="prewrap">{d}</p>
                            })}
                            {page.mine.clone().map(|a| view! {
                                <section class="card">
                                    <h2>{t(Msg::PlaceYourApplication)}</h2>
                                    <ApplicationFacts a />
                                </section>
                            })}
                            <FormError message=state.form_error() />
                            {if page.can_apply {
                                view! {
                                    <form class="form card" method="post" action=format!("/places/{}/apply", p.id)>
                                        <h2>{t(Msg::PlaceApplyTitle)}</h2>
                                        <TextArea name="statement" label=Msg::FieldStatement value=state.value("statement")
                                            error=state.field_error("statement") hint=Some(Msg::StatementHint) required=true />
                                        <button class="button primary" type="submit">{t(Msg::PlaceApply)}</button>
                                    </form>
                                }.into_any()
                            } else if let Some(why) = page.blocked.filter(|_| page.mine.is_none()) {
                                view! {
                                    <p class="notice warning">{t(why)}</p>
                                    {(why == Msg::ErrProfileRequired).then(|| view! {
                                        <p><a class="button primary" href="/profile">{t(Msg::NavProfile)}</a></p>
                                    })}
                                }.into_any()
                            } else if !signed_in_trainee && !page.manages && p.taking_applications {
                                view! {
                                    <p><a class="button primary" href=format!("/login?next=/places/{}", p.id)>{t(Msg::PlaceLoginToApply)}</a></p>
                                }.into_any()
                            } else {
                                ().into_any()
                            }}
                            {page.manages.then(|| view! {
                                <p><a class="button" href=format!("/manage/places/{}", p.id)>{t(Msg::PlaceManageLink)}</a></p>
                            })}
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

/// `/applications`: the signed-in trainee's applications and placements.
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let list = Resource::new_blocking(|| (), |_| get_my_applications());
    view! {
        <Title text=t(Msg::MyApplicationsTitle) />
        <h1>{t(Msg::MyApplicationsTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(rows) => view! {
                        {rows.is_empty().then(|| view! { <p class="muted">{t(Msg::MyApplicationsNone)}</p> })}
                        <div class="card-grid">
                            {rows.into_iter().map(|a| view! {
                                <article class="card">
                                    <h3>{match a.place_id {
                                        Some(id) => view! { <a href=format!("/places/{id}")>{a.place.clone()}</a> }.into_any(),
                                        None => view! { <span>{t(a.kind.label())}</span> }.into_any(),
                                    }}</h3>
                                    <p class="muted">{a.base.clone()}" · "{t(a.kind.label())}</p>
                                    <ApplicationFacts a />
                                </article>
                            }).collect_view()}
                        </div>
                        <p><a class="button" href="/places">{t(Msg::BrowsePlaces)}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The values a place form shows: what was sent (after a refusal) or what is stored.
struct PlaceValues {
    kind: Option<String>,
    title: Option<String>,
    description: Option<String>,
    requirements: Option<String>,
    support: Vec<String>,
    capacity: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    requires_certificate: bool,
    course_ids: Vec<String>,
}

impl PlaceValues {
    fn from_state(s: &FormState) -> Self {
        PlaceValues {
            kind: s.value("kind"),
            title: s.value("title"),
            description: s.value("description"),
            requirements: s.value("requirements"),
            support: s.values("support"),
            capacity: s.value("capacity"),
            starts_on: s.value("starts_on"),
            ends_on: s.value("ends_on"),
            requires_certificate: s.value("requires_certificate").is_some(),
            course_ids: s.values("course_ids"),
        }
    }

    fn from_place(p: &PlaceSummary) -> Self {
        PlaceValues {
            kind: Some(p.kind.as_str().to_string()),
            title: Some(p.title.clone()),
            description: p.description.clone(),
            requirements: p.requirements.clone(),
            support: p.support.iter().map(|s| s.as_str().to_string()).collect(),
            capacity: Some(p.capacity.to_string()),
            starts_on: Some(p.starts_on.to_string()),
            ends_on: Some(p.ends_on.to_string()),
            requires_certificate: p.requires_certificate,
            course_ids: p.courses.iter().map(|c| c.id.to_string()).collect(),
        }
    }
}

#[component]
fn PlaceForm(
    action: String,
    values: PlaceValues,
    state: FormState,
    courses: Vec<CourseRef>,
    submit: Msg,
) -> impl IntoView {
    let t = use_t();
    let v = values;
    let kinds: Vec<(String, String)> = PlacementKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(k.label()).to_string()))
        .collect();
    view! {
        <form class="form card wide-form" method="post" action=action>
            <h2>{t(submit)}</h2>
            <Field name="title" label=Msg::FieldPlaceTitle value=v.title error=state.field_error("title") required=true />
            <div class="field-row">
                <SelectField name="kind" label=Msg::FieldPlaceKind options=kinds selected=v.kind
                    error=state.field_error("kind") required=true />
                <Field name="capacity" label=Msg::FieldPlaceCapacity kind="number" inputmode="numeric"
                    value=v.capacity error=state.field_error("capacity") required=true />
            </div>
            <div class="field-row">
                <Field name="starts_on" label=Msg::FieldStartsOn kind="date" value=v.starts_on
                    error=state.field_error("starts_on") required=true />
                <Field name="ends_on" label=Msg::FieldEndsOn kind="date" value=v.ends_on
                    error=state.field_error("ends_on") required=true />
            </div>
            <TextArea name="description" label=Msg::FieldPlaceDescription value=v.description
                error=state.field_error("description") />
            <TextArea name="requirements" label=Msg::FieldRequirements value=v.requirements
                error=state.field_error("requirements") />
            <fieldset class="checkbox-group">
                <legend>{t(Msg::PlaceSupport)}</legend>
                {Support::ALL.iter().map(|s| {
                    let id = format!("support-{}", s.as_str());
                    let checked = v.support.iter().any(|x| x == s.as_str());
                    view! {
                        <span class="field checkbox">
                            <input id=id.clone() name="support" type="checkbox" value=s.as_str() checked=checked />
                            <label for=id>{t(s.label())}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <span class="field checkbox">
                <input id="requires_certificate" name="requires_certificate" type="checkbox" value="1" checked=v.requires_certificate />
                <label for="requires_certificate">{t(Msg::FieldRequiresCertificate)}</label>
            </span>
            <fieldset class="checkbox-group course-choices" class:has-error=state.field_error("course_ids").is_some()>
                <legend>{t(Msg::FieldQualifyingCourses)}</legend>
                {courses.into_iter().map(|c| {
                    let id = format!("course-{}", c.id);
                    let checked = v.course_ids.iter().any(|x| *x == c.id.to_string());
                    view! {
                        <span class="field checkbox">
                            <input id=id.clone() name="course_ids" type="checkbox" value=c.id.to_string() checked=checked />
                            <label for=id>{c.title}</label>
                        </span>
                    }
                }).collect_view()}
                {state.field_error("course_ids").map(|e| view! { <p class="field-error">{t(e)}</p> })}
            </fieldset>
            <button class="button primary" type="submit">{t(submit)}</button>
        </form>
    }
}

/// `/manage/places`: a base's places (the bureau: every base's), and the form to publish one.
#[component]
pub fn ManagedPlacesPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let list = Resource::new_blocking(|| (), |_| get_managed_places());
    view! {
        <Title text=t(Msg::ManagePlacesTitle) />
        <h1>{t(Msg::ManagePlacesTitle)}</h1>
        <Notice notice=state.notice() />
        <p><a href="/manage/placements">{t(Msg::AllPlacementsLink)}</a>" · "<a href="/places">{t(Msg::PlacesTitle)}</a></p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) => view! {
                        <FormError message=state.form_error() />
                        {list.can_publish.then(|| view! { <p><a href="/manage/bases">{t(Msg::NavBaseKpis)}</a></p> })}
                        {if list.rows.is_empty() {
                            view! { <p class="muted">{t(Msg::ManagePlacesNone)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" tabindex="0">
                                    <table class="data">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::ColPlaceTitle)}</th>
                                            <th scope="col">{t(Msg::ColBase)}</th>
                                            <th scope="col">{t(Msg::FieldPlaceKind)}</th>
                                            <th scope="col">{t(Msg::PlacePeriod)}</th>
                                            <th scope="col" class="num">{t(Msg::ColPlaceTaken)}</th>
                                            <th scope="col" class="num">{t(Msg::ColWaiting)}</th>
                                            <th scope="col">{t(Msg::ColStatus)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {list.rows.into_iter().map(|r| view! {
                                                <tr>
                                                    <td><a href=format!("/manage/places/{}", r.place.id)>{r.place.title.clone()}</a></td>
                                                    <td>{r.place.base.clone()}</td>
                                                    <td>{t(r.place.kind.label())}</td>
                                                    <td>{format!("{} – {}", r.place.starts_on, r.place.ends_on)}</td>
                                                    <td class="num">{format!("{} / {}", r.place.capacity - r.place.left, r.place.capacity)}</td>
                                                    <td class="num">{r.waiting}</td>
                                                    <td><span class=if r.place.status == PlaceStatus::Open { "badge ok" } else { "badge" }>{t(r.place.status.label())}</span></td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                        {list.can_publish.then(|| view! {
                            <PlaceForm action="/manage/places".to_string() values=PlaceValues::from_state(&state)
                                state=state.clone() courses=list.courses.clone() submit=Msg::PlaceNew />
                        })}
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// The accept / reject form of one application.
#[component]
fn DecisionForms(r: PlacementRow, state: FormState, back: String) -> impl IntoView {
    let t = use_t();
    let action = format!("/manage/placements/{}/decision", r.id);
    // Errors come back for the row they were about.
    let mine = state.value("row").as_deref() == Some(r.id.to_string().as_str());
    let err = |f: &str| if mine { state.field_error(f) } else { None };
    let start_id = format!("start-{}", r.id);
    let station_id = format!("station-{}", r.id);
    let reason_id = format!("reason-{}", r.id);
    view! {
        <form class="inline-form decision" method="post" action=action.clone()>
            <input type="hidden" name="row" value=r.id.to_string() />
            <input type="hidden" name="back" value=back.clone() />
            <input type="hidden" name="decision" value="accept" />
            <label for=start_id.clone()>{t(Msg::FieldStartDate)}</label>
            <input id=start_id name="start_date" type="date" required=true
                aria-invalid=err("start_date").is_some().then_some("true") />
            <label for=station_id.clone()>{t(Msg::FieldStation)}</label>
            <input id=station_id name="station" type="text" maxlength="50" />
            {err("start_date").map(|e| view! { <p class="field-error">{t(e)}</p> })}
            <button class="button primary" type="submit">{t(Msg::DecisionAccept)}</button>
        </form>
        <form class="inline-form decision" method="post" action=action>
            <input type="hidden" name="row" value=r.id.to_string() />
            <input type="hidden" name="back" value=back />
            <input type="hidden" name="decision" value="reject" />
            <label for=reason_id.clone()>{t(Msg::FieldDecisionReason)}</label>
            <input id=reason_id name="reason" type="text" required=true maxlength="500"
                aria-invalid=err("reason").is_some().then_some("true") />
            {err("reason").map(|e| view! { <p class="field-error">{t(e)}</p> })}
            <button class="button" type="submit">{t(Msg::DecisionReject)}</button>
        </form>
    }
}

/// The form that records how a placement ended.
#[component]
fn EndForm(r: PlacementRow, state: FormState, back: String) -> impl IntoView {
    let t = use_t();
    let mine = state.value("row").as_deref() == Some(r.id.to_string().as_str());
    let err = |f: &str| if mine { state.field_error(f) } else { None };
    let status_id = format!("end-status-{}", r.id);
    let date_id = format!("end-date-{}", r.id);
    let reason_id = format!("end-reason-{}", r.id);
    view! {
        <form class="inline-form end" method="post" action=format!("/manage/placements/{}/end", r.id)>
            <input type="hidden" name="row" value=r.id.to_string() />
            <input type="hidden" name="back" value=back />
            <label for=status_id.clone()>{t(Msg::FieldEndStatus)}</label>
            <select id=status_id name="status" required=true>
                <option value="graduated">{t(Msg::PlacementGraduated)}</option>
                <option value="left">{t(Msg::PlacementLeft)}</option>
            </select>
            <label for=date_id.clone()>{t(Msg::FieldEndDate)}</label>
            <input id=date_id name="end_date" type="date" required=true
                aria-invalid=err("end_date").is_some().then_some("true") />
            <label for=reason_id.clone()>{t(Msg::FieldDecisionReason)}</label>
            <input id=reason_id name="reason" type="text" maxlength="500"
                aria-invalid=err("reason").is_some().then_some("true") />
            {err("end_date").or(err("reason")).or(err("status")).map(|e| view! { <p class="field-error">{t(e)}</p> })}
            <button class="button" type="submit">{t(Msg::EndPlacement)}</button>
        </form>
    }
}

/// Applications and placements as a table; `show_place` adds the base and place columns.
#[component]
fn PlacementTable(
    rows: Vec<PlacementRow>,
    state: FormState,
    show_place: bool,
    /// The page the row forms come back to.
    back: String,
) -> impl IntoView {
    let locale = use_locale();
    let t = use_t();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data placements">
                <thead><tr>
                    <th scope="col">{t(Msg::ColApplicant)}</th>
                    {show_place.then(|| view! {
                        <th scope="col">{t(Msg::ColBase)}</th>
                        <th scope="col">{t(Msg::ColPlaceTitle)}</th>
                    })}
                    <th scope="col">{t(Msg::ColStatus)}</th>
                    <th scope="col">{t(Msg::ColDetails)}</th>
                    <th scope="col"><span class="visually-hidden">{t(Msg::ColActions)}</span></th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let state = state.clone();
                        let back = back.clone();
                        view! {
                            <tr id=format!("placement-{}", r.id)>
                                <th scope="row"><a href=format!("/manage/people/{}", r.trainee_id)>{r.name.clone()}</a><br /><span class="muted">{town_in(&r.town, locale)}</span></th>
                                {show_place.then(|| view! {
                                    <td>{r.base.clone()}</td>
                                    <td>{match r.place_id {
                                        Some(id) => view! { <a href=format!("/manage/places/{id}")>{r.place.clone()}</a> }.into_any(),
                                        None => view! { <span>{t(r.kind.label())}</span> }.into_any(),
                                    }}</td>
                                })}
                                <td><span class=status_class(r.status)>{t(r.status.label())}</span></td>
                                <td class="details">
                                    <span class="muted">{t(Msg::ColApplied)}" "{r.applied_on.to_string()}</span>
                                    {r.statement.clone().map(|s| view! { <p class="prewrap">{s}</p> })}
                                    {(!r.certificates.is_empty()).then(|| view! {
                                        <p>{t(Msg::ColCertificates)}": "<span class="mono">{r.certificates.join("、")}</span></p>
                                    })}
                                    {r.start_date.map(|d| view! {
                                        <p>{t(Msg::FieldStartDate)}": "{d.to_string()}{r.station.clone().map(|s| format!(" · {s}"))}</p>
                                    })}
                                    {r.end_date.map(|d| view! { <p>{t(Msg::FieldEndDate)}": "{d.to_string()}</p> })}
                                    {r.decision_reason.clone().or(r.end_reason.clone()).map(|s| view! { <p class="muted">{s}</p> })}
                                </td>
                                <td class="actions">
                                    {r.can_decide.then(|| view! { <DecisionForms r=r.clone() state=state.clone() back=back.clone() /> })}
                                    {r.can_end.then(|| view! { <EndForm r=r.clone() state=state.clone() back=back.clone() /> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/manage/places/:id`: a place with its applications and placements.
#[component]
pub fn ManagedPlacePage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let id = id_param("id");
    let place = Resource::new_blocking(|| (), move |_| get_managed_place(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match place.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(m) => {
                        let p = m.place.clone();
                        let values = if state.came_back() && state.value("row").is_none() {
                            PlaceValues::from_state(&state)
                        } else {
                            PlaceValues::from_place(&p)
                        };
                        view! {
                            <Title text=p.title.clone() />
                            <p class="muted"><a href="/manage/places">{t(Msg::ManagePlacesTitle)}</a></p>
                            <h1>{p.title.clone()}</h1>
                            <p class="lead">{p.base.clone()}" · "<a href=format!("/places/{}", p.id)>{t(Msg::PlacesTitle)}</a></p>
                            <Notice notice=state.notice() />
                            <FormError message=state.form_error() />
                            <PlaceFacts p=p.clone() />
                            {m.can_edit.then(|| {
                                let (to, label) = match p.status {
                                    PlaceStatus::Open => ("closed", Msg::PlaceClose),
                                    PlaceStatus::Closed => ("open", Msg::PlaceReopen),
                                };
                                view! {
                                    <form class="inline-form" method="post" action=format!("/manage/places/{}/status", p.id)>
                                        <input type="hidden" name="status" value=to />
                                        <button class="button" type="submit">{t(label)}</button>
                                    </form>
                                }
                            })}
                            <h2>{t(Msg::PlaceApplicationsTitle)}</h2>
                            {if m.rows.is_empty() {
                                view! { <p class="muted">{t(Msg::ApplicationsNone)}</p> }.into_any()
                            } else {
                                view! { <PlacementTable rows=m.rows.clone() state=state.clone() show_place=false back=format!("/manage/places/{}", p.id) /> }.into_any()
                            }}
                            {m.can_edit.then(|| view! {
                                <details class="card" open=state.came_back() && state.value("row").is_none()>
                                    <summary>{t(Msg::PlaceEdit)}</summary>
                                    <PlaceForm action=format!("/manage/places/{}", p.id) values state=state.clone()
                                        courses=m.courses.clone() submit=Msg::PlaceSave />
                                </details>
                            })}
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

/// `/manage/placements`: every placement the viewer may see, by status.
#[component]
pub fn PlacementsPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let status = use_query_map().with_untracked(|q| q.get("status").unwrap_or_default());
    let chosen = PlacementStatus::parse(&status);
    let here = match chosen {
        Some(s) => format!("/manage/placements?status={}", s.as_str()),
        None => "/manage/placements".to_string(),
    };
    let list = Resource::new_blocking(move || status.clone(), get_placements);
    view! {
        <Title text=t(Msg::PlacementsTitle) />
        <h1>{t(Msg::PlacementsTitle)}</h1>
        <Notice notice=state.notice() />
        <nav class="filter-links" aria-label=t(Msg::ColStatus)>
            <a href="/manage/placements" aria-current=chosen.is_none().then_some("page")>{t(Msg::FilterAll)}</a>
            {PlacementStatus::ALL.iter().filter(|s| **s != PlacementStatus::Accepted).map(|s| view! {
                " · "<a href=format!("/manage/placements?status={}", s.as_str())
                    aria-current=(chosen == Some(*s)).then_some("page")>{t(s.label())}</a>
            }).collect_view()}
        </nav>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                let here = here.clone();
                Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) if list.rows.is_empty() => view! { <p class="muted">{t(Msg::PlacementsNone)}</p> }.into_any(),
                    Ok(list) => view! {
                        <FormError message=state.form_error() />
                        <p class="muted">{locale.fill(Msg::PlacementsTotal, list.total)}</p>
                        <PlacementTable rows=list.rows state show_place=true back=here.clone() />
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}
