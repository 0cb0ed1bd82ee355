//! Every documented FSx example round-trips: the model's own `smithy.api#examples`, the 12
//! operations of the botocore examples file, and the examples on the documentation pages the
//! project started from (`model/examples/fsx-seed-pages.json`). The crate is generated with
//! every operation into a scratch folder, and its generated `tests/examples.rs` runs there.

use std::collections::BTreeSet;
use std::path::PathBuf;

use smithy_codegen::{ExampleFile, OperationFilter, Options};
use tests::{cargo_in, project_root};

use xtask::inputs::{FSX_BOTOCORE_EXAMPLES as BOTOCORE, FSX_MODEL, FSX_SEED_EXAMPLES as SEEDS};

fn example_file(path: &str) -> ExampleFile {
    let path = project_root().join(path);
    let json = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ExampleFile {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        json,
    }
}

#[test]
fn every_documented_fsx_example_round_trips() {
    let model = smithy_codegen::load_file(&project_root().join(FSX_MODEL)).expect("the FSx model");
    let options = Options {
        operations: OperationFilter::All,
        crate_name: Some("fsx-all".to_owned()),
        extra_examples: vec![example_file(BOTOCORE), example_file(SEEDS)],
        ..Default::default()
    };
    let plan = smithy_codegen::plan(&model, &options).expect("FSx plans");

    // Every operation of the botocore file, and both seed pages, made it into the tests.
    let from = |source: &str| -> BTreeSet<String> {
        plan.examples
            .iter()
            .filter(|e| e.source == source)
            .map(|e| e.operation.name().to_owned())
            .collect()
    };
    assert_eq!(from("fsx-2018-03-01.botocore-examples.json").len(), 12);
    assert_eq!(
        from("fsx-seed-pages.json"),
        BTreeSet::from(["CopyBackup".to_owned(), "CreateBackup".to_owned()])
    );
    let expected_tests = plan.examples.len();

    let krate = smithy_codegen::emit_crate(&plan).expect("FSx generates");
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = scratch.join("fsx-all-examples");
    krate.write(&dir).expect("write the crate");
    std::fs::copy(project_root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .expect("copy Cargo.lock");
    let printed = cargo_in(
        &dir,
        &scratch.join("fsx-all-target"),
        &["test", "--test", "examples", "--", "--skip", "support::"],
    );
    assert!(
        printed.contains(&format!(
            "test result: ok. {expected_tests} passed; 0 failed"
        )),
        "expected {expected_tests} example tests to pass:\n{printed}"
    );
}
