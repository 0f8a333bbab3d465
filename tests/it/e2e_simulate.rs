//! `evac-intake simulate`: the real bot against the emulator, chatting through stdin/stdout.
//! Short sessions are piped in; the transcript must show the consent screen with numbered
//! buttons, the first question after pressing 1, the safety gate, the supervisor's view, and a
//! case worked from the volunteer's view: queue, claim, relay both ways, done.

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

/// Checks that `expect` occur in `text` in this order.
fn in_order(text: &str, expect: &[&str]) {
    let mut from = 0;
    for e in expect {
        match text[from..].find(e) {
            Some(i) => from += i + e.len(),
            None => panic!("{e:?} missing (in this order) from the transcript:\n{text}"),
        }
    }
}

/// The text from the first `from` to the next `to` after it.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} missing:\n{text}"));
    let len = text[start..]
        .find(to)
        .unwrap_or_else(|| panic!("{to:?} missing after {from:?}:\n{text}"));
    &text[start..start + len]
}

#[test]
fn a_piped_session_shows_consent_a_question_the_gate_and_the_supervisor_view() {
    let dir = tempfile::tempdir().unwrap();
    let out = simulate(
        dir.path(),
        &["--lang", "en"],
        "/start\n1\n1\n2\n1\n:s\n:r\n:q\n",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "exit {:?}\n{text}", out.status);
    in_order(
        &text,
        &[
            "Do you agree?",
            "[1] ✅ I agree, continue",
            "[2] No, thanks",
            "Are you safe right now?",
            "[1] 🚨 In danger right now",
            "We are alerting coordinators (#1)",
            "the supervisor got",
            "CRITICAL #1",
        ],
    );
    // The temporary database is gone.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// A whole survey in English, answered "Safe for now" (so not critical), ending with Submit.
const SURVEY: &str = "/start\n1\n1\n2\n4\n1\nIzium, Myru 5\n2\n3\n4\n1\n10\n4\n8\n1\n1\n1\n1\n";

#[test]
fn the_volunteer_view_claims_a_case_and_relays_both_ways_anonymously() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!(
        "{SURVEY}\
         We have a dog too\n\
         :v\n\
         /queue\n\
         1\n\
         :reply We can take you tomorrow at 9\n\
         :r\n\
         Thank you, we will wait at the station\n\
         :photo\n\
         :v\n\
         /done 1 evacuated\n\
         :r\n\
         :g\n\
         :q\n"
    );
    let out = simulate(dir.path(), &["--lang", "en"], &input);
    let text = stdout(&out);
    assert!(out.status.success(), "exit {:?}\n{text}", out.status);
    in_order(
        &text,
        &[
            "Volunteer: Olena, id 1000002, on shift.",
            // Submitted: the case is offered to the volunteer on shift.
            "Your request #1 is registered",
            "[the volunteer got 1 new message(s): :v to see]",
            // Written before anyone claimed: kept for the volunteer who will.
            "person 100001> We have a dog too",
            "The volunteer who takes it will see it.",
            // The volunteer's chat: added by the supervisor, /start, /online, the offer.
            "── volunteer Olena's chat",
            "You are a volunteer of this bot.",
            "You are on shift.",
            "[1] ✋ Claim #1",
            "volunteer Olena> /queue",
            "1 case is waiting",
            "[1] ✋ Claim #1",
            // Pressing [1] claims: the toast at once (the spinner stops), then the details
            // and the kept message relayed.
            "volunteer Olena> 1",
            "#1 is yours.",
            "Place: Izium, Myru 5",
            "bot (relayed): We have a dog too",
            // Taken, and the code word they share with the volunteer.
            "[person 100001 got 2 new message(s): :r to see]",
            "volunteer Olena> :reply We can take you tomorrow at 9",
            "(sent as a reply to the bot's message about #1)",
            // The requester's chat: connected, and the volunteer's words without the volunteer.
            "── person 100001's chat ──",
            "earlier message(s) not repeated",
            "A volunteer has taken your request #1",
            "🔑 Your code word:",
            "bot (relayed): We can take you tomorrow at 9",
            "person 100001> Thank you, we will wait at the station",
            "[the volunteer got 1 new message(s): :v to see]",
            "person 100001> :photo",
            "── volunteer Olena's chat",
            "bot (relayed): Thank you, we will wait at the station",
            "bot (relayed): [photo]",
            "[1] #1",
            "volunteer Olena> /done 1 evacuated",
            "#1 is closed: evacuated.",
            "── person 100001's chat ──",
            "Your request #1 is closed.",
            "── the volunteer group (read only) ──",
            "#1",
            "── back in person 100001's chat ──",
        ],
    );
    // What the requester saw of the volunteer's message: no name, no id.
    let chat = between(
        &text,
        "── person 100001's chat ──",
        "person 100001> Thank you",
    );
    assert!(
        chat.contains("bot (relayed): We can take you tomorrow at 9"),
        "{chat}"
    );
    for hidden in ["Olena", "1000002"] {
        assert!(
            !chat.contains(hidden),
            "{hidden:?} reached the requester:\n{chat}"
        );
    }
    // Back in the volunteer's chat, only what is new is shown, not what she saw before.
    let again = between(&text, "person 100001> :photo", "volunteer Olena> /done");
    for old in ["You are on shift.", "We have a dog too", "Claim #1"] {
        assert!(!again.contains(old), "{old:?} was repeated:\n{again}");
    }
    assert!(text.contains("1 case(s) registered"), "{text}");
}

#[test]
fn staff_text_that_is_no_reply_gets_the_bots_hint_and_reply_needs_a_case_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = simulate(
        dir.path(),
        &["--lang", "en"],
        ":v\nhello\n:reply hello\n:history\n:help\n:q\n",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    in_order(
        &text,
        &[
            "volunteer Olena> hello",
            "To answer a requester, reply to their message",
            "volunteer Olena> :reply hello",
            "(no message about a case in this chat to reply to",
            "── all of volunteer Olena's chat ──",
            "You are a volunteer of this bot.",
            ":v, :volunteer",
            ":g, :group",
        ],
    );
}

#[test]
fn with_db_the_database_is_kept_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("try.db");
    let db_arg = db.to_str().unwrap();
    let out = simulate(
        dir.path(),
        &["--db", db_arg, "--lang", "en"],
        "/start\n1\n1\n2\n1\n",
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
    // Consent, for myself, not occupied, "Safe for now", a region, a typed place, then 12 people (buttons go up to 6).
    let out = simulate(
        dir.path(),
        &["--lang", "en"],
        "/start\n1\n1\n2\n4\n1\nIzium, Myru 5\n12\n",
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

#[test]
fn the_supervisor_adds_a_checked_shelter_and_the_volunteer_sends_it_to_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!(
        "{SURVEY}\
         :v\n\
         /queue\n\
         1\n\
         :s\n\
         /addresource\n\
         1\n\
         1\n\
         School No. 5 shelter\n\
         Sadova 12, entrance from the yard\n\
         1\n\
         1\n\
         1\n\
         :v\n\
         /resources kharkiv\n\
         1\n\
         :r\n\
         1\n\
         :q\n"
    );
    let out = simulate(dir.path(), &["--lang", "en"], &input);
    let text = stdout(&out);
    assert!(out.status.success(), "exit {:?}\n{text}", out.status);
    in_order(
        &text,
        &[
            "#1 is yours.",
            "supervisor> /addresource",
            "What kind is it?",
            "[1] Shelter",
            "Which region is it in?",
            "[1] Kharkiv region",
            "short title",
            "what a person needs to know",
            "phone number, or press Skip",
            "How many people can it take?",
            "Check it before it is saved",
            "Shelter · School No. 5 shelter",
            "[1] ✅ Save",
            "R1 is saved as checked by you now",
            "volunteer Olena> /resources kharkiv",
            "R1 · Shelter · School No. 5 shelter",
            "checked 0 minutes ago",
            "[1] Send to #1",
            "R1 is sent to the person of #1.",
            "── person 100001's chat ──",
            "Information checked by the volunteers at",
            "School No. 5 shelter",
            "Sadova 12, entrance from the yard",
            "[1] 👍 It helped",
            "[2] ⚠ Wrong or outdated",
            "Thank you, this helps the next person.",
        ],
    );
}
