//! One error type per call, [`SdkError<E>`], `E` being the operation's own error enum: what
//! went wrong at every step of a call, building the request, sending it, reading the answer,
//! or the service's own error.

use std::fmt;

use crate::runtime::client::http::{HttpError, HttpErrorKind};
use crate::runtime::protocol::{ErrorMetadata, ServiceError, Unhandled};

/// What a call through the client can fail with. `E` is the operation's error enum (e.g.
/// `CopyBackupError`), which [`SdkError::Service`] holds and [`SdkError::into_service_error`]
/// gives back whatever the failure was, as aws-sdk-rust's `SdkError` does.
#[non_exhaustive]
pub enum SdkError<E> {
    /// The request could not be built: an invalid input, no region or credentials, no
    /// endpoint for the region, a request that could not be signed. Never retried.
    Construction(ConstructionFailure),
    /// No response in time: the read timeout on the last attempt, or the call's timeout.
    Timeout(Failure),
    /// No response: the connection could not be made or failed on the last attempt.
    Dispatch(Failure),
    /// A response that could not be read (not HTTP, or its body cut off).
    Response(Failure),
    /// The service answered with an error (modeled or not), or with a body that is not what
    /// the operation returns.
    Service(E),
}

/// Why a request could not be built.
#[derive(Debug)]
pub struct ConstructionFailure {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl ConstructionFailure {
    /// A failure described by `message`, caused by `source` if given.
    pub fn new(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        ConstructionFailure {
            message: message.into(),
            source,
        }
    }
}

impl fmt::Display for ConstructionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConstructionFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A call that got no usable response: the transport's error, and how many attempts were
/// made before giving up.
#[derive(Debug)]
pub struct Failure {
    error: HttpError,
    attempts: u32,
}

impl Failure {
    /// `error`, after `attempts` attempts.
    pub fn new(error: HttpError, attempts: u32) -> Self {
        Failure { error, attempts }
    }

    /// The transport's error for the last attempt.
    pub fn error(&self) -> &HttpError {
        &self.error
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl<E> SdkError<E> {
    /// The failure to report for a transport error after `attempts` attempts.
    pub fn transport(error: HttpError, attempts: u32) -> Self {
        let failure = Failure::new(error, attempts);
        match failure.error.kind() {
            HttpErrorKind::Timeout => SdkError::Timeout(failure),
            HttpErrorKind::Response => SdkError::Response(failure),
            _ => SdkError::Dispatch(failure),
        }
    }

    /// The service's error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// Whether no response came back in time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, SdkError::Timeout(_))
    }
}

impl<E: ServiceError + From<Unhandled>> SdkError<E> {
    /// The operation's error, whatever went wrong: a failure before the service answered
    /// becomes its `Unhandled` variant (no code; the failure as its message and source), so
    /// that one `match` on the operation's error handles every outcome.
    pub fn into_service_error(self) -> E {
        let (message, source): (String, Box<dyn std::error::Error + Send + Sync + 'static>) =
            match self {
                SdkError::Service(e) => return e,
                SdkError::Construction(f) => {
                    (format!("the request could not be built: {f}"), Box::new(f))
                }
                SdkError::Timeout(f) => (format!("timeout: {f}"), Box::new(f)),
                SdkError::Dispatch(f) => (format!("dispatch failure: {f}"), Box::new(f)),
                SdkError::Response(f) => (format!("unreadable response: {f}"), Box::new(f)),
            };
        E::from(Unhandled::new(
            ErrorMetadata::new(None, Some(message), None, None),
            Some(source),
        ))
    }

    /// The service's error code (e.g. `BackupNotFound`), if the service answered with one.
    pub fn code(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.code())
    }

    /// The service's error message, if it answered with one.
    pub fn message(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.message())
    }

    /// The request id of the service's answer (the `x-amzn-requestid` header), if any.
    pub fn request_id(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.request_id())
    }

    /// The HTTP status of the service's answer, if any.
    pub fn status(&self) -> Option<u16> {
        self.as_service_error().and_then(|e| e.meta().status())
    }
}

impl<E: fmt::Debug> fmt::Debug for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Construction(e) => f.debug_tuple("Construction").field(e).finish(),
            SdkError::Timeout(e) => f.debug_tuple("Timeout").field(e).finish(),
            SdkError::Dispatch(e) => f.debug_tuple("Dispatch").field(e).finish(),
            SdkError::Response(e) => f.debug_tuple("Response").field(e).finish(),
            SdkError::Service(e) => f.debug_tuple("Service").field(e).finish(),
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Construction(e) => write!(f, "the request could not be built: {e}"),
            SdkError::Timeout(e) => write!(f, "timeout: {e}"),
            SdkError::Dispatch(e) => write!(f, "dispatch failure: {e}"),
            SdkError::Response(e) => write!(f, "unreadable response: {e}"),
            SdkError::Service(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Construction(e) => Some(e),
            SdkError::Timeout(e) | SdkError::Dispatch(e) | SdkError::Response(e) => Some(e),
            // Its `Display` is the service error's own: its source is the next link.
            SdkError::Service(e) => e.source(),
        }
    }
}
