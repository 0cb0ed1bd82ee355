//! The runtime's unit tests: here, not in the sources, so that the copies in generated crates
//! carry none of them.

mod accessors;
#[cfg(feature = "client")]
mod client_credentials;
#[cfg(feature = "client")]
mod client_retry;
#[cfg(feature = "client")]
mod client_sign;
mod endpoint;
mod endpoint_rules;
mod errors;
mod event_stream;
mod json_read;
mod json_write;
mod protocol;
mod serde_wire;
mod support;
mod validate;
mod values;

/// The helpers generated crates' tests use (copied into their `tests/support/`).
#[path = "../../test_support.rs"]
mod test_support;
