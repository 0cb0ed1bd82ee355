//! `structure!`: a structure's `ReadInPlace` and `DeserializeJson`, written by `macro_rules!`
//! from one entry per member rather than out in full (about twenty-five lines of generated code
//! per structure fewer, the same code compiled).

// A crate without structures never calls it.
#![allow(unused_imports, unused_macros)]

/// `ReadInPlace` and `DeserializeJson` for a structure. The call names the type (by its path
/// in the crate: `types::Backup`), then in brackets the fields no member reads (an error's
/// `meta`, an event stream) with their empty values, then each member, in model order, as
///
/// `index field "Wire" [sensitive]: how(read) [= empty]`
///
/// - `index`: the member's position (what the reader returns for its key);
/// - `sensitive`: a read error says nothing of the value ([`DeserializeError::redacted`]);
/// - `how(read)`: the reader's method storing the member (`member`, `value`, `member_in_place`,
///   `member_boxed`, `value_in_place`, `value_boxed`) and its read function, if it takes one;
/// - `empty`: the member's value before it is read (`None` when left out): a `@default`, or a
///   required member's zero.
///
/// The reader learns the order the structure's keys come in (see `object_start_learning`).
///
/// [`DeserializeError::redacted`]: crate::runtime::json_read::DeserializeError::redacted
macro_rules! structure {
    ($($ty:ident)::+ [$($extra:ident: $extra_empty:expr),*] {}) => {
        impl $crate::runtime::json_read::ReadInPlace for $crate$(::$ty)+ {
            #[inline]
            fn empty() -> Self {
                Self { $($extra: $extra_empty),* }
            }
        }

        impl $crate::runtime::json_read::DeserializeJson for $crate$(::$ty)+ {
            $crate::runtime::json_read::structure!(@deserialize_json);

            fn deserialize_json_into(
                reader: &mut $crate::runtime::json_read::JsonReader<'_>,
                _value: &mut Self,
            ) -> ::std::result::Result<(), $crate::runtime::json_read::DeserializeError> {
                let mut next = reader.object_start(&[])?;
                while let ::std::option::Option::Some(index) = next {
                    reader.skip()?;
                    next = reader.object_next(&[], index)?;
                }
                ::std::result::Result::Ok(())
            }
        }
    };
    ($($ty:ident)::+ [$($extra:ident: $extra_empty:expr),*] {
        $($index:literal $field:ident $wire:literal $($sensitive:ident)?: $how:ident($($read:expr)?) $(= $empty:expr)?),+ $(,)?
    }) => {
        impl $crate::runtime::json_read::ReadInPlace for $crate$(::$ty)+ {
            #[inline]
            fn empty() -> Self {
                Self {
                    $($field: $crate::runtime::json_read::structure!(@empty $($empty)?),)+
                    $($extra: $extra_empty,)*
                }
            }
        }

        impl $crate::runtime::json_read::DeserializeJson for $crate$(::$ty)+ {
            $crate::runtime::json_read::structure!(@deserialize_json);

            fn deserialize_json_into(
                reader: &mut $crate::runtime::json_read::JsonReader<'_>,
                value: &mut Self,
            ) -> ::std::result::Result<(), $crate::runtime::json_read::DeserializeError> {
                const FIELDS: &[&str] = &[$($wire),+];
                static ORDER: [::std::sync::atomic::AtomicU16; FIELDS.len() + 1] =
                    [const { ::std::sync::atomic::AtomicU16::new(0) }; FIELDS.len() + 1];
                let mut next = reader.object_start_learning(FIELDS, &ORDER)?;
                while let ::std::option::Option::Some(index) = next {
                    match index {
                        $($index => reader.$how(&mut value.$field $(, $read)?)
                            $(.map_err($crate::runtime::json_read::structure!(@$sensitive)))??,)+
                        _ => reader.skip()?,
                    }
                    next = reader.object_next_learning(FIELDS, &ORDER, index)?;
                }
                ::std::result::Result::Ok(())
            }
        }
    };
    // Reads into the empty value, in place.
    (@deserialize_json) => {
        fn deserialize_json(
            reader: &mut $crate::runtime::json_read::JsonReader<'_>,
        ) -> ::std::result::Result<Self, $crate::runtime::json_read::DeserializeError> {
            let mut value = <Self as $crate::runtime::json_read::ReadInPlace>::empty();
            Self::deserialize_json_into(reader, &mut value)?;
            ::std::result::Result::Ok(value)
        }
    };
    (@empty) => { ::std::option::Option::None };
    (@empty $empty:expr) => { $empty };
    (@sensitive) => { $crate::runtime::json_read::DeserializeError::redacted };
}
pub(crate) use structure;

/// The reader of a list or map shape: a function `name(reader)` calling the reader's method
/// for the collection (`list`, `sparse_list`, `structure_list`, `map`, …) with the element's
/// read function, if it takes one.
macro_rules! collection {
    ($name:ident: $ty:ty = $method:ident($($read:expr)?)) => {
        fn $name(
            reader: &mut $crate::runtime::json_read::JsonReader<'_>,
        ) -> ::std::result::Result<$ty, $crate::runtime::json_read::DeserializeError> {
            reader.$method($($read)?)
        }
    };
}
pub(crate) use collection;
