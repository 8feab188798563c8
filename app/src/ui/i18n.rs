//! The translation layer's Leptos side: which locale this page is in.
//!
//! The server reads the language cookie; the browser reads `<html lang>`, which the server
//! wrote, so both render the same text and hydration matches. Switching language is a link
//! to `/lang/{code}` that sets the cookie and comes back, so it works without JavaScript.

use leptos::prelude::*;
use model::i18n::{Locale, Msg};

pub fn detect_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                let header = parts
                    .headers
                    .get(http::header::COOKIE)?
                    .to_str()
                    .ok()?
                    .to_string();
                Locale::from_cookie_header(&header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .map(|lang| Locale::from_code(&lang))
            .unwrap_or_default()
    }
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Shorthand for components: `let t = use_t(); t(Msg::NavHome)`.
pub fn use_t() -> impl Fn(Msg) -> &'static str + Copy {
    let locale = use_locale();
    move |msg| locale.t(msg)
}
