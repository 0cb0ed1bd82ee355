//! Enums keep unknown values, and convert both ways.

use std::str::FromStr;

use fixture_enums::operation::paint::PaintOutput;
use fixture_enums::types::{Color, Priority};

#[test]
fn known_values_convert_both_ways() {
    assert_eq!(Color::from("green"), Color::Green);
    assert_eq!(Color::Green.as_str(), "green");
    assert_eq!(Color::from("UNKNOWN"), Color::UnknownValue);
    assert_eq!(
        Color::values(),
        ["RED", "green", "DARK_BLUE", "MAUVE", "UNKNOWN"]
    );
    assert_eq!(Color::from_str("DARK_BLUE"), Ok(Color::DarkBlue));
    assert_eq!(Color::DarkBlue.to_string(), "DARK_BLUE");
    #[allow(deprecated)]
    let mauve = Color::Mauve;
    assert_eq!(mauve.as_str(), "MAUVE");
}

#[test]
fn unknown_values_come_back_unchanged() {
    let color = Color::from("ULTRAVIOLET");
    assert!(matches!(color, Color::Unknown(_)));
    assert_eq!(color.as_str(), "ULTRAVIOLET");
    assert_eq!(color.to_string(), "ULTRAVIOLET");
    // Case matters on the wire: "GREEN" is not "green".
    assert_eq!(Color::from("GREEN").as_str(), "GREEN");
    assert!(matches!(Color::from("GREEN"), Color::Unknown(_)));
}

#[test]
fn int_enums_keep_unknown_values() {
    assert_eq!(Priority::from(10), Priority::High);
    assert_eq!(Priority::from(-1), Priority::Negative);
    assert_eq!(Priority::High.value(), 10);
    assert_eq!(Priority::values(), [1, 10, -1]);
    let unknown = Priority::from(7);
    assert!(matches!(unknown, Priority::Unknown(_)));
    assert_eq!(unknown.value(), 7);
    assert_eq!(unknown.to_string(), "7");
}

#[test]
fn enum_keys_and_required_int_enums() {
    let output = PaintOutput::builder()
        .counts_by_color(Color::Red, 2)
        .counts_by_color(Color::from("NEW"), 1)
        .priority(Priority::Low)
        .build()
        .expect("priority is set");
    let counts = output.counts_by_color.expect("set");
    assert_eq!(counts[&Color::Red], 2);
    assert_eq!(counts[&Color::from("NEW")], 1);
    let _: Priority = output.priority;
    let missing = PaintOutput::builder().build().unwrap_err();
    assert_eq!(
        missing.to_string(),
        "PaintOutput: required member `priority` (Priority) is not set"
    );
}

mod json {
    use fixture_enums::json::{from_slice, to_vec};
    use fixture_enums::operation::paint::PaintOutput;

    #[test]
    fn unknown_values_round_trip_byte_for_byte() {
        // A map is written in key order: an enum key's wire value, known or not.
        let body = br#"{"Colors":["RED","ULTRAVIOLET","green"],"CountsByColor":{"PLAID":2,"RED":1},"Priority":7}"#;
        let out: PaintOutput = from_slice(body).unwrap();
        assert_eq!(out.priority.value(), 7);
        assert_eq!(to_vec(&out).unwrap(), body);
    }

    #[test]
    fn enum_values_must_be_strings() {
        let e = from_slice::<PaintOutput>(br#"{"Colors":[1]}"#).unwrap_err();
        assert_eq!(e.path(), "Colors[0]");
        assert_eq!(e.message(), "expected string, got number");
    }
}

/// Enums sort by their value on the wire, not by variant: a value a model update adds (or
/// one this release does not know) takes its place among the others, and no existing order
/// changes.
#[test]
fn enums_sort_by_wire_value() {
    let mut colors = [
        Color::from("green"),
        Color::from("ULTRAVIOLET"),
        Color::Red,
        Color::DarkBlue,
        Color::from("AMBER"),
    ];
    colors.sort();
    let sorted: Vec<&str> = colors.iter().map(Color::as_str).collect();
    assert_eq!(
        sorted,
        ["AMBER", "DARK_BLUE", "RED", "ULTRAVIOLET", "green"]
    );

    let mut priorities = [
        Priority::High,
        Priority::from(5),
        Priority::Negative,
        Priority::Low,
    ];
    priorities.sort();
    let values: Vec<i32> = priorities.iter().map(Priority::value).collect();
    assert_eq!(values, [-1, 1, 5, 10]);
}
