//! The audit log: who did what to which row, when and from where. Rows are only ever
//! inserted (the database refuses updates and deletes, see the migrations); write them in the
//! same transaction as the change they describe, so neither exists without the other.

use crate::domain::entities::audit_log;
use crate::domain::{Actor, DomainResult};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// One audited event. `action` is a dotted verb such as `user.role_changed`.
pub struct Event<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub detail: Option<serde_json::Value>,
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    event: Event<'_>,
) -> DomainResult<()> {
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_user_id: Set(actor.user_id()),
        actor_ip: Set(actor.ip.clone()),
        action: Set(event.action.to_string()),
        entity: Set(event.entity.to_string()),
        entity_id: Set(event.entity_id),
        detail: Set(event.detail.map(|d| d.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
