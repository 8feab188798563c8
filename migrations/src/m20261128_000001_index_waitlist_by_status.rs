//! A trainee's place in a waiting list counts the waitlisted enrolments ahead of them: with
//! (course, status, position) in one index that count reads the index alone, however long the
//! list.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Enrollments {
    Table,
    CourseId,
    Status,
    WaitlistPosition,
}

const NAME: &str = "idx_enrollments_course_id_status_waitlist_position";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Enrollments::Table)
                    .col(Enrollments::CourseId)
                    .col(Enrollments::Status)
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
