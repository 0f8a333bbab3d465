//! Fuzz: 10,000 random and malformed updates through the bot (the library's `spawn`, in this
//! process) against the Bot API emulator: random update kinds, huge texts, random and forged
//! button data, commands from every role in private chats and groups, messages from bots,
//! updates teloxide cannot parse.
//!
//! Phase A (7,000 updates) mixes all of that with people really filling in the survey, so the
//! state moves. Phase B (3,000 updates) sends only what no one may use to change anything
//! (staff commands and staff buttons from people who are not staff, forged or stale buttons,
//! buttons pressed in someone else's chat, group chatter, bots, malformed updates): the rows
//! that matter must be exactly the same afterwards. At the end: no panic, the bot still polls,
//! every button press was answered, every message the bot sent was valid, the database
//! invariants hold, and a newcomer can still register a request.

use crate::e2e_common;

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use botapi_emulator::{ChatKind, Emulator, UserHandle};
use e2e_common::{
    DbView, Rng, Screen, Staff, current_screen, invariants, must_settle, seed, spawn_in_process,
};
use evac_intake::survey::{Kind, Survey};
use serde_json::json;

const REQUESTERS: i64 = 120;
/// The first few requesters also send far more messages than anyone may (flood control).
const FLOODERS: i64 = 4;
const FIRST_REQUESTER: i64 = 20_001;
/// 9101 started the bot; 9102 never did (Telegram refuses to let the bot write to them).
const SUPERVISORS: [i64; 2] = [9_101, 9_102];
const VOLUNTEER_GROUP: i64 = -1_009_101;
/// Members of the volunteer group; the supervisor adds the first two to the roster.
const VOLUNTEERS: [i64; 3] = [7_101, 7_102, 7_103];
const STRANGER_GROUPS: [i64; 2] = [-1_005_001, -1_005_002];
const BOTS: [i64; 2] = [8_001, 8_002];
const CHANNEL: i64 = -1_006_001;
const NEWCOMER: i64 = 29_999;
const PHASE_A: usize = 7_000;
const PHASE_B: usize = 3_000;

const STAFF_COMMANDS: [&str; 25] = [
    "/online",
    "/offline",
    "/queue",
    "/claim",
    "/case",
    "/mycases",
    "/note",
    "/release",
    "/done",
    "/msg",
    "/addvolunteer",
    "/removevolunteer",
    "/volunteers",
    "/verify",
    "/flag",
    "/unflag",
    "/ban",
    "/unban",
    "/bans",
    "/blockphone",
    "/blockplace",
    "/addsupervisor",
    "/removesupervisor",
    "/audit",
    "/stats",
];
const REQUESTER_COMMANDS: [&str; 6] = ["/start", "/help", "/lang", "/cancel", "/status", "/forget"];

/// The name of the threads of the fuzz test's runtime (the bot's handlers run there).
const FUZZ_THREADS: &str = "e2e-fuzz-runtime";

/// Counts the panics of the calling test: on its own thread and on the threads of its runtime
/// ([`FUZZ_THREADS`]; handlers run in tokio tasks, whose panics would otherwise only be
/// printed). Other tests run in the same process, so their panics are not counted here.
fn count_panics() -> Arc<AtomicUsize> {
    let panics = Arc::new(AtomicUsize::new(0));
    let seen = panics.clone();
    let test_thread = std::thread::current().id();
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let here = std::thread::current();
        if here.id() == test_thread || here.name() == Some(FUZZ_THREADS) {
            seen.fetch_add(1, Ordering::SeqCst);
        }
        default(info);
    }));
    panics
}

/// Random text: short or huge, ASCII, Cyrillic, emoji, right-to-left, zero-width and control
/// characters, markup-looking strings.
fn text(rng: &mut Rng) -> String {
    const PIECES: [&str; 16] = [
        "help",
        "Харків",
        "🚨",
        "<b>bold</b>",
        "*a*_b_`c`",
        "\u{202e}rtl",
        "\u{200b}",
        "\n",
        "\t",
        "\u{0007}",
        "+380671234567",
        "/start",
        "' OR 1=1; --",
        "Ё",
        "\\",
        "{\"json\":1}",
    ];
    let len = match rng.below(20) {
        0 => rng.range(4_000, 20_000) as usize,
        1 => 0,
        _ => rng.range(1, 40) as usize,
    };
    let mut s = String::new();
    while s.chars().count() < len {
        if rng.chance(0.5) {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        } else {
            s.push(char::from_u32(rng.range(0x20, 0x2FFF) as u32).unwrap_or('?'));
        }
    }
    s
}

/// Random button data: mostly shaped like the bot's own, with random ids and numbers.
fn callback_data(rng: &mut Rng, survey: &Survey) -> String {
    let q = &rng.pick(&survey.questions).id;
    let n = rng.range(-2, 120);
    match rng.below(20) {
        0 => format!("a:{q}:{n}"),
        1 => format!("t:{q}:{n}"),
        2 => format!("d:{q}"),
        3 => format!("s:{q}"),
        4 => format!("b:{q}"),
        5 => format!("e:{q}"),
        6 => "sub".into(),
        7 => "bs".into(),
        8 => format!(
            "c:{}:{}",
            rng.pick(&["y", "n", "x"]),
            rng.pick(&["uk", "ru", "en", "de", ""])
        ),
        9 => format!("l:{}", rng.pick(&["uk", "ru", "en", "UK", "xx"])),
        10 => format!("x:{}", rng.pick(&["y", "n", "?"])),
        11 => format!("cl:{n}"),
        12 => format!("cs:{n}"),
        13 => format!("dn:{n}:{}", rng.pick(&["evacuated", "declined", "x"])),
        14 => format!("ck:{n}:{}", rng.pick(&["s", "h"])),
        15 => format!("qp:{n}"),
        16 => format!("of:{}", rng.pick(&["r", "k"])),
        17 => format!("fg:{}", rng.pick(&["y", "n"])),
        18 => "x".repeat(rng.range(60, 80) as usize),
        _ => text(rng).chars().take(64).collect(),
    }
}

/// A command with random arguments.
fn command(rng: &mut Rng) -> String {
    let name = if rng.chance(0.6) {
        rng.pick(&STAFF_COMMANDS).to_string()
    } else if rng.chance(0.8) {
        rng.pick(&REQUESTER_COMMANDS).to_string()
    } else {
        rng.pick(&[
            "/",
            "/x",
            "/START",
            "/start@evac_intake_test_bot",
            "/claim@other_bot",
            "/💥",
        ])
        .to_string()
    };
    match rng.below(4) {
        0 => name,
        1 => format!("{name} {}", rng.range(-5, 60)),
        2 => format!(
            "{name} {} {}",
            rng.pick(&[
                VOLUNTEERS[0],
                VOLUNTEERS[2],
                FIRST_REQUESTER,
                BOTS[0],
                SUPERVISORS[1]
            ]),
            text(rng).chars().take(30).collect::<String>()
        ),
        _ => format!("{name} {}", text(rng).chars().take(100).collect::<String>()),
    }
}

/// A button press: its callback query id and who pressed.
type Press = (String, i64);

struct Fuzz {
    emu: Emulator,
    survey: Survey,
    rng: Rng,
    /// Button presses pushed with a real callback query id, and who pressed (they must all be
    /// answered).
    presses: Vec<Press>,
    /// Who pressed a consent button ("c:y:…") in their own chat: only they may be stored.
    consented: BTreeSet<i64>,
    /// Who a supervisor tried to add as volunteer or supervisor (any of them may end up staff).
    promoted: BTreeSet<i64>,
    kinds: BTreeMap<&'static str, usize>,
}

impl Fuzz {
    fn count(&mut self, kind: &'static str) {
        *self.kinds.entry(kind).or_default() += 1;
    }

    fn requester(&mut self) -> i64 {
        FIRST_REQUESTER + self.rng.below(REQUESTERS as usize) as i64
    }

    fn anyone(&mut self) -> i64 {
        match self.rng.below(10) {
            0 => *self.rng.pick(&SUPERVISORS),
            1 => *self.rng.pick(&VOLUNTEERS),
            _ => self.requester(),
        }
    }

    fn user(&self, id: i64) -> UserHandle {
        self.emu.user(id)
    }

    fn press(&mut self, handle: &UserHandle, message_id: i32, data: &str) {
        if data.starts_with("c:y") && handle.chat_id() == handle.id() {
            self.consented.insert(handle.id());
        }
        let id = handle.press(message_id, data);
        self.presses.push((id, handle.id()));
    }

    fn send_command(&mut self, handle: &UserHandle, cmd: &str) {
        if SUPERVISORS.contains(&handle.id()) {
            let mut words = cmd.split_whitespace();
            if let (Some(name), Some(arg)) = (words.next(), words.next())
                && (name.starts_with("/addvolunteer") || name.starts_with("/addsupervisor"))
                && let Ok(id) = arg.parse::<i64>()
            {
                self.promoted.insert(id);
            }
        }
        handle.send_command(cmd);
    }

    /// A person answers what is in front of them (any button, or a fitting typed answer).
    fn journey_step(&mut self, id: i64) {
        self.count("journey");
        let handle = self.user(id);
        let screen = current_screen(&self.emu, id, &self.survey);
        match screen {
            Screen::Nothing => {
                handle.send_command("/start");
            }
            Screen::Consent {
                message_id,
                buttons,
            } => {
                let data = if self.rng.chance(0.85) {
                    buttons
                        .iter()
                        .find(|(_, d)| d.starts_with("c:y"))
                        .map(|(_, d)| d.clone())
                } else {
                    Some(self.rng.pick(&buttons).1.clone())
                };
                if let Some(data) = data {
                    self.press(&handle, message_id, &data);
                }
            }
            Screen::Summary {
                message_id,
                buttons,
            }
            | Screen::Other {
                message_id,
                buttons,
            } => {
                let data = if self.rng.chance(0.6) && buttons.iter().any(|(_, d)| d == "sub") {
                    "sub".to_owned()
                } else {
                    self.rng.pick(&buttons).1.clone()
                };
                self.press(&handle, message_id, &data);
            }
            Screen::Question {
                message_id,
                id: question,
                buttons,
                reply,
            } => {
                let kind = self.survey.question(&question).map(|q| q.kind);
                let typed = match kind {
                    Some(Kind::Number) => Some(self.rng.range(-3, 60).to_string()),
                    Some(Kind::Text) => Some(text(&mut self.rng)),
                    Some(Kind::Location) => Some(place_of(id)),
                    Some(Kind::Phone) => Some(phone_of(id)),
                    _ => None,
                };
                if let Some(t) = typed.filter(|_| self.rng.chance(0.4)) {
                    handle.send_text(&t);
                } else if !reply.is_empty() {
                    let b = self.rng.pick(&reply).clone();
                    if b.request_location {
                        let lat = self.rng.range(-100, 100) as f64 + 0.5;
                        handle.send_location(lat, 30.5);
                    } else if b.request_contact {
                        let own = if self.rng.chance(0.8) { Some(id) } else { None };
                        handle.send_contact("+380 67 123 45 67", own);
                    } else {
                        handle.send_text(&b.text);
                    }
                } else if !buttons.is_empty() {
                    let data = self.rng.pick(&buttons).1.clone();
                    self.press(&handle, message_id, &data);
                } else {
                    handle.send_text(&text(&mut self.rng));
                }
            }
        };
    }

    /// A message in a private chat that no question expects: media, odd locations, contacts.
    fn media(&mut self, handle: &UserHandle) {
        self.count("media");
        match self.rng.below(8) {
            0 => handle.send_sticker(),
            1 => handle.send_photo_with_caption(&text(&mut self.rng)),
            2 => handle.send_voice(),
            3 => handle.send_video(),
            4 => handle.send_document("passport.pdf"),
            5 => handle.send_location(
                self.rng.range(-1000, 1000) as f64,
                self.rng.range(-1000, 1000) as f64,
            ),
            6 => handle.send_contact(
                &text(&mut self.rng).chars().take(40).collect::<String>(),
                None,
            ),
            _ => handle.send_contact("+380501112233", Some(self.anyone())),
        };
    }

    /// A button press with random data on a random message of the person's own chat.
    fn random_press(&mut self, handle: &UserHandle) {
        self.count("random_press");
        let top = self.emu.sent_count_in(handle.chat_id()) as i64 * 2 + 3;
        let message_id = self.rng.range(-1, top) as i32;
        let data = callback_data(&mut self.rng, &self.survey);
        self.press(handle, message_id, &data);
    }

    /// Someone presses a button of a message in another person's chat (impossible in
    /// Telegram without a modified client; buttons carry no secret).
    /// `staff`: staff may be the one pressing (phase A; staff buttons work in any chat).
    fn foreign_press(&mut self, staff: bool) {
        self.count("foreign_press");
        let owner = self.requester();
        let mut from = owner;
        while from == owner {
            from = if staff {
                self.anyone()
            } else {
                self.requester()
            };
        }
        let message = self.emu.last_sent(owner).map(|m| m.message).unwrap_or_else(
            || json!({"message_id": 1, "date": 0, "chat": {"id": owner, "type": "private"}}),
        );
        let data = match self.emu.last_sent(owner).map(|m| m.buttons()) {
            Some(b) if !b.is_empty() && self.rng.chance(0.7) => self.rng.pick(&b).1.clone(),
            _ => callback_data(&mut self.rng, &self.survey),
        };
        self.emu.push_raw_update(json!({
            "callback_query": {
                "id": format!("forged-{}", self.rng.next_u64()),
                "from": {"id": from, "is_bot": false, "first_name": "Mallory"},
                "message": message,
                "chat_instance": "x",
                "data": data,
            }
        }));
    }

    /// A message in a group: the volunteer group or a group the bot was added to.
    /// `with_commands`: anyone may write, commands included (phase A); else only people who
    /// are not staff, without commands (phase B).
    fn group_message(&mut self, with_commands: bool) {
        self.count("group");
        let chat = if self.rng.chance(0.5) {
            VOLUNTEER_GROUP
        } else {
            *self.rng.pick(&STRANGER_GROUPS)
        };
        let from = if with_commands {
            self.anyone()
        } else {
            self.requester()
        };
        // A /ban also bans in the volunteer group (the bot is an admin there): a banned
        // member cannot write in it any more, so they write in a stranger group instead.
        let chat = if self.emu.group(chat).is_banned(from) {
            STRANGER_GROUPS[0]
        } else {
            chat
        };
        let handle = self.emu.group(chat).from(from);
        match self.rng.below(5) {
            0 if with_commands => {
                let c = command(&mut self.rng);
                self.send_command(&handle, &c);
            }
            1 => self.media(&handle),
            2 => {
                let top = self.emu.sent_count_in(chat) as i64 + 3;
                let data = callback_data(&mut self.rng, &self.survey);
                let id = handle.press(self.rng.range(1, top) as i32, &data);
                self.presses.push((id, from));
            }
            _ => {
                handle.send_text(&text(&mut self.rng));
            }
        }
    }

    /// A private message from another bot.
    fn bot_writes(&mut self) {
        self.count("bot");
        let bot = *self.rng.pick(&BOTS);
        let text = if self.rng.chance(0.5) {
            "/start".to_owned()
        } else {
            text(&mut self.rng)
        };
        self.emu.push_raw_update(json!({
            "message": {
                "message_id": self.rng.range(1, 1_000_000),
                "date": 0,
                "chat": {"id": bot, "type": "private", "first_name": "Bot"},
                "from": {"id": bot, "is_bot": true, "first_name": "Bot"},
                "text": text,
            }
        }));
    }

    /// Update kinds the intake does not handle (most are not even requested from Telegram).
    /// `edit_own`: the person may first write a message to edit (phase A).
    fn other_kind(&mut self, edit_own: bool) {
        self.count("other_kind");
        let user = self.requester();
        let from = json!({"id": user, "is_bot": false, "first_name": "U"});
        let update = match self.rng.below(7) {
            0 if !edit_own => json!({"edited_message": {"message_id": 1, "date": 0, "edit_date": 1,
                "chat": {"id": user, "type": "private", "first_name": "U"}, "from": from, "text": text(&mut self.rng)}}),
            0 => {
                let handle = self.user(user);
                let id = handle.send_text("typo");
                handle.edit_text(id, &text(&mut self.rng));
                return;
            }
            1 => {
                json!({"channel_post": {"message_id": 1, "date": 0, "chat": {"id": CHANNEL, "type": "channel", "title": "c"}, "text": text(&mut self.rng)}})
            }
            2 => {
                json!({"inline_query": {"id": "iq", "from": from, "query": text(&mut self.rng), "offset": ""}})
            }
            3 => {
                json!({"my_chat_member": {"chat": {"id": user, "type": "private", "first_name": "U"}, "from": from, "date": 0,
                "old_chat_member": {"status": "member", "user": from},
                "new_chat_member": {"status": "kicked", "until_date": 0, "user": from}}})
            }
            4 => {
                json!({"chat_member": {"chat": {"id": VOLUNTEER_GROUP, "type": "supergroup", "title": "v"}, "from": from, "date": 0,
                "old_chat_member": {"status": "left", "user": from},
                "new_chat_member": {"status": "member", "user": from}}})
            }
            5 => {
                json!({"poll": {"id": "p", "question": "q", "options": [], "total_voter_count": 0, "is_closed": false,
                "is_anonymous": true, "type": "regular", "allows_multiple_answers": false}})
            }
            _ => {
                json!({"message_reaction": {"chat": {"id": user, "type": "private"}, "message_id": 1, "date": 0,
                "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}]}})
            }
        };
        self.emu.push_raw_update(update);
    }

    /// Updates that do not follow the Bot API schema.
    fn malformed(&mut self) {
        self.count("malformed");
        let user = self.requester();
        let update = match self.rng.below(12) {
            0 => json!(self.rng.next_u64()),
            1 => json!(text(&mut self.rng)),
            2 => json!([1, 2, {"message": {}}]),
            3 => {
                json!({"message": {"text": 5, "chat": {"id": user, "type": "private"}, "from": {"id": user}}})
            }
            4 => json!({"message": {"message_id": 1, "date": "yesterday", "text": "hi"}}),
            5 => {
                json!({"message": {"message_id": 1, "date": 0, "chat": {"id": user, "type": "private"}, "text": text(&mut self.rng)}})
            }
            6 => json!({"callback_query": {"id": "q", "data": "sub"}}),
            7 => {
                json!({"callback_query": {"id": "q", "from": {"id": user, "is_bot": false, "first_name": "U"}, "chat_instance": "c", "data": "sub"}})
            }
            8 => {
                json!({"message": {"message_id": 1, "date": 0, "chat": {"id": user, "type": "weird"}, "from": {"id": user, "is_bot": false, "first_name": "U"}, "text": "/start"}})
            }
            9 => {
                json!({"message": {"message_id": 1, "date": 0, "chat": {"id": i64::MAX, "type": "private", "first_name": "U"},
                "from": {"id": i64::MAX, "is_bot": false, "first_name": "U", "language_code": "xx-\u{0}"}, "text": "/start"}})
            }
            10 => {
                json!({"message": {"message_id": 1, "date": 0, "chat": {"id": user, "type": "private", "first_name": "U"},
                "from": {"id": user + 1, "is_bot": false, "first_name": "U"}, "text": "/start"}})
            }
            _ => {
                // Deep, but within serde_json's recursion limit (deeper: the test below).
                let mut v = json!({"deep": 0});
                for _ in 0..90 {
                    v = json!({"message": v});
                }
                v
            }
        };
        self.emu.push_raw_update(update);
    }

    /// Phase A: anything.
    fn any_update(&mut self) {
        match self.rng.below(100) {
            0..40 => {
                let id = self.requester();
                self.journey_step(id);
            }
            40..48 => {
                self.count("private_text");
                let id = if self.rng.chance(0.5) {
                    FIRST_REQUESTER + self.rng.below(FLOODERS as usize) as i64
                } else {
                    self.anyone()
                };
                let t = text(&mut self.rng);
                self.user(id).send_text(&t);
            }
            48..58 => {
                self.count("command");
                let who = self.anyone();
                let handle = self.user(who);
                let c = command(&mut self.rng);
                self.send_command(&handle, &c);
            }
            58..66 => {
                let who = self.anyone();
                let handle = self.user(who);
                self.random_press(&handle);
            }
            66..70 => self.foreign_press(true),
            70..76 => {
                let who = self.anyone();
                let handle = self.user(who);
                self.media(&handle);
            }
            76..81 => self.group_message(true),
            81..84 => self.bot_writes(),
            84..90 => self.other_kind(true),
            _ => self.malformed(),
        }
    }

    /// Phase B: only what may change nothing. `state` is each requester's survey position and
    /// whether they have a case, read from the database before the phase.
    fn forbidden_update(&mut self, at: &BTreeMap<i64, (Option<String>, bool)>) {
        match self.rng.below(100) {
            0..25 => {
                // Staff commands from people who are not staff, in private.
                self.count("staff_command_by_requester");
                let id = self.requester();
                let name = self.rng.pick(&STAFF_COMMANDS).to_string();
                let arg = self.rng.range(-1, 60);
                self.user(id).send_command(&format!("{name} {arg}"));
            }
            25..40 => {
                // Staff buttons, and intake buttons that are stale or invalid for the person.
                self.count("forged_press");
                let id = self.requester();
                let handle = self.user(id);
                let current = at.get(&id).and_then(|(q, _)| q.clone());
                let has_case = at.get(&id).is_some_and(|(_, c)| *c);
                let n = self.rng.range(0, 60);
                let other = self
                    .survey
                    .questions
                    .iter()
                    .map(|q| q.id.clone())
                    .filter(|q| Some(q) != current.as_ref())
                    .collect::<Vec<_>>();
                let q = self.rng.pick(&other).clone();
                let data = match self.rng.below(10) {
                    0 => format!("cl:{n}"),
                    1 => format!("cs:{n}"),
                    2 => format!("dn:{n}:evacuated"),
                    3 => format!("qp:{n}"),
                    4 => format!("of:{}", self.rng.pick(&["r", "k"])),
                    5 if !has_case => format!("ck:{n}:s"),
                    6 => format!("a:{q}:{}", self.rng.below(3)),
                    7 => format!("t:{q}:0"),
                    8 => format!("a:{}:99", current.clone().unwrap_or(q)),
                    _ => text(&mut self.rng).chars().take(64).collect(),
                };
                let top = self.emu.sent_count_in(id) as i32 + 2;
                let pressed = handle.press(self.rng.range(1, top as i64) as i32, &data);
                self.presses.push((pressed, id));
            }
            40..50 => self.foreign_press(false),
            50..60 => {
                // Group chatter (no commands: in the volunteer group those may be staff work).
                self.group_message(false);
            }
            60..65 => {
                // Anyone's commands in groups the bot was merely added to.
                self.count("command_in_stranger_group");
                let chat = *self.rng.pick(&STRANGER_GROUPS);
                let from = self.requester();
                let c = format!(
                    "{} {}",
                    self.rng.pick(&STAFF_COMMANDS),
                    self.rng.range(1, 50)
                );
                self.emu.group(chat).from(from).send_command(&c);
            }
            65..72 => self.bot_writes(),
            72..80 => self.other_kind(false),
            80..92 => self.malformed(),
            _ => {
                // Media and stray text from people in the middle of a survey, where the
                // question expects buttons (refused), or without one (the consent screen).
                let id = self.requester();
                let (current, has_case) = at.get(&id).cloned().unwrap_or((None, false));
                let kind = current
                    .as_deref()
                    .and_then(|q| self.survey.question(q))
                    .map(|q| q.kind);
                let handle = self.user(id);
                match kind {
                    Some(Kind::Single | Kind::YesNo | Kind::Multi) => {
                        self.count("text_where_buttons_expected");
                        handle.send_text(&text(&mut self.rng));
                    }
                    Some(_) => {
                        self.count("sticker_mid_survey");
                        handle.send_sticker();
                    }
                    None if !has_case => {
                        self.count("help_without_survey");
                        handle.send_command("/help");
                    }
                    None => {
                        self.count("status_with_case");
                        handle.send_command("/status");
                    }
                }
            }
        }
    }
}

/// What a requester types as their place and phone: unique to them, to find it elsewhere.
fn place_of(id: i64) -> String {
    format!("Село-{id}-Крайнє")
}

fn phone_of(id: i64) -> String {
    format!("+38050{id:07}")
}

/// Messages to a requester that carry another requester's place or phone.
fn leaked_to_requesters(emu: &Emulator) -> Vec<String> {
    let requesters = FIRST_REQUESTER..FIRST_REQUESTER + REQUESTERS;
    let mut leaks = Vec::new();
    for reader in requesters.clone() {
        for m in emu.sent(reader) {
            let t = m.text_or_empty();
            for (marker, width) in [("Село-", 9), ("+38050", 7)] {
                for (at, _) in t.match_indices(marker) {
                    let digits: String = t[at + marker.len()..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .take(width)
                        .collect();
                    if let Ok(owner) = digits.parse::<i64>()
                        && owner != reader
                        && requesters.contains(&owner)
                    {
                        leaks.push(format!("{reader} was shown {owner}'s data: {t:?}"));
                    }
                }
            }
        }
    }
    leaks
}

/// People flood control muted or a supervisor banned (their updates are dropped unanswered,
/// on purpose: "one short message, then silence").
async fn silenced(db: &DbView) -> BTreeSet<i64> {
    let mut out = BTreeSet::new();
    for sql in [
        "SELECT telegram_id FROM flood",
        "SELECT telegram_id FROM bans",
    ] {
        if let Ok(ids) = sqlx::query_scalar::<_, i64>(sql).fetch_all(&db.pool).await {
            out.extend(ids);
        }
    }
    out
}

/// Every requester's position (question id, `None` at the summary or without a survey) and
/// whether they have a case.
async fn positions(db: &DbView) -> BTreeMap<i64, (Option<String>, bool)> {
    let mut out = BTreeMap::new();
    for id in FIRST_REQUESTER..FIRST_REQUESTER + REQUESTERS {
        let q = db
            .survey_state(id)
            .await
            .and_then(|(s, _)| match s.position {
                evac_intake::survey::Position::Question(q) => Some(q),
                evac_intake::survey::Position::Summary => None,
            });
        let has_case = !db.cases_of(id).await.is_empty();
        out.insert(id, (q, has_case));
    }
    out
}

/// The rows no forbidden update may change: every column but timestamps and bookkeeping, of
/// the tables that exist.
async fn guarded_rows(db: &DbView) -> Vec<String> {
    let mut out = Vec::new();
    for (table, skip) in [
        ("users", &["unreachable"][..]),
        // Bookkeeping: cleared once the next step is shown (requester/unshown.rs).
        ("survey_state", &["unshown_update"][..]),
        ("cases", &["escalations"][..]),
        ("volunteers", &[][..]),
        ("supervisors", &[][..]),
        ("bans", &[][..]),
        ("blocklist", &[][..]),
        ("case_notes", &[][..]),
    ] {
        let columns: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        ))
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let columns: Vec<String> = columns
            .into_iter()
            .filter(|c| !c.ends_with("_at") && !skip.contains(&c.as_str()))
            .collect();
        if columns.is_empty() {
            continue;
        }
        let select = columns
            .iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {select} FROM {table} ORDER BY 1"))
                .fetch_all(&db.pool)
                .await
                .unwrap();
        out.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
    }
    out
}

/// Role checks on whatever staff tables exist: only staff acted as staff.
async fn role_problems(db: &DbView, fuzz: &Fuzz) -> Vec<String> {
    let mut problems = Vec::new();
    // Who became staff, from the settings' supervisors on: each addition in the audit log by
    // someone who was a supervisor by then. Until nothing changes rather than in order: the
    // additions of different chats are handled concurrently (a supervisor added a moment ago
    // may act before the audit row of their own addition is written).
    let mut supervisors: BTreeSet<i64> = SUPERVISORS.into_iter().collect();
    let mut staff: BTreeSet<i64> = supervisors.clone();
    staff.extend(&fuzz.promoted);
    if let Ok(mut additions) = sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT action, actor_id, subject_id FROM audit_log
         WHERE action IN ('add_supervisor', 'add_volunteer') AND subject_id IS NOT NULL",
    )
    .fetch_all(&db.pool)
    .await
    {
        loop {
            let before = additions.len();
            additions.retain(|(action, actor, subject)| {
                let allowed = supervisors.contains(actor);
                if allowed {
                    if action == "add_supervisor" {
                        supervisors.insert(*subject);
                    }
                    staff.insert(*subject);
                }
                !allowed
            });
            if additions.len() == before {
                break;
            }
        }
    }
    staff.extend(&supervisors);
    if let Ok(rows) =
        sqlx::query_as::<_, (i64, i64)>("SELECT telegram_id, added_by FROM supervisors")
            .fetch_all(&db.pool)
            .await
    {
        for (id, by) in rows {
            if !supervisors.contains(&by) {
                problems.push(format!("supervisor {id} added by {by}, not a supervisor"));
            }
        }
    }
    let queries: [(&str, &BTreeSet<i64>); 4] = [
        ("SELECT telegram_id, added_by FROM volunteers", &supervisors),
        ("SELECT telegram_id, banned_by FROM bans", &supervisors),
        (
            "SELECT id, volunteer_id FROM cases WHERE volunteer_id IS NOT NULL",
            &staff,
        ),
        ("SELECT case_id, author_id FROM case_notes", &staff),
    ];
    for (sql, allowed) in queries {
        if let Ok(rows) = sqlx::query_as::<_, (i64, i64)>(sql)
            .fetch_all(&db.pool)
            .await
        {
            for (what, who) in rows {
                if !allowed.contains(&who) {
                    problems.push(format!("{sql}: row {what} by {who}, who may not"));
                }
            }
        }
    }
    let users: Vec<(i64, String)> = sqlx::query_as("SELECT telegram_id, role FROM users")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    for (id, role) in users {
        let ok = match role.as_str() {
            "supervisor" => supervisors.contains(&id),
            "volunteer" => staff.contains(&id),
            _ => {
                // Only people who pressed a consent button are stored as requesters.
                fuzz.consented.contains(&id) || staff.contains(&id) || id == NEWCOMER
            }
        };
        if !ok {
            problems.push(format!("users row {id} ({role}) that nobody may have made"));
        }
        if BOTS.contains(&id) || id < 0 {
            problems.push(format!("users row for {id} (a bot or a chat)"));
        }
    }
    problems
}

/// What the bot sent that Telegram refused, other than 403 (someone who blocked the bot or
/// never started it) and best-effort edits of old messages.
fn refused_sends(emu: &Emulator) -> Vec<String> {
    emu.calls()
        .into_iter()
        .filter(|c| !c.ok() && c.method != "getUpdates")
        .filter(|c| c.status != 403)
        .filter(|c| {
            let e = c.error.as_deref().unwrap_or_default();
            !(c.method.starts_with("edit")
                && (e.contains("not modified")
                    || e.contains("can't be edited")
                    || e.contains("not found")
                    || e.contains("text must be non-empty")
                    // A random press on a photo the bot sent (a /stats chart, a relayed
                    // photo) asks to edit a text it does not have: only forged presses do.
                    || e.contains("no text in the message to edit")))
        })
        .filter(|c| {
            !(c.method == "answerCallbackQuery"
                && c.error
                    .as_deref()
                    .is_some_and(|e| e.contains("query is too old")))
        })
        .map(|c| format!("{} {}: {:?} {}", c.method, c.status, c.error, c.params))
        .collect()
}

/// A newcomer fills in the survey by pressing the first button each time and gets a number.
async fn newcomer_registers(emu: &Emulator, survey: &Survey) -> Option<i64> {
    let me = emu.user(NEWCOMER).language("en");
    me.send_command("/start");
    for _ in 0..60 {
        must_settle(emu, "newcomer").await;
        if let Some(n) = emu
            .sent(NEWCOMER)
            .iter()
            .find(|m| m.text_or_empty().starts_with("Your request #"))
        {
            return e2e_common::case_number(n.text_or_empty());
        }
        match current_screen(emu, NEWCOMER, survey) {
            Screen::Consent {
                message_id,
                buttons,
            } => {
                let agree = buttons.iter().find(|(_, d)| d.starts_with("c:y"))?;
                me.press(message_id, &agree.1);
            }
            Screen::Summary { message_id, .. } => {
                me.press(message_id, "sub");
            }
            Screen::Question {
                message_id,
                id,
                buttons,
                ..
            } => match survey.question(&id)?.kind {
                Kind::Location => {
                    me.send_text("Kharkiv");
                }
                Kind::Phone => {
                    me.send_contact("+380671234567", Some(NEWCOMER));
                }
                Kind::Text => {
                    me.send_text("none");
                }
                Kind::Multi => {
                    let toggle = buttons.iter().find(|(_, d)| d.starts_with("t:"))?;
                    me.press(message_id, &toggle.1);
                    must_settle(emu, "newcomer").await;
                    me.press(message_id, &format!("d:{id}"));
                }
                _ => {
                    let answer = buttons.iter().find(|(_, d)| d.starts_with("a:"))?;
                    me.press(message_id, &answer.1);
                }
            },
            _ => {
                me.send_command("/start");
            }
        }
    }
    None
}

#[test]
fn ten_thousand_random_updates_change_nothing_they_may_not() {
    // Its own named runtime (what `#[tokio::test]` would build, plus the thread names), so that
    // panics in its tasks can be told from those of other tests.
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(FUZZ_THREADS)
        .enable_all()
        .build()
        .unwrap()
        .block_on(ten_thousand_random_updates())
}

async fn ten_thousand_random_updates() {
    let seed = seed("fuzz", 0xF022_2024);
    let panics = count_panics();
    let started = Instant::now();
    let emu = Emulator::start().await.unwrap();
    // The bot is an admin there (README: a banned volunteer is banned from the group too).
    emu.group(VOLUNTEER_GROUP)
        .title("Volunteers")
        .bot_admin(true, true);
    for v in VOLUNTEERS {
        emu.group(VOLUNTEER_GROUP).add_member(v);
    }
    for g in STRANGER_GROUPS {
        emu.group(g).title("Random group");
    }
    emu.register_chat(CHANNEL, ChatKind::Channel);
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("fuzz.db");
    let staff = Staff {
        supervisors: SUPERVISORS.to_vec(),
        volunteer_chat: Some(VOLUNTEER_GROUP),
    };
    let (app, running) = spawn_in_process(&emu, &db_path, &staff).await;
    let db = DbView::open(&db_path).await;
    let mut fuzz = Fuzz {
        emu: emu.clone(),
        survey: app.survey.as_ref().clone(),
        rng: Rng::new(seed),
        presses: Vec::new(),
        consented: BTreeSet::new(),
        promoted: BTreeSet::new(),
        kinds: BTreeMap::new(),
    };
    let langs = [
        Some("uk"),
        Some("ru"),
        Some("en"),
        None,
        Some("de"),
        Some(""),
    ];
    for id in FIRST_REQUESTER..FIRST_REQUESTER + REQUESTERS {
        let handle = emu.user(id);
        match langs[(id % langs.len() as i64) as usize] {
            Some(code) => handle.language(code),
            None => handle.no_language(),
        };
    }
    // Staff say hello first; the supervisor puts two volunteers on the roster.
    let sup = emu.user(SUPERVISORS[0]).language("uk");
    sup.send_command("/start");
    for v in &VOLUNTEERS[..2] {
        fuzz.send_command(&sup, &format!("/addvolunteer {v}"));
        fuzz.send_command(&sup, &format!("/trained {v}"));
        emu.user(*v).send_command("/start");
    }
    must_settle(&emu, "staff setup").await;

    // Phase A: anything goes.
    let mut pushed = 0;
    while pushed < PHASE_A {
        let batch = fuzz.rng.range(10, 40) as usize;
        for _ in 0..batch.min(PHASE_A - pushed) {
            fuzz.any_update();
            pushed += 1;
        }
        must_settle(&emu, &format!("phase A after {pushed} updates")).await;
    }
    // What phase A queued for staff goes out before phase B is watched.
    assert!(
        db.wait_outbox_idle(Duration::from_secs(60)).await,
        "the outbox did not drain after phase A"
    );
    let phase_a = started.elapsed();
    let problems = invariants(&db, &fuzz.survey, false).await;
    assert!(problems.is_empty(), "after phase A: {problems:#?}");

    // Phase B: nothing a role may not do changes anything.
    let before = guarded_rows(&db).await;
    let at = positions(&db).await;
    let group_sends = emu.sent_count_in(VOLUNTEER_GROUP);
    let mut pushed_b = 0;
    while pushed_b < PHASE_B {
        let batch = fuzz.rng.range(10, 40) as usize;
        for _ in 0..batch.min(PHASE_B - pushed_b) {
            fuzz.forbidden_update(&at);
            pushed_b += 1;
        }
        must_settle(&emu, &format!("phase B after {pushed_b} updates")).await;
    }
    let after = guarded_rows(&db).await;
    let changed: Vec<_> = before
        .iter()
        .filter(|r| !after.contains(r))
        .map(|r| format!("- {r}"))
        .chain(
            after
                .iter()
                .filter(|r| !before.contains(r))
                .map(|r| format!("+ {r}")),
        )
        .collect();
    assert!(
        changed.is_empty(),
        "phase B changed rows:\n{}",
        changed.join("\n")
    );
    assert_eq!(
        emu.sent_count_in(VOLUNTEER_GROUP),
        group_sends,
        "phase B made the bot post in the volunteer group: {:?}",
        emu.sent(VOLUNTEER_GROUP).last()
    );

    // Nothing ever went to groups the bot was merely added to, or to a channel. (Replies to
    // other bots are not checked: Telegram never delivers a bot's private message to a bot.)
    for chat in STRANGER_GROUPS.into_iter().chain([CHANNEL]) {
        assert_eq!(
            emu.sent_count_in(chat),
            0,
            "the bot wrote in chat {chat}: {:?}",
            emu.sent(chat)
        );
    }
    let problems = invariants(&db, &fuzz.survey, false).await;
    assert!(problems.is_empty(), "after phase B: {problems:#?}");
    let problems = role_problems(&db, &fuzz).await;
    assert!(problems.is_empty(), "roles: {problems:#?}");
    let leaks = leaked_to_requesters(&emu);
    assert!(leaks.is_empty(), "privacy: {leaks:#?}");
    let silenced = silenced(&db).await;
    let (quiet, unanswered): (Vec<&Press>, Vec<&Press>) = fuzz
        .presses
        .iter()
        .filter(|(id, _)| !emu.is_answered(id))
        .partition(|(_, user)| silenced.contains(user));
    assert!(
        unanswered.is_empty(),
        "{} of {} button presses were never answered (the button spins), e.g. {:?}",
        unanswered.len(),
        fuzz.presses.len(),
        unanswered.first()
    );
    let refused = refused_sends(&emu);
    assert!(
        refused.is_empty(),
        "Telegram refused {} requests, e.g.:\n{}",
        refused.len(),
        refused
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );

    // Still alive: a newcomer registers a request.
    assert!(!running.task.is_finished(), "the polling task ended");
    let number = newcomer_registers(&emu, &fuzz.survey).await;
    assert!(
        number.is_some(),
        "a newcomer could not register after the fuzz: {:?}",
        emu.sent(NEWCOMER)
            .iter()
            .map(|m| m.text_or_empty().to_owned())
            .collect::<Vec<_>>()
    );
    assert_eq!(panics.load(Ordering::SeqCst), 0, "something panicked");
    println!(
        "fuzz: {} updates (phase A {:?}, total {:?}); kinds {:?}; {} cases, {} surveys, {} presses \
         ({} unanswered, all from the {} people muted or banned)",
        PHASE_A + PHASE_B,
        phase_a,
        started.elapsed(),
        fuzz.kinds,
        db.count("SELECT COUNT(*) FROM cases").await,
        db.count("SELECT COUNT(*) FROM survey_state").await,
        fuzz.presses.len(),
        quiet.len(),
        silenced.len(),
    );
    running.stop().await;
    db.close().await;
}

/// One update teloxide cannot parse at all (nested deeper than serde_json's recursion limit
/// of 128) makes the whole getUpdates answer unreadable. It must not stop the bot from
/// handling everyone else's updates, and the failure must not print the raw updates (other
/// people's messages) into the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unparseable_update_neither_stalls_the_bot_nor_leaks_the_batch_into_the_log() {
    let emu = Emulator::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("bot.log");
    let mut bot = e2e_common::spawn_binary(
        &emu,
        &dir.path().join("bot.db"),
        &Staff::default(),
        "info",
        &log,
    );
    let _db = DbView::open_when_ready(&dir.path().join("bot.db")).await;
    let person = emu.user(701).language("en");
    person.send_text("my address is POISON-NEIGHBOUR street 5");
    let mut deep = json!({"deep": 0});
    for _ in 0..200 {
        deep = json!({"message": deep});
    }
    emu.push_raw_update(deep);
    person.send_command("/start");
    let answered = e2e_common::settle(&emu, std::time::Duration::from_secs(15)).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    bot.kill();
    let text = std::fs::read_to_string(&log).unwrap();
    let leaks: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("POISON-NEIGHBOUR"))
        .map(|l| &l[..l.len().min(300)])
        .collect();
    let mut problems = Vec::new();
    if !answered || emu.sent_count_in(701) < 2 {
        problems.push(format!(
            "the bot is stuck behind the unparseable update ({} pending, {} replies)",
            emu.pending_updates(),
            emu.sent_count_in(701)
        ));
    }
    if !leaks.is_empty() {
        problems.push(format!(
            "{} log lines carry the person's message, e.g. {:?}",
            leaks.len(),
            leaks[0]
        ));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
