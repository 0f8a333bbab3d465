//! Supervisor commands for the roster.
//!
//! ```text
//! /addvolunteer USER_ID [languages] [regions]   e.g. /addvolunteer 123456 uk,ru kharkiv,sumy
//! /removevolunteer USER_ID                     their claimed cases go back to the queue
//! /volunteers                                  the roster: shift, languages, regions, load
//! ```
//! Telegram does not let a bot write first: a volunteer who never pressed Start cannot be
//! added, and the supervisor is told so plainly.

use teloxide::{
    RequestError,
    prelude::*,
    types::{BotCommandScope, Recipient},
};

use super::Staff;
use crate::{
    bot::{App, HandlerError, HandlerResult, menus, notify, offers, send},
    db::AuditAction,
    i18n::{Arg, Lang},
    outbox::Envelope,
    roles::{Role, user_and_rest},
    survey::Kind,
    training::Training,
};

fn parse_user_id(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

/// Whether an error means the person never started the bot (or blocked it).
fn cannot_write(error: &RequestError) -> bool {
    match error {
        RequestError::Api(api) => {
            let text = api.to_string();
            text.contains("Forbidden")
                || text.contains("initiate")
                || text.contains("chat not found")
                || text.contains("blocked")
                || matches!(
                    api,
                    teloxide::ApiError::BotBlocked
                        | teloxide::ApiError::CantInitiateConversation
                        | teloxide::ApiError::ChatNotFound
                        | teloxide::ApiError::UserDeactivated
                )
        }
        _ => false,
    }
}

/// `/start` from staff: their menu, and what they can do.
pub(crate) async fn welcome(bot: Bot, app: App, me: Staff) -> HandlerResult {
    crate::telemetry::handler("staff.start");
    let me = super::remember(app.clone(), me).await;
    menus::set_staff_menu(&bot, &app, me.id, me.lang, me.role).await;
    let key = if me.is_supervisor() {
        "staff-welcome"
    } else {
        "volunteer-help"
    };
    me.say(&bot, me.t(&app, key)).await
}

/// `/lang` from staff: the same picker as requesters get (the choice keeps the staff menu).
pub(crate) async fn language(bot: Bot, app: App, me: Staff) -> HandlerResult {
    crate::telemetry::handler("staff.lang");
    send::screen(
        &bot,
        me.chat,
        crate::bot::keyboards::language_menu(&app.locales, me.lang),
    )
    .await?;
    Ok(())
}

/// `/forget` from staff: a staff member is removed from the roster first.
pub(crate) async fn no_forget(bot: Bot, app: App, me: Staff) -> HandlerResult {
    crate::telemetry::handler("staff.forget");
    me.say(&bot, me.t(&app, "forget-staff")).await
}

staff_endpoint!(
    /// `/addvolunteer USER_ID [languages] [regions]`.
    add_volunteer, "supervisor.addvolunteer", answers add_a_volunteer
);
staff_endpoint!(
    /// `/removevolunteer USER_ID`.
    remove_volunteer, "supervisor.removevolunteer", answers remove_a_volunteer
);
staff_endpoint!(
    /// `/volunteers`.
    volunteers, "supervisor.volunteers", answers roster, no arguments
);
staff_endpoint!(
    /// `/trained USER_ID`: the volunteer's training is done; it holds `TRAINING_VALID_DAYS`.
    trained, "supervisor.trained", answers record_training
);
staff_endpoint!(
    /// `/addsupervisor USER_ID`.
    add_supervisor, "supervisor.addsupervisor", answers add_a_supervisor
);
staff_endpoint!(
    /// `/removesupervisor USER_ID`.
    remove_supervisor, "supervisor.removesupervisor", answers remove_a_supervisor
);

pub(super) async fn add_a_volunteer(
    bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let mut parts = args.split_whitespace();
    let Some(user_id) = parts.next().and_then(parse_user_id) else {
        return Ok(app.locales.text(me.lang, "usage-addvolunteer"));
    };
    let mut languages = Vec::new();
    let mut regions = Vec::new();
    let known_regions: Vec<String> = app
        .survey
        .question(&app.survey.routing.region_question)
        .filter(|q| q.kind == Kind::Single)
        .map(|q| q.choices.clone())
        .unwrap_or_default();
    for part in parts {
        for item in part.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let item = item.to_lowercase();
            if Lang::ALL.iter().any(|l| l.code() == item) {
                languages.push(item);
            } else if known_regions.contains(&item) {
                regions.push(item);
            } else {
                return Ok(app.locales.text_with(
                    me.lang,
                    "addvolunteer-unknown",
                    &[
                        ("item", Arg::Str(item)),
                        ("regions", Arg::Str(known_regions.join(", "))),
                    ],
                ));
            }
        }
    }
    if app.config.is_supervisor(user_id) {
        return Ok(app.locales.text(me.lang, "addvolunteer-is-supervisor"));
    }
    // Their stored language, else the one their Telegram app used when they pressed Start.
    let lang = app
        .db
        .language_of(user_id)
        .await?
        .or_else(|| app.seen_languages.of(user_id))
        .unwrap_or(app.config.default_language);
    // Telegram refuses if they never pressed Start: find out before adding them.
    if let Err(e) = send::text(
        bot,
        ChatId(user_id),
        app.locales.text(lang, "volunteer-welcome"),
    )
    .await
    {
        if cannot_write(&e) {
            return Ok(app.locales.text_with(
                me.lang,
                "addvolunteer-not-started",
                &[("user", user_id.into())],
            ));
        }
        return Err(e.into());
    }
    let new = app
        .db
        .add_volunteer(
            user_id,
            &languages,
            &regions,
            app.survey.limits.volunteer_max_open,
            me.id,
            app.now(),
        )
        .await?;
    app.db
        .audit(
            me.id,
            AuditAction::AddVolunteer,
            None,
            Some(user_id),
            None,
            app.now(),
        )
        .await?;
    menus::set_staff_menu(bot, app, user_id, lang, Role::Volunteer).await;
    Ok(app.locales.text_with(
        me.lang,
        if new {
            "volunteer-added"
        } else {
            "volunteer-updated"
        },
        &[("user", user_id.into())],
    ))
}

async fn record_training(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some(user_id) = args.split_whitespace().next().and_then(parse_user_id) else {
        return Ok(app.locales.text(me.lang, "usage-trained"));
    };
    let now = app.now();
    let until = now + app.config.training_valid_days * 86_400;
    let date = crate::bot::staff::reports::utc_date(until);
    let mut tx = app.db.begin().await?;
    if !tx.record_training(user_id, until).await? {
        return Ok(app.locales.text_with(
            me.lang,
            "volunteer-not-found",
            &[("user", user_id.into())],
        ));
    }
    tx.audit(me.id, AuditAction::Trained, None, Some(user_id), None, now)
        .await?;
    let lang = app.language_for(user_id, None).await;
    tx.enqueue(
        &[Envelope::text(
            user_id,
            app.locales
                .text_with(lang, "training-recorded", &[("until", date.clone().into())]),
        )],
        now,
    )
    .await?;
    notify::commit(app, tx, "trained").await?;
    Ok(app.locales.text_with(
        me.lang,
        "trained",
        &[("user", user_id.into()), ("until", date.into())],
    ))
}

async fn remove_a_volunteer(
    bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some(user_id) = parse_user_id(args) else {
        return Ok(app.locales.text(me.lang, "usage-removevolunteer"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (removed, released) = tx.remove_volunteer(user_id, now).await?;
    if !removed {
        return Ok(app.locales.text_with(
            me.lang,
            "volunteer-not-found",
            &[("user", user_id.into())],
        ));
    }
    tx.audit(
        me.id,
        AuditAction::RemoveVolunteer,
        None,
        Some(user_id),
        None,
        now,
    )
    .await?;
    for case in &released {
        if let Some(row) = tx.case(*case).await? {
            let out = offers::requeue(app, &row).await?;
            tx.enqueue(&out, now).await?;
        }
    }
    notify::commit(app, tx, "remove_volunteer").await?;
    let _ = bot
        .delete_my_commands()
        .scope(BotCommandScope::Chat {
            chat_id: Recipient::Id(ChatId(user_id)),
        })
        .await;
    Ok(app.locales.text_with(
        me.lang,
        "volunteer-removed",
        &[("user", user_id.into()), ("count", released.len().into())],
    ))
}

async fn roster(_bot: &Bot, app: &App, me: &Staff, _args: &str) -> Result<String, HandlerError> {
    let volunteers = app.db.volunteers().await?;
    if volunteers.is_empty() {
        return Ok(app.locales.text(me.lang, "roster-empty"));
    }
    let any = app.locales.text(me.lang, "roster-any");
    let mut text = app.locales.text_with(
        me.lang,
        "roster-title",
        &[("count", volunteers.len().into())],
    );
    for v in volunteers {
        let shift = app.locales.text(
            me.lang,
            if v.online {
                "roster-online"
            } else {
                "roster-offline"
            },
        );
        let langs = if v.languages.is_empty() {
            any.clone()
        } else {
            v.languages.join(",")
        };
        let regions = if v.regions.is_empty() {
            any.clone()
        } else {
            v.regions.join(",")
        };
        let training = match Training::of(v.trained_until, app.now()) {
            Training::Trainee => app.locales.text(me.lang, "roster-trainee"),
            Training::Valid { until } => app.locales.text_with(
                me.lang,
                "roster-trained",
                &[("until", crate::bot::staff::reports::utc_date(until).into())],
            ),
            Training::Expired { since } => app.locales.text_with(
                me.lang,
                "roster-expired",
                &[("since", crate::bot::staff::reports::utc_date(since).into())],
            ),
        };
        text.push_str(&format!(
            "\n{} · {shift} · {training} · {langs} · {regions} · {}/{}",
            v.id, v.open_cases, v.max_open
        ));
    }
    Ok(crate::bot::keyboards::fit(text))
}

async fn add_a_supervisor(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some((user, _)) = user_and_rest(args) else {
        return Ok(app.locales.text(me.lang, "usage-addsupervisor"));
    };
    if app.db.is_banned(user).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "ban-already", &[("user", user.into())]));
    }
    if app.config.is_supervisor(user) || !app.db.add_supervisor(user, me.id, app.now()).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "supervisor-already", &[("user", user.into())]));
    }
    app.db
        .audit(
            me.id,
            AuditAction::AddSupervisor,
            None,
            Some(user),
            None,
            app.now(),
        )
        .await?;
    Ok(app
        .locales
        .text_with(me.lang, "supervisor-added", &[("user", user.into())]))
}

async fn remove_a_supervisor(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some((user, _)) = user_and_rest(args) else {
        return Ok(app.locales.text(me.lang, "usage-removesupervisor"));
    };
    if app.config.is_supervisor(user) {
        return Ok(app.locales.text(me.lang, "supervisor-from-env"));
    }
    if app.supervisors().await?.len() <= 1 {
        return Ok(app.locales.text(me.lang, "supervisor-last"));
    }
    if !app.db.remove_supervisor(user).await? {
        return Ok(app.locales.text_with(
            me.lang,
            "supervisor-not-found",
            &[("user", user.into())],
        ));
    }
    app.db
        .audit(
            me.id,
            AuditAction::RemoveSupervisor,
            None,
            Some(user),
            None,
            app.now(),
        )
        .await?;
    Ok(app
        .locales
        .text_with(me.lang, "supervisor-removed", &[("user", user.into())]))
}
