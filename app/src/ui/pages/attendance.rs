//! Taking attendance (`/manage/courses/{id}/attendance?session=`): one session's enrolled
//! trainees with a row of radio buttons each (arrow keys move within a row), a button that
//! marks everyone present, and one save. A plain form, so it works on any tablet or phone.
//! Scores and completion (`/manage/courses/{id}/completion`): hours, scores, the rule's
//! result per trainee, and the confirmation.

use crate::api::attendance::{get_attendance_sheet, get_completion_sheet};
use crate::i18n::Msg;
use crate::model::attendance::{AttendanceSheet, status_label};
use crate::model::completion::CompletionSheet;
use crate::model::enums::AttendanceStatus;
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::catalogue::hours;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
fn Sheet(s: AttendanceSheet) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let Some(session_id) = s.session_id else {
        return view! { <p class="muted">{t(Msg::AttendanceNoSessions)}</p> }.into_any();
    };
    let base = format!("/manage/courses/{}/attendance", s.course_id);
    let session_picker = view! {
        <form class="card filter-form" method="get" action=base.clone()>
            <div class="field">
                <label for="session">{t(Msg::AttendanceSession)}</label>
                <select id="session" name="session">
                    {s.sessions.iter().map(|c| view! {
                        <option value=c.id.to_string() selected=c.id == session_id>
                            {format!("{} {} ({})", c.when, c.topic, locale.fill(Msg::AttendanceMarked, c.marked))}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button class="button" type="submit">{t(Msg::AttendanceShow)}</button>
            </div>
        </form>
    };
    if s.rows.is_empty() {
        return view! { {session_picker} <p class="muted">{t(Msg::AttendanceNobody)}</p> }
            .into_any();
    }
    let started = s.sessions.iter().any(|c| c.id == session_id && c.started);
    let disabled = !s.can_record;
    view! {
        {session_picker}
        {(!started).then(|| view! { <p class="notice info" role="status">{t(Msg::AttendanceNotStarted)}</p> })}
        <p><a class="button" href=format!("{}/sessions/{session_id}/checkin", base.trim_end_matches("/attendance"))>{t(Msg::NavCheckin)}</a></p>
        <form method="post" action=format!("{base}/{session_id}") class="attendance-form">
            <div class="table-wrap">
                <table class="data attendance">
                    <thead><tr>
                        <th scope="col">{t(Msg::FieldName)}</th>
                        {AttendanceStatus::ALL.iter().map(|st| view! { <th scope="col">{t(status_label(*st))}</th> }).collect_view()}
                        <th scope="col" class="num">{t(Msg::ColAttendedHours)}</th>
                    </tr></thead>
                    <tbody>
                        {s.rows.into_iter().map(|r| {
                            let name = format!("m{}", r.enrollment_id);
                            view! {
                                <tr>
                                    <th scope="row">
                                        {r.name.clone()}<br /><small class="muted id-number">{r.id_number_masked.clone()}</small>
                                        <input type="hidden" name="row" value=r.enrollment_id.to_string() />
                                    </th>
                                    {AttendanceStatus::ALL.iter().map(|st| {
                                        let label = format!("{} {}", r.name, t(status_label(*st)));
                                        view! {
                                            <td class="mark">
                                                <input type="radio" name=name.clone() value=st.as_str() aria-label=label
                                                    checked=r.status == Some(*st) disabled=disabled />
                                            </td>
                                        }
                                    }).collect_view()}
                                    <td class="num">{hours(r.attended_hours)}</td>
                                </tr>
                            }.into_any()
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {s.can_record.then(|| view! {
                <div class="actions-row">
                    <button class="button primary" type="submit">{t(Msg::AttendanceSave)}</button>
                    " "
                    <button class="button" type="submit" name="all" value="present">{t(Msg::AttendanceAllPresent)}</button>
                </div>
            })}
        </form>
    }.into_any()
}

#[component]
pub fn AttendancePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let query = use_query_map();
    let sheet = Resource::new(
        move || query.with(|q| q.get("session").and_then(|v| v.parse::<i32>().ok())),
        move |session| get_attendance_sheet(id, session),
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match sheet.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(s) => {
                            let title = locale.fill(Msg::AttendanceTitle, &s.title);
                            view! {
                                <Title text=title.clone() />
                                <p class="muted">
                                    <a href=format!("/manage/courses/{id}")>{s.title.clone()}</a>
                                    " · " <a href=format!("/manage/courses/{id}/roster")>{t(Msg::NavRoster)}</a>
                                </p>
                                <h1>{title}</h1>
                                <Notice notice=state.notice() />
                                <FormError message=state.form_error() />
                                <p class="lead">{t(Msg::AttendanceLead)}</p>
                                <Sheet s />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn CompletionTable(s: CompletionSheet, state: FormState) -> impl IntoView {
    let t = use_t();
    let base = format!("/manage/courses/{}", s.course_id);
    let can_score = s.can_score;
    view! {
        <form method="post" action=format!("{base}/scores")>
            <div class="table-wrap">
                <table class="data completion">
                    <thead><tr>
                        <th scope="col">{t(Msg::FieldName)}</th>
                        <th scope="col" class="num">{t(Msg::ColAttendedHours)}</th>
                        {s.assessed.then(|| view! { <th scope="col">{t(Msg::ColScore)}</th> })}
                        <th scope="col">{t(Msg::ColResult)}</th>
                        <th scope="col">{t(Msg::ColStatus)}</th>
                    </tr></thead>
                    <tbody>
                        {s.rows.into_iter().map(|r| {
                            let field = format!("s{}", r.enrollment_id);
                            let error = state.field_error(&format!("score_{}", r.enrollment_id));
                            let value = state.value(&field).or(r.score.map(|v| v.to_string()));
                            view! {
                                <tr>
                                    <th scope="row">{r.name.clone()}<br /><small class="muted id-number">{r.id_number_masked.clone()}</small></th>
                                    <td class="num">{hours(r.attended_hours)}</td>
                                    {s.assessed.then(|| view! {
                                        <td>
                                            <input type="number" name=field.clone() min="0" max="100" step="0.5" inputmode="decimal"
                                                value=value.clone() aria-label=format!("{} {}", r.name, t(Msg::ColScore))
                                                aria-invalid=error.is_some().then_some("true")
                                                disabled=!can_score || r.certified />
                                            {error.map(|m| view! { <p class="field-error" role="alert">{t(m)}</p> })}
                                        </td>
                                    })}
                                    <td>
                                        <span class=if r.completes { "badge ok" } else { "badge warn" }>
                                            {t(if r.completes { Msg::CompletionMeets } else { Msg::CompletionMisses })}
                                        </span>
                                    </td>
                                    <td>
                                        <span class="badge">{t(crate::model::enrolment::status_label(r.status))}</span>
                                        {r.certified.then(|| view! { " "<span class="badge ok">{t(Msg::CompletionCertified)}</span> })}
                                    </td>
                                </tr>
                            }.into_any()
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {can_score.then(|| view! {
                <div class="actions-row"><button class="button" type="submit">{t(Msg::CompletionSaveScores)}</button></div>
            })}
        </form>
        {s.can_confirm.then(|| view! {
            <form method="post" action=format!("{base}/completion") class="actions-row">
                <button class="button primary" type="submit">{t(Msg::CompletionConfirm)}</button>
            </form>
        })}
    }
}

#[component]
pub fn CompletionPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let sheet = Resource::new_blocking(|| (), move |_| get_completion_sheet(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match sheet.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(s) => {
                            let title = locale.fill(Msg::CompletionTitle, &s.title);
                            let open = s.can_confirm;
                            view! {
                                <Title text=title.clone() />
                                <p class="muted">
                                    <a href=format!("/manage/courses/{id}")>{s.title.clone()}</a>
                                    " · " <a href=format!("/manage/courses/{id}/attendance")>{t(Msg::NavAttendance)}</a>
                                    " · " <a href=format!("/manage/courses/{id}/certificates")>{t(Msg::NavCertificates)}</a>
                                </p>
                                <h1>{title}</h1>
                                <Notice notice=state.notice() />
                                <FormError message=state.form_error() />
                                <p class="lead">{t(Msg::CompletionLead)}</p>
                                <p class="course-meta">
                                    <span class="badge">{locale.fill(Msg::CompletionRule, hours(s.required_hours))}</span>
                                    {s.assessed.then(|| view! { " "<span class="badge">{locale.fill(Msg::CompletionPassMark, s.pass_mark.unwrap_or(60.0))}</span> })}
                                </p>
                                {(!open).then(|| view! { <p class="notice info" role="status">{t(Msg::CompletionNotYet)}</p> })}
                                <CompletionTable s state=state.clone() />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
