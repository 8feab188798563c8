//! Yucai's web app: pages and components (`ui`) and server functions (`api`). Wire types and
//! texts live in the `model` crate, every rule, query and permission check in the server-only
//! `domain` crate; this crate only shows them.

pub mod api;
pub mod app;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod security;

pub use app::{App, shell};
#[cfg(feature = "ssr")]
pub use app::{stylesheet_href, stylesheet_href_known};

/// The browser entry point, exported to JavaScript by the `yucai-hydrate` crate. Pages are
/// server-rendered HTML that works without JavaScript (links and plain form posts); only
/// components marked `#[island]` are hydrated, so the download stays small as pages grow.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Marks the page as interactive (browser tests wait for it before using islands).
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
