//! The audit log (`/manage/audit`) and the training-subsidy claim list (`/manage/subsidies`).
//! Both are GET forms with plain links, so they work without JavaScript.

use crate::api::oversight::{get_audit_log, get_subsidies};
use crate::ui::components::form::{Field, FilterSelect, LoadError, SelectField};
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::role_name;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::audit::{
    AuditAction, AuditPage, AuditQuery, AuditRecord, AuditRow, action_label, entity_label,
};
use model::catalogue::town_in;
use model::enums::Funding;
use model::i18n::Msg;
use model::subsidy::{FullAmount, SubsidyList, SubsidyPerson, SubsidyQuery};

/// `?a=b` for a non-empty query string.
fn with_params(path: &str, params: &str) -> String {
    if params.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{params}")
    }
}

/// The two export buttons for a list.
#[component]
fn ExportLinks(path: &'static str, params: String) -> AnyView {
    let t = use_t();
    view! {
        <p class="actions">
            <a class="button" href=with_params(&format!("{path}.xlsx"), &params) download>{t(Msg::RosterExportXlsx)}</a>
            " "
            <a class="button" href=with_params(&format!("{path}.csv"), &params) download>{t(Msg::RosterExportCsv)}</a>
        </p>
    }
    .into_any()
}

// ---- audit log ------------------------------------------------------------------------------

#[component]
fn AuditFilters(p: AuditPage) -> AnyView {
    let t = use_t();
    let q = p.query.clone();
    let err = |field: &str| {
        p.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message)
    };
    let mut actions: Vec<(String, String)> = AuditAction::ALL
        .iter()
        .map(|a| (a.as_str().to_string(), t(a.label()).to_string()))
        .collect();
    actions.sort_by(|a, b| a.1.cmp(&b.1));
    let entities: Vec<(String, String)> = AuditRecord::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), t(r.label()).to_string()))
        .collect();
    view! {
        <form class="filter-form audit-filters" method="get" action="/manage/audit">
            <Field name="actor" label=Msg::AuditFilterActor value=Some(q.actor.clone())
                hint=Some(Msg::AuditFilterActorHint) error=err("actor") />
            <FilterSelect name="action" label=Msg::AuditFilterAction options=actions
                selected=q.action.clone() error=err("action") />
            <FilterSelect name="entity" label=Msg::AuditFilterEntity options=entities
                selected=q.entity.clone() error=err("entity") />
            <Field name="record" label=Msg::AuditFilterRecord value=Some(q.record.clone()) error=err("record") />
            <Field name="from" label=Msg::AuditFilterFrom kind="date" value=Some(q.from.clone()) error=err("from") />
            <Field name="to" label=Msg::AuditFilterTo kind="date" value=Some(q.to.clone()) error=err("to") />
            <button class="button primary" type="submit">{t(Msg::AuditSearch)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn AuditEntry(r: AuditRow) -> AnyView {
    let t = use_t();
    let who = match (r.actor_id, r.actor_name.clone(), r.actor_phone.clone()) {
        (None, _, _) => t(Msg::AuditSystem).to_string(),
        (Some(_), Some(name), Some(phone)) => format!("{name} · {phone}"),
        (Some(_), None, Some(phone)) => phone,
        (Some(id), _, None) => format!("#{id}"),
    };
    let role = r.actor_role.map(|role| t(role_name(role)));
    let action = action_label(&r.action)
        .map(|m| t(m).to_string())
        .unwrap_or_else(|| r.action.clone());
    let entity = entity_label(&r.entity)
        .map(|m| t(m).to_string())
        .unwrap_or_else(|| r.entity.clone());
    let record = match (r.link.clone(), r.entity_id.clone()) {
        (Some(href), Some(id)) => view! { {entity} " " <a href=href>{id}</a> }.into_any(),
        (_, Some(id)) => view! { {entity} " " {id} }.into_any(),
        _ => view! { {entity} }.into_any(),
    };
    view! {
        <tr>
            <td class="nowrap">{r.at.clone()}</td>
            <td>{who}{role.map(|r| view! { <br /><span class="muted">{r}</span> })}</td>
            <td>{action}<br /><code class="muted">{r.action.clone()}</code></td>
            <td>{record}</td>
            <td class="audit-detail">{r.detail.clone().map(|d| view! { <AuditDetail detail=d /> })}</td>
            <td class="nowrap">{r.ip.clone().unwrap_or_default()}</td>
        </tr>
    }
    .into_any()
}

/// What an audit row recorded, readable: one line per fact with its name; the record as
/// stored is one click away.
#[component]
fn AuditDetail(detail: String) -> impl IntoView {
    let t = use_t();
    let lines = model::audit::detail_lines(&detail);
    view! {
        <dl class="audit-facts">
            {lines.into_iter().map(|(key, value)| {
                let name = model::audit::detail_key_label(&key)
                    .map(|m| t(m).to_string())
                    .unwrap_or(key);
                view! { <dt>{name}</dt><dd>{value}</dd> }
            }).collect_view()}
        </dl>
        <details class="audit-raw">
            <summary>{t(Msg::AuditRaw)}</summary>
            <code>{detail}</code>
        </details>
    }
}

#[component]
fn AuditBody(p: AuditPage) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let params = p.query.to_params();
    let failed = !p.errors.is_empty();
    let filters = view! { <AuditFilters p=p.clone() /> }.into_any();
    let list = if failed {
        ().into_any()
    } else if p.rows.is_empty() {
        view! { <p class="muted">{t(Msg::AuditNone)}</p> }.into_any()
    } else {
        let base = params.clone();
        let link = move |n: u64| {
            let sep = if base.is_empty() { "" } else { "&" };
            format!("/manage/audit?{base}{sep}page={n}")
        };
        let (page, total, per_page) = (p.page, p.total, p.per_page);
        let rows: Vec<AnyView> = p
            .rows
            .into_iter()
            .map(|r| view! { <AuditEntry r /> }.into_any())
            .collect();
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="data audit-table">
                    <thead><tr>
                        <th scope="col">{t(Msg::AuditColTime)}</th>
                        <th scope="col">{t(Msg::AuditColActor)}</th>
                        <th scope="col">{t(Msg::AuditColAction)}</th>
                        <th scope="col">{t(Msg::AuditColRecord)}</th>
                        <th scope="col">{t(Msg::AuditColDetail)}</th>
                        <th scope="col">{t(Msg::AuditColIp)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Pager page total per_page link />
        }
        .into_any()
    };
    let total = p.total;
    view! {
        {filters}
        {(!failed).then(|| view! {
            <p class="lead" id="audit-found">{locale.fill(Msg::AuditFound, total)}</p>
            <ExportLinks path="/manage/audit" params=params.clone() />
        })}
        {list}
    }
    .into_any()
}

/// `/manage/audit?actor=&action=&entity=&record=&from=&to=&page=`
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let t = use_t();
    let args = move || {
        use_query_map().with_untracked(|q| {
            (
                AuditQuery::from_params(|k| q.get(k)),
                q.get("page").and_then(|p| p.parse::<u64>().ok()),
            )
        })
    };
    let data = Resource::new_blocking(args, |(q, page)| get_audit_log(q, page));
    view! {
        <Title text=t(Msg::AuditTitle) />
        <h1>{t(Msg::AuditTitle)}</h1>
        <p class="lead">{t(Msg::AuditLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(p) => view! { <AuditBody p /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// ---- subsidy claims -------------------------------------------------------------------------

#[component]
fn SubsidyFilters(l: SubsidyList) -> AnyView {
    let t = use_t();
    let q = l.filter.query();
    let years: Vec<(String, String)> = l
        .years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let providers: Vec<(String, String)> = l
        .providers
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    let fundings: Vec<(String, String)> = Funding::ALL
        .iter()
        .map(|f| (f.as_str().to_string(), t(f.label()).to_string()))
        .collect();
    view! {
        <form class="filter-form" method="get" action="/manage/subsidies">
            <SelectField name="year" label=Msg::FieldYear options=years selected=Some(q.year.clone()) />
            {if l.locked_provider {
                view! {
                    <FilterSelect name="provider_shown" label=Msg::FieldProvider options=providers
                        selected=q.provider.clone() disabled=true />
                    <input type="hidden" name="provider" value=q.provider.clone() />
                }.into_any()
            } else {
                view! { <FilterSelect name="provider" label=Msg::FieldProvider options=providers selected=q.provider.clone() /> }.into_any()
            }}
            <FilterSelect name="funding" label=Msg::FieldFunding options=fundings selected=q.funding.clone() />
            <button class="button primary" type="submit">{t(Msg::SubsidyShow)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn SubsidyPeople(people: Vec<SubsidyPerson>) -> AnyView {
    let locale = use_locale();
    let t = use_t();
    if people.is_empty() {
        return view! { <p class="muted">{t(Msg::SubsidyPeopleNone)}</p> }.into_any();
    }
    let rows: Vec<AnyView> = people
        .into_iter()
        .map(|p| {
            let flag = match p.full {
                FullAmount::Yes => "flag-yes",
                FullAmount::No => "flag-no",
                FullAmount::Pending => "flag-pending",
            };
            let outcome = match (p.outcome, p.outcome_on) {
                (Some(k), Some(on)) => format!("{} ({on})", t(k.label())),
                _ => "—".to_string(),
            };
            view! {
                <tr>
                    <td>{p.name}</td>
                    <td class="nowrap">{p.id_number_masked}</td>
                    <td>{town_in(&p.town, locale)}</td>
                    <td class="nowrap">{p.completed_on.to_string()}</td>
                    <td class="nowrap">{p.certificate}</td>
                    <td class=flag>{t(p.full.label())}</td>
                    <td>{outcome}</td>
                    <td class="nowrap">{p.window_ends.to_string()}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data" id="subsidy-people">
                <thead><tr>
                    <th scope="col">{t(Msg::FieldName)}</th>
                    <th scope="col">{t(Msg::FieldIdNumber)}</th>
                    <th scope="col">{t(Msg::FilterTown)}</th>
                    <th scope="col">{t(Msg::SubsidyColCompletedOn)}</th>
                    <th scope="col">{t(Msg::SubsidyColCertificate)}</th>
                    <th scope="col">{t(Msg::SubsidyColFullAmount)}</th>
                    <th scope="col">{t(Msg::SubsidyColOutcome)}</th>
                    <th scope="col">{t(Msg::SubsidyColWindowEnds)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn SubsidyBody(l: SubsidyList) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let q = l.filter.query();
    let course_link = {
        let q = q.clone();
        move |id: i32| {
            let mut with = q.clone();
            with.course = id.to_string();
            format!("/manage/subsidies?{}", with.to_params())
        }
    };
    let all_courses = {
        let mut without = q.clone();
        without.course.clear();
        with_params("/manage/subsidies", &without.to_params())
    };
    let chosen = l
        .filter
        .course
        .and_then(|c| l.courses.iter().find(|k| k.course_id == c).cloned());
    let table = if l.courses.is_empty() {
        view! { <p class="muted">{t(Msg::SubsidyNone)}</p> }.into_any()
    } else {
        let rows: Vec<AnyView> = l
            .courses
            .iter()
            .map(|c| {
                let href = course_link(c.course_id);
                view! {
                    <tr>
                        <td>{c.provider.clone()}</td>
                        <td><a href=href.clone()>{c.title.clone()}</a></td>
                        <td class="nowrap">{format!("{} – {}", c.starts_on, c.ends_on)}</td>
                        <td>{t(c.funding.label())}</td>
                        <td class="num">{c.seats}</td>
                        <td class="num">{c.completed}</td>
                        <td class="num">{c.qualifying}</td>
                        <td class="num">{c.full}</td>
                        <td class="num">{c.pending}</td>
                    </tr>
                }
                .into_any()
            })
            .collect();
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="data" id="subsidy-courses">
                    <thead><tr>
                        <th scope="col">{t(Msg::FieldProvider)}</th>
                        <th scope="col">{t(Msg::ColCourse)}</th>
                        <th scope="col">{t(Msg::SubsidyColDates)}</th>
                        <th scope="col">{t(Msg::FieldFunding)}</th>
                        <th scope="col" class="num">{t(Msg::SubsidyColSeats)}</th>
                        <th scope="col" class="num">{t(Msg::SubsidyColCompleted)}</th>
                        <th scope="col" class="num">{t(Msg::SubsidyColQualifying)}</th>
                        <th scope="col" class="num">{t(Msg::SubsidyColFull)}</th>
                        <th scope="col" class="num">{t(Msg::SubsidyColPending)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let totals = format!(
        "{}；{}；{}",
        locale.fill(Msg::SubsidyTotals, l.qualifying),
        locale.fill(Msg::SubsidyTotalsFull, l.full),
        locale.fill(Msg::SubsidyTotalsPending, l.pending)
    );
    view! {
        <SubsidyFilters l=l.clone() />
        <p class="lead" id="subsidy-totals">{totals}</p>
        <ExportLinks path="/manage/subsidies" params=q.to_params() />
        {match chosen {
            Some(c) => view! {
                <p class="muted"><a href=all_courses>{t(Msg::SubsidyAllCourses)}</a></p>
                <h2>{format!("{} · {}", c.title, c.provider)}</h2>
                <p class="muted">{format!("{} – {}", c.starts_on, c.ends_on)}</p>
                <SubsidyPeople people=l.people.clone() />
            }.into_any(),
            None => view! {
                <h2>{t(Msg::SubsidyCourses)}</h2>
                {table}
            }.into_any(),
        }}
    }
    .into_any()
}

/// `/manage/subsidies?year=&provider=&course=`
#[component]
pub fn SubsidiesPage() -> impl IntoView {
    let t = use_t();
    let args = move || use_query_map().with_untracked(|q| SubsidyQuery::from_params(|k| q.get(k)));
    let data = Resource::new_blocking(args, get_subsidies);
    view! {
        <Title text=t(Msg::SubsidyTitle) />
        <h1>{t(Msg::SubsidyTitle)}</h1>
        <p class="lead">{t(Msg::SubsidyLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(l) => view! { <SubsidyBody l /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
