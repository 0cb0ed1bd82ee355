//! The naming obstacle course compiles and is usable: keyword fields, shapes named like std
//! types, a member called `build`, renamed shapes.

use fixture_naming::types::{Choice, Kind, OtherWidget, SelfValue, TypeInput, Widget};

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
        .build();
    assert_eq!(input.r#type.as_deref(), Some("t"));
    assert_eq!(input.build.as_deref(), Some("b"));
    assert_eq!(input.self_.as_deref(), Some("s"));
    assert_eq!(input.other_widget.and_then(|w| w.id), Some(7));
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
