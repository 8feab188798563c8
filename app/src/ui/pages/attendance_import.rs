//! Attendance in bulk: the course overview (`/manage/courses/{id}/attendance/overview`,
//! trainees by sessions, with a form per row to mark a trainee for every begun session), and
//! importing a sheet of marks (`…/attendance/import`, then the preview at
//! `…/attendance/imports/{import}` to apply or discard). Plain forms throughout.

use crate::api::attendance::{get_attendance_import, get_attendance_overview};
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use crate::ui::pages::catalogue::hours;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::attendance::{AttendanceImportView, AttendanceOverview, OverviewRow, status_short};
use model::enums::{AttendanceStatus, ImportStatus};
use model::i18n::Msg;

fn mark_class(s: Option<AttendanceStatus>) -> &'static str {
    match s {
        Some(AttendanceStatus::Present) => "mark-cell ok",
        Some(AttendanceStatus::Late) => "mark-cell warn",
        Some(AttendanceStatus::Absent) => "mark-cell bad",
        Some(AttendanceStatus::Excused) => "mark-cell excused",
        None => "mark-cell",
    }
}

/// A course's links above each attendance page.
#[component]
fn CourseLinks(id: i32, title: String) -> impl IntoView {
    let t = use_t();
    view! {
        <p class="muted">
            <a href=format!("/manage/courses/{id}")>{title}</a>
            " · " <a href=format!("/manage/courses/{id}/attendance")>{t(Msg::NavAttendance)}</a>
            " · " <a href=format!("/manage/courses/{id}/attendance/overview")>{t(Msg::NavAttendanceOverview)}</a>
            " · " <a href=format!("/manage/courses/{id}/attendance/import")>{t(Msg::NavAttendanceImport)}</a>
        </p>
    }
}

/// One trainee's row: a sign per session, hours, and the whole-row action.
#[component]
fn OverviewLine(course_id: i32, row: OverviewRow, can_record: bool) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let id = row.enrollment_id;
    let select_id = format!("row-status-{id}");
    view! {
        <tr>
            <th scope="row">{row.name.clone()}<br /><small class="muted id-number">{row.id_number_masked.clone()}</small></th>
            {row.marks.iter().map(|m| view! {
                <td class=mark_class(*m)>{m.map(|s| t(status_short(s)))}</td>
            }).collect_view()}
            <td class="num">{hours(row.attended_hours)}</td>
            {can_record.then(|| view! {
                <td>
                    <form class="row-action" method="post" action=format!("/manage/courses/{course_id}/attendance/rows/{id}")>
                        <label class="visually-hidden" for=select_id.clone()>{locale.fill(Msg::AttendanceRowFor, &row.name)}</label>
                        <select id=select_id name="status">
                            {AttendanceStatus::ALL.iter().map(|s| view! {
                                <option value=s.as_str()>{t(s.label())}</option>
                            }).collect_view()}
                        </select>
                        " "<label><input type="checkbox" name="only_unmarked" value="1" checked />" "{t(Msg::AttendanceRowOnlyUnmarked)}</label>
                        " "<button class="button small" type="submit" aria-label=locale.fill(Msg::AttendanceRowFor, &row.name)>{t(Msg::AttendanceRowApply)}</button>
                    </form>
                </td>
            })}
        </tr>
    }
    .into_any()
}

#[component]
fn OverviewTable(o: AttendanceOverview) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    if o.sessions.is_empty() {
        return view! { <p class="muted">{t(Msg::AttendanceNoSessions)}</p> }.into_any();
    }
    if o.rows.is_empty() {
        return view! { <p class="muted">{t(Msg::AttendanceNobody)}</p> }.into_any();
    }
    let course_id = o.course_id;
    let can_record = o.can_record;
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data attendance-overview">
                <thead><tr>
                    <th scope="col">{t(Msg::FieldName)}</th>
                    {o.sessions.iter().map(|s| {
                        let short = s.when.get(5..).unwrap_or(&s.when).to_string();
                        let title = format!("{} {} · {}", s.when, s.topic, locale.fill(Msg::AttendanceMarked, s.marked));
                        view! {
                            <th scope="col" class="session-head" title=title>
                                <a href=format!("/manage/courses/{course_id}/attendance?session={}", s.id)>{short}</a>
                                {(!s.started).then(|| view! { <br /><small class="muted">{t(Msg::AttendanceNotBegun)}</small> })}
                            </th>
                        }
                    }).collect_view()}
                    <th scope="col" class="num">{t(Msg::ColAttendedHours)}</th>
                    {can_record.then(|| view! { <th scope="col">{t(Msg::ColActions)}</th> })}
                </tr></thead>
                <tbody>
                    {o.rows.into_iter().map(|row| view! { <OverviewLine course_id row can_record /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint">
            {AttendanceStatus::ALL.iter().map(|s| format!("{} = {}", t(status_short(*s)), t(s.label()))).collect::<Vec<_>>().join(" · ")}
        </p>
    }
    .into_any()
}

#[component]
pub fn AttendanceOverviewPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let overview = Resource::new_blocking(|| (), move |_| get_attendance_overview(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match overview.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(o) => {
                            let title = locale.fill(Msg::AttendanceOverviewTitle, &o.title);
                            view! {
                                <Title text=title.clone() />
                                <CourseLinks id title=o.title.clone() />
                                <h1>{title}</h1>
                                <Notice notice=state.notice() />
                                <FormError message=state.form_error() />
                                <p class="lead">{t(Msg::AttendanceOverviewLead)}</p>
                                <OverviewTable o />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn AttendanceImportPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    // The overview names the course and checks the viewer may see it.
    let overview = Resource::new_blocking(|| (), move |_| get_attendance_overview(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match overview.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(o) => {
                            let title = locale.fill(Msg::AttendanceImportTitle, &o.title);
                            let file_error = state.field_error("file");
                            view! {
                                <Title text=title.clone() />
                                <CourseLinks id title=o.title.clone() />
                                <h1>{title}</h1>
                                <Notice notice=state.notice() />
                                <FormError message=state.form_error() />
                                <form class="form card" method="post" action=format!("/manage/courses/{id}/attendance/import") enctype="multipart/form-data">
                                    <p class="lead">{t(Msg::AttendanceImportLead)}</p>
                                    <p><a class="button" href=format!("/manage/courses/{id}/attendance.xlsx") download>{t(Msg::AttendanceImportTemplate)}</a></p>
                                    <div class="field">
                                        <label for="file">{t(Msg::FieldFile)}</label>
                                        <input id="file" name="file" type="file" required
                                            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                            aria-invalid=file_error.is_some().then_some("true")
                                            aria-describedby=file_error.is_some().then_some("file-error") />
                                        {file_error.map(|m| view! { <p class="field-error" id="file-error" role="alert">{t(m)}</p> })}
                                    </div>
                                    <button class="button primary" type="submit">{t(Msg::ImportUpload)}</button>
                                </form>
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ImportPreview(i: AttendanceImportView) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let base = format!("/manage/courses/{}/attendance", i.course_id);
    let invalid = i.total_rows - i.valid_rows;
    let plan = i.planned.clone();
    let summary = view! {
        <p class="course-meta">
            <span class="badge">{t(i.status.label())}</span>
            " "<span class="badge">{locale.fill(Msg::ImportRows, i.total_rows)}</span>
            " "<span class="badge ok">{locale.fill(Msg::ImportValidRows, i.valid_rows)}</span>
            {(invalid > 0).then(|| view! { " "<span class="badge bad">{locale.fill(Msg::ImportInvalidRows, invalid)}</span> })}
        </p>
    };
    let actions = match i.status {
        ImportStatus::Applied => {
            let r = i.result.clone().unwrap_or_default();
            view! {
                <div class="notice success" role="status">
                    <p><strong>{t(Msg::NoticeAttendanceImported)}</strong></p>
                    <p>
                        {locale.fill(Msg::AttendanceImportPlanned, r.recorded)}" · "
                        {locale.fill(Msg::AttendanceImportPlannedCorrected, r.corrected)}" · "
                        {locale.fill(Msg::AttendanceImportPlannedUnchanged, r.unchanged)}
                    </p>
                </div>
                <p><a class="button" href=format!("{base}/overview")>{t(Msg::NavAttendanceOverview)}</a></p>
            }
            .into_any()
        }
        ImportStatus::Previewed if i.can_apply => view! {
            <p class="notice info" role="status">
                {locale.fill(Msg::AttendanceImportPlanned, plan.recorded)}" · "
                {locale.fill(Msg::AttendanceImportPlannedCorrected, plan.corrected)}" · "
                {locale.fill(Msg::AttendanceImportPlannedUnchanged, plan.unchanged)}
            </p>
            <div class="actions-row">
                <form class="inline-form" method="post" action=format!("{base}/imports/{}/apply", i.id)>
                    <button class="button primary" type="submit">{t(Msg::AttendanceImportApply)}</button>
                </form>
                " "
                <form class="inline-form" method="post" action=format!("{base}/imports/{}/discard", i.id)>
                    <button class="button" type="submit">{t(Msg::AttendanceImportDiscard)}</button>
                </form>
            </div>
        }
        .into_any(),
        ImportStatus::Previewed => view! {
            <p class="notice warning" role="alert">{t(Msg::ImportFixAndUpload)}" "<a href=format!("{base}/import")>{t(Msg::ImportUpload)}</a></p>
            <form class="inline-form" method="post" action=format!("{base}/imports/{}/discard", i.id)>
                <button class="button" type="submit">{t(Msg::AttendanceImportDiscard)}</button>
            </form>
        }
        .into_any(),
        ImportStatus::Applying | ImportStatus::Discarded => ().into_any(),
    };
    let rows = (i.status == ImportStatus::Previewed).then(|| view! {
        <div class="table-wrap" tabindex="0">
            <table class="data import-rows">
                <thead><tr>
                    <th scope="col" class="num">{t(Msg::ColLine)}</th>
                    <th scope="col">{t(Msg::FieldName)}</th>
                    <th scope="col">{t(Msg::ColPlan)}</th>
                    <th scope="col">{t(Msg::ColProblems)}</th>
                </tr></thead>
                <tbody>
                    {i.rows.into_iter().map(|r| {
                        let bad = !r.errors.is_empty();
                        view! {
                            <tr class=if bad { "row-error" } else { "" }>
                                <td class="num">{if r.line == 0 { t(Msg::AttendanceImportHeader).to_string() } else { r.line.to_string() }}</td>
                                <td>{r.name}</td>
                                <td>
                                    {(!bad).then(|| format!("{} · {} · {}",
                                        locale.fill(Msg::AttendanceImportPlanned, r.plan.recorded),
                                        locale.fill(Msg::AttendanceImportPlannedCorrected, r.plan.corrected),
                                        locale.fill(Msg::AttendanceImportPlannedUnchanged, r.plan.unchanged)))}
                                </td>
                                <td>{r.errors.iter().map(|e| view! { <span class="field-error">{e.text(locale)}</span><br /> }).collect_view()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }.into_any());
    view! { {summary} {actions} {rows} }.into_any()
}

#[component]
pub fn AttendanceImportPreviewPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let params = use_params_map();
    let (id, import_id) = params.with_untracked(|p| {
        let num = |k: &str| p.get(k).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
        (num("id"), num("import"))
    });
    let import = Resource::new_blocking(|| (), move |_| get_attendance_import(id, import_id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match import.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(i) => {
                            let title = locale.fill(Msg::AttendanceImportPreviewTitle, &i.file_name);
                            view! {
                                <Title text=title.clone() />
                                <CourseLinks id title=i.course_title.clone() />
                                <h1>{title}</h1>
                                <Notice notice=state.notice() />
                                <FormError message=state.form_error() />
                                <ImportPreview i />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
