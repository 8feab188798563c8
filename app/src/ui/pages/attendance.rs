//! Taking attendance (`/manage/courses/{id}/attendance?session=`): one session's enrolled
//! trainees with a row of radio buttons each (arrow keys move within a row), a button that
//! marks everyone present, and one save. A plain form, so it works on any tablet or phone.
//! Scores and completion (`/manage/courses/{id}/completion`): hours, scores, the rule's
//! result per trainee, and the confirmation.

use crate::api::attendance::{get_attendance_sheet, get_completion_sheet, save_mark};
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use crate::ui::pages::catalogue::hours;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::attendance::{AttendanceRow, AttendanceSheet};
use model::completion::CompletionSheet;
use model::enums::{AttendanceStatus, CourseStatus};
use model::i18n::Msg;

/// One trainee's row: a radio button per mark (arrow keys move along the row), saved as soon
/// as it is chosen when scripts run; without them the form's buttons save the whole sheet.
#[component]
fn MarkRow(
    course_id: i32,
    session_id: i32,
    row: AttendanceRow,
    disabled: bool,
    labels: Vec<String>,
    saved: String,
    failed: String,
) -> impl IntoView {
    let enrollment_id = row.enrollment_id;
    let save = Action::new(move |status: &AttendanceStatus| {
        save_mark(course_id, session_id, enrollment_id, *status)
    });
    let name = format!("m{enrollment_id}");
    let initial = row.attended_hours;
    view! {
        <tr>
            <th scope="row">
                {row.name.clone()}<br /><small class="muted id-number">{row.id_number_masked.clone()}</small>
                <input type="hidden" name="row" value=enrollment_id.to_string() />
            </th>
            {AttendanceStatus::ALL.iter().zip(labels).map(|(st, text)| {
                let st = *st;
                view! {
                    // The whole cell (44 px at least) takes the tap, not only the small circle.
                    <td class="mark">
                        <label class="mark-hit">
                            <input type="radio" name=name.clone() value=st.as_str()
                                aria-label=format!("{} {text}", row.name)
                                checked=row.status == Some(st) disabled=disabled
                                on:change=move |_| { save.dispatch(st); } />
                        </label>
                    </td>
                }
            }).collect_view()}
            <td class="num" aria-live="polite">
                {move || match save.value().get() {
                    Some(Ok(h)) => view! { {hours(h)} " " <small class="saved">{saved.clone()}</small> }.into_any(),
                    Some(Err(_)) => view! { {hours(initial)} " " <small class="field-error">{failed.clone()}</small> }.into_any(),
                    None => view! { {hours(initial)} }.into_any(),
                }}
            </td>
        </tr>
    }
}

/// The grid of a session's marks. An island: with scripts, each choice is saved at once.
#[island]
fn MarkGrid(
    course_id: i32,
    session_id: i32,
    rows: Vec<AttendanceRow>,
    disabled: bool,
    /// The four marks' names, in [`AttendanceStatus::ALL`] order.
    labels: Vec<String>,
    /// The name and hours column headings.
    heads: Vec<String>,
    saved: String,
    failed: String,
) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data attendance">
                <thead><tr>
                    <th scope="col">{heads[0].clone()}</th>
                    {labels.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view()}
                    <th scope="col" class="num">{heads[1].clone()}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <MarkRow course_id session_id row disabled labels=labels.clone()
                            saved=saved.clone() failed=failed.clone() />
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

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
    }
    .into_any();
    if s.rows.is_empty() {
        return view! { {session_picker} <p class="muted">{t(Msg::AttendanceNobody)}</p> }
            .into_any();
    }
    let started = s.sessions.iter().any(|c| c.id == session_id && c.started);
    let disabled = !s.can_record;
    let overwritten = s
        .rows
        .iter()
        .filter(|r| r.status.is_some_and(|st| st != AttendanceStatus::Present))
        .count();
    view! {
        {session_picker}
        {(!started).then(|| view! { <p class="notice info" role="status">{t(Msg::AttendanceNotStarted)}</p> })}
        <p><a class="button" href=format!("{}/sessions/{session_id}/checkin", base.trim_end_matches("/attendance"))>{t(Msg::NavCheckin)}</a></p>
        <form method="post" action=format!("{base}/{session_id}") class="attendance-form">
            {view! { <MarkGrid
                course_id=s.course_id
                session_id
                rows=s.rows
                disabled
                labels=AttendanceStatus::ALL.iter().map(|st| t(st.label()).to_string()).collect()
                heads=vec![t(Msg::FieldName).to_string(), t(Msg::ColAttendedHours).to_string()]
                saved=t(Msg::AttendanceMarkSaved).to_string()
                failed=t(Msg::AttendanceMarkFailed).to_string()
            /> }.into_any()}
            {s.can_record.then(|| view! {
                <div class="actions-row">
                    <button class="button primary" type="submit">{t(Msg::AttendanceSave)}</button>
                    " "
                    <button class="button" type="submit" name="rest" value="present">{t(Msg::AttendanceAllPresent)}</button>
                    " "
                    <button class="button" type="submit" name="rest" value="absent">{t(Msg::AttendanceRestAbsent)}</button>
                </div>
            })}
            // Overwriting marks already taken is offered apart, saying how many it changes.
            {(s.can_record && overwritten > 0).then(|| view! {
                <details class="confirm-action">
                    <summary class="button">{t(Msg::AttendanceOverwrite)}</summary>
                    <div class="confirm-box" role="group" aria-label=t(Msg::AttendanceOverwrite)>
                        <p>{locale.fill(Msg::AttendanceOverwriteAsk, overwritten)}</p>
                        <button class="button danger" type="submit" name="all" value="present">{t(Msg::AttendanceOverwriteConfirm)}</button>
                    </div>
                </details>
            })}
        </form>
    }.into_any()
}

#[component]
pub fn AttendancePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let query = use_query_map();
    let sheet = Resource::new_blocking(
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
                                    " · " <a href=format!("/manage/courses/{id}/attendance/overview")>{t(Msg::NavAttendanceOverview)}</a>
                                    " · " <a href=format!("/manage/courses/{id}/attendance/import")>{t(Msg::NavAttendanceImport)}</a>
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
            <div class="table-wrap" tabindex="0">
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
                                        <span class="badge">{t(model::enrolment::status_label(r.status))}</span>
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
    let id = id_param("id");
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
                                {(!open).then(|| {
                                    let why = if s.teaching_over || !matches!(s.course_status, CourseStatus::Running | CourseStatus::Finished) {
                                        t(Msg::CompletionNotYet).to_string()
                                    } else {
                                        locale.fill(Msg::CompletionAfterLastSession, &s.teaching_ends_at)
                                    };
                                    view! { <p class="notice info" role="status">{why}</p> }
                                })}
                                <CompletionTable s state=state.clone() />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
