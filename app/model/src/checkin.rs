//! QR check-in on the wire: the staff's screen and the trainee's confirmation prompt.

use serde::{Deserialize, Serialize};

/// What the staff's check-in screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinScreen {
    pub course_id: i32,
    pub course_title: String,
    pub session_id: i32,
    pub when: String,
    pub topic: String,
    /// The address the QR code holds.
    pub url: String,
    pub code: String,
    /// The QR code as SVG markup (drawn by the server from `url`).
    pub svg: String,
    /// Seconds until the code changes.
    pub refresh_in: i64,
    pub checked_in: u64,
    pub enrolled: u64,
    /// The session is within its check-in time now.
    pub open: bool,
}

/// What a trainee sees before confirming a check-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinPrompt {
    pub course_title: String,
    pub when: String,
    pub topic: String,
    pub already: bool,
    /// A lecture's or salon's session: whoever scanned gives the phone they registered with
    /// (no account needed).
    pub event: bool,
}
