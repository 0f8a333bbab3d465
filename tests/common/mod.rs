//! Test helpers: a fresh app on its own SQLite file, and a person talking to the bot through
//! teloxide_tests' mocked Bot API (no network).
#![allow(dead_code)]

use std::path::PathBuf;

use evac_intake::{
    bot::{App, HandlerError, schema},
    check,
    config::Config,
    db::Db,
};
use teloxide::{
    dptree::deps,
    types::{InlineKeyboardButtonKind, Message, ReplyMarkup, User},
};
use teloxide_tests::{
    IntoUpdate, MockBot, MockCallbackQuery, MockMessageText, MockPrivateChat, MockUser, Responses,
    mock_bot::DistributionKey,
};

/// The requester's Telegram id (teloxide_tests' default user; their private chat has this id).
pub const USER: i64 = MockUser::ID as i64;

pub struct Env {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub supervisors: Vec<i64>,
    pub volunteer_chat: Option<i64>,
}

impl Env {
    pub fn new(supervisors: &[i64], volunteer_chat: Option<i64>) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        Env {
            dir,
            url,
            supervisors: supervisors.to_vec(),
            volunteer_chat,
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }

    /// A new app over this environment's database: what a restarted bot process has.
    pub async fn app(&self) -> App {
        let sup = self
            .supervisors
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let vol = self.volunteer_chat.map(|v| v.to_string());
        let url = self.url.clone();
        let config = Config::from_lookup(move |k| match k {
            "DATABASE_URL" => Some(url.clone()),
            "SUPERVISOR_IDS" => Some(sup.clone()),
            "VOLUNTEER_CHAT_ID" => vol.clone(),
            _ => None,
        })
        .unwrap();
        let (survey, locales) =
            check::load_all(&config.dialogue_file, &config.locales_dir).unwrap();
        let db = Db::connect(&config.database_url).await.unwrap();
        App::new(db, survey, locales, config)
    }
}

/// A person in a private chat with the bot.
pub struct Person {
    pub bot: MockBot<HandlerError, DistributionKey>,
    pub user: User,
    /// The latest message the bot sent with inline buttons: where `press` looks.
    pub keyboard: Option<Message>,
}

impl Person {
    pub fn new(app: &App, language_code: Option<&str>) -> Person {
        Person::with_id(app, USER, language_code)
    }

    pub fn with_id(app: &App, id: i64, language_code: Option<&str>) -> Person {
        let mut user = MockUser::new().id(id as u64);
        if let Some(code) = language_code {
            user = user.language_code(code.to_owned());
        }
        let user = user.build();
        let mut bot = MockBot::new(MockMessageText::new().text("/start"), schema());
        bot.dependencies(deps![app.clone()]);
        Person {
            bot,
            user,
            keyboard: None,
        }
    }

    /// Someone else talks to the bot now (teloxide_tests allows one mocked bot at a time).
    pub fn switch_to(&mut self, id: i64, language_code: Option<&str>) {
        let mut user = MockUser::new().id(id as u64);
        if let Some(code) = language_code {
            user = user.language_code(code.to_owned());
        }
        self.user = user.build();
        self.keyboard = None;
    }

    /// Swaps in a new app (a restarted process over the same database).
    pub fn restart(&mut self, app: &App) {
        self.bot.dependencies(deps![app.clone()]);
    }

    pub fn chat(&self) -> teloxide::types::Chat {
        MockPrivateChat::new().id(self.user.id.0 as i64).build()
    }

    pub fn text(&self, text: &str) -> MockMessageText {
        MockMessageText::new()
            .text(text)
            .from(self.user.clone())
            .chat(self.chat())
    }

    /// Sends any update and returns what the bot did.
    pub async fn send(&mut self, update: impl IntoUpdate) -> Responses {
        self.bot.update(update);
        self.dispatch().await
    }

    /// Dispatches the current update(s) again, with the same update ids: a replay.
    pub async fn dispatch(&mut self) -> Responses {
        self.bot.dispatch().await;
        let responses = self.bot.get_responses();
        if let Some(m) = responses
            .sent_messages
            .iter()
            .rev()
            .find(|m| m.chat.id.0 == self.user.id.0 as i64 && m.reply_markup().is_some())
        {
            self.keyboard = Some(m.clone());
        }
        responses
    }

    pub async fn say(&mut self, text: &str) -> Responses {
        let update = self.text(text);
        self.send(update).await
    }

    /// Presses a button with this exact callback data on the latest keyboard message.
    pub async fn press_data(&mut self, data: &str) -> Responses {
        let message = self.keyboard.clone().expect("no keyboard to press");
        self.press_on(data, message).await
    }

    /// Presses a button with this callback data on a given message (maybe an old one).
    pub async fn press_on(&mut self, data: &str, message: Message) -> Responses {
        let query = MockCallbackQuery::new()
            .id(format!("cb-{}", rand_id()).into())
            .from(self.user.clone())
            .data(data)
            .message(message);
        self.send(query).await
    }

    /// Presses the button whose label contains `label` on the latest keyboard message.
    pub async fn press(&mut self, label: &str) -> Responses {
        let data = self
            .button_data(label)
            .unwrap_or_else(|| panic!("no button {label:?} in {:?}", self.labels()));
        self.press_data(&data).await
    }

    pub fn labels(&self) -> Vec<String> {
        buttons(self.keyboard.as_ref())
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    }

    pub fn button_data(&self, label: &str) -> Option<String> {
        buttons(self.keyboard.as_ref())
            .into_iter()
            .find(|(l, _)| l.contains(label))
            .map(|(_, d)| d)
    }
}

fn rand_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    N.fetch_add(1, Ordering::SeqCst)
}

/// (label, callback data) of every inline button of a message.
pub fn buttons(message: Option<&Message>) -> Vec<(String, String)> {
    message
        .and_then(|m| m.reply_markup())
        .map(|kb| {
            kb.inline_keyboard
                .iter()
                .flatten()
                .filter_map(|b| match &b.kind {
                    InlineKeyboardButtonKind::CallbackData(d) => Some((b.text.clone(), d.clone())),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Texts the bot sent to `chat` in this dispatch.
pub fn texts_to(r: &Responses, chat: i64) -> Vec<String> {
    r.sent_messages
        .iter()
        .filter(|m| m.chat.id.0 == chat)
        .filter_map(|m| m.text().map(str::to_owned))
        .collect()
}

/// Everything sent to `chat`, joined, for `contains` checks.
pub fn all_text(r: &Responses, chat: i64) -> String {
    texts_to(r, chat).join("\n---\n")
}

/// The text of the callback answer (toast) of this dispatch.
pub fn toast(r: &Responses) -> Option<String> {
    r.answered_callback_queries
        .last()
        .and_then(|a| a.text.clone())
}

/// Whether a reply keyboard (location/contact request) was sent.
pub fn reply_keyboard_sent(r: &Responses) -> bool {
    r.sent_messages_text
        .iter()
        .any(|m| matches!(m.bot_request.reply_markup, Some(ReplyMarkup::Keyboard(_))))
}

pub async fn count(app: &App, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// The requester (USER) fills in a calm English survey with a phone and submits it: case #1
/// (Kharkiv region, place "Izium, Sadova 5", phone +380 67 765 43 21, medicine "insulin").
pub async fn submit_calm_case(p: &mut Person) -> Responses {
    p.switch_to(USER, Some("en"));
    p.say("/start").await;
    p.press("I agree").await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    p.say("Izium, Sadova 5").await;
    p.press("2").await;
    p.press("No").await;
    p.press("No").await;
    p.press("Regular medicine").await;
    p.say("insulin").await;
    p.press("Elderly person").await;
    p.press("Done").await;
    p.press("Food").await;
    p.press("Done").await;
    p.press("Yes, for everyone").await;
    p.press("Abroad").await;
    p.press("By phone too").await;
    let update = p.text("+380 67 765 43 21");
    p.send(update).await;
    let r = p.press("Submit").await;
    assert!(all_text(&r, USER).contains("Your request #1 is registered"));
    r
}
