//! The bureau's oversight lists over real HTTP: the audit log (search by who, action, record
//! and dates, paging, export, refusals) and the training-subsidy claim list (every count equal
//! to a recount over every row, corrections and revocations taken into account, providers
//! limited to their own courses, exports with whole ID numbers only for admins, audited).

use chrono::{Datelike, Duration, NaiveDate, Utc};
use domain::entities::{audit_log, certificates, courses, enrollments, outcomes, trainees, users};
use domain::follow_ups::due_on;
use domain::identity::decrypt_id_number;
use domain::local_time::{local_date, today};
use model::Role;
use model::enums::{
    CertificateStatus, CourseStatus, EnrollmentStatus, Funding, OutcomeKind, OutcomeSource,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use server::testing::TestApp;
use std::collections::{BTreeMap, HashMap, HashSet};

// ---- audit log ------------------------------------------------------------------------------

async fn all_entries(app: &TestApp) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .all(&app.services.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_audit_log_is_searched_by_who_what_which_record_and_when() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let viewer = app.user(Role::BureauViewer).await;
    let other_admin = app.user(Role::BureauAdmin).await;
    // A few known events by two people: a role change and a target.
    let target = domain::targets::set(
        &app.services.db,
        &app.actor(&admin).await,
        model::dashboard::TargetInput {
            year: Some(today().year()),
            scope: Some(model::enums::TargetScope::City),
            scope_value: String::new(),
            kpi: Some(model::dashboard::TargetKpi::Trained),
            value: Some(123),
        },
    )
    .await
    .unwrap();
    let trainee = app.user(Role::Trainee).await;
    let res = app
        .post_form(
            &format!("/admin/users/{}/role", trainee.id),
            &[("role", "bureau_viewer")],
            Some(&other_admin.cookie),
        )
        .await;
    assert!(res.location().contains("notice="), "{}", res.location());

    let entries = all_entries(&app).await;
    let search = |q: String| {
        let cookie = admin.cookie.clone();
        let app = &app;
        async move {
            let res = app.get(&format!("/api/v1/audit?{q}"), Some(&cookie)).await;
            assert_eq!(res.status, 200, "{q}: {}", res.body);
            res.json()
        }
    };

    // Everything, newest first, 50 a page; the pages together hold every entry once.
    let first = search(String::new()).await;
    assert_eq!(first["total"], entries.len() as u64);
    assert_eq!(
        first["rows"].as_array().unwrap().len(),
        50.min(entries.len())
    );
    let pages = (entries.len() as u64).div_ceil(50);
    let mut seen = HashSet::new();
    let mut last_id = i64::MAX;
    for page in 1..=pages {
        let p = search(format!("page={page}")).await;
        for r in p["rows"].as_array().unwrap() {
            let id = r["id"].as_i64().unwrap();
            assert!(id < last_id, "newest first");
            last_id = id;
            assert!(seen.insert(id));
        }
    }
    assert_eq!(seen.len(), entries.len());

    // By action: exactly the rows with it, named and with their record.
    let p = search("action=target.set".into()).await;
    let want = entries.iter().filter(|e| e.action == "target.set").count();
    assert_eq!(p["total"], want as u64);
    assert!(want >= 1);
    let mine = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entity_id"].as_str() == Some(target.to_string().as_str()))
        .expect("the target just set");
    assert_eq!(mine["actor_id"], admin.id);
    assert_eq!(mine["actor_phone"], admin.phone.as_str());
    assert_eq!(mine["actor_role"], "bureau_admin");

    // By who: a phone number finds only that person's entries; a name part too.
    let p = search(format!("actor={}", other_admin.phone)).await;
    let want = entries
        .iter()
        .filter(|e| e.actor_user_id == Some(other_admin.id))
        .count();
    assert!(want >= 1);
    assert_eq!(p["total"], want as u64);
    assert_eq!(p["rows"][0]["action"], "user.role_changed");
    // "system": the entries no person made (the demo data's own).
    let p = search("actor=system".into()).await;
    let want = entries.iter().filter(|e| e.actor_user_id.is_none()).count();
    assert_eq!(p["total"], want as u64);

    // By record: the type and number.
    let p = search(format!("entity=user&record={}", trainee.id)).await;
    let want = entries
        .iter()
        .filter(|e| e.entity == "user" && e.entity_id.as_deref() == Some(&trainee.id.to_string()))
        .count();
    assert_eq!(p["total"], want as u64);
    assert!(
        p["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["action"] == "user.role_changed")
    );
    // A course's entries link to its page.
    let p = search("entity=course".into()).await;
    if let Some(r) = p["rows"].as_array().unwrap().first() {
        assert_eq!(
            r["link"],
            format!("/manage/courses/{}", r["entity_id"].as_str().unwrap())
        );
    }

    // By dates (local days): today holds what was just done; a range that ended yesterday
    // holds only older entries.
    let now = today();
    let p = search(format!("from={now}&to={now}")).await;
    let today_count = entries.iter().filter(|e| local_date(e.at) == now).count();
    assert_eq!(p["total"], today_count as u64);
    let yesterday = now - Duration::days(1);
    let p = search(format!("from=2020-01-01&to={yesterday}")).await;
    let older = entries
        .iter()
        .filter(|e| local_date(e.at) <= yesterday)
        .count();
    assert_eq!(p["total"], older as u64);
    assert_eq!(today_count + older, entries.len());

    // The page: the search in the form, the entries by name, the export links.
    let page = app
        .get(
            "/manage/audit?action=user.role_changed",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("变更角色"), "the action's name");
    assert!(page.body.contains(&other_admin.phone));
    assert!(
        page.body
            .contains("/manage/audit.xlsx?action=user.role_changed")
    );

    // Export: the search on top, every matching entry, itself logged.
    let csv = app
        .get("/manage/audit.csv?action=target.set", Some(&admin.cookie))
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.body.contains("操作日志"));
    assert!(csv.body.contains("设定年度目标"));
    let lines = csv
        .body
        .lines()
        .filter(|l| l.contains("(target.set)"))
        .count();
    assert_eq!(
        lines,
        entries.iter().filter(|e| e.action == "target.set").count()
    );
    assert_eq!(app.audited("audit_log.exported").await, 1);
    let xlsx = app
        .get(
            "/api/v1/audit/export?format=xlsx&actor=system",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.bytes.starts_with(b"PK"), "an xlsx file");
    assert_eq!(app.audited("audit_log.exported").await, 2);

    // Only bureau admins: a viewer and a trainee are refused; no login is 401.
    let learner = app.user(Role::Trainee).await;
    for cookie in [&viewer.cookie, &learner.cookie] {
        assert_eq!(app.get("/api/v1/audit", Some(cookie)).await.status, 403);
        assert_eq!(
            app.get("/api/v1/audit/export", Some(cookie)).await.status,
            403
        );
    }
    assert_eq!(app.get("/api/v1/audit", None).await.status, 401);
    let page = app.get("/manage/audit", Some(&viewer.cookie)).await;
    assert!(!page.body.contains("audit-found"));
    assert_eq!(app.audited("audit_log.exported").await, 2);
}

#[tokio::test]
async fn a_mistaken_audit_search_is_refused_by_field() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    let long = "x".repeat(65);
    let res = app
        .get(
            &format!(
                "/api/v1/audit?actor={long}&action=user.deleted&entity=password&from=2019-01-01&to=not-a-date"
            ),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    let fields: Vec<String> = res.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["actor", "action", "entity", "from", "to"]);
    // A range that ends before it begins, and a day after today.
    let tomorrow = today() + Duration::days(1);
    let res = app
        .get(
            "/api/v1/audit?from=2026-05-02&to=2026-05-01",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 422);
    let res = app
        .get(&format!("/api/v1/audit?to={tomorrow}"), Some(&admin.cookie))
        .await;
    assert_eq!(res.status, 422);
    // The page shows each problem next to its field and no entries.
    let page = app
        .get(
            "/manage/audit?from=2019-01-01&action=nope",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"id="from-error""#), "{}", page.body);
    assert!(page.body.contains(r#"id="action-error""#));
    assert!(page.body.contains("请输入2020年至今天之间的日期"));
    assert!(!page.body.contains("audit-found"));
    // The export refuses the same search and writes nothing.
    let res = app
        .get("/api/v1/audit/export?from=2019-01-01", Some(&admin.cookie))
        .await;
    assert_eq!(res.status, 422);
    let res = app
        .get("/api/v1/audit/export?format=pdf", Some(&admin.cookie))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(app.audited("audit_log.exported").await, 0);
}

#[tokio::test]
async fn an_export_of_more_than_a_hundred_thousand_entries_is_sent_whole_as_it_is_written() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    let db = &app.services.db;
    let at = Utc::now() - Duration::days(3);
    let batch: Vec<audit_log::ActiveModel> = (0..1000)
        .map(|i| audit_log::ActiveModel {
            at: Set(at),
            actor_user_id: Set(None),
            actor_ip: Set(None),
            action: Set("attendance.recorded".into()),
            entity: Set("attendance".into()),
            entity_id: Set(Some(i.to_string())),
            detail: Set(None),
            ..Default::default()
        })
        .collect();
    for _ in 0..101 {
        audit_log::Entity::insert_many(batch.clone())
            .exec(db)
            .await
            .unwrap();
    }
    let res = app
        .get(
            "/api/v1/audit/export?format=csv&action=attendance.recorded",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    // Written while it is sent: no length known in advance.
    assert!(
        !res.headers.contains_key("content-length"),
        "{:?}",
        res.headers
    );
    assert!(res.body.contains("共 101000 条"), "{}", &res.body[..600]);
    // Every entry, once each, and the file ends with a whole line.
    let entries: Vec<&str> = res
        .body
        .split("\r\n")
        .filter(|l| l.contains("(attendance.recorded)"))
        .collect();
    assert_eq!(entries.len(), 101_000);
    let ids: HashSet<&str> = entries
        .iter()
        .map(|l| l.split(',').nth(5).unwrap())
        .collect();
    assert_eq!(ids.len(), 1000);
    assert!(res.body.ends_with("\r\n"));
    assert_eq!(app.audited("audit_log.exported").await, 1);
    // The page's export, as .xlsx, of a narrower search: a whole workbook.
    let res = app
        .get(
            "/manage/audit.xlsx?action=audit_log.exported",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.location());
    let sheet = domain::sheets::read(&res.bytes).unwrap();
    let exported: Vec<_> = sheet
        .rows
        .iter()
        .filter(|(_, cells)| {
            cells
                .iter()
                .any(|c| c.text().contains("(audit_log.exported)"))
        })
        .collect();
    // The first export is in it; this one's own entry is not.
    assert_eq!(exported.len(), 1);
    assert_eq!(app.audited("audit_log.exported").await, 2);
}

// ---- subsidy claims -------------------------------------------------------------------------

/// Per course: (seats, completed, qualifying, full, pending), and the qualifying people with
/// their flag — counted here from every row.
struct Recount {
    courses: BTreeMap<i32, [u32; 5]>,
    people: HashMap<i32, Vec<(i32, &'static str)>>,
}

async fn recount(app: &TestApp, year: i32, funding: Option<Funding>) -> Recount {
    let db = &app.services.db;
    let now = today();
    let courses: Vec<courses::Model> = courses::Entity::find().all(db).await.unwrap();
    let enrollments = enrollments::Entity::find().all(db).await.unwrap();
    let certificates = certificates::Entity::find().all(db).await.unwrap();
    let outcomes = outcomes::Entity::find().all(db).await.unwrap();
    let superseded: HashSet<i32> = outcomes.iter().filter_map(|o| o.supersedes_id).collect();
    let counts = [
        OutcomeKind::Employed,
        OutcomeKind::SelfEmployed,
        OutcomeKind::LivestreamHost,
        OutcomeKind::BusinessStarted,
        OutcomeKind::OnlineStore,
    ];
    let mut out = Recount {
        courses: BTreeMap::new(),
        people: HashMap::new(),
    };
    // Only courses the bureau approved were held: drafts and rejected ones never are.
    let held = |s: CourseStatus| {
        !matches!(
            s,
            CourseStatus::Draft | CourseStatus::Submitted | CourseStatus::Rejected
        )
    };
    for c in courses.iter().filter(|c| {
        held(*c.status)
            && funding.is_none_or(|f| c.funding == f)
            && c.ends_on.year() == year
            && c.ends_on <= now
    }) {
        let mut row = [0u32; 5];
        let mut people = Vec::new();
        for e in enrollments.iter().filter(|e| e.course_id == c.id) {
            if matches!(
                *e.status,
                EnrollmentStatus::Enrolled
                    | EnrollmentStatus::Completed
                    | EnrollmentStatus::NotCompleted
            ) {
                row[0] += 1;
            }
            if e.status != EnrollmentStatus::Completed {
                continue;
            }
            row[1] += 1;
            let certified = certificates
                .iter()
                .any(|k| k.enrollment_id == Some(e.id) && k.status == CertificateStatus::Valid);
            if !certified {
                continue;
            }
            row[2] += 1;
            let done = e.completed_at.map(local_date).unwrap_or(c.ends_on);
            let until = due_on(done, 6);
            let working = outcomes.iter().any(|o| {
                o.trainee_id == e.trainee_id
                    && !superseded.contains(&o.id)
                    && counts.contains(&o.kind)
                    && o.as_of >= done
                    && o.as_of <= until
            });
            let flag = if working {
                row[3] += 1;
                "yes"
            } else if now <= until {
                row[4] += 1;
                "pending"
            } else {
                "no"
            };
            people.push((e.trainee_id, flag));
        }
        people.sort();
        out.courses.insert(c.id, row);
        out.people.insert(c.id, people);
    }
    out
}

fn api_courses(list: &Value) -> BTreeMap<i32, [u32; 5]> {
    list["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let n = |k: &str| c[k].as_u64().unwrap() as u32;
            (
                c["course_id"].as_i64().unwrap() as i32,
                [
                    n("seats"),
                    n("completed"),
                    n("qualifying"),
                    n("full"),
                    n("pending"),
                ],
            )
        })
        .collect()
}

fn api_people(list: &Value) -> Vec<(i32, String)> {
    let mut people: Vec<(i32, String)> = list["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["trainee_id"].as_i64().unwrap() as i32,
                p["full"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    people.sort();
    people
}

/// Every year's list and every course's people equal the recount.
async fn compare_all(app: &TestApp, cookie: &str) -> (u32, u32) {
    let (mut qualifying, mut full) = (0, 0);
    for year in 2020..=today().year() {
        // Subsidised courses alone are a subset.
        let subsidised = recount(app, year, Some(Funding::Subsidised)).await;
        let res = app
            .get(
                &format!("/api/v1/subsidies?year={year}&funding=subsidised"),
                Some(cookie),
            )
            .await;
        assert_eq!(
            api_courses(&res.json()),
            subsidised.courses,
            "year {year}, subsidised"
        );
        let want = recount(app, year, None).await;
        assert!(subsidised.courses.len() <= want.courses.len());
        let res = app
            .get(&format!("/api/v1/subsidies?year={year}"), Some(cookie))
            .await;
        assert_eq!(res.status, 200, "{}", res.body);
        let list = res.json();
        assert_eq!(api_courses(&list), want.courses, "year {year}");
        let sum = |i: usize| want.courses.values().map(|r| r[i]).sum::<u32>();
        assert_eq!(list["qualifying"], sum(2));
        assert_eq!(list["full"], sum(3));
        assert_eq!(list["pending"], sum(4));
        qualifying += sum(2);
        full += sum(3);
        for (course, people) in &want.people {
            let one = app
                .get(
                    &format!("/api/v1/subsidies?year={year}&course={course}"),
                    Some(cookie),
                )
                .await
                .json();
            let want: Vec<(i32, String)> =
                people.iter().map(|(t, f)| (*t, f.to_string())).collect();
            assert_eq!(api_people(&one), want, "course {course}");
        }
    }
    (qualifying, full)
}

#[tokio::test]
async fn the_subsidy_list_equals_a_recount_and_follows_corrections() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let db = &app.services.db;
    let (qualifying, full) = compare_all(&app, &admin.cookie).await;
    assert!(
        qualifying > 0 && full > 0,
        "the demo data has claims ({qualifying}, {full})"
    );

    // Find a claim of each kind through the API.
    let mut claims: Vec<(i32, i32, Value)> = Vec::new();
    for year in 2020..=today().year() {
        let list = app
            .get(
                &format!("/api/v1/subsidies?year={year}"),
                Some(&admin.cookie),
            )
            .await
            .json();
        for c in list["courses"].as_array().unwrap() {
            let id = c["course_id"].as_i64().unwrap() as i32;
            let one = app
                .get(
                    &format!("/api/v1/subsidies?year={year}&course={id}"),
                    Some(&admin.cookie),
                )
                .await
                .json();
            for p in one["people"].as_array().unwrap() {
                claims.push((year, id, p.clone()));
            }
        }
    }
    let flag_of = |year: i32, course: i32, trainee: i64| {
        let cookie = admin.cookie.clone();
        let app = &app;
        async move {
            let one = app
                .get(
                    &format!("/api/v1/subsidies?year={year}&course={course}"),
                    Some(&cookie),
                )
                .await
                .json();
            one["people"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["trainee_id"] == trainee)
                .map(|p| p["full"].as_str().unwrap().to_string())
        }
    };

    // 1. A job reported within six months of completing turns "no"/"not yet" into "yes".
    let (year, course, p) = claims
        .iter()
        .find(|(_, _, p)| {
            p["full"] != "yes"
                && NaiveDate::parse_from_str(p["completed_on"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap()
                    + Duration::days(10)
                    <= today()
        })
        .cloned()
        .expect("a claim without a job yet");
    let trainee = p["trainee_id"].as_i64().unwrap();
    let done = NaiveDate::parse_from_str(p["completed_on"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let job = outcomes::ActiveModel {
        trainee_id: Set(trainee as i32),
        as_of: Set(done + Duration::days(10)),
        kind: Set(OutcomeKind::OnlineStore.into()),
        jobs_created: Set(0),
        source: Set(OutcomeSource::Verified.into()),
        recorded_by: Set(Some(admin.id)),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    assert_eq!(flag_of(year, course, trainee).await.as_deref(), Some("yes"));

    // 2. Corrected to "not working": it no longer counts.
    outcomes::ActiveModel {
        trainee_id: Set(trainee as i32),
        as_of: Set(done + Duration::days(10)),
        kind: Set(OutcomeKind::NotWorking.into()),
        jobs_created: Set(0),
        source: Set(OutcomeSource::Verified.into()),
        recorded_by: Set(Some(admin.id)),
        recorded_at: Set(Utc::now()),
        supersedes_id: Set(Some(job.id)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    assert_eq!(
        flag_of(year, course, trainee).await,
        Some(p["full"].as_str().unwrap().to_string())
    );

    // 3. Only a job within the six months counts: a claim completed long ago (moved back to
    // 2021) has none; a job a day after its six months changes nothing; one on the last day
    // counts.
    let (year3, course3, p3) = claims
        .iter()
        .find(|(_, c, q)| *c != course && q["trainee_id"] != trainee)
        .cloned()
        .expect("another claim");
    let trainee3 = p3["trainee_id"].as_i64().unwrap();
    let long_ago = NaiveDate::from_ymd_opt(2021, 1, 4).unwrap();
    enrollments::Entity::update_many()
        .col_expr(
            enrollments::Column::CompletedAt,
            Expr::value(domain::local_time::start_of_day(long_ago)),
        )
        .filter(enrollments::Column::CourseId.eq(course3))
        .filter(enrollments::Column::TraineeId.eq(trainee3 as i32))
        .exec(db)
        .await
        .unwrap();
    assert_eq!(
        flag_of(year3, course3, trainee3).await.as_deref(),
        Some("no")
    );
    let last_day = due_on(long_ago, 6);
    assert_eq!(last_day, NaiveDate::from_ymd_opt(2021, 7, 4).unwrap());
    for (as_of, want) in [(last_day + Duration::days(1), "no"), (last_day, "yes")] {
        outcomes::ActiveModel {
            trainee_id: Set(trainee3 as i32),
            as_of: Set(as_of),
            kind: Set(OutcomeKind::Employed.into()),
            jobs_created: Set(0),
            source: Set(OutcomeSource::Verified.into()),
            recorded_by: Set(Some(admin.id)),
            recorded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        assert_eq!(
            flag_of(year3, course3, trainee3).await.as_deref(),
            Some(want),
            "{as_of}"
        );
    }

    // 4. A revoked certificate takes the person off the list.
    let (year, course, p) = claims
        .iter()
        .find(|(_, c, p)| *c != course && *c != course3 && p["full"] == "yes")
        .cloned()
        .expect("a full-amount claim");
    let revoked = p["trainee_id"].as_i64().unwrap();
    certificates::Entity::update_many()
        .col_expr(
            certificates::Column::Status,
            Expr::value(CertificateStatus::Revoked.as_str()),
        )
        .filter(certificates::Column::Number.eq(p["certificate"].as_str().unwrap()))
        .exec(db)
        .await
        .unwrap();
    assert_eq!(flag_of(year, course, revoked).await, None);

    // Still every figure equals the recount.
    compare_all(&app, &admin.cookie).await;
}

#[tokio::test]
async fn providers_see_their_own_claims_and_exports_are_audited() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let db = &app.services.db;
    let admin = app.user(Role::BureauAdmin).await;
    let viewer = app.user(Role::BureauViewer).await;
    let trainee = app.user(Role::Trainee).await;
    // The latest year with claims.
    let mut found = None;
    for year in (2020..=today().year()).rev() {
        let list = app
            .get(
                &format!("/api/v1/subsidies?year={year}"),
                Some(&admin.cookie),
            )
            .await
            .json();
        if list["qualifying"].as_u64().unwrap() > 0 {
            found = Some((year, list));
            break;
        }
    }
    let (year, list) = found.expect("the demo data has claims");
    let courses = list["courses"].as_array().unwrap();
    let first = &courses
        .iter()
        .find(|c| c["qualifying"].as_u64().unwrap() > 0)
        .expect("a course with claims");
    let provider = first["provider_id"].as_i64().unwrap() as i32;
    let other = courses
        .iter()
        .map(|c| c["provider_id"].as_i64().unwrap() as i32)
        .find(|p| *p != provider)
        .expect("two providers");

    // A provider's staff: only their organisation's courses; another provider is 403.
    let staff = app.staff(provider, false).await;
    let own = app
        .get(
            &format!("/api/v1/subsidies?year={year}"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(own.status, 200);
    let own = own.json();
    assert_eq!(own["locked_provider"], true);
    assert!(
        own["courses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["provider_id"] == provider)
    );
    assert_eq!(
        own["courses"].as_array().unwrap().len(),
        courses
            .iter()
            .filter(|c| c["provider_id"] == provider)
            .count()
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/subsidies?year={year}&provider={other}"),
            Some(&staff.cookie)
        )
        .await
        .status,
        403
    );
    let foreign = courses.iter().find(|c| c["provider_id"] == other).unwrap()["course_id"].clone();
    assert_eq!(
        app.get(
            &format!("/api/v1/subsidies?year={year}&course={foreign}"),
            Some(&staff.cookie)
        )
        .await
        .status,
        422,
        "another provider's course is not on their list"
    );

    // Bad filters by field; the wrong people refused.
    for (q, field) in [
        ("year=2019", "year"),
        ("provider=abc", "provider"),
        ("provider=999999", "provider"),
        ("course=999999", "course"),
        ("funding=paid", "funding"),
    ] {
        let res = app
            .get(&format!("/api/v1/subsidies?{q}"), Some(&admin.cookie))
            .await;
        assert_eq!(res.status, 422, "{q}");
        assert_eq!(res.json()["error"]["fields"][0]["field"], field, "{q}");
    }
    assert_eq!(
        app.get("/api/v1/subsidies", Some(&viewer.cookie))
            .await
            .status,
        200
    );
    assert_eq!(
        app.get("/api/v1/subsidies", Some(&trainee.cookie))
            .await
            .status,
        403
    );
    assert_eq!(app.get("/api/v1/subsidies", None).await.status, 401);
    let town_viewer = app.user(Role::BureauViewer).await;
    users::Entity::update_many()
        .col_expr(users::Column::TownId, Expr::value(1))
        .filter(users::Column::Id.eq(town_viewer.id))
        .exec(db)
        .await
        .unwrap();
    assert_eq!(
        app.get("/api/v1/subsidies", Some(&town_viewer.cookie))
            .await
            .status,
        403,
        "claims are per provider, not per town"
    );

    // The admin's export: one row per qualifying trainee with the whole ID number; audited.
    let course = first["course_id"].as_i64().unwrap();
    let people = app
        .get(
            &format!("/api/v1/subsidies?year={year}&course={course}"),
            Some(&admin.cookie),
        )
        .await
        .json();
    let person = &people["people"][0];
    let row = trainees::Entity::find_by_id(person["trainee_id"].as_i64().unwrap() as i32)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let whole = decrypt_id_number(&app.services.keys, &row.id_number_cipher).unwrap();
    let csv = app
        .get(
            &format!("/manage/subsidies.csv?year={year}&course={course}"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.body.contains("培训补贴申领清单"));
    assert!(
        csv.body.contains(&whole),
        "the admin's export has whole ID numbers"
    );
    let rows = csv
        .body
        .lines()
        .filter(|l| l.contains(first["title"].as_str().unwrap()))
        .count();
    // The header block names the course once; then one line per person.
    assert_eq!(rows, people["people"].as_array().unwrap().len() + 1);
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("subsidies.exported"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert!(
        audit[0]
            .detail
            .as_deref()
            .unwrap()
            .contains(r#""full_id_numbers":true"#)
    );

    // The provider's export: masked ID numbers, only their own rows.
    let xlsx = app
        .get(
            &format!("/api/v1/subsidies/export?year={year}"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.bytes.starts_with(b"PK"));
    let csv = app
        .get(
            &format!("/api/v1/subsidies/export?format=csv&year={year}&course={course}"),
            Some(&staff.cookie),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(!csv.body.contains(&whole));
    assert!(csv.body.contains(&row.id_number_masked));
    assert_eq!(app.audited("subsidies.exported").await, 3);
    // Refused exports write nothing.
    assert_eq!(
        app.get(
            &format!("/api/v1/subsidies/export?provider={other}"),
            Some(&staff.cookie)
        )
        .await
        .status,
        403
    );
    assert_eq!(app.audited("subsidies.exported").await, 3);

    // The page: courses with their counts, a course's people, the export buttons.
    let page = app
        .get(
            &format!("/manage/subsidies?year={year}"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"id="subsidy-courses""#));
    assert!(page.body.contains(first["title"].as_str().unwrap()));
    let page = app
        .get(
            &format!("/manage/subsidies?year={year}&course={course}"),
            Some(&staff.cookie),
        )
        .await;
    assert!(page.body.contains(r#"id="subsidy-people""#));
    assert!(page.body.contains(person["name"].as_str().unwrap()));
    assert!(!page.body.contains(&whole));
}

// ---- the people behind a dashboard figure, exported ---------------------------------------

#[tokio::test]
async fn everyone_behind_a_figure_exports_with_its_filters_on_top() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let trainee = app.user(Role::Trainee).await;
    let kpis = app
        .get("/api/v1/dashboard", Some(&admin.cookie))
        .await
        .json()["kpis"]
        .clone();
    for (figure, count) in [
        ("trained", kpis["trained"].as_u64().unwrap()),
        ("certified", kpis["certified"].as_u64().unwrap()),
    ] {
        assert!(count > 50, "more than one page of {figure}");
        let csv = app
            .get(
                &format!("/manage/dashboard/people.csv?figure={figure}"),
                Some(&admin.cookie),
            )
            .await;
        assert_eq!(csv.status, 200, "{}", csv.body);
        // Written while it is sent: no length known in advance.
        assert!(!csv.headers.contains_key("content-length"));
        // The header block, a blank line, the column names, then one line per person.
        let lines: Vec<&str> = csv.body.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.starts_with("姓名,"))
            .expect("the column names");
        assert_eq!((lines.len() - header - 1) as u64, count, "{figure}");
        assert!(csv.body.contains(&format!("{count} 名学员")));
    }
    assert_eq!(app.audited("dashboard.people_exported").await, 2);
    // The same through the API, as .xlsx; the page offers both.
    let xlsx = app
        .get(
            "/api/v1/dashboard/people/export?figure=employed&format=xlsx",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(xlsx.status, 200);
    // A whole workbook: the header block, the column names, then one row per person.
    let sheet = domain::sheets::read(&xlsx.bytes).unwrap();
    let names = sheet
        .rows
        .iter()
        .position(|(_, cells)| cells.first().map(|c| c.text()).as_deref() == Some("姓名"))
        .expect("the column names");
    let employed = kpis["employed"]["num"].as_u64().unwrap();
    assert!(employed > 0);
    assert_eq!((sheet.rows.len() - names - 1) as u64, employed);
    assert!(
        sheet.header[0].contains("就业"),
        "the figure on top: {:?}",
        sheet.header
    );
    let page = app
        .get(
            "/manage/dashboard/people?figure=trained",
            Some(&admin.cookie),
        )
        .await;
    // The page's export link carries the page's filters and the figure.
    let link = page
        .body
        .split("/manage/dashboard/people.xlsx?")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an .xlsx link on the people page");
    assert!(link.contains("figure=trained"), "{link}");
    // The KPI report carries the charts' tables too (by month, town, programme, industry).
    let report = app.get("/manage/dashboard.csv", Some(&admin.cookie)).await;
    for title in ["按开班月份", "按乡镇（街道）", "按培训项目", "按产业"] {
        assert!(report.body.contains(title), "{title}: {}", report.body);
    }
    // Refused: an unknown figure (422), a trainee (403), nobody (401); nothing written.
    let res = app
        .get(
            "/api/v1/dashboard/people/export?figure=nope",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        app.get(
            "/api/v1/dashboard/people/export?figure=trained",
            Some(&trainee.cookie)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        app.get("/api/v1/dashboard/people/export?figure=trained", None)
            .await
            .status,
        401
    );
    assert_eq!(app.audited("dashboard.people_exported").await, 3);
}

#[tokio::test]
async fn the_printable_report_names_its_filters_and_keeps_to_a_town_viewers_town() {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    let admin = app.user(Role::BureauAdmin).await;
    let viewer = app.user(Role::BureauViewer).await;
    let towns = domain::catalogue::town_options(&app.services.db)
        .await
        .unwrap();
    let (town, other) = (&towns[0], &towns[1]);
    let page = app
        .get(
            &format!("/manage/dashboard/print?town={}&period=q1", town.id),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("禹州市电子商务人才培训就业情况报告"));
    assert!(page.body.contains(r#"class="data report-filters""#));
    assert!(page.body.contains(&town.name_zh), "the town by name");
    assert!(page.body.contains("第1季度"));
    // The dashboard links to it with the same filters.
    let dash = app
        .get(
            &format!("/manage/dashboard?town={}", town.id),
            Some(&admin.cookie),
        )
        .await;
    let link = dash
        .body
        .split("/manage/dashboard/print?")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the printable report");
    assert!(link.contains(&format!("town={}", town.id)), "{link}");
    // A town viewer: their town only.
    users::Entity::update_many()
        .col_expr(users::Column::TownId, Expr::value(town.id))
        .filter(users::Column::Id.eq(viewer.id))
        .exec(&app.services.db)
        .await
        .unwrap();
    let own = app
        .get("/manage/dashboard/print", Some(&viewer.cookie))
        .await;
    assert!(own.body.contains(&town.name_zh));
    let refused = app
        .get(
            &format!("/manage/dashboard/print?town={}", other.id),
            Some(&viewer.cookie),
        )
        .await;
    assert!(refused.body.contains("您没有权限进行此操作"));
    assert!(
        !refused.body.contains("report-filters"),
        "no figures for another town"
    );
}

/// A draft, withdrawn or rejected course was never held: whatever its dates, it is on no claim
/// list, while an approved course of the same dates is.
#[tokio::test]
async fn courses_never_held_are_on_no_claim_list() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::new().await;
    let db = &app.services.db;
    let admin = app.user(Role::BureauAdmin).await;
    let held = app.open_course(10, -2).await;
    let rejected = app.open_course(10, -2).await;
    let draft = app.open_course(10, -2).await;
    for (id, status) in [(held, "finished"), (rejected, "rejected"), (draft, "draft")] {
        db.execute_unprepared(&format!(
            "UPDATE courses SET status = '{status}' WHERE id = {id}"
        ))
        .await
        .unwrap();
    }
    let year = (today() - Duration::days(2)).year();
    let list = app
        .get(
            &format!("/api/v1/subsidies?year={year}"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    let shown = api_courses(&list.json());
    assert!(shown.contains_key(&held));
    assert!(!shown.contains_key(&rejected) && !shown.contains_key(&draft));
}
