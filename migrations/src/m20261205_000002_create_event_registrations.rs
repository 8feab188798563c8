//! Lectures and salons (大讲堂、沙龙) as events: anyone registers with a name, a phone and a town
//! (no real-name profile), one registration per phone and event, taking one of the course's
//! places; the ticket is reached by an unguessable code; checking in (by the QR code on the
//! session's screen, or by staff) is recorded on the registration.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum EventRegistrations {
    Table,
    Id,
    CourseId,
    Name,
    Phone,
    TownId,
    TraineeId,
    Code,
    Status,
    RegisteredAt,
    CancelledAt,
    CheckedInAt,
    CheckedInBy,
    CheckinMethod,
}

#[derive(DeriveIden, Clone, Copy)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Towns {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trainees {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

const ONE_PER_PHONE: &str = "idx_event_registrations_course_id_phone";
const BY_CODE: &str = "idx_event_registrations_code";

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let r = EventRegistrations::Table;
        manager
            .create_table(
                Table::create()
                    .table(r)
                    .col(pk_auto(EventRegistrations::Id))
                    .col(integer(EventRegistrations::CourseId))
                    .col(string_len(EventRegistrations::Name, 40))
                    .col(string_len(EventRegistrations::Phone, 11))
                    .col(integer(EventRegistrations::TownId))
                    .col(integer_null(EventRegistrations::TraineeId))
                    .col(string_len(EventRegistrations::Code, 32))
                    .col(
                        string_len(EventRegistrations::Status, 20)
                            .check(
                                Expr::col(EventRegistrations::Status)
                                    .is_in(["registered", "cancelled"]),
                            )
                            .take(),
                    )
                    .col(timestamp_with_time_zone(EventRegistrations::RegisteredAt))
                    .col(timestamp_with_time_zone_null(
                        EventRegistrations::CancelledAt,
                    ))
                    .col(timestamp_with_time_zone_null(
                        EventRegistrations::CheckedInAt,
                    ))
                    .col(integer_null(EventRegistrations::CheckedInBy))
                    .col(string_len_null(EventRegistrations::CheckinMethod, 20))
                    .foreign_key(&mut fk(
                        "fk_event_registrations_course_id",
                        (r, EventRegistrations::CourseId),
                        (Courses::Table, Courses::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_event_registrations_town_id",
                        (r, EventRegistrations::TownId),
                        (Towns::Table, Towns::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_event_registrations_trainee_id",
                        (r, EventRegistrations::TraineeId),
                        (Trainees::Table, Trainees::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_event_registrations_checked_in_by",
                        (r, EventRegistrations::CheckedInBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONE_PER_PHONE)
                    .table(r)
                    .col(EventRegistrations::CourseId)
                    .col(EventRegistrations::Phone)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_CODE)
                    .table(r)
                    .col(EventRegistrations::Code)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EventRegistrations::Table).to_owned())
            .await
    }
}
