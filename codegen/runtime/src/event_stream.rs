//! Event streams (a response body of `application/vnd.amazon.eventstream` messages), for
//! operations whose output holds a `@streaming` union. No I/O: feed the body's bytes to an
//! [`EventStream`] as they arrive and take the events it completes. Message framing and checksums
//! are aws-smithy-eventstream's; this module maps messages to the union's variants.
//!
//! Copied from `codegen/runtime/event_stream.rs` into crates that have event streams.

use std::fmt;
use std::marker::PhantomData;

use aws_smithy_types::event_stream::Message;

use crate::runtime::json_read::DeserializeError;

/// Event-stream messages are at most 16 MiB (the format's limit).
const MAX_MESSAGE_LENGTH: usize = 16 * 1024 * 1024;

/// A union an event stream carries: reads one message's payload as the variant its
/// `:event-type` (or, for a modeled exception, `:exception-type`) names.
pub trait DecodeEvent: Sized {
    /// The variant named `member`, read from `payload`; `Ok(None)` for a member this crate does
    /// not know.
    fn decode(member: &str, payload: &[u8]) -> Result<Option<Self>, DeserializeError>;

    /// The variant for a member this crate does not know.
    fn unknown() -> Self;
}

/// The events of one response body. Generated output types hold one; `feed` it the body.
pub struct EventStream<T> {
    buffer: Vec<u8>,
    events: PhantomData<fn() -> T>,
}

impl<T: DecodeEvent> EventStream<T> {
    /// An empty stream.
    pub fn new() -> Self {
        EventStream {
            buffer: Vec::new(),
            events: PhantomData,
        }
    }

    /// Adds the next bytes of the body, and returns every event they complete, in order.
    /// Modeled exceptions arrive as their union variant; an `error` message, or one this crate
    /// cannot read, as an `Err`. The `initial-response` message is skipped.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Result<T, EventStreamError>> {
        self.buffer.extend_from_slice(bytes);
        let mut events = Vec::new();
        while let Some(length) = self.complete_message() {
            let frame: Vec<u8> = self.buffer.drain(..length).collect();
            match aws_smithy_eventstream::frame::read_message_from(frame.as_slice()) {
                Ok(message) => {
                    if let Some(event) = event(&message) {
                        events.push(event);
                    }
                }
                Err(e) => events.push(Err(EventStreamError::Frame(e.to_string()))),
            }
        }
        events
    }

    /// How many bytes of an unfinished message are waiting for more.
    pub fn pending(&self) -> usize {
        self.buffer.len()
    }

    /// The length of the first message, once all of it is buffered.
    fn complete_message(&self) -> Option<usize> {
        let prelude: [u8; 4] = self.buffer.get(..4)?.try_into().ok()?;
        let length = u32::from_be_bytes(prelude) as usize;
        if !(16..=MAX_MESSAGE_LENGTH).contains(&length) {
            // Not a message, and nothing after it can be found: hand all of it to the reader,
            // which reports it.
            return Some(self.buffer.len());
        }
        (self.buffer.len() >= length).then_some(length)
    }
}

fn event<T: DecodeEvent>(message: &Message) -> Option<Result<T, EventStreamError>> {
    let header = |name: &str| {
        message
            .headers()
            .iter()
            .find(|h| h.name().as_str() == name)
            .and_then(|h| h.value().as_string().ok())
            .map(|s| s.as_str().to_owned())
    };
    let payload = message.payload().as_ref();
    let member = match header(":message-type").as_deref() {
        Some("event") => header(":event-type"),
        Some("exception") => header(":exception-type"),
        Some("error") => {
            return Some(Err(EventStreamError::Service {
                code: header(":error-code"),
                message: header(":error-message"),
            }))
        }
        other => {
            return Some(Err(EventStreamError::Frame(format!(
                "unknown :message-type {}",
                other.unwrap_or("(none)")
            ))))
        }
    };
    let Some(member) = member else {
        return Some(Err(EventStreamError::Frame(
            "the message names no event type".to_owned(),
        )));
    };
    if member == "initial-response" {
        return None;
    }
    Some(match T::decode(&member, payload) {
        Ok(Some(event)) => Ok(event),
        Ok(None) => Ok(T::unknown()),
        Err(e) => Err(EventStreamError::Event(member, e)),
    })
}

impl<T: DecodeEvent> Default for EventStream<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Clone for EventStream<T> {
    fn clone(&self) -> Self {
        EventStream {
            buffer: self.buffer.clone(),
            events: PhantomData,
        }
    }
}

impl<T> PartialEq for EventStream<T> {
    fn eq(&self, other: &Self) -> bool {
        self.buffer == other.buffer
    }
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("pending_bytes", &self.buffer.len())
            .finish()
    }
}

/// Why an event could not be taken from the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventStreamError {
    /// The bytes are not a valid event-stream message (bad length, checksum or headers).
    Frame(String),
    /// The message's payload is not a valid event of the named member.
    Event(String, DeserializeError),
    /// The service sent an `error` message.
    Service {
        /// Its `:error-code`.
        code: Option<String>,
        /// Its `:error-message`.
        message: Option<String>,
    },
}

impl fmt::Display for EventStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventStreamError::Frame(why) => write!(f, "invalid event-stream message: {why}"),
            EventStreamError::Event(member, e) => write!(f, "invalid {member} event: {e}"),
            EventStreamError::Service { code, message } => write!(
                f,
                "{}: {}",
                code.as_deref().unwrap_or("error"),
                message.as_deref().unwrap_or("(no message)")
            ),
        }
    }
}

impl std::error::Error for EventStreamError {}
