//! Outcomes (就业创业跟踪), follow-ups and a person's whole record on the wire.

use crate::enums::{
    CertificateStatus, EnrollmentStatus, FollowUpStatus, OutcomeKind, OutcomeSource, PlacementKind,
    PlacementStatus,
};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use crate::partners::normalise_credit_code;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 100;
pub const MAX_URL: usize = 500;
/// The most jobs one person may be recorded as creating.
pub const MAX_JOBS: i32 = 10_000;
pub const MAX_NOTE: usize = 500;
/// Rows on one page of the follow-up work list.
pub const FOLLOW_UPS_PER_PAGE: u64 = 50;

/// Where an online shop or livestream account is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Platform {
    Douyin,
    Kuaishou,
    Taobao,
    Pinduoduo,
    Jd,
    WechatChannels,
    Other,
}

impl Platform {
    pub const ALL: &[Self] = &[
        Self::Douyin,
        Self::Kuaishou,
        Self::Taobao,
        Self::Pinduoduo,
        Self::Jd,
        Self::WechatChannels,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Douyin => "douyin",
            Self::Kuaishou => "kuaishou",
            Self::Taobao => "taobao",
            Self::Pinduoduo => "pinduoduo",
            Self::Jd => "jd",
            Self::WechatChannels => "wechat_channels",
            Self::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            Self::Douyin => Msg::PlatformDouyin,
            Self::Kuaishou => Msg::PlatformKuaishou,
            Self::Taobao => Msg::PlatformTaobao,
            Self::Pinduoduo => Msg::PlatformPinduoduo,
            Self::Jd => Msg::PlatformJd,
            Self::WechatChannels => Msg::PlatformWechatChannels,
            Self::Other => Msg::PlatformOther,
        }
    }
}

/// Monthly income or sales, in bands (月收入/月销售额).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum IncomeBand {
    Under3k,
    From3kTo5k,
    From5kTo10k,
    From10kTo50k,
    Over50k,
}

impl IncomeBand {
    pub const ALL: &[Self] = &[
        Self::Under3k,
        Self::From3kTo5k,
        Self::From5kTo10k,
        Self::From10kTo50k,
        Self::Over50k,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Under3k => "under_3k",
            Self::From3kTo5k => "3k_5k",
            Self::From5kTo10k => "5k_10k",
            Self::From10kTo50k => "10k_50k",
            Self::Over50k => "over_50k",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            Self::Under3k => Msg::IncomeUnder3k,
            Self::From3kTo5k => Msg::Income3kTo5k,
            Self::From5kTo10k => Msg::Income5kTo10k,
            Self::From10kTo50k => Msg::Income10kTo50k,
            Self::Over50k => Msg::IncomeOver50k,
        }
    }
}

/// Whether a link is a web address people can open (http or https, with a host).
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !r.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// The form's fields that fit each situation, in the order they are asked; the others are
/// hidden by the form and not stored (a shop is not asked for an employer).
pub fn fields_for(kind: OutcomeKind) -> &'static [&'static str] {
    use OutcomeKind::*;
    match kind {
        Employed => &["employer", "position", "income_band"],
        SelfEmployed | BusinessStarted | OnlineStore => &[
            "business_name",
            "business_credit_code",
            "platform",
            "shop_url",
            "income_band",
            "jobs_created",
        ],
        LivestreamHost => &[
            "platform",
            "shop_url",
            "business_name",
            "income_band",
            "jobs_created",
        ],
        FurtherStudy | NotWorking => &[],
    }
}

/// What became of a person at a date.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct OutcomeInput {
    pub as_of: Option<NaiveDate>,
    pub kind: Option<OutcomeKind>,
    /// Employer (employed).
    pub employer: String,
    pub position: String,
    /// Business or shop name (business started, self-employed, online shop).
    pub business_name: String,
    /// Unified social credit code, if the business is registered.
    pub business_credit_code: String,
    pub platform: Option<Platform>,
    /// The shop's or account's address (http or https).
    pub shop_url: String,
    pub income_band: Option<IncomeBand>,
    /// Jobs created for others (带动就业人数).
    pub jobs_created: Option<i32>,
}

impl OutcomeInput {
    /// The input without the values that do not fit its situation (a form sends every field,
    /// hidden ones too).
    pub fn fitting(mut self) -> Self {
        let Some(kind) = self.kind else {
            return self;
        };
        let fits = |f: &str| fields_for(kind).contains(&f);
        for (name, value) in [
            ("employer", &mut self.employer),
            ("position", &mut self.position),
            ("business_name", &mut self.business_name),
            ("business_credit_code", &mut self.business_credit_code),
            ("shop_url", &mut self.shop_url),
        ] {
            if !fits(name) {
                value.clear();
            }
        }
        if !fits("platform") {
            self.platform = None;
        }
        if !fits("income_band") {
            self.income_band = None;
        }
        if !fits("jobs_created") {
            self.jobs_created = None;
        }
        self
    }
}

impl FormInput for OutcomeInput {
    fn from_form(form: &mut FormData) -> Self {
        let input = OutcomeInput {
            as_of: form.parse("as_of", Msg::ErrDate),
            kind: form.code("kind", OutcomeKind::parse),
            employer: form.text("employer"),
            position: form.text("position"),
            business_name: form.text("business_name"),
            business_credit_code: normalise_credit_code(&form.text("business_credit_code")),
            platform: form.code("platform", Platform::parse),
            shop_url: form.text("shop_url"),
            income_band: form.code("income_band", IncomeBand::parse),
            jobs_created: form.parse("jobs_created", Msg::ErrWholeNumber),
        };
        // What does not fit the situation was hidden: neither stored nor complained about.
        if let Some(kind) = input.kind {
            form.errors.retain(|e| {
                e.field != "jobs_created" || fields_for(kind).contains(&"jobs_created")
            });
        }
        input.fitting()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.as_of.is_none() {
            push_error(&mut errors, "as_of", Msg::ErrRequired);
        }
        let Some(kind) = self.kind else {
            push_error(&mut errors, "kind", Msg::ErrChoose);
            return errors;
        };
        check_text(
            &mut errors,
            "employer",
            &self.employer,
            kind == OutcomeKind::Employed,
            MAX_NAME,
        );
        check_text(&mut errors, "position", &self.position, false, MAX_NAME);
        check_text(
            &mut errors,
            "business_name",
            &self.business_name,
            kind == OutcomeKind::BusinessStarted,
            MAX_NAME,
        );
        if matches!(kind, OutcomeKind::OnlineStore | OutcomeKind::LivestreamHost)
            && self.platform.is_none()
        {
            push_error(&mut errors, "platform", Msg::ErrChoose);
        }
        let url = self.shop_url.trim();
        if !url.is_empty() && (url.len() > MAX_URL || !is_web_link(url)) {
            push_error(&mut errors, "shop_url", Msg::ErrWebLink);
        }
        match self.jobs_created {
            Some(n) if !(0..=MAX_JOBS).contains(&n) => {
                push_error(&mut errors, "jobs_created", Msg::ErrJobsCreated)
            }
            _ => {}
        }
        errors
    }
}

/// A follow-up call's result: reached (with what the person does now) or not reached.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FollowUpInput {
    /// `done`: reached (`outcome` or `confirm_outcome` says what they do); `unreachable`.
    pub result: Option<FollowUpStatus>,
    /// The person's current outcome is still right (no new outcome is recorded).
    pub confirm_outcome: bool,
    pub outcome: OutcomeInput,
    /// What the call found, in a few words.
    pub note: String,
}

impl FormInput for FollowUpInput {
    fn from_form(form: &mut FormData) -> Self {
        let result = form.code("result", FollowUpStatus::parse);
        let confirm_outcome = form.text("confirm") == "1";
        let outcome = if result == Some(FollowUpStatus::Done) && !confirm_outcome {
            OutcomeInput::from_form(form)
        } else {
            OutcomeInput::default()
        };
        FollowUpInput {
            result,
            confirm_outcome,
            outcome,
            note: form.raw("note"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        match self.result {
            Some(FollowUpStatus::Done) if !self.confirm_outcome => {
                errors.extend(self.outcome.validate())
            }
            Some(FollowUpStatus::Done | FollowUpStatus::Unreachable) => {}
            _ => push_error(&mut errors, "result", Msg::ErrChoose),
        }
        check_text(&mut errors, "note", &self.note, false, MAX_NOTE);
        errors
    }
}

/// One outcome, as the history shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutcomeRow {
    pub id: i32,
    pub trainee_id: i32,
    pub as_of: NaiveDate,
    pub kind: OutcomeKind,
    pub employer: Option<String>,
    pub position: Option<String>,
    pub business_name: Option<String>,
    pub business_credit_code: Option<String>,
    pub platform: Option<Platform>,
    pub shop_url: Option<String>,
    pub income_band: Option<IncomeBand>,
    pub jobs_created: i32,
    pub source: OutcomeSource,
    /// Who recorded it (a name or masked phone), if staff.
    pub recorded_by: Option<String>,
    pub recorded_on: NaiveDate,
    /// A later row corrects or verifies this one.
    pub superseded: bool,
    /// The row this one corrects or verifies.
    pub supersedes_id: Option<i32>,
    /// The viewer may mark it verified now.
    pub can_verify: bool,
}

/// A trainee's own outcomes: the current one first, the history below.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyOutcomes {
    pub rows: Vec<OutcomeRow>,
    /// The trainee has a real-name profile (needed to report).
    pub has_profile: bool,
}

/// A follow-up in the bureau's work list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpRow {
    pub id: i32,
    pub trainee_id: i32,
    pub name: String,
    /// For the call: the whole number (only bureau admins see this list).
    pub phone: String,
    pub town: String,
    pub course_id: i32,
    pub course: String,
    pub due_months: i32,
    pub due_on: NaiveDate,
    pub overdue: bool,
    pub status: FollowUpStatus,
    pub result: Option<String>,
    pub done_on: Option<NaiveDate>,
    /// What the person was last recorded as doing.
    pub current: Option<OutcomeRow>,
}

/// The follow-up work list's filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct FollowUpFilter {
    /// `due` (due by today, the default), `upcoming` (due within 30 days), `done`,
    /// `unreachable` or `all`.
    pub show: String,
    pub town_id: Option<i32>,
    pub course_id: Option<i32>,
    pub page: Option<u64>,
}

impl FollowUpFilter {
    /// Reads a query string's values; empty or unreadable numbers mean "any".
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let num = |k: &str| get(k).and_then(|v| v.trim().parse().ok());
        FollowUpFilter {
            show: get("show")
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "due".into()),
            town_id: num("town_id"),
            course_id: num("course_id"),
            page: get("page").and_then(|v| v.trim().parse().ok()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpList {
    pub rows: Vec<FollowUpRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Due by today and not yet done, under the same town and course filter.
    pub due_now: u64,
    pub courses: Vec<crate::placements::CourseRef>,
    pub towns: Vec<crate::catalogue::TownOption>,
    /// The viewer may record results (bureau admins).
    pub can_record: bool,
}

/// A course on a person's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordCourse {
    pub course_id: i32,
    pub title: String,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: EnrollmentStatus,
    pub attended_hours: f64,
    pub total_hours: f64,
    pub sessions_attended: u32,
    pub sessions_marked: u32,
    pub score: Option<f64>,
    pub enrolled_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordCertificate {
    pub number: String,
    pub course: String,
    pub issued_on: NaiveDate,
    pub status: CertificateStatus,
    pub verification_code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordPlacement {
    pub id: i32,
    pub base: String,
    pub place: String,
    pub kind: PlacementKind,
    pub status: PlacementStatus,
    pub applied_on: NaiveDate,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordFollowUp {
    pub id: i32,
    pub course: String,
    pub due_months: i32,
    pub due_on: NaiveDate,
    pub status: FollowUpStatus,
    pub result: Option<String>,
    pub done_on: Option<NaiveDate>,
}

/// One event on a person's path, in time order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordEvent {
    pub on: NaiveDate,
    /// A message key naming what happened (`EventSignedUp`, `EventEnrolled`, …).
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub what: Msg,
    /// The course, certificate, place or outcome it concerns.
    pub detail: String,
}

/// A person's whole path in one record (the bureau's view, and the trainee's own).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonRecord {
    pub trainee_id: i32,
    pub name: String,
    pub phone_masked: String,
    pub id_number_masked: String,
    pub town: String,
    pub village: Option<String>,
    pub signed_up_on: NaiveDate,
    pub courses: Vec<RecordCourse>,
    pub certificates: Vec<RecordCertificate>,
    pub placements: Vec<RecordPlacement>,
    pub outcomes: Vec<OutcomeRow>,
    pub follow_ups: Vec<RecordFollowUp>,
    /// Everything above in time order.
    pub timeline: Vec<RecordEvent>,
    /// The viewer may record an outcome for this person (bureau admins, and staff of a base
    /// the person was placed at).
    pub can_record: bool,
}

/// A person found by the staff's search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonHit {
    pub trainee_id: i32,
    pub name: String,
    pub phone_masked: String,
    pub id_number_masked: String,
    pub town: String,
}

/// The most people one search lists.
pub const PEOPLE_SEARCH_LIMIT: u64 = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shop_keeps_no_employer_and_study_keeps_nothing_but_the_date() {
        let all = OutcomeInput {
            as_of: NaiveDate::from_ymd_opt(2027, 1, 5),
            kind: Some(OutcomeKind::OnlineStore),
            employer: "某公司".into(),
            position: "客服".into(),
            business_name: "小店".into(),
            platform: Some(Platform::ALL[0]),
            jobs_created: Some(2),
            ..OutcomeInput::default()
        };
        let shop = all.clone().fitting();
        assert!(shop.employer.is_empty() && shop.position.is_empty());
        assert_eq!(shop.business_name, "小店");
        assert_eq!(shop.jobs_created, Some(2));
        let study = OutcomeInput {
            kind: Some(OutcomeKind::FurtherStudy),
            ..all
        }
        .fitting();
        assert!(study.business_name.is_empty() && study.platform.is_none());
        assert_eq!(study.jobs_created, None);
        assert!(study.as_of.is_some());
    }

    #[test]
    fn only_http_links_with_a_host_pass() {
        assert!(is_web_link("https://shop.example.com/x?id=1"));
        assert!(is_web_link("HTTP://v.douyin.com/abc"));
        for bad in [
            "javascript:alert(1)",
            "ftp://x.example",
            "https://",
            "http:///path",
            "https://a b.example",
            "www.example.com",
        ] {
            assert!(!is_web_link(bad), "{bad}");
        }
    }

    #[test]
    fn what_each_kind_needs() {
        let base = OutcomeInput {
            as_of: "2027-01-01".parse().ok(),
            ..Default::default()
        };
        let fields = |input: OutcomeInput| -> Vec<String> {
            input.validate().into_iter().map(|e| e.field).collect()
        };
        assert_eq!(
            fields(OutcomeInput {
                kind: Some(OutcomeKind::Employed),
                ..base.clone()
            }),
            ["employer"]
        );
        assert_eq!(
            fields(OutcomeInput {
                kind: Some(OutcomeKind::OnlineStore),
                shop_url: "javascript:alert(1)".into(),
                jobs_created: Some(-1),
                ..base.clone()
            }),
            ["platform", "shop_url", "jobs_created"]
        );
        assert!(
            fields(OutcomeInput {
                kind: Some(OutcomeKind::NotWorking),
                ..base.clone()
            })
            .is_empty()
        );
        let unreachable = FollowUpInput {
            result: Some(FollowUpStatus::Unreachable),
            ..Default::default()
        };
        assert!(unreachable.validate().is_empty());
        let confirmed = FollowUpInput {
            result: Some(FollowUpStatus::Done),
            confirm_outcome: true,
            ..Default::default()
        };
        assert!(confirmed.validate().is_empty());
        let new = FollowUpInput {
            result: Some(FollowUpStatus::Done),
            ..Default::default()
        };
        assert_eq!(new.validate()[0].field, "as_of");
    }
}
