//! Form building blocks. Forms post to plain server routes and come back by redirect, so they
//! work with and without JavaScript; a failed submission returns to the form with each
//! field's message in the query string (message keys only) and the entered values (never
//! passwords) kept on the server for this one page load (see `domain::flash`), never in the URL.

use crate::ui::i18n::{use_locale, use_t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::i18n::Msg;

/// The values a failed submission sent, which the server put into this page's request (the
/// first of a repeated name is the first in the list).
#[derive(Clone, Debug, Default)]
pub struct FlashedValues(pub Vec<(String, String)>);

/// What a failed submission left: its messages in the URL, its values from the server.
#[derive(Clone, Default)]
pub struct FormState {
    query: leptos_router::params::ParamsMap,
    flashed: Option<FlashedValues>,
}

impl FormState {
    pub fn from_query() -> Self {
        #[cfg(feature = "ssr")]
        let flashed = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<FlashedValues>().cloned());
        #[cfg(not(feature = "ssr"))]
        let flashed = None;
        FormState {
            query: use_query_map().get_untracked(),
            flashed,
        }
    }

    /// A field's value as sent (kept by the server), or as the URL gives it (`next`, filters).
    pub fn value(&self, name: &str) -> Option<String> {
        self.flashed
            .as_ref()
            .and_then(|f| f.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
            .or_else(|| self.query.get(name))
    }

    /// Every value of a repeated field (checkbox groups).
    pub fn values(&self, name: &str) -> Vec<String> {
        match &self.flashed {
            Some(f) => {
                f.0.iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .collect()
            }
            None => self.query.get_all(name).unwrap_or_default(),
        }
    }

    /// Whether the page came back from a failed submission (so the form shows what was sent,
    /// not what is stored).
    pub fn came_back(&self) -> bool {
        (&self.query)
            .into_iter()
            .any(|(k, _)| k.starts_with("err_") || k == "error")
    }

    /// The message for one field (`?err_phone=ErrPhoneFormat`).
    pub fn field_error(&self, name: &str) -> Option<Msg> {
        self.query
            .get(&format!("err_{name}"))
            .and_then(|k| Msg::from_key(&k))
    }

    /// The form-level message (`?error=ErrBadCredentials&n=15`), in the page's language.
    pub fn form_error(&self) -> Option<String> {
        let msg = Msg::from_key(&self.query.get("error")?)?;
        let locale = use_locale();
        Some(
            match self.query.get("n").and_then(|n| n.parse::<u32>().ok()) {
                Some(n) => locale.fill(msg, n),
                None => locale.t(msg).to_string(),
            },
        )
    }

    pub fn notice(&self) -> Option<Msg> {
        self.query.get("notice").and_then(|k| Msg::from_key(&k))
    }
}

/// What a field's `aria-describedby` points at: its error if it has one, else its hint.
fn described_by(name: &str, has_error: bool, has_hint: bool) -> Option<String> {
    match (has_error, has_hint) {
        (true, _) => Some(format!("{name}-error")),
        (false, true) => Some(format!("{name}-hint")),
        _ => None,
    }
}

/// A labelled input with its hint and error. The error is tied to the input with
/// `aria-describedby`, so screen readers read it with the field.
#[component]
pub fn Field(
    name: &'static str,
    label: Msg,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = None)] value: Option<String>,
    #[prop(default = None)] error: Option<Msg>,
    #[prop(default = None)] hint: Option<Msg>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] disabled: bool,
    /// For number inputs: `"any"` or `"0.5"` to allow fractions.
    #[prop(optional)]
    step: Option<&'static str>,
) -> impl IntoView {
    let t = use_t();
    let (error_id, hint_id) = (format!("{name}-error"), format!("{name}-hint"));
    let described = described_by(name, error.is_some(), hint.is_some());
    view! {
        <div class="field" class:has-error=error.is_some()>
            <label for=name>{t(label)}</label>
            <input
                id=name
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                autofocus=autofocus
                disabled=disabled
                step=step
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{t(h)}</p> })}
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{t(e)}</p> })}
        </div>
    }
}

/// The message at the top of a form, announced to screen readers.
#[component]
pub fn FormError(message: Option<String>) -> impl IntoView {
    message.map(|m| view! { <div class="form-error" role="alert">{m}</div> })
}

/// A success or information notice after a redirect.
#[component]
pub fn Notice(notice: Option<Msg>) -> impl IntoView {
    let t = use_t();
    notice.map(|n| {
        let class = match n {
            Msg::NoticeSessionExpired | Msg::NoticeLoginRequired => "notice info",
            _ => "notice success",
        };
        view! { <div class=class role="status">{t(n)}</div> }
    })
}

/// A labelled `<select>`; `options` are (value, shown text) pairs, after a "please choose" line.
#[component]
pub fn SelectField(
    name: &'static str,
    label: Msg,
    options: Vec<(String, String)>,
    #[prop(default = None)] selected: Option<String>,
    #[prop(default = None)] error: Option<Msg>,
    #[prop(optional)] required: bool,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let t = use_t();
    let error_id = format!("{name}-error");
    view! {
        <div class="field" class:has-error=error.is_some()>
            <label for=name>{t(label)}</label>
            <select id=name name=name required=required disabled=disabled
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described_by(name, error.is_some(), false)>
                <option value="">{t(Msg::ChooseOne)}</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{t(e)}</p> })}
        </div>
    }
}

/// A filter's labelled `<select>`, whose empty choice means "all".
#[component]
pub fn FilterSelect(
    name: &'static str,
    label: Msg,
    options: Vec<(String, String)>,
    selected: String,
    #[prop(optional)] disabled: bool,
    #[prop(default = None)] error: Option<Msg>,
) -> AnyView {
    let t = use_t();
    let error_id = format!("{name}-error");
    view! {
        <div class="field" class:has-error=error.is_some()>
            <label for=name>{t(label)}</label>
            <select id=name name=name disabled=disabled
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described_by(name, error.is_some(), false)>
                <option value="">{t(Msg::FilterAll)}</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = selected == value;
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{t(e)}</p> })}
        </div>
    }
    .into_any()
}

/// A labelled multi-line text field. `id` (default: the name) tells apart fields of one name
/// in several forms on a page.
#[component]
pub fn TextArea(
    name: &'static str,
    label: Msg,
    #[prop(default = None)] value: Option<String>,
    #[prop(default = None)] error: Option<Msg>,
    #[prop(default = None)] hint: Option<Msg>,
    #[prop(optional)] disabled: bool,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let t = use_t();
    let id = id.unwrap_or_else(|| name.to_string());
    let (error_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
    let described = described_by(&id, error.is_some(), hint.is_some());
    view! {
        <div class="field" class:has-error=error.is_some()>
            <label for=id.clone()>{t(label)}</label>
            <textarea id=id name=name rows="6" disabled=disabled required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described>{value.unwrap_or_default()}</textarea>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{t(h)}</p> })}
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{t(e)}</p> })}
        </div>
    }
}

/// The message for a failed page load: log in, not allowed, not found, or what went wrong.
#[component]
pub fn LoadError(error: model::AppError) -> impl IntoView {
    use model::ErrorKind;
    let locale = use_locale();
    match error.kind {
        ErrorKind::Unauthenticated => view! { <crate::ui::pages::LoginRequired /> }.into_any(),
        ErrorKind::Forbidden => view! { <crate::ui::pages::Forbidden /> }.into_any(),
        ErrorKind::NotFound => view! { <crate::ui::pages::not_found::NotFoundPage /> }.into_any(),
        _ => view! { <div class="notice error" role="alert">{error.text(locale)}</div> }.into_any(),
    }
}
