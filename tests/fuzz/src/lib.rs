//! Fuzzing on stable Rust (no nightly here, so no cargo-fuzz): a seeded, structure-aware
//! mutation harness. [`targets`] are the programs under test, [`mutate`] makes hostile inputs,
//! [`run`] drives a target for a time or a number of executions, catches every panic, and keeps
//! what it finds. `cargo xtask fuzz` builds it with debug assertions and overflow checks on
//! (the `fuzz` profile) and runs it; `tests/regressions.rs` replays every saved finding.

pub mod mutate;
pub mod run;
pub mod targets;
