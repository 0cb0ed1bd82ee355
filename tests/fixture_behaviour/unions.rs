//! Unions: one variant per member, boxed recursion, accessors.

use fixture_unions::operation::evaluate::EvaluateInput;
use fixture_unions::types::{Pair, Value};

#[test]
fn variants_and_accessors() {
    let value = Value::Negated(Box::new(Value::IntValue(3)));
    assert!(value.is_negated());
    assert_eq!(value.as_negated().map(|v| v.as_int_value()), Some(Some(&3)));
    assert!(Value::Nothing.is_nothing());
    assert!(!Value::Nothing.is_unknown());
    assert_eq!(
        Value::UnknownValue("u".into())
            .as_unknown_value()
            .map(String::as_str),
        Some("u")
    );
    let pair = Pair::builder()
        .left(Value::StringValue("l".into()))
        .right(Value::Nothing)
        .build();
    // `Pair` and `Value` contain each other inline, so both edges are boxed.
    assert_eq!(pair.left, Some(Box::new(Value::StringValue("l".into()))));
    let input = EvaluateInput::builder()
        .value(Value::Pair(Box::new(pair)))
        .build()
        .expect("value set");
    assert!(input.value.expect("set").is_pair());
    // `build()` leaves the required `Value` to the service (and to `validate()`).
    assert_eq!(EvaluateInput::builder().build().unwrap().value(), None);
}

#[test]
fn sensitive_variant_is_redacted() {
    let text = format!("{:?}", Value::Secret("hunter2".into()));
    assert!(!text.contains("hunter2"), "{text}");
}

mod json {
    use fixture_unions::json::{from_slice, to_vec};
    use fixture_unions::operation::evaluate::EvaluateOutput;
    use fixture_unions::types::Value;

    fn read(json: &str) -> Result<Value, String> {
        from_slice::<Value>(json.as_bytes()).map_err(|e| e.to_string())
    }

    #[test]
    fn single_key_objects() {
        assert_eq!(
            read(r#"{"StringValue":"a"}"#),
            Ok(Value::StringValue("a".into()))
        );
        assert_eq!(
            read(r#"{"__type":"fixture.unions#Value","IntValue":3}"#),
            Ok(Value::IntValue(3))
        );
        assert_eq!(
            read(r#"{"StringValue":null,"IntValue":1}"#),
            Ok(Value::IntValue(1))
        );
        assert_eq!(read(r#"{"Nothing":{}}"#), Ok(Value::Nothing));
        assert_eq!(to_vec(&Value::Nothing).unwrap(), br#"{"Nothing":{}}"#);
        let nested = Value::Negated(Box::new(Value::ListValue(vec!["x".into()])));
        assert_eq!(
            to_vec(&nested).unwrap(),
            br#"{"Negated":{"ListValue":["x"]}}"#
        );
        assert_eq!(read(r#"{"Negated":{"ListValue":["x"]}}"#), Ok(nested));
    }

    #[test]
    fn unknown_members_and_bad_unions() {
        // Only the crate makes `Unknown` (it is `#[non_exhaustive]`): from a member it does not know.
        let unknown = read(r#"{"NewMember":{"deep":[1,2]}}"#).unwrap();
        assert!(unknown.is_unknown());
        assert_eq!(
            to_vec(&unknown).unwrap_err().to_string(),
            "cannot serialize a member of union Value this crate does not know"
        );
        assert_eq!(
            read(r#"{"IntValue":1,"StringValue":"b"}"#),
            Err("union Value has more than one member set (line 1, column 32)".into())
        );
        assert_eq!(
            read("{}"),
            Err("union Value has no member set (line 1, column 3)".into())
        );
        assert_eq!(
            read(r#"{"IntValue":"1"}"#),
            Err("IntValue: expected integer, got string (line 1, column 13)".into())
        );
        let output =
            from_slice::<EvaluateOutput>(br#"{"Result":{"Pair":{"Left":{"IntValue":true}}}}"#)
                .unwrap_err();
        assert_eq!(output.path(), "Result.Pair.Left.IntValue");
        assert_eq!(output.message(), "expected integer, got boolean");
    }
}
