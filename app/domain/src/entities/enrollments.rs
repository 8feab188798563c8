//! `enrollments`: A trainee on a course (unique per pair).

use super::Coded;
use model::enums::EnrollmentStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "enrollments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_id: i32,
    pub trainee_id: i32,
    pub status: Coded<EnrollmentStatus>,
    pub waitlist_position: Option<i32>,
    pub score: Option<f64>,
    pub attended_hours: f64,
    pub enrolled_at: DateTimeUtc,
    pub status_changed_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub removed_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::courses::Entity",
        from = "Column::CourseId",
        to = "super::courses::Column::Id",
        fk_name = "fk_enrollments_course_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Courses,
    #[sea_orm(
        belongs_to = "super::trainees::Entity",
        from = "Column::TraineeId",
        to = "super::trainees::Column::Id",
        fk_name = "fk_enrollments_trainee_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Trainees,
    #[sea_orm(has_many = "super::attendance::Entity")]
    Attendance,
    #[sea_orm(has_one = "super::certificates::Entity")]
    Certificates,
    #[sea_orm(has_many = "super::follow_ups::Entity")]
    FollowUps,
}

impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Courses.def()
    }
}

impl Related<super::trainees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainees.def()
    }
}

impl Related<super::attendance::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attendance.def()
    }
}

impl Related<super::certificates::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Certificates.def()
    }
}

impl Related<super::follow_ups::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FollowUps.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
