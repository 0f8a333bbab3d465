//! Supervisor reports, supervisors only:
//!
//! ```text
//! /audit N        a case's history from the audit log (time UTC · actor id · action · detail)
//! /stats          waiting / claimed / closed by priority, median time to claim and to close,
//!                 intake per UTC day for 14 days: as text, then as a PNG chart
//! /export [full]  a CSV of every case, sent to the supervisor who asked and nobody else;
//!                 without `full` it holds ids, codes, numbers and times only; `full` adds typed
//!                 text, places, phones and requester ids. Every export is audited.
//! ```
//!
//! The arithmetic is pure and tested beside it: `stats` (median, day buckets, the summary
//! text), `chart` (the PNG, drawn with plotters into memory, DejaVu Sans bundled so Cyrillic
//! labels render without any system font) and `export` (the CSV); the SQL is in
//! `db/reports.rs`.

mod chart;
mod export;
mod stats;

use chrono::DateTime;
use teloxide::{prelude::*, types::InputFile};

use self::{
    chart::{ChartLabels, render_chart},
    export::send_export,
    stats::{Stats, day_buckets, median, non_negative, stats_text, tally},
};
use super::Staff;
use crate::{
    bot::{
        App, HandlerError, HandlerResult,
        keyboards::{MAX_MESSAGE_CHARS, fit},
        send,
    },
    db::AuditEntry,
    i18n::{Arg, Lang, Locales},
    roles::parse_case_number,
    triage::Priority,
};

pub(super) const DAY: i64 = 86_400;
/// Days of intake `/stats` shows, ending today (UTC).
pub(super) const INTAKE_DAYS: usize = 14;
/// Priorities as rows of the report, most urgent first.
pub(super) const PRIORITIES: [Priority; 4] = [
    Priority::Critical,
    Priority::High,
    Priority::Normal,
    Priority::Low,
];
/// Case statuses as columns of the report.
pub(super) const STATUSES: [&str; 3] = ["open", "claimed", "closed"];

staff_endpoint!(
    /// `/audit N`.
    audit, "supervisor.audit", answers audit_of
);
staff_endpoint!(
    /// `/stats`.
    stats, "supervisor.stats", sends send_stats, no arguments
);
staff_endpoint!(
    /// `/export [full]`.
    export, "supervisor.export", sends send_export
);
pub(super) fn t(app: &App, me: &Staff, id: &str) -> String {
    app.locales.text(me.lang, id)
}

// ---------------------------------------------------------------------------------------------
// /audit N

/// `/audit N`: the case's audit rows, oldest first; the newest are kept if they do not all fit.
async fn audit_of(_bot: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some(case_id) = parse_case_number(args) else {
        return Ok(t(app, me, "report-usage-audit"));
    };
    let case_arg = [("case", Arg::from(case_id))];
    let entries = app.db.audit_of_case(case_id).await?;
    if entries.is_empty() {
        // The history outlives the case's data, so a case is unknown only with neither.
        let id = if app.db.case(case_id).await?.is_some() {
            "report-audit-empty"
        } else {
            "case-not-found"
        };
        return Ok(app.locales.text_with(me.lang, id, &case_arg));
    }
    let title = app.locales.text_with(
        me.lang,
        "report-audit-title",
        &[("case", case_id.into()), ("count", entries.len().into())],
    );
    let lines: Vec<String> = entries
        .iter()
        .map(|e| audit_line(&app.locales, me.lang, e))
        .collect();
    Ok(newest_that_fit(&title, &lines, |omitted| {
        app.locales.text_with(
            me.lang,
            "report-audit-earlier",
            &[("count", omitted.into())],
        )
    }))
}

/// One history row: `2025-05-01 14:03 · 9001 · claimed · → 123 · evacuated`.
fn audit_line(locales: &Locales, lang: Lang, e: &AuditEntry) -> String {
    let id = format!("report-action-{}", e.action);
    let action = if locales.has(lang, &id) {
        locales.text(lang, &id)
    } else {
        e.action.clone()
    };
    let mut line = format!("{} · {} · {action}", utc_minute(e.at), e.actor_id);
    if let Some(subject) = e.subject_id {
        line.push_str(&format!(" · → {subject}"));
    }
    if let Some(detail) = e.detail.as_deref().filter(|d| !d.is_empty()) {
        line.push_str(&format!(" · {detail}"));
    }
    line
}

/// The title and as many of the newest lines as one message holds, with a note of how many
/// older ones were left out.
fn newest_that_fit(title: &str, lines: &[String], omitted: impl Fn(usize) -> String) -> String {
    let chars = |s: &str| s.chars().count() + 1;
    let all = chars(title) + lines.iter().map(|l| chars(l)).sum::<usize>();
    if all <= MAX_MESSAGE_CHARS {
        return format!("{title}\n{}", lines.join("\n"));
    }
    // Room for the note about older rows: generous, it is one short line.
    let mut used = chars(title) + 120;
    let mut kept = 0;
    for line in lines.iter().rev() {
        if used + chars(line) > MAX_MESSAGE_CHARS {
            break;
        }
        used += chars(line);
        kept += 1;
    }
    let newest = &lines[lines.len() - kept..];
    fit(format!(
        "{title}\n{}\n{}",
        omitted(lines.len() - kept),
        newest.join("\n")
    ))
}

/// What the guard and the bridge did in the public chats, from the audit log.
async fn public_summary(app: &App, lang: crate::i18n::Lang) -> Result<String, HandlerError> {
    let counts = app.db.guard_counts().await?;
    let total = |action: &str| -> i64 {
        counts
            .iter()
            .filter(|(a, _, _)| a == action)
            .map(|(_, _, n)| n)
            .sum()
    };
    let line = |id: &str, n: i64| app.locales.text_with(lang, id, &[("count", n.into())]);
    let mut lines = vec![app.locales.text(lang, "report-stats-public")];
    lines.push(line("report-stats-public-deleted", total("guard_delete")));
    // By rule, for the deletions the guard made itself.
    for (_, rule, n) in counts.iter().filter(|(a, _, _)| a == "guard_delete") {
        if let Some(rule) = crate::guard::Rule::from_code(rule) {
            lines.push(format!(
                "  {}: {n}",
                app.locales.text(lang, &rule.text_id())
            ));
        }
    }
    lines.push(line("report-stats-public-held", total("guard_hold")));
    lines.push(line(
        "report-stats-public-bans",
        total("ban") + total("guard_ban"),
    ));
    lines.push(line("report-stats-public-reports", total("post_report")));
    lines.push(line("report-stats-public-bridge", total("bridge_reply")));
    lines.push(line(
        "report-stats-public-cases",
        app.db.cases_from_chats().await?,
    ));
    Ok(lines.join("\n"))
}

/// `/stats`: the summary as text, then the chart as a photo.
async fn send_stats(bot: &Bot, app: &App, me: &Staff, _args: &str) -> HandlerResult {
    let now = app.now();
    let today = now.div_euclid(DAY);
    let first = today - (INTAKE_DAYS as i64 - 1);
    let counts = app.db.case_counts().await?;
    let claims = non_negative(app.db.claim_durations().await?);
    let closes = non_negative(app.db.close_durations().await?);
    let created = app.db.intake_times(first * DAY, (today + 1) * DAY).await?;
    let stats = Stats {
        by_priority: tally(&counts),
        to_claim: median(&claims),
        claimed: claims.len(),
        to_close: median(&closes),
        closed: closes.len(),
        intake: day_buckets(&created, now, INTAKE_DAYS),
    };
    let mut summary = stats_text(&app.locales, me.lang, &stats);
    let resources = app.db.resource_counts(now).await?;
    if !resources.is_empty() {
        summary.push_str("\n\n");
        summary.push_str(&app.locales.text(me.lang, "report-stats-resources"));
        for r in &resources {
            let region = app.locales.text(
                me.lang,
                &crate::survey::choice_text_id(&app.survey.routing.region_question, &r.region),
            );
            summary.push_str(&format!(
                "\n{region}: {} / {} / {}",
                r.active, r.stale, r.reported
            ));
        }
    }
    if !app.config.public.chat_ids.is_empty() {
        summary.push_str("\n\n");
        summary.push_str(&public_summary(app, me.lang).await?);
    }
    send::text(bot, me.chat, summary).await?;

    let labels = ChartLabels::new(&app.locales, me.lang, &stats);
    let caption = labels.intake_title.clone();
    let png = tokio::task::spawn_blocking(move || render_chart(&stats, &labels)).await??;
    bot.send_photo(me.chat, InputFile::memory(png).file_name("stats.png"))
        .caption(caption)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// UTC dates

fn utc(at: i64) -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(at, 0).unwrap_or_default()
}

/// `YYYY-MM-DD HH:MM` (UTC).
pub(super) fn utc_minute(at: i64) -> String {
    utc(at).format("%Y-%m-%d %H:%M").to_string()
}

/// `YYYY-MM-DD HH:MM:SS` (UTC), for the CSV.
pub(super) fn utc_second(at: i64) -> String {
    utc(at).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// `YYYY-MM-DD` (UTC): a date staff read (a training's expiry).
pub(in crate::bot) fn utc_date(at: i64) -> String {
    utc(at).format("%Y-%m-%d").to_string()
}

/// `YYYYMMDD` (UTC), for file names.
pub(super) fn compact_date(at: i64) -> String {
    utc(at).format("%Y%m%d").to_string()
}

/// `MM-DD` of a day number (days since 1970-01-01).
pub(super) fn month_day(day: i64) -> String {
    utc(day * DAY).format("%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-05-14 12:00:00 UTC.
    pub(super) const NOON: i64 = 1_747_224_000;

    #[test]
    fn utc_times_are_written_year_month_day_hour_minute() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00");
        assert_eq!(utc_minute(NOON + 3 * 60 + 59), "2025-05-14 12:03");
        assert_eq!(
            utc_second(951_825_600 + 59),
            "2000-02-29 12:00:59",
            "a leap day"
        );
        assert_eq!(utc_minute(-60), "1969-12-31 23:59");
        assert_eq!(compact_date(NOON), "20250514");
        assert_eq!(month_day(NOON.div_euclid(DAY)), "05-14");
    }

    #[test]
    fn a_long_history_keeps_its_newest_rows_and_says_how_many_are_left_out() {
        let lines: Vec<String> = (0..500)
            .map(|i| format!("row {i:04} {}", "x".repeat(40)))
            .collect();
        let text = newest_that_fit("Title", &lines, |n| format!("{n} earlier"));
        assert!(text.chars().count() <= MAX_MESSAGE_CHARS);
        assert!(text.starts_with("Title\n"));
        assert!(text.ends_with(&lines[499]));
        let shown = text.matches("row ").count();
        assert!(text.contains(&format!("{} earlier", 500 - shown)), "{text}");
        let short = newest_that_fit("T", &lines[..2], |_| unreachable!());
        assert_eq!(short, format!("T\n{}\n{}", lines[0], lines[1]));
    }
}
