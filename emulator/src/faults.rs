//! Fault injection: random faults driven by a seeded PRNG, and scripted
//! "fail the next N calls of method M" faults.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// One injected failure (or slowdown) of a single API call.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// `429 Too Many Requests` with `parameters.retry_after` = the given seconds.
    /// Teloxide surfaces it as `RequestError::RetryAfter`. The call has no effect.
    RetryAfter(u32),
    /// A 5xx answer with the given status (502 → "Bad Gateway", others →
    /// "Internal Server Error"). The call has no effect. Note: teloxide sleeps
    /// 10 s on every 5xx before returning the error.
    ServerError(u16),
    /// The connection is cut before any answer; the client sees a network
    /// error (`RequestError::Network`). The call has no effect.
    Drop,
    /// The call IS carried out, then the connection is cut before the answer
    /// arrives: the client sees a network error although e.g. the message was
    /// delivered. Use it to test idempotency of retries.
    LostResponse,
    /// The call is answered normally, after this delay.
    Slow(Duration),
    /// Any Bot API error, e.g. `Api { code: 403, description: errors::BOT_BLOCKED.into() }`.
    /// The call has no effect.
    Api {
        /// HTTP status and `error_code`.
        code: u16,
        /// The `description` string.
        description: String,
    },
}

/// Random fault configuration. Rates are probabilities in `0.0..=1.0` per call;
/// `drop_rate + lost_response_rate + retry_after_rate + server_error_rate` is
/// the chance a call fails (one draw decides which), and `slow_rate` is drawn
/// independently. By default `getUpdates` is exempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Faults {
    /// Chance of a 429 answer.
    pub retry_after_rate: f64,
    /// The `retry_after` seconds in 429 answers.
    pub retry_after_secs: u32,
    /// Chance of a 5xx answer.
    pub server_error_rate: f64,
    /// Status used for random server errors (default 502).
    pub server_error_status: u16,
    /// Chance the connection is cut before the call is carried out.
    pub drop_rate: f64,
    /// Chance the call is carried out but its answer is lost (connection cut).
    pub lost_response_rate: f64,
    /// Chance a call is delayed by `slow_by` (then answered normally unless it also fails).
    pub slow_rate: f64,
    /// Delay for slow calls.
    pub slow_by: Duration,
    /// Only these methods get random faults (case-insensitive); empty = all.
    pub methods: Vec<String>,
    /// Whether `getUpdates` can get random faults too.
    pub include_get_updates: bool,
    /// PRNG seed; setting the faults restarts the sequence from this seed.
    pub seed: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            retry_after_rate: 0.0,
            retry_after_secs: 1,
            server_error_rate: 0.0,
            server_error_status: 502,
            drop_rate: 0.0,
            lost_response_rate: 0.0,
            slow_rate: 0.0,
            slow_by: Duration::from_millis(200),
            methods: Vec::new(),
            include_get_updates: false,
            seed: 0x5eed,
        }
    }
}

impl Faults {
    /// No faults at all (same as `Default`).
    pub fn none() -> Self {
        Self::default()
    }

    /// A mix for chaos tests: `rate` split evenly over 429s and dropped connections,
    /// with retry_after 1 s. (No 5xx: teloxide sleeps 10 s on each one.)
    pub fn chaos(rate: f64, seed: u64) -> Self {
        Self {
            retry_after_rate: rate / 2.0,
            drop_rate: rate / 2.0,
            seed,
            ..Self::default()
        }
    }

    fn applies_to(&self, method: &str) -> bool {
        if method == "getUpdates" && !self.include_get_updates {
            return false;
        }
        self.methods.is_empty() || self.methods.iter().any(|m| m.eq_ignore_ascii_case(method))
    }
}

/// What to do with one call.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Decision {
    pub delay: Option<Duration>,
    pub failure: Option<FaultKind>,
}

/// SplitMix64: tiny, fast, good enough for fault dice.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Fault configuration plus PRNG and scripted queues.
#[derive(Debug)]
pub(crate) struct FaultState {
    config: Faults,
    rng: SplitMix64,
    scripted: HashMap<String, VecDeque<FaultKind>>,
}

impl Default for FaultState {
    fn default() -> Self {
        let config = Faults::default();
        Self {
            rng: SplitMix64::new(config.seed),
            config,
            scripted: HashMap::new(),
        }
    }
}

impl FaultState {
    pub fn config(&self) -> &Faults {
        &self.config
    }

    /// Replaces the random configuration and reseeds (scripted faults stay).
    pub fn set(&mut self, config: Faults) {
        self.rng = SplitMix64::new(config.seed);
        self.config = config;
    }

    /// Queues `n` scripted faults for `method` (canonical name).
    pub fn fail_next(&mut self, method: &str, n: usize, kind: FaultKind) {
        let queue = self.scripted.entry(method.to_owned()).or_default();
        queue.extend(std::iter::repeat_n(kind, n));
    }

    /// Drops all scripted faults.
    pub fn clear_scripted(&mut self) {
        self.scripted.clear();
    }

    /// Decides the fate of one call of `method` (canonical name).
    pub fn decide(&mut self, method: &str) -> Decision {
        if let Some(kind) = self.scripted.get_mut(method).and_then(VecDeque::pop_front) {
            return match kind {
                FaultKind::Slow(d) => Decision {
                    delay: Some(d),
                    failure: None,
                },
                other => Decision {
                    delay: None,
                    failure: Some(other),
                },
            };
        }
        let c = &self.config;
        if !c.applies_to(method) {
            return Decision::default();
        }
        let mut decision = Decision::default();
        let table = [
            (c.drop_rate, FaultKind::Drop),
            (c.lost_response_rate, FaultKind::LostResponse),
            (
                c.retry_after_rate,
                FaultKind::RetryAfter(c.retry_after_secs),
            ),
            (
                c.server_error_rate,
                FaultKind::ServerError(c.server_error_status),
            ),
        ];
        if table.iter().any(|(rate, _)| *rate > 0.0) {
            let roll = self.rng.next_f64();
            let mut edge = 0.0;
            for (rate, kind) in table {
                edge += rate;
                if roll < edge {
                    decision.failure = Some(kind);
                    break;
                }
            }
        }
        if c.slow_rate > 0.0 && self.rng.next_f64() < c.slow_rate {
            decision.delay = Some(c.slow_by);
        }
        decision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prng_is_deterministic_and_uniformish() {
        let mut a = SplitMix64::new(42);
        let mut b = SplitMix64::new(42);
        let xs: Vec<f64> = (0..1000).map(|_| a.next_f64()).collect();
        let ys: Vec<f64> = (0..1000).map(|_| b.next_f64()).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let below_half = xs.iter().filter(|x| **x < 0.5).count();
        assert!((400..600).contains(&below_half), "{below_half}");
    }

    #[test]
    fn rates_roughly_hold_and_get_updates_is_exempt() {
        let mut st = FaultState::default();
        st.set(Faults {
            retry_after_rate: 0.3,
            seed: 7,
            ..Faults::default()
        });
        let failed = (0..1000)
            .filter(|_| st.decide("sendMessage").failure.is_some())
            .count();
        assert!((230..370).contains(&failed), "{failed}");
        assert!((0..100).all(|_| st.decide("getUpdates").failure.is_none()));
    }

    #[test]
    fn scripted_faults_come_first_and_run_out() {
        let mut st = FaultState::default();
        st.fail_next("sendMessage", 2, FaultKind::RetryAfter(3));
        assert_eq!(
            st.decide("sendMessage").failure,
            Some(FaultKind::RetryAfter(3))
        );
        assert_eq!(st.decide("editMessageText").failure, None);
        assert_eq!(
            st.decide("sendMessage").failure,
            Some(FaultKind::RetryAfter(3))
        );
        assert_eq!(st.decide("sendMessage").failure, None);
    }

    #[test]
    fn method_filter_limits_random_faults() {
        let mut st = FaultState::default();
        st.set(Faults {
            drop_rate: 1.0,
            methods: vec!["SENDMESSAGE".into()],
            ..Faults::default()
        });
        assert_eq!(st.decide("sendMessage").failure, Some(FaultKind::Drop));
        assert_eq!(st.decide("sendPhoto").failure, None);
    }
}
