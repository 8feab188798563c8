use clap::Parser;
use server::cli::{self, Cli, Command, Failure};
use server::config::Config;
use std::process::ExitCode;

/// Large blocks (argon2's 19 MiB per password check) always come from their own mapping and go
/// back to the system when freed. Left to glibc's sliding threshold they came from per-thread
/// arenas and stayed: 200 clients logging in at once took the server from 69 MB to 660 MB,
/// and it stayed there (`make bench`).
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called once, before other threads.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn main() -> ExitCode {
    return_large_blocks_to_the_system();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime")
        .block_on(run())
}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("yucai: {e}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&config.log).unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => cli::serve(config).await,
        Command::Migrate => match cli::open(&config).await {
            Ok(services) => cli::migrate(&services)
                .await
                .map(|()| println!("Database is up to date.")),
            Err(e) => Err(e),
        },
        Command::Seed { demo, scale } => match cli::open_migrated(&config).await {
            Ok(services) => cli::seed(&services, demo, scale).await,
            Err(e) => Err(e),
        },
        Command::CreateAdmin { phone } => match cli::open_migrated(&config).await {
            Ok(services) => cli::create_admin(&services, &phone).await,
            Err(e) => Err(e),
        },
        Command::SendMessages => match cli::open_migrated(&config).await {
            Ok(services) => cli::send_messages(&services).await,
            Err(e) => Err(e),
        },
        Command::Backup { path } => cli::backup(&config, &path).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message, code)) => {
            eprintln!("yucai: {message}");
            ExitCode::from(code)
        }
    }
}
