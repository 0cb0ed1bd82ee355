//! serde (the `serde` feature): every kind of value writes, through serde_json, the body the
//! awsJson codec writes, and reads back the same; what the codec tolerates, serde tolerates.
//! Checked against literal JSON here, and against the codec on each documented example and
//! compliance case (`support::assert_serde_agrees`).

#[cfg(feature = "serde")]
mod with_serde {
    use aws_smithy_types::{BigDecimal, BigInteger, Blob, DateTime, Document};
    use fixture_serde::operation::store::{StoreInput, StoreOutput};
    use fixture_serde::types::{Level, Reason, Record, Rejected, Value};
    use std::collections::{BTreeMap, HashMap};

    fn record() -> Record {
        Record::builder()
            .id("r-1")
            .created(DateTime::from_secs_and_nanos(1617954808, 68_000_000))
            .updated(DateTime::from_secs(1_700_000_000))
            .expires(DateTime::from_secs(1_700_000_001))
            .payload(Blob::new("hi"))
            .attributes(Document::Object(HashMap::from([
                ("b".to_owned(), Document::from(1u64)),
                (
                    "a".to_owned(),
                    Document::Array(vec![Document::Null, true.into()]),
                ),
            ])))
            .ratio(f32::NAN)
            .score(f64::NEG_INFINITY)
            .huge("123456789012345678".parse::<BigInteger>().unwrap())
            .precise("1.5".parse::<BigDecimal>().unwrap())
            .enabled(false)
            .size(-3)
            .reason(Reason::TooBig)
            .level(Level::from(7))
            .history(DateTime::from_secs(5))
            .chunks("one", Some(Blob::new("x")))
            .chunks("none", None)
            .value(Value::Nested(Box::new(Value::At(DateTime::from_secs(60)))))
            .parent(Record::builder().id("r-0").build().unwrap())
            .secret("SECRET-7f3a")
            .build()
            .unwrap()
    }

    /// What both write, in model order (maps and documents sorted by key).
    const RECORD: &str = concat!(
        r#"{"Id":"r-1","Label":"none","Created":1617954808.068,"#,
        r#""Updated":"2023-11-14T22:13:20Z","Expires":"Tue, 14 Nov 2023 22:13:21 GMT","#,
        r#""Payload":"aGk=","Attributes":{"a":[null,true],"b":1},"Ratio":"NaN","#,
        r#""Score":"-Infinity","Huge":123456789012345678,"Precise":1.5,"Enabled":false,"#,
        r#""Size":-3,"Reason":"TooBig","Level":7,"History":[5],"#,
        r#""Chunks":{"none":null,"one":"eA=="},"Value":{"Nested":{"At":"1970-01-01T00:01:00Z"}},"#,
        r#""Parent":{"Id":"r-0","Label":"none"},"Secret":"SECRET-7f3a"}"#
    );

    #[test]
    fn every_kind_of_value_writes_the_awsjson_body() {
        let record = record();
        assert_eq!(
            String::from_utf8(fixture_serde::json::to_vec(&record).unwrap()).unwrap(),
            RECORD
        );
        assert_eq!(serde_json::to_string(&record).unwrap(), RECORD);
    }

    #[test]
    fn every_kind_of_value_reads_back() {
        let read: Record = serde_json::from_str(RECORD).unwrap();
        // NaN is not equal to itself: compare what both write.
        assert_eq!(serde_json::to_string(&read).unwrap(), RECORD);
        assert!(read.ratio().unwrap().is_nan());
        assert_eq!(
            read.created(),
            Some(&DateTime::from_secs_and_nanos(1617954808, 68_000_000))
        );
        assert_eq!(read.level(), Some(Level::from(7)));
        assert!(!Level::values().contains(&7));
        assert_eq!(read.chunks().unwrap().get("none"), Some(&None));
    }

    #[test]
    fn reads_what_the_codec_tolerates() {
        // Unknown members, `null` as absent, a missing required member at its zero, a
        // member's `@default`, epoch seconds in a string, an unknown enum value kept, a `null`
        // element of a list that is not `@sparse` skipped.
        let read: Record = serde_json::from_str(
            r#"{"Created":"1.5","Label":null,"New":{"x":[1]},"Size":null,"Reason":"Later","History":[null,5]}"#,
        )
        .unwrap();
        let from_codec: Record = fixture_serde::json::from_slice(
            br#"{"Created":"1.5","Label":null,"New":{"x":[1]},"Size":null,"Reason":"Later","History":[null,5]}"#,
        )
        .unwrap();
        assert_eq!(read, from_codec);
        assert_eq!(read.id(), "");
        assert_eq!(read.label(), "none");
        assert_eq!(
            read.created(),
            Some(&DateTime::from_secs_and_nanos(1, 500_000_000))
        );
        assert_eq!(read.size(), None);
        assert_eq!(read.reason().map(Reason::as_str), Some("Later"));
        assert_eq!(read.history(), &[DateTime::from_secs(5)]);
    }

    #[test]
    fn unions_as_the_codec_reads_them() {
        let value: Value = serde_json::from_str(r#"{"__type":"x","Nothing":{}}"#).unwrap();
        assert_eq!(value, Value::Nothing);
        assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"Nothing":{}}"#);
        let value: Value = serde_json::from_str(r#"{"Text":null,"Later":1}"#).unwrap();
        assert!(value.is_unknown());
        let error = serde_json::to_string(&value).unwrap_err().to_string();
        assert!(
            error.contains("union Value this crate does not know"),
            "{error}"
        );
        let error = serde_json::from_str::<Value>(r#"{"Text":"a","Nothing":{}}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("more than one member"), "{error}");
        let error = serde_json::from_str::<Value>("{}").unwrap_err().to_string();
        assert!(error.contains("no member set"), "{error}");
    }

    #[test]
    fn errors_name_the_problem_and_never_quote_secrets() {
        let error = serde_json::from_str::<Record>(r#"{"Created":"soon"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("invalid epoch-seconds timestamp soon"),
            "{error}"
        );
        let error = serde_json::from_str::<Record>(r#"{"Secret":98765432109}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("Secret"), "{error}");
        assert!(!error.contains("98765432109"), "{error}");
        let error = serde_json::from_str::<Value>(r#"{"Hidden":98765432109}"#)
            .unwrap_err()
            .to_string();
        assert!(!error.contains("98765432109"), "{error}");
    }

    #[test]
    fn inputs_outputs_and_errors() {
        let input = StoreInput::builder()
            .record(record())
            .tags(Reason::Expired, "e")
            .build()
            .unwrap();
        let body = fixture_serde::operation::store::request(&input).unwrap();
        assert_eq!(serde_json::to_vec(&input).unwrap(), body.body().as_slice());
        let back: StoreInput = serde_json::from_slice(body.body()).unwrap();
        assert_eq!(
            back.tags(),
            Some(&BTreeMap::from([(Reason::Expired, "e".to_owned())]))
        );

        let output: StoreOutput = serde_json::from_str("{}").unwrap();
        assert_eq!(output.count(), 0);
        assert_eq!(serde_json::to_string(&output).unwrap(), r#"{"Count":0}"#);

        let error: Rejected =
            serde_json::from_str(r#"{"Message":"no","Reason":"TooBig"}"#).unwrap();
        assert_eq!(error.message(), Some("no"));
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"Message":"no","Reason":"TooBig"}"#
        );
    }

    #[test]
    fn other_formats_round_trip() {
        // A self-describing format other than JSON (serde_json's `Value`) goes both ways.
        let value = serde_json::to_value(record()).unwrap();
        let read: Record = serde_json::from_value(value).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), RECORD);
    }
}
