//! `cargo xtask models`: generality across real AWS awsJson models. Each model is generated with
//! every operation into `target/models/<name>`, built clippy-clean with warnings denied, and its
//! generated example tests are run. One line per model: shapes generated, operations,
//! documented examples round-tripped, generation time, PASS or FAIL (with why).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use smithy_codegen::{ExampleFile, OperationFilter, Options};

use crate::scratch::{self, TestResult};

/// A model to check, relative to the project root, with extra example files.
struct Entry {
    path: &'static str,
    examples: &'static [&'static str],
}

const MODELS: &[Entry] = &[
    Entry {
        path: "../shared/models/fsx/fsx-2018-03-01.json",
        examples: &["../shared/docs/examples/fsx-2018-03-01.botocore-examples.json"],
    },
    Entry {
        path: "../shared/models/fsx/fsx-2018-03-01.2025-05-20.json",
        examples: &[],
    },
    Entry {
        path: "../shared/models/awsjson/cloudwatch-logs-2014-03-28.json",
        examples: &[],
    },
    Entry {
        path: "../shared/models/awsjson/dynamodb-2012-08-10.json",
        examples: &[],
    },
    Entry {
        path: "../shared/models/awsjson/kms-2014-11-01.json",
        examples: &[],
    },
    Entry {
        path: "../shared/models/awsjson/sqs-2012-11-05.json",
        examples: &[],
    },
];

/// Checks every model; prints one line per model to `out`. Ok(true) when all pass.
pub fn run(root: &Path, out: &mut dyn Write) -> Result<bool, String> {
    let target = scratch::folder(root, "models").join("target");
    let mut all_pass = true;
    for entry in MODELS {
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

/// The model's line: Ok when it passes, Err (still the line) when it does not.
fn check(root: &Path, entry: &Entry, target: &Path) -> Result<String, String> {
    let name = Path::new(entry.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fail = |why: String| Err(format!("{name}: FAIL: {why}"));
    let file = match smithy_codegen::load_file(&root.join(entry.path)) {
        Ok(file) => file,
        Err(e) => return fail(e.to_string()),
    };
    let mut extra_examples = Vec::new();
    for path in entry.examples {
        match std::fs::read(root.join(path)) {
            Ok(json) => extra_examples.push(ExampleFile {
                name: Path::new(path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                json,
            }),
            Err(e) => return fail(format!("cannot read {path}: {e}")),
        }
    }
    let crate_name = format!("model-{}", name.trim_end_matches(".json").replace('.', "-"));
    let options = Options {
        operations: OperationFilter::All,
        crate_name: Some(crate_name.clone()),
        extra_examples,
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
    let shapes = plan.type_shapes().len();
    let operations = plan.operations.len();
    let examples = plan.examples.len();
    let summary = |round_tripped: usize| {
        format!(
            "{name}: {shapes} shapes, {operations} operations, {round_tripped}/{examples} examples round-tripped, generated in {} ms",
            elapsed.as_millis()
        )
    };

    let dir = scratch::folder(root, "models").join(&crate_name);
    scratch::write_crate(root, &krate, &dir)?;
    let clippy = scratch::cargo(
        &dir,
        target,
        &["clippy", "--all-targets", "--", "-D", "warnings"],
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
    if examples == 0 {
        return Ok(format!("{}: PASS", summary(0)));
    }
    let tests = scratch::cargo(
        &dir,
        target,
        &["test", "--test", "examples", "--", "--skip", "support::"],
    )?;
    let results = scratch::test_results(&tests.stdout);
    let passed = results.iter().filter(|(_, r)| *r == TestResult::Ok).count();
    let failed: Vec<&str> = results
        .iter()
        .filter(|(_, r)| matches!(r, TestResult::Failed(_)))
        .map(|(n, _)| n.as_str())
        .collect();
    if tests.success && passed == examples {
        Ok(format!("{}: PASS", summary(passed)))
    } else {
        Err(format!(
            "{}: FAIL: examples failed: {}",
            summary(passed),
            failed.join(", ")
        ))
    }
}
