//! serde against the codec (the crate's `serde` feature): on the same random inputs and
//! outputs the other differential tests use (Output bodies carry `null` members, `null` list
//! items, unknown members and quoted timestamps), serde_json must read what the awsJson reader
//! reads, and write what `json::to_vec` writes: the same JSON, byte for byte but for one
//! thing serde cannot carry: its numbers are 64-bit, so an epoch-seconds timestamp with more
//! than microsecond digits becomes the nearest double (the documents compare equal as JSON
//! values, every number read to the nearest double).

use differential::cases;
use differential::generate::{case_rng, Generator, Purpose};
use differential::json::write_wire;
use differential::model::fsx;
use smithy_codegen::model::ShapeId;

/// Reads `wire` both ways and writes the value both ways; a description of the first
/// difference, if any.
fn agree<T>(wire: &str) -> Result<(), String>
where
    T: fsx::json::DeserializeJson
        + fsx::json::SerializeJson
        + serde::Serialize
        + serde::de::DeserializeOwned,
{
    let ours: T = fsx::json::from_slice(wire.as_bytes())
        .map_err(|e| format!("the codec cannot read it: {e}"))?;
    let theirs: T = serde_json::from_str(wire).map_err(|e| format!("serde cannot read it: {e}"))?;
    let written = fsx::json::to_vec(&ours).map_err(|e| format!("the codec cannot write: {e}"))?;
    let serde_written =
        serde_json::to_vec(&ours).map_err(|e| format!("serde cannot write: {e}"))?;
    if !same_json(&serde_written, &written) {
        return Err(format!(
            "serde writes {}",
            difference(&serde_written, &written)
        ));
    }
    let read_by_serde = fsx::json::to_vec(&theirs).expect("what serde read writes");
    if !same_json(&read_by_serde, &written) {
        return Err(format!(
            "serde reads {}",
            difference(&read_by_serde, &written)
        ));
    }
    Ok(())
}

/// Byte for byte the same, or the same JSON values with every number read to the nearest
/// double (integers that fit 64 bits exactly).
fn same_json(a: &[u8], b: &[u8]) -> bool {
    use serde_json::Value;
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                x == y || (x.is_f64() || y.is_f64()) && x.as_f64() == y.as_f64()
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
            }
            _ => a == b,
        }
    }
    a == b
        || match (
            serde_json::from_slice::<Value>(a),
            serde_json::from_slice::<Value>(b),
        ) {
            (Ok(a), Ok(b)) => same(&a, &b),
            _ => false,
        }
}

/// Where `theirs` departs from `ours`, with some text of each around it.
fn difference(theirs: &[u8], ours: &[u8]) -> String {
    let at = theirs
        .iter()
        .zip(ours)
        .position(|(a, b)| a != b)
        .unwrap_or(theirs.len().min(ours.len()));
    let around = |bytes: &[u8]| {
        let start = at.saturating_sub(80);
        String::from_utf8_lossy(&bytes[start..(at + 40).min(bytes.len())]).into_owned()
    };
    format!(
        "differently at byte {at}:\n  serde …{}\n  codec …{}",
        around(theirs),
        around(ours)
    )
}

/// Random bodies of `shape` for `purpose`, checked with `check`; panics listing failures.
fn run(stream: &str, shape: &ShapeId, purpose: Purpose, check: fn(&str) -> Result<(), String>) {
    let seed = differential::generate::seed();
    let mut failures = Vec::new();
    let mut count = 0;
    for case in cases() {
        let mut generator = Generator::new(&fsx().model, case_rng(seed, stream, case), purpose);
        let value = generator.shape(shape);
        let wire = write_wire(&value, generator.rng());
        count += 1;
        if let Err(why) = check(&wire) {
            failures.push(format!("{stream} case {case}: {why}"));
        }
    }
    assert!(count > 0, "no cases ran");
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

macro_rules! serde_agrees {
    ($($test:ident: $name:literal, $op:ident, $Input:ident, $Output:ident;)*) => {$(
        #[test]
        fn $test() {
            let op = fsx().operation($name);
            run(
                &format!("serde/input/{}", $name),
                &op.input,
                Purpose::Input,
                agree::<fsx::operation::$op::$Input>,
            );
            run(
                &format!("serde/output/{}", $name),
                &op.output,
                Purpose::Output,
                agree::<fsx::operation::$op::$Output>,
            );
        }
    )*};
}

serde_agrees! {
    copy_backup: "CopyBackup", copy_backup, CopyBackupInput, CopyBackupOutput;
    create_backup: "CreateBackup", create_backup, CreateBackupInput, CreateBackupOutput;
    create_file_system_from_backup: "CreateFileSystemFromBackup", create_file_system_from_backup,
        CreateFileSystemFromBackupInput, CreateFileSystemFromBackupOutput;
    create_volume_from_backup: "CreateVolumeFromBackup", create_volume_from_backup,
        CreateVolumeFromBackupInput, CreateVolumeFromBackupOutput;
    delete_backup: "DeleteBackup", delete_backup, DeleteBackupInput, DeleteBackupOutput;
    describe_backups: "DescribeBackups", describe_backups, DescribeBackupsInput,
        DescribeBackupsOutput;
}
