//! The runtime every generated crate carries: the awsJson reader and writer its
//! (de)serializers drive, the protocol's envelope and error reading, endpoints, event streams,
//! and the values its types share. The generator copies these sources (not `tests/`, nor this
//! file: it writes the crate's own `src/runtime/mod.rs`) into each crate's `src/runtime/`, so a
//! generated crate depends only on crates.io. Here they build as a crate of their own, for
//! their unit tests, docs and lints.
//!
//! The sources name each other `crate::runtime::…`, the path generated crates mount them at; in
//! this crate, that path is the crate root (the private `runtime` module below).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod accessors;
#[cfg(feature = "client")]
pub mod client;
pub mod endpoint;
pub mod endpoint_rules;
pub mod errors;
pub mod event_stream;
pub mod json_read;
pub mod json_write;
pub mod protocol;
#[cfg(feature = "serde")]
pub mod serde_wire;
pub mod timestamp;
pub mod validate;
pub mod values;

pub use values::{BuildError, UnknownEnumValue, UnknownIntEnumValue};

/// This crate's root under the path generated crates mount the runtime at.
mod runtime {
    // Only generated code (and this crate's tests) calls the accessor macros.
    #[allow(unused_imports)]
    pub use super::accessors;
    #[cfg(feature = "client")]
    pub use super::client;
    // Only generated code (and this crate's tests) calls the error macros.
    #[allow(unused_imports)]
    pub use super::errors;
    /// The service's `sdkId`, which generated crates set (`AWS_ENDPOINT_URL_<SERVICE>`).
    #[cfg(feature = "client")]
    pub const SDK_ID: &str = "Runtime";
    // Only generated code (and this crate's tests) calls the serde macros.
    #[cfg(feature = "serde")]
    #[allow(unused_imports)]
    pub use super::serde_wire;
    pub use super::values::REDACTED;
    /// Whether the service is awsQueryCompatible, which generated crates set.
    pub const QUERY_COMPATIBLE: bool = false;
    pub use super::{endpoint, json_read, json_write, protocol, timestamp};
    // Only generated code (and this crate's tests) calls their macros.
    #[allow(unused_imports)]
    pub use super::{validate, values};
}

#[cfg(test)]
mod tests;
