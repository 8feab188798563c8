//! Partner organisations: the online application, the bureau's decisions, partner admins adding
//! staff, and what a suspended or pending partner may do.

use domain::entities::{audit_log, organisations, users};
use domain::{DomainError, partners};
use model::Role;
use model::enums::{OrganisationKind, OrganisationStatus};
use model::i18n::Msg;
use model::partners::{NewStaffInput, PartnerDecision};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::testing::{TestApp, test_credit_code};

fn application(credit_code: &str, phone: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "college".into()),
        ("name", "禹州测试职业学院（示例）".into()),
        ("credit_code", credit_code.into()),
        ("town_id", "1".into()),
        ("address", "禹州市示例路1号".into()),
        ("contact_name", "王老师".into()),
        ("contact_phone", "13700000001".into()),
        ("phone", phone.into()),
        ("display_name", "王老师".into()),
        ("password", "college-pass-1".into()),
        ("password_confirm", "college-pass-1".into()),
    ]
}

fn fields<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn a_partner_applies_online_and_is_signed_in_to_follow_it() {
    let app = TestApp::new().await;
    let code = test_credit_code(4242);
    let res = app
        .post_form(
            "/partners/apply",
            &fields(&application(&code, "13600000001")),
            None,
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let org = organisations::Entity::find()
        .one(&app.services.db)
        .await
        .unwrap()
        .expect("the organisation");
    assert_eq!(org.status, OrganisationStatus::Pending);
    assert_eq!(org.credit_code, code);
    assert!(
        res.location()
            .starts_with(&format!("/manage/partners/{}?notice=", org.id))
    );
    let cookie = res.cookie("yucai_session").expect("signed in");
    let user = users::Entity::find()
        .filter(users::Column::Phone.eq("13600000001"))
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.role, Role::PartnerStaff);
    assert_eq!(user.organisation_id, Some(org.id));
    assert!(user.org_admin, "the applicant is the partner admin");
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("partner.applied"))
        .count(&app.services.db)
        .await
        .unwrap();
    assert_eq!(audit, 1);

    // Their page says the application is waiting.
    let page = app
        .get(&format!("/manage/partners/{}", org.id), Some(&cookie))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("待审核"), "{}", page.body);
}

#[tokio::test]
async fn bad_or_duplicate_credit_codes_are_refused_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let good = test_credit_code(7);
    let mut wrong_check = good.clone();
    let last = wrong_check.pop().unwrap();
    wrong_check.push(if last == '0' { '1' } else { '0' });
    for (code, msg) in [
        ("12345", Msg::ErrCreditCodeFormat),
        (wrong_check.as_str(), Msg::ErrCreditCodeCheck),
    ] {
        let res = app
            .post_form(
                "/partners/apply",
                &fields(&application(code, "13600000002")),
                None,
            )
            .await;
        assert_eq!(res.status, 303);
        assert!(
            res.location()
                .contains(&format!("err_credit_code={}", msg.key())),
            "{code}: {}",
            res.location()
        );
        assert!(
            !res.location().contains("password"),
            "passwords never go back"
        );
        assert!(res.cookie("yucai_session").is_none());
    }
    assert_eq!(
        organisations::Entity::find()
            .count(&app.services.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        users::Entity::find().count(&app.services.db).await.unwrap(),
        0
    );

    // Lower case and spaces are fine; the same code twice is not.
    let spaced = format!(" {} ", good.to_lowercase());
    let first = app
        .post_form(
            "/partners/apply",
            &fields(&application(&spaced, "13600000003")),
            None,
        )
        .await;
    assert!(
        first.location().starts_with("/manage/partners/"),
        "{}",
        first.location()
    );
    let again = app
        .post_form(
            "/partners/apply",
            &fields(&application(&good, "13600000004")),
            None,
        )
        .await;
    assert!(
        again
            .location()
            .contains("err_credit_code=ErrCreditCodeTaken"),
        "{}",
        again.location()
    );
    assert_eq!(
        organisations::Entity::find()
            .count(&app.services.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        users::Entity::find().count(&app.services.db).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn the_bureau_approves_rejects_suspends_and_reinstates() {
    let (app, admin) = TestApp::with_user(Role::BureauAdmin).await;
    let db = &app.services.db;
    let actor = app.actor(&admin).await;
    let a = app
        .organisation(OrganisationKind::College, OrganisationStatus::Pending)
        .await;
    let b = app
        .organisation(OrganisationKind::Enterprise, OrganisationStatus::Pending)
        .await;

    // Rejecting and suspending need a reason.
    let res = app
        .post_form(
            &format!("/manage/partners/{b}/decision"),
            &[("decision", "reject"), ("reason", " ")],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        res.location().contains("err_reason=ErrReasonRequired"),
        "{}",
        res.location()
    );
    let res = app
        .post_form(
            &format!("/manage/partners/{b}/decision"),
            &[("decision", "reject"), ("reason", "营业执照与名称不符")],
            Some(&admin.cookie),
        )
        .await;
    assert!(
        res.location().contains("notice=NoticePartnerDecided"),
        "{}",
        res.location()
    );
    let b_row = organisations::Entity::find_by_id(b)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b_row.status, OrganisationStatus::Rejected);
    assert_eq!(b_row.status_reason.as_deref(), Some("营业执照与名称不符"));

    partners::decide(db, &actor, a, PartnerDecision::Approve, "")
        .await
        .unwrap();
    // A decision from the wrong status is refused (a second approval, or reinstating).
    assert!(matches!(
        partners::decide(db, &actor, a, PartnerDecision::Approve, "").await,
        Err(DomainError::Conflict(Msg::ErrWrongStatus))
    ));
    partners::decide(db, &actor, a, PartnerDecision::Suspend, "投诉核查中")
        .await
        .unwrap();
    let row = organisations::Entity::find_by_id(a)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, OrganisationStatus::Suspended);
    partners::decide(db, &actor, a, PartnerDecision::Reinstate, "")
        .await
        .unwrap();
    let row = organisations::Entity::find_by_id(a)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (*row.status, row.status_reason),
        (OrganisationStatus::Approved, None)
    );
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("organisation"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(audited, 4);

    // Nobody else decides.
    for role in [Role::Trainee, Role::PartnerStaff, Role::BureauViewer] {
        let other = app.user(role).await;
        let res = app
            .post_form(
                &format!("/manage/partners/{a}/decision"),
                &[("decision", "suspend"), ("reason", "x")],
                Some(&other.cookie),
            )
            .await;
        assert!(
            res.location().contains("error=ErrForbidden"),
            "{role:?}: {}",
            res.location()
        );
    }
    let row = organisations::Entity::find_by_id(a)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, OrganisationStatus::Approved);
}

fn new_staff(phone: &str) -> NewStaffInput {
    NewStaffInput {
        phone: phone.into(),
        display_name: "李老师".into(),
        password: "staff-pass-1".into(),
        password_confirm: "staff-pass-1".into(),
        org_admin: false,
    }
}

#[tokio::test]
async fn partner_admins_add_staff_to_their_own_approved_organisation_only() {
    let app = TestApp::new().await;
    let db = &app.services.db;
    let org = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let other = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let admin = app.actor(&app.staff(org, true).await).await;
    let plain = app.actor(&app.staff(org, false).await).await;

    let id = partners::add_staff(&app.services, &admin, org, new_staff("13500000001"))
        .await
        .unwrap();
    let added = users::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (*added.role, added.organisation_id),
        (Role::PartnerStaff, Some(org))
    );
    // The same phone again, a plain staff member, another organisation: refused.
    assert!(matches!(
        partners::add_staff(&app.services, &admin, org, new_staff("13500000001")).await,
        Err(DomainError::Invalid(f)) if f[0].message == Msg::ErrPhoneTaken
    ));
    assert!(matches!(
        partners::add_staff(&app.services, &plain, org, new_staff("13500000002")).await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        partners::add_staff(&app.services, &admin, other, new_staff("13500000003")).await,
        Err(DomainError::NotFound)
    ));
    // Partner staff see their own organisation, and not another's.
    assert!(partners::detail(db, &plain, org).await.is_ok());
    assert!(matches!(
        partners::detail(db, &plain, other).await,
        Err(DomainError::NotFound)
    ));
    let list = partners::list(db, &plain, None, "", 1).await.unwrap();
    assert_eq!(
        list.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![org]
    );
}

#[tokio::test]
async fn a_suspended_partner_can_log_in_and_look_but_change_nothing() {
    let app = TestApp::new().await;
    let org = app
        .organisation(OrganisationKind::College, OrganisationStatus::Suspended)
        .await;
    let staff = app.staff(org, true).await;
    let page = app
        .get(&format!("/manage/partners/{org}"), Some(&staff.cookie))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("已暂停"), "{}", page.body);
    let actor = app.actor(&staff).await;
    assert!(matches!(
        partners::add_staff(&app.services, &actor, org, new_staff("13500000009")).await,
        Err(DomainError::Conflict(Msg::ErrOrgSuspended))
    ));
    let res = app
        .post_form(
            "/manage/courses",
            &[("title", "暂停期间的课程")],
            Some(&staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("error=ErrOrgSuspended"),
        "{}",
        res.location()
    );
    let courses = domain::entities::courses::Entity::find()
        .count(&app.services.db)
        .await
        .unwrap();
    assert_eq!(courses, 0);
}
