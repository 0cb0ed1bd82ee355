//! `validate()` reports every violation of `@required`, `@length`, `@range` and `@pattern`,
//! nested ones too, with the member's path, and never shows a `@sensitive` value; nothing else
//! enforces constraints.

use fixture_constraints::error::{RangeValue, ValidationError, ViolationKind};
use fixture_constraints::operation::configure::{self, ConfigureInput};
use fixture_constraints::primitives::Blob;
use fixture_constraints::types::{Choice, Level, Node, OneChecked, Tag};

/// An input that satisfies every constraint.
fn valid() -> fixture_constraints::operation::configure::builders::ConfigureInputBuilder {
    ConfigureInput::builder()
        .name("abc")
        .count(1)
        .ratio(1.0)
        .small(-2)
        .huge(9_007_199_254_740_993)
        .data(Blob::new(*b"1234"))
        .tags(Tag::builder().key("k").build().unwrap())
        .ids("ab")
        .maybe(None)
        .labels("abc", 0)
        .secret("12345678")
        .secret_labels("any key", "1234")
        .choice(Choice::Text("ab".into()))
        .no_lookahead("xyz")
        .word("été")
        .chain(
            Node::builder()
                .value("a")
                .next(Node::builder().value("b").build())
                .build(),
        )
        .level(Level::Low)
        .one(OneChecked::Only("ab".into()))
}

fn violations(input: &ConfigureInput) -> Vec<(String, String)> {
    let err: ValidationError = input.validate().unwrap_err();
    assert_eq!(err.shape(), "ConfigureInput");
    err.violations()
        .iter()
        .map(|v| (v.path().to_owned(), v.kind().to_string()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(p, k)| ((*p).to_owned(), (*k).to_owned()))
        .collect()
}

#[test]
fn a_valid_input_passes_at_every_bound() {
    assert_eq!(valid().build().unwrap().validate(), Ok(()));
    // Lengths count characters, not bytes: "été" is 3 (5 bytes) against a maximum of 3.
    // A member with a `@default` needs no value; unset optional members are not checked.
    assert_eq!(
        ConfigureInput::builder()
            .name("abc")
            .build()
            .unwrap()
            .validate(),
        Ok(())
    );
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let input = valid()
        .set_name(None)
        .count(6)
        .ratio(f64::NAN)
        .small(3)
        .huge(9_007_199_254_740_994)
        .data(Blob::new(*b"12345"))
        .tags(Tag::builder().key("").build().unwrap())
        .tags(Tag::builder().key("toolong").build().unwrap())
        .ids("a")
        .labels("TOOLONG", -1)
        .choice(Choice::Number(10))
        .word("four")
        .chain(
            Node::builder()
                .value("a")
                .next(Node::builder().value("bc").build())
                .build(),
        )
        .level(Level::Highest)
        .one(OneChecked::Only("abc".into()))
        .build()
        .unwrap();
    let mut expected = vec![
        ("Name", "required, but not set"),
        ("Count", "6 is not between 1 and 5"),
        ("Ratio", "NaN is not between 0 and 1"),
        // `@range(min: -2.5, max: 2.5)` on a byte: the bounds round inwards.
        ("Small", "3 is not between -2 and 2"),
        // An integer bound is exact, even beyond 2^53.
        ("Huge", "9007199254740994 is not at most 9007199254740993"),
        ("Data", "length 5 is not at most 4"),
        ("Tags", "length 3 is not between 1 and 2"),
        ("Tags[1].Key", "length 0 is not between 1 and 5"),
        ("Tags[2].Key", "length 7 is not between 1 and 5"),
        ("Ids[1]", "length 1 is not at least 2"),
        (r#"Labels["TOOLONG"]"#, "length 7 is not at most 3"),
    ];
    if cfg!(feature = "validate-patterns") {
        expected.push((
            r#"Labels["TOOLONG"]"#,
            "does not match the pattern ^[a-z]+$",
        ));
    }
    expected.extend([
        (r#"Labels["TOOLONG"]"#, "-1 is not at least 0"),
        ("Choice.Number", "10 is not at most 9"),
        ("Word", "length 4 is not at most 3"),
        ("Chain.Next.Value", "length 2 is not at most 1"),
        ("Level", "length 7 is not at most 4"),
        // A union with one constrained member.
        ("One.Only", "length 3 is not at most 2"),
    ]);
    assert_eq!(violations(&input), pairs(&expected));
}

#[test]
fn patterns_are_checked_with_the_feature() {
    let input = valid()
        .name("ABC")
        .maybe("abc".to_owned())
        .maybe("Abc".to_owned())
        .build()
        .unwrap();
    if cfg!(feature = "validate-patterns") {
        assert_eq!(
            violations(&input),
            pairs(&[
                ("Name", "does not match the pattern ^[a-z]+$"),
                ("Maybe[2]", "does not match the pattern ^[a-z]+$"),
            ])
        );
        let err = input.validate().unwrap_err();
        assert_eq!(
            err.violations()[0].kind(),
            &ViolationKind::Pattern {
                pattern: "^[a-z]+$"
            }
        );
    } else {
        assert_eq!(input.validate(), Ok(()));
    }
    // A look-ahead is beyond the regex crate: documented, never checked.
    assert_eq!(
        valid().no_lookahead("x").build().unwrap().validate(),
        Ok(())
    );
}

#[test]
fn sensitive_values_never_show() {
    let input = valid()
        .secret("short")
        .secret_labels("password-hint", "toolong")
        .build()
        .unwrap();
    let err = input.validate().unwrap_err();
    assert_eq!(
        violations(&input),
        pairs(&[
            ("Secret", "length is not at least 8"),
            ("SecretLabels[*]", "length is not at most 4"),
        ])
    );
    assert_eq!(
        err.violations()[0].kind(),
        &ViolationKind::Length {
            min: Some(8),
            max: None,
            actual: None
        }
    );
    let text = format!("{err} {err:?}");
    for secret in ["short", "toolong", "password-hint", "5", "7"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[test]
fn the_error_reads_well() {
    let input = valid().set_name(None).count(0).build().unwrap();
    let err = input.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "ConfigureInput is invalid (2 problems): Name: required, but not set; Count: 0 is not between 1 and 5"
    );
    assert_eq!(
        err.violations()[1].kind(),
        &ViolationKind::Range {
            min: Some(RangeValue::Int(1)),
            max: Some(RangeValue::Int(5)),
            actual: Some(RangeValue::Int(0))
        }
    );
    let _: &dyn std::error::Error = &err;
}

#[test]
fn nothing_but_validate_enforces_constraints() {
    // An invalid input builds, and becomes a request, as the service may accept it by now.
    let input = ConfigureInput::builder().count(99).build().unwrap();
    assert!(input.validate().is_err());
    let request = configure::request(&input).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"Count":99}"#
    );
    // Outputs are never checked: what the service sends is read as it is.
    let output = configure::response(
        http::StatusCode::OK,
        &http::HeaderMap::new(),
        br#"{"Name":"NOT-A-NAME"}"#,
    )
    .unwrap();
    assert_eq!(output.name(), "NOT-A-NAME");
}
