//! The home page: what a visitor came for first — courses open for enrolment now, the next
//! lectures and salons, the public notices running — then what the programme is. A signed-in
//! person gets their next step (a trainee's learning, staff's workspace) instead of a greeting.

use crate::api::catalogue::search_courses;
use crate::api::selections::list_notices;
use crate::ui::components::form::{FormState, Notice};
use crate::ui::i18n::use_t;
use crate::ui::pages::catalogue::CourseCardView;
use crate::ui::use_current_user;
use leptos::prelude::*;
use leptos_meta::Title;
use model::Role;
use model::catalogue::{CatalogueQuery, CourseCard};
use model::enums::Programme;
use model::i18n::Msg;
use model::selections::{PublicNotice, local_day};

/// How many courses, lectures and notices the home page shows of each.
const SHOWN: usize = 3;

fn query(programme: Option<Programme>) -> CatalogueQuery {
    CatalogueQuery {
        q: String::new(),
        programme,
        industry: None,
        town: None,
        mode: None,
        level: None,
        from: None,
        to: None,
        free_places: programme.is_none(),
        page: 1,
    }
}

/// A titled list of cards with a link to all of them; nothing when the list is empty.
#[component]
fn CourseShelf(title: Msg, all: &'static str, cards: Vec<CourseCard>) -> impl IntoView {
    let t = use_t();
    (!cards.is_empty()).then(|| {
        view! {
            <section class="home-shelf">
                <div class="shelf-head">
                    <h2>{t(title)}</h2>
                    <a href=all>{t(Msg::HomeSeeAll)}</a>
                </div>
                <div class="card-grid course-list">
                    {cards.into_iter().map(|card| view! { <CourseCardView card /> }).collect_view()}
                </div>
            </section>
        }
    })
}

#[component]
fn NoticeShelf(notices: Vec<PublicNotice>) -> impl IntoView {
    let t = use_t();
    (!notices.is_empty()).then(|| {
        view! {
            <section class="home-shelf">
                <div class="shelf-head">
                    <h2>{t(Msg::NavNotices)}</h2>
                    <a href="/notices">{t(Msg::HomeSeeAll)}</a>
                </div>
                <ul class="plain-list">
                    {notices.into_iter().map(|n| view! {
                        <li class="card notice-card">
                            <a href=format!("/notices/{}", n.id)>{n.title.clone()}</a>
                            <p class="muted small">
                                {t(n.kind.label())}" · "{t(n.phase.label())}" · "
                                {local_day(n.notice_starts_at)}" – "{local_day(n.notice_ends_at)}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let me = use_current_user().0;
    let courses = Resource::new_blocking(|| (), |_| search_courses(query(None)));
    let events = Resource::new_blocking(
        || (),
        |_| search_courses(query(Some(Programme::LectureSalon))),
    );
    let notices = Resource::new_blocking(|| (), |_| list_notices());
    view! {
        <Title text="" />
        <Notice notice=state.notice() />
        <section class="hero">
            <h1>{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::HomeLead)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let actions = match me.await.ok().flatten().map(|u| u.role) {
                        Some(Role::Trainee) => view! {
                            <a class="button primary" href="/learning">{t(Msg::NavLearning)}</a>
                            <a class="button" href="/courses">{t(Msg::HomeBrowseCourses)}</a>
                        }.into_any(),
                        Some(Role::PartnerStaff) => view! {
                            <a class="button primary" href="/manage/courses">{t(Msg::NavManageCourses)}</a>
                        }.into_any(),
                        Some(Role::BureauAdmin | Role::BureauViewer) => view! {
                            <a class="button primary" href="/manage/dashboard">{t(Msg::NavDashboard)}</a>
                        }.into_any(),
                        None => view! {
                            <a class="button primary" href="/signup">{t(Msg::HomeCtaSignup)}</a>
                            <a class="button" href="/login">{t(Msg::HomeCtaLogin)}</a>
                        }.into_any(),
                    };
                    view! { <div class="hero-actions">{actions}</div> }
                })}
            </Suspense>
        </section>
        <Suspense>
            {move || Suspend::new(async move {
                // A list that cannot load is left out: the page is still worth reading.
                let open: Vec<CourseCard> = courses.await.map(|p| p.items).unwrap_or_default()
                    .into_iter().filter(|c| c.enrolling && !c.is_event()).take(SHOWN).collect();
                let lectures: Vec<CourseCard> = events.await.map(|p| p.items).unwrap_or_default()
                    .into_iter().take(SHOWN).collect();
                let running: Vec<PublicNotice> = notices.await.map(|n| n.notices).unwrap_or_default()
                    .into_iter().take(SHOWN).collect();
                view! {
                    <CourseShelf title=Msg::HomeOpenNow all="/courses?free_places=1" cards=open />
                    <CourseShelf title=Msg::HomeUpcomingEvents all="/courses?programme=lecture_salon" cards=lectures />
                    <NoticeShelf notices=running />
                }
            })}
        </Suspense>
        <h2>{t(Msg::HomeAbout)}</h2>
        <section class="card-grid">
            <div class="card stat">
                <span class="stat-value">"26"</span>
                <span class="stat-label">{t(Msg::HomeTownsCovered)}</span>
            </div>
            <div class="card">
                <h3>{t(Msg::HomeIndustries)}</h3>
                <p>{t(Msg::HomeIndustriesText)}</p>
            </div>
        </section>
        <section class="card-grid">
            <div class="card">
                <h3>{t(Msg::HomeForTrainees)}</h3>
                <p>{t(Msg::HomeForTraineesText)}</p>
            </div>
            <div class="card">
                <h3>{t(Msg::HomeForPartners)}</h3>
                <p>{t(Msg::HomeForPartnersText)}</p>
                <p><a href="/partners/apply">{t(Msg::ApplyTitle)}</a></p>
            </div>
            <div class="card">
                <h3>{t(Msg::HomeForBureau)}</h3>
                <p>{t(Msg::HomeForBureauText)}</p>
            </div>
        </section>
    }
}
