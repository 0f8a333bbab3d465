//! The durable outbox against the Bot API emulator: what is queued is sent once, in order per
//! chat, through 429s, dropped connections, blocked users, crashes and racing senders.
//! Time is a ManualClock: backoffs and retry_after are skipped by moving it, never by sleeping.

use std::{path::PathBuf, sync::Arc};

use botapi_emulator::{Emulator, FaultKind, Faults};
use evac_intake::{
    clock::ManualClock,
    db::{Db, OutboxCounts, OutboxStatus},
    outbox::{AfterSent, Envelope, LEASE_SECS, Outbox, Payload},
};
use teloxide::{
    Bot,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

const T0: i64 = 1_700_000_000;
const GROUP: i64 = -1_001_234_567_890;

struct Env {
    _dir: tempfile::TempDir,
    path: PathBuf,
    emu: Emulator,
    clock: ManualClock,
    db: Db,
    outbox: Outbox,
}

fn bot(emu: &Emulator) -> Bot {
    Bot::new("123456789:TESTtokenTESTtoken").set_api_url(emu.api_url().parse().unwrap())
}

async fn connect(path: &std::path::Path) -> Db {
    Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()
}

impl Env {
    async fn new() -> Env {
        Env::with_throttle(false).await
    }

    async fn with_throttle(throttle: bool) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let emu = Emulator::start().await.unwrap();
        let clock = ManualClock::at(T0);
        let db = connect(&path).await;
        let outbox = Outbox::new(db.clone(), bot(&emu), Arc::new(clock.clone()), throttle);
        Env {
            _dir: dir,
            path,
            emu,
            clock,
            db,
            outbox,
        }
    }

    fn now(&self) -> i64 {
        use evac_intake::clock::Clock;
        self.clock.now()
    }

    /// A person who pressed Start (so the bot may write to them).
    fn person(&self, id: i64) {
        self.emu.user(id).send_text("/start");
    }

    async fn enqueue(&self, envelopes: &[Envelope]) -> Vec<i64> {
        self.db.enqueue(envelopes, self.now()).await.unwrap()
    }

    async fn row(&self, id: i64) -> Row {
        let (status, attempts, next_attempt_at, sent_message_id): (String, i64, i64, Option<i64>) =
            sqlx::query_as(
                "SELECT status, attempts, next_attempt_at, sent_message_id FROM outbox WHERE id = ?",
            )
            .bind(id)
            .fetch_one(self.db.pool())
            .await
            .unwrap();
        Row {
            status: OutboxStatus::parse(&status).unwrap(),
            attempts,
            next_attempt_at,
            sent_message_id,
        }
    }

    async fn counts(&self) -> OutboxCounts {
        self.db.outbox_counts().await.unwrap()
    }

    async fn new_case(&self) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO cases (priority, language, created_at, updated_at)
             VALUES ('critical', 'uk', 0, 0) RETURNING id",
        )
        .fetch_one(self.db.pool())
        .await
        .unwrap()
    }

    async fn add_user(&self, id: i64) {
        sqlx::query(
            "INSERT INTO users (telegram_id, language, created_at, updated_at) VALUES (?, 'uk', 0, 0)",
        )
        .bind(id)
        .execute(self.db.pool())
        .await
        .unwrap();
    }

    async fn unreachable(&self, id: i64) -> i64 {
        sqlx::query_scalar("SELECT unreachable FROM users WHERE telegram_id = ?")
            .bind(id)
            .fetch_one(self.db.pool())
            .await
            .unwrap()
    }

    /// The texts the bot sent to a chat, in order.
    fn texts(&self, chat: i64) -> Vec<String> {
        self.emu
            .sent(chat)
            .iter()
            .map(|m| m.text_or_empty().to_owned())
            .collect()
    }
}

#[derive(Debug)]
struct Row {
    status: OutboxStatus,
    attempts: i64,
    next_attempt_at: i64,
    sent_message_id: Option<i64>,
}

fn claim_keyboard() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        "Claim", "claim:7",
    )]])
}

#[tokio::test]
async fn queued_text_is_sent_at_once_with_its_keyboard() {
    let env = Env::new().await;
    env.emu.group(GROUP);
    let ids = env
        .enqueue(&[Envelope::text(GROUP, "Case #7: critical").with_markup(claim_keyboard())])
        .await;

    env.outbox.flush(&ids).await;

    let sent = env.emu.sent(GROUP);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].text_or_empty(), "Case #7: critical");
    assert_eq!(sent[0].kind, "text");
    assert_eq!(sent[0].parse_mode, None);
    assert_eq!(
        sent[0].buttons(),
        vec![("Claim".to_owned(), "claim:7".to_owned())]
    );
    let row = env.row(ids[0]).await;
    assert_eq!(row.status, OutboxStatus::Sent);
    assert_eq!(row.sent_message_id, Some(i64::from(sent[0].message_id)));
}

#[tokio::test]
async fn a_copy_hides_who_sent_the_original() {
    let env = Env::new().await;
    env.person(601);
    let original = env
        .emu
        .user(501)
        .send_text("We are in the basement, 3 people");

    let ids = env.enqueue(&[Envelope::copy(601, 501, original)]).await;
    env.outbox.flush(&ids).await;

    let copy = env.emu.last_sent(601).unwrap();
    assert_eq!(copy.kind, "copy");
    assert_eq!(copy.text_or_empty(), "We are in the basement, 3 people");
    assert_eq!(copy.copy_of, Some((501, original)));
    assert!(copy.message.get("forward_origin").is_none());
    assert!(copy.message.get("forward_from").is_none());
    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Sent);
}

#[tokio::test]
async fn a_case_card_is_recorded_with_the_message_id_telegram_gave_it() {
    let env = Env::new().await;
    env.emu.group(GROUP);
    env.person(601);
    let case = env.new_case().await;
    let ids = env
        .enqueue(&[
            Envelope::text(GROUP, "Case card")
                .with_markup(claim_keyboard())
                .for_case(case)
                .after(AfterSent::RecordCard { case_id: case }),
            Envelope::text(601, "Case card")
                .for_case(case)
                .after(AfterSent::RecordCard { case_id: case }),
        ])
        .await;

    env.outbox.flush(&ids).await;

    let cards: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT case_id, chat_id, message_id FROM case_cards ORDER BY chat_id")
            .fetch_all(env.db.pool())
            .await
            .unwrap();
    let in_group = env.emu.last_sent(GROUP).unwrap().message_id;
    let in_private = env.emu.last_sent(601).unwrap().message_id;
    assert_eq!(
        cards,
        vec![
            (case, GROUP, i64::from(in_group)),
            (case, 601, i64::from(in_private))
        ]
    );
}

#[tokio::test]
async fn a_relayed_copy_is_recorded_so_replies_find_their_case() {
    let env = Env::new().await;
    env.person(601);
    let case = env.new_case().await;
    let original = env.emu.user(501).send_text("Is anyone coming?");
    let ids = env
        .enqueue(&[Envelope::copy(601, 501, original)
            .for_case(case)
            .after(AfterSent::RecordRelay { case_id: case })])
        .await;

    env.outbox.flush(&ids).await;

    let relayed: Vec<(i64, i64, i64, i64)> =
        sqlx::query_as("SELECT chat_id, message_id, case_id, created_at FROM relay_map")
            .fetch_all(env.db.pool())
            .await
            .unwrap();
    let copy = env.emu.last_sent(601).unwrap();
    assert_eq!(copy.kind, "copy");
    assert_eq!(
        relayed,
        vec![(601, i64::from(copy.message_id), case, env.now())]
    );
}

#[tokio::test]
async fn messages_to_one_chat_keep_their_order_even_when_the_first_fails() {
    let env = Env::new().await;
    env.person(601);
    env.person(602);
    let texts = ["one", "two", "three", "four", "five"];
    let mut envelopes: Vec<Envelope> = texts.iter().map(|t| Envelope::text(601, *t)).collect();
    envelopes.push(Envelope::text(602, "other chat"));
    let ids = env.enqueue(&envelopes).await;
    env.emu.fail_next("sendMessage", 1, FaultKind::Drop);

    env.outbox.flush(&ids).await;
    // "one" failed: the rest of its chat waits behind it; the other chat is not held up.
    assert_eq!(env.texts(601), Vec::<String>::new());
    assert_eq!(env.texts(602), vec!["other chat"]);

    env.clock.advance(1);
    env.outbox.deliver_due().await;
    assert_eq!(env.texts(601), texts);
}

#[tokio::test]
async fn retry_after_is_honoured_before_the_message_is_sent_once() {
    let env = Env::new().await;
    env.person(601);
    let ids = env.enqueue(&[Envelope::text(601, "Alert")]).await;
    env.emu
        .fail_next("sendMessage", 1, FaultKind::RetryAfter(7));

    env.outbox.flush(&ids).await;
    let row = env.row(ids[0]).await;
    assert_eq!(row.status, OutboxStatus::Pending);
    assert_eq!(row.next_attempt_at, T0 + 7);
    assert_eq!(row.attempts, 0, "a 429 is not counted as an attempt");

    env.clock.advance(6);
    assert_eq!(env.outbox.deliver_due().await, 0, "not before retry_after");
    env.clock.advance(1);
    assert_eq!(env.outbox.deliver_due().await, 1);
    assert_eq!(env.outbox.deliver_due().await, 0);
    assert_eq!(env.texts(601), vec!["Alert"]);
    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Sent);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_and_the_message_sent_once() {
    let env = Env::new().await;
    env.person(601);
    let ids = env.enqueue(&[Envelope::text(601, "Alert")]).await;
    env.emu.fail_next("sendMessage", 2, FaultKind::Drop);

    env.outbox.flush(&ids).await;
    let row = env.row(ids[0]).await;
    assert_eq!(
        (row.status, row.attempts, row.next_attempt_at),
        (OutboxStatus::Pending, 1, T0 + 1)
    );
    env.clock.advance(1);
    env.outbox.deliver_due().await;
    let row = env.row(ids[0]).await;
    assert_eq!(
        (row.status, row.attempts, row.next_attempt_at),
        (OutboxStatus::Pending, 2, T0 + 1 + 2),
        "the backoff doubles"
    );
    env.clock.advance(2);
    env.outbox.deliver_due().await;

    assert_eq!(env.texts(601), vec!["Alert"]);
    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Sent);
}

#[tokio::test]
async fn transient_errors_give_up_as_failed_after_ten_attempts() {
    let env = Env::new().await;
    env.person(601);
    let ids = env.enqueue(&[Envelope::text(601, "Alert")]).await;
    env.emu.fail_next("sendMessage", 10, FaultKind::Drop);

    for _ in 0..20 {
        env.outbox.deliver_due().await;
        env.clock.advance(300);
    }

    let row = env.row(ids[0]).await;
    assert_eq!((row.status, row.attempts), (OutboxStatus::Failed, 10));
    assert!(env.texts(601).is_empty());
    assert_eq!(env.emu.calls_to("sendMessage").len(), 10);
}

#[tokio::test]
async fn a_bad_request_fails_at_once_without_retrying() {
    let env = Env::new().await;
    // A group the bot is not in: 400 chat not found.
    let ids = env.enqueue(&[Envelope::text(-100_999, "Alert")]).await;

    env.outbox.flush(&ids).await;
    env.clock.advance(600);
    env.outbox.deliver_due().await;

    let row = env.row(ids[0]).await;
    assert_eq!((row.status, row.attempts), (OutboxStatus::Failed, 1));
    assert_eq!(env.emu.calls_to("sendMessage").len(), 1);
}

#[tokio::test]
async fn a_person_who_blocked_the_bot_is_undeliverable_and_marked_unreachable() {
    let env = Env::new().await;
    env.add_user(501).await;
    env.person(501);
    env.emu.block(501);
    let ids = env
        .enqueue(&[Envelope::text(501, "A volunteer took your case")])
        .await;

    env.outbox.flush(&ids).await;

    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Undeliverable);
    assert_eq!(env.unreachable(501).await, 1);
    env.clock.advance(600);
    assert_eq!(env.outbox.deliver_due().await, 0, "not retried");
}

#[tokio::test]
async fn a_person_who_never_started_the_bot_is_marked_unreachable() {
    let env = Env::new().await;
    env.add_user(502).await;
    // No /start: Telegram answers "Forbidden: bot can't initiate conversation with a user".
    let ids = env.enqueue(&[Envelope::text(502, "Check-in")]).await;

    env.outbox.flush(&ids).await;

    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Undeliverable);
    assert_eq!(env.unreachable(502).await, 1);
}

#[tokio::test]
async fn editing_a_card_marks_it_taken_and_an_edit_with_nothing_to_change_counts_as_done() {
    let env = Env::new().await;
    env.emu.group(GROUP);
    let ids = env
        .enqueue(&[Envelope::text(GROUP, "Case #7").with_markup(claim_keyboard())])
        .await;
    env.outbox.flush(&ids).await;
    let card = env.emu.last_sent(GROUP).unwrap().message_id;

    let taken = env
        .enqueue(&[
            Envelope::edit(GROUP, card, "Case #7: taken"),
            Envelope::edit(GROUP, card, "Case #7: taken"),
            Envelope::edit(GROUP, 9999, "Case #8: taken"),
        ])
        .await;
    env.outbox.flush(&taken).await;

    let now = env.emu.sent_message(GROUP, card).unwrap();
    assert_eq!(now.text_or_empty(), "Case #7: taken");
    assert!(now.buttons().is_empty(), "the Claim button is gone");
    for id in taken {
        assert_eq!(env.row(id).await.status, OutboxStatus::Sent);
    }
}

#[tokio::test]
async fn after_a_simulated_crash_sends_each_pending_message_exactly_once() {
    let env = Env::new().await;
    let chats = [601, 602, 603, 604];
    for chat in chats {
        env.person(chat);
    }
    let mut envelopes = Vec::new();
    for chat in chats {
        for n in 1..=3 {
            envelopes.push(Envelope::text(chat, format!("chat {chat} message {n}")));
        }
    }
    let ids = env.enqueue(&envelopes).await;
    // A sender leases the heads of two chats, then dies before sending anything.
    let leased = env
        .db
        .lease_outbox(None, env.now(), LEASE_SECS, 2)
        .await
        .unwrap();
    assert_eq!(leased.len(), 2);

    // Restart: a new database handle and a new outbox over the same file.
    let Env {
        _dir,
        path,
        emu,
        clock,
        db,
        outbox,
    } = env;
    drop(outbox);
    db.pool().close().await;
    let db = connect(&path).await;
    let outbox = Outbox::new(db.clone(), bot(&emu), Arc::new(clock.clone()), false);
    let env = Env {
        _dir,
        path,
        emu,
        clock,
        db,
        outbox,
    };

    // While the dead sender's lease lasts, its chats wait; the others are sent.
    assert_eq!(env.outbox.deliver_due().await, 6);
    env.clock.advance(LEASE_SECS);
    assert_eq!(env.outbox.deliver_due().await, 6);
    assert_eq!(env.outbox.deliver_due().await, 0);

    for chat in chats {
        let expected: Vec<String> = (1..=3)
            .map(|n| format!("chat {chat} message {n}"))
            .collect();
        assert_eq!(env.texts(chat), expected, "chat {chat}");
    }
    assert_eq!(env.emu.sent_count(), 12);
    for id in ids {
        assert_eq!(env.row(id).await.status, OutboxStatus::Sent);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_senders_send_each_message_once() {
    let env = Env::new().await;
    let chats: Vec<i64> = (701..=710).collect();
    for chat in &chats {
        env.person(*chat);
    }
    let mut envelopes = Vec::new();
    for n in 1..=3 {
        for chat in &chats {
            envelopes.push(Envelope::text(*chat, format!("chat {chat} message {n}")));
        }
    }
    let ids = env.enqueue(&envelopes).await;

    let mut senders = Vec::new();
    for i in 0..20 {
        let outbox = env.outbox.clone();
        let ids = ids.clone();
        senders.push(tokio::spawn(async move {
            if i % 2 == 0 {
                outbox.flush(&ids).await;
            } else {
                outbox.deliver_due().await;
            }
        }));
    }
    for sender in senders {
        sender.await.unwrap();
    }
    // Whatever the race left behind (a flush that lost a chat to another sender) goes now.
    env.outbox.deliver_due().await;

    for chat in &chats {
        let expected: Vec<String> = (1..=3)
            .map(|n| format!("chat {chat} message {n}"))
            .collect();
        assert_eq!(env.texts(*chat), expected, "chat {chat}");
    }
    assert_eq!(env.emu.sent_count(), 30);
    assert_eq!(env.counts().await.sent, 30);
}

#[tokio::test]
async fn a_dedupe_key_makes_a_second_enqueue_a_no_op() {
    let env = Env::new().await;
    env.emu.group(GROUP);
    let card = || Envelope::text(GROUP, "Case #7").dedupe("card:7:group");

    let first = env.enqueue(&[card()]).await;
    let second = env.enqueue(&[card()]).await;
    assert_eq!(first, second, "the existing row's id");
    assert_eq!(env.counts().await.pending, 1);

    env.outbox.flush(&second).await;
    let third = env.enqueue(&[card()]).await;
    assert_eq!(third, first);
    env.outbox.deliver_due().await;
    assert_eq!(env.texts(GROUP), vec!["Case #7"]);
}

#[tokio::test]
async fn notifications_queued_in_a_rolled_back_transaction_are_never_sent() {
    let env = Env::new().await;
    env.person(601);

    let mut tx = env.db.pool().begin().await.unwrap();
    Db::enqueue_in(&mut tx, &[Envelope::text(601, "rolled back")], env.now())
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let mut tx = env.db.pool().begin().await.unwrap();
    let ids = Db::enqueue_in(&mut tx, &[Envelope::text(601, "committed")], env.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(env.outbox.deliver_due().await, 1);
    assert_eq!(env.texts(601), vec!["committed"]);
    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Sent);
}

#[tokio::test]
async fn the_worker_sends_what_is_queued_when_woken() {
    let env = Env::new().await;
    env.person(601);
    let worker = env.outbox.spawn_worker();

    env.enqueue(&[Envelope::text(601, "Check-in: are you safe?")])
        .await;
    env.outbox.wake();
    let sent = env
        .emu
        .wait_for_sent(601, 1, std::time::Duration::from_secs(5))
        .await;
    worker.abort();

    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].text_or_empty(), "Check-in: are you safe?");
}

#[tokio::test]
async fn the_throttled_outbox_sends_through_teloxides_throttle() {
    let env = Env::with_throttle(true).await;
    env.emu.group(GROUP);
    env.person(601);
    let ids = env
        .enqueue(&[
            Envelope::text(GROUP, "to the group"),
            Envelope::text(601, "to a volunteer"),
        ])
        .await;
    env.emu
        .fail_next("sendMessage", 1, FaultKind::RetryAfter(3));

    env.outbox.flush(&ids).await;

    // The throttle's own retry is off: the 429 goes back to the outbox.
    let rows = [env.row(ids[0]).await, env.row(ids[1]).await];
    let waiting: Vec<_> = rows
        .iter()
        .filter(|r| r.status == OutboxStatus::Pending)
        .collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].next_attempt_at, T0 + 3);
    assert_eq!(env.emu.sent_count(), 1);
}

#[tokio::test]
async fn purging_deletes_finished_rows_and_keeps_unsent_ones() {
    let env = Env::new().await;
    env.person(601);
    let sent = env.enqueue(&[Envelope::text(601, "sent")]).await;
    env.outbox.flush(&sent).await;
    let failed = env.enqueue(&[Envelope::text(-100_999, "failed")]).await;
    env.outbox.flush(&failed).await;
    env.clock.advance(10);
    let pending = env.enqueue(&[Envelope::text(601, "later")]).await;

    assert_eq!(env.db.purge_sent_outbox(T0 + 5).await.unwrap(), 2);
    let left: Vec<i64> = sqlx::query_scalar("SELECT id FROM outbox")
        .fetch_all(env.db.pool())
        .await
        .unwrap();
    assert_eq!(left, pending);
}

#[tokio::test]
async fn under_chaos_every_message_is_sent_once_or_given_up_and_none_is_lost() {
    let env = Env::new().await;
    let chats: Vec<i64> = (801..=820).collect();
    for chat in &chats {
        env.person(*chat);
    }
    let mut envelopes = Vec::new();
    for n in 0..10 {
        for chat in &chats {
            envelopes.push(Envelope::text(*chat, format!("chat {chat} message {n}")));
        }
    }
    let ids = env.enqueue(&envelopes).await;
    assert_eq!(ids.len(), 200);
    env.emu.set_faults(Faults::chaos(0.1, 0xC4A05));

    let mut rounds = 0;
    loop {
        env.outbox.deliver_due().await;
        let counts = env.counts().await;
        if counts.pending + counts.sending == 0 {
            break;
        }
        rounds += 1;
        assert!(
            rounds < 100,
            "still pending after {rounds} rounds: {counts:?}"
        );
        env.clock.advance(300);
    }
    env.emu.clear_faults();

    let faults = env
        .emu
        .calls_to("sendMessage")
        .iter()
        .filter(|c| c.fault.is_some())
        .count();
    assert!(faults > 0, "the chaos injected no fault");

    let counts = env.counts().await;
    assert_eq!(counts.sent + counts.failed + counts.undeliverable, 200);
    for (id, envelope) in ids.iter().zip(&envelopes) {
        let row = env.row(*id).await;
        let text = match &envelope.payload {
            Payload::Text { text, .. } => text.clone(),
            _ => unreachable!(),
        };
        let times = env
            .texts(envelope.chat_id)
            .iter()
            .filter(|t| **t == text)
            .count();
        let expected = usize::from(row.status == OutboxStatus::Sent);
        assert_eq!(times, expected, "{text}: {row:?}");
    }
    // And each chat got its messages in order.
    for chat in &chats {
        let texts = env.texts(*chat);
        let mut sorted = texts.clone();
        sorted.sort_by_key(|t| t.rsplit(' ').next().unwrap().parse::<u32>().unwrap());
        assert_eq!(texts, sorted, "chat {chat}");
    }
}

/// The emergency guidance must be out before the next question: when the worker took the row
/// first (and its send is slow), flush_waiting waits for that send instead of skipping it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_must_be_read_first_is_waited_for_while_another_sender_holds_it() {
    let env = Env::new().await;
    env.person(801);
    let ids = env
        .enqueue(&[Envelope::text(801, "🚨 guidance".to_string())])
        .await;
    env.emu.fail_next(
        "sendMessage",
        1,
        FaultKind::Slow(std::time::Duration::from_millis(800)),
    );
    let worker = env.outbox.clone();
    let worker_ids = ids.clone();
    let held = tokio::spawn(async move { worker.flush(&worker_ids).await });
    for _ in 0..100 {
        if env.row(ids[0]).await.status == OutboxStatus::Sending {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Sending);

    env.outbox
        .flush_waiting(&ids, std::time::Duration::from_secs(5))
        .await;
    let texts: Vec<String> = env
        .emu
        .sent(801)
        .iter()
        .map(|m| m.text_or_empty().to_string())
        .collect();
    assert_eq!(
        texts,
        ["🚨 guidance"],
        "returned before the message was out"
    );
    assert_eq!(env.row(ids[0]).await.status, OutboxStatus::Sent);
    held.await.unwrap();
}
