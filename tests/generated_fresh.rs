//! The committed `generated/` crate is exactly what the generator makes from the FSx model
//! (the same check as `cargo xtask codegen --check`), and generation is deterministic.

use smithy_codegen::{Difference, OperationFilter, Options};
use tests::project_root;

use xtask::inputs::{FSX_MODEL, FSX_OPERATIONS};

fn backup_options() -> Options {
    Options {
        service: None,
        operations: OperationFilter::Named(FSX_OPERATIONS.map(str::to_owned).to_vec()),
        crate_name: None,
        ..Default::default()
    }
}

fn fsx_model() -> smithy_codegen::ModelFile {
    smithy_codegen::load_file(&project_root().join(FSX_MODEL))
        .unwrap_or_else(|e| panic!("{e}\n(the FSx model is vendored at {FSX_MODEL})"))
}

#[test]
fn committed_generated_crate_is_fresh() {
    let krate = smithy_codegen::generate(&fsx_model(), &backup_options()).expect("FSx generates");
    let differences: Vec<Difference> = krate
        .check(&project_root().join("generated"))
        .expect("generated/ is readable");
    assert!(
        differences.is_empty(),
        "generated/ is out of date; run `cargo xtask codegen` and commit the result:\n{}",
        differences
            .iter()
            .map(|d| format!("  {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn same_model_gives_identical_bytes() {
    let model = fsx_model();
    let first = smithy_codegen::generate(&model, &backup_options()).expect("FSx generates");
    let second = smithy_codegen::generate(&model, &backup_options()).expect("FSx generates");
    assert_eq!(first, second);
}

/// Shape order in the file must not matter: the same shapes listed in reverse give the same
/// crate (headers aside, since they carry the file's hash).
#[test]
fn shape_order_in_the_file_does_not_matter() {
    let model = fsx_model();
    let mut json: serde_json::Value = serde_json::from_slice(&model.bytes).expect("model is JSON");
    let shapes = json["shapes"].as_object().expect("shapes").clone();
    let reversed: serde_json::Map<String, serde_json::Value> = shapes.into_iter().rev().collect();
    json["shapes"] = serde_json::Value::Object(reversed);
    let reordered =
        smithy_codegen::model_file(serde_json::to_vec(&json).unwrap(), "fsx-2018-03-01.json");

    let strip = |krate: &smithy_codegen::GeneratedCrate| -> Vec<(String, String)> {
        krate
            .files()
            .map(|(p, t)| {
                (
                    p.to_owned(),
                    t.lines().skip(2).collect::<Vec<_>>().join("\n"),
                )
            })
            .collect()
    };
    let original = smithy_codegen::generate(&model, &backup_options()).unwrap();
    let shuffled = smithy_codegen::generate(&reordered, &backup_options()).unwrap();
    assert_eq!(strip(&original), strip(&shuffled));
}
