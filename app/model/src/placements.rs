//! Bases' places, applications and placements on the wire.

use crate::enums::{OrganisationKind, PlaceStatus, PlacementKind, PlacementStatus};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, check_text, push_error};
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The most places one listing may offer.
pub const MAX_CAPACITY: i32 = 1_000;
pub const MAX_TITLE: usize = 100;
pub const MAX_TEXT: usize = 2_000;
/// An applicant's statement (申请说明), in characters.
pub const MAX_STATEMENT: usize = 500;
pub const MAX_REASON: usize = 500;
pub const MAX_STATION: usize = 50;
/// At most this many courses qualify for one place.
pub const MAX_COURSES: usize = 20;

/// What a base offers with a place (扶持政策).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Support {
    /// 免费场地
    FreeSpace,
    /// 设备
    Equipment,
    /// 导师辅导
    Mentoring,
    /// 流量扶持
    Traffic,
}

impl Support {
    pub const ALL: &[Self] = &[
        Self::FreeSpace,
        Self::Equipment,
        Self::Mentoring,
        Self::Traffic,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::FreeSpace => "free_space",
            Self::Equipment => "equipment",
            Self::Mentoring => "mentoring",
            Self::Traffic => "traffic",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            Self::FreeSpace => Msg::SupportFreeSpace,
            Self::Equipment => Msg::SupportEquipment,
            Self::Mentoring => Msg::SupportMentoring,
            Self::Traffic => Msg::SupportTraffic,
        }
    }

    /// The stored form: codes joined by commas, in display order, each once.
    pub fn join(list: &[Support]) -> String {
        Self::ALL
            .iter()
            .filter(|s| list.contains(s))
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads the stored form; unknown codes are skipped.
    pub fn split(stored: &str) -> Vec<Support> {
        stored.split(',').filter_map(Support::parse).collect()
    }
}

/// A base publishes (or edits) a place.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PlaceInput {
    pub kind: Option<PlacementKind>,
    pub title: String,
    pub description: String,
    pub requirements: String,
    pub support: Vec<Support>,
    pub capacity: Option<i32>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Applicants must hold a valid certificate (of one of `course_ids`, when any are given).
    pub requires_certificate: bool,
    /// Courses whose completion qualifies.
    pub course_ids: Vec<i32>,
}

impl FormInput for PlaceInput {
    fn from_form(form: &mut FormData) -> Self {
        PlaceInput {
            kind: form.code("kind", PlacementKind::parse),
            title: form.text("title"),
            description: form.raw("description"),
            requirements: form.raw("requirements"),
            support: form
                .multi("support")
                .iter()
                .filter_map(|s| Support::parse(s))
                .collect(),
            capacity: form.parse("capacity", Msg::ErrWholeNumber),
            starts_on: form.parse("starts_on", Msg::ErrDate),
            ends_on: form.parse("ends_on", Msg::ErrDate),
            requires_certificate: form.flag("requires_certificate"),
            course_ids: form
                .multi("course_ids")
                .iter()
                .filter_map(|s| s.trim().parse().ok())
                .collect(),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.kind.is_none() {
            push_error(&mut errors, "kind", Msg::ErrChoose);
        }
        check_text(&mut errors, "title", &self.title, true, MAX_TITLE);
        check_text(
            &mut errors,
            "description",
            &self.description,
            false,
            MAX_TEXT,
        );
        check_text(
            &mut errors,
            "requirements",
            &self.requirements,
            false,
            MAX_TEXT,
        );
        match self.capacity {
            None => push_error(&mut errors, "capacity", Msg::ErrRequired),
            Some(n) if !(1..=MAX_CAPACITY).contains(&n) => {
                push_error(&mut errors, "capacity", Msg::ErrPlaceCapacity)
            }
            _ => {}
        }
        match (self.starts_on, self.ends_on) {
            (None, _) => push_error(&mut errors, "starts_on", Msg::ErrRequired),
            (Some(_), None) => push_error(&mut errors, "ends_on", Msg::ErrRequired),
            (Some(s), Some(e)) if e < s => {
                push_error(&mut errors, "ends_on", Msg::ErrEndBeforeStart)
            }
            _ => {}
        }
        if self.course_ids.len() > MAX_COURSES {
            push_error(&mut errors, "course_ids", Msg::ErrTooMany);
        }
        errors
    }
}

/// A trainee's application.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ApplyInput {
    /// Why the applicant wants the place and what they bring (申请说明).
    pub statement: String,
}

impl FormInput for ApplyInput {
    fn from_form(form: &mut FormData) -> Self {
        ApplyInput {
            statement: form.raw("statement"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(
            &mut errors,
            "statement",
            &self.statement,
            true,
            MAX_STATEMENT,
        );
        errors
    }
}

/// A base's decision on an application.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DecisionInput {
    pub accept: bool,
    /// When the placement starts (acceptance).
    pub start_date: Option<NaiveDate>,
    /// The station, room or desk (acceptance).
    pub station: String,
    /// Why not (rejection; required).
    pub reason: String,
}

impl FormInput for DecisionInput {
    fn from_form(form: &mut FormData) -> Self {
        DecisionInput {
            accept: form.text("decision") == "accept",
            start_date: form.parse("start_date", Msg::ErrDate),
            station: form.text("station"),
            reason: form.raw("reason"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.accept {
            if self.start_date.is_none() {
                push_error(&mut errors, "start_date", Msg::ErrRequired);
            }
            check_text(&mut errors, "station", &self.station, false, MAX_STATION);
            check_text(&mut errors, "reason", &self.reason, false, MAX_REASON);
        } else {
            check_text(&mut errors, "reason", &self.reason, true, MAX_REASON);
        }
        errors
    }
}

/// How a placement ends.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EndInput {
    /// `graduated` (出园/结业) or `left`.
    pub status: Option<PlacementStatus>,
    pub end_date: Option<NaiveDate>,
    /// Required when the person left.
    pub reason: String,
}

impl FormInput for EndInput {
    fn from_form(form: &mut FormData) -> Self {
        EndInput {
            status: form.code("status", PlacementStatus::parse),
            end_date: form.parse("end_date", Msg::ErrDate),
            reason: form.raw("reason"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        match self.status {
            Some(PlacementStatus::Graduated | PlacementStatus::Left) => {}
            _ => push_error(&mut errors, "status", Msg::ErrChoose),
        }
        if self.end_date.is_none() {
            push_error(&mut errors, "end_date", Msg::ErrRequired);
        }
        let required = self.status == Some(PlacementStatus::Left);
        check_text(&mut errors, "reason", &self.reason, required, MAX_REASON);
        errors
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CourseRef {
    pub id: i32,
    pub title: String,
}

/// A place as anyone may read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlaceSummary {
    pub id: i32,
    pub base_id: i32,
    pub base: String,
    pub base_kind: OrganisationKind,
    pub town: String,
    pub kind: PlacementKind,
    pub title: String,
    pub description: Option<String>,
    pub requirements: Option<String>,
    pub support: Vec<Support>,
    pub capacity: i32,
    /// Places not held by an active placement.
    pub left: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub requires_certificate: bool,
    /// Courses whose completion (or certificate) qualifies.
    pub courses: Vec<CourseRef>,
    pub status: PlaceStatus,
    /// Open, not yet over and with a place left.
    pub taking_applications: bool,
}

/// A base with its open places, on the public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseCard {
    pub id: i32,
    pub name: String,
    pub kind: OrganisationKind,
    pub town: String,
    pub places: Vec<PlaceSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicPlaces {
    pub bases: Vec<BaseCard>,
    /// Places open for applications, in all.
    pub open_places: i64,
}

/// The viewer's own application for a place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MyApplication {
    pub id: i32,
    pub place_id: Option<i32>,
    pub place: String,
    pub base: String,
    pub kind: PlacementKind,
    pub status: PlacementStatus,
    pub statement: Option<String>,
    /// The day applied (Beijing time).
    pub applied_on: NaiveDate,
    pub decision_reason: Option<String>,
    pub station: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
}

/// A place's public page, with what the viewer may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlacePage {
    pub place: PlaceSummary,
    /// The viewer's live application for this place, if any.
    pub mine: Option<MyApplication>,
    /// A trainee could apply now.
    pub can_apply: bool,
    /// Why a signed-in trainee cannot apply (full, closed, certificate needed, …), as a
    /// message key such as `ErrPlaceFull`.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub blocked: Option<Msg>,
    /// The viewer's organisation runs this place.
    pub manages: bool,
}

/// An application or placement as its base (or the bureau) sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlacementRow {
    pub id: i32,
    pub trainee_id: i32,
    pub name: String,
    pub town: String,
    pub place_id: Option<i32>,
    pub place: String,
    pub base_id: i32,
    pub base: String,
    pub kind: PlacementKind,
    pub status: PlacementStatus,
    pub statement: Option<String>,
    /// Valid certificates the person holds (numbers).
    pub certificates: Vec<String>,
    /// The day applied (Beijing time).
    pub applied_on: NaiveDate,
    pub decision_reason: Option<String>,
    pub station: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
    /// The viewer may accept or reject it now.
    pub can_decide: bool,
    /// The viewer may record its end now.
    pub can_end: bool,
}

/// A place with its counts, in a base's (or the bureau's) list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagedPlaceRow {
    pub place: PlaceSummary,
    /// Applications waiting for a decision.
    pub waiting: i64,
    /// Active placements.
    pub active: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagedPlaces {
    pub rows: Vec<ManagedPlaceRow>,
    /// The viewer's organisation may publish places.
    pub can_publish: bool,
    /// Courses a place may name as qualifying (approved and later).
    pub courses: Vec<CourseRef>,
}

/// One place with its applications and placements, for its base or the bureau.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ManagedPlace {
    pub place: PlaceSummary,
    pub rows: Vec<PlacementRow>,
    /// The viewer may edit, close and reopen the place.
    pub can_edit: bool,
    pub courses: Vec<CourseRef>,
}

/// Placements across bases (bureau: all; base staff: theirs), newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlacementList {
    pub rows: Vec<PlacementRow>,
    /// Rows matching the filter (the list shows at most the first 500).
    pub total: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_codes_round_trip_in_display_order() {
        let stored = Support::join(&[Support::Traffic, Support::FreeSpace, Support::Traffic]);
        assert_eq!(stored, "free_space,traffic");
        assert_eq!(
            Support::split(&stored),
            vec![Support::FreeSpace, Support::Traffic]
        );
        assert_eq!(
            Support::split("nonsense,,mentoring"),
            vec![Support::Mentoring]
        );
    }

    #[test]
    fn a_decision_and_an_end_say_what_is_missing() {
        let reject = DecisionInput {
            accept: false,
            ..Default::default()
        };
        assert_eq!(reject.validate()[0].field, "reason");
        let accept = DecisionInput {
            accept: true,
            ..Default::default()
        };
        assert_eq!(accept.validate()[0].field, "start_date");
        let left = EndInput {
            status: Some(PlacementStatus::Left),
            end_date: "2027-05-01".parse().ok(),
            reason: " ".into(),
        };
        assert_eq!(left.validate()[0].field, "reason");
        let graduated = EndInput {
            status: Some(PlacementStatus::Graduated),
            end_date: "2027-05-01".parse().ok(),
            reason: String::new(),
        };
        assert!(graduated.validate().is_empty());
        let active = EndInput {
            status: Some(PlacementStatus::Active),
            ..graduated
        };
        assert_eq!(active.validate()[0].field, "status");
    }
}
