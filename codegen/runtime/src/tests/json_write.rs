//! Tests of `json_write`.

use aws_smithy_types::date_time::{DateTime, Format};

use crate::json_write::*;
use crate::timestamp::TimestampFormat;

fn written(f: impl FnOnce(&mut JsonWriter)) -> String {
    let mut w = JsonWriter::default();
    f(&mut w);
    String::from_utf8(w.into_bytes()).unwrap()
}

#[test]
fn commas_and_nesting() {
    let json = written(|w| {
        w.begin_object();
        w.member("A");
        w.integer(0);
        w.member("B");
        w.begin_array();
        w.boolean(false);
        w.begin_object();
        w.end_object();
        w.string("");
        w.end_array();
        w.member("C");
        w.null();
        w.end_object();
    });
    assert_eq!(json, r#"{"A":0,"B":[false,{},""],"C":null}"#);
}

#[test]
fn strings_are_escaped() {
    let json = written(|w| w.string("q\"b\\n\n\u{1}é🙂"));
    assert_eq!(json, "\"q\\\"b\\\\n\\n\\u0001é🙂\"");
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back, "q\"b\\n\n\u{1}é🙂");
}

#[test]
fn numbers_and_specials() {
    assert_eq!(written(|w| w.double(1.5)), "1.5");
    assert_eq!(written(|w| w.double(f64::NAN)), "\"NaN\"");
    assert_eq!(written(|w| w.float(f32::NEG_INFINITY)), "\"-Infinity\"");
    assert_eq!(written(|w| w.float(0.1)), "0.1");
    assert_eq!(written(|w| w.integer(i64::MIN)), "-9223372036854775808");
}

#[test]
fn timestamps() {
    let t = DateTime::from_secs_and_nanos(1617954808, 68_000_000);
    assert_eq!(
        written(|w| w.timestamp(&t, TimestampFormat::EpochSeconds).unwrap()),
        "1617954808.068"
    );
    assert_eq!(
        written(|w| w
            .timestamp(&DateTime::from_secs(5), TimestampFormat::EpochSeconds)
            .unwrap()),
        "5"
    );
    assert_eq!(
        written(|w| w.timestamp(&t, TimestampFormat::DateTime).unwrap()),
        "\"2021-04-09T07:53:28.068Z\""
    );
    // Epoch seconds as aws-smithy-types writes them, for every kind of fraction, and for
    // times before 1970 (which take its path).
    for (secs, nanos) in [
        (0, 0),
        (0, 1),
        (1, 100_000_000),
        (1617954808, 1),
        (1617954808, 10),
        (1617954808, 999_999_999),
        (1617954808, 120_000_000),
        (253402300799, 999_000_000),
        (-1, 500_000_000),
        (-62135596800, 0),
    ] {
        let t = DateTime::from_secs_and_nanos(secs, nanos);
        assert_eq!(
            written(|w| w.timestamp(&t, TimestampFormat::EpochSeconds).unwrap()),
            t.fmt(Format::EpochSeconds).unwrap(),
            "{secs} {nanos}"
        );
    }
}

#[test]
fn strings_are_escaped_around_long_plain_runs() {
    let cases = [
        ("", r#""""#),
        (
            "plain text longer than eight",
            r#""plain text longer than eight""#,
        ),
        (
            "quote \" and backslash \\",
            r#""quote \" and backslash \\""#,
        ),
        ("\n\r\t\u{8}\u{c}\u{1}\u{1f}", r#""\n\r\t\b\f\u0001\u001f""#),
        ("é€😀 \u{7f}", "\"é€😀 \u{7f}\""),
        ("eight!!!\"", r#""eight!!!\"""#),
    ];
    for (value, json) in cases {
        assert_eq!(written(|w| w.string(value)), json, "{value:?}");
        let back: String = serde_json::from_str(json).unwrap();
        assert_eq!(back, value);
    }
}

#[test]
fn escapes_land_right_at_every_length_and_position() {
    // Runs are found eight bytes at a time, the rest byte by byte: every length around
    // the word size, with one or two bytes to escape at every position, must come out as
    // serde_json writes it.
    for len in 0..=34 {
        let plain: String = (0..len)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        assert_eq!(
            written(|w| w.string(&plain)),
            serde_json::to_string(&plain).unwrap()
        );
        for at in 0..len {
            for special in ['"', '\\', '\n', '\u{1}', 'é', '#'] {
                let mut value = plain.clone();
                value.replace_range(at..=at, &special.to_string());
                if at + 3 < value.len() && value.is_char_boundary(at + 3) {
                    value.replace_range(at + 2..at + 3, "\t");
                }
                let expected = serde_json::to_string(&value).unwrap();
                assert_eq!(written(|w| w.string(&value)), expected, "{value:?}");
            }
        }
    }
}

/// Structures as generated code declares them, written by `structure!`.
mod structures {
    use aws_smithy_types::DateTime;

    use crate::json_write::{to_vec, JsonWriter, SerializeError};

    pub struct Item {
        pub name: Option<String>,
        pub size: i64,
        pub flag: Option<bool>,
        pub when: Option<DateTime>,
        pub tags: Option<Vec<String>>,
        pub child: Option<Box<Item>>,
    }

    pub struct Nothing {}

    fn ser_tags(writer: &mut JsonWriter, value: &[String]) -> Result<(), SerializeError> {
        writer.begin_array();
        for item in value {
            if item.is_empty() {
                return Err(SerializeError::new("an empty tag".into()));
            }
            crate::runtime::json_write::value!(writer, item, _, string);
        }
        writer.end_array();
        Ok(())
    }

    crate::runtime::json_write::structure!(tests::json_write::structures::Item {
        opt name "Name": string,
        req size "Size": integer,
        opt flag "Flag": boolean,
        opt when "When": timestamp(DateTime),
        opt tags "Tags": with(ser_tags),
        opt child "Child": boxed,
    });
    crate::runtime::json_write::structure!(tests::json_write::structures::Nothing {});

    crate::runtime::json_write::collection!(list ser_items: Vec<Item> => structure);
    crate::runtime::json_write::collection!(sparse_list ser_maybe: Vec<Option<i32>> => integer);
    crate::runtime::json_write::collection!(
        sparse_map ser_named: std::collections::BTreeMap<String, Option<Vec<String>>>, string
            => with(ser_tags)
    );

    #[test]
    fn collections_write_their_elements_and_sparse_ones_nulls() {
        let mut writer = JsonWriter::default();
        ser_maybe(&mut writer, &vec![Some(1), None]).unwrap();
        assert_eq!(writer.into_bytes(), b"[1,null]");
        let mut writer = JsonWriter::default();
        let named = std::collections::BTreeMap::from([
            ("a".to_owned(), Some(vec!["x".to_owned()])),
            ("b".to_owned(), None),
        ]);
        ser_named(&mut writer, &named).unwrap();
        assert_eq!(writer.into_bytes(), br#"{"a":["x"],"b":null}"#);
        let mut writer = JsonWriter::default();
        ser_items(&mut writer, &vec![item()]).unwrap();
        assert_eq!(writer.into_bytes(), br#"[{"Size":0,"Flag":false}]"#);
        // An element's error keeps its own path.
        let mut writer = JsonWriter::default();
        let bad = std::collections::BTreeMap::from([("a".to_owned(), Some(vec![String::new()]))]);
        assert_eq!(
            ser_named(&mut writer, &bad).unwrap_err().to_string(),
            "an empty tag"
        );
    }

    fn item() -> Item {
        Item {
            name: None,
            size: 0,
            flag: Some(false),
            when: None,
            tags: None,
            child: None,
        }
    }

    #[test]
    fn set_members_in_model_order_required_ones_always() {
        let value = Item {
            child: Some(Box::new(Item {
                name: Some("c".into()),
                size: 2,
                when: Some(DateTime::from_secs(0)),
                tags: Some(vec!["t".into()]),
                ..item()
            })),
            ..item()
        };
        assert_eq!(
            String::from_utf8(to_vec(&value).unwrap()).unwrap(),
            r#"{"Size":0,"Flag":false,"Child":{"Name":"c","Size":2,"Flag":false,"When":"1970-01-01T00:00:00Z","Tags":["t"]}}"#
        );
        assert_eq!(to_vec(&Nothing {}).unwrap(), b"{}");
    }

    #[test]
    fn to_writer_appends_and_leaves_the_buffer_as_it_was_on_an_error() {
        let mut buffer = b"[".to_vec();
        crate::json_write::to_writer(&mut buffer, &Nothing {}).unwrap();
        assert_eq!(buffer, b"[{}");
        buffer.clear();
        crate::json_write::to_writer(&mut buffer, &item()).unwrap();
        assert_eq!(buffer, br#"{"Size":0,"Flag":false}"#);
        assert_eq!(buffer, to_vec(&item()).unwrap());
        // Reused: cleared, the same value is written into the same allocation.
        let (at, capacity) = (buffer.as_ptr(), buffer.capacity());
        buffer.clear();
        crate::json_write::to_writer(&mut buffer, &item()).unwrap();
        assert_eq!((buffer.as_ptr(), buffer.capacity()), (at, capacity));
        let bad = Item {
            tags: Some(vec![String::new()]),
            ..item()
        };
        let before = buffer.clone();
        assert!(crate::json_write::to_writer(&mut buffer, &bad).is_err());
        assert_eq!(buffer, before);
    }

    #[test]
    fn errors_name_the_member_path() {
        let value = Item {
            child: Some(Box::new(Item {
                tags: Some(vec![String::new()]),
                ..item()
            })),
            ..item()
        };
        assert_eq!(
            to_vec(&value).unwrap_err().to_string(),
            "Child.Tags: an empty tag"
        );
    }
}

/// Every kind of value `value!` writes, in a structure as generated code declares one.
mod kinds {
    use aws_smithy_types::{BigDecimal, BigInteger, Blob, Document};

    use crate::json_write::to_vec;

    #[derive(Debug)]
    pub enum Colour {
        Red,
    }

    impl Colour {
        pub fn as_str(&self) -> &str {
            match self {
                Colour::Red => "RED",
            }
        }
    }

    pub struct Level(i32);

    impl Level {
        pub fn value(&self) -> i32 {
            self.0
        }
    }

    pub struct Every {
        pub colour: Colour,
        pub level: Option<Level>,
        pub ratio: Option<f32>,
        pub score: Option<f64>,
        pub data: Option<Blob>,
        pub doc: Option<Document>,
        pub big: Option<BigInteger>,
        pub exact: Option<BigDecimal>,
        pub by_colour: Option<std::collections::BTreeMap<String, f64>>,
    }

    crate::runtime::json_write::collection!(map ser_scores: std::collections::BTreeMap<String, f64>, string => double);
    crate::runtime::json_write::structure!(tests::json_write::kinds::Every {
        req colour "Colour": enumeration,
        opt level "Level": int_enum,
        opt ratio "Ratio": float,
        opt score "Score": double,
        opt data "Data": blob,
        opt doc "Doc": document,
        opt big "Big": big_integer,
        opt exact "Exact": big_decimal,
        opt by_colour "ByColour": with(ser_scores),
    });

    #[test]
    fn every_kind_is_written_as_the_writer_writes_it() {
        let every = Every {
            colour: Colour::Red,
            level: Some(Level(-2)),
            ratio: Some(f32::NAN),
            score: Some(0.5),
            data: Some(Blob::new(b"hi".to_vec())),
            doc: Some(Document::from("d")),
            big: Some("123456789012345678901234567890".parse().unwrap()),
            exact: Some("1.25".parse().unwrap()),
            by_colour: Some(std::collections::BTreeMap::from([("a".into(), 1.0)])),
        };
        assert_eq!(
            String::from_utf8(to_vec(&every).unwrap()).unwrap(),
            concat!(
                r#"{"Colour":"RED","Level":-2,"Ratio":"NaN","Score":0.5,"Data":"aGk=","#,
                r#""Doc":"d","Big":123456789012345678901234567890,"Exact":1.25,"#,
                r#""ByColour":{"a":1.0}}"#
            )
        );
    }
}
