//! `make bench-certs`: how fast certificates are issued and rendered, and how large a PDF is.
//!
//! On a fresh SQLite file (WAL, as in production):
//! 1. issuing: one `certificates::issue_for_course` over a course with `BENCH_CERTS` (default
//!    1,000) completed enrolments — numbers, codes, Ed25519 signatures, rows and audit rows in
//!    batches — then a check that each enrolment has exactly one certificate, the numbers are
//!    unique and every signature holds with the public key alone. Reference: signing the same
//!    payloads alone.
//! 2. rendering: every issued certificate to PDF on one thread (per core), then on all cores;
//!    file sizes. Reference: a one-line PDF in the same font.

use domain::certificates;
use domain::entities::{certificates as certs, courses};
use ed25519_dalek::Signer;
use model::Role;
use model::enums::EnrollmentStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::testing::TestApp;
use std::time::Instant;

fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    server::testing::outside_tests();
    let n = env("BENCH_CERTS", 1_000);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!("{n} completed enrolments on one course, SQLite file (WAL), {cores} cores");

    let app = TestApp::new_shared().await;
    let db = &app.services.db;
    let course = app.open_course(n as i32 + 10, -1).await;
    courses::Entity::update_many()
        .col_expr(
            courses::Column::Title,
            Expr::value("农村电商直播带货实战（基准测试）"),
        )
        .filter(courses::Column::Id.eq(course))
        .exec(db)
        .await
        .expect("title");
    let users = app.bulk_trainees(n).await;
    app.bulk_enrolments(course, &users, EnrollmentStatus::Completed)
        .await;
    let admin = app.user(Role::BureauAdmin).await;
    let admin = app.actor(&admin).await;

    // 1. Issuing.
    let start = Instant::now();
    let result = certificates::issue_for_course(&app.services, &admin, course)
        .await
        .expect("issue");
    let issue_secs = start.elapsed().as_secs_f64();
    let issued = certs::Entity::find()
        .filter(certs::Column::CourseId.eq(course))
        .all(db)
        .await
        .expect("certificates");
    let public_key = certificates::issuer(&app.services).public_key;
    let mut numbers: Vec<&str> = issued.iter().map(|c| c.number.as_str()).collect();
    numbers.sort();
    numbers.dedup();
    let mut enrolments: Vec<Option<i32>> = issued.iter().map(|c| c.enrollment_id).collect();
    enrolments.sort();
    enrolments.dedup();
    let signatures_hold = issued
        .iter()
        .all(|c| certificates::signature_holds(&public_key, &c.payload, &c.signature));
    let correct = result.issued == n
        && issued.len() == n as usize
        && numbers.len() == n as usize
        && enrolments.len() == n as usize
        && signatures_hold;
    let key = certificates::signing_key(&app.services.keys);
    let start = Instant::now();
    for c in &issued {
        std::hint::black_box(key.sign(c.payload.as_bytes()));
    }
    let sign_rate = n as f64 / start.elapsed().as_secs_f64();
    let issue_rate = n as f64 / issue_secs;
    println!(
        "issue {n} in one batch       {issue_rate:>8.0} /s  ({issue_secs:.2} s)  {}",
        if correct {
            "correct (one each, numbers unique, signatures hold)"
        } else {
            "WRONG"
        }
    );
    println!("  reference: Ed25519 signing alone {sign_rate:>8.0} /s");

    // 2. Rendering.
    let svc = app.services.clone();
    svc.certificates.fonts().expect("fonts");
    let first = certificates::render(&svc, &issued[0]).expect("render");
    let start = Instant::now();
    let mut sizes: Vec<usize> = issued
        .iter()
        .map(|c| certificates::render(&svc, c).expect("render").len())
        .collect();
    let one_core = n as f64 / start.elapsed().as_secs_f64();
    sizes.sort_unstable();
    let list = std::sync::Arc::new(issued);
    let start = Instant::now();
    let mut handles = Vec::new();
    for t in 0..cores {
        let (svc, list) = (svc.clone(), list.clone());
        handles.push(std::thread::spawn(move || {
            for c in list.iter().skip(t).step_by(cores) {
                std::hint::black_box(certificates::render(&svc, c).expect("render"));
            }
        }));
    }
    for h in handles {
        h.join().expect("thread");
    }
    let all_cores = n as f64 / start.elapsed().as_secs_f64();
    let minimal = {
        use printpdf::{Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem};
        let face = printpdf::ParsedFont::from_bytes(
            &std::fs::read(domain::pdf::DEFAULT_FONT).expect("font"),
            0,
            &mut Vec::new(),
        )
        .expect("font");
        let start = Instant::now();
        for _ in 0..n {
            let mut doc = PdfDocument::new("x");
            let id = doc.add_font(&face);
            let ops = vec![
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    size: Pt(20.0),
                },
                Op::ShowText {
                    items: vec![TextItem::Text("结业证书".into())],
                },
                Op::EndTextSection,
            ];
            let page = PdfPage::new(Mm(297.0), Mm(210.0), ops);
            std::hint::black_box(
                doc.with_pages(vec![page])
                    .save(&PdfSaveOptions::default(), &mut Vec::new()),
            );
        }
        n as f64 / start.elapsed().as_secs_f64()
    };
    println!("render PDF, one core          {one_core:>8.0} /s");
    println!("render PDF, {cores} cores          {all_cores:>8.0} /s");
    println!("  reference: one-line PDF in the same font, one core {minimal:>8.0} /s");
    println!(
        "PDF size: min {:.1} KB, median {:.1} KB, max {:.1} KB (first: {:.1} KB)",
        sizes[0] as f64 / 1024.0,
        sizes[sizes.len() / 2] as f64 / 1024.0,
        sizes[sizes.len() - 1] as f64 / 1024.0,
        first.len() as f64 / 1024.0
    );
}
