//! Partner pages: the online application (`/partners/apply`), the bureau's list
//! (`/manage/partners`) and a partner's page with its staff and the bureau's decisions
//! (`/manage/partners/{id}`).

use crate::api::catalogue::list_towns;
use crate::api::partners::{get_partner, list_partners};
use crate::ui::components::form::{Field, FormError, FormState, LoadError, Notice, SelectField};
use crate::ui::components::list_filter::{ListFilter, use_list_params};
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::catalogue::town_name;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::catalogue::town_in;
use model::enums::{OrganisationKind, OrganisationStatus};
use model::i18n::Msg;
use model::partners::PartnerDecision;

fn status_badge(status: OrganisationStatus) -> &'static str {
    match status {
        OrganisationStatus::Approved => "badge ok",
        OrganisationStatus::Pending => "badge warn",
        _ => "badge bad",
    }
}

#[component]
pub fn PartnerApplyPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let towns = Resource::new_blocking(|| (), |_| list_towns());
    view! {
        <Title text=t(Msg::ApplyTitle) />
        <h1>{t(Msg::ApplyTitle)}</h1>
        <p class="lead">{t(Msg::ApplyLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    let towns: Vec<(String, String)> = towns.await.unwrap_or_default()
                        .iter().map(|tn| (tn.id.to_string(), town_name(tn, locale))).collect();
                    let kinds: Vec<(String, String)> = OrganisationKind::ALL.iter()
                        .map(|k| (k.as_str().to_string(), t(k.label()).to_string())).collect();
                    view! {
                        <form class="form card wide-form" method="post" action="/partners/apply">
                            <FormError message=state.form_error() />
                            <fieldset>
                                <legend>{t(Msg::ApplyOrganisation)}</legend>
                                <SelectField name="kind" label=Msg::FieldOrgKind options=kinds
                                    selected=state.value("kind") error=state.field_error("kind") required=true />
                                <Field name="name" label=Msg::FieldOrgName value=state.value("name")
                                    error=state.field_error("name") required=true autocomplete="organization" />
                                <Field name="credit_code" label=Msg::FieldCreditCode value=state.value("credit_code")
                                    error=state.field_error("credit_code") hint=Some(Msg::CreditCodeHint) required=true />
                                <SelectField name="town_id" label=Msg::FilterTown options=towns
                                    selected=state.value("town_id") error=state.field_error("town_id") required=true />
                                <Field name="address" label=Msg::FieldAddress value=state.value("address")
                                    error=state.field_error("address") autocomplete="street-address" />
                                <Field name="contact_name" label=Msg::FieldContactName value=state.value("contact_name")
                                    error=state.field_error("contact_name") required=true />
                                <Field name="contact_phone" label=Msg::FieldContactPhone kind="tel" inputmode="numeric"
                                    value=state.value("contact_phone") error=state.field_error("contact_phone") required=true />
                            </fieldset>
                            <fieldset>
                                <legend>{t(Msg::ApplyAccount)}</legend>
                                <p class="field-hint">{t(Msg::ApplyAccountHint)}</p>
                                <Field name="display_name" label=Msg::FieldDisplayName value=state.value("display_name")
                                    error=state.field_error("display_name") required=true autocomplete="name" />
                                <Field name="phone" label=Msg::FieldPhone kind="tel" inputmode="numeric" autocomplete="username"
                                    value=state.value("phone") error=state.field_error("phone") hint=Some(Msg::PhoneHint) required=true />
                                <Field name="password" label=Msg::FieldPassword kind="password" autocomplete="new-password"
                                    error=state.field_error("password") hint=Some(Msg::PasswordHint) required=true />
                                <Field name="password_confirm" label=Msg::FieldPasswordConfirm kind="password" autocomplete="new-password"
                                    error=state.field_error("password_confirm") required=true />
                            </fieldset>
                            <button class="button primary" type="submit">{t(Msg::ApplySubmit)}</button>
                        </form>
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let params = use_list_params();
    let list = Resource::new(
        move || params.get(),
        |p| list_partners(p.status, p.q, p.page),
    );
    view! {
        <Title text=t(Msg::PartnersTitle) />
        <h1>{t(Msg::PartnersTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(p) => {
                        let params = params.get_untracked();
                        let statuses = OrganisationStatus::ALL.iter()
                            .map(|s| (s.as_str().to_string(), t(s.label()).to_string())).collect();
                        let link = {
                            let params = params.clone();
                            move |n: u64| params.link("/manage/partners", n)
                        };
                        view! {
                            <ListFilter action="/manage/partners" statuses params q_label=Msg::PartnersSearch />
                            {(p.pending > 0).then(|| view! {
                                <p class="notice warning"><a href="/manage/partners?status=pending">{locale.fill(Msg::PartnersPending, p.pending)}</a></p>
                            })}
                            <p class="muted" role="status">{locale.fill(Msg::PartnersTotal, p.total)}</p>
                            <div class="table-wrap" tabindex="0">
                                <table class="data">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::FieldOrgName)}</th>
                                        <th scope="col">{t(Msg::FieldOrgKind)}</th>
                                        <th scope="col">{t(Msg::FilterTown)}</th>
                                        <th scope="col">{t(Msg::FieldCreditCode)}</th>
                                        <th scope="col">{t(Msg::ColStatus)}</th>
                                        <th scope="col">{t(Msg::ColApplied)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {p.rows.into_iter().map(|r| view! {
                                            <tr>
                                                <td><a href=format!("/manage/partners/{}", r.id)>{r.name}</a></td>
                                                <td>{t(r.kind.label())}</td>
                                                <td>{town_in(&r.town.unwrap_or_default(), locale)}</td>
                                                <td class="code">{r.credit_code}</td>
                                                <td><span class=status_badge(r.status)>{t(r.status.label())}</span></td>
                                                <td>{r.applied_on}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager page=p.page total=p.total per_page=p.per_page link />
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PartnerPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let detail = Resource::new_blocking(id, get_partner);
    view! {
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match detail.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(d) => {
                        let id = d.row.id;
                        let decisions: Vec<PartnerDecision> = PartnerDecision::ALL.iter().copied()
                            .filter(|x| x.transition().0 == d.row.status).collect();
                        view! {
                            <Title text=d.row.name.clone() />
                            <h1>{d.row.name.clone()}</h1>
                            <FormError message=state.form_error() />
                            <p>
                                <span class=status_badge(d.row.status)>{t(d.row.status.label())}</span>
                                " " <span class="badge">{t(d.row.kind.label())}</span>
                            </p>
                            {match d.row.status {
                                OrganisationStatus::Pending => Some(view! { <p class="notice info">{t(Msg::PartnerPendingText)}</p> }.into_any()),
                                OrganisationStatus::Suspended => Some(view! { <p class="notice warning">{t(Msg::PartnerSuspendedText)}</p> }.into_any()),
                                OrganisationStatus::Rejected => Some(view! { <p class="notice error">{t(Msg::PartnerRejectedText)}</p> }.into_any()),
                                OrganisationStatus::Approved => None,
                            }}
                            {d.status_reason.clone().map(|r| view! { <p><strong>{t(Msg::ColReason)}": "</strong>{r}</p> })}
                            <dl class="card facts">
                                <dt>{t(Msg::FieldCreditCode)}</dt><dd class="code">{d.row.credit_code.clone()}</dd>
                                <dt>{t(Msg::FilterTown)}</dt><dd>{town_in(&d.row.town.clone().unwrap_or_default(), locale)}</dd>
                                <dt>{t(Msg::FieldAddress)}</dt><dd>{d.address.clone().unwrap_or_default()}</dd>
                                <dt>{t(Msg::FieldContactName)}</dt><dd>{d.contact_name.clone().unwrap_or_default()}" "{d.contact_phone.clone().unwrap_or_default()}</dd>
                                <dt>{t(Msg::ColApplied)}</dt><dd>{d.row.applied_on.clone()}</dd>
                                <dt>{t(Msg::NavManageCourses)}</dt><dd><a href="/manage/courses">{locale.fill(Msg::PartnerCourses, d.courses)}</a></dd>
                            </dl>
                            {(d.can_review && !decisions.is_empty()).then(|| view! {
                                <section class="card">
                                    <h2>{t(Msg::PartnerReview)}</h2>
                                    {decisions.into_iter().map(|dec| {
                                        let field = format!("reason-{}", dec.as_str());
                                        view! {
                                            <form class="inline-form decision" method="post" action=format!("/manage/partners/{id}/decision")>
                                                <input type="hidden" name="decision" value=dec.as_str() />
                                                {dec.needs_reason().then(|| view! {
                                                    <label for=field.clone()>{t(Msg::ColReason)}</label>
                                                    <input id=field.clone() name="reason" type="text" maxlength="500" required=true />
                                                })}
                                                <button class=if dec.needs_reason() { "button danger" } else { "button primary" } type="submit">{t(dec.label())}</button>
                                            </form>
                                        }
                                    }).collect_view()}
                                    {state.field_error("reason").map(|e| view! { <p class="field-error">{t(e)}</p> })}
                                </section>
                            })}
                            <section id="staff">
                                <h2>{t(Msg::PartnerStaff)}</h2>
                                <div class="table-wrap" tabindex="0">
                                    <table class="data">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::FieldDisplayName)}</th>
                                            <th scope="col">{t(Msg::FieldPhone)}</th>
                                            <th scope="col">{t(Msg::ColPartnerAdmin)}</th>
                                            <th scope="col">{t(Msg::UsersColLastLogin)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {d.staff.iter().cloned().map(|s| view! {
                                                <tr>
                                                    <td>{s.display_name.unwrap_or_default()}</td>
                                                    <td>{s.phone_masked}</td>
                                                    <td>{if s.org_admin { t(Msg::Yes) } else { "" }}</td>
                                                    <td>{s.last_login_at.unwrap_or_else(|| t(Msg::Never).to_string())}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {d.can_add_staff.then(|| view! {
                                    <form class="form card" method="post" action=format!("/manage/partners/{id}/staff")>
                                        <h3>{t(Msg::PartnerAddStaff)}</h3>
                                        <Field name="display_name" label=Msg::FieldDisplayName value=state.value("display_name")
                                            error=state.field_error("display_name") required=true />
                                        <Field name="phone" label=Msg::FieldPhone kind="tel" inputmode="numeric"
                                            value=state.value("phone") error=state.field_error("phone") required=true />
                                        <Field name="password" label=Msg::FieldFirstPassword kind="password" autocomplete="new-password"
                                            error=state.field_error("password") hint=Some(Msg::PasswordHint) required=true />
                                        <Field name="password_confirm" label=Msg::FieldPasswordConfirm kind="password" autocomplete="new-password"
                                            error=state.field_error("password_confirm") required=true />
                                        <div class="field checkbox">
                                            <input id="org_admin" name="org_admin" type="checkbox" value="1" />
                                            <label for="org_admin">{t(Msg::FieldMakePartnerAdmin)}</label>
                                        </div>
                                        <button class="button primary" type="submit">{t(Msg::PartnerAddStaff)}</button>
                                    </form>
                                })}
                            </section>
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}
