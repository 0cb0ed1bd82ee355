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

mod error;
mod keys;
mod members;
mod scalars;
mod scan;
mod structures;

pub use self::error::DeserializeError;
pub use self::scan::find_special;
#[allow(unused_imports)] // Only generated code calls it.
pub(crate) use self::structures::{collection, structure};
pub use crate::runtime::timestamp::TimestampFormat;

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
    /// The wire name of the member whose key was read last (by
    /// [`object_start_learning`](Self::object_start_learning) or
    /// [`object_next_learning`](Self::object_next_learning)): what the member readers name in
    /// their errors, so that generated code does not pass it to each.
    member: &'static str,
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
            member: "",
        }
    }

    /// Takes `count` elements of `T` out of the memory budget, or fails: a body may not make
    /// more than [`MEMORY_PER_BYTE`] bytes of list elements and map entries per byte of JSON
    /// (plus [`MEMORY_BASE`]), so memory stays proportional to the input whatever it holds.
    #[inline]
    pub(super) fn charge<T>(&mut self, count: usize) -> Result<(), DeserializeError> {
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
    pub(super) fn over_budget(&self) -> DeserializeError {
        self.error(format!(
            "the body would take more memory than {MEMORY_PER_BYTE} bytes per byte of JSON \
             (plus {} MiB) to hold: it has far more (empty) elements than any response does",
            MEMORY_BASE >> 20
        ))
    }

    /// An error about the byte at `index`, with its line and column (from 1; columns count
    /// characters).
    pub(super) fn error_at(&self, index: usize, message: impl Into<String>) -> DeserializeError {
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

    pub(super) fn error(&self, message: impl Into<String>) -> DeserializeError {
        self.error_at(self.pos, message)
    }

    /// An error whose `message` quotes the body's text; `unquoted` says the same without it,
    /// for when the value is `@sensitive` (see [`DeserializeError::redacted`]).
    #[cold]
    pub(super) fn error_quoting(
        &self,
        index: usize,
        message: String,
        unquoted: &str,
    ) -> DeserializeError {
        self.error_at(index, message).quoting(unquoted)
    }

    pub(super) fn syntax_at(&self, index: usize, what: &str) -> DeserializeError {
        if index >= self.data.len() && self.not_utf8 {
            self.error_at(index, "invalid JSON: not UTF-8")
        } else if index >= self.data.len() {
            self.error_at(index, "invalid JSON: unexpected end of input")
        } else {
            self.error_at(index, format!("invalid JSON: {what}"))
        }
    }

    pub(super) fn syntax(&self, what: &str) -> DeserializeError {
        self.syntax_at(self.pos, what)
    }

    /// An error about the value at the current position.
    pub fn invalid(&self, message: impl Into<String>) -> DeserializeError {
        self.error(message)
    }
}
