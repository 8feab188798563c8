//! `users`: Login accounts. Holds the password hash: never `Serialize`, and `Debug` redacts it.

use super::Coded;
use model::enums::{Role, UserStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub phone: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub display_name: Option<String>,
    pub role: Coded<Role>,
    /// Set for partner staff.
    pub organisation_id: Option<i32>,
    /// Set for a town-scoped bureau viewer.
    pub town_id: Option<i32>,
    pub status: Coded<UserStatus>,
    /// A partner admin: may add further staff of the same organisation.
    pub org_admin: bool,
    /// A city-wide bureau viewer given the right to run honour selections.
    pub runs_selections: bool,
    pub created_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
    pub password_changed_at: DateTimeUtc,
}

/// Written by hand so that logging a user can never print the password hash.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("id", &self.id)
            .field("phone", &self.phone)
            .field("password_hash", &"[redacted]")
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .field("organisation_id", &self.organisation_id)
            .field("town_id", &self.town_id)
            .field("status", &self.status)
            .field("org_admin", &self.org_admin)
            .field("runs_selections", &self.runs_selections)
            .field("created_at", &self.created_at)
            .field("last_login_at", &self.last_login_at)
            .field("password_changed_at", &self.password_changed_at)
            .finish()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_users_organisation_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisations,
    #[sea_orm(
        belongs_to = "super::towns::Entity",
        from = "Column::TownId",
        to = "super::towns::Column::Id",
        fk_name = "fk_users_town_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Towns,
    #[sea_orm(has_many = "super::sessions::Entity")]
    Sessions,
    #[sea_orm(has_one = "super::trainees::Entity")]
    Trainees,
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisations.def()
    }
}

impl Related<super::towns::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Towns.def()
    }
}

impl Related<super::sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Sessions.def()
    }
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
