use leptos::prelude::*;
use model::AppError;
use model::rosters::RosterPage;

/// A page of a course's roster.
#[server(endpoint = "rosters/get")]
pub async fn get_roster(
    course_id: i32,
    status: String,
    q: String,
    page: u64,
) -> Result<RosterPage, AppError> {
    use crate::api::context::{actor, services};
    use model::rosters::RosterFilter;
    let svc = services()?;
    let filter = RosterFilter::parse(&status).unwrap_or_default();
    Ok(domain::rosters::roster(&svc.db, &actor(), course_id, filter, &q, page).await?)
}

/// A trainee's whole ID number, for bureau admins; every call is audited.
#[server(endpoint = "trainees/reveal_id_number")]
pub async fn reveal_id_number(trainee_id: i32) -> Result<String, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::trainees::reveal_id_number(&svc, &actor(), trainee_id).await?)
}

/// Activation codes for the course's imported trainees who have not set a password (all
/// without a live code, or one trainee's anew); shown once, audited.
#[server(endpoint = "rosters/activation_codes")]
pub async fn issue_activation_codes(
    course_id: i32,
    trainee_id: Option<i32>,
) -> Result<model::rosters::ActivationSheet, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::activation::issue_for_course(&svc, &actor(), course_id, trainee_id).await?)
}
