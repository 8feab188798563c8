//! Demo honour selections: last year's honest-host round published, with its honour list and
//! certificates; this year's honest-business round on public notice with one objection
//! received; and this year's honest-host round whose notice ended yesterday, waiting for the
//! bureau to publish it. Made through the selection services, as the bureau would (the notice
//! periods then moved into the past, as time would have).

use crate::entities::codes;
use crate::entities::{outcomes, selection_rounds, users};
use crate::{Actor, DomainResult, Services, selections};
use chrono::{Duration, Utc};
use model::enums::{OutcomeKind, SelectionKind};
use model::selections::{
    NominationInput, NoticeInput, ObjectionDecision, ObjectionInput, RoundInput, ScoreInput,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

const REASONS: &[&str] = &[
    "坚持“真材实料、如实介绍”，直播间零投诉，带动同村6人参与钧瓷电商。",
    "常年直播销售禹州粉条和红薯粉丝，产品可溯源，好评率99%以上。",
    "带货中药材坚持持证经营，主动公示检测报告，获消费者好评。",
    "网店经营规范，七天无理由退货执行到位，带动就业4人。",
    "积极参与助农直播公益活动，帮助乡亲销售滞销农产品。",
];

/// Loads the demo rounds; returns (rounds, honoured).
pub(super) async fn load(
    svc: &Services,
    admin: &users::Model,
    year: i32,
) -> DomainResult<(usize, u32)> {
    let db = &svc.db;
    let bureau = Actor::acting_as(admin);
    // People running shops or livestreams, from their latest outcomes.
    let mut people: Vec<(i32, Option<String>)> = Vec::new();
    for o in outcomes::Entity::find()
        .filter(outcomes::Column::Kind.is_in(codes([
            OutcomeKind::LivestreamHost,
            OutcomeKind::OnlineStore,
        ])))
        .order_by_asc(outcomes::Column::Id)
        .limit(200)
        .all(db)
        .await?
    {
        if !people.iter().any(|(t, _)| *t == o.trainee_id) {
            people.push((o.trainee_id, o.business_name.clone()));
        }
        if people.len() == 8 {
            break;
        }
    }
    if people.len() < 6 {
        return Ok((0, 0));
    }
    let round = |kind: SelectionKind, year: i32, title: &str| {
        RoundInput {
        kind: Some(kind),
        year: Some(year),
        title: title.to_string(),
        criteria: "一、遵守法律法规和平台规则，近两年无行政处罚和有效投诉；\n二、如实介绍商品，不虚假宣传、不售假；\n三、售后服务规范，消费者满意度高；\n四、带动就业、助农增收成效明显。".into(),
        notice_days: Some(7),
    }
    };
    let nominate_and_score = |round_id: i32, chosen: Vec<(i32, Option<String>)>| {
        let bureau = bureau.clone();
        async move {
            let mut ids = Vec::new();
            for (i, (trainee, business)) in chosen.into_iter().enumerate() {
                let id = selections::nominate(
                    db,
                    &bureau,
                    round_id,
                    NominationInput {
                        trainee_id: Some(trainee),
                        business_name: business
                            .unwrap_or_else(|| format!("禹州好物小店{}（示例）", i + 1)),
                        reason: REASONS[i % REASONS.len()].to_string(),
                    },
                )
                .await?;
                selections::score(
                    db,
                    &bureau,
                    id,
                    ScoreInput {
                        score: Some(92 - 3 * i as i32),
                        comment: String::new(),
                    },
                )
                .await?;
                ids.push(id);
            }
            DomainResult::Ok(ids)
        }
    };

    // Last year's honest hosts: noticed, no objection, published.
    let past = selections::open(
        db,
        &bureau,
        round(
            SelectionKind::HonestHost,
            year - 1,
            &format!("{}年度禹州市诚信带货主播评选（示例）", year - 1),
        ),
    )
    .await?;
    let past_ids = nominate_and_score(past, people[..4].to_vec()).await?;
    selections::start_notice(
        db,
        &bureau,
        past,
        NoticeInput {
            shortlist: past_ids[..3].to_vec(),
        },
    )
    .await?;
    // Its notice ran a month ago.
    backdate_notice(db, past, 37, 30).await?;
    let honoured = selections::publish(svc, &bureau, past).await?;

    // This year's honest businesses: on notice now, with an objection to look into.
    let current = selections::open(
        db,
        &bureau,
        round(
            SelectionKind::HonestBusiness,
            year,
            &format!("{year}年度禹州市文明诚信电商评选（示例）"),
        ),
    )
    .await?;
    let current_ids = nominate_and_score(current, people[4..].to_vec()).await?;
    selections::start_notice(
        db,
        &bureau,
        current,
        NoticeInput {
            shortlist: current_ids.clone(),
        },
    )
    .await?;
    selections::object(
        svc,
        &Actor::anonymous(),
        current,
        ObjectionInput {
            nomination_id: current_ids.first().copied(),
            body: "该店铺上月发货延迟近两周，客服未及时回复，请核实。（示例）".into(),
            contact_name: "示例市民".into(),
            contact_phone: "13900000000".into(),
        },
    )
    .await?;
    // This year's honest hosts: the notice ended yesterday, its objection dismissed; the
    // bureau has yet to publish the result.
    let ready = selections::open(
        db,
        &bureau,
        round(
            SelectionKind::HonestHost,
            year,
            &format!("{year}年度禹州市诚信带货主播评选（示例）"),
        ),
    )
    .await?;
    let ready_ids = nominate_and_score(ready, people[..2].to_vec()).await?;
    selections::start_notice(
        db,
        &bureau,
        ready,
        NoticeInput {
            shortlist: ready_ids.clone(),
        },
    )
    .await?;
    let objection = selections::object(
        svc,
        &Actor::anonymous(),
        ready,
        ObjectionInput {
            nomination_id: ready_ids.first().copied(),
            body: "听说该主播直播时夸大功效，请核实。（示例）".into(),
            contact_name: "示例市民".into(),
            contact_phone: "13900000001".into(),
        },
    )
    .await?;
    selections::decide_objection(
        db,
        &bureau,
        objection,
        ObjectionDecision {
            upheld: Some(false),
            reply: "经调阅直播回放，未发现夸大宣传，异议不成立。".into(),
        },
    )
    .await?;
    backdate_notice(db, ready, 8, 1).await?;
    Ok((3, honoured))
}

/// Moves a round's notice period to have begun `began` and ended `ended` days ago.
async fn backdate_notice(
    db: &impl sea_orm::ConnectionTrait,
    round: i32,
    began: i64,
    ended: i64,
) -> DomainResult<()> {
    selection_rounds::Entity::update_many()
        .col_expr(
            selection_rounds::Column::NoticeStartsAt,
            Expr::value(Utc::now() - Duration::days(began)),
        )
        .col_expr(
            selection_rounds::Column::NoticeEndsAt,
            Expr::value(Utc::now() - Duration::days(ended)),
        )
        .filter(selection_rounds::Column::Id.eq(round))
        .exec(db)
        .await?;
    Ok(())
}
