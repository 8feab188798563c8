use crate::model::AppError;
use crate::model::enrolment::MyLearning;
use leptos::prelude::*;

/// "My learning" for the signed-in trainee.
#[server(endpoint = "enrolment/my_learning")]
pub async fn get_my_learning() -> Result<MyLearning, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(crate::domain::enrolment::my_learning(&svc.db, &actor()).await?)
}
