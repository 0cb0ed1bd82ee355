//! `cargo xtask semver-checks`: the model diff's Rust-semver verdict, cross-checked with
//! cargo-semver-checks (installed from crates.io into `target/tools/` on first use) on the
//! crates generated from both sides of a model update: the FSx update (2025-05-20 → current,
//! backup operations) and the semver fixture's minor and breaking updates.
//!
//! Where our verdict is minor or patch, cargo-semver-checks must find nothing that needs a
//! major release (its errors and its warnings); where ours is major, it must agree, unless every
//! major change is one it cannot see (a changed type: it does not compare types), which is
//! then said.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use smithy_codegen::diff::{self, Semver};
use smithy_codegen::{OperationFilter, Options};

use crate::inputs::{self, path};
use crate::scratch;

/// The cargo-semver-checks release the cross-check uses.
const VERSION: &str = "0.51.0";

/// One model update: its name, the two models, the operations.
struct Update {
    name: &'static str,
    old: &'static str,
    new: &'static str,
    operations: OperationFilter,
}

fn updates() -> Vec<Update> {
    let backup = OperationFilter::Named(inputs::FSX_OPERATIONS.map(str::to_owned).to_vec());
    vec![
        Update {
            name: "fsx",
            old: inputs::FSX_MODEL_2025_05_20,
            new: inputs::FSX_MODEL,
            operations: backup,
        },
        Update {
            name: "fixture-minor",
            old: "model/fixtures/semver/before.json",
            new: "model/fixtures/semver/minor.json",
            operations: OperationFilter::All,
        },
        Update {
            name: "fixture-breaking",
            old: "model/fixtures/semver/before.json",
            new: "model/fixtures/semver/breaking.json",
            operations: OperationFilter::All,
        },
    ]
}

/// Runs the cross-check; `Ok(true)` when every update agrees.
pub fn run(root: &Path, out: &mut dyn Write) -> Result<bool, String> {
    let tool = install(root, out)?;
    let mut all_agree = true;
    for update in updates() {
        let line = check(root, &tool, &update)?;
        all_agree &= !line.contains("DISAGREE");
        let _ = writeln!(out, "{line}");
    }
    Ok(all_agree)
}

/// `target/tools/bin/cargo-semver-checks`, installed (at [`VERSION`]) if it is not there.
fn install(root: &Path, out: &mut dyn Write) -> Result<PathBuf, String> {
    let tools = scratch::folder(root, "tools");
    let binary = tools.join("bin").join(format!(
        "cargo-semver-checks{}",
        std::env::consts::EXE_SUFFIX
    ));
    let installed = Command::new(&binary)
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(VERSION));
    if installed {
        return Ok(binary);
    }
    let _ = writeln!(
        out,
        "installing cargo-semver-checks {VERSION} into {} (once; several minutes)",
        tools.display()
    );
    let _ = out.flush();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let build = scratch::folder(root, "tools-build");
    let status = Command::new(cargo)
        .args(["install", "cargo-semver-checks", "--locked", "--quiet"])
        .args(["--version", &format!("={VERSION}")])
        .arg("--root")
        .arg(&tools)
        .env("CARGO_TARGET_DIR", &build)
        // A tool run for seconds: build it fast rather than make it fast.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "0")
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo install cargo-semver-checks {VERSION} failed"
        ));
    }
    // Its build products (about 650 MB) serve no one once the binary is installed; cargo
    // keeps them only because the target folder is given.
    let _ = std::fs::remove_dir_all(&build);
    Ok(binary)
}

/// Generates both crates of `update`, compares our verdict with cargo-semver-checks'.
fn check(root: &Path, tool: &Path, update: &Update) -> Result<String, String> {
    let options = Options {
        operations: update.operations.clone(),
        crate_name: Some("api".to_owned()),
        ..Options::default()
    };
    let dir = scratch::folder(root, "semver-checks").join(update.name);
    let mut summaries = Vec::new();
    for (side, model) in [("old", update.old), ("new", update.new)] {
        let file = smithy_codegen::load_file(&path(model)).map_err(|e| e.to_string())?;
        let ir = smithy_codegen::plan(&file, &options).map_err(|e| e.to_string())?;
        summaries.push(diff::summary::summarize(&ir));
        let krate = smithy_codegen::emit_crate(&ir).map_err(|e| e.to_string())?;
        scratch::write_crate(root, &krate, &dir.join(side))?;
    }
    let report = diff::compare(&summaries[0], &summaries[1]);
    let ours = report.semver();
    let output = Command::new(tool)
        .arg("semver-checks")
        .arg("--baseline-root")
        .arg(dir.join("old"))
        .arg("--manifest-path")
        .arg(dir.join("new").join("Cargo.toml"))
        .args(["--color", "never"])
        .env(
            "CARGO_TARGET_DIR",
            scratch::folder(root, "semver-checks-target"),
        )
        .output()
        .map_err(|e| format!("cannot run cargo-semver-checks: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // cargo-semver-checks fails on errors; it also warns of major-level changes.
    let theirs_major = !output.status.success() || text.contains("suggest new major version");
    let failed_lints: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            l.strip_prefix("--- failure ")
                .or_else(|| l.strip_prefix("--- warning "))
        })
        .map(|l| l.split(':').next().unwrap_or(l))
        .collect();
    let ours_text = ours.map_or("no changes".to_owned(), |s| s.to_string());
    let theirs_text = if theirs_major {
        format!("major ({})", failed_lints.join(", "))
    } else {
        "no major change".to_owned()
    };
    let ours_major = ours == Some(Semver::Major);
    // The major changes cargo-semver-checks cannot see: changed types.
    let only_types = report
        .changes
        .iter()
        .filter(|c| c.semver == Semver::Major)
        .all(|c| c.evaluator == "ChangedMemberTarget" || c.what.contains(" → "));
    let verdict = match (ours_major, theirs_major) {
        (false, false) | (true, true) => "agree",
        (true, false) if only_types => "agree (its major changes are changed types, which cargo-semver-checks does not compare)",
        _ => "DISAGREE",
    };
    Ok(format!(
        "{}: ours {ours_text}, cargo-semver-checks {theirs_text}: {verdict}",
        update.name
    ))
}
