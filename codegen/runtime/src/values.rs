//! Values every generated crate shares: the holders of enum values a crate does not know, the
//! builders' error, and the redaction marker.

use std::fmt;

/// What `Debug` prints in place of `@sensitive` data.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// An enum value received from the service that this version of the crate does not know.
///
/// Only the crate makes these (from the wire), so a known value can never hide in it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownEnumValue(String);

impl UnknownEnumValue {
    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    pub(crate) fn new(value: &str) -> Self {
        UnknownEnumValue(value.to_owned())
    }

    /// The value exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An intEnum value received from the service that this version of the crate does not know.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownIntEnumValue(i32);

impl UnknownIntEnumValue {
    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    pub(crate) fn new(value: i32) -> Self {
        UnknownIntEnumValue(value)
    }

    /// The value exactly as received.
    pub fn value(&self) -> i32 {
        self.0
    }
}

impl fmt::Debug for UnknownIntEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownIntEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A builder's `build()` found a required member unset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    field: &'static str,
    member: &'static str,
}

impl BuildError {
    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    pub(crate) fn missing_member(
        shape: &'static str,
        field: &'static str,
        member: &'static str,
    ) -> Self {
        BuildError {
            shape,
            field,
            member,
        }
    }

    /// The Rust name of the type being built.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The Rust field name of the missing member.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The member's name in the model (and on the wire).
    pub fn member(&self) -> &'static str {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: required member `{}` ({}) is not set",
            self.shape, self.field, self.member
        )
    }
}

impl std::error::Error for BuildError {}

/// What an enum (declared by the caller, with an `Unknown` variant holding an
/// [`UnknownEnumValue`], or for an intEnum (`int`) an [`UnknownIntEnumValue`]) implements, from
/// its variants as `Variant "VALUE"` (`Variant 1`): the wire value (`as_str()`, `value()`),
/// every known value (`values()`), conversion from the wire value (an unknown one kept),
/// ordering by wire value, and `Display` (with `FromStr` and `AsRef<str>` for a string enum).
/// Written by `macro_rules!` rather than out in full: about forty lines of generated code per
/// enum fewer, the same code compiled.
#[allow(unused_macros)] // Only generated code calls it.
macro_rules! enumeration {
    (string $name:ident { $($variant:ident $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[$($value),*]
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown($crate::runtime::values::UnknownEnumValue::new(other)),
                }
            }
        }

        $crate::runtime::values::enumeration!(@order $name, as_str);

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    (int $name:ident { $($variant:ident $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value.value(),
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [i32] {
                &[$($value),*]
            }
        }

        impl ::std::convert::From<i32> for $name {
            fn from(value: i32) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown($crate::runtime::values::UnknownIntEnumValue::new(other)),
                }
            }
        }

        $crate::runtime::values::enumeration!(@order $name, value);

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }
    };
    // Ordered by the value on the wire, not by variant: a value a model update adds (before
    // `Unknown`, or between others) must not reorder values users sort or keep in ordered maps.
    (@order $name:ident, $wire:ident) => {
        impl ::std::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                ::std::cmp::Ord::cmp(&self.$wire(), &other.$wire())
            }
        }

        impl ::std::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                ::std::option::Option::Some(self.cmp(other))
            }
        }
    };
}
#[allow(unused_imports)] // Only generated code calls it.
pub(crate) use enumeration;
