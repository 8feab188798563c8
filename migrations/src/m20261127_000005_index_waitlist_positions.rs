//! The waiting list of a course is read in order (the next to promote, the last position, a
//! trainee's place in line): an index on (course, position) keeps that quick for long lists.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Enrollments {
    Table,
    CourseId,
    WaitlistPosition,
}

const NAME: &str = "idx_enrollments_course_id_waitlist_position";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Enrollments::Table)
                    .col(Enrollments::CourseId)
                    .col(Enrollments::WaitlistPosition)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(Enrollments::Table)
                    .to_owned(),
            )
            .await
    }
}
