//! The public catalogue (`/courses`) and a course's page (`/courses/{id}`).

use crate::api::catalogue::{get_course, search_courses};
use crate::ui::components::form::{FormState, Notice};
use crate::ui::components::pager::Pager;
use crate::ui::encode_component;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::events::RegistrationForm;
use crate::ui::pages::not_found::NotFoundPage;
use crate::ui::use_current_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use model::ErrorKind;
use model::catalogue::{CatalogueQuery, CourseCard, Industry, TextBlock, TownOption, text_blocks};
use model::enrolment::status_label as enrolment_label;
use model::enums::{CourseLevel, CourseMode, CourseStatus, EnrollmentStatus, Programme};
use model::i18n::{Locale, Msg};

pub fn town_name(t: &TownOption, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => t.name_zh.clone(),
        Locale::En => t.name_en.clone(),
    }
}

fn status_label(s: CourseStatus) -> Msg {
    match s {
        CourseStatus::Approved => Msg::StatusApproved,
        CourseStatus::Running => Msg::StatusRunning,
        CourseStatus::Finished | CourseStatus::Archived => Msg::StatusFinished,
        _ => Msg::StatusOpen,
    }
}

/// Hours as people write them: `8`, `2.5` (never `-0`, which an empty sum gives).
pub fn hours(h: f64) -> String {
    let h = if h.abs() < 0.05 { 0.0 } else { h };
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

/// A `<select>` of enum options with an "any" choice.
#[component]
fn Choice(
    name: &'static str,
    label: Msg,
    options: Vec<(String, Msg)>,
    selected: Option<String>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <select id=name name=name>
                <option value="">{t(Msg::FilterAny)}</option>
                {options
                    .into_iter()
                    .map(|(value, msg)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=is_selected>{t(msg)}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A description as paragraphs and lists, all of it text (see [`text_blocks`]).
#[component]
pub fn Description(text: String) -> impl IntoView {
    text_blocks(&text)
        .into_iter()
        .map(|block| match block {
            TextBlock::Paragraph(lines) => {
                let n = lines.len();
                view! {
                    <p>{lines.into_iter().enumerate().map(|(i, l)| view! {
                        {l}{(i + 1 < n).then(|| view! { <br /> })}
                    }).collect_view()}</p>
                }
                .into_any()
            }
            TextBlock::List(items) => view! {
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }
            .into_any(),
        })
        .collect_view()
}

/// A course's summary: a card in the list, or the top of its own page (`as_page`), where the
/// title is the page's heading rather than a link.
#[component]
pub fn CourseCardView(card: CourseCard, #[prop(optional)] as_page: bool) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let dates = if card.starts_on == card.ends_on {
        card.starts_on.to_string()
    } else {
        format!("{} – {}", card.starts_on, card.ends_on)
    };
    let places = if card.places_left > 0 {
        locale.fill(Msg::PlacesLeft, card.places_left)
    } else {
        t(Msg::PlacesFull).to_string()
    };
    let event = card.is_event();
    view! {
        <article class="card course-card" class:event=event>
            {event.then(|| view! { <p class="course-date">{dates.clone()}" · "{t(Msg::EventBadge)}</p> })}
            {if as_page {
                view! { <h1>{card.title.clone()}</h1> }.into_any()
            } else {
                view! { <h2><a href=format!("/courses/{}", card.id)>{card.title.clone()}</a></h2> }.into_any()
            }}
            <p class="course-meta">
                <span class="badge">{t(card.programme.label())}</span>
                {card.industries.iter().map(|i| view! { <span class="badge">{t(i.label())}</span> }).collect_view()}
                <span class="badge ok">{t(card.funding.label())}</span>
                <span class="badge">{t(status_label(card.status))}</span>
            </p>
            <dl class="course-facts">
                {(!event).then(|| view! { <dt>{t(Msg::CourseDates)}</dt><dd>{dates.clone()}</dd> })}
                <dt>{t(Msg::CourseProvider)}</dt><dd>{card.provider.clone()}</dd>
                <dt>{t(Msg::FilterTown)}</dt>
                <dd>{card.town.as_ref().map(|tn| town_name(tn, locale)).unwrap_or_default()} " · " {t(card.mode.label())}</dd>
                <dt>{t(Msg::CourseHours)}</dt>
                <dd>{locale.fill(Msg::HoursTotal, hours(card.total_hours))} " · " {t(card.level.label())}</dd>
            </dl>
            <p class="places" class:full=card.places_left == 0>{places}</p>
        </article>
    }
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| CatalogueQuery::from_params(|k| p.get(k))));
    let page = Resource::new(move || query.get(), search_courses);

    let state = FormState::from_query();
    view! {
        <Title text=t(Msg::CatalogueTitle) />
        <h1>{t(Msg::CatalogueTitle)}</h1>
        <Notice notice=state.notice() />
        <p class="lead">{t(Msg::CatalogueLead)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let q = query.get_untracked();
                match page.await {
                    Err(e) => view! { <div class="notice error" role="alert">{e.text(locale)}</div> }.into_any(),
                    Ok(result) => {
                        let link = {
                            let q = q.clone();
                            move |n: u64| {
                                let params = q.to_params(n);
                                if params.is_empty() { "/courses".to_string() } else { format!("/courses?{params}") }
                            }
                        };
                        let towns: Vec<(String, String)> = result.towns.iter().map(|tn| (tn.id.to_string(), town_name(tn, locale))).collect();
                        // The filters beyond the search are folded away (on a phone they filled
                        // the first screen) unless one is in use.
                        let more_set = q.programme.is_some() || q.industry.is_some() || q.town.is_some()
                            || q.mode.is_some() || q.level.is_some() || q.from.is_some() || q.to.is_some();
                        view! {
                            <form class="card filter-form" method="get" action="/courses" role="search">
                                <div class="field filter-q">
                                    <label for="q">{t(Msg::CatalogueSearch)}</label>
                                    <input id="q" name="q" type="search" value=q.q.clone() />
                                </div>
                                <details class="filter-more" open=more_set>
                                    <summary>{t(Msg::FilterMore)}</summary>
                                    <div class="filter-more-fields">
                                    <Choice name="programme" label=Msg::FilterProgramme
                                        options=Programme::ALL.iter().map(|p| (p.as_str().to_string(), p.label())).collect()
                                        selected=q.programme.map(|p| p.as_str().to_string()) />
                                    <Choice name="industry" label=Msg::FilterIndustry
                                        options=Industry::ALL.iter().map(|i| (i.as_str().to_string(), i.label())).collect()
                                        selected=q.industry.map(|i| i.as_str().to_string()) />
                                    <div class="field">
                                        <label for="town">{t(Msg::FilterTown)}</label>
                                        <select id="town" name="town">
                                            <option value="">{t(Msg::FilterAny)}</option>
                                            {towns.into_iter().map(|(id, name)| {
                                                let is_selected = q.town.map(|t| t.to_string()) == Some(id.clone());
                                                view! { <option value=id selected=is_selected>{name}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <Choice name="mode" label=Msg::FilterMode
                                        options=CourseMode::ALL.iter().map(|m| (m.as_str().to_string(), m.label())).collect()
                                        selected=q.mode.map(|m| m.as_str().to_string()) />
                                    <Choice name="level" label=Msg::FilterLevel
                                        options=CourseLevel::ALL.iter().map(|l| (l.as_str().to_string(), l.label())).collect()
                                        selected=q.level.map(|l| l.as_str().to_string()) />
                                    <div class="field">
                                        <label for="from">{t(Msg::FilterFrom)}</label>
                                        <input id="from" name="from" type="date" value=q.from.map(|d| d.to_string()) />
                                    </div>
                                    <div class="field">
                                        <label for="to">{t(Msg::FilterTo)}</label>
                                        <input id="to" name="to" type="date" value=q.to.map(|d| d.to_string()) />
                                    </div>
                                    </div>
                                </details>
                                <div class="field checkbox">
                                    <input id="free_places" name="free_places" type="checkbox" value="1" checked=q.free_places />
                                    <label for="free_places">{t(Msg::FilterFreePlaces)}</label>
                                </div>
                                <div class="filter-actions">
                                    <button class="button primary" type="submit">{t(Msg::FilterApply)}</button>
                                    <a class="button" href="/courses">{t(Msg::FilterReset)}</a>
                                </div>
                            </form>
                            <p class="muted" role="status">{locale.fill(Msg::CatalogueTotal, result.total)}</p>
                            {if result.items.is_empty() {
                                view! { <p class="notice info">{t(Msg::CatalogueNone)}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="card-grid course-list">
                                        {result.items.into_iter().map(|card| view! { <CourseCardView card /> }).collect_view()}
                                    </div>
                                }.into_any()
                            }}
                            <Pager page=result.page total=result.total per_page=result.per_page link />
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CoursePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    // Blocking, and the 404 status set while loading (before any byte is sent), so a missing
    // course answers 404 even when the page is streamed.
    #[cfg(feature = "ssr")]
    let response = use_context::<leptos_axum::ResponseOptions>();
    let course = Resource::new_blocking(id, move |id| {
        #[cfg(feature = "ssr")]
        let response = response.clone();
        async move {
            let result = get_course(id).await;
            #[cfg(feature = "ssr")]
            if let (Err(e), Some(response)) = (&result, &response)
                && e.kind == ErrorKind::NotFound
            {
                response.set_status(http::StatusCode::NOT_FOUND);
            }
            result
        }
    });
    let me = use_current_user().0;
    let state = FormState::from_query();

    view! {
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                let signed_in = matches!(me.await, Ok(Some(_)));
                match course.await {
                    Err(e) if e.kind == ErrorKind::NotFound => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => view! { <div class="notice error" role="alert">{e.text(locale)}</div> }.into_any(),
                    Ok(c) => {
                        let here = encode_component(&format!("/courses/{}", c.card.id));
                        let id = c.card.id;
                        let standing = c.trainee.clone();
                        let enrolment = standing.as_ref().and_then(|s| s.enrolment.clone())
                            .filter(|e| e.status != EnrollmentStatus::Withdrawn);
                        let enrol = if c.card.is_event() {
                            if c.enrolment_open {
                                view! { <RegistrationForm course_id=id full=c.card.places_left == 0 /> }.into_any()
                            } else {
                                view! { <p class="notice info" role="status">{t(Msg::CourseEnrolClosed)}</p> }.into_any()
                            }
                        } else if let Some(e) = enrolment {
                            view! {
                                <div class="notice success" role="status">
                                    {match (e.status, e.waitlist_position) {
                                        (EnrollmentStatus::Enrolled, _) => t(Msg::EnrolStatusEnrolled).to_string(),
                                        (EnrollmentStatus::Waitlisted, Some(n)) => locale.fill(Msg::EnrolStatusWaitlisted, n),
                                        (s, _) => format!("{}{}", t(Msg::EnrolStatusOther), t(enrolment_label(s))),
                                    }}
                                </div>
                                {e.can_withdraw.then(|| view! {
                                    <crate::ui::pages::enrolment::WithdrawButton course_id=id
                                        waitlisted=e.status == EnrollmentStatus::Waitlisted />
                                })}
                            }.into_any()
                        } else if !c.enrolment_open {
                            view! { <p class="notice info" role="status">{t(Msg::CourseEnrolClosed)}</p> }.into_any()
                        } else if let Some(s) = standing {
                            if s.profile_complete {
                                let full = c.card.places_left == 0;
                                view! {
                                    <form method="post" action=format!("/courses/{id}/enrol")>
                                        <button class="button primary" type="submit">
                                            {t(if full { Msg::EnrolWaitlistSubmit } else { Msg::EnrolSubmit })}
                                        </button>
                                    </form>
                                }.into_any()
                            } else {
                                view! {
                                    <a class="button primary" href=format!("/profile?next={here}")>{t(Msg::EnrolCompleteProfile)}</a>
                                }.into_any()
                            }
                        } else if signed_in {
                            view! { <p class="notice info">{t(Msg::CourseEnrolComing)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="hero-actions">
                                    <a class="button primary" href=format!("/login?next={here}")>{t(Msg::CourseEnrolLogin)}</a>
                                    <a class="button" href=format!("/signup?next={here}")>{t(Msg::CourseEnrolSignup)}</a>
                                </div>
                            }.into_any()
                        };
                        view! {
                            <Title text=c.card.title.clone() />
                            <p><a href="/courses">{t(Msg::BackToCatalogue)}</a></p>
                            <CourseCardView card=c.card.clone() as_page=true />
                            <section class="card course-detail">
                                <Description text=c.description.clone() />
                                {c.venue.clone().map(|v| view! { <p><strong>{t(Msg::CourseVenue)}": "</strong>{v}</p> })}
                                {c.enrol_closes.clone().map(|d| view! { <p class="muted">{locale.fill(Msg::CourseEnrolCloses, d)}</p> })}
                                {enrol}
                            </section>
                            <h2>{t(Msg::CourseSessions)}</h2>
                            <div class="table-wrap" tabindex="0">
                                <table class="data">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::ColDate)}</th>
                                        <th scope="col">{t(Msg::ColTime)}</th>
                                        <th scope="col">{t(Msg::ColTopic)}</th>
                                        <th scope="col" class="num">{t(Msg::ColHours)}</th>
                                        <th scope="col">{t(Msg::ColPlace)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {c.sessions.into_iter().map(|s| view! {
                                            <tr>
                                                <td>{s.date}</td>
                                                <td>{s.time}</td>
                                                <td>{s.topic}</td>
                                                <td class="num">{hours(s.hours)}</td>
                                                <td>{s.place.unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
