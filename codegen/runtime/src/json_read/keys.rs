//! Objects' keys: a structure's member names matched in place (the expected one first, and
//! which one is expected learned per structure), and maps' data keys.

use std::sync::atomic::{AtomicU16, Ordering};

use super::scan::{find_special, same_bytes};
use super::{DeserializeError, JsonReader};
impl<'a> JsonReader<'a> {
    /// After an object's member: whether another follows (consuming the `,`), or its end
    /// (consuming the `}`).
    #[inline]
    pub(super) fn object_more(&mut self) -> Result<bool, DeserializeError> {
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
    pub(super) fn field(
        &mut self,
        fields: &[&str],
        expected: usize,
    ) -> Result<u16, DeserializeError> {
        match self.expected_field(fields, expected) {
            Some(index) => Ok(index),
            None => self.field_searched(fields, expected),
        }
    }

    /// `fields[expected]`'s index if `"name":` comes next exactly, past its colon.
    #[inline(always)]
    pub(super) fn expected_field(&mut self, fields: &[&str], expected: usize) -> Option<u16> {
        let name = fields.get(expected)?;
        if !self.key_is(name) {
            return None;
        }
        self.pos += name.len() + 3;
        Some(expected as u16)
    }

    /// Whether `"name":` comes next, exactly (no whitespace, no escapes).
    #[inline(always)]
    pub(super) fn key_is(&self, name: &str) -> bool {
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
    pub(super) fn field_searched(
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
    pub(super) fn field_scanned(&mut self, fields: &[&str]) -> Result<u16, DeserializeError> {
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
    pub(super) fn object_open(&mut self) -> Result<bool, DeserializeError> {
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
    /// member's index in `fields` (`u16::MAX` for a key not there), or `None` for `{}`. The
    /// member's name is kept for the member readers' errors (`member` and the like), as each
    /// of these four methods does.
    pub fn object_start(
        &mut self,
        fields: &'static [&'static str],
    ) -> Result<Option<u16>, DeserializeError> {
        if !self.object_open()? {
            return Ok(None);
        }
        let index = self.field(fields, 0)?;
        Ok(Some(self.keyed(fields, index)))
    }

    /// The next member of the object (its index in `fields`), or `None` at its end. `last`
    /// is the previous member's index: the next is expected to follow it.
    #[inline]
    pub fn object_next(
        &mut self,
        fields: &'static [&'static str],
        last: u16,
    ) -> Result<Option<u16>, DeserializeError> {
        if self.object_more()? {
            let index = self.field(fields, usize::from(last) + 1)?;
            Ok(Some(self.keyed(fields, index)))
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
        fields: &'static [&'static str],
        order: &[AtomicU16],
    ) -> Result<Option<u16>, DeserializeError> {
        if !self.object_open()? {
            return Ok(None);
        }
        let index = self.field_learning(fields, order, 0)?;
        Ok(Some(self.keyed(fields, index)))
    }

    /// [`object_next`](Self::object_next) with the order of
    /// [`object_start_learning`](Self::object_start_learning).
    #[inline]
    pub fn object_next_learning(
        &mut self,
        fields: &'static [&'static str],
        order: &[AtomicU16],
        last: u16,
    ) -> Result<Option<u16>, DeserializeError> {
        if self.object_more()? {
            let index = self.field_learning(fields, order, usize::from(last) + 1)?;
            Ok(Some(self.keyed(fields, index)))
        } else {
            Ok(None)
        }
    }

    /// Keeps the name of member `index` (none for an unknown key) for the member readers'
    /// errors; returns `index`.
    #[inline(always)]
    fn keyed(&mut self, fields: &'static [&'static str], index: u16) -> u16 {
        self.member = fields.get(usize::from(index)).copied().unwrap_or_default();
        index
    }

    /// [`field`](Self::field), expecting the key `order[slot]` names: slot 0 is the start,
    /// slot `i + 1` follows key `i`. A slot holds the expected index XOR the slot, so that an
    /// all-zero table expects model order.
    #[inline(always)]
    pub(super) fn field_learning(
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
    pub(super) fn field_relearned(
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
    pub(super) fn data_key<K: for<'s> From<&'s str>>(
        &mut self,
    ) -> Result<(K, usize), DeserializeError> {
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
}
