//! Optional Telegram-like flood control: too many new messages per chat, per
//! group or overall get `429 Too Many Requests` (and have no effect).

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Flood limits on methods that create messages (send*, copyMessage,
/// forwardMessage). Off unless set with `Emulator::set_flood_limits`.
#[derive(Debug, Clone, PartialEq)]
pub struct FloodLimits {
    /// New messages per second to one private chat.
    pub per_chat_per_sec: u32,
    /// New messages per minute to one group, supergroup or channel (negative chat id).
    pub per_group_per_min: u32,
    /// New messages per second over all chats.
    pub global_per_sec: u32,
}

impl FloodLimits {
    /// The limits in Telegram's bot FAQ: 1 message/s per chat, 20/min per
    /// group, 30/s overall. (Real Telegram tolerates short bursts above these.)
    pub fn telegram_faq() -> Self {
        Self {
            per_chat_per_sec: 1,
            per_group_per_min: 20,
            global_per_sec: 30,
        }
    }
}

/// Sliding windows of recent message times.
#[derive(Debug, Default)]
pub(crate) struct FloodState {
    limits: Option<FloodLimits>,
    global: VecDeque<Instant>,
    per_chat: HashMap<i64, VecDeque<Instant>>,
}

/// `Err(seconds to wait)` if one more event would exceed `limit` per `window`.
fn window_check(
    times: &mut VecDeque<Instant>,
    limit: u32,
    window: Duration,
    now: Instant,
) -> Result<(), u32> {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
    if (times.len() as u64) < u64::from(limit) {
        return Ok(());
    }
    let wait = times.front().map_or(window, |oldest| {
        window.saturating_sub(now.duration_since(*oldest))
    });
    Err(wait.as_secs_f64().ceil().max(1.0) as u32)
}

impl FloodState {
    pub fn set(&mut self, limits: Option<FloodLimits>) {
        self.limits = limits;
        self.global.clear();
        self.per_chat.clear();
    }

    pub fn limits(&self) -> Option<&FloodLimits> {
        self.limits.as_ref()
    }

    /// Whether one more message to `chat_id` is allowed now (`Err(retry_after)` if not).
    pub fn check(&mut self, chat_id: i64, now: Instant) -> Result<(), u32> {
        let Some(limits) = self.limits.clone() else {
            return Ok(());
        };
        window_check(
            &mut self.global,
            limits.global_per_sec,
            Duration::from_secs(1),
            now,
        )?;
        let (limit, window) = if chat_id < 0 {
            (limits.per_group_per_min, Duration::from_secs(60))
        } else {
            (limits.per_chat_per_sec, Duration::from_secs(1))
        };
        window_check(
            self.per_chat.entry(chat_id).or_default(),
            limit,
            window,
            now,
        )
    }

    /// Counts a message that was sent.
    pub fn record(&mut self, chat_id: i64, now: Instant) {
        if self.limits.is_some() {
            self.global.push_back(now);
            self.per_chat.entry(chat_id).or_default().push_back(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_limit_and_recover() {
        let mut st = FloodState::default();
        let t0 = Instant::now();
        assert!(st.check(1, t0).is_ok(), "off by default");
        st.set(Some(FloodLimits::telegram_faq()));
        assert!(st.check(1, t0).is_ok());
        st.record(1, t0);
        assert_eq!(st.check(1, t0 + Duration::from_millis(100)), Err(1));
        assert!(st.check(2, t0).is_ok(), "other chats are independent");
        assert!(st.check(1, t0 + Duration::from_millis(1000)).is_ok());
        for _ in 0..20 {
            st.record(-100, t0);
        }
        assert_eq!(st.check(-100, t0 + Duration::from_secs(10)), Err(50));
    }
}
