//! The domain's error type, used by every service. `Internal` keeps the real cause for the
//! server log; converting to [`AppError`] drops it, so no database text reaches a client.

use model::i18n::Msg;
use model::{AppError, ErrorKind, FieldError};

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
    /// The database cannot be reached or written just now (a restart, a full disk, a
    /// read-only file system); the cause is kept for the log.
    #[error("database unavailable: {0}")]
    Unavailable(String),
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
        if storage_unavailable(&e) {
            DomainError::Unavailable(e.to_string())
        } else {
            DomainError::Internal(e.to_string())
        }
    }
}

/// Whether a database error says the storage cannot be reached or written at the moment
/// (rather than that this statement is wrong): no connection, a server shutting down or
/// starting, a full disk, a read-only or failing file.
pub fn storage_unavailable(e: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx = match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx.as_ref() {
        Sqlx::Io(_)
        | Sqlx::Tls(_)
        | Sqlx::Protocol(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed => true,
        Sqlx::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db
                .try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some()
            {
                // SQLite's primary result code is the low byte of the extended one:
                // BUSY 5, READONLY 8, IOERR 10, FULL 13, CANTOPEN 14.
                code.parse::<i32>()
                    .is_ok_and(|c| matches!(c & 0xff, 5 | 8 | 10 | 13 | 14))
            } else {
                // PostgreSQL SQLSTATE: connection exceptions (08…), shutting down or starting
                // (57P01–57P03), insufficient resources (53…: disk full, out of memory,
                // too many connections), a read-only transaction (25006).
                code.starts_with("08")
                    || code.starts_with("53")
                    || matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "25006")
            }
        }
        _ => false,
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
            DomainError::Unavailable(cause) => {
                tracing::error!(%cause, "database unavailable");
                AppError::new(ErrorKind::Unavailable, Msg::ErrUnavailable)
            }
        }
    }
}
