//! Demo places and placements: the approved bases publish places, certified trainees have
//! applied, and each place has people placed, waiting, graduated, rejected and left, with the
//! places taken equal to the active placements. A closed previous intake gives this year's base
//! KPIs people whose first year is up; the bases' events give them events held.

use crate::DomainResult;
use crate::entities::Coded;
use crate::entities::{base_events, certificates, courses, place_courses, placements, places};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use model::enums::{
    BaseEventKind, CertificateStatus, CourseStatus, PlaceStatus, PlacementKind, PlacementStatus,
};
use model::placements::Support;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

struct DemoPlace {
    /// Index into the demo organisations.
    org: usize,
    kind: PlacementKind,
    title: &'static str,
    capacity: i32,
    /// Days since the period began, and days it still runs.
    began: i64,
    runs: i64,
    support: &'static [Support],
    requires_certificate: bool,
    description: &'static str,
    requirements: &'static str,
    /// Qualifying courses: finished courses whose title contains this.
    course_word: Option<&'static str>,
    /// A period that is over: closed, everyone placed has graduated or left.
    past: bool,
}

const PLACES: &[DemoPlace] = &[
    DemoPlace {
        org: 2,
        kind: PlacementKind::Incubation,
        title: "钧瓷电商创业孵化工位（示例）",
        capacity: 20,
        began: 240,
        runs: 125,
        support: &[Support::FreeSpace, Support::Equipment, Support::Mentoring],
        requires_certificate: true,
        description: "园区内独立工位，免费使用一年，含网络、办公桌椅和共享拍摄棚；每月一次创业导师面对面辅导。",
        requirements: "持有电商培训结业证书；有开设网店或直播带货的计划；以钧瓷及文创产品为主者优先。",
        course_word: None,
        past: false,
    },
    DemoPlace {
        org: 2,
        kind: PlacementKind::Incubation,
        title: "返乡青年网店孵化工位（示例）",
        capacity: 10,
        began: 60,
        runs: 300,
        support: &[Support::FreeSpace, Support::Mentoring],
        requires_certificate: false,
        description: "面向返乡创业青年的共享工位，提供选品、开店和运营指导。",
        requirements: "45岁以下返乡人员，已完成任一电商培训课程。",
        course_word: None,
        past: false,
    },
    DemoPlace {
        org: 3,
        kind: PlacementKind::LivestreamRoom,
        title: "神垕助农直播间（示例）",
        capacity: 8,
        began: 150,
        runs: 30,
        support: &[Support::Equipment, Support::Traffic, Support::Mentoring],
        requires_certificate: true,
        description: "标准直播间一间（补光灯、声卡、提词器），基地统一对接平台流量扶持，每周复盘。",
        requirements: "持有直播相关课程结业证书；每周直播不少于4场。",
        course_word: Some("带货"),
        past: false,
    },
    DemoPlace {
        org: 4,
        kind: PlacementKind::Internship,
        title: "电商运营实习岗位（示例）",
        capacity: 5,
        began: 90,
        runs: 90,
        support: &[Support::Mentoring],
        requires_certificate: false,
        description: "在企业电商部门实习六个月，参与店铺日常运营、商品上架和客服工作，提供实习补贴。",
        requirements: "完成电商基础培训；能熟练使用电脑。",
        course_word: None,
        past: false,
    },
    DemoPlace {
        org: 4,
        kind: PlacementKind::Job,
        title: "网店客服岗位（示例）",
        capacity: 3,
        began: 20,
        runs: 340,
        support: &[],
        requires_certificate: false,
        description: "负责企业天猫、拼多多店铺的售前售后客服，五险一金。",
        requirements: "打字熟练，普通话标准。",
        course_word: None,
        past: false,
    },
    // The previous intake: people entered in its first three months, and their first year is
    // up this year (so the incubation success rate has people to count).
    DemoPlace {
        org: 2,
        kind: PlacementKind::Incubation,
        title: "上一期钧瓷电商孵化工位（已结束，示例）",
        capacity: 12,
        began: 640,
        runs: -200,
        support: &[Support::FreeSpace, Support::Mentoring],
        requires_certificate: true,
        description: "上一期孵化工位，已全部出园。",
        requirements: "持有电商培训结业证书。",
        course_word: None,
        past: true,
    },
];

fn at_ten(date: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(2, 0, 0).expect("valid time"))
}

/// Publishes the demo places and records their applications and placements (none by the
/// demo trainee, who is left to try applying).
pub async fn load(
    db: &impl ConnectionTrait,
    rng: &mut StdRng,
    org_ids: &[i32],
    created_by: i32,
    today: NaiveDate,
    demo_trainee: i32,
) -> DomainResult<(usize, usize)> {
    // (trainee, course) of every valid certificate: applicants hold one (of a qualifying
    // course where the place names some).
    let certified: Vec<(i32, Option<i32>)> = certificates::Entity::find()
        .filter(certificates::Column::Status.eq(CertificateStatus::Valid.as_str()))
        .order_by_asc(certificates::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.trainee_id, c.course_id))
        .collect();
    let mut used = std::collections::HashSet::from([demo_trainee]);
    let finished = courses::Entity::find()
        .filter(courses::Column::Status.eq(CourseStatus::Finished.as_str()))
        .order_by_asc(courses::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    let mut total = 0;
    for demo in PLACES {
        let starts_on = today - Duration::days(demo.began);
        let ends_on = today + Duration::days(demo.runs);
        let place = places::ActiveModel {
            organisation_id: Set(org_ids[demo.org]),
            kind: Set(demo.kind.into()),
            title: Set(demo.title.to_string()),
            description: Set(Some(demo.description.to_string())),
            requirements: Set(Some(demo.requirements.to_string())),
            support: Set(Support::join(demo.support)),
            capacity: Set(demo.capacity),
            taken: Set(0),
            starts_on: Set(starts_on),
            ends_on: Set(ends_on),
            requires_certificate: Set(demo.requires_certificate),
            status: Set(if demo.past {
                Coded(PlaceStatus::Closed)
            } else {
                Coded(PlaceStatus::Open)
            }),
            created_by: Set(created_by),
            created_at: Set(at_ten(starts_on - Duration::days(14))),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut qualifying = Vec::new();
        if let Some(word) = demo.course_word {
            for c in finished.iter().filter(|c| c.title.contains(word)).take(3) {
                place_courses::ActiveModel {
                    place_id: Set(place.id),
                    course_id: Set(c.id),
                }
                .insert(db)
                .await?;
                qualifying.push(c.id);
            }
        }
        let mut pool: Vec<i32> = certified
            .iter()
            .filter(|(t, c)| {
                !used.contains(t)
                    && (qualifying.is_empty() || c.is_some_and(|c| qualifying.contains(&c)))
            })
            .map(|(t, _)| *t)
            .collect();
        pool.sort_unstable();
        pool.dedup();
        pool.shuffle(rng);
        let mut people = pool.into_iter();
        // Of the places: about two in three held now; a few waiting, graduated, rejected, left.
        let active = (demo.capacity * 2 / 3).max(1);
        let plan: Vec<PlacementStatus> = if demo.past {
            std::iter::repeat_n(PlacementStatus::Graduated, 7)
                .chain(std::iter::repeat_n(PlacementStatus::Left, 2))
                .collect()
        } else {
            std::iter::repeat_n(PlacementStatus::Active, active as usize)
                .chain(std::iter::repeat_n(PlacementStatus::Applied, 3))
                .chain(std::iter::repeat_n(
                    PlacementStatus::Graduated,
                    if demo.began > 120 { 3 } else { 0 },
                ))
                .chain([PlacementStatus::Rejected, PlacementStatus::Left])
                .collect()
        };
        let mut taken = 0;
        let entry_days = if demo.past { 90 } else { demo.began.max(2) / 2 };
        // Nobody stays past the period's end.
        let last_day = today.min(ends_on);
        for status in plan {
            let Some(trainee) = people.next() else { break };
            used.insert(trainee);
            let start = starts_on + Duration::days(rng.gen_range(0..entry_days));
            let applied = start - Duration::days(rng.gen_range(3..12));
            let decided = !matches!(status, PlacementStatus::Applied | PlacementStatus::Rejected);
            let end = match status {
                PlacementStatus::Graduated | PlacementStatus::Left => {
                    let latest = (last_day - start).num_days().max(2);
                    Some(start + Duration::days(rng.gen_range(1..latest)))
                }
                _ => None,
            };
            if status == PlacementStatus::Active {
                taken += 1;
            }
            let applied_at = if status == PlacementStatus::Applied {
                at_ten(today - Duration::days(rng.gen_range(1..6)))
            } else {
                at_ten(applied)
            };
            placements::ActiveModel {
                trainee_id: Set(trainee),
                organisation_id: Set(org_ids[demo.org]),
                place_id: Set(Some(place.id)),
                kind: Set(demo.kind.into()),
                status: Set(status.into()),
                statement: Set(Some(
                    "已完成电商培训，想在基地开网店、做直播，带动村里乡亲一起卖农产品。（示例）"
                        .to_string(),
                )),
                decision_reason: Set(match status {
                    PlacementStatus::Rejected => {
                        Some("本期名额已满，欢迎申请下一期（示例）".into())
                    }
                    _ => None,
                }),
                station: Set(decided.then(|| format!("{}-{:02}", demo.org, taken.max(1)))),
                applied_at: Set(applied_at),
                start_date: Set(decided.then_some(start)),
                end_date: Set(end),
                end_reason: Set(match status {
                    PlacementStatus::Graduated => Some("按期出园，网店稳定经营（示例）".into()),
                    PlacementStatus::Left => Some("外出务工，主动退出（示例）".into()),
                    _ => None,
                }),
                created_at: Set(applied_at),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            total += 1;
        }
        places::Entity::update_many()
            .col_expr(
                places::Column::Taken,
                sea_orm::sea_query::Expr::value(taken),
            )
            .filter(places::Column::Id.eq(place.id))
            .exec(db)
            .await?;
    }
    Ok((PLACES.len(), total))
}

/// (base, days ago, kind, title, participants)
const EVENTS: &[(usize, i64, BaseEventKind, &str, i32)] = &[
    (
        2,
        300,
        BaseEventKind::Training,
        "钧瓷网店运营公开课（示例）",
        62,
    ),
    (
        2,
        210,
        BaseEventKind::Roadshow,
        "返乡创业项目路演（示例）",
        35,
    ),
    (
        2,
        150,
        BaseEventKind::Salon,
        "创业者月度交流沙龙（示例）",
        24,
    ),
    (
        2,
        90,
        BaseEventKind::Matchmaking,
        "钧瓷文创产销对接会（示例）",
        80,
    ),
    (
        2,
        40,
        BaseEventKind::Salon,
        "短视频拍摄技巧分享（示例）",
        28,
    ),
    (
        2,
        12,
        BaseEventKind::Training,
        "跨境电商入门讲座（示例）",
        45,
    ),
    (
        3,
        260,
        BaseEventKind::Training,
        "直播话术与选品培训（示例）",
        50,
    ),
    (
        3,
        120,
        BaseEventKind::Contest,
        "神垕助农直播大赛（示例）",
        120,
    ),
    (3, 30, BaseEventKind::Salon, "主播复盘交流会（示例）", 18),
    (
        4,
        180,
        BaseEventKind::Matchmaking,
        "电商企业用工对接会（示例）",
        96,
    ),
    (
        4,
        400,
        BaseEventKind::Training,
        "上年度岗前培训（示例）",
        40,
    ),
];

/// Events the bases held over the past year or so; returns how many.
pub async fn events(
    db: &impl ConnectionTrait,
    org_ids: &[i32],
    created_by: i32,
    today: NaiveDate,
) -> DomainResult<usize> {
    for (org, ago, kind, title, participants) in EVENTS {
        let held_on = today - Duration::days(*ago);
        base_events::ActiveModel {
            organisation_id: Set(org_ids[*org]),
            held_on: Set(held_on),
            kind: Set(Coded(*kind)),
            title: Set(title.to_string()),
            participants: Set(*participants),
            notes: Set(None),
            created_by: Set(created_by),
            created_at: Set(at_ten(held_on)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(EVENTS.len())
}
