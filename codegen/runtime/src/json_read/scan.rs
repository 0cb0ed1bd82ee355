//! Scanning: whitespace, literals, strings (their ends found eight bytes at a time, escapes
//! decoded), numbers, skipping a value, and the structure of arrays.

use super::{DeserializeError, JsonKind, JsonReader, MAX_DEPTH};
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
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
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
pub fn find_special(data: &[u8], from: usize) -> usize {
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
    /// Skips whitespace; the next byte, not consumed.
    #[inline]
    pub(super) fn next_byte(&mut self) -> Option<u8> {
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
    pub(super) fn unexpected(&mut self, expected: &str) -> DeserializeError {
        match self.next_byte().and_then(JsonKind::of) {
            Some(got) => self.error(format!("expected {expected}, got {}", got.name())),
            None => self.syntax("expected a value"),
        }
    }

    /// Consumes `open` (`"`, `{`, `[`) if it comes next; else the error for a value of another
    /// type.
    #[inline]
    pub(super) fn open(&mut self, open: u8, expected: &str) -> Result<(), DeserializeError> {
        if self.next_byte() == Some(open) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    /// Consumes the literal `word` (`true`, `false`, `null`), which its first byte announced.
    pub(super) fn literal(&mut self, word: &'static [u8]) -> Result<(), DeserializeError> {
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
    pub(super) fn text(&mut self) -> Result<&str, DeserializeError> {
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
    pub(super) fn escaped_text(
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
    pub(super) fn escape(&self, at: usize, text: &mut String) -> Result<usize, DeserializeError> {
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
    pub(super) fn hex4(&self, at: usize) -> Result<u32, DeserializeError> {
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
    pub(super) fn str_ref(&mut self) -> Result<&str, DeserializeError> {
        self.open(b'"', "string")?;
        self.text()
    }

    /// A JSON number at the current position, checked against JSON's grammar: its text, and
    /// whether it is a whole number (no fraction or exponent).
    pub(super) fn number(&mut self) -> Result<(&'a str, bool), DeserializeError> {
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
    pub(super) fn number_text(&mut self) -> Result<(&'a str, bool), DeserializeError> {
        match self.next_byte() {
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("number")),
        }
    }

    pub(super) fn enter(&mut self) -> Result<(), DeserializeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// Consumes the `:` after a key.
    #[inline]
    pub(super) fn colon(&mut self) -> Result<(), DeserializeError> {
        if self.next_byte() == Some(b':') {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax("expected `:`"))
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
