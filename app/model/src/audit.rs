//! The audit log as the bureau reads it: a search by who, action, record and dates, a page of
//! entries, and the names every recorded action and record type is shown under.

use crate::Role;
use crate::bases::FIRST_YEAR;
use crate::form::{push_error, query_string};
use crate::i18n::Msg;
use crate::{FieldError, courses::CourseAction};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Entries on a page.
pub const AUDIT_PER_PAGE: u64 = 50;
/// The longest text a search field accepts.
const MAX_TEXT: usize = 64;

/// Every action the product records, with the name it is shown under. A test reads the
/// services' source so an action written without a name here fails the build's tests.
pub const ACTIONS: &[(&str, Msg)] = &[
    ("agreement.proposed", Msg::AuditAgreementProposed),
    ("agreement.confirmed", Msg::AuditAgreementConfirmed),
    ("agreement.cancelled", Msg::AuditAgreementCancelled),
    ("attendance.checked_in", Msg::AuditAttendanceCheckedIn),
    ("attendance.corrected", Msg::AuditAttendanceCorrected),
    ("attendance.imported", Msg::AuditAttendanceImported),
    ("attendance.recorded", Msg::AuditAttendanceRecorded),
    ("audit_log.exported", Msg::AuditAuditLogExported),
    ("base_event.deleted", Msg::AuditBaseEventDeleted),
    ("base_event.recorded", Msg::AuditBaseEventRecorded),
    ("base_kpis.exported", Msg::AuditBaseKpisExported),
    ("certificate.issued", Msg::AuditCertificateIssued),
    ("certificate.reissued", Msg::AuditCertificateReissued),
    ("certificate.revoked", Msg::AuditCertificateRevoked),
    ("certificates.exported", Msg::AuditCertificatesExported),
    ("course.created", Msg::AuditCourseCreated),
    ("course.updated", Msg::AuditCourseUpdated),
    ("course.session_added", Msg::AuditCourseSessionAdded),
    ("course.session_changed", Msg::AuditCourseSessionChanged),
    ("course.session_removed", Msg::AuditCourseSessionRemoved),
    ("course.provider_issuing", Msg::AuditCourseProviderIssuing),
    ("course.submit", Msg::AuditCourseSubmit),
    ("course.withdraw", Msg::AuditCourseWithdraw),
    ("course.approve", Msg::AuditCourseApprove),
    ("course.reject", Msg::AuditCourseReject),
    ("course.open", Msg::AuditCourseOpen),
    ("course.start", Msg::AuditCourseStart),
    ("course.finish", Msg::AuditCourseFinish),
    ("course.archive", Msg::AuditCourseArchive),
    ("dashboard.exported", Msg::AuditDashboardExported),
    (
        "dashboard.people_exported",
        Msg::AuditDashboardPeopleExported,
    ),
    ("enrolment.admitted", Msg::AuditEnrolmentAdmitted),
    ("enrolment.completed", Msg::AuditEnrolmentCompleted),
    ("enrolment.enrolled", Msg::AuditEnrolmentEnrolled),
    ("enrolment.imported", Msg::AuditEnrolmentImported),
    ("enrolment.not_completed", Msg::AuditEnrolmentNotCompleted),
    ("enrolment.promoted", Msg::AuditEnrolmentPromoted),
    ("enrolment.removed", Msg::AuditEnrolmentRemoved),
    ("enrolment.waitlisted", Msg::AuditEnrolmentWaitlisted),
    ("enrolment.withdrawn", Msg::AuditEnrolmentWithdrawn),
    ("event.cancelled", Msg::AuditEventCancelled),
    ("event.checked_in", Msg::AuditEventCheckedIn),
    ("event.exported", Msg::AuditEventExported),
    ("event.registered", Msg::AuditEventRegistered),
    ("follow_up.done", Msg::AuditFollowUpDone),
    ("follow_up.unreachable", Msg::AuditFollowUpUnreachable),
    ("follow_ups.exported", Msg::AuditFollowUpsExported),
    ("host.applied", Msg::AuditHostApplied),
    ("host.changed", Msg::AuditHostChanged),
    ("host.registered", Msg::AuditHostRegistered),
    ("import.applied", Msg::AuditImportApplied),
    ("outcome.followed_up", Msg::AuditOutcomeFollowedUp),
    ("outcome.recorded", Msg::AuditOutcomeRecorded),
    ("outcome.reported", Msg::AuditOutcomeReported),
    ("outcome.verified", Msg::AuditOutcomeVerified),
    ("partner.applied", Msg::AuditPartnerApplied),
    ("partner.approved", Msg::AuditPartnerApproved),
    ("partner.reinstated", Msg::AuditPartnerReinstated),
    ("partner.rejected", Msg::AuditPartnerRejected),
    ("partner.staff_added", Msg::AuditPartnerStaffAdded),
    ("partner.suspended", Msg::AuditPartnerSuspended),
    ("place.closed", Msg::AuditPlaceClosed),
    ("place.published", Msg::AuditPlacePublished),
    ("place.reopened", Msg::AuditPlaceReopened),
    ("place.updated", Msg::AuditPlaceUpdated),
    ("placement.accepted", Msg::AuditPlacementAccepted),
    ("placement.applied", Msg::AuditPlacementApplied),
    ("placement.graduated", Msg::AuditPlacementGraduated),
    ("placement.left", Msg::AuditPlacementLeft),
    ("placement.rejected", Msg::AuditPlacementRejected),
    ("roster.exported", Msg::AuditRosterExported),
    ("score.corrected", Msg::AuditScoreCorrected),
    ("score.recorded", Msg::AuditScoreRecorded),
    ("seed.demo", Msg::AuditSeedDemo),
    ("selection.cancelled", Msg::AuditSelectionCancelled),
    ("selection.changed", Msg::AuditSelectionChanged),
    ("selection.nominated", Msg::AuditSelectionNominated),
    ("selection.notice_started", Msg::AuditSelectionNoticeStarted),
    (
        "selection.objection_decided",
        Msg::AuditSelectionObjectionDecided,
    ),
    (
        "selection.objection_received",
        Msg::AuditSelectionObjectionReceived,
    ),
    ("selection.opened", Msg::AuditSelectionOpened),
    ("selection.published", Msg::AuditSelectionPublished),
    ("selection.scored", Msg::AuditSelectionScored),
    (
        "selection.violation_recorded",
        Msg::AuditSelectionViolationRecorded,
    ),
    ("subsidies.exported", Msg::AuditSubsidiesExported),
    ("target.deleted", Msg::AuditTargetDeleted),
    ("target.set", Msg::AuditTargetSet),
    ("trainee.id_revealed", Msg::AuditTraineeIdRevealed),
    ("trainee.imported", Msg::AuditTraineeImported),
    ("trainee.profile_created", Msg::AuditTraineeProfileCreated),
    ("trainee.profile_updated", Msg::AuditTraineeProfileUpdated),
    ("user.activated", Msg::AuditUserActivated),
    ("user.admin_created", Msg::AuditUserAdminCreated),
    ("user.password_changed", Msg::AuditUserPasswordChanged),
    ("user.role_changed", Msg::AuditUserRoleChanged),
    (
        "user.selection_right_granted",
        Msg::AuditUserSelectionRightGranted,
    ),
    (
        "user.selection_right_revoked",
        Msg::AuditUserSelectionRightRevoked,
    ),
    ("user.signed_up", Msg::AuditUserSignedUp),
    ("user.town_changed", Msg::AuditUserTownChanged),
];

/// The kinds of record an entry can be about (`audit_log.entity`), with their names.
pub const ENTITIES: &[(&str, Msg)] = &[
    ("agreement", Msg::AuditEntityAgreement),
    ("attendance", Msg::AuditEntityAttendance),
    ("audit_log", Msg::AuditEntityAuditLog),
    ("base_events", Msg::AuditEntityBaseEvents),
    ("base_kpis", Msg::AuditEntityBaseKpis),
    ("certificate", Msg::AuditEntityCertificate),
    ("course", Msg::AuditEntityCourse),
    ("dashboard", Msg::AuditEntityDashboard),
    ("database", Msg::AuditEntityDatabase),
    ("enrollment", Msg::AuditEntityEnrollment),
    ("event_registration", Msg::AuditEntityEventRegistration),
    ("follow_up", Msg::AuditEntityFollowUp),
    ("host", Msg::AuditEntityHost),
    ("import", Msg::AuditEntityImport),
    ("imports", Msg::AuditEntityImport),
    ("organisation", Msg::AuditEntityOrganisation),
    ("outcome", Msg::AuditEntityOutcome),
    ("place", Msg::AuditEntityPlace),
    ("placement", Msg::AuditEntityPlacement),
    ("selection_nomination", Msg::AuditEntitySelectionNomination),
    ("selection_objection", Msg::AuditEntitySelectionObjection),
    ("selection_round", Msg::AuditEntitySelectionRound),
    ("subsidy", Msg::AuditEntitySubsidy),
    ("target", Msg::AuditEntityTarget),
    ("trainee", Msg::AuditEntityTrainee),
    ("user", Msg::AuditEntityUser),
];

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
    ACTIONS.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

pub fn entity_label(code: &str) -> Option<Msg> {
    ENTITIES.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

/// The course status changes are recorded as `course.<action>`.
pub fn course_action_code(action: CourseAction) -> String {
    format!("course.{}", action.as_str())
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
    fn every_course_action_and_entity_has_a_name() {
        for action in CourseAction::ALL {
            assert!(
                action_label(&course_action_code(*action)).is_some(),
                "{action:?}"
            );
        }
        let mut codes: Vec<&str> = ACTIONS.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ACTIONS.len(), "an action is listed twice");
    }
}
