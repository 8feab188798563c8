use leptos::prelude::*;
use model::AppError;
use model::outcomes::{FollowUpFilter, FollowUpList, MyOutcomes, PersonHit, PersonRecord};

/// The signed-in trainee's outcomes.
#[server(endpoint = "outcomes/mine")]
pub async fn get_my_outcomes() -> Result<MyOutcomes, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::outcomes::mine(&svc.db, &actor()).await?)
}

/// The signed-in trainee's whole record.
#[server(endpoint = "people/mine")]
pub async fn get_my_record() -> Result<PersonRecord, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::people::mine(&svc.db, &actor()).await?)
}

/// A person's whole record, for bureau and base staff.
#[server(endpoint = "people/record")]
pub async fn get_person(id: i32) -> Result<PersonRecord, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::people::record(&svc.db, &actor(), id).await?)
}

/// The follow-up work list.
#[server(endpoint = "follow_ups/list", input = server_fn::codec::Json)]
pub async fn get_follow_ups(filter: FollowUpFilter) -> Result<FollowUpList, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::follow_ups::work_list(&svc.db, &actor(), &filter).await?)
}

/// People found by name, phone or the ID number's last digits.
#[server(endpoint = "people/search")]
pub async fn search_people(q: String) -> Result<Vec<PersonHit>, AppError> {
    use crate::api::context::{actor, services};
    let svc = services()?;
    Ok(domain::people::search(&svc.db, &actor(), &q).await?)
}
