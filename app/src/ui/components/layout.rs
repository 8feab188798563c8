//! The header (brand, navigation by role, language switch, account tools) and footer.

use crate::i18n::Msg;
use crate::model::Role;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::{encode_component, use_current_user};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
fn NavLink(href: &'static str, label: Msg) -> impl IntoView {
    let t = use_t();
    let location = use_location();
    let current = move || {
        let path = location.pathname.get();
        let active = if href == "/" {
            path == "/"
        } else {
            path.starts_with(href)
        };
        active.then_some("page")
    };
    view! { <a href=href aria-current=current>{t(label)}</a> }
}

/// A partner's own page, which has an id in its path.
#[component]
fn OrgLink(href: String) -> impl IntoView {
    let t = use_t();
    let location = use_location();
    let target = href.clone();
    let current = move || {
        location
            .pathname
            .get()
            .starts_with(&target)
            .then_some("page")
    };
    view! { <a href=href aria-current=current>{t(Msg::NavMyOrganisation)}</a> }
}

#[component]
pub fn Header() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let me = use_current_user().0;
    let location = use_location();
    let switch_href = move || {
        let here = format!("{}{}", location.pathname.get(), location.search.get());
        format!(
            "/lang/{}?next={}",
            locale.other().code(),
            encode_component(&here)
        )
    };

    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-name">{t(Msg::AppName)}</span>
                <span class="brand-tagline">{t(Msg::AppTagline)}</span>
            </a>
            <Suspense>
                {move || Suspend::new(async move {
                    let user = me.await.ok().flatten();
                    let role = user.as_ref().map(|u| u.role);
                    view! {
                        <nav class="main-nav" aria-label=t(Msg::MainNavigation)>
                            <NavLink href="/" label=Msg::NavHome />
                            <NavLink href="/courses" label=Msg::NavCourses />
                            {(role != Some(Role::PartnerStaff) && role != Some(Role::BureauAdmin) && role != Some(Role::BureauViewer))
                                .then(|| view! { <NavLink href="/places" label=Msg::NavPlaces /> })}
                            {user.is_some().then(|| view! { <NavLink href="/account" label=Msg::NavAccount /> })}
                            {match (role, user.as_ref().and_then(|u| u.organisation_id)) {
                                (Some(Role::PartnerStaff), Some(org)) => Some(view! {
                                    <OrgLink href=format!("/manage/partners/{org}") />
                                    <NavLink href="/manage/courses" label=Msg::NavManageCourses />
                                    <NavLink href="/manage/imports" label=Msg::NavImport />
                                    <NavLink href="/manage/agreements" label=Msg::NavAgreements />
                                    <NavLink href="/manage/places" label=Msg::NavManagePlaces />
                                    <NavLink href="/manage/hosts" label=Msg::NavHosts />
                                    <NavLink href="/manage/selections" label=Msg::NavSelections />
                                }.into_any()),
                                (Some(Role::Trainee), _) => Some(view! {
                                    <NavLink href="/learning" label=Msg::NavLearning />
                                    <NavLink href="/applications" label=Msg::NavApplications />
                                    <NavLink href="/outcomes" label=Msg::NavOutcomes />
                                    <NavLink href="/host" label=Msg::NavMyHost />
                                    <NavLink href="/manage/selections" label=Msg::NavSelections />
                                    <NavLink href="/profile" label=Msg::NavProfile />
                                }.into_any()),
                                (Some(Role::BureauAdmin | Role::BureauViewer), _) => {
                                    // A viewer limited to one town sees only what is narrowed to it.
                                    let city_wide = !(role == Some(Role::BureauViewer)
                                        && user.as_ref().is_some_and(|u| u.town_id.is_some()));
                                    Some(view! {
                                    <NavLink href="/manage/dashboard" label=Msg::NavDashboard />
                                    <NavLink href="/manage/partners" label=Msg::NavPartners />
                                    <NavLink href="/manage/courses" label=Msg::NavManageCourses />
                                    {(role == Some(Role::BureauAdmin))
                                        .then(|| view! { <NavLink href="/manage/imports" label=Msg::NavImport /> })}
                                    <NavLink href="/manage/agreements" label=Msg::NavAgreements />
                                    <NavLink href="/manage/places" label=Msg::NavManagePlaces />
                                    <NavLink href="/manage/people" label=Msg::NavPeople />
                                    <NavLink href="/manage/follow-ups" label=Msg::NavFollowUps />
                                    <NavLink href="/manage/hosts" label=Msg::NavHosts />
                                    {city_wide.then(|| view! { <NavLink href="/manage/bases" label=Msg::NavBaseKpis /> })}
                                    {city_wide.then(|| view! { <NavLink href="/manage/subsidies" label=Msg::NavSubsidies /> })}
                                    {city_wide.then(|| view! { <NavLink href="/manage/selections" label=Msg::NavSelections /> })}
                                    {(role == Some(Role::BureauAdmin))
                                        .then(|| view! { <NavLink href="/manage/audit" label=Msg::NavAudit /> })}
                                }.into_any())
                                }
                                _ => None,
                            }}
                            {(role == Some(Role::BureauAdmin))
                                .then(|| view! { <NavLink href="/admin/users" label=Msg::NavUsers /> })}
                        </nav>
                        <div class="header-tools">
                            <a class="lang-switch" rel="external" href=switch_href title=t(Msg::SwitchLanguage)
                                lang=locale.other().code()>
                                {locale.other().t(Msg::LanguageName)}
                            </a>
                            {match user {
                                Some(user) => view! {
                                    <span class="user-name">{user.display_name.clone().unwrap_or(user.phone_masked.clone())}</span>
                                    <form class="logout-form" method="post" action="/logout">
                                        <button class="link-button" type="submit">{t(Msg::NavLogout)}</button>
                                    </form>
                                }.into_any(),
                                None => view! {
                                    <a href="/login">{t(Msg::NavLogin)}</a>
                                    <a class="button primary" href="/signup">{t(Msg::NavSignup)}</a>
                                }.into_any(),
                            }}
                        </div>
                    }
                })}
            </Suspense>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_t();
    view! {
        <footer class="site-footer">
            <p>{t(Msg::FooterText)}</p>
            <p><a href="/verify">{t(Msg::NavVerify)}</a>" · "<a href="/notices">{t(Msg::NavNotices)}</a></p>
        </footer>
    }
}
