//! School–enterprise agreements (`/manage/agreements`): the list, with those ending within 60
//! days flagged, confirm and cancel buttons for the parties, and the form to record one.

use crate::api::agreements::list_agreements;
use crate::ui::components::form::{Field, FormError, FormState, LoadError, Notice, SelectField};
use crate::ui::i18n::{use_locale, use_t};
use leptos::prelude::*;
use leptos_meta::Title;
use model::enums::{AgreementKind, AgreementStatus};
use model::i18n::Msg;

#[component]
pub fn AgreementsPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let list = Resource::new_blocking(|| (), |_| list_agreements());
    view! {
        <Title text=t(Msg::AgreementsTitle) />
        <h1>{t(Msg::AgreementsTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) => view! {
                        <FormError message=state.form_error() />
                        {(list.expiring > 0).then(|| view! {
                            <p class="notice warning">{locale.fill(Msg::AgreementsExpiring, list.expiring)}</p>
                        })}
                        {if list.rows.is_empty() {
                            view! { <p class="muted">{t(Msg::AgreementsNone)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" tabindex="0">
                                    <table class="data">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::ColCollege)}</th>
                                            <th scope="col">{t(Msg::ColPartner)}</th>
                                            <th scope="col">{t(Msg::ColKind)}</th>
                                            <th scope="col">{t(Msg::CourseDates)}</th>
                                            <th scope="col" class="num">{t(Msg::ColPlaces)}</th>
                                            <th scope="col">{t(Msg::ColStatus)}</th>
                                            <th scope="col"><span class="visually-hidden">{t(Msg::ColActions)}</span></th>
                                        </tr></thead>
                                        <tbody>
                                            {list.rows.into_iter().map(|a| view! {
                                                <tr class:expiring=a.expiring_soon>
                                                    <td>{a.college}</td>
                                                    <td>{a.partner}</td>
                                                    <td>{t(a.kind.label())}</td>
                                                    <td>{format!("{} – {}", a.starts_on, a.ends_on)}</td>
                                                    <td class="num">{a.places_offered}</td>
                                                    <td>
                                                        <span class=if a.status == AgreementStatus::Confirmed { "badge ok" } else { "badge" }>{t(a.status.label())}</span>
                                                        {a.expiring_soon.then(|| view! { " " <span class="badge warn">{t(Msg::AgreementExpiringBadge)}</span> })}
                                                    </td>
                                                    <td class="actions">
                                                        {a.can_confirm.then(|| view! {
                                                            <form class="inline-form" method="post" action=format!("/manage/agreements/{}/confirm", a.id)>
                                                                <button class="button primary" type="submit">{t(Msg::AgreementConfirm)}</button>
                                                            </form>
                                                        })}
                                                        {a.can_cancel.then(|| view! {
                                                            <form class="inline-form" method="post" action=format!("/manage/agreements/{}/cancel", a.id)>
                                                                <button class="button" type="submit">{t(Msg::AgreementCancel)}</button>
                                                            </form>
                                                        })}
                                                    </td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                        {list.can_propose.then(|| {
                            let partners: Vec<(String, String)> = list.partners.iter()
                                .map(|p| (p.id.to_string(), p.name.clone())).collect();
                            let kinds: Vec<(String, String)> = AgreementKind::ALL.iter()
                                .map(|k| (k.as_str().to_string(), t(k.label()).to_string())).collect();
                            view! {
                                <form class="form card" method="post" action="/manage/agreements">
                                    <h2>{t(Msg::AgreementNew)}</h2>
                                    <SelectField name="partner_id" label=Msg::ColPartner options=partners
                                        selected=state.value("partner_id") error=state.field_error("partner_id") required=true />
                                    <SelectField name="kind" label=Msg::ColKind options=kinds
                                        selected=state.value("kind") error=state.field_error("kind") required=true />
                                    <Field name="starts_on" label=Msg::FieldStartsOn kind="date" value=state.value("starts_on")
                                        error=state.field_error("starts_on") required=true />
                                    <Field name="ends_on" label=Msg::FieldEndsOn kind="date" value=state.value("ends_on")
                                        error=state.field_error("ends_on") required=true />
                                    <Field name="places_offered" label=Msg::ColPlaces kind="number" inputmode="numeric"
                                        value=state.value("places_offered") error=state.field_error("places_offered") required=true />
                                    <button class="button primary" type="submit">{t(Msg::AgreementNew)}</button>
                                </form>
                            }
                        })}
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}
