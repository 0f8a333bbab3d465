//! Albums in the relay. Telegram delivers an album (photos or videos sent together) as one
//! message per item, each in its own update; copied one by one they would arrive as separate
//! messages. So each item joins a waiting album copy for each recipient, sent in one
//! copyMessages call a moment after the latest item ([`ALBUM_WAIT_SECS`]). In a staff chat the
//! copy is followed by the case's tag, which a single copy carries as its button.

use teloxide::types::Message;

use super::{App, HandlerError, offers};
use crate::{
    db::{AlbumPart, WriteTx},
    i18n::Lang,
    outbox::{ALBUM_WAIT_SECS, AfterSent, Envelope},
};

/// One item of an album that is relayed for case `case_id`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Item<'a> {
    pub(super) from_chat: i64,
    pub(super) message_id: i32,
    pub(super) group: &'a str,
    pub(super) case_id: i64,
}

impl<'a> Item<'a> {
    /// The album item `msg` is, if it is one.
    pub(super) fn of(msg: &'a Message, case_id: i64) -> Option<Self> {
        Some(Item {
            from_chat: msg.chat.id.0,
            message_id: msg.id.0,
            group: &msg.media_group_id()?.0,
            case_id,
        })
    }

    fn envelope(&self, to: i64) -> Envelope {
        Envelope::album_part(to, self.from_chat, self.message_id, self.group)
            .for_case(self.case_id)
            .after(AfterSent::RecordRelay {
                case_id: self.case_id,
            })
    }
}

/// Adds the item to the album copy for the requester `to`, in `tx`.
pub(super) async fn to_requester(
    app: &App,
    tx: &mut WriteTx,
    item: &Item<'_>,
    to: i64,
) -> Result<(), HandlerError> {
    let now = app.now();
    tx.enqueue_album_part(&item.envelope(to), now + ALBUM_WAIT_SECS, now)
        .await?;
    Ok(())
}

/// Adds the item to the album copy for the volunteer (or team member) `to`, in `tx`; the first
/// item also queues the tag that follows the album (recorded, so a reply to it answers the
/// requester).
pub(super) async fn to_staff(
    app: &App,
    tx: &mut WriteTx,
    item: &Item<'_>,
    to: i64,
    lang: Lang,
) -> Result<(), HandlerError> {
    let now = app.now();
    let album = item.envelope(to);
    let part = tx
        .enqueue_album_part(&album, now + ALBUM_WAIT_SECS, now)
        .await?;
    if part == AlbumPart::New {
        let key = album.dedupe_key.unwrap_or_default();
        let tag = tag(app, to, lang, item.case_id).dedupe(format!("{key}:tag"));
        tx.enqueue(&[tag], now).await?;
    }
    Ok(())
}

/// The case's tag that follows an album copy in a staff chat (recorded, so a reply to it
/// answers the requester).
fn tag(app: &App, to: i64, lang: Lang, case_id: i64) -> Envelope {
    let text = app
        .locales
        .text_with(lang, "relay-album-tag", &[("case", case_id.into())]);
    Envelope::text(to, text)
        .with_markup(offers::relay_tag(app, lang, case_id))
        .for_case(case_id)
        .after(AfterSent::RecordRelay { case_id })
}

/// The requester's messages kept before the claim (chat, message id, album), as copies for
/// the claimer `to`: each album as one album followed by its tag, every other message tagged.
pub(super) fn kept_copies(
    app: &App,
    to: i64,
    lang: Lang,
    case_id: i64,
    kept: &[(i64, i32, Option<String>)],
) -> Vec<Envelope> {
    let mut out = Vec::new();
    // Runs of one album's items; every other message is a run of its own.
    for run in kept.chunk_by(|a, b| a.2.is_some() && (a.0, &a.2) == (b.0, &b.2)) {
        let (from_chat, message, group) = &run[0];
        if group.is_none() {
            out.push(offers::relayed_copy(
                app, to, lang, *from_chat, *message, case_id,
            ));
            continue;
        }
        // Kept once each (`keep_case_message`); copyMessages wants them increasing.
        let mut message_ids: Vec<i32> = run.iter().map(|(_, m, _)| *m).collect();
        message_ids.sort_unstable();
        out.push(
            Envelope::copy_album(to, *from_chat, message_ids)
                .for_case(case_id)
                .after(AfterSent::RecordRelay { case_id }),
        );
        out.push(tag(app, to, lang, case_id));
    }
    out
}
