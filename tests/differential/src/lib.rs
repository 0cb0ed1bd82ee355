//! Differential tests of the generated FSx crate (`fsx`) against aws-sdk-fsx and botocore.
//!
//! - [`generate`]: the seeded, model-driven random generator of awsJson wire values.
//! - [`json`]: a JSON tree that keeps number text exactly, a strict parser, wire writers.
//! - [`compare`]: model-aware comparison (members in any order, timestamps as instants).
//! - [`sdk`]: aws-sdk-fsx behind a capturing fake HTTP client, one [`sdk::Harness`] per
//!   operation.
//! - [`botocore`]: botocore's parser, through `botocore_parse.py`.
//! - [`python`]: the Python interpreter and the pinned packages, provisioned on first use.
//! - [`moto`]: moto's FSx server, for the client's end-to-end test (`tests/moto.rs`).
//! - [`examples`]: the documented examples as wire JSON.
//!
//! Every random case is a function of the seed (`DIFFERENTIAL_SEED`, default
//! [`generate::DEFAULT_SEED`]), the stream and the case number; a failure names all three, and
//! `DIFFERENTIAL_CASE=N` replays case N alone.

pub mod botocore;
pub mod compare;
pub mod examples;
pub mod generate;
pub mod json;
pub mod model;
pub mod moto;
pub mod python;
pub mod sdk;

use std::fmt::Write as _;

/// The case numbers to run: `DIFFERENTIAL_CASE=N` alone, else `0..case_count()`.
pub fn cases() -> std::ops::Range<usize> {
    match std::env::var("DIFFERENTIAL_CASE") {
        Ok(n) => {
            let n: usize = n
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("DIFFERENTIAL_CASE={n:?} is not a case number"));
            n..n + 1
        }
        Err(_) => 0..generate::case_count(),
    }
}

/// Whether case `case` of a fixed enumeration runs: all do unless `DIFFERENTIAL_CASE` picks one.
pub fn selected(case: usize) -> bool {
    cases().contains(&case) || std::env::var("DIFFERENTIAL_CASE").is_err()
}

/// The failures of a run of cases; [`Report::finish`] panics if there are any, naming the seed.
pub struct Report {
    stream: String,
    seed: u64,
    cases: usize,
    failures: Vec<(String, String)>,
}

/// At most this many failures are printed in full.
const SHOWN: usize = 8;

impl Report {
    /// A report for `stream` (e.g. `request/CopyBackup`).
    pub fn new(stream: impl Into<String>) -> Self {
        Report {
            stream: stream.into(),
            seed: generate::seed(),
            cases: 0,
            failures: Vec::new(),
        }
    }

    /// The seed this run uses.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Counts one case as run.
    pub fn ran(&mut self) {
        self.cases += 1;
    }

    /// How many cases ran.
    pub fn count(&self) -> usize {
        self.cases
    }

    /// Records that `case` (e.g. `case 17`) failed.
    pub fn fail(&mut self, case: impl Into<String>, what: impl Into<String>) {
        self.failures.push((case.into(), what.into()));
    }

    /// Whether anything failed so far.
    pub fn failed(&self) -> bool {
        !self.failures.is_empty()
    }

    /// Panics with every failure (the first few in full) and the seed, if any case failed.
    pub fn finish(self) {
        if self.failures.is_empty() {
            return;
        }
        let mut message = format!(
            "{} of {} cases of {} failed (DIFFERENTIAL_SEED={:#x}; replay one with DIFFERENTIAL_SEED={:#x} DIFFERENTIAL_CASE=<n>):\n",
            self.failures.len(),
            self.cases,
            self.stream,
            self.seed,
            self.seed
        );
        for (case, what) in self.failures.iter().take(SHOWN) {
            let _ = writeln!(
                message,
                "--- {} {case} (seed {:#x}):\n{what}",
                self.stream, self.seed
            );
        }
        if self.failures.len() > SHOWN {
            let rest: Vec<&str> = self.failures[SHOWN..]
                .iter()
                .map(|(c, _)| c.as_str())
                .collect();
            let _ = writeln!(message, "--- and {} more: {}", rest.len(), rest.join(", "));
        }
        panic!("{message}");
    }
}
