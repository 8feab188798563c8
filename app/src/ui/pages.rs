pub mod account;
pub mod agreements;
pub mod attendance;
pub mod attendance_import;
pub mod bases;
pub mod catalogue;
pub mod certificates;
pub mod checkin;
pub mod courses;
pub mod dashboard;
pub mod enrolment;
pub mod events;
pub mod home;
pub mod hosts;
pub mod imports;
pub mod login;
pub mod messages;
pub mod not_found;
pub mod outcomes;
pub mod oversight;
pub mod partners;
pub mod placements;
pub mod rosters;
pub mod selections;
pub mod signup;
pub mod trainees;
pub mod users;

use crate::ui::encode_component;
use crate::ui::i18n::use_t;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use model::Role;
use model::i18n::Msg;

pub fn role_name(role: Role) -> Msg {
    match role {
        Role::Trainee => Msg::RoleTrainee,
        Role::PartnerStaff => Msg::RolePartnerStaff,
        Role::BureauAdmin => Msg::RoleBureauAdmin,
        Role::BureauViewer => Msg::RoleBureauViewer,
    }
}

/// Shown in place of a page that needs a login (full page loads are redirected by the
/// server before they get here; this covers navigation inside the app).
#[component]
pub fn LoginRequired() -> impl IntoView {
    let t = use_t();
    let location = use_location();
    let href = format!(
        "/login?next={}",
        encode_component(&location.pathname.get_untracked())
    );
    view! {
        <div class="notice info" role="status">
            {t(Msg::ErrLoginRequired)} " " <a href=href>{t(Msg::NavLogin)}</a>
        </div>
    }
}

/// Shown when the signed-in user's role may not see a page.
#[component]
pub fn Forbidden() -> impl IntoView {
    let t = use_t();
    view! { <div class="notice error" role="alert">{t(Msg::ErrForbidden)}</div> }
}
