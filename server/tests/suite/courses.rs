//! Course management: drafting a course with sessions, the lifecycle by role, the limits on
//! changing an approved course, and bad input that changes nothing.

use chrono::{Duration, NaiveDate};
use domain::entities::{audit_log, course_sessions, courses};
use domain::{Actor, DomainError};
use model::Role;
use model::courses::CourseInput;
use model::enums::{
    CourseLevel, CourseMode, CourseStatus, OrganisationKind, OrganisationStatus, Programme,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use server::testing::{TestApp, TestUser};

fn day(offset: i64) -> NaiveDate {
    domain::local_time::today() + Duration::days(offset)
}

fn course_form(title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.into()),
        (
            "description",
            "第一段<script>alert(1)</script>\n\n- 开店\n- 拍摄".into(),
        ),
        ("programme", "livestream".into()),
        ("industries", "jun_porcelain".into()),
        ("industries", "farm_produce".into()),
        ("level", "entry".into()),
        ("mode", "onsite".into()),
        ("town_id", "5".into()),
        ("venue", "神垕镇示例教室".into()),
        ("capacity", "30".into()),
        ("total_hours", "8".into()),
        ("starts_on", day(20).to_string()),
        ("ends_on", day(21).to_string()),
        ("enrol_closes_on", day(18).to_string()),
        ("funding", "free".into()),
    ]
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

struct Setup {
    app: TestApp,
    org: i32,
    staff: TestUser,
    admin: TestUser,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let org = app
        .organisation(OrganisationKind::College, OrganisationStatus::Approved)
        .await;
    let staff = app.staff(org, false).await;
    let admin = app.user(Role::BureauAdmin).await;
    Setup {
        app,
        org,
        staff,
        admin,
    }
}

async fn create(s: &Setup, title: &str) -> i32 {
    let res = s
        .app
        .post_form(
            "/manage/courses",
            &pairs(&course_form(title)),
            Some(&s.staff.cookie),
        )
        .await;
    assert_eq!(res.status, 303);
    let loc = res.location().to_string();
    assert!(loc.contains("notice=NoticeCourseCreated"), "{loc}");
    loc.trim_start_matches("/manage/courses/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn add_session(s: &Setup, id: i32, date: NaiveDate, hours: &str) -> String {
    add_session_as(s, &s.staff, id, date, hours).await
}

async fn add_session_as(
    s: &Setup,
    who: &TestUser,
    id: i32,
    date: NaiveDate,
    hours: &str,
) -> String {
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{id}/sessions"),
            &[
                ("date", &date.to_string()),
                ("start_time", "09:00"),
                ("end_time", "12:00"),
                ("topic", "直播间搭建"),
                ("hours", hours),
                ("place", "一号直播间"),
            ],
            Some(&who.cookie),
        )
        .await;
    res.location().to_string()
}

async fn act(s: &Setup, who: &TestUser, id: i32, action: &str, reason: &str) -> String {
    s.app
        .post_form(
            &format!("/manage/courses/{id}/action"),
            &[("action", action), ("reason", reason)],
            Some(&who.cookie),
        )
        .await
        .location()
        .to_string()
}

async fn status(s: &Setup, id: i32) -> CourseStatus {
    *courses::Entity::find_by_id(id)
        .one(&s.app.services.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn a_course_goes_from_draft_to_the_catalogue_by_the_right_hands() {
    let s = setup().await;
    let id = create(&s, "钧瓷直播带货实战（测试）").await;
    assert_eq!(status(&s, id).await, CourseStatus::Draft);
    let draft = courses::Entity::find_by_id(id)
        .one(&s.app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(draft.industry_tags, "jun_porcelain,farm_produce");
    assert_eq!(draft.organisation_id, s.org);

    // Not in the catalogue yet, and not submittable without sessions.
    assert!(
        !s.app
            .get("/courses", None)
            .await
            .body
            .contains("钧瓷直播带货实战（测试）")
    );
    assert!(
        act(&s, &s.staff, id, "submit", "")
            .await
            .contains("error=ErrNoSessions")
    );

    // Sessions outside the course's dates or beyond its hours are refused.
    assert!(
        add_session(&s, id, day(25), "4")
            .await
            .contains("err_date=ErrSessionOutsideCourse")
    );
    assert!(
        add_session(&s, id, day(20), "4")
            .await
            .contains("notice=NoticeSessionSaved")
    );
    assert!(
        add_session(&s, id, day(21), "5")
            .await
            .contains("err_hours=ErrSessionHoursExceed")
    );
    assert!(
        add_session(&s, id, day(21), "4")
            .await
            .contains("notice=NoticeSessionSaved")
    );

    // The provider submits; the provider cannot approve; the bureau cannot submit.
    assert!(
        act(&s, &s.admin, id, "submit", "")
            .await
            .contains("error=ErrForbidden")
    );
    assert!(
        act(&s, &s.staff, id, "submit", "")
            .await
            .contains("notice=NoticeCourseMoved")
    );
    assert!(
        act(&s, &s.staff, id, "approve", "")
            .await
            .contains("error=ErrForbidden")
    );
    assert_eq!(status(&s, id).await, CourseStatus::Submitted);
    assert!(
        act(&s, &s.admin, id, "approve", "")
            .await
            .contains("notice=NoticeCourseMoved")
    );
    // Approved courses show as "opening soon"; opening enrolment is the provider's or bureau's.
    let catalogue = s
        .app
        .get("/courses?programme=livestream&industry=jun_porcelain", None)
        .await;
    assert!(
        catalogue.body.contains("钧瓷直播带货实战（测试）"),
        "approved is listed"
    );
    assert!(
        act(&s, &s.staff, id, "open", "")
            .await
            .contains("notice=NoticeCourseMoved")
    );
    assert_eq!(status(&s, id).await, CourseStatus::Open);
    let other_filter = s.app.get("/courses?programme=rural", None).await;
    assert!(!other_filter.body.contains("钧瓷直播带货实战（测试）"));

    // The public page renders the description as text: the script is shown, never run.
    let page = s.app.get(&format!("/courses/{id}"), None).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>alert(1)"), "no live script");
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || page.body.contains("&lt;script>alert(1)&lt;/script>")
    );
    assert!(page.body.contains("<li>开店</li>"), "list items");

    // Start, finish (either side), archive (the bureau only).
    assert!(
        act(&s, &s.staff, id, "archive", "")
            .await
            .contains("error=")
    );
    assert!(act(&s, &s.staff, id, "start", "").await.contains("notice="));
    assert!(
        act(&s, &s.admin, id, "finish", "")
            .await
            .contains("notice=")
    );
    assert!(
        act(&s, &s.staff, id, "archive", "")
            .await
            .contains("error=ErrForbidden")
    );
    assert!(
        act(&s, &s.admin, id, "archive", "")
            .await
            .contains("notice=")
    );
    assert_eq!(status(&s, id).await, CourseStatus::Archived);
    let steps = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("course"))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .count(&s.app.services.db)
        .await
        .unwrap();
    assert_eq!(steps, 1 + 2 + 6, "created, two sessions, six steps");
}

#[tokio::test]
async fn a_rejected_course_says_why_and_can_be_fixed_and_resubmitted() {
    let s = setup().await;
    let id = create(&s, "跨境电商入门（测试）").await;
    add_session(&s, id, day(20), "4").await;
    act(&s, &s.staff, id, "submit", "").await;
    assert!(
        act(&s, &s.admin, id, "reject", "")
            .await
            .contains("err_reason=ErrReasonRequired")
    );
    assert_eq!(status(&s, id).await, CourseStatus::Submitted);
    assert!(
        act(&s, &s.admin, id, "reject", "课时安排不足")
            .await
            .contains("notice=")
    );
    let row = courses::Entity::find_by_id(id)
        .one(&s.app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (*row.status, row.status_reason.as_deref()),
        (CourseStatus::Rejected, Some("课时安排不足"))
    );
    let page = s
        .app
        .get(&format!("/manage/courses/{id}"), Some(&s.staff.cookie))
        .await;
    assert!(
        page.body.contains("课时安排不足"),
        "the provider sees the reason"
    );
    // Rejected courses are editable and go back for approval.
    let mut form = course_form("跨境电商入门（修改后）");
    form.push(("total_hours", "12".into()));
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{id}"),
            &pairs(&form),
            Some(&s.staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("notice=NoticeCourseSaved"),
        "{}",
        res.location()
    );
    assert!(
        act(&s, &s.staff, id, "submit", "")
            .await
            .contains("notice=")
    );
    let row = courses::Entity::find_by_id(id)
        .one(&s.app.services.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (*row.status, row.status_reason, row.total_hours),
        (CourseStatus::Submitted, None, 12.0)
    );
}

#[tokio::test]
async fn bad_course_input_gets_a_message_per_field_and_saves_nothing() {
    let s = setup().await;
    let mut form = course_form("");
    for (k, v) in form.iter_mut() {
        match *k {
            "capacity" => *v = "-3".into(),
            "total_hours" => *v = "abc".into(),
            "ends_on" => *v = day(10).to_string(),
            "enrol_closes_on" => *v = day(22).to_string(),
            _ => {}
        }
    }
    let res = s
        .app
        .post_form("/manage/courses", &pairs(&form), Some(&s.staff.cookie))
        .await;
    let loc = res.location();
    for expected in [
        "err_title=ErrRequired",
        "err_capacity=ErrCapacityRange",
        "err_total_hours=ErrNumber",
        "err_ends_on=ErrEndBeforeStart",
        "err_enrol_closes_on=ErrEnrolCloseAfterStart",
    ] {
        assert!(loc.contains(expected), "{expected} in {loc}");
    }
    assert!(loc.starts_with("/manage/courses/new?"), "{loc}");
    assert_eq!(
        courses::Entity::find()
            .count(&s.app.services.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn an_approved_course_changes_schedule_and_venue_but_not_below_its_enrolment() {
    let s = setup().await;
    let db = &s.app.services.db;
    let id = create(&s, "农村电商提高班（测试）").await;
    add_session(&s, id, day(20), "4").await;
    act(&s, &s.staff, id, "submit", "").await;
    // Submitted courses are locked until withdrawn.
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{id}"),
            &pairs(&course_form("改名")),
            Some(&s.staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("error=ErrCourseLocked"),
        "{}",
        res.location()
    );
    act(&s, &s.admin, id, "approve", "").await;
    act(&s, &s.staff, id, "open", "").await;
    let mut row = courses::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.seats_taken = Set(12);
    row.update(db).await.unwrap();

    let mut form = course_form("偷偷改名");
    for (k, v) in form.iter_mut() {
        match *k {
            "capacity" => *v = "10".into(),
            "venue" => *v = "新教室".into(),
            _ => {}
        }
    }
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{id}"),
            &pairs(&form),
            Some(&s.staff.cookie),
        )
        .await;
    assert!(
        res.location()
            .contains("err_capacity=ErrCapacityBelowEnrolment"),
        "{}",
        res.location()
    );
    let unchanged = courses::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (unchanged.capacity, unchanged.venue.as_deref()),
        (30, Some("神垕镇示例教室"))
    );

    for (k, v) in form.iter_mut() {
        if *k == "capacity" {
            *v = "12".into();
        }
    }
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{id}"),
            &pairs(&form),
            Some(&s.staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("notice=NoticeCourseSaved"),
        "{}",
        res.location()
    );
    let changed = courses::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(changed.capacity, 12);
    assert_eq!(changed.venue.as_deref(), Some("新教室"));
    assert_eq!(
        changed.title, "农村电商提高班（测试）",
        "content is fixed once approved"
    );
    // Sessions can still move.
    assert!(
        add_session(&s, id, day(21), "2")
            .await
            .contains("notice=NoticeSessionSaved")
    );
}

#[tokio::test]
async fn another_partner_or_a_trainee_cannot_touch_a_course() {
    let s = setup().await;
    let db = &s.app.services.db;
    let id = create(&s, "中医药电商（测试）").await;
    let other_org = s
        .app
        .organisation(
            OrganisationKind::TrainingSchool,
            OrganisationStatus::Approved,
        )
        .await;
    let intruder = s.app.staff(other_org, true).await;
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{id}"),
            &pairs(&course_form("被改了")),
            Some(&intruder.cookie),
        )
        .await;
    assert!(
        res.location().contains("error=ErrNotFound"),
        "{}",
        res.location()
    );
    assert!(
        add_session_as(&s, &intruder, id, day(20), "2")
            .await
            .contains("error=ErrNotFound")
    );
    let page = s
        .app
        .get(&format!("/manage/courses/{id}"), Some(&s.staff.cookie))
        .await;
    assert!(page.body.contains("中医药电商（测试）"));

    // A trainee through the API.
    let trainee = s.app.user(Role::Trainee).await;
    let res = s
        .app
        .post_json(
            &format!("/api/v1/courses/{id}/actions"),
            serde_json::json!({ "action": "submit" }),
            Some(&trainee.token),
        )
        .await;
    assert_eq!(res.status, 403, "{}", res.body);
    let row = courses::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.title.as_str(), *row.status),
        ("中医药电商（测试）", CourseStatus::Draft)
    );
    assert_eq!(course_sessions::Entity::find().count(db).await.unwrap(), 0);

    // An enterprise cannot post courses at all.
    let enterprise = s
        .app
        .organisation(OrganisationKind::Enterprise, OrganisationStatus::Approved)
        .await;
    let actor: Actor = s.app.actor(&s.app.staff(enterprise, true).await).await;
    let input = CourseInput {
        title: "企业课程".into(),
        programme: Some(Programme::Rural),
        level: Some(CourseLevel::Entry),
        mode: Some(CourseMode::Online),
        capacity: Some(10),
        total_hours: Some(4.0),
        starts_on: Some(day(5)),
        ends_on: Some(day(5)),
        ..Default::default()
    };
    assert!(matches!(
        domain::courses::create(db, &actor, input).await,
        Err(DomainError::Forbidden)
    ));
}

/// A course starts today or later: a provider's new or reworked course, its sessions and its
/// submission are refused a past start; only a bureau admin opens the record of a course that
/// already took place (补录), for an approved provider, marked so, which the provider then
/// completes and submits.
#[tokio::test]
async fn past_courses_are_refused_unless_the_bureau_records_one_explicitly() {
    let s = setup().await;
    let db = &s.app.services.db;
    let mut past = course_form("往期课程");
    for (k, v) in past.iter_mut() {
        match *k {
            "starts_on" => *v = day(-30).to_string(),
            "ends_on" => *v = day(-29).to_string(),
            "enrol_closes_on" => *v = day(-31).to_string(),
            _ => {}
        }
    }
    let before = courses::Entity::find().count(db).await.unwrap();
    let res = s
        .app
        .post_form("/manage/courses", &pairs(&past), Some(&s.staff.cookie))
        .await;
    assert!(
        res.location().contains("err_starts_on=ErrStartInPast"),
        "{}",
        res.location()
    );
    assert_eq!(courses::Entity::find().count(db).await.unwrap(), before);

    // A draft of the future: no session in the past, and once its start has passed it is
    // neither saved nor submitted as it is.
    let id = create(&s, "将来的课程").await;
    let loc = add_session(&s, id, day(-1), "3").await;
    assert!(loc.contains("err_date=ErrSessionInPast"), "{loc}");
    add_session(&s, id, day(20), "3").await;
    let course = courses::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut active = course.into_active_model();
    active.starts_on = Set(day(-1));
    active.update(db).await.unwrap();
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{id}/action"),
            &[("action", "submit")],
            Some(&s.staff.cookie),
        )
        .await;
    assert!(
        res.location().contains("error=ErrStartPassed"),
        "{}",
        res.location()
    );

    // The bureau records a past course for the provider; the provider adds its sessions
    // (in the past) and submits it; the bureau's review says it was recorded afterwards.
    let admin = s.app.actor(&s.admin).await;
    let context = domain::courses::new_course_context(db, &admin)
        .await
        .unwrap();
    assert!(context.providers.iter().any(|p| p.id == s.org));
    let staff = s.app.actor(&s.staff).await;
    assert!(
        domain::courses::new_course_context(db, &staff)
            .await
            .unwrap()
            .providers
            .is_empty()
    );
    let mut recorded = past.clone();
    recorded.push(("organisation_id", s.org.to_string()));
    let res = s
        .app
        .post_form("/manage/courses", &pairs(&recorded), Some(&s.admin.cookie))
        .await;
    assert!(
        res.location().contains("notice=NoticeCourseCreated"),
        "{}",
        res.location()
    );
    let recorded_id: i32 = res
        .location()
        .trim_start_matches("/manage/courses/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let row = courses::Entity::find_by_id(recorded_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.recorded_afterwards);
    assert_eq!(row.organisation_id, s.org);
    assert_eq!(row.status, CourseStatus::Draft);
    let loc = add_session(&s, recorded_id, day(-30), "8").await;
    assert!(loc.contains("notice="), "{loc}");
    let res = s
        .app
        .post_form(
            &format!("/manage/courses/{recorded_id}/action"),
            &[("action", "submit")],
            Some(&s.staff.cookie),
        )
        .await;
    assert!(res.location().contains("notice="), "{}", res.location());
    let record = domain::courses::record(db, &admin, recorded_id)
        .await
        .unwrap();
    assert!(record.recorded_afterwards && record.start_passed);
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("course.created"))
        .filter(audit_log::Column::EntityId.eq(recorded_id.to_string()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        audit
            .detail
            .unwrap_or_default()
            .contains("recorded_afterwards")
    );

    // Not for an organisation that does not offer courses, nor by anyone else.
    let base = s
        .app
        .organisation(
            OrganisationKind::IncubationBase,
            OrganisationStatus::Approved,
        )
        .await;
    let mut for_base = past.clone();
    for_base.push(("organisation_id", base.to_string()));
    let res = s
        .app
        .post_form("/manage/courses", &pairs(&for_base), Some(&s.admin.cookie))
        .await;
    assert!(
        res.location().contains("err_organisation_id=ErrChoose"),
        "{}",
        res.location()
    );
    let viewer = s.app.user(Role::BureauViewer).await;
    let res = s
        .app
        .post_form("/manage/courses", &pairs(&recorded), Some(&viewer.cookie))
        .await;
    assert!(
        res.location().contains("error=ErrForbidden"),
        "{}",
        res.location()
    );
}
