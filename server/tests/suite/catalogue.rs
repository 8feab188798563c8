//! The public catalogue on the demo data: what the public sees, search in Chinese, filters,
//! pagination, a course page, and harmless rendering of whatever a description holds.

use domain::Actor;
use domain::entities::courses;
use model::catalogue::{CatalogueQuery, Industry};
use model::enums::{CourseStatus, Programme};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use server::testing::TestApp;

async fn seeded() -> TestApp {
    let app = TestApp::new().await;
    domain::seed::demo(&app.services, 1).await.unwrap();
    app
}

async fn course_titled(app: &TestApp, title: &str) -> courses::Model {
    courses::Entity::find()
        .filter(courses::Column::Title.eq(title))
        .one(&app.services.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("demo course {title}"))
}

#[tokio::test]
async fn the_public_sees_approved_open_and_running_courses_only() {
    let app = seeded().await;
    let page = app.get("/courses", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("农村电商入门：开好第一家网店"), "open");
    assert!(page.body.contains("中医药产品电商运营"), "running");
    let later = app
        .get(
            &format!("/courses?q={}", app::ui::encode_component("投流")),
            None,
        )
        .await;
    assert!(
        later.body.contains("直播电商提高班：投流与数据分析"),
        "approved, opening soon"
    );
    let submitted = app
        .get(
            &format!("/courses?q={}", app::ui::encode_component("订单班")),
            None,
        )
        .await;
    assert!(
        !submitted.body.contains("电商客服与售后（订单班）"),
        "submitted, not yet approved"
    );
    let finished = app
        .get(
            &format!("/courses?q={}", app::ui::encode_component("培育班")),
            None,
        )
        .await;
    assert!(!finished.body.contains("农村电商带头人培育班"), "finished");
    for (q, title) in [
        ("实务", "电商客服实务（小吕）"),
        ("方岗", "跨境电商实务（方岗）"),
    ] {
        let hidden = app
            .get(
                &format!("/courses?q={}", app::ui::encode_component(q)),
                None,
            )
            .await;
        assert!(
            !hidden.body.contains(title),
            "drafts and rejected courses are not public"
        );
    }

    let db = &app.services.db;
    let all = domain::catalogue::search(
        db,
        &Actor::anonymous(),
        &CatalogueQuery {
            page: 1,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(
        all.items
            .iter()
            .all(|c| domain::catalogue::PUBLIC_STATUSES.contains(&c.status))
    );
    // What one can enrol in now first, then what opens soon, then the rest; soonest first in
    // each.
    let rank = |c: &model::catalogue::CourseCard| {
        if c.enrolling {
            0
        } else if matches!(c.status, CourseStatus::Approved | CourseStatus::Open) {
            1
        } else {
            2
        }
    };
    assert!(
        all.items
            .windows(2)
            .all(|w| (rank(&w[0]), w[0].starts_on) <= (rank(&w[1]), w[1].starts_on)),
        "enrolling first, soonest first"
    );
    assert!(all.items.first().is_some_and(|c| c.enrolling));
    assert_eq!(all.towns.len(), 26);
}

#[tokio::test]
async fn search_words_and_filters_narrow_the_list() {
    let app = seeded().await;
    let db = &app.services.db;
    let search = |q: CatalogueQuery| {
        let db = db.clone();
        async move {
            domain::catalogue::search(&db, &Actor::anonymous(), &q)
                .await
                .unwrap()
        }
    };
    let live = search(CatalogueQuery {
        q: "直播".into(),
        page: 1,
        ..Default::default()
    })
    .await;
    assert!(!live.items.is_empty());
    assert!(
        live.items
            .iter()
            .all(|c| c.title.contains("直播") || c.programme == Programme::Livestream)
    );
    // Every word must match; LIKE wildcards typed by a visitor match only themselves.
    let both = search(CatalogueQuery {
        q: "钧瓷 直播".into(),
        page: 1,
        ..Default::default()
    })
    .await;
    let mut titles: Vec<&str> = both.items.iter().map(|c| c.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, vec!["钧瓷直播带货实战班", "钧瓷直播话术与合规"]);
    assert_eq!(
        search(CatalogueQuery {
            q: "%".into(),
            page: 1,
            ..Default::default()
        })
        .await
        .total,
        0
    );

    let events = search(CatalogueQuery {
        programme: Some(Programme::LectureSalon),
        page: 1,
        ..Default::default()
    })
    .await;
    assert_eq!(
        events.total, 4,
        "four public lectures and salons in the demo data (one of them today)"
    );
    assert!(events.items.iter().all(|c| c.is_event()));
    let porcelain = search(CatalogueQuery {
        industry: Some(Industry::JunPorcelain),
        page: 1,
        ..Default::default()
    })
    .await;
    assert!(
        porcelain
            .items
            .iter()
            .all(|c| c.industries.contains(&Industry::JunPorcelain))
    );
    let free = search(CatalogueQuery {
        free_places: true,
        page: 1,
        ..Default::default()
    })
    .await;
    assert!(free.items.iter().all(|c| c.places_left > 0));
    assert!(
        free.total
            < search(CatalogueQuery {
                page: 1,
                ..Default::default()
            })
            .await
            .total,
        "running courses are full"
    );

    let shenhou = free
        .towns
        .iter()
        .find(|t| t.name_zh == "神垕镇")
        .unwrap()
        .id;
    let local = search(CatalogueQuery {
        town: Some(shenhou),
        page: 1,
        ..Default::default()
    })
    .await;
    assert!(local.total >= 1);
    assert!(
        local
            .items
            .iter()
            .all(|c| c.town.as_ref().map(|t| t.id) == Some(shenhou))
    );

    let page = app
        .get(
            "/courses?q=%E7%9B%B4%E6%92%AD&programme=livestream&free_places=1",
            None,
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("钧瓷直播带货实战班"));
    assert!(!page.body.contains("农村电商入门"));
}

#[tokio::test]
async fn a_course_page_shows_sessions_and_leads_visitors_to_log_in_and_back() {
    let app = seeded().await;
    let open = course_titled(&app, "钧瓷直播带货实战班").await;
    let page = app.get(&format!("/courses/{}", open.id), None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("第1讲"));
    assert!(page.body.contains("神垕古镇直播电商基地（示例）"));
    assert!(
        page.body
            .contains(&format!("/login?next=%2Fcourses%2F{}", open.id))
    );
    assert!(
        page.body
            .contains(&format!("/signup?next=%2Fcourses%2F{}", open.id))
    );

    let hidden = course_titled(&app, "电商客服与售后（订单班）").await;
    assert_eq!(
        app.get(&format!("/courses/{}", hidden.id), None)
            .await
            .status,
        404
    );
    assert_eq!(app.get("/courses/999999", None).await.status, 404);
    assert_eq!(app.get("/courses/not-a-number", None).await.status, 404);

    // Signing up from the course page comes back to it.
    let res = app
        .post_form(
            "/signup",
            &[
                ("phone", "13912340000"),
                ("password", "long enough"),
                ("password_confirm", "long enough"),
                ("next", &format!("/courses/{}", open.id)),
            ],
            None,
        )
        .await;
    assert_eq!(
        res.location(),
        format!("/courses/{}?notice=NoticeSignedUp", open.id)
    );
}

#[tokio::test]
async fn descriptions_are_rendered_as_text() {
    let app = seeded().await;
    let open = course_titled(&app, "农村电商入门：开好第一家网店").await;
    let mut active: courses::ActiveModel = open.clone().into();
    active.description = Set("<script>alert('x')</script><b>粗体</b>".into());
    active.status = Set(CourseStatus::Open.into());
    active.update(&app.services.db).await.unwrap();
    let page = app.get(&format!("/courses/{}", open.id), None).await;
    assert!(!page.body.contains("<script>alert"), "no live script");
    assert!(page.body.contains("&lt;script&gt;"), "shown as text");
}

#[tokio::test]
async fn the_json_api_serves_the_catalogue_with_the_same_rules() {
    let app = seeded().await;
    let res = app
        .get("/api/v1/courses?programme=livestream&page=1", None)
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let body = res.json();
    let items = body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|c| c["programme"] == "livestream"));
    assert_eq!(body["towns"].as_array().unwrap().len(), 26);

    let open = course_titled(&app, "钧瓷直播带货实战班").await;
    let res = app.get(&format!("/api/v1/courses/{}", open.id), None).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["card"]["title"], "钧瓷直播带货实战班");
    assert!(!res.json()["sessions"].as_array().unwrap().is_empty());

    let hidden = course_titled(&app, "电商客服与售后（订单班）").await;
    for path in [
        format!("/api/v1/courses/{}", hidden.id),
        "/api/v1/courses/abc".to_string(),
    ] {
        let res = app.get(&path, None).await;
        assert_eq!(res.status, 404, "{path}");
        assert_eq!(res.json()["error"]["code"], "not_found");
    }

    let doc = app.get("/api/v1/openapi.json", None).await.json();
    assert!(
        doc["paths"]["/api/v1/courses"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .len()
            >= 5
    );
    assert!(doc["paths"]["/api/v1/courses/{id}"].is_object());
    assert!(doc["components"]["schemas"]["CourseCard"].is_object());
}
