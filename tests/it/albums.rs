//! The relay carries an album as one album: Telegram delivers an album as one update per
//! photo; the bot gathers them and copies them in one copyMessages call, to the volunteer
//! (with the case's tag after it) and, from the volunteer, to the person. Each copy is mapped,
//! so a reply to any photo reaches the other side; a half-gathered album is a row in the
//! outbox, so a restarted bot sends it.

use crate::common;

use std::sync::Arc;

use common::{Env, Person, USER, all_text, count, submit_calm_case};
use evac_intake::{bot::App, clock::ManualClock};

const SUPERVISOR: i64 = 7101;
const VOLUNTEER: i64 = 7102;
const T0: i64 = 1_800_000_000;

/// Sends what is due by now through `p`'s emulator, as the outbox worker does.
async fn deliver(app: &App, p: &Person) -> usize {
    app.clone()
        .with_bot(p.bot.clone())
        .outbox
        .deliver_due()
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_album_of_three_photos_arrives_as_one_album_both_ways() {
    let env = Env::new(&[SUPERVISOR], None);
    let clock = ManualClock::at(T0);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;

    // The person sends three photos as an album: three updates.
    p.switch_to(USER, Some("en"));
    let before = p.emu.sent(VOLUNTEER).len();
    let mut album = Vec::new();
    let r = p
        .send(|u| album = u.send_album(3, Some("Qqalbum: our street")))
        .await;
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(
        r.copies().is_empty(),
        "nothing goes out before the album is complete"
    );
    // Telegram delivers the same updates again (a crash before they were confirmed).
    p.dispatch().await;

    // A restarted bot (a new app over the same database) sends it once the album is complete.
    clock.advance(3);
    let restarted = env.app().await.with_clock(Arc::new(clock.clone()));
    deliver(&restarted, &p).await;
    let sent = p.emu.sent(VOLUNTEER).split_off(before);
    assert_eq!(sent.len(), 4, "three photos and the tag: {sent:?}");
    let group = sent[0].media_group_id().map(str::to_owned);
    assert!(group.is_some(), "the copies are an album");
    for (copy, original) in sent[..3].iter().zip(&album) {
        assert_eq!(copy.method, "copyMessages", "one call for the album");
        assert_eq!(copy.media_group_id(), group.as_deref());
        assert_eq!(copy.copy_of, Some((USER, *original)));
        assert_eq!(copy.content_kind, "photo");
    }
    assert_eq!(sent[0].text.as_deref(), Some("Qqalbum: our street"));
    let tag = &sent[3];
    assert!(
        tag.text.as_deref().unwrap_or_default().contains("#1"),
        "{tag:?}"
    );
    assert_eq!(
        tag.buttons().first().map(|(text, _)| text.as_str()),
        Some("#1")
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM relay_map WHERE chat_id = 7102").await,
        4,
        "each photo and the tag are mapped, so a reply to any of them reaches the person"
    );
    assert_eq!(deliver(&restarted, &p).await, 0, "sent once");

    // The volunteer answers the second photo with a text: the person gets it.
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.reply(&sent[1], "Qqvol: is this your house?").await;
    assert_eq!(r.last_copy().map(|c| c.chat_id), Some(USER));

    // The volunteer answers the tag with an album of two photos: the person gets one album.
    let before = p.emu.sent(USER).len();
    let tag_id = tag.message_id;
    let mut reply = Vec::new();
    let r = p.send(|u| reply = u.reply_album(tag_id, 2)).await;
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.to(USER).is_empty(), "the album is gathered first");
    clock.advance(3);
    deliver(&app, &p).await;
    let sent = p.emu.sent(USER).split_off(before);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent.iter().all(|m| m.method == "copyMessages"));
    assert!(sent[0].media_group_id().is_some());
    assert_eq!(sent[0].media_group_id(), sent[1].media_group_id());
    assert_eq!(sent[1].copy_of, Some((VOLUNTEER, reply[1])));
    assert!(
        sent.iter().all(|m| m.reply_markup.is_none()),
        "nothing of the volunteer's crosses"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_album_sent_before_the_claim_is_acknowledged_once_and_reaches_the_claimer_as_one() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    submit_calm_case(&mut p).await;

    p.switch_to(USER, Some("en"));
    let mut album = Vec::new();
    let r = p.send(|u| album = u.send_album(3, None)).await;
    let told = all_text(&r, USER);
    assert_eq!(
        told.matches("Your message is added to your request #1")
            .count(),
        1,
        "one acknowledgement per album: {told}"
    );
    let r = p.say("Qqkept: and a text after it").await;
    assert!(all_text(&r, USER).contains("Your message is added to your request #1"));

    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/claim 1").await;
    let photos: Vec<_> = r
        .to(VOLUNTEER)
        .into_iter()
        .filter(|m| m.content_kind == "photo")
        .collect();
    assert_eq!(photos.len(), 3);
    assert!(photos.iter().all(|m| m.method == "copyMessages"));
    assert!(photos[0].media_group_id().is_some());
    assert!(
        photos
            .iter()
            .all(|m| m.media_group_id() == photos[0].media_group_id())
    );
    let copied: Vec<i32> = photos
        .iter()
        .filter_map(|m| m.copy_of.map(|c| c.1))
        .collect();
    assert_eq!(copied, album);
    let text = all_text(&r, VOLUNTEER);
    assert!(
        text.contains("album above is from the person in #1"),
        "{text}"
    );
    assert!(text.contains("Qqkept: and a text after it"));
}
