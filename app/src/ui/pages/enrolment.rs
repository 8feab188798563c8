//! "My learning" (`/learning`): a trainee's current and past courses, waiting-list places,
//! upcoming sessions, certificates and the lectures and salons they registered for.

use crate::api::enrolment::get_my_learning;
use crate::ui::components::form::{FormState, LoadError, Notice};
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::catalogue::hours;
use leptos::prelude::*;
use leptos_meta::Title;
use model::certificates::{MyCertificate, kind_label, status_label as cert_status_label};
use model::enrolment::{LearningRow, status_label};
use model::enums::{CertificateStatus, EnrollmentStatus, RegistrationStatus};
use model::events::MyEvent;
use model::i18n::Msg;

/// "Withdraw", asked first: the button opens a confirmation that says what is lost (a seat
/// goes to the next person waiting), and only its second button withdraws. No script needed.
#[component]
pub fn WithdrawButton(course_id: i32, waitlisted: bool) -> impl IntoView {
    let t = use_t();
    view! {
        <details class="confirm-action">
            <summary class="button">{t(Msg::EnrolWithdraw)}</summary>
            <div class="confirm-box" role="group" aria-label=t(Msg::EnrolWithdraw)>
                <p>{t(if waitlisted { Msg::EnrolWithdrawAskWaitlist } else { Msg::EnrolWithdrawAsk })}</p>
                <form method="post" action=format!("/courses/{course_id}/withdraw")>
                    <button class="button danger" type="submit">{t(Msg::EnrolWithdrawConfirm)}</button>
                </form>
            </div>
        </details>
    }
}

#[component]
fn LearningList(rows: Vec<LearningRow>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <div class="card-grid">
            {rows.into_iter().map(|r| {
                let e = r.enrolment.clone();
                view! {
                    <article class="card course-card">
                        <h3><a href=format!("/courses/{}", r.course_id)>{r.title.clone()}</a></h3>
                        <p class="course-meta">
                            <span class=if e.status == EnrollmentStatus::Enrolled { "badge ok" } else { "badge" }>{t(status_label(e.status))}</span>
                            {e.waitlist_position.map(|n| view! { " " <span class="badge warn">{format!("#{n}")}</span> })}
                        </p>
                        <p class="muted">{r.provider.clone()}" · "{format!("{} – {}", r.starts_on, r.ends_on)}</p>
                        <p>{locale.fill(Msg::LearningHours, format!("{} / {}", hours(r.attended_hours), hours(r.total_hours)))}</p>
                        {e.can_withdraw.then(|| view! {
                            <WithdrawButton course_id=r.course_id waitlisted=e.status == EnrollmentStatus::Waitlisted />
                        })}
                    </article>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn MyCertificates(list: Vec<MyCertificate>) -> impl IntoView {
    let t = use_t();
    view! {
        <ul class="plain-list certificates">
            {list.into_iter().map(|c| {
                let valid = c.status == CertificateStatus::Valid;
                view! {
                    <li class="card">
                        <strong>{t(kind_label(c.kind))}</strong>" · "{c.course.clone()}
                        <br /><span class="mono">{c.number.clone()}</span>" · "{c.issued_on.clone()}" "
                        <span class=if valid { "badge ok" } else { "badge warn" }>{t(cert_status_label(c.status))}</span>
                        // A revoked certificate is not offered for printing: its page says so.
                        {(!valid).then(|| view! { <p class="muted">{t(Msg::CertRevokedNote)}</p> })}
                        <p class="actions-row">
                            {valid.then(|| view! {
                                <a class="button primary" href=format!("/certificates/{}/pdf", c.id)>{t(Msg::CertDownload)}</a>
                            })}
                            <a class="button" href=format!("/verify/{}", c.verification_code)>{t(Msg::CertVerifyLink)}</a>
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn MyEvents(list: Vec<MyEvent>) -> impl IntoView {
    let t = use_t();
    view! {
        <ul class="plain-list" id="my-events">
            {list.into_iter().map(|e| {
                let class = match (e.status, e.checked_in_at) {
                    (RegistrationStatus::Cancelled, _) => "badge",
                    (_, Some(_)) => "badge ok",
                    _ => "badge warn",
                };
                view! {
                    <li class="card">
                        <strong><a href=format!("/courses/{}", e.course_id)>{e.title.clone()}</a></strong>" "
                        <span class=class>{t(e.state)}</span>
                        <br /><span class="muted">{e.starts_on.to_string()}{e.venue.clone().map(|v| format!(" · {v}"))}</span>
                        <p class="actions-row">
                            <a class="button" href=format!("/tickets/{}", e.code)>{t(Msg::MyEventsTicket)}</a>
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn LearningPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let learning = Resource::new_blocking(|| (), |_| get_my_learning());
    view! {
        <Title text=t(Msg::LearningTitle) />
        <h1>{t(Msg::LearningTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match learning.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(l) if !l.profile_complete => view! {
                        <p class="notice info">{t(Msg::LearningProfileFirst)}" "<a href="/profile">{t(Msg::NavProfile)}</a></p>
                    }.into_any(),
                    Ok(l) => view! {
                        {(l.current.is_empty() && l.past.is_empty() && l.events.is_empty()).then(|| view! {
                            <p class="notice info">{t(Msg::LearningNone)}" "<a href="/courses">{t(Msg::LearningFindCourses)}</a></p>
                        })}
                        {(!l.certificates.is_empty()).then(|| view! {
                            <h2>{t(Msg::MyCertificatesTitle)}</h2>
                            <MyCertificates list=l.certificates.clone() />
                        })}
                        {(!l.upcoming.is_empty()).then(|| view! {
                            <h2>{t(Msg::LearningUpcoming)}</h2>
                            <div class="table-wrap" tabindex="0">
                                <table class="data">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::ColDate)}</th>
                                        <th scope="col">{t(Msg::ColTime)}</th>
                                        <th scope="col">{t(Msg::FieldTitle)}</th>
                                        <th scope="col">{t(Msg::ColTopic)}</th>
                                        <th scope="col">{t(Msg::ColPlace)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {l.upcoming.iter().cloned().map(|s| view! {
                                            <tr>
                                                <td>{s.date}</td><td>{s.time}</td>
                                                <td><a href=format!("/courses/{}", s.course_id)>{s.course_title}</a></td>
                                                <td>{s.topic}</td><td>{s.place.unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        })}
                        {(!l.current.is_empty()).then(|| view! {
                            <h2>{t(Msg::LearningCurrent)}</h2>
                            <LearningList rows=l.current.clone() />
                        })}
                        {(!l.events.is_empty()).then(|| view! {
                            <h2>{t(Msg::MyEventsTitle)}</h2>
                            <MyEvents list=l.events.clone() />
                        })}
                        {(!l.past.is_empty()).then(|| view! {
                            <h2>{t(Msg::LearningPast)}</h2>
                            <LearningList rows=l.past.clone() />
                        })}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
