//! Shared helpers for the integration tests. The README's Rust snippets are this package's
//! doctests, so the test command compiles them and they cannot drift from the crate.

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeSnippets;

/// The fixtures' behaviour tests (`fixture_behaviour/<fixture>.rs`), compiled inside each
/// fixture's generated crate by `fixtures_compile.rs` (warning- and clippy-clean there).
/// Declared here, never compiled here, so that `cargo fmt` formats them with the workspace.
#[cfg(any())]
mod fixture_behaviour {
    mod collections;
    mod constraints;
    mod defaults;
    mod endpoints;
    mod enums;
    mod errors;
    mod event_streams;
    mod examples;
    mod mixins;
    mod naming;
    mod paging;
    mod recursion;
    mod sensitive;
    mod serde;
    mod smithy1;
    mod structures;
    mod unions;
}

use std::path::{Path, PathBuf};
use std::process::Command;

use smithy_codegen::{GeneratedCrate, ModelFile, OperationFilter, Options};

/// The project root.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the project root")
        .to_path_buf()
}

/// The project's own fixture models, by file stem, in name order.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project_root().join("model/fixtures"))
        .expect("model/fixtures exists")
        .filter_map(|e| {
            let path = e.ok()?.path();
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            (path.extension()? == "json").then_some(stem)
        })
        .collect();
    names.sort();
    names
}

/// A fixture model file.
pub fn fixture(name: &str) -> ModelFile {
    smithy_codegen::load_file(&project_root().join(format!("model/fixtures/{name}.json")))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Generates a fixture's crate with every operation of its only service.
pub fn generate_fixture(name: &str) -> GeneratedCrate {
    let options = Options {
        service: None,
        operations: OperationFilter::All,
        crate_name: Some(format!("fixture-{name}")),
        ..Default::default()
    };
    smithy_codegen::generate(&fixture(name), &options)
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Loads a model given as JSON text; the error's text, or the loaded model.
pub fn load_str(json: &str) -> Result<smithy_codegen::model::Model, String> {
    smithy_codegen::model::load(json.as_bytes()).map_err(|e| e.to_string())
}

/// Runs `cargo <command> --manifest-path <dir>/Cargo.toml <rest…>` with its own target folder
/// and warnings denied for rustc and rustdoc; panics with cargo's output if it fails, else
/// returns what it printed on stdout.
pub fn cargo_in(dir: &Path, target: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let (command, rest) = args.split_first().expect("a cargo command");
    let output = Command::new(cargo)
        .arg(command)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(rest)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed for {}:\n{}{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `cargo xtask <args>` in this process, as a user would from the command line: (exit
/// code, stdout, stderr).
pub fn run_xtask(args: &[&str]) -> (std::process::ExitCode, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = xtask::run(args.iter().map(|s| s.to_string()), &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}
