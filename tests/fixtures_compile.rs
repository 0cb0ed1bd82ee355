//! Every fixture model's crate compiles warning-free, clippy- and rustdoc-clean where the generator puts
//! it (its own `Cargo.toml`, its own workspace), and passes the fixture's behaviour tests
//! (`tests/fixture_behaviour/<name>.rs`, copied into the crate as `tests/behaviour.rs`) and
//! its own generated tests (documented examples, runtime unit tests).
//!
//! The crates are built one after another with a shared target folder and the workspace's
//! `Cargo.lock`, so dependencies are compiled once and resolve to the versions the project
//! pins.

use std::path::PathBuf;

use tests::{cargo_in, fixture_names, generate_fixture, project_root};

#[test]
fn fixture_crates_build_clippy_clean_and_pass_their_behaviour_tests() {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let target = scratch.join("fixture-target");
    let lock = project_root().join("Cargo.lock");
    let declared =
        std::fs::read_to_string(project_root().join("tests/lib.rs")).expect("tests/lib.rs");
    for name in fixture_names() {
        let dir = scratch.join("fixture-crates").join(&name);
        let krate = generate_fixture(&name);
        krate
            .write(&dir)
            .unwrap_or_else(|e| panic!("writing {name}: {e}"));
        std::fs::copy(&lock, dir.join("Cargo.lock")).expect("copy Cargo.lock");
        let behaviour = project_root().join(format!("tests/fixture_behaviour/{name}.rs"));
        assert!(
            behaviour.exists(),
            "fixture {name} has no behaviour tests: write tests/fixture_behaviour/{name}.rs"
        );
        assert!(
            declared.contains(&format!("    mod {name};")),
            "declare tests/fixture_behaviour/{name}.rs in tests/lib.rs, so that cargo fmt sees it"
        );
        std::fs::create_dir_all(dir.join("tests")).expect("tests folder");
        std::fs::copy(&behaviour, dir.join("tests/behaviour.rs")).expect("copy behaviour tests");
        cargo_in(
            &dir,
            &target,
            &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
        );
        cargo_in(&dir, &target, &["doc", "--quiet", "--no-deps"]);
        // The crate's own tests: its runtime's, its documented examples, the behaviour tests;
        // again with every feature where the behaviour tests check what a feature changes.
        cargo_in(&dir, &target, &["test", "--quiet"]);
        let tests = std::fs::read_to_string(&behaviour).expect("behaviour tests");
        if tests.contains("cfg!(feature") || tests.contains("#[cfg(feature") {
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
        }
    }
}
