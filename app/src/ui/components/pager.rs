//! Previous / next links and "page n / m" under a paged list.

use crate::ui::i18n::use_t;
use leptos::prelude::*;
use model::i18n::Msg;

/// `link(n)` is the URL of page `n` (counted from 1).
#[component]
pub fn Pager(
    page: u64,
    total: u64,
    per_page: u64,
    link: impl Fn(u64) -> String + 'static,
) -> impl IntoView {
    let t = use_t();
    let pages = total.div_ceil(per_page.max(1)).max(1);
    view! {
        <nav class="pager">
            {(page > 1).then(|| view! { <a class="button" href=link(page - 1)>{t(Msg::PrevPage)}</a> })}
            <span class="muted">{format!("{page} / {pages}")}</span>
            {(page < pages).then(|| view! { <a class="button" href=link(page + 1)>{t(Msg::NextPage)}</a> })}
        </nav>
    }
}
