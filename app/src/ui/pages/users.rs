use crate::api::accounts::list_users;
use crate::ui::components::form::{FormState, Notice};
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::{Forbidden, LoginRequired, role_name};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::i18n::Msg;
use model::{ErrorKind, Role};

#[component]
pub fn UsersPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
    };
    let users = Resource::new(move || (q(), page()), |(q, page)| list_users(q, page));

    view! {
        <Title text=t(Msg::UsersTitle) />
        <h1>{t(Msg::UsersTitle)}</h1>
        <Notice notice=state.notice() />
        <form class="search-form" method="get" action="/admin/users" role="search">
            <label for="q">{t(Msg::UsersSearch)}</label>
            <input id="q" name="q" type="search" inputmode="numeric" value=q />
            <button class="button" type="submit">{t(Msg::UsersSearchSubmit)}</button>
        </form>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Err(e) if e.kind == ErrorKind::Unauthenticated => view! { <LoginRequired /> }.into_any(),
                    Err(e) if e.kind == ErrorKind::Forbidden => view! { <Forbidden /> }.into_any(),
                    Err(e) => view! { <div class="notice error" role="alert">{e.text(locale)}</div> }.into_any(),
                    Ok(p) if p.rows.is_empty() => view! { <p class="muted">{t(Msg::UsersNone)}</p> }.into_any(),
                    Ok(p) => {
                        let q = q();
                        let towns = p.towns.clone();
                        let link = move |n: u64| format!("/admin/users?q={}&page={n}", crate::ui::encode_component(&q));
                        view! {
                            <p class="muted">{locale.fill(Msg::UsersTotal, p.total)}</p>
                            <div class="table-wrap" tabindex="0">
                                <table class="data">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::UsersColPhone)}</th>
                                        <th scope="col">{t(Msg::UsersColRole)}</th>
                                        <th scope="col">{t(Msg::UsersColTown)}</th>
                                        <th scope="col">{t(Msg::UsersColSelections)}</th>
                                        <th scope="col">{t(Msg::UsersColCreated)}</th>
                                        <th scope="col">{t(Msg::UsersColLastLogin)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {p.rows.into_iter().map(|u| view! {
                                            <tr>
                                                <td>{u.phone.clone()}</td>
                                                <td>
                                                    <form class="inline-form" method="post" action=format!("/admin/users/{}/role", u.id)>
                                                        <label class="visually-hidden" for=format!("role-{}", u.id)>{t(Msg::FieldRole)}</label>
                                                        <select id=format!("role-{}", u.id) name="role">
                                                            {Role::ALL.iter().map(|r| view! {
                                                                <option value=r.as_str() selected=*r == u.role>{t(role_name(*r))}</option>
                                                            }).collect_view()}
                                                        </select>
                                                        <button class="button" type="submit">{t(Msg::UsersChangeRole)}</button>
                                                    </form>
                                                </td>
                                                <td>{(u.role == Role::BureauViewer).then(|| {
                                                    let towns = towns.clone();
                                                    view! {
                                                    <form class="inline-form" method="post" action=format!("/admin/users/{}/town", u.id)>
                                                        <label class="visually-hidden" for=format!("town-{}", u.id)>{t(Msg::UsersColTown)}</label>
                                                        <select id=format!("town-{}", u.id) name="town">
                                                            <option value="" selected=u.town_id.is_none()>{t(Msg::ScopeCity)}</option>
                                                            {towns.into_iter().map(|o| {
                                                                let name = if locale == model::i18n::Locale::En { o.name_en } else { o.name_zh };
                                                                view! { <option value=o.id.to_string() selected=u.town_id == Some(o.id)>{name}</option> }
                                                            }).collect_view()}
                                                        </select>
                                                        <button class="button" type="submit">{t(Msg::UsersSetTown)}</button>
                                                    </form>
                                                }})}</td>
                                                <td>{(u.role == Role::BureauViewer && u.town_id.is_none()).then(|| {
                                                    let (value, label) = if u.runs_selections {
                                                        ("0", Msg::UsersRevokeSelections)
                                                    } else {
                                                        ("1", Msg::UsersGrantSelections)
                                                    };
                                                    view! {
                                                    <form class="inline-form" method="post" action=format!("/admin/users/{}/selections", u.id)>
                                                        <span>{if u.runs_selections { t(Msg::Yes) } else { t(Msg::No) }}</span>
                                                        <input type="hidden" name="runs_selections" value=value />
                                                        <button class="button" type="submit">{t(label)}</button>
                                                    </form>
                                                }})}</td>
                                                <td>{u.created_at.clone()}</td>
                                                <td>{u.last_login_at.clone().unwrap_or_else(|| t(Msg::Never).to_string())}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager page=p.page total=p.total per_page=p.per_page link />
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
