//! Demo outcomes and follow-ups: most follow-ups already due have been called — a new outcome,
//! or nobody answered — and some are still waiting; people who graduated from a base run a
//! business or shop (verified); some trainees reported their own outcome, not yet verified.

use crate::DomainResult;
use crate::db::begin_write;
use crate::entities::{follow_ups, outcomes, placements};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use model::enums::{FollowUpStatus, OutcomeKind, OutcomeSource, PlacementStatus};
use model::outcomes::{IncomeBand, Platform};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashSet;

const EMPLOYERS: &[(&str, &str)] = &[
    ("禹州市示例电子商务有限公司（示例）", "网店运营"),
    ("神垕示例钧瓷文化有限公司（示例）", "直播运营"),
    ("禹州示例中药材专业合作社（示例）", "电商客服"),
    ("禹州示例农产品供应链有限公司（示例）", "选品专员"),
    ("禹州示例压滤机械有限公司（示例）", "外贸电商专员"),
];
const BUSINESSES: &[&str] = &[
    "钧瓷雅集网店（示例）",
    "禹州粉条直供（示例）",
    "药都好物小铺（示例）",
    "山货优选工作室（示例）",
    "乡味直播间（示例）",
];

pub(super) fn at(date: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(2, 0, 0).expect("valid time"))
}

/// One random outcome as of `as_of`.
pub(super) fn random_outcome(
    rng: &mut StdRng,
    trainee: i32,
    as_of: NaiveDate,
) -> outcomes::ActiveModel {
    let kinds = [
        (OutcomeKind::Employed, 35),
        (OutcomeKind::OnlineStore, 20),
        (OutcomeKind::SelfEmployed, 10),
        (OutcomeKind::BusinessStarted, 8),
        (OutcomeKind::LivestreamHost, 10),
        (OutcomeKind::FurtherStudy, 5),
        (OutcomeKind::NotWorking, 12),
    ];
    let kind = kinds
        .choose_weighted(rng, |(_, w)| *w)
        .map(|(k, _)| *k)
        .unwrap_or(OutcomeKind::Employed);
    let n = rng.gen_range(0..1000);
    let (employer, position) = EMPLOYERS[n % EMPLOYERS.len()];
    let business = BUSINESSES[n % BUSINESSES.len()];
    let platform = [
        Platform::Douyin,
        Platform::Kuaishou,
        Platform::Taobao,
        Platform::Pinduoduo,
        Platform::WechatChannels,
    ][n % 5];
    let band = IncomeBand::ALL[rng.gen_range(0..4)];
    let mut row = outcomes::ActiveModel {
        trainee_id: Set(trainee),
        as_of: Set(as_of),
        kind: Set(kind.into()),
        jobs_created: Set(0),
        income_band: Set(Some(band.as_str().to_string())),
        ..Default::default()
    };
    match kind {
        OutcomeKind::Employed => {
            row.employer = Set(Some(employer.to_string()));
            row.position = Set(Some(position.to_string()));
        }
        OutcomeKind::OnlineStore | OutcomeKind::LivestreamHost => {
            row.platform = Set(Some(platform.as_str().to_string()));
            row.business_name = Set(Some(business.to_string()));
            row.shop_url = Set(Some(format!("https://shop.example.com/yz{n:04}")));
            row.jobs_created = Set(rng.gen_range(0..3));
        }
        OutcomeKind::BusinessStarted | OutcomeKind::SelfEmployed => {
            row.business_name = Set(Some(business.to_string()));
            row.jobs_created = Set(rng.gen_range(0..6));
        }
        _ => row.income_band = Set(None),
    }
    row
}

pub async fn load(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    recorded_by: i32,
    today: NaiveDate,
    demo_trainee: i32,
) -> DomainResult<(usize, usize)> {
    let txn = begin_write(db).await?;
    let mut written = 0;
    let mut called = 0;
    // Follow-ups already due: 6 in 10 reached, 1 in 10 not reached, the rest still waiting.
    let due = follow_ups::Entity::find()
        .filter(follow_ups::Column::Status.eq(FollowUpStatus::Due.as_str()))
        .filter(follow_ups::Column::DueOn.lte(today))
        .order_by_asc(follow_ups::Column::DueOn)
        .order_by_asc(follow_ups::Column::Id)
        .all(&txn)
        .await?;
    for f in due {
        let roll: f64 = rng.gen_range(0.0..1.0);
        if roll >= 0.7 || f.trainee_id == demo_trainee {
            continue;
        }
        let day = f.due_on + Duration::days(rng.gen_range(0..10)).min(today - f.due_on);
        let mut change = f.clone().into_active_model();
        if roll < 0.6 {
            let mut row = random_outcome(rng, f.trainee_id, day);
            row.source = Set(OutcomeSource::FollowUp.into());
            row.recorded_by = Set(Some(recorded_by));
            row.recorded_at = Set(at(day));
            let row = row.insert(&txn).await?;
            written += 1;
            change.status = Set(FollowUpStatus::Done.into());
            change.outcome_id = Set(Some(row.id));
            change.result = Set(Some("电话回访，本人确认（示例）".to_string()));
        } else {
            change.status = Set(FollowUpStatus::Unreachable.into());
            change.result = Set(Some("电话无人接听（示例）".to_string()));
        }
        change.done_by = Set(Some(recorded_by));
        change.done_at = Set(Some(at(day)));
        change.update(&txn).await?;
        called += 1;
    }
    // People who graduated from a base run what they started there (verified).
    let graduated = placements::Entity::find()
        .filter(placements::Column::Status.eq(PlacementStatus::Graduated.as_str()))
        .all(&txn)
        .await?;
    for p in graduated {
        let as_of = p.end_date.unwrap_or(today);
        let mut row = random_outcome(rng, p.trainee_id, as_of);
        row.kind = Set(OutcomeKind::BusinessStarted.into());
        row.business_name = Set(Some(
            BUSINESSES[p.id as usize % BUSINESSES.len()].to_string(),
        ));
        row.jobs_created = Set(rng.gen_range(1..6));
        row.source = Set(OutcomeSource::Verified.into());
        row.recorded_by = Set(Some(recorded_by));
        row.recorded_at = Set(at(as_of));
        row.insert(&txn).await?;
        written += 1;
    }
    // Some reported their own, waiting for the bureau to verify.
    let reported: HashSet<i32> = outcomes::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|o| o.trainee_id)
        .collect();
    let mut done: Vec<i32> = follow_ups::Entity::find()
        .filter(follow_ups::Column::Status.eq(FollowUpStatus::Done.as_str()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|f| f.trainee_id)
        .filter(|t| reported.contains(t))
        .collect();
    done.sort_unstable();
    done.dedup();
    done.shuffle(rng);
    for trainee in done.into_iter().take(25) {
        let as_of = today - Duration::days(rng.gen_range(1..40));
        let mut row = random_outcome(rng, trainee, as_of);
        row.source = Set(OutcomeSource::SelfReported.into());
        row.recorded_by = Set(None);
        row.recorded_at = Set(at(as_of));
        row.insert(&txn).await?;
        written += 1;
    }
    txn.commit().await?;
    Ok((written, called))
}
