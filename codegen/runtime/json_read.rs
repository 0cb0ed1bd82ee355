//! Reading awsJson bodies: a thin, strict layer over `jiter` that the generated
//! deserializers drive. Every read checks the JSON type it gets, and an error carries the
//! member path to the offending value (`Backup.FileSystem.StorageCapacity`), built only while
//! the error travels up, so that the success path pays nothing for it.

use std::fmt;

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use jiter::{Jiter, Peek};

/// Objects and arrays nest at most this deep (a hostile body cannot exhaust the stack).
///
/// 64, as in `System.Text.Json`: far beyond real data, and shallow enough for a debug build
/// of a generated crate to reach it on a 2 MiB thread (Rust's default for spawned threads,
/// tokio's for its workers). A generated deserializer's frame holds every member of its
/// structure: at 128 levels, FSx's `FileSystem` → `AdministrativeActions` → `FileSystem`
/// recursion needs about 3.2 MiB of stack in a debug build, and overflows (aborting the
/// process) on such a thread.
pub const MAX_DEPTH: usize = 64;

/// A value this crate can read from awsJson.
pub trait DeserializeJson: Sized {
    /// Reads one value; the reader is positioned at its first token.
    fn deserialize_json(reader: &mut JsonReader<'_>) -> Result<Self, DeserializeError>;

    /// Reads one value into `place`, which holds what reading `{}` gives. Structures fill their
    /// fields in place, so that reading never moves a large value.
    fn deserialize_json_into(
        reader: &mut JsonReader<'_>,
        place: &mut Self,
    ) -> Result<(), DeserializeError> {
        *place = Self::deserialize_json(reader)?;
        Ok(())
    }
}

/// Reads a whole JSON document as `T` (trailing whitespace is fine, anything else is not).
pub fn from_slice<T: DeserializeJson>(json: &[u8]) -> Result<T, DeserializeError> {
    let mut reader = JsonReader::new(json);
    let value = T::deserialize_json(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// The JSON type of the next value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonKind {
    fn name(self) -> &'static str {
        match self {
            JsonKind::Null => "null",
            JsonKind::Bool => "boolean",
            JsonKind::Number => "number",
            JsonKind::String => "string",
            JsonKind::Array => "array",
            JsonKind::Object => "object",
        }
    }
}

/// How a timestamp is written on the wire (`@timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the epoch as a JSON number, with a fraction when needed (the awsJson
    /// default).
    EpochSeconds,
    /// An RFC 3339 string.
    DateTime,
    /// An RFC 7231 HTTP date string.
    HttpDate,
}

/// A cursor over a JSON document.
pub struct JsonReader<'a> {
    jiter: Jiter<'a>,
    data: &'a [u8],
    depth: usize,
}

impl<'a> JsonReader<'a> {
    /// A reader at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        JsonReader {
            jiter: Jiter::new(data),
            data,
            depth: 0,
        }
    }

    fn error_at(&self, index: usize, message: impl Into<String>) -> DeserializeError {
        let position = self.jiter.error_position(index);
        DeserializeError::new(message.into(), Some((position.line, position.column)))
    }

    fn error(&self, message: impl Into<String>) -> DeserializeError {
        self.error_at(self.jiter.current_index(), message)
    }

    fn syntax(&self, error: jiter::JiterError) -> DeserializeError {
        self.error_at(error.index, format!("invalid JSON: {}", error.error_type))
    }

    fn mismatch(&self, expected: &str, got: JsonKind) -> DeserializeError {
        self.error(format!("expected {expected}, got {}", got.name()))
    }

    /// The type of the next value, without consuming it.
    pub fn peek(&mut self) -> Result<JsonKind, DeserializeError> {
        let peek = self.jiter.peek().map_err(|e| self.syntax(e))?;
        Ok(match peek {
            Peek::Null => JsonKind::Null,
            Peek::True | Peek::False => JsonKind::Bool,
            Peek::String => JsonKind::String,
            Peek::Array => JsonKind::Array,
            Peek::Object => JsonKind::Object,
            p if p.is_num() => JsonKind::Number,
            _ => return Err(self.error("invalid JSON: expected a value")),
        })
    }

    /// `None` for a `null`, else what `read` reads.
    pub fn optional<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<Option<T>, DeserializeError> {
        if self.take_null()? {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    /// Reads member `name` (or `null`, which leaves it unset) into `slot`. Out of line, so that
    /// the temporaries of every member's read do not pile up in the frame of the structure's
    /// deserializer: a deeply recursive body then needs far less stack.
    #[inline(never)]
    pub fn member<T>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
        read: impl FnOnce(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<(), DeserializeError> {
        *slot = self.optional(read).map_err(|e| e.in_member(name))?;
        Ok(())
    }

    /// Reads member `name` into a field that always has a value (required or defaulted): a
    /// `null` leaves it as it is.
    #[inline(never)]
    pub fn value<T>(
        &mut self,
        slot: &mut T,
        name: &'static str,
        read: impl FnOnce(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<(), DeserializeError> {
        if !self.take_null().map_err(|e| e.in_member(name))? {
            *slot = read(self).map_err(|e| e.in_member(name))?;
        }
        Ok(())
    }

    /// Reads structure member `name` in place into `slot` (a `null` unsets it).
    #[inline(never)]
    pub fn member_in_place<T: DeserializeJson>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
        empty: fn() -> T,
    ) -> Result<(), DeserializeError> {
        if self.take_null().map_err(|e| e.in_member(name))? {
            *slot = None;
            return Ok(());
        }
        let place = slot.insert(empty());
        T::deserialize_json_into(self, place).map_err(|e| e.in_member(name))
    }

    /// Reads boxed structure member `name` in place into `slot` (a `null` unsets it).
    #[inline(never)]
    pub fn member_boxed<T: DeserializeJson>(
        &mut self,
        slot: &mut Option<Box<T>>,
        name: &'static str,
        empty: fn() -> T,
    ) -> Result<(), DeserializeError> {
        if self.take_null().map_err(|e| e.in_member(name))? {
            *slot = None;
            return Ok(());
        }
        let place = slot.insert(Box::new(empty()));
        T::deserialize_json_into(self, place).map_err(|e| e.in_member(name))
    }

    /// Reads required structure member `name` in place (a `null` leaves it as it is).
    #[inline(never)]
    pub fn value_in_place<T: DeserializeJson>(
        &mut self,
        slot: &mut T,
        name: &'static str,
        empty: fn() -> T,
    ) -> Result<(), DeserializeError> {
        if !self.take_null().map_err(|e| e.in_member(name))? {
            *slot = empty();
            T::deserialize_json_into(self, slot).map_err(|e| e.in_member(name))?;
        }
        Ok(())
    }

    /// Reads required boxed structure member `name` in place (a `null` leaves it as it is).
    #[inline(never)]
    pub fn value_boxed<T: DeserializeJson>(
        &mut self,
        slot: &mut Box<T>,
        name: &'static str,
        empty: fn() -> T,
    ) -> Result<(), DeserializeError> {
        if !self.take_null().map_err(|e| e.in_member(name))? {
            **slot = empty();
            T::deserialize_json_into(self, slot).map_err(|e| e.in_member(name))?;
        }
        Ok(())
    }

    /// Reads list element `index` (a structure) in place at the end of `items`; a `null` element
    /// is dropped (the list is dense).
    #[inline(never)]
    pub fn element_in_place<T: DeserializeJson>(
        &mut self,
        items: &mut Vec<T>,
        empty: fn() -> T,
        index: usize,
    ) -> Result<(), DeserializeError> {
        if self.take_null().map_err(|e| e.in_index(index))? {
            return Ok(());
        }
        let first = items.is_empty();
        let start = self.jiter.current_index();
        items.push(empty());
        let place = items.last_mut().expect("an element was just pushed");
        T::deserialize_json_into(self, place).map_err(|e| e.in_index(index))?;
        if first {
            self.reserve_after_first(items, start);
        }
        Ok(())
    }

    /// Reads the value of map entry `key` (a structure; `name` is the key as written) in place;
    /// a `null` value drops the entry (the map is dense).
    #[inline(never)]
    pub fn entry_in_place<K: Ord, T: DeserializeJson>(
        &mut self,
        map: &mut std::collections::BTreeMap<K, T>,
        key: K,
        name: &str,
        empty: fn() -> T,
    ) -> Result<(), DeserializeError> {
        if self.take_null().map_err(|e| e.in_key(name))? {
            return Ok(());
        }
        let place = match map.entry(key) {
            std::collections::btree_map::Entry::Vacant(entry) => entry.insert(empty()),
            std::collections::btree_map::Entry::Occupied(entry) => {
                let place = entry.into_mut();
                *place = empty();
                place
            }
        };
        T::deserialize_json_into(self, place).map_err(|e| e.in_key(name))
    }

    /// After the first element of a list is read: room for as many more as the rest of the
    /// document could hold at that element's size, so that a long list of large structures is
    /// not copied each time it outgrows its buffer. Bounded: the room never takes more than
    /// eight times the document's remaining bytes. [`trim`] gives back what was not used.
    fn reserve_after_first<T>(&self, items: &mut Vec<T>, first_start: usize) {
        let used = self
            .jiter
            .current_index()
            .saturating_sub(first_start)
            .max(1);
        let remaining = self.data.len().saturating_sub(self.jiter.current_index());
        let by_size = remaining.saturating_mul(8) / std::mem::size_of::<T>().max(1);
        items.reserve((remaining / used).min(by_size));
    }

    /// An error about the value at the current position.
    pub fn invalid(&self, message: impl Into<String>) -> DeserializeError {
        self.error(message)
    }

    /// Consumes a `null` if that is what comes next.
    pub fn take_null(&mut self) -> Result<bool, DeserializeError> {
        if self.jiter.peek().map_err(|e| self.syntax(e))? == Peek::Null {
            self.jiter.known_null().map_err(|e| self.syntax(e))?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Skips the next value, whatever it is.
    pub fn skip(&mut self) -> Result<(), DeserializeError> {
        self.jiter.next_skip().map_err(|e| self.syntax(e))
    }

    /// Checks that nothing but whitespace follows.
    pub fn finish(&mut self) -> Result<(), DeserializeError> {
        self.jiter.finish().map_err(|e| self.syntax(e))
    }

    fn expect(&mut self, expected: &str, kind: JsonKind) -> Result<(), DeserializeError> {
        let got = self.peek()?;
        if got == kind {
            Ok(())
        } else {
            Err(self.mismatch(expected, got))
        }
    }

    /// A string.
    pub fn string(&mut self) -> Result<String, DeserializeError> {
        self.str_with(str::to_owned)
    }

    /// A string, handed to `f` without copying it (enum values are mostly known strings).
    pub fn str_with<R>(&mut self, f: impl FnOnce(&str) -> R) -> Result<R, DeserializeError> {
        // The common case (a string) peeks once; anything else is sorted out by `expect`.
        if self.jiter.peek().map_err(|e| self.syntax(e))? != Peek::String {
            self.expect("string", JsonKind::String)?;
        }
        match self.jiter.known_str() {
            Ok(s) => Ok(f(s)),
            Err(e) => Err(self.syntax(e)),
        }
    }

    /// An enum value (known or not; an enum's `From<&str>` never fails).
    pub fn enum_value<T: for<'s> From<&'s str>>(&mut self) -> Result<T, DeserializeError> {
        self.str_with(|s| T::from(s))
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Result<bool, DeserializeError> {
        self.expect("boolean", JsonKind::Bool)?;
        self.jiter.next_bool().map_err(|e| self.syntax(e))
    }

    /// A whole number that fits in `T` (a fraction or exponent is an error, not rounded).
    ///
    /// The number's text is parsed here: jiter's `next_int` (without its `num-bigint` feature)
    /// rejects every integer of 19 digits or more, valid `i64`s such as `9223372036854775807`
    /// and `-1000000000000000000` included.
    pub fn integer<T: TryFrom<i64>>(&mut self, what: &str) -> Result<T, DeserializeError> {
        self.expect("integer", JsonKind::Number)?;
        let start = self.jiter.current_index();
        let text = self.number_text()?;
        let fraction = text.contains(['.', 'e', 'E']);
        let parsed = text.parse::<i64>();
        if fraction {
            return Err(self.error_at(
                start,
                "expected integer, got a number with a fraction or exponent",
            ));
        }
        match parsed {
            Ok(n) => T::try_from(n)
                .map_err(|_| self.error_at(start, format!("{n} does not fit in {what}"))),
            Err(_) => Err(self.error_at(start, format!("number does not fit in {what}"))),
        }
    }

    /// A double: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"` as awsJson writes them.
    pub fn double(&mut self) -> Result<f64, DeserializeError> {
        match self.peek()? {
            JsonKind::Number => self.jiter.next_float().map_err(|e| self.syntax(e)),
            JsonKind::String => {
                let start = self.jiter.current_index();
                let special = self.str_with(|s| match s {
                    "NaN" => Some(f64::NAN),
                    "Infinity" => Some(f64::INFINITY),
                    "-Infinity" => Some(f64::NEG_INFINITY),
                    _ => None,
                })?;
                special.ok_or_else(|| self.error_at(start, "expected number, got string"))
            }
            got => Err(self.mismatch("number", got)),
        }
    }

    /// A float (read as a double, then narrowed).
    pub fn float(&mut self) -> Result<f32, DeserializeError> {
        self.double().map(|d| d as f32)
    }

    /// The literal text of the next number.
    fn number_text(&mut self) -> Result<&str, DeserializeError> {
        self.expect("number", JsonKind::Number)?;
        let start = self.jiter.current_index();
        if let Err(e) = self.jiter.next_number_bytes().map(|_| ()) {
            return Err(self.syntax(e));
        }
        let end = self.jiter.current_index();
        std::str::from_utf8(&self.data[start..end])
            .map_err(|_| self.error_at(start, "invalid JSON: number is not UTF-8"))
    }

    /// A timestamp in `format`. Epoch seconds are read exactly from the number's text (no
    /// float rounding); as leniency for documents that quote them, a string holding epoch
    /// seconds is accepted too.
    pub fn timestamp(&mut self, format: TimestampFormat) -> Result<DateTime, DeserializeError> {
        let start = self.jiter.current_index();
        match (format, self.peek()?) {
            (TimestampFormat::EpochSeconds, JsonKind::Number) => {
                let text = self.number_text()?.to_owned();
                parse_epoch_seconds(&text).ok_or_else(|| {
                    self.error_at(start, format!("invalid epoch-seconds timestamp {text}"))
                })
            }
            (TimestampFormat::EpochSeconds, JsonKind::String) => {
                let parsed = self.str_with(|s| parse_epoch_seconds(s.trim()))?;
                parsed.ok_or_else(|| {
                    self.error_at(
                        start,
                        "expected epoch-seconds timestamp, got a string that is not a number",
                    )
                })
            }
            (TimestampFormat::DateTime | TimestampFormat::HttpDate, JsonKind::String) => {
                let wire = if format == TimestampFormat::DateTime {
                    Format::DateTime
                } else {
                    Format::HttpDate
                };
                let parsed = self.str_with(|s| match wire {
                    Format::DateTime => parse_date_time(s),
                    _ => DateTime::from_str(s, wire).map_err(|e| e.to_string()),
                })?;
                parsed.map_err(|e| self.error_at(start, format!("invalid timestamp: {e}")))
            }
            (TimestampFormat::EpochSeconds, got) => {
                Err(self.mismatch("epoch-seconds timestamp", got))
            }
            (_, got) => Err(self.mismatch("timestamp string", got)),
        }
    }

    /// A blob: a base64 string.
    pub fn blob(&mut self) -> Result<Blob, DeserializeError> {
        let start = self.jiter.current_index();
        let decoded = self.str_with(|s| aws_smithy_types::base64::decode(s))?;
        decoded
            .map(Blob::new)
            .map_err(|e| self.error_at(start, format!("invalid base64: {e}")))
    }

    /// A big integer: a JSON number (or a string holding one), kept as written.
    pub fn big_integer(&mut self) -> Result<BigInteger, DeserializeError> {
        let start = self.jiter.current_index();
        let text = self.big_number_text()?;
        text.parse()
            .map_err(|e| self.error_at(start, format!("invalid big integer: {e}")))
    }

    /// A big decimal: a JSON number (or a string holding one), kept as written.
    pub fn big_decimal(&mut self) -> Result<BigDecimal, DeserializeError> {
        let start = self.jiter.current_index();
        let text = self.big_number_text()?;
        text.parse()
            .map_err(|e| self.error_at(start, format!("invalid big decimal: {e}")))
    }

    fn big_number_text(&mut self) -> Result<String, DeserializeError> {
        match self.peek()? {
            JsonKind::String => self.string(),
            _ => self.number_text().map(str::to_owned),
        }
    }

    /// Any JSON value, as a document.
    pub fn document(&mut self) -> Result<Document, DeserializeError> {
        Ok(match self.peek()? {
            JsonKind::Null => {
                self.take_null()?;
                Document::Null
            }
            JsonKind::Bool => Document::Bool(self.boolean()?),
            JsonKind::String => Document::String(self.string()?),
            JsonKind::Number => {
                // From the number's text: integers beyond 64 bits become floats rather than
                // errors (jiter without its bigint feature rejects them).
                let start = self.jiter.current_index();
                let text = self.number_text()?.to_owned();
                let number = if let Ok(n) = text.parse::<u64>() {
                    Number::PosInt(n)
                } else if let Ok(n) = text.parse::<i64>() {
                    Number::NegInt(n)
                } else {
                    match text.parse::<f64>() {
                        Ok(f) if f.is_finite() => Number::Float(f),
                        _ => {
                            return Err(
                                self.error_at(start, format!("number {text} is out of range"))
                            )
                        }
                    }
                };
                Document::Number(number)
            }
            JsonKind::Array => {
                let mut items = Vec::new();
                let mut more = self.array_start()?;
                while more {
                    items.push(self.document().map_err(|e| e.in_index(items.len()))?);
                    more = self.array_next()?;
                }
                Document::Array(items)
            }
            JsonKind::Object => {
                let mut entries = std::collections::HashMap::new();
                let mut key = self.object_start_key()?;
                while let Some(k) = key {
                    let value = self.document().map_err(|e| e.in_key(&k))?;
                    entries.insert(k, value);
                    key = self.object_next_key()?;
                }
                Document::Object(entries)
            }
        })
    }

    fn enter(&mut self) -> Result<(), DeserializeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// Enters an object; the first member's index as `field` maps its key (`None` for `{}`).
    /// `field` returns `u16::MAX` for keys the caller does not know.
    pub fn object_start(
        &mut self,
        field: fn(&str) -> u16,
    ) -> Result<Option<u16>, DeserializeError> {
        self.expect("object", JsonKind::Object)?;
        self.enter()?;
        let key = match self.jiter.next_object() {
            Ok(key) => key.map(field),
            Err(e) => return Err(self.syntax(e)),
        };
        if key.is_none() {
            self.depth -= 1;
        }
        Ok(key)
    }

    /// The next member of the object (mapped by `field`), or `None` at its end.
    pub fn object_next(&mut self, field: fn(&str) -> u16) -> Result<Option<u16>, DeserializeError> {
        let key = match self.jiter.next_key() {
            Ok(key) => key.map(field),
            Err(e) => return Err(self.syntax(e)),
        };
        if key.is_none() {
            self.depth -= 1;
        }
        Ok(key)
    }

    /// Enters an object whose keys are data (a map); the first key, or `None` for `{}`.
    pub fn object_start_key(&mut self) -> Result<Option<String>, DeserializeError> {
        self.expect("object", JsonKind::Object)?;
        self.enter()?;
        let key = match self.jiter.next_object() {
            Ok(key) => key.map(str::to_owned),
            Err(e) => return Err(self.syntax(e)),
        };
        if key.is_none() {
            self.depth -= 1;
        }
        Ok(key)
    }

    /// The next key of a map, or `None` at its end.
    pub fn object_next_key(&mut self) -> Result<Option<String>, DeserializeError> {
        let key = match self.jiter.next_key() {
            Ok(key) => key.map(str::to_owned),
            Err(e) => return Err(self.syntax(e)),
        };
        if key.is_none() {
            self.depth -= 1;
        }
        Ok(key)
    }

    /// Enters an array; whether an element follows.
    pub fn array_start(&mut self) -> Result<bool, DeserializeError> {
        self.expect("array", JsonKind::Array)?;
        self.enter()?;
        let more = self
            .jiter
            .next_array()
            .map_err(|e| self.syntax(e))?
            .is_some();
        if !more {
            self.depth -= 1;
        }
        Ok(more)
    }

    /// Whether another element follows.
    pub fn array_next(&mut self) -> Result<bool, DeserializeError> {
        let more = self
            .jiter
            .array_step()
            .map_err(|e| self.syntax(e))?
            .is_some();
        if !more {
            self.depth -= 1;
        }
        Ok(more)
    }
}

/// Gives back the room a list did not use (see `JsonReader::reserve_after_first`).
pub fn trim<T>(items: &mut Vec<T>) {
    if items.capacity() > items.len().saturating_mul(2) {
        items.shrink_to_fit();
    }
}

/// Epoch seconds, exactly as written (`1617954808.068` is 68 ms past the second), with no
/// float rounding: an exponent moves the decimal point (`1.617954808068e9` is the same time),
/// and digits past the nanosecond are dropped. `None` for text that is not a decimal number,
/// and for a time whose seconds do not fit in an `i64` (an error, not a clamped time).
fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digit_count = whole.len() + fraction.len();
    if digit_count == 0
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // The decimal point comes after `point` digits (negative: zeros come first).
    let point = i64::try_from(whole.len()).ok()?.checked_add(exponent)?;
    let mut seconds: i128 = 0;
    let mut nanos: u32 = 0;
    for (index, digit) in whole.bytes().chain(fraction.bytes()).enumerate() {
        let index = i64::try_from(index).ok()?;
        let digit = digit - b'0';
        if index < point {
            seconds = seconds.checked_mul(10)?.checked_add(i128::from(digit))?;
        } else if index - point < 9 {
            nanos += u32::from(digit) * 10u32.pow((8 - (index - point)) as u32);
        } else {
            break;
        }
    }
    let missing_zeros = point - i64::try_from(digit_count).ok()?;
    if missing_zeros > 0 && seconds != 0 {
        let scale = 10i128.checked_pow(u32::try_from(missing_zeros).ok()?)?;
        seconds = seconds.checked_mul(scale)?;
    }
    if negative {
        seconds = -seconds;
        if nanos > 0 {
            seconds -= 1;
            nanos = 1_000_000_000 - nanos;
        }
    }
    Some(DateTime::from_secs_and_nanos(
        i64::try_from(seconds).ok()?,
        nanos,
    ))
}

/// An RFC 3339 date-time, in UTC (`Z`) or with a numeric offset (`-01:00`), which Smithy
/// clients must accept: the offset is taken off after aws-smithy-types reads the rest as UTC.
fn parse_date_time(text: &str) -> Result<DateTime, String> {
    let utc = |s: &str| DateTime::from_str(s, Format::DateTime).map_err(|e| e.to_string());
    let tail = text.len().saturating_sub(6);
    let offset = text.get(tail..).filter(|t| {
        let b = t.as_bytes();
        matches!(b[0], b'+' | b'-')
            && b[1..3].iter().all(u8::is_ascii_digit)
            && b[3] == b':'
            && b[4..].iter().all(u8::is_ascii_digit)
    });
    let Some(offset) = offset else {
        return utc(text);
    };
    let hours: i64 = offset[1..3]
        .parse()
        .map_err(|_| "invalid offset".to_owned())?;
    let minutes: i64 = offset[4..]
        .parse()
        .map_err(|_| "invalid offset".to_owned())?;
    if hours > 23 || minutes > 59 {
        return Err(format!("invalid offset {offset}"));
    }
    let east = (hours * 3600 + minutes * 60) * if offset.starts_with('-') { -1 } else { 1 };
    let local = utc(&format!("{}Z", &text[..tail]))?;
    Ok(DateTime::from_secs_and_nanos(
        local.secs() - east,
        local.subsec_nanos(),
    ))
}

/// One step of the path to a bad value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PathSegment {
    Member(&'static str),
    Index(usize),
    Key(String),
}

/// Why a body could not be read, and where: the member path to the value at fault and its
/// line and column in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeserializeError {
    /// Innermost segment first (the path is built as the error travels outwards).
    path: Vec<PathSegment>,
    message: String,
    position: Option<(usize, usize)>,
}

impl DeserializeError {
    pub(crate) fn new(message: String, position: Option<(usize, usize)>) -> Self {
        DeserializeError {
            path: Vec::new(),
            message,
            position,
        }
    }

    /// The same error, inside member `name`.
    pub fn in_member(mut self, name: &'static str) -> Self {
        self.path.push(PathSegment::Member(name));
        self
    }

    /// The same error, inside element `index` of a list.
    pub fn in_index(mut self, index: usize) -> Self {
        self.path.push(PathSegment::Index(index));
        self
    }

    /// The same error, inside the value of map key `key`.
    pub fn in_key(mut self, key: &str) -> Self {
        self.path.push(PathSegment::Key(key.to_owned()));
        self
    }

    /// The path to the value at fault, e.g. `Backups[2].FileSystem.StorageCapacity`
    /// (empty for the document itself).
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.path.iter().rev() {
            match segment {
                PathSegment::Member(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                PathSegment::Index(i) => path.push_str(&format!("[{i}]")),
                PathSegment::Key(k) => path.push_str(&format!("[{k:?}]")),
            }
        }
        path
    }

    /// What is wrong, e.g. `expected integer, got string`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Line and column (from 1) in the body.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.position
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if !path.is_empty() {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DeserializeError {}

#[cfg(test)]
mod tests {
    use super::*;

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
            Err(
                "expected integer, got a number with a fraction or exponent (line 1, column 1)"
                    .into()
            )
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
            Err(
                "expected integer, got a number with a fraction or exponent (line 1, column 1)"
                    .into()
            )
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
        assert_eq!(e.to_string(), "Backups[2].FileSystem.StorageCapacity: expected integer, got string (line 1, column 80)");
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
            "[\"a\"]: invalid JSON: expected ident (line 1, column 10)"
        );
        assert!(read("{} x", |r| r.document())
            .unwrap_err()
            .contains("trailing characters"));
    }
}
