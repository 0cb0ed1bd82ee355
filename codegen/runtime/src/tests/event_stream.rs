//! Tests of `event_stream`.

use aws_smithy_types::event_stream::{Header, HeaderValue, Message};

use crate::event_stream::*;
use crate::json_read::DeserializeError;

#[derive(Debug, PartialEq)]
enum Event {
    Hello(String),
    Unknown,
}

impl DecodeEvent for Event {
    fn decode(member: &str, payload: &[u8]) -> Result<Option<Self>, DeserializeError> {
        Ok(match member {
            "hello" => Some(Event::Hello(String::from_utf8_lossy(payload).into_owned())),
            _ => None,
        })
    }

    fn unknown() -> Self {
        Event::Unknown
    }
}

fn frame(headers: &[(&str, &str)], payload: &str) -> Vec<u8> {
    let mut message = Message::new(payload.as_bytes().to_vec());
    for (name, value) in headers {
        message = message.add_header(Header::new(
            name.to_string(),
            HeaderValue::String(value.to_string().into()),
        ));
    }
    let mut bytes = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(&message, &mut bytes).unwrap();
    bytes
}

#[test]
fn events_arrive_as_their_bytes_complete() {
    let mut body = frame(
        &[
            (":message-type", "event"),
            (":event-type", "initial-response"),
        ],
        "{}",
    );
    body.extend(frame(
        &[(":message-type", "event"), (":event-type", "hello")],
        "one",
    ));
    body.extend(frame(
        &[(":message-type", "event"), (":event-type", "later")],
        "{}",
    ));
    body.extend(frame(
        &[
            (":message-type", "error"),
            (":error-code", "Boom"),
            (":error-message", "it broke"),
        ],
        "",
    ));
    let mut stream = EventStream::<Event>::new();
    let mut seen = Vec::new();
    for chunk in body.chunks(7) {
        seen.extend(stream.feed(chunk));
    }
    assert_eq!(stream.pending(), 0);
    assert_eq!(
        seen,
        [
            Ok(Event::Hello("one".into())),
            Ok(Event::Unknown),
            Err(EventStreamError::Service {
                code: Some("Boom".into()),
                message: Some("it broke".into())
            }),
        ]
    );
}

#[test]
fn corrupt_messages_are_errors() {
    let mut body = frame(
        &[(":message-type", "event"), (":event-type", "hello")],
        "one",
    );
    let last = body.len() - 1;
    body[last] ^= 0xff;
    let events = EventStream::<Event>::new().feed(&body);
    assert!(
        matches!(events.as_slice(), [Err(EventStreamError::Frame(_))]),
        "{events:?}"
    );
    let mut tiny = EventStream::<Event>::new();
    let events = tiny.feed(&[0, 0, 0, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    assert!(
        matches!(events.as_slice(), [Err(EventStreamError::Frame(_))]),
        "{events:?}"
    );
    assert_eq!(tiny.pending(), 0);
}
