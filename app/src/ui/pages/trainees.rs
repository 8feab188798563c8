//! The trainee's real-name profile (`/profile`): filled once before the first enrolment, then
//! kept up to date; the ID number is shown masked and cannot be changed here.

use crate::api::catalogue::list_towns;
use crate::api::trainees::my_profile;
use crate::ui::components::form::{Field, FormError, FormState, LoadError, Notice, SelectField};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::catalogue::town_name;
use crate::ui::safe_next;
use leptos::prelude::*;
use leptos_meta::Title;
use model::enums::Gender;
use model::i18n::Msg;
use model::trainees::{Choice, EDUCATION, EXPERIENCE, PRIOR_STATUS};

fn choices(list: &[Choice], t: impl Fn(Msg) -> &'static str) -> Vec<(String, String)> {
    list.iter()
        .map(|(code, msg)| (code.to_string(), t(*msg).to_string()))
        .collect()
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let profile = Resource::new_blocking(|| (), |_| my_profile());
    let towns = Resource::new_blocking(|| (), |_| list_towns());
    view! {
        <Title text=t(Msg::ProfileTitle) />
        <h1>{t(Msg::ProfileTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    let profile = match profile.await {
                        Err(e) => return view! { <LoadError error=e /> }.into_any(),
                        Ok(p) => p,
                    };
                    let towns: Vec<(String, String)> = towns.await.unwrap_or_default()
                        .iter().map(|tn| (tn.id.to_string(), town_name(tn, locale))).collect();
                    // After a failed post, what was typed; otherwise what is stored.
                    let back = state.came_back();
                    let value = |name: &str, stored: Option<String>| if back { state.value(name) } else { stored };
                    let p = profile.clone();
                    let next = safe_next(state.value("next"));
                    view! {
                        <p class="lead">{t(Msg::ProfileLead)}</p>
                        <form class="form card wide-form" method="post" action="/profile">
                            <FormError message=state.form_error() />
                            <input type="hidden" name="next" value=next />
                            <Field name="name" label=Msg::FieldName value=value("name", p.as_ref().map(|p| p.name.clone()))
                                error=state.field_error("name") required=true autocomplete="name" />
                            {match &p {
                                None => view! {
                                    <Field name="id_number" label=Msg::FieldIdNumber error=state.field_error("id_number")
                                        hint=Some(Msg::IdNumberHint) required=true />
                                }.into_any(),
                                Some(p) => view! {
                                    <dl class="facts">
                                        <dt>{t(Msg::FieldIdNumber)}</dt><dd class="code">{p.id_number_masked.clone()}</dd>
                                        <dt>{t(Msg::ColGender)}</dt>
                                        <dd>{t(if p.gender == Gender::Male { Msg::GenderMale } else { Msg::GenderFemale })}</dd>
                                        <dt>{t(Msg::ColBirthDate)}</dt><dd>{p.birth_date.to_string()}</dd>
                                    </dl>
                                    <p class="field-hint">{t(Msg::IdNumberFixed)}</p>
                                }.into_any(),
                            }}
                            <SelectField name="town_id" label=Msg::FilterTown options=towns
                                selected=value("town_id", p.as_ref().map(|p| p.town_id.to_string()))
                                error=state.field_error("town_id") required=true />
                            <Field name="village" label=Msg::FieldVillage value=value("village", p.as_ref().map(|p| p.village.clone()))
                                error=state.field_error("village") />
                            <SelectField name="education" label=Msg::FieldEducation options=choices(EDUCATION, t)
                                selected=value("education", p.as_ref().map(|p| p.education.clone()))
                                error=state.field_error("education") required=true />
                            <SelectField name="prior_status" label=Msg::FieldPriorStatus options=choices(PRIOR_STATUS, t)
                                selected=value("prior_status", p.as_ref().map(|p| p.prior_status.clone()))
                                error=state.field_error("prior_status") required=true />
                            <SelectField name="ecommerce_experience" label=Msg::FieldExperience options=choices(EXPERIENCE, t)
                                selected=value("ecommerce_experience", p.as_ref().map(|p| p.ecommerce_experience.clone()))
                                error=state.field_error("ecommerce_experience") required=true />
                            <div class="field checkbox" class:has-error=state.field_error("consent").is_some()>
                                <input id="consent" name="consent" type="checkbox" value="1" required=true
                                    checked=p.is_some() || state.value("consent").is_some() />
                                <label for="consent">{t(Msg::FieldConsent)}</label>
                                {state.field_error("consent").map(|e| view! { <p class="field-error" id="consent-error">{t(e)}</p> })}
                            </div>
                            {p.as_ref().map(|p| view! { <p class="muted">{locale.fill(Msg::ConsentGiven, p.consent_at.clone())}</p> })}
                            <button class="button primary" type="submit">{t(Msg::ProfileSave)}</button>
                        </form>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}
