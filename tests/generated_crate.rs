//! The committed `generated/` crate builds warning-free, is clippy-clean, documents without
//! rustdoc warnings and passes its own tests (doctests included), with its default features
//! and with all of them, built by its own manifest exactly as a user who depends on it would
//! build it.

use std::path::PathBuf;

use tests::{cargo_in, project_root};

#[test]
fn generated_crate_is_clean_and_its_tests_pass() {
    let dir = project_root().join("generated");
    std::fs::copy(project_root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .expect("copy Cargo.lock");
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-target");
    cargo_in(
        &dir,
        &target,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    cargo_in(&dir, &target, &["test", "--quiet"]);
    // Every feature on (`validate-patterns`, `gzip`): clean too, and the tests still pass
    // (the documented inputs match their patterns).
    cargo_in(
        &dir,
        &target,
        &[
            "clippy",
            "--quiet",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
    cargo_in(&dir, &target, &["test", "--quiet", "--all-features"]);
    cargo_in(
        &dir,
        &target,
        &["doc", "--quiet", "--no-deps", "--all-features"],
    );
}
