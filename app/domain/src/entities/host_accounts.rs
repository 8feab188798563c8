//! `host_accounts`: A host's account on a platform.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "host_accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub host_id: i32,
    /// A platform code (douyin, kuaishou, …).
    pub platform: String,
    pub account_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::hosts::Entity",
        from = "Column::HostId",
        to = "super::hosts::Column::Id",
        fk_name = "fk_host_accounts_host_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Hosts,
}

impl Related<super::hosts::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Hosts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
