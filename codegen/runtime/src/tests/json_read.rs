//! The reader against fixed documents and, for what it accepts and rejects, serde_json.

use crate::json_read::*;
use crate::timestamp::TimestampFormat;
use aws_smithy_types::{Blob, Document, Number};
use std::sync::atomic::{AtomicU16, Ordering};

fn read<T>(
    json: &str,
    f: impl FnOnce(&mut JsonReader<'_>) -> Result<T, DeserializeError>,
) -> Result<T, String> {
    let mut reader = JsonReader::new(json.as_bytes());
    let value = f(&mut reader).map_err(|e| e.to_string())?;
    reader.finish().map_err(|e| e.to_string())?;
    Ok(value)
}

#[test]
fn integers_are_strict() {
    assert_eq!(read("42", |r| r.integer::<i32>("an integer")), Ok(42));
    assert_eq!(read("-7", |r| r.integer::<i8>("a byte")), Ok(-7));
    assert_eq!(
        read("300", |r| r.integer::<i8>("a byte")),
        Err("300 does not fit in a byte (line 1, column 1)".into())
    );
    assert_eq!(
        read("1.5", |r| r.integer::<i32>("an integer")),
        Err("expected integer, got a number with a fraction or exponent (line 1, column 1)".into())
    );
    assert_eq!(
        read("\"3\"", |r| r.integer::<i64>("a long")),
        Err("expected integer, got string (line 1, column 1)".into())
    );
    // 19 digits and more: every i64 reads, one past either end does not.
    assert_eq!(
        read("9223372036854775807", |r| r.integer::<i64>("a long")),
        Ok(i64::MAX)
    );
    assert_eq!(
        read("-9223372036854775808", |r| r.integer::<i64>("a long")),
        Ok(i64::MIN)
    );
    assert_eq!(
        read("1000000000000000000", |r| r.integer::<i64>("a long")),
        Ok(1_000_000_000_000_000_000)
    );
    assert_eq!(
        read("9223372036854775808", |r| r.integer::<i64>("a long")),
        Err("number does not fit in a long (line 1, column 1)".into())
    );
    assert_eq!(
        read("-9223372036854775809", |r| r.integer::<i64>("a long")),
        Err("number does not fit in a long (line 1, column 1)".into())
    );
    assert_eq!(
        read("1e2", |r| r.integer::<i64>("a long")),
        Err("expected integer, got a number with a fraction or exponent (line 1, column 1)".into())
    );
    assert_eq!(
        read("[-0, 12]", |r| {
            r.array_start()?;
            let a = r.integer::<i64>("a long")?;
            r.array_next()?;
            let b = r.integer::<i64>("a long")?;
            r.array_next()?;
            Ok((a, b))
        }),
        Ok((0, 12))
    );
}

#[test]
fn doubles_take_awsjson_specials() {
    assert!(read("\"NaN\"", |r| r.double()).unwrap().is_nan());
    assert_eq!(read("\"-Infinity\"", |r| r.double()), Ok(f64::NEG_INFINITY));
    assert_eq!(read("3", |r| r.double()), Ok(3.0));
    assert_eq!(
        read("\"nan\"", |r| r.double()),
        Err("expected number, got string (line 1, column 1)".into())
    );
}

#[test]
fn extreme_exponents_never_overflow() {
    let exact = |text: &str| {
        read(text, |r| r.timestamp(TimestampFormat::EpochSeconds))
            .map(|t| (t.secs(), t.subsec_nanos()))
    };
    // Found by fuzzing: these overflowed `index - point` (a panic with overflow checks on,
    // a wrong instant without).
    assert_eq!(exact("1.5e-9223372036854775808"), Ok((0, 0)));
    assert_eq!(exact("\".5e-9223372036854775808\""), Ok((0, 0)));
    assert_eq!(exact("\"-.5e-9223372036854775808\""), Ok((0, 0)));
    assert_eq!(exact("-1.5e-9223372036854775808"), Ok((0, 0)));
    assert!(exact("1.5e9223372036854775807").is_err());
    assert!(exact("1e-9223372036854775809").is_err());
}

#[test]
fn short_date_times_are_errors() {
    // Found by fuzzing: shorter than an offset (`+hh:mm`) panicked on the slice.
    for text in [
        "\"\"",
        "\"+1\"",
        "\"-\"",
        "\"+01:0\"",
        "\"Z\"",
        "\"\u{e9}+1\"",
    ] {
        let result = read(text, |r| r.timestamp(TimestampFormat::DateTime));
        assert!(result.is_err(), "{text}: {result:?}");
    }
    let t = read("\"1985-04-12T23:20:50.52-01:30\"", |r| {
        r.timestamp(TimestampFormat::DateTime)
    })
    .unwrap();
    assert_eq!(
        (t.secs(), t.subsec_nanos()),
        (482196050 + 5400, 520_000_000)
    );
}

#[test]
fn epoch_seconds_are_exact() {
    let t = read("1617954808.068", |r| {
        r.timestamp(TimestampFormat::EpochSeconds)
    })
    .unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (1617954808, 68_000_000));
    let t = read("\"1481841524.0\"", |r| {
        r.timestamp(TimestampFormat::EpochSeconds)
    })
    .unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (1481841524, 0));
    let t = read("1.5e3", |r| r.timestamp(TimestampFormat::EpochSeconds)).unwrap();
    assert_eq!(t.secs(), 1500);
    let exact = |text: &str| {
        read(text, |r| r.timestamp(TimestampFormat::EpochSeconds))
            .map(|t| (t.secs(), t.subsec_nanos()))
    };
    // Exponents and digits past the nanosecond: exact, never through a float.
    assert_eq!(exact("1.617954808068e9"), Ok((1617954808, 68_000_000)));
    assert_eq!(exact("1617954808068E-3"), Ok((1617954808, 68_000_000)));
    assert_eq!(exact("1617954808.0680000009"), Ok((1617954808, 68_000_000)));
    assert_eq!(exact("0.000000001"), Ok((0, 1)));
    assert_eq!(exact("15e+3"), Ok((15000, 0)));
    assert_eq!(exact("5e-3"), Ok((0, 5_000_000)));
    assert_eq!(exact("1e-400"), Ok((0, 0)));
    assert_eq!(exact("0e999999999"), Ok((0, 0)));
    assert_eq!(exact("-0"), Ok((0, 0)));
    assert_eq!(exact("-0.5"), Ok((-1, 500_000_000)));
    assert_eq!(exact("-1.000000001"), Ok((-2, 999_999_999)));
    assert_eq!(
        exact("9223372036854775807.999999999"),
        Ok((i64::MAX, 999_999_999))
    );
    assert_eq!(exact("-9223372036854775808"), Ok((i64::MIN, 0)));
    // Out of range is an error, not a clamped time.
    for text in [
        "9223372036854775808",
        "-9223372036854775808.5",
        "1e300",
        "-1e19",
        "12345678901234567890",
    ] {
        assert_eq!(
            exact(text),
            Err(format!(
                "invalid epoch-seconds timestamp {text} (line 1, column 1)"
            )),
        );
    }
    for text in [
        "\"\"",
        "\".\"",
        "\"1e\"",
        "\"1.5.5\"",
        "\"0x10\"",
        "\"Infinity\"",
    ] {
        assert!(exact(text).is_err(), "{text}");
    }
    assert!(read("\"soon\"", |r| r.timestamp(TimestampFormat::EpochSeconds)).is_err());
    for (offset, secs) in [
        ("-01:00", 1576540098),
        ("+01:00", 1576532898),
        ("+00:00", 1576536498),
    ] {
        let json = format!("\"2019-12-16T22:48:18{offset}\"");
        let t = read(&json, |r| r.timestamp(TimestampFormat::DateTime)).unwrap();
        assert_eq!(t.secs(), secs, "{offset}");
    }
    let late = "\"2019-12-16T22:48:18+25:00\"";
    assert!(read(late, |r| r.timestamp(TimestampFormat::DateTime)).is_err());
    let t = read("\"1985-04-12T23:20:50.52Z\"", |r| {
        r.timestamp(TimestampFormat::DateTime)
    })
    .unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (482196050, 520_000_000));
}

#[test]
fn paths_are_built_outwards() {
    let e = DeserializeError::new("expected integer, got string".into(), Some((1, 80)))
        .in_member("StorageCapacity")
        .in_member("FileSystem")
        .in_index(2)
        .in_member("Backups");
    assert_eq!(e.path(), "Backups[2].FileSystem.StorageCapacity");
    assert_eq!(
        e.to_string(),
        "Backups[2].FileSystem.StorageCapacity: expected integer, got string (line 1, column 80)"
    );
    assert_eq!(
        DeserializeError::new("m".into(), None)
            .in_key("k")
            .in_member("Tags")
            .path(),
        "Tags[\"k\"]"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    let err = read(&deep, |r| r.document()).unwrap_err();
    assert!(err.contains("nested deeper than 64 levels"), "{err}");
    let err = read(&"{\"a\":".repeat(100_000), |r| r.document()).unwrap_err();
    assert!(err.contains("nested deeper"), "{err}");
}

#[test]
fn documents_and_blobs() {
    let big = read("[18446744073709551616, -9223372036854775809]", |r| {
        r.document()
    })
    .unwrap();
    assert_eq!(
        big,
        Document::Array(vec![
            Document::Number(Number::Float(18446744073709551616.0)),
            Document::Number(Number::Float(-9223372036854775809.0)),
        ])
    );
    let d = read(r#"{"a": [1, -2, 2.5, "s", true, null]}"#, |r| r.document()).unwrap();
    let Document::Object(o) = d else {
        panic!("object")
    };
    assert_eq!(
        o["a"],
        Document::Array(vec![
            Document::Number(Number::PosInt(1)),
            Document::Number(Number::NegInt(-2)),
            Document::Number(Number::Float(2.5)),
            Document::String("s".into()),
            Document::Bool(true),
            Document::Null,
        ])
    );
    assert_eq!(
        read("\"aGk=\"", |r| r.blob()),
        Ok(Blob::new(b"hi".to_vec()))
    );
    assert!(read("\"***\"", |r| r.blob())
        .unwrap_err()
        .starts_with("invalid base64"));
}

#[test]
fn syntax_errors_have_positions() {
    let err = read("{\"a\": tru}", |r| r.document()).unwrap_err();
    assert_eq!(
        err,
        "[\"a\"]: invalid JSON: expected `true` (line 1, column 10)"
    );
    assert!(read("{} x", |r| r.document())
        .unwrap_err()
        .contains("trailing characters"));
}

/// serde_json's view of `json` as a document (`None`: not JSON).
fn serde_view(json: &[u8]) -> Option<Document> {
    fn convert(value: serde_json::Value) -> Document {
        match value {
            serde_json::Value::Null => Document::Null,
            serde_json::Value::Bool(b) => Document::Bool(b),
            serde_json::Value::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
                Number::PosInt(u)
            } else if let Some(i) = n.as_i64() {
                Number::NegInt(i)
            } else {
                Number::Float(n.as_f64().expect("a finite number"))
            }),
            serde_json::Value::String(s) => Document::String(s),
            serde_json::Value::Array(items) => {
                Document::Array(items.into_iter().map(convert).collect())
            }
            serde_json::Value::Object(entries) => {
                Document::Object(entries.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    serde_json::from_slice::<serde_json::Value>(json)
        .ok()
        .map(convert)
}

fn ours(json: &[u8]) -> Option<Document> {
    let mut reader = JsonReader::new(json);
    let value = reader.document().ok()?;
    reader.finish().ok()?;
    Some(value)
}

/// Skipping accepts exactly what reading accepts.
fn skips(json: &[u8]) -> bool {
    let mut reader = JsonReader::new(json);
    reader.skip().is_ok() && reader.finish().is_ok()
}

#[test]
fn accepts_and_rejects_what_serde_json_does() {
    let cases: &[&[u8]] = &[
        b"{}",
        b"[]",
        b" \t\r\n[ ] ",
        b"null",
        b"true",
        b"false",
        b"0",
        b"-0",
        b"-0.0e-0",
        b"1E+2",
        b"1e-2",
        b"123456789012345678901234567890",
        b"-9223372036854775809",
        b"18446744073709551615",
        b"3.141592653589793",
        b"\"\"",
        b"\"a\\\"b\"",
        b"\"\\\\ \\/ \\b \\f \\n \\r \\t\"",
        b"\"\\u00e9\\u20AC\"",
        b"\"\\ud83d\\ude00\"",
        "\"é€😀 and ASCII past eight bytes\"".as_bytes(),
        b"{\"a\":{\"b\":[1,{\"c\":null}]}}",
        b"{\"a\" : 1 , \"b\" : [ 1 , 2 ] }",
        b"{\"dup\":1,\"dup\":2}",
        // Not JSON.
        b"",
        b" ",
        b"nul",
        b"tru",
        b"True",
        b"01",
        b"-",
        b"1.",
        b".5",
        b"1e",
        b"+1",
        b"1e+",
        b"0x10",
        b"NaN",
        b"[1 2]",
        b"[1,]",
        b"[,]",
        b"{\"a\" 1}",
        b"{\"a\":1,}",
        b"{,}",
        b"{1:2}",
        b"{\"a\":}",
        b"\"abc",
        b"\"a\nb\"",
        b"\"\\x\"",
        b"\"\\u12\"",
        b"\"\\ud83d\"",
        b"\"\\ude00\"",
        b"\"\\ud83d\\u0041\"",
        b"\"\xff\"",
        b"\"\xc3\"",
        b"\"abcdefgh\xe2\x82\"",
        b"[] []",
        b"{}}",
        b"]",
        b"[",
        b"{",
        b"\"\\",
    ];
    for &case in cases {
        let expected = serde_view(case);
        assert_eq!(ours(case), expected, "{}", String::from_utf8_lossy(case));
        assert_eq!(
            skips(case),
            expected.is_some(),
            "{}",
            String::from_utf8_lossy(case)
        );
    }
}

/// Seeded random documents, then each with one byte changed: the reader and serde_json
/// agree on every one (what it reads, or that it is not JSON).
#[test]
fn agrees_with_serde_json_on_random_documents() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    const PIECES: &[&str] = &[
        "\"\\u00e9\"",
        "\"tab\\t\"",
        "\"\\ud83d\\ude00\"",
        "\"plain string over eight\"",
        "\"é\"",
        "0",
        "-12",
        "3.5e-3",
        "1E9",
        "true",
        "false",
        "null",
        "\"\"",
    ];
    fn build(next: &mut dyn FnMut(u64) -> u64, depth: u32, out: &mut String) {
        let ws = |next: &mut dyn FnMut(u64) -> u64, out: &mut String| {
            out.push_str([" ", "", "", "\n  "][next(4) as usize]);
        };
        match if depth > 4 { 2 } else { next(3) } {
            0 => {
                out.push('[');
                for i in 0..next(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    ws(next, out);
                    build(next, depth + 1, out);
                }
                out.push(']');
            }
            1 => {
                out.push('{');
                for i in 0..next(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&format!("\"k{}\\u0041\":", next(5)));
                    ws(next, out);
                    build(next, depth + 1, out);
                }
                out.push('}');
            }
            _ => out.push_str(PIECES[next(PIECES.len() as u64) as usize]),
        }
    }
    let mut compared = 0;
    for _ in 0..400 {
        let mut text = String::new();
        build(&mut next, 0, &mut text);
        let valid = text.into_bytes();
        let mut docs = vec![valid.clone()];
        for _ in 0..8 {
            let mut changed = valid.clone();
            let at = next(changed.len() as u64) as usize;
            changed[at] = b"\"\\{}[],:0-.eE \xc3\x01ntu"[next(19) as usize];
            docs.push(changed);
        }
        for doc in docs {
            let expected = serde_view(&doc);
            assert_eq!(ours(&doc), expected, "{}", String::from_utf8_lossy(&doc));
            assert_eq!(
                skips(&doc),
                expected.is_some(),
                "{}",
                String::from_utf8_lossy(&doc)
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 3600);
}

#[test]
fn keys_are_matched_in_any_order_and_escaped() {
    const FIELDS: &[&str] = &["Alpha", "Beta", "Gamma"];
    let keys = |json: &str| {
        read(json, |r| {
            let mut seen = Vec::new();
            let mut next = r.object_start(FIELDS)?;
            while let Some(index) = next {
                seen.push(index);
                r.skip()?;
                next = r.object_next(FIELDS, index)?;
            }
            Ok(seen)
        })
    };
    assert_eq!(keys(r#"{"Alpha":1,"Beta":2,"Gamma":3}"#), Ok(vec![0, 1, 2]));
    assert_eq!(keys(r#"{"Gamma":1,"Alpha":2,"Beta":3}"#), Ok(vec![2, 0, 1]));
    // A prefix of the expected name, a longer name, an escaped name, an unknown one.
    assert_eq!(
        keys(r#"{"Alph":1,"Alphas":2,"\u0042eta":3,"Delta":4,"Gamma":5}"#),
        Ok(vec![u16::MAX, u16::MAX, 1, u16::MAX, 2])
    );
    assert_eq!(keys("{ \"Alpha\" : 1 }"), Ok(vec![0]));
    assert!(keys(r#"{"Alpha" 1}"#).is_err());
    assert!(keys(r#"{"Alpha":1,}"#).is_err());
}

#[test]
fn key_order_is_learned_and_never_changes_what_is_read() {
    const FIELDS: &[&str] = &["Alpha", "Beta", "Gamma"];
    static ORDER: [AtomicU16; 4] = [const { AtomicU16::new(0) }; 4];
    let keys = |json: &str| {
        read(json, |r| {
            let mut seen = Vec::new();
            let mut next = r.object_start_learning(FIELDS, &ORDER)?;
            while let Some(index) = next {
                seen.push(index);
                r.skip()?;
                next = r.object_next_learning(FIELDS, &ORDER, index)?;
            }
            Ok(seen)
        })
    };
    // What the table predicts: after the start (slot 0) and after each key.
    let predicted = || {
        ORDER
            .iter()
            .enumerate()
            .map(|(slot, s)| usize::from(s.load(Ordering::Relaxed)) ^ slot)
            .collect::<Vec<_>>()
    };
    // Zero is model order: Alpha first, then Beta, Gamma, and after Gamma the end (3).
    assert_eq!(predicted(), [0, 1, 2, 3]);
    assert_eq!(keys(r#"{"Alpha":1,"Beta":2,"Gamma":3}"#), Ok(vec![0, 1, 2]));
    assert_eq!(predicted(), [0, 1, 2, 3]);
    // Another order is read right, and predicted from then on (after Alpha, the last key,
    // nothing came: that slot keeps its guess).
    assert_eq!(keys(r#"{"Gamma":1,"Beta":2,"Alpha":3}"#), Ok(vec![2, 1, 0]));
    assert_eq!(predicted(), [2, 1, 0, 1]);
    assert_eq!(keys(r#"{"Gamma":1,"Beta":2,"Alpha":3}"#), Ok(vec![2, 1, 0]));
    // Unknown keys are read as unknown and not learned; the end is not a key either.
    assert_eq!(
        keys(r#"{"Delta":0,"Beta":1,"Alph":2,"Gamma":3}"#),
        Ok(vec![u16::MAX, 1, u16::MAX, 2])
    );
    assert_eq!(predicted(), [2, 1, 0, 1]);
    assert_eq!(keys("{}"), Ok(vec![]));
    assert_eq!(keys(r#"{"Alpha":1,"Beta":2,"Gamma":3}"#), Ok(vec![0, 1, 2]));
    assert_eq!(predicted(), [0, 1, 2, 1]);
}

/// Structures as generated code declares them, read by `structure!`.
mod structures {
    use crate::json_read::{from_slice, JsonReader};

    #[derive(Debug, PartialEq)]
    pub struct Item {
        pub name: Option<String>,
        pub size: i64,
        pub limit: i32,
        pub pin: Option<i32>,
        pub child: Option<Box<Item>>,
        pub inner: Option<Inner>,
        pub meta: u8,
    }

    #[derive(Debug, PartialEq)]
    pub struct Inner {}

    crate::runtime::json_read::structure!(tests::json_read::structures::Item [meta: 9] {
        0 name "Name": member(JsonReader::string),
        1 size "Size": value(JsonReader::long) = 0,
        2 limit "Limit": value(JsonReader::int) = 10,
        3 pin "Pin" sensitive: member(JsonReader::int),
        4 child "Child": member_boxed(),
        5 inner "Inner": member_in_place(),
    });
    crate::runtime::json_read::structure!(tests::json_read::structures::Inner [] {});
    crate::runtime::json_read::collection!(de_items: Vec<Item> = structure_list());
    crate::runtime::json_read::collection!(
        de_counts: std::collections::BTreeMap<String, Option<i32>> = sparse_map(JsonReader::int)
    );

    #[test]
    fn collections_read_their_elements() {
        let items = crate::json_read::JsonReader::new(br#"[{"Name":"a"},{"Size":3}]"#);
        let mut reader = items;
        let read = de_items(&mut reader).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!((read[0].name.as_deref(), read[1].size), (Some("a"), 3));
        let mut reader = JsonReader::new(br#"{"a":1,"b":null}"#);
        let counts = de_counts(&mut reader).unwrap();
        assert_eq!(
            counts.into_iter().collect::<Vec<_>>(),
            [("a".into(), Some(1)), ("b".into(), None)]
        );
    }

    /// Required structure members, plain and boxed: read in place, `null` leaves them empty.
    #[derive(Debug, PartialEq)]
    pub struct Holder {
        pub inner: Inner,
        pub item: Box<Item>,
    }

    crate::runtime::json_read::structure!(tests::json_read::structures::Holder [] {
        0 inner "Inner": value_in_place() = Inner {},
        1 item "Item": value_boxed() = Box::new(<Item as crate::json_read::ReadInPlace>::empty()),
    });

    #[test]
    fn required_structures_are_read_in_place() {
        let holder: Holder = from_slice(br#"{"Item":{"Name":"i","Size":4},"Inner":null}"#).unwrap();
        assert_eq!(holder.item.name.as_deref(), Some("i"));
        assert_eq!((holder.item.size, holder.item.limit), (4, 10));
        assert_eq!(holder.inner, Inner {});
        let empty: Holder = from_slice(b"{}").unwrap();
        assert_eq!(empty.item.name, None);
        let error = from_slice::<Holder>(br#"{"Item":{"Size":true}}"#)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("Item.Size: "), "{error}");
    }

    #[test]
    fn members_in_any_order_defaults_kept_unknown_skipped() {
        let item: Item = from_slice(
            br#"{"Limit":null,"Child":{"Name":"c","Size":2},"Inner":{"x":[1]},"Name":"n","New":1}"#,
        )
        .unwrap();
        assert_eq!(
            item,
            Item {
                name: Some("n".into()),
                size: 0,
                limit: 10,
                pin: None,
                child: Some(Box::new(Item {
                    name: Some("c".into()),
                    size: 2,
                    limit: 10,
                    pin: None,
                    child: None,
                    inner: None,
                    meta: 9,
                })),
                inner: Some(Inner {}),
                meta: 9,
            }
        );
    }

    #[test]
    fn errors_name_the_member_and_hide_sensitive_values() {
        let error = from_slice::<Item>(br#"{"Child":{"Size":"big"}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "Child.Size: expected integer, got string (line 1, column 18)"
        );
        let error = from_slice::<Item>(br#"{"Pin":12345678901}"#)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("Pin: "), "{error}");
        assert!(error.contains("sensitive: not shown"), "{error}");
        assert!(!error.contains("12345"), "{error}");
        // Not sensitive: the value is quoted.
        let error = from_slice::<Item>(br#"{"Limit":12345678901}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("12345678901"), "{error}");
        assert!(from_slice::<Inner>(b"[]").is_err());
    }
}
