//! serde for the crate's types, in the awsJson form (the `serde` feature): what
//! `serde_json::to_vec` writes of a value is what `json::to_vec` writes, and what one reads the
//! other reads. The generated `serde.rs` implements `Serialize`/`Deserialize` for every
//! structure, union and enum with what is here:
//!
//! - adapters (serde_with's `SerializeAs`/`DeserializeAs`) for the values whose awsJson form is
//!   not serde's own: timestamps in their `@timestampFormat`, blobs as base64, documents as
//!   the JSON they hold, floats with `NaN` and the infinities as strings, big numbers as
//!   numbers, lists and maps that skip `null`s unless `@sparse`; serde_with composes them;
//! - [`ObjectVisitor`] and [`UnionVisitor`], which read an object into a structure or a
//!   union's member, skipping keys a newer service added, as the awsJson reader does.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, SerializeMap, Serializer};
use serde_with::de::DeserializeAsWrap;
use serde_with::ser::SerializeAsWrap;
use serde_with::{DeserializeAs, SerializeAs};

use crate::runtime::json_read::ReadInPlace;
use crate::runtime::json_write::special_name;
use crate::runtime::timestamp::{parse_date_time, parse_epoch_seconds, write_epoch_seconds};

/// A timestamp as epoch seconds, a number (the awsJson default): whole seconds as an integer,
/// others as the float nearest their exact decimal.
pub struct EpochSeconds;

/// A timestamp as an RFC 3339 string (`@timestampFormat("date-time")`).
pub struct DateTimeText;

/// A timestamp as an RFC 7231 string (`@timestampFormat("http-date")`).
pub struct HttpDate;

/// A blob as a base64 string.
pub struct Base64;

/// A document as the JSON value it holds (object keys sorted, as `json::to_vec` writes them).
pub struct Json;

/// A float or double: a number, `NaN` and the infinities as the strings awsJson uses.
pub struct Float;

/// A big integer or big decimal as a number: exactly as written when it fits a 64-bit integer,
/// otherwise the nearest double (serde has no arbitrary-precision number).
pub struct BigNumber;

impl SerializeAs<DateTime> for EpochSeconds {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        if value.subsec_nanos() == 0 {
            return serializer.serialize_i64(value.secs());
        }
        let mut text = Vec::new();
        let exact = if write_epoch_seconds(&mut text, value) {
            String::from_utf8(text).ok()
        } else {
            value.fmt(Format::EpochSeconds).ok()
        };
        match exact.and_then(|t| t.parse::<f64>().ok()) {
            Some(seconds) => serializer.serialize_f64(seconds),
            None => Err(ser::Error::custom(format!(
                "cannot write timestamp {value}"
            ))),
        }
    }
}

impl<'de> DeserializeAs<'de, DateTime> for EpochSeconds {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        struct Seconds;
        impl Visitor<'_> for Seconds {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("epoch seconds")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
                Ok(DateTime::from_secs(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
                i64::try_from(v)
                    .map(DateTime::from_secs)
                    .map_err(|_| E::custom(format!("epoch seconds {v} are out of range")))
            }
            // A double's shortest decimal is what was written (`1617954808.068`), read exactly.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateTime, E> {
                let text = ryu::Buffer::new().format(v).to_owned();
                self.visit_str(&text)
            }
            // As the awsJson reader, a string holding epoch seconds is accepted too.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
                parse_epoch_seconds(v.trim())
                    .ok_or_else(|| E::custom(format!("invalid epoch-seconds timestamp {v}")))
            }
        }
        deserializer.deserialize_any(Seconds)
    }
}

/// Writes `value` in `format` as a string.
fn timestamp_text<S: Serializer>(
    value: &DateTime,
    format: Format,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let text = value
        .fmt(format)
        .map_err(|e| ser::Error::custom(format!("cannot write timestamp {value}: {e}")))?;
    serializer.serialize_str(&text)
}

impl SerializeAs<DateTime> for DateTimeText {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        timestamp_text(value, Format::DateTime, serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for DateTimeText {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = <Text<'_> as serde::Deserialize>::deserialize(deserializer)?;
        parse_date_time(&text.0).map_err(|e| de::Error::custom(format!("invalid timestamp: {e}")))
    }
}

impl SerializeAs<DateTime> for HttpDate {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        timestamp_text(value, Format::HttpDate, serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for HttpDate {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = <Text<'_> as serde::Deserialize>::deserialize(deserializer)?;
        DateTime::from_str(&text.0, Format::HttpDate)
            .map_err(|e| de::Error::custom(format!("invalid timestamp: {e}")))
    }
}

impl SerializeAs<Blob> for Base64 {
    fn serialize_as<S: Serializer>(value: &Blob, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&aws_smithy_types::base64::encode(value.as_ref()))
    }
}

impl<'de> DeserializeAs<'de, Blob> for Base64 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Blob, D::Error> {
        let text = <Text<'_> as serde::Deserialize>::deserialize(deserializer)?;
        aws_smithy_types::base64::decode(text.0.as_ref())
            .map(Blob::new)
            .map_err(|e| de::Error::custom(format!("invalid base64: {e}")))
    }
}

/// Serializes a document (`serialize_as` takes it by reference; this recurses on references).
struct DocumentRef<'a>(&'a Document);

impl serde::Serialize for DocumentRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(b) => serializer.serialize_bool(*b),
            Document::String(s) => serializer.serialize_str(s),
            Document::Number(Number::PosInt(n)) => serializer.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => serializer.serialize_i64(*n),
            Document::Number(Number::Float(f)) => Float::serialize_as(f, serializer),
            Document::Array(items) => serializer.collect_seq(items.iter().map(DocumentRef)),
            Document::Object(entries) => {
                let mut entries: Vec<_> = entries.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, &DocumentRef(value))?;
                }
                map.end()
            }
        }
    }
}

impl SerializeAs<Document> for Json {
    fn serialize_as<S: Serializer>(value: &Document, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&DocumentRef(value), serializer)
    }
}

/// Reads any value as a document.
struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Document, E> {
        Ok(Document::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Document, E> {
        Ok(Document::Number(Number::PosInt(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Document, E> {
        Ok(Document::Number(if v < 0 {
            Number::NegInt(v)
        } else {
            Number::PosInt(v.unsigned_abs())
        }))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Document, E> {
        Ok(Document::Number(Number::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Document, E> {
        Ok(Document::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Document, E> {
        Ok(Document::String(v))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(DocumentSeed)? {
            items.push(item);
        }
        Ok(Document::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut entries = std::collections::HashMap::new();
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let value = map.next_value_seed(DocumentSeed)?;
            entries.insert(key.0.into_owned(), value);
        }
        Ok(Document::Object(entries))
    }
}

/// A document inside a document.
struct DocumentSeed;

impl<'de> de::DeserializeSeed<'de> for DocumentSeed {
    type Value = Document;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
        deserializer.deserialize_any(DocumentVisitor)
    }
}

impl<'de> DeserializeAs<'de, Document> for Json {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        deserializer.deserialize_any(DocumentVisitor)
    }
}

impl SerializeAs<f64> for Float {
    fn serialize_as<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            serializer.serialize_f64(*value)
        } else {
            serializer.serialize_str(special_name(value.is_nan(), value.is_sign_positive()))
        }
    }
}

impl SerializeAs<f32> for Float {
    fn serialize_as<S: Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            serializer.serialize_f32(*value)
        } else {
            serializer.serialize_str(special_name(value.is_nan(), value.is_sign_positive()))
        }
    }
}

/// Reads a number, or `NaN` and the infinities as strings.
struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

impl<'de> DeserializeAs<'de, f64> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        deserializer.deserialize_any(FloatVisitor)
    }
}

impl<'de> DeserializeAs<'de, f32> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        // Narrowed as the awsJson reader narrows.
        deserializer.deserialize_any(FloatVisitor).map(|v| v as f32)
    }
}

/// A list that is not `@sparse`: a `null` element is skipped, as the awsJson reader skips it
/// (`U` adapts the elements).
pub struct DenseList<U>(PhantomData<U>);

/// A map that is not `@sparse`: an entry whose value is `null` is skipped, as the awsJson
/// reader skips it (`U` adapts the values).
pub struct DenseMap<U>(PhantomData<U>);

impl<T, U: SerializeAs<T>> SerializeAs<Vec<T>> for DenseList<U> {
    fn serialize_as<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(SerializeAsWrap::<T, U>::new))
    }
}

impl<'de, T, U: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for DenseList<U> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        struct Items<T, U>(PhantomData<(T, U)>);
        impl<'de, T, U: DeserializeAs<'de, T>> Visitor<'de> for Items<T, U> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Option<DeserializeAsWrap<T, U>>>()? {
                    items.extend(item.map(DeserializeAsWrap::into_inner));
                }
                Ok(items)
            }
        }
        deserializer.deserialize_seq(Items::<T, U>(PhantomData))
    }
}

impl<K: serde::Serialize, V, U: SerializeAs<V>> SerializeAs<BTreeMap<K, V>> for DenseMap<U> {
    fn serialize_as<S: Serializer>(
        value: &BTreeMap<K, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            value
                .iter()
                .map(|(k, v)| (k, SerializeAsWrap::<V, U>::new(v))),
        )
    }
}

impl<'de, K, V, U> DeserializeAs<'de, BTreeMap<K, V>> for DenseMap<U>
where
    K: serde::Deserialize<'de> + Ord,
    U: DeserializeAs<'de, V>,
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error> {
        struct Entries<K, V, U>(PhantomData<(K, V, U)>);
        impl<'de, K, V, U> Visitor<'de> for Entries<K, V, U>
        where
            K: serde::Deserialize<'de> + Ord,
            U: DeserializeAs<'de, V>,
        {
            type Value = BTreeMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BTreeMap<K, V>, A::Error> {
                let mut entries = BTreeMap::new();
                while let Some((key, value)) =
                    map.next_entry::<K, Option<DeserializeAsWrap<V, U>>>()?
                {
                    if let Some(value) = value {
                        entries.insert(key, value.into_inner());
                    }
                }
                Ok(entries)
            }
        }
        deserializer.deserialize_map(Entries::<K, V, U>(PhantomData))
    }
}

/// Writes a big number's text as the number it is (see [`BigNumber`]).
fn serialize_big<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    if let Ok(n) = text.parse::<u64>() {
        serializer.serialize_u64(n)
    } else if let Ok(n) = text.parse::<i64>() {
        serializer.serialize_i64(n)
    } else {
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => serializer.serialize_f64(f),
            _ => Err(ser::Error::custom(format!(
                "big number {text} is out of range"
            ))),
        }
    }
}

/// Reads a number (or a string holding one, as the awsJson reader accepts) as its text.
struct BigNumberVisitor;

impl Visitor<'_> for BigNumberVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(ryu::Buffer::new().format(v).to_owned())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
}

impl SerializeAs<BigInteger> for BigNumber {
    fn serialize_as<S: Serializer>(value: &BigInteger, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_big(value.as_ref(), serializer)
    }
}

impl<'de> DeserializeAs<'de, BigInteger> for BigNumber {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<BigInteger, D::Error> {
        let text = deserializer.deserialize_any(BigNumberVisitor)?;
        text.parse()
            .map_err(|e| de::Error::custom(format!("invalid big integer: {e}")))
    }
}

impl SerializeAs<BigDecimal> for BigNumber {
    fn serialize_as<S: Serializer>(value: &BigDecimal, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_big(value.as_ref(), serializer)
    }
}

impl<'de> DeserializeAs<'de, BigDecimal> for BigNumber {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<BigDecimal, D::Error> {
        let text = deserializer.deserialize_any(BigNumberVisitor)?;
        text.parse()
            .map_err(|e| de::Error::custom(format!("invalid big decimal: {e}")))
    }
}

/// A string, borrowed from the input when the format allows: object keys and enum values.
pub struct Text<'de>(pub Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// A structure, read member by member by [`ObjectVisitor`], starting from the value the
/// awsJson reader starts from ([`ReadInPlace::empty`]: optional members `None`, members with a
/// `@default` at it, others at their type's zero).
pub trait ReadObject<'de>: ReadInPlace {
    /// What the object is, for errors (`a Backup object`).
    const EXPECTING: &'static str;
    /// Reads the value of member `key` (its wire name); `false`, with the value not read, for
    /// a member this crate does not know.
    fn member<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// Reads an object into the structure `T`: members in any order, `null` as absent (each member
/// reads an `Option`), unknown members skipped, as the awsJson reader does.
pub struct ObjectVisitor<T>(PhantomData<T>);

impl<T> ObjectVisitor<T> {
    /// The visitor.
    pub fn new() -> Self {
        ObjectVisitor(PhantomData)
    }
}

impl<T> Default for ObjectVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: ReadObject<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = <T as ReadInPlace>::empty();
        while let Some(key) = map.next_key::<Text<'de>>()? {
            if !value.member(&key.0, &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(value)
    }
}

/// `Serialize` and `Deserialize` for a structure, from one entry per member (one line of
/// generated code per member rather than about ten; a blanket impl is not allowed for serde's
/// traits). The call names the type (by its path in the crate: `types::Backup`), its shape's
/// name (for errors), then each member as
///
/// `opt|req field "Wire" [sensitive]: T [as Adapter]`
///
/// - `opt`: the field is an `Option<T>`, left out when `None`; `req`: the field is a `T`,
///   always written, and a `null` read leaves it at its empty value;
/// - `sensitive`: an error reading it names the member, never the value ([`redacted`]);
/// - `T` is the value's type (`Box<…>` when boxed for recursion), `Adapter` the serde_with
///   adapter writing its awsJson form (serde_with's `Same` when left out).
///
/// The map's length is counted first (formats such as MessagePack need it).
#[allow(unused_macros)] // Only generated code calls it.
macro_rules! structure {
    ($($ty:ident)::+, $name:literal {}) => {
        impl ::serde::Serialize for $crate$(::$ty)+ {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::ser::SerializeMap::end(
                    serializer.serialize_map(::std::option::Option::Some(0))?,
                )
            }
        }

        impl<'de> $crate::runtime::serde_wire::ReadObject<'de> for $crate$(::$ty)+ {
            const EXPECTING: &'static str = concat!("an object (structure ", $name, ")");
            fn member<A: ::serde::de::MapAccess<'de>>(
                &mut self,
                _key: &str,
                _map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                ::std::result::Result::Ok(false)
            }
        }

        $crate::runtime::serde_wire::structure!(@deserialize $crate$(::$ty)+);
    };
    ($($ty:ident)::+, $name:literal {
        $($mode:ident $field:ident $wire:literal $($sensitive:ident)?: $t:ty $(as $adapter:ty)?),+ $(,)?
    }) => {
        impl ::serde::Serialize for $crate$(::$ty)+ {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let len = 0 $(+ $crate::runtime::serde_wire::structure!(@count $mode self.$field))+;
                let mut map = serializer.serialize_map(::std::option::Option::Some(len))?;
                $($crate::runtime::serde_wire::structure!(
                    @write $mode map, $wire, self.$field,
                    $t, $crate::runtime::serde_wire::structure!(@adapter $($adapter)?)
                );)+
                ::serde::ser::SerializeMap::end(map)
            }
        }

        impl<'de> $crate::runtime::serde_wire::ReadObject<'de> for $crate$(::$ty)+ {
            const EXPECTING: &'static str = concat!("an object (structure ", $name, ")");
            fn member<A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                match key {
                    $($wire => {
                        let value = $crate::runtime::serde_wire::member::<
                            $t,
                            $crate::runtime::serde_wire::structure!(@adapter $($adapter)?),
                            A,
                        >(map, $wire, $crate::runtime::serde_wire::structure!(@sensitive $($sensitive)?))?;
                        $crate::runtime::serde_wire::structure!(@store $mode self.$field, value);
                    })+
                    _ => return ::std::result::Result::Ok(false),
                }
                ::std::result::Result::Ok(true)
            }
        }

        $crate::runtime::serde_wire::structure!(@deserialize $crate$(::$ty)+);
    };
    (@deserialize $ty:ty) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_map($crate::runtime::serde_wire::ObjectVisitor::new())
            }
        }
    };
    (@count opt $value:expr) => { usize::from($value.is_some()) };
    (@count req $value:expr) => { 1 };
    (@write opt $map:ident, $wire:literal, $value:expr, $t:ty, $adapter:ty) => {
        if let ::std::option::Option::Some(value) = &$value {
            $map.serialize_entry($wire, &::serde_with::ser::SerializeAsWrap::<$t, $adapter>::new(value))?;
        }
    };
    (@write req $map:ident, $wire:literal, $value:expr, $t:ty, $adapter:ty) => {
        $map.serialize_entry($wire, &::serde_with::ser::SerializeAsWrap::<$t, $adapter>::new(&$value))?;
    };
    (@store opt $field:expr, $value:ident) => { $field = $value };
    (@store req $field:expr, $value:ident) => {
        if let ::std::option::Option::Some(value) = $value {
            $field = value;
        }
    };
    (@adapter) => { ::serde_with::Same };
    (@adapter $adapter:ty) => { $adapter };
    (@sensitive) => { false };
    (@sensitive sensitive) => { true };
}
#[allow(unused_imports)] // A crate without structures has no object to read.
pub(crate) use structure;

/// `Serialize` and `Deserialize` for an enum, as its wire value: a string (an unknown one kept
/// as is) or, for an intEnum (`int`), an `i32`.
#[allow(unused_macros)] // Only generated code calls it.
macro_rules! enumeration {
    (string $($ty:ident)::+) => {
        impl ::serde::Serialize for $crate$(::$ty)+ {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $crate$(::$ty)+ {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let text = <$crate::runtime::serde_wire::Text<'de> as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(text.0.as_ref()))
            }
        }
    };
    (int $($ty:ident)::+) => {
        impl ::serde::Serialize for $crate$(::$ty)+ {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $crate$(::$ty)+ {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i32 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
#[allow(unused_imports)] // A crate without enums has none to write.
pub(crate) use enumeration;

/// Reads a structure member's value, `null` as `None`, through serde_with's adapter `U`; the
/// error of a `sensitive` member never quotes what was read.
pub fn member<'de, T, U: DeserializeAs<'de, T>, A: MapAccess<'de>>(
    map: &mut A,
    wire: &str,
    sensitive: bool,
) -> Result<Option<T>, A::Error> {
    let read = map
        .next_value::<DeserializeAsWrap<Option<T>, Option<U>>>()
        .map(DeserializeAsWrap::into_inner);
    if sensitive {
        redacted(read, wire)
    } else {
        read
    }
}

/// The error reading a `@sensitive` member gives: it names the member, never what was read
/// (serde's messages quote the unexpected value).
pub fn redacted<T, E: de::Error>(result: Result<T, E>, member: &str) -> Result<T, E> {
    result.map_err(|_| {
        E::custom(format!(
            "invalid value for member {member} (sensitive, not shown)"
        ))
    })
}

/// One member of a union read by [`UnionVisitor`].
pub enum UnionMember<U> {
    /// The member's value.
    Value(U),
    /// The member is `null`: not set.
    Null,
    /// A member this crate does not know (its value already skipped).
    Unknown,
}

impl<U> From<Option<U>> for UnionMember<U> {
    fn from(value: Option<U>) -> Self {
        value.map_or(UnionMember::Null, UnionMember::Value)
    }
}

/// A union, read by [`UnionVisitor`].
pub trait ReadUnion<'de>: Sized {
    /// What the union is, for errors.
    const EXPECTING: &'static str;
    /// The value of the member `key` (its wire name).
    fn member<A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<UnionMember<Self>, A::Error>;
    /// The union's `Unknown`.
    fn unknown() -> Self;
}

/// Reads an object holding one member of the union `U`, as the awsJson reader does: `__type`
/// is ignored, `null` members are not set, a member this crate does not know gives
/// `Unknown`, and two members set are an error.
pub struct UnionVisitor<U>(PhantomData<U>);

impl<U> UnionVisitor<U> {
    /// The visitor.
    pub fn new() -> Self {
        UnionVisitor(PhantomData)
    }
}

impl<U> Default for UnionVisitor<U> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, U: ReadUnion<'de>> Visitor<'de> for UnionVisitor<U> {
    type Value = U;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(U::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let mut found = None;
        let mut unknown = false;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            if key.0 == "__type" {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            match U::member(&key.0, &mut map)? {
                UnionMember::Value(value) => {
                    if found.is_some() {
                        return Err(de::Error::custom(format!(
                            "{} has more than one member set",
                            U::EXPECTING
                        )));
                    }
                    found = Some(value);
                }
                UnionMember::Null => {}
                UnionMember::Unknown => unknown = true,
            }
        }
        match found {
            Some(value) => Ok(value),
            None if unknown => Ok(U::unknown()),
            None => Err(de::Error::custom(format!(
                "{} has no member set",
                U::EXPECTING
            ))),
        }
    }
}

/// Writes a union's member: an object with the one entry `name: value`.
pub fn union_member<S: Serializer, T: serde::Serialize + ?Sized>(
    serializer: S,
    name: &'static str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(name, value)?;
    map.end()
}

/// The value of a union member targeting `smithy.api#Unit`: `{}`.
pub struct EmptyObject;

impl serde::Serialize for EmptyObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}
