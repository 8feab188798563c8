//! Every permission rule of Yucai, in one place: "may this actor do this operation?", and for
//! partner staff, "on this organisation's records?". Services call [`authorize`] (or one of the
//! row-level checks below) before they read or change anything; the UI may hide what an actor
//! cannot do, but that is never the check. The tests at the bottom walk every operation × role,
//! so adding an operation means deciding it for every role here.

use crate::{Actor, DomainError, DomainResult};
use model::Role;
use model::courses::{CourseAction, Mover};
use model::enums::{OrganisationKind, OrganisationStatus};
use model::i18n::Msg;
use model::partners::{hosts_agreements, hosts_placements, posts_courses, proposes_agreements};

/// Everything an actor can ask of Yucai that needs a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// Search the public course catalogue and read course pages.
    BrowseCatalogue,
    /// See one's own account page.
    ViewOwnAccount,
    /// Change one's own password.
    ChangeOwnPassword,
    /// List and search user accounts.
    ListUsers,
    /// Change another user's role.
    ChangeUserRole,
    /// Apply online as a new partner organisation (with a new staff account).
    ApplyAsPartner,
    /// See partner organisations and their staff (partner staff: their own only).
    ViewPartners,
    /// Approve, reject, suspend or reinstate a partner.
    ReviewPartner,
    /// Add staff to a partner (partner staff: partner admins, their own organisation).
    AddPartnerStaff,
    /// See school–enterprise agreements (partner staff: those their organisation is party to).
    ViewAgreements,
    /// Record an agreement, or cancel one's own (college and training-school staff).
    ProposeAgreement,
    /// Confirm or cancel an agreement as its enterprise or base side.
    ConfirmAgreement,
    /// See courses in every status (partner staff: their organisation's).
    ViewManagedCourses,
    /// Create and edit courses and their sessions, submit and withdraw them (the provider).
    EditCourse,
    /// Approve or reject submitted courses and archive finished ones.
    ReviewCourse,
    /// Open the record of a course that already took place (补录) for a provider, who then
    /// fills in its sessions and submits it; the only way a course may start in the past.
    RecordPastCourse,
    /// Open enrolment, start and finish an approved course.
    RunCourse,
    /// Complete or change one's own real-name profile (trainees).
    EditOwnProfile,
    /// See a trainee's whole ID number (audited).
    RevealIdNumber,
    /// Enrol in and withdraw from courses, and see one's own learning (trainees).
    Enrol,
    /// See a course's roster (partner staff: their organisation's courses; a town viewer only
    /// their town's people on it).
    ViewRoster,
    /// See a course's attendance, results and certificates (partner staff: their
    /// organisation's courses). Not for a town viewer: these pages list the whole class.
    ViewCourseRecords,
    /// Admit from the waiting list and remove trainees (the provider's staff, bureau admins).
    ManageRoster,
    /// Import trainees from a spreadsheet (partner staff: for their organisation).
    ImportTrainees,
    /// Mark attendance on a course's sessions (the provider's staff, bureau admins).
    RecordAttendance,
    /// Issue a course's certificates (bureau admins; the provider's staff where the bureau
    /// allows it for the course, which the certificate service checks).
    IssueCertificates,
    /// Revoke and reissue certificates, and allow providers to issue (bureau admins).
    ManageCertificates,
    /// See bases' places with their applications and placements (partner staff: their own; a
    /// town viewer the applications and placements of their town's people).
    ViewPlacements,
    /// Publish, edit, close and reopen places (staff of enterprises and bases).
    PublishPlaces,
    /// Accept or reject applications and record how placements end (the base's staff, bureau
    /// admins).
    DecidePlacements,
    /// Apply for a place and follow one's applications (trainees).
    ApplyForPlace,
    /// Report and see one's own outcomes and whole record (trainees).
    ReportOwnOutcome,
    /// Record a person's outcome or mark one verified (bureau admins; base staff for people
    /// placed at their base, which the outcome service checks).
    RecordOutcome,
    /// See a person's whole record (bureau staff; base staff for people placed with them).
    ViewPeople,
    /// See the follow-up work list and export it (bureau staff).
    ViewFollowUps,
    /// Record follow-up calls (bureau admins).
    RecordFollowUps,
    /// See bases' yearly KPIs and events (base staff: their own base's).
    ViewBaseKpis,
    /// Record and remove the events a base held (the base's staff, bureau admins).
    RecordBaseEvents,
    /// See the KPI dashboard, the funnel and the people behind each figure (bureau staff; a
    /// town viewer their town's).
    ViewDashboard,
    /// Set the year's targets (bureau admins).
    ManageTargets,
    /// Give a viewer a town to be limited to (bureau admins).
    SetViewerTown,
    /// Give a city-wide viewer (the commerce bureau) the right to run honour selections, or
    /// take it back (bureau admins).
    GrantSelectionRight,
    /// Search and export the audit log (bureau admins).
    ViewAuditLog,
    /// See and export the training-subsidy claim list (bureau staff; a training provider's
    /// staff their own courses').
    ViewSubsidyClaims,
    /// Read the public notices (公示) of honour selections and the honour lists (everyone).
    ReadNotices,
    /// Send an objection to a shortlist on public notice (everyone, rate-limited).
    ObjectToNotice,
    /// See honour selection rounds (bureau staff: every nomination; partner staff the ones
    /// their organisation made; trainees their own).
    ViewSelections,
    /// Put someone forward in a round (partner staff: people linked to their organisation;
    /// bureau admins: anyone; trainees: themselves).
    Nominate,
    /// Score nominations against a round's criteria (bureau admins).
    ScoreNominations,
    /// Open, change and cancel rounds, record violations, put the shortlist on notice, decide
    /// objections and publish the result (bureau admins).
    ManageSelections,
    /// See the livestream host registry (partner staff: the hosts working with their
    /// organisation; a town viewer their town's).
    ViewHosts,
    /// Register hosts and change their profiles (staff of livestream bases and enterprises
    /// for hosts working with them, which the host service checks; bureau admins).
    RegisterHosts,
    /// Apply as a host and keep one's own host profile (trainees).
    ApplyAsHost,
    /// Register for a lecture or salon, cancel by the ticket, and check in by phone after
    /// scanning the session's code (everyone, rate-limited).
    RegisterForEvent,
    /// Read one's own messages and mark them read.
    ReadOwnMessages,
    /// See the outbox (every message sent, with SMS texts) and send failed ones again.
    ViewOutbox,
}

impl Operation {
    pub const ALL: &'static [Operation] = &[
        Operation::BrowseCatalogue,
        Operation::ViewOwnAccount,
        Operation::ChangeOwnPassword,
        Operation::ListUsers,
        Operation::ChangeUserRole,
        Operation::ApplyAsPartner,
        Operation::ViewPartners,
        Operation::ReviewPartner,
        Operation::AddPartnerStaff,
        Operation::ViewAgreements,
        Operation::ProposeAgreement,
        Operation::ConfirmAgreement,
        Operation::ViewManagedCourses,
        Operation::EditCourse,
        Operation::ReviewCourse,
        Operation::RecordPastCourse,
        Operation::RunCourse,
        Operation::EditOwnProfile,
        Operation::RevealIdNumber,
        Operation::Enrol,
        Operation::ViewRoster,
        Operation::ViewCourseRecords,
        Operation::ManageRoster,
        Operation::ImportTrainees,
        Operation::RecordAttendance,
        Operation::IssueCertificates,
        Operation::ManageCertificates,
        Operation::ViewPlacements,
        Operation::PublishPlaces,
        Operation::DecidePlacements,
        Operation::ApplyForPlace,
        Operation::ReportOwnOutcome,
        Operation::RecordOutcome,
        Operation::ViewPeople,
        Operation::ViewFollowUps,
        Operation::RecordFollowUps,
        Operation::ViewBaseKpis,
        Operation::RecordBaseEvents,
        Operation::ViewDashboard,
        Operation::ManageTargets,
        Operation::SetViewerTown,
        Operation::GrantSelectionRight,
        Operation::ViewAuditLog,
        Operation::ViewSubsidyClaims,
        Operation::ReadNotices,
        Operation::ObjectToNotice,
        Operation::ViewSelections,
        Operation::Nominate,
        Operation::ScoreNominations,
        Operation::ManageSelections,
        Operation::ViewHosts,
        Operation::RegisterHosts,
        Operation::ApplyAsHost,
        Operation::RegisterForEvent,
        Operation::ReadOwnMessages,
        Operation::ViewOutbox,
    ];
}

/// Whether `role` (or an anonymous visitor, `None`) may perform `op`, before any row-level
/// scoping (organisation, town), which the checks below and the services apply.
pub fn allows(role: Option<Role>, op: Operation) -> bool {
    use Operation::*;
    use Role::*;
    match (op, role) {
        (BrowseCatalogue | ReadNotices | ObjectToNotice | RegisterForEvent, _) => true,
        // A visitor, or a trainee who also works for a partner, applies with a new account.
        (ApplyAsPartner, None | Some(Trainee)) => true,
        (ApplyAsPartner, _) => false,
        (_, None) => false,
        (ViewOwnAccount | ChangeOwnPassword | ReadOwnMessages, Some(_)) => true,
        (
            ListUsers | ChangeUserRole | ReviewPartner | ReviewCourse | RecordPastCourse
            | RevealIdNumber | ManageCertificates | RecordFollowUps | ManageTargets | SetViewerTown
            | GrantSelectionRight | ViewAuditLog | ScoreNominations | ManageSelections | ViewOutbox,
            Some(r),
        ) => r == BureauAdmin,
        (EditOwnProfile | Enrol | ApplyForPlace | ReportOwnOutcome | ApplyAsHost, Some(r)) => {
            r == Trainee
        }
        (ViewFollowUps | ViewDashboard, Some(r)) => matches!(r, BureauAdmin | BureauViewer),
        (
            ViewPartners | ViewAgreements | ViewManagedCourses | ViewRoster | ViewCourseRecords
            | ViewPlacements | ViewPeople | ViewBaseKpis | ViewSubsidyClaims | ViewHosts,
            Some(r),
        ) => {
            matches!(r, PartnerStaff | BureauAdmin | BureauViewer)
        }
        (
            AddPartnerStaff | RunCourse | ManageRoster | ImportTrainees | RecordAttendance
            | IssueCertificates | DecidePlacements | RecordOutcome | RecordBaseEvents
            | RegisterHosts,
            Some(r),
        ) => {
            matches!(r, PartnerStaff | BureauAdmin)
        }
        (ProposeAgreement | ConfirmAgreement | EditCourse | PublishPlaces, Some(r)) => {
            r == PartnerStaff
        }
        (ViewSelections, Some(_)) => true,
        (Nominate, Some(r)) => matches!(r, Trainee | PartnerStaff | BureauAdmin),
    }
}

/// `Ok` when the actor may perform `op`; `Unauthenticated` for an anonymous visitor who
/// would need to log in, `Forbidden` otherwise.
pub fn authorize(actor: &Actor, op: Operation) -> DomainResult<()> {
    if town_scope(actor).is_some() && !TOWN_SCOPED.contains(&op) {
        Err(DomainError::Forbidden)
    } else if allows(actor.role(), op) || (runs_selections(actor) && SELECTION_RIGHT.contains(&op))
    {
        Ok(())
    } else if actor.user.is_none() {
        Err(DomainError::Unauthenticated)
    } else {
        Err(DomainError::Forbidden)
    }
}

/// The town a viewer is limited to (`users.town_id` of a bureau viewer): they see only that
/// town's people and figures. Other roles are never town-limited.
pub fn town_scope(actor: &Actor) -> Option<i32> {
    actor
        .user
        .as_ref()
        .filter(|u| u.role == Role::BureauViewer)
        .and_then(|u| u.town_id)
}

/// What a town-limited viewer may still do: the operations whose services narrow every list,
/// figure and export to the viewer's town (or that show no one's personal data). Anything else
/// is refused to them outright, so a new page can never leak another town's people.
pub const TOWN_SCOPED: &[Operation] = &[
    Operation::BrowseCatalogue,
    Operation::ViewOwnAccount,
    Operation::ChangeOwnPassword,
    Operation::ReadOwnMessages,
    Operation::ViewPartners,
    Operation::ViewAgreements,
    Operation::ViewManagedCourses,
    Operation::ViewRoster,
    Operation::ViewPlacements,
    Operation::ViewPeople,
    Operation::ViewFollowUps,
    Operation::ViewDashboard,
    Operation::ReadNotices,
    Operation::ObjectToNotice,
    Operation::ViewHosts,
    Operation::RegisterForEvent,
];

/// What a bureau viewer given the right to run selections (the commerce bureau) may do beyond
/// viewing: everything a bureau admin does in honour selections, and nothing else.
pub const SELECTION_RIGHT: &[Operation] = &[
    Operation::Nominate,
    Operation::ScoreNominations,
    Operation::ManageSelections,
];

/// Whether the actor is a city-wide bureau viewer holding the right to run selections. A
/// town-limited viewer never is (the right is refused to them, and the town check comes first).
pub fn runs_selections(actor: &Actor) -> bool {
    actor
        .user
        .as_ref()
        .is_some_and(|u| u.role == Role::BureauViewer && u.runs_selections && u.town_id.is_none())
}

/// Refuses a town-limited viewer asking about another town (403, as the URL or API named it).
pub fn check_town(actor: &Actor, town_id: Option<i32>) -> DomainResult<()> {
    match (town_scope(actor), town_id) {
        (Some(own), Some(asked)) if own != asked => Err(DomainError::Forbidden),
        _ => Ok(()),
    }
}

/// Whose organisation-owned records an actor sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgScope {
    /// Bureau staff: every organisation's.
    All,
    /// Partner staff: their own organisation's.
    Own(i32),
}

/// The scope for a viewing operation (`op` is checked first).
pub fn org_scope(actor: &Actor, op: Operation) -> DomainResult<OrgScope> {
    authorize(actor, op)?;
    match actor.role() {
        Some(Role::PartnerStaff) => actor
            .organisation_id()
            .map(OrgScope::Own)
            .ok_or(DomainError::Forbidden),
        _ => Ok(OrgScope::All),
    }
}

impl OrgScope {
    pub fn includes(self, org_id: i32) -> bool {
        match self {
            OrgScope::All => true,
            OrgScope::Own(own) => own == org_id,
        }
    }
}

/// Partner staff change their organisation's records only while it is approved: a pending
/// partner waits for the bureau, a suspended one can look but not touch.
pub fn check_standing(status: OrganisationStatus) -> DomainResult<()> {
    match status {
        OrganisationStatus::Approved => Ok(()),
        OrganisationStatus::Pending => Err(DomainError::Conflict(Msg::ErrOrgPending)),
        OrganisationStatus::Rejected => Err(DomainError::Conflict(Msg::ErrOrgRejected)),
        OrganisationStatus::Suspended => Err(DomainError::Conflict(Msg::ErrOrgSuspended)),
    }
}

/// The facts about an organisation that permissions depend on.
#[derive(Clone, Copy, Debug)]
pub struct OrgFacts {
    pub id: i32,
    pub kind: OrganisationKind,
    pub status: OrganisationStatus,
}

/// May the actor change a record owned by `org` under `op`? Another organisation's records are
/// `NotFound` to partner staff, so ids reveal nothing; bureau admins may wherever `op` allows.
pub fn authorize_for_org(actor: &Actor, op: Operation, org: OrgFacts) -> DomainResult<()> {
    authorize(actor, op)?;
    match actor.role() {
        Some(Role::PartnerStaff) => {
            if actor.organisation_id() != Some(org.id) {
                return Err(DomainError::NotFound);
            }
            check_standing(org.status)?;
            let kind_ok = match op {
                Operation::EditCourse => posts_courses(org.kind),
                Operation::ProposeAgreement => proposes_agreements(org.kind),
                Operation::ConfirmAgreement => hosts_agreements(org.kind),
                Operation::PublishPlaces
                | Operation::DecidePlacements
                | Operation::RecordOutcome
                | Operation::RecordBaseEvents => hosts_placements(org.kind),
                Operation::AddPartnerStaff => actor.user.as_ref().is_some_and(|u| u.org_admin),
                _ => true,
            };
            if kind_ok {
                Ok(())
            } else {
                Err(DomainError::Forbidden)
            }
        }
        Some(Role::BureauAdmin) => Ok(()),
        _ => Err(DomainError::Forbidden),
    }
}

/// The operation behind a course lifecycle step: who may take it.
pub fn course_action_operation(action: CourseAction) -> Operation {
    match action.mover() {
        Mover::Provider => Operation::EditCourse,
        Mover::Bureau => Operation::ReviewCourse,
        Mover::Either => Operation::RunCourse,
    }
}

/// May the actor take `action` on a course of `org`? (The course's status is the service's
/// business; this is only who.)
pub fn authorize_course_action(
    actor: &Actor,
    action: CourseAction,
    org: OrgFacts,
) -> DomainResult<()> {
    let op = course_action_operation(action);
    match op {
        Operation::ReviewCourse => authorize(actor, op),
        _ => authorize_for_org(actor, op, org),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Operation::*;

    /// The whole matrix, written out: (operation, [anonymous, trainee, partner staff,
    /// bureau admin, bureau viewer]).
    const MATRIX: &[(Operation, [bool; 5])] = &[
        (BrowseCatalogue, [true, true, true, true, true]),
        (ViewOwnAccount, [false, true, true, true, true]),
        (ChangeOwnPassword, [false, true, true, true, true]),
        (ListUsers, [false, false, false, true, false]),
        (ChangeUserRole, [false, false, false, true, false]),
        (ApplyAsPartner, [true, true, false, false, false]),
        (ViewPartners, [false, false, true, true, true]),
        (ReviewPartner, [false, false, false, true, false]),
        (AddPartnerStaff, [false, false, true, true, false]),
        (ViewAgreements, [false, false, true, true, true]),
        (ProposeAgreement, [false, false, true, false, false]),
        (ConfirmAgreement, [false, false, true, false, false]),
        (ViewManagedCourses, [false, false, true, true, true]),
        (EditCourse, [false, false, true, false, false]),
        (ReviewCourse, [false, false, false, true, false]),
        (RecordPastCourse, [false, false, false, true, false]),
        (RunCourse, [false, false, true, true, false]),
        (EditOwnProfile, [false, true, false, false, false]),
        (RevealIdNumber, [false, false, false, true, false]),
        (Enrol, [false, true, false, false, false]),
        (ViewRoster, [false, false, true, true, true]),
        (ViewCourseRecords, [false, false, true, true, true]),
        (ManageRoster, [false, false, true, true, false]),
        (ImportTrainees, [false, false, true, true, false]),
        (RecordAttendance, [false, false, true, true, false]),
        (IssueCertificates, [false, false, true, true, false]),
        (ManageCertificates, [false, false, false, true, false]),
        (ViewPlacements, [false, false, true, true, true]),
        (PublishPlaces, [false, false, true, false, false]),
        (DecidePlacements, [false, false, true, true, false]),
        (ApplyForPlace, [false, true, false, false, false]),
        (ReportOwnOutcome, [false, true, false, false, false]),
        (RecordOutcome, [false, false, true, true, false]),
        (ViewPeople, [false, false, true, true, true]),
        (ViewFollowUps, [false, false, false, true, true]),
        (RecordFollowUps, [false, false, false, true, false]),
        (ViewBaseKpis, [false, false, true, true, true]),
        (RecordBaseEvents, [false, false, true, true, false]),
        (ViewDashboard, [false, false, false, true, true]),
        (ManageTargets, [false, false, false, true, false]),
        (SetViewerTown, [false, false, false, true, false]),
        (GrantSelectionRight, [false, false, false, true, false]),
        (ViewAuditLog, [false, false, false, true, false]),
        (ViewSubsidyClaims, [false, false, true, true, true]),
        (ReadNotices, [true, true, true, true, true]),
        (ObjectToNotice, [true, true, true, true, true]),
        (ViewSelections, [false, true, true, true, true]),
        (Nominate, [false, true, true, true, false]),
        (ScoreNominations, [false, false, false, true, false]),
        (ManageSelections, [false, false, false, true, false]),
        (ViewHosts, [false, false, true, true, true]),
        (RegisterHosts, [false, false, true, true, false]),
        (ApplyAsHost, [false, true, false, false, false]),
        (RegisterForEvent, [true, true, true, true, true]),
        (ReadOwnMessages, [false, true, true, true, true]),
        (ViewOutbox, [false, false, false, true, false]),
    ];

    const ROLES: [Option<Role>; 5] = [
        None,
        Some(Role::Trainee),
        Some(Role::PartnerStaff),
        Some(Role::BureauAdmin),
        Some(Role::BureauViewer),
    ];

    #[test]
    fn every_operation_is_in_the_matrix() {
        for op in Operation::ALL {
            assert!(
                MATRIX.iter().any(|(o, _)| o == op),
                "{op:?} is missing from the matrix"
            );
        }
        assert_eq!(MATRIX.len(), Operation::ALL.len());
    }

    #[test]
    fn matrix_of_operations_and_roles() {
        for (op, expected) in MATRIX {
            for (role, want) in ROLES.iter().zip(expected) {
                assert_eq!(allows(*role, *op), *want, "{op:?} for {role:?}");
            }
        }
    }

    #[test]
    fn anonymous_is_asked_to_log_in_and_others_are_refused() {
        let anonymous = Actor::anonymous();
        assert!(matches!(
            authorize(&anonymous, ListUsers),
            Err(DomainError::Unauthenticated)
        ));
        let trainee = Actor {
            user: Some(crate::AuthUser {
                id: 1,
                phone: "13800000000".into(),
                display_name: None,
                role: Role::Trainee,
                organisation_id: None,
                town_id: None,
                org_admin: false,
                runs_selections: false,
                session_id: 1,
            }),
            ..Actor::default()
        };
        assert!(matches!(
            authorize(&trainee, ListUsers),
            Err(DomainError::Forbidden)
        ));
        assert!(authorize(&trainee, ChangeOwnPassword).is_ok());
    }

    fn staff(org: i32, org_admin: bool) -> Actor {
        Actor {
            user: Some(crate::AuthUser {
                id: 7,
                phone: "13800000007".into(),
                display_name: None,
                role: Role::PartnerStaff,
                organisation_id: Some(org),
                town_id: None,
                org_admin,
                runs_selections: false,
                session_id: 1,
            }),
            ..Actor::default()
        }
    }

    fn bureau() -> Actor {
        let mut a = staff(0, false);
        if let Some(u) = a.user.as_mut() {
            u.role = Role::BureauAdmin;
            u.organisation_id = None;
        }
        a
    }

    fn viewer(town: Option<i32>) -> Actor {
        let mut a = staff(0, false);
        if let Some(u) = a.user.as_mut() {
            u.role = Role::BureauViewer;
            u.organisation_id = None;
            u.town_id = town;
        }
        a
    }

    /// A town viewer keeps only the operations whose services narrow to their town, and is
    /// refused other towns; a city-wide viewer, or an admin with a town on their account, is
    /// not limited.
    #[test]
    fn town_viewers_see_only_their_town() {
        let town = viewer(Some(3));
        let city = viewer(None);
        assert_eq!(town_scope(&town), Some(3));
        assert_eq!(town_scope(&city), None);
        let mut admin = bureau();
        if let Some(u) = admin.user.as_mut() {
            u.town_id = Some(3);
        }
        assert_eq!(town_scope(&admin), None);
        for &op in Operation::ALL {
            let expected = allows(Some(Role::BureauViewer), op) && TOWN_SCOPED.contains(&op);
            assert_eq!(authorize(&town, op).is_ok(), expected, "{op:?}");
            assert_eq!(
                authorize(&city, op).is_ok(),
                allows(Some(Role::BureauViewer), op),
                "{op:?}"
            );
        }
        assert!(matches!(
            authorize(&town, ViewCourseRecords),
            Err(DomainError::Forbidden)
        ));
        assert!(check_town(&town, Some(3)).is_ok());
        assert!(check_town(&town, None).is_ok());
        assert!(matches!(
            check_town(&town, Some(4)),
            Err(DomainError::Forbidden)
        ));
        assert!(check_town(&city, Some(4)).is_ok());
    }

    /// The commerce bureau: a city-wide viewer with the right runs selections as a bureau admin
    /// does and gains nothing else; without the right, or limited to a town, nothing changes.
    #[test]
    fn a_viewer_with_the_selection_right_runs_selections_and_nothing_more() {
        let with_right = |town: Option<i32>| {
            let mut a = viewer(town);
            if let Some(u) = a.user.as_mut() {
                u.runs_selections = true;
            }
            a
        };
        let commerce = with_right(None);
        let town = with_right(Some(3));
        assert!(runs_selections(&commerce));
        assert!(!runs_selections(&town));
        assert!(!runs_selections(&viewer(None)));
        let mut admin = bureau();
        if let Some(u) = admin.user.as_mut() {
            u.runs_selections = true;
        }
        assert!(!runs_selections(&admin));
        for &op in Operation::ALL {
            let viewer_may = allows(Some(Role::BureauViewer), op);
            assert_eq!(
                authorize(&commerce, op).is_ok(),
                viewer_may || SELECTION_RIGHT.contains(&op),
                "{op:?}"
            );
            assert_eq!(
                authorize(&town, op).is_ok(),
                viewer_may && TOWN_SCOPED.contains(&op),
                "{op:?}"
            );
        }
        for &op in SELECTION_RIGHT {
            assert!(allows(Some(Role::BureauAdmin), op), "{op:?}");
            assert!(!allows(Some(Role::BureauViewer), op), "{op:?}");
        }
    }

    fn org(id: i32, kind: OrganisationKind, status: OrganisationStatus) -> OrgFacts {
        OrgFacts { id, kind, status }
    }

    /// Row level: (operation, actor, organisation) → allowed, or which refusal.
    #[test]
    fn partner_staff_act_only_on_their_own_approved_organisation() {
        use OrganisationKind::*;
        use OrganisationStatus::*;
        let college = org(1, College, Approved);
        let outcome = |actor: &Actor, op, o| match authorize_for_org(actor, op, o) {
            Ok(()) => "ok",
            Err(DomainError::NotFound) => "not found",
            Err(DomainError::Forbidden) => "forbidden",
            Err(DomainError::Conflict(Msg::ErrOrgSuspended)) => "suspended",
            Err(DomainError::Conflict(Msg::ErrOrgPending)) => "pending",
            Err(DomainError::Conflict(Msg::ErrOrgRejected)) => "rejected",
            Err(e) => panic!("{e:?}"),
        };
        let cases: &[(Actor, Operation, OrgFacts, &str)] = &[
            (staff(1, false), EditCourse, college, "ok"),
            (staff(2, false), EditCourse, college, "not found"),
            (
                staff(1, false),
                EditCourse,
                org(1, College, Suspended),
                "suspended",
            ),
            (
                staff(1, false),
                EditCourse,
                org(1, College, Pending),
                "pending",
            ),
            (
                staff(1, false),
                EditCourse,
                org(1, College, Rejected),
                "rejected",
            ),
            (
                staff(1, false),
                EditCourse,
                org(1, Enterprise, Approved),
                "forbidden",
            ),
            (
                staff(1, false),
                EditCourse,
                org(1, TrainingSchool, Approved),
                "ok",
            ),
            (staff(1, false), ProposeAgreement, college, "ok"),
            (
                staff(1, false),
                ProposeAgreement,
                org(1, IncubationBase, Approved),
                "forbidden",
            ),
            (
                staff(1, false),
                ConfirmAgreement,
                org(1, Enterprise, Approved),
                "ok",
            ),
            (staff(1, false), ConfirmAgreement, college, "forbidden"),
            (staff(1, false), AddPartnerStaff, college, "forbidden"),
            (staff(1, true), AddPartnerStaff, college, "ok"),
            (
                staff(1, true),
                AddPartnerStaff,
                org(1, College, Suspended),
                "suspended",
            ),
            (staff(2, true), AddPartnerStaff, college, "not found"),
            (staff(1, false), RunCourse, college, "ok"),
            (bureau(), AddPartnerStaff, college, "ok"),
            (bureau(), RunCourse, org(1, College, Suspended), "ok"),
            (bureau(), EditCourse, college, "forbidden"),
            (
                staff(1, false),
                PublishPlaces,
                org(1, IncubationBase, Approved),
                "ok",
            ),
            (staff(1, false), PublishPlaces, college, "forbidden"),
            (
                staff(2, false),
                DecidePlacements,
                org(1, LivestreamBase, Approved),
                "not found",
            ),
            (
                staff(1, false),
                DecidePlacements,
                org(1, LivestreamBase, Suspended),
                "suspended",
            ),
            (
                bureau(),
                DecidePlacements,
                org(1, Enterprise, Approved),
                "ok",
            ),
            (
                bureau(),
                PublishPlaces,
                org(1, IncubationBase, Approved),
                "forbidden",
            ),
            (
                staff(1, false),
                RecordBaseEvents,
                org(1, IncubationBase, Approved),
                "ok",
            ),
            (staff(1, false), RecordBaseEvents, college, "forbidden"),
            (
                staff(2, false),
                RecordBaseEvents,
                org(1, LivestreamBase, Approved),
                "not found",
            ),
            (
                staff(1, false),
                RecordBaseEvents,
                org(1, Enterprise, Suspended),
                "suspended",
            ),
            (
                bureau(),
                RecordBaseEvents,
                org(1, IncubationBase, Approved),
                "ok",
            ),
        ];
        for (actor, op, o, want) in cases {
            assert_eq!(outcome(actor, *op, *o), *want, "{op:?} {o:?}");
        }
    }

    #[test]
    fn course_steps_go_to_the_right_role() {
        use OrganisationKind::*;
        use OrganisationStatus::*;
        let college = org(1, College, Approved);
        for action in CourseAction::ALL {
            let by_staff = authorize_course_action(&staff(1, false), *action, college).is_ok();
            let by_bureau = authorize_course_action(&bureau(), *action, college).is_ok();
            let (staff_may, bureau_may) = match action.mover() {
                Mover::Provider => (true, false),
                Mover::Bureau => (false, true),
                Mover::Either => (true, true),
            };
            assert_eq!((by_staff, by_bureau), (staff_may, bureau_may), "{action:?}");
        }
        assert!(
            authorize_course_action(
                &staff(1, false),
                CourseAction::Submit,
                org(1, College, Suspended)
            )
            .is_err()
        );
        let scope = org_scope(&staff(3, false), ViewManagedCourses).unwrap();
        assert!(scope.includes(3) && !scope.includes(1));
        assert!(
            org_scope(&bureau(), ViewManagedCourses)
                .unwrap()
                .includes(1)
        );
    }
}
