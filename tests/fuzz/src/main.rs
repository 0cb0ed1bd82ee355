//! `fuzz [--target NAME]… [--secs N] [--execs N] [--seed N] [--findings DIR]`: fuzzes each
//! target (every one by default) for N seconds or N executions, and prints one line per target.
//! Exits 1 if anything panicked or hung; the inputs are saved under the findings folder. Run it
//! through `cargo xtask fuzz`, which builds it with debug assertions and overflow checks on.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use fuzz::run::{fuzz, quiet_panics};
use fuzz::targets::{target, TARGETS};

fn main() -> ExitCode {
    let mut names = Vec::new();
    let mut secs = 10.0f64;
    let mut execs = u64::MAX;
    let mut seed = None;
    let mut findings = PathBuf::from("target/fuzz/findings");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--target" => names.extend(value().split(',').map(str::to_owned)),
            "--secs" => secs = value().parse().unwrap_or(secs),
            "--execs" => execs = value().parse().unwrap_or(execs),
            "--seed" => seed = value().parse().ok(),
            "--findings" => findings = PathBuf::from(value()),
            "--list" => {
                for t in TARGETS {
                    println!("{}: {}", t.name, t.about);
                }
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unknown argument `{other}` (see --list for the targets)");
                return ExitCode::from(2);
            }
        }
    }
    let targets: Vec<_> = if names.is_empty() {
        TARGETS.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for name in &names {
            match target(name) {
                Some(t) => chosen.push(t),
                None => {
                    let known: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
                    eprintln!("error: no target `{name}` (targets: {})", known.join(", "));
                    return ExitCode::from(2);
                }
            }
        }
        chosen
    };
    // A new seed each run explores further; the printed one repeats a run.
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    });
    println!("seed {seed}");
    quiet_panics();
    let mut found = 0;
    for t in targets {
        let report = fuzz(t, seed, Duration::from_secs_f64(secs), execs, &findings);
        let seconds = report.elapsed.as_secs_f64();
        println!(
            "{}: {} executions in {:.1} s ({:.0}/s), {} outcomes, corpus {}, {} findings",
            t.name,
            report.executions,
            seconds,
            report.executions as f64 / seconds.max(1e-9),
            report.outcomes,
            report.corpus,
            report.findings.len()
        );
        for (problem, path) in &report.findings {
            println!("  {} ({})", problem.replace('\n', " / "), path.display());
        }
        found += report.findings.len();
    }
    if found == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
