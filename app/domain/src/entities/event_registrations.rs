//! `event_registrations`: Someone registered for a lecture or salon (a course of the
//! lecture/salon programme), by name, phone and town; at most once per phone and event.

use super::Coded;
use model::enums::RegistrationStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_registrations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_id: i32,
    pub name: String,
    pub phone: String,
    pub town_id: i32,
    /// The trainee, when a signed-in trainee registered.
    pub trainee_id: Option<i32>,
    /// The ticket's unguessable code.
    pub code: String,
    pub status: Coded<RegistrationStatus>,
    pub registered_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    pub checked_in_at: Option<DateTimeUtc>,
    /// The staff member who checked them in; none when they scanned the code themselves.
    pub checked_in_by: Option<i32>,
    /// `qr` or `staff`.
    pub checkin_method: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::courses::Entity",
        from = "Column::CourseId",
        to = "super::courses::Column::Id",
        fk_name = "fk_event_registrations_course_id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Courses,
}

impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Courses.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
