//! The audit log as the bureau reads it: a search by who, action, record and dates, a page of
//! entries, and the names every recorded action and record type is shown under.

use crate::Role;
use crate::bases::FIRST_YEAR;
use crate::enums::text_enum;
use crate::form::{push_error, query_string};
use crate::i18n::Msg;
use crate::{FieldError, courses::CourseAction};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Entries on a page.
pub const AUDIT_PER_PAGE: u64 = 50;
/// The longest text a search field accepts.
const MAX_TEXT: usize = 64;

text_enum! {
    /// Every action the product records (`audit_log.action`), with the name it is shown under.
    pub enum AuditAction {
        ActivationCodesIssued = "activation_code.issued" => AuditActivationCodesIssued,
        AgreementProposed = "agreement.proposed" => AuditAgreementProposed,
        AgreementConfirmed = "agreement.confirmed" => AuditAgreementConfirmed,
        AgreementCancelled = "agreement.cancelled" => AuditAgreementCancelled,
        AttendanceCheckedIn = "attendance.checked_in" => AuditAttendanceCheckedIn,
        AttendanceCorrected = "attendance.corrected" => AuditAttendanceCorrected,
        AttendanceImported = "attendance.imported" => AuditAttendanceImported,
        AttendanceRecorded = "attendance.recorded" => AuditAttendanceRecorded,
        AuditLogExported = "audit_log.exported" => AuditAuditLogExported,
        BaseEventDeleted = "base_event.deleted" => AuditBaseEventDeleted,
        BaseEventRecorded = "base_event.recorded" => AuditBaseEventRecorded,
        BaseKpisExported = "base_kpis.exported" => AuditBaseKpisExported,
        CertificateIssued = "certificate.issued" => AuditCertificateIssued,
        CertificateReissued = "certificate.reissued" => AuditCertificateReissued,
        CertificateRevoked = "certificate.revoked" => AuditCertificateRevoked,
        CertificatesExported = "certificates.exported" => AuditCertificatesExported,
        CourseCreated = "course.created" => AuditCourseCreated,
        CourseUpdated = "course.updated" => AuditCourseUpdated,
        CourseSessionAdded = "course.session_added" => AuditCourseSessionAdded,
        CourseSessionChanged = "course.session_changed" => AuditCourseSessionChanged,
        CourseSessionRemoved = "course.session_removed" => AuditCourseSessionRemoved,
        CourseProviderIssuing = "course.provider_issuing" => AuditCourseProviderIssuing,
        CourseSubmit = "course.submit" => AuditCourseSubmit,
        CourseWithdraw = "course.withdraw" => AuditCourseWithdraw,
        CourseApprove = "course.approve" => AuditCourseApprove,
        CourseReject = "course.reject" => AuditCourseReject,
        CourseOpen = "course.open" => AuditCourseOpen,
        CourseStart = "course.start" => AuditCourseStart,
        CourseFinish = "course.finish" => AuditCourseFinish,
        CourseArchive = "course.archive" => AuditCourseArchive,
        DashboardExported = "dashboard.exported" => AuditDashboardExported,
        DashboardPeopleExported = "dashboard.people_exported" => AuditDashboardPeopleExported,
        EnrolmentAdmitted = "enrolment.admitted" => AuditEnrolmentAdmitted,
        EnrolmentCompleted = "enrolment.completed" => AuditEnrolmentCompleted,
        EnrolmentEnrolled = "enrolment.enrolled" => AuditEnrolmentEnrolled,
        EnrolmentImported = "enrolment.imported" => AuditEnrolmentImported,
        EnrolmentNotCompleted = "enrolment.not_completed" => AuditEnrolmentNotCompleted,
        EnrolmentPromoted = "enrolment.promoted" => AuditEnrolmentPromoted,
        EnrolmentRemoved = "enrolment.removed" => AuditEnrolmentRemoved,
        EnrolmentWaitlisted = "enrolment.waitlisted" => AuditEnrolmentWaitlisted,
        EnrolmentWithdrawn = "enrolment.withdrawn" => AuditEnrolmentWithdrawn,
        EventCancelled = "event.cancelled" => AuditEventCancelled,
        EventCheckedIn = "event.checked_in" => AuditEventCheckedIn,
        EventExported = "event.exported" => AuditEventExported,
        EventRegistered = "event.registered" => AuditEventRegistered,
        FollowUpDone = "follow_up.done" => AuditFollowUpDone,
        FollowUpUnreachable = "follow_up.unreachable" => AuditFollowUpUnreachable,
        FollowUpsExported = "follow_ups.exported" => AuditFollowUpsExported,
        HostApplied = "host.applied" => AuditHostApplied,
        HostChanged = "host.changed" => AuditHostChanged,
        HostRegistered = "host.registered" => AuditHostRegistered,
        ImportApplied = "import.applied" => AuditImportApplied,
        MessageRetried = "message.retried" => AuditMessageRetried,
        OutcomeFollowedUp = "outcome.followed_up" => AuditOutcomeFollowedUp,
        OutcomeRecorded = "outcome.recorded" => AuditOutcomeRecorded,
        OutcomeReported = "outcome.reported" => AuditOutcomeReported,
        OutcomeVerified = "outcome.verified" => AuditOutcomeVerified,
        PartnerApplied = "partner.applied" => AuditPartnerApplied,
        PartnerApproved = "partner.approved" => AuditPartnerApproved,
        PartnerReinstated = "partner.reinstated" => AuditPartnerReinstated,
        PartnerRejected = "partner.rejected" => AuditPartnerRejected,
        PartnerStaffAdded = "partner.staff_added" => AuditPartnerStaffAdded,
        PartnerSuspended = "partner.suspended" => AuditPartnerSuspended,
        PlaceClosed = "place.closed" => AuditPlaceClosed,
        PlacePublished = "place.published" => AuditPlacePublished,
        PlaceReopened = "place.reopened" => AuditPlaceReopened,
        PlaceUpdated = "place.updated" => AuditPlaceUpdated,
        PlacementAccepted = "placement.accepted" => AuditPlacementAccepted,
        PlacementApplied = "placement.applied" => AuditPlacementApplied,
        PlacementGraduated = "placement.graduated" => AuditPlacementGraduated,
        PlacementLeft = "placement.left" => AuditPlacementLeft,
        PlacementRejected = "placement.rejected" => AuditPlacementRejected,
        RosterExported = "roster.exported" => AuditRosterExported,
        ScoreCorrected = "score.corrected" => AuditScoreCorrected,
        ScoreRecorded = "score.recorded" => AuditScoreRecorded,
        SeedDemo = "seed.demo" => AuditSeedDemo,
        SelectionCancelled = "selection.cancelled" => AuditSelectionCancelled,
        SelectionChanged = "selection.changed" => AuditSelectionChanged,
        SelectionNominated = "selection.nominated" => AuditSelectionNominated,
        SelectionNoticeStarted = "selection.notice_started" => AuditSelectionNoticeStarted,
        SelectionObjectionDecided = "selection.objection_decided" => AuditSelectionObjectionDecided,
        SelectionObjectionReceived = "selection.objection_received" => AuditSelectionObjectionReceived,
        SelectionOpened = "selection.opened" => AuditSelectionOpened,
        SelectionPublished = "selection.published" => AuditSelectionPublished,
        SelectionScored = "selection.scored" => AuditSelectionScored,
        SelectionViolationRecorded = "selection.violation_recorded" => AuditSelectionViolationRecorded,
        SubsidiesExported = "subsidies.exported" => AuditSubsidiesExported,
        TargetDeleted = "target.deleted" => AuditTargetDeleted,
        TargetSet = "target.set" => AuditTargetSet,
        TraineeIdRevealed = "trainee.id_revealed" => AuditTraineeIdRevealed,
        TraineeImported = "trainee.imported" => AuditTraineeImported,
        TraineeProfileCreated = "trainee.profile_created" => AuditTraineeProfileCreated,
        TraineeProfileUpdated = "trainee.profile_updated" => AuditTraineeProfileUpdated,
        UserActivated = "user.activated" => AuditUserActivated,
        UserAdminCreated = "user.admin_created" => AuditUserAdminCreated,
        UserPasswordChanged = "user.password_changed" => AuditUserPasswordChanged,
        UserPasswordReset = "user.password_reset" => AuditUserPasswordReset,
        UserRoleChanged = "user.role_changed" => AuditUserRoleChanged,
        UserSelectionRightGranted = "user.selection_right_granted" => AuditUserSelectionRightGranted,
        UserSelectionRightRevoked = "user.selection_right_revoked" => AuditUserSelectionRightRevoked,
        UserSignedUp = "user.signed_up" => AuditUserSignedUp,
        UserTownChanged = "user.town_changed" => AuditUserTownChanged,
    }
}

text_enum! {
    /// The kinds of record an entry can be about (`audit_log.entity`), with their names.
    pub enum AuditRecord {
        Agreement = "agreement" => AuditEntityAgreement,
        Attendance = "attendance" => AuditEntityAttendance,
        AuditLog = "audit_log" => AuditEntityAuditLog,
        BaseEvent = "base_event" => AuditEntityBaseEvents,
        BaseKpis = "base_kpis" => AuditEntityBaseKpis,
        Certificate = "certificate" => AuditEntityCertificate,
        Course = "course" => AuditEntityCourse,
        Dashboard = "dashboard" => AuditEntityDashboard,
        Database = "database" => AuditEntityDatabase,
        Enrollment = "enrollment" => AuditEntityEnrollment,
        EventRegistration = "event_registration" => AuditEntityEventRegistration,
        FollowUp = "follow_up" => AuditEntityFollowUp,
        Host = "host" => AuditEntityHost,
        Import = "import" => AuditEntityImport,
        Message = "message" => AuditEntityMessage,
        Organisation = "organisation" => AuditEntityOrganisation,
        Outcome = "outcome" => AuditEntityOutcome,
        Place = "place" => AuditEntityPlace,
        Placement = "placement" => AuditEntityPlacement,
        SelectionNomination = "selection_nomination" => AuditEntitySelectionNomination,
        SelectionObjection = "selection_objection" => AuditEntitySelectionObjection,
        SelectionRound = "selection_round" => AuditEntitySelectionRound,
        Subsidy = "subsidy" => AuditEntitySubsidy,
        Target = "target" => AuditEntityTarget,
        Trainee = "trainee" => AuditEntityTrainee,
        User = "user" => AuditEntityUser,
    }
}

/// The names of the facts audit details record most.
const DETAIL_KEYS: &[(&str, Msg)] = &[
    ("course_id", Msg::AuditKeyCourseId),
    ("session_id", Msg::AuditKeySessionId),
    ("enrollment_id", Msg::AuditKeyEnrollmentId),
    ("trainee_id", Msg::AuditKeyTraineeId),
    ("organisation_id", Msg::AuditKeyOrganisationId),
    ("round_id", Msg::AuditKeyRoundId),
    ("import_id", Msg::AuditKeyImportId),
    ("kind", Msg::AuditKeyKind),
    ("status", Msg::AuditKeyStatus),
    ("from", Msg::AuditKeyFrom),
    ("to", Msg::AuditKeyTo),
    ("reason", Msg::AuditKeyReason),
    ("year", Msg::AuditKeyYear),
    ("format", Msg::AuditKeyFormat),
    ("rows", Msg::AuditKeyRows),
    ("filter", Msg::AuditKeyFilter),
    ("capacity", Msg::AuditKeyCapacity),
    ("score", Msg::AuditKeyScore),
    ("participants", Msg::AuditKeyParticipants),
    ("kpi", Msg::AuditKeyKpi),
    ("held_on", Msg::AuditKeyHeldOn),
    ("topic", Msg::AuditKeyTopic),
    ("title", Msg::AuditKeyTitle),
    ("town_id", Msg::AuditKeyTownId),
    ("count", Msg::AuditKeyCount),
    ("attended_hours", Msg::AuditKeyAttendedHours),
    ("required_hours", Msg::AuditKeyRequiredHours),
    ("number", Msg::AuditKeyNumber),
    ("replaces", Msg::AuditKeyReplaces),
    ("recorded_afterwards", Msg::AuditKeyRecordedAfterwards),
    ("value", Msg::AuditKeyValue),
    ("name", Msg::AuditKeyName),
];

/// The name a recorded fact is shown under; others show their key.
pub fn detail_key_label(key: &str) -> Option<Msg> {
    DETAIL_KEYS.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
}

/// An audit row's detail as lines of (key, value) to read, not JSON: a change reads
/// `from → to`, a list is joined. Text that is not a JSON object is one line with no key.
pub fn detail_lines(detail: &str) -> Vec<(String, String)> {
    use serde_json::Value;
    fn text(v: &Value) -> String {
        match v {
            Value::Null => "—".into(),
            Value::Bool(b) => if *b { "✓" } else { "✗" }.into(),
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join("、"),
            Value::Object(map) => match (map.get("from"), map.get("to")) {
                (Some(from), Some(to)) if map.len() == 2 => {
                    format!("{} → {}", text(from), text(to))
                }
                _ => map
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", text(v)))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
        }
    }
    match serde_json::from_str::<Value>(detail) {
        Ok(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        Ok(other) => vec![(String::new(), text(&other))],
        Err(_) => vec![(String::new(), detail.to_string())],
    }
}

/// The name an action is shown under; an action from an older version shows its code.
pub fn action_label(code: &str) -> Option<Msg> {
    AuditAction::parse(code).map(AuditAction::label)
}

/// The name a record type is shown under, if it is one the product records.
pub fn entity_label(code: &str) -> Option<Msg> {
    AuditRecord::parse(code).map(AuditRecord::label)
}

/// The action a course status change is recorded as (`course.<action>`).
pub const fn course_action(action: CourseAction) -> AuditAction {
    match action {
        CourseAction::Submit => AuditAction::CourseSubmit,
        CourseAction::Withdraw => AuditAction::CourseWithdraw,
        CourseAction::Approve => AuditAction::CourseApprove,
        CourseAction::Reject => AuditAction::CourseReject,
        CourseAction::Open => AuditAction::CourseOpen,
        CourseAction::Start => AuditAction::CourseStart,
        CourseAction::Finish => AuditAction::CourseFinish,
        CourseAction::Archive => AuditAction::CourseArchive,
    }
}

/// The search as typed (query-string values; empty means "any").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct AuditQuery {
    /// A phone number (or its beginning) or part of a name; `system` for entries no person made.
    pub actor: String,
    /// An action code, such as `certificate.revoked`.
    pub action: String,
    /// A record type, such as `course` or `enrollment`.
    pub entity: String,
    /// The record's number (its id, or a certificate's number).
    pub record: String,
    /// The first local day, `YYYY-MM-DD`.
    pub from: String,
    /// The last local day, `YYYY-MM-DD`.
    pub to: String,
}

impl AuditQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let v = |k: &str| get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        AuditQuery {
            actor: v("actor"),
            action: v("action"),
            entity: v("entity"),
            record: v("record"),
            from: v("from"),
            to: v("to"),
        }
    }

    /// The query string for this search (without the leading `?`).
    pub fn to_params(&self) -> String {
        query_string(&[
            ("actor", &self.actor),
            ("action", &self.action),
            ("entity", &self.entity),
            ("record", &self.record),
            ("from", &self.from),
            ("to", &self.to),
        ])
    }

    /// Checks every field; the errors name the fields in the form's order.
    pub fn parse(&self, today: NaiveDate) -> Result<AuditFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |errors: &mut Vec<FieldError>, field: &str, value: &str| {
            let value = value.trim();
            if value.chars().count() > MAX_TEXT {
                push_error(errors, field, crate::form::too_long(MAX_TEXT));
                None
            } else {
                (!value.is_empty()).then(|| value.to_string())
            }
        };
        let actor = text(&mut errors, "actor", &self.actor);
        let action = match self.action.trim() {
            "" => None,
            a if action_label(a).is_some() => Some(a.to_string()),
            _ => {
                push_error(&mut errors, "action", Msg::ErrChoose);
                None
            }
        };
        let entity = match self.entity.trim() {
            "" => None,
            e if entity_label(e).is_some() => Some(e.to_string()),
            _ => {
                push_error(&mut errors, "entity", Msg::ErrChoose);
                None
            }
        };
        let record = text(&mut errors, "record", &self.record);
        let date = |errors: &mut Vec<FieldError>, field: &str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(d) if d.year() >= FIRST_YEAR && d <= today => Some(d),
                Ok(_) => {
                    push_error(errors, field, Msg::ErrDateOutOfRange);
                    None
                }
                Err(_) => {
                    push_error(errors, field, Msg::ErrDate);
                    None
                }
            }
        };
        let from = date(&mut errors, "from", &self.from);
        let to = date(&mut errors, "to", &self.to);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            push_error(&mut errors, "to", Msg::ErrEndBeforeStart);
        }
        if errors.is_empty() {
            Ok(AuditFilter {
                actor,
                action,
                entity,
                record,
                from,
                to,
            })
        } else {
            Err(errors)
        }
    }
}

/// A checked search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub record: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditRow {
    pub id: i32,
    /// Local time, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// No one for entries the system made (demo data, scheduled work).
    pub actor_id: Option<i32>,
    pub actor_name: Option<String>,
    pub actor_phone: Option<String>,
    pub actor_role: Option<Role>,
    pub ip: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// What changed, as recorded (JSON).
    pub detail: Option<String>,
    /// The page of the record, where there is one.
    pub link: Option<String>,
}

/// A page of the search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub query: AuditQuery,
    /// The search's problems by field; no entries are shown while there are any (the JSON API
    /// answers 422 instead).
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Object>))]
    pub errors: Vec<FieldError>,
    pub rows: Vec<AuditRow>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_as_lines() {
        let lines = detail_lines(
            r#"{"course_id":3,"capacity":{"from":30,"to":40},"rows":[1,2],"reason":"外出务工"}"#,
        );
        assert!(lines.contains(&("capacity".into(), "30 → 40".into())));
        assert!(lines.contains(&("rows".into(), "1、2".into())));
        assert!(lines.contains(&("reason".into(), "外出务工".into())));
        assert_eq!(detail_key_label("course_id"), Some(Msg::AuditKeyCourseId));
        assert_eq!(
            detail_lines("not json"),
            vec![(String::new(), "not json".into())]
        );
    }

    fn query(pairs: &[(&str, &str)]) -> AuditQuery {
        AuditQuery::from_params(|k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        })
    }

    fn fields(q: AuditQuery) -> Vec<String> {
        let today = NaiveDate::from_ymd_opt(2027, 5, 10).unwrap();
        q.parse(today)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn an_empty_search_finds_everything() {
        let today = NaiveDate::from_ymd_opt(2027, 5, 10).unwrap();
        assert_eq!(
            AuditQuery::default().parse(today),
            Ok(AuditFilter::default())
        );
    }

    #[test]
    fn bad_fields_are_named_in_order() {
        assert_eq!(
            fields(query(&[
                ("actor", &"x".repeat(65)),
                ("action", "user.deleted"),
                ("entity", "password"),
                ("from", "2019-12-31"),
                ("to", "tomorrow"),
            ])),
            ["actor", "action", "entity", "from", "to"]
        );
        assert_eq!(
            fields(query(&[("from", "2027-05-01"), ("to", "2027-04-30")])),
            ["to"]
        );
        assert_eq!(fields(query(&[("to", "2027-05-11")])), ["to"]);
        assert!(fields(query(&[("from", "2027-05-10"), ("to", "2027-05-10")])).is_empty());
    }

    #[test]
    fn the_query_string_keeps_only_what_was_asked() {
        let q = query(&[
            ("actor", "王 五"),
            ("action", "certificate.revoked"),
            ("to", "2027-05-01"),
        ]);
        assert_eq!(
            q.to_params(),
            "actor=%E7%8E%8B%20%E4%BA%94&action=certificate.revoked&to=2027-05-01"
        );
    }

    #[test]
    fn course_changes_are_recorded_as_course_dot_action() {
        for action in CourseAction::ALL {
            assert_eq!(
                course_action(*action).as_str(),
                format!("course.{}", action.as_str())
            );
        }
    }
}
