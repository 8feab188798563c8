use leptos::prelude::*;
use model::AppError;
use model::events::{EventRoster, Ticket};

/// A ticket by its code.
#[server(endpoint = "events/ticket")]
pub async fn get_ticket(code: String) -> Result<Ticket, AppError> {
    use crate::api::context::services;
    let svc = services()?;
    Ok(domain::events::ticket(&svc.db, &code).await?)
}

/// An event's registrations, for its staff and the bureau.
#[server(endpoint = "events/registrations")]
pub async fn get_registrations(course_id: i32) -> Result<EventRoster, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::events::roster(&svc.db, &actor(), course_id).await?)
}
