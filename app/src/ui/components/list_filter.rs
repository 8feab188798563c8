//! The filter above a management list (status and words) and the URL state behind it. A GET
//! form, so filtering works without JavaScript and every filtered list has its own address.

use crate::ui::encode_component;
use crate::ui::i18n::use_t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::i18n::Msg;

/// A list's filter as it stands in the URL (`?status=pending&q=学院&page=2`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListParams {
    pub status: String,
    pub q: String,
    pub page: u64,
}

impl ListParams {
    /// The URL of page `n` of the same list under `base`.
    pub fn link(&self, base: &str, n: u64) -> String {
        format!(
            "{base}?status={}&q={}&page={n}",
            encode_component(&self.status),
            encode_component(&self.q)
        )
    }
}

/// The current page's list parameters, following the URL.
pub fn use_list_params() -> Memo<ListParams> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| ListParams {
            status: q.get("status").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    })
}

/// `statuses` are (code, shown text) pairs.
#[component]
pub fn ListFilter(
    action: &'static str,
    statuses: Vec<(String, String)>,
    params: ListParams,
    q_label: Msg,
) -> impl IntoView {
    let t = use_t();
    view! {
        <form class="card filter-form" method="get" action=action role="search">
            <div class="field">
                <label for="status">{t(Msg::ColStatus)}</label>
                <select id="status" name="status">
                    <option value="">{t(Msg::FilterAny)}</option>
                    {statuses.into_iter().map(|(code, text)| {
                        let selected = code == params.status;
                        view! { <option value=code selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field filter-q">
                <label for="q">{t(q_label)}</label>
                <input id="q" name="q" type="search" value=params.q.clone() />
            </div>
            <div class="filter-actions">
                <button class="button primary" type="submit">{t(Msg::FilterApply)}</button>
            </div>
        </form>
    }
}
