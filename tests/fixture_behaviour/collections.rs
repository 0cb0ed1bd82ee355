//! Collections map to `Vec`/`BTreeMap`; sparse ones hold `Option`s.

use std::collections::BTreeMap;

use fixture_collections::types::{CollectOutput, Kind};

#[test]
fn collection_types() {
    let output = CollectOutput::builder()
        .sparse_strings(vec![Some("a".to_owned()), None])
        .sparse_counts(BTreeMap::from([("x".to_owned(), None), ("y".to_owned(), Some(1))]))
        .lists_by_kind(BTreeMap::from([(Kind::Large, vec!["l".to_owned()])]))
        .nested(vec![vec!["n".to_owned()]])
        .required_strings(vec![])
        .build()
        .expect("required strings set");
    assert_eq!(output.sparse_strings.as_ref().map(Vec::len), Some(2));
    let _: Vec<String> = output.required_strings;
    let _: BTreeMap<String, i32> = output.defaulted_counts;
    assert_eq!(output.lists_by_kind.expect("set")[&Kind::Large], ["l"]);
}
