//! Certificate numbers (YZ-2027-000123) count up per year. One row per year holds the last
//! number given; a batch takes its numbers with one guarded update, which also serialises
//! concurrent batches (on PostgreSQL the row lock, on SQLite the write transaction).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CertificateCounters {
    Table,
    Year,
    Last,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CertificateCounters::Table)
                    .col(integer(CertificateCounters::Year).primary_key())
                    .col(integer(CertificateCounters::Last).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CertificateCounters::Table).to_owned())
            .await
    }
}
