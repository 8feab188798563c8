//! `courses`: Courses (培训班) posted by a provider organisation.

use super::Coded;
use model::enums::{CourseLevel, CourseMode, CourseStatus, Funding, Programme};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub programme: Coded<Programme>,
    /// Comma-separated industry codes; empty for none.
    pub industry_tags: String,
    pub level: Coded<CourseLevel>,
    pub mode: Coded<CourseMode>,
    pub town_id: Option<i32>,
    pub venue: Option<String>,
    pub capacity: i32,
    /// Enrolled seats; only ever changed by a guarded UPDATE (`seats_taken < capacity`).
    pub seats_taken: i32,
    pub total_hours: f64,
    /// Attended hours needed to complete, as a percentage of `total_hours`.
    pub completion_threshold_pct: i32,
    pub assessed: bool,
    pub pass_mark: Option<f64>,
    pub enrol_opens_at: Option<DateTimeUtc>,
    pub enrol_closes_at: Option<DateTimeUtc>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub funding: Coded<Funding>,
    pub status: Coded<CourseStatus>,
    #[sea_orm(column_type = "Text")]
    pub status_reason: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The bureau lets the provider issue this course's certificates itself.
    pub provider_issues: bool,
    /// Recorded after it took place (补录), opened by a bureau admin: the only kind of course
    /// that may start, and have sessions, in the past.
    pub recorded_afterwards: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        fk_name = "fk_courses_organisation_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisations,
    #[sea_orm(
        belongs_to = "super::towns::Entity",
        from = "Column::TownId",
        to = "super::towns::Column::Id",
        fk_name = "fk_courses_town_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Towns,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        fk_name = "fk_courses_created_by",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Users,
    #[sea_orm(has_many = "super::course_sessions::Entity")]
    CourseSessions,
    #[sea_orm(has_many = "super::enrollments::Entity")]
    Enrollments,
    #[sea_orm(has_many = "super::certificates::Entity")]
    Certificates,
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

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::course_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseSessions.def()
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

impl ActiveModelBehavior for ActiveModel {}
