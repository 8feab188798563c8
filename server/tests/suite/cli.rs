//! The `yucai` binary as an operator meets it: help, migrate, bad configuration, create-admin
//! from standard input, backup.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn yucai(dir: &std::path::Path, args: &[&str], db: &str, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yucai"))
        .args(args)
        .current_dir(dir)
        .env("DATABASE_URL", db)
        .env("YUCAI_SECRET_KEY_FILE", dir.join("secret.key"))
        .env("YUCAI_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["serve", "migrate", "seed", "create-admin", "backup"] {
        let out = yucai(dir.path(), &[cmd, "--help"], "sqlite::memory:", None);
        assert!(out.status.success(), "{cmd}: {}", text(&out));
        assert!(text(&out).contains("Usage"), "{cmd}");
    }
}

#[test]
fn bad_database_urls_get_a_clear_message_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = yucai(dir.path(), &["migrate"], "mysql://nope", None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("DATABASE_URL"), "{}", text(&out));
    assert!(!text(&out).contains("panicked"));
    // Nothing listens on port 1: unreachable, said plainly, password hidden.
    let out = yucai(
        dir.path(),
        &["migrate"],
        "postgres://user:secret@127.0.0.1:1/yucai",
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("cannot open the database"),
        "{}",
        text(&out)
    );
    assert!(
        !text(&out).contains("secret@"),
        "the password is not printed"
    );
    assert!(!text(&out).contains("panicked"));
}

#[test]
fn migrate_create_admin_and_backup_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = "sqlite://data/yucai.db";
    let out = yucai(dir.path(), &["migrate"], db, None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        dir.path().join("data/yucai.db").exists(),
        "the folder and file are created"
    );
    // Facts waiting to be built (as after the upgrade that brought them) are built by migrate.
    let file = format!("sqlite://{}", dir.path().join("data/yucai.db").display());
    let waiting = |sql: &'static str| {
        let file = file.clone();
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async move {
                use sea_orm::ConnectionTrait;
                let conn = domain::db::connect(&file).await.unwrap();
                conn.execute_unprepared(sql).await.unwrap();
                let row = conn
                    .query_one_raw(sea_orm::Statement::from_string(
                        conn.get_database_backend(),
                        "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM kpi_dirty",
                    ))
                    .await
                    .unwrap()
                    .unwrap();
                let n: i64 = row.try_get("", "n").unwrap();
                conn.close().await.unwrap();
                n
            })
    };
    assert_eq!(
        waiting("INSERT INTO kpi_dirty (trainee_id) VALUES (1), (2)"),
        2
    );
    let out = yucai(dir.path(), &["migrate"], db, None);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(waiting("SELECT 1"), 0, "the facts were built");

    let key = dir.path().join("secret.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    let out = yucai(
        dir.path(),
        &["create-admin", "--phone", "13800000001"],
        db,
        Some("short\n"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("at least 8"), "{}", text(&out));
    let out = yucai(
        dir.path(),
        &["create-admin", "--phone", "13800000001"],
        db,
        Some("a good password\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Created bureau admin"));

    let out = yucai(dir.path(), &["backup", "copy.db"], db, None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("copy.db").metadata().unwrap().len() > 0);
    let out = yucai(dir.path(), &["backup", "copy.db"], db, None);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an existing file is not overwritten"
    );
    let out = yucai(
        dir.path(),
        &["backup", "x.db"],
        "postgres://u@127.0.0.1:1/y",
        None,
    );
    assert!(text(&out).contains("pg_dump"));
}
