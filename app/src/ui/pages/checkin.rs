//! QR check-in: the staff's screen (`/manage/courses/{id}/sessions/{session}/checkin`, a QR
//! code that changes every 30 seconds — the page reloads itself when it does) and the page a
//! trainee's phone opens from the code (`/checkin/{session}/{code}`), with one button.

use crate::api::checkin::{get_checkin_prompt, get_checkin_screen};
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use model::i18n::Msg;

fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

#[component]
pub fn CheckinScreenPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let course: i32 = param("id").parse().unwrap_or(0);
    let session: i32 = param("session").parse().unwrap_or(0);
    let screen = Resource::new_blocking(|| (), move |_| get_checkin_screen(course, session));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match screen.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(s) => {
                        let title = locale.fill(Msg::CheckinScreenTitle, &s.course_title);
                        view! {
                            <Title text=title.clone() />
                            <Meta http_equiv="refresh" content=s.refresh_in.max(1).to_string() />
                            <p class="muted">
                                <a href=format!("/manage/courses/{}/attendance?session={}", s.course_id, s.session_id)>{t(Msg::NavAttendance)}</a>
                            </p>
                            <h1>{title}</h1>
                            <p class="lead">{format!("{} · {}", s.when, s.topic)}</p>
                            {(!s.open).then(|| view! { <p class="notice warning" role="status">{t(Msg::CheckinNotOpen)}</p> })}
                            <div class="checkin-screen card">
                                <div class="qr" role="img" aria-label=t(Msg::NavCheckin) inner_html=s.svg></div>
                                <p>{t(Msg::CheckinScanHint)}</p>
                                <p class="checkin-code">{t(Msg::CheckinCode)}": "<a href=s.url.clone()><code>{s.code.clone()}</code></a></p>
                                <p class="stat-value" role="status">{locale.fill(Msg::CheckinCount, format!("{} / {}", s.checked_in, s.enrolled))}</p>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CheckinPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let session: i32 = param("session").parse().unwrap_or(0);
    let code = param("code");
    let action = format!("/checkin/{session}/{code}");
    let event_action = format!("/events/checkin/{session}/{code}");
    let prompt = Resource::new_blocking(|| (), move |_| get_checkin_prompt(session, code.clone()));
    view! {
        <Title text=t(Msg::CheckinTitle) />
        <h1>{t(Msg::CheckinTitle)}</h1>
        <Notice notice=state.notice() />
        <FormError message=state.form_error() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let action = action.clone();
                let event_action = event_action.clone();
                let state = state.clone();
                Suspend::new(async move {
                    match prompt.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(p) => view! {
                            <div class="card">
                                <h2>{p.course_title.clone()}</h2>
                                <p>{format!("{} · {}", p.when, p.topic)}</p>
                                {if p.event {
                                    let phone_error = state.field_error("phone");
                                    view! {
                                        <form class="form" method="post" action=event_action.clone()>
                                            <div class="field" class:has-error=phone_error.is_some()>
                                                <label for="phone">{t(Msg::CheckinByPhone)}</label>
                                                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" required=true
                                                    value=state.value("phone") aria-invalid=phone_error.is_some().then_some("true") />
                                                {phone_error.map(|e| view! { <p class="field-error" id="phone-error">{t(e)}</p> })}
                                            </div>
                                            <button class="button primary big" type="submit">{t(Msg::CheckinByPhoneSubmit)}</button>
                                        </form>
                                    }.into_any()
                                } else if p.already {
                                    view! { <p class="notice success" role="status">{t(Msg::CheckinAlready)}</p> }.into_any()
                                } else {
                                    view! {
                                        <form method="post" action=action>
                                            <button class="button primary big" type="submit">{t(Msg::CheckinConfirm)}</button>
                                        </form>
                                    }.into_any()
                                }}
                            </div>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
