//! Fuzzing on stable Rust (no nightly here, so no cargo-fuzz): a seeded, structure-aware
//! mutation harness. [`targets`] are the programs under test, [`mutate`] makes hostile inputs,
//! [`run`] drives a target for a time or a number of executions, catches every panic, and keeps
//! what it finds. `cargo xtask fuzz` builds it with debug assertions and overflow checks on
//! (the `fuzz` profile) and runs it; `tests/regressions.rs` replays every saved finding.

// The generated crates' runtime, for the event-stream target (FSx has no event streams). The
// fuzz target feeds its decoder directly, as a generated crate's output would.
#[path = "../../../codegen/runtime/mod.rs"]
mod runtime;

#[path = "../../../codegen/runtime/event_stream.rs"]
#[allow(dead_code)]
mod event_stream;

pub mod mutate;
pub mod run;
pub mod targets;
