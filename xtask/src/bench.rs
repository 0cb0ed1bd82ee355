//! `cargo xtask bench`: the generated FSx crate against aws-sdk-fsx, and generation time.
//!
//! Everything is measured by the release bench binary of `tests/bench` (`cargo bench -p bench
//! --bench compare`; this command is built in debug, so it times nothing itself). Its result
//! lines are printed as they come, exactly:
//!
//! ```text
//! BENCH <case> ours=<ns> aws-sdk-fsx=<ns> ratio=<x.xx>   (aws-sdk-fsx / ours: > 1, we are faster)
//! LIMIT <case> ignored_any=<ns>                          (serde_json into IgnoredAny, same body)
//! GEN <case> <ms>                                        (smithy_codegen::plan + emit_crate)
//! ```
//!
//! Cargo's progress and the benchmark's `INFO` lines (sizes, MB/s) go to stderr.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The prefixes of the lines this command prints.
pub const RESULT_PREFIXES: [&str; 3] = ["BENCH ", "LIMIT ", "GEN "];

/// Runs the benchmark with `args` (case filters, `--quick`), printing its result lines to `out`.
/// Fails if the benchmark fails or reports nothing.
pub fn run(root: &Path, args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut child = Command::new(cargo)
        .args(["bench", "--package", "bench", "--bench", "compare", "--"])
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut results = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cannot read the benchmark's output: {e}"))?;
        if RESULT_PREFIXES.iter().any(|p| line.starts_with(p)) {
            results += 1;
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo bench -p bench --bench compare` failed ({status})"
        ));
    }
    if results == 0 {
        return Err("the benchmark printed no results (does a filter match no case?)".into());
    }
    Ok(())
}
