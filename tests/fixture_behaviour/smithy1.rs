//! Smithy IDL 1.0 idioms read as their 2.0 forms: unboxed primitives are never null and default
//! to zero, boxed ones are optional, a `set` is a list, `@enum` strings are enums.

use fixture_smithy1::operation::record::{self, RecordInput, RecordOutput};
use fixture_smithy1::types::Region;

#[test]
fn unboxed_primitives_default_to_zero_and_boxed_ones_are_optional() {
    let output: RecordOutput = fixture_smithy1::json::from_slice(b"{}").unwrap();
    assert_eq!((output.count, output.total, output.enabled), (0, 0, false));
    assert_eq!(
        (output.maybe_count, output.average, output.r#override),
        (None, None, None)
    );
    let output: RecordOutput = fixture_smithy1::json::from_slice(
        br#"{"Count":3,"MaybeCount":4,"Total":5,"Average":1.5,"Enabled":true,"Override":6,"Region":"eu-west-1"}"#,
    )
    .unwrap();
    assert_eq!(
        (output.count, output.maybe_count, output.total),
        (3, Some(4), 5)
    );
    assert_eq!(
        (output.average, output.enabled, output.r#override),
        (Some(1.5), true, Some(6))
    );
    assert_eq!(output.region, Some(Region::EuWest1));
}

#[test]
fn enum_strings_and_sets() {
    assert_eq!(Region::from("us-east-1"), Region::UsEast1);
    assert_eq!(Region::values(), ["us-east-1", "eu-west-1", "ap-south-1"]);
    let input = RecordInput::builder()
        .region(Region::UsEast1)
        .tags("a")
        .tags("b")
        .build()
        .unwrap();
    let request = record::request(&input).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"Region":"us-east-1","Tags":["a","b"]}"#
    );
}
