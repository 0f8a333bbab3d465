//! The network's public chats, as members and supervisors see them: the guard deletes fake
//! data and holds newcomers' links for review; bans reach every chat; three reports hide a
//! post; the bridge answers a cry for help with the private form's link and deletes a post
//! that gives its author away; dry mode deletes nothing; no post's text reaches the database.

use crate::{common, e2e_common, leftovers};

use botapi_emulator::Emulator;
use common::{Env, Person, Responses, all_text, count, texts_to};
use evac_intake::bot::App;
use teloxide::prelude::*;

const SUPERVISOR: i64 = 8001;
const TROLL: i64 = 8100;
const MEMBER: i64 = 8200;
const NEWBIE: i64 = 8300;
const REPORTERS: [i64; 3] = [8401, 8402, 8403];
const PUBLIC: i64 = -100_300;
const PUBLIC_2: i64 = -100_301;
const GROUP: i64 = -100_555;
const CHATS: &str = "-100300,-100301";

/// An app guarding two public chats (the bot an admin in both), and the supervisor, who reads
/// the bot in English.
async fn guarded(env: &Env, extra: &[(&str, &str)]) -> (App, Person) {
    let mut settings = vec![("PUBLIC_CHAT_IDS", CHATS)];
    settings.extend_from_slice(extra);
    let app = env.app_with(&settings).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    for chat in [PUBLIC, PUBLIC_2] {
        p.emu
            .group(chat)
            .title("Evac Kharkiv chat")
            .bot_admin(true, true);
    }
    p.emu.group(GROUP).bot_admin(true, true);
    p.say("/bans").await; // a staff command: the supervisor's language is stored
    (app, p)
}

/// `user` posts `text` in `chat`; the post's id and what the bot did.
async fn post(p: &mut Person, chat: i64, user: i64, text: &str) -> (i32, Responses) {
    p.switch_to(user, Some("uk"));
    let member = p.emu.group(chat).from(user);
    let mut id = 0;
    let r = p.send(|_| id = member.send_text(text)).await;
    (id, r)
}

/// `user` replies `text` to post `to` in `chat`.
async fn reply(p: &mut Person, chat: i64, user: i64, to: i32, text: &str) -> (i32, Responses) {
    p.switch_to(user, Some("uk"));
    let member = p.emu.group(chat).from(user);
    let mut id = 0;
    let r = p.send(|_| id = member.reply_text(to, text)).await;
    (id, r)
}

/// A member with a history: enough ordinary posts to be past the newcomer rule.
async fn regular(p: &mut Person, user: i64) {
    for i in 0..3 {
        post(p, PUBLIC, user, &format!("Доброго ранку всім, {i}")).await;
    }
}

fn deleted(emu: &Emulator, chat: i64, id: i32) -> bool {
    emu.group(chat).is_deleted(id)
}

#[tokio::test]
async fn a_blocked_phone_in_any_format_and_a_blocked_link_are_deleted_with_a_review_note() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    p.say("/blockphone +380 50 111 22 33").await;
    let r = p.say("/blocklink free-flats.site").await;
    assert!(all_text(&r, SUPERVISOR).contains("Marked as fake"));
    regular(&mut p, TROLL).await;

    for written in [
        "Безкоштовне житло, дзвоніть 050-111-22-33",
        "Житло для переселенців (050) 111 22 33",
        "Пишіть: +38 050 111 2233, все безкоштовно",
    ] {
        let (id, r) = post(&mut p, PUBLIC, TROLL, written).await;
        assert!(deleted(&p.emu, PUBLIC, id), "{written:?} stays");
        let to_supervisor = r.to(SUPERVISOR);
        assert_eq!(to_supervisor.len(), 2, "the post's copy, then the note");
        assert_eq!(to_supervisor[0].kind, "copy");
        let note = to_supervisor[1];
        assert!(
            note.text_or_empty()
                .contains("A phone number marked as fake")
                && note.text_or_empty().contains(&format!("author: {TROLL}"))
                && note.text_or_empty().contains("Evac Kharkiv chat"),
            "{:?}",
            note.text
        );
        let labels: Vec<String> = common::buttons(Some(note))
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(labels, ["🚫 Ban", "Unban", "✅ Trust"]);
    }
    let (id, r) = post(
        &mut p,
        PUBLIC,
        TROLL,
        "Житло тут: https://www.free-flats.site/kharkiv?id=5",
    )
    .await;
    assert!(deleted(&p.emu, PUBLIC, id));
    assert!(all_text(&r, SUPERVISOR).contains("A link marked as fake"));

    // A member's ordinary post with another number and a link stays.
    regular(&mut p, MEMBER).await;
    let (id, r) = post(
        &mut p,
        PUBLIC,
        MEMBER,
        "Волонтери Харкова: +380 67 123 45 67, https://example.org",
    )
    .await;
    assert!(!deleted(&p.emu, PUBLIC, id));
    assert!(r.to(SUPERVISOR).is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'guard_delete'"
        )
        .await,
        4
    );
}

#[tokio::test]
async fn a_newcomers_first_link_is_held_and_approve_trusts_them() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    let (id, r) = post(
        &mut p,
        PUBLIC,
        NEWBIE,
        "Дивіться тут https://example.com/flats",
    )
    .await;
    assert!(deleted(&p.emu, PUBLIC, id), "held");
    let note = r.to(SUPERVISOR).last().cloned().cloned().expect("a note");
    assert!(note.text_or_empty().contains("A newcomer's link"));
    assert!(
        note.text_or_empty()
            .contains("Approve trusts its author from now on")
    );
    let approve = common::buttons(Some(&note))
        .into_iter()
        .find(|(l, _)| l.contains("Approve"))
        .expect("Approve")
        .1;

    // A member who is not a supervisor cannot approve (forged press in the same note).
    p.switch_to(MEMBER, Some("en"));
    let r = p.press_on_moved(&approve, &note, MEMBER).await;
    assert!(r.to(MEMBER).is_empty() || !all_text(&r, MEMBER).contains("trusted"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM public_members WHERE trusted = 1"
        )
        .await,
        0
    );

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.press_on(&approve, &note).await;
    assert!(
        all_text(&r, SUPERVISOR).contains(&format!("{NEWBIE} is trusted now")),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    let (id, r) = post(&mut p, PUBLIC, NEWBIE, "Ще одне: https://example.com/bus").await;
    assert!(!deleted(&p.emu, PUBLIC, id), "trusted now");
    assert!(r.to(SUPERVISOR).is_empty());

    // Another newcomer: a forwarded channel post and a shared contact are held too, a plain
    // text is not; after three messages, links pass.
    let (id, _) = post(&mut p, PUBLIC, MEMBER, "Всім привіт").await;
    assert!(!deleted(&p.emu, PUBLIC, id));
    p.switch_to(MEMBER, Some("uk"));
    let member = p.emu.group(PUBLIC).from(MEMBER);
    let mut fwd = 0;
    let r = p
        .send(|_| fwd = member.send_forward_from_channel(-100_999, "Free flats", "Квартири"))
        .await;
    assert!(deleted(&p.emu, PUBLIC, fwd));
    assert!(all_text(&r, SUPERVISOR).contains("A newcomer's forward from a channel"));
    post(&mut p, PUBLIC, MEMBER, "Дякую").await;
    post(&mut p, PUBLIC, MEMBER, "Дякую ще раз").await;
    let (id, _) = post(&mut p, PUBLIC, MEMBER, "Розклад: https://example.com/bus").await;
    assert!(
        !deleted(&p.emu, PUBLIC, id),
        "past the first three messages"
    );
}

#[tokio::test]
async fn someone_who_joined_today_is_a_newcomer_however_much_they_wrote() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (_app, mut p) = guarded(&env, &[]).await;
    // The bot asks for chat_member updates, as the real listener does.
    p.bot
        .get_updates()
        .allowed_updates(evac_intake::bot::listener::allowed_updates())
        .timeout(0)
        .await
        .unwrap();
    p.switch_to(NEWBIE, Some("uk"));
    let group = p.emu.group(PUBLIC);
    p.send(|_| group.join(NEWBIE)).await;
    regular(&mut p, NEWBIE).await;
    regular(&mut p, NEWBIE).await;
    let (id, r) = post(&mut p, PUBLIC, NEWBIE, "Дзвоніть +380 67 123 45 67").await;
    assert!(deleted(&p.emu, PUBLIC, id));
    assert!(all_text(&r, SUPERVISOR).contains("A newcomer's phone number"));
}

#[tokio::test]
async fn ban_reaches_every_public_chat_and_the_volunteer_group_and_removes_recent_posts() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    let (a, _) = post(&mut p, PUBLIC, TROLL, "Привіт").await;
    let (b, _) = post(&mut p, PUBLIC_2, TROLL, "Привіт усім").await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/ban {TROLL} fake addresses")).await;
    assert!(
        all_text(&r, SUPERVISOR).contains("Banned in 3 chats too"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    for chat in [PUBLIC, PUBLIC_2, GROUP] {
        assert!(p.emu.group(chat).is_banned(TROLL), "not banned in {chat}");
    }
    assert!(deleted(&p.emu, PUBLIC, a) && deleted(&p.emu, PUBLIC_2, b));

    let r = p.say(&format!("/unban {TROLL}")).await;
    assert!(all_text(&r, SUPERVISOR).contains("is no longer banned"));
    for chat in [PUBLIC, PUBLIC_2, GROUP] {
        assert!(
            !p.emu.group(chat).is_banned(TROLL),
            "still banned in {chat}"
        );
    }
    // Banned in the bot again, they post: deleted and banned in that chat at once.
    p.say(&format!("/ban {TROLL} again")).await;
    p.say(&format!("/unban {TROLL}")).await;
    let mut tx = app.db.begin().await.unwrap();
    tx.ban(TROLL, "manual", SUPERVISOR, app.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (c, _) = post(&mut p, PUBLIC, TROLL, "Знову я").await;
    assert!(deleted(&p.emu, PUBLIC, c));
    assert!(p.emu.group(PUBLIC).is_banned(TROLL));
}

#[tokio::test]
async fn a_supervisor_replying_ban_in_a_chat_bans_the_author_everywhere_and_a_member_cannot() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    let (troll_post, _) = post(&mut p, PUBLIC, TROLL, "Укриття на Лісовій 7 вільне").await;

    let (cmd, r) = reply(&mut p, PUBLIC, MEMBER, troll_post, "/ban fake").await;
    assert!(!p.emu.group(PUBLIC).is_banned(TROLL), "a member cannot ban");
    assert!(!deleted(&p.emu, PUBLIC, cmd));
    assert!(r.to(MEMBER).is_empty() && r.to(PUBLIC).is_empty());

    let (cmd, r) = reply(&mut p, PUBLIC, SUPERVISOR, troll_post, "/ban fake shelter").await;
    for chat in [PUBLIC, PUBLIC_2, GROUP] {
        assert!(p.emu.group(chat).is_banned(TROLL), "not banned in {chat}");
    }
    assert!(deleted(&p.emu, PUBLIC, cmd), "the command message goes");
    assert!(deleted(&p.emu, PUBLIC, troll_post), "their post goes");
    assert!(
        all_text(&r, SUPERVISOR).contains(&format!("User {TROLL} is banned")),
        "told privately: {:?}",
        texts_to(&r, SUPERVISOR)
    );
    assert!(r.to(PUBLIC).is_empty(), "nothing said in the chat");
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM bans WHERE telegram_id = {TROLL}")
        )
        .await,
        1
    );
}

#[tokio::test]
async fn three_members_reports_delete_a_post_pending_review() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    regular(&mut p, TROLL).await;
    let (bad, _) = post(
        &mut p,
        PUBLIC,
        TROLL,
        "Евакуація тільки за передоплату 5000",
    )
    .await;

    let (first, r) = reply(&mut p, PUBLIC, REPORTERS[0], bad, "/report").await;
    assert!(deleted(&p.emu, PUBLIC, first), "the /report message goes");
    assert!(
        !deleted(&p.emu, PUBLIC, bad),
        "one report does not hide a post"
    );
    let note = r.to(SUPERVISOR).last().cloned().cloned().expect("a note");
    assert!(note.text_or_empty().contains("Reported by 1 member"));
    let labels: Vec<String> = common::buttons(Some(&note))
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(labels, ["🗑 Delete", "🚫 Ban", "Dismiss"]);
    // The same member again: not counted.
    let (_, r) = reply(&mut p, PUBLIC, REPORTERS[0], bad, "/report").await;
    assert!(r.to(SUPERVISOR).is_empty());

    reply(&mut p, PUBLIC, REPORTERS[1], bad, "/report").await;
    assert!(!deleted(&p.emu, PUBLIC, bad));
    let (_, r) = reply(&mut p, PUBLIC, REPORTERS[2], bad, "/report").await;
    assert!(deleted(&p.emu, PUBLIC, bad), "three members: deleted");
    assert!(all_text(&r, SUPERVISOR).contains("Reported by 3 members"));
    assert!(all_text(&r, SUPERVISOR).contains("deleted until you look"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM post_reports").await,
        3,
        "distinct reporters"
    );

    // Dismiss clears them.
    p.switch_to(SUPERVISOR, Some("en"));
    let dismiss = common::buttons(Some(&note))[2].1.clone();
    let r = p.press_on(&dismiss, &note).await;
    assert!(all_text(&r, SUPERVISOR).contains("reports are dismissed"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM post_reports").await, 0);
}

#[tokio::test]
async fn the_bridge_answers_a_cry_for_help_with_the_form_and_deletes_a_post_that_gives_a_phone() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    regular(&mut p, MEMBER).await;
    let (cry, r) = post(
        &mut p,
        PUBLIC,
        MEMBER,
        "Люди, допоможіть виїхати з Куп'янська, нас троє",
    )
    .await;
    assert!(!deleted(&p.emu, PUBLIC, cry));
    let answer = r.last_to(PUBLIC).cloned().expect("a reply in the chat");
    assert!(
        answer.text_or_empty().starts_with("🚨"),
        "112 first: {:?}",
        answer.text
    );
    assert!(
        answer.text_or_empty().contains("приватному чаті"),
        "{:?}",
        answer.text
    );
    let button = format!("{:?}", answer.reply_markup);
    assert!(button.contains("?start=chat"), "{button}");
    // Once an hour per person.
    let (_, r) = post(&mut p, PUBLIC, MEMBER, "Допоможіть виїхати, будь ласка").await;
    assert!(r.to(PUBLIC).is_empty());

    regular(&mut p, NEWBIE).await;
    let (exposed, r) = post(
        &mut p,
        PUBLIC,
        NEWBIE,
        "Помогите уехать, мы на ул. Мира 5, звоните 050 123 45 67",
    )
    .await;
    assert!(
        deleted(&p.emu, PUBLIC, exposed),
        "deleted for the author's safety"
    );
    let answer = r.last_to(PUBLIC).cloned().expect("a reply");
    let shown = answer.text_or_empty();
    assert!(shown.contains("удал"), "says so in Russian: {shown}");
    for part in ["050", "123 45 67", "Мира", "5,"] {
        assert!(!shown.contains(part), "repeats {part:?}: {shown}");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'bridge_reply'"
        )
        .await,
        2
    );

    // The link's /start chat: the case records that it came from a chat.
    p.switch_to(common::USER, Some("en"));
    p.say("/start chat").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    p.say("Izium").await;
    p.press("2").await;
    let r = common::calm_answers_after_people(&mut p, "Abroad", "Most of the time").await;
    assert!(
        all_text(&r, common::USER).contains("check your answers"),
        "{:?}",
        texts_to(&r, common::USER)
    );
    p.press("Submit").await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases WHERE source = 'chat'").await,
        1
    );
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/stats").await;
    let stats = all_text(&r, SUPERVISOR);
    assert!(
        stats.contains("bridge replies: 2") && stats.contains("requests that came from a chat: 1"),
        "{stats}"
    );
}

#[tokio::test]
async fn in_dry_mode_nothing_is_deleted_or_banned_and_supervisors_still_get_notes() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (_app, mut p) = guarded(&env, &[("GUARD_MODE", "dry")]).await;
    p.say("/blockphone +380 50 111 22 33").await;
    let (id, r) = post(&mut p, PUBLIC, TROLL, "Дзвоніть 0501112233").await;
    assert!(!deleted(&p.emu, PUBLIC, id));
    assert!(all_text(&r, SUPERVISOR).contains("GUARD_MODE=dry: nothing was deleted"));
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/ban {TROLL} fake")).await;
    assert!(all_text(&r, SUPERVISOR).contains("not banned in the chats"));
    assert!(p.emu.group(PUBLIC).bans().is_empty());
    assert!(p.emu.group(PUBLIC).deleted().is_empty());
}

#[tokio::test]
async fn no_posts_text_is_in_any_byte_of_the_database_files() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    p.say("/blockphone +380 50 111 22 33").await;
    let texts = [
        "Qxzplain ranok vsim",
        "Qxzfake dzvonit 050-111-22-33",
        "Qxzlink https://example.com/qxz",
        "Qxzcry допоможіть виїхати з Qxzvillage",
    ];
    for (user, text) in [MEMBER, TROLL, NEWBIE, MEMBER].into_iter().zip(texts) {
        post(&mut p, PUBLIC, user, text).await;
    }
    let (reported, _) = post(&mut p, PUBLIC, TROLL, "Qxzreported peredoplata").await;
    reply(&mut p, PUBLIC, REPORTERS[0], reported, "/report").await;
    assert!(count(&app, "SELECT COUNT(*) FROM public_posts").await >= 5);
    app.db.checkpoint().await.unwrap();
    let db = env.db_path();
    let mut files = vec![std::fs::read(&db).unwrap()];
    if let Ok(wal) = std::fs::read(db.with_file_name("test.db-wal")) {
        files.push(wal);
    }
    for needle in ["Qxz", "ranok", "peredoplata", "050-111", "example.com/qxz"] {
        for file in &files {
            assert!(
                leftovers::find(file, needle.as_bytes()).is_none(),
                "{needle:?} is in the database files"
            );
        }
    }
}

#[tokio::test]
async fn at_start_supervisors_are_told_which_rights_the_bot_lacks_in_which_chat() {
    let emu = Emulator::start().await.unwrap();
    emu.register_chat(SUPERVISOR, botapi_emulator::ChatKind::Private);
    emu.group(PUBLIC).bot_admin(true, false);
    emu.group(PUBLIC_2);
    let dir = tempfile::tempdir().unwrap();
    let staff = e2e_common::Staff {
        supervisors: vec![SUPERVISOR],
        volunteer_chat: None,
    };
    let (_app, running) = e2e_common::spawn_in_process_with(
        &emu,
        &dir.path().join("bot.db"),
        &staff,
        &[("PUBLIC_CHAT_IDS", CHATS), ("DEFAULT_LANGUAGE", "en")],
    )
    .await;
    let told = emu
        .wait_until(std::time::Duration::from_secs(20), |e| {
            e.sent(SUPERVISOR).len() >= 2
        })
        .await;
    let texts: Vec<String> = emu
        .sent(SUPERVISOR)
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    running.stop().await;
    assert!(told, "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&format!("{PUBLIC} the bot cannot: ban users."))),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&PUBLIC_2.to_string()) && t.contains("not an administrator")),
        "{texts:?}"
    );
}

#[tokio::test]
async fn held_posts_do_not_count_towards_the_newcomer_rule_and_a_held_cry_still_gets_the_form() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (_app, mut p) = guarded(&env, &[]).await;
    for i in 0..4 {
        let (id, _) = post(
            &mut p,
            PUBLIC,
            NEWBIE,
            &format!("Дивіться https://example.com/{i}"),
        )
        .await;
        assert!(
            deleted(&p.emu, PUBLIC, id),
            "link {i} is still a newcomer's"
        );
    }
    // A newcomer's cry for help with a phone: held for review, and still answered.
    let (id, r) = post(
        &mut p,
        PUBLIC,
        MEMBER,
        "Допоможіть виїхати, дзвоніть +380 67 123 45 67",
    )
    .await;
    assert!(deleted(&p.emu, PUBLIC, id));
    let answer = r.last_to(PUBLIC).cloned().expect("the bridge answers");
    assert!(format!("{:?}", answer.reply_markup).contains("?start=chat"));
    assert!(!answer.text_or_empty().contains("123 45 67"));
}

/// A troll posting in the name of a channel (Telegram sends it from a service user, with the
/// channel as `sender_chat`) meets the same rules, and Ban keeps the channel out of every
/// chat; an anonymous administrator's post is left alone.
#[tokio::test]
async fn a_post_in_a_channels_name_is_guarded_and_ban_shuts_the_channel_out() {
    const CHANNEL: i64 = -1_007_770_001_111;
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, mut p) = guarded(&env, &[]).await;
    p.say("/blockphone +380 50 111 22 33").await;
    let group = p.emu.group(PUBLIC);
    let mut id = 0;
    let r = p
        .send(|_| id = group.post_as_channel(CHANNEL, "Free flats", "Житло: 050-111-22-33"))
        .await;
    assert!(deleted(&p.emu, PUBLIC, id), "the fake number stays");
    let note = r.to(SUPERVISOR).last().cloned().cloned().expect("a note");
    assert!(
        note.text_or_empty().contains(&format!("author: {CHANNEL}")),
        "{:?}",
        note.text
    );
    let ban = common::buttons(Some(&note))
        .into_iter()
        .find(|(l, _)| l.contains("Ban"))
        .expect("Ban")
        .1;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.press_on(&ban, &note).await;
    let answer = r.toast().unwrap_or_else(|| all_text(&r, SUPERVISOR));
    assert!(
        answer.contains(&format!("{CHANNEL} is banned")),
        "{answer:?} {:?}",
        r.errors
    );
    for chat in [PUBLIC, PUBLIC_2] {
        assert!(p.emu.group(chat).is_banned(CHANNEL), "not banned in {chat}");
    }
    let calls = p.emu.calls_to("banChatSenderChat");
    assert!(calls.iter().all(|c| c.ok()), "{calls:?}");
    assert!(
        p.emu.calls_to("banChatMember").is_empty(),
        "no user was banned"
    );
    let r = p.say(&format!("/unban {CHANNEL}")).await;
    assert!(all_text(&r, SUPERVISOR).contains("is no longer banned"));
    assert!(!p.emu.group(PUBLIC).is_banned(CHANNEL));

    // The network's own chats cannot be banned.
    let r = p.say(&format!("/ban {PUBLIC} oops")).await;
    assert!(
        !all_text(&r, SUPERVISOR).contains("is banned"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );

    let mut admin_post = 0;
    let r = p
        .send(|_| admin_post = group.post_as_anonymous_admin("Увага: 050-111-22-33"))
        .await;
    assert!(
        !deleted(&p.emu, PUBLIC, admin_post),
        "an administrator's post stays"
    );
    assert!(r.to(SUPERVISOR).is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'guard_delete'"
        )
        .await,
        1
    );
}
