//! Tests of `protocol`.

use std::fmt;

use http::HeaderValue;

use crate::json_read::{DeserializeError, DeserializeJson, JsonReader};
use crate::protocol::*;

fn meta(headers: &[(&str, &str)], body: &str) -> ErrorMetadata {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.insert(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    ErrorMetadata::from_response(http::StatusCode::BAD_REQUEST, &map, body.as_bytes())
}

#[test]
fn codes_are_sanitized() {
    assert_eq!(sanitize_error_code("FooError"), "FooError");
    assert_eq!(
        sanitize_error_code("aws.protocoltests.restjson#FooError"),
        "FooError"
    );
    assert_eq!(
        sanitize_error_code("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
        "FooError"
    );
    assert_eq!(
        sanitize_error_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/"),
        "FooError"
    );
    assert_eq!(sanitize_error_code("FooError,BarError"), "FooError");
    assert_eq!(sanitize_error_code("a#b#FooError"), "b#FooError");
    assert_eq!(sanitize_error_code(" aws.fsx#FooError , Other"), "FooError");
    assert_eq!(sanitize_error_code("FooError:x#y"), "FooError");
    assert_eq!(sanitize_error_code("#"), "");
    assert_eq!(sanitize_error_code(""), "");
}

#[test]
fn code_comes_from_header_then_body() {
    let m = meta(
        &[
            ("x-amzn-errortype", "BackupNotFound:http://x"),
            ("x-amzn-requestid", "req-1"),
        ],
        r#"{"__type": "Other", "message": "gone"}"#,
    );
    assert_eq!(
        (m.code(), m.message(), m.request_id(), m.status()),
        (
            Some("BackupNotFound"),
            Some("gone"),
            Some("req-1"),
            Some(400)
        )
    );
    let m = meta(
        &[],
        r#"{"__type": "com.amazonaws.fsx#BackupNotFound", "Message": "Backup b-1 does not exist."}"#,
    );
    assert_eq!(
        (m.code(), m.message()),
        (Some("BackupNotFound"), Some("Backup b-1 does not exist."))
    );
    // A code that sanitizes to nothing is no code: the next source is read.
    let m = meta(
        &[("x-amzn-errortype", "aws.fsx#")],
        r#"{"code": "", "__type": "com.amazonaws.fsx#BackupNotFound"}"#,
    );
    assert_eq!(m.code(), Some("BackupNotFound"));
    assert_eq!(
        meta(&[("x-amzn-errortype", " ")], r#"{"__type": ":http"}"#).code(),
        None
    );
    let m = meta(
        &[],
        r#"{"code": "Throttled", "errorMessage": "slow down", "nested": {"code": 1}}"#,
    );
    assert_eq!(
        (m.code(), m.message()),
        (Some("Throttled"), Some("slow down"))
    );
}

/// An error made of its message alone, read the way generated code reads one.
macro_rules! message_error_type {
    ($name:ident, $wire:literal) => {
        #[derive(Debug, Default, PartialEq)]
        struct $name {
            message: Option<String>,
            meta: ErrorMetadata,
        }

        impl DeserializeJson for $name {
            fn deserialize_json(reader: &mut JsonReader<'_>) -> Result<Self, DeserializeError> {
                const FIELDS: &[&str] = &[$wire];
                let mut value = $name::default();
                let mut next = reader.object_start(FIELDS)?;
                while let Some(index) = next {
                    match index {
                        0 => reader.member(&mut value.message, JsonReader::string)?,
                        _ => reader.skip()?,
                    }
                    next = reader.object_next(FIELDS, index)?;
                }
                Ok(value)
            }
        }

        impl $name {
            fn with_meta(mut self, meta: ErrorMetadata) -> Self {
                if self.message.is_none() {
                    self.message = meta.message().map(str::to_owned);
                }
                self.meta = meta;
                self
            }
        }
    };
}
message_error_type!(UpperMessage, "Message");
message_error_type!(LowerMessage, "message");

/// `message_error` gives what `modeled_error` gives, whether or not it reads the body again.
fn same_as_modeled<T: DeserializeJson + Default + PartialEq + fmt::Debug>(
    body: &str,
    wire_name: &str,
    attach: fn(T, ErrorMetadata) -> T,
) -> bool {
    let headers = http::HeaderMap::new();
    let status = http::StatusCode::BAD_REQUEST;
    let (meta, fit) = ErrorMetadata::read_error(status, &headers, body.as_bytes());
    let shortcut = message_error(body.as_bytes(), meta.clone(), fit, wire_name, attach);
    let modeled = modeled_error(body.as_bytes(), meta, attach);
    match (shortcut, modeled) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{body}"),
        (Err(a), Err(b)) => {
            assert_eq!(a.meta(), b.meta(), "{body}");
            assert_eq!(
                std::error::Error::source(&a).map(|e| e.to_string()),
                std::error::Error::source(&b).map(|e| e.to_string()),
                "{body}"
            );
        }
        (a, b) => panic!("{body}: {a:?} against {b:?}"),
    }
    fit.fits(wire_name)
}

#[test]
fn message_only_errors_read_as_modeled_errors_do() {
    // (body, whether `Message` may skip the second read, whether `message` may)
    let cases = [
        (r#"{"__type":"NotFound","Message":"gone"}"#, true, true),
        (r#"{"__type":"NotFound","message":"gone"}"#, true, true),
        (r#"{"__type":"NotFound"}"#, true, true),
        (r#"{"Message":null,"message":"low"}"#, true, true),
        (r#"{"message":"low","Message":"up"}"#, false, true),
        (r#"{"Message":"up","message":"low"}"#, true, false),
        (r#"{"errorMessage":"e","Message":"up"}"#, false, true),
        (r#"{"Message":"a","Message":"b"}"#, false, true),
        (r#"{"Message":5}"#, false, true),
        (r#"{"message":5,"Message":"up"}"#, true, false),
        (r#"{"Message":{"nested":"x"},"message":"low"}"#, false, true),
        (
            r#"{"Message":"esc\u00e9aped","other":[1,{"a":null}]}"#,
            true,
            true,
        ),
        (r#"{"__type":"NotFound","Message":"cut"#, false, false),
        (r#"{"Message":"x"} trailing"#, false, false),
        ("", false, false),
        ("  ", false, false),
        ("null", false, false),
        ("[1]", false, false),
        ("<html>502</html>", false, false),
    ];
    for (body, upper, lower) in cases {
        assert_eq!(
            same_as_modeled(body, "Message", UpperMessage::with_meta),
            upper,
            "Message: {body}"
        );
        assert_eq!(
            same_as_modeled(body, "message", LowerMessage::with_meta),
            lower,
            "message: {body}"
        );
    }
}

#[test]
fn unreadable_bodies_still_give_the_status() {
    for body in [
        "",
        "<html>502 Bad Gateway</html>",
        r#"{"__type": "Backup"#,
        "[1,2]",
        "null",
        "{\"message\": 5}",
    ] {
        let m = meta(&[], body);
        assert_eq!(m.status(), Some(400), "{body}");
        assert_eq!(m.code(), None, "{body}");
    }
    let huge = format!("{{\"message\": \"{}\"}}", "x".repeat(1 << 20));
    assert_eq!(meta(&[], &huge).message().map(str::len), Some(1 << 20));
}
