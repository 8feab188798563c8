use crate::i18n::Msg;
use crate::ui::components::form::{FormState, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::use_current_user;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let me = use_current_user().0;
    view! {
        <Title text="" />
        <Notice notice=state.notice() />
        <section class="hero">
            <h1>{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::HomeLead)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match me.await.ok().flatten() {
                        Some(user) => {
                            let name = user.display_name.clone().unwrap_or(user.phone_masked.clone());
                            view! {
                                <div class="hero-actions">
                                    <p>{locale.fill(Msg::HomeWelcome, name)}</p>
                                    <a class="button" href="/account">{t(Msg::NavAccount)}</a>
                                </div>
                            }
                            .into_any()
                        }
                        None => view! {
                            <div class="hero-actions">
                                <a class="button primary" href="/signup">{t(Msg::HomeCtaSignup)}</a>
                                <a class="button" href="/login">{t(Msg::HomeCtaLogin)}</a>
                            </div>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section class="card-grid">
            <div class="card stat">
                <span class="stat-value">"26"</span>
                <span class="stat-label">{t(Msg::HomeTownsCovered)}</span>
            </div>
            <div class="card">
                <h2>{t(Msg::HomeIndustries)}</h2>
                <p>{t(Msg::HomeIndustriesText)}</p>
            </div>
        </section>
        <section class="card-grid">
            <div class="card">
                <h2>{t(Msg::HomeForTrainees)}</h2>
                <p>{t(Msg::HomeForTraineesText)}</p>
            </div>
            <div class="card">
                <h2>{t(Msg::HomeForPartners)}</h2>
                <p>{t(Msg::HomeForPartnersText)}</p>
                <p><a href="/partners/apply">{t(Msg::ApplyTitle)}</a></p>
            </div>
            <div class="card">
                <h2>{t(Msg::HomeForBureau)}</h2>
                <p>{t(Msg::HomeForBureauText)}</p>
            </div>
        </section>
    }
}
