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
