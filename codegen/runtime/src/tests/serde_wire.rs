//! The serde adapters against the awsJson writer: the edges the generated crates' tests reach
//! less easily (times before the epoch, big numbers beyond 64 bits, documents' numbers).

use aws_smithy_types::{BigDecimal, BigInteger, DateTime, Document, Number};
use serde_with::de::DeserializeAsWrap;
use serde_with::ser::SerializeAsWrap;

use crate::json_write::JsonWriter;
use crate::serde_wire::{BigNumber, DenseList, DenseMap, EpochSeconds, Float, Json};
use crate::timestamp::TimestampFormat;

fn epoch(value: &DateTime) -> String {
    serde_json::to_string(&SerializeAsWrap::<DateTime, EpochSeconds>::new(value)).unwrap()
}

fn codec_epoch(value: &DateTime) -> String {
    let mut writer = JsonWriter::with_capacity(16);
    writer
        .timestamp(value, TimestampFormat::EpochSeconds)
        .unwrap();
    String::from_utf8(writer.into_bytes()).unwrap()
}

fn read_epoch(text: &str) -> DateTime {
    serde_json::from_str::<DeserializeAsWrap<DateTime, EpochSeconds>>(text)
        .unwrap()
        .into_inner()
}

#[test]
fn epoch_seconds_as_the_codec_writes_them_to_the_microsecond() {
    for value in [
        DateTime::from_secs(0),
        DateTime::from_secs(1_617_954_808),
        DateTime::from_secs_and_nanos(1_617_954_808, 68_000_000),
        DateTime::from_secs_and_nanos(1_617_954_808, 123_456_000),
        DateTime::from_secs_and_nanos(-1, 500_000_000),
        DateTime::from_secs(-86_400),
    ] {
        assert_eq!(epoch(&value), codec_epoch(&value), "{value:?}");
        assert_eq!(read_epoch(&epoch(&value)), value, "{value:?}");
    }
    // Past the microsecond, the nearest double.
    let fine = DateTime::from_secs_and_nanos(1_617_954_808, 123_456_789);
    assert_eq!(epoch(&fine), "1617954808.1234567");
    // Read as the codec reads: integers, decimals, exponents, and quoted numbers.
    assert_eq!(
        read_epoch("1617954808.068"),
        DateTime::from_secs_and_nanos(1_617_954_808, 68_000_000)
    );
    assert_eq!(
        read_epoch("\"12.5\""),
        DateTime::from_secs_and_nanos(12, 500_000_000)
    );
    assert_eq!(read_epoch("1.5e1"), DateTime::from_secs(15));
    let error = serde_json::from_str::<DeserializeAsWrap<DateTime, EpochSeconds>>("\"soon\"")
        .map(DeserializeAsWrap::into_inner)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("invalid epoch-seconds timestamp soon"),
        "{error}"
    );
}

#[test]
fn floats_and_big_numbers() {
    let float = |v: f64| serde_json::to_string(&SerializeAsWrap::<f64, Float>::new(&v)).unwrap();
    assert_eq!(float(f64::NAN), "\"NaN\"");
    assert_eq!(float(f64::INFINITY), "\"Infinity\"");
    assert_eq!(float(f64::NEG_INFINITY), "\"-Infinity\"");
    assert_eq!(float(1.5), "1.5");
    let read = |t: &str| {
        serde_json::from_str::<DeserializeAsWrap<f64, Float>>(t).map(DeserializeAsWrap::into_inner)
    };
    assert!(read("\"NaN\"").unwrap().is_nan());
    assert_eq!(read("-3").unwrap(), -3.0);
    assert!(read("\"nan\"").is_err());

    let big = |t: &str| {
        let value: BigInteger = t.parse().unwrap();
        serde_json::to_string(&SerializeAsWrap::<BigInteger, BigNumber>::new(&value)).unwrap()
    };
    assert_eq!(big("18446744073709551615"), "18446744073709551615");
    assert_eq!(big("-9223372036854775808"), "-9223372036854775808");
    // Beyond 64 bits, the nearest double: serde has no arbitrary-precision number.
    assert_eq!(big("18446744073709551616"), "1.8446744073709552e+19");
    let decimal: BigDecimal =
        serde_json::from_str::<DeserializeAsWrap<BigDecimal, BigNumber>>("\"0.1\"")
            .unwrap()
            .into_inner();
    assert_eq!(decimal.as_ref(), "0.1");
}

#[test]
fn documents_as_the_json_they_hold() {
    let text = r#"{"b":[1,-2,0.5,"x",null,true],"a":{}}"#;
    let document = serde_json::from_str::<DeserializeAsWrap<Document, Json>>(text)
        .unwrap()
        .into_inner();
    let Document::Object(entries) = &document else {
        panic!("an object: {document:?}")
    };
    assert_eq!(
        entries["b"],
        Document::Array(vec![
            Document::Number(Number::PosInt(1)),
            Document::Number(Number::NegInt(-2)),
            Document::Number(Number::Float(0.5)),
            Document::String("x".into()),
            Document::Null,
            Document::Bool(true),
        ])
    );
    // Keys sorted, as the codec writes them.
    let written =
        serde_json::to_string(&SerializeAsWrap::<Document, Json>::new(&document)).unwrap();
    assert_eq!(written, r#"{"a":{},"b":[1,-2,0.5,"x",null,true]}"#);
    let mut writer = JsonWriter::with_capacity(64);
    writer.document(&document);
    assert_eq!(String::from_utf8(writer.into_bytes()).unwrap(), written);
}

#[test]
fn dense_collections_skip_nulls() {
    let list = serde_json::from_str::<DeserializeAsWrap<Vec<String>, DenseList<serde_with::Same>>>(
        r#"["a",null,"b"]"#,
    )
    .unwrap()
    .into_inner();
    assert_eq!(list, ["a", "b"]);
    let map = serde_json::from_str::<
        DeserializeAsWrap<std::collections::BTreeMap<String, i32>, DenseMap<serde_with::Same>>,
    >(r#"{"a":1,"b":null}"#)
    .unwrap()
    .into_inner();
    assert_eq!(map.len(), 1);
    assert_eq!(map["a"], 1);
}

/// A structure as generated code declares one, with every kind of member `structure!` takes.
#[derive(Debug, Default, PartialEq)]
struct Record {
    id: String,
    size: i32,
    when: Option<DateTime>,
    secret: Option<String>,
    pin: i64,
    child: Option<Box<Record>>,
    tags: Option<Vec<String>>,
}

impl crate::json_read::DeserializeJson for Record {
    fn deserialize_json(
        _reader: &mut crate::json_read::JsonReader<'_>,
    ) -> Result<Self, crate::json_read::DeserializeError> {
        unreachable!("read by serde here")
    }
}

impl crate::json_read::ReadInPlace for Record {
    fn empty() -> Self {
        Record {
            size: 7,
            ..Record::default()
        }
    }
}

crate::runtime::serde_wire::structure!(tests::serde_wire::Record, "Record" {
    req id "Id": String,
    req size "Size": i32,
    opt when "When": DateTime as EpochSeconds,
    opt secret "Secret" sensitive: String,
    req pin "Pin" sensitive: i64,
    opt child "Child": Box<Record>,
    opt tags "Tags": Vec<String> as DenseList<serde_with::Same>,
});

/// A structure without members.
#[derive(Debug, Default, PartialEq)]
struct Nothing;

impl crate::json_read::DeserializeJson for Nothing {
    fn deserialize_json(
        _reader: &mut crate::json_read::JsonReader<'_>,
    ) -> Result<Self, crate::json_read::DeserializeError> {
        Ok(Nothing)
    }
}

impl crate::json_read::ReadInPlace for Nothing {
    fn empty() -> Self {
        Nothing
    }
}

crate::runtime::serde_wire::structure!(tests::serde_wire::Nothing, "Nothing" {});

#[test]
fn structures_write_what_is_set_and_read_what_they_know() {
    let record = Record {
        id: "r-1".into(),
        size: 3,
        when: Some(DateTime::from_secs(12)),
        secret: None,
        pin: 4,
        child: Some(Box::new(Record {
            tags: Some(vec!["a".into()]),
            ..Record::default()
        })),
        tags: None,
    };
    let json = serde_json::to_string(&record).unwrap();
    assert_eq!(
        json,
        r#"{"Id":"r-1","Size":3,"When":12,"Pin":4,"Child":{"Id":"","Size":0,"Pin":0,"Tags":["a"]}}"#
    );
    assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), record);

    // Members in any order, unknown ones skipped, `null` as absent: a required member keeps
    // its empty value, a list skips `null`s.
    let read: Record = serde_json::from_str(
        r#"{"Tags":["x",null],"New":{"a":[1]},"Size":null,"Secret":"s","When":null,"Id":"i"}"#,
    )
    .unwrap();
    assert_eq!(
        read,
        Record {
            id: "i".into(),
            size: 7,
            secret: Some("s".into()),
            tags: Some(vec!["x".into()]),
            ..Record::default()
        }
    );

    // Errors name the structure, and a sensitive member's never quotes the value.
    let error = serde_json::from_str::<Record>("[]")
        .unwrap_err()
        .to_string();
    assert!(error.contains("an object (structure Record)"), "{error}");
    let error = serde_json::from_str::<Record>(r#"{"Secret":12345}"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("invalid value for member Secret (sensitive, not shown)"),
        "{error}"
    );
    assert!(!error.contains("12345"), "{error}");
    let error = serde_json::from_str::<Record>(r#"{"Pin":"98765"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("member Pin (sensitive"), "{error}");
    assert!(!error.contains("98765"), "{error}");
    let error = serde_json::from_str::<Record>(r#"{"Size":"big"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("big"), "{error}");

    assert_eq!(serde_json::to_string(&Nothing).unwrap(), "{}");

    // The map's length is announced first (formats such as MessagePack write it): the
    // required members, and the optional ones set.
    use serde_test::{assert_ser_tokens, Token};
    let mut record = Record {
        id: "r".into(),
        size: 3,
        pin: 4,
        ..Record::default()
    };
    let required = [
        Token::Str("Id"),
        Token::Str("r"),
        Token::Str("Size"),
        Token::I32(3),
    ];
    let tokens: Vec<Token> = [Token::Map { len: Some(3) }]
        .into_iter()
        .chain(required)
        .chain([Token::Str("Pin"), Token::I64(4), Token::MapEnd])
        .collect();
    assert_ser_tokens(&record, &tokens);
    record.secret = Some("s".into());
    let tokens: Vec<Token> = [Token::Map { len: Some(4) }]
        .into_iter()
        .chain(required)
        .chain([
            // A member set is written as its value, not as an option.
            Token::Str("Secret"),
            Token::Str("s"),
            Token::Str("Pin"),
            Token::I64(4),
            Token::MapEnd,
        ])
        .collect();
    assert_ser_tokens(&record, &tokens);
    assert_ser_tokens(&Nothing, &[Token::Map { len: Some(0) }, Token::MapEnd]);
    assert_eq!(
        serde_json::from_str::<Nothing>(r#"{"a":1}"#).unwrap(),
        Nothing
    );
}

/// A string enum as generated code declares one.
#[derive(Debug, PartialEq)]
enum Colour {
    Red,
    Unknown(String),
}

impl Colour {
    fn as_str(&self) -> &str {
        match self {
            Colour::Red => "RED",
            Colour::Unknown(value) => value,
        }
    }
}

impl From<&str> for Colour {
    fn from(value: &str) -> Self {
        match value {
            "RED" => Colour::Red,
            other => Colour::Unknown(other.to_owned()),
        }
    }
}

crate::runtime::serde_wire::enumeration!(string tests::serde_wire::Colour);

/// An intEnum as generated code declares one.
#[derive(Debug, PartialEq)]
struct Level(i32);

impl Level {
    fn value(&self) -> i32 {
        self.0
    }
}

impl From<i32> for Level {
    fn from(value: i32) -> Self {
        Level(value)
    }
}

crate::runtime::serde_wire::enumeration!(int tests::serde_wire::Level);

#[test]
fn enums_as_their_wire_values_unknown_ones_kept() {
    assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), r#""RED""#);
    assert_eq!(
        serde_json::from_str::<Colour>(r#""RED""#).unwrap(),
        Colour::Red
    );
    let unknown: Colour = serde_json::from_str(r#""TEAL""#).unwrap();
    assert_eq!(unknown, Colour::Unknown("TEAL".into()));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""TEAL""#);
    assert_eq!(serde_json::to_string(&Level(3)).unwrap(), "3");
    assert_eq!(serde_json::from_str::<Level>("9").unwrap(), Level(9));
    assert!(serde_json::from_str::<Level>(r#""9""#).is_err());
}
