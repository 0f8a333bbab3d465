//! `evac-intake simulate`: the real bot against the emulator, chatting through stdin/stdout.
//! A short session is piped in; the transcript must show the consent screen with numbered
//! buttons, the first question after pressing 1, the safety gate, and the supervisor's view.

use std::{
    io::Write,
    path::Path,
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

const BIN: &str = env!("CARGO_BIN_EXE_evac-intake");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `evac-intake simulate ARGS` with `input` on stdin (in `dir`); kills it after a minute.
fn simulate(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .arg("simulate")
        .args(args)
        .env_clear()
        .env("DIALOGUE_FILE", format!("{ROOT}/dialogues/intake.toml"))
        .env("LOCALES_DIR", format!("{ROOT}/locales"))
        .env("TMPDIR", dir)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "simulate did not finish:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_piped_session_shows_consent_a_question_the_gate_and_the_supervisor_view() {
    let dir = tempfile::tempdir().unwrap();
    let out = simulate(dir.path(), &["--lang", "en"], "/start\n1\n1\n:s\n:r\n:q\n");
    let text = stdout(&out);
    assert!(out.status.success(), "exit {:?}\n{text}", out.status);
    let expect = [
        "Do you agree?",
        "[1] ✅ I agree, continue",
        "[2] No, thanks",
        "Are you safe right now?",
        "[1] 🚨 In danger right now",
        "#1 is registered as URGENT",
        "the supervisor got",
        "CRITICAL #1",
    ];
    let mut from = 0;
    for e in expect {
        match text[from..].find(e) {
            Some(at) => from += at + e.len(),
            None => panic!("{e:?} missing (in this order) from the transcript:\n{text}"),
        }
    }
    // The temporary database is gone.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn with_db_the_database_is_kept_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("try.db");
    let db_arg = db.to_str().unwrap();
    let out = simulate(
        dir.path(),
        &["--db", db_arg, "--lang", "en"],
        "/start\n1\n1\n",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(db.exists(), "--db keeps {db_arg}");
    assert!(text.contains(&format!("1 case(s) in {db_arg}")), "{text}");
    // Again with the same database: the person is welcomed back to their survey.
    let out = simulate(dir.path(), &["--db", db_arg, "--lang", "en"], "/start\n");
    let text = stdout(&out);
    assert!(text.contains("Welcome back"), "{text}");
    assert!(text.contains("Which region are you in?"), "{text}");
}

#[test]
fn typed_text_and_a_number_that_is_no_button_are_sent_as_text() {
    let dir = tempfile::tempdir().unwrap();
    // Consent, "Safe for now", a region, a typed place, then 12 people (buttons go up to 6).
    let out = simulate(
        dir.path(),
        &["--lang", "en"],
        "/start\n1\n3\n1\nIzium, Myru 5\n12\n",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Where exactly are you?"), "{text}");
    assert!(text.contains("(shares a location)"), "{text}");
    assert!(text.contains("How many people"), "{text}");
    assert!(text.contains("Are there children"), "{text}");
}

#[test]
fn bad_arguments_exit_with_the_usage() {
    let dir = tempfile::tempdir().unwrap();
    let out = simulate(dir.path(), &["--lang", "de"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("usage: evac-intake simulate"), "{err}");
}
