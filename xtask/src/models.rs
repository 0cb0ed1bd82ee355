//! `cargo xtask models`: generality across real AWS awsJson models. Each model is generated with
//! every operation into `target/models/<name>`, built clippy-clean with warnings denied, and its
//! generated example tests and doctests (an example per operation) are run (documented inputs
//! must validate); all with every feature on, so `@pattern`s are checked too. One line per model: shapes generated, operations,
//! documented examples round-tripped, generation time, PASS or FAIL (with why).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use smithy_codegen::{ExampleFile, OperationFilter, Options};

use crate::inputs::{self, AwsModel};
use crate::scratch::{self, TestResult};

/// One model to check: its file and the extra example files to test it with.
struct Entry {
    path: PathBuf,
    examples: Vec<PathBuf>,
    partitions: Option<PathBuf>,
}

/// Checks the project's models (`dir` = `None`) or every awsJson model under `dir` (a checkout
/// of aws/api-models-aws, say); prints one line per model to `out`. Ok(true) when all pass.
pub fn run(root: &Path, dir: Option<&Path>, out: &mut dyn Write) -> Result<bool, String> {
    let entries = match dir {
        None => inputs::AWS_MODELS
            .iter()
            .map(
                |AwsModel {
                     path,
                     examples,
                     partitions,
                 }| Entry {
                    path: root.join(path),
                    examples: examples.iter().map(|e| root.join(e)).collect(),
                    partitions: partitions.map(|p| root.join(p)),
                },
            )
            .collect(),
        Some(dir) => {
            let (entries, skipped) = aws_json_models(dir)?;
            let _ = writeln!(
                out,
                "{}: {} awsJson models; {} other files skipped (not a model, or another protocol)",
                dir.display(),
                entries.len(),
                skipped
            );
            entries
        }
    };
    let target = scratch::folder(root, "models").join("target");
    let mut all_pass = true;
    for entry in &entries {
        let line = match check(root, entry, &target) {
            Ok(line) => line,
            Err(line) => {
                all_pass = false;
                line
            }
        };
        let _ = writeln!(out, "{line}");
    }
    Ok(all_pass)
}

/// Every `*.json` file under `dir` (in path order) whose service speaks awsJson 1.0 or 1.1,
/// and how many other `.json` files were skipped.
fn aws_json_models(dir: &Path) -> Result<(Vec<Entry>, usize), String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let listing = std::fs::read_dir(&folder)
            .map_err(|e| format!("cannot read the folder {}: {e}", folder.display()))?;
        for item in listing {
            let path = item
                .map_err(|e| format!("cannot read the folder {}: {e}", folder.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut entries = Vec::new();
    let mut skipped = 0;
    for path in files {
        if speaks_aws_json(&path) {
            entries.push(Entry {
                path,
                examples: Vec::new(),
                partitions: None,
            });
        } else {
            skipped += 1;
        }
    }
    Ok((entries, skipped))
}

/// Whether the file is a Smithy model with a service that speaks awsJson 1.0 or 1.1.
fn speaks_aws_json(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let Ok(model) = smithy_codegen::model::load(&bytes) else {
        // Not a model, or a malformed one: a model that claims awsJson but does not load is
        // still checked, so that its problems are reported.
        let text = String::from_utf8_lossy(&bytes);
        return text.contains("\"smithy\"")
            && (text.contains("aws.protocols#awsJson1_0")
                || text.contains("aws.protocols#awsJson1_1"));
    };
    let aws_json = model.shapes().any(|shape| {
        matches!(shape.kind, smithy_codegen::model::ShapeKind::Service(_))
            && smithy_codegen::context::Protocol::of(shape).is_ok()
    });
    aws_json
}

/// The model's line: Ok when it passes, Err (still the line) when it does not.
fn check(root: &Path, entry: &Entry, target: &Path) -> Result<String, String> {
    let name = entry
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fail = |why: String| Err(format!("{name}: FAIL: {why}"));
    let file = match smithy_codegen::load_file(&entry.path) {
        Ok(file) => file,
        Err(e) => return fail(e.to_string()),
    };
    let mut extra_examples = Vec::new();
    for path in &entry.examples {
        match std::fs::read(path) {
            Ok(json) => extra_examples.push(ExampleFile {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                json,
            }),
            Err(e) => return fail(format!("cannot read {}: {e}", path.display())),
        }
    }
    let partitions = match &entry.partitions {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(json) => Some(json),
            Err(e) => return fail(format!("cannot read {}: {e}", path.display())),
        },
        None => None,
    };
    let crate_name = format!("model-{}", name.trim_end_matches(".json").replace('.', "-"));
    let options = Options {
        operations: OperationFilter::All,
        crate_name: Some(crate_name.clone()),
        extra_examples,
        partitions,
        ..Default::default()
    };

    let started = Instant::now();
    let generated = smithy_codegen::plan(&file, &options).and_then(|plan| {
        let krate = smithy_codegen::emit_crate(&plan)?;
        Ok((plan, krate))
    });
    let elapsed = started.elapsed();
    let (plan, krate) = match generated {
        Ok(generated) => generated,
        Err(e) => return fail(e.to_string().replace('\n', " ")),
    };
    let shapes = plan.types.len();
    let operations = plan.operations.len();
    let examples = plan.examples.len();
    let left_out = match plan.warnings.len() {
        0 => String::new(),
        n => format!(" ({n} left out: {})", plan.warnings[0]),
    };
    let summary = |round_tripped: usize| {
        format!(
            "{name}: {shapes} shapes, {operations} operations, {round_tripped}/{examples} examples round-tripped{left_out}, generated in {} ms",
            elapsed.as_millis()
        )
    };

    let dir = scratch::folder(root, "models").join(&crate_name);
    scratch::write_crate(root, &krate, &dir)?;
    let clippy = scratch::cargo(
        &dir,
        target,
        &[
            "clippy",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    if !clippy.success {
        let first = clippy
            .stderr
            .lines()
            .filter(|l| l.starts_with("error") || l.starts_with("warning"))
            .take(3)
            .collect::<Vec<_>>()
            .join(" / ");
        return Err(format!(
            "{}: FAIL: does not build warning-free: {first}",
            summary(0)
        ));
    }
    // The docs' examples (one per operation, and the crate's) compile and run.
    let doctests = scratch::cargo(&dir, target, &["test", "--all-features", "--doc"])?;
    let doc_results = scratch::test_results(&doctests.stdout);
    let doc_passed = doc_results
        .iter()
        .filter(|(_, r)| *r == TestResult::Ok)
        .count();
    if !doctests.success || doc_passed <= operations {
        let failed: Vec<&str> = doc_results
            .iter()
            .filter(|(_, r)| matches!(r, TestResult::Failed(_)))
            .map(|(n, _)| n.as_str())
            .collect();
        return Err(format!(
            "{}: FAIL: {doc_passed} doctests passed (one per operation and the crate's expected); failed: {}",
            summary(0),
            failed.join(", ")
        ));
    }
    let endpoints = match endpoint_tests(&dir, target, plan.service.endpoint_cases.len())? {
        Ok(line) => line,
        Err(why) => return Err(format!("{}: FAIL: {why}", summary(0))),
    };
    let summary = |round_tripped: usize| {
        format!(
            "{}, {doc_passed} doctests{endpoints}",
            summary(round_tripped)
        )
    };
    if examples == 0 {
        return Ok(format!("{}: PASS", summary(0)));
    }
    let (success, passed, failed) = test_binary(&dir, target, "examples")?;
    if success && passed == examples {
        Ok(format!("{}: PASS", summary(passed)))
    } else {
        Err(format!(
            "{}: FAIL: examples failed: {}",
            summary(passed),
            failed.join(", ")
        ))
    }
}

/// Runs the crate's endpoint tests (the model's `smithy.rules#endpointTests`): Ok with what
/// the model's line says of them (empty without cases) when every case passes.
fn endpoint_tests(
    dir: &Path,
    target: &Path,
    cases: usize,
) -> Result<Result<String, String>, String> {
    if cases == 0 {
        return Ok(Ok(String::new()));
    }
    let (success, passed, failed) = test_binary(dir, target, "endpoints")?;
    if !success || passed != cases {
        return Ok(Err(format!(
            "endpoint tests: {passed}/{cases} passed; failed: {}",
            failed.join(", ")
        )));
    }
    Ok(Ok(format!(", {passed}/{cases} endpoint cases")))
}

/// Runs the crate's test binary `name` (every feature on): whether it passed, how many tests
/// passed, and the names of those that failed.
fn test_binary(
    dir: &Path,
    target: &Path,
    name: &str,
) -> Result<(bool, usize, Vec<String>), String> {
    let run = scratch::cargo(
        dir,
        target,
        &[
            "test",
            "--all-features",
            "--test",
            name,
            "--",
            "--skip",
            "support::",
        ],
    )?;
    let results = scratch::test_results(&run.stdout);
    let passed = results.iter().filter(|(_, r)| *r == TestResult::Ok).count();
    let failed = results
        .iter()
        .filter(|(_, r)| matches!(r, TestResult::Failed(_)))
        .map(|(n, _)| n.clone())
        .collect();
    Ok((run.success, passed, failed))
}
