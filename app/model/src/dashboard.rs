//! The bureau's KPI dashboard on the wire: the filters as typed in the URL, the figures for a
//! year (or a quarter or month of it), the funnel, progress against the year's targets, and the
//! people behind each figure.
//!
//! Every figure is about one cohort: the people who signed up for courses that **start in the
//! chosen period**, matching the filters (the trainee's town; the course's programme, industry
//! and provider). What happened to them afterwards is counted as of the period's last day.

use crate::bases::Ratio;
use crate::catalogue::{Industry, TownOption};
use crate::enums::{OutcomeKind, Programme, TargetScope};
use crate::errors::FieldError;
use crate::form::{filter_id, filter_year, push_error, query_string};
use crate::i18n::{Locale, Msg};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// People per page in a figure's list.
pub const PEOPLE_PER_PAGE: u64 = 50;
/// The largest target that may be set for one figure.
pub const MAX_TARGET: i64 = 10_000_000;

/// The dashboard's filters as they appear in its URL (`/manage/dashboard?year=2026&town=3`);
/// empty means "all". Unlike the public catalogue, unknown values are refused with a message
/// naming the field: a figure for the wrong filter would be a wrong answer to the city.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct DashboardQuery {
    /// The year (2020 … this year); empty for this year.
    pub year: String,
    /// `q1`…`q4` for a quarter, `m1`…`m12` for a month; empty for the whole year.
    pub period: String,
    /// A town's id: only trainees living in that town.
    pub town: String,
    /// A programme code (`rural`, `industry`, `livestream`, `cross_border`, `lecture_salon`).
    pub programme: String,
    /// An industry code (`jun_porcelain`, `chinese_medicine`, `filter_press`,
    /// `sweet_potato_starch`, `farm_produce`).
    pub industry: String,
    /// A provider organisation's id.
    pub provider: String,
}

impl DashboardQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let v = |k: &str| get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        DashboardQuery {
            year: v("year"),
            period: v("period"),
            town: v("town"),
            programme: v("programme"),
            industry: v("industry"),
            provider: v("provider"),
        }
    }

    /// The query string for these filters (without the leading `?`).
    pub fn to_params(&self) -> String {
        query_string(&[
            ("year", &self.year),
            ("period", &self.period),
            ("town", &self.town),
            ("programme", &self.programme),
            ("industry", &self.industry),
            ("provider", &self.provider),
        ])
    }

    /// Reads the filters; `today` decides the current year. Towns and providers are checked
    /// against the database by the service.
    pub fn parse(&self, today: NaiveDate) -> Result<KpiFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let current = today.year();
        let year = filter_year(&mut errors, &self.year, current);
        let period = match Period::parse(&self.period) {
            Some(p) => p,
            None => {
                push_error(&mut errors, "period", Msg::ErrChoose);
                Period::Year
            }
        };
        if errors.is_empty() && period.bounds(year).0 > today {
            push_error(&mut errors, "period", Msg::ErrPeriodNotBegun);
        }
        let town = filter_id(&mut errors, "town", &self.town);
        let provider = filter_id(&mut errors, "provider", &self.provider);
        let programme = match self.programme.as_str() {
            "" => None,
            p => {
                let found = Programme::parse(p);
                if found.is_none() {
                    push_error(&mut errors, "programme", Msg::ErrChoose);
                }
                found
            }
        };
        let industry = match self.industry.as_str() {
            "" => None,
            i => {
                let found = Industry::parse(i);
                if found.is_none() {
                    push_error(&mut errors, "industry", Msg::ErrChoose);
                }
                found
            }
        };
        if errors.is_empty() {
            Ok(KpiFilter {
                year,
                period,
                town,
                programme,
                industry,
                provider,
            })
        } else {
            Err(errors)
        }
    }
}

/// The part of a year the figures are for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    #[default]
    Year,
    /// 1–4.
    Quarter(u32),
    /// 1–12.
    Month(u32),
}

impl Period {
    pub fn parse(code: &str) -> Option<Period> {
        let code = code.trim().to_ascii_lowercase();
        if code.is_empty() || code == "year" {
            return Some(Period::Year);
        }
        let (kind, n) = code.split_at_checked(1)?;
        let n: u32 = n.parse().ok()?;
        match kind {
            "q" if (1..=4).contains(&n) => Some(Period::Quarter(n)),
            "m" if (1..=12).contains(&n) => Some(Period::Month(n)),
            _ => None,
        }
    }

    pub fn code(self) -> String {
        match self {
            Period::Year => String::new(),
            Period::Quarter(q) => format!("q{q}"),
            Period::Month(m) => format!("m{m}"),
        }
    }

    /// The first and last day of the period in `year`.
    pub fn bounds(self, year: i32) -> (NaiveDate, NaiveDate) {
        let (first, last) = match self {
            Period::Year => (1, 12),
            Period::Quarter(q) => (q * 3 - 2, q * 3),
            Period::Month(m) => (m, m),
        };
        let from = NaiveDate::from_ymd_opt(year, first, 1).expect("valid month");
        let next = if last == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, last + 1, 1)
        }
        .expect("valid month");
        (from, next.pred_opt().expect("a day before"))
    }

    /// Every choice, for the form: ("", "q1"…"q4", "m1"…"m12").
    pub fn all() -> Vec<Period> {
        let mut out = vec![Period::Year];
        out.extend((1..=4).map(Period::Quarter));
        out.extend((1..=12).map(Period::Month));
        out
    }
}

/// The filters, read and checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiFilter {
    pub year: i32,
    pub period: Period,
    pub town: Option<i32>,
    pub programme: Option<Programme>,
    pub industry: Option<Industry>,
    pub provider: Option<i32>,
}

impl KpiFilter {
    /// The whole city for a year.
    pub fn year(year: i32) -> KpiFilter {
        KpiFilter {
            year,
            period: Period::Year,
            town: None,
            programme: None,
            industry: None,
            provider: None,
        }
    }

    /// Back to the URL form.
    pub fn query(&self) -> DashboardQuery {
        DashboardQuery {
            year: self.year.to_string(),
            period: self.period.code(),
            town: self.town.map(|t| t.to_string()).unwrap_or_default(),
            programme: self
                .programme
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            industry: self
                .industry
                .map(|i| i.as_str().to_string())
                .unwrap_or_default(),
            provider: self.provider.map(|p| p.to_string()).unwrap_or_default(),
        }
    }

    /// The target scope these filters match, if exactly one of town, programme and industry is
    /// chosen (or none: the city) and no provider: targets are set for those.
    pub fn target_scope(&self) -> Option<(TargetScope, String)> {
        if self.provider.is_some() {
            return None;
        }
        match (self.town, self.programme, self.industry) {
            (None, None, None) => Some((TargetScope::City, String::new())),
            (Some(t), None, None) => Some((TargetScope::Town, t.to_string())),
            (None, Some(p), None) => Some((TargetScope::Programme, p.as_str().to_string())),
            (None, None, Some(i)) => Some((TargetScope::Industry, i.as_str().to_string())),
            _ => None,
        }
    }
}

/// The figures for one cohort. Counts of people count each person once however many courses
/// they took.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Kpis {
    /// People who signed up for a course (报名), including those left on a waiting list or
    /// who withdrew.
    pub signed_up: i64,
    /// People trained (培训人数): people who took a seat (enrolled, completed or not completed).
    pub trained: i64,
    /// Attendances (培训人次): seats taken, one per person and course.
    pub attendances: i64,
    /// Completion rate (结业率): completed seats of seats in courses that have ended.
    pub completion: Ratio,
    /// Pass rate (培训合格率): assessed seats scoring at least the pass mark, of assessed seats
    /// with a score.
    pub pass: Ratio,
    /// People who completed at least one course.
    pub completed: i64,
    /// New certificate holders (新增持证人数): people holding a valid certificate for one of
    /// the cohort's courses.
    pub certified: i64,
    /// Of the people who completed, those whose latest outcome since their training is a job,
    /// self-employment or livestream work (实现就业人数); the rate is of those who completed.
    pub employed: Ratio,
    /// Of the people who completed, those whose latest outcome since their training is a
    /// business or an online shop (实现创业人数 / 创业成功率).
    pub business: Ratio,
    /// Of the people who completed: latest outcome an online shop opened.
    pub shops: i64,
    /// Of the people who completed: latest outcome livestream host.
    pub hosts: i64,
    /// Jobs created (带动就业人数) by the people who completed, from each one's latest outcome
    /// since their training.
    pub jobs_created: i64,
    /// Rural e-commerce leaders (电商带头人): people trained holding a valid leader
    /// certificate.
    pub leaders: i64,
    /// The villages those leaders live in (counted once each).
    pub leader_villages: i64,
    /// People who completed and have been placed at a base or enterprise (accepted, active,
    /// graduated or left, started by the period's end).
    pub placed: i64,
    /// Follow-up calls for the cohort's seats due by the period's end: closed (reached or
    /// unreachable) of all due.
    pub follow_ups: Ratio,
}

/// One step of the funnel; each step's people are among the previous step's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FunnelStep {
    pub step: Figure,
    pub people: i64,
    /// People lost since the previous step (0 for the first).
    pub drop: i64,
}

/// What a figure's people are: the list behind a tile or a funnel step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    SignedUp,
    Trained,
    Completed,
    Certified,
    /// Funnel: certified and placed.
    Placed,
    /// Funnel: certified, placed, and working or in business.
    Working,
    Employed,
    Business,
    Shops,
    Hosts,
    JobsCreated,
    Leaders,
    /// Tile: completed and placed (whether certified or not).
    PlacedAll,
}

impl Figure {
    pub const ALL: &[Figure] = &[
        Figure::SignedUp,
        Figure::Trained,
        Figure::Completed,
        Figure::Certified,
        Figure::Placed,
        Figure::Working,
        Figure::Employed,
        Figure::Business,
        Figure::Shops,
        Figure::Hosts,
        Figure::JobsCreated,
        Figure::Leaders,
        Figure::PlacedAll,
    ];
    pub const FUNNEL: &[Figure] = &[
        Figure::SignedUp,
        Figure::Trained,
        Figure::Completed,
        Figure::Certified,
        Figure::Placed,
        Figure::Working,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Figure::SignedUp => "signed_up",
            Figure::Trained => "trained",
            Figure::Completed => "completed",
            Figure::Certified => "certified",
            Figure::Placed => "placed",
            Figure::Working => "working",
            Figure::Employed => "employed",
            Figure::Business => "business",
            Figure::Shops => "shops",
            Figure::Hosts => "hosts",
            Figure::JobsCreated => "jobs_created",
            Figure::Leaders => "leaders",
            Figure::PlacedAll => "placed_all",
        }
    }

    pub fn parse(code: &str) -> Option<Figure> {
        Figure::ALL.iter().copied().find(|f| f.as_str() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            Figure::SignedUp => Msg::KpiSignedUp,
            Figure::Trained => Msg::KpiTrained,
            Figure::Completed => Msg::KpiCompletedPeople,
            Figure::Certified => Msg::KpiCertified,
            Figure::Placed => Msg::FunnelPlaced,
            Figure::Working => Msg::FunnelWorking,
            Figure::Employed => Msg::KpiEmployed,
            Figure::Business => Msg::KpiBusiness,
            Figure::Shops => Msg::KpiShops,
            Figure::Hosts => Msg::KpiHosts,
            Figure::JobsCreated => Msg::KpiJobsCreatedPeople,
            Figure::Leaders => Msg::KpiLeaders,
            Figure::PlacedAll => Msg::KpiPlaced,
        }
    }
}

/// The figures a target can be set for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TargetKpi {
    Trained,
    Attendances,
    Certified,
    Employed,
    Business,
    Shops,
    Hosts,
    JobsCreated,
    Leaders,
    Placed,
}

impl TargetKpi {
    pub const ALL: &[TargetKpi] = &[
        TargetKpi::Trained,
        TargetKpi::Attendances,
        TargetKpi::Certified,
        TargetKpi::Employed,
        TargetKpi::Business,
        TargetKpi::Shops,
        TargetKpi::Hosts,
        TargetKpi::JobsCreated,
        TargetKpi::Leaders,
        TargetKpi::Placed,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            TargetKpi::Trained => "trained",
            TargetKpi::Attendances => "attendances",
            TargetKpi::Certified => "certified",
            TargetKpi::Employed => "employed",
            TargetKpi::Business => "business",
            TargetKpi::Shops => "shops",
            TargetKpi::Hosts => "hosts",
            TargetKpi::JobsCreated => "jobs_created",
            TargetKpi::Leaders => "leaders",
            TargetKpi::Placed => "placed",
        }
    }

    pub fn parse(code: &str) -> Option<TargetKpi> {
        TargetKpi::ALL.iter().copied().find(|k| k.as_str() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            TargetKpi::Trained => Msg::KpiTrained,
            TargetKpi::Attendances => Msg::KpiAttendances,
            TargetKpi::Certified => Msg::KpiCertified,
            TargetKpi::Employed => Msg::KpiEmployed,
            TargetKpi::Business => Msg::KpiBusiness,
            TargetKpi::Shops => Msg::KpiShops,
            TargetKpi::Hosts => Msg::KpiHosts,
            TargetKpi::JobsCreated => Msg::KpiJobsCreatedPeople,
            TargetKpi::Leaders => Msg::KpiLeaders,
            TargetKpi::Placed => Msg::KpiPlaced,
        }
    }

    /// This figure's value in `k`.
    pub fn value(self, k: &Kpis) -> i64 {
        match self {
            TargetKpi::Trained => k.trained,
            TargetKpi::Attendances => k.attendances,
            TargetKpi::Certified => k.certified,
            TargetKpi::Employed => k.employed.num,
            TargetKpi::Business => k.business.num,
            TargetKpi::Shops => k.shops,
            TargetKpi::Hosts => k.hosts,
            TargetKpi::JobsCreated => k.jobs_created,
            TargetKpi::Leaders => k.leaders,
            TargetKpi::Placed => k.placed,
        }
    }

    /// The list of people behind it.
    pub fn figure(self) -> Figure {
        match self {
            TargetKpi::Trained | TargetKpi::Attendances => Figure::Trained,
            TargetKpi::Certified => Figure::Certified,
            TargetKpi::Employed => Figure::Employed,
            TargetKpi::Business => Figure::Business,
            TargetKpi::Shops => Figure::Shops,
            TargetKpi::Hosts => Figure::Hosts,
            TargetKpi::JobsCreated => Figure::JobsCreated,
            TargetKpi::Leaders => Figure::Leaders,
            TargetKpi::Placed => Figure::PlacedAll,
        }
    }
}

/// A year's target and how far it has come (完成全年目标任务%). Progress is against the whole
/// year's figure to date, whatever part of the year the dashboard shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TargetProgress {
    pub id: i32,
    pub year: i32,
    pub scope: TargetScope,
    /// The town's id, the programme's or industry's code; empty for the city.
    pub scope_value: String,
    /// The town, programme or industry by name (the city: "全市").
    pub scope_label: String,
    pub kpi: TargetKpi,
    pub target: i64,
    pub actual: i64,
    pub progress: Ratio,
}

/// A year's targets with their progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TargetList {
    pub year: i32,
    /// The years targets may be set or seen for: next year back to 2020.
    pub years: Vec<i32>,
    pub rows: Vec<TargetProgress>,
    pub can_edit: bool,
    pub towns: Vec<TownOption>,
}

/// A filter choice (towns, providers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Choice {
    pub id: i32,
    pub name: String,
}

/// What a breakdown is by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BreakdownBy {
    /// The month the course started (key `1`…`12`).
    Month,
    /// The trainee's town (key: the town's id); all 26, most people first.
    Town,
    /// The course's programme (key: its code).
    Programme,
    /// The course's industry (key: its code); a course may have several.
    Industry,
}

/// One group's main figures; a person is counted once in each group they belong to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BreakdownRow {
    pub key: String,
    pub trained: i64,
    pub completed: i64,
    pub certified: i64,
    /// Completed and working or in business.
    pub working: i64,
}

impl BreakdownBy {
    /// The chart's (and its table's) title.
    pub fn title(self) -> Msg {
        match self {
            BreakdownBy::Month => Msg::ChartByMonth,
            BreakdownBy::Town => Msg::ChartByTown,
            BreakdownBy::Programme => Msg::ChartByProgramme,
            BreakdownBy::Industry => Msg::ChartByIndustry,
        }
    }
}

/// The name of a breakdown's group: "3月", a town's name, a programme or an industry.
pub fn group_label(locale: Locale, by: BreakdownBy, key: &str, towns: &[TownOption]) -> String {
    match by {
        BreakdownBy::Month => locale.fill(Msg::PeriodMonth, key),
        BreakdownBy::Town => key
            .parse::<i32>()
            .ok()
            .and_then(|id| towns.iter().find(|o| o.id == id))
            .map(|o| match locale {
                Locale::En => o.name_en.clone(),
                Locale::ZhCn => o.name_zh.clone(),
            })
            .unwrap_or_default(),
        BreakdownBy::Programme => Programme::parse(key)
            .map(|p| locale.t(p.label()).to_string())
            .unwrap_or_default(),
        BreakdownBy::Industry => Industry::parse(key)
            .map(|i| locale.t(i.label()).to_string())
            .unwrap_or_default(),
    }
}

/// The figures by month, town, programme or industry, for the charts and their tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Breakdown {
    pub by: BreakdownBy,
    pub rows: Vec<BreakdownRow>,
}

/// The dashboard for one set of filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub filter: KpiFilter,
    /// The period's first day, and the last day counted (its end, or today).
    pub from: NaiveDate,
    pub through: NaiveDate,
    pub kpis: Kpis,
    pub funnel: Vec<FunnelStep>,
    /// By month, town, programme and industry.
    pub breakdowns: Vec<Breakdown>,
    /// The year's targets for the filtered scope (none when the filters mix scopes).
    pub targets: Vec<TargetProgress>,
    /// Set for a viewer limited to one town: the town filter cannot be changed.
    pub locked_town: Option<i32>,
    pub years: Vec<i32>,
    pub towns: Vec<TownOption>,
    pub providers: Vec<Choice>,
    /// The viewer may set targets.
    pub can_set_targets: bool,
}

/// One person behind a figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FigurePerson {
    pub trainee_id: i32,
    pub name: String,
    pub town: String,
    pub village: Option<String>,
    /// Seats taken in the cohort's courses.
    pub seats: i64,
    pub completed: bool,
    pub certified: bool,
    /// Their latest outcome since training, if any.
    pub outcome: Option<OutcomeKind>,
    pub jobs_created: i64,
}

impl FigurePerson {
    /// Where they live: the town, and the village when known.
    pub fn place(&self) -> String {
        match &self.village {
            Some(v) if !v.is_empty() => format!("{} · {v}", self.town),
            _ => self.town.clone(),
        }
    }
}

/// A page of the people behind a figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FigurePeople {
    pub filter: KpiFilter,
    pub figure: Figure,
    pub from: NaiveDate,
    pub through: NaiveDate,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub rows: Vec<FigurePerson>,
}

/// A target to set (replacing any for the same year, scope and figure).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TargetInput {
    pub year: Option<i32>,
    pub scope: Option<TargetScope>,
    /// The town's id, or the programme's or industry's code; ignored for the city.
    pub scope_value: String,
    pub kpi: Option<TargetKpi>,
    pub value: Option<i64>,
}

impl crate::form::FormInput for TargetInput {
    fn from_form(form: &mut crate::form::FormData) -> Self {
        TargetInput {
            year: form.parse("year", Msg::ErrYearOutOfRange),
            scope: form.code("scope", TargetScope::parse),
            scope_value: form.text("scope_value"),
            kpi: form.code("kpi", TargetKpi::parse),
            value: form.parse("value", Msg::ErrWholeNumber),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.year.is_none() {
            push_error(&mut errors, "year", Msg::ErrRequired);
        }
        match self.scope {
            None => push_error(&mut errors, "scope", Msg::ErrChoose),
            Some(TargetScope::City) => {}
            Some(TargetScope::Town) => {
                if self.scope_value.parse::<i32>().is_err() {
                    push_error(&mut errors, "scope_value", Msg::ErrChoose);
                }
            }
            Some(TargetScope::Programme) => {
                if Programme::parse(&self.scope_value).is_none() {
                    push_error(&mut errors, "scope_value", Msg::ErrChoose);
                }
            }
            Some(TargetScope::Industry) => {
                if Industry::parse(&self.scope_value).is_none() {
                    push_error(&mut errors, "scope_value", Msg::ErrChoose);
                }
            }
        }
        if self.kpi.is_none() {
            push_error(&mut errors, "kpi", Msg::ErrChoose);
        }
        match self.value {
            None => push_error(&mut errors, "value", Msg::ErrRequired),
            Some(v) if !(1..=MAX_TARGET).contains(&v) => {
                push_error(&mut errors, "value", Msg::ErrTargetRange)
            }
            _ => {}
        }
        errors
    }
}

pub fn period_label(p: Period) -> (Msg, Option<u32>) {
    match p {
        Period::Year => (Msg::PeriodYear, None),
        Period::Quarter(q) => (Msg::PeriodQuarter, Some(q)),
        Period::Month(m) => (Msg::PeriodMonth, Some(m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormInput;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_have_their_days() {
        assert_eq!(
            Period::Year.bounds(2026),
            (day(2026, 1, 1), day(2026, 12, 31))
        );
        assert_eq!(
            Period::Quarter(1).bounds(2024),
            (day(2024, 1, 1), day(2024, 3, 31))
        );
        assert_eq!(
            Period::Month(2).bounds(2024),
            (day(2024, 2, 1), day(2024, 2, 29))
        );
        assert_eq!(
            Period::Month(12).bounds(2025),
            (day(2025, 12, 1), day(2025, 12, 31))
        );
        for p in Period::all() {
            assert_eq!(Period::parse(&p.code()), Some(p));
        }
        assert_eq!(Period::parse("q5"), None);
        assert_eq!(Period::parse("m0"), None);
        assert_eq!(Period::parse("week"), None);
    }

    #[test]
    fn filters_refuse_unknown_values_by_field() {
        let today = day(2026, 11, 28);
        let q = DashboardQuery {
            year: "2031".into(),
            period: "q9".into(),
            town: "abc".into(),
            programme: "cooking".into(),
            industry: "coal".into(),
            provider: "-1".into(),
        };
        let fields: Vec<String> = q
            .parse(today)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "year",
                "period",
                "town",
                "provider",
                "programme",
                "industry"
            ]
        );
        let q = DashboardQuery {
            period: "m12".into(),
            ..Default::default()
        };
        assert_eq!(
            q.parse(today).unwrap_err()[0].message,
            Msg::ErrPeriodNotBegun
        );
        let q = DashboardQuery {
            year: "2025".into(),
            period: "q2".into(),
            town: "7".into(),
            programme: "livestream".into(),
            ..Default::default()
        };
        let f = q.parse(today).unwrap();
        assert_eq!(f.period, Period::Quarter(2));
        assert_eq!(f.town, Some(7));
        assert_eq!(f.query().parse(today).unwrap(), f);
        assert_eq!(f.target_scope(), None);
        assert_eq!(
            KpiFilter::year(2025).target_scope(),
            Some((TargetScope::City, String::new()))
        );
    }

    #[test]
    fn targets_need_a_scope_value_and_a_sensible_number() {
        let errors = TargetInput::read(vec![
            ("year".into(), "2026".into()),
            ("scope".into(), "town".into()),
            ("scope_value".into(), "".into()),
            ("kpi".into(), "trained".into()),
            ("value".into(), "0".into()),
        ])
        .unwrap()
        .validate();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["scope_value", "value"]);
        let ok = TargetInput::read(vec![
            ("year".into(), "2026".into()),
            ("scope".into(), "programme".into()),
            ("scope_value".into(), "livestream".into()),
            ("kpi".into(), "hosts".into()),
            ("value".into(), "120".into()),
        ])
        .unwrap();
        assert!(ok.validate().is_empty());
    }
}
