//! Waiting: retries' backoff and the attempt and operation timeouts. On a tokio runtime, tokio's
//! timers; anywhere else (another executor, with the caller's own `HttpClient`), a thread that
//! sleeps and wakes the task, so that a retry or a timeout never panics for want of tokio. That
//! is a thread per wait, which sleeps out its delay even when the wait is dropped: fine for the
//! odd retry, not for thousands of calls a second with timeouts (one timer thread for all, or a
//! sleep given in the config as aws-sdk-rust's `sleep_impl`, would serve those).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// A future that completes after a delay.
pub enum Sleep {
    /// tokio's timer.
    Tokio(Pin<Box<tokio::time::Sleep>>),
    /// A thread's.
    Thread(Arc<Alarm>),
}

/// What a sleeping thread sets, and whom it wakes.
#[derive(Default)]
pub struct Alarm {
    rung: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

/// A future completing after `delay` (at once if no timer thread can be started: a retry's
/// wait is then skipped rather than the call failed).
pub fn sleep(delay: Duration) -> Sleep {
    match timer(delay) {
        Some(sleep) => sleep,
        None => {
            let alarm = Arc::new(Alarm::default());
            alarm.rung.store(true, Ordering::Release);
            Sleep::Thread(alarm)
        }
    }
}

/// A timer for `delay`: tokio's on a tokio runtime, else a thread's; `None` if no thread can
/// be started.
fn timer(delay: Duration) -> Option<Sleep> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Some(Sleep::Tokio(Box::pin(tokio::time::sleep(delay))));
    }
    let alarm = Arc::new(Alarm::default());
    let ringer = alarm.clone();
    std::thread::Builder::new()
        .name("client-timer".to_owned())
        .spawn(move || {
            std::thread::sleep(delay);
            ringer.rung.store(true, Ordering::Release);
            let waker = match ringer.waker.lock() {
                Ok(mut guard) => guard.take(),
                Err(poisoned) => poisoned.into_inner().take(),
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        })
        .ok()?;
    Some(Sleep::Thread(alarm))
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.get_mut() {
            Sleep::Tokio(sleep) => sleep.as_mut().poll(cx),
            Sleep::Thread(alarm) => {
                if alarm.rung.load(Ordering::Acquire) {
                    return Poll::Ready(());
                }
                match alarm.waker.lock() {
                    Ok(mut guard) => *guard = Some(cx.waker().clone()),
                    Err(poisoned) => *poisoned.into_inner() = Some(cx.waker().clone()),
                }
                // Rung between the check and the registration: do not wait for a wake-up.
                if alarm.rung.load(Ordering::Acquire) {
                    Poll::Ready(())
                } else {
                    Poll::Pending
                }
            }
        }
    }
}

/// `future`'s output, or `Err(())` if `limit` passes first (without a timer thread to be had,
/// no limit: never a timeout that did not happen).
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Result<F::Output, ()> {
    let Some(mut alarm) = timer(limit) else {
        return Ok(future.await);
    };
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        match Pin::new(&mut alarm).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(())),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}
