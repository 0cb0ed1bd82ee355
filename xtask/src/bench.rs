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
/// timed cases) unless a filter leaves it out. Fails if a benchmark fails or none prints a
/// result (a filter that matches no case).
pub fn run(root: &Path, args: &[String], out: &mut dyn Write) -> Result<(), String> {
    // The timed cases, generation and sizes.
    let mut results = bench_target(root, "compare", args, out, |line| {
        RESULT_PREFIXES.iter().any(|p| line.starts_with(p))
    })?;
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if filters.is_empty()
        || filters
            .iter()
            .any(|f| "mem_parse_describe_backups".contains(f.as_str()))
    {
        // The peak heap of a parse, ours against aws-sdk-fsx's.
        results += bench_target(root, "memory", &[], out, |line| line.starts_with("MEM "))?;
    }
    if results == 0 {
        return Err("the benchmark printed no results (does a filter match no case?)".into());
    }
    Ok(())
}

/// Runs `cargo bench -p bench --bench <target> -- <args>`, printing the lines `keep` keeps;
/// how many it printed.
fn bench_target(
    root: &Path,
    target: &str,
    args: &[String],
    out: &mut dyn Write,
    keep: impl Fn(&str) -> bool,
) -> Result<usize, String> {
    let mut cargo_args = vec!["bench", "--package", "bench", "--bench", target, "--"];
    cargo_args.extend(args.iter().map(String::as_str));
    let (status, results) = crate::scratch::cargo_streaming(root, &cargo_args, keep, out)?;
    if !status.success() {
        return Err(format!(
            "`cargo bench -p bench --bench {target}` failed ({status})"
        ));
    }
    Ok(results)
}
