//! Messages: the signed-in user's inbox (`/messages`, `/messages/:id`) and the bureau's outbox
//! (`/admin/messages`). Plain links and form posts, so they work without JavaScript.

use crate::api::messages::{get_inbox, get_outbox, open_message};
use crate::ui::components::form::{Field, FilterSelect, FormState, LoadError, Notice};
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::i18n::Msg;
use model::messages::{
    Inbox, MessageChannel, MessageStatus, MessageTemplate, OutboxPage, OutboxQuery, OutboxRow,
};

fn page_param() -> Option<u64> {
    use_query_map().with_untracked(|q| q.get("page").and_then(|p| p.parse::<u64>().ok()))
}

#[component]
fn InboxList(inbox: Inbox) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    if inbox.messages.is_empty() {
        return view! { <p class="muted" id="inbox-empty">{t(Msg::InboxNone)}</p> }.into_any();
    }
    let unread = inbox.unread;
    let items: Vec<AnyView> = inbox
        .messages
        .into_iter()
        .map(|m| {
            let class = if m.read { "inbox-item" } else { "inbox-item unread" };
            view! {
                <li class=class>
                    <a href=format!("/messages/{}", m.id)>
                        <span class="inbox-title">
                            {(!m.read).then(|| view! { <span class="tag">{t(Msg::InboxUnread)}</span> " " })}
                            {m.title}
                        </span>
                        <span class="inbox-text">{m.text}</span>
                        <time class="muted">{m.at}</time>
                    </a>
                </li>
            }
            .into_any()
        })
        .collect();
    let (page, total, per_page) = (inbox.page, inbox.total, inbox.per_page);
    view! {
        {(unread > 0).then(|| view! {
            <p class="lead" id="inbox-unread">{locale.fill(Msg::UnreadCount, unread)}</p>
            <form method="post" action="/messages/read" class="actions">
                <button class="button" type="submit">{t(Msg::InboxMarkAllRead)}</button>
            </form>
        })}
        <ul class="inbox" id="inbox">{items}</ul>
        <Pager page total per_page link=|n| format!("/messages?page={n}") />
    }
    .into_any()
}

/// `/messages?page=`: the signed-in user's messages, newest first.
#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let data = Resource::new_blocking(page_param, move |page| get_inbox(page, locale));
    view! {
        <Title text=t(Msg::InboxTitle) />
        <h1>{t(Msg::InboxTitle)}</h1>
        <p class="lead">{t(Msg::InboxLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(inbox) => view! { <InboxList inbox /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/messages/:id`: one message, marked read by opening it.
#[component]
pub fn MessagePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let data = Resource::new_blocking(|| id_param("id"), move |id| open_message(id, locale));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <Title text=t(Msg::MessageTitle) /><LoadError error=e /> }.into_any(),
                    Ok(m) => view! {
                        <Title text=m.title.clone() />
                        <h1>{m.title}</h1>
                        <p class="muted"><time>{m.at}</time></p>
                        <p class="message-text" id="message-text">{m.text}</p>
                        <p><a href="/messages">{t(Msg::InboxBack)}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

// ---- the outbox -----------------------------------------------------------------------------

#[component]
fn OutboxFilters(p: OutboxPage) -> AnyView {
    let t = use_t();
    let q = p.query.clone();
    let err = |field: &str| {
        p.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message)
    };
    let statuses: Vec<(String, String)> = MessageStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), t(s.label()).to_string()))
        .collect();
    let templates: Vec<(String, String)> = MessageTemplate::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), t(s.label()).to_string()))
        .collect();
    view! {
        <form class="filter-form" method="get" action="/admin/messages">
            <FilterSelect name="status" label=Msg::OutboxColStatus options=statuses selected=q.status.clone() error=err("status") />
            <FilterSelect name="template" label=Msg::FieldTemplate options=templates selected=q.template.clone() error=err("template") />
            <Field name="phone" label=Msg::OutboxColPhone value=Some(q.phone.clone()) error=err("phone") inputmode="numeric" />
            <Field name="from" label=Msg::AuditFilterFrom kind="date" value=Some(q.from.clone()) error=err("from") />
            <Field name="to" label=Msg::AuditFilterTo kind="date" value=Some(q.to.clone()) error=err("to") />
            <button class="button primary" type="submit">{t(Msg::AuditSearch)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn OutboxEntry(r: OutboxRow) -> AnyView {
    let t = use_t();
    let failed = r.status == MessageStatus::Failed;
    let id = r.id;
    view! {
        <tr>
            <td>{r.at}</td>
            <td>{t(r.channel.label())}</td>
            <td>{t(r.template.label())}</td>
            <td>{r.phone.unwrap_or_default()}</td>
            <td class="outbox-text">{r.text}</td>
            <td>
                {t(r.status.label())}
                {r.last_error.map(|e| view! { <br /><span class="muted">{e}</span> })}
            </td>
            <td class="num">{r.attempts}</td>
            <td class="num">{(r.channel == MessageChannel::Sms).then_some(r.segments)}</td>
            <td>
                {failed.then(|| view! {
                    <form method="post" action=format!("/admin/messages/{id}/retry")>
                        <button class="button" type="submit">{t(Msg::OutboxRetry)}</button>
                    </form>
                })}
            </td>
        </tr>
    }
    .into_any()
}

#[component]
fn OutboxBody(p: OutboxPage) -> AnyView {
    let t = use_t();
    let locale = use_locale();
    let failed = !p.errors.is_empty();
    let params = p.query.to_params();
    let filters = view! { <OutboxFilters p=p.clone() /> }.into_any();
    if failed {
        return filters;
    }
    let days: Vec<AnyView> = p
        .days
        .iter()
        .map(|d| {
            view! {
                <tr>
                    <td>{d.day.clone()}</td>
                    <td class="num">{d.messages}</td>
                    <td class="num">{d.sms}</td>
                    <td class="num">{d.segments}</td>
                    <td class="num">{d.failed}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    let link = move |n: u64| {
        let sep = if params.is_empty() { "" } else { "&" };
        format!("/admin/messages?{params}{sep}page={n}")
    };
    let (page, total, per_page) = (p.page, p.total, p.per_page);
    let rows: Vec<AnyView> = p
        .rows
        .into_iter()
        .map(|r| view! { <OutboxEntry r /> }.into_any())
        .collect();
    view! {
        {filters}
        {(!days.is_empty()).then(|| view! {
            <h2>{t(Msg::OutboxDays)}</h2>
            <div class="table-wrap" tabindex="0">
                <table class="data" id="outbox-days">
                    <thead><tr>
                        <th scope="col">{t(Msg::OutboxColDay)}</th>
                        <th scope="col">{t(Msg::OutboxColMessages)}</th>
                        <th scope="col">{t(Msg::OutboxColSms)}</th>
                        <th scope="col">{t(Msg::OutboxColSegments)}</th>
                        <th scope="col">{t(Msg::OutboxColFailed)}</th>
                    </tr></thead>
                    <tbody>{days}</tbody>
                </table>
            </div>
        })}
        <p class="lead" id="outbox-found">{locale.fill(Msg::OutboxFound, total)}</p>
        {if total == 0 {
            view! { <p class="muted">{t(Msg::OutboxNone)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0">
                    <table class="data" id="outbox">
                        <thead><tr>
                            <th scope="col">{t(Msg::OutboxColTime)}</th>
                            <th scope="col">{t(Msg::OutboxColChannel)}</th>
                            <th scope="col">{t(Msg::OutboxColTemplate)}</th>
                            <th scope="col">{t(Msg::OutboxColPhone)}</th>
                            <th scope="col">{t(Msg::OutboxColText)}</th>
                            <th scope="col">{t(Msg::OutboxColStatus)}</th>
                            <th scope="col">{t(Msg::OutboxColAttempts)}</th>
                            <th scope="col">{t(Msg::OutboxColSegments)}</th>
                            <th scope="col"><span class="visually-hidden">{t(Msg::OutboxRetry)}</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <Pager page total per_page link />
            }.into_any()
        }}
    }
    .into_any()
}

/// `/admin/messages?status=&template=&phone=&from=&to=&page=`
#[component]
pub fn OutboxPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let args = move || {
        use_query_map().with_untracked(|q| {
            (
                OutboxQuery::from_params(|k| q.get(k)),
                q.get("page").and_then(|p| p.parse::<u64>().ok()),
            )
        })
    };
    let data = Resource::new_blocking(args, |(q, page)| get_outbox(q, page));
    view! {
        <Title text=t(Msg::OutboxTitle) />
        <h1>{t(Msg::OutboxTitle)}</h1>
        <p class="lead">{t(Msg::OutboxLead)}</p>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(p) => view! { <OutboxBody p /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
