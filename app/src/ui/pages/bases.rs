//! Base KPIs: every base's figures for a year (`/manage/bases`) and one base's figures with the
//! placements and events behind them, where its staff record the events they held
//! (`/manage/bases/:id`).

use crate::api::bases::{get_base_kpis, get_base_report};
use crate::ui::components::form::{
    Field, FormError, FormState, LoadError, Notice, SelectField, TextArea,
};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::bases::{BaseEventRow, BaseKpiList, BaseKpis, CountedPlacement, Ratio};
use model::catalogue::town_in;
use model::enums::BaseEventKind;
use model::i18n::Msg;

/// The `year` query value as typed ("" for the current year).
fn year_query() -> String {
    use_query_map().with_untracked(|q| q.get("year").unwrap_or_default())
}

/// A rate with what it is made of: "77.8%" and "7 / 9" beneath.
#[component]
fn Rate(r: Ratio) -> AnyView {
    view! {
        {r.shown()}
        {(r.den > 0).then(|| view! { <br /><small class="muted">{format!("{} / {}", r.num, r.den)}</small> })}
    }
    .into_any()
}

/// The year chooser: a GET form, so it works without JavaScript.
#[component]
fn YearForm(action: String, year: i32, years: Vec<i32>) -> impl IntoView {
    let t = use_t();
    let options: Vec<(String, String)> = years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    view! {
        <form class="filter-form" method="get" action=action>
            <SelectField name="year" label=Msg::FieldYear options selected=Some(year.to_string()) />
            <button class="button" type="submit">{t(Msg::ShowYear)}</button>
        </form>
    }
}

/// How the figures are counted.
#[component]
fn Definitions() -> impl IntoView {
    let t = use_t();
    let items = [
        (Msg::KpiInIncubation, Msg::KpiInIncubationHelp),
        (Msg::KpiNewEntrants, Msg::KpiNewEntrantsHelp),
        (Msg::KpiSuccess, Msg::KpiSuccessHelp),
        (Msg::KpiOnSchedule, Msg::KpiOnScheduleHelp),
        (Msg::KpiUtilisation, Msg::KpiUtilisationHelp),
        (Msg::KpiJobsCreated, Msg::KpiJobsCreatedHelp),
        (Msg::KpiEvents, Msg::KpiEventsHelp),
    ];
    view! {
        <details class="card definitions">
            <summary>{t(Msg::KpiDefinitions)}</summary>
            <dl class="facts">
                {items.into_iter().map(|(k, help)| view! { <dt>{t(k)}</dt><dd>{t(help)}</dd> }).collect_view()}
            </dl>
        </details>
    }
}

/// One row of figures (a base's, or the total).
#[component]
fn KpiCells(k: BaseKpis) -> AnyView {
    view! {
        <td class="num">{k.in_incubation}</td>
        <td class="num">{k.new_entrants}</td>
        <td class="num"><Rate r=k.success /></td>
        <td class="num"><Rate r=k.on_schedule /></td>
        <td class="num"><Rate r=k.utilisation /></td>
        <td class="num">{k.jobs_created}</td>
        <td class="num">{k.events}<br /><small class="muted">{k.participants}</small></td>
    }
    .into_any()
}

#[component]
fn KpiHeads() -> AnyView {
    let t = use_t();
    view! {
        <th scope="col" class="num">{t(Msg::KpiInIncubation)}</th>
        <th scope="col" class="num">{t(Msg::KpiNewEntrants)}</th>
        <th scope="col" class="num">{t(Msg::KpiSuccess)}</th>
        <th scope="col" class="num">{t(Msg::KpiOnSchedule)}</th>
        <th scope="col" class="num">{t(Msg::KpiUtilisation)}</th>
        <th scope="col" class="num">{t(Msg::KpiJobsCreated)}</th>
        <th scope="col" class="num">{t(Msg::KpiEvents)}<br /><small>{t(Msg::KpiParticipants)}</small></th>
    }
    .into_any()
}

/// Every base's row and the total, with the exports.
#[component]
fn KpiTable(list: BaseKpiList) -> AnyView {
    let locale = use_locale();
    let t = use_t();
    let year = list.year;
    let rows: Vec<AnyView> = list
        .rows
        .into_iter()
        .map(|k| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/manage/bases/{}?year={year}", k.organisation_id)>{k.base.clone()}</a>
                        <br /><small class="muted">{town_in(&k.town, locale)}</small>
                    </th>
                    <KpiCells k />
                </tr>
            }
            .into_any()
        })
        .collect();
    let total = view! {
        <tr>
            <th scope="row">{t(Msg::KpiTotal)}</th>
            <KpiCells k=list.total />
        </tr>
    }
    .into_any();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data kpi-table">
                <thead><tr>
                    <th scope="col">{t(Msg::ColBase)}</th>
                    <KpiHeads />
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot>{total}</tfoot>
            </table>
        </div>
        <p class="filter-actions">
            <a class="button" href=format!("/manage/bases.xlsx?year={year}") download>{t(Msg::RosterExportXlsx)}</a>
            <a class="button" href=format!("/manage/bases.csv?year={year}") download>{t(Msg::RosterExportCsv)}</a>
        </p>
    }
    .into_any()
}

/// `/manage/bases`: every base's KPIs for a year.
#[component]
pub fn BaseKpisPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let list = Resource::new_blocking(year_query, get_base_kpis);
    view! {
        <Title text=t(Msg::BaseKpisTitle) />
        <h1>{t(Msg::BaseKpisTitle)}</h1>
        <p class="lead">{t(Msg::BaseKpisLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) => {
                        let (year, years, through) = (list.year, list.years.clone(), list.through);
                        view! {
                            <YearForm action="/manage/bases".to_string() year years />
                            <p class="muted">{locale.fill(Msg::BaseKpisThrough, through)}</p>
                            {if list.rows.is_empty() {
                                view! { <p class="muted">{t(Msg::BaseKpisNone)}</p> }.into_any()
                            } else {
                                view! { <KpiTable list /> }.into_any()
                            }}
                            <Definitions />
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A KPI as a figure card.
#[component]
fn Figure(label: Msg, value: String, #[prop(optional)] detail: Option<String>) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="card stat">
            <span class="stat-label">{t(label)}</span>
            <span class="stat-value">{value}</span>
            {detail.map(|d| view! { <span class="muted">{d}</span> })}
        </div>
    }
}

fn parts(r: Ratio) -> Option<String> {
    (r.den > 0).then(|| format!("{} / {}", r.num, r.den))
}

/// The badges saying how a placement counted.
fn counted_as(p: &CountedPlacement) -> Vec<(Msg, &'static str)> {
    let mut out = Vec::new();
    if p.new_entrant {
        out.push((Msg::CountedNew, "badge info"));
    }
    match p.success {
        Some(true) => out.push((Msg::CountedSuccess, "badge ok")),
        Some(false) => out.push((Msg::CountedNoSuccess, "badge warn")),
        None => {}
    }
    match p.on_schedule {
        Some(true) => out.push((Msg::CountedOnSchedule, "badge ok")),
        Some(false) => out.push((Msg::CountedNotOnSchedule, "badge warn")),
        None => {}
    }
    out
}

#[component]
fn CountedTable(rows: Vec<CountedPlacement>) -> AnyView {
    let t = use_t();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data">
                <thead><tr>
                    <th scope="col">{t(Msg::ColPerson)}</th>
                    <th scope="col">{t(Msg::ColPlaceTitle)}</th>
                    <th scope="col">{t(Msg::ColStartDate)}</th>
                    <th scope="col">{t(Msg::ColEndDate)}</th>
                    <th scope="col">{t(Msg::ColStatus)}</th>
                    <th scope="col">{t(Msg::ColCountedAs)}</th>
                    <th scope="col" class="num">{t(Msg::ColPlaceDays)}</th>
                    <th scope="col" class="num">{t(Msg::KpiJobsCreated)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|p| {
                        let badges = counted_as(&p);
                        view! {
                            <tr>
                                <td><a href=format!("/manage/people/{}", p.trainee_id)>{p.person.clone()}</a></td>
                                <td>{p.place.clone()}<br /><small class="muted">{t(p.kind.label())}</small></td>
                                <td>{p.start_date.to_string()}</td>
                                <td>{p.end_date.map(|d| d.to_string()).unwrap_or_default()}</td>
                                <td>{t(p.status.label())}</td>
                                <td>{badges.into_iter().map(|(m, class)| view! { <span class=class>{t(m)}</span>" " }).collect_view()}</td>
                                <td class="num">{p.days}</td>
                                <td class="num">{p.jobs_created}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn EventTable(rows: Vec<BaseEventRow>, delete_from: Option<String>, year: i32) -> AnyView {
    let t = use_t();
    let can_delete = delete_from.is_some();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data">
                <thead><tr>
                    <th scope="col">{t(Msg::FieldEventDate)}</th>
                    <th scope="col">{t(Msg::FieldEventKind)}</th>
                    <th scope="col">{t(Msg::FieldEventTitle)}</th>
                    <th scope="col" class="num">{t(Msg::FieldParticipants)}</th>
                    <th scope="col">{t(Msg::ColRecordedBy)}</th>
                    {can_delete.then(|| view! { <th scope="col">{t(Msg::ColActions)}</th> })}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|e| {
                        let action = delete_from.as_ref().map(|base| format!("{base}/events/{}/delete", e.id));
                        view! {
                            <tr id=format!("event-{}", e.id)>
                                <td>{e.held_on.to_string()}</td>
                                <td>{t(e.kind.label())}</td>
                                <td>{e.title.clone()}{e.notes.clone().map(|n| view! { <br /><small class="muted">{n}</small> })}</td>
                                <td class="num">{e.participants}</td>
                                <td>{e.recorded_by.clone()}</td>
                                {action.map(|action| view! {
                                    <td class="actions">
                                        <form class="inline-form" method="post" action=action>
                                            <input type="hidden" name="year" value=year.to_string() />
                                            <button class="link-button" type="submit">{t(Msg::BaseEventDelete)}</button>
                                        </form>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn EventForm(action: String, state: FormState, year: i32) -> AnyView {
    let t = use_t();
    let kinds: Vec<(String, String)> = BaseEventKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(k.label()).to_string()))
        .collect();
    view! {
        <form class="form card wide-form" method="post" action=action>
            <h3>{t(Msg::BaseEventNew)}</h3>
            <input type="hidden" name="year" value=year.to_string() />
            <Field name="title" label=Msg::FieldEventTitle value=state.value("title")
                error=state.field_error("title") required=true />
            <div class="field-row">
                <Field name="held_on" label=Msg::FieldEventDate kind="date" value=state.value("held_on")
                    error=state.field_error("held_on") required=true />
                <SelectField name="kind" label=Msg::FieldEventKind options=kinds selected=state.value("kind")
                    error=state.field_error("kind") required=true />
                <Field name="participants" label=Msg::FieldParticipants kind="number" inputmode="numeric"
                    value=state.value("participants") error=state.field_error("participants") required=true />
            </div>
            <TextArea name="notes" label=Msg::FieldEventNotes value=state.value("notes")
                error=state.field_error("notes") />
            <button class="button primary" type="submit">{t(Msg::BaseEventSave)}</button>
        </form>
    }
    .into_any()
}

/// `/manage/bases/:id`: one base's KPIs for a year, the placements and events behind them.
#[component]
pub fn BaseReportPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let report = Resource::new_blocking(year_query, move |year| get_base_report(id, year));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match report.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(r) => {
                        let k = r.kpis.clone();
                        let here = format!("/manage/bases/{id}");
                        view! {
                            <Title text=k.base.clone() />
                            <p class="muted"><a href=format!("/manage/bases?year={}", r.year)>{t(Msg::BaseKpisTitle)}</a></p>
                            <h1>{k.base.clone()}</h1>
                            <p class="lead">{town_in(&k.town, locale)}</p>
                            <Notice notice=state.notice() />
                            <FormError message=state.form_error() />
                            <YearForm action=here.clone() year=r.year years=r.years.clone() />
                            <p class="muted">{locale.fill(Msg::BaseKpisThrough, r.through)}</p>
                            <div class="card-grid kpi-cards">
                                <Figure label=Msg::KpiInIncubation value=k.in_incubation.to_string() />
                                <Figure label=Msg::KpiNewEntrants value=k.new_entrants.to_string() />
                                <Figure label=Msg::KpiSuccess value=k.success.shown() detail=parts(k.success).unwrap_or_default() />
                                <Figure label=Msg::KpiOnSchedule value=k.on_schedule.shown() detail=parts(k.on_schedule).unwrap_or_default() />
                                <Figure label=Msg::KpiUtilisation value=k.utilisation.shown() detail=parts(k.utilisation).unwrap_or_default() />
                                <Figure label=Msg::KpiJobsCreated value=k.jobs_created.to_string() />
                                <Figure label=Msg::KpiEvents value=k.events.to_string()
                                    detail=format!("{} {}", t(Msg::KpiParticipants), k.participants) />
                            </div>
                            <Definitions />
                            <h2>{t(Msg::BaseReportPlacements)}</h2>
                            {if r.placements.is_empty() {
                                view! { <p class="muted">{t(Msg::BaseReportPlacementsNone)}</p> }.into_any()
                            } else {
                                view! { <CountedTable rows=r.placements.clone() /> }.into_any()
                            }}
                            <h2 id="events">{t(Msg::BaseEventsTitle)}</h2>
                            {if r.events.is_empty() {
                                view! { <p class="muted">{t(Msg::BaseEventsNone)}</p> }.into_any()
                            } else {
                                view! { <EventTable rows=r.events.clone() delete_from=r.can_record.then(|| here.clone()) year=r.year /> }.into_any()
                            }}
                            {r.can_record.then(|| view! { <EventForm action=format!("{here}/events") state=state.clone() year=r.year /> })}
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}
