//! Login throttling, per account (phone) and per client address, so guessing passwords is
//! slow whichever one an attacker varies. Failures are counted in a sliding window; past the
//! limit the key is locked for the rest of the window and the user is told how long to wait.
//! Kept in memory: one server's view. A restart clears it, which only ever helps a user.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed logins allowed per phone number within [`WINDOW`].
pub const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
/// Failed logins allowed per client address within [`WINDOW`] (a shared office or school
/// network has many honest users behind one address).
pub const MAX_FAILURES_PER_ADDRESS: u32 = 30;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

fn account_key(phone: &str) -> String {
    format!("phone:{phone}")
}

fn address_key(ip: &str) -> String {
    format!("ip:{ip}")
}

impl LoginThrottle {
    /// Minutes to wait if either key is locked, else `None`.
    pub fn locked_for(&self, phone: &str, ip: Option<&str>) -> Option<u32> {
        let now = Instant::now();
        let map = self.failures.lock().expect("throttle lock");
        let check = |key: String, max: u32| {
            map.get(&key).and_then(|(count, since)| {
                let elapsed = now.duration_since(*since);
                (*count >= max && elapsed < WINDOW)
                    .then(|| (WINDOW - elapsed).as_secs().div_ceil(60).max(1) as u32)
            })
        };
        let by_account = check(account_key(phone), MAX_FAILURES_PER_ACCOUNT);
        let by_address = ip.and_then(|ip| check(address_key(ip), MAX_FAILURES_PER_ADDRESS));
        by_account.max(by_address)
    }

    pub fn record_failure(&self, phone: &str, ip: Option<&str>) {
        let now = Instant::now();
        let mut map = self.failures.lock().expect("throttle lock");
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        }
        let keys = std::iter::once(account_key(phone)).chain(ip.map(address_key));
        for key in keys {
            let entry = map.entry(key).or_insert((0, now));
            if now.duration_since(entry.1) >= WINDOW {
                *entry = (0, now);
            }
            entry.0 += 1;
        }
    }

    /// A successful login clears the account's count (not the address's).
    pub fn record_success(&self, phone: &str) {
        self.failures
            .lock()
            .expect("throttle lock")
            .remove(&account_key(phone));
    }
}

/// A plain rate limit: at most `max` hits per key within `window` (public searches).
pub struct RateLimit {
    max: u32,
    window: Duration,
    hits: Mutex<HashMap<String, (u32, Instant)>>,
}

impl RateLimit {
    pub fn new(max: u32, window: Duration) -> Self {
        RateLimit {
            max,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a hit for `key`; `Some(minutes to wait)` when the key is over its limit.
    pub fn hit(&self, key: &str) -> Option<u32> {
        let now = Instant::now();
        let mut map = self.hits.lock().expect("rate limit lock");
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| now.duration_since(*since) < self.window);
        }
        let entry = map.entry(key.to_string()).or_insert((0, now));
        if now.duration_since(entry.1) >= self.window {
            *entry = (0, now);
        }
        if entry.0 >= self.max {
            let left = self.window - now.duration_since(entry.1);
            return Some(left.as_secs().div_ceil(60).max(1) as u32);
        }
        entry.0 += 1;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_an_account_after_the_limit_and_says_for_how_long() {
        let t = LoginThrottle::default();
        for _ in 0..MAX_FAILURES_PER_ACCOUNT - 1 {
            t.record_failure("13800000000", Some("10.0.0.1"));
        }
        assert_eq!(t.locked_for("13800000000", Some("10.0.0.1")), None);
        t.record_failure("13800000000", Some("10.0.0.1"));
        assert_eq!(t.locked_for("13800000000", Some("10.0.0.2")), Some(15));
        assert_eq!(t.locked_for("13900000000", Some("10.0.0.1")), None);
        t.record_success("13800000000");
        assert_eq!(t.locked_for("13800000000", None), None);
    }

    #[test]
    fn locks_an_address_that_tries_many_accounts() {
        let t = LoginThrottle::default();
        for i in 0..MAX_FAILURES_PER_ADDRESS {
            t.record_failure(&format!("1380000{i:04}"), Some("10.0.0.9"));
        }
        assert_eq!(t.locked_for("13999999999", Some("10.0.0.9")), Some(15));
        assert_eq!(t.locked_for("13999999999", Some("10.0.0.8")), None);
    }

    #[test]
    fn a_rate_limit_counts_per_key() {
        let limit = RateLimit::new(2, Duration::from_secs(600));
        assert_eq!(limit.hit("a"), None);
        assert_eq!(limit.hit("a"), None);
        assert_eq!(limit.hit("a"), Some(10));
        assert_eq!(limit.hit("b"), None);
    }
}
