//! The `/stats` chart: intake per day and cases by priority and status, drawn with plotters
//! into memory and encoded as PNG, with DejaVu Sans bundled so Cyrillic labels render without
//! any system font.

use std::sync::Once;

use plotters::{
    coord::ranged1d::SegmentValue,
    prelude::*,
    style::{
        FontStyle, register_font,
        text_anchor::{HPos, Pos, VPos},
    },
};

use super::{PRIORITIES, STATUSES, month_day, stats::Stats};
use crate::{
    bot::HandlerError,
    i18n::{Lang, Locales},
};

pub(super) struct ChartLabels {
    pub(super) intake_title: String,
    pub(super) status_title: String,
    pub(super) days: Vec<String>,
    pub(super) priorities: Vec<String>,
    pub(super) statuses: Vec<String>,
}

impl ChartLabels {
    pub(super) fn new(locales: &Locales, lang: Lang, stats: &Stats) -> ChartLabels {
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

pub(super) const CHART_WIDTH: u32 = 1000;
pub(super) const CHART_HEIGHT: u32 = 820;
pub(super) const FONT: &str = "sans-serif";
pub(super) static DEJAVU_SANS: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");

/// plotters draws text with fonts registered by name; ours is bundled.
pub(super) fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if register_font(FONT, FontStyle::Normal, DEJAVU_SANS).is_err() {
            tracing::error!("the bundled chart font could not be read");
        }
    });
}

pub(super) const INTAKE_COLOR: RGBColor = RGBColor(41, 128, 185);
pub(super) const STATUS_COLORS: [RGBColor; 3] = [
    RGBColor(230, 126, 34), // waiting
    RGBColor(52, 152, 219), // claimed
    RGBColor(39, 174, 96),  // closed
];

/// Two bar charts, one PNG: intake per day on top, cases by priority and status below.
pub(super) fn render_chart(stats: &Stats, labels: &ChartLabels) -> Result<Vec<u8>, HandlerError> {
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

pub(super) fn draw_error(e: impl std::fmt::Display) -> HandlerError {
    format!("drawing the chart failed: {e}").into()
}

pub(super) type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;
pub(super) type DrawResult =
    Result<(), DrawingAreaErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>>;

pub(super) fn intake_chart(area: &Area<'_>, stats: &Stats, labels: &ChartLabels) -> DrawResult {
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

pub(super) fn status_chart(area: &Area<'_>, stats: &Stats, labels: &ChartLabels) -> DrawResult {
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
pub(super) fn encode_png(
    rgb: &[u8],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::staff::reports::{DAY, stats::day_buckets};

    /// 2025-05-14 12:00:00 UTC.
    const NOON: i64 = 1_747_224_000;

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
