use leptos::prelude::*;
use model::AppError;
use model::accounts::{SessionUser, UserPage};

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "accounts/current_user")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::api::context::{actor, services};
    let Some(user) = actor().user else {
        return Ok(None);
    };
    let mut me = domain::accounts::session_user(&user);
    me.unread_messages = domain::messages::unread_count(&services()?.db, user.id).await?;
    Ok(Some(me))
}

/// One page of user accounts for bureau admins, optionally filtered by phone digits.
#[server(endpoint = "accounts/list_users")]
pub async fn list_users(query: String, page: u64) -> Result<UserPage, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::accounts::list_users(&svc.db, &actor(), &query, page).await?)
}
