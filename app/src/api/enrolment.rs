use leptos::prelude::*;
use model::AppError;
use model::enrolment::MyLearning;

/// "My learning" for the signed-in trainee.
#[server(endpoint = "enrolment/my_learning")]
pub async fn get_my_learning() -> Result<MyLearning, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::enrolment::my_learning(&svc.db, &actor()).await?)
}
