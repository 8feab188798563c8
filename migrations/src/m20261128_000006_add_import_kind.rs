//! Imports hold sheets of attendance marks as well as sheets of trainees: each says which.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Imports {
    Table,
    Kind,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Imports::Table)
                    .add_column(
                        ColumnDef::new(Imports::Kind)
                            .string_len(20)
                            .not_null()
                            .default("trainees"),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Imports::Table)
                    .drop_column(Imports::Kind)
                    .to_owned(),
            )
            .await
    }
}
