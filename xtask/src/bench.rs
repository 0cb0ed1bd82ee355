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
//! MEM <case> ours=<bytes> aws-sdk-fsx=<bytes> ratio=<x.xx> (peak heap of a parse: `memory`)
//! ```
//!
//! Cargo's progress and the benchmark's `INFO` lines (sizes, MB/s) go to stderr.

use std::io::Write;
use std::path::Path;

/// The prefixes of the lines this command prints.
pub const RESULT_PREFIXES: [&str; 5] = ["BENCH ", "LIMIT ", "GEN ", "SIZE ", "MEM "];

/// Runs the benchmark with `args` (case filters, `--quick`), printing its result lines to `out`,
/// then the memory benchmark (its own target: it counts allocations, which would slow the
/// timed cases) unless a filter leaves it out. Fails if a benchmark fails or `compare` reports
/// nothing.
pub fn run(root: &Path, args: &[String], out: &mut dyn Write) -> Result<(), String> {
    compare(root, args, out)?;
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if filters.is_empty()
        || filters
            .iter()
            .any(|f| "mem_parse_describe_backups".contains(f.as_str()))
    {
        memory(root, out)?;
    }
    Ok(())
}

/// The peak heap of a parse, ours against aws-sdk-fsx's (`MEM` lines); how many it printed.
fn memory(root: &Path, out: &mut dyn Write) -> Result<usize, String> {
    let cargo_args = ["bench", "--package", "bench", "--bench", "memory"];
    let keep = |line: &str| line.starts_with("MEM ");
    let (status, results) = crate::scratch::cargo_streaming(root, &cargo_args, keep, out)?;
    if !status.success() {
        return Err(format!(
            "`cargo bench -p bench --bench memory` failed ({status})"
        ));
    }
    Ok(results)
}

/// The timed cases, generation and sizes (`cargo bench -p bench --bench compare`).
fn compare(root: &Path, args: &[String], out: &mut dyn Write) -> Result<usize, String> {
    let mut cargo_args = vec!["bench", "--package", "bench", "--bench", "compare", "--"];
    cargo_args.extend(args.iter().map(String::as_str));
    let keep = |line: &str| RESULT_PREFIXES.iter().any(|p| line.starts_with(p));
    let (status, results) = crate::scratch::cargo_streaming(root, &cargo_args, keep, out)?;
    if !status.success() {
        return Err(format!(
            "`cargo bench -p bench --bench compare` failed ({status})"
        ));
    }
    Ok(results)
}
