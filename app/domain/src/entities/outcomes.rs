//! `outcomes`: Employment and business outcomes (就业创业跟踪). A correction is a new row that supersedes
//! the old one.

use super::Coded;
use model::enums::{OutcomeKind, OutcomeSource};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outcomes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trainee_id: i32,
    pub as_of: Date,
    pub kind: Coded<OutcomeKind>,
    pub employer: Option<String>,
    pub position: Option<String>,
    pub business_name: Option<String>,
    pub business_credit_code: Option<String>,
    /// douyin, kuaishou, taobao, pinduoduo, jd, wechat_channels or other.
    pub platform: Option<String>,
    pub shop_url: Option<String>,
    pub income_band: Option<String>,
    /// Jobs created for others (带动就业).
    pub jobs_created: i32,
    pub source: Coded<OutcomeSource>,
    pub recorded_by: Option<i32>,
    pub recorded_at: DateTimeUtc,
    /// The outcome row this one corrects.
    pub supersedes_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::trainees::Entity",
        from = "Column::TraineeId",
        to = "super::trainees::Column::Id",
        fk_name = "fk_outcomes_trainee_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Trainees,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::RecordedBy",
        to = "super::users::Column::Id",
        fk_name = "fk_outcomes_recorded_by",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::SupersedesId",
        to = "Column::Id",
        fk_name = "fk_outcomes_supersedes_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Supersedes,
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
