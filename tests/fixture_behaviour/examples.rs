//! Timestamps in every format and 32-bit floats on the wire, as the examples fixture's members
//! declare them.

use fixture_examples::operation::get_reading::{self, GetReadingInput, GetReadingOutput};
use fixture_examples::primitives::DateTime;

#[test]
fn each_member_reads_and_writes_its_own_format() {
    let output: GetReadingOutput = fixture_examples::json::from_slice(
        br#"{"CreatedAt":1723486850.25,"UpdatedAt":"2024-08-12T18:20:50.25+01:00","ExpiresAt":"Mon, 12 Aug 2024 18:20:50 GMT","Ratio":0.5}"#,
    )
    .unwrap();
    assert_eq!(
        output.created_at,
        Some(DateTime::from_secs_and_nanos(1723486850, 250_000_000))
    );
    // A date-time's offset is taken off: 18:20:50.25+01:00 is 17:20:50.25 UTC.
    assert_eq!(
        output.updated_at,
        Some(DateTime::from_secs_and_nanos(
            1723486850 - 3600,
            250_000_000
        ))
    );
    assert_eq!(output.expires_at, Some(DateTime::from_secs(1723486850)));
    let written = String::from_utf8(fixture_examples::json::to_vec(&output).unwrap()).unwrap();
    assert_eq!(
        written,
        r#"{"CreatedAt":1723486850.25,"UpdatedAt":"2024-08-12T17:20:50.25Z","ExpiresAt":"Mon, 12 Aug 2024 18:20:50 GMT","Ratio":0.5}"#
    );
}

#[test]
fn a_date_time_member_is_written_as_rfc3339() {
    let input = GetReadingInput::builder()
        .at(DateTime::from_secs(0))
        .since(DateTime::from_secs(1))
        .ratio(0.25f32)
        .build()
        .unwrap();
    let request = get_reading::request(&input).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"At":0,"Since":"1970-01-01T00:00:01Z","Ratio":0.25}"#
    );
}
