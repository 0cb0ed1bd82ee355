//! The model diff (`cargo xtask diff`, and the report `cargo xtask codegen` prints on
//! regeneration): one model change of each kind, made to the semver fixture, gives the change
//! it should with both verdicts; identical models give no change; the FSx update is pinned.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};
use smithy_codegen::diff::{self, summary, Change, Report, Semver, Severity};
use smithy_codegen::{OperationFilter, Options};
use tests::{project_root, run_xtask};

const NS: &str = "fixture.semver#";

fn base() -> Value {
    let path = project_root().join("model/fixtures/semver/before.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn summarize(model: &Value, operations: OperationFilter) -> summary::ApiSummary {
    let file = smithy_codegen::model_file(serde_json::to_vec(model).unwrap(), "model.json");
    let options = Options {
        operations,
        crate_name: Some("api".to_owned()),
        ..Options::default()
    };
    summary::summarize(&smithy_codegen::plan(&file, &options).unwrap_or_else(|e| panic!("{e}")))
}

/// The report of `change` made to the fixture (every operation).
fn report(change: impl FnOnce(&mut Value)) -> Report {
    let old = base();
    let mut new = old.clone();
    change(&mut new);
    diff::compare(
        &summarize(&old, OperationFilter::All),
        &summarize(&new, OperationFilter::All),
    )
}

fn shape<'a>(model: &'a mut Value, name: &str) -> &'a mut Value {
    &mut model["shapes"][format!("{NS}{name}")]
}

fn member<'a>(model: &'a mut Value, shape_name: &str, member: &str) -> &'a mut Value {
    &mut shape(model, shape_name)["members"][member]
}

fn traits<'a>(model: &'a mut Value, shape_name: &str, member_name: &str) -> &'a mut Value {
    let m = member(model, shape_name, member_name);
    if m.get("traits").is_none() {
        m["traits"] = json!({});
    }
    &mut m["traits"]
}

/// The one change of `report` (ignoring documentation), as (subject, evaluator, severity,
/// semver).
fn only(report: &Report) -> (&str, &str, Severity, Semver) {
    assert_eq!(report.changes.len(), 1, "{}", report.table());
    let Change {
        subject,
        evaluator,
        severity,
        semver,
        ..
    } = &report.changes[0];
    (subject.as_str(), evaluator, *severity, *semver)
}

#[test]
fn identical_models_have_no_changes() {
    let report = report(|_| {});
    assert!(report.is_empty());
    assert_eq!(report.semver(), None);
    assert_eq!(report.headline(), "no changes");
}

#[test]
fn operations() {
    let r = report(|m| {
        m["shapes"][format!("{NS}Things")]["operations"]
            .as_array_mut()
            .unwrap()
            .push(json!({"target": format!("{NS}Ping")}));
        m["shapes"][format!("{NS}Ping")] = json!({"type": "operation"});
    });
    assert!(r.changes.iter().any(|c| c.subject == "Ping"
        && c.evaluator == "AddedEntityBinding"
        && c.semver == Semver::Minor));
    assert_eq!(r.semver(), Some(Semver::Minor));

    let r = report(|m| {
        m["shapes"][format!("{NS}Things")]["operations"] = json!([]);
    });
    let removed = r.changes.iter().find(|c| c.subject == "GetThing").unwrap();
    assert_eq!(
        (removed.evaluator, removed.severity, removed.semver),
        ("RemovedEntityBinding", Severity::Error, Semver::Major)
    );
}

#[test]
fn operation_errors() {
    let r = report(|m| {
        m["shapes"][format!("{NS}Gone")] =
            json!({"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}});
        shape(m, "GetThing")["errors"]
            .as_array_mut()
            .unwrap()
            .push(json!({"target": format!("{NS}Gone")}));
    });
    let added = r
        .changes
        .iter()
        .find(|c| c.evaluator == "AddedOperationError")
        .unwrap();
    assert_eq!(
        (added.severity, added.semver),
        (Severity::Warning, Semver::Minor)
    );

    let r = report(|m| shape(m, "GetThing")["errors"] = json!([]));
    let removed = r
        .changes
        .iter()
        .find(|c| c.evaluator == "RemovedOperationError")
        .unwrap();
    assert_eq!(removed.semver, Semver::Major);
}

#[test]
fn members() {
    let r = report(|m| *member(m, "Thing", "Color") = json!({"target": "smithy.api#String"}));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$Color",
            "AddedShape",
            Severity::Note,
            Semver::Minor
        )
    );

    let r = report(|m| {
        *member(m, "Thing", "Serial") =
            json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}})
    });
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$Serial",
            "AddedRequiredMember",
            Severity::Error,
            Semver::Major
        )
    );

    let r = report(|m| {
        shape(m, "Thing")["members"]
            .as_object_mut()
            .unwrap()
            .remove("SizeInBytes");
    });
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$SizeInBytes",
            "RemovedShape",
            Severity::Error,
            Semver::Major
        )
    );

    // A new target with the same Rust type is a patch; another Rust type is major.
    let r = report(|m| {
        m["shapes"][format!("{NS}Name")] = json!({"type": "string"});
        member(m, "Thing", "Name")["target"] = json!(format!("{NS}Name"));
    });
    let retarget = r
        .changes
        .iter()
        .find(|c| c.evaluator == "ChangedMemberTarget")
        .unwrap();
    assert_eq!(retarget.semver, Semver::Patch, "{}", r.table());
    let r = report(|m| member(m, "Thing", "SizeInBytes")["target"] = json!("smithy.api#Integer"));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$SizeInBytes",
            "ChangedMemberTarget",
            Severity::Error,
            Semver::Major
        )
    );
}

#[test]
fn enum_values() {
    let r = report(|m| {
        shape(m, "State")["members"]["STANDBY"] =
            json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "standby"}})
    });
    assert_eq!(
        only(&r),
        (
            "fixture.semver#State",
            "ChangedEnumTrait",
            Severity::Note,
            Semver::Minor
        )
    );

    // Inserted before an existing value: smithy-diff's ERROR, still minor for Rust.
    let r = report(|m| {
        let members = shape(m, "State")["members"].take();
        let mut reordered = serde_json::Map::new();
        reordered.insert(
            "FIRST".into(),
            json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "first"}}),
        );
        reordered.extend(members.as_object().unwrap().clone());
        shape(m, "State")["members"] = Value::Object(reordered);
    });
    assert_eq!(
        only(&r),
        (
            "fixture.semver#State",
            "ChangedEnumTrait",
            Severity::Error,
            Semver::Minor
        )
    );

    let r = report(|m| {
        shape(m, "State")["members"]
            .as_object_mut()
            .unwrap()
            .remove("OFF");
    });
    assert_eq!(only(&r).3, Semver::Major);

    // The same value under another name: its variant is renamed.
    let r = report(|m| {
        let members = shape(m, "State")["members"].as_object_mut().unwrap();
        let off = members.remove("OFF").unwrap();
        members.insert("DISABLED".into(), off);
    });
    assert_eq!(
        only(&r),
        (
            "fixture.semver#State",
            "ChangedEnumTrait",
            Severity::Error,
            Semver::Major
        )
    );

    let r = report(|m| {
        shape(m, "Level")["members"]["TOP"] =
            json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 3}})
    });
    assert_eq!(only(&r).3, Semver::Minor);
}

#[test]
fn union_members() {
    let r =
        report(|m| shape(m, "Shape")["members"]["Square"] = json!({"target": "smithy.api#Double"}));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Shape$Square",
            "AddedShape",
            Severity::Note,
            Semver::Minor
        )
    );
    let r = report(|m| {
        shape(m, "Shape")["members"]
            .as_object_mut()
            .unwrap()
            .remove("Circle");
    });
    assert_eq!(only(&r).3, Semver::Major);
}

#[test]
fn nullability() {
    // AWS style: @required goes, @clientOptional kept the field an `Option` all along.
    let r = report(|m| {
        traits(m, "Thing", "Owner")
            .as_object_mut()
            .unwrap()
            .remove("smithy.api#required");
    });
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$Owner",
            "RemovedRequiredTrait",
            Severity::Error,
            Semver::Patch
        )
    );

    // @required without @clientOptional outside an input: the field stops being an `Option`.
    let r = report(|m| traits(m, "Thing", "SizeInBytes")["smithy.api#required"] = json!({}));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$SizeInBytes",
            "ChangedNullability.AddedRequiredTrait",
            Severity::Error,
            Semver::Major
        )
    );

    // In an input, nothing changes for the crate (inputs are all `Option`).
    let r = report(|m| {
        traits(m, "GetThingInput", "Detail")["smithy.api#required"] = json!({});
    });
    assert_eq!(only(&r).3, Semver::Patch);
}

#[test]
fn defaults_and_constraints() {
    let r = report(|m| traits(m, "Thing", "Count")["smithy.api#default"] = json!(5));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$Count",
            "ChangedDefault",
            Severity::Error,
            Semver::Patch
        )
    );

    let r =
        report(|m| traits(m, "Thing", "Name")["smithy.api#length"] = json!({"min": 1, "max": 32}));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$Name",
            "ChangedLengthTrait",
            Severity::Error,
            Semver::Patch
        )
    );
    let r =
        report(|m| traits(m, "Thing", "Name")["smithy.api#length"] = json!({"min": 0, "max": 128}));
    assert_eq!(only(&r).2, Severity::Note);

    let r = report(|m| traits(m, "Thing", "SizeInBytes")["smithy.api#range"] = json!({"min": 0}));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$SizeInBytes",
            "ChangedRangeTrait",
            Severity::Error,
            Semver::Patch
        )
    );

    let r = report(|m| traits(m, "Thing", "Name")["smithy.api#pattern"] = json!("^[a-z]+$"));
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Thing$Name",
            "ModifiedTrait",
            Severity::Note,
            Semver::Patch
        )
    );
}

/// A change to make to the fixture: what the report says of it, and its two verdicts.
type Case = (&'static str, fn(&mut Value), Severity, Semver);

#[test]
fn traits_the_wire_or_the_behaviour_depend_on() {
    let cases: [Case; 5] = [
        (
            "@idempotencyToken added",
            |m| traits(m, "GetThingInput", "Id")["smithy.api#idempotencyToken"] = json!({}),
            Severity::Note,
            Semver::Patch,
        ),
        (
            "now sensitive",
            |m| traits(m, "Thing", "Owner")["smithy.api#sensitive"] = json!({}),
            Severity::Note,
            Semver::Patch,
        ),
        (
            "@jsonName - → name",
            |m| traits(m, "Thing", "Name")["smithy.api#jsonName"] = json!("name"),
            Severity::Error,
            Semver::Patch,
        ),
        (
            "@sparse added",
            |m| shape(m, "Parts")["traits"] = json!({"smithy.api#sparse": {}}),
            Severity::Error,
            Semver::Major,
        ),
        (
            "@paginated none → Token/Next/Parts/-",
            |m| {
                *member(m, "GetThingInput", "Token") = json!({"target": "smithy.api#String"});
                *member(m, "GetThingOutput", "Next") = json!({"target": "smithy.api#String"});
                *member(m, "GetThingOutput", "Parts") = json!({"target": format!("{NS}Parts")});
                shape(m, "GetThing")["traits"] = json!({"smithy.api#paginated": {
                    "inputToken": "Token", "outputToken": "Next", "items": "Parts"}});
            },
            Severity::Note,
            // The client gains `into_paginator()` (feature `client`).
            Semver::Minor,
        ),
    ];
    for (what, change, severity, semver) in cases {
        let mut r = report(change);
        // Members a case adds are reported too; keep the trait's change.
        r.changes.retain(|c| c.what == what);
        assert_eq!(r.changes.len(), 1, "{what}: {}", r.table());
        let c = &r.changes[0];
        assert_eq!((c.severity, c.semver), (severity, semver), "{what}");
    }

    // A timestamp's format: the wire changes, the API does not.
    let mut old = base();
    *member(&mut old, "Thing", "Created") = json!({"target": "smithy.api#Timestamp"});
    let mut new = old.clone();
    traits(&mut new, "Thing", "Created")["smithy.api#timestampFormat"] = json!("date-time");
    let r = diff::compare(
        &summarize(&old, OperationFilter::All),
        &summarize(&new, OperationFilter::All),
    );
    let c = &r.changes[0];
    assert_eq!(
        (c.what.as_str(), c.severity, c.semver),
        (
            "@timestampFormat epoch-seconds → date-time",
            Severity::Error,
            Semver::Patch
        ),
        "{}",
        r.table()
    );
}

#[test]
fn service_level_changes() {
    let r = report(|m| {
        let service = shape(m, "Things");
        service["traits"] = json!({"aws.protocols#awsJson1_1": {}});
    });
    assert_eq!(
        only(&r),
        (
            "fixture.semver#Things",
            "ModifiedTrait",
            Severity::Warning,
            Semver::Patch
        )
    );
}

#[test]
fn documentation_is_counted_in_one_line() {
    let r = report(|m| {
        traits(m, "Thing", "Name")["smithy.api#documentation"] = json!("Its full name.");
        shape(m, "State")["traits"] = json!({"smithy.api#documentation": "On or off."});
    });
    assert!(r.changes.is_empty(), "{}", r.table());
    assert_eq!(r.documentation_changes, 2);
    assert_eq!(r.semver(), Some(Semver::Patch));
    assert!(
        r.headline().ends_with("new documentation on 2"),
        "{}",
        r.headline()
    );
}

#[test]
fn a_change_the_selection_does_not_reach_is_no_change() {
    let mut old = base();
    // A second operation, and a shape only it reaches.
    shape(&mut old, "Things")["operations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"target": format!("{NS}Ping")}));
    old["shapes"][format!("{NS}Ping")] =
        json!({"type": "operation", "input": {"target": format!("{NS}PingInput")}});
    old["shapes"][format!("{NS}PingInput")] = json!({"type": "structure", "members": {"A": {"target": "smithy.api#String"}}, "traits": {"smithy.api#input": {}}});
    let mut new = old.clone();
    member(&mut new, "PingInput", "B")["target"] = json!("smithy.api#String");
    let only_get = OperationFilter::Named(vec!["GetThing".to_owned()]);
    let r = diff::compare(
        &summarize(&old, only_get.clone()),
        &summarize(&new, only_get),
    );
    assert!(r.is_empty(), "{}", r.table());
    let r = diff::compare(
        &summarize(&old, OperationFilter::All),
        &summarize(&new, OperationFilter::All),
    );
    assert_eq!(r.changes.len(), 1, "{}", r.table());
}

fn fsx(release: &str) -> String {
    project_root()
        .join(format!("model/fsx/fsx-2018-03-01{release}.json"))
        .display()
        .to_string()
}

const BACKUP_OPERATIONS: &str =
    "CopyBackup,CreateBackup,CreateFileSystemFromBackup,CreateVolumeFromBackup,DeleteBackup,DescribeBackups";

/// The FSx update, for the backup operations and for every operation: reviewed line by line
/// against the two models (see the snapshots).
#[test]
fn fsx_update_reports() {
    let (code, backup, _) = run_xtask(&[
        "diff",
        &fsx(".2025-05-20"),
        &fsx(""),
        "--operations",
        BACKUP_OPERATIONS,
    ]);
    assert_eq!(code, ExitCode::SUCCESS);
    insta::assert_snapshot!("fsx_update_backup_operations", backup);
    let (code, all, _) = run_xtask(&["diff", &fsx(".2025-05-20"), &fsx(""), "--all-operations"]);
    assert_eq!(code, ExitCode::SUCCESS);
    insta::assert_snapshot!("fsx_update_all_operations", all);
}

#[test]
fn the_command_line() {
    let (code, out, _) = run_xtask(&["diff", &fsx(""), &fsx("")]);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(out.contains("no changes"), "{out}");

    let (code, out, _) = run_xtask(&[
        "diff",
        &fsx(".2025-05-20"),
        &fsx(""),
        "--format",
        "json",
        "--fail-on",
        "minor",
    ]);
    assert_eq!(
        code,
        ExitCode::FAILURE,
        "a minor update fails --fail-on minor"
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["semver"], "minor");
    assert!(json["changes"].as_array().unwrap().len() > 10);

    let (code, _, _) = run_xtask(&["diff", &fsx(".2025-05-20"), &fsx(""), "--fail-on", "major"]);
    assert_eq!(
        code,
        ExitCode::SUCCESS,
        "a minor update passes --fail-on major"
    );

    let (code, out, _) = run_xtask(&[
        "diff",
        &fsx(".2025-05-20"),
        &fsx(""),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(out.starts_with("# Model update"), "{out}");
}

#[test]
fn regeneration_reports_the_update() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model-diff-regeneration");
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("crate").display().to_string();
    let (code, first, _) = run_xtask(&[
        "codegen",
        "--model",
        &fsx(".2025-05-20"),
        "--operations",
        BACKUP_OPERATIONS,
        "--out",
        &out,
    ]);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(
        !first.contains("model update"),
        "a new crate has no previous model: {first}"
    );

    let report_md = dir.join("report.md").display().to_string();
    let report_json = dir.join("report.json").display().to_string();
    let (code, second, _) = run_xtask(&[
        "codegen",
        "--model",
        &fsx(""),
        "--operations",
        BACKUP_OPERATIONS,
        "--out",
        &out,
        "--report",
        &report_md,
        "--report",
        &report_json,
    ]);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(second.contains("model update: minor release"), "{second}");
    assert!(
        second.contains("… and"),
        "at most ten changes are printed: {second}"
    );
    let markdown = std::fs::read_to_string(&report_md).unwrap();
    assert!(
        markdown.contains("| minor | NOTE (AddedShape) | `com.amazonaws.fsx#NetworkType`"),
        "{markdown}"
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&report_json).unwrap()).unwrap();
    assert_eq!(json["semver"], "minor");

    // The same model again: nothing to report.
    let (_, third, _) = run_xtask(&[
        "codegen",
        "--model",
        &fsx(""),
        "--operations",
        BACKUP_OPERATIONS,
        "--out",
        &out,
    ]);
    assert!(!third.contains("model update"), "{third}");

    let (code, _, err) = run_xtask(&[
        "codegen",
        "--model",
        &fsx(""),
        "--operations",
        BACKUP_OPERATIONS,
        "--out",
        &out,
        "--report",
        "report.txt",
    ]);
    assert_eq!(code, ExitCode::FAILURE);
    assert!(err.contains("Markdown (.md) or JSON (.json)"), "{err}");
}

/// The committed crate keeps the summary of its model (what the next regeneration compares
/// with), and reading it back gives the same summary.
#[test]
fn the_committed_crate_keeps_its_summary() {
    let text =
        std::fs::read_to_string(project_root().join("generated").join(diff::SUMMARY_FILE)).unwrap();
    let kept = summary::from_json(&text).expect("a summary of this format");
    assert_eq!(summary::to_json(&kept), text);
    assert!(kept.operations.contains_key("DescribeBackups"));
}
