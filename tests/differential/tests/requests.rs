//! Requests: for each backup operation, the documented inputs and `DIFFERENTIAL_CASES` (1,000)
//! random inputs from the model are read by our crate (`fsx::json::from_slice`) and by
//! aws-sdk-fsx (its codec), and sent: ours through `request`, the SDK's through its client and
//! a capturing fake HTTP client. Both requests must agree on method, path, Content-Type,
//! X-Amz-Target and the body as JSON values; and our body must be the input we read.
//!
//! Idempotency tokens: when the input has none, ours fills a random UUID v4 and the SDK its
//! configured fixed token; the test checks each and then compares the rest of the body.

use differential::compare::{Comparer, Instants};
use differential::examples::documented;
use differential::generate::{case_rng, Generator, Purpose};
use differential::json::{write_wire, Json};
use differential::model::{fsx, Operation};
use differential::sdk::{self, Harness, Sdk, FIXED_TOKEN};
use differential::{cases, Report};

/// The awsJson 1.1 content type and the service's target prefix (from the model's service
/// shape name), which both clients must send.
const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
const TARGET_PREFIX: &str = "AWSSimbaAPIService_v20180301";

/// The members of the input marked `@idempotencyToken`.
fn token_members(op: &Operation) -> Vec<String> {
    let shape = fsx().model.expect(&op.input);
    match &shape.kind {
        smithy_codegen::model::ShapeKind::Structure(members) => members
            .iter()
            .filter(|m| m.traits.has("smithy.api#idempotencyToken"))
            .map(|m| m.name().to_owned())
            .collect(),
        _ => unreachable!("inputs are structures"),
    }
}

fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit() && !b.is_ascii_uppercase(),
        })
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

fn remove_member(body: &mut Json, name: &str) -> Option<Json> {
    match body {
        Json::Object(members) => {
            let at = members.iter().position(|(k, _)| k == name)?;
            Some(members.remove(at).1)
        }
        _ => None,
    }
}

/// Checks one input: `None` if both sides agree, else what differs.
fn check<H: Harness>(sdk: &Sdk, op: &Operation, input: &Json, wire: &str) -> Option<String> {
    let ours = match H::ours_request(wire.as_bytes()) {
        Ok(request) => request,
        Err(e) => return Some(e),
    };
    let theirs = match H::sdk_request(sdk, wire.as_bytes()) {
        Ok(request) => request,
        Err(e) => return Some(e),
    };
    let mut problems = Vec::new();
    let ours_header = |name: &str| {
        ours.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let pairs = [
        (
            "method",
            Some(ours.method().as_str().to_owned()),
            Some(theirs.method.clone()),
        ),
        (
            "path",
            Some(ours.uri().path().to_owned()),
            Some(theirs.path().to_owned()),
        ),
        (
            "Content-Type",
            ours_header("content-type"),
            theirs.header("content-type").map(str::to_owned),
        ),
        (
            "X-Amz-Target",
            ours_header("x-amz-target"),
            theirs.header("x-amz-target").map(str::to_owned),
        ),
    ];
    for (what, a, b) in &pairs {
        if a != b {
            problems.push(format!("{what}: ours {a:?}, aws-sdk-fsx {b:?}"));
        }
    }
    let expected_target = format!("{TARGET_PREFIX}.{}", H::NAME);
    if pairs[3].1.as_deref() != Some(expected_target.as_str()) {
        problems.push(format!(
            "X-Amz-Target: ours {:?}, expected {expected_target}",
            pairs[3].1
        ));
    }
    if pairs[2].1.as_deref() != Some(CONTENT_TYPE) || pairs[0].1.as_deref() != Some("POST") {
        problems.push(format!("not an awsJson 1.1 POST: {pairs:?}"));
    }
    let length = ours_header("content-length");
    if length != Some(ours.body().len().to_string()) {
        problems.push(format!(
            "Content-Length {length:?} for a body of {} bytes",
            ours.body().len()
        ));
    }
    let mut ours_body = match Json::parse(ours.body()) {
        Ok(body) => body,
        Err(e) => {
            return Some(format!(
                "our body is not JSON ({e}): {}",
                String::from_utf8_lossy(ours.body())
            ))
        }
    };
    let mut theirs_body = match Json::parse(&theirs.body) {
        Ok(body) => body,
        Err(e) => {
            return Some(format!(
                "aws-sdk-fsx's body is not JSON ({e}): {}",
                String::from_utf8_lossy(&theirs.body)
            ))
        }
    };
    // Tokens the input leaves out are filled: ours with a UUID v4, the SDK's with its fixed one.
    let mut expected = input.clone();
    for token in token_members(op) {
        if input.get(&token).is_some() {
            continue;
        }
        let filled = remove_member(&mut ours_body, &token);
        if !filled
            .as_ref()
            .and_then(Json::as_str)
            .is_some_and(is_uuid_v4)
        {
            problems.push(format!(
                "{token} left out: ours should fill a UUID v4, sent {filled:?}"
            ));
        }
        let filled = remove_member(&mut theirs_body, &token);
        if filled.as_ref().and_then(Json::as_str) != Some(FIXED_TOKEN) {
            problems.push(format!(
                "{token} left out: aws-sdk-fsx should fill its fixed token, sent {filled:?}"
            ));
        }
        remove_member(&mut expected, &token);
    }
    let model = &fsx().model;
    for difference in
        Comparer::new(model, Instants::Exact).compare(&op.input, &ours_body, &theirs_body)
    {
        problems.push(format!("body (ours vs aws-sdk-fsx) {difference}"));
    }
    for difference in
        Comparer::new(model, Instants::Exact).compare(&op.input, &ours_body, &expected)
    {
        problems.push(format!("body (ours vs the input) {difference}"));
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!(
            "{}\ninput: {wire}\nours:  {}\nsdk:   {}",
            problems.join("\n"),
            String::from_utf8_lossy(ours.body()),
            String::from_utf8_lossy(&theirs.body)
        ))
    }
}

fn run<H: Harness>() -> Report {
    let fsx = fsx();
    let op = fsx.operation(H::NAME);
    let sdk = Sdk::new();
    let stream = format!("request/{}", H::NAME);
    let mut report = Report::new(&stream);
    let mut documented_count = 0;
    for example in documented().into_iter().filter(|e| e.operation == H::NAME) {
        let Some(input) = example.input else { continue };
        documented_count += 1;
        report.ran();
        if let Some(problem) = check::<H>(&sdk, op, &input, &input.to_text()) {
            report.fail(format!("documented example `{}`", example.label), problem);
        }
    }
    for case in cases() {
        let mut generator = Generator::new(
            &fsx.model,
            case_rng(report.seed(), &stream, case),
            Purpose::Input,
        );
        let input = generator.shape(&op.input);
        let wire = write_wire(&input, generator.rng());
        report.ran();
        if let Some(problem) = check::<H>(&sdk, op, &input, &wire) {
            report.fail(format!("case {case}"), problem);
        }
    }
    println!(
        "{stream}: {documented_count} documented + {} random inputs",
        report.count() - documented_count
    );
    report
}

#[test]
fn copy_backup() {
    run::<sdk::CopyBackup>().finish();
}

#[test]
fn create_backup() {
    run::<sdk::CreateBackup>().finish();
}

#[test]
fn create_file_system_from_backup() {
    run::<sdk::CreateFileSystemFromBackup>().finish();
}

#[test]
fn create_volume_from_backup() {
    run::<sdk::CreateVolumeFromBackup>().finish();
}

#[test]
fn delete_backup() {
    run::<sdk::DeleteBackup>().finish();
}

#[test]
fn describe_backups() {
    run::<sdk::DescribeBackups>().finish();
}

/// The documented inputs compared above: the model's `smithy.api#examples` and the botocore
/// examples file document inputs for five of the six operations (none for
/// CreateVolumeFromBackup).
#[test]
fn documented_inputs() {
    let mut per_operation = std::collections::BTreeMap::new();
    for example in documented() {
        if example.input.is_some() {
            *per_operation.entry(example.operation).or_insert(0) += 1;
        }
    }
    let expected = [
        ("CopyBackup", 2),
        ("CreateBackup", 1),
        ("CreateFileSystemFromBackup", 1),
        ("DeleteBackup", 2),
        ("DescribeBackups", 1),
    ];
    assert_eq!(per_operation, expected.into_iter().collect());
}
