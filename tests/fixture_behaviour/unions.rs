//! Unions: one variant per member, boxed recursion, accessors.

use fixture_unions::types::{EvaluateInput, Pair, Value};

#[test]
fn variants_and_accessors() {
    let value = Value::Negated(Box::new(Value::IntValue(3)));
    assert!(value.is_negated());
    assert_eq!(value.as_negated().map(|v| v.as_int_value()), Some(Some(&3)));
    assert!(Value::Nothing.is_nothing());
    assert!(!Value::Nothing.is_unknown());
    assert_eq!(Value::UnknownValue("u".into()).as_unknown_value().map(String::as_str), Some("u"));
    let pair = Pair::builder().left(Value::StringValue("l".into())).right(Value::Nothing).build();
    // `Pair` and `Value` contain each other inline, so both edges are boxed.
    assert_eq!(pair.left, Some(Box::new(Value::StringValue("l".into()))));
    let input = EvaluateInput::builder().value(Value::Pair(Box::new(pair))).build().expect("value set");
    assert!(input.value.expect("set").is_pair());
    assert!(EvaluateInput::builder().build().is_err());
}

#[test]
fn sensitive_variant_is_redacted() {
    let text = format!("{:?}", Value::Secret("hunter2".into()));
    assert!(!text.contains("hunter2"), "{text}");
}
