use leptos::prelude::*;
use model::AppError;
use model::trainees::ProfileView;

/// The signed-in trainee's profile, `None` until completed.
#[server(endpoint = "trainees/my_profile")]
pub async fn my_profile() -> Result<Option<ProfileView>, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::trainees::my_profile(&svc.db, &actor()).await?)
}
