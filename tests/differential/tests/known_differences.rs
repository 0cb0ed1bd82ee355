//! Every difference the differential tests found where aws-sdk-fsx 1.133.0 or botocore 1.43.11
//! reads an awsJson response otherwise than ours, pinned on one small body each: what each
//! side gives, exactly, and why ours is the one that follows the protocol (or why neither is
//! wrong). The random tests (`responses.rs`, `errors.rs`) expect exactly these differences and
//! count them; if a new release of either changes, these tests say which difference went away.

use differential::botocore::{self, ParseCase};
use differential::json::Json;
use differential::sdk::{self, ErrorView, Harness, Sdk};

fn ours(body: &str) -> String {
    String::from_utf8(
        sdk::CopyBackup::ours_response(200, &[], body.as_bytes()).expect("ours reads it"),
    )
    .expect("UTF-8")
}

fn sdk_output(sdk: &Sdk, body: &str) -> Result<String, String> {
    sdk::CopyBackup::sdk_response(sdk, 200, &[], body.as_bytes())
        .map(|b| String::from_utf8(b).expect("UTF-8"))
        .map_err(|e| e.message.unwrap_or_default())
}

fn botocore(bodies: &[&str]) -> Vec<Result<String, String>> {
    let cases: Vec<ParseCase<'_>> = bodies
        .iter()
        .map(|body| ParseCase {
            operation: "CopyBackup",
            body,
        })
        .collect();
    botocore::parse_outputs(&cases)
        .into_iter()
        .map(|r| r.map(|json| json.to_text()))
        .collect()
}

/// Fractional epoch seconds. awsJson writes a timestamp as epoch seconds, a JSON number that
/// may have a fraction, and nothing in the protocol limits the precision a client keeps. Ours
/// reads the number's digits exactly (to the nanosecond). aws-sdk-fsx reads any number with a
/// fraction through an `f64` (`DateTime::from_secs_f64` in aws-smithy-json 0.65's
/// `read_timestamp`), so even a millisecond timestamp, as FSx sends them, comes back with
/// nanosecond noise; botocore reads a Python float and rounds it to a `datetime`'s
/// microseconds. Both stay within the precision of a double (`compare::Instants::ThroughF64`),
/// which is what the random tests allow them.
#[test]
fn fractional_epoch_seconds() {
    let sdk = Sdk::new();
    let cases = [
        // (wire, aws-sdk-fsx's reading written back, botocore's in microseconds)
        (
            "1617954808.068",
            "1617954808.068000078",
            1_617_954_808_068_000_i64,
        ),
        (
            "1617954808.123456789",
            "1617954808.123456716",
            1_617_954_808_123_457,
        ),
        (
            "253402300798.999999999",
            "253402300799",
            253_402_300_799_000_000,
        ),
    ];
    let bodies: Vec<String> = cases
        .iter()
        .map(|(wire, _, _)| format!(r#"{{"Backup":{{"CreationTime":{wire}}}}}"#))
        .collect();
    let boto = botocore(&bodies.iter().map(String::as_str).collect::<Vec<_>>());
    for ((wire, sdk_text, micros), (body, boto)) in cases.iter().zip(bodies.iter().zip(boto)) {
        assert_eq!(ours(body), *body, "ours keeps {wire} exactly");
        assert_eq!(
            sdk_output(&sdk, body),
            Ok(format!(r#"{{"Backup":{{"CreationTime":{sdk_text}}}}}"#))
        );
        assert_eq!(
            boto,
            Ok(format!(
                r#"{{"Backup":{{"CreationTime":{{"epoch_micros":{micros}}}}}}}"#
            ))
        );
    }
}

/// `null` items in a list that is not `@sparse`. The Smithy protocol tests ask clients to be
/// lenient here ("Clients SHOULD tolerate seeing a null value in a dense map, and they SHOULD
/// drop the null key-value pair", `RestJsonDeserializesDenseSetMapAndSkipsNull`; aws-sdk-js-v3
/// #2771: "Clients remain tolerant of these nulls"): ours drops them. aws-sdk-fsx 1.133.0's
/// schema-based deserializer fails the whole response ("expected object" / "expected
/// string"); botocore keeps them as `None`.
#[test]
fn null_items_of_dense_lists() {
    let body = r#"{"Backup":{"Tags":[null,{"Key":"k","Value":"v"}],"FileSystem":{"SubnetIds":["a",null]}}}"#;
    assert_eq!(
        ours(body),
        r#"{"Backup":{"Tags":[{"Key":"k","Value":"v"}],"FileSystem":{"SubnetIds":["a"]}}}"#
    );
    let sdk = sdk_output(&Sdk::new(), body).expect_err("aws-sdk-fsx rejects it");
    assert!(
        sdk.contains(r#"TypeMismatch { message: "expected object" }"#),
        "{sdk}"
    );
    assert_eq!(
        botocore(&[body]),
        [Ok(r#"{"Backup":{"Tags":[null,{"Key":"k","Value":"v"}],"FileSystem":{"SubnetIds":["a",null]}}}"#.to_owned())]
    );
}

/// A timestamp as a quoted epoch-seconds string. Not what awsJson sends (epoch seconds are a
/// JSON number), but documented examples do it (`"CreationTime": "1481841524.0"` in the
/// botocore examples file) and ours accepts it on purpose (ARCHITECTURE.md, "lenient where AWS
/// is"), as botocore does. aws-sdk-fsx takes a string as an RFC 3339 date-time and fails.
#[test]
fn quoted_epoch_seconds() {
    let body = r#"{"Backup":{"CreationTime":"1481841524.5"}}"#;
    assert_eq!(ours(body), r#"{"Backup":{"CreationTime":1481841524.5}}"#);
    let sdk = sdk_output(&Sdk::new(), body).expect_err("aws-sdk-fsx rejects it");
    assert!(sdk.contains("invalid timestamp string"), "{sdk}");
    assert_eq!(
        botocore(&[body]),
        [Ok(
            r#"{"Backup":{"CreationTime":{"epoch_micros":1481841524500000}}}"#.to_owned()
        )]
    );
}

fn error(status: u16, headers: &[(&str, &str)], body: &str) -> (ErrorView, ErrorView) {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let ours =
        sdk::CopyBackup::ours_response(status, &headers, body.as_bytes()).expect_err("an error");
    let theirs = sdk::CopyBackup::sdk_response(&Sdk::new(), status, &headers, body.as_bytes())
        .expect_err("an error");
    (ours, theirs)
}

fn members(view: &ErrorView) -> Option<String> {
    view.members
        .as_deref()
        .map(|m| Json::parse(m).expect("JSON").to_text())
}

/// An error envelope whose keys are written with JSON escapes (`"\u005f_type"` is `__type`,
/// RFC 8259 §7). Ours unescapes keys like any JSON reader. aws-sdk-fsx's envelope reader
/// (aws-smithy-json 0.65, `protocol::error::parse_error_body`) matches keys with
/// `as_escaped_str()`, so it finds neither code nor message: the error is `Unhandled` with no
/// code. (Its structure deserializer does unescape keys: only the envelope is affected.)
#[test]
fn escaped_error_envelope_keys() {
    let (ours, theirs) = error(
        400,
        &[],
        r#"{"\u005f_type":"com.amazonaws.fsx#BackupNotFound","m\u0065ssage":"gone"}"#,
    );
    assert_eq!(
        (
            ours.variant.as_str(),
            ours.code.as_deref(),
            ours.message.as_deref()
        ),
        ("BackupNotFound", Some("BackupNotFound"), Some("gone"))
    );
    assert_eq!(
        (theirs.variant.as_str(), theirs.code, theirs.message),
        ("Unhandled", None, None)
    );
}

/// An error response in which aws-sdk-fsx finds no code comes back as a `ResponseError` whose
/// `Unhandled` error keeps the response's metadata only as its source: `message()` and
/// `request_id()` are `None`. Ours's `Unhandled` keeps them.
#[test]
fn error_without_a_code() {
    let (ours, theirs) = error(
        500,
        &[("x-amzn-requestid", "req-1")],
        r#"{"message":"it broke"}"#,
    );
    assert_eq!(
        (
            ours.variant.as_str(),
            ours.code.as_deref(),
            ours.message.as_deref(),
            ours.request_id.as_deref()
        ),
        ("Unhandled", None, Some("it broke"), Some("req-1"))
    );
    assert_eq!(
        (
            theirs.variant.as_str(),
            theirs.code,
            theirs.message,
            theirs.request_id
        ),
        ("Unhandled", None, None, None)
    );
}

/// An error body with the message under `message`: FSx's error shapes name their member
/// `Message`, so the body has no `Message` member. Both sides return it from `message()` and
/// copy it into the error structure's `Message` member (no longer a difference; kept as a
/// pinned agreement).
#[test]
fn lowercase_message_key() {
    let (ours, theirs) = error(400, &[], r#"{"__type":"BackupNotFound","message":"gone"}"#);
    assert_eq!(
        (ours.message.as_deref(), theirs.message.as_deref()),
        (Some("gone"), Some("gone"))
    );
    assert_eq!(members(&ours).as_deref(), Some(r#"{"Message":"gone"}"#));
    assert_eq!(members(&theirs).as_deref(), Some(r#"{"Message":"gone"}"#));
}

/// An error body without a `@required` member (`ServiceLimitExceeded.Limit`,
/// `IncompatibleParameterError.Parameter`). aws-sdk-fsx applies Smithy's client error
/// correction and fills in a zero value (for an enum, the unknown value `"no value was set"`);
/// ours leaves the member unset (FSx's members are all `@clientOptional`).
#[test]
fn missing_required_error_members() {
    let (ours, theirs) = error(400, &[], r#"{"__type":"ServiceLimitExceeded"}"#);
    assert_eq!(members(&ours).as_deref(), Some("{}"));
    assert_eq!(
        members(&theirs).as_deref(),
        Some(r#"{"Limit":"no value was set"}"#)
    );
    let (ours, theirs) = error(400, &[], r#"{"__type":"IncompatibleParameterError"}"#);
    assert_eq!(members(&ours).as_deref(), Some("{}"));
    assert_eq!(members(&theirs).as_deref(), Some(r#"{"Parameter":""}"#));
}

/// Error codes the awsJson spec's sanitization leaves as they are, and bodies that are not an
/// error object. (`view`: variant, code.)
#[test]
fn unusual_error_envelopes() {
    let view = |v: &ErrorView| (v.variant.clone(), v.code.clone());
    let unhandled = |code: Option<&str>| ("Unhandled".to_owned(), code.map(str::to_owned));
    let not_a_service_error = ("(not a service error)".to_owned(), None);
    let backup_not_found = (
        "BackupNotFound".to_owned(),
        Some("BackupNotFound".to_owned()),
    );
    // Several comma-separated codes in the header (what a header sent twice becomes): ours
    // takes the first; aws-sdk-fsx takes the whole value as the code. The spec says nothing
    // of commas.
    let (ours, theirs) = error(
        400,
        &[("x-amzn-errortype", "BackupNotFound,InternalServerError")],
        "{}",
    );
    assert_eq!(
        (view(&ours), view(&theirs)),
        (
            backup_not_found.clone(),
            unhandled(Some("BackupNotFound,InternalServerError"))
        )
    );
    // Whitespace around the header's value (which HTTP parsers strip, RFC 9110 §5.5): ours
    // trims it, aws-sdk-fsx keeps it.
    let (ours, theirs) = error(400, &[("x-amzn-errortype", " BackupNotFound ")], "{}");
    assert_eq!(
        (view(&ours), view(&theirs)),
        (backup_not_found, unhandled(Some(" BackupNotFound ")))
    );
    // A modeled code whose body is not the error's JSON: neither can build the error. Ours
    // returns `Unhandled` with the code; aws-sdk-fsx a `ResponseError` without one.
    for body in ["<html>502</html>", "[1]", r#"{"Message": 5}"#] {
        let (ours, theirs) = error(502, &[("x-amzn-errortype", "BackupNotFound")], body);
        assert_eq!(
            (view(&ours), view(&theirs)),
            (
                unhandled(Some("BackupNotFound")),
                not_a_service_error.clone()
            ),
            "{body}"
        );
    }
    // Codes are case-sensitive on both sides.
    let (ours, theirs) = error(400, &[], r#"{"__type":"backupnotfound"}"#);
    assert_eq!(
        (view(&ours), view(&theirs)),
        (
            unhandled(Some("backupnotfound")),
            unhandled(Some("backupnotfound"))
        )
    );
}

/// The awsJson 1.1 spec (smithy.io, aws-json-1_1-protocol, "Operation error serialization")
/// says "If a # character is present, then take only the contents after the first #
/// character in the value". For `a#b#BackupNotFound` the code is `b#BackupNotFound`, which is
/// no error of the operation: both sides return `Unhandled` with that code. (Found by this
/// suite: ours used to take what follows the last `#`.)
#[test]
fn error_code_with_two_hashes() {
    let (ours, theirs) = error(400, &[], r#"{"__type":"a#b#BackupNotFound"}"#);
    assert_eq!(
        (theirs.variant.as_str(), theirs.code.as_deref()),
        ("Unhandled", Some("b#BackupNotFound"))
    );
    assert_eq!(
        (ours.variant.as_str(), ours.code.as_deref()),
        ("Unhandled", Some("b#BackupNotFound"))
    );
}
