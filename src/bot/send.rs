//! Sending screens. Sends that matter propagate errors; cosmetic edits (removing buttons from
//! an answered question) are best effort, since the message may be too old to edit.
//!
//! Every call is retried a few times when Telegram could not take it: a 429 (after the
//! `retry_after` it asks for, if short), a dropped connection or timeout, a 5xx. Without that, one
//! 429 on "your request #12 is registered" lost the confirmation for good, and the handler's
//! early return skipped everything after it (the case's cards and alerts). A connection cut
//! after Telegram carried the call out looks the same as one cut before, so a retry may show a
//! message twice: for a reply, a duplicate beats a loss (as in the outbox).
//!
//! Telegram answers a send or an edit with the whole message, which teloxide reads into a
//! `Message` (trying each kind of message and media in turn, an error string for each miss):
//! that reading cost more CPU than anything else a survey step does. Here an answer is read only
//! as far as the bot needs it: a new message's id ([`Sent`]), nothing of an edit.

use std::{future::Future, marker::PhantomData, time::Duration};

use serde::{Deserialize, Serialize, de::DeserializeOwned, de::IgnoredAny};
use teloxide::{
    ApiError, RequestError,
    payloads::{EditMessageReplyMarkup, EditMessageText, SendMessage},
    prelude::*,
    requests::{JsonRequest, Payload},
    types::{ChatId, MessageId, ReplyMarkup},
};

use super::keyboards::{Screen, fit};

/// Tries of one call, the first included.
const ATTEMPTS: u32 = 4;
/// A longer `retry_after` is not waited for in a handler (it holds the update batch).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// How long to wait before trying a failed call again; `None`: do not retry.
fn retry_delay(error: &RequestError, attempt: u32) -> Option<Duration> {
    match error {
        RequestError::RetryAfter(after) => Some(after.duration()).filter(|d| *d <= MAX_RETRY_AFTER),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            Some(Duration::from_millis(100 * u64::from(attempt)))
        }
        // teloxide already waited 10 s after the 5xx.
        RequestError::Api(ApiError::Unknown(text)) if crate::outbox::is_server_error(text) => {
            Some(Duration::ZERO)
        }
        _ => None,
    }
}

/// Runs `call` until it succeeds, fails for good, or [`ATTEMPTS`] are used up.
async fn retrying<T, F, Fut>(mut call: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    // A press still unanswered is answered now, before its first reply goes out.
    super::answer_press_first();
    let mut attempt = 1;
    loop {
        match call().await {
            Err(e) if attempt < ATTEMPTS => match retry_delay(&e, attempt) {
                Some(delay) => {
                    let error = super::listener::loggable(&e);
                    tracing::debug!(%error, attempt, "reply failed; retrying");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                None => return Err(e),
            },
            result => return result,
        }
    }
}

/// What the bot keeps of a message it sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(from = "SentMessage")]
pub(crate) struct Sent {
    pub id: MessageId,
}

/// The one field of Telegram's message that [`Sent`] reads; the others are skipped unread.
#[derive(Deserialize)]
struct SentMessage {
    message_id: i32,
}

impl From<SentMessage> for Sent {
    fn from(message: SentMessage) -> Self {
        Sent {
            id: MessageId(message.message_id),
        }
    }
}

/// A Bot API call whose answer is read as `Out` instead of the method's own type: the same
/// method and parameters, so Telegram (and its errors) cannot tell the difference.
struct Reading<P, Out> {
    payload: P,
    out: PhantomData<fn() -> Out>,
}

impl<P: Serialize, Out> Serialize for Reading<P, Out> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload.serialize(serializer)
    }
}

impl<P: Payload, Out> Payload for Reading<P, Out> {
    type Output = Out;
    const NAME: &'static str = P::NAME;

    fn timeout_hint(&self) -> Option<Duration> {
        self.payload.timeout_hint()
    }
}

/// Sends `payload`, its answer read as `Out` (a [`Sent`], or `IgnoredAny` for an edit), with
/// the retries of [`retrying`].
async fn send_reading<P, Out>(bot: &Bot, payload: P) -> Result<Out, RequestError>
where
    P: Payload + Serialize + Send + Sync + 'static,
    Out: DeserializeOwned + Send + 'static,
{
    let request = JsonRequest::new(
        bot.clone(),
        Reading {
            payload,
            out: PhantomData,
        },
    );
    retrying(|| request.send_ref()).await
}

/// Where a message goes: a chat, and whether it must come without a sound (the person's
/// silent mode: a notification sound can give away someone who is hiding). A bare `ChatId`
/// (a staff chat) is sent with sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct To {
    pub chat: ChatId,
    pub quiet: bool,
}

impl From<ChatId> for To {
    fn from(chat: ChatId) -> Self {
        To { chat, quiet: false }
    }
}

/// Sends a screen to a chat.
pub(super) async fn screen(
    bot: &Bot,
    to: impl Into<To>,
    screen: Screen,
) -> Result<Sent, teloxide::RequestError> {
    let to = to.into();
    let mut message = SendMessage::new(to.chat, screen.text).disable_notification(to.quiet);
    if let Some(markup) = screen.markup {
        message = message.reply_markup(markup);
    }
    send_reading(bot, message).await
}

/// Sends plain text.
pub(super) async fn text(
    bot: &Bot,
    to: impl Into<To>,
    text: String,
) -> Result<Sent, teloxide::RequestError> {
    let to = to.into();
    let message = SendMessage::new(to.chat, fit(text)).disable_notification(to.quiet);
    send_reading(bot, message).await
}

/// Sends text with buttons (or a keyboard), if any.
pub(super) async fn text_with(
    bot: &Bot,
    to: impl Into<To>,
    text: String,
    markup: Option<ReplyMarkup>,
) -> Result<Sent, teloxide::RequestError> {
    let to = to.into();
    let mut message = SendMessage::new(to.chat, fit(text)).disable_notification(to.quiet);
    if let Some(markup) = markup {
        message = message.reply_markup(markup);
    }
    send_reading(bot, message).await
}

/// Sends text and removes a reply keyboard (after a shared location or contact).
pub(super) async fn text_removing_keyboard(
    bot: &Bot,
    to: impl Into<To>,
    text: String,
) -> Result<Sent, teloxide::RequestError> {
    let to = to.into();
    let message = SendMessage::new(to.chat, fit(text))
        .disable_notification(to.quiet)
        .reply_markup(ReplyMarkup::kb_remove());
    send_reading(bot, message).await
}

/// Replaces a message's text and drops its buttons; best effort.
pub(super) async fn settle(bot: &Bot, chat: ChatId, message: MessageId, text: String) {
    let edit = EditMessageText::new(chat, message, fit(text));
    if let Err(e) = send_reading::<_, IgnoredAny>(bot, edit).await {
        tracing::debug!(error = %e, "could not edit an answered message");
    }
}

/// Removes a message's buttons (a question that was answered); best effort.
pub(super) async fn settle_buttons(bot: &Bot, chat: ChatId, message: MessageId) {
    let edit = EditMessageReplyMarkup::new(chat, message);
    if let Err(e) = send_reading::<_, IgnoredAny>(bot, edit).await {
        tracing::debug!(error = %e, "could not remove the buttons of an answered message");
    }
}

/// Replaces a message's text and buttons with a new screen; best effort.
pub(super) async fn replace(bot: &Bot, chat: ChatId, message: MessageId, screen: Screen) {
    let mut edit = EditMessageText::new(chat, message, screen.text);
    if let Some(ReplyMarkup::InlineKeyboard(markup)) = screen.markup {
        edit = edit.reply_markup(markup);
    }
    if let Err(e) = send_reading::<_, IgnoredAny>(bot, edit).await {
        tracing::debug!(error = %e, "could not edit a message");
    }
}

/// Copies a message (a public post for review) into another chat; the copy's id.
pub(super) async fn copy(
    bot: &Bot,
    to: ChatId,
    from: ChatId,
    message: MessageId,
) -> Result<MessageId, teloxide::RequestError> {
    let request = bot.copy_message(to, from, message);
    retrying(|| request.send_ref()).await
}

#[cfg(test)]
mod tests {
    use std::sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    };

    use teloxide::{requests::HasPayload, types::Seconds};

    use super::*;

    fn io() -> RequestError {
        RequestError::Io(Arc::new(std::io::Error::other("reset")))
    }

    #[test]
    fn a_sent_message_is_read_as_its_id_and_the_call_is_the_same_method() {
        // What Telegram answers a sendMessage with (the whole message; teloxide's `MessageId`
        // alone would want `message_id` nested in an object of its own).
        let answer = r#"{"message_id":42,"from":{"id":7,"is_bot":true,"first_name":"b"},
            "chat":{"id":1001,"first_name":"A","type":"private"},"date":1700000000,
            "text":"Where are you now?","reply_markup":{"inline_keyboard":[[
            {"text":"Kharkiv","callback_data":"s:1:0"}]]}}"#;
        let sent: Sent = serde_json::from_str(answer).unwrap();
        assert_eq!(sent.id, MessageId(42));
        let _: IgnoredAny = serde_json::from_str(answer).unwrap();

        // The call is teloxide's own sendMessage: the same method, the same parameters.
        let bot = Bot::new("1:token");
        let message =
            SendMessage::new(ChatId(1001), "Where are you now?").disable_notification(true);
        let reading = Reading::<_, Sent> {
            payload: message,
            out: PhantomData,
        };
        assert_eq!(
            serde_json::to_value(&reading).unwrap(),
            serde_json::to_value(
                bot.send_message(ChatId(1001), "Where are you now?")
                    .disable_notification(true)
                    .payload_ref()
            )
            .unwrap(),
        );
        assert_eq!(<Reading<SendMessage, Sent> as Payload>::NAME, "SendMessage");
    }

    #[test]
    fn what_is_retried() {
        let wait = |s| RequestError::RetryAfter(Seconds::from_seconds(s));
        assert_eq!(retry_delay(&wait(1), 1), Some(Duration::from_secs(1)));
        assert_eq!(
            retry_delay(&wait(30), 1),
            None,
            "too long to hold a handler"
        );
        assert!(retry_delay(&io(), 1).is_some());
        let bad_gateway = RequestError::Api(ApiError::Unknown("Bad Gateway".into()));
        assert_eq!(retry_delay(&bad_gateway, 1), Some(Duration::ZERO));
        for refused in [ApiError::BotBlocked, ApiError::MessageNotModified] {
            assert_eq!(retry_delay(&RequestError::Api(refused), 1), None);
        }
    }

    #[tokio::test]
    async fn a_transient_failure_is_retried_until_it_succeeds_or_attempts_run_out() {
        let calls = AtomicU32::new(0);
        let result = retrying(|| async {
            match calls.fetch_add(1, Ordering::SeqCst) {
                0 | 1 => Err(io()),
                n => Ok(n),
            }
        })
        .await;
        assert_eq!(result.unwrap(), 2);

        let calls = AtomicU32::new(0);
        let result: Result<(), _> = retrying(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(io())
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), ATTEMPTS);

        let calls = AtomicU32::new(0);
        let result: Result<(), _> = retrying(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(RequestError::Api(ApiError::BotBlocked))
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1, "a refusal is not retried");
    }
}
