//! Tests of the helpers generated crates' tests use (`test_support.rs`).

use super::test_support::*;

#[test]
fn numbers_and_instants() {
    assert_json_eq(
        br#"{"a": 1, "t": 1481841524}"#,
        r#"{"t": "1481841524.0", "a": 1.0}"#,
        &["/t"],
        &[],
    );
    assert_json_eq(
        br#"{"a": [1, 2], "token": "x"}"#,
        r#"{"a": [1, 2]}"#,
        &[],
        &["/token"],
    );
}

#[test]
fn headers() {
    let mut headers = http::HeaderMap::new();
    headers.append("x-a", http::HeaderValue::from_static("1"));
    headers.append("x-a", http::HeaderValue::from_static("2"));
    assert_header(&headers, "X-A", "1, 2");
    assert_has_header(&headers, "x-a");
    assert_no_header(&headers, "x-b");
}

#[test]
#[should_panic(expected = "JSON bodies differ at /a/1 (2 and 3)")]
fn differences_name_the_pointer() {
    assert_json_eq(br#"{"a": [1, 2]}"#, r#"{"a": [1, 3]}"#, &[], &[]);
}

#[test]
fn instants_in_every_format() {
    assert_json_eq(
        br#"{"a": "2024-08-12T18:20:50.990Z", "b": 1723486850.99, "c": "Mon, 12 Aug 2024 18:20:50 GMT"}"#,
        r#"{"a": "2024-08-12T18:20:50.99Z", "b": "2024-08-12T18:20:50.99Z", "c": 1723486850}"#,
        &["/a", "/b", "/c"],
        &[],
    );
}

#[test]
#[should_panic(expected = "/t (timestamps \"1970-01-01T00:00:00.002Z\" and 0.001)")]
fn instants_differ_by_a_millisecond() {
    assert_json_eq(
        br#"{"t": "1970-01-01T00:00:00.002Z"}"#,
        r#"{"t": 0.001}"#,
        &["/t"],
        &[],
    );
}

#[test]
#[should_panic(expected = "/t (timestamps 5 and 6)")]
fn instants_must_match() {
    assert_json_eq(br#"{"t": 5}"#, r#"{"t": 6}"#, &["/t"], &[]);
}

#[test]
#[should_panic(expected = "/extra (not expected)")]
fn extra_members_are_differences() {
    assert_json_eq(br#"{"extra": 0}"#, r#"{}"#, &[], &[]);
}
