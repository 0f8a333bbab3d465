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
//! The arithmetic (median, day buckets, CSV quoting, UTC dates) is pure and tested here; the SQL
//! is in `db/reports.rs`. The chart is drawn with plotters into memory and encoded as PNG, with
//! DejaVu Sans bundled so Cyrillic labels render without any system font.

use std::sync::Once;

use plotters::{
    coord::ranged1d::SegmentValue,
    prelude::*,
    style::{
        FontStyle, register_font,
        text_anchor::{HPos, Pos, VPos},
    },
};
use teloxide::{prelude::*, types::InputFile};

use super::Staff;
use crate::bot::{
    App, HandlerError, HandlerResult,
    cards::priority_mark,
    keyboards::{MAX_MESSAGE_CHARS, fit},
    send,
};
use crate::{
    db::{AuditAction, AuditEntry, CaseRow},
    i18n::{Arg, Lang, Locales},
    roles::parse_case_number,
    survey::{Answer, AnswerMap, Kind, Survey},
    triage::Priority,
};

const DAY: i64 = 86_400;
/// Days of intake `/stats` shows, ending today (UTC).
const INTAKE_DAYS: usize = 14;
/// Priorities as rows of the report, most urgent first.
const PRIORITIES: [Priority; 4] = [
    Priority::Critical,
    Priority::High,
    Priority::Normal,
    Priority::Low,
];
/// Case statuses as columns of the report.
const STATUSES: [&str; 3] = ["open", "claimed", "closed"];

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

fn t(app: &App, me: &Staff, id: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// /stats

/// What `/stats` shows, computed from the database rows.
#[derive(Debug, Clone, PartialEq)]
struct Stats {
    /// Cases per priority (in `PRIORITIES` order) and status (in `STATUSES` order).
    by_priority: [[i64; 3]; 4],
    /// Median seconds to the first claim, and over how many cases.
    to_claim: Option<i64>,
    claimed: usize,
    /// Median seconds to closing, and over how many cases.
    to_close: Option<i64>,
    closed: usize,
    /// (UTC day number since 1970-01-01, cases created that day), oldest first.
    intake: Vec<(i64, i64)>,
}

impl Stats {
    fn total(&self) -> i64 {
        self.by_priority.iter().flatten().sum()
    }
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
    send::text(bot, me.chat, stats_text(&app.locales, me.lang, &stats)).await?;

    let labels = ChartLabels::new(&app.locales, me.lang, &stats);
    let caption = labels.intake_title.clone();
    let png = tokio::task::spawn_blocking(move || render_chart(&stats, &labels)).await??;
    bot.send_photo(me.chat, InputFile::memory(png).file_name("stats.png"))
        .caption(caption)
        .await?;
    Ok(())
}

/// Durations below zero (a clock set back) count as zero.
fn non_negative(values: Vec<i64>) -> Vec<i64> {
    values.into_iter().map(|v| v.max(0)).collect()
}

/// The median; of an even count, the mean of the middle two (rounded down). None when empty.
fn median(values: &[i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]).div_euclid(2)
    })
}

/// Cases per UTC day for the `days` days ending with the day of `now`, oldest first:
/// (day number since 1970-01-01, count). Days without cases are there with 0; times outside
/// the window are not counted.
fn day_buckets(created: &[i64], now: i64, days: usize) -> Vec<(i64, i64)> {
    let today = now.div_euclid(DAY);
    let first = today - days as i64 + 1;
    let mut counts = vec![0i64; days];
    for at in created {
        let day = at.div_euclid(DAY);
        if (first..=today).contains(&day) {
            counts[(day - first) as usize] += 1;
        }
    }
    (first..=today).zip(counts).collect()
}

/// (status, priority, count) rows into the priority × status table; unknown values are ignored.
fn tally(rows: &[(String, String, i64)]) -> [[i64; 3]; 4] {
    let mut table = [[0i64; 3]; 4];
    for (status, priority, count) in rows {
        let p = Priority::parse(priority).and_then(|p| PRIORITIES.iter().position(|q| *q == p));
        let s = STATUSES.iter().position(|s| s == status);
        if let (Some(p), Some(s)) = (p, s) {
            table[p][s] += count;
        }
    }
    table
}

/// A duration for people: `2 d 3 h`, `4 h 12 min`, `35 min`.
fn duration_text(locales: &Locales, lang: Lang, seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if days > 0 {
        locales.text_with(
            lang,
            "report-duration-days",
            &[("days", days.into()), ("hours", hours.into())],
        )
    } else if hours > 0 {
        locales.text_with(
            lang,
            "report-duration-hours",
            &[("hours", hours.into()), ("minutes", minutes.into())],
        )
    } else {
        locales.text_with(
            lang,
            "report-duration-minutes",
            &[("minutes", minutes.into())],
        )
    }
}

fn stats_text(locales: &Locales, lang: Lang, stats: &Stats) -> String {
    let mut text = locales.text_with(
        lang,
        "report-stats-title",
        &[("count", stats.total().into())],
    );
    text.push('\n');
    text.push_str(&locales.text(lang, "report-stats-by-priority"));
    for (priority, row) in PRIORITIES.iter().zip(stats.by_priority) {
        text.push_str(&format!(
            "\n{} {}: {} / {} / {}",
            priority_mark(*priority),
            locales.text(lang, &format!("priority-{}", priority.as_str())),
            row[0],
            row[1],
            row[2]
        ));
    }
    text.push_str("\n\n");
    for (id, median, count) in [
        ("report-median-claim", stats.to_claim, stats.claimed),
        ("report-median-close", stats.to_close, stats.closed),
    ] {
        let duration = match median {
            Some(seconds) => duration_text(locales, lang, seconds),
            None => locales.text(lang, "report-no-data"),
        };
        text.push_str(&locales.text_with(
            lang,
            id,
            &[("duration", duration.into()), ("count", count.into())],
        ));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&locales.text_with(
        lang,
        "report-intake-title",
        &[("days", stats.intake.len().into())],
    ));
    let most = stats.intake.iter().map(|(_, n)| *n).max().unwrap_or(0);
    for (day, count) in &stats.intake {
        // A bar of up to 20 blocks, so the fortnight reads at a glance.
        let blocks = if most > 0 {
            ((count * 20 + most - 1) / most) as usize
        } else {
            0
        };
        text.push_str(&format!("\n{} {count:>3}", month_day(*day)));
        if blocks > 0 {
            text.push(' ');
            text.push_str(&"▇".repeat(blocks));
        }
    }
    fit(text)
}

/// The chart's texts, resolved before drawing (drawing runs on a blocking thread).
struct ChartLabels {
    intake_title: String,
    status_title: String,
    days: Vec<String>,
    priorities: Vec<String>,
    statuses: Vec<String>,
}

impl ChartLabels {
    fn new(locales: &Locales, lang: Lang, stats: &Stats) -> ChartLabels {
        ChartLabels {
            intake_title: locales.text_with(
                lang,
                "report-chart-intake-title",
                &[("days", stats.intake.len().into())],
            ),
            status_title: locales.text(lang, "report-chart-status-title"),
            days: stats.intake.iter().map(|(d, _)| month_day(*d)).collect(),
            priorities: PRIORITIES
                .iter()
                .map(|p| locales.text(lang, &format!("priority-{}", p.as_str())))
                .collect(),
            statuses: STATUSES
                .iter()
                .map(|s| locales.text(lang, &format!("report-status-{s}")))
                .collect(),
        }
    }
}

const CHART_WIDTH: u32 = 1000;
const CHART_HEIGHT: u32 = 820;
const FONT: &str = "sans-serif";
static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// plotters draws text with fonts registered by name; ours is bundled.
fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if register_font(FONT, FontStyle::Normal, DEJAVU_SANS).is_err() {
            tracing::error!("the bundled chart font could not be read");
        }
    });
}

const INTAKE_COLOR: RGBColor = RGBColor(41, 128, 185);
const STATUS_COLORS: [RGBColor; 3] = [
    RGBColor(230, 126, 34), // waiting
    RGBColor(52, 152, 219), // claimed
    RGBColor(39, 174, 96),  // closed
];

/// Two bar charts, one PNG: intake per day on top, cases by priority and status below.
fn render_chart(stats: &Stats, labels: &ChartLabels) -> Result<Vec<u8>, HandlerError> {
    register_fonts();
    let (w, h) = (CHART_WIDTH, CHART_HEIGHT);
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let (top, bottom) = root.split_vertically(h * 52 / 100);
        intake_chart(&top, stats, labels).map_err(draw_error)?;
        status_chart(&bottom, stats, labels).map_err(draw_error)?;
        root.present().map_err(draw_error)?;
    }
    Ok(encode_png(&rgb, w, h)?)
}

fn draw_error(e: impl std::fmt::Display) -> HandlerError {
    format!("drawing the chart failed: {e}").into()
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;
type DrawResult =
    Result<(), DrawingAreaErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>>;

fn intake_chart(area: &Area<'_>, stats: &Stats, labels: &ChartLabels) -> DrawResult {
    let days = stats.intake.len().max(1) as u32;
    let most = stats
        .intake
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1) as u32;
    let y_max = most + most / 8 + 1;
    let mut chart = ChartBuilder::on(area)
        .caption(&labels.intake_title, (FONT, 26))
        .margin(16)
        .x_label_area_size(34)
        .y_label_area_size(48)
        .build_cartesian_2d((0u32..days - 1).into_segmented(), 0u32..y_max)?;
    let day_label = |v: &SegmentValue<u32>| match v {
        SegmentValue::Exact(i) | SegmentValue::CenterOf(i) => {
            labels.days.get(*i as usize).cloned().unwrap_or_default()
        }
        SegmentValue::Last => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(days as usize)
        .x_label_formatter(&day_label)
        .y_labels(y_max.min(8) as usize)
        .y_label_formatter(&|v| v.to_string())
        .label_style((FONT, 15))
        .draw()?;
    chart.draw_series(
        Histogram::vertical(&chart)
            .style(INTAKE_COLOR.filled())
            .margin(8)
            .data(
                stats
                    .intake
                    .iter()
                    .enumerate()
                    .map(|(i, (_, n))| (i as u32, *n as u32)),
            ),
    )?;
    // The count above each bar that has one.
    chart.draw_series(
        stats
            .intake
            .iter()
            .enumerate()
            .filter(|(_, (_, n))| *n > 0)
            .map(|(i, (_, n))| {
                Text::new(
                    n.to_string(),
                    (SegmentValue::CenterOf(i as u32), *n as u32),
                    (FONT, 15)
                        .into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }),
    )?;
    Ok(())
}

fn status_chart(area: &Area<'_>, stats: &Stats, labels: &ChartLabels) -> DrawResult {
    let n = PRIORITIES.len() as u32;
    let most = stats
        .by_priority
        .iter()
        .map(|row| row.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1) as u32;
    let y_max = most + most / 8 + 1;
    let mut chart = ChartBuilder::on(area)
        .caption(&labels.status_title, (FONT, 26))
        .margin(16)
        .x_label_area_size(34)
        .y_label_area_size(48)
        .build_cartesian_2d((0u32..n - 1).into_segmented(), 0u32..y_max)?;
    let priority_label = |v: &SegmentValue<u32>| match v {
        SegmentValue::Exact(i) | SegmentValue::CenterOf(i) => labels
            .priorities
            .get(*i as usize)
            .cloned()
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n as usize)
        .x_label_formatter(&priority_label)
        .y_labels(y_max.min(8) as usize)
        .y_label_formatter(&|v| v.to_string())
        .label_style((FONT, 16))
        .draw()?;
    // Stacked: waiting at the bottom, then claimed, then closed.
    for (s, color) in STATUS_COLORS.iter().enumerate() {
        let bars = stats.by_priority.iter().enumerate().filter_map(|(p, row)| {
            if row[s] == 0 {
                return None;
            }
            let base = row[..s].iter().sum::<i64>() as u32;
            let top = base + row[s] as u32;
            let left = SegmentValue::Exact(p as u32);
            let right = if (p as u32) + 1 < n {
                SegmentValue::Exact(p as u32 + 1)
            } else {
                SegmentValue::Last
            };
            let mut bar = Rectangle::new([(left, top), (right, base)], color.filled());
            bar.set_margin(0, 0, 40, 40);
            Some(bar)
        });
        let color = *color;
        chart
            .draw_series(bars)?
            .label(labels.statuses[s].clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 16, y + 7)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font((FONT, 16))
        .draw()?;
    Ok(())
}

/// RGB pixels to a PNG file in memory.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// /export

/// `/export` or `/export full`: the CSV goes to the asking supervisor's own chat only.
async fn send_export(bot: &Bot, app: &App, me: &Staff, args: &str) -> HandlerResult {
    let full = match args.trim().to_lowercase().as_str() {
        "" => false,
        "full" => true,
        _ => {
            send::text(bot, me.chat, t(app, me, "report-usage-export")).await?;
            return Ok(());
        }
    };
    let cases = app.db.cases_for_export().await?;
    let rows: Vec<ExportRow<'_>> = cases
        .iter()
        .map(|(case, closed_at, verified, flagged)| {
            ExportRow::new(case, *closed_at, *verified, *flagged)
        })
        .collect();
    let csv = export_csv(&app.survey, &rows, full);
    let now = app.now();
    // Recorded before sending: an export that may have left is never missing from the log.
    let detail = if full { "full" } else { "basic" };
    app.db
        .audit(me.id, AuditAction::Export, None, None, Some(detail), now)
        .await?;
    let caption = app.locales.text_with(
        me.lang,
        if full {
            "report-export-full"
        } else {
            "report-export-basic"
        },
        &[("count", cases.len().into())],
    );
    // Staff commands come from private chats only; never let a file go anywhere else.
    let to = if me.chat.0 == me.id {
        me.chat
    } else {
        ChatId(me.id)
    };
    let file =
        InputFile::memory(csv.into_bytes()).file_name(format!("cases-{}.csv", compact_date(now)));
    bot.send_document(to, file).caption(caption).await?;
    Ok(())
}

/// Columns every export has, in order.
const CASE_HEADER: [&str; 14] = [
    "id",
    "status",
    "priority",
    "reasons",
    "region",
    "language",
    "submitted",
    "created_at",
    "claimed_at",
    "closed_at",
    "outcome",
    "volunteer_id",
    "verified",
    "flagged",
];

/// Answers a basic export may hold: ids of choices and numbers. Typed text, places and phones
/// only with `full`; the consent screen is not an answer.
fn exported_kind(kind: Kind, full: bool) -> bool {
    match kind {
        Kind::Single | Kind::Multi | Kind::YesNo | Kind::Number => true,
        Kind::Text | Kind::Location | Kind::Phone => full,
        Kind::Consent => false,
    }
}

/// A case as the export sees it.
#[derive(Debug, Clone, PartialEq)]
struct ExportRow<'a> {
    id: i64,
    status: &'static str,
    priority: &'static str,
    reasons: &'a [String],
    region: Option<&'a str>,
    language: &'static str,
    submitted: bool,
    created_at: i64,
    claimed_at: Option<i64>,
    closed_at: Option<i64>,
    outcome: Option<&'a str>,
    volunteer_id: Option<i64>,
    verified: bool,
    flagged: bool,
    answers: &'a AnswerMap,
    requester_id: Option<i64>,
}

impl<'a> ExportRow<'a> {
    fn new(case: &'a CaseRow, closed_at: Option<i64>, verified: bool, flagged: bool) -> Self {
        ExportRow {
            id: case.id,
            status: case.status.as_str(),
            priority: case.priority.as_str(),
            reasons: &case.reasons,
            region: case.region.as_deref(),
            language: case.language.code(),
            submitted: case.submitted,
            created_at: case.created_at,
            claimed_at: case.claimed_at,
            closed_at,
            outcome: case.outcome.as_deref(),
            volunteer_id: case.volunteer_id,
            verified,
            flagged,
            answers: &case.answers,
            requester_id: case.requester_id,
        }
    }

    /// The `CASE_HEADER` columns.
    fn cells(&self) -> Vec<String> {
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let time = |v: Option<i64>| v.map(utc_second).unwrap_or_default();
        vec![
            self.id.to_string(),
            self.status.to_owned(),
            self.priority.to_owned(),
            self.reasons.join(";"),
            self.region.unwrap_or_default().to_owned(),
            self.language.to_owned(),
            self.submitted.to_string(),
            utc_second(self.created_at),
            time(self.claimed_at),
            time(self.closed_at),
            self.outcome.unwrap_or_default().to_owned(),
            opt(self.volunteer_id),
            self.verified.to_string(),
            self.flagged.to_string(),
        ]
    }
}

/// The CSV: a header, then one row per case.
fn export_csv(survey: &Survey, rows: &[ExportRow<'_>], full: bool) -> String {
    // Choices and numbers first, then (full) the personal answers, so a basic export is a
    // prefix of a full one.
    let questions: Vec<_> = survey
        .questions
        .iter()
        .filter(|q| exported_kind(q.kind, false))
        .chain(
            survey
                .questions
                .iter()
                .filter(|q| full && !exported_kind(q.kind, false) && exported_kind(q.kind, true)),
        )
        .collect();
    let mut header: Vec<String> = CASE_HEADER.iter().map(|s| s.to_string()).collect();
    for q in &questions {
        // A question named like a case column (the region) gets its own name.
        let taken = CASE_HEADER.contains(&q.id.as_str()) || q.id == "requester_id";
        header.push(if taken {
            format!("answer_{}", q.id)
        } else {
            q.id.clone()
        });
    }
    if full {
        header.push("requester_id".to_owned());
    }
    let mut out = String::new();
    push_record(&mut out, &header);
    for case in rows {
        let mut row = case.cells();
        for q in &questions {
            row.push(
                case.answers
                    .get(&q.id)
                    .map(|a| answer_cell(a, exported_kind(q.kind, false)))
                    .unwrap_or_default(),
            );
        }
        if full {
            row.push(case.requester_id.map(|v| v.to_string()).unwrap_or_default());
        }
        push_record(&mut out, &row);
    }
    out
}

/// One answer as a cell. With `codes_only`, anything but choice ids and numbers is left out,
/// whatever the stored data: a basic export never carries typed text.
fn answer_cell(answer: &Answer, codes_only: bool) -> String {
    match answer {
        Answer::Choice(c) => c.clone(),
        Answer::Choices(cs) => cs.join(";"),
        Answer::Number(n) => n.to_string(),
        _ if codes_only => String::new(),
        Answer::Text(s) | Answer::Place(s) => defuse_formula(s),
        Answer::Coords { lat, lon } => format!("{lat:.5},{lon:.5}"),
        Answer::Phone(p) => p.clone(),
        Answer::Skipped => String::new(),
    }
}

/// Text typed by anyone on the internet must not run as a spreadsheet formula when a
/// supervisor opens the file: a leading `= + - @` (or tab, CR) is prefixed with `'`.
fn defuse_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn push_record(out: &mut String, fields: &[String]) {
    let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

// ---------------------------------------------------------------------------------------------
// UTC dates, without a date library

/// (year, month, day) of a day number since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD HH:MM` (UTC).
fn utc_minute(at: i64) -> String {
    let (y, m, d) = civil_from_days(at.div_euclid(DAY));
    let secs = at.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        secs / 3600,
        secs / 60 % 60
    )
}

/// `YYYY-MM-DD HH:MM:SS` (UTC), for the CSV.
fn utc_second(at: i64) -> String {
    format!("{}:{:02}", utc_minute(at), at.rem_euclid(60))
}

/// `YYYYMMDD` (UTC), for file names.
fn compact_date(at: i64) -> String {
    let (y, m, d) = civil_from_days(at.div_euclid(DAY));
    format!("{y:04}{m:02}{d:02}")
}

/// `MM-DD` of a day number.
fn month_day(day: i64) -> String {
    let (_, m, d) = civil_from_days(day);
    format!("{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// 2025-05-14 12:00:00 UTC.
    const NOON: i64 = 1_747_224_000;

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(median(&[300, 10, 20]), Some(20));
        assert_eq!(median(&[7]), Some(7));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[40, 10, 20, 30]), Some(25));
        assert_eq!(median(&[1, 2]), Some(1), "rounded down");
    }

    #[test]
    fn there_is_no_median_of_nothing() {
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn negative_durations_count_as_zero() {
        assert_eq!(median(&non_negative(vec![-50, -10, 30])), Some(0));
    }

    #[test]
    fn intake_is_bucketed_by_utc_day_for_fourteen_days_ending_today() {
        let today = NOON.div_euclid(DAY);
        let created = [
            NOON,                 // today
            NOON - 12 * 3600,     // today 00:00
            NOON - 12 * 3600 - 1, // yesterday 23:59:59
            NOON - 13 * DAY,      // the first day shown
            NOON - 14 * DAY,      // one day too old
            NOON + DAY,           // tomorrow (a skewed clock): not shown
        ];
        let buckets = day_buckets(&created, NOON, 14);
        assert_eq!(buckets.len(), 14);
        assert_eq!(buckets[0], (today - 13, 1));
        assert_eq!(buckets[12], (today - 1, 1));
        assert_eq!(buckets[13], (today, 2));
        assert_eq!(buckets.iter().map(|(_, n)| n).sum::<i64>(), 4);
        assert!(
            buckets.windows(2).all(|w| w[1].0 == w[0].0 + 1),
            "every day, in order"
        );
    }

    #[test]
    fn days_without_cases_are_shown_with_zero() {
        let buckets = day_buckets(&[], NOON, 14);
        assert_eq!(buckets.len(), 14);
        assert!(buckets.iter().all(|(_, n)| *n == 0));
    }

    #[test]
    fn counts_are_tallied_by_priority_and_status() {
        let rows = vec![
            ("open".to_owned(), "critical".to_owned(), 2),
            ("claimed".to_owned(), "normal".to_owned(), 3),
            ("closed".to_owned(), "low".to_owned(), 4),
            ("weird".to_owned(), "normal".to_owned(), 9),
        ];
        let t = tally(&rows);
        assert_eq!(t[0], [2, 0, 0]);
        assert_eq!(t[2], [0, 3, 0]);
        assert_eq!(t[3], [0, 0, 4]);
        assert_eq!(
            t.iter().flatten().sum::<i64>(),
            9,
            "unknown statuses are ignored"
        );
    }

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
    fn csv_fields_with_commas_quotes_or_line_breaks_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn typed_text_cannot_become_a_spreadsheet_formula() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("Izium"), "Izium");
    }

    #[test]
    fn a_basic_export_never_carries_typed_text_whatever_is_stored() {
        assert_eq!(answer_cell(&Answer::Text("secret".into()), true), "");
        assert_eq!(answer_cell(&Answer::Phone("+380".into()), true), "");
        assert_eq!(
            answer_cell(&Answer::Choices(vec!["a".into(), "b".into()]), true),
            "a;b"
        );
        assert_eq!(answer_cell(&Answer::Number(3), true), "3");
        assert_eq!(
            answer_cell(
                &Answer::Coords {
                    lat: 49.2,
                    lon: 37.3
                },
                false
            ),
            "49.20000,37.30000"
        );
    }

    fn survey() -> Survey {
        Survey::load(
            &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dialogues/intake.toml"),
        )
        .unwrap()
    }

    fn answers() -> AnswerMap {
        let mut answers = BTreeMap::new();
        answers.insert("region".to_owned(), Answer::Choice("kharkiv".into()));
        answers.insert("people".to_owned(), Answer::Number(2));
        answers.insert(
            "needs".to_owned(),
            Answer::Choices(vec!["food".into(), "water".into()]),
        );
        answers.insert("place".to_owned(), Answer::Place("Izium, Sadova 5".into()));
        answers.insert(
            "medicine_details".to_owned(),
            Answer::Text("=cmd|' /C calc'!A0".into()),
        );
        answers.insert("phone".to_owned(), Answer::Phone("+380677654321".into()));
        answers
    }

    fn row<'a>(answers: &'a AnswerMap, reasons: &'a [String]) -> ExportRow<'a> {
        ExportRow {
            id: 7,
            status: "claimed",
            priority: "high",
            reasons,
            region: Some("kharkiv"),
            language: "uk",
            submitted: true,
            created_at: NOON,
            claimed_at: Some(NOON + 600),
            closed_at: None,
            outcome: None,
            volunteer_id: Some(9002),
            verified: true,
            flagged: false,
            answers,
            requester_id: Some(4242),
        }
    }

    #[test]
    fn the_basic_export_has_codes_and_numbers_but_no_personal_data() {
        let (answers, reasons) = (
            answers(),
            ["infants".to_owned(), "alone_elderly".to_owned()],
        );
        let csv = export_csv(&survey(), &[row(&answers, &reasons)], false);
        let mut lines = csv.split("\r\n");
        let header = lines.next().unwrap();
        assert!(header.starts_with(
            "id,status,priority,reasons,region,language,submitted,created_at,claimed_at,closed_at,\
             outcome,volunteer_id,verified,flagged,"
        ));
        assert!(
            header.contains(",answer_region,") && header.contains(",people,"),
            "{header}"
        );
        assert!(
            !header.contains("place") && !header.contains("phone") && !header.contains("requester")
        );
        let row = lines.next().unwrap();
        assert!(
            row.starts_with(
                "7,claimed,high,infants;alone_elderly,kharkiv,uk,true,2025-05-14 12:00:00,\
             2025-05-14 12:10:00,,,9002,true,false,"
            ),
            "{row}"
        );
        assert!(row.contains("food;water"));
        for secret in ["Izium", "calc", "+380", "4242"] {
            assert!(!csv.contains(secret), "{secret} in {csv}");
        }
        assert_eq!(header.split(',').count(), row.split(',').count());
    }

    #[test]
    fn the_full_export_adds_text_places_phones_and_the_requester() {
        let (answers, reasons) = (answers(), Vec::new());
        let csv = export_csv(&survey(), &[row(&answers, &reasons)], true);
        let header = csv.lines().next().unwrap();
        assert!(
            header.ends_with(",place,medicine_details,phone,requester_id"),
            "{header}"
        );
        assert!(!csv.contains(",Izium, Sadova 5,"), "a comma is quoted");
        assert!(csv.contains("\"Izium, Sadova 5\""));
        assert!(csv.contains("'=cmd"), "the formula is defused: {csv}");
        assert!(csv.contains(",+380677654321,4242\r\n"));
    }

    #[test]
    fn an_export_without_cases_is_the_header_alone() {
        let csv = export_csv(&survey(), &[], false);
        assert_eq!(csv.matches("\r\n").count(), 1);
        assert!(csv.starts_with("id,status,"));
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

    #[test]
    fn the_chart_is_a_png_with_cyrillic_labels() {
        let stats = Stats {
            by_priority: [[1, 2, 3], [0, 0, 0], [5, 1, 0], [0, 0, 2]],
            to_claim: Some(600),
            claimed: 3,
            to_close: None,
            closed: 0,
            intake: day_buckets(&[NOON, NOON - DAY, NOON - DAY], NOON, 14),
        };
        let labels = ChartLabels {
            intake_title: "Заявки за день, останні 14 днів".into(),
            status_title: "Заявки за пріоритетом".into(),
            days: stats.intake.iter().map(|(d, _)| month_day(*d)).collect(),
            priorities: vec![
                "КРИТИЧНИЙ".into(),
                "високий".into(),
                "звичайний".into(),
                "низький".into(),
            ],
            statuses: vec!["чекає".into(), "взято".into(), "закрито".into()],
        };
        let png = render_chart(&stats, &labels).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(
            png.len() > 5_000,
            "something was drawn: {} bytes",
            png.len()
        );
    }

    #[test]
    fn an_empty_database_still_makes_a_chart() {
        let stats = Stats {
            by_priority: [[0; 3]; 4],
            to_claim: None,
            claimed: 0,
            to_close: None,
            closed: 0,
            intake: day_buckets(&[], NOON, 14),
        };
        let labels = ChartLabels {
            intake_title: "Intake".into(),
            status_title: "Status".into(),
            days: stats.intake.iter().map(|(d, _)| month_day(*d)).collect(),
            priorities: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            statuses: vec!["x".into(), "y".into(), "z".into()],
        };
        assert!(
            render_chart(&stats, &labels)
                .unwrap()
                .starts_with(b"\x89PNG")
        );
    }
}
