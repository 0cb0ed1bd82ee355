//! Smithy member semantics: optional and required members, structures read in place (boxed
//! or not), and the generic readers of lists and maps, charged against the memory budget.

use super::{DeserializeError, JsonReader, ReadInPlace};
impl<'a> JsonReader<'a> {
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

    /// Reads the member whose key was just read (or `null`, which leaves it unset) into `slot`;
    /// an error names the member (`object_start_learning` keeps its name). Out of line, so that
    /// the temporaries of every member's read do not pile up in the frame of the structure's
    /// deserializer: a deeply recursive body then needs far less stack.
    #[inline(never)]
    pub fn member<T>(
        &mut self,
        slot: &mut Option<T>,
        read: impl FnOnce(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<(), DeserializeError> {
        let name = self.member;
        *slot = self.optional(read).map_err(|e| e.in_member(name))?;
        Ok(())
    }

    /// Reads the member just keyed into a field that always has a value (required or defaulted): a
    /// `null` leaves it as it is.
    #[inline(never)]
    pub fn value<T>(
        &mut self,
        slot: &mut T,
        read: impl FnOnce(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<(), DeserializeError> {
        let name = self.member;
        if !self.take_null().map_err(|e| e.in_member(name))? {
            *slot = read(self).map_err(|e| e.in_member(name))?;
        }
        Ok(())
    }

    /// Reads the structure member just keyed in place into `slot` (a `null` unsets it).
    #[inline(never)]
    pub fn member_in_place<T: ReadInPlace>(
        &mut self,
        slot: &mut Option<T>,
    ) -> Result<(), DeserializeError> {
        let name = self.member;
        if self.take_null().map_err(|e| e.in_member(name))? {
            *slot = None;
            return Ok(());
        }
        let place = slot.insert(T::empty());
        T::deserialize_json_into(self, place).map_err(|e| e.in_member(name))
    }

    /// Reads the boxed structure member just keyed in place into `slot` (a `null` unsets it).
    #[inline(never)]
    pub fn member_boxed<T: ReadInPlace>(
        &mut self,
        slot: &mut Option<Box<T>>,
    ) -> Result<(), DeserializeError> {
        let name = self.member;
        if self.take_null().map_err(|e| e.in_member(name))? {
            *slot = None;
            return Ok(());
        }
        self.charge::<T>(1).map_err(|e| e.in_member(name))?;
        let place = slot.insert(Box::new(T::empty()));
        T::deserialize_json_into(self, place).map_err(|e| e.in_member(name))
    }

    /// Reads the required structure member just keyed in place (a `null` leaves it as it is).
    #[inline(never)]
    pub fn value_in_place<T: ReadInPlace>(&mut self, slot: &mut T) -> Result<(), DeserializeError> {
        let name = self.member;
        if !self.take_null().map_err(|e| e.in_member(name))? {
            *slot = T::empty();
            T::deserialize_json_into(self, slot).map_err(|e| e.in_member(name))?;
        }
        Ok(())
    }

    /// Reads the required boxed structure member just keyed in place (a `null` leaves it as it is).
    #[inline(never)]
    pub fn value_boxed<T: ReadInPlace>(
        &mut self,
        slot: &mut Box<T>,
    ) -> Result<(), DeserializeError> {
        let name = self.member;
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
    pub(super) fn in_key(&self, error: DeserializeError, at: usize) -> DeserializeError {
        let mut reader = JsonReader {
            text: self.text,
            data: self.data,
            not_utf8: self.not_utf8,
            pos: at,
            depth: 0,
            scratch: String::new(),
            budget: 0,
            member: "",
        };
        match reader.text() {
            Ok(key) => error.in_key(key),
            Err(_) => error,
        }
    }
}
