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
) -> Result<AlbumPart, HandlerError> {
    let now = app.now();
    Ok(tx
        .enqueue_album_part(&item.envelope(to), now + ALBUM_WAIT_SECS, now)
        .await?)
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
) -> Result<AlbumPart, HandlerError> {
    let now = app.now();
    let album = item.envelope(to);
    let part = tx
        .enqueue_album_part(&album, now + ALBUM_WAIT_SECS, now)
        .await?;
    if let AlbumPart::New(_) = part {
        let tag = app
            .locales
            .text_with(lang, "relay-album-tag", &[("case", item.case_id.into())]);
        let key = album.dedupe_key.unwrap_or_default();
        let tag = Envelope::text(to, tag)
            .with_markup(offers::relay_tag(app, lang, item.case_id))
            .for_case(item.case_id)
            .after(AfterSent::RecordRelay {
                case_id: item.case_id,
            })
            .dedupe(format!("{key}:tag"));
        tx.enqueue(&[tag], now).await?;
    }
    Ok(part)
}

/// The requester's messages kept before the claim (chat, message id, album), as copies for
/// the claimer `to`: each album as one album followed by its tag, every other message tagged.
pub(super) fn kept_copies(
    app: &App,
    to: i64,
    lang: Lang,
    case_id: i64,
    kept: Vec<(i64, i32, Option<String>)>,
) -> Vec<Envelope> {
    let mut out = Vec::new();
    let mut album: Option<(i64, String, Vec<i32>)> = None;
    let close = |album: (i64, String, Vec<i32>), out: &mut Vec<Envelope>| {
        let (from_chat, _, mut message_ids) = album;
        message_ids.sort_unstable();
        message_ids.dedup();
        let relay = AfterSent::RecordRelay { case_id };
        out.push(
            Envelope::copy_album(to, from_chat, message_ids)
                .for_case(case_id)
                .after(relay.clone()),
        );
        let tag = app
            .locales
            .text_with(lang, "relay-album-tag", &[("case", case_id.into())]);
        out.push(
            Envelope::text(to, tag)
                .with_markup(offers::relay_tag(app, lang, case_id))
                .for_case(case_id)
                .after(relay),
        );
    };
    for (chat, message, group) in kept {
        match (&mut album, group) {
            (Some((from, g, ids)), Some(group)) if *from == chat && *g == group => {
                ids.push(message)
            }
            (_, group) => {
                if let Some(done) = album.take() {
                    close(done, &mut out);
                }
                match group {
                    Some(group) => album = Some((chat, group, vec![message])),
                    None => out.push(offers::relayed_copy(app, to, lang, chat, message, case_id)),
                }
            }
        }
    }
    if let Some(done) = album.take() {
        close(done, &mut out);
    }
    out
}
