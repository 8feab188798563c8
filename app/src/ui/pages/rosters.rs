//! A course's roster (`/manage/courses/{id}/roster`) for its provider's staff and the bureau:
//! search, admit from the waiting list, remove with a reason, export, and (bureau admins) an
//! audited look at a whole ID number.

use crate::api::rosters::{get_roster, issue_activation_codes, reveal_id_number};
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::components::list_filter::use_list_params;
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use model::catalogue::town_in;
use model::enrolment::status_label;
use model::enums::EnrollmentStatus;
use model::i18n::{Locale, Msg};
use model::rosters::{ActivationSheet, RosterFilter, RosterRow};

/// A button that fetches the whole ID number (audited on the server) and shows it in place.
#[island]
fn RevealId(trainee_id: i32, label: String, failed: String) -> impl IntoView {
    let reveal = Action::new(move |_: &()| reveal_id_number(trainee_id));
    view! {
        {move || match reveal.value().get() {
            Some(Ok(id)) => view! { <code class="id-number">{id}</code> }.into_any(),
            Some(Err(_)) => view! { <span class="field-error">{failed.clone()}</span> }.into_any(),
            None => view! {
                <button class="button small" type="button" on:click=move |_| { reveal.dispatch(()); }>
                    {label.clone()}
                </button>
            }.into_any(),
        }}
    }
}

/// The words of the activation slips, translated on the server (an island carries no
/// translation table to the browser); `{n}` is filled in there.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SlipTexts {
    title: String,
    none: String,
    lead: String,
    print: String,
    code: String,
    how: String,
    valid: String,
    already: String,
    failed: String,
}

impl SlipTexts {
    fn new(locale: Locale) -> Self {
        let t = |m| locale.t(m).to_string();
        SlipTexts {
            title: t(Msg::ActivationSheetTitle),
            none: t(Msg::ActivationSheetNone),
            lead: t(Msg::ActivationSheetLead),
            print: t(Msg::ButtonPrint),
            code: t(Msg::FieldActivationCode),
            how: t(Msg::ActivationSlipHow),
            valid: t(Msg::ActivationSlipValid),
            already: t(Msg::ActivationAlreadyIssued),
            failed: t(Msg::ErrInternal),
        }
    }
}

fn fill(text: &str, n: impl std::fmt::Display) -> String {
    text.replace("{n}", &n.to_string())
}

/// The slips of freshly made activation codes, to print and cut (shown this once).
#[component]
fn ActivationSlips(sheet: ActivationSheet, texts: SlipTexts) -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = leptos::prelude::window().print();
        }
    };
    let valid = fill(&texts.valid, &sheet.expires);
    view! {
        <section class="activation-sheet card" aria-labelledby="activation-sheet-title">
            <h2 id="activation-sheet-title">{fill(&texts.title, &sheet.title)}</h2>
            {if sheet.slips.is_empty() {
                view! { <p class="muted">{texts.none.clone()}</p> }.into_any()
            } else {
                view! {
                    <p class="lead no-print">{texts.lead.clone()}</p>
                    <p class="no-print"><button class="button primary" type="button" on:click=print>{texts.print.clone()}</button></p>
                    <ul class="slips">
                        {sheet.slips.into_iter().map(|s| view! {
                            <li class="slip">
                                <p class="slip-who"><strong>{s.name}</strong>" "<span class="muted">{s.phone_masked}</span></p>
                                <p class="slip-code"><span class="muted">{texts.code.clone()}</span>" "<code data-trainee=s.trainee_id.to_string()>{s.code}</code></p>
                                <p class="small">{texts.how.clone()}</p>
                                <p class="small muted">{sheet.provider.clone()}" · "{valid.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(sheet.already_issued > 0).then(|| view! {
                <p class="muted small">{fill(&texts.already, sheet.already_issued)}</p>
            })}
        </section>
    }
}

/// A button that makes activation codes (the roster's, or one trainee's anew: `who` names
/// them for screen readers) and shows them in place for printing.
#[island]
fn IssueCodes(
    course_id: i32,
    trainee_id: Option<i32>,
    label: String,
    who: Option<String>,
    texts: SlipTexts,
) -> impl IntoView {
    let issue = Action::new(move |_: &()| issue_activation_codes(course_id, trainee_id));
    view! {
        <span class="issue-result" aria-live="polite">
            {move || match issue.value().get() {
                Some(Ok(sheet)) if trainee_id.is_some() => {
                    let code = sheet.slips.first().map(|s| s.code.clone()).unwrap_or_default();
                    view! {
                        <span class="muted">{texts.code.clone()}</span>" "<code class="new-code">{code}</code>" "
                        <small class="muted">{fill(&texts.valid, &sheet.expires)}</small>
                    }.into_any()
                }
                Some(Ok(sheet)) => view! { <ActivationSlips sheet texts=texts.clone() /> }.into_any(),
                Some(Err(_)) => view! { <span class="field-error" role="alert">{texts.failed.clone()}</span> }.into_any(),
                None => view! {
                    <button class=if trainee_id.is_some() { "button small" } else { "button" } type="button"
                        aria-label=who.clone()
                        disabled=move || issue.pending().get()
                        on:click=move |_| { issue.dispatch(()); }>
                        {label.clone()}
                    </button>
                }.into_any(),
            }}
        </span>
    }
}

#[component]
fn RosterTable(
    rows: Vec<RosterRow>,
    first: u64,
    course_id: i32,
    can_manage: bool,
    can_reveal: bool,
    can_issue_codes: bool,
) -> impl IntoView {
    let locale = use_locale();
    let t = use_t();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="data roster">
                <thead><tr>
                    <th scope="col" class="num">{t(Msg::ColNo)}</th>
                    <th scope="col">{t(Msg::FieldName)}</th>
                    <th scope="col">{t(Msg::FieldIdNumber)}</th>
                    <th scope="col">{t(Msg::FieldPhone)}</th>
                    <th scope="col">{t(Msg::FilterTown)}</th>
                    <th scope="col">{t(Msg::ColStatus)}</th>
                    <th scope="col">{t(Msg::ColAccount)}</th>
                    <th scope="col">{t(Msg::ColEnrolledAt)}</th>
                    {can_manage.then(|| view! { <th scope="col">{t(Msg::ColActions)}</th> })}
                </tr></thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, r)| {
                        let active = matches!(r.status, EnrollmentStatus::Enrolled | EnrollmentStatus::Waitlisted);
                        let left = matches!(r.status, EnrollmentStatus::Withdrawn | EnrollmentStatus::Removed);
                        let base = format!("/manage/courses/{course_id}/roster/{}", r.enrollment_id);
                        let remove_id = format!("remove-{}", r.enrollment_id);
                        view! {
                            <tr>
                                <td class="num">{first + i as u64}</td>
                                <td>{r.name.clone()}</td>
                                <td>
                                    <span class="id-number">{r.id_number_masked.clone()}</span>
                                    {can_reveal.then(|| view! {
                                        " " <RevealId trainee_id=r.trainee_id label=t(Msg::RosterReveal).to_string()
                                            failed=t(Msg::ErrForbidden).to_string() />
                                    })}
                                </td>
                                <td><a href=format!("tel:{}", r.phone)>{r.phone.clone()}</a></td>
                                <td>{town_in(&r.town, locale)}{(!r.village.is_empty()).then(|| format!(" · {}", r.village))}</td>
                                <td>
                                    <span class=if r.status == EnrollmentStatus::Enrolled { "badge ok" } else if active { "badge warn" } else { "badge" }>
                                        {t(status_label(r.status))}
                                    </span>
                                    {r.waitlist_rank.map(|n| view! { " " <span class="badge">{format!("#{n}")}</span> })}
                                    {r.removed_reason.clone().map(|why| view! { <br /><small class="muted">{why}</small> })}
                                </td>
                                <td class="account">
                                    {if r.activated {
                                        view! { <span class="badge ok">{t(Msg::RosterActivated)}</span> }.into_any()
                                    } else {
                                        view! {
                                            <span class="badge warn">{t(Msg::RosterNotActivated)}</span>
                                            {r.activation_code.clone().map(|c| view! {
                                                <br /><small class="muted">
                                                    {locale.fill(Msg::RosterCodeIssued, c)}" · "
                                                    {locale.fill(Msg::RosterCodeExpires, r.activation_expires.clone().unwrap_or_default())}
                                                </small>
                                            })}
                                            {(can_issue_codes && !left).then(|| view! {
                                                <br /><IssueCodes course_id trainee_id=Some(r.trainee_id)
                                                    label=t(Msg::RosterReissueCode).to_string()
                                                    who=Some(locale.fill(Msg::RosterReissueCodeFor, &r.name))
                                                    texts=SlipTexts::new(locale) />
                                            })}
                                        }.into_any()
                                    }}
                                </td>
                                <td>{r.enrolled_at.clone()}</td>
                                {can_manage.then(|| view! {
                                    <td class="actions">
                                        {(r.status == EnrollmentStatus::Waitlisted).then(|| view! {
                                            <form class="inline-form" method="post" action=format!("{base}/admit")>
                                                <button class="button small primary" type="submit">{t(Msg::RosterAdmit)}</button>
                                            </form>
                                        })}
                                        {active.then(|| view! {
                                            <details class="inline-details">
                                                <summary class="button small">{t(Msg::RosterRemove)}</summary>
                                                <form class="inline-form" method="post" action=format!("{base}/remove")>
                                                    <label for=remove_id.clone()>{t(Msg::RosterRemoveReason)}</label>
                                                    <input id=remove_id.clone() name="reason" required maxlength="200" />
                                                    <button class="button small danger" type="submit">{t(Msg::RosterRemove)}</button>
                                                </form>
                                            </details>
                                        })}
                                    </td>
                                })}
                            </tr>
                        }.into_any()
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn RosterPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let params = use_list_params();
    let roster = Resource::new_blocking(
        move || params.get(),
        move |p| get_roster(id, p.status, p.q, p.page),
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match roster.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(r) => {
                        let params = params.get_untracked();
                        let filter = RosterFilter::parse(&params.status).unwrap_or_default();
                        let base = format!("/manage/courses/{id}/roster");
                        let link = {
                            let params = params.clone();
                            let base = base.clone();
                            move |n: u64| params.link(&base, n)
                        };
                        let export = |ext: &str| format!("{base}.{ext}?status={}", filter.as_str());
                        let title = locale.fill(Msg::RosterTitle, &r.title);
                        let first = (r.page - 1) * r.per_page + 1;
                        view! {
                            <Title text=title.clone() />
                            <p class="muted">
                                <a href=format!("/manage/courses/{id}")>{r.title.clone()}</a>" · "{r.provider.clone()}
                                {r.town_only.is_none().then(|| view! {
                                    " · "<a href=format!("/manage/courses/{id}/attendance")>{t(Msg::NavAttendance)}</a>
                                })}
                            </p>
                            <h1>{title}</h1>
                            <Notice notice=state.notice() />
                            <FormError message=state.form_error() />
                            <p class="lead">{t(Msg::RosterLead)}</p>
                            {r.town_only.clone().map(|town| view! { <p class="notice info" role="note">{locale.fill(Msg::RosterTownOnly, town_in(&town, locale))}</p> })}
                            <p class="course-meta">
                                <span class="badge">{locale.fill(Msg::RosterSeats, format!("{} / {}", r.seats_taken, r.capacity))}</span>
                                " "<span class="badge">{locale.fill(Msg::RosterWaiting, r.waitlisted)}</span>
                            </p>
                            <p class="actions-row">
                                <a class="button" href=export("xlsx") download>{t(Msg::RosterExportXlsx)}</a>
                                " "<a class="button" href=export("csv") download>{t(Msg::RosterExportCsv)}</a>
                                {r.can_manage.then(|| view! {
                                    " "<a class="button" href=format!("/manage/imports?course={id}")>{t(Msg::NavImport)}</a>
                                })}
                            </p>
                            {r.can_issue_codes.then(|| view! {
                                <div class="issue-codes">
                                    <p class="hint">{t(Msg::RosterIssueCodesHint)}</p>
                                    <IssueCodes course_id=id trainee_id=None label=t(Msg::RosterIssueCodes).to_string()
                                        who=None texts=SlipTexts::new(locale) />
                                </div>
                            })}
                            <form class="card filter-form" method="get" action=base.clone() role="search">
                                <div class="field">
                                    <label for="status">{t(Msg::ColStatus)}</label>
                                    <select id="status" name="status">
                                        {RosterFilter::ALL.iter().map(|f| view! {
                                            <option value=f.as_str() selected=*f == filter>{t(f.label())}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field filter-q">
                                    <label for="q">{t(Msg::RosterSearch)}</label>
                                    <input id="q" name="q" type="search" value=params.q.clone() />
                                </div>
                                <div class="filter-actions">
                                    <button class="button primary" type="submit">{t(Msg::FilterApply)}</button>
                                </div>
                            </form>
                            <p class="muted" role="status">{locale.fill(Msg::RosterTotal, r.total)}</p>
                            {if r.rows.is_empty() {
                                view! { <p class="muted">{t(Msg::RosterEmpty)}</p> }.into_any()
                            } else {
                                view! { <RosterTable rows=r.rows first course_id=id can_manage=r.can_manage can_reveal=r.can_reveal can_issue_codes=r.can_issue_codes /> }.into_any()
                            }}
                            <Pager page=r.page total=r.total per_page=r.per_page link />
                            {r.can_reveal.then(|| view! { <p class="muted small">{t(Msg::RosterRevealNote)}</p> })}
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}
