//! Collections map to `Vec`/`BTreeMap`; sparse ones hold `Option`s.

use std::collections::BTreeMap;

use fixture_collections::operation::collect::CollectOutput;
use fixture_collections::types::Kind;

#[test]
fn collection_types() {
    let output = CollectOutput::builder()
        .sparse_strings("a".to_owned())
        .sparse_strings(None)
        .sparse_counts("x", None)
        .sparse_counts("y", Some(1))
        .lists_by_kind(Kind::Large, vec!["l".to_owned()])
        .nested(vec!["n".to_owned()])
        .set_required_strings(Some(vec![]))
        .build()
        .expect("required strings set");
    assert_eq!(output.sparse_strings.as_ref().map(Vec::len), Some(2));
    let _: Vec<String> = output.required_strings;
    let _: BTreeMap<String, i32> = output.defaulted_counts;
    assert_eq!(output.lists_by_kind.expect("set")[&Kind::Large], ["l"]);
}

#[test]
fn setters_append_and_insert_getters_borrow() {
    let builder = CollectOutput::builder()
        .strings("a")
        .strings("b")
        .counts("x", 1)
        .counts("y", 2)
        .counts("x", 3);
    assert_eq!(
        builder.get_strings().as_deref(),
        Some(&["a".to_owned(), "b".to_owned()][..])
    );
    let output = builder
        .set_required_strings(Some(vec!["r".to_owned()]))
        .build()
        .unwrap();
    // Lists read as slices, empty when unset; maps as `Option<&BTreeMap>`.
    let strings: &[String] = output.strings();
    assert_eq!(strings, ["a", "b"]);
    assert!(output.nested().is_empty());
    assert_eq!(output.sparse_strings(), &[] as &[Option<String>]);
    let counts: Option<&BTreeMap<String, i32>> = output.counts();
    assert_eq!(
        counts,
        Some(&BTreeMap::from([("x".to_owned(), 3), ("y".to_owned(), 2)]))
    );
    assert_eq!(output.sparse_counts(), None);
    // Members that are never `None` read as they are.
    assert_eq!(output.required_strings(), ["r"]);
    assert!(output.defaulted_counts().is_empty());
    // `set_` replaces the whole collection, or clears it.
    let replaced = CollectOutput::builder()
        .strings("gone")
        .set_strings(Some(vec!["kept".to_owned()]))
        .counts("gone", 1)
        .set_counts(None)
        .set_required_strings(Some(vec![]))
        .build()
        .unwrap();
    assert_eq!(replaced.strings(), ["kept"]);
    assert_eq!(replaced.counts, None);
}

mod json {
    use fixture_collections::json::{from_slice, to_vec};
    use fixture_collections::operation::collect::CollectOutput;
    use fixture_collections::types::Kind;

    #[test]
    fn sparse_keeps_nulls_dense_drops_them() {
        let out: CollectOutput =
            from_slice(br#"{"Strings":["a",null,"b"],"SparseStrings":["a",null],"Counts":{"x":1,"y":null},"SparseCounts":{"x":null}}"#).unwrap();
        assert_eq!(out.strings, Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(out.sparse_strings, Some(vec![Some("a".to_owned()), None]));
        assert_eq!(out.counts.as_ref().map(|c| c.len()), Some(1));
        assert_eq!(
            out.sparse_counts.as_ref().map(|c| c.get("x").cloned()),
            Some(Some(None))
        );
        let written = String::from_utf8(to_vec(&out).unwrap()).unwrap();
        assert_eq!(
            written,
            r#"{"Strings":["a","b"],"SparseStrings":["a",null],"Counts":{"x":1},"SparseCounts":{"x":null},"RequiredStrings":[],"DefaultedCounts":{}}"#
        );
    }

    #[test]
    fn error_paths_name_indexes_and_keys() {
        let e = from_slice::<CollectOutput>(br#"{"Items":[{"Id":"a"},{"Id":5}]}"#).unwrap_err();
        assert_eq!(e.path(), "Items[1].Id");
        assert_eq!(e.message(), "expected string, got number");
        let e = from_slice::<CollectOutput>(br#"{"Counts":{"x":"y"}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"Counts["x"]: expected integer, got string (line 1, column 16)"#
        );
        let e = from_slice::<CollectOutput>(br#"{"Strings":"a"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Strings: expected array, got string (line 1, column 12)"
        );
    }

    #[test]
    fn enum_keys_survive_unknown_values() {
        let out: CollectOutput =
            from_slice(br#"{"ListsByKind":{"HUGE":["h"],"SMALL":[]}}"#).unwrap();
        let lists = out.lists_by_kind.as_ref().unwrap();
        assert_eq!(lists[&Kind::from("HUGE")], ["h"]);
        assert!(String::from_utf8(to_vec(&out).unwrap())
            .unwrap()
            .contains(r#""ListsByKind":{"HUGE":["h"],"SMALL":[]}"#));
    }
}
