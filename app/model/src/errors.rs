//! The app's error: what a client may see. It carries a [`Msg`] (translated where it is shown),
//! never database or internal text. The domain's error converts into it; anything unexpected
//! becomes [`ErrorKind::Internal`] after being logged on the server.

use crate::i18n::{Locale, Msg};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    Internal,
    /// The database cannot be reached or written (restarting, disk full, read-only): nothing
    /// was changed and trying again later may work.
    Unavailable,
}

impl ErrorKind {
    /// The HTTP status a route answers with for this kind of error.
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Invalid => 422,
            ErrorKind::Unauthenticated => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::Conflict => 409,
            ErrorKind::RateLimited => 429,
            ErrorKind::Internal => 500,
            ErrorKind::Unavailable => 503,
        }
    }
}

/// A message about one form field, shown next to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: Msg,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{kind:?}: {message:?}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: Msg,
    /// The number in the message, e.g. minutes to wait.
    pub n: Option<u32>,
    /// Per-field messages for [`ErrorKind::Invalid`].
    pub fields: Vec<FieldError>,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: Msg) -> Self {
        AppError {
            kind,
            message,
            n: None,
            fields: Vec::new(),
        }
    }

    pub fn internal() -> Self {
        AppError::new(ErrorKind::Internal, Msg::ErrInternal)
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        AppError {
            kind: ErrorKind::Invalid,
            message: Msg::ErrInvalidInput,
            n: None,
            fields,
        }
    }

    /// The message for `field`, if there is one.
    pub fn field(&self, field: &str) -> Option<Msg> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message)
    }

    /// The whole message in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match self.n {
            Some(n) => locale.fill(self.message, n),
            None => locale.t(self.message).to_string(),
        }
    }
}

impl server_fn::error::FromServerFnError for AppError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(e: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr as E;
        // Transport and decoding failures: the details are in the server log, not for users.
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %e, "a server function call failed");
        match e {
            // Arguments the server could not read: the request is wrong, not the server.
            E::Args(_) | E::MissingArg(_) => {
                AppError::new(ErrorKind::Invalid, Msg::ErrInvalidInput)
            }
            _ => AppError::internal(),
        }
    }
}
