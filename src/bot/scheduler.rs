//! Time-driven work, run every 30 seconds (and directly by tests with an injected clock):
//! escalating unclaimed cases to supervisors (once at the deadline, again at twice it),
//! flagging claimed cases whose volunteer has been silent, checking in on people who wait, and
//! purging the personal fields of cases closed longer than the retention period, and
//! forgetting the ids of updates handled more than a day ago.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{App, HandlerError, buttons::RequesterButton, cards, notify};
use crate::{
    i18n::Lang,
    outbox::{AfterSent, Envelope},
    resources,
    triage::Priority,
};

/// How long the id of a handled update is kept to recognise a re-delivery (seconds).
pub const UPDATE_IDS_KEPT_SECS: i64 = 24 * 3600;

/// How often the scheduler runs in production.
pub const PERIOD: std::time::Duration = std::time::Duration::from_secs(30);

/// One pass. Returns how many notifications it queued. Each mark (escalated, flagged as
/// silent, checked in) is committed with the notifications it causes.
pub async fn tick(app: &App) -> Result<usize, HandlerError> {
    let now = app.now();
    let rules = &app.survey.routing;
    let supervisors = app.supervisors().await?;
    let mut queued = 0;

    let mut tx = app.db.begin().await?;
    let mut out = Vec::new();
    for (case_id, priority, since, escalations) in app.db.unclaimed_for_escalation().await? {
        let priority = Priority::parse(&priority).unwrap_or(Priority::Normal);
        if rules.escalation_due(priority, since, escalations, now)
            && tx.mark_escalated(case_id, escalations + 1).await?
            && let Some(case) = tx.case(case_id).await?
        {
            let minutes = (now - since) / 60;
            for &supervisor in &supervisors {
                let lang = app.language_for(supervisor, None).await;
                let (card, markup) = cards::card(&app.survey, &app.locales, lang, &case, now);
                let head = app.locales.text_with(
                    lang,
                    "escalation",
                    &[("case", case_id.into()), ("minutes", minutes.into())],
                );
                let mut e = Envelope::text(supervisor, format!("{head}\n\n{card}"))
                    .for_case(case_id)
                    .after(AfterSent::RecordCard { case_id })
                    .dedupe(format!("esc:{case_id}:{}:{supervisor}", escalations + 1));
                if let Some(m) = markup {
                    e = e.with_markup(m);
                }
                out.push(e);
            }
        }
    }

    queued += out.len();
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "escalation").await?;

    let mut tx = app.db.begin().await?;
    let mut out = Vec::new();
    let silent_before = now - rules.silent_claim_hours * 3600;
    for (case_id, volunteer) in tx.take_silent_claims(silent_before, now).await? {
        for &supervisor in &supervisors {
            let lang = app.language_for(supervisor, None).await;
            out.push(
                Envelope::text(
                    supervisor,
                    app.locales.text_with(
                        lang,
                        "silent-claim",
                        &[
                            ("case", case_id.into()),
                            ("volunteer", volunteer.into()),
                            ("hours", rules.silent_claim_hours.into()),
                        ],
                    ),
                )
                .for_case(case_id),
            );
        }
    }

    queued += out.len();
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "silent").await?;

    let mut tx = app.db.begin().await?;
    let mut out = Vec::new();
    let checkin_before = now - rules.checkin_hours * 3600;
    for (case_id, requester, language) in tx.take_checkins(checkin_before, now).await? {
        let lang = Lang::from_code(&language).unwrap_or(app.config.default_language);
        let markup = InlineKeyboardMarkup::new(vec![
            vec![InlineKeyboardButton::callback(
                app.locales.text(lang, "button-checkin-help"),
                RequesterButton::Checkin {
                    case: case_id,
                    safe: false,
                }
                .encode(),
            )],
            vec![InlineKeyboardButton::callback(
                app.locales.text(lang, "button-checkin-safe"),
                RequesterButton::Checkin {
                    case: case_id,
                    safe: true,
                }
                .encode(),
            )],
        ]);
        out.push(
            Envelope::text(
                requester,
                app.locales
                    .text_with(lang, "checkin", &[("case", case_id.into())]),
            )
            .with_markup(markup)
            .for_case(case_id),
        );
    }

    queued += out.len();
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "checkin").await?;

    queued += resource_digest(app, &supervisors, now).await?;

    // Trainings that run out within 14 days: the volunteer and supervisors are told, once.
    let mut tx = app.db.begin().await?;
    let mut out = Vec::new();
    for (volunteer, until) in tx
        .take_training_warnings(now, crate::training::WARN_BEFORE_SECS)
        .await?
    {
        let date = super::staff::reports::utc_date(until);
        for to in std::iter::once(volunteer).chain(supervisors.iter().copied()) {
            let lang = app.language_for(to, None).await;
            let id = if to == volunteer {
                "training-expires-soon"
            } else {
                "training-expires-soon-supervisor"
            };
            out.push(Envelope::text(
                to,
                app.locales.text_with(
                    lang,
                    id,
                    &[("user", volunteer.into()), ("until", date.clone().into())],
                ),
            ));
        }
    }
    queued += out.len();
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "training").await?;

    // Update ids are kept only while Telegram may deliver an update again (hours, not days).
    app.db
        .forget_updates_before(now - UPDATE_IDS_KEPT_SECS)
        .await?;
    app.db.forget_expired_journeys(now).await?;
    // Post ids of the public chats: kept only while Telegram lets the bot delete them.
    app.db.purge_public_posts(now).await?;
    purge_expired(app).await?;
    Ok(queued)
}

/// Once an hour (by the clock's hour), one message to each supervisor: the resources whose
/// check runs out within the hour, and what requesters reported since the last digest.
/// Nothing to say: no message. Each check is warned about once.
async fn resource_digest(app: &App, supervisors: &[i64], now: i64) -> Result<usize, HandlerError> {
    let mut tx = app.db.begin().await?;
    if !tx.take_digest_hour(now.div_euclid(3600)).await? {
        return Ok(0);
    }
    let expiring = tx
        .take_expiring(now, resources::EXPIRY_WARNING_SECONDS)
        .await?;
    let reports = tx.take_reports().await?;
    let mut out = Vec::new();
    if !expiring.is_empty() || !reports.is_empty() {
        for &supervisor in supervisors {
            let lang = app.language_for(supervisor, None).await;
            let t =
                |id: &str, args: &[(&str, crate::i18n::Arg)]| app.locales.text_with(lang, id, args);
            let mut lines = vec![t("res-digest-title", &[])];
            if !expiring.is_empty() {
                lines.push(String::new());
                lines.push(t("res-digest-expiring", &[]));
                lines.extend(expiring.iter().map(|r| {
                    t(
                        "res-digest-expiring-line",
                        &[
                            ("id", r.id.into()),
                            ("title", r.title.clone().into()),
                            ("until", resources::kyiv_time(r.expires_at).into()),
                        ],
                    )
                }));
            }
            if !reports.is_empty() {
                lines.push(String::new());
                lines.push(t("res-digest-reports", &[]));
                lines.extend(reports.iter().map(|r| {
                    t(
                        "res-digest-report-line",
                        &[
                            ("id", r.resource_id.into()),
                            ("title", r.title.clone().into()),
                            ("helped", r.helped.into()),
                            ("wrong", r.wrong.into()),
                        ],
                    )
                }));
            }
            out.push(Envelope::text(supervisor, lines.join("\n")));
        }
    }
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "digest").await?;
    Ok(out.len())
}

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Retention: closed cases older than RETENTION_DAYS lose their personal fields. Called by the
/// scheduler; returns how many cases were purged. One read when there is nothing to do.
async fn purge_expired(app: &App) -> Result<usize, HandlerError> {
    let now = app.now();
    let cutoff = now - i64::from(app.config.retention_days) * DAY;
    if !app.db.retention_due(cutoff).await? {
        return Ok(0);
    }
    let purged = app.db.purge_expired(cutoff, now).await?;
    if purged.anything() {
        tracing::info!(
            cases = purged.cases,
            surveys = purged.surveys,
            people = purged.people,
            "retention purge"
        );
        // Deleted people and surveys are rows keyed by Telegram id: their ids may remain as
        // divider keys in interior pages until the file is rebuilt.
        let rebuild = purged.people + purged.surveys > 0;
        if let Err(e) = app.db.scrub_files(rebuild).await {
            tracing::error!(error = %e, "purged, but the database files could not be scrubbed");
        }
    }
    Ok(purged.cases)
}
