//! Reading awsJson bodies: a strict JSON reader that the generated deserializers drive, one
//! value at a time, straight into the crate's types (no token stream or value tree between).
//!
//! It is written for that job rather than general: a structure passes its member names, and
//! the reader checks the key it expects next (the member after the last one read: services
//! write members in model order) with one comparison instead of scanning it; a string is
//! scanned eight bytes at a time and copied once, into its `String`. Every read checks the JSON
//! type it gets, and an error carries the member path to the offending value
//! (`Backup.FileSystem.StorageCapacity`), built only while the error travels up, so that the
//! success path pays nothing for it. Only safe code: the crate forbids `unsafe`.

use std::fmt;
use std::sync::atomic::{AtomicU16, Ordering};

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};

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

/// A structure, read in place: [`empty`](Self::empty) is the value reading `{}` gives, and the
/// reader fills it member by member. Inlined at each place a structure is read into, so that
/// the empty value is written there, not made elsewhere and copied.
pub trait ReadInPlace: DeserializeJson {
    /// Defaults filled in, required members zero (Smithy's client error correction), the rest
    /// unset.
    fn empty() -> Self;
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

    /// The kind of value starting with `byte` (`None`: no value starts so).
    fn of(byte: u8) -> Option<JsonKind> {
        Some(match byte {
            b'n' => JsonKind::Null,
            b't' | b'f' => JsonKind::Bool,
            b'"' => JsonKind::String,
            b'[' => JsonKind::Array,
            b'{' => JsonKind::Object,
            b'-' | b'0'..=b'9' => JsonKind::Number,
            _ => return None,
        })
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

/// How many bytes of list elements and map entries a body may make per byte of its JSON,
/// beyond [`MEMORY_BASE`]. Real AWS responses take far less (an FSx `FileSystem` is about 2 KiB
/// in memory and over 300 bytes of JSON); a body of empty objects (`[{},{},…]`) would
/// otherwise make a 2 KiB structure of every three bytes.
pub const MEMORY_PER_BYTE: usize = 32;

/// Bytes of list elements and map entries any body may make, however short.
pub const MEMORY_BASE: usize = 16 << 20;

/// A cursor over a JSON document.
pub struct JsonReader<'a> {
    /// The document, checked to be UTF-8 once, up front: every string is then a slice of it,
    /// with no check of its own. If the document is not UTF-8, this is the part before the
    /// first bad byte, and reaching its end is that error.
    text: &'a str,
    /// `text`'s bytes.
    data: &'a [u8],
    /// Whether `text` stops at a byte that is not UTF-8 (rather than at the end).
    not_utf8: bool,
    /// The next byte to read.
    pos: usize,
    depth: usize,
    /// The text of the last string or key that had escapes in it.
    scratch: String,
    /// Bytes of list elements and map entries the document may still make (see
    /// [`MEMORY_PER_BYTE`]).
    budget: usize,
}

/// Eight copies of a byte, for testing eight bytes at once.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

const ONES: u64 = splat(0x01);
const HIGH: u64 = splat(0x80);

/// The high bit of each byte of `word` that is `"`, `\` or a control character. Below the
/// lowest flagged byte nothing is flagged wrongly, so the lowest flag marks the first such byte.
#[inline]
fn special_bytes(word: u64) -> u64 {
    let quote = word ^ splat(b'"');
    let backslash = word ^ splat(b'\\');
    let zero_quote = quote.wrapping_sub(ONES) & !quote;
    let zero_backslash = backslash.wrapping_sub(ONES) & !backslash;
    let control = word.wrapping_sub(splat(0x20)) & !word;
    (zero_quote | zero_backslash | control) & HIGH
}

/// Whether `a` and `b` are the same bytes: for the short strings keys are, eight bytes at a
/// time (the last word overlapping), without a call into `memcmp`.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn word(bytes: &[u8], at: usize) -> u64 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(word)
    }
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, len - 8) == word(b, len - 8)
}

/// The index of the first `"`, `\` or control character at or after `from` (or the end).
#[inline]
pub(crate) fn find_special(data: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = data.get(i..i + 8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let special = special_bytes(u64::from_le_bytes(bytes));
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&byte) = data.get(i) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

impl<'a> JsonReader<'a> {
    /// A reader at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        let (text, not_utf8) = match std::str::from_utf8(data) {
            Ok(text) => (text, false),
            Err(e) => (
                std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default(),
                true,
            ),
        };
        JsonReader {
            text,
            data: text.as_bytes(),
            not_utf8,
            pos: 0,
            depth: 0,
            scratch: String::new(),
            budget: data
                .len()
                .saturating_mul(MEMORY_PER_BYTE)
                .saturating_add(MEMORY_BASE),
        }
    }

    /// Takes `count` elements of `T` out of the memory budget, or fails: a body may not make
    /// more than [`MEMORY_PER_BYTE`] bytes of list elements and map entries per byte of JSON
    /// (plus [`MEMORY_BASE`]), so memory stays proportional to the input whatever it holds.
    #[inline]
    fn charge<T>(&mut self, count: usize) -> Result<(), DeserializeError> {
        let bytes = std::mem::size_of::<T>().max(1).saturating_mul(count);
        match self.budget.checked_sub(bytes) {
            Some(left) => {
                self.budget = left;
                Ok(())
            }
            None => Err(self.over_budget()),
        }
    }

    #[cold]
    fn over_budget(&self) -> DeserializeError {
        self.error(format!(
            "the body would take more memory than {MEMORY_PER_BYTE} bytes per byte of JSON \
             (plus {} MiB) to hold: it has far more (empty) elements than any response does",
            MEMORY_BASE >> 20
        ))
    }

    /// An error about the byte at `index`, with its line and column (from 1; columns count
    /// characters).
    fn error_at(&self, index: usize, message: impl Into<String>) -> DeserializeError {
        let before = &self.data[..index.min(self.data.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        DeserializeError::new(message.into(), Some((line, column)))
    }

    fn error(&self, message: impl Into<String>) -> DeserializeError {
        self.error_at(self.pos, message)
    }

    /// An error whose `message` quotes the body's text; `unquoted` says the same without it,
    /// for when the value is `@sensitive` (see [`DeserializeError::redacted`]).
    #[cold]
    fn error_quoting(&self, index: usize, message: String, unquoted: &str) -> DeserializeError {
        let mut error = self.error_at(index, message);
        error.0.unquoted = Some(unquoted.to_owned());
        error
    }

    fn syntax_at(&self, index: usize, what: &str) -> DeserializeError {
        if index >= self.data.len() && self.not_utf8 {
            self.error_at(index, "invalid JSON: not UTF-8")
        } else if index >= self.data.len() {
            self.error_at(index, "invalid JSON: unexpected end of input")
        } else {
            self.error_at(index, format!("invalid JSON: {what}"))
        }
    }

    fn syntax(&self, what: &str) -> DeserializeError {
        self.syntax_at(self.pos, what)
    }

    /// Skips whitespace; the next byte, not consumed.
    #[inline]
    fn next_byte(&mut self) -> Option<u8> {
        while let Some(&byte) = self.data.get(self.pos) {
            if !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(byte);
            }
            self.pos += 1;
        }
        None
    }

    /// The error for finding something other than `expected` (a JSON type) next.
    #[cold]
    fn unexpected(&mut self, expected: &str) -> DeserializeError {
        match self.next_byte().and_then(JsonKind::of) {
            Some(got) => self.error(format!("expected {expected}, got {}", got.name())),
            None => self.syntax("expected a value"),
        }
    }

    /// Consumes `open` (`"`, `{`, `[`) if it comes next; else the error for a value of another
    /// type.
    #[inline]
    fn open(&mut self, open: u8, expected: &str) -> Result<(), DeserializeError> {
        if self.next_byte() == Some(open) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    /// Consumes the literal `word` (`true`, `false`, `null`), which its first byte announced.
    fn literal(&mut self, word: &'static [u8]) -> Result<(), DeserializeError> {
        let rest = &self.data[self.pos..];
        if rest.starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            let matched = rest.iter().zip(word).take_while(|(a, b)| a == b).count();
            let word = String::from_utf8_lossy(word);
            Err(self.syntax_at(self.pos + matched, &format!("expected `{word}`")))
        }
    }

    /// The type of the next value, without consuming it.
    pub fn peek(&mut self) -> Result<JsonKind, DeserializeError> {
        match self.next_byte() {
            Some(byte) => JsonKind::of(byte).ok_or_else(|| self.syntax("expected a value")),
            None => Err(self.syntax("expected a value")),
        }
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
    pub fn member_in_place<T: ReadInPlace>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), DeserializeError> {
        if self.take_null().map_err(|e| e.in_member(name))? {
            *slot = None;
            return Ok(());
        }
        let place = slot.insert(T::empty());
        T::deserialize_json_into(self, place).map_err(|e| e.in_member(name))
    }

    /// Reads boxed structure member `name` in place into `slot` (a `null` unsets it).
    #[inline(never)]
    pub fn member_boxed<T: ReadInPlace>(
        &mut self,
        slot: &mut Option<Box<T>>,
        name: &'static str,
    ) -> Result<(), DeserializeError> {
        if self.take_null().map_err(|e| e.in_member(name))? {
            *slot = None;
            return Ok(());
        }
        self.charge::<T>(1).map_err(|e| e.in_member(name))?;
        let place = slot.insert(Box::new(T::empty()));
        T::deserialize_json_into(self, place).map_err(|e| e.in_member(name))
    }

    /// Reads required structure member `name` in place (a `null` leaves it as it is).
    #[inline(never)]
    pub fn value_in_place<T: ReadInPlace>(
        &mut self,
        slot: &mut T,
        name: &'static str,
    ) -> Result<(), DeserializeError> {
        if !self.take_null().map_err(|e| e.in_member(name))? {
            *slot = T::empty();
            T::deserialize_json_into(self, slot).map_err(|e| e.in_member(name))?;
        }
        Ok(())
    }

    /// Reads required boxed structure member `name` in place (a `null` leaves it as it is).
    #[inline(never)]
    pub fn value_boxed<T: ReadInPlace>(
        &mut self,
        slot: &mut Box<T>,
        name: &'static str,
    ) -> Result<(), DeserializeError> {
        if !self.take_null().map_err(|e| e.in_member(name))? {
            **slot = T::empty();
            T::deserialize_json_into(self, slot).map_err(|e| e.in_member(name))?;
        }
        Ok(())
    }

    /// A dense list: each element read by `read`, `null` elements dropped.
    pub fn list<T>(
        &mut self,
        read: impl Fn(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<Vec<T>, DeserializeError> {
        let mut items = Vec::new();
        let mut more = self.array_start()?;
        let mut index = 0;
        while more {
            if !self.take_null().map_err(|e| e.in_index(index))? {
                self.charge::<T>(1)?;
                items.push(read(self).map_err(|e| e.in_index(index))?);
            }
            index += 1;
            more = self.array_next()?;
        }
        Ok(items)
    }

    /// A sparse list: each element read by `read`, `null` elements kept as `None`.
    pub fn sparse_list<T>(
        &mut self,
        read: impl Fn(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<Vec<Option<T>>, DeserializeError> {
        let mut items = Vec::new();
        let mut more = self.array_start()?;
        while more {
            let index = items.len();
            self.charge::<Option<T>>(1)?;
            items.push(self.optional(&read).map_err(|e| e.in_index(index))?);
            more = self.array_next()?;
        }
        Ok(items)
    }

    /// A dense list of structures, each read in place at the end of the list (`null` elements
    /// dropped).
    ///
    /// A long list grows by an estimate, not only by doubling: once it holds 16 elements, each
    /// time it is full it makes room for as many more as the rest of the document would hold at
    /// the list's average element size (and an eighth more), at most eight times what it has.
    /// Doubling would copy a list of large structures about twice over; a short list (the
    /// tags of one resource) never gets that far, so a list nested in a long document cannot
    /// reserve room for the whole document.
    #[inline(never)]
    pub fn structure_list<T: ReadInPlace>(&mut self) -> Result<Vec<T>, DeserializeError> {
        let mut items: Vec<T> = Vec::new();
        let mut more = self.array_start()?;
        let first = self.pos;
        let mut index = 0;
        while more {
            if !self.take_null().map_err(|e| e.in_index(index))? {
                if items.len() == items.capacity() && items.len() >= 16 {
                    let per_item = ((self.pos - first) / items.len()).max(1);
                    let estimate = (self.data.len() - self.pos) / per_item;
                    // Never room for more than the memory budget could still fill.
                    let affordable = self.budget / std::mem::size_of::<T>().max(1);
                    let more = (estimate + estimate / 8 + 1)
                        .clamp(items.len(), items.len() * 7)
                        .min(affordable.max(1));
                    items.reserve_exact(more);
                }
                self.charge::<T>(1)?;
                items.push(T::empty());
                let place = items.last_mut().expect("an element was just pushed");
                T::deserialize_json_into(self, place).map_err(|e| e.in_index(index))?;
            }
            index += 1;
            more = self.array_next()?;
        }
        if items.capacity() > items.len() * 2 {
            items.shrink_to_fit();
        }
        Ok(items)
    }

    /// A map (keys are data): each value read by `read`; an entry whose value is `null` is
    /// dropped (the map is dense). A key repeated keeps its last value.
    pub fn map<K: Ord + for<'s> From<&'s str>, V>(
        &mut self,
        read: impl Fn(&mut Self) -> Result<V, DeserializeError>,
    ) -> Result<std::collections::BTreeMap<K, V>, DeserializeError> {
        let mut map = std::collections::BTreeMap::new();
        let mut key = self.object_start_key()?;
        while let Some((k, at)) = key {
            if !self.take_null().map_err(|e| self.in_key(e, at))? {
                self.charge::<(K, V)>(1)?;
                let value = read(self).map_err(|e| self.in_key(e, at))?;
                map.insert(k, value);
            }
            key = self.object_next_key()?;
        }
        Ok(map)
    }

    /// A sparse map: each value read by `read`, `null` values kept as `None`.
    pub fn sparse_map<K: Ord + for<'s> From<&'s str>, V>(
        &mut self,
        read: impl Fn(&mut Self) -> Result<V, DeserializeError>,
    ) -> Result<std::collections::BTreeMap<K, Option<V>>, DeserializeError> {
        let mut map = std::collections::BTreeMap::new();
        let mut key = self.object_start_key()?;
        while let Some((k, at)) = key {
            self.charge::<(K, Option<V>)>(1)?;
            let value = self.optional(&read).map_err(|e| self.in_key(e, at))?;
            map.insert(k, value);
            key = self.object_next_key()?;
        }
        Ok(map)
    }

    /// A dense map of structures, each value read in place.
    #[inline(never)]
    pub fn structure_map<K: Ord + for<'s> From<&'s str>, V: ReadInPlace>(
        &mut self,
    ) -> Result<std::collections::BTreeMap<K, V>, DeserializeError> {
        let mut map = std::collections::BTreeMap::new();
        let mut key = self.object_start_key()?;
        while let Some((k, at)) = key {
            if !self.take_null().map_err(|e| self.in_key(e, at))? {
                self.charge::<(K, V)>(1)?;
                let place = match map.entry(k) {
                    std::collections::btree_map::Entry::Vacant(entry) => entry.insert(V::empty()),
                    std::collections::btree_map::Entry::Occupied(entry) => {
                        let place = entry.into_mut();
                        *place = V::empty();
                        place
                    }
                };
                V::deserialize_json_into(self, place).map_err(|e| self.in_key(e, at))?;
            }
            key = self.object_next_key()?;
        }
        Ok(map)
    }

    /// `error`, inside the value of the map key whose text starts at `at` (just past its
    /// opening quote).
    #[cold]
    fn in_key(&self, error: DeserializeError, at: usize) -> DeserializeError {
        let mut reader = JsonReader {
            text: self.text,
            data: self.data,
            not_utf8: self.not_utf8,
            pos: at,
            depth: 0,
            scratch: String::new(),
            budget: 0,
        };
        match reader.text() {
            Ok(key) => error.in_key(key),
            Err(_) => error,
        }
    }

    /// An error about the value at the current position.
    pub fn invalid(&self, message: impl Into<String>) -> DeserializeError {
        self.error(message)
    }

    /// Consumes a `null` if that is what comes next.
    #[inline]
    pub fn take_null(&mut self) -> Result<bool, DeserializeError> {
        if self.next_byte() == Some(b'n') {
            self.literal(b"null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Skips the next value, whatever it is (checking that it is valid JSON).
    pub fn skip(&mut self) -> Result<(), DeserializeError> {
        match self.next_byte() {
            Some(b'"') => {
                self.pos += 1;
                self.text().map(drop)
            }
            Some(b'{') => {
                self.pos += 1;
                self.enter()?;
                if self.next_byte() == Some(b'}') {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                loop {
                    self.open(b'"', "a key")
                        .map_err(|_| self.syntax("expected a key"))?;
                    self.text()?;
                    self.colon()?;
                    self.skip()?;
                    if !self.object_more()? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                self.enter()?;
                if self.next_byte() == Some(b']') {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                loop {
                    self.skip()?;
                    if !self.array_next()? {
                        return Ok(());
                    }
                }
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            _ => Err(self.syntax("expected a value")),
        }
    }

    /// Checks that nothing but whitespace follows.
    pub fn finish(&mut self) -> Result<(), DeserializeError> {
        match self.next_byte() {
            None if self.not_utf8 => Err(self.syntax("not UTF-8")),
            None => Ok(()),
            Some(_) => Err(self.syntax("trailing characters")),
        }
    }

    /// The text of the string whose opening quote was just consumed, unescaped; the reader
    /// moves past its closing quote.
    #[inline]
    fn text(&mut self) -> Result<&str, DeserializeError> {
        let start = self.pos;
        let end = find_special(self.data, start);
        match self.data.get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                // Both ends are next to quotes, so on character boundaries: never `None`.
                self.text
                    .get(start..end)
                    .ok_or_else(|| self.syntax_at(start, "string is not UTF-8"))
            }
            Some(b'\\') => self.escaped_text(start, end),
            Some(_) => Err(self.syntax_at(end, "control character in string")),
            None => Err(self.syntax_at(end, "unterminated string")),
        }
    }

    /// [`text`] for a string with escapes: decoded into the scratch buffer.
    #[cold]
    fn escaped_text(
        &mut self,
        start: usize,
        first_special: usize,
    ) -> Result<&str, DeserializeError> {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let mut segment = start;
        let mut at = first_special;
        let result = loop {
            // Escapes are ASCII, so segments start and end on character boundaries.
            match self.text.get(segment..at.min(self.data.len())) {
                Some(raw) => text.push_str(raw),
                None => break Err(self.syntax_at(segment, "string is not UTF-8")),
            }
            match self.data.get(at) {
                Some(b'"') => {
                    self.pos = at + 1;
                    break Ok(());
                }
                Some(b'\\') => match self.escape(at, &mut text) {
                    Ok(next) => segment = next,
                    Err(e) => break Err(e),
                },
                Some(_) => break Err(self.syntax_at(at, "control character in string")),
                None => break Err(self.syntax_at(at, "unterminated string")),
            }
            at = find_special(self.data, segment);
        };
        self.scratch = text;
        result.map(|()| self.scratch.as_str())
    }

    /// Decodes the escape at `at` (a backslash) onto `text`; the index after it.
    fn escape(&self, at: usize, text: &mut String) -> Result<usize, DeserializeError> {
        let decoded = match self.data.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let high = self.hex4(at + 2)?;
                let (code, next) = match high {
                    0xD800..=0xDBFF => {
                        if self.data.get(at + 6..at + 8) != Some(b"\\u") {
                            return Err(self.syntax_at(at, "lone surrogate in \\u escape"));
                        }
                        let low = self.hex4(at + 8)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.syntax_at(at, "lone surrogate in \\u escape"));
                        }
                        (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), at + 12)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.syntax_at(at, "lone surrogate in \\u escape"))
                    }
                    _ => (high, at + 6),
                };
                let c =
                    char::from_u32(code).ok_or_else(|| self.syntax_at(at, "invalid \\u escape"))?;
                text.push(c);
                return Ok(next);
            }
            _ => return Err(self.syntax_at(at + 1, "invalid escape")),
        };
        text.push(decoded);
        Ok(at + 2)
    }

    /// The four hex digits at `at`.
    fn hex4(&self, at: usize) -> Result<u32, DeserializeError> {
        let digits = self
            .data
            .get(at..at + 4)
            .ok_or_else(|| self.syntax_at(self.data.len(), ""))?;
        digits.iter().try_fold(0u32, |code, &d| {
            let value = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.syntax_at(at, "invalid \\u escape")),
            };
            Ok(code * 16 + u32::from(value))
        })
    }

    /// The next string's text (borrowed until the next read).
    #[inline]
    fn str_ref(&mut self) -> Result<&str, DeserializeError> {
        self.open(b'"', "string")?;
        self.text()
    }

    /// A string, borrowed from the document when it has no escapes.
    pub fn string_cow(&mut self) -> Result<std::borrow::Cow<'a, str>, DeserializeError> {
        self.open(b'"', "string")?;
        let start = self.pos;
        let end = find_special(self.data, start);
        if self.data.get(end) == Some(&b'"') {
            self.pos = end + 1;
            if let Some(text) = self.text.get(start..end) {
                return Ok(std::borrow::Cow::Borrowed(text));
            }
        }
        self.pos = start;
        self.text().map(|s| std::borrow::Cow::Owned(s.to_owned()))
    }

    /// A string.
    pub fn string(&mut self) -> Result<String, DeserializeError> {
        self.str_ref().map(str::to_owned)
    }

    /// A string, handed to `f` without copying it (enum values are mostly known strings).
    pub fn str_with<R>(&mut self, f: impl FnOnce(&str) -> R) -> Result<R, DeserializeError> {
        self.str_ref().map(f)
    }

    /// An enum value (known or not; an enum's `From<&str>` never fails).
    pub fn enum_value<T: for<'s> From<&'s str>>(&mut self) -> Result<T, DeserializeError> {
        self.str_ref().map(T::from)
    }

    /// An intEnum value (known or not).
    pub fn int_enum<T: From<i32>>(&mut self) -> Result<T, DeserializeError> {
        self.int().map(T::from)
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Result<bool, DeserializeError> {
        match self.next_byte() {
            Some(b't') => self.literal(b"true").map(|()| true),
            Some(b'f') => self.literal(b"false").map(|()| false),
            _ => Err(self.unexpected("boolean")),
        }
    }

    /// A JSON number at the current position, checked against JSON's grammar: its text, and
    /// whether it is a whole number (no fraction or exponent).
    fn number(&mut self) -> Result<(&'a str, bool), DeserializeError> {
        let data = self.data;
        let start = self.pos;
        let mut i = start;
        let digits = |i: &mut usize| {
            let first = *i;
            while matches!(data.get(*i), Some(b'0'..=b'9')) {
                *i += 1;
            }
            *i > first
        };
        if data.get(i) == Some(&b'-') {
            i += 1;
        }
        match data.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => return Err(self.syntax_at(i, "invalid number")),
        }
        let mut whole = true;
        if data.get(i) == Some(&b'.') {
            whole = false;
            i += 1;
            if !digits(&mut i) {
                return Err(self.syntax_at(i, "invalid number"));
            }
        }
        if matches!(data.get(i), Some(b'e' | b'E')) {
            whole = false;
            i += 1;
            if matches!(data.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digits(&mut i) {
                return Err(self.syntax_at(i, "invalid number"));
            }
        }
        self.pos = i;
        let text = self
            .text
            .get(start..i)
            .ok_or_else(|| self.syntax_at(start, "invalid number"))?;
        Ok((text, whole))
    }

    /// The next value's number text (an error for any other type).
    fn number_text(&mut self) -> Result<(&'a str, bool), DeserializeError> {
        match self.next_byte() {
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("number")),
        }
    }

    /// A whole number that fits in `T` (a fraction or exponent is an error, not rounded).
    pub fn integer<T: TryFrom<i64>>(&mut self, what: &str) -> Result<T, DeserializeError> {
        if !matches!(self.next_byte(), Some(b'-' | b'0'..=b'9')) {
            return Err(self.unexpected("integer"));
        }
        let start = self.pos;
        let (text, whole) = self.number()?;
        if !whole {
            return Err(self.error_at(
                start,
                "expected integer, got a number with a fraction or exponent",
            ));
        }
        match text.parse::<i64>() {
            Ok(n) => T::try_from(n).map_err(|_| {
                let unquoted = format!("number does not fit in {what}");
                self.error_quoting(start, format!("{n} does not fit in {what}"), &unquoted)
            }),
            Err(_) => Err(self.error_at(start, format!("number does not fit in {what}"))),
        }
    }

    /// A byte (`i8`).
    pub fn byte(&mut self) -> Result<i8, DeserializeError> {
        self.integer("an 8-bit integer")
    }

    /// A short (`i16`).
    pub fn short(&mut self) -> Result<i16, DeserializeError> {
        self.integer("a 16-bit integer")
    }

    /// An integer (`i32`).
    pub fn int(&mut self) -> Result<i32, DeserializeError> {
        self.integer("a 32-bit integer")
    }

    /// A long (`i64`).
    pub fn long(&mut self) -> Result<i64, DeserializeError> {
        self.integer("a 64-bit integer")
    }

    /// A double: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"` as awsJson writes them.
    pub fn double(&mut self) -> Result<f64, DeserializeError> {
        match self.next_byte() {
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                let (text, _) = self.number()?;
                text.parse::<f64>()
                    .map_err(|_| self.syntax_at(start, "invalid number"))
            }
            Some(b'"') => {
                let start = self.pos;
                let special = self.str_with(|s| match s {
                    "NaN" => Some(f64::NAN),
                    "Infinity" => Some(f64::INFINITY),
                    "-Infinity" => Some(f64::NEG_INFINITY),
                    _ => None,
                })?;
                special.ok_or_else(|| self.error_at(start, "expected number, got string"))
            }
            _ => Err(self.unexpected("number")),
        }
    }

    /// A float (read as a double, then narrowed).
    pub fn float(&mut self) -> Result<f32, DeserializeError> {
        self.double().map(|d| d as f32)
    }

    /// A timestamp in `format`. Epoch seconds are read exactly from the number's text (no
    /// float rounding); as leniency for documents that quote them, a string holding epoch
    /// seconds is accepted too.
    pub fn timestamp(&mut self, format: TimestampFormat) -> Result<DateTime, DeserializeError> {
        match format {
            TimestampFormat::EpochSeconds => self.epoch_seconds(),
            TimestampFormat::DateTime => self.date_time(),
            TimestampFormat::HttpDate => self.http_date(),
        }
    }

    /// An epoch-seconds timestamp (see [`timestamp`](Self::timestamp)).
    pub fn epoch_seconds(&mut self) -> Result<DateTime, DeserializeError> {
        let start = self.pos;
        match self.next_byte() {
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                let (text, _) = self.number()?;
                parse_epoch_seconds(text).ok_or_else(|| {
                    self.error_quoting(
                        start,
                        format!("invalid epoch-seconds timestamp {text}"),
                        "invalid epoch-seconds timestamp",
                    )
                })
            }
            Some(b'"') => {
                let parsed = self.str_with(|s| parse_epoch_seconds(s.trim()))?;
                parsed.ok_or_else(|| {
                    self.error_at(
                        start,
                        "expected epoch-seconds timestamp, got a string that is not a number",
                    )
                })
            }
            _ => Err(self.unexpected("epoch-seconds timestamp")),
        }
    }

    /// An RFC 3339 timestamp (`@timestampFormat("date-time")`).
    pub fn date_time(&mut self) -> Result<DateTime, DeserializeError> {
        self.timestamp_string(parse_date_time)
    }

    /// An RFC 7231 timestamp (`@timestampFormat("http-date")`).
    pub fn http_date(&mut self) -> Result<DateTime, DeserializeError> {
        self.timestamp_string(|s| {
            DateTime::from_str(s, Format::HttpDate).map_err(|e| e.to_string())
        })
    }

    fn timestamp_string(
        &mut self,
        parse: fn(&str) -> Result<DateTime, String>,
    ) -> Result<DateTime, DeserializeError> {
        if self.next_byte() != Some(b'"') {
            return Err(self.unexpected("timestamp string"));
        }
        let start = self.pos;
        let parsed = self.str_with(parse)?;
        parsed.map_err(|e| {
            self.error_quoting(
                start,
                format!("invalid timestamp: {e}"),
                "invalid timestamp",
            )
        })
    }

    /// A blob: a base64 string.
    pub fn blob(&mut self) -> Result<Blob, DeserializeError> {
        let start = self.next_byte().map_or(self.pos, |_| self.pos);
        let decoded = self.str_with(|s| aws_smithy_types::base64::decode(s))?;
        decoded.map(Blob::new).map_err(|e| {
            self.error_quoting(start, format!("invalid base64: {e}"), "invalid base64")
        })
    }

    /// A big integer: a JSON number (or a string holding one), kept as written.
    pub fn big_integer(&mut self) -> Result<BigInteger, DeserializeError> {
        let (start, text) = self.big_number_text()?;
        text.parse().map_err(|e| {
            self.error_quoting(
                start,
                format!("invalid big integer: {e}"),
                "invalid big integer",
            )
        })
    }

    /// A big decimal: a JSON number (or a string holding one), kept as written.
    pub fn big_decimal(&mut self) -> Result<BigDecimal, DeserializeError> {
        let (start, text) = self.big_number_text()?;
        text.parse().map_err(|e| {
            self.error_quoting(
                start,
                format!("invalid big decimal: {e}"),
                "invalid big decimal",
            )
        })
    }

    fn big_number_text(&mut self) -> Result<(usize, String), DeserializeError> {
        let start = self.next_byte().map_or(self.pos, |_| self.pos);
        let text = match self.peek()? {
            JsonKind::String => self.string()?,
            _ => self.number_text()?.0.to_owned(),
        };
        Ok((start, text))
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
                // Integers beyond 64 bits become floats rather than errors.
                let start = self.pos;
                let (text, _) = self.number()?;
                let number = if let Ok(n) = text.parse::<u64>() {
                    Number::PosInt(n)
                } else if let Some(n) = text.parse::<i64>().ok().filter(|n| *n < 0) {
                    Number::NegInt(n)
                } else {
                    match text.parse::<f64>() {
                        Ok(f) if f.is_finite() => Number::Float(f),
                        _ => {
                            return Err(self.error_quoting(
                                start,
                                format!("number {text} is out of range"),
                                "number out of range",
                            ))
                        }
                    }
                };
                Document::Number(number)
            }
            JsonKind::Array => {
                let mut items = Vec::new();
                let mut more = self.array_start()?;
                while more {
                    self.charge::<Document>(1)?;
                    items.push(self.document().map_err(|e| e.in_index(items.len()))?);
                    more = self.array_next()?;
                }
                Document::Array(items)
            }
            JsonKind::Object => {
                let mut entries = std::collections::HashMap::new();
                let mut key = self.object_start_key::<String>()?;
                while let Some((k, _)) = key {
                    self.charge::<(String, Document)>(1)?;
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

    /// Consumes the `:` after a key.
    #[inline]
    fn colon(&mut self) -> Result<(), DeserializeError> {
        if self.next_byte() == Some(b':') {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax("expected `:`"))
        }
    }

    /// After an object's member: whether another follows (consuming the `,`), or its end
    /// (consuming the `}`).
    #[inline]
    fn object_more(&mut self) -> Result<bool, DeserializeError> {
        match self.next_byte() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b'}') => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            _ => Err(self.syntax("expected `,` or `}`")),
        }
    }

    /// Reads a key and its colon; its index in `fields` (`u16::MAX` for a key not there).
    /// `expected` is the index of the key that most likely comes: if the bytes there are that
    /// name, a closing quote and the colon, nothing is scanned (this part is inlined into every
    /// structure's reading loop; the rest is not).
    #[inline(always)]
    fn field(&mut self, fields: &[&str], expected: usize) -> Result<u16, DeserializeError> {
        match self.expected_field(fields, expected) {
            Some(index) => Ok(index),
            None => self.field_searched(fields, expected),
        }
    }

    /// `fields[expected]`'s index if `"name":` comes next exactly, past its colon.
    #[inline(always)]
    fn expected_field(&mut self, fields: &[&str], expected: usize) -> Option<u16> {
        let name = fields.get(expected)?;
        if !self.key_is(name) {
            return None;
        }
        self.pos += name.len() + 3;
        Some(expected as u16)
    }

    /// Whether `"name":` comes next, exactly (no whitespace, no escapes).
    #[inline(always)]
    fn key_is(&self, name: &str) -> bool {
        let data = self.data;
        let start = self.pos + 1;
        let end = start + name.len();
        data.get(self.pos) == Some(&b'"')
            && data.get(end) == Some(&b'"')
            && data.get(end + 1) == Some(&b':')
            && same_bytes(&data[start..end], name.as_bytes())
    }

    /// [`field`](Self::field) when the expected name is not next. Members that are not set are
    /// left out, so the key is often one of the next few names: those are checked in place, as
    /// the expected one was. Otherwise the key is scanned once, and compared with the names of
    /// its length.
    #[inline(never)]
    fn field_searched(
        &mut self,
        fields: &[&str],
        expected: usize,
    ) -> Result<u16, DeserializeError> {
        let ahead =
            (expected + 1..fields.len().min(expected + 4)).find(|&i| self.key_is(fields[i]));
        if let Some(index) = ahead {
            self.pos += fields[index].len() + 3;
            return Ok(index as u16);
        }
        if self.data.get(self.pos) == Some(&b'"') {
            let start = self.pos + 1;
            let end = find_special(self.data, start);
            if self.data.get(end) == Some(&b'"') && self.data.get(end + 1) == Some(&b':') {
                let key = &self.data[start..end];
                let found = fields
                    .iter()
                    .position(|f| f.len() == key.len() && same_bytes(f.as_bytes(), key));
                if let Some(index) = found {
                    self.pos = end + 2;
                    return Ok(index as u16);
                }
            }
        }
        self.field_scanned(fields)
    }

    /// A key that is not a member name written plainly (an unknown member, whitespace around
    /// it, escapes in it): scanned, decoded and looked up.
    #[cold]
    fn field_scanned(&mut self, fields: &[&str]) -> Result<u16, DeserializeError> {
        if self.next_byte() != Some(b'"') {
            return Err(self.syntax("expected a key"));
        }
        self.pos += 1;
        let key = self.text()?;
        let index = fields
            .iter()
            .position(|f| *f == key)
            .map_or(u16::MAX, |i| i as u16);
        self.colon()?;
        Ok(index)
    }

    /// Enters an object: `false` for `{}`, which is then already left.
    #[inline]
    fn object_open(&mut self) -> Result<bool, DeserializeError> {
        self.open(b'{', "object")?;
        self.enter()?;
        if self.next_byte() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// Enters an object whose keys are member names (`fields`, in model order); the first
    /// member's index in `fields` (`u16::MAX` for a key not there), or `None` for `{}`.
    pub fn object_start(&mut self, fields: &[&str]) -> Result<Option<u16>, DeserializeError> {
        if !self.object_open()? {
            return Ok(None);
        }
        self.field(fields, 0).map(Some)
    }

    /// The next member of the object (its index in `fields`), or `None` at its end. `last`
    /// is the previous member's index: the next is expected to follow it.
    #[inline]
    pub fn object_next(
        &mut self,
        fields: &[&str],
        last: u16,
    ) -> Result<Option<u16>, DeserializeError> {
        if self.object_more()? {
            self.field(fields, usize::from(last) + 1).map(Some)
        } else {
            Ok(None)
        }
    }

    /// [`object_start`](Self::object_start) for a structure that remembers the order its keys
    /// came in: `order` (one slot more than `fields`, all zero to begin with, a `static` of the
    /// structure's reader) holds, for the start and after each key, the key that came next the
    /// last time. Zero means the next in model order, so a service that writes its own order
    /// (alphabetical, say) is predicted from its second object on. Only a missed prediction
    /// writes to `order`; what is read never depends on it.
    #[inline]
    pub fn object_start_learning(
        &mut self,
        fields: &[&str],
        order: &[AtomicU16],
    ) -> Result<Option<u16>, DeserializeError> {
        if !self.object_open()? {
            return Ok(None);
        }
        self.field_learning(fields, order, 0).map(Some)
    }

    /// [`object_next`](Self::object_next) with the order of
    /// [`object_start_learning`](Self::object_start_learning).
    #[inline]
    pub fn object_next_learning(
        &mut self,
        fields: &[&str],
        order: &[AtomicU16],
        last: u16,
    ) -> Result<Option<u16>, DeserializeError> {
        if self.object_more()? {
            self.field_learning(fields, order, usize::from(last) + 1)
                .map(Some)
        } else {
            Ok(None)
        }
    }

    /// [`field`](Self::field), expecting the key `order[slot]` names: slot 0 is the start,
    /// slot `i + 1` follows key `i`. A slot holds the expected index XOR the slot, so that an
    /// all-zero table expects model order.
    #[inline(always)]
    fn field_learning(
        &mut self,
        fields: &[&str],
        order: &[AtomicU16],
        slot: usize,
    ) -> Result<u16, DeserializeError> {
        let expected = order
            .get(slot)
            .map_or(slot, |s| usize::from(s.load(Ordering::Relaxed)) ^ slot);
        match self.expected_field(fields, expected) {
            Some(index) => Ok(index),
            None => self.field_relearned(fields, order, slot, expected),
        }
    }

    /// A missed prediction: the key is searched for, and remembered in `order[slot]`.
    #[inline(never)]
    fn field_relearned(
        &mut self,
        fields: &[&str],
        order: &[AtomicU16],
        slot: usize,
        expected: usize,
    ) -> Result<u16, DeserializeError> {
        let index = self.field_searched(fields, expected)?;
        if let (Some(s), Ok(learned)) = (order.get(slot), u16::try_from(usize::from(index) ^ slot))
        {
            if index != u16::MAX {
                s.store(learned, Ordering::Relaxed);
            }
        }
        Ok(index)
    }

    /// A key whose text is data (a map's) as `K`, and its colon; where its text starts.
    fn data_key<K: for<'s> From<&'s str>>(&mut self) -> Result<(K, usize), DeserializeError> {
        if self.next_byte() != Some(b'"') {
            return Err(self.syntax("expected a key"));
        }
        self.pos += 1;
        let at = self.pos;
        let key = K::from(self.text()?);
        self.colon()?;
        Ok((key, at))
    }

    /// Enters an object whose keys are data (a map); the first key and where its text starts,
    /// or `None` for `{}`.
    pub fn object_start_key<K: for<'s> From<&'s str>>(
        &mut self,
    ) -> Result<Option<(K, usize)>, DeserializeError> {
        if !self.object_open()? {
            return Ok(None);
        }
        self.data_key().map(Some)
    }

    /// The next key of a map and where its text starts, or `None` at its end.
    pub fn object_next_key<K: for<'s> From<&'s str>>(
        &mut self,
    ) -> Result<Option<(K, usize)>, DeserializeError> {
        if self.object_more()? {
            self.data_key().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Enters an array; whether an element follows.
    pub fn array_start(&mut self) -> Result<bool, DeserializeError> {
        self.open(b'[', "array")?;
        self.enter()?;
        if self.next_byte() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// Whether another element follows.
    pub fn array_next(&mut self) -> Result<bool, DeserializeError> {
        match self.next_byte() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b']') => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            _ => Err(self.syntax("expected `,` or `]`")),
        }
    }
}

/// Epoch seconds, exactly as written (`1617954808.068` is 68 ms past the second), with no
/// float rounding: an exponent moves the decimal point (`1.617954808068e9` is the same time),
/// and digits past the nanosecond are dropped. `None` for text that is not a decimal number,
/// and for a time whose seconds do not fit in an `i64` (an error, not a clamped time).
fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
    // What services send (`1617954808.068`): whole seconds that fit easily and at most nine
    // fraction digits, without sign or exponent. Read in one pass; anything else takes the
    // general path below.
    if let Some(time) = plain_epoch_seconds(text.as_bytes()) {
        return Some(time);
    }
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
    // The decimal point comes after `point` digits (negative: zeros come first). In i128, so
    // that no exponent (down to `i64::MIN`) can overflow the arithmetic below.
    let point = i128::try_from(whole.len()).ok()? + i128::from(exponent);
    let mut seconds: i128 = 0;
    let mut nanos: u32 = 0;
    for (index, digit) in whole.bytes().chain(fraction.bytes()).enumerate() {
        let index = i128::try_from(index).ok()?;
        let digit = digit - b'0';
        if index < point {
            seconds = seconds.checked_mul(10)?.checked_add(i128::from(digit))?;
        } else if index - point < 9 {
            let place = u32::try_from(8 - (index - point)).ok()?;
            nanos += u32::from(digit) * 10u32.pow(place);
        } else {
            break;
        }
    }
    let missing_zeros = point - i128::try_from(digit_count).ok()?;
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

/// `digits[.digits]` with at most 18 whole digits and 9 fraction digits; `None` otherwise.
fn plain_epoch_seconds(text: &[u8]) -> Option<DateTime> {
    let (whole, fraction) = match text.iter().position(|&b| b == b'.') {
        Some(dot) => (&text[..dot], &text[dot + 1..]),
        None => (text, &[][..]),
    };
    if whole.is_empty() || whole.len() > 18 || fraction.len() > 9 {
        return None;
    }
    let mut seconds: i64 = 0;
    for &digit in whole {
        if !digit.is_ascii_digit() {
            return None;
        }
        seconds = seconds * 10 + i64::from(digit - b'0');
    }
    let mut nanos: u32 = 0;
    for &digit in fraction {
        if !digit.is_ascii_digit() {
            return None;
        }
        nanos = nanos * 10 + u32::from(digit - b'0');
    }
    nanos *= 10u32.pow(9 - fraction.len() as u32);
    Some(DateTime::from_secs_and_nanos(seconds, nanos))
}

/// An RFC 3339 date-time, in UTC (`Z`) or with a numeric offset (`-01:00`), which Smithy
/// clients must accept: the offset is taken off after aws-smithy-types reads the rest as UTC.
fn parse_date_time(text: &str) -> Result<DateTime, String> {
    let utc = |s: &str| DateTime::from_str(s, Format::DateTime).map_err(|e| e.to_string());
    let tail = text.len().saturating_sub(6);
    let offset = text.get(tail..).filter(|t| {
        let b = t.as_bytes();
        b.len() == 6
            && matches!(b[0], b'+' | b'-')
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
    /// A map key inside a `@sensitive` value: not shown.
    HiddenKey,
}

/// Why a body could not be read, and where: the member path to the value at fault and its
/// line and column in the body.
///
/// One pointer wide: every read returns a `Result` with it, and a small error keeps the
/// success path in registers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeserializeError(Box<ErrorDetail>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct ErrorDetail {
    /// Innermost segment first (the path is built as the error travels outwards).
    path: Vec<PathSegment>,
    message: String,
    position: Option<(usize, usize)>,
    /// The message without the body's text, when `message` quotes it.
    unquoted: Option<String>,
}

impl DeserializeError {
    #[cold]
    pub(crate) fn new(message: String, position: Option<(usize, usize)>) -> Self {
        DeserializeError(Box::new(ErrorDetail {
            path: Vec::new(),
            message,
            position,
            unquoted: None,
        }))
    }

    /// The same error with nothing of the value in it, for a value that is `@sensitive`: a
    /// message that quoted the body's text says what was wrong without it, and map keys inside
    /// the value are not shown. Member names, list indexes and the position stay (they are the
    /// schema's, not the data's).
    #[cold]
    pub fn redacted(mut self) -> Self {
        if let Some(unquoted) = self.0.unquoted.take() {
            self.0.message = format!("{unquoted} (the value is sensitive: not shown)");
        }
        for segment in &mut self.0.path {
            if matches!(segment, PathSegment::Key(_)) {
                *segment = PathSegment::HiddenKey;
            }
        }
        self
    }

    /// The same error, inside member `name`.
    pub fn in_member(mut self, name: &'static str) -> Self {
        self.0.path.push(PathSegment::Member(name));
        self
    }

    /// The same error, inside element `index` of a list.
    pub fn in_index(mut self, index: usize) -> Self {
        self.0.path.push(PathSegment::Index(index));
        self
    }

    /// The same error, inside the value of map key `key`.
    pub fn in_key(mut self, key: &str) -> Self {
        self.0.path.push(PathSegment::Key(key.to_owned()));
        self
    }

    /// The path to the value at fault, e.g. `Backups[2].FileSystem.StorageCapacity`
    /// (empty for the document itself).
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.0.path.iter().rev() {
            match segment {
                PathSegment::Member(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                PathSegment::Index(i) => path.push_str(&format!("[{i}]")),
                PathSegment::Key(k) => path.push_str(&format!("[{k:?}]")),
                PathSegment::HiddenKey => {
                    path.push('[');
                    path.push_str(super::REDACTED);
                    path.push(']');
                }
            }
        }
        path
    }

    /// What is wrong, e.g. `expected integer, got string`.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Line and column (from 1) in the body.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.0.position
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        if !path.is_empty() {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.0.message)?;
        if let Some((line, column)) = self.0.position {
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
}
