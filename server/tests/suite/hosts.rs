//! The livestream host registry: a trainee applies as a host and the agency they name sees and
//! keeps their profile (no other agency does); agencies register people linked to them and an
//! outcome recording someone as a host gives them a profile; bad input at the fields with
//! nothing saved; and an agency's hosts become people it may nominate for honours.

use axum::body::Body;
use axum::http::{Method, header};
use chrono::Utc;
use domain::entities::{host_accounts, hosts as host_rows, placements};
use domain::{DomainError, hosts, outcomes, selections};
use model::Role;
use model::catalogue::Industry;
use model::enums::{
    HostSource, OrganisationKind, OrganisationStatus, OutcomeKind, PlacementKind, PlacementStatus,
    SelectionKind,
};
use model::hosts::{HostAccountInput, HostInput, HostQuery};
use model::i18n::Msg;
use model::outcomes::{IncomeBand, OutcomeInput, Platform};
use model::selections::{NominationInput, RoundInput};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;
use server::testing::{TestApp, query_value, test_id_number};

fn profile(agency: Option<i32>, account: &str) -> HostInput {
    HostInput {
        agency_id: agency,
        categories: vec![Industry::JunPorcelain],
        monthly_sessions: Some(12),
        sales_band: Some(IncomeBand::From5kTo10k),
        accounts: vec![HostAccountInput {
            platform: Some(Platform::Douyin),
            account_name: account.into(),
        }],
        ..HostInput::default()
    }
}

fn field_errors(result: Result<impl std::fmt::Debug, DomainError>) -> Vec<(String, Msg)> {
    match result {
        Err(DomainError::Invalid(fields)) => {
            fields.into_iter().map(|f| (f.field, f.message)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

async fn host_count(app: &TestApp) -> u64 {
    host_rows::Entity::find()
        .count(&app.services.db)
        .await
        .unwrap()
}

async fn place(app: &TestApp, trainee: i32, org: i32) {
    let now = Utc::now();
    placements::ActiveModel {
        trainee_id: Set(trainee),
        organisation_id: Set(org),
        kind: Set(PlacementKind::LivestreamRoom.into()),
        status: Set(PlacementStatus::Active.into()),
        applied_at: Set(now),
        start_date: Set(Some(now.date_naive())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.services.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_trainee_applies_as_a_host_and_only_their_agency_sees_them() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let base = app
        .organisation(
            OrganisationKind::LivestreamBase,
            OrganisationStatus::Approved,
        )
        .await;
    let other_base = app
        .organisation(
            OrganisationKind::LivestreamBase,
            OrganisationStatus::Approved,
        )
        .await;
    let college = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let base_staff = app.actor(&app.staff(base, false).await).await;
    let base_user = app.staff(base, false).await;
    let other_staff = app.actor(&app.staff(other_base, false).await).await;
    let class = app.completed_class(1, &["钧瓷主播"]).await;
    let (host_user, host) = &class.trainees[0];

    // Bad input from the form: each field's message, nothing saved.
    let res = app
        .post_form(
            "/host",
            &[
                ("monthly_sessions", "999"),
                ("platform_1", "douyin"),
                ("account_1", ""),
                ("categories", "tea"),
            ],
            Some(&host_user.cookie),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let back = res.location();
    assert!(back.starts_with("/host?"), "{back}");
    assert_eq!(
        query_value(back, "err_categories").as_deref(),
        Some("ErrChoose")
    );
    assert_eq!(
        query_value(back, "err_monthly_sessions").as_deref(),
        Some("ErrMonthlySessions")
    );
    assert_eq!(
        query_value(back, "err_account_1").as_deref(),
        Some("ErrRequired")
    );
    // An agency that is not a livestream base or enterprise, or a pending one, is refused.
    assert_eq!(
        field_errors(hosts::save_own(db, host, profile(Some(college), "钧瓷小李")).await),
        vec![("agency_id".into(), Msg::ErrHostAgency)]
    );
    assert_eq!(host_count(&app).await, 0);

    // Through the API, naming the base.
    let req = TestApp::request(Method::PUT, "/api/v1/me/host", None)
        .header(header::AUTHORIZATION, format!("Bearer {}", host_user.token))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({
                "agency_id": base,
                "categories": ["jun_porcelain", "farm_produce"],
                "monthly_sessions": 20,
                "sales_band": "from10k_to50k",
                "accounts": [
                    {"platform": "douyin", "account_name": "钧瓷小李（示例）"},
                    {"platform": "kuaishou", "account_name": "小李的直播间"}
                ]
            })
            .to_string(),
        ))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let id = res.json()["id"].as_i64().unwrap() as i32;
    let row = host_rows::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (*row.source, row.agency_id, row.active),
        (HostSource::Applied, Some(base), true)
    );
    assert_eq!(app.audited("host.applied").await, 1);

    // Hosting with the base links the person to it: the base may nominate them for an honour.
    let admin = app.actor(&app.user(Role::BureauAdmin).await).await;
    let round = selections::open(
        db,
        &admin,
        RoundInput {
            kind: Some(SelectionKind::HonestHost),
            year: Some(2026),
            title: "2026年度诚信带货主播评选".into(),
            criteria: "守法经营、诚信带货。".into(),
            notice_days: Some(7),
        },
    )
    .await
    .unwrap();
    let host_id = row.trainee_id;
    let offered = selections::detail(db, &base_staff, round).await.unwrap();
    assert!(offered.candidates.iter().any(|c| c.trainee_id == host_id));
    selections::nominate(
        db,
        &base_staff,
        round,
        NominationInput {
            trainee_id: Some(host_id),
            business_name: String::new(),
            reason: "直播间零投诉。".into(),
        },
    )
    .await
    .unwrap();
    let elsewhere = selections::detail(db, &other_staff, round).await.unwrap();
    assert!(!elsewhere.candidates.iter().any(|c| c.trainee_id == host_id));

    // The base sees the host, with the training taken from the person's record.
    let list = hosts::list(db, &base_staff, HostQuery::default())
        .await
        .unwrap();
    assert_eq!(list.total, 1);
    assert_eq!(list.rows[0].name, "钧瓷主播");
    assert_eq!(list.rows[0].accounts.len(), 2);
    let detail = hosts::detail(db, &base_staff, id).await.unwrap();
    assert_eq!(detail.training.len(), 1);
    assert_eq!(detail.training[0].course_id, class.course);
    assert!(detail.can_edit);
    assert_eq!(list.rows[0].certificates, 0);
    // Once certified, the registry counts the certificate and the profile links it.
    let admin = app.actor(&app.user(Role::BureauAdmin).await).await;
    domain::certificates::issue_for_course(&app.services, &admin, class.course)
        .await
        .unwrap();
    let list = hosts::list(db, &base_staff, HostQuery::default())
        .await
        .unwrap();
    assert_eq!(list.rows[0].certificates, 1);
    let detail = hosts::detail(db, &base_staff, id).await.unwrap();
    assert_eq!(detail.certificates.len(), 1);
    assert!(detail.certificates[0].verify_url.starts_with("/verify/"));
    // Filters: by platform, category and account name.
    for (q, found) in [
        (("platform", "kuaishou"), 1),
        (("platform", "taobao"), 0),
        (("category", "farm_produce"), 1),
        (("category", "chinese_medicine"), 0),
        (("q", "小李的"), 1),
        (("q", "无此人"), 0),
    ] {
        let query = HostQuery::from_params(|k| (k == q.0).then(|| q.1.to_string()));
        let list = hosts::list(db, &base_staff, query).await.unwrap();
        assert_eq!(list.total, found, "{q:?}");
    }
    let page = app
        .get("/api/v1/hosts?platform=tiktok", Some(&base_user.cookie))
        .await;
    assert_eq!(page.status, 422, "{}", page.body);
    // A page far past the end is empty, not an error.
    let page = app
        .get(
            "/api/v1/hosts?page=18446744073709551615",
            Some(&base_user.cookie),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.json()["rows"], json!([]));

    // Another base sees nothing of them and cannot change them.
    assert_eq!(
        hosts::list(db, &other_staff, HostQuery::default())
            .await
            .unwrap()
            .total,
        0
    );
    assert!(matches!(
        hosts::detail(db, &other_staff, id).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        hosts::update(db, &other_staff, id, profile(Some(other_base), "x")).await,
        Err(DomainError::NotFound)
    ));

    // The base keeps the profile; it cannot hand the host to another base.
    assert_eq!(
        field_errors(
            hosts::update(db, &base_staff, id, profile(Some(other_base), "钧瓷小李")).await
        ),
        vec![("agency_id".into(), Msg::ErrHostAgencyOwn)]
    );
    let mut duplicate = profile(Some(base), "钧瓷小李");
    duplicate.accounts.push(HostAccountInput {
        platform: Some(Platform::Douyin),
        account_name: " 钧瓷小李".into(),
    });
    assert_eq!(
        field_errors(hosts::update(db, &base_staff, id, duplicate).await),
        vec![("account_2".into(), Msg::ErrDuplicateAccount)]
    );
    let mut change = profile(Some(base), "钧瓷小李");
    change.monthly_sessions = Some(30);
    hosts::update(db, &base_staff, id, change).await.unwrap();
    let accounts = host_accounts::Entity::find()
        .filter(host_accounts::Column::HostId.eq(id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(accounts.len(), 1, "the accounts are replaced");
    assert_eq!(app.audited("host.changed").await, 1);

    // A trainee has no registry; the person sees their own profile.
    assert!(matches!(
        hosts::list(db, host, HostQuery::default()).await,
        Err(DomainError::Forbidden)
    ));
    let mine = hosts::mine(db, host).await.unwrap();
    assert_eq!(mine.host.unwrap().host.monthly_sessions, Some(30));

    // The person stops hosting: the registry lists them under "stopped".
    let mut stopped = profile(Some(base), "钧瓷小李");
    stopped.active = false;
    hosts::save_own(db, host, stopped).await.unwrap();
    let active = hosts::list(db, &base_staff, HostQuery::default())
        .await
        .unwrap();
    assert_eq!(active.total, 0);
    let all = HostQuery::from_params(|k| (k == "status").then(|| "inactive".to_string()));
    assert_eq!(hosts::list(db, &base_staff, all).await.unwrap().total, 1);
    assert_eq!(host_count(&app).await, 1, "one profile per person");
}

#[tokio::test]
async fn agencies_register_their_people_and_outcomes_make_hosts() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let admin = app.actor(&app.user(Role::BureauAdmin).await).await;
    let base = app
        .organisation(
            OrganisationKind::LivestreamBase,
            OrganisationStatus::Approved,
        )
        .await;
    let mcn = app
        .organisation(OrganisationKind::Enterprise, OrganisationStatus::Approved)
        .await;
    let base_staff = app.actor(&app.staff(base, false).await).await;
    let mcn_staff = app.actor(&app.staff(mcn, false).await).await;
    let college = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let college_staff = app.actor(&app.staff(college, false).await).await;
    let person = |name: &'static str, n: u32| {
        let app = &app;
        async move {
            let (_, actor) = app.trainee(name, &test_id_number("19920303", n)).await;
            domain::trainees::own_row(&app.services.db, &actor)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let placed = person("入驻主播", 11).await;
    let stranger = person("无关学员", 12).await;
    let recorded = person("跟踪主播", 13).await;
    place(&app, placed, base).await;
    place(&app, recorded, mcn).await;

    // An agency registers only people linked to it, as its own host.
    let mut input = profile(None, "入驻主播号");
    input.trainee_id = Some(stranger);
    assert_eq!(
        field_errors(hosts::register(db, &base_staff, input.clone()).await),
        vec![("trainee_id".into(), Msg::ErrNotHostable)]
    );
    // Only agencies register hosts; a college cannot.
    input.trainee_id = Some(placed);
    assert!(matches!(
        hosts::register(db, &college_staff, input.clone()).await,
        Err(DomainError::Forbidden)
    ));
    let list = hosts::list(db, &base_staff, HostQuery::default())
        .await
        .unwrap();
    assert!(list.can_register);
    assert_eq!(
        list.candidates
            .iter()
            .map(|c| c.trainee_id)
            .collect::<Vec<_>>(),
        vec![placed]
    );
    let id = hosts::register(db, &base_staff, input.clone())
        .await
        .unwrap();
    let row = host_rows::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (*row.source, row.agency_id),
        (HostSource::Agency, Some(base))
    );
    assert_eq!(
        field_errors(hosts::register(db, &admin, input).await),
        vec![("trainee_id".into(), Msg::ErrAlreadyHost)]
    );
    assert!(
        hosts::list(db, &base_staff, HostQuery::default())
            .await
            .unwrap()
            .candidates
            .is_empty(),
        "a registered host is no longer offered"
    );

    // The MCN company records an outcome: livestream host. The person gets a profile with the
    // outcome's account, working with the company.
    outcomes::record(
        db,
        &mcn_staff,
        recorded,
        OutcomeInput {
            as_of: Some(Utc::now().date_naive()),
            kind: Some(OutcomeKind::LivestreamHost),
            business_name: "禹州好粉条（示例）".into(),
            platform: Some(Platform::Kuaishou),
            income_band: Some(IncomeBand::From3kTo5k),
            ..OutcomeInput::default()
        },
    )
    .await
    .unwrap();
    let made = host_rows::Entity::find()
        .filter(host_rows::Column::TraineeId.eq(recorded))
        .one(db)
        .await
        .unwrap()
        .expect("a profile from the outcome");
    assert_eq!(
        (*made.source, made.agency_id, made.sales_band.as_deref()),
        (HostSource::Outcome, Some(mcn), Some("3k_5k"))
    );
    let detail = hosts::detail(db, &mcn_staff, made.id).await.unwrap();
    assert_eq!(detail.host.accounts[0].account_name, "禹州好粉条（示例）");

    // The bureau sees every host and registers anyone, with any agency or none.
    let mut by_bureau = profile(None, "无关学员号");
    by_bureau.trainee_id = Some(stranger);
    hosts::register(db, &admin, by_bureau).await.unwrap();
    assert_eq!(
        hosts::list(db, &admin, HostQuery::default())
            .await
            .unwrap()
            .total,
        3
    );
}
