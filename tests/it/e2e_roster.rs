//! The roster against the Bot API emulator, through the library's real polling loop: Telegram
//! forbids a bot to write first, so a supervisor adding someone who never pressed Start is told
//! so plainly; once they have, they are added and see the volunteer menu, and requesters never
//! see staff commands.

use std::time::Duration;

use botapi_emulator::Emulator;
use evac_intake::{bot, config::Config, db::Db};

const SUPERVISOR: i64 = 301;
const VOLUNTEER: i64 = 302;
const REQUESTER: i64 = 303;
const WAIT: Duration = Duration::from_secs(15);

async fn start() -> (Emulator, bot::Running, Db, tempfile::TempDir) {
    let emu = Emulator::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("roster.db").display());
    let config = Config::from_lookup(|k| match k {
        "DATABASE_URL" => Some(url.clone()),
        "SUPERVISOR_IDS" => Some(SUPERVISOR.to_string()),
        _ => None,
    })
    .unwrap();
    let app = crate::e2e_common::new_app(config).await;
    let db = app.db.clone();
    let tg = teloxide::Bot::new("123456789:TESTtokenTESTtokenTEST")
        .set_api_url(emu.api_url().parse().unwrap());
    let running = bot::spawn(app, tg, false).await.expect("the bot starts");
    (emu, running, db, dir)
}

async fn last_text(emu: &Emulator, chat: i64, n: usize) -> String {
    let sent = emu.wait_for_sent(chat, n, WAIT).await;
    assert!(
        sent.len() >= n,
        "expected {n} messages in {chat}, got {sent:?}"
    );
    sent[n - 1].text_or_empty().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn adding_a_volunteer_who_never_pressed_start_is_refused_plainly() {
    let (emu, running, db, _dir) = start().await;
    let sup = emu.user(SUPERVISOR).language("en");
    sup.send_command("/start");
    assert!(
        last_text(&emu, SUPERVISOR, 1)
            .await
            .contains("You are a supervisor")
    );

    sup.send_command(&format!("/addvolunteer {VOLUNTEER} uk kharkiv"));
    let reply = last_text(&emu, SUPERVISOR, 2).await;
    assert!(reply.contains("has not pressed Start"), "{reply}");
    assert!(!db.is_volunteer(VOLUNTEER).await.unwrap());

    let vol = emu.user(VOLUNTEER).language("en");
    vol.send_command("/start");
    emu.wait_for_sent(VOLUNTEER, 1, WAIT).await; // the consent screen: they are a stranger so far
    sup.send_command(&format!("/addvolunteer {VOLUNTEER} uk kharkiv"));
    let reply = last_text(&emu, SUPERVISOR, 3).await;
    assert!(
        reply.contains(&format!("Volunteer {VOLUNTEER} is added")),
        "{reply}"
    );
    assert!(db.is_volunteer(VOLUNTEER).await.unwrap());

    let menu: Vec<String> = emu
        .visible_commands(VOLUNTEER, VOLUNTEER, Some("en"))
        .into_iter()
        .map(|c| c.command)
        .collect();
    assert!(
        menu.contains(&"claim".to_string()) && menu.contains(&"queue".to_string()),
        "{menu:?}"
    );
    assert!(!menu.contains(&"addvolunteer".to_string()));
    let requester_menu: Vec<String> = emu
        .visible_commands(REQUESTER, REQUESTER, Some("uk"))
        .into_iter()
        .map(|c| c.command)
        .collect();
    assert_eq!(
        requester_menu,
        [
            "start", "help", "lang", "cancel", "status", "silent", "forget"
        ]
    );
    let sup_menu: Vec<String> = emu
        .visible_commands(SUPERVISOR, SUPERVISOR, Some("en"))
        .into_iter()
        .map(|c| c.command)
        .collect();
    assert!(
        sup_menu.contains(&"addvolunteer".to_string()),
        "{sup_menu:?}"
    );
    running.stop().await;
}
