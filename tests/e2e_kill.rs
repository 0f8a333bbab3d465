//! The real `evac-intake` binary against the Bot API emulator: killed with SIGKILL mid-survey,
//! restarted, it resumes at the same question and loses nothing.

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

use botapi_emulator::{Emulator, SentMessage};

const BIN: &str = env!("CARGO_BIN_EXE_evac-intake");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const WAIT: Duration = Duration::from_secs(20);

fn spawn_bot(emu: &Emulator, db: &std::path::Path) -> Child {
    Command::new(BIN)
        .env_clear()
        .env("TELOXIDE_TOKEN", "123456789:TESTtokenTESTtokenTESTtoken")
        .env("TELOXIDE_API_URL", emu.api_url())
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("DIALOGUE_FILE", format!("{ROOT}/dialogues/intake.toml"))
        .env("LOCALES_DIR", format!("{ROOT}/locales"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits for the `n`th message in the chat and returns it.
async fn nth(emu: &Emulator, chat: i64, n: usize) -> SentMessage {
    let sent = emu.wait_for_sent(chat, n, WAIT).await;
    assert!(
        sent.len() >= n,
        "expected {n} messages, got {:?}",
        sent.iter().map(|m| &m.text).collect::<Vec<_>>()
    );
    sent[n - 1].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn kill_9_mid_survey_loses_nothing_and_the_survey_resumes_at_the_same_question() {
    let emu = Emulator::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let user = emu.user(501).language("en");

    let mut bot = spawn_bot(&emu, &db);
    user.send_command("/start");
    let consent = nth(&emu, 501, 1).await;
    assert!(consent.text_or_empty().contains("Do you agree?"));
    user.press_button(consent.message_id, "✅ I agree, continue")
        .unwrap();
    let safety = nth(&emu, 501, 2).await;
    assert!(safety.text_or_empty().contains("Are you safe right now?"));
    user.press_button(safety.message_id, "Safe for now")
        .unwrap();
    let region = nth(&emu, 501, 3).await;
    user.press_button(region.message_id, "Kharkiv region")
        .unwrap();
    let place = nth(&emu, 501, 4).await;
    assert!(place.text_or_empty().contains("Where exactly are you?"));

    bot.kill().unwrap(); // SIGKILL
    bot.wait().unwrap();

    // While the bot is down the person answers; the update waits at Telegram.
    user.send_text("Izium");
    let mut bot = spawn_bot(&emu, &db);
    let people = nth(&emu, 501, 6).await; // "Saved" (removes the location keyboard), then the question
    assert!(
        people.text_or_empty().contains("How many people"),
        "{:?}",
        people.text
    );
    user.send_command("/start");
    let resumed = emu.wait_for_sent(501, 8, WAIT).await;
    let texts: Vec<String> = resumed
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert!(texts[6].contains("Welcome back"), "{texts:?}");
    assert!(texts[7].contains("How many people"), "{texts:?}");
    bot.kill().unwrap();
    bot.wait().unwrap();
}
