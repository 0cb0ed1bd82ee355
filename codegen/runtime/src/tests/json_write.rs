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
