//! The client behind the `client` feature: what makes a real call from the sans-IO core.
//! Config (region, credentials, endpoint settings, retries, timeouts), SigV4 signing,
//! an HTTPS transport, the standard retry strategy, one error type per call, paginators.
//! Generated crates add `Client` and the fluent calls on top (`src/client.rs`).

pub mod config;
pub mod credentials;
pub mod error;
pub mod http;
pub mod invoke;
pub mod paginator;
pub mod profile;
pub mod retry;
pub mod sign;
pub mod timer;
