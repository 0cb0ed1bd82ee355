//! AWS's *standard* retry strategy, sans IO: which failures to retry ([`classify`]), how long to
//! wait (exponential backoff with jitter, [`backoff`]), how many attempts ([`RetryConfig`]) and
//! the client-wide retry quota ([`RetryQuota`]) that stops a struggling service from being
//! flooded with retries. The caller owns the clock, the randomness and the I/O; every function
//! here is deterministic in its inputs, so the behaviour is tested without sleeping.
//!
//! It follows aws-sdk-rust (smithy-rs: `aws-smithy-runtime`'s `StandardRetryStrategy`,
//! `TokenBucket` and retry classifiers, `aws-runtime`'s `AwsErrorCodeClassifier`, and
//! `aws-smithy-types`' `RetryConfig::standard()`), with the same constants, lists and formulas.
//!
//! An orchestrator drives one [`RetryState`] per call and shares one [`RetryQuota`] per client:
//!
//! ```text
//! let mut state = RetryState::new();
//! loop {
//!     match send_attempt().await {
//!         Ok(output) => { state.on_success(&quota); return Ok(output) }
//!         Err(failure) => match state.on_failure(&config, &quota, classify(&failure), jitter()) {
//!             Decision::RetryAfter(delay) => sleep(delay).await,
//!             Decision::Stop(reason) => return Err((failure, reason)),
//!         },
//!     }
//! }
//! ```
//!
//! Deliberate differences from aws-sdk-rust, and why:
//! - The quota belongs to the client (clones of a [`RetryQuota`] share it). aws-sdk-rust keeps one
//!   bucket per retry partition (by default the service) for the whole process, in a static; a
//!   client-owned value needs no global state and keeps unrelated clients (and tests) apart.
//! - The retry permit is held per call ([`RetryState`]). aws-sdk-rust holds it in the retry
//!   strategy, which all calls of a client share, so a later success of another call may release
//!   it; per call is what the AWS SDKs' reference describes.
//! - `max_attempts` 0 is read as 1 (no retries) rather than refused, so that no input panics or
//!   fails.
//! - A jitter outside `0..=1` is clamped, and NaN is read as 1 (the full delay), where
//!   aws-sdk-rust's `Duration::mul_f64` would panic; backoffs that do not fit a `Duration` fall
//!   back to the cap rather than panic.
//! - Only the default behaviour is implemented: adaptive mode (`ClientRateLimiter`), the token
//!   bucket's optional success reward and time refill, and smithy-rs's opt-in newer retry spec
//!   (`RetrySpec`, which bounds `x-amz-retry-after` around the computed backoff) are not.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Error codes that mean "slow down": retried as [`RetryKind::Throttling`] (aws-runtime's
/// `THROTTLING_ERRORS`, in its order).
pub const THROTTLING_ERRORS: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of failures that may pass on their own: retried as [`RetryKind::Transient`]
/// (aws-runtime's `TRANSIENT_ERRORS`).
pub const TRANSIENT_ERRORS: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses retried as [`RetryKind::Transient`] whatever the error (aws-smithy-runtime's
/// `HttpStatusCodeClassifier` default). 429 is not among them: a 429 is retried only for a
/// throttling code.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// What a fresh [`RetryQuota`] holds (the token bucket's `DEFAULT_CAPACITY`).
pub const DEFAULT_QUOTA_CAPACITY: u32 = 500;

/// What a retry of anything but a [`RetryKind::Transient`] failure takes from the quota
/// (`DEFAULT_RETRY_COST`). Throttling retries are charged too.
pub const RETRY_COST: u32 = 5;

/// What a retry of a [`RetryKind::Transient`] failure takes from the quota
/// (`DEFAULT_RETRY_TIMEOUT_COST`, twice [`RETRY_COST`]): a service that times out or drops
/// connections is the one most hurt by retries.
pub const TRANSIENT_RETRY_COST: u32 = 10;

/// What a call that succeeds at its first attempt gives back to the quota
/// (`PERMIT_REGENERATION_AMOUNT`), so that a healthy client slowly earns its retries back.
pub const SUCCESS_REFUND: u32 = 1;

/// How many attempts a call may make and how long to wait between them. The default is
/// aws-sdk-rust's `RetryConfig::standard()`: 3 attempts, 1 s initial backoff, 20 s cap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// A config that never retries: one attempt per call.
    pub fn disabled() -> Self {
        RetryConfig::default().with_max_attempts(1)
    }

    /// Sets how many attempts a call may make, the first included (1 disables retries). 0 makes
    /// no sense and is read as 1.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the backoff before the first retry, which doubles at each further retry.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the longest wait between two attempts, also the cap of a server's `x-amz-retry-after`.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// How many attempts a call may make, the first included (at least 1).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest wait between two attempts.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }
}

/// Why a failure is worth retrying; aws-smithy-types' `ErrorKind`. It decides what the retry
/// costs ([`RetryKind::cost`]) and lets the caller report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryKind {
    /// The request may not have reached the service, or its answer was lost: a timeout, an I/O
    /// error, an unreadable response, a 500/502/503/504, a `RequestTimeout` code.
    Transient,
    /// The service asked the client to slow down: `@retryable(throttling: true)` or a code in
    /// [`THROTTLING_ERRORS`].
    Throttling,
    /// An error the model marks `@retryable` and `@error("server")`.
    ServerError,
    /// An error the model marks `@retryable` and `@error("client")`.
    ClientError,
}

impl RetryKind {
    /// What a retry of this kind takes from the [`RetryQuota`]: [`TRANSIENT_RETRY_COST`] for
    /// [`RetryKind::Transient`], [`RETRY_COST`] otherwise (as aws-sdk-rust's token bucket does).
    pub fn cost(self) -> u32 {
        match self {
            RetryKind::Transient => TRANSIENT_RETRY_COST,
            RetryKind::Throttling | RetryKind::ServerError | RetryKind::ClientError => RETRY_COST,
        }
    }
}

/// What the model says about retrying an error that is `@retryable` (from a generated error's
/// `RETRYABLE`, `THROTTLING` and `FAULT`; see [`ModeledRetry::from_traits`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModeledRetry {
    /// `@retryable(throttling: true)`.
    Throttling,
    /// `@retryable` on an `@error("server")`.
    ServerFault,
    /// `@retryable` on an `@error("client")`.
    ClientFault,
}

impl ModeledRetry {
    /// Reads an error's traits: `None` unless it is `@retryable`.
    pub fn from_traits(retryable: bool, throttling: bool, server_fault: bool) -> Option<Self> {
        match (retryable, throttling, server_fault) {
            (false, _, _) => None,
            (true, true, _) => Some(ModeledRetry::Throttling),
            (true, false, true) => Some(ModeledRetry::ServerFault),
            (true, false, false) => Some(ModeledRetry::ClientFault),
        }
    }

    fn kind(self) -> RetryKind {
        match self {
            ModeledRetry::Throttling => RetryKind::Throttling,
            ModeledRetry::ServerFault => RetryKind::ServerError,
            ModeledRetry::ClientFault => RetryKind::ClientError,
        }
    }
}

/// How an attempt failed, as far as retrying is concerned; independent of any HTTP crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure<'a> {
    /// The attempt timed out (connect, read, or the attempt's own timeout).
    Timeout,
    /// The connection failed: refused, reset, closed before the response head, DNS, TLS.
    Io,
    /// The service answered with an error (any status), or with a body that does not
    /// deserialize.
    Response {
        /// The HTTP status.
        status: u16,
        /// The error code, as the protocol reads it (namespace and `:…` suffix removed); `None`
        /// when the response names none.
        code: Option<&'a str>,
        /// What the model says, for an error the operation models as `@retryable`.
        modeled: Option<ModeledRetry>,
        /// The `x-amz-retry-after` header (milliseconds), as sent.
        retry_after: Option<&'a str>,
    },
    /// The response's body could not be read to its end (e.g. the connection dropped). Like
    /// aws-sdk-rust (a body read failure is an `OrchestratorError::response`), this is
    /// [`RetryKind::Transient`] whatever the status, which only the caller's report uses.
    ResponseUnreadable {
        /// The HTTP status of the response head.
        status: u16,
    },
    /// Anything else (building or signing the request, resolving credentials or the endpoint):
    /// retrying would fail the same way.
    Other,
}

/// A failure worth retrying: its kind and the delay the service asked for, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retry {
    /// Why it is retried; sets the cost.
    pub kind: RetryKind,
    /// The service's `x-amz-retry-after`, when it applies: it replaces the computed backoff
    /// (capped at [`RetryConfig::max_backoff`]).
    pub retry_after: Option<Duration>,
}

impl Retry {
    /// A retry of this kind, at the computed backoff.
    pub fn new(kind: RetryKind) -> Self {
        Retry {
            kind,
            retry_after: None,
        }
    }
}

/// Whether a failed attempt is worth retrying, and why; `None` when it is not.
///
/// The rules are aws-sdk-rust's classifiers, in their precedence (a later rule overrides an
/// earlier one when both apply):
/// 1. the status is 500, 502, 503 or 504 ([`TRANSIENT_STATUS_CODES`]): transient;
/// 2. the code is in [`THROTTLING_ERRORS`] (throttling) or [`TRANSIENT_ERRORS`] (transient); only
///    then is `x-amz-retry-after` honoured, read as whole milliseconds (`u64`);
/// 3. the model marks the error `@retryable`: throttling, or else server or client error by its
///    fault (the server's delay is then dropped, as aws-sdk-rust's modeled classifier does);
/// 4. timeouts, I/O errors and unreadable responses: transient.
///
/// So a 429 or a 400 is retried only for its code or its model, and a 500 that the model does
/// not mark retryable still is.
pub fn classify(failure: &Failure<'_>) -> Option<Retry> {
    match *failure {
        Failure::Timeout | Failure::Io | Failure::ResponseUnreadable { .. } => {
            Some(Retry::new(RetryKind::Transient))
        }
        Failure::Other => None,
        Failure::Response {
            status,
            code,
            modeled,
            retry_after,
        } => {
            if let Some(modeled) = modeled {
                return Some(Retry::new(modeled.kind()));
            }
            let by_code = code.and_then(|code| {
                if THROTTLING_ERRORS.contains(&code) {
                    Some(RetryKind::Throttling)
                } else if TRANSIENT_ERRORS.contains(&code) {
                    Some(RetryKind::Transient)
                } else {
                    None
                }
            });
            if let Some(kind) = by_code {
                let retry_after = retry_after
                    .and_then(|value| value.parse::<u64>().ok())
                    .map(Duration::from_millis);
                return Some(Retry { kind, retry_after });
            }
            TRANSIENT_STATUS_CODES
                .contains(&status)
                .then(|| Retry::new(RetryKind::Transient))
        }
    }
}

/// The wait before the next attempt, after `attempts` attempts (1-based: 1 after the first
/// failure): `jitter × min(initial_backoff × 2^(attempts − 1), max_backoff)`, aws-sdk-rust's
/// `calculate_exponential_backoff`. The jitter scales the capped value, so with jitter 0.5 the
/// wait never exceeds half the cap.
///
/// `jitter` is a uniform draw from `0..1` ([`jitter`]); values outside `0..=1` are clamped and
/// NaN is read as 1. A power of two past `u32` (attempts > 32), or a backoff past what a
/// `Duration` holds, is the cap.
pub fn backoff(config: &RetryConfig, attempts: u32, jitter: f64) -> Duration {
    let max = config.max_backoff;
    let capped = match 2_u32.checked_pow(attempts.saturating_sub(1)) {
        Some(power) => {
            Duration::try_from_secs_f64(f64::from(power) * config.initial_backoff.as_secs_f64())
                .map_or(max, |backoff| backoff.min(max))
        }
        None => max,
    };
    let jitter = if jitter.is_nan() {
        1.0
    } else {
        jitter.clamp(0.0, 1.0)
    };
    // `Duration::mul_f64` panics where the product rounds past `Duration::MAX`; the product
    // never exceeds `capped`, so falling back to it is exact.
    Duration::try_from_secs_f64(capped.as_secs_f64() * jitter)
        .map_or(capped, |scaled| scaled.min(capped))
}

/// A uniform draw from `0..1` for [`backoff`]'s jitter (`fastrand::f64()`, as aws-sdk-rust).
pub fn jitter() -> f64 {
    fastrand::f64()
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then make the next attempt.
    RetryAfter(Duration),
    /// Give up and return the failure.
    Stop(StopReason),
}

/// Why a call stopped retrying, for its error report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// The failure is not worth retrying.
    NotRetryable,
    /// The call made [`RetryConfig::max_attempts`] attempts.
    MaxAttempts,
    /// The client's [`RetryQuota`] cannot pay for another retry: too many recent failures.
    QuotaExhausted,
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StopReason::NotRetryable => "the failure is not retryable",
            StopReason::MaxAttempts => "the maximum number of attempts was reached",
            StopReason::QuotaExhausted => "the client's retry quota is exhausted",
        })
    }
}

/// The retry quota (aws-sdk-rust's token bucket): every retry takes [`RetryKind::cost`] from it,
/// successes give back, and when it cannot pay no call retries, so that a client facing an
/// unhealthy service stops multiplying its load. Starts full at [`DEFAULT_QUOTA_CAPACITY`].
/// Clones share the same quota: make one per client.
#[derive(Clone, Debug)]
pub struct RetryQuota {
    inner: Arc<Quota>,
}

#[derive(Debug)]
struct Quota {
    available: AtomicU32,
    capacity: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota::new()
    }
}

impl RetryQuota {
    /// A full quota of [`DEFAULT_QUOTA_CAPACITY`].
    pub fn new() -> Self {
        RetryQuota::with_capacity(DEFAULT_QUOTA_CAPACITY)
    }

    /// A full quota of `capacity` (0 never retries).
    pub fn with_capacity(capacity: u32) -> Self {
        RetryQuota {
            inner: Arc::new(Quota {
                available: AtomicU32::new(capacity),
                capacity,
            }),
        }
    }

    /// What the quota holds when full.
    pub fn capacity(&self) -> u32 {
        self.inner.capacity
    }

    /// What the quota holds now.
    pub fn available(&self) -> u32 {
        self.inner.available.load(Ordering::Relaxed)
    }

    /// Takes `cost` if the quota holds it. (A lone counter publishes no other data: relaxed
    /// read-modify-writes are enough.)
    fn try_acquire(&self, cost: u32) -> bool {
        self.inner
            .available
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |available| {
                available.checked_sub(cost)
            })
            .is_ok()
    }

    /// Gives back `amount`, never past the capacity.
    fn refund(&self, amount: u32) {
        let capacity = self.inner.capacity;
        // The closure always returns `Some`, so the update cannot fail.
        let _ =
            self.inner
                .available
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |available| {
                    Some(available.saturating_add(amount).min(capacity))
                });
    }
}

/// One call's retry bookkeeping: the attempts it made and the quota its latest retry holds.
/// Report every attempt's outcome, in order, to [`RetryState::on_success`] or
/// [`RetryState::on_failure`].
#[derive(Clone, Debug, Default)]
pub struct RetryState {
    pub(crate) attempts: u32,
    /// The cost the latest retry took from the quota, given back if the call then succeeds.
    pub(crate) permit: Option<u32>,
}

impl RetryState {
    /// A call that has made no attempt yet.
    pub fn new() -> Self {
        RetryState::default()
    }

    /// How many attempts the call has reported (the next attempt's number is one more, e.g.
    /// for `amz-sdk-request: attempt=N`).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The attempt succeeded (the call has its output): gives back the cost of the retry that
    /// led to it, or [`SUCCESS_REFUND`] if it was the first attempt, never past the capacity.
    /// A modeled error is a failure, not a success.
    pub fn on_success(&mut self, quota: &RetryQuota) {
        self.attempts = self.attempts.saturating_add(1);
        quota.refund(self.permit.take().unwrap_or(SUCCESS_REFUND));
    }

    /// The attempt failed as `retry` says ([`classify`]'s answer): whether to try again, and
    /// after how long. In aws-sdk-rust's order: a failure not worth retrying stops; so does the
    /// last allowed attempt; a retry the quota cannot pay stops; otherwise the retry takes its
    /// cost and waits the server's `x-amz-retry-after` (capped at the max backoff) or
    /// [`backoff`] with `jitter`. The cost a previous retry took is spent for good.
    pub fn on_failure(
        &mut self,
        config: &RetryConfig,
        quota: &RetryQuota,
        retry: Option<Retry>,
        jitter: f64,
    ) -> Decision {
        self.attempts = self.attempts.saturating_add(1);
        let Some(retry) = retry else {
            return Decision::Stop(StopReason::NotRetryable);
        };
        if self.attempts >= config.max_attempts {
            return Decision::Stop(StopReason::MaxAttempts);
        }
        let cost = retry.kind.cost();
        if !quota.try_acquire(cost) {
            return Decision::Stop(StopReason::QuotaExhausted);
        }
        self.permit = Some(cost);
        Decision::RetryAfter(match retry.retry_after {
            Some(retry_after) => retry_after.min(config.max_backoff),
            None => backoff(config, self.attempts, jitter),
        })
    }
}
