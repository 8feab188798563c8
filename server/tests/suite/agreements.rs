//! School–enterprise agreements, and the write side of the JSON API for partners, agreements
//! and courses (same rules as the pages, documented in the OpenAPI document).

use chrono::Duration;
use domain::entities::agreements as rows;
use domain::{DomainError, agreements};
use model::Role;
use model::agreements::AgreementInput;
use model::enums::{AgreementKind, AgreementStatus, OrganisationKind, OrganisationStatus};
use model::i18n::Msg;
use sea_orm::{EntityTrait, PaginatorTrait};
use server::testing::{TestApp, test_credit_code};

fn input(partner: i32, ends_in: i64) -> AgreementInput {
    let today = domain::local_time::today();
    AgreementInput {
        partner_id: Some(partner),
        kind: Some(AgreementKind::InternshipBase),
        starts_on: Some(today - Duration::days(300)),
        ends_on: Some(today + Duration::days(ends_in)),
        places_offered: Some(20),
    }
}

#[tokio::test]
async fn a_college_records_the_other_side_confirms_and_the_bureau_sees_what_expires() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let college = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let enterprise = app
        .organisation(OrganisationKind::Enterprise, OrganisationStatus::Approved)
        .await;
    let base = app
        .organisation(
            OrganisationKind::IncubationBase,
            OrganisationStatus::Approved,
        )
        .await;
    let outsider = app
        .organisation(OrganisationKind::Enterprise, OrganisationStatus::Approved)
        .await;
    let college_staff = app.actor(&app.staff(college, false).await).await;
    let enterprise_staff = app.staff(enterprise, false).await;
    let enterprise_actor = app.actor(&enterprise_staff).await;
    let outsider_actor = app.actor(&app.staff(outsider, false).await).await;

    // Bad input: end before start, an organisation that cannot host, places out of range.
    let mut bad = input(enterprise, 30);
    bad.ends_on = bad.starts_on.map(|d| d - Duration::days(1));
    bad.places_offered = Some(-1);
    assert!(matches!(
        agreements::propose(db, &college_staff, bad).await,
        Err(DomainError::Invalid(f)) if f.len() == 2
    ));
    assert!(matches!(
        agreements::propose(db, &college_staff, input(college, 30)).await,
        Err(DomainError::Invalid(f)) if f[0].message == Msg::ErrAgreementPartner
    ));
    // An enterprise does not record agreements; it confirms them.
    assert!(matches!(
        agreements::propose(db, &enterprise_actor, input(base, 30)).await,
        Err(DomainError::Forbidden)
    ));
    assert_eq!(rows::Entity::find().count(db).await.unwrap(), 0);

    let soon = agreements::propose(db, &college_staff, input(enterprise, 30))
        .await
        .unwrap();
    let later = agreements::propose(db, &college_staff, input(base, 400))
        .await
        .unwrap();
    // The college cannot confirm its own; a stranger does not even see it.
    assert!(matches!(
        agreements::confirm(db, &college_staff, soon).await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        agreements::confirm(db, &outsider_actor, soon).await,
        Err(DomainError::NotFound)
    ));
    // The enterprise confirms through its page.
    let res = app
        .post_form(
            &format!("/manage/agreements/{soon}/confirm"),
            &[],
            Some(&enterprise_staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("notice=NoticeAgreementConfirmed"),
        "{}",
        res.location()
    );
    assert!(matches!(
        agreements::confirm(db, &enterprise_actor, soon).await,
        Err(DomainError::Conflict(Msg::ErrWrongStatus))
    ));

    let admin = app.user(Role::BureauAdmin).await;
    let list = agreements::list(db, &app.actor(&admin).await)
        .await
        .unwrap();
    assert_eq!(list.rows.len(), 2);
    assert_eq!(list.expiring, 1);
    assert_eq!(list.rows[0].id, soon, "those ending soon come first");
    assert!(list.rows[0].expiring_soon && !list.rows[1].expiring_soon);
    let page = app.get("/manage/agreements", Some(&admin.cookie)).await;
    assert!(page.body.contains("即将到期"), "flagged on the page");
    // Each party sees its own.
    let seen = agreements::list(db, &outsider_actor).await.unwrap();
    assert!(seen.rows.is_empty());
    let seen = agreements::list(db, &enterprise_actor).await.unwrap();
    assert_eq!(
        seen.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![soon]
    );

    agreements::cancel(db, &college_staff, later).await.unwrap();
    let row = rows::Entity::find_by_id(later)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, AgreementStatus::Cancelled);
}

#[tokio::test]
async fn the_json_api_runs_the_partner_and_course_flow_with_the_same_rules() {
    let app = TestApp::new().await;
    // Apply; the answer carries a token for the new partner admin.
    let code = test_credit_code(99);
    let applied = app
        .post_json(
            "/api/v1/partners/applications",
            serde_json::json!({
                "kind": "training_school", "name": "禹州API培训学校（示例）", "credit_code": code,
                "town_id": 3, "contact_name": "赵老师", "contact_phone": "13700000009",
                "phone": "13600000099", "display_name": "赵老师",
                "password": "school-pass-1", "password_confirm": "school-pass-1"
            }),
            None,
        )
        .await;
    assert_eq!(applied.status, 201, "{}", applied.body);
    let token = applied.json()["token"].as_str().unwrap().to_string();
    let org = applied.json()["user"]["organisation_id"].as_i64().unwrap();
    let course = serde_json::json!({
        "title": "API 课程", "programme": "rural", "level": "entry", "mode": "online",
        "capacity": 30, "total_hours": 6, "starts_on": (domain::local_time::today() + Duration::days(20)).to_string(),
        "ends_on": (domain::local_time::today() + Duration::days(20)).to_string()
    });
    // Pending partners cannot post courses yet.
    let res = app
        .post_json("/api/v1/courses", course.clone(), Some(&token))
        .await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert_eq!(
        res.json()["error"]["message"],
        "贵机构正在审核中，审核通过后才能进行此操作"
    );

    let admin = app.user(Role::BureauAdmin).await;
    let res = app
        .post_json(
            &format!("/api/v1/organisations/{org}/decisions"),
            serde_json::json!({"decision": "approve"}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(res.status, 204, "{}", res.body);

    let res = app.post_json("/api/v1/courses", course, Some(&token)).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let id = res.json()["id"].as_i64().unwrap();
    let date = (domain::local_time::today() + Duration::days(20)).to_string();
    let res = app
        .post_json(
            &format!("/api/v1/courses/{id}/sessions"),
            serde_json::json!({"date": date, "start_time": "09:00", "end_time": "12:00", "topic": "开店", "hours": 3}),
            Some(&token),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    // Field errors name the field.
    let res = app
        .post_json(
            &format!("/api/v1/courses/{id}/sessions"),
            serde_json::json!({"date": date, "start_time": "09:00", "end_time": "08:00", "topic": "", "hours": 3}),
            Some(&token),
        )
        .await;
    assert_eq!(res.status, 422);
    let fields: Vec<String> = res.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, vec!["end_time", "topic"]);
    // Not JSON of the right shape: a clear 422, no internal text.
    let res = app
        .post_json(
            &format!("/api/v1/courses/{id}/actions"),
            serde_json::json!({"action": "fly"}),
            Some(&token),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(!res.body.contains("unknown variant"), "{}", res.body);

    for (who, action, status) in [
        (&admin.token, "submit", 403),
        (&token, "submit", 204),
        (&token, "approve", 403),
        (&admin.token, "approve", 204),
        (&token, "open", 204),
    ] {
        let res = app
            .post_json(
                &format!("/api/v1/courses/{id}/actions"),
                serde_json::json!({ "action": action }),
                Some(who),
            )
            .await;
        assert_eq!(res.status.as_u16(), status, "{action}: {}", res.body);
    }
    let public = app.get(&format!("/api/v1/courses/{id}"), None).await;
    assert_eq!(public.status, 200);
    assert_eq!(public.json()["card"]["status"], "open");

    // Every new route is in the OpenAPI document.
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    for path in [
        "/api/v1/partners/applications",
        "/api/v1/organisations",
        "/api/v1/organisations/{id}/decisions",
        "/api/v1/organisations/{id}/staff",
        "/api/v1/agreements",
        "/api/v1/agreements/{id}/confirm",
        "/api/v1/managed-courses",
        "/api/v1/courses/{id}/record",
        "/api/v1/courses/{id}/edit",
        "/api/v1/courses/{id}/actions",
        "/api/v1/courses/{id}/sessions",
        "/api/v1/courses/{id}/sessions/{session}",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
}
