//! Tests of `errors`: the error types its macros write read, display and convert as the
//! service's errors should.

#![allow(dead_code)] // The macros write every accessor; the tests call the ones they check.

use http::{HeaderMap, StatusCode};

use crate::json_read::JsonReader;
use crate::protocol::{response, Body, ErrorFault, ErrorMetadata, ServiceError, Unhandled};

/// An error made of its message alone.
#[derive(Debug, Default, PartialEq)]
pub struct NotFound {
    pub message: Option<String>,
    pub meta: ErrorMetadata,
}

/// A throttling error without a message member.
#[derive(Debug, Default, PartialEq)]
pub struct Throttled {
    pub retry_after: Option<i32>,
    pub meta: ErrorMetadata,
}

/// An error whose message is `@sensitive`.
#[derive(Debug, Default, PartialEq)]
pub struct Denied {
    pub message: Option<String>,
    pub reason: Option<String>,
    pub meta: ErrorMetadata,
}

/// An error no operation returns, with a required message.
#[derive(Debug, Default, PartialEq)]
pub struct Failed {
    pub text: String,
    pub meta: ErrorMetadata,
}

crate::runtime::json_read::structure!(tests::errors::NotFound [meta: Default::default()] {
    0 message "Message": member(JsonReader::string),
});
crate::runtime::json_read::structure!(tests::errors::Throttled [meta: Default::default()] {
    0 retry_after "RetryAfter": member(JsonReader::int),
});
crate::runtime::json_read::structure!(tests::errors::Denied [meta: Default::default()] {
    0 message "Message": member(JsonReader::string),
    1 reason "Reason": member(JsonReader::string),
});

crate::runtime::errors::modeled_error!(tests::errors::NotFound {
    code: "NotFound",
    fault: Client,
    retryable: false,
    throttling: false,
    status: Some(404),
    message: opt message,
    sensitive: false,
    read: message_only("Message"),
});
crate::runtime::errors::modeled_error!(tests::errors::Throttled {
    code: "Throttled",
    fault: Server,
    retryable: true,
    throttling: true,
    status: None,
    message: none,
    sensitive: false,
    read: body,
});
crate::runtime::errors::modeled_error!(tests::errors::Denied {
    code: "Denied",
    fault: Client,
    retryable: false,
    throttling: false,
    status: None,
    message: opt message,
    sensitive: true,
    read: body,
});
crate::runtime::errors::modeled_error!(tests::errors::Failed {
    code: "Failed",
    fault: Client,
    retryable: false,
    throttling: false,
    status: None,
    message: req text,
    sensitive: false,
    read: none,
});

/// An operation's errors.
#[derive(Debug)]
pub enum GetError {
    NotFound(Box<NotFound>),
    Throttled(Box<Throttled>),
    Denied(Box<Denied>),
    Unhandled(Unhandled),
}

crate::runtime::errors::error_enum!(operation GetError {
    NotFound is_not_found "NotFound",
    Throttled is_throttled "Throttled",
    Denied is_denied "Denied",
});

/// An operation without errors.
#[derive(Debug)]
pub enum PingError {
    Unhandled(Unhandled),
}

crate::runtime::errors::error_enum!(operation PingError {});

/// The service's errors.
#[derive(Debug)]
pub enum Error {
    NotFound(Box<NotFound>),
    Throttled(Box<Throttled>),
    Denied(Box<Denied>),
    Failed(Box<Failed>),
    Unhandled(Unhandled),
}

crate::runtime::errors::error_enum!(service Error {
    NotFound is_not_found "NotFound",
    Throttled is_throttled "Throttled",
    Denied is_denied "Denied",
    Failed is_failed "Failed",
});
crate::runtime::errors::error_into!(tests::errors::GetError => Error { NotFound, Throttled, Denied });
crate::runtime::errors::error_into!(tests::errors::PingError => Error {});

/// A successful output.
#[derive(Debug, Default, PartialEq)]
pub struct Pong {
    pub count: Option<i32>,
}

crate::runtime::json_read::structure!(tests::errors::Pong [] {
    0 count "Count": member(JsonReader::int),
});

fn get(status: u16, headers: &[(&str, &str)], body: &str) -> Result<Pong, GetError> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    response(
        StatusCode::from_u16(status).unwrap(),
        &map,
        body.as_bytes(),
        Body::Json,
        GetError::reader,
    )
}

#[test]
fn responses_read_as_the_output_or_the_error_their_code_names() {
    assert_eq!(
        get(200, &[], r#"{"Count":3}"#).unwrap(),
        Pong { count: Some(3) }
    );
    assert_eq!(get(200, &[], "").unwrap(), Pong::default());
    let streamed: Pong = response(
        StatusCode::OK,
        &HeaderMap::new(),
        b"not json: a stream",
        Body::EventStream,
        GetError::reader,
    )
    .unwrap();
    assert_eq!(streamed, Pong::default());

    let error = get(
        400,
        &[("x-amzn-requestid", "r-1")],
        r#"{"__type":"aws.test#NotFound","Message":"gone"}"#,
    )
    .unwrap_err();
    assert!(error.is_not_found() && !error.is_throttled() && !error.is_unhandled());
    assert_eq!(error.code(), Some("NotFound"));
    assert_eq!(error.message(), Some("gone"));
    assert_eq!(error.request_id(), Some("r-1"));
    assert!(!error.is_retryable());
    assert_eq!(error.to_string(), "NotFound: gone (request id r-1)");
    let GetError::NotFound(not_found) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(not_found.message.as_deref(), Some("gone"));
    assert_eq!(NotFound::HTTP_STATUS, Some(404));
    assert_eq!(NotFound::FAULT, ErrorFault::Client);

    // A message under the other spelling still fills the member.
    let error = get(400, &[], r#"{"__type":"NotFound","message":"low"}"#).unwrap_err();
    let GetError::NotFound(not_found) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(not_found.message.as_deref(), Some("low"));

    let error = get(500, &[], r#"{"__type":"Throttled","RetryAfter":5}"#).unwrap_err();
    assert!(error.is_throttled() && error.is_retryable());
    let GetError::Throttled(throttled) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(throttled.retry_after, Some(5));
    // No message member: the message is the response's.
    assert_eq!(error.message(), None);
    assert!(ServiceError::is_throttling(&error));
    assert_eq!(Throttled::FAULT, ErrorFault::Server);

    // A code the operation does not list, and a body that does not read as its error.
    let error = get(400, &[], r#"{"__type":"Other","message":"m"}"#).unwrap_err();
    assert!(error.is_unhandled());
    assert_eq!(error.code(), Some("Other"));
    let error = get(400, &[], r#"{"__type":"Throttled","RetryAfter":"soon"}"#).unwrap_err();
    assert!(error.is_unhandled());
    assert!(std::error::Error::source(&error).is_some());
    let error = get(503, &[], "<html>busy</html>").unwrap_err();
    assert!(error.is_unhandled());
    assert_eq!(error.meta().status(), Some(503));

    let error: Result<Pong, PingError> = response(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"__type":"NotFound"}"#,
        Body::Json,
        PingError::reader,
    );
    assert!(error.unwrap_err().is_unhandled());
}

#[test]
fn sensitive_messages_are_never_shown() {
    let error = get(
        400,
        &[],
        r#"{"__type":"Denied","Message":"the password was hunter2","Reason":"r"}"#,
    )
    .unwrap_err();
    assert!(error.is_denied());
    assert_eq!(error.message(), Some(crate::values::REDACTED));
    assert!(!error.to_string().contains("hunter2"), "{error}");
    assert!(!format!("{:?}", error.meta()).contains("hunter2"));
    // Nor when the body does not read as the error.
    let error = get(
        400,
        &[],
        r#"{"__type":"Denied","Message":"hunter2","Reason":5}"#,
    )
    .unwrap_err();
    assert!(error.is_unhandled());
    assert!(!error.to_string().contains("hunter2"), "{error}");
}

#[test]
fn operation_errors_convert_into_the_service_error() {
    let error: Error = get(400, &[], r#"{"__type":"Denied"}"#).unwrap_err().into();
    assert!(error.is_denied());
    let error: Error = get(400, &[], r#"{"__type":"Nope"}"#).unwrap_err().into();
    assert!(error.is_unhandled());
    let failed = Error::Failed(Box::new(Failed {
        text: "it broke".into(),
        ..Failed::default()
    }));
    assert_eq!(failed.message(), Some("it broke"));
    assert_eq!(failed.to_string(), "Failed: it broke");
    assert!(failed.is_failed());
}
