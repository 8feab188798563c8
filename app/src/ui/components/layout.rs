//! The header (brand, navigation by role, language switch, account tools) and footer.
//!
//! Navigation is grouped by what each role does, the most used first: on a desktop a few
//! direct links and a drop-down per group; on a phone one menu button that opens every group
//! as a list. Both are plain `<details>` elements, so they work without JavaScript. The two
//! are rendered from the same list ([`nav_for`]) and CSS shows the one that fits the screen.

use crate::ui::i18n::{use_locale, use_t};
use crate::ui::{encode_component, use_current_user};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use model::Role;
use model::accounts::SessionUser;
use model::i18n::Msg;

/// One entry of the navigation.
#[derive(Clone)]
struct NavItem {
    href: String,
    label: Msg,
}

/// A direct link, or a named group of links (a drop-down on desktops).
#[derive(Clone)]
enum NavEntry {
    Link(NavItem),
    Group(Msg, Vec<NavItem>),
}

fn item(href: impl Into<String>, label: Msg) -> NavItem {
    NavItem {
        href: href.into(),
        label,
    }
}

fn link(href: impl Into<String>, label: Msg) -> NavEntry {
    NavEntry::Link(item(href, label))
}

/// What a role's navigation holds, in the order it is shown.
fn nav_for(user: Option<&SessionUser>) -> Vec<NavEntry> {
    let role = user.map(|u| u.role);
    let is_admin = role == Some(Role::BureauAdmin);
    match (role, user.and_then(|u| u.organisation_id)) {
        (None, _) => vec![
            link("/", Msg::NavHome),
            link("/courses", Msg::NavCourses),
            link("/places", Msg::NavPlaces),
            link("/notices", Msg::NavNotices),
        ],
        (Some(Role::Trainee), _) => vec![
            link("/learning", Msg::NavLearning),
            link("/courses", Msg::NavCourses),
            link("/profile", Msg::NavProfile),
            NavEntry::Group(
                Msg::NavGroupCareer,
                vec![
                    item("/places", Msg::NavPlaces),
                    item("/applications", Msg::NavApplications),
                    item("/outcomes", Msg::NavOutcomes),
                    item("/host", Msg::NavMyHost),
                    item("/manage/selections", Msg::NavSelections),
                ],
            ),
        ],
        (Some(Role::PartnerStaff), org) => {
            let mut entries = Vec::new();
            if let Some(org) = org {
                entries.push(link(
                    format!("/manage/partners/{org}"),
                    Msg::NavMyOrganisation,
                ));
            }
            entries.push(NavEntry::Group(
                Msg::NavGroupTraining,
                vec![
                    item("/manage/courses", Msg::NavManageCourses),
                    item("/manage/imports", Msg::NavImport),
                    item("/manage/people", Msg::NavPeople),
                    item("/manage/subsidies", Msg::NavSubsidies),
                    item("/courses", Msg::NavCourses),
                ],
            ));
            entries.push(NavEntry::Group(
                Msg::NavGroupCareer,
                vec![
                    item("/manage/agreements", Msg::NavAgreements),
                    item("/manage/places", Msg::NavManagePlaces),
                    item("/manage/hosts", Msg::NavHosts),
                    item("/manage/selections", Msg::NavSelections),
                ],
            ));
            entries
        }
        (Some(Role::BureauAdmin | Role::BureauViewer), _) => {
            // A viewer limited to one town sees only what is narrowed to it.
            let city_wide = is_admin || user.is_some_and(|u| u.town_id.is_none());
            let mut training = vec![
                item("/manage/courses", Msg::NavManageCourses),
                item("/manage/partners", Msg::NavPartners),
            ];
            if is_admin {
                training.push(item("/manage/imports", Msg::NavImport));
            }
            training.push(item("/courses", Msg::NavCourses));
            let mut career = vec![
                item("/manage/people", Msg::NavPeople),
                item("/manage/follow-ups", Msg::NavFollowUps),
                item("/manage/agreements", Msg::NavAgreements),
                item("/manage/places", Msg::NavManagePlaces),
            ];
            if city_wide {
                career.push(item("/manage/bases", Msg::NavBaseKpis));
            }
            career.push(item("/manage/hosts", Msg::NavHosts));
            let mut oversight = Vec::new();
            if city_wide {
                oversight.push(item("/manage/subsidies", Msg::NavSubsidies));
                oversight.push(item("/manage/selections", Msg::NavSelections));
            }
            if is_admin {
                oversight.push(item("/manage/audit", Msg::NavAudit));
                oversight.push(item("/admin/messages", Msg::NavOutbox));
                oversight.push(item("/admin/users", Msg::NavUsers));
            }
            let mut entries = vec![
                link("/manage/dashboard", Msg::NavDashboard),
                NavEntry::Group(Msg::NavGroupTraining, training),
                NavEntry::Group(Msg::NavGroupCareer, career),
            ];
            if !oversight.is_empty() {
                entries.push(NavEntry::Group(Msg::NavGroupOversight, oversight));
            }
            entries
        }
    }
}

/// Whether `href` is the page at `path` (or a page under it).
fn is_current(href: &str, path: &str) -> bool {
    if href == "/" {
        path == "/"
    } else {
        path == href || path.starts_with(&format!("{href}/"))
    }
}

#[component]
fn NavLink(item: NavItem) -> impl IntoView {
    let t = use_t();
    let location = use_location();
    let href = item.href.clone();
    let current = move || is_current(&href, &location.pathname.get()).then_some("page");
    view! { <a href=item.href aria-current=current>{t(item.label)}</a> }
}

/// The desktop navigation: direct links and a drop-down per group.
#[component]
fn DesktopNav(entries: Vec<NavEntry>) -> impl IntoView {
    let t = use_t();
    let location = use_location();
    view! {
        <nav class="main-nav" aria-label=t(Msg::MainNavigation)>
            {entries.into_iter().map(|entry| match entry {
                NavEntry::Link(item) => view! { <NavLink item /> }.into_any(),
                NavEntry::Group(label, items) => {
                    let hrefs: Vec<String> = items.iter().map(|i| i.href.clone()).collect();
                    let here = move || {
                        let path = location.pathname.get();
                        hrefs.iter().any(|h| is_current(h, &path)).then_some("true")
                    };
                    view! {
                        <details class="nav-group" name="nav-group">
                            <summary data-current=here>{t(label)}</summary>
                            <ul class="nav-dropdown">
                                {items.into_iter().map(|item| view! { <li><NavLink item /></li> }).collect_view()}
                            </ul>
                        </details>
                    }.into_any()
                }
            }).collect_view()}
        </nav>
    }
}

/// The phone navigation: one menu button; the menu lists every group, then the account.
#[component]
fn PhoneMenu(entries: Vec<NavEntry>, user: Option<SessionUser>) -> impl IntoView {
    let t = use_t();
    let (direct, groups): (Vec<NavEntry>, Vec<NavEntry>) = entries
        .into_iter()
        .partition(|e| matches!(e, NavEntry::Link(_)));
    view! {
        <details class="nav-menu">
            <summary class="nav-toggle">
                <span class="nav-toggle-icon" aria-hidden="true"></span>
                {t(Msg::NavMenu)}
            </summary>
            <nav class="menu-nav" aria-label=t(Msg::MainNavigation)>
                <ul class="menu-links">
                    {direct.into_iter().filter_map(|e| match e {
                        NavEntry::Link(item) => Some(view! { <li><NavLink item /></li> }),
                        NavEntry::Group(..) => None,
                    }).collect_view()}
                </ul>
                {groups.into_iter().filter_map(|e| match e {
                    NavEntry::Group(label, items) => Some(view! {
                        <p class="menu-heading">{t(label)}</p>
                        <ul class="menu-links">
                            {items.into_iter().map(|item| view! { <li><NavLink item /></li> }).collect_view()}
                        </ul>
                    }),
                    NavEntry::Link(_) => None,
                }).collect_view()}
                {user.map(|user| view! {
                    <p class="menu-heading">{user.display_name.clone().unwrap_or(user.phone_masked.clone())}</p>
                    <ul class="menu-links">
                        <li><NavLink item=item("/messages", Msg::InboxTitle) /></li>
                        <li><NavLink item=item("/account", Msg::NavAccount) /></li>
                    </ul>
                    <form class="logout-form" method="post" action="/logout">
                        <button class="button" type="submit">{t(Msg::NavLogout)}</button>
                    </form>
                })}
            </nav>
        </details>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let me = use_current_user().0;
    let location = use_location();
    let switch_href = move || {
        // The router gives the query without its "?".
        let search = location.search.get();
        let here = match search.strip_prefix('?').unwrap_or(&search) {
            "" => location.pathname.get(),
            query => format!("{}?{query}", location.pathname.get()),
        };
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
                    let entries = nav_for(user.as_ref());
                    view! {
                        <DesktopNav entries=entries.clone() />
                        <div class="header-tools">
                            <a class="lang-switch" rel="external" href=switch_href title=t(Msg::SwitchLanguage)
                                lang=locale.other().code()>
                                {locale.other().t(Msg::LanguageName)}
                            </a>
                            {match user.clone() {
                                Some(user) => {
                                    let shown = user.display_name.clone().unwrap_or(user.phone_masked.clone());
                                    let unread = user.unread_messages;
                                    let has_unread = unread > 0;
                                    let inbox_label = if unread > 0 {
                                        format!("{} ({})", t(Msg::NavMessages), locale.fill(Msg::UnreadCount, unread))
                                    } else {
                                        t(Msg::NavMessages).to_string()
                                    };
                                    view! {
                                        <a class="inbox-link" class:has-unread=has_unread href="/messages" aria-label=inbox_label>
                                            <span class="inbox-text">{t(Msg::NavMessages)}</span>
                                            {(unread > 0).then(|| view! {
                                                <span class="unread-badge" aria-hidden="true">{if unread > 99 { "99+".to_string() } else { unread.to_string() }}</span>
                                            })}
                                        </a>
                                        <a class="account-link" href="/account"
                                            aria-label=format!("{} {shown}", t(Msg::NavAccount))>
                                            <span class="user-name">{shown.clone()}</span>
                                        </a>
                                        <form class="logout-form" method="post" action="/logout">
                                            <button class="link-button" type="submit">{t(Msg::NavLogout)}</button>
                                        </form>
                                    }.into_any()
                                }
                                None => view! {
                                    <a class="login-link" href="/login">{t(Msg::NavLogin)}</a>
                                    <a class="button primary" href="/signup">{t(Msg::NavSignup)}</a>
                                }.into_any(),
                            }}
                            <PhoneMenu entries user />
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
            <p class="footer-links"><a href="/verify">{t(Msg::NavVerify)}</a><a href="/notices">{t(Msg::NavNotices)}</a></p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, town: Option<i32>) -> SessionUser {
        SessionUser {
            id: 1,
            role,
            phone_masked: "138****0001".into(),
            display_name: None,
            organisation_id: (role == Role::PartnerStaff).then_some(7),
            town_id: town,
            unread_messages: 0,
        }
    }

    fn hrefs(entries: &[NavEntry]) -> Vec<String> {
        entries
            .iter()
            .flat_map(|e| match e {
                NavEntry::Link(i) => vec![i.href.clone()],
                NavEntry::Group(_, items) => items.iter().map(|i| i.href.clone()).collect(),
            })
            .collect()
    }

    #[test]
    fn each_role_reaches_its_pages_and_the_trainee_starts_with_learning() {
        let trainee = nav_for(Some(&user(Role::Trainee, None)));
        assert_eq!(hrefs(&trainee)[..3], ["/learning", "/courses", "/profile"]);
        let admin = hrefs(&nav_for(Some(&user(Role::BureauAdmin, None))));
        for page in [
            "/manage/audit",
            "/admin/users",
            "/manage/subsidies",
            "/manage/dashboard",
        ] {
            assert!(admin.iter().any(|h| h == page), "{page}");
        }
        let town = hrefs(&nav_for(Some(&user(Role::BureauViewer, Some(3)))));
        assert!(
            !town
                .iter()
                .any(|h| h == "/manage/subsidies" || h == "/admin/users")
        );
        let staff = hrefs(&nav_for(Some(&user(Role::PartnerStaff, None))));
        assert_eq!(staff[0], "/manage/partners/7");
        let anonymous = hrefs(&nav_for(None));
        assert!(anonymous.iter().all(|h| !h.starts_with("/manage")));
        // Every entry appears once.
        for list in [&admin, &town, &staff] {
            let mut sorted = list.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len());
        }
    }

    #[test]
    fn the_current_page_is_the_link_or_below_it() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/courses"));
        assert!(is_current("/manage/courses", "/manage/courses/3/roster"));
        assert!(!is_current("/manage/courses", "/manage/coursesx"));
    }
}
