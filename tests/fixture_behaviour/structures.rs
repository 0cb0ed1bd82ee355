//! Field types follow the nullability rule; builders check required members.

use fixture_structures::types::{PutThingInput, Thing};

#[test]
fn field_types_follow_nullability() {
    let thing = Thing::builder().required_id("r").client_optional_id("c").build().expect("required set");
    let _: &String = &thing.required_id; // @required alone: a plain value
    let _: &Option<String> = &thing.client_optional_id; // @required + @clientOptional
    let _: i64 = thing.size; // @default(0)
    let _: &Option<String> = &thing.label; // @addedDefault keeps it optional
    assert_eq!(thing.size, 0);
    assert_eq!(thing.label, None);
}

#[test]
fn builders_report_the_missing_member() {
    let err = Thing::builder().client_optional_id("c").build().unwrap_err();
    assert_eq!(err.to_string(), "Thing: required member `required_id` (RequiredId) is not set");
    let err = Thing::builder().required_id("r").build().unwrap_err();
    assert_eq!(err.member(), "ClientOptionalId");
    let err = PutThingInput::builder().count(4).build().unwrap_err();
    assert_eq!(err.to_string(), "PutThingInput: required member `name` (Name) is not set");
    let input = PutThingInput::builder().name("n").build().expect("name set");
    assert_eq!(input.count, None, "@input: the default is not filled in by the client");
    assert_eq!(input.name.as_deref(), Some("n"));
}

#[test]
fn setters_getters_and_clearing() {
    let builder = PutThingInput::builder().name("a").set_name(None);
    assert_eq!(builder.get_name(), &None);
    let builder = builder.set_name(Some("b".to_owned()));
    assert_eq!(builder.get_name().as_deref(), Some("b"));
}
