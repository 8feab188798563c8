//! `agreements`: School–enterprise cooperation agreements (校企合作) between a college and a partner.
//! Both ends are organisations, so there is no `Related<organisations::Entity>`: join with
//! `Relation::College` or `Relation::Partner`.

use super::Coded;
use model::enums::{AgreementKind, AgreementStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub college_id: i32,
    /// The enterprise or base.
    pub partner_id: i32,
    pub kind: Coded<AgreementKind>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub places_offered: i32,
    pub status: Coded<AgreementStatus>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::CollegeId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_agreements_college_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    College,
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::PartnerId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_agreements_partner_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Partner,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        fk_name = "fk_agreements_created_by",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
