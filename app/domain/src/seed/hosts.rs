//! Demo livestream hosts: people whose follow-ups found them hosting, with their accounts,
//! what they sell and, for most, the demo livestream bases or supply-chain company they work
//! with. Account names are made up and marked as examples.

use crate::DomainResult;
use crate::db::begin_write;
use crate::entities::outcomes;
use crate::hosts;
use model::catalogue::Industry;
use model::enums::{HostSource, OutcomeKind};
use model::hosts::{HostAccountInput, HostInput};
use model::outcomes::{IncomeBand, Platform};
use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

const NAMES: &[&str] = &[
    "钧瓷小匠",
    "神垕窑火",
    "禹州粉条哥",
    "药都好物",
    "山货乡亲",
    "鸠山农家",
    "红薯粉丝铺",
    "古镇钧韵",
    "禹药优选",
    "方山土特产",
    "浅井好味道",
    "花石山货",
];

/// Loads hosts for up to a dozen people whose outcome is livestream hosting; `agencies` are
/// the organisations they may work with (some work with none). Returns how many.
pub(super) async fn load(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    agencies: &[i32],
) -> DomainResult<usize> {
    let mut people = Vec::new();
    for o in outcomes::Entity::find()
        .filter(outcomes::Column::Kind.eq(OutcomeKind::LivestreamHost.as_str()))
        .order_by_asc(outcomes::Column::Id)
        .all(db)
        .await?
    {
        if !people
            .iter()
            .any(|p: &outcomes::Model| p.trainee_id == o.trainee_id)
        {
            people.push(o);
        }
        if people.len() == NAMES.len() {
            break;
        }
    }
    let txn = begin_write(db).await?;
    for (i, o) in people.iter().enumerate() {
        // What hosts here sell (filter presses are sold by sales teams, not livestreams).
        const SOLD: [Industry; 4] = [
            Industry::JunPorcelain,
            Industry::ChineseMedicine,
            Industry::SweetPotatoStarch,
            Industry::FarmProduce,
        ];
        let first = SOLD[i % SOLD.len()];
        let mut categories = vec![first];
        if i % 3 == 0 && first != Industry::FarmProduce {
            categories.push(Industry::FarmProduce);
        }
        let platform = o
            .platform
            .as_deref()
            .and_then(Platform::parse)
            .unwrap_or(Platform::Douyin);
        let mut accounts = vec![HostAccountInput {
            platform: Some(platform),
            account_name: format!("{}{}（示例）", NAMES[i], i + 1),
        }];
        if i % 2 == 0 {
            accounts.push(HostAccountInput {
                platform: Some(if platform == Platform::Kuaishou {
                    Platform::WechatChannels
                } else {
                    Platform::Kuaishou
                }),
                account_name: format!("{}的直播间（示例）", NAMES[i]),
            });
        }
        // Three in four work with an agency.
        let agency = (i % 4 != 3 && !agencies.is_empty()).then(|| agencies[i % agencies.len()]);
        let input = HostInput {
            trainee_id: Some(o.trainee_id),
            agency_id: agency,
            categories,
            monthly_sessions: Some(rng.gen_range(4..=40)),
            sales_band: o
                .income_band
                .as_deref()
                .and_then(IncomeBand::parse)
                .or(Some(IncomeBand::From5kTo10k)),
            accounts,
            active: i != 5,
        };
        let source = if agency.is_some() {
            HostSource::Agency
        } else {
            HostSource::Outcome
        };
        hosts::insert(&txn, o.trainee_id, &input, source).await?;
    }
    txn.commit().await?;
    Ok(people.len())
}
