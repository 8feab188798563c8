//! Demo data: clearly fictional, realistic enough that every page has something to show.
//! Organisation names end in “（示例）”, trainee phone numbers start with 170 (a range for
//! virtual operators), and ID numbers use the non-existent county code 419999, so nothing can
//! be mistaken for a real person. Deterministic: the same scale gives the same data.

use crate::entities::Coded;
use model::audit::AuditAction;
use model::audit::AuditRecord;
mod events;
pub mod history;
mod hosts;
mod outcomes;
mod places;
mod selections;

use crate::accounts::{NewUser, insert_user};
use crate::audit::{self, Event};
use crate::db::begin_write;
use crate::entities::{
    agreements, attendance, course_sessions, courses, enrollments, follow_ups, organisations,
    towns, trainees, users,
};
use crate::identity::{
    credit_code_check_char, encrypt_id_number, id_check_char, id_number_hash, mask_id_number,
};
use crate::{Actor, DomainResult, Services};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use model::Role;
use model::enums::{
    AgreementKind, AgreementStatus, AttendanceMethod, AttendanceStatus, CourseLevel, CourseMode,
    CourseStatus, EnrollmentStatus, FollowUpStatus, Funding, Gender, OrganisationKind,
    OrganisationStatus, Programme, UserStatus,
};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use std::collections::HashMap;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-password";
/// Demo trainees per unit of `--scale`.
pub const TRAINEES_PER_SCALE: u32 = 3000;
const BATCH: usize = 400;

/// The demo logins printed after seeding and listed in the README.
pub const DEMO_LOGINS: &[(&str, Role)] = &[
    ("13800000001", Role::BureauAdmin),
    ("13800000002", Role::BureauViewer),
    ("13800000003", Role::PartnerStaff),
    ("13800000004", Role::Trainee),
    ("13800000005", Role::BureauViewer),
    ("13800000006", Role::BureauViewer),
];

struct DemoOrg {
    name: &'static str,
    kind: OrganisationKind,
    town: &'static str,
}

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        name: "禹州职业技术学院（示例）",
        kind: OrganisationKind::College,
        town: "yingchuan",
    },
    DemoOrg {
        name: "禹州市电子商务培训学校（示例）",
        kind: OrganisationKind::TrainingSchool,
        town: "xiadu",
    },
    DemoOrg {
        name: "钧瓷文化产业园电商孵化基地（示例）",
        kind: OrganisationKind::IncubationBase,
        town: "shenhou",
    },
    DemoOrg {
        name: "神垕古镇直播电商基地（示例）",
        kind: OrganisationKind::LivestreamBase,
        town: "shenhou",
    },
    DemoOrg {
        name: "禹州市压滤机械设备有限公司（示例）",
        kind: OrganisationKind::Enterprise,
        town: "huolong",
    },
    DemoOrg {
        name: "禹州市中药材电商协会（示例）",
        kind: OrganisationKind::Association,
        town: "hancheng",
    },
    DemoOrg {
        name: "禹州市返乡创业职业培训学校（示例）",
        kind: OrganisationKind::TrainingSchool,
        town: "shundian",
    },
    DemoOrg {
        name: "禹州市农产品网货供应链有限公司（示例）",
        kind: OrganisationKind::Enterprise,
        town: "liangbei",
    },
    DemoOrg {
        name: "鸠山镇电商直播间（示例）",
        kind: OrganisationKind::LivestreamBase,
        town: "jiushan",
    },
    DemoOrg {
        name: "禹州市快捷电商技能培训中心（示例）",
        kind: OrganisationKind::TrainingSchool,
        town: "huashi",
    },
];

/// The standing of each demo organisation (same order as [`ORGS`]): most approved, two
/// applications waiting, one suspended, one rejected.
const ORG_STATUS: &[(OrganisationStatus, Option<&str>)] = &[
    (OrganisationStatus::Approved, None),
    (OrganisationStatus::Approved, None),
    (OrganisationStatus::Approved, None),
    (OrganisationStatus::Approved, None),
    (OrganisationStatus::Approved, None),
    (OrganisationStatus::Approved, None),
    (OrganisationStatus::Pending, None),
    (OrganisationStatus::Pending, None),
    (
        OrganisationStatus::Suspended,
        Some("培训记录抽查不合格，整改期间暂停（示例）"),
    ),
    (
        OrganisationStatus::Rejected,
        Some("营业执照经营范围不含培训服务（示例）"),
    ),
];

/// More courses across programmes, towns and stages, as table rows:
/// (title, programme, industries, level, mode, provider, town, capacity, hours, status,
/// starts in days, full).
type CourseRow = (
    &'static str,
    Programme,
    &'static str,
    CourseLevel,
    CourseMode,
    usize,
    &'static str,
    i32,
    f64,
    CourseStatus,
    i64,
    bool,
);

const MORE_COURSES: &[CourseRow] = &[
    (
        "淘宝开店实操班（方山）",
        Programme::Rural,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "fangshan",
        40,
        24.0,
        CourseStatus::Open,
        12,
        true,
    ),
    (
        "抖音小店运营入门",
        Programme::Livestream,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        0,
        "shundian",
        40,
        20.0,
        CourseStatus::Open,
        16,
        false,
    ),
    (
        "拼多多农产品上行",
        Programme::Rural,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "wuliang",
        35,
        16.0,
        CourseStatus::Open,
        9,
        true,
    ),
    // A small class of the demo college whose two sessions (the day before yesterday and
    // yesterday) are over, their attendance taken: the rest of the delivery (corrections,
    // scores, completion, certificates) can be walked through on it.
    (
        "直播间话术与选品实训",
        Programme::Livestream,
        "farm_produce",
        CourseLevel::Advanced,
        CourseMode::Onsite,
        0,
        "shenhou",
        8,
        8.0,
        CourseStatus::Running,
        -2,
        true,
    ),
    (
        "钧瓷网店视觉设计",
        Programme::Industry,
        "jun_porcelain",
        CourseLevel::Advanced,
        CourseMode::Onsite,
        0,
        "shenhou",
        30,
        24.0,
        CourseStatus::Running,
        -2,
        false,
    ),
    // A lecture of today with its session in progress: registering on the day and checking
    // in by phone after scanning the screen's code can be tried at once.
    (
        "电商大讲堂：农产品品牌与网货打造",
        Programme::LectureSalon,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        0,
        "shenhou",
        120,
        3.0,
        CourseStatus::Open,
        0,
        false,
    ),
    (
        "电商大讲堂：中药材直播合规",
        Programme::LectureSalon,
        "chinese_medicine",
        CourseLevel::Entry,
        CourseMode::Onsite,
        0,
        "hongchang",
        150,
        3.0,
        CourseStatus::Open,
        5,
        false,
    ),
    (
        "跨境电商：独立站入门",
        Programme::CrossBorder,
        "filter_press",
        CourseLevel::Entry,
        CourseMode::Online,
        1,
        "hancheng",
        80,
        18.0,
        CourseStatus::Open,
        25,
        false,
    ),
    (
        "微信视频号带货",
        Programme::Livestream,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Mixed,
        1,
        "liangbei",
        60,
        12.0,
        CourseStatus::Finished,
        -45,
        false,
    ),
    (
        "电商带头人提高班（鸠山）",
        Programme::Rural,
        "farm_produce,chinese_medicine",
        CourseLevel::Leader,
        CourseMode::Onsite,
        0,
        "jiushan",
        30,
        40.0,
        CourseStatus::Finished,
        -90,
        false,
    ),
    (
        "三粉品牌直播",
        Programme::Livestream,
        "sweet_potato_starch",
        CourseLevel::Advanced,
        CourseMode::Onsite,
        1,
        "chuhe",
        30,
        16.0,
        CourseStatus::Open,
        18,
        false,
    ),
    (
        "电商沙龙：返乡创业经验分享",
        Programme::LectureSalon,
        "",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "guolian",
        80,
        2.0,
        CourseStatus::Open,
        3,
        false,
    ),
    (
        "农村电商入门（朱阁）",
        Programme::Rural,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "zhuge",
        45,
        24.0,
        CourseStatus::Approved,
        40,
        false,
    ),
    (
        "钧瓷直播话术与合规",
        Programme::Livestream,
        "jun_porcelain",
        CourseLevel::Entry,
        CourseMode::Onsite,
        0,
        "shenhou",
        35,
        12.0,
        CourseStatus::Running,
        -1,
        false,
    ),
    (
        "中医药电商品牌运营（浅井）",
        Programme::Industry,
        "chinese_medicine",
        CourseLevel::Advanced,
        CourseMode::Mixed,
        0,
        "qianjing",
        40,
        32.0,
        CourseStatus::Open,
        28,
        false,
    ),
    (
        "农产品短视频营销（苌庄）",
        Programme::Rural,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "changzhuang",
        40,
        16.0,
        CourseStatus::Finished,
        -75,
        false,
    ),
    (
        "网店美工与详情页（张得）",
        Programme::Rural,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "zhangde",
        30,
        20.0,
        CourseStatus::Open,
        22,
        false,
    ),
    (
        "电商客服实务（小吕）",
        Programme::Industry,
        "filter_press",
        CourseLevel::Entry,
        CourseMode::Onsite,
        0,
        "xiaolv",
        40,
        24.0,
        CourseStatus::Draft,
        70,
        false,
    ),
    (
        "山区农产品电商（磨街）",
        Programme::Rural,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "mojie",
        40,
        20.0,
        CourseStatus::Submitted,
        50,
        false,
    ),
    (
        "跨境电商实务（方岗）",
        Programme::CrossBorder,
        "filter_press",
        CourseLevel::Advanced,
        CourseMode::Onsite,
        0,
        "fanggang",
        25,
        30.0,
        CourseStatus::Rejected,
        55,
        false,
    ),
    (
        "直播带货入门（山货）",
        Programme::Livestream,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "shanhuo",
        40,
        16.0,
        CourseStatus::Open,
        14,
        false,
    ),
    (
        "电商大讲堂：网络交易合规（花石）",
        Programme::LectureSalon,
        "",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "huashi",
        100,
        3.0,
        CourseStatus::Archived,
        -200,
        false,
    ),
    (
        "社群团购团长培训（郭连）",
        Programme::Rural,
        "farm_produce",
        CourseLevel::Entry,
        CourseMode::Onsite,
        1,
        "guolian",
        35,
        12.0,
        CourseStatus::Running,
        -4,
        false,
    ),
];

struct DemoCourse {
    title: &'static str,
    programme: Programme,
    tags: &'static str,
    level: CourseLevel,
    mode: CourseMode,
    org: usize,
    town: &'static str,
    capacity: i32,
    hours: f64,
    status: CourseStatus,
    /// Start date relative to today, in days.
    starts_in: i64,
    description: &'static str,
}

const COURSES: &[DemoCourse] = &[
    DemoCourse {
        title: "农村电商入门：开好第一家网店",
        programme: Programme::Rural,
        tags: "farm_produce",
        level: CourseLevel::Entry,
        mode: CourseMode::Onsite,
        org: 1,
        town: "fanpo",
        capacity: 60,
        hours: 24.0,
        status: CourseStatus::Open,
        starts_in: 14,
        description: "面向农户和返乡人员：平台选择、开店流程、商品拍摄、详情页和客服。",
    },
    DemoCourse {
        title: "钧瓷直播带货实战班",
        programme: Programme::Livestream,
        tags: "jun_porcelain",
        level: CourseLevel::Advanced,
        mode: CourseMode::Onsite,
        org: 3,
        town: "shenhou",
        capacity: 40,
        hours: 32.0,
        status: CourseStatus::Open,
        starts_in: 21,
        description: "钧瓷作品讲解、直播间搭建、话术与合规，结业后可申请基地直播间。",
    },
    DemoCourse {
        title: "中医药产品电商运营",
        programme: Programme::Industry,
        tags: "chinese_medicine",
        level: CourseLevel::Advanced,
        mode: CourseMode::Mixed,
        org: 0,
        town: "hancheng",
        capacity: 50,
        hours: 40.0,
        status: CourseStatus::Running,
        starts_in: -7,
        description: "中药材及药食同源产品的网店运营、资质要求与广告合规。",
    },
    DemoCourse {
        title: "三粉（红薯粉条）网销与包装设计",
        programme: Programme::Rural,
        tags: "sweet_potato_starch,farm_produce",
        level: CourseLevel::Entry,
        mode: CourseMode::Onsite,
        org: 1,
        town: "wenshu",
        capacity: 45,
        hours: 20.0,
        status: CourseStatus::Finished,
        starts_in: -60,
        description: "粉条、粉皮、粉面的产品包装、定价和社区团购渠道。",
    },
    DemoCourse {
        title: "压滤机械跨境电商（阿里国际站）",
        programme: Programme::CrossBorder,
        tags: "filter_press",
        level: CourseLevel::Advanced,
        mode: CourseMode::Mixed,
        org: 0,
        town: "huolong",
        capacity: 30,
        hours: 36.0,
        status: CourseStatus::Open,
        starts_in: 30,
        description: "工业品询盘转化、英文产品页、外贸流程与跨境收款。",
    },
    DemoCourse {
        title: "农村电商带头人培育班",
        programme: Programme::Rural,
        tags: "farm_produce,chinese_medicine",
        level: CourseLevel::Leader,
        mode: CourseMode::Onsite,
        org: 0,
        town: "yingchuan",
        capacity: 35,
        hours: 48.0,
        status: CourseStatus::Finished,
        starts_in: -120,
        description: "村级电商服务站运营、带动农户、供应链组织，结业颁发电商带头人证书。",
    },
    DemoCourse {
        title: "短视频拍摄与剪辑（手机版）",
        programme: Programme::Livestream,
        tags: "farm_produce",
        level: CourseLevel::Entry,
        mode: CourseMode::Online,
        org: 1,
        town: "xiadu",
        capacity: 120,
        hours: 16.0,
        status: CourseStatus::Open,
        starts_in: 7,
        description: "只用手机完成拍摄、剪辑、配字幕和发布，适合零基础学员。",
    },
    DemoCourse {
        title: "电商大讲堂：平台规则与消费者权益",
        programme: Programme::LectureSalon,
        tags: "",
        level: CourseLevel::Entry,
        mode: CourseMode::Onsite,
        org: 5,
        town: "juntai",
        capacity: 200,
        hours: 3.0,
        status: CourseStatus::Open,
        starts_in: 10,
        description: "市场监管部门讲解网络交易规则、广告法与消费者权益保护。",
    },
    DemoCourse {
        title: "电商沙龙：钧瓷品牌故事怎么讲",
        programme: Programme::LectureSalon,
        tags: "jun_porcelain",
        level: CourseLevel::Entry,
        mode: CourseMode::Onsite,
        org: 2,
        town: "shenhou",
        capacity: 60,
        hours: 2.0,
        status: CourseStatus::Finished,
        starts_in: -30,
        description: "钧瓷艺人与主播面对面交流品牌内容创作。",
    },
    DemoCourse {
        title: "直播电商提高班：投流与数据分析",
        programme: Programme::Livestream,
        tags: "jun_porcelain,farm_produce",
        level: CourseLevel::Advanced,
        mode: CourseMode::Onsite,
        org: 3,
        town: "shenhou",
        capacity: 40,
        hours: 30.0,
        status: CourseStatus::Approved,
        starts_in: 45,
        description: "直播数据复盘、付费流量、选品与供应链。",
    },
    DemoCourse {
        title: "农特产品社区团购运营",
        programme: Programme::Rural,
        tags: "farm_produce",
        level: CourseLevel::Entry,
        mode: CourseMode::Onsite,
        org: 1,
        town: "gucheng",
        capacity: 50,
        hours: 18.0,
        status: CourseStatus::Running,
        starts_in: -3,
        description: "团长招募、社群运营、冷链与售后。",
    },
    DemoCourse {
        title: "电商客服与售后（订单班）",
        programme: Programme::Industry,
        tags: "filter_press,chinese_medicine",
        level: CourseLevel::Entry,
        mode: CourseMode::Onsite,
        org: 0,
        town: "yingchuan",
        capacity: 40,
        hours: 60.0,
        status: CourseStatus::Submitted,
        starts_in: 60,
        description: "与合作企业联合开设的订单班，结业后推荐到企业客服岗位实习。",
    },
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const GIVEN: &[&str] = &[
    "建国", "秀英", "志强", "桂兰", "伟", "芳", "磊", "静", "小红", "海涛", "丽娟", "国庆", "春梅",
    "晓东", "玉兰", "明", "雪", "浩然", "子涵", "欣怡",
];
const EDUCATION: &[&str] = &[
    "primary",
    "junior_high",
    "senior_high",
    "vocational",
    "college",
    "bachelor",
];
const PRIOR_STATUS: &[&str] = &[
    "farmer",
    "returning_migrant",
    "unemployed",
    "student",
    "employed",
    "business_owner",
];
const EXPERIENCE: &[&str] = &["none", "none", "buyer_only", "some_selling", "own_shop"];

fn credit_code(i: usize) -> String {
    let first17 = format!("52411081MJ{:07}", 9_000_000 + i);
    let check = credit_code_check_char(&first17).expect("valid characters");
    format!("{first17}{check}")
}

/// A fictional but well-formed ID number (county code 419999 does not exist).
fn demo_id_number(rng: &mut StdRng, seq: u32) -> (String, NaiveDate, Gender) {
    let birth = NaiveDate::from_ymd_opt(1965, 1, 1).expect("date")
        + Duration::days(rng.gen_range(0..(40 * 365)));
    let order = (seq % 500) * 2 + rng.gen_range(0..2);
    let first17 = format!("419999{}{:03}", birth.format("%Y%m%d"), order);
    let check = id_check_char(&first17).expect("digits");
    let gender = if order % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    (format!("{first17}{check}"), birth, gender)
}

/// One attendance mark: present 93 times in 100 (half the time for someone dropping out),
/// otherwise late, excused or absent.
fn random_mark(rng: &mut StdRng, dropping_out: bool) -> AttendanceStatus {
    let p: f64 = rng.gen_range(0.0..1.0);
    let present = if dropping_out { 0.5 } else { 0.93 };
    if p < present {
        AttendanceStatus::Present
    } else if p < present + 0.02 {
        AttendanceStatus::Late
    } else if p < present + 0.04 {
        AttendanceStatus::Excused
    } else {
        AttendanceStatus::Absent
    }
}

/// A mark taken by staff at the end of the session.
fn staff_mark(
    enrollment_id: i32,
    session: &course_sessions::Model,
    status: AttendanceStatus,
    recorded_by: i32,
) -> attendance::ActiveModel {
    attendance::ActiveModel {
        enrollment_id: Set(enrollment_id),
        session_id: Set(session.id),
        status: Set(status.into()),
        method: Set(AttendanceMethod::Staff.into()),
        recorded_by: Set(Some(recorded_by)),
        recorded_at: Set(session.ends_at),
        ..Default::default()
    }
}

/// A demo real-name profile for `user_id` with the ID number, birth day and gender given.
fn profile(
    svc: &Services,
    rng: &mut StdRng,
    user_id: i32,
    (id_number, birth_date, gender): (String, NaiveDate, Gender),
    town_id: i32,
    seq: u32,
    now: chrono::DateTime<Utc>,
) -> trainees::ActiveModel {
    let name = format!(
        "{}{}",
        SURNAMES.choose(rng).expect("names"),
        GIVEN.choose(rng).expect("names")
    );
    trainees::ActiveModel {
        user_id: Set(user_id),
        name: Set(name),
        id_number_cipher: Set(encrypt_id_number(&svc.keys, &id_number)),
        id_number_hash: Set(id_number_hash(&svc.keys, &id_number)),
        id_number_masked: Set(mask_id_number(&id_number)),
        gender: Set(gender.into()),
        birth_date: Set(birth_date),
        town_id: Set(town_id),
        village: Set(Some(format!("示例{}村", seq % 12 + 1))),
        education: Set(EDUCATION.choose(rng).expect("list").to_string()),
        prior_status: Set(PRIOR_STATUS.choose(rng).expect("list").to_string()),
        ecommerce_experience: Set(EXPERIENCE.choose(rng).expect("list").to_string()),
        consent_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Loads the demo data into an empty database; `None` when it already has users.
pub async fn demo(svc: &Services, scale: u32) -> DomainResult<Option<String>> {
    let db = &svc.db;
    if users::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let hash = svc.passwords.hash(DEMO_PASSWORD).await?;
    let mut rng = StdRng::seed_from_u64(20_261_127);
    let now = Utc::now();
    // Beijing's date: between 16:00 and 24:00 UTC it is already tomorrow there, and "a lecture
    // of today" must be one of the visitor's today (registration closes at its local midnight).
    let today = crate::local_time::today();
    let txn = begin_write(db).await?;
    let towns: HashMap<String, i32> = towns::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.code, t.id))
        .collect();
    let town_ids: Vec<i32> = {
        let mut ids: Vec<i32> = towns.values().copied().collect();
        ids.sort();
        ids
    };

    // Partner organisations, most approved, each with one staff account (a partner admin).
    let mut org_ids = Vec::new();
    for (i, org) in ORGS.iter().enumerate() {
        let model = organisations::ActiveModel {
            kind: Set(org.kind.into()),
            name: Set(org.name.to_string()),
            credit_code: Set(credit_code(i)),
            town_id: Set(towns.get(org.town).copied()),
            address: Set(Some(format!("禹州市示例路{}号", i + 1))),
            contact_name: Set(Some("示例联系人".to_string())),
            contact_phone: Set(Some(format!("137000000{:02}", i))),
            status: Set(Coded(ORG_STATUS[i].0)),
            status_reason: Set(ORG_STATUS[i].1.map(str::to_string)),
            created_at: Set(now - Duration::days(30 - i as i64)),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        org_ids.push(model.id);
    }

    let shenhou = towns.get("shenhou").copied();
    let demo_user = |phone: &'static str,
                     role: Role,
                     name: &'static str,
                     org: Option<i32>,
                     town: Option<i32>| NewUser {
        phone,
        role,
        display_name: Some(name),
        organisation_id: org,
        town_id: town,
    };
    let admin = insert_user(
        &txn,
        demo_user("13800000001", Role::BureauAdmin, "示例管理员", None, None),
        &hash,
    )
    .await?;
    insert_user(
        &txn,
        demo_user("13800000002", Role::BureauViewer, "示例查看员", None, None),
        &hash,
    )
    .await?;
    // The commerce bureau: a city-wide viewer with the right to run honour selections.
    let commerce = insert_user(
        &txn,
        demo_user("13800000006", Role::BureauViewer, "示例商务局", None, None),
        &hash,
    )
    .await?;
    let mut commerce: users::ActiveModel = commerce.into();
    commerce.runs_selections = Set(true);
    commerce.update(&txn).await?;
    // A town official: the viewer limited to 神垕镇.
    insert_user(
        &txn,
        demo_user(
            "13800000005",
            Role::BureauViewer,
            "示例乡镇查看员",
            None,
            shenhou,
        ),
        &hash,
    )
    .await?;
    insert_user(
        &txn,
        demo_user(
            "13800000003",
            Role::PartnerStaff,
            "示例教务员",
            Some(org_ids[0]),
            None,
        ),
        &hash,
    )
    .await?;
    let demo_trainee = insert_user(
        &txn,
        demo_user("13800000004", Role::Trainee, "示例学员", None, None),
        &hash,
    )
    .await?;
    for (i, org) in org_ids.iter().enumerate().skip(1) {
        let phone = format!("138000001{i:02}");
        insert_user(
            &txn,
            NewUser {
                phone: &phone,
                role: Role::PartnerStaff,
                display_name: None,
                organisation_id: Some(*org),
                town_id: None,
            },
            &hash,
        )
        .await?;
    }

    users::Entity::update_many()
        .col_expr(
            users::Column::OrgAdmin,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(users::Column::Role.eq(Role::PartnerStaff.as_str()))
        .exec(&txn)
        .await?;

    // School–enterprise agreements: one ending soon, one in force, one awaiting the other
    // side, one cancelled.
    let agreement = |college: usize, partner: usize, kind, from: i64, to: i64, places, status| {
        agreements::ActiveModel {
            college_id: Set(org_ids[college]),
            partner_id: Set(org_ids[partner]),
            kind: Set(kind),
            starts_on: Set(today + Duration::days(from)),
            ends_on: Set(today + Duration::days(to)),
            places_offered: Set(places),
            status: Set(status),
            created_by: Set(admin.id),
            created_at: Set(now),
            confirmed_at: Set((status == AgreementStatus::Confirmed).then_some(now)),
            ..Default::default()
        }
    };
    agreements::Entity::insert_many([
        agreement(
            0,
            4,
            Coded(AgreementKind::OrderClass),
            -330,
            35,
            40,
            Coded(AgreementStatus::Confirmed),
        ),
        agreement(
            0,
            2,
            Coded(AgreementKind::InternshipBase),
            -100,
            630,
            60,
            Coded(AgreementStatus::Confirmed),
        ),
        agreement(
            1,
            3,
            Coded(AgreementKind::CoBuiltCentre),
            10,
            740,
            20,
            Coded(AgreementStatus::Proposed),
        ),
        agreement(
            1,
            7,
            Coded(AgreementKind::JobPlacement),
            -30,
            335,
            15,
            Coded(AgreementStatus::Cancelled),
        ),
    ])
    .exec(&txn)
    .await?;

    // Courses with their sessions.
    let more: Vec<DemoCourse> = MORE_COURSES
        .iter()
        .map(|r| DemoCourse {
            title: r.0,
            programme: r.1,
            tags: r.2,
            level: r.3,
            mode: r.4,
            org: r.5,
            town: r.6,
            capacity: r.7,
            hours: r.8,
            status: r.9,
            starts_in: r.10,
            description: "（示例课程）面向本乡镇农户、返乡人员和个体店主，理论讲解与上机实操结合。\n\n- 平台规则与开店\n- 商品拍摄与详情页\n- 订单、物流与售后",
        })
        .collect();
    let full: Vec<&str> = MORE_COURSES.iter().filter(|r| r.11).map(|r| r.0).collect();
    let mut course_rows = Vec::new();
    for c in COURSES.iter().chain(more.iter()) {
        let starts_on = today + Duration::days(c.starts_in);
        let sessions = ((c.hours / 4.0).ceil() as i64).max(1);
        let ends_on = starts_on + Duration::days(sessions - 1);
        let course = courses::ActiveModel {
            organisation_id: Set(org_ids[c.org]),
            title: Set(c.title.to_string()),
            description: Set(c.description.to_string()),
            programme: Set(c.programme.into()),
            industry_tags: Set(c.tags.to_string()),
            level: Set(c.level.into()),
            mode: Set(c.mode.into()),
            town_id: Set(towns.get(c.town).copied()),
            venue: Set(Some(format!(
                "{}（示例教室）",
                ORGS[c.org].name.trim_end_matches("（示例）")
            ))),
            capacity: Set(c.capacity),
            seats_taken: Set(0),
            total_hours: Set(c.hours),
            completion_threshold_pct: Set(80),
            assessed: Set(c.level != CourseLevel::Entry),
            pass_mark: Set((c.level != CourseLevel::Entry).then_some(60.0)),
            enrol_opens_at: Set(Some(now - Duration::days(30))),
            // Courses close enrolment as they start; lectures and salons take registrations
            // until the end of their last day (midnight Beijing time is 16:00 UTC).
            enrol_closes_at: Set(Some(if c.programme == Programme::LectureSalon {
                Utc.from_utc_datetime(&ends_on.and_hms_opt(16, 0, 0).expect("time"))
            } else {
                Utc.from_utc_datetime(&starts_on.and_hms_opt(0, 0, 0).expect("midnight"))
            })),
            starts_on: Set(starts_on),
            ends_on: Set(ends_on),
            funding: Set(if c.programme == Programme::CrossBorder {
                Coded(Funding::Subsidised)
            } else {
                Coded(Funding::Free)
            }),
            status: Set(c.status.into()),
            status_reason: Set((c.status == CourseStatus::Rejected)
                .then(|| "课时安排与实操内容不足，请补充后重新提交（示例）".to_string())),
            created_by: Set(admin.id),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let per_session = c.hours / sessions as f64;
        let session_rows: Vec<course_sessions::ActiveModel> = (0..sessions)
            .map(|d| {
                // 09:00 Beijing time is 01:00 UTC; a running course's (or an open lecture's)
                // session of today is in progress when the demo is seeded (begun half an hour
                // ago), so check-in can be tried at once.
                let day = starts_on + Duration::days(d);
                let start = if matches!(c.status, CourseStatus::Running | CourseStatus::Open)
                    && day == today
                {
                    now - Duration::minutes(30)
                } else {
                    Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).expect("time"))
                };
                course_sessions::ActiveModel {
                    course_id: Set(course.id),
                    starts_at: Set(start),
                    ends_at: Set(start + Duration::minutes((per_session * 60.0) as i64 + 60)),
                    topic: Set(format!("第{}讲", d + 1)),
                    hours: Set(per_session),
                    place: Set(course.venue.clone()),
                    checkin_secret: Set(None),
                    ..Default::default()
                }
            })
            .collect();
        course_sessions::Entity::insert_many(session_rows)
            .exec(&txn)
            .await?;
        course_rows.push((course, c));
    }

    // Trainee accounts and real-name profiles.
    let count = TRAINEES_PER_SCALE * scale;
    let new_profile = |rng: &mut StdRng, user_id: i32, seq: u32, town_id: i32| {
        let id = demo_id_number(rng, seq);
        profile(svc, rng, user_id, id, town_id, seq, now)
    };
    let demo_trainee_id = new_profile(&mut rng, demo_trainee.id, 0, shenhou.unwrap_or(town_ids[0]))
        .insert(&txn)
        .await?
        .id;
    // The demo trainee completed the first finished course (and so holds its certificate).
    let mut demo_trainee_placed = false;

    let mut seq = 1u32;
    while seq <= count {
        let end = (seq + BATCH as u32 - 1).min(count);
        let phones: Vec<String> = (seq..=end).map(|n| format!("170{n:08}")).collect();
        let user_rows = phones.iter().map(|phone| users::ActiveModel {
            phone: Set(phone.clone()),
            password_hash: Set(hash.clone()),
            display_name: Set(None),
            role: Set(Role::Trainee.into()),
            organisation_id: Set(None),
            town_id: Set(None),
            status: Set(UserStatus::Active.into()),
            created_at: Set(now - Duration::days(rng.gen_range(0..365))),
            last_login_at: Set(None),
            password_changed_at: Set(now),
            ..Default::default()
        });
        users::Entity::insert_many(user_rows.collect::<Vec<_>>())
            .exec(&txn)
            .await?;
        let ids: HashMap<String, i32> = users::Entity::find()
            .filter(users::Column::Phone.is_in(phones.clone()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|u| (u.phone, u.id))
            .collect();
        let profiles: Vec<trainees::ActiveModel> = phones
            .iter()
            .zip(seq..=end)
            .map(|(phone, n)| {
                // Spread over all 26 towns, with more people in the larger ones.
                let town = town_ids[(n as usize * 7 + (n as usize % 5)) % town_ids.len()];
                new_profile(&mut rng, ids[phone], n, town)
            })
            .collect();
        trainees::Entity::insert_many(profiles).exec(&txn).await?;
        seq = end + 1;
    }
    let trainee_ids: Vec<i32> = trainees::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();

    // Enrolments: running and finished courses are full; open ones part full.
    let mut enrolled_total = 0usize;
    for (course, c) in &course_rows {
        if course.programme == Programme::LectureSalon {
            // Lectures and salons take quick registrations instead (below).
            continue;
        }
        let fill = match c.status {
            CourseStatus::Running | CourseStatus::Finished | CourseStatus::Archived => 1.0,
            CourseStatus::Open if full.contains(&c.title) => 1.0,
            CourseStatus::Open => rng.gen_range(0.3..0.9),
            _ => 0.0,
        };
        let taken = ((c.capacity as f64) * fill) as usize;
        if taken == 0 {
            continue;
        }
        let mut chosen: Vec<i32> = trainee_ids
            .choose_multiple(&mut rng, taken)
            .copied()
            .collect();
        if c.status == CourseStatus::Finished && !demo_trainee_placed {
            if !chosen.contains(&demo_trainee_id) {
                chosen[0] = demo_trainee_id;
            }
            demo_trainee_placed = true;
        }
        // Attendance is taken at every session of a finished course and at a running course's
        // sessions before today (today's is left for check-in). Hours are the sum of the
        // sessions attended and the status follows the completion rule, as if confirmed.
        let finished = matches!(c.status, CourseStatus::Finished | CourseStatus::Archived);
        let sessions = crate::attendance::sessions_of(&txn, course.id).await?;
        let taken_at: Vec<&course_sessions::Model> = sessions
            .iter()
            .filter(|s| {
                finished
                    || (c.status == CourseStatus::Running
                        && crate::local_time::local_date(s.starts_at) < today)
            })
            .collect();
        let required = model::completion::required_hours(c.hours, 80);
        let mut plans: HashMap<i32, Vec<AttendanceStatus>> = HashMap::new();
        let rows: Vec<enrollments::ActiveModel> = chosen
            .iter()
            .map(|trainee_id| {
                let is_demo = *trainee_id == demo_trainee_id;
                let dropping_out = rng.gen_bool(0.1) && !is_demo;
                let plan: Vec<AttendanceStatus> = taken_at
                    .iter()
                    .map(|_| match random_mark(&mut rng, dropping_out) {
                        _ if is_demo => AttendanceStatus::Present,
                        m => m,
                    })
                    .collect();
                let attended: f64 = taken_at
                    .iter()
                    .zip(&plan)
                    .filter(|(_, m)| model::attendance::counts_hours(**m))
                    .map(|(s, _)| s.hours)
                    .sum();
                let score = (finished && course.assessed)
                    .then(|| rng.gen_range(55.0..98.0_f64).round())
                    .map(|s| if is_demo { s.max(90.0) } else { s });
                let completed = finished
                    && model::completion::completes(
                        attended,
                        required,
                        course.assessed,
                        score,
                        course.pass_mark,
                    );
                plans.insert(*trainee_id, plan);
                let status = match (finished, completed) {
                    (true, true) => EnrollmentStatus::Completed,
                    (true, false) => EnrollmentStatus::NotCompleted,
                    _ => EnrollmentStatus::Enrolled,
                };
                let enrolled_at = Utc
                    .from_utc_datetime(&course.starts_on.and_hms_opt(0, 0, 0).expect("time"))
                    - Duration::days(rng.gen_range(1..25));
                enrollments::ActiveModel {
                    course_id: Set(course.id),
                    trainee_id: Set(*trainee_id),
                    status: Set(status.into()),
                    waitlist_position: Set(None),
                    score: Set(score),
                    attended_hours: Set(attended),
                    enrolled_at: Set(enrolled_at),
                    status_changed_at: Set(now),
                    completed_at: Set(completed.then(|| {
                        Utc.from_utc_datetime(&course.ends_on.and_hms_opt(10, 0, 0).expect("time"))
                    })),
                    removed_reason: Set(None),
                    ..Default::default()
                }
            })
            .collect();
        enrolled_total += rows.len();
        for chunk in rows.chunks(BATCH) {
            enrollments::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        if !taken_at.is_empty() {
            let enrolled = enrollments::Entity::find()
                .filter(enrollments::Column::CourseId.eq(course.id))
                .all(&txn)
                .await?;
            let marks: Vec<attendance::ActiveModel> = enrolled
                .iter()
                .filter_map(|e| Some((e, plans.get(&e.trainee_id)?)))
                .flat_map(|(e, plan)| {
                    taken_at
                        .iter()
                        .zip(plan)
                        .map(|(s, m)| staff_mark(e.id, s, *m, admin.id))
                })
                .collect();
            for chunk in marks.chunks(BATCH) {
                attendance::Entity::insert_many(chunk.to_vec())
                    .exec(&txn)
                    .await?;
            }
        }
        courses::Entity::update_many()
            .col_expr(
                courses::Column::SeatsTaken,
                sea_orm::sea_query::Expr::value(taken as i32),
            )
            .filter(courses::Column::Id.eq(course.id))
            .exec(&txn)
            .await?;
    }

    // Completed enrolments are followed up 3, 6 and 12 months after completion.
    let completed = enrollments::Entity::find()
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Completed.as_str()))
        .all(&txn)
        .await?;
    let follow_up_rows: Vec<follow_ups::ActiveModel> = completed
        .iter()
        .filter_map(|e| Some((e, crate::local_time::local_date(e.completed_at?))))
        .flat_map(|(e, on)| {
            crate::follow_ups::INTERVALS.map(|months| follow_ups::ActiveModel {
                trainee_id: Set(e.trainee_id),
                enrollment_id: Set(e.id),
                due_months: Set(months as i32),
                due_on: Set(crate::follow_ups::due_on(on, months)),
                status: Set(FollowUpStatus::Due.into()),
                ..Default::default()
            })
        })
        .collect();
    for chunk in follow_up_rows.chunks(BATCH) {
        follow_ups::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }

    let detail = serde_json::json!({ "scale": scale, "trainees": trainee_ids.len(), "courses": course_rows.len(), "enrollments": enrolled_total });
    audit::record(
        &txn,
        &Actor::anonymous(),
        Event {
            action: AuditAction::SeedDemo,
            entity: AuditRecord::Database,
            entity_id: None,
            detail: Some(detail),
        },
    )
    .await?;
    txn.commit().await?;

    // Finished courses have had their certificates issued by the bureau.
    let bureau = Actor::acting_as(&admin);
    let mut certified = 0;
    for (course, c) in &course_rows {
        if c.status == CourseStatus::Finished && course.programme != Programme::LectureSalon {
            certified += crate::certificates::issue_for_course(svc, &bureau, course.id)
                .await?
                .issued;
        }
    }

    // Bases have published places that certified trainees applied for.
    let (place_count, placement_count) =
        places::load(db, &mut rng, &org_ids, admin.id, today, demo_trainee_id).await?;
    let event_count = places::events(db, &org_ids, admin.id, today).await?;
    // Follow-ups already due have mostly been called; outcomes were recorded or reported.
    let (outcome_count, calls) =
        outcomes::load(db, &mut rng, admin.id, today, demo_trainee_id).await?;

    // People hosting livestreams have host profiles, most with a demo base or company.
    let agencies = [org_ids[3], org_ids[8], org_ids[7]];
    let host_count = hosts::load(db, &mut rng, &agencies).await?;
    // Lectures and salons: people registered by phone; most came to the finished ones.
    let lectures: Vec<courses::Model> = course_rows
        .iter()
        .filter(|(course, _)| course.programme == Programme::LectureSalon)
        .map(|(course, _)| course.clone())
        .collect();
    let (registrations, checked_in) =
        events::load(db, &mut rng, &lectures, &town_ids, (SURNAMES, GIVEN)).await?;
    let target_count = targets(db, today, shenhou).await?;
    // Honour selections: last year's published, this year's on public notice.
    let (round_count, honoured) = selections::load(svc, &admin, today.year()).await?;

    let mut report = format!(
        "Loaded demo data: {} partner organisations, {} courses, {} trainees, {} enrolments, {} certificates, {} places with {} applications, {} base events, {} outcomes, {} follow-up calls, {} livestream hosts, {} event registrations ({} checked in), {} targets, {} honour selections ({} honoured).\nDemo logins (password: {DEMO_PASSWORD}):\n",
        ORGS.len(),
        course_rows.len(),
        trainee_ids.len(),
        enrolled_total,
        certified,
        place_count,
        placement_count,
        event_count,
        outcome_count,
        calls,
        host_count,
        registrations,
        checked_in,
        target_count,
        round_count,
        honoured
    );
    for (phone, role) in DEMO_LOGINS {
        report.push_str(&format!("  {:<14} {phone}\n", role.as_str()));
    }
    Ok(Some(report))
}

/// This year's targets: the city's, 神垕镇's and the livestream programme's.
async fn targets(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    shenhou: Option<i32>,
) -> DomainResult<usize> {
    use crate::entities::targets;
    use model::dashboard::TargetKpi;
    use model::enums::TargetScope;
    let year = today.year();
    let mut rows = vec![
        (TargetScope::City, String::new(), TargetKpi::Trained, 800),
        (
            TargetScope::City,
            String::new(),
            TargetKpi::Attendances,
            1000,
        ),
        (TargetScope::City, String::new(), TargetKpi::Certified, 400),
        (TargetScope::City, String::new(), TargetKpi::Employed, 120),
        (TargetScope::City, String::new(), TargetKpi::Business, 60),
        (TargetScope::City, String::new(), TargetKpi::Leaders, 80),
        (
            TargetScope::Programme,
            "livestream".to_string(),
            TargetKpi::Hosts,
            30,
        ),
    ];
    if let Some(town) = shenhou {
        rows.push((TargetScope::Town, town.to_string(), TargetKpi::Trained, 60));
        rows.push((
            TargetScope::Town,
            town.to_string(),
            TargetKpi::Certified,
            30,
        ));
    }
    let count = rows.len();
    targets::Entity::insert_many(rows.into_iter().map(|(scope, value, kpi, n)| {
        targets::ActiveModel {
            year: Set(year),
            scope_kind: Set(scope.into()),
            scope_value: Set(value),
            kpi: Set(kpi.as_str().to_string()),
            value: Set(f64::from(n)),
            ..Default::default()
        }
    }))
    .exec(db)
    .await?;
    Ok(count)
}

/// Loads the demo data for `trainees` people in all (`yucai seed --demo --scale N`): the demo
/// itself ([`TRAINEES_PER_SCALE`] people) and, beyond those, people with past years of courses
/// ([`history`]). `None` when the database already has users.
pub async fn demo_for(svc: &Services, trainees: u32) -> DomainResult<Option<String>> {
    let Some(mut report) = demo(svc, 1).await? else {
        return Ok(None);
    };
    let extra = trainees.saturating_sub(TRAINEES_PER_SCALE);
    if extra > 0 {
        let mut rng = StdRng::seed_from_u64(20_210_101);
        let h = history::load(svc, &mut rng, extra).await?;
        report.push_str(&format!(
            "Past courses since {}: {} more trainees, {} courses, {} enrolments, {} attendance marks, {} certificates, {} follow-ups, {} outcomes.\n",
            history::FIRST_YEAR,
            h.trainees,
            h.courses,
            h.enrollments,
            h.attendance,
            h.certificates,
            h.follow_ups,
            h.outcomes
        ));
        audit::record(
            &svc.db,
            &Actor::anonymous(),
            Event {
                action: AuditAction::SeedDemo,
                entity: AuditRecord::Database,
                entity_id: None,
                detail: Some(serde_json::json!({ "history": h })),
            },
        )
        .await?;
    }
    // The dashboard's facts for everyone just written, so its first visit is quick.
    let started = std::time::Instant::now();
    let people = crate::dashboard::refresh(&svc.db).await?;
    report.push_str(&format!(
        "Dashboard facts built for {people} trainees in {:.1} s.\n",
        started.elapsed().as_secs_f64()
    ));
    Ok(Some(report))
}

/// How many rows of demo data there are (used by tests).
pub async fn trainee_count(db: &impl ConnectionTrait) -> DomainResult<u64> {
    Ok(trainees::Entity::find().count(db).await?)
}
