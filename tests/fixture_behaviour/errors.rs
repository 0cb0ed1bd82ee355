//! Modeled errors: read from a response into their variant, with what the model says about
//! them (fault, retryability, status) and what the response said (code, message, request id).

use fixture_errors::error::ErrorFault;
use fixture_errors::operation::get_item::{self, GetItemError};
use fixture_errors::types::{ItemNotFound, ServiceUnavailable, Throttled};
use http::{HeaderMap, HeaderValue, StatusCode};

fn error_response(code: &str, body: &str) -> GetItemError {
    let mut headers = HeaderMap::new();
    headers.insert("x-amzn-errortype", HeaderValue::from_str(code).unwrap());
    headers.insert("x-amzn-requestid", HeaderValue::from_static("req-1"));
    get_item::response(StatusCode::BAD_REQUEST, &headers, body.as_bytes()).unwrap_err()
}

#[test]
fn modeled_errors_read_into_their_variant() {
    let error = error_response("ItemNotFound", r#"{"Message":"No item x.","Id":"x"}"#);
    assert!(error.is_item_not_found(), "{error:?}");
    assert_eq!(error.code(), Some("ItemNotFound"));
    assert_eq!(error.message(), Some("No item x."));
    assert_eq!(error.request_id(), Some("req-1"));
    assert_eq!(
        error.to_string(),
        "ItemNotFound: No item x. (request id req-1)"
    );
    let GetItemError::ItemNotFound(found) = error else {
        unreachable!()
    };
    assert_eq!(found.id.as_deref(), Some("x"));
    assert_eq!(ItemNotFound::HTTP_STATUS, Some(404));
    assert_eq!(ItemNotFound::FAULT, ErrorFault::Client);
}

#[test]
fn retryability_and_service_errors() {
    assert_eq!((Throttled::RETRYABLE, Throttled::THROTTLING), (true, true));
    assert_eq!(
        (
            ServiceUnavailable::RETRYABLE,
            ServiceUnavailable::THROTTLING
        ),
        (true, false)
    );
    assert_eq!(ServiceUnavailable::FAULT, ErrorFault::Server);
    let error = error_response("Throttled", r#"{"Message":"slow down"}"#);
    assert!(error.is_retryable());
    // A service-wide error any operation can return.
    let error = error_response("ServiceUnavailable", "{}");
    assert!(error.is_service_unavailable());
    let service: fixture_errors::Error = error.into();
    assert!(service.as_service_error().is_retryable());
}

#[test]
fn unknown_codes_are_unhandled() {
    let error = error_response("SomethingElse", r#"{"message":"?"}"#);
    assert!(error.is_unhandled());
    assert_eq!(error.code(), Some("SomethingElse"));
    assert_eq!(error.message(), Some("?"));
}
