//! The 26 towns and sub-districts of Yuzhou (the `towns` table of schema v1), in the city's
//! usual order: 4 sub-districts (街道), 15 towns (镇), 7 townships (乡).
//!
//! Reference data every deployment needs, so it is a migration rather than demo seed data.
//! Admins may later rename a unit (some 乡 have since become 镇); `code` is the stable key.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, name_zh, name_en, kind); `sort_order` is the position in this list, from 1.
#[rustfmt::skip]
const TOWNS: [(&str, &str, &str, &str); 26] = [
    ("yingchuan", "颍川街道", "Yingchuan Subdistrict", "subdistrict"),
    ("xiadu", "夏都街道", "Xiadu Subdistrict", "subdistrict"),
    ("hancheng", "韩城街道", "Hancheng Subdistrict", "subdistrict"),
    ("juntai", "钧台街道", "Juntai Subdistrict", "subdistrict"),
    ("shenhou", "神垕镇", "Shenhou Town", "town"),
    ("fangshan", "方山镇", "Fangshan Town", "town"),
    ("shundian", "顺店镇", "Shundian Town", "town"),
    ("wuliang", "无梁镇", "Wuliang Town", "town"),
    ("hongchang", "鸿畅镇", "Hongchang Town", "town"),
    ("liangbei", "梁北镇", "Liangbei Town", "town"),
    ("gucheng", "古城镇", "Gucheng Town", "town"),
    ("huolong", "火龙镇", "Huolong Town", "town"),
    ("wenshu", "文殊镇", "Wenshu Town", "town"),
    ("jiushan", "鸠山镇", "Jiushan Town", "town"),
    ("chuhe", "褚河镇", "Chuhe Town", "town"),
    ("guolian", "郭连镇", "Guolian Town", "town"),
    ("fanpo", "范坡镇", "Fanpo Town", "town"),
    ("zhuge", "朱阁镇", "Zhuge Town", "town"),
    ("qianjing", "浅井镇", "Qianjing Town", "town"),
    ("changzhuang", "苌庄乡", "Changzhuang Township", "township"),
    ("zhangde", "张得乡", "Zhangde Township", "township"),
    ("xiaolv", "小吕乡", "Xiaolü Township", "township"),
    ("fanggang", "方岗乡", "Fanggang Township", "township"),
    ("mojie", "磨街乡", "Mojie Township", "township"),
    ("shanhuo", "山货乡", "Shanhuo Township", "township"),
    ("huashi", "花石乡", "Huashi Township", "township"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut insert = Query::insert();
        insert.into_table(Towns::Table).columns([
            Towns::Code,
            Towns::NameZh,
            Towns::NameEn,
            Towns::Kind,
            Towns::SortOrder,
        ]);
        for (sort_order, (code, name_zh, name_en, kind)) in (1_i32..).zip(TOWNS) {
            insert.values_panic([
                code.into(),
                name_zh.into(),
                name_en.into(),
                kind.into(),
                sort_order.into(),
            ]);
        }
        manager.execute(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table(Towns::Table)
            .and_where(Expr::col(Towns::Code).is_in(TOWNS.map(|(code, ..)| code)))
            .to_owned();
        manager.execute(delete).await
    }
}

#[derive(DeriveIden)]
enum Towns {
    Table,
    Code,
    NameZh,
    NameEn,
    Kind,
    SortOrder,
}
