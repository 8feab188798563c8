//! Public honour selections on the wire: rounds (诚信带货主播, 文明诚信电商), nominations, scores,
//! violations, the public notice (公示) with its objections, and the honour list.
//!
//! Nothing public here carries a phone number or an ID number: candidates appear by name,
//! town and business; an objection's contact details reach bureau admins only.

use crate::accounts::{normalise_phone, phone_is_valid};
use crate::enums::{
    NominationStatus, ObjectionStatus, RoundStatus, SelectionKind, ViolationEffect,
};
use crate::errors::FieldError;
use crate::form::{FormData, FormInput, chars, check_text, push_error};
use crate::i18n::Msg;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 100;
pub const MAX_CRITERIA: usize = 5_000;
pub const MAX_REASON: usize = 1_000;
pub const MAX_BUSINESS: usize = 100;
pub const MAX_COMMENT: usize = 500;
pub const MAX_SOURCE: usize = 100;
pub const MAX_DESCRIPTION: usize = 1_000;
pub const MAX_OBJECTION: usize = 500;
pub const MIN_OBJECTION: usize = 5;
pub const MAX_CONTACT_NAME: usize = 30;
pub const MAX_REPLY: usize = 500;
/// A public notice lasts 1 to 30 days; 7 unless the bureau says otherwise.
pub const NOTICE_DAYS: std::ops::RangeInclusive<i32> = 1..=30;
pub const DEFAULT_NOTICE_DAYS: i32 = 7;
/// Scores are out of 100.
pub const MAX_SCORE: i32 = 100;
/// The shortlist holds at most this many.
pub const MAX_SHORTLIST: usize = 200;

/// A round to open, or its changes while it takes nominations.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RoundInput {
    pub kind: Option<SelectionKind>,
    pub year: Option<i32>,
    pub title: String,
    /// What candidates are scored against.
    pub criteria: String,
    /// How long the shortlist stays on public notice (1–30 days).
    pub notice_days: Option<i32>,
}

impl FormInput for RoundInput {
    fn from_form(form: &mut FormData) -> Self {
        RoundInput {
            kind: form.code("kind", SelectionKind::parse),
            year: form.parse("year", Msg::ErrWholeNumber),
            title: form.text("title"),
            criteria: form.raw("criteria"),
            notice_days: form.parse("notice_days", Msg::ErrWholeNumber),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.kind.is_none() {
            push_error(&mut errors, "kind", Msg::ErrChoose);
        }
        match self.year {
            None => push_error(&mut errors, "year", Msg::ErrRequired),
            Some(y) if !(crate::bases::FIRST_YEAR..=2100).contains(&y) => {
                push_error(&mut errors, "year", Msg::ErrRoundYear)
            }
            _ => {}
        }
        check_text(&mut errors, "title", &self.title, true, MAX_TITLE);
        check_text(&mut errors, "criteria", &self.criteria, true, MAX_CRITERIA);
        match self.notice_days {
            None => push_error(&mut errors, "notice_days", Msg::ErrRequired),
            Some(d) if !NOTICE_DAYS.contains(&d) => {
                push_error(&mut errors, "notice_days", Msg::ErrNoticeDays)
            }
            _ => {}
        }
        errors
    }
}

/// A nomination: a partner or the bureau names a trainee; a trainee applying leaves
/// `trainee_id` empty.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NominationInput {
    pub trainee_id: Option<i32>,
    /// The shop or business the honour is for (required in business rounds).
    pub business_name: String,
    /// Why they deserve it, against the round's criteria.
    pub reason: String,
}

impl FormInput for NominationInput {
    fn from_form(form: &mut FormData) -> Self {
        NominationInput {
            trainee_id: form.parse("trainee_id", Msg::ErrChoose),
            business_name: form.text("business_name"),
            reason: form.raw("reason"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(
            &mut errors,
            "business_name",
            &self.business_name,
            false,
            MAX_BUSINESS,
        );
        check_text(&mut errors, "reason", &self.reason, true, MAX_REASON);
        errors
    }
}

/// A reviewer's score for a nomination; scoring again replaces it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ScoreInput {
    /// 0–100.
    pub score: Option<i32>,
    pub comment: String,
}

impl FormInput for ScoreInput {
    fn from_form(form: &mut FormData) -> Self {
        ScoreInput {
            score: form.parse("score", Msg::ErrWholeNumber),
            comment: form.raw("comment"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        match self.score {
            None => push_error(&mut errors, "score", Msg::ErrRequired),
            Some(s) if !(0..=MAX_SCORE).contains(&s) => {
                push_error(&mut errors, "score", Msg::ErrScoreRange)
            }
            _ => {}
        }
        check_text(&mut errors, "comment", &self.comment, false, MAX_COMMENT);
        errors
    }
}

/// A complaint or violation to record against a candidate.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ViolationInput {
    /// Where it comes from, e.g. a market-supervision notice's number.
    pub source: String,
    pub description: String,
    pub effect: Option<ViolationEffect>,
    /// Points taken off (1–100) for a deduction; ignored for a block.
    pub points: Option<i32>,
}

impl FormInput for ViolationInput {
    fn from_form(form: &mut FormData) -> Self {
        ViolationInput {
            source: form.text("source"),
            description: form.raw("description"),
            effect: form.code("effect", ViolationEffect::parse),
            points: form.parse("points", Msg::ErrWholeNumber),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(&mut errors, "source", &self.source, true, MAX_SOURCE);
        check_text(
            &mut errors,
            "description",
            &self.description,
            true,
            MAX_DESCRIPTION,
        );
        match (self.effect, self.points) {
            (None, _) => push_error(&mut errors, "effect", Msg::ErrChoose),
            (Some(ViolationEffect::Deduct), None) => {
                push_error(&mut errors, "points", Msg::ErrRequired)
            }
            (Some(ViolationEffect::Deduct), Some(p)) if !(1..=MAX_SCORE).contains(&p) => {
                push_error(&mut errors, "points", Msg::ErrDeductionRange)
            }
            _ => {}
        }
        errors
    }
}

/// The shortlist to put on public notice.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NoticeInput {
    /// The nominations on the shortlist.
    pub shortlist: Vec<i32>,
}

/// What anyone may send while a shortlist is on notice. The contact details are kept for the
/// bureau and never published.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ObjectionInput {
    /// The candidate objected to, if any.
    pub nomination_id: Option<i32>,
    pub body: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// Whether a text looks like markup or a script rather than words: objections are plain text.
pub fn looks_like_markup(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.contains('<')
        || text.contains('>')
        || lower.contains("javascript:")
        || lower.contains("&#")
        || lower.contains("onerror=")
}

impl FormInput for ObjectionInput {
    fn from_form(form: &mut FormData) -> Self {
        ObjectionInput {
            nomination_id: form.parse("nomination_id", Msg::ErrChoose),
            body: form.raw("body"),
            contact_name: form.text("contact_name"),
            contact_phone: normalise_phone(&form.text("contact_phone")),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let body = self.body.trim();
        if body.is_empty() {
            push_error(&mut errors, "body", Msg::ErrRequired);
        } else if chars(body) > MAX_OBJECTION {
            push_error(&mut errors, "body", Msg::ErrObjectionTooLong);
        } else if chars(body) < MIN_OBJECTION {
            push_error(&mut errors, "body", Msg::ErrObjectionTooShort);
        } else if looks_like_markup(body) {
            push_error(&mut errors, "body", Msg::ErrNoMarkup);
        }
        check_text(&mut errors, "body", &self.body, true, usize::MAX);
        check_text(
            &mut errors,
            "contact_name",
            &self.contact_name,
            true,
            MAX_CONTACT_NAME,
        );
        if looks_like_markup(&self.contact_name) {
            push_error(&mut errors, "contact_name", Msg::ErrNoMarkup);
        }
        let phone = normalise_phone(&self.contact_phone);
        if phone.is_empty() {
            push_error(&mut errors, "contact_phone", Msg::ErrRequired);
        } else if !phone_is_valid(&phone) {
            push_error(&mut errors, "contact_phone", Msg::ErrPhoneFormat);
        }
        errors
    }
}

/// The bureau's answer to an objection.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ObjectionDecision {
    /// Upheld: the candidate named is not honoured.
    pub upheld: Option<bool>,
    /// What was found, for the record.
    pub reply: String,
}

impl FormInput for ObjectionDecision {
    fn from_form(form: &mut FormData) -> Self {
        ObjectionDecision {
            upheld: match form.text("upheld").as_str() {
                "true" | "1" | "yes" => Some(true),
                "false" | "0" | "no" => Some(false),
                _ => None,
            },
            reply: form.raw("reply"),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.upheld.is_none() {
            push_error(&mut errors, "upheld", Msg::ErrChoose);
        }
        check_text(&mut errors, "reply", &self.reply, true, MAX_REPLY);
        errors
    }
}

/// A round in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundRow {
    pub id: i32,
    pub kind: SelectionKind,
    pub year: i32,
    pub title: String,
    pub status: RoundStatus,
    pub notice_days: i32,
    pub notice_starts_at: Option<DateTime<Utc>>,
    pub notice_ends_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// Nominations the viewer can see (all for the bureau, their own for partners and trainees).
    pub nominations: u64,
}

/// The rounds an actor may see, with what they may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundList {
    pub rows: Vec<RoundRow>,
    /// The viewer may open rounds.
    pub can_open: bool,
}

/// A score as the bureau sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoreRow {
    pub reviewer: String,
    pub score: i32,
    pub comment: Option<String>,
    pub scored_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ViolationRow {
    pub id: i32,
    pub source: String,
    pub description: String,
    pub effect: ViolationEffect,
    pub points: i32,
    pub recorded_at: DateTime<Utc>,
}

/// A nomination with its scores and violations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NominationRow {
    pub id: i32,
    pub trainee_id: i32,
    pub name: String,
    pub town: String,
    pub business_name: Option<String>,
    pub reason: String,
    /// The partner that nominated; empty when the bureau did or the person applied.
    pub nominated_by: String,
    pub self_applied: bool,
    pub status: NominationStatus,
    /// Reviewers' scores (bureau only; empty for others).
    pub scores: Vec<ScoreRow>,
    /// The mean of the reviewers' scores, less deductions (not below 0); none before any score.
    pub final_score: Option<f64>,
    /// The viewer's own score, if they reviewed it.
    pub my_score: Option<i32>,
    pub violations: Vec<ViolationRow>,
    /// A violation rules the candidate out.
    pub blocked: bool,
    /// An objection against them was upheld.
    pub objection_upheld: bool,
    /// The honour certificate's verification code, once honoured (bureau and the person).
    pub certificate_code: Option<String>,
}

/// An objection as the bureau sees it (with the contact details).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ObjectionRow {
    pub id: i32,
    pub nomination_id: Option<i32>,
    /// The candidate's name, if one was named.
    pub candidate: Option<String>,
    pub body: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub status: ObjectionStatus,
    pub reply: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One round with everything the viewer may see of it and do with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundDetail {
    pub round: RoundRow,
    pub criteria: String,
    pub nominations: Vec<NominationRow>,
    /// Objections (bureau admins only).
    pub objections: Vec<ObjectionRow>,
    /// The viewer may change the round, record violations, put it on notice, decide
    /// objections and publish.
    pub can_manage: bool,
    pub can_score: bool,
    /// The viewer may nominate (partners, the bureau) or apply (trainees) now.
    pub can_nominate: bool,
    /// The viewer is a trainee: nominating is applying for themselves.
    pub applies: bool,
    /// People a partner may nominate (those linked to their organisation), or everyone who
    /// may be nominated for the bureau (the first few hundred).
    pub candidates: Vec<CandidateOption>,
}

/// Someone who may be nominated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CandidateOption {
    pub trainee_id: i32,
    pub name: String,
    pub town: String,
}

/// A candidate as the public sees them: no phone, no ID number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicCandidate {
    pub nomination_id: i32,
    pub name: String,
    pub town: String,
    pub business_name: Option<String>,
    pub final_score: Option<f64>,
}

/// A round's public notice (公示) or published result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicNotice {
    pub id: i32,
    pub kind: SelectionKind,
    pub year: i32,
    pub title: String,
    pub criteria: String,
    pub status: RoundStatus,
    pub notice_starts_at: DateTime<Utc>,
    pub notice_ends_at: DateTime<Utc>,
    /// Objections are taken now.
    pub taking_objections: bool,
    /// Where the notice stands now: not begun, running, over (result to follow), published.
    pub phase: NoticePhase,
    /// The shortlist on notice; after publication, those honoured.
    pub candidates: Vec<PublicCandidate>,
}

/// Where a public notice stands, as visitors read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticePhase {
    /// The notice period has not begun.
    Upcoming,
    /// On notice now (objections taken).
    OnNotice,
    /// The period is over and the result not yet published.
    Ended,
    Published,
}

impl NoticePhase {
    pub fn of(
        status: RoundStatus,
        starts: DateTime<Utc>,
        ends: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        match status {
            RoundStatus::Published => Self::Published,
            _ if now < starts => Self::Upcoming,
            _ if now < ends => Self::OnNotice,
            _ => Self::Ended,
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Self::Upcoming => Msg::RoundNoticeUpcoming,
            Self::OnNotice => Msg::RoundNotice,
            Self::Ended => Msg::RoundNoticeEnded,
            Self::Published => Msg::RoundPublished,
        }
    }
}

/// Rounds on public notice now and published results, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicNotices {
    pub notices: Vec<PublicNotice>,
    pub honours: Vec<PublicNotice>,
}

/// A moment as Yuzhou reads it (UTC+8): `2027-03-01 09:00`.
pub fn local_minute(t: DateTime<Utc>) -> String {
    t.with_timezone(&yuzhou())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The day of a moment in Yuzhou: `2027-03-01`.
pub fn local_day(t: DateTime<Utc>) -> String {
    t.with_timezone(&yuzhou()).format("%Y-%m-%d").to_string()
}

fn yuzhou() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: Vec<FieldError>) -> Vec<(String, Msg)> {
        errors.into_iter().map(|e| (e.field, e.message)).collect()
    }

    #[test]
    fn objections_are_plain_text_of_a_bounded_length_with_a_mobile_number() {
        let ok = ObjectionInput {
            nomination_id: None,
            body: "该主播曾销售假冒钧瓷，有购物记录为证。".into(),
            contact_name: "王五".into(),
            contact_phone: "138 0000 1234".into(),
        };
        assert!(ok.validate().is_empty());
        let script = ObjectionInput {
            body: "<script>alert(1)</script> 不实".into(),
            ..ok.clone()
        };
        assert_eq!(
            fields(script.validate()),
            vec![("body".into(), Msg::ErrNoMarkup)]
        );
        let huge = ObjectionInput {
            body: "很".repeat(MAX_OBJECTION + 1),
            contact_phone: "12345".into(),
            ..ok.clone()
        };
        assert_eq!(
            fields(huge.validate()),
            vec![
                ("body".into(), Msg::ErrObjectionTooLong),
                ("contact_phone".into(), Msg::ErrPhoneFormat)
            ]
        );
        let blank = ObjectionInput::default();
        assert_eq!(
            fields(blank.validate()),
            vec![
                ("body".into(), Msg::ErrRequired),
                ("contact_name".into(), Msg::ErrRequired),
                ("contact_phone".into(), Msg::ErrRequired)
            ]
        );
    }

    #[test]
    fn scores_and_deductions_stay_on_the_scale() {
        for (score, ok) in [
            (Some(0), true),
            (Some(100), true),
            (Some(101), false),
            (Some(-1), false),
            (None, false),
        ] {
            let input = ScoreInput {
                score,
                comment: String::new(),
            };
            assert_eq!(input.validate().is_empty(), ok, "{score:?}");
        }
        let deduct = ViolationInput {
            source: "市场监管局通报".into(),
            description: "虚假宣传".into(),
            effect: Some(ViolationEffect::Deduct),
            points: Some(0),
        };
        assert_eq!(
            fields(deduct.validate()),
            vec![("points".into(), Msg::ErrDeductionRange)]
        );
        let block = ViolationInput {
            effect: Some(ViolationEffect::Block),
            points: None,
            ..deduct
        };
        assert!(block.validate().is_empty());
    }

    #[test]
    fn a_round_needs_a_kind_a_year_criteria_and_a_notice_of_one_to_thirty_days() {
        let input = RoundInput {
            kind: None,
            year: Some(1999),
            title: "2026年度诚信带货主播评选".into(),
            criteria: String::new(),
            notice_days: Some(31),
        };
        assert_eq!(
            fields(input.validate()),
            vec![
                ("kind".into(), Msg::ErrChoose),
                ("year".into(), Msg::ErrRoundYear),
                ("criteria".into(), Msg::ErrRequired),
                ("notice_days".into(), Msg::ErrNoticeDays)
            ]
        );
    }
}
