//! Review notes: what the guard did with a post, or that members reported it, sent to the
//! review chat (or to each supervisor). The post itself is copied just before its note, so
//! supervisors judge what was written without the bot storing it. The note's buttons are
//! for supervisors only (the handler tree checks it): Ban, Unban, Trust (Approve for a held
//! newcomer), and Delete / Dismiss for a reported post.

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use crate::{
    bot::{
        App, HandlerError, HandlerResult, Toast,
        buttons::{Pressed, ReviewButton},
        gate::Actor,
        notify, pressed, send,
        staff::{Staff, moderation},
    },
    db::AuditAction,
    guard::Rule,
    i18n::Lang,
    outbox::Envelope,
    telemetry,
};

/// What a note is about.
#[derive(Debug, Clone, Copy)]
pub(super) enum Note {
    /// The guard met a rule.
    Rule(Rule),
    /// Members reported it: how many so far, and whether that hid it.
    Reported { count: i64, hidden: bool },
}

/// Copies the post to every review target and returns the notes to queue after it (in the
/// caller's transaction).
pub(super) async fn notes(
    bot: &Bot,
    app: &App,
    post: &Message,
    author: i64,
    note: Note,
) -> Result<Vec<Envelope>, HandlerError> {
    let mut out = Vec::new();
    for target in super::review_targets(app).await? {
        let copied = send::copy(bot, ChatId(target), post.chat.id, post.id).await;
        if let Err(e) = &copied {
            tracing::warn!(error = %crate::bot::listener::loggable(e), "could not copy a post for review");
        }
        let lang = if target < 0 {
            app.config.default_language
        } else {
            app.language_for(target, None).await
        };
        let text = note_text(app, lang, post, author, note, copied.is_ok());
        out.push(Envelope::text(target, text).with_markup(buttons(app, lang, post, author, note)));
    }
    Ok(out)
}

fn note_text(
    app: &App,
    lang: Lang,
    post: &Message,
    author: i64,
    note: Note,
    copied: bool,
) -> String {
    let t = |id: &str| app.locales.text(lang, id);
    let chat = post
        .chat
        .title()
        .map_or_else(|| post.chat.id.0.to_string(), str::to_owned);
    let mut lines = Vec::new();
    let dry = app.config.public.dry_run;
    match note {
        Note::Rule(rule) => {
            lines.push(format!("🛡 {}", t(&rule.text_id())));
            lines.push(if dry {
                t("guard-note-dry")
            } else if rule.is_hold() {
                t("guard-note-held")
            } else {
                t("guard-note-deleted")
            });
        }
        Note::Reported { count, hidden } => {
            lines.push(
                app.locales
                    .text_with(lang, "report-note", &[("count", count.into())]),
            );
            if hidden {
                lines.push(if dry {
                    t("guard-note-dry")
                } else {
                    t("report-note-hidden")
                });
            }
        }
    }
    lines.push(app.locales.text_with(
        lang,
        "guard-note-where",
        &[("chat", chat.into()), ("author", author.into())],
    ));
    lines.push(if copied {
        t("guard-note-copy-above")
    } else {
        t("guard-copy-failed")
    });
    lines.join("\n")
}

fn buttons(app: &App, lang: Lang, post: &Message, author: i64, note: Note) -> InlineKeyboardMarkup {
    let b = |id: &str, button: ReviewButton| {
        InlineKeyboardButton::callback(app.locales.text(lang, id), Pressed::Review(button).encode())
    };
    let (chat, message) = (post.chat.id.0, post.id.0);
    let rows = match note {
        Note::Rule(rule) if rule.is_hold() => vec![vec![
            b(
                "button-review-approve",
                ReviewButton::Trust { user: author },
            ),
            b("button-review-ban", ReviewButton::Ban { user: author }),
        ]],
        Note::Rule(_) => vec![vec![
            b("button-review-ban", ReviewButton::Ban { user: author }),
            b("button-review-unban", ReviewButton::Unban { user: author }),
            b("button-review-trust", ReviewButton::Trust { user: author }),
        ]],
        Note::Reported { .. } => vec![vec![
            b(
                "button-review-delete",
                ReviewButton::Delete { chat, message },
            ),
            b("button-review-ban", ReviewButton::Ban { user: author }),
            b(
                "button-review-dismiss",
                ReviewButton::Dismiss { chat, message },
            ),
        ]],
    };
    InlineKeyboardMarkup::new(rows)
}

/// A supervisor pressed a note's button. The answer shows as the button's toast.
pub(crate) async fn on_button(
    bot: Bot,
    app: App,
    q: CallbackQuery,
    actor: Actor,
    me: Staff,
    button: ReviewButton,
) -> HandlerResult {
    telemetry::handler("supervisor.review_button");
    let work = act(&bot, &app, &me, button);
    pressed(&bot, &app, &q, &actor, work).await
}

async fn act(
    bot: &Bot,
    app: &App,
    me: &Staff,
    button: ReviewButton,
) -> Result<Toast, HandlerError> {
    let now = app.now();
    let text = match button {
        ReviewButton::Ban { user } => {
            let reason = app
                .locales
                .text(app.config.default_language, "guard-ban-reason");
            moderation::ban_user(bot, app, me, &format!("{user} {reason}")).await?
        }
        ReviewButton::Unban { user } => {
            moderation::unban_user(bot, app, me, &user.to_string()).await?
        }
        ReviewButton::Trust { user } => {
            let mut tx = app.db.begin().await?;
            tx.trust_member(user, now).await?;
            tx.audit(me.id, AuditAction::TrustMember, None, Some(user), None, now)
                .await?;
            tx.commit().await?;
            app.locales
                .text_with(me.lang, "review-trusted", &[("user", user.into())])
        }
        ReviewButton::Delete { chat, .. } | ReviewButton::Dismiss { chat, .. }
            if !app.config.public.is_public(chat) =>
        {
            // Forged data naming another chat (the volunteer group): nothing is deleted.
            app.locales.text(me.lang, "error-invalid-button")
        }
        ReviewButton::Delete { chat, message } => {
            let mut tx = app.db.begin().await?;
            tx.dismiss_reports(chat, message).await?;
            tx.audit(
                me.id,
                AuditAction::GuardDelete,
                None,
                None,
                Some("reported"),
                now,
            )
            .await?;
            if !app.config.public.dry_run {
                tx.enqueue(&[Envelope::delete(chat, message)], now).await?;
            }
            notify::commit(app, tx, "review_delete").await?;
            app.locales.text(me.lang, "review-deleted")
        }
        ReviewButton::Dismiss { chat, message } => {
            let mut tx = app.db.begin().await?;
            tx.dismiss_reports(chat, message).await?;
            tx.commit().await?;
            app.locales.text(me.lang, "review-dismissed")
        }
    };
    // The answer can be longer than a toast's 200 characters: it goes to their chat.
    me.say(bot, text).await?;
    Ok(Toast::Quiet)
}
