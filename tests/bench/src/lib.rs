//! Inputs shared by the benchmarks (`benches/compare.rs`, run by `cargo xtask bench`): the
//! documented FSx examples, DescribeBackups response bodies of any number of backups built from
//! the documented CopyBackup backup (varied per element), the CopyBackup and CreateBackup
//! requests, and a BackupNotFound error response.
//!
//! Requests are plain data here ([`CopyBackupRequest`], [`CreateBackupRequest`]) so that the
//! benchmark builds the same input for both sides: [`CopyBackupRequest::ours`] makes the generated
//! crate's, the benchmark makes aws-sdk-fsx's.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use smithy_codegen::model::{Model, ShapeId, ShapeKind};

pub use xtask::inputs::{
    FSX_BOTOCORE_EXAMPLES as EXAMPLES, FSX_MODEL as MODEL, FSX_OPERATIONS as DEFAULT_OPERATIONS,
};

/// The project root (this package lives in `tests/bench`).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/bench is two levels below the project root")
        .to_path_buf()
}

/// The documented examples the inputs are built from.
#[derive(Clone, Debug)]
pub struct Examples {
    /// `CopyBackup`'s documented output backup (a Lustre file system, one tag).
    pub backup: Value,
    /// `CopyBackup`'s documented input.
    pub copy_backup_input: Value,
    /// `CreateBackup`'s documented input.
    pub create_backup_input: Value,
}

impl Examples {
    /// Reads them from the botocore examples file beside the project ([`EXAMPLES`]).
    pub fn load() -> Result<Examples, String> {
        let path = project_root().join(EXAMPLES);
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Examples::from_json(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads them from a botocore `examples-1.json` document.
    pub fn from_json(json: &[u8]) -> Result<Examples, String> {
        let file: Value = serde_json::from_slice(json).map_err(|e| e.to_string())?;
        let first = |operation: &str| {
            file.pointer(&format!("/examples/{operation}/0"))
                .cloned()
                .ok_or_else(|| format!("no documented {operation} example"))
        };
        let copy = first("CopyBackup")?;
        let create = first("CreateBackup")?;
        let backup = copy
            .pointer("/output/Backup")
            .cloned()
            .ok_or("the CopyBackup example has no output Backup")?;
        if backup.pointer("/FileSystem/LustreConfiguration").is_none() {
            return Err("the CopyBackup example's backup has no Lustre file system".into());
        }
        Ok(Examples {
            backup,
            copy_backup_input: copy["input"].clone(),
            create_backup_input: create["input"].clone(),
        })
    }

    /// A DescribeBackups response body (compact JSON) of `count` backups: the documented backup,
    /// varied per element — ids, ARNs, times, lifecycle and type, sizes, the Lustre settings, and
    /// three tags each — about 1,450 bytes a backup (1,000 backups: 1.45 MB, the size of the issue's
    /// baseline).
    pub fn describe_backups_body(&self, count: usize) -> Vec<u8> {
        let backups: Vec<Value> = (0..count).map(|i| self.backup_variant(i)).collect();
        let mut body = Map::new();
        body.insert("Backups".into(), Value::Array(backups));
        if count > 1 {
            body.insert(
                "NextToken".into(),
                json!(format!("{:032x}", mix(count as u64))),
            );
        }
        serde_json::to_vec(&Value::Object(body)).expect("a JSON value serializes")
    }

    /// [`describe_backups_body`](Self::describe_backups_body) with every object's members in
    /// the model's order (the documented examples, and so the other bodies, have their keys
    /// sorted).
    pub fn describe_backups_body_model_order(&self, count: usize) -> Result<Vec<u8>, String> {
        let path = project_root().join(MODEL);
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let model = smithy_codegen::model::load(&bytes).map_err(|e| e.to_string())?;
        let output = ShapeId::parse("com.amazonaws.fsx#DescribeBackupsResponse")
            .map_err(|e| e.to_string())?;
        let body: Value = serde_json::from_slice(&self.describe_backups_body(count))
            .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        write_in_model_order(&model, &output, &body, &mut out);
        Ok(out)
    }

    /// The `i`th backup of a generated body.
    pub fn backup_variant(&self, i: usize) -> Value {
        const LIFECYCLES: [&str; 6] = [
            "AVAILABLE",
            "AVAILABLE",
            "AVAILABLE",
            "COPYING",
            "CREATING",
            "TRANSFERRING",
        ];
        const TYPES: [&str; 3] = ["USER_INITIATED", "AUTOMATIC", "AWS_BACKUP"];
        const DEPLOYMENTS: [&str; 4] =
            ["PERSISTENT_1", "PERSISTENT_2", "SCRATCH_2", "PERSISTENT_1"];
        const REGIONS: [&str; 4] = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];
        const ENVIRONMENTS: [&str; 3] = ["production", "staging", "development"];
        const LOG_LEVELS: [&str; 3] = ["WARN_ERROR", "ERROR_ONLY", "WARN_ONLY"];

        let n = i as u64;
        let h = mix(n);
        let backup_id = format!("backup-{:017x}", h);
        let fs_id = format!("fs-{:017x}", mix(n / 7 + 1));
        let region = REGIONS[i % REGIONS.len()];
        let account = format!("{:012}", 123_456_789_012 + (n % 5));
        // Creation times a few minutes apart, with milliseconds, after the documented one.
        let millis = 1_617_954_808_068 + n * 187_391;
        let creation_time: f64 = format!("{}.{:03}", millis / 1000, millis % 1000)
            .parse()
            .expect("a decimal number");
        let lifecycle = LIFECYCLES[i % LIFECYCLES.len()];

        let mut backup = self.backup.clone();
        let b = backup
            .as_object_mut()
            .expect("the documented backup is an object");
        b.insert("BackupId".into(), json!(backup_id));
        b.insert("CreationTime".into(), json!(creation_time));
        b.insert("Lifecycle".into(), json!(lifecycle));
        b.insert("Type".into(), json!(TYPES[i % TYPES.len()]));
        b.insert("OwnerId".into(), json!(account));
        b.insert(
            "ResourceARN".into(),
            json!(format!("arn:aws:fsx:{region}:{account}:backup/{backup_id}")),
        );
        b.insert(
            "KmsKeyId".into(),
            json!(format!(
                "arn:aws:kms:{region}:{account}:key/{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
                h >> 32,
                (h >> 16) & 0xffff,
                h & 0xffff,
                (h >> 48) & 0xffff,
                mix(h) & 0xffff_ffff_ffff
            )),
        );
        b.insert(
            "ProgressPercent".into(),
            json!(if lifecycle == "AVAILABLE" {
                100
            } else {
                h % 100
            }),
        );
        b.insert("ResourceType".into(), json!("FILE_SYSTEM"));
        b.insert(
            "SizeInBytes".into(),
            json!(1_200_000_000_000u64 / 4 + h % 1_000_000_000_000),
        );
        if lifecycle == "COPYING" || i.is_multiple_of(5) {
            b.insert(
                "SourceBackupId".into(),
                json!(format!("backup-{:017x}", mix(h))),
            );
            b.insert(
                "SourceBackupRegion".into(),
                json!(REGIONS[(i + 1) % REGIONS.len()]),
            );
        }
        b.insert(
            "Tags".into(),
            json!([
                {"Key": "Name", "Value": format!("MyBackup-{i}")},
                {"Key": "Environment", "Value": ENVIRONMENTS[i % ENVIRONMENTS.len()]},
                {"Key": "CostCenter", "Value": format!("cc-{:04}", h % 10_000)},
            ]),
        );

        let fs = b["FileSystem"]
            .as_object_mut()
            .expect("the documented file system is an object");
        fs.insert("FileSystemId".into(), json!(fs_id));
        fs.insert("OwnerId".into(), json!(account));
        fs.insert(
            "CreationTime".into(),
            json!(creation_time.trunc() - 86_400.0 * (1 + n % 90) as f64),
        );
        fs.insert("Lifecycle".into(), json!("AVAILABLE"));
        fs.insert("StorageCapacity".into(), json!(1200 * (1 + h % 16)));
        fs.insert(
            "StorageType".into(),
            json!(if i % 4 == 3 { "HDD" } else { "SSD" }),
        );
        fs.insert(
            "ResourceARN".into(),
            json!(format!(
                "arn:aws:fsx:{region}:{account}:file-system/{fs_id}"
            )),
        );
        fs.insert(
            "DNSName".into(),
            json!(format!("{fs_id}.fsx.{region}.amazonaws.com")),
        );
        fs.insert("VpcId".into(), json!(format!("vpc-{:08x}", h >> 40)));
        fs.insert(
            "SubnetIds".into(),
            json!([format!("subnet-{:017x}", mix(h + 1))]),
        );
        fs.insert(
            "NetworkInterfaceIds".into(),
            json!([
                format!("eni-{:017x}", mix(h + 2)),
                format!("eni-{:017x}", mix(h + 3)),
            ]),
        );
        fs.insert("FileSystemTypeVersion".into(), json!("2.15"));

        let lustre = fs["LustreConfiguration"]
            .as_object_mut()
            .expect("the documented Lustre configuration is an object");
        lustre.insert("AutomaticBackupRetentionDays".into(), json!((h >> 8) % 36));
        lustre.insert(
            "DeploymentType".into(),
            json!(DEPLOYMENTS[i % DEPLOYMENTS.len()]),
        );
        lustre.insert(
            "PerUnitStorageThroughput".into(),
            json!([50, 100, 200][i % 3]),
        );
        lustre.insert(
            "WeeklyMaintenanceStartTime".into(),
            json!(format!("{}:{:02}:{:02}", 1 + i % 7, i % 24, (i * 5) % 60)),
        );
        lustre.insert(
            "DailyAutomaticBackupStartTime".into(),
            json!(format!("{:02}:{:02}", (i + 3) % 24, (i * 7) % 60)),
        );
        lustre.insert(
            "MountName".into(),
            json!(format!("{:08x}", (h >> 24) & 0xffff_ffff)),
        );
        lustre.insert("CopyTagsToBackups".into(), json!(i.is_multiple_of(2)));
        lustre.insert(
            "DataCompressionType".into(),
            json!(if i.is_multiple_of(3) { "NONE" } else { "LZ4" }),
        );
        lustre.insert(
            "LogConfiguration".into(),
            json!({ "Level": LOG_LEVELS[i % LOG_LEVELS.len()] }),
        );
        lustre.insert("EfaEnabled".into(), json!(false));
        lustre.insert(
            "RootSquashConfiguration".into(),
            json!({ "RootSquash": "65534:65534" }),
        );
        backup
    }

    /// The CopyBackup request of the benchmark: the documented input with a client request
    /// token, a KMS key, `CopyTags` and three tags.
    pub fn copy_backup_request(&self) -> CopyBackupRequest {
        let input = &self.copy_backup_input;
        CopyBackupRequest {
            client_request_token: "f4c94ed7-238d-4c46-93db-48cd62ec33b7".into(),
            source_backup_id: string(input, "SourceBackupId"),
            source_region: string(input, "SourceRegion"),
            kms_key_id:
                "arn:aws:kms:us-east-1:012345678912:key/d1234e22-543a-12b7-a98f-e12c2b54001a".into(),
            copy_tags: false,
            tags: vec![
                ("Name".into(), "MyBackup".into()),
                ("Environment".into(), "production".into()),
                ("CostCenter".into(), "cc-0042".into()),
            ],
        }
    }

    /// The CreateBackup request of the benchmark: the documented input (a file system and its
    /// `Name` tag) with a client request token and two more tags.
    pub fn create_backup_request(&self) -> CreateBackupRequest {
        let input = &self.create_backup_input;
        let mut tags: Vec<(String, String)> = input["Tags"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|tag| (string(tag, "Key"), string(tag, "Value")))
            .collect();
        tags.push(("Environment".into(), "production".into()));
        tags.push(("CostCenter".into(), "cc-0042".into()));
        CreateBackupRequest {
            file_system_id: string(input, "FileSystemId"),
            client_request_token: "f4c94ed7-238d-4c46-93db-48cd62ec33b7".into(),
            tags,
        }
    }
}

fn string(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

/// A 64-bit mixer (splitmix64's finalizer): varied, reproducible ids without a random source.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A CopyBackup request as plain data.
#[derive(Clone, Debug)]
pub struct CopyBackupRequest {
    pub client_request_token: String,
    pub source_backup_id: String,
    pub source_region: String,
    pub kms_key_id: String,
    pub copy_tags: bool,
    /// `(Key, Value)` pairs.
    pub tags: Vec<(String, String)>,
}

impl CopyBackupRequest {
    /// The generated crate's input.
    pub fn ours(&self) -> fsx::operation::copy_backup::CopyBackupInput {
        fsx::operation::copy_backup::CopyBackupInput::builder()
            .client_request_token(self.client_request_token.clone())
            .source_backup_id(self.source_backup_id.clone())
            .source_region(self.source_region.clone())
            .kms_key_id(self.kms_key_id.clone())
            .copy_tags(self.copy_tags)
            .set_tags(Some(ours_tags(&self.tags)))
            .build()
            .expect("an input's build() does not fail")
    }
}

/// A CreateBackup request as plain data.
#[derive(Clone, Debug)]
pub struct CreateBackupRequest {
    pub file_system_id: String,
    pub client_request_token: String,
    /// `(Key, Value)` pairs.
    pub tags: Vec<(String, String)>,
}

impl CreateBackupRequest {
    /// The generated crate's input.
    pub fn ours(&self) -> fsx::operation::create_backup::CreateBackupInput {
        fsx::operation::create_backup::CreateBackupInput::builder()
            .file_system_id(self.file_system_id.clone())
            .client_request_token(self.client_request_token.clone())
            .set_tags(Some(ours_tags(&self.tags)))
            .build()
            .expect("an input's build() does not fail")
    }
}

fn ours_tags(tags: &[(String, String)]) -> Vec<fsx::types::Tag> {
    tags.iter()
        .map(|(key, value)| {
            fsx::types::Tag::builder()
                .key(key.clone())
                .value(value.clone())
                .build()
        })
        .collect()
}

/// The request id the error response carries.
pub const REQUEST_ID: &str = "2b6c7bf4-1f5e-4e8a-9a8e-6a4c2d0e7f31";

/// A BackupNotFound error response as FSx sends it (awsJson 1.1): status 400, the error type in
/// the body's `__type`, the request id in `x-amzn-requestid`.
pub fn backup_not_found() -> (u16, Vec<(&'static str, &'static str)>, Vec<u8>) {
    (
        400,
        vec![
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amzn-requestid", REQUEST_ID),
        ],
        br#"{"__type":"BackupNotFound","Message":"Backup backup-0a3364eded1014b28 does not exist."}"#
            .to_vec(),
    )
}

/// The headers of a successful response.
pub fn ok_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("content-type", "application/x-amz-json-1.1"),
        ("x-amzn-requestid", REQUEST_ID),
    ]
}

/// Writes `value` (of shape `shape`) as compact JSON, structures' members in model order.
fn write_in_model_order(model: &Model, shape: &ShapeId, value: &Value, out: &mut Vec<u8>) {
    match (&model.expect(shape).kind, value) {
        (ShapeKind::Structure(members), Value::Object(object)) => {
            out.push(b'{');
            let mut first = true;
            for member in members {
                if let Some(v) = object.get(member.name()) {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    serde_json::to_writer(&mut *out, member.name()).expect("a string writes");
                    out.push(b':');
                    write_in_model_order(model, &member.target, v, out);
                }
            }
            out.push(b'}');
        }
        (ShapeKind::List(member), Value::Array(items)) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_in_model_order(model, &member.target, item, out);
            }
            out.push(b']');
        }
        _ => serde_json::to_writer(&mut *out, value).expect("a value writes"),
    }
}
