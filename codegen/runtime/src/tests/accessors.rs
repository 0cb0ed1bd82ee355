//! Tests of `accessors`: the methods the macros write behave as the SDK's builders' do.

#![allow(dead_code)] // The macros write every accessor; the tests call the ones they check.

use std::collections::BTreeMap;

/// A builder as generated code declares one, with every kind of member.
#[derive(Clone, Debug, Default, PartialEq)]
struct ThingBuilder {
    name: Option<String>,
    size: Option<i64>,
    inner: Option<Box<ThingBuilder>>,
    tags: Option<Vec<String>>,
    counts: Option<Vec<i32>>,
    labels: Option<BTreeMap<String, i64>>,
    r#type: Option<String>,
}

#[allow(deprecated)]
impl ThingBuilder {
    crate::runtime::accessors::value!(into name name set_name get_name "Name": String, "The name.");
    crate::runtime::accessors::value!(plain size size set_size get_size "Size": i64, "");
    crate::runtime::accessors::value!(boxed inner inner set_inner get_inner "Inner": ThingBuilder, "");
    crate::runtime::accessors::element!(into tags tags set_tags get_tags "Tags": String, "");
    crate::runtime::accessors::element!(plain counts counts set_counts get_counts "Counts": i32, "");
    crate::runtime::accessors::entry!(
        into plain labels label set_labels get_labels "Labels": String, i64, "Two\n\nparagraphs."
    );
    crate::runtime::accessors::value!(
        #[deprecated(note = "gone")] into r#type type_value set_type get_type "Type": String, ""
    );
}

/// A fluent builder holding the builder above.
#[derive(Debug, Default)]
struct Fluent {
    inner: ThingBuilder,
}

// As generated code writes them: every accessor in one `methods!` call.
#[allow(deprecated)]
impl Fluent {
    crate::runtime::accessors::methods! {
        link "ThingBuilder";
        fluent(value into name set_name get_name "Name" "name": String);
        fluent(value plain size set_size get_size "Size" "size": i64);
        fluent(element into tags set_tags get_tags "Tags" "tags": String);
        fluent(entry into plain label set_labels get_labels "Labels" "label": String, i64);
        fluent(
            #[deprecated(note = "gone")]
            value into type_value set_type get_type "Type" "type_value": String
        );
    }
}

#[test]
fn setters_convert_append_and_add() {
    let b = ThingBuilder::default()
        .name("n")
        .size(10_000_000_000)
        .inner(ThingBuilder::default().name("inner"))
        .tags("a")
        .tags(String::from("b"))
        .counts(1)
        .counts(2)
        .label("x", 1)
        .label("y", 2);
    assert_eq!(b.get_name().as_deref(), Some("n"));
    assert_eq!(b.get_size(), &Some(10_000_000_000));
    assert_eq!(
        b.get_inner().as_ref().unwrap().get_name().as_deref(),
        Some("inner")
    );
    assert_eq!(b.get_tags(), &Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(b.get_counts(), &Some(vec![1, 2]));
    let labels = b.get_labels().as_ref().unwrap();
    assert_eq!((labels["x"], labels["y"]), (1, 2));
}

#[test]
fn set_replaces_or_clears_the_whole_value() {
    let b = ThingBuilder::default()
        .tags("a")
        .set_tags(Some(vec!["z".to_owned()]));
    assert_eq!(b.get_tags(), &Some(vec!["z".to_owned()]));
    let b = b.tags("y");
    assert_eq!(b.get_tags(), &Some(vec!["z".to_owned(), "y".to_owned()]));
    let b = b.set_tags(None).set_name(Some("m".into())).set_name(None);
    assert_eq!((b.get_tags(), b.get_name()), (&None, &None));
    let b = b
        .set_inner(Some(Box::default()))
        .set_labels(Some(BTreeMap::new()));
    assert_eq!(b.get_inner(), &Some(Box::default()));
    assert_eq!(b.get_labels(), &Some(BTreeMap::new()));
    #[allow(deprecated)]
    let b = b.type_value("t");
    assert_eq!(b.r#type.as_deref(), Some("t"));
}

#[test]
fn fluent_accessors_pass_to_the_builder() {
    #[allow(deprecated)]
    let f = Fluent::default()
        .name("n")
        .size(3)
        .tags("a")
        .tags("b")
        .label("k", 7)
        .type_value("t");
    let expected = ThingBuilder::default()
        .name("n")
        .size(3)
        .tags("a")
        .tags("b")
        .label("k", 7);
    #[allow(deprecated)]
    let expected = expected.type_value("t");
    assert_eq!(f.inner, expected);
    assert_eq!(f.get_name().as_deref(), Some("n"));
    #[allow(deprecated)]
    let t = f.get_type().clone();
    assert_eq!(t.as_deref(), Some("t"));
    let f = f.set_size(None).set_tags(Some(vec![])).set_labels(None);
    assert_eq!(
        (f.get_size(), f.get_tags(), f.get_labels()),
        (&None, &Some(vec![]), &None)
    );
}

/// What a builder builds, with a field of each kind `build!` takes.
#[derive(Debug, PartialEq)]
struct Built {
    name: Option<String>,
    size: i64,
    counts: Vec<i32>,
    r#type: String,
    tags: Vec<String>,
    meta: u8,
}

impl Built {
    crate::runtime::accessors::builder_fn!(tests::accessors::ThingBuilder);
}

impl ThingBuilder {
    fn build(self) -> Result<Built, crate::values::BuildError> {
        Ok(
            crate::runtime::accessors::build!(self, tests::accessors::Built {
                name,
                size = default,
                counts = or(vec![7]),
                r#type = or_else(String::from("t")),
                tags = required("Thing", "tags", "Tags"),
                meta = new,
            }),
        )
    }
}

#[test]
fn build_fills_defaults_and_fails_on_missing_required_members() {
    let built = Built::builder().name("n").tags("x").build().unwrap();
    assert_eq!(
        built,
        Built {
            name: Some("n".into()),
            size: 0,
            counts: vec![7],
            r#type: "t".into(),
            tags: vec!["x".into()],
            meta: 0,
        }
    );
    let built = ThingBuilder::default().tags("x").counts(1).build().unwrap();
    assert_eq!(built.counts, [1]);
    let error = ThingBuilder::default().build().unwrap_err();
    assert!(error.to_string().contains("Tags"), "{error}");
}
