//! An output event stream: the response's status and headers give the output, and its body,
//! fed to the output's stream as it arrives, gives the events.

use aws_smithy_eventstream::frame::write_message_to;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use fixture_event_streams::event_stream::EventStreamError;
use fixture_event_streams::operation::watch;
use fixture_event_streams::operation::watch::WatchInput;
use fixture_event_streams::primitives::DateTime;
use fixture_event_streams::types::{Tick, WatchEvents};
use http::{HeaderMap, StatusCode};

fn frame(headers: &[(&str, &str)], payload: &str) -> Vec<u8> {
    let mut message = Message::new(payload.as_bytes().to_vec());
    for (name, value) in headers {
        message = message.add_header(Header::new(
            name.to_string(),
            HeaderValue::String(value.to_string().into()),
        ));
    }
    let mut bytes = Vec::new();
    write_message_to(&message, &mut bytes).unwrap();
    bytes
}

fn event(kind: &str, payload: &str) -> Vec<u8> {
    frame(
        &[
            (":message-type", "event"),
            (":event-type", kind),
            (":content-type", "application/json"),
        ],
        payload,
    )
}

#[test]
fn events_come_from_the_body() {
    let mut output =
        watch::response(StatusCode::OK, &HeaderMap::new(), b"").expect("a 200 gives the output");
    let mut body = event("initial-response", "{}");
    body.extend(event("tick", r#"{"count":1,"at":1617954808.068}"#));
    body.extend(event("note", r#"{"text":"hello"}"#));
    body.extend(event("somethingNew", r#"{"x":1}"#));
    body.extend(frame(
        &[
            (":message-type", "exception"),
            (":exception-type", "Failed"),
        ],
        r#"{"message":"stream broke"}"#,
    ));
    body.extend(frame(
        &[
            (":message-type", "error"),
            (":error-code", "InternalFailure"),
            (":error-message", "oops"),
        ],
        "",
    ));
    body.extend(event("tick", r#"{"count":"two"}"#));

    let mut events = Vec::new();
    for chunk in body.chunks(5) {
        events.extend(output.events.feed(chunk));
    }
    assert_eq!(output.events.pending(), 0);
    assert_eq!(events.len(), 6);
    let tick = Tick::builder()
        .count(1)
        .at(DateTime::from_secs_and_nanos(1617954808, 68_000_000))
        .build();
    assert_eq!(events[0], Ok(WatchEvents::Tick(tick)));
    assert!(matches!(&events[1], Ok(WatchEvents::Note(n)) if n.text.as_deref() == Some("hello")));
    assert!(matches!(&events[2], Ok(e) if e.is_unknown()));
    assert!(
        matches!(&events[3], Ok(WatchEvents::Failed(f)) if f.message.as_deref() == Some("stream broke"))
    );
    assert_eq!(
        events[4],
        Err(EventStreamError::Service {
            code: Some("InternalFailure".into()),
            message: Some("oops".into())
        })
    );
    let Err(EventStreamError::Event(member, error)) = &events[5] else {
        panic!("{:?}", events[5])
    };
    assert_eq!((member.as_str(), error.path().as_str()), ("tick", "count"));
}

#[test]
fn errors_are_still_json_and_requests_go_to_the_streaming_host() {
    let mut headers = HeaderMap::new();
    headers.insert("x-amzn-errortype", "NotFound".parse().unwrap());
    let error = watch::response(
        StatusCode::BAD_REQUEST,
        &headers,
        br#"{"message":"no such watch"}"#,
    )
    .unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.to_string(), "NotFound: no such watch");

    let request = watch::request(&WatchInput::builder().id("w-1").build().unwrap()).unwrap();
    let request = fixture_event_streams::endpoint::apply(request, "example.com").unwrap();
    assert_eq!(request.uri().host(), Some("streaming-example.com"));
}
