//! A base's yearly KPIs (基地考核指标) and the events it held: what the bureau asks of every
//! incubation base, livestream base and internship enterprise each year, computed from the
//! placements, places, outcomes and events on record — never typed in.

use crate::enums::{BaseEventKind, OrganisationKind, PlacementKind, PlacementStatus};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_EVENT_TITLE: usize = 100;
pub const MAX_EVENT_NOTES: usize = 1_000;
pub const MAX_PARTICIPANTS: i32 = 100_000;
/// The first year the KPIs may be asked for.
pub const FIRST_YEAR: i32 = 2020;

/// A share: `num` of `den`. No denominator means no rate ("—"), not 0 %.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Ratio {
    pub num: i64,
    pub den: i64,
}

impl Ratio {
    /// One case: a success or not.
    pub fn one(success: bool) -> Ratio {
        Ratio {
            num: i64::from(success),
            den: 1,
        }
    }

    pub fn percent(self) -> Option<f64> {
        (self.den > 0).then(|| self.num as f64 * 100.0 / self.den as f64)
    }

    /// "77.8%", or "—" without a denominator.
    pub fn shown(self) -> String {
        match self.percent() {
            Some(p) => format!("{p:.1}%"),
            None => "—".to_string(),
        }
    }
}

impl std::ops::Add for Ratio {
    type Output = Ratio;

    fn add(self, other: Ratio) -> Ratio {
        Ratio {
            num: self.num + other.num,
            den: self.den + other.den,
        }
    }
}

/// One base's figures for one year (to today, for the current year).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseKpis {
    /// The organisation; 0 in a total row.
    pub organisation_id: i32,
    pub base: String,
    pub kind: Option<OrganisationKind>,
    pub town: String,
    /// People (businesses, teams) placed at the base at any time in the year (在孵/在岗).
    pub in_incubation: i64,
    /// Placements that started in the year (新入驻).
    pub new_entrants: i64,
    /// Incubation and livestream placements that reached one year in the year: still operating
    /// a business then (not left before the year was up, and the person's latest outcome is a
    /// business, self-employment, online shop or livestream work) of all of them (孵化成功率).
    pub success: Ratio,
    /// Placements that ended in the year: graduated by the end of their place's period, of
    /// all that ended (graduated or left) (按期出园率).
    pub on_schedule: Ratio,
    /// Place-days occupied by placements of place-days offered by the base's places, in the
    /// year (工位使用率).
    pub utilisation: Ratio,
    /// Jobs created (带动就业) by the people in incubation in the year, from each person's latest
    /// outcome by the end of the year (recorded after they started at the base).
    pub jobs_created: i64,
    /// Events held in the year (举办活动) and the people who came.
    pub events: i64,
    pub participants: i64,
}

impl BaseKpis {
    /// Adds another base's figures (for a total row).
    pub fn add(&mut self, other: &BaseKpis) {
        self.in_incubation += other.in_incubation;
        self.new_entrants += other.new_entrants;
        self.success = self.success + other.success;
        self.on_schedule = self.on_schedule + other.on_schedule;
        self.utilisation = self.utilisation + other.utilisation;
        self.jobs_created += other.jobs_created;
        self.events += other.events;
        self.participants += other.participants;
    }
}

/// Every base's KPIs for a year, with their total.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseKpiList {
    pub year: i32,
    /// The years that may be chosen, newest first.
    pub years: Vec<i32>,
    /// The last day counted: 31 December, or today in the current year.
    pub through: NaiveDate,
    pub rows: Vec<BaseKpis>,
    pub total: BaseKpis,
}

/// How one placement counts into its base's figures for the year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountedPlacement {
    pub id: i32,
    pub trainee_id: i32,
    pub person: String,
    pub place: String,
    pub kind: PlacementKind,
    pub status: PlacementStatus,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Started in the year.
    pub new_entrant: bool,
    /// Reached one year in the year: `Some(true)` when counted a success.
    pub success: Option<bool>,
    /// Ended in the year: `Some(true)` when graduated on schedule.
    pub on_schedule: Option<bool>,
    /// Place-days in the year.
    pub days: i64,
    /// The person's jobs created, counted once per person (on their first row).
    pub jobs_created: i64,
}

/// An event a base held.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseEventRow {
    pub id: i32,
    pub held_on: NaiveDate,
    pub kind: BaseEventKind,
    pub title: String,
    pub participants: i32,
    pub notes: Option<String>,
    pub recorded_by: String,
}

/// One base's KPIs for a year with the placements and events behind them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseReport {
    pub year: i32,
    pub years: Vec<i32>,
    pub through: NaiveDate,
    pub kpis: BaseKpis,
    pub placements: Vec<CountedPlacement>,
    pub events: Vec<BaseEventRow>,
    /// The viewer may record and remove events.
    pub can_record: bool,
}

/// An event to record.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BaseEventInput {
    pub held_on: Option<NaiveDate>,
    pub kind: Option<BaseEventKind>,
    pub title: String,
    /// How many people came (0–100000).
    pub participants: Option<i32>,
    pub notes: String,
}

impl FormInput for BaseEventInput {
    fn from_form(form: &mut FormData) -> Self {
        BaseEventInput {
            held_on: form.parse("held_on", Msg::ErrDate),
            kind: form.code("kind", BaseEventKind::parse),
            title: form.text("title"),
            participants: form.parse("participants", Msg::ErrWholeNumber),
            notes: form.raw("notes"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.held_on.is_none() {
            push_error(&mut errors, "held_on", Msg::ErrRequired);
        }
        if self.kind.is_none() {
            push_error(&mut errors, "kind", Msg::ErrChoose);
        }
        check_text(&mut errors, "title", &self.title, true, MAX_EVENT_TITLE);
        match self.participants {
            None => push_error(&mut errors, "participants", Msg::ErrRequired),
            Some(n) if !(0..=MAX_PARTICIPANTS).contains(&n) => {
                push_error(&mut errors, "participants", Msg::ErrParticipants)
            }
            _ => {}
        }
        check_text(&mut errors, "notes", &self.notes, false, MAX_EVENT_NOTES);
        errors
    }
}

/// The chosen year from a query value: a number in range, else `None` (the caller refuses
/// it or uses the current year when nothing was given).
pub fn parse_year(text: &str, current: i32) -> Result<Option<i32>, Msg> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i32>() {
        Ok(y) if (FIRST_YEAR..=current).contains(&y) => Ok(Some(y)),
        _ => Err(Msg::ErrYearOutOfRange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_show_a_dash_without_a_denominator() {
        assert_eq!(Ratio { num: 0, den: 0 }.shown(), "—");
        assert_eq!(Ratio { num: 7, den: 9 }.shown(), "77.8%");
        assert_eq!(Ratio { num: 0, den: 4 }.shown(), "0.0%");
        assert_eq!(
            Ratio { num: 1, den: 2 } + Ratio { num: 2, den: 3 },
            Ratio { num: 3, den: 5 }
        );
    }

    #[test]
    fn years_in_range_only() {
        assert_eq!(parse_year("", 2026), Ok(None));
        assert_eq!(parse_year(" 2025 ", 2026), Ok(Some(2025)));
        assert_eq!(parse_year("2027", 2026), Err(Msg::ErrYearOutOfRange));
        assert_eq!(parse_year("2019", 2026), Err(Msg::ErrYearOutOfRange));
        assert_eq!(parse_year("last", 2026), Err(Msg::ErrYearOutOfRange));
    }

    #[test]
    fn events_refuse_bad_fields() {
        let input = BaseEventInput::read(vec![
            ("held_on".into(), "2026-02-30".into()),
            ("kind".into(), "party".into()),
            ("title".into(), " ".into()),
            ("participants".into(), "-3".into()),
        ])
        .unwrap_err();
        let fields: Vec<&str> = input.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["held_on", "kind", "title", "participants"]);
        let input = BaseEventInput::read(vec![
            ("held_on".into(), "2026-03-08".into()),
            ("kind".into(), "salon".into()),
            ("title".into(), "直播选品沙龙".into()),
            ("participants".into(), "40".into()),
        ])
        .unwrap();
        assert!(input.validate().is_empty());
        let too_many = BaseEventInput {
            participants: Some(MAX_PARTICIPANTS + 1),
            ..input
        };
        assert_eq!(too_many.validate()[0].field, "participants");
    }
}
