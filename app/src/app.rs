//! The HTML shell, the root component and the route table.

use crate::api::accounts::current_user;
use crate::ui::CurrentUser;
use crate::ui::components::layout::{Footer, Header};
use crate::ui::i18n::{detect_locale, use_locale};
use crate::ui::pages::agreements::AgreementsPage;
use crate::ui::pages::attendance::{AttendancePage, CompletionPage};
use crate::ui::pages::attendance_import::{
    AttendanceImportPage, AttendanceImportPreviewPage, AttendanceOverviewPage,
};
use crate::ui::pages::bases::{BaseKpisPage, BaseReportPage};
use crate::ui::pages::catalogue::{CataloguePage, CoursePage};
use crate::ui::pages::certificates::{CertificatesPage, VerifyCodePage, VerifyPage};
use crate::ui::pages::checkin::{CheckinPage, CheckinScreenPage};
use crate::ui::pages::courses::{CourseEditorPage, ManagedCoursesPage, NewCoursePage};
use crate::ui::pages::dashboard::{
    DashboardPage, DashboardPrintPage, FigurePeoplePage, TargetsPage,
};
use crate::ui::pages::enrolment::LearningPage;
use crate::ui::pages::events::{RegistrationsPage, TicketPage};
use crate::ui::pages::hosts::{HostPage, HostsPage, MyHostPage};
use crate::ui::pages::imports::{ImportPage, ImportsPage};
use crate::ui::pages::messages::{InboxPage, MessagePage, OutboxPage};
use crate::ui::pages::outcomes::{
    FollowUpsPage, MyOutcomesPage, MyRecordPage, PeoplePage, PersonPage,
};
use crate::ui::pages::oversight::{AuditLogPage, SubsidiesPage};
use crate::ui::pages::partners::{PartnerApplyPage, PartnerPage, PartnersPage};
use crate::ui::pages::placements::{
    ManagedPlacePage, ManagedPlacesPage, MyApplicationsPage, PlacePage, PlacementsPage, PlacesPage,
};
use crate::ui::pages::rosters::RosterPage;
use crate::ui::pages::selections::{NoticePage, NoticesPage, SelectionPage, SelectionsPage};
use crate::ui::pages::trainees::ProfilePage;
use crate::ui::pages::{
    account::AccountPage, home::HomePage, login::ActivatePage, login::LoginPage, login::ResetPage,
    not_found::NotFoundPage,
};
use crate::ui::pages::{signup::SignupPage, users::UsersPage};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use model::i18n::Msg;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = detect_locale();
    #[cfg(feature = "ssr")]
    crate::security::send_policy_with_nonce();
    #[cfg(feature = "ssr")]
    let stylesheet = stylesheet_href(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "/pkg/yucai.css";
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5cad" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link id="leptos" rel="stylesheet" href=stylesheet />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[cfg(feature = "ssr")]
static STYLESHEET: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The stylesheet's address. When the site was built with hashed file names (cargo-leptos
/// writes their hashes to `hash.txt` beside the server binary) it is `/pkg/yucai.<hash>.css`,
/// which browsers may keep for a year; read once per process.
#[cfg(feature = "ssr")]
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    STYLESHEET.get_or_init(|| {
        let name = &options.output_name;
        let hash = options
            .hash_files
            .then(|| std::env::current_exe().ok())
            .flatten()
            .and_then(|exe| {
                std::fs::read_to_string(exe.with_file_name(options.hash_file.as_ref())).ok()
            })
            .and_then(|text| {
                text.lines().find_map(|line| {
                    let (file, hash) = line.split_once(':')?;
                    (file.trim() == "css").then(|| hash.trim().to_string())
                })
            });
        match hash {
            Some(hash) => format!("/{}/{name}.{hash}.css", options.site_pkg_dir),
            None => format!("/{}/{name}.css", options.site_pkg_dir),
        }
    })
}

/// The stylesheet's address as [`stylesheet_href`] found it (for pages drawn outside Leptos,
/// such as error pages), or the unhashed one before any page was drawn.
#[cfg(feature = "ssr")]
pub fn stylesheet_href_known() -> &'static str {
    STYLESHEET.get().map_or("/pkg/yucai.css", String::as_str)
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = detect_locale();
    provide_context(locale);
    // Blocking, so the header is in the first bytes and works without JavaScript.
    let me = Resource::new_blocking(|| (), |_| current_user());
    provide_context(CurrentUser(me));

    view! {
        // The app's name is the title's floor: a page's own title goes on top of it, and should
        // the page's not reach the head in time (leptos_meta takes what the first chunk
        // holds), the document still has a title.
        <Title text="" formatter=move |page: String| {
            let app = use_locale().t(Msg::AppName);
            if page.is_empty() { app.to_string() } else { format!("{page} · {app}") }
        } />
        <Router>
            <a class="skip-link" href="#main">{locale.t(Msg::SkipToContent)}</a>
            <Header />
            <main class="page" id="main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=SsrMode::InOrder />
                    <Route path=path!("/courses") view=CataloguePage ssr=SsrMode::InOrder />
                    <Route path=path!("/courses/:id") view=CoursePage ssr=SsrMode::InOrder />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::InOrder />
                    <Route path=path!("/signup") view=SignupPage ssr=SsrMode::InOrder />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::InOrder />
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::InOrder />
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::InOrder />
                    <Route path=path!("/learning") view=LearningPage ssr=SsrMode::InOrder />
                    <Route path=path!("/partners/apply") view=PartnerApplyPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/partners") view=PartnersPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/partners/:id") view=PartnerPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/agreements") view=AgreementsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses") view=ManagedCoursesPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/new") view=NewCoursePage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id") view=CourseEditorPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/roster") view=RosterPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/attendance") view=AttendancePage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/attendance/overview") view=AttendanceOverviewPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/attendance/import") view=AttendanceImportPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/attendance/imports/:import") view=AttendanceImportPreviewPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/completion") view=CompletionPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/certificates") view=CertificatesPage ssr=SsrMode::InOrder />
                    <Route path=path!("/verify") view=VerifyPage ssr=SsrMode::InOrder />
                    <Route path=path!("/verify/:code") view=VerifyCodePage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/sessions/:session/checkin") view=CheckinScreenPage ssr=SsrMode::InOrder />
                    <Route path=path!("/checkin/:session/:code") view=CheckinPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/imports") view=ImportsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/imports/:id") view=ImportPage ssr=SsrMode::InOrder />
                    <Route path=path!("/activate") view=ActivatePage ssr=SsrMode::InOrder />
                    <Route path=path!("/reset") view=ResetPage ssr=SsrMode::InOrder />
                    <Route path=path!("/places") view=PlacesPage ssr=SsrMode::InOrder />
                    <Route path=path!("/places/:id") view=PlacePage ssr=SsrMode::InOrder />
                    <Route path=path!("/applications") view=MyApplicationsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/places") view=ManagedPlacesPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/places/:id") view=ManagedPlacePage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/placements") view=PlacementsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/outcomes") view=MyOutcomesPage ssr=SsrMode::InOrder />
                    <Route path=path!("/record") view=MyRecordPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/people") view=PeoplePage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/people/:id") view=PersonPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/follow-ups") view=FollowUpsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/bases") view=BaseKpisPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/dashboard") view=DashboardPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/dashboard/people") view=FigurePeoplePage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/dashboard/print") view=DashboardPrintPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/targets") view=TargetsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/audit") view=AuditLogPage ssr=SsrMode::InOrder />
                    <Route path=path!("/messages") view=InboxPage ssr=SsrMode::InOrder />
                    <Route path=path!("/messages/:id") view=MessagePage ssr=SsrMode::InOrder />
                    <Route path=path!("/admin/messages") view=OutboxPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/subsidies") view=SubsidiesPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/bases/:id") view=BaseReportPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/selections") view=SelectionsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/selections/:id") view=SelectionPage ssr=SsrMode::InOrder />
                    <Route path=path!("/notices") view=NoticesPage ssr=SsrMode::InOrder />
                    <Route path=path!("/notices/:id") view=NoticePage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/hosts") view=HostsPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/hosts/:id") view=HostPage ssr=SsrMode::InOrder />
                    <Route path=path!("/host") view=MyHostPage ssr=SsrMode::InOrder />
                    <Route path=path!("/tickets/:code") view=TicketPage ssr=SsrMode::InOrder />
                    <Route path=path!("/manage/courses/:id/registrations") view=RegistrationsPage ssr=SsrMode::InOrder />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
