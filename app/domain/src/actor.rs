//! Who is asking: resolved once per request from the session cookie (or bearer token) and
//! passed to every domain call.

use model::Role;

/// A signed-in user, as far as permissions need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthUser {
    pub id: i32,
    pub phone: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub town_id: Option<i32>,
    /// A partner admin, who may add staff to their organisation.
    pub org_admin: bool,
    /// A bureau viewer who may run honour selections.
    pub runs_selections: bool,
    /// The session this request came with, so logging out ends exactly it.
    pub session_id: i32,
}

impl AuthUser {
    /// `user` signed in with session `session_id` (0 outside any request).
    pub(crate) fn of(user: &crate::entities::users::Model, session_id: i32) -> Self {
        AuthUser {
            id: user.id,
            phone: user.phone.clone(),
            display_name: user.display_name.clone(),
            role: *user.role,
            organisation_id: user.organisation_id,
            town_id: user.town_id,
            org_admin: user.org_admin,
            runs_selections: user.runs_selections,
            session_id,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<AuthUser>,
    /// The client address, for throttling and the audit log.
    pub ip: Option<String>,
    /// The request carried a session cookie that has expired or was ended.
    pub session_expired: bool,
    /// A check-in code this browser scanned while it was current (see
    /// [`crate::checkin::scan_pass`]), so it stays good through the login it led to.
    pub scan_pass: Option<String>,
}

impl Actor {
    pub fn anonymous() -> Self {
        Actor::default()
    }

    /// `user` acting outside any request (no session, no address): the CLI, the demo seed and
    /// the benchmarks.
    pub fn acting_as(user: &crate::entities::users::Model) -> Self {
        Actor {
            user: Some(AuthUser::of(user, 0)),
            ..Actor::default()
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    pub fn user_id(&self) -> Option<i32> {
        self.user.as_ref().map(|u| u.id)
    }

    /// The partner organisation of a partner staff member.
    pub fn organisation_id(&self) -> Option<i32> {
        self.user
            .as_ref()
            .filter(|u| u.role == Role::PartnerStaff)
            .and_then(|u| u.organisation_id)
    }
}
