//! `@default`s fill `Default` and `build()`; a required member without one makes `build()` fail.

use fixture_defaults::operation::configure::ConfigureInput;
use fixture_defaults::primitives::{Blob, DateTime, Document};
use fixture_defaults::types::{Defaults, RequiredAndDefaulted, TestEnum, TestIntEnum, Zeros};

fn check_model_defaults(d: &Defaults) {
    assert_eq!(d.default_string, "hi");
    assert!(d.default_boolean);
    assert!(d.default_list.is_empty());
    assert_eq!(d.default_document_map, Document::Object(Default::default()));
    assert_eq!(d.default_document_string, Document::String("hi".into()));
    assert_eq!(d.default_document_boolean, Document::Bool(true));
    assert_eq!(d.default_document_list, Document::Array(vec![]));
    assert_eq!(d.default_null_document, None);
    assert_eq!(d.default_timestamp, DateTime::from_secs(0));
    assert_eq!(
        d.default_date_time,
        DateTime::from_secs_and_nanos(482196050, 520_000_000)
    );
    assert_eq!(d.default_blob, Blob::new(b"abc".to_vec()));
    assert_eq!(
        (
            d.default_byte,
            d.default_short,
            d.default_integer,
            d.default_long
        ),
        (1, 1, 10, 100)
    );
    assert_eq!((d.default_float, d.default_double), (1.0, 1.0));
    assert!(d.default_na_n.is_nan());
    assert_eq!(d.default_negative_infinity, f32::NEG_INFINITY);
    assert_eq!(
        d.default_big_integer.as_ref(),
        "123456789012345678901234567890"
    );
    assert_eq!(d.default_big_decimal.as_ref(), "1.5");
    assert!(d.default_map.is_empty());
    assert_eq!(d.default_enum, TestEnum::Foo);
    assert_eq!(d.default_int_enum, TestIntEnum::One);
    assert_eq!(d.empty_string, "");
    assert!(!d.false_boolean);
    assert_eq!(d.empty_blob, Blob::new(Vec::new()));
    assert_eq!(
        (d.zero_byte, d.zero_short, d.zero_integer, d.zero_long),
        (0, 0, 0, 0)
    );
    assert_eq!((d.zero_float, d.zero_double), (0.0, 0.0));
    let Document::Object(object) = &d.document_object else {
        panic!("an object")
    };
    assert_eq!(object.len(), 2);
}

#[test]
fn default_and_builder_fill_model_defaults() {
    check_model_defaults(&Defaults::default());
    check_model_defaults(&Defaults::builder().build());
    let set = Defaults::builder()
        .default_integer(20)
        .default_string("bye")
        .build();
    assert_eq!(
        (set.default_integer, set.default_string.as_str()),
        (20, "bye")
    );
}

#[test]
fn input_members_stay_optional() {
    // `@input`: a top-level default is the server's business; the client leaves it unset.
    let input = ConfigureInput::builder().build().unwrap();
    assert_eq!(input.top_level_default, None);
}

#[test]
fn zero_defaults_and_required_members() {
    let zeros = Zeros::default();
    assert_eq!(
        (zeros.count, zeros.flag, zeros.names.len(), zeros.note),
        (0, false, 0, None)
    );
    let err = RequiredAndDefaulted::builder().build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "RequiredAndDefaulted: required member `id` (id) is not set"
    );
    assert_eq!(
        (err.shape(), err.field(), err.member()),
        ("RequiredAndDefaulted", "id", "id")
    );
    let ok = RequiredAndDefaulted::builder().id("x").build().unwrap();
    assert_eq!((ok.id.as_str(), ok.count), ("x", 5));
}

mod json {
    use fixture_defaults::json::{from_slice, to_vec};
    use fixture_defaults::operation::configure::ConfigureInput;
    use fixture_defaults::types::{Defaults, RequiredAndDefaulted};

    #[test]
    fn defaults_fill_missing_members_and_are_written() {
        let mut read: Defaults = from_slice(b"{}").unwrap();
        let mut default = Defaults::default();
        assert!(read.default_na_n.is_nan() && default.default_na_n.is_nan());
        // NaN is never equal to itself; compare the rest.
        (read.default_na_n, default.default_na_n) = (0.0, 0.0);
        assert_eq!(read, default);
        let written: serde_json::Value =
            serde_json::from_slice(&to_vec(&Defaults::default()).unwrap()).unwrap();
        // As the awsJson protocol tests expect a client to populate defaults in nested input.
        let expected = serde_json::json!({
            "defaultString": "hi", "defaultBoolean": true, "defaultList": [], "defaultDocumentMap": {},
            "defaultDocumentString": "hi", "defaultDocumentBoolean": true, "defaultDocumentList": [],
            "defaultTimestamp": 0, "defaultDateTime": 482196050.52, "defaultBlob": "YWJj", "defaultByte": 1,
            "defaultShort": 1, "defaultInteger": 10, "defaultLong": 100, "defaultFloat": 1.0, "defaultDouble": 1.0,
            "defaultNaN": "NaN", "defaultNegativeInfinity": "-Infinity",
            "defaultBigInteger": 123456789012345678901234567890.0, "defaultBigDecimal": 1.5, "defaultMap": {},
            "defaultEnum": "FOO", "defaultIntEnum": 1, "emptyString": "", "falseBoolean": false, "emptyBlob": "",
            "zeroByte": 0, "zeroShort": 0, "zeroInteger": 0, "zeroLong": 0, "zeroFloat": 0.0, "zeroDouble": 0.0,
            "documentObject": {"a": {"nested": null}, "b": [1, -2, 2.5]}
        });
        assert_eq!(written, expected);
    }

    #[test]
    fn input_defaults_are_left_to_the_service() {
        assert_eq!(
            to_vec(&ConfigureInput::builder().build().unwrap()).unwrap(),
            b"{}"
        );
    }

    #[test]
    fn required_members_left_out_are_zero_filled() {
        let read: RequiredAndDefaulted = from_slice(b"{}").unwrap();
        assert_eq!((read.id.as_str(), read.count), ("", 5));
    }
}
