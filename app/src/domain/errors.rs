//! The domain's error type, used by every service. `Internal` keeps the real cause for the
//! server log; converting to [`AppError`] drops it, so no database text reaches a client.

use crate::i18n::Msg;
use crate::model::{AppError, ErrorKind, FieldError};

pub type DomainResult<T> = Result<T, DomainError>;

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("conflict: {0:?}")]
    Conflict(Msg),
    #[error("rate limited for {minutes} min")]
    RateLimited { minutes: u32 },
    #[error("internal: {0}")]
    Internal(String),
}

impl DomainError {
    /// One field's problem.
    pub fn field(field: &str, message: Msg) -> Self {
        DomainError::Invalid(vec![FieldError {
            field: field.to_string(),
            message,
        }])
    }

    /// Several fields' problems, or `Ok` when there are none.
    pub fn check(errors: Vec<FieldError>) -> DomainResult<()> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Invalid(errors))
        }
    }
}

impl From<sea_orm::DbErr> for DomainError {
    fn from(e: sea_orm::DbErr) -> Self {
        DomainError::Internal(e.to_string())
    }
}

impl<E: std::fmt::Display> From<sea_orm::TransactionError<E>> for DomainError
where
    E: Into<DomainError> + std::error::Error,
{
    fn from(e: sea_orm::TransactionError<E>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e.into(),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::NotFound => AppError::new(ErrorKind::NotFound, Msg::ErrNotFound),
            DomainError::Unauthenticated => {
                AppError::new(ErrorKind::Unauthenticated, Msg::ErrLoginRequired)
            }
            DomainError::Forbidden => AppError::new(ErrorKind::Forbidden, Msg::ErrForbidden),
            DomainError::Invalid(fields) => {
                let mut err = AppError::invalid(fields);
                // A single message is also the form's headline.
                if err.fields.len() == 1 {
                    err.message = err.fields[0].message;
                }
                err
            }
            DomainError::Conflict(msg) => AppError::new(ErrorKind::Conflict, msg),
            DomainError::RateLimited { minutes } => AppError {
                n: Some(minutes),
                ..AppError::new(ErrorKind::RateLimited, Msg::ErrTooManyAttempts)
            },
            DomainError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                AppError::internal()
            }
        }
    }
}
