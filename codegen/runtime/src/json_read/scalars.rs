//! Scalars: strings, enums, booleans, integers of every width, floats with awsJson's
//! specials, timestamps, blobs, big numbers and documents.

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};

use super::scan::find_special;
use super::{DeserializeError, JsonKind, JsonReader, TimestampFormat};
use crate::runtime::timestamp::{parse_date_time, parse_epoch_seconds};
impl<'a> JsonReader<'a> {
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

    pub(super) fn timestamp_string(
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

    pub(super) fn big_number_text(&mut self) -> Result<(usize, String), DeserializeError> {
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
}
