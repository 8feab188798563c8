//! Every permission rule of Yucai, in one place: "may this actor do this operation?".
//! Services call [`authorize`] before they read or change anything; the UI may hide what an
//! actor cannot do, but that is never the check. The test at the bottom walks every
//! operation × role, so adding an operation means deciding it for every role here.

use crate::domain::{Actor, DomainError, DomainResult};
use crate::model::Role;

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
}

impl Operation {
    pub const ALL: &'static [Operation] = &[
        Operation::BrowseCatalogue,
        Operation::ViewOwnAccount,
        Operation::ChangeOwnPassword,
        Operation::ListUsers,
        Operation::ChangeUserRole,
    ];
}

/// Whether `role` (or an anonymous visitor, `None`) may perform `op`, before any row-level
/// scoping (organisation, town), which the services apply to the rows themselves.
pub fn allows(role: Option<Role>, op: Operation) -> bool {
    use Operation::*;
    if op == BrowseCatalogue {
        return true;
    }
    let Some(role) = role else { return false };
    match op {
        BrowseCatalogue | ViewOwnAccount | ChangeOwnPassword => true,
        ListUsers | ChangeUserRole => role == Role::BureauAdmin,
    }
}

/// `Ok` when the actor may perform `op`; `Unauthenticated` for an anonymous visitor who
/// would need to log in, `Forbidden` otherwise.
pub fn authorize(actor: &Actor, op: Operation) -> DomainResult<()> {
    if allows(actor.role(), op) {
        Ok(())
    } else if actor.user.is_none() {
        Err(DomainError::Unauthenticated)
    } else {
        Err(DomainError::Forbidden)
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
            user: Some(crate::domain::AuthUser {
                id: 1,
                phone: "13800000000".into(),
                display_name: None,
                role: Role::Trainee,
                organisation_id: None,
                town_id: None,
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
}
