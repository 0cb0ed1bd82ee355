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
//! SIZE <case> ours=<n> aws-sdk-fsx=<n> ratio=<x.xx>       (lines of code and bytes of src/)
//! ```
//!
//! Cargo's progress and the benchmark's `INFO` lines (sizes, MB/s) go to stderr.

use std::io::Write;
use std::path::Path;

/// The prefixes of the lines this command prints.
pub const RESULT_PREFIXES: [&str; 4] = ["BENCH ", "LIMIT ", "GEN ", "SIZE "];

/// Runs the benchmark with `args` (case filters, `--quick`), printing its result lines to `out`.
/// Fails if the benchmark fails or reports nothing.
pub fn run(root: &Path, args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let mut cargo_args = vec!["bench", "--package", "bench", "--bench", "compare", "--"];
    cargo_args.extend(args.iter().map(String::as_str));
    let keep = |line: &str| RESULT_PREFIXES.iter().any(|p| line.starts_with(p));
    let (status, results) = crate::scratch::cargo_streaming(root, &cargo_args, keep, out)?;
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
