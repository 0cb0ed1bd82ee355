//! Responses: for each backup operation, the documented outputs and `DIFFERENTIAL_CASES`
//! (1,000) random output bodies from the same generator are read three ways:
//!
//! - ours: `response(200, ..)`, then `fsx::json::to_vec`: must give back the body's values
//!   exactly (timestamps to the nanosecond);
//! - botocore (`botocore_parse.py`, its own FSx model and JSON parser): must agree with ours on
//!   every value, timestamps as instants to the precision botocore keeps (it reads epoch
//!   seconds as a double, then rounds to microseconds);
//! - aws-sdk-fsx: must read the body (through its client and the fake HTTP client) and the
//!   body ours wrote (through its codec), and agree with ours on every value, timestamps to the
//!   precision of a double (it reads fractional epoch seconds with `DateTime::from_secs_f64`);
//!   the bodies 1.133.0 rejects (`null` items in dense lists, quoted timestamps: see
//!   `known_differences.rs`) must be rejected for that reason.
//!
//! botocore's FSx model is a different release than ours: `botocore_model_differences` lists
//! what differs for these outputs, and a member only our model has may be missing from
//! botocore's result only if it is on that list.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use differential::botocore::{self, BotocoreModel, ParseCase};
use differential::compare::{canonical, strip_dense_nulls, Comparer, Instants, Leniency};
use differential::examples::documented;
use differential::generate::{case_rng, Generator, Purpose};
use differential::json::{write_wire, Json};
use differential::model::{fsx, OPERATIONS};
use differential::sdk::{self, Harness, Sdk};
use differential::{cases, Report};
use smithy_codegen::model::{Model, ShapeId, ShapeKind};

/// botocore reads `1617954808.068` as a double and rounds that to microseconds (half a
/// microsecond, plus the double's own error, which `Instants::ThroughF64` adds).
const BOTOCORE_INSTANTS: Instants = Instants::ThroughF64 { extra_nanos: 1_000 };

/// aws-sdk-fsx reads a fractional epoch-seconds number as a double (`from_secs_f64`).
const SDK_INSTANTS: Instants = Instants::ThroughF64 { extra_nanos: 1 };

fn botocore_model() -> &'static BotocoreModel {
    static MODEL: OnceLock<BotocoreModel> = OnceLock::new();
    MODEL.get_or_init(|| botocore::model(&OPERATIONS))
}

/// Member names of every structure reachable from the six outputs and their errors, in our
/// model.
fn our_structures() -> BTreeMap<String, BTreeSet<String>> {
    fn walk(model: &Model, id: &ShapeId, out: &mut BTreeMap<String, BTreeSet<String>>) {
        match &model.expect(id).kind {
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                if out.contains_key(id.name()) {
                    return;
                }
                out.insert(
                    id.name().to_owned(),
                    members.iter().map(|m| m.name().to_owned()).collect(),
                );
                for m in members {
                    walk(model, &m.target, out);
                }
            }
            ShapeKind::List(item) => walk(model, &item.target, out),
            ShapeKind::Map { key, value } => {
                walk(model, &key.target, out);
                walk(model, &value.target, out);
            }
            _ => {}
        }
    }
    let fsx = fsx();
    let mut out = BTreeMap::new();
    for op in &fsx.operations {
        walk(&fsx.model, &op.output, &mut out);
        for error in &op.errors {
            walk(&fsx.model, error, &mut out);
        }
    }
    out
}

/// Per structure, the members our model has and botocore's lacks.
fn botocore_lacks() -> BTreeMap<String, BTreeSet<String>> {
    let theirs = &botocore_model().structures;
    our_structures()
        .into_iter()
        .filter_map(|(name, members)| {
            let lacking: BTreeSet<String> = match theirs.get(&name) {
                Some(t) => members.difference(t).cloned().collect(),
                None => members,
            };
            (!lacking.is_empty()).then_some((name, lacking))
        })
        .collect()
}

/// The models' differences for these outputs and errors, as `shape$member: only ours` /
/// `only botocore` lines.
fn model_differences() -> Vec<String> {
    let ours = our_structures();
    let theirs = &botocore_model().structures;
    let mut lines = Vec::new();
    for name in ours.keys().chain(theirs.keys()).collect::<BTreeSet<_>>() {
        match (ours.get(name), theirs.get(name)) {
            (Some(o), Some(t)) => {
                for m in o.difference(t) {
                    lines.push(format!("{name}${m}: only ours"));
                }
                for m in t.difference(o) {
                    lines.push(format!("{name}${m}: only botocore"));
                }
            }
            (Some(_), None) => lines.push(format!("{name}: only ours")),
            (None, Some(_)) => lines.push(format!("{name}: only botocore")),
            (None, None) => unreachable!(),
        }
    }
    let fsx = fsx();
    for op in &fsx.operations {
        let o: BTreeSet<String> = op.errors.iter().map(|e| e.name().to_owned()).collect();
        let t = &botocore_model().errors[op.name];
        for e in o.difference(t) {
            lines.push(format!("{} error {e}: only ours", op.name));
        }
        for e in t.difference(&o) {
            lines.push(format!("{} error {e}: only botocore", op.name));
        }
    }
    lines
}

/// What differs between our FSx model and botocore 1.43.11's for the six operations' outputs
/// and errors. Each line is a member one side's model has and the other's does not (found by
/// `model_differences`); a new botocore or a new model changes this list on purpose.
const KNOWN_MODEL_DIFFERENCES: &[&str] = &[];

#[test]
fn botocore_model_differences() {
    let model = botocore_model();
    println!("botocore {} (FSx API {})", model.version, model.api_version);
    assert_eq!(model.api_version, "2018-03-01");
    let found = model_differences();
    assert_eq!(
        found, KNOWN_MODEL_DIFFERENCES,
        "our FSx model and botocore {}'s differ for the backup operations' outputs and errors \
         otherwise than KNOWN_MODEL_DIFFERENCES says",
        model.version
    );
}

struct Body {
    label: String,
    value: Json,
    wire: String,
}

fn bodies(op_name: &str, output: &ShapeId, seed: u64, stream: &str) -> Vec<Body> {
    let mut out: Vec<Body> = documented()
        .into_iter()
        .filter(|e| e.operation == op_name)
        .filter_map(|e| {
            let value = e.output?;
            Some(Body {
                label: format!("documented example `{}`", e.label),
                wire: value.to_text(),
                value,
            })
        })
        .collect();
    // An empty body is an empty output (a 200 with no body at all, or only whitespace).
    for wire in ["", " \n", "{}"] {
        out.push(Body {
            label: format!("empty body {wire:?}"),
            value: Json::Object(Vec::new()),
            wire: wire.to_owned(),
        });
    }
    for case in cases() {
        let mut generator =
            Generator::new(&fsx().model, case_rng(seed, stream, case), Purpose::Output);
        let value = generator.shape(output);
        let wire = write_wire(&value, generator.rng());
        out.push(Body {
            label: format!("case {case}"),
            value,
            wire,
        });
    }
    out
}

#[derive(Default)]
struct Stats {
    botocore_kept_nulls: usize,
    sdk_rejected: usize,
}

fn run<H: Harness>() {
    let fsx = fsx();
    let op = fsx.operation(H::NAME);
    let stream = format!("response/{}", H::NAME);
    let mut report = Report::new(&stream);
    let bodies = bodies(H::NAME, &op.output, report.seed(), &stream);
    let parse_cases: Vec<ParseCase<'_>> = bodies
        .iter()
        .map(|b| ParseCase {
            operation: H::NAME,
            body: &b.wire,
        })
        .collect();
    let botocore_results = botocore::parse_outputs(&parse_cases);
    let sdk = Sdk::new();
    let mut against_botocore =
        Comparer::new(&fsx.model, BOTOCORE_INSTANTS).right_lacks(botocore_lacks());
    let mut against_sdk = Comparer::new(&fsx.model, SDK_INSTANTS);
    let mut stats = Stats::default();
    for (body, botocore_result) in bodies.iter().zip(botocore_results) {
        report.ran();
        let mut problems = Vec::new();
        let ours = match H::ours_response(200, &[], body.wire.as_bytes()) {
            Ok(ours) => ours,
            Err(e) => {
                report.fail(
                    &body.label,
                    format!("ours cannot read the body: {e:?}\nbody: {}", body.wire),
                );
                continue;
            }
        };
        let ours_json = Json::parse(&ours).expect("ours writes JSON");
        let expected = canonical(&fsx.model, &op.output, &body.value);
        for d in
            Comparer::new(&fsx.model, Instants::Exact).compare(&op.output, &ours_json, &expected)
        {
            problems.push(format!("ours vs the body {d}"));
        }
        let leniency = Leniency::of(&fsx.model, &op.output, &body.value);
        match botocore_result {
            Ok(theirs) => {
                // botocore keeps the `null` items of dense lists (as `None`); ours and the SDK
                // skip them (see `null_items_of_dense_lists`).
                let (theirs, kept) = strip_dense_nulls(&fsx.model, &op.output, &theirs);
                if kept != leniency.dense_nulls {
                    problems.push(format!(
                        "botocore kept {kept} null items of dense lists, the body has {}",
                        leniency.dense_nulls
                    ));
                }
                stats.botocore_kept_nulls += kept;
                for d in against_botocore.compare(&op.output, &ours_json, &theirs) {
                    problems.push(format!("ours vs botocore {d}"));
                }
            }
            Err(e) => problems.push(format!("botocore cannot read the body: {e}")),
        }
        // aws-sdk-fsx 1.133.0 rejects a body with null items in a dense list or a quoted
        // epoch-seconds timestamp (see `null_items_of_dense_lists`, `quoted_epoch_seconds`);
        // any other body it must read as ours does.
        let sdk_rejects = leniency.dense_nulls > 0 || leniency.quoted_timestamps > 0;
        match (H::sdk_response(&sdk, 200, &[], body.wire.as_bytes()), sdk_rejects) {
            (Ok(theirs), false) => {
                let theirs = Json::parse(&theirs).expect("aws-sdk-fsx writes JSON");
                for d in against_sdk.compare(&op.output, &ours_json, &theirs) {
                    problems.push(format!("ours vs aws-sdk-fsx reading the body: {d}"));
                }
            }
            (Ok(_), true) => problems.push(format!(
                "aws-sdk-fsx read a body with {leniency:?}, which 1.133.0 rejects: update the known differences"
            )),
            (Err(e), true) => {
                let message = e.message.clone().unwrap_or_default();
                let known = (leniency.dense_nulls > 0 && message.contains("TypeMismatch { message: \"expected "))
                    || (leniency.quoted_timestamps > 0 && message.contains("invalid timestamp string"));
                if known {
                    stats.sdk_rejected += 1;
                } else {
                    problems.push(format!("aws-sdk-fsx rejects the body ({leniency:?}) otherwise than known: {e:?}"));
                }
            }
            (Err(e), false) => problems.push(format!("aws-sdk-fsx cannot read the body: {e:?}")),
        }
        // What ours writes, aws-sdk-fsx must read (through its codec: the client pipeline
        // was exercised on the body above).
        match H::sdk_read_output(&ours) {
            Ok(theirs) => {
                let theirs = Json::parse(&theirs).expect("aws-sdk-fsx writes JSON");
                for d in against_sdk.compare(&op.output, &ours_json, &theirs) {
                    problems.push(format!("ours vs aws-sdk-fsx reading our output: {d}"));
                }
            }
            Err(e) => problems.push(format!("aws-sdk-fsx cannot read our output: {e}")),
        }
        if !problems.is_empty() {
            report.fail(
                &body.label,
                format!(
                    "{}\nbody: {}\nours: {}",
                    problems.join("\n"),
                    body.wire,
                    String::from_utf8_lossy(&ours)
                ),
            );
        }
    }
    println!(
        "{stream}: {} bodies; botocore: {} timestamps rounded (at most {} ns), {} dense-list nulls kept, \
         members its model lacks: {:?}; aws-sdk-fsx: {} timestamps rounded (at most {} ns), {} lenient bodies rejected",
        report.count(),
        against_botocore.rounded_instants,
        against_botocore.max_rounding_nanos,
        stats.botocore_kept_nulls,
        against_botocore.model_skew,
        against_sdk.rounded_instants,
        against_sdk.max_rounding_nanos,
        stats.sdk_rejected,
    );
    report.finish();
}

#[test]
fn copy_backup() {
    run::<sdk::CopyBackup>();
}

#[test]
fn create_backup() {
    run::<sdk::CreateBackup>();
}

#[test]
fn create_file_system_from_backup() {
    run::<sdk::CreateFileSystemFromBackup>();
}

#[test]
fn create_volume_from_backup() {
    run::<sdk::CreateVolumeFromBackup>();
}

#[test]
fn delete_backup() {
    run::<sdk::DeleteBackup>();
}

#[test]
fn describe_backups() {
    run::<sdk::DescribeBackups>();
}
