//! The benchmark's reference: a bare axum handler that answers every request with the same
//! bytes (a page saved from the real server), so `make bench` can put Yucai's throughput next
//! to the most the stack could do on this machine.
//!
//!     cargo run --release -p yucai-bare -- PAGE.html 127.0.0.1:3932

use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(addr)) = (args.next(), args.next()) else {
        eprintln!("usage: bare_static PAGE.html ADDR");
        std::process::exit(2);
    };
    let page = Bytes::from(std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    }));
    let app = axum::Router::new().fallback(move || {
        let page = page.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response() }
    });
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .unwrap_or_else(|e| {
            eprintln!("cannot listen on {addr}: {e}");
            std::process::exit(2);
        });
    axum::serve(listener, app).await.expect("serve");
}
