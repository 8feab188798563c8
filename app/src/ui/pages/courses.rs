//! Course management for providers and the bureau: the list (`/manage/courses`), a new course
//! (`/manage/courses/new`), and a course's page (`/manage/courses/{id}`) with its form, its
//! sessions and the lifecycle steps the viewer may take.

use crate::api::catalogue::list_towns;
use crate::api::courses::{get_course_record, list_managed_courses, may_create_course};
use crate::ui::components::form::{
    Field, FormError, FormState, LoadError, Notice, SelectField, TextArea,
};
use crate::ui::components::list_filter::{ListFilter, use_list_params};
use crate::ui::components::pager::Pager;
use crate::ui::i18n::{use_locale, use_t};
use crate::ui::pages::catalogue::{hours, town_name};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::catalogue::Industry;
use model::courses::{CourseAction, CourseInput, CourseRecord, Editable, SessionInput};
use model::enums::{CourseLevel, CourseMode, CourseStatus, Funding, Programme};
use model::i18n::Msg;

fn status_class(s: CourseStatus) -> &'static str {
    match s {
        CourseStatus::Approved | CourseStatus::Open | CourseStatus::Running => "badge ok",
        CourseStatus::Submitted => "badge warn",
        CourseStatus::Rejected => "badge bad",
        _ => "badge",
    }
}

#[component]
pub fn ManagedCoursesPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let params = use_list_params();
    let list = Resource::new(
        move || params.get(),
        |p| list_managed_courses(p.status, p.q, p.page),
    );
    view! {
        <Title text=t(Msg::ManageCoursesTitle) />
        <h1>{t(Msg::ManageCoursesTitle)}</h1>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                    Ok(p) => {
                        let params = params.get_untracked();
                        let statuses = CourseStatus::ALL.iter()
                            .map(|s| (s.as_str().to_string(), t(s.label()).to_string())).collect();
                        let link = {
                            let params = params.clone();
                            move |n: u64| params.link("/manage/courses", n)
                        };
                        view! {
                            {p.can_create.then(|| view! {
                                <p class="actions">
                                    <a class="button primary" href="/manage/courses/new">{t(Msg::CourseNew)}</a>
                                    " "
                                    <a class="button" href="/manage/subsidies">{t(Msg::SubsidyLink)}</a>
                                </p>
                            })}
                            {p.can_record_past.then(|| view! {
                                <p class="actions">
                                    <a class="button" href="/manage/courses/new">{t(Msg::CourseRecordPast)}</a>
                                </p>
                            })}
                            <ListFilter action="/manage/courses" statuses params q_label=Msg::CatalogueSearch />
                            {(p.submitted > 0).then(|| view! {
                                <p class="notice warning"><a href="/manage/courses?status=submitted">{locale.fill(Msg::CoursesAwaiting, p.submitted)}</a></p>
                            })}
                            <p class="muted" role="status">{locale.fill(Msg::CatalogueTotal, p.total)}</p>
                            <div class="table-wrap" tabindex="0">
                                <table class="data">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::FieldTitle)}</th>
                                        <th scope="col">{t(Msg::CourseProvider)}</th>
                                        <th scope="col">{t(Msg::FilterProgramme)}</th>
                                        <th scope="col">{t(Msg::FieldStartsOn)}</th>
                                        <th scope="col" class="num">{t(Msg::ColEnrolled)}</th>
                                        <th scope="col" class="num">{t(Msg::CourseSessions)}</th>
                                        <th scope="col">{t(Msg::ColStatus)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {p.rows.into_iter().map(|c| view! {
                                            <tr>
                                                <td><a href=format!("/manage/courses/{}", c.id)>{c.title}</a></td>
                                                <td>{c.provider}</td>
                                                <td>{t(c.programme.label())}</td>
                                                <td>{c.starts_on.to_string()}</td>
                                                <td class="num"><a href=format!("/manage/courses/{}/roster", c.id)>{format!("{} / {}", c.seats_taken, c.capacity)}</a></td>
                                                <td class="num">{c.sessions}</td>
                                                <td>
                                                    <span class=status_class(c.status)>{t(c.status.label())}</span>
                                                    {c.recorded_afterwards.then(|| view! { " " <span class="badge">{t(Msg::CourseRecordedBadge)}</span> })}
                                                </td>
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

/// The course form's values as text: what is stored, or what came back from a failed post.
#[derive(Clone, Default)]
struct CourseValues {
    fields: std::collections::HashMap<&'static str, String>,
    industries: Vec<String>,
    assessed: bool,
}

const COURSE_FIELDS: &[&str] = &[
    "title",
    "description",
    "programme",
    "level",
    "mode",
    "town_id",
    "venue",
    "capacity",
    "total_hours",
    "starts_on",
    "ends_on",
    "enrol_opens_on",
    "enrol_closes_on",
    "funding",
    "pass_mark",
    "completion_threshold_pct",
];

impl CourseValues {
    fn of(input: &CourseInput) -> Self {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let mut fields = std::collections::HashMap::new();
        fields.insert("title", input.title.clone());
        fields.insert("description", input.description.clone());
        fields.insert("programme", opt(input.programme.map(|v| v.as_str().into())));
        fields.insert("level", opt(input.level.map(|v| v.as_str().into())));
        fields.insert("mode", opt(input.mode.map(|v| v.as_str().into())));
        fields.insert("town_id", opt(input.town_id.map(|v| v.to_string())));
        fields.insert("venue", input.venue.clone());
        fields.insert("capacity", opt(input.capacity.map(|v| v.to_string())));
        fields.insert("total_hours", opt(input.total_hours.map(hours)));
        fields.insert("starts_on", opt(input.starts_on.map(|v| v.to_string())));
        fields.insert("ends_on", opt(input.ends_on.map(|v| v.to_string())));
        fields.insert(
            "enrol_opens_on",
            opt(input.enrol_opens_on.map(|v| v.to_string())),
        );
        fields.insert(
            "enrol_closes_on",
            opt(input.enrol_closes_on.map(|v| v.to_string())),
        );
        fields.insert("funding", opt(input.funding.map(|v| v.as_str().into())));
        fields.insert("pass_mark", opt(input.pass_mark.map(hours)));
        fields.insert(
            "completion_threshold_pct",
            opt(input.completion_threshold_pct.map(|v| v.to_string())),
        );
        CourseValues {
            fields,
            industries: input
                .industries
                .iter()
                .map(|i| i.as_str().to_string())
                .collect(),
            assessed: input.assessed,
        }
    }

    fn from_state(state: &FormState) -> Self {
        CourseValues {
            fields: COURSE_FIELDS
                .iter()
                .map(|f| (*f, state.value(f).unwrap_or_default()))
                .collect(),
            industries: state.values("industries"),
            assessed: state.value("assessed").is_some(),
        }
    }

    fn get(&self, name: &str) -> Option<String> {
        self.fields.get(name).cloned().filter(|v| !v.is_empty())
    }
}

fn options<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> Msg,
    t: impl Fn(Msg) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_string(), t(label(*v)).to_string()))
        .collect()
}

#[component]
fn CourseForm(
    action: String,
    values: CourseValues,
    state: FormState,
    towns: Vec<(String, String)>,
    /// Approved courses: only venue, town and capacity.
    schedule_only: bool,
    submit: Msg,
    /// A bureau admin recording a past course chooses its provider from these.
    #[prop(optional)]
    providers: Vec<(String, String)>,
) -> impl IntoView {
    let t = use_t();
    let v = values;
    let lock = schedule_only;
    view! {
        <form class="form card wide-form course-form" method="post" action=action>
            <FormError message=state.form_error() />
            {lock.then(|| view! { <p class="notice info">{t(Msg::CourseScheduleOnly)}</p> })}
            {(!providers.is_empty()).then(|| view! {
                <SelectField name="organisation_id" label=Msg::FieldProvider options=providers
                    selected=state.value("organisation_id") error=state.field_error("organisation_id") required=true />
            })}
            <Field name="title" label=Msg::FieldTitle value=v.get("title") error=state.field_error("title") required=true disabled=lock />
            <TextArea name="description" label=Msg::FieldDescription value=v.get("description")
                error=state.field_error("description") hint=Some(Msg::DescriptionHint) disabled=lock />
            <div class="field-row">
                <SelectField name="programme" label=Msg::FilterProgramme
                    options=options(Programme::ALL, |p| p.as_str(), Programme::label, t)
                    selected=v.get("programme") error=state.field_error("programme") required=true disabled=lock />
                <SelectField name="level" label=Msg::FilterLevel
                    options=options(CourseLevel::ALL, |p| p.as_str(), CourseLevel::label, t)
                    selected=v.get("level") error=state.field_error("level") required=true disabled=lock />
                <SelectField name="mode" label=Msg::FilterMode
                    options=options(CourseMode::ALL, |p| p.as_str(), CourseMode::label, t)
                    selected=v.get("mode") error=state.field_error("mode") required=true disabled=lock />
            </div>
            <fieldset class="checkbox-group">
                <legend>{t(Msg::FilterIndustry)}</legend>
                {Industry::ALL.iter().map(|i| {
                    let id = format!("industry-{}", i.as_str());
                    let checked = v.industries.iter().any(|x| x == i.as_str());
                    view! {
                        <span class="field checkbox">
                            <input id=id.clone() name="industries" type="checkbox" value=i.as_str() checked=checked disabled=lock />
                            <label for=id>{t(i.label())}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field-row">
                <SelectField name="town_id" label=Msg::FilterTown options=towns
                    selected=v.get("town_id") error=state.field_error("town_id") />
                <Field name="venue" label=Msg::CourseVenue value=v.get("venue") error=state.field_error("venue")
                    hint=Some(Msg::VenueHint) />
            </div>
            <div class="field-row">
                <Field name="capacity" label=Msg::FieldCapacity kind="number" inputmode="numeric"
                    value=v.get("capacity") error=state.field_error("capacity") required=true />
                <Field name="total_hours" label=Msg::CourseHours kind="number" step="0.5" inputmode="decimal"
                    value=v.get("total_hours") error=state.field_error("total_hours") required=true disabled=lock />
                <SelectField name="funding" label=Msg::FieldFunding
                    options=options(Funding::ALL, |p| p.as_str(), Funding::label, t)
                    selected=v.get("funding").or(Some("free".into())) error=state.field_error("funding") disabled=lock />
            </div>
            <div class="field-row">
                <Field name="starts_on" label=Msg::FieldStartsOn kind="date" value=v.get("starts_on")
                    error=state.field_error("starts_on") required=true disabled=lock />
                <Field name="ends_on" label=Msg::FieldEndsOn kind="date" value=v.get("ends_on")
                    error=state.field_error("ends_on") required=true disabled=lock />
            </div>
            <div class="field-row">
                <Field name="enrol_opens_on" label=Msg::FieldEnrolOpens kind="date" value=v.get("enrol_opens_on")
                    error=state.field_error("enrol_opens_on") disabled=lock />
                <Field name="enrol_closes_on" label=Msg::FieldEnrolCloses kind="date" value=v.get("enrol_closes_on")
                    error=state.field_error("enrol_closes_on") hint=Some(Msg::EnrolClosesHint) disabled=lock />
            </div>
            <div class="field-row">
                <span class="field checkbox">
                    <input id="assessed" name="assessed" type="checkbox" value="1" checked=v.assessed disabled=lock />
                    <label for="assessed">{t(Msg::FieldAssessed)}</label>
                </span>
                <Field name="pass_mark" label=Msg::FieldPassMark kind="number" step="0.5" inputmode="decimal"
                    value=v.get("pass_mark") error=state.field_error("pass_mark") disabled=lock />
                <Field name="completion_threshold_pct" label=Msg::FieldThreshold kind="number" inputmode="numeric"
                    value=v.get("completion_threshold_pct").or(Some("80".into())) error=state.field_error("completion_threshold_pct") disabled=lock />
            </div>
            <button class="button primary" type="submit">{t(submit)}</button>
        </form>
    }
}

fn town_options(
    towns: Result<Vec<model::catalogue::TownOption>, model::AppError>,
    locale: model::i18n::Locale,
) -> Vec<(String, String)> {
    towns
        .unwrap_or_default()
        .iter()
        .map(|tn| (tn.id.to_string(), town_name(tn, locale)))
        .collect()
}

#[component]
pub fn NewCoursePage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let towns = Resource::new_blocking(|| (), |_| list_towns());
    let allowed = Resource::new_blocking(|| (), |_| may_create_course());
    view! {
        <Title text=t(Msg::CourseNew) />
        <p><a href="/manage/courses">{t(Msg::BackToManageCourses)}</a></p>
        <h1>{t(Msg::CourseNew)}</h1>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    let context = match allowed.await {
                        Err(e) => return view! { <LoadError error=e /> }.into_any(),
                        Ok(c) => c,
                    };
                    let towns = town_options(towns.await, locale);
                    let values = CourseValues::from_state(&state);
                    let providers: Vec<(String, String)> = context.providers.iter()
                        .map(|p| (p.id.to_string(), p.name.clone())).collect();
                    view! {
                        {context.records_past().then(|| view! {
                            <h2>{t(Msg::CourseRecordPast)}</h2>
                            <p class="notice info">{t(Msg::CourseRecordPastLead)}</p>
                        })}
                        <CourseForm action="/manage/courses".to_string() values state towns schedule_only=false
                            submit=Msg::CourseCreateSubmit providers />
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn CourseEditorPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let state = FormState::from_query();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let record = Resource::new_blocking(id, get_course_record);
    let towns = Resource::new_blocking(|| (), |_| list_towns());
    view! {
        <p><a href="/manage/courses">{t(Msg::BackToManageCourses)}</a></p>
        <Notice notice=state.notice() />
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    let towns = town_options(towns.await, locale);
                    match record.await {
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                        Ok(r) => view! { <CourseEditor record=r state towns /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A course's whole card as the bureau reviews it: everything the provider filled in.
#[component]
fn CourseFacts(input: CourseInput, towns: Vec<(String, String)>) -> impl IntoView {
    let t = use_t();
    let i = input;
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    let town = i
        .town_id
        .and_then(|id| {
            towns
                .iter()
                .find(|(tid, _)| *tid == id.to_string())
                .map(|(_, n)| n.clone())
        })
        .unwrap_or_else(|| "—".into());
    let industries: Vec<&str> = i.industries.iter().map(|x| t(x.label())).collect();
    let assessment = if i.assessed {
        format!(
            "{} · {} {}",
            t(Msg::CourseAssessedYes),
            t(Msg::FieldPassMark),
            i.pass_mark.map(hours).unwrap_or_else(|| "60".into())
        )
    } else {
        t(Msg::CourseAssessedNo).to_string()
    };
    view! {
        <section class="card">
            <crate::ui::pages::catalogue::Description text=i.description.clone() />
            <dl class="facts">
                <dt>{t(Msg::FilterProgramme)}</dt><dd>{i.programme.map(|p| t(p.label())).unwrap_or("—")}</dd>
                <dt>{t(Msg::FilterIndustry)}</dt><dd>{if industries.is_empty() { "—".to_string() } else { industries.join("、") }}</dd>
                <dt>{t(Msg::FilterLevel)}</dt><dd>{i.level.map(|l| t(l.label())).unwrap_or("—")}</dd>
                <dt>{t(Msg::FilterMode)}</dt><dd>{i.mode.map(|m| t(m.label())).unwrap_or("—")}</dd>
                <dt>{t(Msg::FilterTown)}</dt><dd>{town}</dd>
                <dt>{t(Msg::CourseVenue)}</dt><dd>{i.venue.clone()}</dd>
                <dt>{t(Msg::CourseDates)}</dt><dd>{format!("{} – {}", day(i.starts_on), day(i.ends_on))}</dd>
                <dt>{t(Msg::FieldEnrolOpens)}</dt><dd>{day(i.enrol_opens_on)}</dd>
                <dt>{t(Msg::FieldEnrolCloses)}</dt><dd>{day(i.enrol_closes_on)}</dd>
                <dt>{t(Msg::FieldCapacity)}</dt><dd>{i.capacity.unwrap_or_default()}</dd>
                <dt>{t(Msg::CourseHours)}</dt><dd>{i.total_hours.map(hours).unwrap_or_default()}</dd>
                <dt>{t(Msg::FieldFunding)}</dt><dd>{i.funding.map(|f| t(f.label())).unwrap_or("—")}</dd>
                <dt>{t(Msg::FieldAssessment)}</dt><dd>{assessment}</dd>
                <dt>{t(Msg::FieldThreshold)}</dt><dd>{format!("{}%", i.completion_threshold_pct.unwrap_or(80))}</dd>
            </dl>
        </section>
    }
}

#[component]
fn CourseEditor(
    record: CourseRecord,
    state: FormState,
    towns: Vec<(String, String)>,
) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let r = record;
    let id = r.id;
    // A failed session form comes back with `date`; a failed course form with `title`.
    let session_came_back = state.came_back() && state.value("topic").is_some();
    let course_came_back =
        state.came_back() && !session_came_back && state.value("action").is_none();
    let values = if course_came_back {
        CourseValues::from_state(&state)
    } else {
        CourseValues::of(&r.input)
    };
    let editing_session: Option<i32> = state.value("edit_session").and_then(|v| v.parse().ok());
    let session_values: SessionInput = editing_session
        .and_then(|sid| {
            r.sessions
                .iter()
                .find(|s| s.id == sid)
                .map(|s| s.input.clone())
        })
        .unwrap_or_default();
    let sval = |name: &str, stored: Option<String>| -> Option<String> {
        if session_came_back {
            state.value(name)
        } else {
            stored
        }
    };
    let can_edit = r.editable != Editable::Nothing;
    let session_action = match editing_session {
        Some(sid) => format!("/manage/courses/{id}/sessions/{sid}"),
        None => format!("/manage/courses/{id}/sessions"),
    };
    view! {
        <Title text=r.input.title.clone() />
        <h1>{r.input.title.clone()}</h1>
        <p>
            <span class=status_class(r.status)>{t(r.status.label())}</span>
            {r.recorded_afterwards.then(|| view! { " " <span class="badge">{t(Msg::CourseRecordedBadge)}</span> })}
            " " <span class="muted">{r.provider.clone()}</span>
            " · " <span class="muted">{locale.fill(Msg::CourseEnrolledCount, r.seats_taken)}</span>
            // A lecture or salon keeps registrations and check-ins, not a roster, attendance
            // sheets or certificates.
            {if r.input.programme == Some(Programme::LectureSalon) {
                view! {
                    " · " <a href=format!("/manage/courses/{}/registrations", r.id)>{t(Msg::RegistrationsLink)}</a>
                }.into_any()
            } else {
                let (id, records) = (r.id, r.can_see_records);
                view! {
                    " · " <a href=format!("/manage/courses/{id}/roster")>{t(Msg::NavRoster)}</a>
                    {records.then(|| view! {
                        " · " <a href=format!("/manage/courses/{id}/attendance")>{t(Msg::NavAttendance)}</a>
                        " · " <a href=format!("/manage/courses/{id}/completion")>{t(Msg::NavCompletion)}</a>
                        " · " <a href=format!("/manage/courses/{id}/certificates")>{t(Msg::NavCertificates)}</a>
                    })}
                }.into_any()
            }}
        </p>
        // Reviewing a course whose start date has passed deserves a second look.
        {(r.start_passed && !r.recorded_afterwards && r.actions.contains(&CourseAction::Approve)).then(|| view! {
            <div class="notice warning" role="status">
                {locale.fill(Msg::CourseStartPassedWarning, r.input.starts_on.map(|d| d.to_string()).unwrap_or_default())}
            </div>
        })}
        {r.status_reason.clone().map(|reason| view! {
            <div class="notice error" role="status"><strong>{t(Msg::CourseRejectedBecause)}</strong>" "{reason}</div>
        })}
        {(!state.came_back() || state.value("action").is_some()).then(|| view! { <FormError message=state.form_error() /> })}
        {(!r.actions.is_empty()).then(|| view! {
            <section class="card actions-card" aria-label=t(Msg::ColActions)>
                {r.actions.iter().copied().map(|a| view! {
                    <form class="inline-form" method="post" action=format!("/manage/courses/{id}/action")>
                        <input type="hidden" name="action" value=a.as_str() />
                        {a.needs_reason().then(|| view! {
                            <label for="reason">{t(Msg::ColReason)}</label>
                            <input id="reason" name="reason" type="text" maxlength="500" required=true />
                        })}
                        <button class=if a == CourseAction::Reject { "button danger" } else { "button primary" } type="submit">{t(a.label())}</button>
                    </form>
                }).collect_view()}
                {state.field_error("reason").map(|e| view! { <p class="field-error">{t(e)}</p> })}
            </section>
        })}
        {if can_edit {
            view! {
                <CourseForm action=format!("/manage/courses/{id}") values state=if course_came_back { state.clone() } else { FormState::default() }
                    towns schedule_only=r.editable == Editable::Schedule submit=Msg::CourseSave />
            }.into_any()
        } else {
            view! {
                <CourseFacts input=r.input.clone() towns />
            }.into_any()
        }}
        <section id="sessions">
            <h2>{t(Msg::CourseSessions)}</h2>
            <p class="muted">{locale.fill(Msg::SessionHoursSum, format!("{} / {}", hours(r.session_hours), r.input.total_hours.map(hours).unwrap_or_default()))}</p>
            <div class="table-wrap" tabindex="0">
                <table class="data">
                    <thead><tr>
                        <th scope="col">{t(Msg::ColDate)}</th>
                        <th scope="col">{t(Msg::ColTime)}</th>
                        <th scope="col">{t(Msg::ColTopic)}</th>
                        <th scope="col" class="num">{t(Msg::ColHours)}</th>
                        <th scope="col">{t(Msg::ColPlace)}</th>
                        {can_edit.then(|| view! { <th scope="col"><span class="visually-hidden">{t(Msg::ColActions)}</span></th> })}
                    </tr></thead>
                    <tbody>
                        {r.sessions.iter().cloned().map(|s| {
                            let i = s.input;
                            let time = |x: Option<chrono::NaiveTime>| x.map(|x| x.format("%H:%M").to_string()).unwrap_or_default();
                            view! {
                                <tr>
                                    <td>{i.date.map(|d| d.to_string()).unwrap_or_default()}</td>
                                    <td>{format!("{}–{}", time(i.start_time), time(i.end_time))}</td>
                                    <td>{i.topic.clone()}</td>
                                    <td class="num">{i.hours.map(hours).unwrap_or_default()}</td>
                                    <td>{i.place.clone()}</td>
                                    {can_edit.then(|| view! {
                                        <td class="actions">
                                            <a href=format!("/manage/courses/{id}?edit_session={}#session-form", s.id)>{t(Msg::Edit)}</a>
                                            <form class="inline-form" method="post" action=format!("/manage/courses/{id}/sessions/{}/delete", s.id)>
                                                <button class="link-button" type="submit">{t(Msg::Delete)}</button>
                                            </form>
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {can_edit.then(|| {
                let st = if session_came_back { state.clone() } else { FormState::default() };
                let time = |x: Option<chrono::NaiveTime>| x.map(|x| x.format("%H:%M").to_string());
                view! {
                    <form id="session-form" class="form card wide-form" method="post" action=session_action>
                        <h3>{t(if editing_session.is_some() { Msg::SessionEdit } else { Msg::SessionAdd })}</h3>
                        <div class="field-row">
                            <Field name="date" label=Msg::ColDate kind="date" value=sval("date", session_values.date.map(|d| d.to_string()))
                                error=st.field_error("date") required=true />
                            <Field name="start_time" label=Msg::FieldStartTime kind="time" value=sval("start_time", time(session_values.start_time))
                                error=st.field_error("start_time") required=true />
                            <Field name="end_time" label=Msg::FieldEndTime kind="time" value=sval("end_time", time(session_values.end_time))
                                error=st.field_error("end_time") required=true />
                        </div>
                        <Field name="topic" label=Msg::ColTopic value=sval("topic", Some(session_values.topic.clone()).filter(|s| !s.is_empty()))
                            error=st.field_error("topic") required=true />
                        <div class="field-row">
                            <Field name="hours" label=Msg::ColHours kind="number" step="0.5" inputmode="decimal"
                                value=sval("hours", session_values.hours.map(hours)) error=st.field_error("hours") required=true />
                            <Field name="place" label=Msg::ColPlace value=sval("place", Some(session_values.place.clone()).filter(|s| !s.is_empty()))
                                error=st.field_error("place") />
                        </div>
                        <FormError message=st.form_error() />
                        <button class="button primary" type="submit">{t(if editing_session.is_some() { Msg::SessionSave } else { Msg::SessionAdd })}</button>
                    </form>
                }
            })}
        </section>
    }
}
