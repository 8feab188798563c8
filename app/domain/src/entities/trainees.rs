//! `trainees`: The real-name profile of a trainee user. The ID number is stored encrypted, found by
//! a keyed hash and shown masked.

use super::Coded;
use model::enums::Gender;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trainees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    pub name: String,
    /// Encrypted 居民身份证号; decrypt only for an audited unmasked view.
    #[sea_orm(column_type = "Text")]
    pub id_number_cipher: String,
    /// Keyed hash of the normalised ID number, for lookups and uniqueness.
    #[sea_orm(unique)]
    pub id_number_hash: String,
    /// e.g. 4101**********1234.
    pub id_number_masked: String,
    pub gender: Coded<Gender>,
    pub birth_date: Date,
    pub town_id: i32,
    pub village: Option<String>,
    pub education: String,
    pub prior_status: String,
    pub ecommerce_experience: String,
    pub consent_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id",
        fk_name = "fk_trainees_user_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
    #[sea_orm(
        belongs_to = "super::towns::Entity",
        from = "Column::TownId",
        to = "super::towns::Column::Id",
        fk_name = "fk_trainees_town_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Towns,
    #[sea_orm(has_many = "super::enrollments::Entity")]
    Enrollments,
    #[sea_orm(has_many = "super::certificates::Entity")]
    Certificates,
    #[sea_orm(has_many = "super::placements::Entity")]
    Placements,
    #[sea_orm(has_many = "super::outcomes::Entity")]
    Outcomes,
    #[sea_orm(has_many = "super::follow_ups::Entity")]
    FollowUps,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::towns::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Towns.def()
    }
}

impl Related<super::enrollments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrollments.def()
    }
}

impl Related<super::certificates::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Certificates.def()
    }
}

impl Related<super::placements::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Placements.def()
    }
}

impl Related<super::outcomes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Outcomes.def()
    }
}

impl Related<super::follow_ups::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FollowUps.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
