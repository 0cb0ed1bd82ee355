//! The naming obstacle course compiles and is usable: keyword fields, shapes named like std
//! types, a member called `build`, renamed shapes.

use fixture_naming::operation::r#type::TypeInput;
use fixture_naming::types::{Choice, Direction, Kind, OtherWidget, SelfValue, Widget};

#[test]
fn keyword_and_prelude_names_are_usable() {
    let input = TypeInput::builder()
        .r#type("t")
        .self_("s")
        .crate_("c")
        .super_("su")
        .r#async("a")
        .r#fn("f")
        .build_value("b")
        .builder("bu")
        .some("x")
        .ok("y")
        .self_ref(SelfValue::builder().value("v").build())
        .widget(Widget::builder().id("w").build())
        .other_widget(OtherWidget::builder().id(7).build())
        .kind(Kind::SelfValue)
        .choice(Choice::Type(1))
        .default_value("d")
        .build()
        .unwrap();
    assert_eq!(input.r#type(), Some("t"));
    assert_eq!(input.build(), Some("b"));
    assert_eq!(input.self_(), Some("s"));
    assert_eq!(input.builder_value(), Some("bu"));
    // Trait methods keep their meaning: the `default` member's getter is `default_value()`.
    assert_eq!(input.default_value(), Some("d"));
    assert_eq!(input.clone(), input);
    assert_eq!(TypeInput::default().default_value(), None);
    assert_eq!(input.other_widget().and_then(|w| w.id()), Some(7));
    assert_eq!(input.kind(), Some(&Kind::SelfValue));
    let result: fixture_naming::types::Result = Default::default();
    let option: fixture_naming::types::Option = Default::default();
    assert_eq!((result.ok, option.some), (None, None));
}

#[test]
fn enum_variant_names() {
    assert_eq!(Kind::from("self"), Kind::SelfValue);
    assert_eq!(Kind::from("unknown"), Kind::UnknownValue);
    assert_eq!(Kind::from("1"), Kind::V1);
    assert!(matches!(Kind::from("nope"), Kind::Unknown(_)));
    assert!(Choice::SelfValue.is_self_value());
    assert!(Choice::UnknownValue("x".into()).is_unknown_value());
}

/// An operation's input and output live in its module, so model shapes with the same names
/// (`TestConnectionInput`, `TestConnectionOutput`) stay in `types` beside them.
#[test]
fn operation_inputs_and_outputs_never_collide_with_model_shapes() {
    use fixture_naming::operation::test_connection;
    use fixture_naming::types::{TestConnectionInput, TestConnectionOutput};

    let input = test_connection::TestConnectionInput::builder()
        .test_connection_input(TestConnectionInput::builder().name("db").build())
        ._1("one")
        .direction(Direction::Rtl)
        .build()
        .unwrap();
    assert_eq!(
        input
            .test_connection_input
            .as_ref()
            .and_then(|i| i.name.as_deref()),
        Some("db")
    );
    // A member named `_1`: `set_1`/`get_1`, not `set__1`.
    let builder = test_connection::builders::TestConnectionInputBuilder::default().set_1(None);
    assert_eq!(builder.get_1(), &None);
    let request = test_connection::request(&input).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        "{\"TestConnectionInput\":{\"Name\":\"db\"},\"_1\":\"one\",\"Direction\":\"\u{202e}rtl\"}"
    );

    let output = test_connection::response(
        http::StatusCode::OK,
        &http::HeaderMap::new(),
        br#"{"TestConnectionOutput":{"Status":"up"}}"#,
    )
    .unwrap();
    let status: Option<&TestConnectionOutput> = output.test_connection_output.as_ref();
    assert_eq!(status.and_then(|s| s.status.as_deref()), Some("up"));
}

/// An operation named `Mod` gets the module `mod_` (the file `operation/mod.rs` is the tree).
#[test]
fn an_operation_named_mod() {
    let input = fixture_naming::operation::mod_::ModInput::builder()
        .build()
        .unwrap();
    let request = fixture_naming::operation::mod_::request(&input).unwrap();
    assert_eq!(request.headers()["x-amz-target"], "NamingService.Mod");
}

/// Bidirectional control characters in enum values survive, escaped in the source.
#[test]
fn bidirectional_controls_in_enum_values() {
    assert_eq!(Direction::from("\u{202e}rtl"), Direction::Rtl);
    assert_eq!(Direction::Rtl.as_str(), "\u{202e}rtl");
}

/// Types named like what the generated (de)serializers and validation use (`Check`,
/// `JsonReader`, `SerializeJson`, …) are written, read and checked as any other: the crate
/// builds clippy-clean (no import for them, none left unused).
#[test]
fn types_named_like_the_generated_codes_own() {
    use fixture_naming::operation::inspect;
    use fixture_naming::types::{Check, JsonReader, SerializeJson};

    let input = inspect::InspectInput::builder()
        .check(Check::builder().value("long").build())
        .serialize_json(SerializeJson::builder().value("s").build())
        .build()
        .unwrap();
    let request = inspect::request(&input).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"Check":{"Value":"long"},"SerializeJson":{"Value":"s"}}"#
    );
    let error = input.validate().unwrap_err();
    assert_eq!(error.violations()[0].path(), "Check.Value");

    let output = inspect::response(
        http::StatusCode::OK,
        &http::HeaderMap::new(),
        br#"{"Reader":{"Value":"r"},"Check":{"Value":"c"}}"#,
    )
    .unwrap();
    let reader: Option<&JsonReader> = output.reader();
    assert_eq!(reader.and_then(|r| r.value()), Some("r"));
    assert_eq!(output.check().and_then(|c| c.value()), Some("c"));
}
