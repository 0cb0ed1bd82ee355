//! `cargo xtask fuzz [--target T]… [--secs N] [--execs N] [--seed N]`: builds the fuzzer of
//! `tests/fuzz` in the `fuzz` profile (optimized, debug assertions and overflow checks on) and
//! runs it from the project root, printing its lines as they come. Findings are saved under
//! `target/fuzz/findings/<target>/`; a finding that is fixed becomes a regression by moving its
//! input to `tests/fuzz/regressions/<target>/`.

use std::io::Write;
use std::path::Path;

/// Runs the fuzzer with `args`; Ok(false) when it found something.
pub fn run(root: &Path, args: &[String], out: &mut dyn Write) -> Result<bool, String> {
    let mut cargo_args = vec![
        "run",
        "--quiet",
        "--profile",
        "fuzz",
        "--package",
        "fuzz",
        "--",
    ];
    cargo_args.extend(args.iter().map(String::as_str));
    let (status, _) = crate::scratch::cargo_streaming(root, &cargo_args, |_| true, out)?;
    match status.code() {
        Some(0) => Ok(true),
        Some(1) => Ok(false),
        _ => Err(format!("the fuzzer failed ({status})")),
    }
}
