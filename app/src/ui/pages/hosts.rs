//! The livestream host registry: the list (`/manage/hosts`) with its filters and the form to
//! register a host, one profile with the person's training and certificates
//! (`/manage/hosts/:id`), and a trainee's own profile (`/host`).

use crate::api::hosts::{get_host, get_my_host, list_hosts};
use crate::ui::components::form::{Field, FormError, FormState, LoadError, Notice};
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::catalogue::Industry;
use model::catalogue::town_in;
use model::certificates::{kind_label as cert_kind_label, status_label as cert_status_label};
use model::enrolment::status_label as enrolment_status_label;
use model::form::query_string;
use model::hosts::{
    AgencyOption, HostCandidate, HostDetail, HostList, HostQuery, HostRow, MAX_ACCOUNTS,
    account_field, platform_field,
};
use model::i18n::Msg;
use model::outcomes::{IncomeBand, Platform};

/// The list's address with its filters and page `n`.
fn list_link(q: &HostQuery, n: u64) -> String {
    let page = n.to_string();
    let qs = query_string(&[
        ("q", &q.q),
        ("category", &q.category),
        ("platform", &q.platform),
        ("agency", &q.agency),
        ("status", &q.status),
        ("page", if n > 1 { &page } else { "" }),
    ]);
    if qs.is_empty() {
        "/manage/hosts".to_string()
    } else {
        format!("/manage/hosts?{qs}")
    }
}

fn categories_text(t: impl Fn(Msg) -> &'static str, c: &[Industry]) -> String {
    c.iter()
        .map(|i| t(i.label()))
        .collect::<Vec<_>>()
        .join("、")
}

/// `/manage/hosts`: the registry.
#[component]
pub fn HostsPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let query = use_query_map().with_untracked(|q| HostQuery::from_params(|k| q.get(k)));
    let q = query.clone();
    let list = Resource::new_blocking(move || q.clone(), list_hosts);
    view! {
        <Title text=t(Msg::HostsTitle) />
        <h1>{t(Msg::HostsTitle)}</h1>
        <p class="lead">{t(Msg::HostsLead)}</p>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) => view! { <HostListView list state /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn HostListView(list: HostList, state: FormState) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let q = list.query.clone();
    let pager_q = q.clone();
    view! {
        <form class="filter-form" method="get" action="/manage/hosts" role="search">
            <div class="field filter-q">
                <label for="q">{t(Msg::HostSearch)}</label>
                <input id="q" name="q" type="search" value=q.q.clone() />
            </div>
            <div class="field">
                <label for="category">{t(Msg::FieldHostCategories)}</label>
                <select id="category" name="category">
                    <option value="">{t(Msg::FilterAny)}</option>
                    {Industry::ALL.iter().map(|i| view! {
                        <option value=i.as_str() selected=q.category == i.as_str()>{t(i.label())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="platform">{t(Msg::FieldPlatform)}</label>
                <select id="platform" name="platform">
                    <option value="">{t(Msg::FilterAny)}</option>
                    {Platform::ALL.iter().map(|p| view! {
                        <option value=p.as_str() selected=q.platform == p.as_str()>{t(p.label())}</option>
                    }).collect_view()}
                </select>
            </div>
            {(!list.agencies.is_empty()).then(|| view! {
                <div class="field">
                    <label for="agency">{t(Msg::FieldHostAgency)}</label>
                    <select id="agency" name="agency">
                        <option value="">{t(Msg::FilterAny)}</option>
                        {list.agencies.iter().map(|a| view! {
                            <option value=a.id.to_string() selected=q.agency == a.id.to_string()>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="status">{t(Msg::ColStatus)}</label>
                <select id="status" name="status">
                    <option value="active" selected=q.status.is_empty() || q.status == "active">{t(Msg::HostActive)}</option>
                    <option value="inactive" selected=q.status == "inactive">{t(Msg::HostInactive)}</option>
                    <option value="all" selected=q.status == "all">{t(Msg::FilterAll)}</option>
                </select>
            </div>
            <button class="button primary" type="submit">{t(Msg::FilterApply)}</button>
        </form>
        <p class="muted">{locale.fill(Msg::HostsTotal, list.total)}</p>
        {if list.rows.is_empty() {
            view! { <p class="muted">{t(Msg::HostsNone)}</p> }.into_any()
        } else {
            view! {
                <HostTable rows=list.rows.clone() />
                <Pager page=list.page total=list.total per_page=model::hosts::PAGE_SIZE
                    link=move |p| list_link(&pager_q, p) />
            }.into_any()
        }}
        {list.can_register.then(|| view! {
            <RegisterForm candidates=list.candidates.clone() agencies=list.agencies.clone() state=state.clone() />
        })}
    }
    .into_any()
}

#[component]
fn HostTable(rows: Vec<HostRow>) -> AnyView {
    let locale = use_locale();
    let t = use_t();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data" id="hosts">
                <thead><tr>
                    <th scope="col">{t(Msg::ColPerson)}</th>
                    <th scope="col">{t(Msg::FieldHostAccounts)}</th>
                    <th scope="col">{t(Msg::FieldHostCategories)}</th>
                    <th scope="col">{t(Msg::FieldHostAgency)}</th>
                    <th scope="col" class="num">{t(Msg::FieldMonthlySessions)}</th>
                    <th scope="col">{t(Msg::FieldSalesBand)}</th>
                    <th scope="col" class="num">{t(Msg::ColHostCertificates)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|h| view! {
                        <tr>
                            <th scope="row"><a href=format!("/manage/hosts/{}", h.id)>{h.name.clone()}</a>
                                <br /><span class="muted small">{town_in(&h.town, locale)}</span>
                                {(!h.active).then(|| view! { " " <span class="badge">{t(Msg::HostInactive)}</span> })}</th>
                            <td>{h.accounts.iter().map(|a| view! {
                                <span class="nowrap">{t(a.platform.label())}" · "{a.account_name.clone()}</span><br />
                            }).collect_view()}</td>
                            <td>{categories_text(t, &h.categories)}</td>
                            <td>{h.agency.clone().unwrap_or_default()}</td>
                            <td class="num">{h.monthly_sessions.map(|n| n.to_string()).unwrap_or_default()}</td>
                            <td>{h.sales_band.map(|b| t(b.label()))}</td>
                            <td class="num">{h.certificates}</td>
                        </tr>
                    }.into_any()).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What the profile fields start with: what came back from a failed post, else the profile.
#[derive(Clone, Default)]
struct Values {
    categories: Vec<String>,
    agency: Option<String>,
    sessions: Option<String>,
    band: Option<String>,
    accounts: Vec<(String, String)>,
    active: bool,
}

impl Values {
    fn of(state: &FormState, host: Option<&HostRow>) -> Self {
        if state.came_back() {
            return Values {
                categories: state.values("categories"),
                agency: state.value("agency_id"),
                sessions: state.value("monthly_sessions"),
                band: state.value("sales_band"),
                accounts: (1..=MAX_ACCOUNTS)
                    .map(|n| {
                        (
                            state.value(&platform_field(n)).unwrap_or_default(),
                            state.value(&account_field(n)).unwrap_or_default(),
                        )
                    })
                    .collect(),
                active: state.value("active").is_some() || state.value("active_sent").is_none(),
            };
        }
        match host {
            None => Values {
                active: true,
                ..Values::default()
            },
            Some(h) => Values {
                categories: h
                    .categories
                    .iter()
                    .map(|c| c.as_str().to_string())
                    .collect(),
                agency: h.agency_id.map(|a| a.to_string()),
                sessions: h.monthly_sessions.map(|n| n.to_string()),
                band: h.sales_band.map(|b| b.as_str().to_string()),
                accounts: h
                    .accounts
                    .iter()
                    .map(|a| (a.platform.as_str().to_string(), a.account_name.clone()))
                    .collect(),
                active: h.active,
            },
        }
    }
}

/// The profile's fields, shared by the register, change and own forms.
#[component]
fn HostFields(
    values: Values,
    agencies: Vec<AgencyOption>,
    state: FormState,
    /// Whether the agency can be chosen (not when an agency registers its own host).
    choose_agency: bool,
    /// Whether to show "still hosting" (changing a profile).
    show_active: bool,
) -> AnyView {
    let t = use_t();
    let err = |name: &str| state.field_error(name);
    let cat_error = err("categories");
    view! {
        <fieldset class="checkbox-group" class:has-error=cat_error.is_some()>
            <legend>{t(Msg::FieldHostCategories)}</legend>
            {Industry::ALL.iter().map(|i| {
                let id = format!("category-{}", i.as_str());
                let checked = values.categories.iter().any(|c| c == i.as_str());
                view! {
                    <span class="field checkbox">
                        <input id=id.clone() name="categories" type="checkbox" value=i.as_str() checked=checked />
                        <label for=id>{t(i.label())}</label>
                    </span>
                }
            }).collect_view()}
            {cat_error.map(|e| view! { <p class="field-error" id="categories-error">{t(e)}</p> })}
        </fieldset>
        <fieldset class="account-rows">
            <legend>{t(Msg::FieldHostAccounts)}</legend>
            <p class="field-hint">{t(Msg::HostAccountsHint)}</p>
            {(1..=MAX_ACCOUNTS).map(|n| {
                let (platform, name) = values.accounts.get(n - 1).cloned().unwrap_or_default();
                let (pf, af) = (platform_field(n), account_field(n));
                let (pe, ae) = (err(&pf), err(&af));
                view! {
                    <div class="field-row">
                        <div class="field" class:has-error=pe.is_some()>
                            <label for=pf.clone()>{t(Msg::FieldPlatform)}" "{n}</label>
                            <select id=pf.clone() name=pf.clone() aria-invalid=pe.is_some().then_some("true")>
                                <option value="">{t(Msg::ChooseOne)}</option>
                                {Platform::ALL.iter().map(|p| view! {
                                    <option value=p.as_str() selected=platform == p.as_str()>{t(p.label())}</option>
                                }).collect_view()}
                            </select>
                            {pe.map(|e| view! { <p class="field-error">{t(e)}</p> })}
                        </div>
                        <div class="field" class:has-error=ae.is_some()>
                            <label for=af.clone()>{t(Msg::FieldAccountName)}" "{n}</label>
                            <input id=af.clone() name=af.clone() type="text" maxlength="60" value=name
                                aria-invalid=ae.is_some().then_some("true") />
                            {ae.map(|e| view! { <p class="field-error">{t(e)}</p> })}
                        </div>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <div class="field-row">
            {choose_agency.then(|| {
                let e = err("agency_id");
                view! {
                    <div class="field" class:has-error=e.is_some()>
                        <label for="agency_id">{t(Msg::FieldHostAgency)}</label>
                        <select id="agency_id" name="agency_id">
                            <option value="">{t(Msg::HostNoAgency)}</option>
                            {agencies.iter().map(|a| view! {
                                <option value=a.id.to_string() selected=values.agency.as_deref() == Some(&a.id.to_string())>{a.name.clone()}</option>
                            }).collect_view()}
                        </select>
                        {e.map(|e| view! { <p class="field-error">{t(e)}</p> })}
                    </div>
                }
            })}
            <Field name="monthly_sessions" label=Msg::FieldMonthlySessions kind="number" inputmode="numeric"
                value=values.sessions.clone() error=err("monthly_sessions") />
            <div class="field">
                <label for="sales_band">{t(Msg::FieldSalesBand)}</label>
                <select id="sales_band" name="sales_band">
                    <option value="">{t(Msg::ChooseOne)}</option>
                    {IncomeBand::ALL.iter().map(|b| view! {
                        <option value=b.as_str() selected=values.band.as_deref() == Some(b.as_str())>{t(b.label())}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
        {show_active.then(|| view! {
            <input type="hidden" name="active_sent" value="1" />
            <div class="field checkbox">
                <input id="active" name="active" type="checkbox" value="1" checked=values.active />
                <label for="active">{t(Msg::HostStillActive)}</label>
            </div>
        })}
    }
    .into_any()
}

#[component]
fn RegisterForm(
    candidates: Vec<HostCandidate>,
    agencies: Vec<AgencyOption>,
    state: FormState,
) -> AnyView {
    let locale = use_locale();
    let t = use_t();
    let values = Values::of(&state, None);
    // An agency picks among its people and registers them as its own; the bureau names anyone.
    let agency_staff = agencies.is_empty();
    let chosen = state.value("trainee_id");
    let trainee_error = state.field_error("trainee_id");
    view! {
        <form class="form card wide-form" method="post" action="/manage/hosts" id="register-form">
            <h2>{t(Msg::HostRegister)}</h2>
            <FormError message=state.form_error() />
            {if agency_staff {
                view! {
                    <div class="field" class:has-error=trainee_error.is_some()>
                        <label for="trainee_id">{t(Msg::ColPerson)}</label>
                        <select id="trainee_id" name="trainee_id" required=true>
                            <option value="">{t(Msg::ChooseOne)}</option>
                            {candidates.iter().map(|c| view! {
                                <option value=c.trainee_id.to_string() selected=chosen.as_deref() == Some(&c.trainee_id.to_string())>
                                    {format!("{}（{}）", c.name, town_in(&c.town, locale))}
                                </option>
                            }).collect_view()}
                        </select>
                        <p class="field-hint">{t(Msg::HostCandidatesHint)}</p>
                        {trainee_error.map(|e| view! { <p class="field-error">{t(e)}</p> })}
                    </div>
                }.into_any()
            } else {
                view! {
                    <Field name="trainee_id" label=Msg::FieldTraineeNumber kind="number" inputmode="numeric"
                        value=chosen error=trainee_error hint=Some(Msg::FieldTraineeNumberHint) required=true />
                }.into_any()
            }}
            <HostFields values agencies state=state.clone() choose_agency=!agency_staff show_active=false />
            <button class="button primary" type="submit">{t(Msg::HostRegister)}</button>
        </form>
    }
    .into_any()
}

/// The profile as read by anyone who may see it.
#[component]
fn HostSummary(d: HostDetail) -> AnyView {
    let t = use_t();
    let h = d.host.clone();
    view! {
        <dl class="facts">
            <dt>{t(Msg::FieldHostAccounts)}</dt>
            <dd>{h.accounts.iter().map(|a| view! {
                <span class="nowrap">{t(a.platform.label())}" · "{a.account_name.clone()}</span><br />
            }).collect_view()}</dd>
            <dt>{t(Msg::FieldHostCategories)}</dt>
            <dd>{categories_text(t, &h.categories)}</dd>
            <dt>{t(Msg::FieldHostAgency)}</dt>
            <dd>{h.agency.clone().unwrap_or_else(|| t(Msg::HostNoAgency).to_string())}</dd>
            <dt>{t(Msg::FieldMonthlySessions)}</dt>
            <dd>{h.monthly_sessions.map(|n| n.to_string()).unwrap_or_default()}</dd>
            <dt>{t(Msg::FieldSalesBand)}</dt>
            <dd>{h.sales_band.map(|b| t(b.label()))}</dd>
            <dt>{t(Msg::ColStatus)}</dt>
            <dd>{t(if h.active { Msg::HostActive } else { Msg::HostInactive })}" · "{t(d.source.label())}</dd>
        </dl>
        <h2>{t(Msg::HostTraining)}</h2>
        {if d.training.is_empty() {
            view! { <p class="muted">{t(Msg::HostNoTraining)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain">
                    {d.training.iter().map(|c| view! {
                        <li><a href=format!("/courses/{}", c.course_id)>{c.title.clone()}</a>
                            " · "{c.provider.clone()}" · "{c.starts_on.to_string()}" · "{t(enrolment_status_label(c.status))}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{t(Msg::HostCertificates)}</h2>
        {if d.certificates.is_empty() {
            view! { <p class="muted">{t(Msg::HostNoCertificates)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain">
                    {d.certificates.iter().map(|c| view! {
                        <li><a class="mono" href=c.verify_url.clone()>{c.number.clone()}</a>
                            " · "{t(cert_kind_label(c.kind))}" · "{t(cert_status_label(c.status))}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

/// `/manage/hosts/:id`: one profile, and the form to change it for its agency or the bureau.
#[component]
pub fn HostPage() -> impl IntoView {
    let locale = use_locale();
    let t = use_t();
    let state = FormState::from_query();
    let id = id_param("id");
    let detail = Resource::new_blocking(|| (), move |_| get_host(id));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match detail.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(d) => {
                        let values = Values::of(&state, Some(&d.host));
                        let agencies = d.agencies.clone();
                        view! {
                            <Title text=d.host.name.clone() />
                            <p class="muted"><a href="/manage/hosts">{t(Msg::HostsTitle)}</a></p>
                            <h1>{d.host.name.clone()}</h1>
                            <p class="lead">{town_in(&d.host.town, locale)}" · "<a href=format!("/manage/people/{}", d.host.trainee_id)>{t(Msg::HostPersonRecord)}</a></p>
                            <Notice notice=state.notice() />
                            <HostSummary d=d.clone() />
                            {d.can_edit.then(|| view! {
                                <form class="form card wide-form" method="post" action=format!("/manage/hosts/{}", d.host.id) id="host-form">
                                    <h2>{t(Msg::HostChange)}</h2>
                                    <FormError message=state.form_error() />
                                    <HostFields values agencies state=state.clone() choose_agency=true show_active=true />
                                    <button class="button primary" type="submit">{t(Msg::HostSave)}</button>
                                </form>
                            })}
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

/// `/host`: a trainee's own host profile: apply, or keep it up to date.
#[component]
pub fn MyHostPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let mine = Resource::new_blocking(|| (), |_| get_my_host());
    view! {
        <Title text=t(Msg::MyHostTitle) />
        <h1>{t(Msg::MyHostTitle)}</h1>
        <p class="lead">{t(Msg::MyHostLead)}</p>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match mine.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(m) if !m.has_profile => view! {
                        <p class="notice info">{t(Msg::ErrProfileRequired)}" "<a href="/profile">{t(Msg::NavProfile)}</a></p>
                    }.into_any(),
                    Ok(m) => {
                        let values = Values::of(&state, m.host.as_ref().map(|d| &d.host));
                        let existing = m.host.is_some();
                        view! {
                            {m.host.clone().map(|d| view! { <HostSummary d /> })}
                            <form class="form card wide-form" method="post" action="/host" id="host-form">
                                <h2>{t(if existing { Msg::HostChange } else { Msg::HostApply })}</h2>
                                <FormError message=state.form_error() />
                                <HostFields values agencies=m.agencies.clone() state=state.clone() choose_agency=true show_active=existing />
                                <button class="button primary" type="submit">{t(if existing { Msg::HostSave } else { Msg::HostApply })}</button>
                            </form>
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}
