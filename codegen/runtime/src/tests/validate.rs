//! Tests of `validate`: paths, bounds, messages, redaction.

use std::collections::BTreeMap;

use crate::validate::*;

/// What `f` reports, as `(path, message)` pairs.
fn report(f: impl FnOnce(&mut Validator)) -> Vec<(String, String)> {
    let mut v = Validator::new("Input");
    f(&mut v);
    match v.finish() {
        Ok(()) => Vec::new(),
        Err(e) => e
            .violations()
            .iter()
            .map(|v| (v.path().to_owned(), v.kind().to_string()))
            .collect(),
    }
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(p, m)| ((*p).to_owned(), (*m).to_owned()))
        .collect()
}

#[test]
fn nothing_reported_is_ok() {
    assert_eq!(Validator::new("Input").finish(), Ok(()));
    assert!(report(|v| {
        v.length(3, Some(3), Some(3));
        v.range_int(i64::MIN, None, None);
        v.range_float(f64::INFINITY, Some(0.0), None);
    })
    .is_empty());
}

#[test]
fn paths_name_members_indexes_and_keys() {
    let map = BTreeMap::from([("a\"b".to_owned(), 1), ("c".to_owned(), 2)]);
    let found = report(|v| {
        v.member("Tags", false, |v| {
            v.each(&[1, 2, 3], |v, n| {
                if *n == 2 {
                    v.member("Key", false, Validator::missing);
                }
            })
        });
        v.member("Labels", false, |v| {
            v.entries(&map, |v, _, value| v.range_int(*value, Some(2), None))
        });
        v.member("Outer", false, |v| {
            v.member("Inner", false, |v| v.length(0, Some(1), None))
        });
    });
    assert_eq!(
        found,
        pairs(&[
            ("Tags[1].Key", "required, but not set"),
            (r#"Labels["a\"b"]"#, "1 is not at least 2"),
            ("Outer.Inner", "length 0 is not at least 1"),
        ])
    );
}

#[test]
fn bounds_read_as_they_are() {
    let found = report(|v| {
        v.member("Both", false, |v| v.length(9, Some(1), Some(5)));
        v.member("Min", false, |v| v.range_float(-0.5, Some(0.0), None));
        v.member("Max", false, |v| v.range_int(7, None, Some(6)));
        v.member("NaN", false, |v| v.range_float(f64::NAN, None, None));
        v.member("Pattern", false, |v| v.pattern_mismatch("^a$"));
    });
    assert_eq!(
        found,
        pairs(&[
            ("Both", "length 9 is not between 1 and 5"),
            ("Min", "-0.5 is not at least 0"),
            ("Max", "7 is not at most 6"),
            ("NaN", "NaN is not allowed"),
            ("Pattern", "does not match the pattern ^a$"),
        ])
    );
}

#[test]
fn sensitive_members_show_no_length_number_or_key() {
    let map = BTreeMap::from([("secret-key".to_owned(), "secret-value".to_owned())]);
    let found = report(|v| {
        v.member("Secret", true, |v| {
            v.length(3, Some(8), None);
            v.entries(&map, |v, _, value| {
                v.member("Inner", false, |v| v.length(value.len(), None, Some(1)))
            });
        });
        // Leaving the sensitive member shows numbers again.
        v.member("Plain", false, |v| v.range_int(11, None, Some(10)));
    });
    assert_eq!(
        found,
        pairs(&[
            ("Secret", "length is not at least 8"),
            ("Secret[*].Inner", "length is not at most 1"),
            ("Plain", "11 is not at most 10"),
        ])
    );
}

#[test]
fn the_error_lists_every_violation() {
    let mut v = Validator::new("CopyBackupInput");
    v.member("SourceBackupId", false, Validator::missing);
    let err = v.finish().unwrap_err();
    assert_eq!(err.shape(), "CopyBackupInput");
    assert_eq!(
        err.to_string(),
        "CopyBackupInput is invalid (1 problem): SourceBackupId: required, but not set"
    );
    assert_eq!(err.violations()[0].kind(), &ViolationKind::Missing);

    let mut v = Validator::new("X");
    v.member("A", false, Validator::missing);
    v.member("B", false, |v| v.length(usize::MAX, None, Some(1)));
    assert_eq!(
        v.finish().unwrap_err().to_string(),
        format!(
            "X is invalid (2 problems): A: required, but not set; B: length {} is not at most 1",
            u64::MAX
        )
    );
}

/// Types as generated code declares them, checked by `check!`.
mod generated {
    use std::collections::BTreeMap;

    use super::{pairs, report};
    use crate::validate::Check;

    const PATTERNS: [&str; 1] = ["^[a-z]+$"];

    /// The generated `matches`, without the regex crate: lowercase ASCII letters.
    fn matches(pattern: usize, text: &str) -> bool {
        assert_eq!(pattern, 0);
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase())
    }

    #[derive(Default)]
    pub struct Input {
        pub name: Option<String>,
        pub id: Option<String>,
        pub size: i32,
        pub ratio: Option<f64>,
        pub secret: Option<String>,
        pub tags: Option<Vec<Option<String>>>,
        pub labels: Option<BTreeMap<String, Inner>>,
        pub inner: Option<Inner>,
    }

    #[derive(Default)]
    pub struct Inner {
        pub count: Option<i64>,
    }

    pub struct Empty {}

    crate::runtime::validate::check!(tests::validate::generated::Input {
        opt name "Name" false [length(chars, 1..=3) pattern(0)],
        set id "Id" false [],
        req size "Size" false [range(int, -5..=10)],
        opt ratio "Ratio" false [range(double, ..=1.5)],
        opt secret "Secret" true [length(chars, 4..)],
        opt tags "Tags" false [length(len, ..=2) each_sparse([length(chars, 2..)])],
        opt labels "Labels" false [entries([pattern(0)] [nested])],
        opt inner "Inner" false [nested],
    });
    crate::runtime::validate::check!(tests::validate::generated::Inner {
        opt count "Count" false [range(long, 0..)],
    });
    crate::runtime::validate::check!(tests::validate::generated::Empty {});
    crate::runtime::validate::input!(tests::validate::generated::Input, "Input");

    /// An enum as generated code declares one.
    pub struct Mode(&'static str);

    impl Mode {
        pub fn as_str(&self) -> &str {
            self.0
        }
    }

    pub struct More {
        pub mode: Option<Mode>,
        pub data: Option<aws_smithy_types::Blob>,
        pub ratio: Option<f32>,
        pub ids: Option<Vec<String>>,
        pub maybe: Option<BTreeMap<String, Option<String>>>,
        pub label: Option<String>,
        pub next: Option<Box<Inner>>,
    }

    crate::runtime::validate::check!(tests::validate::generated::More {
        opt mode "Mode" false [length(enum_chars, ..=3) enum_pattern(0)],
        opt data "Data" false [length(blob, 1..)],
        opt ratio "Ratio" false [range(float, 0.5..)],
        opt ids "Ids" false [each([length(chars, 2..)])],
        opt maybe "Maybe" false [entries_sparse([] [pattern(0)])],
        set label "Label" false [length(chars, 1..)],
        opt next "Next" false [nested],
    });

    #[test]
    fn the_other_checks_too() {
        let more = More {
            mode: Some(Mode("FAST")),
            data: Some(aws_smithy_types::Blob::new(Vec::new())),
            ratio: Some(0.25),
            ids: Some(vec!["a".into(), "bb".into()]),
            maybe: Some(BTreeMap::from([
                ("k".to_owned(), Some("X".to_owned())),
                ("n".to_owned(), None),
            ])),
            label: None,
            next: Some(Box::new(Inner { count: Some(-3) })),
        };
        assert_eq!(
            report(|v| more.check(v)),
            pairs(&[
                ("Mode", "length 4 is not at most 3"),
                ("Mode", "does not match the pattern ^[a-z]+$"),
                ("Data", "length 0 is not at least 1"),
                ("Ratio", "0.25 is not at least 0.5"),
                ("Ids[0]", "length 1 is not at least 2"),
                ("Maybe[\"k\"]", "does not match the pattern ^[a-z]+$"),
                ("Label", "required, but not set"),
                ("Next.Count", "-3 is not at least 0"),
            ])
        );
        // A `set` member that is set is checked as any other.
        let more = More {
            label: Some(String::new()),
            ..more
        };
        assert!(report(|v| more.check(v))
            .contains(&("Label".to_owned(), "length 0 is not at least 1".to_owned())));
    }

    #[test]
    fn every_constraint_checked_at_its_path() {
        let input = Input {
            name: Some("Abcd".into()),
            size: -6,
            ratio: Some(2.0),
            secret: Some("abc".into()),
            tags: Some(vec![Some("a".into()), None, Some("bb".into())]),
            labels: Some(BTreeMap::from([(
                "K".to_owned(),
                Inner { count: Some(-1) },
            )])),
            inner: Some(Inner { count: Some(3) }),
            ..Input::default()
        };
        let reported = report(|v| input.check(v));
        assert_eq!(
            reported,
            pairs(&[
                ("Name", "length 4 is not between 1 and 3"),
                ("Name", "does not match the pattern ^[a-z]+$"),
                ("Id", "required, but not set"),
                ("Size", "-6 is not between -5 and 10"),
                ("Ratio", "2 is not at most 1.5"),
                // The length of a sensitive value is not shown.
                ("Secret", "length is not at least 4"),
                ("Tags", "length 3 is not at most 2"),
                // The `None` element is skipped.
                ("Tags[0]", "length 1 is not at least 2"),
                ("Labels[\"K\"]", "does not match the pattern ^[a-z]+$"),
                ("Labels[\"K\"].Count", "-1 is not at least 0"),
            ])
        );
        let error = input.validate().unwrap_err();
        assert_eq!(error.violations().len(), reported.len());

        let fine = Input {
            id: Some(String::new()),
            ..Input::default()
        };
        assert_eq!(fine.validate(), Ok(()));
        assert!(report(|v| Empty {}.check(v)).is_empty());
    }
}
