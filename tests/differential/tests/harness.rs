//! The harness itself. The random generator: deterministic for a seed, valid JSON in every
//! wire form, and covering the model over the cases the differential tests run (every member,
//! known and unknown enum values, empty and maximal lists, 64-bit boundaries, fractional and
//! negative timestamps, Unicode and escapes). The comparison: it finds each kind of
//! difference. The botocore runner: without botocore it fails, saying how to install it.

use std::collections::{BTreeMap, BTreeSet};

use differential::compare::{
    canonical, epoch_seconds_nanos, integer, json_equal, Comparer, Instants,
};
use differential::generate::{
    case_count, case_rng, length_bound, Generator, Purpose, DEFAULT_SEED, LIST_CAP,
};
use differential::json::{write_wire, Json};
use differential::model::fsx;
use smithy_codegen::model::{EnumValue, Model, ShapeId, ShapeKind, SimpleType};

#[derive(Default)]
struct Coverage {
    members: BTreeSet<String>,
    enum_known: BTreeSet<String>,
    enum_unknown: BTreeSet<String>,
    list_empty: BTreeSet<String>,
    list_full: BTreeSet<String>,
    integers: BTreeMap<&'static str, BTreeSet<i128>>,
    fraction_digits: BTreeSet<usize>,
    negative_timestamps: usize,
    exponent_timestamps: usize,
    quoted_timestamps: usize,
    strings: BTreeSet<&'static str>,
    nulls: usize,
    unknown_members: usize,
}

impl Coverage {
    fn walk(&mut self, model: &Model, id: &ShapeId, value: &Json) {
        let shape = model.expect(id);
        let name = id.name().to_owned();
        match (&shape.kind, value) {
            (_, Json::Null) => self.nulls += 1,
            (ShapeKind::Structure(members), Json::Object(object)) => {
                for (k, v) in object {
                    match members.iter().find(|m| m.name() == k) {
                        Some(m) => {
                            self.members.insert(format!("{name}${k}"));
                            self.walk(model, &m.target, v);
                        }
                        None => self.unknown_members += 1,
                    }
                }
            }
            (ShapeKind::List(item), Json::Array(items)) => {
                let max = length_bound(&shape.traits, "max")
                    .map_or(usize::MAX, |m| m as usize)
                    .min(LIST_CAP);
                if items.is_empty() {
                    self.list_empty.insert(name.clone());
                }
                if items.len() == max {
                    self.list_full.insert(name);
                }
                for v in items {
                    self.walk(model, &item.target, v);
                }
            }
            (ShapeKind::Enum(members), Json::String(s)) => {
                let known = members
                    .iter()
                    .any(|m| m.value == EnumValue::String(s.clone()));
                if known {
                    self.enum_known.insert(name);
                } else {
                    self.enum_unknown.insert(name);
                }
            }
            (ShapeKind::Simple(SimpleType::Integer | SimpleType::Long), Json::Number(n)) => {
                let kind = if matches!(shape.kind, ShapeKind::Simple(SimpleType::Long)) {
                    "long"
                } else {
                    "integer"
                };
                self.integers
                    .entry(kind)
                    .or_default()
                    .insert(integer(n).expect("an integer"));
            }
            (ShapeKind::Simple(SimpleType::Timestamp), Json::Number(n) | Json::String(n)) => {
                assert!(epoch_seconds_nanos(n).is_some(), "{n} is epoch seconds");
                if matches!(value, Json::String(_)) {
                    self.quoted_timestamps += 1;
                }
                if n.starts_with('-') {
                    self.negative_timestamps += 1;
                }
                if n.contains(['e', 'E']) {
                    self.exponent_timestamps += 1;
                } else {
                    self.fraction_digits
                        .insert(n.split_once('.').map_or(0, |(_, f)| f.len()));
                }
            }
            (ShapeKind::Simple(SimpleType::String), Json::String(s)) => {
                let max = length_bound(&shape.traits, "max").map_or(256, |m| m as usize);
                for (what, hit) in [
                    ("empty", s.is_empty()),
                    ("maximal", s.chars().count() == max && max > 1),
                    ("control character", s.chars().any(|c| (c as u32) < 0x20)),
                    ("quote or backslash", s.contains(['"', '\\'])),
                    (
                        "astral (surrogate pair)",
                        s.chars().any(|c| (c as u32) > 0xFFFF),
                    ),
                    (
                        "line or paragraph separator",
                        s.contains(['\u{2028}', '\u{2029}']),
                    ),
                    ("byte order mark", s.contains('\u{FEFF}')),
                    ("combining mark", s.contains('\u{301}')),
                ] {
                    if hit {
                        self.strings.insert(what);
                    }
                }
            }
            (ShapeKind::Simple(SimpleType::Boolean), Json::Bool(_)) => {}
            (kind, value) => panic!("{id}: a {} generated as {value}", kind.name()),
        }
    }
}

/// Every structure member, enum and list reachable from `roots`.
fn reachable(
    model: &Model,
    roots: &[ShapeId],
) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let mut members = BTreeSet::new();
    let mut enums = BTreeSet::new();
    let mut lists = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = roots.to_vec();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        match &model.expect(&id).kind {
            ShapeKind::Structure(ms) => {
                for m in ms {
                    members.insert(format!("{}${}", id.name(), m.name()));
                    stack.push(m.target.clone());
                }
            }
            ShapeKind::List(item) => {
                lists.insert(id.name().to_owned());
                stack.push(item.target.clone());
            }
            ShapeKind::Enum(_) => {
                enums.insert(id.name().to_owned());
            }
            _ => {}
        }
    }
    (members, enums, lists)
}

fn coverage(purpose: Purpose) -> (Coverage, Vec<ShapeId>) {
    let fsx = fsx();
    let mut coverage = Coverage::default();
    let mut roots = Vec::new();
    for op in &fsx.operations {
        let root = match purpose {
            Purpose::Input => &op.input,
            Purpose::Output => &op.output,
        };
        roots.push(root.clone());
        let stream = format!(
            "{}/{}",
            if purpose == Purpose::Input {
                "request"
            } else {
                "response"
            },
            op.name
        );
        for case in 0..case_count() {
            let mut generator =
                Generator::new(&fsx.model, case_rng(DEFAULT_SEED, &stream, case), purpose);
            coverage.walk(&fsx.model, root, &generator.shape(root));
        }
    }
    (coverage, roots)
}

fn assert_covers(purpose: Purpose) {
    let fsx = fsx();
    let (c, roots) = coverage(purpose);
    let (members, enums, lists) = reachable(&fsx.model, &roots);
    let missing: Vec<_> = members.difference(&c.members).collect();
    assert!(
        missing.is_empty(),
        "{purpose:?}: members never generated: {missing:?}"
    );
    let no_known: Vec<_> = enums.difference(&c.enum_known).collect();
    let no_unknown: Vec<_> = enums.difference(&c.enum_unknown).collect();
    assert!(no_known.is_empty() && no_unknown.is_empty(), "{purpose:?}: enums without a known value {no_known:?}, without an unknown one {no_unknown:?}");
    let never_empty: Vec<_> = lists.difference(&c.list_empty).collect();
    let never_full: Vec<_> = lists.difference(&c.list_full).collect();
    assert!(
        never_empty.is_empty() && never_full.is_empty(),
        "{purpose:?}: lists never empty {never_empty:?}, never full {never_full:?}"
    );
    let long = &c.integers["long"];
    for boundary in [i64::MIN.into(), i64::MAX.into(), (1i128 << 53) + 1, -1] {
        assert!(
            long.contains(&boundary),
            "{purpose:?}: long {boundary} never generated"
        );
    }
    let int = &c.integers["integer"];
    for boundary in [i32::MIN.into(), i32::MAX.into(), 0i128] {
        assert!(
            int.contains(&boundary),
            "{purpose:?}: integer {boundary} never generated"
        );
    }
    for what in [
        "empty",
        "maximal",
        "control character",
        "quote or backslash",
        "astral (surrogate pair)",
        "line or paragraph separator",
        "byte order mark",
        "combining mark",
    ] {
        assert!(
            c.strings.contains(what),
            "{purpose:?}: no string with {what}"
        );
    }
    if purpose == Purpose::Output {
        assert_eq!(
            c.fraction_digits,
            (0..=9).collect(),
            "timestamps with 0 to 9 fractional digits"
        );
        assert!(c.negative_timestamps > 0 && c.exponent_timestamps > 0 && c.quoted_timestamps > 0);
        assert!(
            c.nulls > 0 && c.unknown_members > 0,
            "lenient output bodies"
        );
    } else {
        assert_eq!(
            c.nulls + c.unknown_members + c.quoted_timestamps,
            0,
            "inputs are plain"
        );
    }
}

#[test]
fn inputs_cover_the_model() {
    assert_covers(Purpose::Input);
}

#[test]
fn outputs_cover_the_model() {
    assert_covers(Purpose::Output);
}

#[test]
fn cases_are_a_function_of_seed_stream_and_number() {
    let fsx = fsx();
    let output = &fsx.operation("DescribeBackups").output;
    let make = |seed, stream: &str, case| {
        let mut generator =
            Generator::new(&fsx.model, case_rng(seed, stream, case), Purpose::Output);
        let value = generator.shape(output);
        let wire = write_wire(&value, generator.rng());
        (value, wire)
    };
    let distinct: BTreeSet<String> = (0..50)
        .map(|case| make(DEFAULT_SEED, "s", case).1)
        .collect();
    assert!(distinct.len() > 30, "cases differ: {}", distinct.len());
    for case in [0, 7, 999] {
        assert_eq!(make(DEFAULT_SEED, "s", case), make(DEFAULT_SEED, "s", case));
        assert_ne!(
            make(DEFAULT_SEED, "s", case).1,
            make(DEFAULT_SEED + 1, "s", case).1
        );
        assert_ne!(
            make(DEFAULT_SEED, "s", case).1,
            make(DEFAULT_SEED, "t", case).1
        );
    }
}

/// Every wire form is valid JSON for the generated value (checked with `serde_json` too).
#[test]
fn wire_forms_are_the_same_json() {
    let fsx = fsx();
    let mut escaped = 0;
    for op in &fsx.operations {
        for case in 0..200 {
            let mut generator = Generator::new(
                &fsx.model,
                case_rng(DEFAULT_SEED, "wire", case),
                Purpose::Output,
            );
            let value = generator.shape(&op.output);
            let wire = write_wire(&value, generator.rng());
            let parsed = Json::parse(wire.as_bytes()).unwrap_or_else(|e| panic!("{e}: {wire}"));
            assert!(json_equal(&parsed, &value), "{wire}");
            let theirs: serde_json::Value =
                serde_json::from_str(&wire).unwrap_or_else(|e| panic!("{e}: {wire}"));
            let ours: serde_json::Value =
                serde_json::from_str(&value.to_text()).expect("plain text is JSON");
            assert_eq!(theirs, ours);
            escaped += usize::from(wire.contains("\\u"));
        }
    }
    assert!(escaped > 100, "escapes are common: {escaped}");
}

#[test]
fn json_parser_is_strict() {
    for bad in [
        "",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "\"\\x\"",
        "\"\\ud800\"",
        "nul",
        "{} {}",
        "\"\u{1}\"",
    ] {
        assert!(Json::parse(bad.as_bytes()).is_err(), "{bad:?}");
    }
    assert_eq!(
        Json::parse(br#" {"a\u00e9\ud83d\ude00": [1.50, -0, 1E+3, true, null]} "#),
        Ok(Json::Object(vec![(
            "aé😀".to_owned(),
            Json::Array(vec![
                Json::Number("1.50".into()),
                Json::Number("-0".into()),
                Json::Number("1E+3".into()),
                Json::Bool(true),
                Json::Null
            ])
        )]))
    );
}

fn parse(text: &str) -> Json {
    Json::parse(text.as_bytes()).expect("valid JSON")
}

#[test]
fn comparison_finds_every_kind_of_difference() {
    let fsx = fsx();
    let output = &fsx.operation("CopyBackup").output;
    let base = r#"{"Backup":{"BackupId":"b-1","Lifecycle":"AVAILABLE","ProgressPercent":7,"CreationTime":1617954808.068,"Tags":[{"Key":"k","Value":"v"}],"FileSystem":{"StorageCapacity":9223372036854775807}}}"#;
    let differences = |other: &str, instants| {
        Comparer::new(&fsx.model, instants).compare(output, &parse(base), &parse(other))
    };
    // Equal: members in another order, the timestamp written otherwise, a null member.
    let same = r#"{"Backup":{"FileSystem":{"StorageCapacity":9223372036854775807},"Tags":[{"Value":"v","Key":"k"}],"CreationTime":1.617954808068e9,"ProgressPercent":7,"Lifecycle":"AVAILABLE","BackupId":"b-1","KmsKeyId":null}}"#;
    assert_eq!(differences(same, Instants::Exact), []);
    for (other, path) in [
        (base.replace(r#""BackupId":"b-1","#, ""), "/Backup/BackupId"),
        (base.replace("AVAILABLE", "available"), "/Backup/Lifecycle"),
        (base.replace(":7,", ":8,"), "/Backup/ProgressPercent"),
        (base.replace("808.068", "808.069"), "/Backup/CreationTime"),
        (
            base.replace(r#""Value":"v""#, r#""Value":"w""#),
            "/Backup/Tags/0/Value",
        ),
        (
            base.replace(r#"[{"Key":"k","Value":"v"}]"#, "[]"),
            "/Backup/Tags",
        ),
        (
            base.replace("9223372036854775807", "9223372036854775806"),
            "/Backup/FileSystem/StorageCapacity",
        ),
        (base.replace("7,", r#""7","#), "/Backup/ProgressPercent"),
        (
            base.replace(r#""b-1""#, r#""b-1","Unknown":1"#),
            "/Backup/Unknown",
        ),
    ] {
        let found = differences(&other, Instants::Exact);
        assert_eq!(found.len(), 1, "{other}: {found:?}");
        assert_eq!(found[0].path, path, "{other}");
    }
    // Timestamps through a double: within its precision, not beyond.
    let rounded = base.replace("808.068", "808.068000078");
    assert_eq!(differences(&rounded, Instants::Exact).len(), 1);
    assert_eq!(
        differences(&rounded, Instants::ThroughF64 { extra_nanos: 1 }),
        []
    );
    let off = base.replace("808.068", "808.0681");
    assert_eq!(
        differences(&off, Instants::ThroughF64 { extra_nanos: 1_000 }).len(),
        1
    );
    // botocore's timestamps.
    let micros = base.replace("1617954808.068", r#"{"epoch_micros":1617954808068000}"#);
    assert_eq!(
        differences(&micros, Instants::ThroughF64 { extra_nanos: 1_000 }),
        []
    );
}

#[test]
fn canonical_values_drop_what_readers_skip() {
    let fsx = fsx();
    let output = &fsx.operation("CopyBackup").output;
    let wire = parse(
        r#"{"Backup":{"BackupId":null,"New":{"a":[1]},"Tags":[null,{"Key":"k"}],"CreationTime":"1.5"}}"#,
    );
    assert_eq!(
        canonical(&fsx.model, output, &wire),
        parse(r#"{"Backup":{"Tags":[{"Key":"k"}],"CreationTime":1.5}}"#)
    );
}

#[test]
fn epoch_seconds_are_read_exactly() {
    for (text, nanos) in [
        ("0", 0),
        ("-1.5", -1_500_000_000),
        ("1617954808.068", 1_617_954_808_068_000_000),
        ("1.617954808068E9", 1_617_954_808_068_000_000),
        ("253402300798.999999999", 253_402_300_798_999_999_999),
        ("1e-9", 1),
    ] {
        assert_eq!(epoch_seconds_nanos(text), Some(nanos), "{text}");
    }
    assert_eq!(epoch_seconds_nanos("x"), None);
}

/// Without botocore, the script exits 3 with the install command (and `botocore.rs` turns that
/// into a failing test, not a skipped one). `python3 -S` hides site-packages, where botocore is.
#[test]
fn botocore_missing_is_a_failure_with_the_fix() {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let output = std::process::Command::new(python)
        .arg("-S")
        .arg(differential::model::package_dir().join("botocore_parse.py"))
        .arg("shapes")
        .output()
        .expect("python runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("pip install -r tests/differential/requirements.txt"),
        "{stderr}"
    );
}
