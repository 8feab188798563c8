//! `attendance`: One trainee's attendance at one session (unique per enrolment × session).

use super::Coded;
use model::enums::{AttendanceMethod, AttendanceStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub enrollment_id: i32,
    pub session_id: i32,
    pub status: Coded<AttendanceStatus>,
    pub method: Coded<AttendanceMethod>,
    pub recorded_by: Option<i32>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::enrollments::Entity",
        from = "Column::EnrollmentId",
        to = "super::enrollments::Column::Id",
        fk_name = "fk_attendance_enrollment_id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Enrollments,
    #[sea_orm(
        belongs_to = "super::course_sessions::Entity",
        from = "Column::SessionId",
        to = "super::course_sessions::Column::Id",
        fk_name = "fk_attendance_session_id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    CourseSessions,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::RecordedBy",
        to = "super::users::Column::Id",
        fk_name = "fk_attendance_recorded_by",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
}

impl Related<super::enrollments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrollments.def()
    }
}

impl Related<super::course_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseSessions.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
