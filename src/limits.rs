//! The policy numbers organizers may change, from the `[limits]` section of the dialogue file
//! (checked by `evac-intake check`): how many cases a volunteer holds, flood control, the
//! length of an internal note, the size of a `/queue` page.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Open cases a volunteer added with `/addvolunteer` may hold at once.
    pub volunteer_max_open: i64,
    /// More messages than this in a minute from one person mutes them (button presses do not
    /// count: someone answering the survey quickly presses many). Staff are never muted.
    pub flood_per_minute: usize,
    /// How long a flooder is muted.
    pub mute_minutes: i64,
    /// The longest internal note (`/note`), in characters.
    pub note_max_chars: usize,
    /// Cases per `/queue` page.
    pub queue_page_size: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            volunteer_max_open: 5,
            flood_per_minute: 30,
            mute_minutes: 10,
            note_max_chars: 2000,
            queue_page_size: 5,
        }
    }
}

impl Limits {
    /// Each limit with its key and the range it must be in: (key, value, min, max).
    pub(crate) fn ranges(&self) -> [(&'static str, i64, i64, i64); 5] {
        [
            ("limits.volunteer_max_open", self.volunteer_max_open, 1, 100),
            (
                "limits.flood_per_minute",
                self.flood_per_minute as i64,
                5,
                1000,
            ),
            ("limits.mute_minutes", self.mute_minutes, 1, 24 * 60),
            (
                "limits.note_max_chars",
                self.note_max_chars as i64,
                100,
                3500,
            ),
            ("limits.queue_page_size", self.queue_page_size, 1, 20),
        ]
    }
}
