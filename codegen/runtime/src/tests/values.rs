//! Tests of `values`.

use crate::values::*;

#[test]
fn unknown_values_keep_what_was_received() {
    assert_eq!(UnknownEnumValue::new("ARCHIVED").as_str(), "ARCHIVED");
    assert_eq!(UnknownEnumValue::new("ARCHIVED").to_string(), "ARCHIVED");
    assert_eq!(UnknownIntEnumValue::new(-7).value(), -7);
}

#[test]
fn build_error_names_the_member() {
    let e = BuildError::missing_member("CopyBackupInput", "source_backup_id", "SourceBackupId");
    assert_eq!(
        e.to_string(),
        "CopyBackupInput: required member `source_backup_id` (SourceBackupId) is not set"
    );
}

/// A string enum as generated code declares one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Colour {
    Red,
    DarkBlue,
    Unknown(crate::values::UnknownEnumValue),
}

crate::runtime::values::enumeration!(string Colour { Red "RED", DarkBlue "DARK_BLUE" });

/// An intEnum as generated code declares one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Level {
    Low,
    Below,
    Unknown(crate::values::UnknownIntEnumValue),
}

crate::runtime::values::enumeration!(int Level { Low 1, Below -1 });

#[test]
fn enums_convert_from_and_to_their_wire_values_keeping_unknown_ones() {
    assert_eq!(Colour::from("DARK_BLUE"), Colour::DarkBlue);
    assert_eq!(Colour::DarkBlue.as_str(), "DARK_BLUE");
    let teal: Colour = "TEAL".parse().unwrap();
    assert_eq!(teal.as_str(), "TEAL");
    assert_eq!(teal.to_string(), "TEAL");
    assert_eq!(teal.as_ref(), "TEAL");
    assert_eq!(Colour::values(), ["RED", "DARK_BLUE"]);
    // Ordered by wire value, unknown ones among them.
    let mut sorted = vec![Colour::Red, teal.clone(), Colour::DarkBlue];
    sorted.sort();
    assert_eq!(sorted, [Colour::DarkBlue, Colour::Red, teal]);

    assert_eq!(Level::from(-1), Level::Below);
    assert_eq!(Level::Low.value(), 1);
    assert_eq!(Level::from(7).value(), 7);
    assert_eq!(Level::from(7).to_string(), "7");
    assert_eq!(Level::values(), [1, -1]);
    assert!(Level::Below < Level::Low && Level::Low < Level::from(7));
}
