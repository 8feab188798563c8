//! The training-subsidy claim list (补贴申领): for each course that ended in a year (free to
//! trainees or government-subsidised; the bureau pays the provider for both), the trainees who
//! qualify — completed the course and hold its valid certificate —
//! and whether each was working or in business within six months of completing, which counts
//! for the full amount.

use crate::FieldError;
use crate::dashboard::Choice;
use crate::enums::{Funding, OutcomeKind};
use crate::form::{filter_id, filter_year, push_error, query_string};
use crate::i18n::Msg;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Months after completing within which a job or business counts for the full amount.
pub const FULL_AMOUNT_MONTHS: u32 = 6;

/// The list's filters as typed (query-string values; empty means "this year" / "all").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct SubsidyQuery {
    /// The year the courses ended in (2020 … this year; empty for this year).
    pub year: String,
    /// A provider's organisation id.
    pub provider: String,
    /// One course's id: its trainees are listed.
    pub course: String,
    /// `free` or `subsidised`; empty for both.
    pub funding: String,
}

/// Checked filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubsidyFilter {
    pub year: i32,
    pub provider: Option<i32>,
    pub course: Option<i32>,
    pub funding: Option<Funding>,
}

impl SubsidyFilter {
    pub fn query(&self) -> SubsidyQuery {
        let id = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
        SubsidyQuery {
            year: self.year.to_string(),
            provider: id(self.provider),
            course: id(self.course),
            funding: self
                .funding
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
        }
    }
}

impl SubsidyQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let v = |k: &str| get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        SubsidyQuery {
            year: v("year"),
            provider: v("provider"),
            course: v("course"),
            funding: v("funding"),
        }
    }

    /// The query string (without the leading `?`).
    pub fn to_params(&self) -> String {
        query_string(&[
            ("year", &self.year),
            ("provider", &self.provider),
            ("course", &self.course),
            ("funding", &self.funding),
        ])
    }

    /// Reads the filters; whether the provider and course exist is the service's check.
    pub fn parse(&self, today: NaiveDate) -> Result<SubsidyFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let year = filter_year(&mut errors, &self.year, today.year());
        let provider = filter_id(&mut errors, "provider", &self.provider);
        let course = filter_id(&mut errors, "course", &self.course);
        let funding = match self.funding.trim() {
            "" => None,
            f => {
                let found = Funding::parse(f);
                if found.is_none() {
                    push_error(&mut errors, "funding", Msg::ErrChoose);
                }
                found
            }
        };
        if errors.is_empty() {
            Ok(SubsidyFilter {
                year,
                provider,
                course,
                funding,
            })
        } else {
            Err(errors)
        }
    }
}

/// Where a qualifying trainee stands for the full amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FullAmount {
    /// Working or in business within six months of completing.
    Yes,
    /// Six months have passed without a job or business on record.
    No,
    /// Not yet: the six months are still running.
    Pending,
}

impl FullAmount {
    pub fn label(self) -> Msg {
        match self {
            FullAmount::Yes => Msg::SubsidyFullYes,
            FullAmount::No => Msg::SubsidyFullNo,
            FullAmount::Pending => Msg::SubsidyFullPending,
        }
    }
}

/// A course on the list with its counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubsidyCourse {
    pub course_id: i32,
    pub title: String,
    pub provider_id: i32,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub funding: Funding,
    /// Seats taken (enrolled, completed or not completed).
    pub seats: u32,
    pub completed: u32,
    /// Completed and holding the course's valid certificate.
    pub qualifying: u32,
    /// Of those, working or in business within six months.
    pub full: u32,
    /// Of those, still within the six months without a job or business on record.
    pub pending: u32,
}

/// A qualifying trainee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubsidyPerson {
    pub trainee_id: i32,
    pub course_id: i32,
    pub name: String,
    pub id_number_masked: String,
    pub town: String,
    pub completed_on: NaiveDate,
    pub certificate: String,
    /// The last day a job or business counts for the full amount.
    pub window_ends: NaiveDate,
    pub full: FullAmount,
    /// The job or business that counts, and its date.
    pub outcome: Option<OutcomeKind>,
    pub outcome_on: Option<NaiveDate>,
}

/// The list for the filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubsidyList {
    pub filter: SubsidyFilter,
    pub years: Vec<i32>,
    /// The providers the viewer may choose (a provider's staff: only their own).
    pub providers: Vec<Choice>,
    /// The provider is fixed (a provider's staff).
    pub locked_provider: bool,
    pub courses: Vec<SubsidyCourse>,
    pub qualifying: u32,
    pub full: u32,
    pub pending: u32,
    /// With a course chosen: its qualifying trainees.
    pub people: Vec<SubsidyPerson>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked_by_field() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let q = |year: &str, provider: &str, course: &str| SubsidyQuery {
            year: year.into(),
            provider: provider.into(),
            course: course.into(),
            funding: String::new(),
        };
        assert_eq!(
            q("", "", "").parse(today),
            Ok(SubsidyFilter {
                year: 2027,
                provider: None,
                course: None,
                funding: None,
            })
        );
        let fields = |q: SubsidyQuery| -> Vec<String> {
            q.parse(today)
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields(q("2028", "x", "-1")), ["year", "provider", "course"]);
        assert_eq!(fields(q("2019", "", "")), ["year"]);
        let mut bad = q("", "", "");
        bad.funding = "paid".into();
        assert_eq!(fields(bad), ["funding"]);
        assert_eq!(
            q("2026", "4", "9")
                .parse(today)
                .unwrap()
                .query()
                .to_params(),
            "year=2026&provider=4&course=9"
        );
    }
}
