//! Test helpers: a fresh app on its own SQLite file, and a person talking to the bot through
//! the Bot API emulator (in-process, loopback only).
//!
//! Each [`Person`] starts its own [`Emulator`]. What the person does is pushed into the
//! emulator as an update (so it knows the message, the replies and the pressed buttons), then
//! fetched with getUpdates and dispatched through [`schema`] directly, with what teloxide's
//! Dispatcher would inject (the Bot, the Update, Me, and our `App` and `telemetry::Finished`).
//! When the dispatch returns, everything the handlers sent is recorded: no polling, no sleeps.
//! [`Responses`] is what the emulator recorded during that dispatch.
#![allow(dead_code)]

use std::{ops::ControlFlow, path::PathBuf, sync::Arc};

use botapi_emulator::{
    ApiCall, BotCommand, CallbackAnswer, ChatKind, CommandSet, Emulator, Event, SentMessage,
    UserHandle,
};
use evac_intake::{
    bot::{App, HandlerError, schema},
    config::Config,
    telemetry,
};
use serde_json::{Value, json};
use teloxide::{
    dispatching::UpdateHandler,
    dptree,
    prelude::*,
    types::{Me, Update},
};
use tokio::sync::broadcast::error::TryRecvError;

/// The requester's Telegram id (their private chat has this id).
pub const USER: i64 = 12_345_678;

/// A well-formed token (the emulator checks the shape).
const TOKEN: &str = "123:TEST";

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

    /// A new app over this environment's database: what a restarted bot process has (built by
    /// [`crate::e2e_common::new_app`], like every app of the tests).
    pub async fn app(&self) -> App {
        self.app_with(&[]).await
    }

    /// [`Env::app`] with more settings (`PUBLIC_CHAT_IDS`, `GUARD_MODE`, …).
    pub async fn app_with(&self, settings: &[(&str, &str)]) -> App {
        let settings: Vec<(String, String)> = settings
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
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
            other => settings
                .iter()
                .find(|(k, _)| k == other)
                .map(|(_, v)| v.clone()),
        })
        .unwrap();
        crate::e2e_common::new_app(config).await
    }
}

/// A person in a private chat with the bot (or, after [`Person::switch_to`], someone else).
pub struct Person {
    /// The Bot API this bot talks to, started for this person.
    pub emu: Emulator,
    /// The bot the handlers get, pointed at the emulator.
    pub bot: Bot,
    app: App,
    me: Me,
    handler: UpdateHandler<HandlerError>,
    id: i64,
    /// The latest message the bot sent to this person with inline buttons: where `press` looks.
    pub keyboard: Option<SentMessage>,
    /// The updates of the latest push: what [`Person::dispatch`] replays.
    last: Vec<Update>,
    /// The next getUpdates offset (every update before it is confirmed).
    offset: i32,
}

impl Person {
    pub async fn new(app: &App, language_code: Option<&str>) -> Person {
        Person::with_id(app, USER, language_code).await
    }

    /// A person with this id. The supervisors of the app's configuration and its volunteer
    /// chat are chats the bot can write to from the start (as in production, where they
    /// pressed Start before); anyone else becomes reachable when they write.
    pub async fn with_id(app: &App, id: i64, language_code: Option<&str>) -> Person {
        let emu = Emulator::start().await.expect("start the Bot API emulator");
        for &supervisor in &app.config.supervisor_ids {
            emu.register_chat(supervisor, ChatKind::Private);
        }
        if let Some(chat) = app.config.volunteer_chat_id {
            if chat < 0 {
                emu.group(chat);
            } else {
                emu.register_chat(chat, ChatKind::Private);
            }
        }
        let bot = Bot::new(TOKEN).set_api_url(emu.api_url().parse().unwrap());
        let me = bot.get_me().await.expect("getMe");
        let app = app.clone().with_bot(bot.clone());
        let mut person = Person {
            emu,
            bot,
            app,
            me,
            handler: schema(),
            id,
            keyboard: None,
            last: Vec::new(),
            offset: 0,
        };
        person.switch_to(id, language_code);
        person
    }

    /// Who is talking now.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The emulator's handle of the current person (their private chat).
    pub fn user(&self) -> UserHandle {
        self.emu.user(self.id)
    }

    /// Someone else talks to the bot now.
    pub fn switch_to(&mut self, id: i64, language_code: Option<&str>) {
        self.id = id;
        let user = self.emu.user(id);
        match language_code {
            Some(code) => user.language(code),
            None => user.no_language(),
        };
        self.keyboard = None;
    }

    /// Swaps in a new app (a restarted process over the same database).
    pub fn restart(&mut self, app: &App) {
        self.app = app.clone().with_bot(self.bot.clone());
    }

    /// Pushes what `push` pushes through the emulator (as the current person), then fetches
    /// it with getUpdates, dispatches it and confirms it. Returns what the bot did.
    pub async fn send<T>(&mut self, push: impl FnOnce(&UserHandle) -> T) -> Responses {
        push(&self.user());
        let updates = self
            .bot
            .get_updates()
            .offset(self.offset)
            .timeout(0)
            .await
            .expect("getUpdates");
        let last = updates.last().expect("something was pushed");
        self.offset = last.id.0 as i32 + 1;
        self.last = updates;
        let responses = self.dispatch().await;
        // Confirms what was handled, as the real listener does.
        self.bot
            .get_updates()
            .offset(self.offset)
            .limit(1)
            .timeout(0)
            .await
            .expect("getUpdates");
        responses
    }

    /// Dispatches the latest update(s) again, with the same update ids: a replay, as Telegram
    /// sends an update again after a crash before it was confirmed.
    pub async fn dispatch(&mut self) -> Responses {
        let mut events = self.emu.events();
        let since = self.emu.calls().len();
        let finished: telemetry::Finished = Arc::new(telemetry::NoListener);
        let mut errors = Vec::new();
        for update in self.last.clone() {
            let deps = dptree::deps![
                self.bot.clone(),
                self.me.clone(),
                update,
                self.app.clone(),
                finished.clone()
            ];
            match self.handler.dispatch(deps).await {
                ControlFlow::Break(Ok(())) | ControlFlow::Continue(_) => {}
                ControlFlow::Break(Err(error)) => {
                    errors.push(error.to_string());
                    evac_intake::bot::error_handler().handle_error(error).await;
                }
            }
        }
        let mut r = Responses {
            errors,
            ..Responses::default()
        };
        loop {
            match events.try_recv() {
                Ok(Event::Sent(m)) => r.sent.push(m),
                Ok(Event::Edited(m)) => r.edited.push(m),
                Ok(Event::Deleted {
                    chat_id,
                    message_id,
                }) => r.deleted.push((chat_id, message_id)),
                Ok(Event::CallbackAnswered(a)) => r.answers.push(a),
                Ok(Event::ChatAction { .. }) => {}
                Err(TryRecvError::Empty | TryRecvError::Closed) => break,
                Err(TryRecvError::Lagged(n)) => panic!("{n} events of one dispatch were lost"),
            }
        }
        r.calls = self.emu.calls().split_off(since);
        r.menus = r.calls.iter().filter_map(menu_of).collect();
        if let Some(m) = r
            .sent
            .iter()
            .rev()
            .find(|m| m.chat_id == self.id && !m.inline_rows().is_empty())
        {
            self.keyboard = Some(m.clone());
        }
        r
    }

    /// Sends a text (a command when it starts with `/`).
    pub async fn say(&mut self, text: &str) -> Responses {
        if text.starts_with('/') {
            self.send(|u| u.send_command(text)).await
        } else {
            self.send(|u| u.send_text(text)).await
        }
    }

    /// Sends a text that replies to one of the bot's messages in this person's chat.
    pub async fn reply(&mut self, to: &SentMessage, text: &str) -> Responses {
        assert_eq!(
            to.chat_id, self.id,
            "a reply to a message in someone else's chat"
        );
        self.send(|u| u.reply_text(to.message_id, text)).await
    }

    /// Sends a text in a group (or any chat other than their private one).
    pub async fn say_in(&mut self, chat: i64, text: &str) -> Responses {
        let member = self.emu.group(chat).from(self.id);
        if text.starts_with('/') {
            self.send(move |_| member.send_command(text)).await
        } else {
            self.send(move |_| member.send_text(text)).await
        }
    }

    /// Presses a button with this exact callback data on the latest keyboard message.
    pub async fn press_data(&mut self, data: &str) -> Responses {
        let message = self.keyboard.clone().expect("no keyboard to press");
        self.press_on(data, &message).await
    }

    /// Presses a button with this callback data on a given message (maybe an old one): in
    /// this person's chat or in a group, the message as it is now (what Telegram sends); in
    /// someone else's private chat, a forged press with the message as it is now.
    pub async fn press_on(&mut self, data: &str, message: &SentMessage) -> Responses {
        let (chat, id) = (message.chat_id, message.message_id);
        if chat == self.id {
            self.send(|u| u.press(id, data)).await
        } else if chat < 0 {
            let member = self.emu.group(chat).from(self.id);
            self.send(move |_| member.press(id, data)).await
        } else {
            let json = self.current_json(message);
            self.send(|u| u.press_on_message(json, data)).await
        }
    }

    /// A forged press (Telegram never sends one): `message` moved into `chat`, whoever's it
    /// is, and pressed there by the current person with `data`.
    pub async fn press_on_moved(
        &mut self,
        data: &str,
        message: &SentMessage,
        chat: i64,
    ) -> Responses {
        let mut json = self.current_json(message);
        json["chat"] = if chat < 0 {
            json!({ "id": chat, "type": "supergroup", "title": format!("Group {chat}") })
        } else {
            json!({ "id": chat, "type": "private", "first_name": format!("User{chat}") })
        };
        self.send(|u| u.press_on_message(json, data)).await
    }

    /// A bot message's JSON as it is now (edits applied), else as it was sent.
    fn current_json(&self, message: &SentMessage) -> Value {
        self.emu
            .sent_message(message.chat_id, message.message_id)
            .map_or_else(|| message.message.clone(), |m| m.message)
    }

    /// Consent in English, then the first two questions: help for myself, not in occupied
    /// territory. Returns what the last press got (the safety question).
    pub async fn agree(&mut self) -> Responses {
        self.press("I agree").await;
        self.press("Me: I am writing for myself").await;
        self.press("No, Ukraine controls it").await
    }

    /// Presses each label in turn; what the last press got.
    pub async fn press_all(&mut self, labels: &[&str]) -> Responses {
        let mut last = None;
        for label in labels {
            last = Some(self.press(label).await);
        }
        last.expect("at least one label")
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

/// A command menu from a successful setMyCommands call.
fn menu_of(call: &ApiCall) -> Option<CommandSet> {
    if call.method != "setMyCommands" || !call.ok() {
        return None;
    }
    let param = |key: &str| match call.params.get(key) {
        Some(Value::String(s)) => serde_json::from_str(s).ok(),
        other => other.cloned(),
    };
    let commands = param("commands")?
        .as_array()?
        .iter()
        .filter_map(|c| {
            Some(BotCommand {
                command: c.get("command")?.as_str()?.to_owned(),
                description: c.get("description")?.as_str()?.to_owned(),
            })
        })
        .collect();
    Some(CommandSet {
        scope: param("scope").unwrap_or_else(|| json!({ "type": "default" })),
        language_code: call
            .params
            .get("language_code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        commands,
    })
}

/// What the bot did during one dispatch, as the emulator recorded it.
#[derive(Debug, Clone, Default)]
pub struct Responses {
    /// Every message the bot sent, copied or forwarded, in order, as it was sent.
    pub sent: Vec<SentMessage>,
    /// Every edit of a bot message, in order, each as the message was right after it.
    pub edited: Vec<SentMessage>,
    /// `(chat, message_id)` of every message the bot deleted.
    pub deleted: Vec<(i64, i32)>,
    /// Every callback query the bot answered, with its toast text if any.
    pub answers: Vec<CallbackAnswer>,
    /// Every command menu the bot set.
    pub menus: Vec<CommandSet>,
    /// Every Bot API call the bot made, failed ones too.
    pub calls: Vec<ApiCall>,
    /// Handler errors (what the error handler logs in production).
    pub errors: Vec<String>,
}

impl Responses {
    /// Messages (sent, copied, forwarded) to `chat`, in order.
    pub fn to(&self, chat: i64) -> Vec<&SentMessage> {
        self.sent.iter().filter(|m| m.chat_id == chat).collect()
    }

    /// The first message to `chat`.
    pub fn first_to(&self, chat: i64) -> Option<&SentMessage> {
        self.sent.iter().find(|m| m.chat_id == chat)
    }

    /// The latest message to `chat`.
    pub fn last_to(&self, chat: i64) -> Option<&SentMessage> {
        self.sent.iter().rev().find(|m| m.chat_id == chat)
    }

    /// Texts (and captions) the bot sent to `chat`.
    pub fn texts_to(&self, chat: i64) -> Vec<String> {
        self.to(chat)
            .into_iter()
            .filter_map(|m| m.text.clone())
            .collect()
    }

    /// Everything sent to `chat`, joined, for `contains` checks.
    pub fn all_text(&self, chat: i64) -> String {
        self.texts_to(chat).join("\n---\n")
    }

    /// Copies (copyMessage) the bot made, in order.
    pub fn copies(&self) -> Vec<&SentMessage> {
        self.sent.iter().filter(|m| m.kind == "copy").collect()
    }

    /// The latest copy the bot made.
    pub fn last_copy(&self) -> Option<&SentMessage> {
        self.sent.iter().rev().find(|m| m.kind == "copy")
    }

    /// Forwards (forwardMessage) the bot made, in order.
    pub fn forwards(&self) -> Vec<&SentMessage> {
        self.sent.iter().filter(|m| m.kind == "forward").collect()
    }

    /// Documents the bot uploaded or sent (sendDocument).
    pub fn documents(&self) -> Vec<&SentMessage> {
        self.sent
            .iter()
            .filter(|m| m.method == "sendDocument")
            .collect()
    }

    /// Photos the bot uploaded or sent (sendPhoto).
    pub fn photos(&self) -> Vec<&SentMessage> {
        self.sent
            .iter()
            .filter(|m| m.method == "sendPhoto")
            .collect()
    }

    /// The text of every edited message after its edit.
    pub fn edited_texts(&self) -> Vec<&str> {
        self.edited.iter().map(SentMessage::text_or_empty).collect()
    }

    /// The text of the latest callback answer (toast), if it had one.
    pub fn toast(&self) -> Option<String> {
        self.answers.last().and_then(|a| a.text.clone())
    }

    /// Whether a reply keyboard (location/contact request) was sent.
    pub fn reply_keyboard_sent(&self) -> bool {
        self.sent.iter().any(|m| !m.keyboard_buttons().is_empty())
    }

    /// Nothing at all reached anyone: no message, no edit, no deletion, no answer to a press.
    pub fn is_silent(&self) -> bool {
        self.sent.is_empty()
            && self.edited.is_empty()
            && self.deleted.is_empty()
            && self.answers.is_empty()
    }
}

/// (label, callback data) of every inline button of a message.
pub fn buttons(message: Option<&SentMessage>) -> Vec<(String, String)> {
    message.map(SentMessage::buttons).unwrap_or_default()
}

/// Texts the bot sent to `chat` in this dispatch.
pub fn texts_to(r: &Responses, chat: i64) -> Vec<String> {
    r.texts_to(chat)
}

/// Everything sent to `chat`, joined, for `contains` checks.
pub fn all_text(r: &Responses, chat: i64) -> String {
    r.all_text(chat)
}

/// The text of the callback answer (toast) of this dispatch.
pub fn toast(r: &Responses) -> Option<String> {
    r.toast()
}

/// Whether a reply keyboard (location/contact request) was sent.
pub fn reply_keyboard_sent(r: &Responses) -> bool {
    r.reply_keyboard_sent()
}

pub async fn count(app: &App, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// `supervisor` adds `volunteer` (uk, en; Kharkiv), who opened the bot first and goes online.
pub async fn volunteer_on_shift(p: &mut Person, supervisor: i64, volunteer: i64) {
    p.switch_to(volunteer, Some("en"));
    p.say("/start").await; // the volunteer opens the bot first
    p.switch_to(supervisor, Some("en"));
    let r = p
        .say(&format!("/addvolunteer {volunteer} uk,en kharkiv"))
        .await;
    assert!(
        all_text(&r, supervisor).contains(&format!("Volunteer {volunteer} is added")),
        "{:?}",
        texts_to(&r, supervisor)
    );
    // They never consented to anything, so the bot knows no language for them: the default.
    assert!(
        all_text(&r, volunteer).contains("/start"),
        "{:?}",
        texts_to(&r, volunteer)
    );
    train(p, supervisor, volunteer).await;
    p.switch_to(volunteer, Some("en"));
    let r = p.say("/online").await;
    assert!(all_text(&r, volunteer).contains("You are on shift"));
}

/// `supervisor` records `volunteer`'s training (`/trained`): they may go on shift and claim.
pub async fn train(p: &mut Person, supervisor: i64, volunteer: i64) {
    p.switch_to(supervisor, Some("en"));
    let r = p.say(&format!("/trained {volunteer}")).await;
    assert!(
        all_text(&r, supervisor).contains(&format!("Volunteer {volunteer} is trained")),
        "{:?}",
        texts_to(&r, supervisor)
    );
}

/// The English survey after "How many people": only adults, no special help, nothing needed,
/// `destination`, only by writing, `signal`; returns the last response (the summary, unless
/// another question follows).
pub async fn calm_answers_after_people(
    p: &mut Person,
    destination: &str,
    signal: &str,
) -> Responses {
    p.press_all(&["No, only adults", "Done"]).await;
    p.press_all(&["No one", "Done"]).await;
    p.press_all(&["Nothing", "Done"]).await;
    p.press(destination).await;
    p.press("Only by writing here").await;
    p.press(signal).await
}

/// The requester (USER) fills in a calm English survey with a phone and submits it: case #1
/// (Kharkiv region, place "Izium, Sadova 5", phone +380 67 765 43 21, medicine "insulin").
pub async fn submit_calm_case(p: &mut Person) -> Responses {
    p.switch_to(USER, Some("en"));
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    p.say("Izium, Sadova 5").await;
    p.press("2").await;
    p.press_all(&["No, only adults", "Done"]).await;
    p.press_all(&["Someone aged 60", "Done"]).await;
    p.press_all(&["Medicine", "Food", "Done"]).await;
    p.press("Regular medicine").await;
    p.say("insulin").await;
    p.press("Abroad").await;
    p.press("By phone too").await;
    p.say("+380 67 765 43 21").await;
    p.press("Most of the time").await;
    let r = p.press("Submit").await;
    assert!(all_text(&r, USER).contains("Your request #1 is registered"));
    r
}
