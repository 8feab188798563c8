use crate::ui::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;
use model::i18n::Msg;

/// Rendered for any path without a route; the server answers it with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_t();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t(Msg::NotFoundTitle) />
        <section class="error-page">
            <p class="error-code">"404"</p>
            <h1>{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFoundText)}</p>
            <a class="button primary" href="/">{t(Msg::BackHome)}</a>
        </section>
    }
}
