//! `hosts`: A trainee's livestream host profile (at most one each).

use super::Coded;
use model::enums::HostSource;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hosts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trainee_id: i32,
    /// The livestream base or MCN company they work with.
    pub agency_id: Option<i32>,
    /// Industry codes of what they sell, comma-separated.
    pub categories: String,
    pub monthly_sessions: Option<i32>,
    /// An income band code for their monthly sales.
    pub sales_band: Option<String>,
    pub source: Coded<HostSource>,
    /// Still hosting.
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::trainees::Entity",
        from = "Column::TraineeId",
        to = "super::trainees::Column::Id",
        fk_name = "fk_hosts_trainee_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Trainees,
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::AgencyId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_hosts_agency_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisations,
    #[sea_orm(has_many = "super::host_accounts::Entity")]
    HostAccounts,
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisations.def()
    }
}

impl Related<super::host_accounts::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::HostAccounts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
