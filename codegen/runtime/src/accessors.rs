//! The accessors of builders and of the client's fluent builders, written by `macro_rules!`
//! rather than out in full: one line of generated code per member instead of about twenty,
//! with the same public API (aws-sdk-rust's: a setter taking `impl Into<T>`, appending to a
//! list or adding to a map, `set_` replacing the whole value, `get_` reading it).
//!
//! Every macro takes, in order: the outer attributes of the three methods (`#[deprecated]`),
//! how the setter takes its value (`into`: `impl Into<T>`; `plain`: `T` itself, for numbers and
//! booleans, so that a literal is not inferred as an `i32`; `boxed`: `impl Into<T>`, held in a
//! `Box` for recursion), the builder's field, the setter, `set_` and `get_` methods, the
//! member's wire name, its type(s), and its docs (one string; `""` for none).

// A crate uses the macros its members need (one without maps never calls `entry!`).
#![allow(unused_imports, unused_macros)]

/// A setter's parameter type: `impl Into<T>`, or `T` itself (`plain`).
macro_rules! param {
    (plain $t:ty) => { $t };
    (into $t:ty) => { impl ::std::convert::Into<$t> };
    (boxed $t:ty) => { impl ::std::convert::Into<$t> };
}
pub(crate) use param;

/// What a builder holds for a value of `T` (without its `Option`): `Box<T>` when `boxed`.
macro_rules! stored {
    (boxed $t:ty) => { ::std::boxed::Box<$t> };
    (into $t:ty) => { $t };
    (plain $t:ty) => { $t };
}
pub(crate) use stored;

/// Turns a setter's parameter into what the builder holds.
macro_rules! held {
    (boxed $input:expr) => {
        ::std::boxed::Box::new(::std::convert::Into::into($input))
    };
    (into $input:expr) => {
        ::std::convert::Into::into($input)
    };
    (plain $input:expr) => {
        $input
    };
}
pub(crate) use held;

/// A builder's `set_` and `get_` for a member stored as `$stored`; `$what` is `member`, `list`
/// or `map`.
macro_rules! set_get {
    ($(#[$attr:meta])* $field:ident $set:ident $get:ident $wire:literal member: $stored:ty, $doc:literal) => {
        $crate::runtime::accessors::set_get!(
            @ $(#[$attr])* $field $set $get, $wire, "member",
            concat!("Sets or clears the `", $wire, "` member."), $stored, $doc
        );
    };
    ($(#[$attr:meta])* $field:ident $set:ident $get:ident $wire:literal $what:ident: $stored:ty, $doc:literal) => {
        $crate::runtime::accessors::set_get!(
            @ $(#[$attr])* $field $set $get, $wire, stringify!($what),
            concat!("Replaces or clears the whole `", $wire, "` ", stringify!($what), "."), $stored, $doc
        );
    };
    (@ $(#[$attr:meta])* $field:ident $set:ident $get:ident, $wire:literal, $what:expr, $set_doc:expr, $stored:ty, $doc:literal) => {
        #[doc = $set_doc]
        #[doc = ""]
        #[doc = $doc]
        $(#[$attr])*
        pub fn $set(mut self, input: ::std::option::Option<$stored>) -> Self {
            self.$field = input;
            self
        }

        #[doc = concat!("The `", $wire, "` ", $what, ", if set.")]
        #[doc = ""]
        #[doc = $doc]
        $(#[$attr])*
        pub fn $get(&self) -> &::std::option::Option<$stored> {
            &self.$field
        }
    };
}
pub(crate) use set_get;

/// A builder's accessors for a member that is neither a list nor a map.
macro_rules! value {
    ($(#[$attr:meta])* $how:ident $field:ident $setter:ident $set:ident $get:ident $wire:literal: $t:ty, $doc:literal) => {
        #[doc = concat!("Sets the `", $wire, "` member.")]
        #[doc = ""]
        #[doc = $doc]
        $(#[$attr])*
        pub fn $setter(mut self, input: $crate::runtime::accessors::param!($how $t)) -> Self {
            self.$field = ::std::option::Option::Some($crate::runtime::accessors::held!($how input));
            self
        }

        $crate::runtime::accessors::set_get!(
            $(#[$attr])* $field $set $get $wire member: $crate::runtime::accessors::stored!($how $t), $doc
        );
    };
}
pub(crate) use value;

/// A builder's accessors for a list member: the setter appends one element.
macro_rules! element {
    ($(#[$attr:meta])* $how:ident $field:ident $setter:ident $set:ident $get:ident $wire:literal: $item:ty, $doc:literal) => {
        #[doc = concat!(
            "Appends an element to the `", $wire, "` list; [`", stringify!($set), "`](Self::",
            stringify!($set), ") replaces the whole list."
        )]
        #[doc = ""]
        #[doc = $doc]
        $(#[$attr])*
        pub fn $setter(mut self, input: $crate::runtime::accessors::param!($how $item)) -> Self {
            self.$field
                .get_or_insert_with(::std::vec::Vec::new)
                .push($crate::runtime::accessors::held!($how input));
            self
        }

        $crate::runtime::accessors::set_get!(
            $(#[$attr])* $field $set $get $wire list: ::std::vec::Vec<$item>, $doc
        );
    };
}
pub(crate) use element;

/// A builder's accessors for a map member: the setter adds one entry.
macro_rules! entry {
    ($(#[$attr:meta])* $how_key:ident $how_value:ident $field:ident $setter:ident $set:ident $get:ident $wire:literal: $key:ty, $value:ty, $doc:literal) => {
        #[doc = concat!(
            "Adds an entry to the `", $wire, "` map; [`", stringify!($set), "`](Self::",
            stringify!($set), ") replaces the whole map."
        )]
        #[doc = ""]
        #[doc = $doc]
        $(#[$attr])*
        pub fn $setter(
            mut self,
            key: $crate::runtime::accessors::param!($how_key $key),
            value: $crate::runtime::accessors::param!($how_value $value),
        ) -> Self {
            self.$field.get_or_insert_with(::std::collections::BTreeMap::new).insert(
                $crate::runtime::accessors::held!($how_key key),
                $crate::runtime::accessors::held!($how_value value),
            );
            self
        }

        $crate::runtime::accessors::set_get!(
            $(#[$attr])* $field $set $get $wire map: ::std::collections::BTreeMap<$key, $value>, $doc
        );
    };
}
pub(crate) use entry;

/// A fluent builder's accessors: each passes to the input builder it holds (`self.inner`),
/// whose setter (`$builder::$name`, a doc link) documents the member. The first word says
/// what the member is (`value`, `element` of a list, `entry` of a map), as the builder macros'
/// names do; the rest is theirs, without the field and the docs.
macro_rules! fluent {
    ($builder:literal, $(#[$attr:meta])* value $how:ident $setter:ident $set:ident $get:ident $wire:literal $name:literal: $t:ty) => {
        $crate::runtime::accessors::fluent!(
            @ $(#[$attr])* $setter $set $get $wire $builder $name,
            $crate::runtime::accessors::stored!($how $t), (input: $how $t)
        );
    };
    ($builder:literal, $(#[$attr:meta])* element $how:ident $setter:ident $set:ident $get:ident $wire:literal $name:literal: $t:ty) => {
        $crate::runtime::accessors::fluent!(
            @ $(#[$attr])* $setter $set $get $wire $builder $name, ::std::vec::Vec<$t>, (input: $how $t)
        );
    };
    ($builder:literal, $(#[$attr:meta])* entry $how_key:ident $how_value:ident $setter:ident $set:ident $get:ident $wire:literal $name:literal: $key:ty, $value:ty) => {
        $crate::runtime::accessors::fluent!(
            @ $(#[$attr])* $setter $set $get $wire $builder $name,
            ::std::collections::BTreeMap<$key, $value>, (key: $how_key $key, value: $how_value $value)
        );
    };
    (@ $(#[$attr:meta])* $setter:ident $set:ident $get:ident $wire:literal $builder:literal $name:literal, $stored:ty, ($($param:ident: $how:ident $t:ty),+)) => {
        #[doc = concat!("`", $wire, "`: the input builder's [`", stringify!($setter), "`](", $builder, "::", $name, ").")]
        $(#[$attr])*
        pub fn $setter(mut self, $($param: $crate::runtime::accessors::param!($how $t)),+) -> Self {
            self.inner = self.inner.$setter($($param),+);
            self
        }

        #[doc = concat!("Sets or clears `", $wire, "`.")]
        $(#[$attr])*
        pub fn $set(mut self, input: ::std::option::Option<$stored>) -> Self {
            self.inner = self.inner.$set(input);
            self
        }

        #[doc = concat!("`", $wire, "`, if set.")]
        $(#[$attr])*
        pub fn $get(&self) -> &::std::option::Option<$stored> {
            self.inner.$get()
        }
    };
}
pub(crate) use fluent;

/// Every accessor of a builder or fluent builder in one call, each as `kind(arguments);` for
/// the macro `kind` (`value`, `element`, `entry`, `fluent`): one call per builder rather than
/// one per member, so that generated code spends its lines on what differs. A fluent builder's
/// call starts with `link "path";`, its input builder's path (for the docs' links), which
/// each `fluent!` then takes first.
macro_rules! methods {
    (link $builder:literal; $($kind:ident($($args:tt)*);)*) => {
        $($crate::runtime::accessors::$kind!($builder, $($args)*);)*
    };
    ($($kind:ident($($args:tt)*);)*) => {
        $($crate::runtime::accessors::$kind!($($args)*);)*
    };
}
pub(crate) use methods;

/// A builder's value (`build()`): the type (by its path in the crate) with each field from the builder's, as
/// `field` (as held), `field = default` (its type's default when unset), `field = or(value)`,
/// `field = or_else(value)` (computed when unset), `field = required("Type", "field",
/// "Wire")` (a `BuildError` when unset), or `field = new` (not in the builder: an error's
/// `meta`). `builder` is the builder (`self`).
macro_rules! build {
    ($builder:tt, $($ty:ident)::+ { $($field:ident $(= $how:ident $(($($args:tt)*))?)?),* $(,)? }) => {
        $crate$(::$ty)+ {
            $($field: $crate::runtime::accessors::build!(
                @field $builder, $field $(, $how $(($($args)*))?)?
            ),)*
        }
    };
    (@field $builder:tt, $field:ident) => { $builder.$field };
    (@field $builder:tt, $field:ident, default) => { $builder.$field.unwrap_or_default() };
    (@field $builder:tt, $field:ident, or($value:expr)) => { $builder.$field.unwrap_or($value) };
    (@field $builder:tt, $field:ident, or_else($value:expr)) => {
        $builder.$field.unwrap_or_else(|| $value)
    };
    (@field $builder:tt, $field:ident, required($ty:literal, $name:literal, $wire:literal)) => {
        $builder.$field.ok_or_else(|| {
            $crate::runtime::values::BuildError::missing_member($ty, $name, $wire)
        })?
    };
    (@field $builder:tt, $field:ident, new) => { ::std::default::Default::default() };
}
pub(crate) use build;

/// A type's `builder()`, starting its builder (by its path in the crate).
macro_rules! builder_fn {
    ($($builder:ident)::+) => {
        /// A builder for this type.
        pub fn builder() -> $crate$(::$builder)+ {
            ::std::default::Default::default()
        }
    };
}
pub(crate) use builder_fn;
