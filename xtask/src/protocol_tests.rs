//! `cargo xtask protocol-tests`: generates a crate for every service of the official Smithy
//! awsJson protocol-test models (with its compliance cases as `tests/protocol.rs`), runs the
//! cases, and reports per suite: `<suite>: N passed, M failed, K skipped`, then each failed or
//! skipped case with its reason.

use std::io::Write;
use std::path::{Path, PathBuf};

use smithy_codegen::model::ShapeKind;
use smithy_codegen::{OperationFilter, Options};

use crate::scratch::{self, TestResult};

/// One suite's results.
#[derive(Debug, Default)]
pub struct Suite {
    /// The service shape's name, e.g. `JsonProtocol`.
    pub name: String,
    /// Cases that passed.
    pub passed: Vec<String>,
    /// Cases that failed, with why.
    pub failed: Vec<(String, String)>,
    /// Cases not run, with why.
    pub skipped: Vec<(String, String)>,
    /// Cases that apply only to servers (out of scope for a client; not counted).
    pub server_only: usize,
}

impl Suite {
    /// `<suite>: N passed, M failed, K skipped`.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} passed, {} failed, {} skipped",
            self.name,
            self.passed.len(),
            self.failed.len(),
            self.skipped.len()
        )
    }
}

/// Runs every suite; prints the report to `out`. Ok(true) when no case failed.
pub fn run(root: &Path, out: &mut dyn Write) -> Result<bool, String> {
    let mut suites = Vec::new();
    for model in crate::inputs::PROTOCOL_SUITES {
        let file = smithy_codegen::load_file(&root.join(model)).map_err(|e| e.to_string())?;
        let parsed = smithy_codegen::model::load(&file.bytes).map_err(|e| e.to_string())?;
        let mut services: Vec<String> = parsed
            .shapes()
            .filter(|s| matches!(s.kind, ShapeKind::Service(_)))
            .map(|s| s.id.to_string())
            .collect();
        services.sort();
        for service in services {
            suites.push(run_suite(root, &file, &service)?);
        }
    }
    let mut all_passed = true;
    for suite in &suites {
        let _ = writeln!(out, "{}", suite.summary());
        all_passed &= suite.failed.is_empty();
    }
    for suite in &suites {
        for (id, why) in &suite.failed {
            let _ = writeln!(out, "  FAILED  {}/{id}: {why}", suite.name);
        }
        for (id, why) in &suite.skipped {
            let _ = writeln!(out, "  SKIPPED {}/{id}: {why}", suite.name);
        }
    }
    let server_only: usize = suites.iter().map(|s| s.server_only).sum();
    let _ = writeln!(
        out,
        "({server_only} cases apply to servers only: out of scope for a client, not counted.)"
    );
    Ok(all_passed)
}

fn run_suite(
    root: &Path,
    file: &smithy_codegen::ModelFile,
    service: &str,
) -> Result<Suite, String> {
    let name = service.rsplit('#').next().unwrap_or(service).to_owned();
    let crate_name = format!("protocol-{}", name.to_ascii_lowercase().replace('_', "-"));
    let options = Options {
        service: Some(service.to_owned()),
        operations: OperationFilter::All,
        crate_name: Some(crate_name.clone()),
        ..Default::default()
    };
    let plan = smithy_codegen::plan(file, &options).map_err(|e| format!("{name}: {e}"))?;
    let cases = &plan.client_cases;
    let mut suite = Suite {
        name: name.clone(),
        server_only: plan.protocol_cases.len() - cases.len(),
        ..Default::default()
    };
    if cases.is_empty() {
        return Ok(suite);
    }

    let krate = smithy_codegen::emit_crate(&plan).map_err(|e| format!("{name}: {e}"))?;
    let dir = scratch::folder(root, "protocol-tests").join(&crate_name);
    let target: PathBuf = scratch::folder(root, "protocol-tests").join("target");
    scratch::write_crate(root, &krate, &dir)?;
    let outcome = scratch::cargo(
        &dir,
        &target,
        // Every feature: the compliance cases also check that serde writes and reads each
        // input and output as the codec does.
        &[
            "test",
            "--all-features",
            "--test",
            "protocol",
            "--",
            "--skip",
            "support::",
        ],
    )?;
    let results = scratch::test_results(&outcome.stdout);
    for (test, case) in cases {
        match results.iter().find(|(n, _)| n == test).map(|(_, r)| r) {
            Some(TestResult::Ok) => suite.passed.push(case.id.clone()),
            Some(TestResult::Failed(why)) => suite.failed.push((case.id.clone(), why.clone())),
            Some(TestResult::Ignored(why)) => suite.skipped.push((case.id.clone(), why.clone())),
            None if !outcome.success && results.is_empty() => {
                let reason = outcome
                    .stderr
                    .lines()
                    .filter(|l| l.starts_with("error"))
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" / ");
                suite.failed.push((
                    case.id.clone(),
                    format!("the generated crate does not build: {reason}"),
                ));
            }
            None => suite
                .failed
                .push((case.id.clone(), "the test did not run".to_owned())),
        }
    }
    Ok(suite)
}
