//! The `evac-intake` binary as an operator meets it: `check`, and refusing to start with a
//! clear one-line message and the documented exit code.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_evac-intake");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the binary in an empty folder with only the given variables.
fn run(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("DIALOGUE_FILE", format!("{ROOT}/dialogues/intake.toml"))
        .env("LOCALES_DIR", format!("{ROOT}/locales"));
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_accepts_the_shipped_survey_and_texts() {
    let o = run(&["check"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("ok: 21 questions, 15 triage rules"));
}

#[test]
fn check_reports_each_problem_with_file_and_key_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("intake.toml");
    let source = std::fs::read_to_string(format!("{ROOT}/dialogues/intake.toml"))
        .unwrap()
        .replace(
            "choices = [\"dog\", \"cat\", \"other\"]",
            "choices = [\"dog\", \"cat\", \"parrot\"]",
        )
        .replace("min = 1\nmax = 50", "min = 60\nmax = 50");
    std::fs::write(&broken, source).unwrap();
    let path = broken.display().to_string();
    let o = run(&["check"], &[("DIALOGUE_FILE", &path)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{path}: questions[6] (people): min 60 is greater than max 50"
        )),
        "{out}"
    );
    assert!(out.contains("quick value 1 is outside 60..50"), "{out}");
    assert!(stderr(&o).contains("7 problem(s)"), "{}", stderr(&o));

    // Valid survey, but a choice without texts: reported per language.
    let source = std::fs::read_to_string(format!("{ROOT}/dialogues/intake.toml"))
        .unwrap()
        .replace(
            "choices = [\"dog\", \"cat\", \"other\"]",
            "choices = [\"dog\", \"cat\", \"parrot\"]",
        );
    std::fs::write(&broken, source).unwrap();
    let o = run(&["check"], &[("DIALOGUE_FILE", &path)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for lang in ["uk", "ru", "en"] {
        assert!(
            out.contains(&format!(
                "locales/{lang}: q-pet_kinds-parrot: the survey needs this message"
            )),
            "{out}"
        );
    }
}

#[test]
fn the_bot_refuses_to_start_on_an_invalid_survey() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("intake.toml");
    std::fs::write(
        &broken,
        "[[questions]]\nid = \"safety\"\nkind = \"single\"\n",
    )
    .unwrap();
    let o = run(
        &[],
        &[
            (
                "TELOXIDE_TOKEN",
                "1234567890:QWERTYUIOPASDFGHJKLZXCVBNMQWERTYUIO",
            ),
            ("DIALOGUE_FILE", &broken.display().to_string()),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("refusing to start"), "{}", stderr(&o));
}

#[test]
fn a_missing_token_is_one_line_naming_the_variable_and_exit_2() {
    let o = run(&[], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("TELOXIDE_TOKEN: is not set"), "{err}");
}

#[test]
fn a_malformed_variable_is_one_line_naming_it_and_exit_2() {
    for (var, value) in [
        ("SUPERVISOR_IDS", "12,abc"),
        ("VOLUNTEER_CHAT_ID", "volunteers"),
        ("RETENTION_DAYS", "-1"),
        ("DEFAULT_LANGUAGE", "pl"),
        ("DATABASE_URL", "mysql://localhost/db"),
    ] {
        let o = run(&["check"], &[(var, value)]);
        assert_eq!(o.status.code(), Some(2), "{var}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("{var}: ")), "{err}");
        assert!(!err.contains("panicked"));
    }
    let o = run(&[], &[("TELOXIDE_TOKEN", "nonsense")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("TELOXIDE_TOKEN: does not look like a bot token"));
}

#[test]
fn an_unknown_subcommand_is_refused_with_usage() {
    let o = run(&["frobnicate"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("usage: evac-intake"));
}

/// A Bot API that answers getMe with something that is not JSON (a wrong TELOXIDE_API_URL,
/// a captive portal): the bot says so on one line and exits with code 1; it does not panic.
#[test]
fn a_malformed_get_me_answer_is_a_clear_error_not_a_panic() {
    use std::io::{Read, Write};
    let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", server.local_addr().unwrap());
    let answering = std::thread::spawn(move || {
        // Every request (getMe, and anything else the bot tries) gets an HTML page.
        server.set_nonblocking(false).unwrap();
        for stream in server.incoming().take(4) {
            let Ok(mut stream) = stream else { break };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let body = "<html>not the Bot API</html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("bot.db").display());
    let o = run(
        &[],
        &[
            (
                "TELOXIDE_TOKEN",
                "123456:TESTtokenABCdefGHIjklMNOpqrSTUvwxYZ01234",
            ),
            ("TELOXIDE_API_URL", &url),
            ("DATABASE_URL", &db),
        ],
    );
    drop(answering);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{}{err}", stdout(&o));
    assert!(err.contains("getMe"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !err.contains("TESTtokenABC"),
        "the token is not printed: {err}"
    );
}
