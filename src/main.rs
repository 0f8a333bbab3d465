//! `evac-intake`: runs the bot (long polling). `evac-intake check`: validates the survey and
//! the texts, printing each problem with its file and key. `evac-intake simulate`: the bot
//! against a local Bot API emulator, chatting in the terminal.

use std::process::ExitCode;

use evac_intake::{bot, check, config, db::Db, telemetry};

const USAGE: &str = "usage: evac-intake [check | simulate]\n  (no argument)  run the bot\n  check           validate dialogues/ and locales/\n  simulate        try the bot in the terminal, without Telegram (simulate --help)";

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match config::Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match args.first().map(String::as_str) {
        None => run(config),
        Some("check") => match check::load_config(&config) {
            Ok(check::Loaded { survey, .. }) => {
                println!(
                    "ok: {} questions, {} triage rules, resource check times for {} kinds, bridge phrases, code words, partners, texts complete in uk, ru, en",
                    survey.questions.len(),
                    survey.rules.len(),
                    evac_intake::resources::Kind::ALL.len()
                );
                ExitCode::SUCCESS
            }
            Err(problems) => {
                for p in &problems {
                    println!("{p}");
                }
                eprintln!("{} problem(s)", problems.len());
                ExitCode::from(1)
            }
        },
        Some("simulate") => evac_intake::simulate::main(config, &args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command '{other}'\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// glibc gives each thread that allocates its own malloc arena, up to eight per core: here the
/// runtime's workers and each database connection's thread (eight of them), and memory freed
/// in one arena is not reused by another. As many arenas as the runtime has workers is enough
/// (the database threads mostly wait for the disk): in the load benchmark (200 surveys at once,
/// 50 ms from the Bot API) the bot's peak RSS was 55–60 MB in every run instead of 60–65.5 MB,
/// with the same CPU per update. An operator's own `MALLOC_ARENA_MAX` is left to decide.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().max(2));
    let arenas = i32::try_from(workers).unwrap_or(i32::MAX);
    // SAFETY: mallopt only changes a setting of glibc's allocator, and it runs here before
    // the runtime starts any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

fn run(config: config::Config) -> ExitCode {
    if let Err(e) = config::require_token() {
        eprintln!("{e}");
        return ExitCode::from(2);
    }
    let loaded = match check::load_config(&config) {
        Ok(loaded) => loaded,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "the survey or its texts are invalid: refusing to start (run `evac-intake check`)"
            );
            return ExitCode::from(1);
        }
    };
    telemetry::init();
    limit_malloc_arenas();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let db = match Db::connect(&config.database_url).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!("DATABASE_URL: {e}");
                return ExitCode::from(2);
            }
        };
        let telegram = teloxide::Bot::from_env();
        let app = bot::App::new(db, loaded, config, telegram.clone());
        match bot::run(app, telegram).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        }
    })
}
