//! Tests of the standard retry strategy: classification, backoff, the quota.

use std::time::Duration;

use crate::client::retry::*;

fn response<'a>(status: u16, code: Option<&'a str>) -> Failure<'a> {
    Failure::Response {
        status,
        code,
        modeled: None,
        retry_after: None,
    }
}

fn kind_of(failure: Failure<'_>) -> Option<RetryKind> {
    classify(&failure).map(|retry| retry.kind)
}

fn secs(secs: f64) -> Duration {
    Duration::from_secs_f64(secs)
}

/// A config that allows as many attempts as a test needs.
fn unlimited() -> RetryConfig {
    RetryConfig::default().with_max_attempts(u32::MAX)
}

#[test]
fn config_defaults_are_the_standard_mode() {
    let config = RetryConfig::default();
    assert_eq!(config.max_attempts(), 3);
    assert_eq!(config.initial_backoff(), Duration::from_secs(1));
    assert_eq!(config.max_backoff(), Duration::from_secs(20));
    assert_eq!(RetryConfig::disabled().max_attempts(), 1);
    let config = RetryConfig::default()
        .with_max_attempts(5)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_secs(2));
    assert_eq!(
        (
            config.max_attempts(),
            config.initial_backoff(),
            config.max_backoff()
        ),
        (5, Duration::from_millis(10), Duration::from_secs(2))
    );
}

#[test]
fn zero_max_attempts_is_one() {
    let config = RetryConfig::default().with_max_attempts(0);
    assert_eq!(config.max_attempts(), 1);
    let quota = RetryQuota::new();
    let mut state = RetryState::new();
    let decision = state.on_failure(&config, &quota, classify(&Failure::Io), 1.0);
    assert_eq!(decision, Decision::Stop(StopReason::MaxAttempts));
    assert_eq!(quota.available(), 500);
}

#[test]
fn throttling_codes_are_throttling() {
    assert_eq!(THROTTLING_ERRORS.len(), 14);
    for code in THROTTLING_ERRORS {
        for status in [400, 429, 500, 503] {
            assert_eq!(
                kind_of(response(status, Some(code))),
                Some(RetryKind::Throttling),
                "{code} {status}"
            );
        }
    }
}

#[test]
fn transient_codes_are_transient() {
    for code in TRANSIENT_ERRORS {
        for status in [400, 408, 500] {
            assert_eq!(
                kind_of(response(status, Some(code))),
                Some(RetryKind::Transient),
                "{code} {status}"
            );
        }
    }
}

#[test]
fn codes_match_exactly() {
    for code in [
        "throttlingexception",
        "Throttling ",
        "ThrottlingException2",
        "",
        "RequestTimeoutError",
    ] {
        assert_eq!(kind_of(response(400, Some(code))), None, "{code:?}");
    }
    // An unknown code leaves the status to decide.
    assert_eq!(
        kind_of(response(503, Some("ServiceUnavailable"))),
        Some(RetryKind::Transient)
    );
}

#[test]
fn transient_statuses() {
    for status in [500, 502, 503, 504] {
        assert_eq!(
            kind_of(response(status, None)),
            Some(RetryKind::Transient),
            "{status}"
        );
    }
    // aws-sdk-rust retries no other status without a code or a model: 429 included.
    for status in [
        0,
        200,
        400,
        403,
        404,
        408,
        409,
        429,
        499,
        501,
        505,
        599,
        u16::MAX,
    ] {
        assert_eq!(kind_of(response(status, None)), None, "{status}");
    }
}

#[test]
fn modeled_errors() {
    let modeled = |modeled, status, code| Failure::Response {
        status,
        code,
        modeled: Some(modeled),
        retry_after: Some("3000"),
    };
    assert_eq!(
        classify(&modeled(ModeledRetry::Throttling, 400, Some("Busy"))),
        Some(Retry::new(RetryKind::Throttling))
    );
    assert_eq!(
        kind_of(modeled(ModeledRetry::ServerFault, 500, Some("Oops"))),
        Some(RetryKind::ServerError)
    );
    assert_eq!(
        kind_of(modeled(ModeledRetry::ClientFault, 400, Some("Later"))),
        Some(RetryKind::ClientError)
    );
    // The model overrides the code and the status (and drops the server's delay).
    assert_eq!(
        classify(&modeled(
            ModeledRetry::ServerFault,
            503,
            Some("ThrottlingException")
        )),
        Some(Retry::new(RetryKind::ServerError))
    );
    assert_eq!(
        kind_of(modeled(
            ModeledRetry::ClientFault,
            500,
            Some("RequestTimeout")
        )),
        Some(RetryKind::ClientError)
    );
    // A modeled error that is not `@retryable` is retried for its code or status only.
    assert_eq!(
        kind_of(response(500, Some("InternalServerError"))),
        Some(RetryKind::Transient)
    );
    assert_eq!(kind_of(response(400, Some("ValidationException"))), None);
}

#[test]
fn modeled_retry_from_traits() {
    assert_eq!(ModeledRetry::from_traits(false, false, false), None);
    assert_eq!(ModeledRetry::from_traits(false, true, true), None);
    assert_eq!(
        ModeledRetry::from_traits(true, true, false),
        Some(ModeledRetry::Throttling)
    );
    assert_eq!(
        ModeledRetry::from_traits(true, true, true),
        Some(ModeledRetry::Throttling)
    );
    assert_eq!(
        ModeledRetry::from_traits(true, false, true),
        Some(ModeledRetry::ServerFault)
    );
    assert_eq!(
        ModeledRetry::from_traits(true, false, false),
        Some(ModeledRetry::ClientFault)
    );
}

#[test]
fn transport_failures() {
    assert_eq!(kind_of(Failure::Timeout), Some(RetryKind::Transient));
    assert_eq!(kind_of(Failure::Io), Some(RetryKind::Transient));
    // A 200 whose body was cut off is retried, as is any unreadable response.
    for status in [200, 400, 404, 500] {
        assert_eq!(
            kind_of(Failure::ResponseUnreadable { status }),
            Some(RetryKind::Transient)
        );
    }
    assert_eq!(kind_of(Failure::Other), None);
    // A complete 200 that does not deserialize is not.
    assert_eq!(kind_of(response(200, None)), None);
}

#[test]
fn retry_after_applies_to_coded_errors_only() {
    let with_hint = |status, code, hint| Failure::Response {
        status,
        code,
        modeled: None,
        retry_after: Some(hint),
    };
    assert_eq!(
        classify(&with_hint(400, Some("SlowDown"), "5000")),
        Some(Retry {
            kind: RetryKind::Throttling,
            retry_after: Some(Duration::from_secs(5)),
        })
    );
    assert_eq!(
        classify(&with_hint(408, Some("RequestTimeout"), "0")),
        Some(Retry {
            kind: RetryKind::Transient,
            retry_after: Some(Duration::ZERO),
        })
    );
    assert_eq!(
        classify(&with_hint(400, Some("Throttling"), "18446744073709551615"))
            .and_then(|r| r.retry_after),
        Some(Duration::from_millis(u64::MAX))
    );
    // Only a `u64` of milliseconds counts.
    for hint in ["", "-1", "1.5", " 5", "5s", "abc", "18446744073709551616"] {
        assert_eq!(
            classify(&with_hint(400, Some("Throttling"), hint)),
            Some(Retry::new(RetryKind::Throttling)),
            "{hint:?}"
        );
    }
    // A status alone, or no retry at all: no delay.
    assert_eq!(
        classify(&with_hint(503, None, "5000")),
        Some(Retry::new(RetryKind::Transient))
    );
    assert_eq!(classify(&with_hint(400, Some("Nope"), "5000")), None);
}

#[test]
fn backoff_doubles_up_to_the_cap() {
    let config = RetryConfig::default();
    let full: Vec<_> = (1..=7).map(|n| backoff(&config, n, 1.0)).collect();
    assert_eq!(full, [1.0, 2.0, 4.0, 8.0, 16.0, 20.0, 20.0].map(secs));
    let half: Vec<_> = (1..=7).map(|n| backoff(&config, n, 0.5)).collect();
    // The jitter scales the capped value: half the cap at most.
    assert_eq!(half, [0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0].map(secs));
    for n in 1..=7 {
        assert_eq!(backoff(&config, n, 0.0), Duration::ZERO);
    }
    let small = RetryConfig::default()
        .with_initial_backoff(Duration::from_millis(100))
        .with_max_backoff(Duration::from_millis(250));
    assert_eq!(backoff(&small, 1, 1.0), Duration::from_millis(100));
    assert_eq!(backoff(&small, 2, 1.0), Duration::from_millis(200));
    assert_eq!(backoff(&small, 3, 1.0), Duration::from_millis(250));
    assert_eq!(backoff(&small, 3, 0.25), Duration::from_secs_f64(0.0625));
}

#[test]
fn backoff_never_panics() {
    let config = RetryConfig::default();
    let max = Duration::from_secs(20);
    // Attempt 0 is treated as 1; past 2^31, the cap.
    assert_eq!(backoff(&config, 0, 1.0), Duration::from_secs(1));
    for n in [32, 33, 64, 1000, u32::MAX] {
        assert_eq!(backoff(&config, n, 1.0), max, "{n}");
        assert_eq!(backoff(&config, n, 0.5), max / 2, "{n}");
    }
    // Jitter outside 0..=1 is clamped; NaN is the full delay.
    assert_eq!(backoff(&config, 2, 7.0), Duration::from_secs(2));
    assert_eq!(backoff(&config, 2, f64::INFINITY), Duration::from_secs(2));
    assert_eq!(backoff(&config, 2, -1.0), Duration::ZERO);
    assert_eq!(backoff(&config, 2, f64::NEG_INFINITY), Duration::ZERO);
    assert_eq!(backoff(&config, 2, f64::NAN), Duration::from_secs(2));
    // Durations at the edge of what `Duration` holds.
    let huge = RetryConfig::default()
        .with_initial_backoff(Duration::MAX)
        .with_max_backoff(Duration::MAX);
    for n in [1, 2, 40, u32::MAX] {
        for jitter in [0.0, 0.5, 1.0, f64::NAN] {
            assert!(backoff(&huge, n, jitter) <= Duration::MAX);
        }
    }
    assert_eq!(backoff(&huge, 2, 1.0), Duration::MAX);
    let zero = RetryConfig::default()
        .with_initial_backoff(Duration::ZERO)
        .with_max_backoff(Duration::ZERO);
    assert_eq!(backoff(&zero, u32::MAX, 1.0), Duration::ZERO);
}

#[test]
fn jitter_is_in_range() {
    for _ in 0..1000 {
        let jitter = jitter();
        assert!((0.0..1.0).contains(&jitter));
    }
}

#[test]
fn retries_until_max_attempts() {
    let config = RetryConfig::default();
    let quota = RetryQuota::new();
    let mut state = RetryState::new();
    let throttled = Some(Retry::new(RetryKind::Throttling));
    assert_eq!(
        state.on_failure(&config, &quota, throttled, 1.0),
        Decision::RetryAfter(secs(1.0))
    );
    assert_eq!(quota.available(), 495);
    assert_eq!(
        state.on_failure(&config, &quota, throttled, 1.0),
        Decision::RetryAfter(secs(2.0))
    );
    assert_eq!(quota.available(), 490);
    assert_eq!(state.attempts(), 2);
    // The third attempt is the last: no retry, no charge.
    assert_eq!(
        state.on_failure(&config, &quota, throttled, 1.0),
        Decision::Stop(StopReason::MaxAttempts)
    );
    assert_eq!(quota.available(), 490);
    assert_eq!(state.attempts(), 3);
}

#[test]
fn disabled_never_retries() {
    let quota = RetryQuota::new();
    let mut state = RetryState::new();
    let decision = state.on_failure(
        &RetryConfig::disabled(),
        &quota,
        classify(&Failure::Timeout),
        0.5,
    );
    assert_eq!(decision, Decision::Stop(StopReason::MaxAttempts));
    assert_eq!(quota.available(), 500);
}

#[test]
fn not_retryable_stops_first() {
    let quota = RetryQuota::with_capacity(0);
    let mut state = RetryState::new();
    // Not retryable wins over out of attempts and out of quota, and costs nothing.
    let decision = state.on_failure(&RetryConfig::disabled(), &quota, None, 1.0);
    assert_eq!(decision, Decision::Stop(StopReason::NotRetryable));
    let quota = RetryQuota::new();
    let decision = RetryState::new().on_failure(&RetryConfig::default(), &quota, None, 1.0);
    assert_eq!(decision, Decision::Stop(StopReason::NotRetryable));
    assert_eq!(quota.available(), 500);
    // Out of attempts wins over out of quota.
    let empty = RetryQuota::with_capacity(0);
    let decision = RetryState::new().on_failure(
        &RetryConfig::disabled(),
        &empty,
        Some(Retry::new(RetryKind::Transient)),
        1.0,
    );
    assert_eq!(decision, Decision::Stop(StopReason::MaxAttempts));
}

#[test]
fn transient_retries_exhaust_the_quota_after_50() {
    let config = unlimited();
    let quota = RetryQuota::new();
    let mut state = RetryState::new();
    let transient = classify(&Failure::Io);
    for n in 1..=50 {
        assert!(
            matches!(
                state.on_failure(&config, &quota, transient, 0.0),
                Decision::RetryAfter(_)
            ),
            "{n}"
        );
    }
    assert_eq!(quota.available(), 0);
    assert_eq!(
        state.on_failure(&config, &quota, transient, 0.0),
        Decision::Stop(StopReason::QuotaExhausted)
    );
    // Every call of the client (clones share the quota) is refused a retry now.
    let other_call = RetryState::new().on_failure(
        &config,
        &quota.clone(),
        classify(&response(429, Some("Throttling"))),
        0.0,
    );
    assert_eq!(other_call, Decision::Stop(StopReason::QuotaExhausted));
}

#[test]
fn other_retries_exhaust_the_quota_after_100() {
    let config = unlimited();
    let quota = RetryQuota::new();
    for kind in [
        RetryKind::Throttling,
        RetryKind::ServerError,
        RetryKind::ClientError,
    ] {
        assert_eq!(kind.cost(), 5);
    }
    assert_eq!(RetryKind::Transient.cost(), 10);
    let mut retries = 0;
    let mut state = RetryState::new();
    while let Decision::RetryAfter(_) = state.on_failure(
        &config,
        &quota,
        Some(Retry::new(RetryKind::ServerError)),
        0.0,
    ) {
        retries += 1;
    }
    assert_eq!(retries, 100);
    assert_eq!(quota.available(), 0);
    // 4 left: not enough for a retry of 5.
    let quota = RetryQuota::with_capacity(14);
    let mut state = RetryState::new();
    let throttled = Some(Retry::new(RetryKind::Throttling));
    assert!(matches!(
        state.on_failure(&config, &quota, throttled, 0.0),
        Decision::RetryAfter(_)
    ));
    assert!(matches!(
        state.on_failure(&config, &quota, throttled, 0.0),
        Decision::RetryAfter(_)
    ));
    assert_eq!(quota.available(), 4);
    assert_eq!(
        state.on_failure(&config, &quota, throttled, 0.0),
        Decision::Stop(StopReason::QuotaExhausted)
    );
    assert_eq!(quota.available(), 4);
}

#[test]
fn success_refunds_the_latest_retry() {
    let config = RetryConfig::default().with_max_attempts(5);
    let quota = RetryQuota::new();
    let mut state = RetryState::new();
    let server = Some(Retry::new(RetryKind::ServerError));
    state.on_failure(&config, &quota, server, 1.0);
    assert_eq!(quota.available(), 495);
    state.on_failure(&config, &quota, server, 1.0);
    assert_eq!(quota.available(), 490);
    // Only the latest retry's cost comes back (aws-sdk-rust's `eventual_success`).
    state.on_success(&quota);
    assert_eq!(quota.available(), 495);
    assert_eq!(state.attempts(), 3);

    // A timeout retry gives back its 10.
    let mut state = RetryState::new();
    state.on_failure(&config, &quota, classify(&Failure::Timeout), 1.0);
    assert_eq!(quota.available(), 485);
    state.on_success(&quota);
    assert_eq!(quota.available(), 495);
}

#[test]
fn first_attempt_success_refunds_one_up_to_capacity() {
    let quota = RetryQuota::new();
    RetryState::new().on_success(&quota);
    assert_eq!(quota.available(), 500);
    let mut state = RetryState::new();
    state.on_failure(&RetryConfig::default(), &quota, classify(&Failure::Io), 1.0);
    assert_eq!(quota.available(), 490);
    for _ in 0..3 {
        RetryState::new().on_success(&quota);
    }
    assert_eq!(quota.available(), 493);
    for _ in 0..20 {
        RetryState::new().on_success(&quota);
    }
    assert_eq!(quota.available(), 500);
    // A failed call keeps nothing back.
    let mut state = RetryState::new();
    let config = RetryConfig::default();
    state.on_failure(&config, &quota, classify(&Failure::Io), 1.0);
    state.on_failure(&config, &quota, classify(&Failure::Io), 1.0);
    assert_eq!(
        state.on_failure(&config, &quota, classify(&Failure::Io), 1.0),
        Decision::Stop(StopReason::MaxAttempts)
    );
    assert_eq!(quota.available(), 480);
}

#[test]
fn server_delay_replaces_the_backoff() {
    let config = RetryConfig::default();
    let quota = RetryQuota::new();
    let hinted = |hint| Failure::Response {
        status: 400,
        code: Some("ThrottlingException"),
        modeled: None,
        retry_after: Some(hint),
    };
    let decision = RetryState::new().on_failure(&config, &quota, classify(&hinted("1500")), 0.0);
    assert_eq!(decision, Decision::RetryAfter(Duration::from_millis(1500)));
    // Capped at the max backoff, jitter ignored.
    let decision = RetryState::new().on_failure(&config, &quota, classify(&hinted("60000")), 0.5);
    assert_eq!(decision, Decision::RetryAfter(Duration::from_secs(20)));
    assert_eq!(quota.available(), 490);
}

#[test]
fn attempt_count_saturates() {
    let config = unlimited();
    let quota = RetryQuota::with_capacity(u32::MAX);
    let mut state = RetryState {
        attempts: u32::MAX - 2,
        permit: None,
    };
    let transient = Some(Retry::new(RetryKind::Transient));
    assert_eq!(
        state.on_failure(&config, &quota, transient, 1.0),
        Decision::RetryAfter(secs(20.0))
    );
    assert_eq!(
        state.on_failure(&config, &quota, transient, 1.0),
        Decision::Stop(StopReason::MaxAttempts)
    );
    assert_eq!(
        state.on_failure(&config, &quota, transient, 1.0),
        Decision::Stop(StopReason::MaxAttempts)
    );
    assert_eq!(state.attempts(), u32::MAX);
    state.on_success(&quota);
    assert_eq!(state.attempts(), u32::MAX);
    // Refunds saturate at the capacity too.
    assert_eq!(quota.available(), u32::MAX);
}

#[test]
fn quota_is_shared_across_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<RetryQuota>();
    send_sync::<RetryState>();

    let quota = RetryQuota::new();
    let config = unlimited();
    let retried: u32 = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let quota = quota.clone();
                let config = &config;
                scope.spawn(move || {
                    let mut state = RetryState::new();
                    let mut retried = 0;
                    while let Decision::RetryAfter(_) = state.on_failure(
                        config,
                        &quota,
                        Some(Retry::new(RetryKind::Throttling)),
                        0.0,
                    ) {
                        retried += 1;
                    }
                    retried
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .sum()
    });
    // Exactly what 500 pays for at 5 each, however the threads interleave.
    assert_eq!(retried, 100);
    assert_eq!(quota.available(), 0);
    assert_eq!(quota.capacity(), 500);
}

#[test]
fn stop_reasons_display() {
    assert_eq!(
        StopReason::NotRetryable.to_string(),
        "the failure is not retryable"
    );
    assert_eq!(
        StopReason::MaxAttempts.to_string(),
        "the maximum number of attempts was reached"
    );
    assert_eq!(
        StopReason::QuotaExhausted.to_string(),
        "the client's retry quota is exhausted"
    );
}
