//! Outcomes and the person's record: a trainee's own outcomes with the report form
//! (`/outcomes`), the whole record (`/record` for the trainee, `/manage/people/:id` for staff),
//! and the bureau's follow-up work list (`/manage/follow-ups`).

use crate::api::outcomes::{
    get_follow_ups, get_my_outcomes, get_my_record, get_person, search_people,
};
use crate::ui::components::form::{FormError, FormState, LoadError, Notice};
use crate::ui::components::pager::Pager;
use crate::ui::encode_component;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::catalogue::town_in;
use model::certificates::status_label as cert_status_label;
use model::enrolment::status_label as enrolment_status_label;
use model::enums::{FollowUpStatus, OutcomeKind, OutcomeSource};
use model::i18n::Msg;
use model::outcomes::{
    FollowUpFilter, FollowUpRow, IncomeBand, MAX_NAME, OutcomeRow, PersonRecord, Platform,
    fields_for,
};

/// The situations a field fits, as the form's CSS reads them (`data-kinds="employed …"`); none
/// for the fields every situation has.
fn kinds_of(name: &str) -> Option<String> {
    let kinds: Vec<&str> = OutcomeKind::ALL
        .iter()
        .filter(|k| fields_for(**k).contains(&name))
        .map(|k| k.as_str())
        .collect();
    Some(kinds.join(" "))
}

/// One labelled input of an outcome form; `suffix` keeps ids unique when a page has several.
#[component]
fn OutcomeField(
    name: &'static str,
    label: Msg,
    suffix: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = None)] value: Option<String>,
    #[prop(default = None)] error: Option<Msg>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] marked: bool,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let t = use_t();
    let id = format!("{name}{suffix}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=error.is_some() class:required=marked data-kinds=kinds_of(name).filter(|_| name != "as_of")>
            <label for=id.clone()>{t(label)}</label>
            <input id=id name=name type=kind value=value inputmode=inputmode required=required
                maxlength=maxlength
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then(|| error_id.clone()) />
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{t(e)}</p> })}
        </div>
    }
}

#[component]
fn OutcomeSelect(
    name: &'static str,
    label: Msg,
    suffix: String,
    options: Vec<(String, String)>,
    #[prop(default = None)] selected: Option<String>,
    #[prop(default = None)] error: Option<Msg>,
    #[prop(optional)] required: bool,
    #[prop(optional)] marked: bool,
) -> impl IntoView {
    let t = use_t();
    let id = format!("{name}{suffix}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=error.is_some() class:required=marked data-kinds=kinds_of(name).filter(|_| name != "kind")>
            <label for=id.clone()>{t(label)}</label>
            <select id=id name=name required=required aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then(|| error_id.clone())>
                <option value="">{t(Msg::ChooseOne)}</option>
                {options.into_iter().map(|(v, text)| {
                    let sel = selected.as_deref() == Some(v.as_str());
                    view! { <option value=v selected=sel>{text}</option> }
                }).collect_view()}
            </select>
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{t(e)}</p> })}
        </div>
    }
}

/// The fields of an outcome: date and situation (required, marked *), then only the fields
/// that fit the chosen situation (the stylesheet hides the others, no script needed).
/// `errors_here` says whether the page's field messages belong to this form; `standalone`
/// forms make the browser insist on the required fields (a follow-up call may instead be
/// marked unreachable, so there only the server checks).
#[component]
fn OutcomeFields(
    state: FormState,
    suffix: String,
    errors_here: bool,
    #[prop(optional)] standalone: bool,
) -> AnyView {
    let t = use_t();
    let err = {
        let state = state.clone();
        move |f: &str| {
            if errors_here {
                state.field_error(f)
            } else {
                None
            }
        }
    };
    let val = move |f: &str| if errors_here { state.value(f) } else { None };
    let kinds = OutcomeKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(k.label()).to_string()))
        .collect::<Vec<_>>();
    let platforms = Platform::ALL
        .iter()
        .map(|p| (p.as_str().to_string(), t(p.label()).to_string()))
        .collect::<Vec<_>>();
    let bands = IncomeBand::ALL
        .iter()
        .map(|b| (b.as_str().to_string(), t(b.label()).to_string()))
        .collect::<Vec<_>>();
    let s = suffix;
    // Each field is its own view: one view of them all nests a type too deep to compile.
    let situation: Vec<AnyView> = vec![
        view! { <OutcomeField name="employer" label=Msg::FieldEmployer suffix=s.clone()
            value=val("employer") error=err("employer") maxlength=MAX_NAME /> }.into_any(),
        view! { <OutcomeField name="position" label=Msg::FieldPosition suffix=s.clone()
            value=val("position") error=err("position") maxlength=MAX_NAME /> }.into_any(),
        view! { <OutcomeField name="business_name" label=Msg::FieldBusinessName suffix=s.clone()
            value=val("business_name") error=err("business_name") maxlength=MAX_NAME /> }.into_any(),
        view! { <OutcomeField name="business_credit_code" label=Msg::FieldBusinessCreditCode suffix=s.clone()
            value=val("business_credit_code") error=err("business_credit_code") maxlength=18 /> }.into_any(),
        view! { <OutcomeSelect name="platform" label=Msg::FieldPlatform suffix=s.clone() options=platforms
            selected=val("platform") error=err("platform") /> }.into_any(),
        view! { <OutcomeField name="shop_url" label=Msg::FieldShopUrl suffix=s.clone() kind="url"
            value=val("shop_url") error=err("shop_url") /> }.into_any(),
        view! { <OutcomeSelect name="income_band" label=Msg::FieldIncomeBand suffix=s.clone() options=bands
            selected=val("income_band") error=err("income_band") /> }.into_any(),
        view! { <OutcomeField name="jobs_created" label=Msg::FieldJobsCreated suffix=s.clone() kind="number"
            inputmode="numeric" value=val("jobs_created") error=err("jobs_created") /> }.into_any(),
    ];
    view! {
        <div class="outcome-fields">
            <p class="muted small">{t(Msg::FieldRequiredNote)}</p>
            <div class="field-row">
                <OutcomeField name="as_of" label=Msg::FieldAsOf suffix=s.clone() kind="date"
                    value=val("as_of") error=err("as_of") required=standalone marked=true />
                <OutcomeSelect name="kind" label=Msg::FieldOutcomeKind suffix=s.clone() options=kinds
                    selected=val("kind") error=err("kind") required=standalone marked=true />
            </div>
            <div class="field-row">{situation}</div>
        </div>
    }
    .into_any()
}

/// An outcome's facts, one line each.
#[component]
fn OutcomeFacts(o: OutcomeRow) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <p>
            <strong>{t(o.kind.label())}</strong>" · "{o.as_of.to_string()}" "
            <span class=if o.source == OutcomeSource::Verified { "badge ok" } else { "badge" }>{t(o.source.label())}</span>
            {o.superseded.then(|| view! { " " <span class="badge">{t(Msg::OutcomeSupersededBadge)}</span> })}
        </p>
        {o.employer.clone().map(|e| view! { <p>{e}{o.position.clone().map(|p| format!(" · {p}"))}</p> })}
        {o.business_name.clone().map(|b| view! { <p>{b}{o.business_credit_code.clone().map(|c| format!(" · {c}"))}</p> })}
        {o.platform.map(|p| view! {
            <p>{t(p.label())}{o.shop_url.clone().map(|u| view! { " · " <a href=u.clone() rel="nofollow noopener" target="_blank">{u.clone()}</a> })}</p>
        })}
        {o.income_band.map(|b| view! { <p>{t(Msg::FieldIncomeBand)}": "{t(b.label())}</p> })}
        {(o.jobs_created > 0).then(|| view! { <p>{locale.fill(Msg::OutcomeJobs, o.jobs_created)}</p> })}
        {o.recorded_by.clone().map(|who| view! { <p class="muted small">{who}" · "{o.recorded_on.to_string()}</p> })}
    }
}

/// Outcomes as a list, the current (latest, not superseded) first; staff may verify.
#[component]
fn OutcomeList(rows: Vec<OutcomeRow>, back: String) -> impl IntoView {
    let t = use_t();
    view! {
        <ul class="plain-list outcomes">
            {rows.into_iter().map(|o| {
                let id = o.id;
                let can_verify = o.can_verify;
                let superseded = o.superseded;
                let back = back.clone();
                view! {
                    <li class="card" class:superseded=superseded id=format!("outcome-{id}")>
                        <OutcomeFacts o />
                        {can_verify.then(|| view! {
                            <form class="inline-form" method="post" action=format!("/manage/outcomes/{id}/verify")>
                                <input type="hidden" name="back" value=back.clone() />
                                <button class="button" type="submit">{t(Msg::OutcomeVerify)}</button>
                            </form>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `/outcomes`: the trainee's outcomes and the form to report what they do now.
#[component]
pub fn MyOutcomesPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let list = Resource::new_blocking(|| (), |_| get_my_outcomes());
    view! {
        <Title text=t(Msg::OutcomesTitle) />
        <h1>{t(Msg::OutcomesTitle)}</h1>
        <p class="lead">{t(Msg::OutcomesLead)}</p>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) if !list.has_profile => view! {
                        <p class="notice warning">{t(Msg::ErrProfileRequired)}</p>
                        <p><a class="button primary" href="/profile">{t(Msg::NavProfile)}</a></p>
                    }.into_any(),
                    Ok(list) => view! {
                        <FormError message=state.form_error() />
                        <form class="form card wide-form" method="post" action="/outcomes">
                            <h2>{t(Msg::OutcomeReport)}</h2>
                            <OutcomeFields state=state.clone() suffix=String::new() errors_here=true standalone=true />
                            <button class="button primary" type="submit">{t(Msg::OutcomeReport)}</button>
                        </form>
                        <h2>{t(Msg::OutcomeHistory)}</h2>
                        {if list.rows.is_empty() {
                            view! { <p class="muted">{t(Msg::OutcomesNone)}</p> }.into_any()
                        } else {
                            view! { <OutcomeList rows=list.rows back="/outcomes".to_string() /> }.into_any()
                        }}
                        <p><a href="/record">{t(Msg::MyRecordLink)}</a></p>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// A person's whole record; staff may record outcomes and verify reported ones.
#[component]
fn RecordView(r: PersonRecord, state: FormState, staff: bool) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let back = format!("/manage/people/{}", r.trainee_id);
    let sections: Vec<AnyView> = vec![
        view! {
        <dl class="facts">
            <dt>{t(Msg::FieldPhone)}</dt><dd>{r.phone_masked.clone()}</dd>
            <dt>{t(Msg::FieldIdNumber)}</dt><dd class="id-number">{r.id_number_masked.clone()}</dd>
            <dt>{t(Msg::FilterTown)}</dt><dd>{town_in(&r.town, locale)}{r.village.clone().map(|v| format!(" · {v}"))}</dd>
            <dt>{t(Msg::ColSignedUp)}</dt><dd>{r.signed_up_on.to_string()}</dd>
        </dl>
        }
        .into_any(),
        view! {
        <h2>{t(Msg::RecordTimeline)}</h2>
        <ol class="timeline">
            {r.timeline.iter().map(|e| view! {
                <li><time datetime=e.on.to_string()>{e.on.to_string()}</time>" "<strong>{t(e.what)}</strong>" "<span>{e.detail.clone()}</span></li>
            }).collect_view()}
        </ol>
        }
        .into_any(),
        view! {
        <h2>{t(Msg::RecordCourses)}</h2>
        {if r.courses.is_empty() { view! { <p class="muted">{t(Msg::RecordNone)}</p> }.into_any() } else { view! {
            <div class="table-wrap" tabindex="0"><table class="data">
                <thead><tr>
                    <th scope="col">{t(Msg::ColCourse)}</th>
                    <th scope="col">{t(Msg::CourseDates)}</th>
                    <th scope="col">{t(Msg::ColStatus)}</th>
                    <th scope="col" class="num">{t(Msg::ColAttendedHours)}</th>
                    <th scope="col" class="num">{t(Msg::ColScore)}</th>
                </tr></thead>
                <tbody>
                    {r.courses.iter().map(|c| view! {
                        <tr>
                            <td><a href=format!("/courses/{}", c.course_id)>{c.title.clone()}</a><br /><span class="muted small">{c.provider.clone()}</span></td>
                            <td>{format!("{} – {}", c.starts_on, c.ends_on)}</td>
                            <td>{t(enrolment_status_label(c.status))}</td>
                            <td class="num">{format!("{:.1} / {:.1}", c.attended_hours, c.total_hours)}<br />
                                <span class="muted small">{locale.fill(Msg::RecordSessions, format!("{}/{}", c.sessions_attended, c.sessions_marked))}</span></td>
                            <td class="num">{c.score.map(|s| format!("{s:.1}")).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        }.into_any() }}
        }
        .into_any(),
        view! {
        <h2>{t(Msg::RecordCertificates)}</h2>
        {if r.certificates.is_empty() { view! { <p class="muted">{t(Msg::RecordNone)}</p> }.into_any() } else { view! {
            <ul class="plain-list">
                {r.certificates.iter().map(|c| view! {
                    <li><a class="mono" href=format!("/verify/{}", c.verification_code)>{c.number.clone()}</a>" · "{c.course.clone()}" · "
                        {c.issued_on.to_string()}" "<span class="badge">{t(cert_status_label(c.status))}</span></li>
                }).collect_view()}
            </ul>
        }.into_any() }}
        }
        .into_any(),
        view! {
        <h2>{t(Msg::RecordPlacements)}</h2>
        {if r.placements.is_empty() { view! { <p class="muted">{t(Msg::RecordNone)}</p> }.into_any() } else { view! {
            <ul class="plain-list">
                {r.placements.iter().map(|p| view! {
                    <li>{p.base.clone()}" · "{p.place.clone()}" · "{t(p.kind.label())}" "
                        <span class="badge">{t(p.status.label())}</span>" "
                        <span class="muted small">{p.start_date.map(|d| d.to_string()).unwrap_or_else(|| p.applied_on.to_string())}
                            {p.end_date.map(|d| format!(" – {d}"))}</span>
                        {p.reason.clone().map(|x| view! { <br /><span class="muted small">{x}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }.into_any() }}
        }
        .into_any(),
        view! {
        <h2>{t(Msg::RecordOutcomes)}</h2>
        {if r.outcomes.is_empty() { view! { <p class="muted">{t(Msg::RecordNone)}</p> }.into_any() } else { view! {
            <OutcomeList rows=r.outcomes.clone() back=back.clone() />
        }.into_any() }}
        {(staff && r.can_record).then(|| view! {
            <form class="form card wide-form" method="post" action=format!("/manage/people/{}/outcomes", r.trainee_id)>
                <h3>{t(Msg::OutcomeRecord)}</h3>
                <OutcomeFields state=state.clone() suffix=String::new() errors_here=true standalone=true />
                <button class="button primary" type="submit">{t(Msg::OutcomeRecord)}</button>
            </form>
        })}
        }
        .into_any(),
        view! {
        <h2>{t(Msg::RecordFollowUps)}</h2>
        {if r.follow_ups.is_empty() { view! { <p class="muted">{t(Msg::RecordNone)}</p> }.into_any() } else { view! {
            <ul class="plain-list">
                {r.follow_ups.iter().map(|f| view! {
                    <li>{locale.fill(Msg::FollowUpMonths, f.due_months)}" · "{f.course.clone()}" · "{f.due_on.to_string()}" "
                        <span class=if f.status == FollowUpStatus::Done { "badge ok" } else { "badge" }>{t(f.status.label())}</span>
                        {f.result.clone().map(|x| view! { <br /><span class="muted small">{x}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }.into_any() }}
        }
        .into_any(),
    ];
    sections.collect_view()
}

/// `/record`: the trainee's own whole record.
#[component]
pub fn MyRecordPage() -> impl IntoView {
    let t = use_t();
    let state = FormState::from_query();
    let record = Resource::new_blocking(|| (), |_| get_my_record());
    view! {
        <Title text=t(Msg::MyRecordTitle) />
        <h1>{t(Msg::MyRecordTitle)}</h1>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match record.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(r) => view! {
                        <RecordView r state staff=false />
                        <p><a class="button" href="/outcomes">{t(Msg::OutcomeReport)}</a></p>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// `/manage/people/:id`: a person's record for bureau and base staff.
#[component]
pub fn PersonPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let id = id_param("id");
    let record = Resource::new_blocking(|| (), move |_| get_person(id));
    view! {
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                match record.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(r) => {
                        let title = locale.fill(Msg::PersonTitle, &r.name);
                        view! {
                            <Title text=title.clone() />
                            <h1>{title}</h1>
                            <FormError message=state.form_error() />
                            <RecordView r state staff=true />
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

fn filter_link(f: &FollowUpFilter, page: u64) -> String {
    let mut q = vec![format!("show={}", encode_component(&f.show))];
    if let Some(t) = f.town_id {
        q.push(format!("town_id={t}"));
    }
    if let Some(c) = f.course_id {
        q.push(format!("course_id={c}"));
    }
    if page > 1 {
        q.push(format!("page={page}"));
    }
    format!("/manage/follow-ups?{}", q.join("&"))
}

/// The record-the-call form of one follow-up.
#[component]
fn FollowUpForm(f: FollowUpRow, state: FormState, back: String) -> impl IntoView {
    let t = use_t();
    let mine = state.value("row").as_deref() == Some(f.id.to_string().as_str());
    let suffix = format!("-{}", f.id);
    let reached = format!("reached-{}", f.id);
    let unreachable = format!("unreachable-{}", f.id);
    let confirm = format!("confirm-{}", f.id);
    let note = format!("note-{}", f.id);
    view! {
        <details class="row-action" open=mine>
            <summary>{t(Msg::FollowUpRecord)}</summary>
            <form class="form follow-up" method="post" action=format!("/manage/follow-ups/{}", f.id)>
                <input type="hidden" name="row" value=f.id.to_string() />
                <input type="hidden" name="back" value=back />
                <fieldset class="radio-group">
                    <span class="field checkbox">
                        <input id=reached.clone() type="radio" name="result" value="done" checked=true />
                        <label for=reached>{t(Msg::FollowUpReached)}</label>
                    </span>
                    <span class="field checkbox">
                        <input id=unreachable.clone() type="radio" name="result" value="unreachable" />
                        <label for=unreachable>{t(Msg::FollowUpMarkUnreachable)}</label>
                    </span>
                </fieldset>
                {f.current.is_some().then(|| view! {
                    <span class="field checkbox">
                        <input id=confirm.clone() type="checkbox" name="confirm" value="1" />
                        <label for=confirm.clone()>{t(Msg::FollowUpConfirm)}</label>
                    </span>
                })}
                {(mine && state.field_error("confirm").is_some()).then(|| view! {
                    <p class="field-error">{t(Msg::ErrNoOutcomeToConfirm)}</p>
                })}
                <p class="muted small">{t(Msg::FollowUpNewOutcome)}</p>
                <OutcomeFields state=state.clone() suffix errors_here=mine />
                <div class="field">
                    <label for=note.clone()>{t(Msg::FieldNote)}</label>
                    <input id=note name="note" type="text" maxlength="500" />
                </div>
                <button class="button primary" type="submit">{t(Msg::FollowUpSave)}</button>
            </form>
        </details>
    }
    .into_any()
}

/// `/manage/follow-ups`: the follow-ups due, by town and course, with the call form.
#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let filter = use_query_map().with_untracked(|q| FollowUpFilter::from_params(|k| q.get(k)));
    let f = filter.clone();
    let list = Resource::new_blocking(move || f.clone(), get_follow_ups);
    let shows = [
        ("due", Msg::FollowUpShowDue),
        ("upcoming", Msg::FollowUpShowUpcoming),
        ("done", Msg::FollowUpShowDone),
        ("unreachable", Msg::FollowUpShowUnreachable),
        ("all", Msg::FollowUpShowAll),
    ];
    view! {
        <Title text=t(Msg::FollowUpsTitle) />
        <h1>{t(Msg::FollowUpsTitle)}</h1>
        <Notice notice=state.notice() />
        <FormError message=state.form_error() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                let filter = filter.clone();
                Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(list) => {
                        let here = filter_link(&FollowUpFilter { page: Some(list.page), ..filter.clone() }, list.page);
                        let export = |fmt: &str| {
                            let link = filter_link(&FollowUpFilter { page: None, ..filter.clone() }, 1);
                            link.replacen("/manage/follow-ups?", &format!("/manage/follow-ups.{fmt}?"), 1)
                        };
                        let pager_filter = filter.clone();
                        view! {
                            <p class="notice info">{locale.fill(Msg::FollowUpsDueNow, list.due_now)}</p>
                            <form class="filter-form" method="get" action="/manage/follow-ups">
                                <div class="field">
                                    <label for="show">{t(Msg::ColStatus)}</label>
                                    <select id="show" name="show">
                                        {shows.iter().map(|(code, label)| view! {
                                            <option value=*code selected=filter.show == *code>{t(*label)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="town_id">{t(Msg::FilterTown)}</label>
                                    <select id="town_id" name="town_id">
                                        <option value="">{t(Msg::FilterAny)}</option>
                                        {list.towns.iter().map(|tn| view! {
                                            <option value=tn.id.to_string() selected=filter.town_id == Some(tn.id)>{tn.name_zh.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="course_id">{t(Msg::ColCourse)}</label>
                                    <select id="course_id" name="course_id">
                                        <option value="">{t(Msg::FilterAny)}</option>
                                        {list.courses.iter().map(|c| view! {
                                            <option value=c.id.to_string() selected=filter.course_id == Some(c.id)>{c.title.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button class="button primary" type="submit">{t(Msg::FilterApply)}</button>
                            </form>
                            <p class="actions-row">
                                <a class="button" href=export("xlsx")>{t(Msg::RosterExportXlsx)}</a>
                                <a class="button" href=export("csv")>{t(Msg::RosterExportCsv)}</a>
                                <span class="muted">{locale.fill(Msg::PlacementsTotal, list.total)}</span>
                            </p>
                            {if list.rows.is_empty() {
                                view! { <p class="muted">{t(Msg::FollowUpsNone)}</p> }.into_any()
                            } else {
                                let can_record = list.can_record;
                                view! {
                                    <div class="table-wrap" tabindex="0">
                                        <table class="data follow-ups">
                                            <thead><tr>
                                                <th scope="col">{t(Msg::ColTrainee)}</th>
                                                <th scope="col">{t(Msg::ColCourse)}</th>
                                                <th scope="col">{t(Msg::ColDueOn)}</th>
                                                <th scope="col">{t(Msg::ColCurrentOutcome)}</th>
                                                <th scope="col">{t(Msg::ColStatus)}</th>
                                            </tr></thead>
                                            <tbody>
                                                {list.rows.into_iter().map(|f| {
                                                    let state = state.clone();
                                                    let here = here.clone();
                                                    view! {
                                                        <tr id=format!("follow-up-{}", f.id)>
                                                            <th scope="row"><a href=format!("/manage/people/{}", f.trainee_id)>{f.name.clone()}</a>
                                                                <br /><a class="mono" href=format!("tel:{}", f.phone)>{f.phone.clone()}</a>
                                                                <br /><span class="muted small">{town_in(&f.town, locale)}</span></th>
                                                            <td>{f.course.clone()}<br /><span class="muted small">{locale.fill(Msg::FollowUpMonths, f.due_months)}</span></td>
                                                            <td>{f.due_on.to_string()}{f.overdue.then(|| view! { " " <span class="badge warn">{t(Msg::FollowUpOverdue)}</span> })}</td>
                                                            <td>{f.current.clone().map(|o| view! {
                                                                <span>{t(o.kind.label())}</span><br />
                                                                <span class="muted small">{o.employer.clone().or(o.business_name.clone()).unwrap_or_default()}" "{o.as_of.to_string()}</span>
                                                            }.into_any())}</td>
                                                            <td>
                                                                <span class=if f.status == FollowUpStatus::Done { "badge ok" } else { "badge" }>{t(f.status.label())}</span>
                                                                {f.result.clone().map(|r| view! { <br /><span class="muted small">{r}</span> })}
                                                                {(can_record && f.status == FollowUpStatus::Due).then(|| view! {
                                                                    <FollowUpForm f=f.clone() state=state.clone() back=here.clone() />
                                                                }.into_any())}
                                                            </td>
                                                        </tr>
                                                    }.into_any()
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager page=list.page total=list.total per_page=model::outcomes::FOLLOW_UPS_PER_PAGE
                                        link=move |p| filter_link(&pager_filter, p) />
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

/// `/manage/people`: find a person by name, phone or the ID number's last digits.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let locale = use_locale();
    let t = use_t();
    let q = use_query_map().with_untracked(|m| m.get("q").unwrap_or_default());
    let term = q.clone();
    let found = Resource::new_blocking(move || term.clone(), search_people);
    view! {
        <Title text=t(Msg::PeopleTitle) />
        <h1>{t(Msg::PeopleTitle)}</h1>
        <form class="search-form" method="get" action="/manage/people" role="search">
            <label for="q">{t(Msg::PeopleSearchLabel)}</label>
            <input id="q" name="q" type="search" value=q.clone() />
            <button class="button primary" type="submit">{t(Msg::FilterApply)}</button>
        </form>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let searched = !q.trim().is_empty();
                Suspend::new(async move {
                match found.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(hits) if hits.is_empty() => {
                        searched.then(|| view! { <p class="muted">{t(Msg::PeopleNone)}</p> }).into_any()
                    }
                    Ok(hits) => view! {
                        <div class="table-wrap" tabindex="0">
                            <table class="data">
                                <thead><tr>
                                    <th scope="col">{t(Msg::FieldName)}</th>
                                    <th scope="col">{t(Msg::FieldPhone)}</th>
                                    <th scope="col">{t(Msg::FieldIdNumber)}</th>
                                    <th scope="col">{t(Msg::FilterTown)}</th>
                                </tr></thead>
                                <tbody>
                                    {hits.into_iter().map(|h| view! {
                                        <tr>
                                            <td><a href=format!("/manage/people/{}", h.trainee_id)>{h.name}</a></td>
                                            <td>{h.phone_masked}</td>
                                            <td class="id-number">{h.id_number_masked}</td>
                                            <td>{town_in(&h.town, locale)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}
