//! `/stats`: the numbers (cases by priority and status, median time to claim and to close,
//! intake per UTC day) and the text that shows them.

use crate::{
    bot::{cards::priority_mark, keyboards::fit},
    i18n::{Lang, Locales},
    triage::Priority,
};

use super::{DAY, PRIORITIES, STATUSES, month_day};

/// What `/stats` shows, computed from the database rows.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stats {
    /// Cases per priority (in `PRIORITIES` order) and status (in `STATUSES` order).
    pub(super) by_priority: [[i64; 3]; 4],
    /// Median seconds to the first claim, and over how many cases.
    pub(super) to_claim: Option<i64>,
    pub(super) claimed: usize,
    /// Median seconds to closing, and over how many cases.
    pub(super) to_close: Option<i64>,
    pub(super) closed: usize,
    /// (UTC day number since 1970-01-01, cases created that day), oldest first.
    pub(super) intake: Vec<(i64, i64)>,
}

impl Stats {
    pub(super) fn total(&self) -> i64 {
        self.by_priority.iter().flatten().sum()
    }
}

/// Durations below zero (a clock set back) count as zero.
pub(super) fn non_negative(values: Vec<i64>) -> Vec<i64> {
    values.into_iter().map(|v| v.max(0)).collect()
}

/// The median; of an even count, the mean of the middle two (rounded down). None when empty.
pub(super) fn median(values: &[i64]) -> Option<i64> {
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
pub(super) fn day_buckets(created: &[i64], now: i64, days: usize) -> Vec<(i64, i64)> {
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
pub(super) fn tally(rows: &[(String, String, i64)]) -> [[i64; 3]; 4] {
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
pub(super) fn duration_text(locales: &Locales, lang: Lang, seconds: i64) -> String {
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

pub(super) fn stats_text(locales: &Locales, lang: Lang, stats: &Stats) -> String {
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
#[cfg(test)]
mod tests {
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
}
