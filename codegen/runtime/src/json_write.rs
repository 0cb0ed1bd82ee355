//! Writing awsJson bodies: a small JSON writer the generated serializers drive. It writes
//! straight into a byte buffer (numbers via `itoa`/`ryu`, timestamps and base64 via
//! aws-smithy-types) and keeps only one bit of state: whether a comma is due.

use std::fmt;

use aws_smithy_types::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};

use crate::runtime::json_read::find_special;
use crate::runtime::timestamp::{smithy_format, write_epoch_seconds, TimestampFormat};

/// A value this crate can write as awsJson.
pub trait SerializeJson {
    /// Writes the value as one JSON value.
    fn serialize_json(&self, writer: &mut JsonWriter) -> Result<(), SerializeError>;
}

/// Writes `value` as a JSON document.
pub fn to_vec<T: SerializeJson + ?Sized>(value: &T) -> Result<Vec<u8>, SerializeError> {
    // Most request bodies fit: one allocation, no copy as the body grows.
    let mut writer = JsonWriter::with_capacity(1024);
    value.serialize_json(&mut writer)?;
    Ok(writer.into_bytes())
}

/// Appends the JSON document of `value` to `buffer`, as `serde_json::to_writer` does to a
/// `Vec<u8>`: a caller writing many values clears and reuses one buffer, and allocates nothing
/// once it is large enough. On an error, `buffer` is left as it was.
pub fn to_writer<T: SerializeJson + ?Sized>(
    buffer: &mut Vec<u8>,
    value: &T,
) -> Result<(), SerializeError> {
    let start = buffer.len();
    let mut writer = JsonWriter {
        out: std::mem::take(buffer),
        comma: false,
    };
    let written = value.serialize_json(&mut writer);
    *buffer = writer.out;
    if written.is_err() {
        buffer.truncate(start);
    }
    written
}

/// A JSON writer into a byte buffer.
#[derive(Debug, Default)]
pub struct JsonWriter {
    out: Vec<u8>,
    /// A value was just written: the next key or element needs a comma first.
    comma: bool,
}

impl JsonWriter {
    /// An empty writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        JsonWriter {
            out: Vec::with_capacity(capacity),
            comma: false,
        }
    }

    /// The JSON written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    #[inline(always)]
    fn separate(&mut self) {
        if self.comma {
            self.out.push(b',');
        }
    }

    /// `{`
    #[inline]
    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push(b'{');
        self.comma = false;
    }

    /// `}`
    #[inline]
    pub fn end_object(&mut self) {
        self.out.push(b'}');
        self.comma = true;
    }

    /// `[`
    #[inline]
    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push(b'[');
        self.comma = false;
    }

    /// `]`
    #[inline]
    pub fn end_array(&mut self) {
        self.out.push(b']');
        self.comma = true;
    }

    /// A member name that needs no escaping (Smithy member names are identifiers). Inlined:
    /// the name's length is then known where it is copied, which makes the copy a few moves.
    #[inline(always)]
    pub fn member(&mut self, name: &'static str) {
        self.out.reserve(name.len() + 4);
        self.separate();
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.comma = false;
    }

    /// A map key (escaped).
    pub fn key(&mut self, key: &str) {
        self.separate();
        write_escaped(&mut self.out, key);
        self.out.push(b':');
        self.comma = false;
    }

    /// `null`
    #[inline]
    pub fn null(&mut self) {
        self.separate();
        self.out.extend_from_slice(b"null");
        self.comma = true;
    }

    /// A string (escaped).
    #[inline]
    pub fn string(&mut self, value: &str) {
        self.separate();
        write_escaped(&mut self.out, value);
        self.comma = true;
    }

    /// `true` or `false`.
    #[inline]
    pub fn boolean(&mut self, value: bool) {
        self.separate();
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        self.comma = true;
    }

    /// A whole number.
    pub fn integer(&mut self, value: impl itoa::Integer) {
        self.separate();
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
        self.comma = true;
    }

    /// A double; NaN and the infinities as the strings awsJson uses.
    pub fn double(&mut self, value: f64) {
        if value.is_finite() {
            self.separate();
            self.out
                .extend_from_slice(ryu::Buffer::new().format_finite(value).as_bytes());
            self.comma = true;
        } else {
            self.string(special_name(value.is_nan(), value.is_sign_positive()));
        }
    }

    /// A float; NaN and the infinities as the strings awsJson uses.
    pub fn float(&mut self, value: f32) {
        if value.is_finite() {
            self.separate();
            self.out
                .extend_from_slice(ryu::Buffer::new().format_finite(value).as_bytes());
            self.comma = true;
        } else {
            self.string(special_name(value.is_nan(), value.is_sign_positive()));
        }
    }

    /// A timestamp in `format` (epoch seconds as an exact decimal number).
    pub fn timestamp(
        &mut self,
        value: &DateTime,
        format: TimestampFormat,
    ) -> Result<(), SerializeError> {
        if format == TimestampFormat::EpochSeconds {
            self.separate();
            if write_epoch_seconds(&mut self.out, value) {
                self.comma = true;
                return Ok(());
            }
        }
        let text = value
            .fmt(smithy_format(format))
            .map_err(|e| SerializeError::new(format!("cannot write timestamp {value}: {e}")))?;
        if format == TimestampFormat::EpochSeconds {
            self.separate();
            self.out.extend_from_slice(text.as_bytes());
            self.comma = true;
        } else {
            self.string(&text);
        }
        Ok(())
    }

    /// A blob, base64-encoded.
    pub fn blob(&mut self, value: &Blob) {
        self.string(&aws_smithy_types::base64::encode(value.as_ref()));
    }

    /// A big integer, as a JSON number.
    pub fn big_integer(&mut self, value: &BigInteger) {
        self.raw_number(value.as_ref());
    }

    /// A big decimal, as a JSON number.
    pub fn big_decimal(&mut self, value: &BigDecimal) {
        self.raw_number(value.as_ref());
    }

    fn raw_number(&mut self, text: &str) {
        self.separate();
        self.out.extend_from_slice(text.as_bytes());
        self.comma = true;
    }

    /// A document, as the JSON it holds (object keys sorted, so output is stable).
    pub fn document(&mut self, value: &Document) {
        match value {
            Document::Null => self.null(),
            Document::Bool(b) => self.boolean(*b),
            Document::String(s) => self.string(s),
            Document::Number(Number::PosInt(n)) => self.integer(*n),
            Document::Number(Number::NegInt(n)) => self.integer(*n),
            Document::Number(Number::Float(f)) => self.double(*f),
            Document::Array(items) => {
                self.begin_array();
                for item in items {
                    self.document(item);
                }
                self.end_array();
            }
            Document::Object(entries) => {
                let mut entries: Vec<_> = entries.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                self.begin_object();
                for (key, item) in entries {
                    self.key(key);
                    self.document(item);
                }
                self.end_object();
            }
        }
    }
}

/// The awsJson name of a float that is not finite (`NaN`, `Infinity`, `-Infinity`).
pub(crate) fn special_name(nan: bool, positive: bool) -> &'static str {
    match (nan, positive) {
        (true, _) => "NaN",
        (false, true) => "Infinity",
        (false, false) => "-Infinity",
    }
}

/// Writes `value` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, …
/// or `\u00XX`; everything else (all of Unicode) as is. Runs without anything to escape are
/// found eight bytes at a time and copied whole.
fn write_escaped(out: &mut Vec<u8>, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = value.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    loop {
        let at = find_special(bytes, start);
        out.extend_from_slice(&bytes[start..at]);
        let Some(&b) = bytes.get(at) else {
            break;
        };
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ],
        };
        out.extend_from_slice(escape);
        start = at + 1;
    }
    out.push(b'"');
}

/// Why a value could not be written, and where. One pointer wide, so that the `Result` every
/// write returns stays small.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SerializeError(Box<SerializeErrorDetail>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct SerializeErrorDetail {
    /// Innermost member first.
    path: Vec<&'static str>,
    message: String,
}

impl SerializeError {
    #[cold]
    pub(crate) fn new(message: String) -> Self {
        SerializeError(Box::new(SerializeErrorDetail {
            path: Vec::new(),
            message,
        }))
    }

    /// The same error, inside member `name`.
    pub fn in_member(mut self, name: &'static str) -> Self {
        self.0.path.push(name);
        self
    }

    /// The member path to the value at fault, e.g. `Filter.Condition`.
    pub fn path(&self) -> String {
        self.0
            .path
            .iter()
            .rev()
            .copied()
            .collect::<Vec<_>>()
            .join(".")
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if path.is_empty() {
            f.write_str(&self.0.message)
        } else {
            write!(f, "{path}: {}", self.0.message)
        }
    }
}

impl std::error::Error for SerializeError {}

/// `SerializeJson` for a structure, written by `macro_rules!` from one entry per member rather
/// than out in full (the same code compiled, a line of generated code per member instead of
/// four). The call names the type (by its path in the crate: `types::Backup`), then each
/// member as
///
/// `opt|req field "Wire": how`
///
/// `opt`: the field is an `Option`, written only when set; `req`: always written. `how` is
/// how [`value!`] writes it.
#[allow(unused_macros)] // A crate without structures never calls it.
macro_rules! structure {
    ($($ty:ident)::+ {
        $($mode:ident $field:ident $wire:literal: $how:ident $(($arg:ident))?),* $(,)?
    }) => {
        impl $crate::runtime::json_write::SerializeJson for $crate$(::$ty)+ {
            fn serialize_json(
                &self,
                writer: &mut $crate::runtime::json_write::JsonWriter,
            ) -> ::std::result::Result<(), $crate::runtime::json_write::SerializeError> {
                writer.begin_object();
                $($crate::runtime::json_write::structure!(
                    @$mode writer, self.$field, $wire, $how $(($arg))?
                );)*
                writer.end_object();
                ::std::result::Result::Ok(())
            }
        }
    };
    (@opt $writer:ident, $field:expr, $wire:literal, $($how:tt)+) => {
        if let ::std::option::Option::Some(value) = &$field {
            $writer.member($wire);
            $crate::runtime::json_write::value!($writer, value, $wire, $($how)+);
        }
    };
    (@req $writer:ident, $field:expr, $wire:literal, $($how:tt)+) => {
        $writer.member($wire);
        $crate::runtime::json_write::value!($writer, &$field, $wire, $($how)+);
    };
}
#[allow(unused_imports)] // A crate without structures never calls it.
pub(crate) use structure;

/// Writes `value` (a reference) with `writer`, as `how` says: `string`, `boolean`, `integer`,
/// `float`, `double`, `big_integer`, `big_decimal`, `blob`, `document`; `enumeration` (its
/// wire string), `int_enum`; `timestamp(Format)` (a [`TimestampFormat`] variant); `structure`
/// (or `boxed`, in a `Box`), through its `SerializeJson`; `with(function)`, a list's or map's
/// writer. An error from a nested value gains the member name `wire` (`_` for none: a list's
/// or map's element).
#[allow(unused_macros)] // A crate uses the kinds its members need.
macro_rules! value {
    ($writer:ident, $value:expr, $wire:tt, string) => { $writer.string($value) };
    ($writer:ident, $value:expr, $wire:tt, boolean) => { $writer.boolean(*$value) };
    ($writer:ident, $value:expr, $wire:tt, integer) => { $writer.integer(*$value) };
    ($writer:ident, $value:expr, $wire:tt, float) => { $writer.float(*$value) };
    ($writer:ident, $value:expr, $wire:tt, double) => { $writer.double(*$value) };
    ($writer:ident, $value:expr, $wire:tt, big_integer) => { $writer.big_integer($value) };
    ($writer:ident, $value:expr, $wire:tt, big_decimal) => { $writer.big_decimal($value) };
    ($writer:ident, $value:expr, $wire:tt, blob) => { $writer.blob($value) };
    ($writer:ident, $value:expr, $wire:tt, document) => { $writer.document($value) };
    ($writer:ident, $value:expr, $wire:tt, enumeration) => { $writer.string($value.as_str()) };
    ($writer:ident, $value:expr, $wire:tt, int_enum) => { $writer.integer($value.value()) };
    ($writer:ident, $value:expr, $wire:tt, timestamp($format:ident)) => {
        $crate::runtime::json_write::value!(
            @nested $wire,
            $writer.timestamp($value, $crate::runtime::timestamp::TimestampFormat::$format)
        )
    };
    ($writer:ident, $value:expr, $wire:tt, structure) => {
        $crate::runtime::json_write::value!(
            @nested $wire,
            $crate::runtime::json_write::SerializeJson::serialize_json($value, $writer)
        )
    };
    ($writer:ident, $value:expr, $wire:tt, boxed) => {
        $crate::runtime::json_write::value!(
            @nested $wire,
            $crate::runtime::json_write::SerializeJson::serialize_json(&**$value, $writer)
        )
    };
    ($writer:ident, $value:expr, $wire:tt, with($function:ident)) => {
        $crate::runtime::json_write::value!(@nested $wire, $function($writer, $value))
    };
    (@nested _, $result:expr) => { $result? };
    (@nested $wire:literal, $result:expr) => { $result.map_err(|e| e.in_member($wire))? };
}
#[allow(unused_imports)] // A crate uses the kinds its members need.
pub(crate) use value;

/// The writer of a list or map shape: a crate function `name(writer, value)` writing each
/// element as [`value!`] does (`how`); a `sparse_` one writes `None` elements as `null`. A
/// map's keys are strings, or a string enum's values (`enumeration`).
#[allow(unused_macros)] // A crate uses the kinds its collections need.
macro_rules! collection {
    (list $name:ident: $ty:ty => $($how:tt)+) => {
        $crate::runtime::json_write::collection!(@list $name: $ty, writer, item => {
            $crate::runtime::json_write::value!(writer, item, _, $($how)+);
        });
    };
    (sparse_list $name:ident: $ty:ty => $($how:tt)+) => {
        $crate::runtime::json_write::collection!(@list $name: $ty, writer, item => {
            match item {
                ::std::option::Option::Some(item) => {
                    $crate::runtime::json_write::value!(writer, item, _, $($how)+);
                }
                ::std::option::Option::None => writer.null(),
            }
        });
    };
    (map $name:ident: $ty:ty, $key:ident => $($how:tt)+) => {
        $crate::runtime::json_write::collection!(@map $name: $ty, $key, writer, item => {
            $crate::runtime::json_write::value!(writer, item, _, $($how)+);
        });
    };
    (sparse_map $name:ident: $ty:ty, $key:ident => $($how:tt)+) => {
        $crate::runtime::json_write::collection!(@map $name: $ty, $key, writer, item => {
            match item {
                ::std::option::Option::Some(item) => {
                    $crate::runtime::json_write::value!(writer, item, _, $($how)+);
                }
                ::std::option::Option::None => writer.null(),
            }
        });
    };
    (@list $name:ident: $ty:ty, $writer:ident, $item:ident => $write:block) => {
        pub(crate) fn $name(
            $writer: &mut $crate::runtime::json_write::JsonWriter,
            value: &$ty,
        ) -> ::std::result::Result<(), $crate::runtime::json_write::SerializeError> {
            $writer.begin_array();
            for $item in value $write
            $writer.end_array();
            ::std::result::Result::Ok(())
        }
    };
    (@map $name:ident: $ty:ty, $key:ident, $writer:ident, $item:ident => $write:block) => {
        pub(crate) fn $name(
            $writer: &mut $crate::runtime::json_write::JsonWriter,
            value: &$ty,
        ) -> ::std::result::Result<(), $crate::runtime::json_write::SerializeError> {
            $writer.begin_object();
            for (key, $item) in value {
                $writer.key($crate::runtime::json_write::collection!(@key key, $key));
                $write
            }
            $writer.end_object();
            ::std::result::Result::Ok(())
        }
    };
    (@key $key:ident, string) => { $key };
    (@key $key:ident, enumeration) => { $key.as_str() };
}
#[allow(unused_imports)] // A crate uses the kinds its collections need.
pub(crate) use collection;
