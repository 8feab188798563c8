//! `follow_ups`: Follow-ups due 3, 6 and 12 months after a completed enrolment.

use super::Coded;
use model::enums::FollowUpStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_ups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trainee_id: i32,
    pub enrollment_id: i32,
    /// 3, 6 or 12.
    pub due_months: i32,
    pub due_on: Date,
    pub status: Coded<FollowUpStatus>,
    pub done_by: Option<i32>,
    pub done_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub result: Option<String>,
    /// The outcome recorded by this follow-up, if any.
    pub outcome_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::trainees::Entity",
        from = "Column::TraineeId",
        to = "super::trainees::Column::Id",
        fk_name = "fk_follow_ups_trainee_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Trainees,
    #[sea_orm(
        belongs_to = "super::enrollments::Entity",
        from = "Column::EnrollmentId",
        to = "super::enrollments::Column::Id",
        fk_name = "fk_follow_ups_enrollment_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Enrollments,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::DoneBy",
        to = "super::users::Column::Id",
        fk_name = "fk_follow_ups_done_by",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
    #[sea_orm(
        belongs_to = "super::outcomes::Entity",
        from = "Column::OutcomeId",
        to = "super::outcomes::Column::Id",
        fk_name = "fk_follow_ups_outcome_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Outcomes,
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl Related<super::enrollments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrollments.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::outcomes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Outcomes.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
