//! Lectures and salons as events: the quick registration form on an event's course page, the
//! ticket (`/tickets/:code`), and the registrations list staff check people in from
//! (`/manage/courses/:id/registrations`).

use crate::api::catalogue::list_towns;
use crate::api::events::{get_registrations, get_ticket};
use crate::ui::components::form::{Field, FormError, FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use model::catalogue::town_in;
use model::enums::RegistrationStatus;
use model::i18n::Msg;
use model::selections::local_minute;

/// The quick registration form of an event (name, mobile number, town).
#[component]
pub fn RegistrationForm(course_id: i32, full: bool) -> AnyView {
    let t = use_t();
    let state = FormState::from_query();
    let towns = Resource::new_blocking(|| (), |_| list_towns());
    if full {
        return view! { <p class="notice info">{t(Msg::EventFull)}</p> }.into_any();
    }
    view! {
        <form class="form card" method="post" action=format!("/courses/{course_id}/register") id="register-form">
            <h2>{t(Msg::EventRegisterTitle)}</h2>
            <p class="muted">{t(Msg::EventRegisterLead)}</p>
            <FormError message=state.form_error() />
            <Field name="name" label=Msg::FieldName value=state.value("name")
                error=state.field_error("name") autocomplete="name" required=true />
            <Field name="phone" label=Msg::FieldMobile kind="tel" inputmode="numeric"
                value=state.value("phone") error=state.field_error("phone") autocomplete="tel" required=true />
            <Suspense fallback=|| ()>
                {move || {
                    let state = state.clone();
                    Suspend::new(async move {
                        let list = towns.await.unwrap_or_default();
                        let chosen = state.value("town_id");
                        let error = state.field_error("town_id");
                        view! {
                            <div class="field" class:has-error=error.is_some()>
                                <label for="town_id">{t(Msg::FilterTown)}</label>
                                <select id="town_id" name="town_id" required=true>
                                    <option value="">{t(Msg::ChooseOne)}</option>
                                    {list.into_iter().map(|tn| {
                                        let id = tn.id.to_string();
                                        let selected = chosen.as_deref() == Some(id.as_str());
                                        view! { <option value=id selected=selected>{tn.name_zh}</option> }
                                    }).collect_view()}
                                </select>
                                {error.map(|e| view! { <p class="field-error" id="town_id-error">{t(e)}</p> })}
                            </div>
                        }.into_any()
                    })
                }}
            </Suspense>
            <button class="button primary" type="submit">{t(Msg::EventRegisterSubmit)}</button>
        </form>
    }
    .into_any()
}

/// `/tickets/:code`: a registration, by its code.
#[component]
pub fn TicketPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let code = leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("code").unwrap_or_default());
    let ticket = Resource::new_blocking(move || code.clone(), get_ticket);
    view! {
        <Title text=t(Msg::TicketTitle) />
        <h1>{t(Msg::TicketTitle)}</h1>
        <Notice notice=state.notice() />
        <FormError message=state.form_error() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match ticket.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(k) => {
                        let status = match (k.status, k.checked_in_at) {
                            (RegistrationStatus::Cancelled, _) => view! { <span class="badge">{t(Msg::TicketCancelled)}</span> }.into_any(),
                            (_, Some(at)) => view! { <span class="badge ok">{t(Msg::TicketCheckedIn)}" "{local_minute(at)}</span> }.into_any(),
                            _ => view! { <span class="badge info">{t(Msg::TicketRegistered)}</span> }.into_any(),
                        };
                        view! {
                            <section class="card ticket">
                                <h2><a href=format!("/courses/{}", k.course_id)>{k.title.clone()}</a></h2>
                                <p class="muted">{k.provider.clone()}</p>
                                <dl class="facts">
                                    <dt>{t(Msg::ColDate)}</dt>
                                    <dd>{k.first_session.clone().unwrap_or_else(|| k.starts_on.to_string())}</dd>
                                    {k.venue.clone().map(|v| view! { <dt>{t(Msg::CourseVenue)}</dt><dd>{v}</dd> })}
                                    <dt>{t(Msg::FieldName)}</dt>
                                    <dd>{k.name.clone()}</dd>
                                    <dt>{t(Msg::FieldMobile)}</dt>
                                    <dd class="mono">{k.phone_masked.clone()}</dd>
                                    <dt>{t(Msg::ColStatus)}</dt>
                                    <dd>{status}</dd>
                                </dl>
                                {(k.status == RegistrationStatus::Registered && k.checked_in_at.is_none())
                                    .then(|| view! { <p>{t(Msg::TicketHint)}</p> })}
                                {k.can_cancel.then(|| view! {
                                    <form method="post" action=format!("/tickets/{}/cancel", k.code)>
                                        <button class="button" type="submit">{t(Msg::TicketCancel)}</button>
                                    </form>
                                })}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// `/manage/courses/:id/registrations`: who registered, who came; staff check people in.
#[component]
pub fn RegistrationsPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let roster = Resource::new_blocking(|| (), move |_| get_registrations(id));
    view! {
        <Title text=t(Msg::RegistrationsTitle) />
        <Notice notice=state.notice() />
        <FormError message=state.form_error() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match roster.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(r) => view! {
                        <p class="muted"><a href=format!("/manage/courses/{}", r.course_id)>{r.title.clone()}</a></p>
                        <h1>{t(Msg::RegistrationsTitle)}</h1>
                        <p class="lead">
                            {locale.fill(Msg::RegistrationsCounts, r.registered)}" / "{r.capacity}" · "
                            {locale.fill(Msg::RegistrationsCheckedIn, r.checked_in)}
                        </p>
                        {(r.can_check_in && !r.sessions.is_empty()).then(|| {
                            let course = r.course_id;
                            view! {
                                <h2>{t(Msg::EventSessionsTitle)}</h2>
                                <ul class="plain-list" id="event-sessions">
                                    {r.sessions.clone().into_iter().map(|s| view! {
                                        <li>
                                            {format!("{} · {}", s.starts, s.topic)}" "
                                            {s.on_now.then(|| view! { <span class="badge ok">{t(Msg::EventSessionOnNow)}</span> })}" "
                                            <a class=if s.on_now { "button primary small" } else { "button small" }
                                                href=format!("/manage/courses/{course}/sessions/{}/checkin", s.id)>{t(Msg::NavCheckin)}</a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }
                        })}
                        {(!r.rows.is_empty()).then(|| view! {
                            <p class="actions-row">
                                <a class="button" href=format!("/manage/courses/{}/registrations.xlsx", r.course_id) download>{t(Msg::RosterExportXlsx)}</a>
                                " "<a class="button" href=format!("/manage/courses/{}/registrations.csv", r.course_id) download>{t(Msg::RosterExportCsv)}</a>
                            </p>
                        })}
                        {if r.rows.is_empty() {
                            view! { <p class="muted">{t(Msg::RegistrationsNone)}</p> }.into_any()
                        } else {
                            let can = r.can_check_in;
                            let course = r.course_id;
                            view! {
                                <div class="table-wrap" tabindex="0">
                                    <table class="data" id="registrations">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::FieldName)}</th>
                                            <th scope="col">{t(Msg::FieldMobile)}</th>
                                            <th scope="col">{t(Msg::ColTown)}</th>
                                            <th scope="col">{t(Msg::ColRegisteredAt)}</th>
                                            <th scope="col">{t(Msg::ColCheckedIn)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {r.rows.into_iter().map(|x| view! {
                                                <tr id=format!("registration-{}", x.id)>
                                                    <th scope="row">{x.name.clone()}</th>
                                                    <td class="mono">{x.phone_masked.clone()}</td>
                                                    <td>{town_in(&x.town, locale)}</td>
                                                    <td>{local_minute(x.registered_at)}</td>
                                                    <td>{match (x.status, x.checked_in_at) {
                                                        (RegistrationStatus::Cancelled, _) => view! { <span class="badge">{t(Msg::TicketCancelled)}</span> }.into_any(),
                                                        (_, Some(at)) => view! { <span class="badge ok">{t(Msg::TicketCheckedIn)}" "{local_minute(at)}</span> }.into_any(),
                                                        _ if can => view! {
                                                            <form method="post" action=format!("/manage/courses/{course}/registrations/{}/checkin", x.id)>
                                                                <button class="button small" type="submit"
                                                                    aria-label=format!("{} {}", t(Msg::RegistrationCheckIn), x.name)>{t(Msg::RegistrationCheckIn)}</button>
                                                            </form>
                                                        }.into_any(),
                                                        _ => view! { <span class="muted">"—"</span> }.into_any(),
                                                    }}</td>
                                                </tr>
                                            }.into_any()).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
