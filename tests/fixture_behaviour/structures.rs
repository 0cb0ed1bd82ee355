//! Field types follow the nullability rule; builders check required members.

use fixture_structures::operation::put_thing::PutThingInput;
use fixture_structures::types::Thing;

#[test]
fn field_types_follow_nullability() {
    let thing = Thing::builder()
        .required_id("r")
        .client_optional_id("c")
        .build()
        .expect("required set");
    let _: &String = &thing.required_id; // @required alone: a plain value
    let _: &Option<String> = &thing.client_optional_id; // @required + @clientOptional
    let _: i64 = thing.size; // @default(0)
    let _: &Option<String> = &thing.label; // @addedDefault keeps it optional
    assert_eq!(thing.size, 0);
    assert_eq!(thing.label, None);
}

#[test]
fn build_fails_only_for_a_member_with_no_value_unless_set() {
    // `RequiredId` is required and not `@clientOptional`: its field is a plain `String`, so
    // the builder cannot make one up.
    let err = Thing::builder()
        .client_optional_id("c")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Thing: required member `required_id` (RequiredId) is not set"
    );
    assert_eq!(err.member(), "RequiredId");
    // A required `@clientOptional` member is optional in Rust, and `build()` leaves
    // `@required` to the service (and to `validate()`).
    let thing = Thing::builder().required_id("r").build().unwrap();
    assert_eq!(thing.client_optional_id(), None);
    let input = PutThingInput::builder().count(4).build().unwrap();
    assert_eq!(input.name(), None);
    let input = PutThingInput::builder()
        .name("n")
        .build()
        .expect("name set");
    assert_eq!(
        input.count, None,
        "@input: the default is not filled in by the client"
    );
    assert_eq!(input.name(), Some("n"));
}

#[test]
fn getters_borrow_and_copy() {
    let thing = Thing::builder()
        .required_id("r")
        .string_value("s")
        .integer_value(3)
        .boolean_value(true)
        .build()
        .unwrap();
    let id: &str = thing.required_id();
    let size: i64 = thing.size();
    let s: Option<&str> = thing.string_value();
    let n: Option<i32> = thing.integer_value();
    let b: Option<bool> = thing.boolean_value();
    assert_eq!(
        (id, size, s, n, b),
        ("r", 0, Some("s"), Some(3), Some(true))
    );
    assert_eq!(thing.nested(), None);
    assert_eq!(thing.timestamp_value(), None);
}

#[test]
fn setters_getters_and_clearing() {
    let builder = PutThingInput::builder().name("a").set_name(None);
    assert_eq!(builder.get_name(), &None);
    let builder = builder.set_name(Some("b".to_owned()));
    assert_eq!(builder.get_name().as_deref(), Some("b"));
}

mod json {
    use fixture_structures::json::{from_slice, to_vec};
    use fixture_structures::operation::put_thing::PutThingOutput;
    use fixture_structures::primitives::DateTime;
    use fixture_structures::types::Thing;

    #[test]
    fn responses_are_read_leniently_but_never_wrongly() {
        let thing: Thing = from_slice(br#"{"Unknown":{"a":[1,{"b":null}]},"StringValue":null,"TimestampValue":1617954808.068}"#).unwrap();
        assert_eq!(
            (thing.required_id.as_str(), thing.size, thing.string_value),
            ("", 0, None)
        );
        assert_eq!(
            thing.timestamp_value,
            Some(DateTime::from_secs_and_nanos(1617954808, 68_000_000))
        );
        let e = from_slice::<PutThingOutput>(br#"{"Thing":{"Nested":{"Note":1}}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Thing.Nested.Note: expected string, got number (line 1, column 28)"
        );
        let e = from_slice::<PutThingOutput>(br#"{"Thing":{"ByteValue":128}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Thing.ByteValue: 128 does not fit in an 8-bit integer (line 1, column 23)"
        );
        assert!(from_slice::<PutThingOutput>(br#"{"Thing":{}} trailing"#).is_err());
    }

    #[test]
    fn zeros_and_empties_are_written_none_is_not() {
        let thing = Thing::builder()
            .required_id("")
            .client_optional_id("c")
            .boolean_value(false)
            .integer_value(0)
            .string_value("")
            .double_value(f64::INFINITY)
            .build()
            .unwrap();
        assert_eq!(
            String::from_utf8(to_vec(&thing).unwrap()).unwrap(),
            r#"{"BooleanValue":false,"StringValue":"","IntegerValue":0,"DoubleValue":"Infinity","RequiredId":"","ClientOptionalId":"c","Size":0}"#
        );
    }
}
