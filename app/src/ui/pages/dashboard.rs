//! The bureau's KPI dashboard (`/manage/dashboard`), the people behind a figure
//! (`/manage/dashboard/people`) and the annual targets (`/manage/targets`). Filters are GET
//! forms and every figure is a plain link, so all of it works without JavaScript.

use crate::api::dashboard::{get_dashboard, get_figure_people, get_targets};
use crate::ui::components::form::{
    Field, FilterSelect, FormError, FormState, LoadError, Notice, SelectField,
};
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::bases::Ratio;
use model::catalogue::{Industry, TownOption};
use model::dashboard::{
    Breakdown, BreakdownBy, Dashboard, DashboardQuery, Figure, FigurePeople, FunnelStep, Kpis,
    Period, TargetKpi, TargetList, TargetProgress, group_label, period_label,
};
use model::enums::{Programme, TargetScope};
use model::i18n::Msg;

fn dashboard_query() -> DashboardQuery {
    use_query_map().with_untracked(|q| DashboardQuery::from_params(|k| q.get(k)))
}

/// "第2季度" / "Quarter 2", "3月", "全年".
fn period_text(t: impl Fn(Msg) -> &'static str, p: Period) -> String {
    let (msg, n) = period_label(p);
    match n {
        Some(n) => t(msg).replace("{n}", &n.to_string()),
        None => t(msg).to_string(),
    }
}

fn town_options(towns: &[TownOption], en: bool) -> Vec<(String, String)> {
    towns
        .iter()
        .map(|o| {
            let name = if en { &o.name_en } else { &o.name_zh };
            (o.id.to_string(), name.clone())
        })
        .collect()
}

/// The filters: a GET form.
#[component]
fn Filters(d: Dashboard) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let en = locale == model::i18n::Locale::En;
    let q = d.filter.query();
    let years: Vec<(String, String)> = d
        .years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let periods: Vec<(String, String)> = Period::all()
        .into_iter()
        .skip(1)
        .map(|p| (p.code(), period_text(t, p)))
        .collect();
    let programmes: Vec<(String, String)> = Programme::ALL
        .iter()
        .map(|p| (p.as_str().to_string(), t(p.label()).to_string()))
        .collect();
    let industries: Vec<(String, String)> = Industry::ALL
        .iter()
        .map(|i| (i.as_str().to_string(), t(i.label()).to_string()))
        .collect();
    let providers: Vec<(String, String)> = d
        .providers
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    let locked = d.locked_town.is_some();
    view! {
        <form class="filter-form dashboard-filters" method="get" action="/manage/dashboard">
            <SelectField name="year" label=Msg::FieldYear options=years selected=Some(q.year.clone()) />
            <FilterSelect name="period" label=Msg::FieldPeriod options=periods selected=q.period.clone() />
            {if locked {
                // A town viewer's town is fixed; it is sent along so links keep it.
                view! {
                    <FilterSelect name="town_shown" label=Msg::FilterTown options=town_options(&d.towns, en)
                        selected=q.town.clone() disabled=true />
                    <input type="hidden" name="town" value=q.town.clone() />
                }.into_any()
            } else {
                view! { <FilterSelect name="town" label=Msg::FilterTown options=town_options(&d.towns, en) selected=q.town.clone() /> }.into_any()
            }}
            <FilterSelect name="programme" label=Msg::FilterProgramme options=programmes selected=q.programme.clone() />
            <FilterSelect name="industry" label=Msg::FilterIndustry options=industries selected=q.industry.clone() />
            <FilterSelect name="provider" label=Msg::FieldProvider options=providers selected=q.provider.clone() />
            <button class="button primary" type="submit">{t(Msg::ShowFigures)}</button>
        </form>
    }
    .into_any()
}

fn people_link(q: &DashboardQuery, figure: Figure) -> String {
    let params = q.to_params();
    if params.is_empty() {
        format!("/manage/dashboard/people?figure={}", figure.as_str())
    } else {
        format!(
            "/manage/dashboard/people?{params}&figure={}",
            figure.as_str()
        )
    }
}

fn parts(r: Ratio) -> String {
    if r.den > 0 {
        format!("{} / {}", r.num, r.den)
    } else {
        String::new()
    }
}

/// A rate's parts counted in enrolments (人次).
fn enrolment_parts(r: Ratio) -> String {
    let locale = use_locale();
    if r.den > 0 {
        locale.fill(Msg::KpiEnrolmentParts, format!("{} / {}", r.num, r.den))
    } else {
        String::new()
    }
}

/// A figure as a card; the whole card links to the people behind it.
#[component]
fn Tile(label: Msg, value: String, detail: String, href: Option<String>) -> AnyView {
    let t = use_t();
    let body = view! {
        <span class="stat-label">{t(label)}</span>
        <span class="stat-value">{value}</span>
        <span class="muted">{detail}</span>
    };
    match href {
        Some(href) => view! { <a class="card stat stat-link" href=href>{body}</a> }.into_any(),
        None => view! { <div class="card stat">{body}</div> }.into_any(),
    }
}

#[component]
fn Tiles(k: Kpis, q: DashboardQuery, bases_link: bool) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let link = |f: Figure| Some(people_link(&q, f));
    let of_completed = locale.fill(Msg::KpiOf, k.completed);
    let tiles: Vec<AnyView> = vec![
        view! { <Tile label=Msg::KpiTrained value=k.trained.to_string() detail=String::new() href=link(Figure::Trained) /> }.into_any(),
        view! { <Tile label=Msg::KpiAttendances value=k.attendances.to_string() detail=String::new() href=link(Figure::Trained) /> }.into_any(),
        // Rates count enrolments (人次): one person completing two courses counts twice, where
        // the funnel counts people once; the unit says so.
        view! { <Tile label=Msg::KpiCompletion value=k.completion.shown() detail=enrolment_parts(k.completion) href=link(Figure::Completed) /> }.into_any(),
        view! { <Tile label=Msg::KpiPass value=k.pass.shown() detail=enrolment_parts(k.pass) href=link(Figure::Completed) /> }.into_any(),
        view! { <Tile label=Msg::KpiCertified value=k.certified.to_string() detail=String::new() href=link(Figure::Certified) /> }.into_any(),
        view! { <Tile label=Msg::KpiEmployed value=k.employed.num.to_string()
            detail=format!("{} {}", t(Msg::KpiEmploymentRate), k.employed.shown()) href=link(Figure::Employed) /> }.into_any(),
        view! { <Tile label=Msg::KpiBusiness value=k.business.num.to_string()
            detail=format!("{} {}", t(Msg::KpiBusinessRate), k.business.shown()) href=link(Figure::Business) /> }.into_any(),
        view! { <Tile label=Msg::KpiShops value=k.shops.to_string() detail=of_completed.clone() href=link(Figure::Shops) /> }.into_any(),
        view! { <Tile label=Msg::KpiHosts value=k.hosts.to_string() detail=of_completed.clone() href=link(Figure::Hosts) /> }.into_any(),
        view! { <Tile label=Msg::KpiJobsCreatedPeople value=k.jobs_created.to_string() detail=String::new() href=link(Figure::JobsCreated) /> }.into_any(),
        view! { <Tile label=Msg::KpiLeaders value=k.leaders.to_string()
            detail=locale.fill(Msg::KpiLeaderVillages, k.leader_villages) href=link(Figure::Leaders) /> }.into_any(),
        view! { <Tile label=Msg::KpiPlaced value=k.placed.to_string() detail=String::new() href=link(Figure::PlacedAll) /> }.into_any(),
        view! { <Tile label=Msg::KpiFollowUps value=k.follow_ups.shown() detail=parts(k.follow_ups)
            href=Some("/manage/follow-ups".to_string()) /> }.into_any(),
    ];
    view! {
        <div class="card-grid kpi-cards">{tiles}</div>
        {bases_link.then(|| view! {
            <p><a href="/manage/bases">{t(Msg::KpiBaseKpisLink)}</a></p>
        })}
    }
    .into_any()
}

#[component]
fn Funnel(steps: Vec<FunnelStep>, q: DashboardQuery) -> AnyView {
    let t = use_t();
    let first = steps.first().map(|s| s.people).unwrap_or(0);
    let rows: Vec<AnyView> = steps
        .into_iter()
        .map(|s| {
            let share = Ratio {
                num: s.people,
                den: first,
            };
            let width = share.percent().unwrap_or(0.0);
            view! {
                <tr>
                    <th scope="row">{t(s.step.label())}</th>
                    <td class="num"><a href=people_link(&q, s.step)>{s.people}</a></td>
                    <td class="num">{if s.drop > 0 { format!("−{}", s.drop) } else { "0".to_string() }}</td>
                    <td class="num">{share.shown()}</td>
                    <td class="bar-cell" aria-hidden="true">
                        <span class="bar" style=format!("width: {width:.1}%")></span>
                    </td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <h2 id="funnel">{t(Msg::FunnelTitle)}</h2>
        <p class="muted">{t(Msg::FunnelLead)}</p>
        <p class="muted small">{t(Msg::FunnelVersusRates)}</p>
        <div class="table-wrap" tabindex="0">
            <table class="data funnel">
                <thead><tr>
                    <th scope="col">{t(Msg::FunnelStep)}</th>
                    <th scope="col" class="num">{t(Msg::FunnelPeople)}</th>
                    <th scope="col" class="num">{t(Msg::FunnelDrop)}</th>
                    <th scope="col" class="num">{t(Msg::FunnelShare)}</th>
                    <th scope="col"><span class="visually-hidden">{t(Msg::FunnelShare)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A horizontal bar chart of people trained per group, drawn on the server as SVG (readable
/// without JavaScript, printable), with the numbers in a table beside it.
#[component]
fn Chart(b: Breakdown, towns: Vec<TownOption>) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let title = b.by.title();
    let id = match b.by {
        BreakdownBy::Month => "chart-month",
        BreakdownBy::Town => "chart-town",
        BreakdownBy::Programme => "chart-programme",
        BreakdownBy::Industry => "chart-industry",
    };
    let rows: Vec<(String, model::dashboard::BreakdownRow)> = b
        .rows
        .into_iter()
        .map(|r| (group_label(locale, b.by, &r.key, &towns), r))
        .collect();
    let max = rows
        .iter()
        .map(|(_, r)| r.trained)
        .max()
        .unwrap_or(0)
        .max(1);
    const ROW: usize = 22;
    let height = rows.len() * ROW + 8;
    let summary = rows
        .iter()
        .map(|(label, r)| format!("{label} {}", r.trained))
        .collect::<Vec<_>>()
        .join("; ");
    let bars: Vec<AnyView> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, r))| {
            let y = i * ROW + 4;
            let width = r.trained as f64 * 250.0 / max as f64;
            view! {
                <g>
                    <text x="116" y=(y + 15).to_string() text-anchor="end" class="chart-label">{label.clone()}</text>
                    <rect x="122" y=(y + 3).to_string() width=format!("{width:.1}") height="14" class="chart-bar" />
                    <text x=format!("{:.1}", 126.0 + width) y=(y + 15).to_string() class="chart-value">{r.trained}</text>
                </g>
            }
            .into_any()
        })
        .collect();
    let table: Vec<AnyView> = rows
        .into_iter()
        .map(|(label, r)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{r.trained}</td>
                    <td class="num">{r.completed}</td>
                    <td class="num">{r.certified}</td>
                    <td class="num">{r.working}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <section class="chart-pair" aria-labelledby=id>
            <h3 id=id>{t(title)}</h3>
            <svg class="chart" viewBox=format!("0 0 420 {height}") role="img"
                aria-label=format!("{}：{}", t(title), summary) preserveAspectRatio="xMinYMin meet">
                <title>{format!("{}：{}", t(title), summary)}</title>
                {bars}
            </svg>
            <div class="table-wrap" tabindex="0">
                <table class="data">
                    <thead><tr>
                        <th scope="col"><span class="visually-hidden">{t(title)}</span></th>
                        <th scope="col" class="num">{t(Msg::KpiTrained)}</th>
                        <th scope="col" class="num">{t(Msg::KpiCompletedPeople)}</th>
                        <th scope="col" class="num">{t(Msg::KpiCertified)}</th>
                        <th scope="col" class="num">{t(Msg::ChartWorking)}</th>
                    </tr></thead>
                    <tbody>{table}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The name of a target's scope: the city, a town's name, a programme or an industry.
fn scope_text(t: impl Fn(Msg) -> &'static str, row: &TargetProgress) -> String {
    match row.scope {
        TargetScope::City => t(Msg::ScopeCity).to_string(),
        TargetScope::Town => row.scope_label.clone(),
        TargetScope::Programme => Programme::parse(&row.scope_value)
            .map(|p| t(p.label()).to_string())
            .unwrap_or_default(),
        TargetScope::Industry => Industry::parse(&row.scope_value)
            .map(|i| t(i.label()).to_string())
            .unwrap_or_default(),
    }
}

/// Targets with progress bars; `delete` shows a remove button (admins on the targets page).
#[component]
fn TargetTable(rows: Vec<TargetProgress>, show_scope: bool, delete: bool) -> AnyView {
    let t = use_t();
    let body: Vec<AnyView> = rows
        .into_iter()
        .map(|r| {
            let width = r.progress.percent().unwrap_or(0.0).min(100.0);
            let scope = scope_text(t, &r);
            view! {
                <tr id=format!("target-{}", r.id)>
                    {show_scope.then(|| view! { <td>{t(r.scope.label())}" · "{scope}</td> })}
                    <th scope="row">{t(r.kpi.label())}</th>
                    <td class="num">{r.target}</td>
                    <td class="num">{r.actual}</td>
                    <td class="progress-cell">
                        <span class="progress-text">{r.progress.shown()}</span>
                        <span class="bar-track" aria-hidden="true"><span class="bar" style=format!("width: {width:.1}%")></span></span>
                    </td>
                    {delete.then(|| view! {
                        <td class="actions">
                            <form class="inline-form" method="post" action=format!("/manage/targets/{}/delete", r.id)>
                                <input type="hidden" name="year" value=r.year.to_string() />
                                <button class="link-button" type="submit">{t(Msg::TargetDelete)}</button>
                            </form>
                        </td>
                    })}
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data targets">
                <thead><tr>
                    {show_scope.then(|| view! { <th scope="col">{t(Msg::FieldScope)}</th> })}
                    <th scope="col">{t(Msg::FieldKpi)}</th>
                    <th scope="col" class="num">{t(Msg::ColTarget)}</th>
                    <th scope="col" class="num">{t(Msg::ColActual)}</th>
                    <th scope="col">{t(Msg::ColProgress)}</th>
                    {delete.then(|| view! { <th scope="col">{t(Msg::ColActions)}</th> })}
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn DashboardBody(d: Dashboard) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let q = d.filter.query();
    let period = format!(
        "{} {} ({} – {})",
        d.filter.year,
        period_text(t, d.filter.period),
        d.from,
        d.through
    );
    let has_scope = d.filter.target_scope().is_some();
    let targets = if !has_scope {
        view! { <p class="muted">{t(Msg::TargetsMixed)}</p> }.into_any()
    } else if d.targets.is_empty() {
        view! { <p class="muted">{t(Msg::TargetsNone)}</p> }.into_any()
    } else {
        view! { <TargetTable rows=d.targets.clone() show_scope=false delete=false /> }.into_any()
    };
    let targets_link = format!("/manage/targets?year={}", d.filter.year);
    view! {
        <Filters d=d.clone() />
        {d.locked_town.is_some().then(|| view! { <p class="notice info">{t(Msg::DashboardTownLocked)}</p> })}
        <p class="muted">{locale.fill(Msg::DashboardPeriod, period)}</p>
        <Tiles k=d.kpis.clone() q=q.clone() bases_link=d.locked_town.is_none() />
        <Funnel steps=d.funnel.clone() q=q.clone() />
        <h2 id="charts">{t(Msg::ChartsTitle)}</h2>
        <p class="muted">{t(Msg::ChartsLead)}</p>
        {d.breakdowns.iter().cloned().map(|b| view! { <Chart b towns=d.towns.clone() /> }).collect_view()}
        <h2 id="targets">{t(Msg::TargetsForScope)}</h2>
        {targets}
        <p><a href=targets_link>{if d.can_set_targets { t(Msg::TargetsManage) } else { t(Msg::TargetsTitle) }}</a></p>
        <p class="filter-actions">
            <a class="button" href=format!("/manage/dashboard.xlsx?{}", q.to_params()) download>{t(Msg::ExportReportXlsx)}</a>
            <a class="button" href=format!("/manage/dashboard.csv?{}", q.to_params()) download>{t(Msg::RosterExportCsv)}</a>
            <a class="button" href=print_link(&q)>{t(Msg::ReportPrintLink)}</a>
        </p>
    }
    .into_any()
}

fn print_link(q: &DashboardQuery) -> String {
    match q.to_params() {
        p if p.is_empty() => "/manage/dashboard/print".to_string(),
        p => format!("/manage/dashboard/print?{p}"),
    }
}

/// The filters by name, for the printed report's header.
fn filter_rows(
    t: impl Fn(Msg) -> &'static str + Copy,
    d: &Dashboard,
    en: bool,
) -> Vec<(Msg, String)> {
    let f = &d.filter;
    let all = t(Msg::FilterAll).to_string();
    let town = f
        .town
        .and_then(|id| d.towns.iter().find(|o| o.id == id))
        .map(|o| {
            if en {
                o.name_en.clone()
            } else {
                o.name_zh.clone()
            }
        })
        .unwrap_or_else(|| all.clone());
    let provider = f
        .provider
        .and_then(|id| d.providers.iter().find(|p| p.id == id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| all.clone());
    vec![
        (
            Msg::FieldPeriod,
            format!(
                "{} {} ({} – {})",
                f.year,
                period_text(t, f.period),
                d.from,
                d.through
            ),
        ),
        (Msg::FilterTown, town),
        (
            Msg::FilterProgramme,
            f.programme
                .map(|p| t(p.label()).to_string())
                .unwrap_or_else(|| all.clone()),
        ),
        (
            Msg::FilterIndustry,
            f.industry
                .map(|i| t(i.label()).to_string())
                .unwrap_or_else(|| all.clone()),
        ),
        (Msg::FieldProvider, provider),
    ]
}

/// The report laid out for an A4 page: the filters by name, the figures, the funnel, the
/// charts with their tables and the targets, without the form and buttons.
#[component]
fn PrintBody(d: Dashboard) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let en = locale == model::i18n::Locale::En;
    let q = d.filter.query();
    let back = match q.to_params() {
        p if p.is_empty() => "/manage/dashboard".to_string(),
        p => format!("/manage/dashboard?{p}"),
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = leptos::prelude::window().print();
        }
    };
    let filters: Vec<AnyView> = filter_rows(t, &d, en)
        .into_iter()
        .map(|(label, value)| {
            view! { <tr><th scope="row">{t(label)}</th><td>{value}</td></tr> }.into_any()
        })
        .collect();
    let targets = if d.targets.is_empty() {
        ().into_any()
    } else {
        view! {
            <h2>{t(Msg::TargetsForScope)}</h2>
            <TargetTable rows=d.targets.clone() show_scope=false delete=false />
        }
        .into_any()
    };
    view! {
        <div class="print-report">
            <p class="no-print actions">
                <a href=back>{t(Msg::BackToDashboard)}</a>
                " "
                <button class="button primary" type="button" on:click=print>{t(Msg::ReportPrint)}</button>
                " "
                <span class="muted">{t(Msg::ReportPrintHint)}</span>
            </p>
            <h1>{t(Msg::ReportTitle)}</h1>
            <table class="data report-filters"><tbody>{filters}</tbody></table>
            <Tiles k=d.kpis.clone() q=q.clone() bases_link=false />
            <Funnel steps=d.funnel.clone() q=q.clone() />
            <h2>{t(Msg::ChartsTitle)}</h2>
            {d.breakdowns.iter().cloned().map(|b| view! { <Chart b towns=d.towns.clone() /> }).collect_view()}
            {targets}
        </div>
    }
    .into_any()
}

/// `/manage/dashboard/print?<filters>`: the KPI report for the leadership's monthly meeting.
#[component]
pub fn DashboardPrintPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new_blocking(dashboard_query, get_dashboard);
    view! {
        <Title text=t(Msg::ReportTitle) />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(d) => view! { <PrintBody d /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/manage/dashboard`
#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new_blocking(dashboard_query, get_dashboard);
    view! {
        <Title text=t(Msg::DashboardTitle) />
        <h1>{t(Msg::DashboardTitle)}</h1>
        <p class="lead">{t(Msg::DashboardLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(d) => view! { <DashboardBody d /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PeopleTable(p: FigurePeople) -> AnyView {
    let t = use_t();
    let yes_no = move |b: bool| if b { t(Msg::Yes) } else { "—" };
    let rows: Vec<AnyView> = p
        .rows
        .into_iter()
        .map(|r| {
            let place = r.place();
            view! {
                <tr>
                    <td><a href=format!("/manage/people/{}", r.trainee_id)>{r.name.clone()}</a></td>
                    <td>{place}</td>
                    <td class="num">{r.seats}</td>
                    <td>{yes_no(r.completed)}</td>
                    <td>{yes_no(r.certified)}</td>
                    <td>{r.outcome.map(|k| t(k.label())).unwrap_or("—")}</td>
                    <td class="num">{r.jobs_created}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data">
                <thead><tr>
                    <th scope="col">{t(Msg::ColPerson)}</th>
                    <th scope="col">{t(Msg::ColTown)}</th>
                    <th scope="col" class="num">{t(Msg::ColSeats)}</th>
                    <th scope="col">{t(Msg::ColCompleted)}</th>
                    <th scope="col">{t(Msg::ColCertified)}</th>
                    <th scope="col">{t(Msg::ColOutcome)}</th>
                    <th scope="col" class="num">{t(Msg::KpiJobsCreatedPeople)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `/manage/dashboard/people?figure=…&<filters>&page=`
#[component]
pub fn FigurePeoplePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let args = move || {
        use_query_map().with_untracked(|q| {
            (
                DashboardQuery::from_params(|k| q.get(k)),
                q.get("figure").unwrap_or_default(),
                q.get("page").and_then(|p| p.parse::<u64>().ok()),
            )
        })
    };
    let data = Resource::new_blocking(args, |(q, figure, page)| get_figure_people(q, figure, page));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(p) => {
                        let q = p.filter.query();
                        let back = match q.to_params() {
                            s if s.is_empty() => "/manage/dashboard".to_string(),
                            s => format!("/manage/dashboard?{s}"),
                        };
                        let figure = p.figure;
                        let base = people_link(&q, figure);
                        let link = move |n: u64| format!("{base}&page={n}");
                        let title = t(figure.label()).to_string();
                        let period = format!("{} {} ({} – {})", p.filter.year, period_text(t, p.filter.period), p.from, p.through);
                        view! {
                            <Title text=title.clone() />
                            <p class="muted"><a href=back>{t(Msg::BackToDashboard)}</a></p>
                            <h1>{title}</h1>
                            <p class="lead">{locale.fill(Msg::FigurePeopleTitle, p.total)}</p>
                            <p class="muted">{locale.fill(Msg::DashboardPeriod, period)}</p>
                            {if p.rows.is_empty() {
                                view! { <p class="muted">{t(Msg::FigurePeopleNone)}</p> }.into_any()
                            } else {
                                let (page, total) = (p.page, p.total);
                                let params = people_link(&q, figure).replacen("/manage/dashboard/people?", "", 1);
                                view! {
                                    <p class="filter-actions">
                                        <a class="button" href=format!("/manage/dashboard/people.xlsx?{params}") download>{t(Msg::RosterExportXlsx)}</a>
                                        <a class="button" href=format!("/manage/dashboard/people.csv?{params}") download>{t(Msg::RosterExportCsv)}</a>
                                    </p>
                                    <PeopleTable p />
                                    <Pager page total per_page=model::dashboard::PEOPLE_PER_PAGE link />
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn TargetForm(list: TargetList, state: FormState) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let en = locale == model::i18n::Locale::En;
    let years: Vec<(String, String)> = list
        .years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let scopes: Vec<(String, String)> = TargetScope::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), t(s.label()).to_string()))
        .collect();
    // One list of every town, programme and industry; the scope says which applies.
    let mut values: Vec<(String, String)> = town_options(&list.towns, en)
        .into_iter()
        .map(|(id, name)| (id, format!("{} · {name}", t(Msg::ScopeTown))))
        .collect();
    values.extend(Programme::ALL.iter().map(|p| {
        (
            p.as_str().to_string(),
            format!("{} · {}", t(Msg::ScopeProgramme), t(p.label())),
        )
    }));
    values.extend(Industry::ALL.iter().map(|i| {
        (
            i.as_str().to_string(),
            format!("{} · {}", t(Msg::ScopeIndustry), t(i.label())),
        )
    }));
    let kpis: Vec<(String, String)> = TargetKpi::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(k.label()).to_string()))
        .collect();
    let year = state.value("year").or(Some(list.year.to_string()));
    view! {
        <form class="form card wide-form" method="post" action="/manage/targets" id="target-form">
            <h2>{t(Msg::TargetNew)}</h2>
            <div class="field-row">
                <SelectField name="year" label=Msg::FieldYear options=years selected=year
                    error=state.field_error("year") required=true />
                <SelectField name="scope" label=Msg::FieldScope options=scopes selected=state.value("scope")
                    error=state.field_error("scope") required=true />
                <SelectField name="scope_value" label=Msg::FieldScopeValue options=values selected=state.value("scope_value")
                    error=state.field_error("scope_value") />
            </div>
            <div class="field-row">
                <SelectField name="kpi" label=Msg::FieldKpi options=kpis selected=state.value("kpi")
                    error=state.field_error("kpi") required=true />
                <Field name="value" label=Msg::FieldTargetValue kind="number" inputmode="numeric"
                    value=state.value("value") error=state.field_error("value") required=true />
            </div>
            <button class="button primary" type="submit">{t(Msg::TargetSave)}</button>
        </form>
    }
    .into_any()
}

/// `/manage/targets?year=`
#[component]
pub fn TargetsPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let year = || use_query_map().with_untracked(|q| q.get("year").unwrap_or_default());
    let data = Resource::new_blocking(year, get_targets);
    view! {
        <Title text=t(Msg::TargetsTitle) />
        <h1>{t(Msg::TargetsTitle)}</h1>
        <p class="lead">{t(Msg::TargetsLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(list) => {
                            let years: Vec<(String, String)> = list.years.iter().map(|y| (y.to_string(), y.to_string())).collect();
                            view! {
                                <p class="muted"><a href=format!("/manage/dashboard?year={}", list.year)>{t(Msg::BackToDashboard)}</a></p>
                                <Notice notice=state.notice() />
                                <FormError message=state.form_error() />
                                <form class="filter-form" method="get" action="/manage/targets">
                                    <SelectField name="year" label=Msg::FieldYear options=years selected=Some(list.year.to_string()) />
                                    <button class="button" type="submit">{t(Msg::ShowYear)}</button>
                                </form>
                                {if list.rows.is_empty() {
                                    view! { <p class="muted">{t(Msg::TargetsNone)}</p> }.into_any()
                                } else {
                                    view! { <TargetTable rows=list.rows.clone() show_scope=true delete=list.can_edit /> }.into_any()
                                }}
                                {list.can_edit.then(|| view! { <TargetForm list=list.clone() state=state.clone() /> })}
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
