//! Building and testing generated crates in scratch folders under `target/`, the way a user
//! would: each by its own manifest, all sharing one target folder and the workspace's
//! `Cargo.lock` (so dependencies compile once and resolve to the versions the project pins).

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a cargo command printed, and whether it succeeded.
pub struct Outcome {
    /// Whether cargo exited successfully.
    pub success: bool,
    /// Its stdout.
    pub stdout: String,
    /// Its stderr.
    pub stderr: String,
}

/// `target/<name>` in the project root.
pub fn folder(root: &Path, name: &str) -> PathBuf {
    root.join("target").join(name)
}

/// Writes `krate` into `dir` (replacing an earlier generation there) with the workspace's
/// lock file beside it.
pub fn write_crate(
    root: &Path,
    krate: &smithy_codegen::GeneratedCrate,
    dir: &Path,
) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    krate.write(dir).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock into {}: {e}", dir.display()))?;
    Ok(())
}

/// Runs `cargo <args…>` for the crate in `dir` with `target` as its target folder (`args[0]` is
/// the command; the manifest path goes after it).
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<Outcome, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let (command, rest) = args.split_first().expect("a cargo command");
    let output = Command::new(cargo)
        .arg(command)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(rest)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(Outcome {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// Runs `cargo <args…>` in `root`, passing each line it prints on stdout that `keep` accepts
/// to `out` as it comes (stderr goes to ours). Its exit status and how many lines it passed.
pub fn cargo_streaming(
    root: &Path,
    args: &[&str],
    keep: impl Fn(&str) -> bool,
    out: &mut dyn std::io::Write,
) -> Result<(std::process::ExitStatus, usize), String> {
    use std::io::BufRead;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut child = Command::new(cargo)
        .args(args)
        .current_dir(root)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut passed = 0;
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cannot read what cargo {} printed: {e}", args[0]))?;
        if keep(&line) {
            passed += 1;
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for cargo {}: {e}", args[0]))?;
    Ok((status, passed))
}

/// The result of each test in libtest's (non-quiet) output: name → `Ok`, `Failed(why)` or
/// `Ignored(reason)`.
pub fn test_results(stdout: &str) -> Vec<(String, TestResult)> {
    let mut results = Vec::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, status)) = rest.split_once(" ... ") else {
            continue;
        };
        let result = if status == "ok" {
            TestResult::Ok
        } else if status.starts_with("FAILED") {
            TestResult::Failed(failure_message(stdout, name))
        } else if let Some(reason) = status.strip_prefix("ignored") {
            TestResult::Ignored(reason.trim_start_matches(',').trim().to_owned())
        } else {
            continue;
        };
        results.push((name.to_owned(), result));
    }
    results
}

/// One test's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TestResult {
    /// Passed.
    Ok,
    /// Failed, with the start of its panic message.
    Failed(String),
    /// Ignored, with the reason it gives.
    Ignored(String),
}

/// The panic message libtest printed for a failed test (its first lines).
fn failure_message(stdout: &str, name: &str) -> String {
    let marker = format!("---- {name} stdout ----");
    let Some(start) = stdout.find(&marker) else {
        return "failed".to_owned();
    };
    let section = &stdout[start + marker.len()..];
    let lines: Vec<&str> = section
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .skip_while(|l| l.starts_with("thread '"))
        .take_while(|l| {
            !l.starts_with("---- ") && !l.starts_with("stack backtrace") && !l.starts_with("note: ")
        })
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .collect();
    if lines.is_empty() {
        "failed".to_owned()
    } else {
        lines.join(" / ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_output() {
        let stdout = "running 3 tests\n\
            test a ... ok\n\
            test b ... ignored, no operation returns it\n\
            test c ... FAILED\n\
            \n\
            failures:\n\
            \n\
            ---- c stdout ----\n\
            \n\
            thread 'c' (12) panicked at tests/protocol.rs:4:5:\n\
            assertion `left == right` failed\n\
            \x20 left: 1\n\
            \x20right: 2\n\
            note: run with `RUST_BACKTRACE=1`\n";
        assert_eq!(
            test_results(stdout),
            [
                ("a".to_owned(), TestResult::Ok),
                (
                    "b".to_owned(),
                    TestResult::Ignored("no operation returns it".to_owned())
                ),
                (
                    "c".to_owned(),
                    TestResult::Failed(
                        "assertion `left == right` failed /   left: 1 /  right: 2".to_owned()
                    )
                ),
            ]
        );
    }
}
