//! Importing trainees: the upload page (`/manage/imports`) and one import's preview, progress
//! and result (`/manage/imports/{id}`). Uploads are plain multipart forms; while an import is
//! being applied its page refreshes itself, so progress shows without JavaScript.

use crate::api::imports::{get_import, get_import_home};
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use model::catalogue::town_in;
use model::enums::ImportStatus;
use model::i18n::Msg;
use model::imports::{ImportRowView, ImportView};

fn status_class(s: ImportStatus) -> &'static str {
    match s {
        ImportStatus::Applied => "badge ok",
        ImportStatus::Previewed | ImportStatus::Applying => "badge warn",
        ImportStatus::Discarded => "badge",
    }
}

#[component]
pub fn ImportsPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let chosen = state.value("course").unwrap_or_default();
    let home = Resource::new_blocking(|| (), |_| get_import_home());
    view! {
        <Title text=t(Msg::ImportTitle) />
        <h1>{t(Msg::ImportTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                let chosen = chosen.clone();
                Suspend::new(async move {
                match home.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(h) => {
                        let file_error = state.field_error("file");
                        view! {
                            <form class="form card" method="post" action="/manage/imports" enctype="multipart/form-data">
                                <p class="lead">{t(Msg::ImportLead)}</p>
                                <FormError message=state.form_error() />
                                <div class="field">
                                    <label for="course">{t(Msg::FieldImportCourse)}</label>
                                    <select id="course" name="course">
                                        <option value="">{t(Msg::ImportNoCourse)}</option>
                                        {h.courses.into_iter().map(|c| {
                                            let selected = c.id.to_string() == chosen;
                                            view! {
                                                <option value=c.id.to_string() selected=selected>
                                                    {c.title}{locale.fill(Msg::ImportFreeSeats, c.free_seats)}
                                                </option>
                                            }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="file">{t(Msg::FieldFile)}</label>
                                    <input id="file" name="file" type="file" required
                                        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                        aria-invalid=file_error.is_some().then_some("true")
                                        aria-describedby=if file_error.is_some() { "file-error" } else { "file-hint" } />
                                    <p class="hint" id="file-hint">
                                        {locale.fill(Msg::ImportLimits, h.max_megabytes)}" · "{locale.fill(Msg::ImportMaxRows, h.max_rows)}
                                    </p>
                                    {file_error.map(|m| view! { <p class="field-error" id="file-error" role="alert">{t(m)}</p> })}
                                </div>
                                <p class="hint">{t(Msg::ImportColumnsHelp)}" "<a href="/manage/imports/template.xlsx" download>{t(Msg::ImportTemplate)}</a></p>
                                <button class="button primary" type="submit">{t(Msg::ImportUpload)}</button>
                            </form>
                            <h2>{t(Msg::ImportRecent)}</h2>
                            {if h.recent.is_empty() {
                                view! { <p class="muted">{t(Msg::ImportNone)}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-wrap" tabindex="0">
                                        <table class="data">
                                            <thead><tr>
                                                <th scope="col">{t(Msg::ColFile)}</th>
                                                <th scope="col">{t(Msg::ColCourse)}</th>
                                                <th scope="col" class="num">{t(Msg::ColEnrolled)}</th>
                                                <th scope="col">{t(Msg::ColStatus)}</th>
                                                <th scope="col">{t(Msg::ColEnrolledAt)}</th>
                                            </tr></thead>
                                            <tbody>
                                                {h.recent.into_iter().map(|i| view! {
                                                    <tr>
                                                        <td><a href=format!("/manage/imports/{}", i.id)>{i.file_name}</a></td>
                                                        <td>{i.course_title.unwrap_or_default()}</td>
                                                        <td class="num">{format!("{} / {}", i.valid_rows, i.total_rows)}</td>
                                                        <td><span class=status_class(i.status)>{t(i.status.label())}</span></td>
                                                        <td>{i.created_at}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

#[component]
fn ImportRows(rows: Vec<ImportRowView>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data import-rows">
                <thead><tr>
                    <th scope="col" class="num">{t(Msg::ColLine)}</th>
                    <th scope="col">{t(Msg::FieldName)}</th>
                    <th scope="col">{t(Msg::FieldIdNumber)}</th>
                    <th scope="col">{t(Msg::FieldPhone)}</th>
                    <th scope="col">{t(Msg::FilterTown)}</th>
                    <th scope="col">{t(Msg::ColProblems)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let bad = !r.errors.is_empty();
                        view! {
                            <tr class=if bad { "row-error" } else { "" }>
                                <td class="num">{r.line}</td>
                                <td>{r.name}</td>
                                <td><span class="id-number">{r.id_number_masked}</span></td>
                                <td>{r.phone}</td>
                                <td>{town_in(&r.town, locale)}</td>
                                <td>
                                    {r.errors.iter().map(|e| view! { <span class="field-error">{e.text(locale)}</span><br /> }).collect_view()}
                                    {r.notes.iter().map(|n| view! { <span class="muted">{n.text(locale)}</span><br /> }).collect_view()}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ImportBody(i: ImportView) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let invalid = i.total_rows - i.valid_rows;
    let listed_valid = i.rows.iter().filter(|r| r.errors.is_empty()).count() as u32;
    let more = i.valid_rows.saturating_sub(listed_valid);
    let again = match i.course_id {
        Some(c) => format!("/manage/imports?course={c}"),
        None => "/manage/imports".to_string(),
    };
    let summary = view! {
        <p class="course-meta">
            <span class=status_class(i.status)>{t(i.status.label())}</span>
            " "<span class="badge">{locale.fill(Msg::ImportRows, i.total_rows)}</span>
            " "<span class="badge ok">{locale.fill(Msg::ImportValidRows, i.valid_rows)}</span>
            {(invalid > 0).then(|| view! { " "<span class="badge bad">{locale.fill(Msg::ImportInvalidRows, invalid)}</span> })}
        </p>
        {i.course_title.clone().map(|c| view! { <p>{t(Msg::ColCourse)}": "{c}</p> })}
    };
    let body = match i.status {
        ImportStatus::Applying => view! {
            <Meta http_equiv="refresh" content="1" />
            <p class="notice info" role="status">
                {match i.progress {
                    Some(n) => locale.fill(Msg::ImportApplying, n),
                    None => t(Msg::ImportApplyingStarted).to_string(),
                }}
            </p>
        }.into_any(),
        ImportStatus::Applied => {
            let r = i.result.clone().unwrap_or_default();
            view! {
                <div class="notice success" role="status">
                    <p><strong>{t(Msg::ImportDone)}</strong></p>
                    <ul>
                        <li>{locale.fill(Msg::ImportResultCreated, r.created)}</li>
                        <li>{locale.fill(Msg::ImportResultExisting, r.existing)}</li>
                        {i.course_id.map(|_| view! { <li>{locale.fill(Msg::ImportResultEnrolled, r.enrolled)}</li> })}
                        {(r.asked > 0).then(|| view! { <li>{locale.fill(Msg::ImportResultAsked, r.asked)}</li> })}
                    </ul>
                </div>
                <p class="hint">{t(Msg::ImportActivateHint)}</p>
                {i.course_id.map(|c| view! {
                    <p><a class="button" href=format!("/manage/courses/{c}/roster")>{t(Msg::NavRoster)}</a></p>
                })}
            }.into_any()
        }
        ImportStatus::Discarded => ().into_any(),
        ImportStatus::Previewed => view! {
            {if i.can_apply {
                view! {
                    <div class="actions-row">
                        <form class="inline-form" method="post" action=format!("/manage/imports/{}/apply", i.id)>
                            <button class="button primary" type="submit">{t(Msg::ImportApply)}</button>
                        </form>
                        " "
                        <form class="inline-form" method="post" action=format!("/manage/imports/{}/discard", i.id)>
                            <button class="button" type="submit">{t(Msg::ImportDiscard)}</button>
                        </form>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="notice warning" role="alert">{t(Msg::ImportFixAndUpload)}" "<a href=again.clone()>{t(Msg::ImportUpload)}</a></p>
                    <form class="inline-form" method="post" action=format!("/manage/imports/{}/discard", i.id)>
                        <button class="button" type="submit">{t(Msg::ImportDiscard)}</button>
                    </form>
                }.into_any()
            }}
            <ImportRows rows=i.rows.clone() />
            {(more > 0).then(|| view! { <p class="muted">{locale.fill(Msg::ImportMoreRows, more)}</p> })}
        }.into_any(),
    };
    view! { {summary} {body} }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let import = Resource::new_blocking(|| (), move |_| get_import(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match import.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(i) => {
                        let title = locale.fill(Msg::ImportPreviewTitle, &i.file_name);
                        view! {
                            <Title text=title.clone() />
                            <p class="muted"><a href="/manage/imports">{t(Msg::ImportTitle)}</a>" · "{i.created_at.clone()}</p>
                            <h1>{title}</h1>
                            <Notice notice=state.notice() />
                            <FormError message=state.form_error() />
                            <ImportBody i />
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}
