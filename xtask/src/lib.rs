//! `cargo xtask`: the project's commands. `codegen` regenerates (or checks) a crate from a
//! Smithy model; the library in `codegen/` does the work. The commands live here, as a
//! library, so that tests can run them and read what they print.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

pub mod bench;
pub mod fuzz;
pub mod inputs;
pub mod models;
pub mod protocol_tests;
pub mod scratch;
pub mod semver_checks;
use inputs::project_root;
use smithy_codegen::{Difference, OperationFilter, Options};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project commands for the Smithy → Rust generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust crate from a Smithy JSON AST model (by default: FSx's backup operations
    /// into `generated/`).
    Codegen(CodegenArgs),
    /// Run the official Smithy awsJson protocol compliance tests against generated crates and
    /// report per suite (fails if any case fails).
    ProtocolTests,
    /// Generate, build (warnings denied) and test a crate for each real AWS model in `model/`
    /// (or under `--dir`), and report per model (fails if any fails).
    Models(ModelsArgs),
    /// Benchmark the generated FSx crate against aws-sdk-fsx and time generation (release build
    /// of tests/bench); prints `BENCH`, `LIMIT` and `GEN` lines.
    Bench(BenchArgs),
    /// Fuzz the generated FSx crate, the event-stream decoder and the model loader with hostile
    /// inputs (tests/fuzz, built with debug assertions on); fails on any panic or hang.
    Fuzz(FuzzArgs),
    /// Compare two models as the generator sees them: every change, with smithy-diff's severity
    /// and its effect on the generated crate under Rust semver.
    Diff(DiffArgs),
    /// Cross-check the model diff's Rust-semver verdicts with cargo-semver-checks (installed
    /// into target/tools/ on first use) on the FSx update and the semver fixture's updates.
    SemverChecks,
}

#[derive(Args)]
struct DiffArgs {
    /// The model before the update.
    old: PathBuf,
    /// The model after it.
    new: PathBuf,
    /// Only these operations (and the shapes they reach) [default: every operation].
    #[arg(
        long,
        value_name = "A,B,…",
        value_delimiter = ',',
        conflicts_with = "all_operations"
    )]
    operations: Option<Vec<String>>,
    /// Every operation of the service (the default).
    #[arg(long)]
    all_operations: bool,
    /// The service shape, if the models have several.
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Exit with 1 when the update is at least this for the generated crate.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
}

/// How a model-diff report is printed.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// A table for the terminal.
    Table,
    /// JSON, for tools.
    Json,
    /// Markdown, for a pull request.
    Markdown,
}

/// The least release a `--fail-on` fails on.
#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    /// A minor or major release.
    Minor,
    /// A major release.
    Major,
}

#[derive(Args)]
struct FuzzArgs {
    /// Only these targets (repeatable or comma-separated): response, error, event-stream,
    /// endpoint, resolve, model [default: all].
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    target: Vec<String>,
    /// Seconds per target.
    #[arg(long, value_name = "N", default_value_t = 10.0)]
    secs: f64,
    /// Stop a target after this many executions.
    #[arg(long, value_name = "N")]
    execs: Option<u64>,
    /// The mutator's seed [default: from the clock; printed, to repeat a run].
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
}

#[derive(Args)]
struct ModelsArgs {
    /// Check every awsJson model under this folder instead (e.g. a checkout of
    /// aws/api-models-aws); other files are skipped.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

#[derive(Args)]
struct BenchArgs {
    /// Fewer, shorter rounds (for a quick look; the numbers are noisier).
    #[arg(long)]
    quick: bool,
    /// Only the cases whose names contain one of these (e.g. `parse_describe_backups_1000`,
    /// `serialize`, `gen_`).
    #[arg(value_name = "FILTER")]
    filters: Vec<String>,
}

#[derive(Args)]
struct CodegenArgs {
    /// The Smithy JSON AST model [default: model/fsx/fsx-2018-03-01.json in the project root].
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// Operations to generate, by name [default: the FSx backup operations for the default
    /// model, every operation for a model given with --model].
    #[arg(
        long,
        value_name = "A,B,…",
        value_delimiter = ',',
        conflicts_with = "all_operations"
    )]
    operations: Option<Vec<String>>,
    /// Generate every operation of the service.
    #[arg(long)]
    all_operations: bool,
    /// The service shape, if the model has several (absolute id or name).
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    /// The generated package's name [default: from the service's sdkId, e.g. `fsx`].
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Where to write the crate [default: generated/ in the project root].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// More documented examples to test the crate with, in the botocore `examples-1.json`
    /// format (repeatable); the model's own examples are always used.
    #[arg(long, value_name = "PATH")]
    examples: Vec<PathBuf>,
    /// Write nothing; list the files that differ from a fresh generation and fail if any do.
    #[arg(long)]
    check: bool,
    /// The AWS partitions endpoints resolve with, in botocore's `partitions.json` format
    /// [default: model/endpoints/partitions.json, built into the generator].
    #[arg(long, value_name = "PATH")]
    partitions: Option<PathBuf>,
    /// Also write the full report of what the model update changed (as `cargo xtask diff`
    /// gives it) to this file: Markdown for `.md`, JSON for `.json` (repeatable).
    #[arg(long, value_name = "PATH")]
    report: Vec<PathBuf>,
}

/// Runs `cargo xtask <args…>` (without the program name), printing to `out` and `err`.
pub fn run(
    args: impl IntoIterator<Item = String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let cli = match Cli::try_parse_from(std::iter::once("cargo xtask".to_owned()).chain(args)) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = write!(err, "{e}");
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Codegen(args) => codegen(args, out, err),
        Command::ProtocolTests => protocol_tests::run(&project_root(), out).map(exit_code),
        Command::Models(args) => {
            models::run(&project_root(), args.dir.as_deref(), out).map(exit_code)
        }
        Command::Fuzz(args) => {
            let mut fuzz_args = vec!["--secs".to_owned(), args.secs.to_string()];
            for target in args.target {
                fuzz_args.extend(["--target".to_owned(), target]);
            }
            if let Some(execs) = args.execs {
                fuzz_args.extend(["--execs".to_owned(), execs.to_string()]);
            }
            if let Some(seed) = args.seed {
                fuzz_args.extend(["--seed".to_owned(), seed.to_string()]);
            }
            fuzz::run(&project_root(), &fuzz_args, out).map(exit_code)
        }
        Command::Diff(args) => diff(args, out),
        Command::SemverChecks => semver_checks::run(&project_root(), out).map(exit_code),
        Command::Bench(args) => {
            let mut bench_args = args.filters;
            if args.quick {
                bench_args.push("--quick".to_owned());
            }
            bench::run(&project_root(), &bench_args, out).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask diff`.
fn diff(args: DiffArgs, out: &mut dyn Write) -> Result<ExitCode, String> {
    let operations = match args.operations {
        Some(names) => OperationFilter::Named(names),
        None => OperationFilter::All,
    };
    let options = Options {
        service: args.service,
        operations,
        ..Options::default()
    };
    let summary = |path: &PathBuf| -> Result<_, String> {
        let file = smithy_codegen::load_file(path).map_err(|e| e.to_string())?;
        let ir = smithy_codegen::plan(&file, &options)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(smithy_codegen::diff::summary::summarize(&ir))
    };
    let report = smithy_codegen::diff::compare(&summary(&args.old)?, &summary(&args.new)?);
    let text = match args.format {
        Format::Table => report.table(),
        Format::Json => report.json() + "\n",
        Format::Markdown => report.markdown(),
    };
    let _ = write!(out, "{text}");
    let failing = match args.fail_on {
        None => false,
        Some(FailOn::Minor) => report.semver() >= Some(smithy_codegen::diff::Semver::Minor),
        Some(FailOn::Major) => report.semver() >= Some(smithy_codegen::diff::Semver::Major),
    };
    Ok(exit_code(!failing))
}

fn exit_code(passed: bool) -> ExitCode {
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn codegen(
    args: CodegenArgs,
    out_stream: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, String> {
    let started = Instant::now();
    let root = project_root();
    let model_path = args
        .model
        .clone()
        .unwrap_or_else(|| root.join(inputs::FSX_MODEL));
    let out = args.out.clone().unwrap_or_else(|| root.join("generated"));
    // The FSx backup operations are the default selection of the default model only.
    let operations = match (&args.operations, args.all_operations, &args.model) {
        (Some(names), _, _) => OperationFilter::Named(names.clone()),
        (None, false, None) => {
            OperationFilter::Named(inputs::FSX_OPERATIONS.map(str::to_owned).to_vec())
        }
        (None, _, _) => OperationFilter::All,
    };
    let file = smithy_codegen::load_file(&model_path).map_err(|e| {
        let mut message = e.to_string();
        if args.model.is_none() && !model_path.exists() {
            message.push_str(&format!(
                "\n\nThe FSx model is `models/fsx/service/2018-03-01/fsx-2018-03-01.json` of the public \
                 repository aws/api-models-aws; this project keeps a copy at {} (model/README.md gives \
                 its release and sha256). Restore it (`git checkout -- model/`), or pass another model \
                 with --model PATH.",
                inputs::FSX_MODEL
            ));
        }
        message
    })?;
    let mut extra_examples = Vec::new();
    for path in &args.examples {
        let json = std::fs::read(path)
            .map_err(|e| format!("cannot read the examples {}: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        extra_examples.push(smithy_codegen::ExampleFile { name, json });
    }
    let partitions = match &args.partitions {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the partitions {}: {e}", path.display()))?,
        ),
        None => None,
    };
    let options = Options {
        service: args.service,
        operations,
        crate_name: args.crate_name,
        extra_examples,
        partitions,
    };
    for path in &args.report {
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "json")
        ) {
            return Err(format!(
                "--report {}: the report is Markdown (.md) or JSON (.json)",
                path.display()
            ));
        }
    }
    let generated = smithy_codegen::generate(&file, &options).map_err(|e| e.to_string())?;
    for warning in generated.warnings() {
        let _ = writeln!(err, "warning: {warning}");
    }
    let file_count = generated.files().count();

    if args.check {
        let differences = generated.check(&out).map_err(|e| e.to_string())?;
        if differences.is_empty() {
            let _ = writeln!(
                out_stream,
                "{} is up to date ({file_count} files, {:.0?})",
                out.display(),
                started.elapsed()
            );
            return Ok(ExitCode::SUCCESS);
        }
        let _ = writeln!(
            err,
            "{} differs from a fresh generation from {}:",
            out.display(),
            model_path.display()
        );
        for difference in &differences {
            let _ = writeln!(err, "  {difference}");
        }
        let _ = writeln!(
            err,
            "run `cargo xtask codegen` (with the same options) to regenerate it"
        );
        return Ok(ExitCode::FAILURE);
    }

    // What the update changes, against the summary the crate kept of its previous model.
    let report = update_report(&out, &generated);
    let changes = generated.write(&out).map_err(|e| e.to_string())?;
    let count = |f: fn(&Difference) -> bool| changes.iter().filter(|d| f(d)).count();
    let written = count(|d| matches!(d, Difference::Missing(_) | Difference::Changed(_)));
    let removed = count(|d| matches!(d, Difference::Stale(_)));
    let _ = writeln!(
        out_stream,
        "generated {} from {} into {}: {file_count} files, {written} written, {removed} removed ({:.0?})",
        file.source.file_name,
        model_path.display(),
        out.display(),
        started.elapsed()
    );
    match &report {
        Some(report) => {
            let _ = write!(out_stream, "{}", report_summary(report));
            for path in &args.report {
                let text = if path.extension().is_some_and(|e| e == "json") {
                    report.json() + "\n"
                } else {
                    report.markdown()
                };
                std::fs::write(path, text)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
        }
        None if !args.report.is_empty() => {
            let _ = writeln!(
                err,
                "warning: no report: {} held no API summary of a previous model ({})",
                out.display(),
                smithy_codegen::diff::SUMMARY_FILE
            );
        }
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The report of what the model update changes: the API summary `out` kept of its previous
/// model against the new one (`None` when `out` holds no summary this generator reads).
fn update_report(
    out: &std::path::Path,
    generated: &smithy_codegen::GeneratedCrate,
) -> Option<smithy_codegen::diff::Report> {
    use smithy_codegen::diff::{self, summary};
    let old = std::fs::read_to_string(out.join(diff::SUMMARY_FILE)).ok()?;
    let old = summary::from_json(&old)?;
    let new = summary::from_json(generated.file(diff::SUMMARY_FILE)?)?;
    Some(diff::compare(&old, &new))
}

/// What a regeneration prints of the report: its headline, and its changes for the crate
/// (major first, at most ten; `--report` or `cargo xtask diff` give them all).
fn report_summary(report: &smithy_codegen::diff::Report) -> String {
    if report.is_empty() {
        return String::new();
    }
    let mut text = format!("model update: {}\n", report.headline());
    let mut changes: Vec<_> = report.changes.iter().collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.semver));
    for change in changes.iter().take(10) {
        text.push_str(&format!(
            "  {:5}  {}: {} ({})\n",
            change.semver.to_string(),
            change.subject,
            change.what,
            change.reason
        ));
    }
    if changes.len() > 10 {
        text.push_str(&format!(
            "  … and {} more (`--report PATH.md` writes them all)\n",
            changes.len() - 10
        ));
    }
    text
}
