//! Pages and components, compiled for both the server and the browser.

pub mod components;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use model::AppError;
use model::accounts::SessionUser;

/// The signed-in user (or none), loaded once per page by [`crate::App`].
#[derive(Clone, Copy)]
pub struct CurrentUser(pub Resource<Result<Option<SessionUser>, AppError>>);

pub fn use_current_user() -> CurrentUser {
    expect_context::<CurrentUser>()
}

/// A numeric route parameter (`:id`) as the page was opened with; 0 when it is not a number
/// (the server then answers "not found").
pub fn id_param(name: &'static str) -> i32 {
    leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get(name).and_then(|v| v.parse().ok()).unwrap_or(0))
}

pub use model::form::encode_component;

/// A `next` target is followed only when it is a path on this site (not `//evil.example`).
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => n,
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_targets_stay_on_this_site() {
        assert_eq!(safe_next(Some("/account".into())), "/account");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(encode_component("/a?b=c&d"), "%2Fa%3Fb%3Dc%26d");
    }
}
