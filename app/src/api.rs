//! Server functions, one file per area. Each is a thin adapter: the request's actor and the
//! shared services → one `domain::` call → a DTO or an [`AppError`](model::AppError).

pub mod accounts;
pub mod agreements;
pub mod attendance;
pub mod bases;
pub mod catalogue;
pub mod certificates;
pub mod checkin;
pub mod courses;
pub mod dashboard;
pub mod enrolment;
pub mod events;
pub mod hosts;
pub mod imports;
pub mod messages;
pub mod outcomes;
pub mod oversight;
pub mod partners;
pub mod placements;
pub mod rosters;
pub mod selections;
pub mod trainees;

#[cfg(feature = "ssr")]
pub mod context {
    use domain::{Actor, Services};
    use leptos::prelude::*;
    use model::AppError;

    /// The services the server put into the Leptos context for this request.
    pub fn services() -> Result<Services, AppError> {
        use_context::<Services>().ok_or_else(|| {
            tracing::error!("Services missing from the Leptos context");
            AppError::internal()
        })
    }

    /// The actor the server's session middleware resolved for this request.
    pub fn actor() -> Actor {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Actor>().cloned())
            .unwrap_or_default()
    }
}
