use clap::Parser;
use server::cli::{self, Cli, Command, Failure};
use server::config::Config;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
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
