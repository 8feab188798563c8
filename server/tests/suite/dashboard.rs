//! The KPI dashboard: every figure equals an independent recount (plain Rust over every row)
//! on the generated demo data, for random filters; the people behind a figure are exactly
//! as many as it says; targets are set, replaced and removed with an audit trail and show
//! their progress; a town viewer sees only their town; bad filters are refused by field.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use domain::dashboard;
use domain::entities::{
    certificates, courses, enrollments, follow_ups, outcomes, placements, trainees,
};
use domain::local_time::{end_of_day, today};
use model::Role;
use model::bases::Ratio;
use model::catalogue::Industry;
use model::dashboard::{Figure, KpiFilter, Kpis, Period};
use model::enums::{
    CertificateKind, CertificateStatus, EnrollmentStatus, FollowUpStatus, OutcomeKind,
    OutcomeSource, PlacementStatus, Programme,
};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde_json::{Value, json};
use server::testing::TestApp;
use std::collections::{HashMap, HashSet};

/// Every row the figures are made of.
struct Rows {
    courses: HashMap<i32, courses::Model>,
    trainees: HashMap<i32, trainees::Model>,
    enrollments: Vec<enrollments::Model>,
    certificates: Vec<certificates::Model>,
    outcomes: Vec<outcomes::Model>,
    placements: Vec<placements::Model>,
    follow_ups: Vec<follow_ups::Model>,
    registrations: Vec<domain::entities::event_registrations::Model>,
}

async fn load(app: &TestApp) -> Rows {
    let db = &app.services.db;
    Rows {
        courses: courses::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.id, c))
            .collect(),
        trainees: trainees::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| (t.id, t))
            .collect(),
        enrollments: enrollments::Entity::find().all(db).await.unwrap(),
        certificates: certificates::Entity::find().all(db).await.unwrap(),
        outcomes: outcomes::Entity::find().all(db).await.unwrap(),
        placements: placements::Entity::find().all(db).await.unwrap(),
        follow_ups: follow_ups::Entity::find().all(db).await.unwrap(),
        registrations: domain::entities::event_registrations::Entity::find()
            .all(db)
            .await
            .unwrap(),
    }
}

#[derive(Default)]
struct Person {
    seat: bool,
    done: bool,
    cert: bool,
    first_start: Option<NaiveDate>,
}

/// The figures counted the plain way, straight from the definitions.
fn recount(rows: &Rows, filter: &KpiFilter) -> (Kpis, Vec<i64>) {
    let (from, end) = filter.period.bounds(filter.year);
    let through = end.min(today());
    recount_window(rows, filter, (from, through), through)
}

/// The same for people on courses starting within `starts`, counted as of `through`.
fn recount_window(
    rows: &Rows,
    filter: &KpiFilter,
    starts: (NaiveDate, NaiveDate),
    through: NaiveDate,
) -> (Kpis, Vec<i64>) {
    let (from, last_start) = starts;
    let until = end_of_day(through);
    let seat = |s: EnrollmentStatus| {
        matches!(
            s,
            EnrollmentStatus::Enrolled
                | EnrollmentStatus::Completed
                | EnrollmentStatus::NotCompleted
        )
    };
    let valid_cert =
        |c: &certificates::Model| c.status == CertificateStatus::Valid && c.issued_at <= until;
    let cohort: Vec<&enrollments::Model> = rows
        .enrollments
        .iter()
        .filter(|e| {
            let c = &rows.courses[&e.course_id];
            let t = &rows.trainees[&e.trainee_id];
            c.starts_on >= from
                && c.starts_on <= last_start
                && filter.town.is_none_or(|town| t.town_id == town)
                && filter.programme.is_none_or(|p| c.programme == p)
                && filter
                    .industry
                    .is_none_or(|i| Industry::from_tags(&c.industry_tags).contains(&i))
                && filter.provider.is_none_or(|o| c.organisation_id == o)
        })
        .collect();
    let cohort_ids: HashSet<i32> = cohort.iter().map(|e| e.id).collect();
    let mut k = Kpis::default();
    // Check-ins at lectures and salons: attendances only (the town the person registered from).
    k.attendances += rows
        .registrations
        .iter()
        .filter(|r| {
            let c = &rows.courses[&r.course_id];
            r.checked_in_at.is_some()
                && c.starts_on >= from
                && c.starts_on <= last_start
                && filter.town.is_none_or(|town| r.town_id == town)
                && filter.programme.is_none_or(|p| c.programme == p)
                && filter
                    .industry
                    .is_none_or(|i| Industry::from_tags(&c.industry_tags).contains(&i))
                && filter.provider.is_none_or(|o| c.organisation_id == o)
        })
        .count() as i64;
    let mut people: HashMap<i32, Person> = HashMap::new();
    for e in &cohort {
        let c = &rows.courses[&e.course_id];
        let p = people.entry(e.trainee_id).or_default();
        if !seat(*e.status) {
            continue;
        }
        p.seat = true;
        p.first_start = Some(p.first_start.map_or(c.starts_on, |d| d.min(c.starts_on)));
        k.attendances += 1;
        let done = e.status == EnrollmentStatus::Completed;
        if done {
            p.done = true;
            if rows
                .certificates
                .iter()
                .any(|ce| ce.enrollment_id == Some(e.id) && valid_cert(ce))
            {
                p.cert = true;
            }
        }
        if c.ends_on <= through {
            k.completion.den += 1;
            k.completion.num += i64::from(done);
        }
        if c.assessed
            && let Some(score) = e.score
        {
            k.pass.den += 1;
            k.pass.num += i64::from(score + 1e-9 >= c.pass_mark.unwrap_or(60.0));
        }
    }
    let superseded: HashSet<i32> = rows
        .outcomes
        .iter()
        .filter_map(|o| o.supersedes_id)
        .collect();
    let mut villages = HashSet::new();
    let mut funnel = vec![0i64; 6];
    for (&tid, p) in &people {
        funnel[0] += 1;
        k.signed_up += 1;
        if !p.seat {
            continue;
        }
        k.trained += 1;
        funnel[1] += 1;
        let leader = rows
            .certificates
            .iter()
            .any(|c| c.trainee_id == tid && c.kind == CertificateKind::Leader && valid_cert(c));
        if leader {
            k.leaders += 1;
            let t = &rows.trainees[&tid];
            if let Some(v) = t.village.as_deref().filter(|v| !v.is_empty()) {
                villages.insert((t.town_id, v.to_string()));
            }
        }
        if !p.done {
            continue;
        }
        k.completed += 1;
        funnel[2] += 1;
        let first = p.first_start.unwrap();
        let latest = rows
            .outcomes
            .iter()
            .filter(|o| {
                o.trainee_id == tid
                    && o.as_of >= first
                    && o.as_of <= through
                    && !superseded.contains(&o.id)
            })
            .max_by_key(|o| (o.as_of, o.id));
        let kind = latest.map(|o| *o.kind);
        let employed = matches!(
            kind,
            Some(OutcomeKind::Employed | OutcomeKind::SelfEmployed | OutcomeKind::LivestreamHost)
        );
        let business = matches!(
            kind,
            Some(OutcomeKind::BusinessStarted | OutcomeKind::OnlineStore)
        );
        k.employed.num += i64::from(employed);
        k.business.num += i64::from(business);
        k.shops += i64::from(kind == Some(OutcomeKind::OnlineStore));
        k.hosts += i64::from(kind == Some(OutcomeKind::LivestreamHost));
        k.jobs_created += latest.map_or(0, |o| i64::from(o.jobs_created));
        let placed = rows.placements.iter().any(|pl| {
            pl.trainee_id == tid
                && matches!(
                    *pl.status,
                    PlacementStatus::Accepted
                        | PlacementStatus::Active
                        | PlacementStatus::Graduated
                        | PlacementStatus::Left
                )
                && pl.start_date.is_some_and(|d| d <= through)
        });
        k.placed += i64::from(placed);
        if p.cert {
            k.certified += 1;
            funnel[3] += 1;
            if placed {
                funnel[4] += 1;
                if employed || business {
                    funnel[5] += 1;
                }
            }
        }
    }
    k.employed.den = k.completed;
    k.business.den = k.completed;
    k.leader_villages = villages.len() as i64;
    for f in &rows.follow_ups {
        if cohort_ids.contains(&f.enrollment_id) && f.due_on <= through {
            k.follow_ups.den += 1;
            k.follow_ups.num += i64::from(f.status != FollowUpStatus::Due);
        }
    }
    (k, funnel)
}

/// What the generated data lacks, so every figure has something to count: leader
/// certificates (one revoked), an outcome corrected by a later one, an outcome from before
/// the person's training.
async fn enrich(app: &TestApp, admin: i32) {
    let db = &app.services.db;
    let completed = enrollments::Entity::find()
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Completed.as_str()))
        .all(db)
        .await
        .unwrap();
    assert!(
        completed.len() > 20,
        "the demo data has completed enrolments"
    );
    let now = Utc::now();
    for (i, e) in completed.iter().take(12).enumerate() {
        certificates::ActiveModel {
            number: Set(format!("YZ-LEADER-{i:04}")),
            verification_code: Set(format!("leader-test-code-{i:04}")),
            kind: Set(CertificateKind::Leader.into()),
            trainee_id: Set(e.trainee_id),
            course_id: Set(Some(e.course_id)),
            enrollment_id: Set(None),
            issued_by: Set(admin),
            issued_at: Set(now - Duration::days(1)),
            status: Set(if i == 0 {
                CertificateStatus::Revoked.into()
            } else {
                CertificateStatus::Valid.into()
            }),
            revoked_reason: Set((i == 0).then(|| "测试撤销".to_string())),
            revoked_at: Set((i == 0).then_some(now)),
            payload: Set("{}".into()),
            signature: Set("test".into()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    // Corrections dated a day before what they correct: only the superseding rule, not the
    // date order, can make them count.
    let mut corrected = 0;
    let recent = outcomes::Entity::find()
        .filter(outcomes::Column::AsOf.gte(today() - Duration::days(200)))
        .all(db)
        .await
        .unwrap();
    for o in recent {
        if corrected == 8 {
            break;
        }
        if o.supersedes_id.is_some() {
            continue;
        }
        let kind = if o.kind == OutcomeKind::NotWorking {
            OutcomeKind::OnlineStore
        } else {
            OutcomeKind::NotWorking
        };
        outcomes::ActiveModel {
            trainee_id: Set(o.trainee_id),
            as_of: Set(o.as_of - Duration::days(1)),
            kind: Set(kind.into()),
            jobs_created: Set(3),
            source: Set(OutcomeSource::Verified.into()),
            recorded_by: Set(Some(admin)),
            recorded_at: Set(now),
            supersedes_id: Set(Some(o.id)),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        corrected += 1;
    }
    assert_eq!(corrected, 8, "the demo data has recent outcomes to correct");
    // A job reported long before training counts for nothing.
    let e = &completed[completed.len() / 2];
    outcomes::ActiveModel {
        trainee_id: Set(e.trainee_id),
        as_of: Set(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
        kind: Set(OutcomeKind::Employed.into()),
        jobs_created: Set(50),
        source: Set(OutcomeSource::SelfReported.into()),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

fn get_i64(v: &Value, path: &[&str]) -> i64 {
    let mut at = v;
    for p in path {
        at = &at[*p];
    }
    at.as_i64().unwrap_or_else(|| panic!("{path:?} in {v}"))
}

fn ratio(v: &Value, name: &str) -> Ratio {
    Ratio {
        num: get_i64(v, &["kpis", name, "num"]),
        den: get_i64(v, &["kpis", name, "den"]),
    }
}

/// The figures as the JSON API reports them.
fn kpis_of(v: &Value) -> Kpis {
    let n = |name: &str| get_i64(v, &["kpis", name]);
    Kpis {
        signed_up: n("signed_up"),
        trained: n("trained"),
        attendances: n("attendances"),
        completion: ratio(v, "completion"),
        pass: ratio(v, "pass"),
        completed: n("completed"),
        certified: n("certified"),
        employed: ratio(v, "employed"),
        business: ratio(v, "business"),
        shops: n("shops"),
        hosts: n("hosts"),
        jobs_created: n("jobs_created"),
        leaders: n("leaders"),
        leader_villages: n("leader_villages"),
        placed: n("placed"),
        follow_ups: ratio(v, "follow_ups"),
    }
}

fn random_filter(rng: &mut StdRng, rows: &Rows, towns: &[i32]) -> KpiFilter {
    let year = today().year() - i32::from(rng.gen_bool(0.2));
    let mut f = KpiFilter::year(year);
    f.period = match rng.gen_range(0..4) {
        0 => Period::Quarter(rng.gen_range(1..=4)),
        1 => Period::Month(rng.gen_range(1..=12)),
        _ => Period::Year,
    };
    if f.period.bounds(year).0 > today() {
        f.period = Period::Year;
    }
    match rng.gen_range(0..5) {
        0 => f.town = towns.choose(rng).copied(),
        1 => f.programme = Programme::ALL.choose(rng).copied(),
        2 => f.industry = Industry::ALL.choose(rng).copied(),
        3 => {
            let providers: Vec<i32> = {
                let mut v: Vec<i32> = rows.courses.values().map(|c| c.organisation_id).collect();
                v.sort();
                v.dedup();
                v
            };
            f.provider = providers.choose(rng).copied();
        }
        _ => {}
    }
    f
}

/// The year with each filter alone, for every value the data has: what `warm` counts ahead.
fn single_filters(rows: &Rows, towns: &[i32], year: i32) -> Vec<KpiFilter> {
    let mut providers: Vec<i32> = rows.courses.values().map(|c| c.organisation_id).collect();
    providers.sort();
    providers.dedup();
    let base = KpiFilter::year(year);
    let mut out = Vec::new();
    out.extend(towns.iter().map(|&t| KpiFilter {
        town: Some(t),
        ..base.clone()
    }));
    out.extend(Programme::ALL.iter().map(|&p| KpiFilter {
        programme: Some(p),
        ..base.clone()
    }));
    out.extend(Industry::ALL.iter().map(|&i| KpiFilter {
        industry: Some(i),
        ..base.clone()
    }));
    out.extend(providers.into_iter().map(|p| KpiFilter {
        provider: Some(p),
        ..base.clone()
    }));
    out
}

/// The data set `yucai seed --demo --scale N` builds for measuring at scale (here a small N):
/// past years' courses with their attendance, certificates, follow-ups and outcomes, written
/// consistently, and every figure of every year equal to the recount.
#[tokio::test]
async fn past_years_generated_for_scale_are_consistent_and_recounted() {
    use domain::entities::attendance;
    use domain::seed::{TRAINEES_PER_SCALE, demo_for, history::FIRST_YEAR};
    let app = TestApp::new().await;
    let report = demo_for(&app.services, TRAINEES_PER_SCALE + 300)
        .await
        .unwrap()
        .expect("an empty database");
    assert!(report.contains("300 more trainees"), "{report}");
    let db = &app.services.db;
    let admin = app.user(Role::BureauAdmin).await;
    let rows = load(&app).await;
    assert_eq!(rows.trainees.len(), TRAINEES_PER_SCALE as usize + 301);
    // Past courses: finished, four sessions, every seat an enrolment with four marks; every
    // completed enrolment has one valid certificate whose signature holds, issued after the
    // course; three follow-ups, the answered ones pointing at an outcome of the same person.
    let past: Vec<_> = rows
        .courses
        .values()
        .filter(|c| c.title.contains("期·示例"))
        .collect();
    assert!(past.len() >= 15, "{}", past.len());
    let key = domain::certificates::issuer(&app.services).public_key;
    let mut marks: HashMap<i32, usize> = HashMap::new();
    for m in attendance::Entity::find().all(db).await.unwrap() {
        *marks.entry(m.enrollment_id).or_default() += 1;
    }
    for course in past {
        assert_eq!(course.status, model::enums::CourseStatus::Finished);
        let seats: Vec<_> = rows
            .enrollments
            .iter()
            .filter(|e| e.course_id == course.id)
            .collect();
        assert_eq!(seats.len() as i32, course.seats_taken);
        for e in seats {
            assert_eq!(marks.get(&e.id), Some(&4));
            let certs: Vec<_> = rows
                .certificates
                .iter()
                .filter(|c| c.enrollment_id == Some(e.id))
                .collect();
            let calls: Vec<_> = rows
                .follow_ups
                .iter()
                .filter(|c| c.enrollment_id == e.id)
                .collect();
            if e.status == EnrollmentStatus::Completed {
                assert_eq!(certs.len(), 1);
                assert!(domain::certificates::signature_holds(
                    &key,
                    &certs[0].payload,
                    &certs[0].signature
                ));
                assert!(certs[0].issued_at.date_naive() > course.ends_on);
                assert_eq!(calls.len(), 3);
                for call in calls.iter().filter(|c| c.status == FollowUpStatus::Done) {
                    let o = rows
                        .outcomes
                        .iter()
                        .find(|o| Some(o.id) == call.outcome_id)
                        .expect("linked");
                    assert_eq!(o.trainee_id, e.trainee_id);
                    assert!(o.as_of >= call.due_on);
                }
            } else {
                assert_eq!(e.status, EnrollmentStatus::NotCompleted);
                assert!(certs.is_empty() && calls.is_empty());
            }
        }
    }
    let mut towns: Vec<i32> = rows.trainees.values().map(|t| t.town_id).collect();
    towns.sort();
    towns.dedup();
    let seed: u64 = std::env::var("DASHBOARD_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::thread_rng().r#gen());
    println!("DASHBOARD_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    // Every year's dashboard for the city and for each filter alone counted ahead, as
    // `yucai serve` does in the background: what the views below read.
    assert!(dashboard::warm(db).await.unwrap() > 0);
    let mut trained = 0;
    for year in FIRST_YEAR..=today().year() {
        let mut filter = random_filter(&mut rng, &rows, &towns);
        filter.year = year;
        if filter.period.bounds(year).0 > today() {
            filter.period = Period::Year;
        }
        let mut checked = vec![KpiFilter::year(year), filter];
        let single = single_filters(&rows, &towns, year);
        checked.extend(single.iter().cloned());
        for k in assert_recounted(&app, &admin.cookie, &rows, &checked[..2], seed).await {
            trained += k.trained;
        }
        assert_recounted(&app, &admin.cookie, &rows, &checked[2..], seed).await;
        let one = single.choose(&mut rng).unwrap();
        assert_charts_recounted(&app, &admin.cookie, &rows, one).await;
    }
    assert!(trained > 800, "{trained}");
}

/// Every chart's groups, as the API reports them for `filter` (a whole year), equal a recount
/// with that group as the filter; returns the town chart's rows.
async fn assert_charts_recounted(
    app: &TestApp,
    cookie: &str,
    rows: &Rows,
    filter: &KpiFilter,
) -> Vec<Value> {
    let url = format!("/api/v1/dashboard?{}", filter.query().to_params());
    let v = app.get(&url, Some(cookie)).await.json();
    let breakdowns = v["breakdowns"].as_array().unwrap();
    assert_eq!(breakdowns.len(), 4);
    let town_rows = breakdowns[1]["rows"].as_array().unwrap();
    let towns = if filter.town.is_some() { 1 } else { 26 };
    assert_eq!(town_rows.len(), towns, "all 26 towns, or the one chosen");
    for b in breakdowns {
        for r in b["rows"].as_array().unwrap() {
            let key = r["key"].as_str().unwrap();
            let mut f = filter.clone();
            let year_through = Period::Year.bounds(f.year).1.min(today());
            let mut starts = (Period::Year.bounds(f.year).0, year_through);
            match b["by"].as_str().unwrap() {
                // A month's people, counted as of the year's last day like everyone else.
                "month" => {
                    let (a, z) = Period::Month(key.parse().unwrap()).bounds(f.year);
                    starts = (a, z.min(year_through));
                }
                "town" => f.town = Some(key.parse().unwrap()),
                "programme" => f.programme = Programme::parse(key),
                "industry" => f.industry = Industry::parse(key),
                other => panic!("{other}"),
            }
            // A group the filter itself leaves out (another town than the one chosen) is empty.
            let outside = (filter.town.is_some() && filter.town != f.town)
                || (filter.programme.is_some() && filter.programme != f.programme)
                || (filter.industry.is_some() && filter.industry != f.industry);
            let (k, _) = recount_window(rows, &f, starts, year_through);
            let got: Vec<i64> = ["trained", "completed", "certified", "working"]
                .iter()
                .map(|c| r[*c].as_i64().unwrap())
                .collect();
            let expected = if outside {
                vec![0; 4]
            } else {
                vec![
                    k.trained,
                    k.completed,
                    k.certified,
                    k.employed.num + k.business.num,
                ]
            };
            assert_eq!(got, expected, "{} {key} for {filter:?}", b["by"]);
        }
    }
    town_rows.clone()
}

/// Each filter's figures and funnel, as the API reports them, equal the recount; returns the
/// recounted figures.
async fn assert_recounted(
    app: &TestApp,
    cookie: &str,
    rows: &Rows,
    filters: &[KpiFilter],
    seed: u64,
) -> Vec<Kpis> {
    let mut all = Vec::new();
    for filter in filters {
        let (expected, funnel) = recount(rows, filter);
        let url = format!("/api/v1/dashboard?{}", filter.query().to_params());
        let res = app.get(&url, Some(cookie)).await;
        assert_eq!(res.status, 200, "{url}: {}", res.body);
        let v = res.json();
        assert_eq!(kpis_of(&v), expected, "{url} (DASHBOARD_SEED={seed})");
        let steps: Vec<i64> = v["funnel"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["people"].as_i64().unwrap())
            .collect();
        assert_eq!(steps, funnel, "{url} funnel (DASHBOARD_SEED={seed})");
        all.push(expected);
    }
    all
}

/// The dashboard counts from a fact table kept by database triggers: after a first count,
/// changes of every kind made straight in the database (no application code to remember the
/// facts) show in the next count, which again equals the recount.
#[tokio::test]
async fn figures_follow_every_kind_of_change_after_a_first_count() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let seed: u64 = std::env::var("DASHBOARD_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::thread_rng().r#gen());
    println!("DASHBOARD_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    let rows = load(&app).await;
    let mut towns: Vec<i32> = rows.trainees.values().map(|t| t.town_id).collect();
    towns.sort();
    towns.dedup();
    // Every year's dashboard for the city and each filter alone counted ahead (as `yucai
    // serve` does in the background); counting again finds nothing left to count.
    let db = &app.services.db;
    assert!(dashboard::warm(db).await.unwrap() > 0);
    assert_eq!(dashboard::warm(db).await.unwrap(), 0);
    // Each view once: four passes kept for each.
    let mut filters = vec![KpiFilter::year(today().year())];
    let random = (0..4).map(|_| random_filter(&mut rng, &rows, &towns));
    for f in random.chain(single_filters(&rows, &towns, today().year())) {
        if !filters.contains(&f) {
            filters.push(f);
        }
    }
    let before = assert_recounted(&app, &admin.cookie, &rows, &filters, seed).await;
    assert_charts_recounted(&app, &admin.cookie, &rows, &filters[0]).await;
    // Each filter's four passes are kept after this first count.
    let kept_first = kept(&app).await;
    assert!(kept_first.len() >= 4 * filters.len(), "{kept_first:?}");

    // Leader certificates, corrected outcomes, an outcome from before training.
    enrich(&app, admin.id).await;
    let completed: Vec<&enrollments::Model> = rows
        .enrollments
        .iter()
        .filter(|e| e.status == EnrollmentStatus::Completed)
        .collect();
    let this_year =
        |e: &&&enrollments::Model| rows.courses[&e.course_id].starts_on.year() == today().year();
    let mut picked = completed.iter().filter(this_year);
    // A trainee moves town.
    let e = picked.next().unwrap();
    let t = &rows.trainees[&e.trainee_id];
    let mut moved: trainees::ActiveModel = t.clone().into();
    moved.town_id = Set(towns.iter().copied().find(|&x| x != t.town_id).unwrap());
    moved.village = Set(Some("测试村".into()));
    moved.update(db).await.unwrap();
    // A course changes programme, industries and start (within its year), moving everyone on it.
    let e = picked.next().unwrap();
    let c = &rows.courses[&e.course_id];
    let mut course: courses::ActiveModel = c.clone().into();
    course.programme = Set(Programme::ALL
        .iter()
        .copied()
        .find(|&p| p != *c.programme)
        .unwrap()
        .into());
    course.industry_tags = Set(Industry::FarmProduce.as_str().into());
    course.starts_on = Set(NaiveDate::from_ymd_opt(today().year(), 1, 2).unwrap());
    course.update(db).await.unwrap();
    // An enrolment found not completed after all; another's score changes.
    let e = picked.next().unwrap();
    let mut undone: enrollments::ActiveModel = (**e).clone().into();
    undone.status = Set(EnrollmentStatus::NotCompleted.into());
    undone.update(db).await.unwrap();
    let e = picked.next().unwrap();
    let mut scored: enrollments::ActiveModel = (**e).clone().into();
    scored.score = Set(Some(10.0));
    scored.update(db).await.unwrap();
    // A completion certificate revoked.
    let cert = rows
        .certificates
        .iter()
        .find(|c| c.status == CertificateStatus::Valid && c.enrollment_id.is_some())
        .unwrap();
    let mut revoked: certificates::ActiveModel = cert.clone().into();
    revoked.status = Set(CertificateStatus::Revoked.into());
    revoked.update(db).await.unwrap();
    // A placement taken up and a follow-up closed.
    let e = picked.next().unwrap();
    let base = rows.courses[&e.course_id].organisation_id;
    let now = Utc::now();
    placements::ActiveModel {
        trainee_id: Set(e.trainee_id),
        organisation_id: Set(base),
        kind: Set(model::enums::PlacementKind::Internship.into()),
        status: Set(PlacementStatus::Active.into()),
        applied_at: Set(now),
        start_date: Set(Some(today())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let due = rows
        .follow_ups
        .iter()
        .find(|f| f.status == FollowUpStatus::Due && f.due_on <= today())
        .unwrap();
    let mut closed: follow_ups::ActiveModel = due.clone().into();
    closed.status = Set(FollowUpStatus::Unreachable.into());
    closed.update(db).await.unwrap();

    let rows = load(&app).await;
    let after = assert_recounted(&app, &admin.cookie, &rows, &filters, seed).await;
    assert_ne!(before[0], after[0], "the changes move the city's figures");
    // The charts, kept from the first count and brought up to date, too.
    assert_charts_recounted(&app, &admin.cookie, &rows, &filters[0]).await;
    // Brought up to date, not counted again: the same passes, kept since the first count.
    assert_eq!(kept(&app).await, kept_first);

    // Everyone's facts rebuilt at once (as after an upgrade): the kept counts are still right.
    db.execute_unprepared(
        "INSERT INTO kpi_dirty (trainee_id) SELECT id FROM trainees \
         WHERE id NOT IN (SELECT trainee_id FROM kpi_dirty)",
    )
    .await
    .unwrap();
    assert_recounted(&app, &admin.cookie, &rows, &filters, seed).await;
    assert_charts_recounted(&app, &admin.cookie, &rows, &filters[0]).await;
    // So many changes at once drop the kept passes; they were counted again.
    let kept_again = kept(&app).await;
    assert!(
        kept_again
            .iter()
            .all(|(entry, made)| kept_first.get(entry).is_none_or(|m| m < made)),
        "{kept_again:?}"
    );
}

/// The dashboard's kept passes, with the version of the facts each was counted at.
async fn kept(app: &TestApp) -> HashMap<String, i64> {
    let db = &app.services.db;
    db.query_all_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        "SELECT entry, made FROM kpi_cached",
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|r| {
        (
            r.try_get("", "entry").unwrap(),
            r.try_get("", "made").unwrap(),
        )
    })
    .collect()
}

#[tokio::test]
async fn every_figure_equals_a_recount_on_generated_data() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    enrich(&app, admin.id).await;
    let rows = load(&app).await;
    let mut towns: Vec<i32> = rows.trainees.values().map(|t| t.town_id).collect();
    towns.sort();
    towns.dedup();
    let seed: u64 = std::env::var("DASHBOARD_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::thread_rng().r#gen());
    println!("DASHBOARD_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    let mut filters = vec![KpiFilter::year(today().year())];
    filters.extend((0..5).map(|_| random_filter(&mut rng, &rows, &towns)));
    let counted = assert_recounted(&app, &admin.cookie, &rows, &filters, seed).await;
    // The whole city this year has something in every figure the data can produce.
    let city = counted[0].clone();
    println!("{city:?}");
    assert!(city.trained > 100 && city.completed > 10, "{city:?}");
    assert!(
        city.certified > 0 && city.leaders > 0 && city.leader_villages > 0,
        "{city:?}"
    );
    assert!(city.employed.num > 0 && city.business.num > 0, "{city:?}");
    assert!(city.follow_ups.den > 0 && city.pass.den > 0, "{city:?}");

    // Every chart's groups equal a recount with that group as the filter.
    let town_rows = assert_charts_recounted(&app, &admin.cookie, &rows, &filters[0]).await;
    let trained: Vec<i64> = town_rows
        .iter()
        .map(|r| r["trained"].as_i64().unwrap())
        .collect();
    assert!(
        trained.windows(2).all(|w| w[0] >= w[1]),
        "towns sorted: {trained:?}"
    );

    // The people behind a figure are as many as it says, page by page.
    let q = filters[0].query().to_params();
    for figure in [
        Figure::Trained,
        Figure::Employed,
        Figure::Leaders,
        Figure::Working,
    ] {
        let v = app
            .get(
                &format!("/api/v1/dashboard/people?{q}&figure={}", figure.as_str()),
                Some(&admin.cookie),
            )
            .await
            .json();
        let total = v["total"].as_i64().unwrap();
        let expected = match figure {
            Figure::Trained => city.trained,
            Figure::Employed => city.employed.num,
            Figure::Leaders => city.leaders,
            _ => recount(&rows, &filters[0]).1[5],
        };
        assert_eq!(total, expected, "{figure:?}");
        let pages = v["pages"].as_i64().unwrap();
        let mut seen = 0;
        for page in 1..=pages {
            let v = app
                .get(
                    &format!(
                        "/api/v1/dashboard/people?{q}&figure={}&page={page}",
                        figure.as_str()
                    ),
                    Some(&admin.cookie),
                )
                .await
                .json();
            seen += v["rows"].as_array().unwrap().len() as i64;
        }
        assert_eq!(seen, total, "{figure:?} rows over {pages} pages");
    }

    // The page shows the same numbers, each a link to its people.
    let page = app
        .get(&format!("/manage/dashboard?{q}"), Some(&admin.cookie))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("培训人数"));
    assert!(page.body.contains(&format!(">{}<", city.trained)));
    assert!(page.body.contains("figure=employed"));
    let people = app
        .get(
            &format!("/manage/dashboard/people?{q}&figure=leaders"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(people.status, 200);
    assert!(people.body.contains(&format!("{} 名学员", city.leaders)));
    // The whole report exports with its filters on top and the same numbers; audited.
    let csv = app
        .get(&format!("/manage/dashboard.csv?{q}"), Some(&admin.cookie))
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    let text = csv.body.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "培训就业数据看板");
    assert!(
        lines[1].starts_with(&format!("期间,{} 全年", today().year())),
        "{}",
        lines[1]
    );
    assert!(text.contains("乡镇（街道）,全部"), "{text}");
    assert!(text.contains("导出时间,"));
    assert!(
        text.contains(&format!("\r\n培训人数,{},", city.trained)),
        "{text}"
    );
    assert!(text.contains(&format!(
        "\r\n结业率,{},{} / {}",
        city.completion.shown(),
        city.completion.num,
        city.completion.den
    )));
    let xlsx = app
        .get(
            &format!("/api/v1/dashboard/export?{q}&format=xlsx"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.bytes.starts_with(b"PK"), "an .xlsx is a zip");
    assert_eq!(app.audited("dashboard.exported").await, 2);
    let bad = app
        .get("/api/v1/dashboard/export?format=pdf", Some(&admin.cookie))
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(app.audited("dashboard.exported").await, 2);
}

async fn town_of_someone(app: &TestApp) -> (i32, i32) {
    let t = trainees::Entity::find()
        .all(&app.services.db)
        .await
        .unwrap();
    let mut count: HashMap<i32, i32> = HashMap::new();
    for t in &t {
        *count.entry(t.town_id).or_default() += 1;
    }
    let mut by: Vec<(i32, i32)> = count.into_iter().collect();
    by.sort_by_key(|(town, n)| (-n, *town));
    (by[0].0, by[1].0)
}

#[tokio::test]
async fn a_town_viewer_sees_only_their_town() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let viewer = app.user(Role::BureauViewer).await;
    let (town, other) = town_of_someone(&app).await;

    // Only viewers can be limited; the admin sets it on the users page, audited.
    let staff_user = app.user(Role::Trainee).await;
    let refused = app
        .post_form(
            &format!("/admin/users/{}/town", staff_user.id),
            &[("town", &town.to_string())],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        refused.location().contains("error="),
        "{}",
        refused.location()
    );
    let res = app
        .post_form(
            &format!("/admin/users/{}/town", viewer.id),
            &[("town", &town.to_string())],
            Some(&viewer.cookie),
        )
        .await;
    assert_ne!(res.location(), "/admin/users?notice=NoticeTownChanged");
    let res = app
        .post_form(
            &format!("/admin/users/{}/town", viewer.id),
            &[("town", &town.to_string())],
            Some(&admin.cookie),
        )
        .await;
    assert!(res.location().contains("notice="), "{}", res.location());
    assert_eq!(app.audited("user.town_changed").await, 1);
    // The users page offers the choice for viewers, with their town chosen.
    let users = app.get("/admin/users", Some(&admin.cookie)).await;
    assert!(
        users
            .body
            .contains(&format!("action=\"/admin/users/{}/town\"", viewer.id)),
        "a town form for the viewer"
    );
    assert!(
        !users
            .body
            .contains(&format!("action=\"/admin/users/{}/town\"", admin.id)),
        "none for an admin"
    );

    // The dashboard is their town's, equal to the admin's view of that town.
    let mine = app.get("/api/v1/dashboard", Some(&viewer.cookie)).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    let mine = mine.json();
    assert_eq!(mine["filter"]["town"], json!(town));
    assert_eq!(mine["locked_town"], json!(town));
    let admins = app
        .get(
            &format!("/api/v1/dashboard?town={town}"),
            Some(&admin.cookie),
        )
        .await
        .json();
    assert_eq!(mine["kpis"], admins["kpis"]);
    let city = app
        .get("/api/v1/dashboard", Some(&admin.cookie))
        .await
        .json();
    assert!(
        city["kpis"]["trained"].as_i64() > mine["kpis"]["trained"].as_i64(),
        "the city has more people than one town"
    );
    // Another town through the URL or the API: 403.
    let res = app
        .get(
            &format!("/api/v1/dashboard?town={other}"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .get(
            &format!("/manage/dashboard?town={other}"),
            Some(&viewer.cookie),
        )
        .await;
    assert!(
        !res.body.contains("培训人数"),
        "no figures for another town"
    );
    let res = app
        .get(
            &format!("/api/v1/dashboard/people?town={other}&figure=trained"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .get(
            &format!("/api/v1/dashboard/export?town={other}"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app.get("/manage/dashboard.csv", Some(&viewer.cookie)).await;
    assert_eq!(res.status, 200);
    let town_name = domain::towns::names(&app.services.db).await.unwrap()[&town].clone();
    assert!(
        res.body.contains(&format!("乡镇（街道）,{town_name}")),
        "{}",
        res.body
    );

    // The people behind a figure all live in the town; another town's person is not found.
    let v = app
        .get(
            "/api/v1/dashboard/people?figure=signed_up",
            Some(&viewer.cookie),
        )
        .await
        .json();
    let ids: Vec<i64> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["trainee_id"].as_i64().unwrap())
        .collect();
    assert!(!ids.is_empty());
    let homes: Vec<i32> = trainees::Entity::find()
        .filter(trainees::Column::Id.is_in(ids.iter().map(|&i| i as i32)))
        .all(&app.services.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.town_id)
        .collect();
    assert!(homes.iter().all(|&h| h == town), "{homes:?}");
    let stranger = trainees::Entity::find()
        .filter(trainees::Column::TownId.eq(other))
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    let res = app
        .get(
            &format!("/api/v1/people/{}", stranger.id),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(res.status, 404, "{}", res.body);
    let res = app
        .get(
            &format!("/api/v1/people/{}", stranger.id),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 200);

    // Rosters and placements: only their town's people; a course's attendance and the bases'
    // KPIs stay closed (they list or count every town's people).
    roster_and_placements_of_a_town(&app, &admin, &viewer, town).await;

    // Follow-ups are their town's; another town's is refused; bases are closed.
    let res = app
        .get(
            &format!("/api/v1/follow-ups?town_id={other}"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(res.status, 403, "{}", res.body);
    let res = app
        .get("/api/v1/follow-ups?show=all", Some(&viewer.cookie))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
}

/// The ids and towns of the rows of a roster or placements answer.
fn ids_and_towns(v: &Value, id: &str) -> Vec<(i64, String)> {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[id].as_i64().unwrap(),
                r["town"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn roster_and_placements_of_a_town(
    app: &TestApp,
    admin: &server::testing::TestUser,
    viewer: &server::testing::TestUser,
    town: i32,
) {
    let db = &app.services.db;
    let town_name = domain::towns::names(db).await.unwrap()[&town].clone();
    let people: HashMap<i32, i32> = trainees::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.town_id))
        .collect();
    // A course with people of the town and of others, small enough for one page.
    let mut by_course: HashMap<i32, (usize, usize)> = HashMap::new();
    for e in enrollments::Entity::find().all(db).await.unwrap() {
        let n = by_course.entry(e.course_id).or_default();
        if people[&e.trainee_id] == town {
            n.0 += 1;
        } else {
            n.1 += 1;
        }
    }
    let (&course, _) = by_course
        .iter()
        .filter(|(_, (mine, others))| *mine > 0 && *others > 0 && mine + others <= 50)
        .min_by_key(|(id, _)| **id)
        .expect("a course with people of several towns");
    let url = format!("/api/v1/courses/{course}/roster?status=all");
    let all = ids_and_towns(
        &app.get(&url, Some(&admin.cookie)).await.json(),
        "enrollment_id",
    );
    let res = app.get(&url, Some(&viewer.cookie)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.json()["town_only"], json!(town_name));
    let mine = ids_and_towns(&res.json(), "enrollment_id");
    let expected: Vec<(i64, String)> = all
        .iter()
        .filter(|(_, t)| *t == town_name)
        .cloned()
        .collect();
    assert_eq!(
        mine, expected,
        "the admin's roster, their town's lines only"
    );
    assert!(!mine.is_empty() && mine.len() < all.len());
    let csv = app
        .get(
            &format!("/api/v1/courses/{course}/roster/export?format=csv&status=all"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.body.lines().count(), 1 + mine.len(), "{}", csv.body);
    let page = app
        .get(
            &format!("/manage/courses/{course}/roster"),
            Some(&viewer.cookie),
        )
        .await;
    assert!(
        page.body.contains(&format!("您的账号限于{town_name}")),
        "{}",
        page.body
    );
    assert!(
        !page
            .body
            .contains(&format!("/manage/courses/{course}/attendance")),
        "no link to the attendance it may not see"
    );
    for closed in [
        format!("/api/v1/courses/{course}/attendance"),
        "/api/v1/bases/kpis".to_string(),
    ] {
        assert_eq!(
            app.get(&closed, Some(&viewer.cookie)).await.status,
            403,
            "{closed}"
        );
        assert_eq!(
            app.get(&closed, Some(&admin.cookie)).await.status,
            200,
            "{closed}"
        );
    }

    // Placements: the admin's list, their town's people only.
    let all = ids_and_towns(
        &app.get("/api/v1/placements", Some(&admin.cookie))
            .await
            .json(),
        "id",
    );
    let res = app.get("/api/v1/placements", Some(&viewer.cookie)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mine = ids_and_towns(&res.json(), "id");
    let expected: Vec<(i64, String)> = all
        .iter()
        .filter(|(_, t)| *t == town_name)
        .cloned()
        .collect();
    assert_eq!(mine, expected);
    assert!(all.len() > mine.len(), "other towns' placements exist");
    let placed = placements::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| people[&p.trainee_id] != town)
        .find_map(|p| p.place_id)
        .expect("someone of another town applied for a place");
    let place = app
        .get(
            &format!("/api/v1/places/{placed}/applications"),
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(place.status, 200, "{}", place.body);
    assert!(
        ids_and_towns(&place.json(), "id")
            .iter()
            .all(|(_, t)| *t == town_name),
        "{}",
        place.body
    );
}

#[tokio::test]
async fn targets_are_set_replaced_and_removed_with_progress_shown() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let viewer = app.user(Role::BureauViewer).await;
    let year = today().year();
    let db = &app.services.db;
    let targets = || async {
        domain::entities::targets::Entity::find()
            .count(db)
            .await
            .unwrap()
    };
    // The demo data has this year's targets already.
    let seeded = targets().await;
    assert!(seeded > 0);

    // Bad input: refused by field, nothing saved.
    let res = app
        .post_form(
            "/manage/targets",
            &[
                ("year", &year.to_string()),
                ("scope", "town"),
                ("scope_value", ""),
                ("kpi", "trained"),
                ("value", "0"),
            ],
            Some(&admin.cookie),
        )
        .await;
    let to = res.location().to_string();
    assert!(to.contains("scope_value") && to.contains("value"), "{to}");
    let res = app
        .post_form(
            "/manage/targets",
            &[
                ("year", &year.to_string()),
                ("scope", "town"),
                ("scope_value", "99999"),
                ("kpi", "trained"),
                ("value", "100"),
            ],
            Some(&admin.cookie),
        )
        .await;
    assert!(res.location().contains("scope_value"), "{}", res.location());
    let res = app
        .post_form(
            "/manage/targets",
            &[
                ("year", "2019"),
                ("scope", "city"),
                ("kpi", "trained"),
                ("value", "100"),
            ],
            Some(&admin.cookie),
        )
        .await;
    assert!(res.location().contains("year"), "{}", res.location());
    assert_eq!(targets().await, seeded);
    assert_eq!(app.audited("target.set").await, 0);

    // A viewer may not set one.
    let res = app
        .post_form(
            "/manage/targets",
            &[
                ("year", &year.to_string()),
                ("scope", "city"),
                ("kpi", "shops"),
                ("value", "100"),
            ],
            Some(&viewer.cookie),
        )
        .await;
    assert!(!res.location().contains("notice="), "{}", res.location());
    assert_eq!(targets().await, seeded);

    // Set, then replace: one row, two audit entries; progress is the figure over the target.
    for value in ["2000", "400"] {
        let res = app
            .post_form(
                "/manage/targets",
                &[
                    ("year", &year.to_string()),
                    ("scope", "city"),
                    ("scope_value", "ignored"),
                    ("kpi", "shops"),
                    ("value", value),
                ],
                Some(&admin.cookie),
            )
            .await;
        assert!(res.location().contains("notice="), "{}", res.location());
    }
    assert_eq!(targets().await, seeded + 1);
    assert_eq!(app.audited("target.set").await, 2);
    let row_of = |d: &Value, kpi: &str| {
        d["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["kpi"] == json!(kpi))
            .cloned()
            .unwrap_or_else(|| panic!("a {kpi} target in {d}"))
    };
    let d = app
        .get("/api/v1/dashboard", Some(&viewer.cookie))
        .await
        .json();
    let shops = d["kpis"]["shops"].as_i64().unwrap();
    let row = row_of(&d, "shops");
    assert_eq!(row["target"], json!(400));
    assert_eq!(row["actual"], json!(shops));
    assert_eq!(row["progress"], json!({"num": shops, "den": 400}));
    assert_eq!(row_of(&d, "trained")["actual"], d["kpis"]["trained"]);
    // A quarter's dashboard still shows progress against the whole year.
    let q = app
        .get("/api/v1/dashboard?period=q1", Some(&viewer.cookie))
        .await
        .json();
    assert_eq!(row_of(&q, "shops")["actual"], json!(shops));
    // Mixed filters have no target scope.
    let mixed = app
        .get(
            "/api/v1/dashboard?programme=rural&industry=farm_produce",
            Some(&admin.cookie),
        )
        .await
        .json();
    assert_eq!(mixed["targets"], json!([]));

    // Through the API: a programme target; bad values are 422 by field.
    let res = app
        .post_json(
            "/api/v1/targets",
            json!({"year": year, "scope": "programme", "scope_value": "cooking", "kpi": "hosts", "value": 5}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.json()["error"]["fields"][0]["field"],
        json!("scope_value")
    );
    let res = app
        .post_json(
            "/api/v1/targets",
            json!({"year": year, "scope": "programme", "scope_value": "livestream", "kpi": "trained", "value": 5}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let id = res.json()["id"].as_i64().unwrap();
    let list = app
        .get(
            &format!("/api/v1/targets?year={year}"),
            Some(&viewer.cookie),
        )
        .await
        .json();
    assert_eq!(list["rows"].as_array().unwrap().len() as u64, seeded + 2);
    let page = app
        .get(&format!("/manage/targets?year={year}"), Some(&admin.cookie))
        .await;
    assert!(page.body.contains("直播带货主播") && page.body.contains("target-form"));

    // Removing: audited; a viewer cannot.
    let res = app
        .send(
            TestApp::request(
                axum::http::Method::DELETE,
                &format!("/api/v1/targets/{id}"),
                Some(&viewer.cookie),
            )
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .post_form(
            &format!("/manage/targets/{id}/delete"),
            &[("year", &year.to_string())],
            Some(&admin.cookie),
        )
        .await;
    assert!(res.location().contains("notice="), "{}", res.location());
    assert_eq!(targets().await, seeded + 1);
    assert_eq!(app.audited("target.deleted").await, 1);
}

#[tokio::test]
async fn bad_filters_are_refused_by_field_and_strangers_kept_out() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    let res = app
        .get(
            "/api/v1/dashboard?year=1999&period=q7&town=x&programme=cooking&industry=coal&provider=0",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 422);
    let fields: Vec<String> = res.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        fields,
        [
            "year",
            "period",
            "town",
            "provider",
            "programme",
            "industry"
        ]
    );
    let res = app
        .get("/api/v1/dashboard?town=99999", Some(&admin.cookie))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.json()["error"]["fields"][0]["field"], json!("town"));
    let res = app
        .get("/api/v1/dashboard?provider=99999", Some(&admin.cookie))
        .await;
    assert_eq!(res.status, 422);
    let next = today().month() % 12 + 1;
    if next > today().month() {
        let res = app
            .get(
                &format!("/api/v1/dashboard?period=m{next}"),
                Some(&admin.cookie),
            )
            .await;
        assert_eq!(res.status, 422);
        assert!(
            res.json()["error"]["fields"][0]["message"]
                .as_str()
                .is_some()
        );
    }
    let res = app
        .get(
            "/api/v1/dashboard/people?figure=everyone",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 422);
    // The page shows the message rather than figures, and no database text.
    let page = app
        .get("/manage/dashboard?programme=cooking", Some(&admin.cookie))
        .await;
    assert!(!page.body.contains("培训人数"));
    assert!(!page.body.to_lowercase().contains("sql"));

    for role in [Role::Trainee, Role::PartnerStaff] {
        let user = app.user(role).await;
        let res = app.get("/api/v1/dashboard", Some(&user.cookie)).await;
        assert_eq!(res.status, 403, "{role:?}");
    }
    let res = app.get("/api/v1/dashboard", None).await;
    assert_eq!(res.status, 401);
    let res = app.get("/api/v1/targets", None).await;
    assert_eq!(res.status, 401);
}
