//! Courses as their providers and the bureau manage them: the course form, sessions, the
//! lifecycle (draft → submitted → approved / rejected → open → running → finished → archived)
//! and the lists behind the management pages. The public side is `model::catalogue`.

use crate::catalogue::Industry;
use crate::enums::{CourseLevel, CourseMode, CourseStatus, Funding, Programme};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 5000;
pub const VENUE_MAX: usize = 200;
pub const MAX_CAPACITY: i32 = 2000;
pub const MAX_HOURS: f64 = 500.0;
pub const MAX_SESSION_HOURS: f64 = 12.0;
/// A course runs at most a year.
pub const MAX_COURSE_DAYS: i64 = 366;
pub const COURSES_PER_PAGE: u64 = 50;

/// Everything a provider fills in for a course. Optional fields are `None` when not given;
/// `validate` says which are required.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CourseInput {
    pub title: String,
    /// Plain text: blank lines separate paragraphs, lines starting with "- " are list items.
    /// Never interpreted as HTML.
    pub description: String,
    pub programme: Option<Programme>,
    pub industries: Vec<Industry>,
    pub level: Option<CourseLevel>,
    pub mode: Option<CourseMode>,
    /// Required unless the course is online.
    pub town_id: Option<i32>,
    /// Required unless the course is online.
    pub venue: String,
    pub capacity: Option<i32>,
    pub total_hours: Option<f64>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// First day of online enrolment (default: as soon as the course is open).
    pub enrol_opens_on: Option<NaiveDate>,
    /// Last day of online enrolment; must be before the start date (default: the day before).
    pub enrol_closes_on: Option<NaiveDate>,
    pub funding: Option<Funding>,
    pub assessed: bool,
    /// Required when assessed, 0–100.
    pub pass_mark: Option<f64>,
    /// Attended hours needed to complete, % of total hours (default 80).
    pub completion_threshold_pct: Option<i32>,
    /// The provider a bureau admin records a past course for (补录); ignored for providers'
    /// own courses.
    #[serde(default)]
    pub organisation_id: Option<i32>,
}

/// What the new-course form needs: for a bureau admin recording a course that already took
/// place (补录), the providers to record it for; empty for a provider's own new course.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewCourseContext {
    pub providers: Vec<crate::dashboard::Choice>,
}

impl NewCourseContext {
    pub fn records_past(&self) -> bool {
        !self.providers.is_empty()
    }
}

impl FormInput for CourseInput {
    fn from_form(form: &mut FormData) -> Self {
        CourseInput {
            title: form.text("title"),
            description: form.raw("description").replace("\r\n", "\n"),
            programme: form.code("programme", Programme::parse),
            industries: form
                .multi("industries")
                .iter()
                .filter_map(|c| Industry::parse(c))
                .collect(),
            level: form.code("level", CourseLevel::parse),
            mode: form.code("mode", CourseMode::parse),
            town_id: form.text("town_id").parse().ok(),
            venue: form.text("venue"),
            capacity: form.parse("capacity", Msg::ErrWholeNumber),
            total_hours: form.parse("total_hours", Msg::ErrNumber),
            starts_on: form.parse("starts_on", Msg::ErrDate),
            ends_on: form.parse("ends_on", Msg::ErrDate),
            enrol_opens_on: form.parse("enrol_opens_on", Msg::ErrDate),
            enrol_closes_on: form.parse("enrol_closes_on", Msg::ErrDate),
            funding: form.code("funding", Funding::parse),
            assessed: form.flag("assessed"),
            pass_mark: form.parse("pass_mark", Msg::ErrNumber),
            completion_threshold_pct: form.parse("completion_threshold_pct", Msg::ErrWholeNumber),
            organisation_id: form.text("organisation_id").parse().ok(),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(&mut errors, "title", &self.title, true, TITLE_MAX);
        if crate::form::chars(self.title.trim()) == 1 {
            push_error(&mut errors, "title", Msg::ErrTooShort);
        }
        check_text(
            &mut errors,
            "description",
            &self.description,
            false,
            DESCRIPTION_MAX,
        );
        if self.programme.is_none() {
            push_error(&mut errors, "programme", Msg::ErrChoose);
        }
        if self.level.is_none() {
            push_error(&mut errors, "level", Msg::ErrChoose);
        }
        if self.mode.is_none() {
            push_error(&mut errors, "mode", Msg::ErrChoose);
        }
        let on_site = self.mode != Some(CourseMode::Online);
        if on_site && self.town_id.is_none() {
            push_error(&mut errors, "town_id", Msg::ErrChoose);
        }
        check_text(&mut errors, "venue", &self.venue, on_site, VENUE_MAX);
        match self.capacity {
            None => push_error(&mut errors, "capacity", Msg::ErrRequired),
            Some(c) if !(1..=MAX_CAPACITY).contains(&c) => {
                push_error(&mut errors, "capacity", Msg::ErrCapacityRange)
            }
            _ => {}
        }
        match self.total_hours {
            None => push_error(&mut errors, "total_hours", Msg::ErrRequired),
            Some(h) if !h.is_finite() || h <= 0.0 || h > MAX_HOURS => {
                push_error(&mut errors, "total_hours", Msg::ErrHoursRange)
            }
            _ => {}
        }
        match (self.starts_on, self.ends_on) {
            (None, _) => push_error(&mut errors, "starts_on", Msg::ErrRequired),
            (Some(_), None) => push_error(&mut errors, "ends_on", Msg::ErrRequired),
            (Some(s), Some(e)) if e < s => {
                push_error(&mut errors, "ends_on", Msg::ErrEndBeforeStart)
            }
            (Some(s), Some(e)) if (e - s).num_days() > MAX_COURSE_DAYS => {
                push_error(&mut errors, "ends_on", Msg::ErrCourseTooLong)
            }
            _ => {}
        }
        if let (Some(close), Some(start)) = (self.enrol_closes_on, self.starts_on)
            && close >= start
        {
            push_error(&mut errors, "enrol_closes_on", Msg::ErrEnrolCloseAfterStart);
        }
        if let (Some(open), Some(close)) = (self.enrol_opens_on, self.enrol_closes_on)
            && open > close
        {
            push_error(&mut errors, "enrol_closes_on", Msg::ErrEnrolCloseBeforeOpen);
        }
        if let (Some(open), Some(start)) = (self.enrol_opens_on, self.starts_on)
            && open >= start
        {
            push_error(&mut errors, "enrol_opens_on", Msg::ErrEnrolCloseAfterStart);
        }
        if self.assessed {
            match self.pass_mark {
                None => push_error(&mut errors, "pass_mark", Msg::ErrRequired),
                Some(m) if !(0.0..=100.0).contains(&m) => {
                    push_error(&mut errors, "pass_mark", Msg::ErrScoreRange)
                }
                _ => {}
            }
        }
        if let Some(p) = self.completion_threshold_pct
            && !(1..=100).contains(&p)
        {
            push_error(
                &mut errors,
                "completion_threshold_pct",
                Msg::ErrPercentRange,
            );
        }
        errors
    }
}

/// One teaching session (课次), in local (Beijing) date and times.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SessionInput {
    pub date: Option<NaiveDate>,
    /// `HH:MM`
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, example = "09:00"))]
    pub start_time: Option<NaiveTime>,
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, example = "12:00"))]
    pub end_time: Option<NaiveTime>,
    pub topic: String,
    /// Teaching hours (学时) this session counts for.
    pub hours: Option<f64>,
    pub place: String,
}

impl FormInput for SessionInput {
    fn from_form(form: &mut FormData) -> Self {
        SessionInput {
            date: form.parse("date", Msg::ErrDate),
            start_time: form.parse("start_time", Msg::ErrTime),
            end_time: form.parse("end_time", Msg::ErrTime),
            topic: form.text("topic"),
            hours: form.parse("hours", Msg::ErrNumber),
            place: form.text("place"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.date.is_none() {
            push_error(&mut errors, "date", Msg::ErrRequired);
        }
        match (self.start_time, self.end_time) {
            (None, _) => push_error(&mut errors, "start_time", Msg::ErrRequired),
            (Some(_), None) => push_error(&mut errors, "end_time", Msg::ErrRequired),
            (Some(s), Some(e)) if e <= s => {
                push_error(&mut errors, "end_time", Msg::ErrEndBeforeStart)
            }
            _ => {}
        }
        check_text(&mut errors, "topic", &self.topic, true, TITLE_MAX);
        match self.hours {
            None => push_error(&mut errors, "hours", Msg::ErrRequired),
            Some(h) if !h.is_finite() || h <= 0.0 || h > MAX_SESSION_HOURS => {
                push_error(&mut errors, "hours", Msg::ErrSessionHoursRange)
            }
            _ => {}
        }
        check_text(&mut errors, "place", &self.place, false, VENUE_MAX);
        errors
    }
}

/// Who moves a course along its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mover {
    /// Staff of the providing organisation.
    Provider,
    /// A bureau admin.
    Bureau,
    /// Either of them.
    Either,
}

/// A step in a course's lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CourseAction {
    /// draft / rejected → submitted, by the provider
    Submit,
    /// submitted → draft, by the provider
    Withdraw,
    /// submitted → approved, by the bureau
    Approve,
    /// submitted → rejected with a reason, by the bureau
    Reject,
    /// approved → open (enrolment opens; in the catalogue), by the provider or the bureau
    Open,
    /// open → running, by the provider or the bureau
    Start,
    /// running → finished, by the provider or the bureau
    Finish,
    /// finished → archived, by the bureau
    Archive,
}

impl CourseAction {
    pub const ALL: &[Self] = &[
        Self::Submit,
        Self::Withdraw,
        Self::Approve,
        Self::Reject,
        Self::Open,
        Self::Start,
        Self::Finish,
        Self::Archive,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Withdraw => "withdraw",
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Open => "open",
            Self::Start => "start",
            Self::Finish => "finish",
            Self::Archive => "archive",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }

    /// The statuses this action starts from, and where it leads.
    pub fn transition(self) -> (&'static [CourseStatus], CourseStatus) {
        use CourseStatus::*;
        match self {
            Self::Submit => (&[Draft, Rejected], Submitted),
            Self::Withdraw => (&[Submitted], Draft),
            Self::Approve => (&[Submitted], Approved),
            Self::Reject => (&[Submitted], Rejected),
            Self::Open => (&[Approved], Open),
            Self::Start => (&[Open], Running),
            Self::Finish => (&[Running], Finished),
            Self::Archive => (&[Finished], Archived),
        }
    }

    pub fn mover(self) -> Mover {
        match self {
            Self::Submit | Self::Withdraw => Mover::Provider,
            Self::Approve | Self::Reject | Self::Archive => Mover::Bureau,
            Self::Open | Self::Start | Self::Finish => Mover::Either,
        }
    }

    pub fn needs_reason(self) -> bool {
        self == Self::Reject
    }

    pub fn label(self) -> Msg {
        match self {
            Self::Submit => Msg::CourseActionSubmit,
            Self::Withdraw => Msg::CourseActionWithdraw,
            Self::Approve => Msg::ActionApprove,
            Self::Reject => Msg::ActionReject,
            Self::Open => Msg::CourseActionOpen,
            Self::Start => Msg::CourseActionStart,
            Self::Finish => Msg::CourseActionFinish,
            Self::Archive => Msg::CourseActionArchive,
        }
    }
}

/// How much of a course can still change in a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Editable {
    /// Draft or rejected: everything.
    All,
    /// Approved, open or running: sessions, venue and capacity (not below enrolment).
    Schedule,
    /// Submitted (withdraw it first), finished or archived: nothing.
    Nothing,
}

pub fn editable(status: CourseStatus) -> Editable {
    use CourseStatus::*;
    match status {
        Draft | Rejected => Editable::All,
        Approved | Open | Running => Editable::Schedule,
        Submitted | Finished | Archived => Editable::Nothing,
    }
}

/// A row of the course management list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagedCourseRow {
    pub id: i32,
    pub title: String,
    pub provider: String,
    pub programme: Programme,
    pub status: CourseStatus,
    pub starts_on: NaiveDate,
    pub capacity: i32,
    pub seats_taken: i32,
    pub sessions: u64,
    /// Recorded after it took place (补录).
    pub recorded_afterwards: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagedCoursePage {
    pub rows: Vec<ManagedCourseRow>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// Courses waiting for the bureau's review (in the viewer's scope).
    pub submitted: u64,
    /// The viewer may create courses.
    pub can_create: bool,
    /// A bureau admin may record a course that already took place (补录) for a provider.
    pub can_record_past: bool,
}

/// A stored session, with its id for editing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionRecord {
    pub id: i32,
    pub input: SessionInput,
}

/// A course as the management page shows it: the form's values, sessions, and what the viewer
/// may do with it now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CourseRecord {
    pub id: i32,
    pub organisation_id: i32,
    pub provider: String,
    pub status: CourseStatus,
    /// Why the bureau rejected it.
    pub status_reason: Option<String>,
    pub input: CourseInput,
    pub seats_taken: i32,
    pub sessions: Vec<SessionRecord>,
    pub session_hours: f64,
    /// What the viewer may change now.
    pub editable: Editable,
    /// The lifecycle steps the viewer may take now.
    pub actions: Vec<CourseAction>,
    /// The viewer may see the course's attendance, results and certificates (not a
    /// town-limited viewer, who sees only their town's people on the roster).
    pub can_see_records: bool,
    /// Recorded after it took place (补录), opened by a bureau admin.
    pub recorded_afterwards: bool,
    /// The start date is before today (a course to review with care unless recorded
    /// afterwards).
    pub start_passed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CourseInput {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        CourseInput {
            title: "农村电商入门".into(),
            programme: Some(Programme::Rural),
            level: Some(CourseLevel::Entry),
            mode: Some(CourseMode::Onsite),
            town_id: Some(1),
            venue: "示例教室".into(),
            capacity: Some(40),
            total_hours: Some(24.0),
            starts_on: d("2027-03-01"),
            ends_on: d("2027-03-05"),
            enrol_closes_on: d("2027-02-28"),
            ..Default::default()
        }
    }

    fn fields(input: &CourseInput) -> Vec<(String, Msg)> {
        input
            .validate()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn a_complete_course_is_valid() {
        assert_eq!(fields(&valid()), vec![]);
        // Online courses need no town or venue.
        let online = CourseInput {
            mode: Some(CourseMode::Online),
            town_id: None,
            venue: String::new(),
            ..valid()
        };
        assert_eq!(fields(&online), vec![]);
    }

    #[test]
    fn bad_values_are_named_per_field() {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        let bad = CourseInput {
            capacity: Some(-5),
            total_hours: Some(100_000.0),
            ends_on: d("2027-02-01"),
            enrol_closes_on: d("2027-03-02"),
            assessed: true,
            pass_mark: Some(120.0),
            ..valid()
        };
        assert_eq!(
            fields(&bad),
            vec![
                ("capacity".to_string(), Msg::ErrCapacityRange),
                ("total_hours".to_string(), Msg::ErrHoursRange),
                ("ends_on".to_string(), Msg::ErrEndBeforeStart),
                ("enrol_closes_on".to_string(), Msg::ErrEnrolCloseAfterStart),
                ("pass_mark".to_string(), Msg::ErrScoreRange),
            ]
        );
    }

    #[test]
    fn sessions_need_an_end_after_the_start() {
        let s = SessionInput {
            date: "2027-03-01".parse().ok(),
            start_time: "14:00".parse().ok(),
            end_time: "09:00".parse().ok(),
            topic: "开店".into(),
            hours: Some(13.0),
            place: String::new(),
        };
        let f: Vec<_> = s.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(f, vec!["end_time", "hours"]);
    }

    #[test]
    fn lifecycle_steps() {
        use CourseStatus::*;
        assert_eq!(
            CourseAction::Submit.transition(),
            (&[Draft, Rejected][..], Submitted)
        );
        assert_eq!(CourseAction::Approve.mover(), Mover::Bureau);
        assert_eq!(editable(Open), Editable::Schedule);
        assert_eq!(editable(Submitted), Editable::Nothing);
        for a in CourseAction::ALL {
            assert_eq!(CourseAction::parse(a.as_str()), Some(*a));
        }
    }
}
