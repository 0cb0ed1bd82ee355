//! The committed FSx crate (`generated/`, package `fsx`) on the wire, tested as a user of the
//! crate would: requests built from inputs, responses read into outputs and errors, for all six
//! backup operations, following the awsJson 1.1 protocol.
//!
//! - requests: envelope (`POST /`, headers, `Content-Length`), bodies as JSON, idempotency
//!   tokens, set zeros / `false` / empty strings and lists written, `None` left out;
//! - responses: a documented backup, exact epoch-second timestamps, forward compatibility
//!   (unknown enum values and members), nulls, empty bodies, wrong JSON types;
//! - errors: every modeled error of every operation, in every form the protocol allows, the
//!   unhandled variant, unreadable bodies, conversion into the service-wide `fsx::Error`;
//! - robustness: truncated and corrupted bodies, deep nesting, huge bodies: never a panic.

use std::error::Error as _;
use std::panic::{catch_unwind, AssertUnwindSafe};

use fsx::operation::copy_backup::{
    self, CopyBackup, CopyBackupError, CopyBackupInput, CopyBackupOutput,
};
use fsx::operation::create_backup::{self, CreateBackup, CreateBackupError, CreateBackupInput};
use fsx::operation::create_file_system_from_backup::{
    self as create_fs, CreateFileSystemFromBackup, CreateFileSystemFromBackupError,
    CreateFileSystemFromBackupInput,
};
use fsx::operation::create_volume_from_backup::{
    self as create_volume, CreateVolumeFromBackup, CreateVolumeFromBackupError,
    CreateVolumeFromBackupInput,
};
use fsx::operation::delete_backup::{self, DeleteBackup, DeleteBackupError, DeleteBackupInput};
use fsx::operation::describe_backups::{
    self, DescribeBackups, DescribeBackupsError, DescribeBackupsInput,
};
use fsx::operation::Operation;
use fsx::types::{
    Backup, BackupLifecycle, BackupType, CreateFileSystemLustreConfiguration,
    CreateFileSystemOpenZfsConfiguration, CreateOntapVolumeConfiguration, FileSystemType, Filter,
    FilterName, LustreDeploymentType, OpenZfsDeploymentType, ResourceType, SecurityStyle,
    StorageType, Tag, TieringPolicy, TieringPolicyName,
};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const REQUEST_ID: &str = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap()
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build()
}

fn body_text(request: &http::Request<Vec<u8>>) -> &str {
    std::str::from_utf8(request.body()).expect("request bodies are UTF-8")
}

fn body_json(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).expect("request bodies are JSON")
}

/// `POST /`, exactly the three awsJson 1.1 headers, and a `Content-Length` that is the body's.
fn assert_envelope(request: &http::Request<Vec<u8>>, operation: &str) {
    assert_eq!(request.method(), http::Method::POST, "{operation}");
    assert_eq!(request.uri(), "/", "{operation}");
    let headers = request.headers();
    assert_eq!(headers.len(), 3, "{operation}: {headers:?}");
    assert_eq!(
        headers["content-type"], "application/x-amz-json-1.1",
        "{operation}"
    );
    assert_eq!(
        headers["x-amz-target"],
        format!("AWSSimbaAPIService_v20180301.{operation}").as_str(),
    );
    assert_eq!(
        headers["content-length"],
        request.body().len().to_string().as_str(),
        "{operation}"
    );
    assert!(!request.body().is_empty(), "{operation}");
}

/// A random (version 4, RFC 4122 variant) UUID in its canonical lowercase form.
fn assert_uuid_v4(token: &str) {
    let bytes = token.as_bytes();
    assert_eq!(bytes.len(), 36, "{token}");
    for (i, &b) in bytes.iter().enumerate() {
        if [8, 13, 18, 23].contains(&i) {
            assert_eq!(b, b'-', "{token}");
        } else {
            assert!(
                b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
                "{token}: byte {i}"
            );
        }
    }
    assert_eq!(bytes[14], b'4', "{token}: version");
    assert!(b"89ab".contains(&bytes[19]), "{token}: variant");
}

/// The `ClientRequestToken` of a request body.
fn token_of(request: &http::Request<Vec<u8>>) -> String {
    body_json(request)["ClientRequestToken"]
        .as_str()
        .expect("a ClientRequestToken string")
        .to_owned()
}

/// An unset token is filled with a fresh UUID v4 (a different one per request, the input left
/// as it was); a set one, even an empty one, is sent as is.
fn check_idempotency_token<O: Operation>(
    unset: O::Input,
    set: impl Fn(&str) -> O::Input,
    token: impl Fn(&O::Input) -> Option<&String>,
) where
    O::Input: Clone + PartialEq + std::fmt::Debug,
{
    let before = unset.clone();
    let first = O::request(&unset).unwrap();
    let second = O::request(&unset).unwrap();
    assert_eq!(unset, before, "{}: the input is not changed", O::NAME);
    assert_eq!(token(&unset), None);
    let (a, b) = (token_of(&first), token_of(&second));
    assert_uuid_v4(&a);
    assert_uuid_v4(&b);
    assert_ne!(a, b, "{}: every request gets a fresh token", O::NAME);
    assert_envelope(&first, O::NAME);
    // The rest of the body is the same.
    let (mut x, mut y) = (body_json(&first), body_json(&second));
    x.as_object_mut().unwrap().remove("ClientRequestToken");
    y.as_object_mut().unwrap().remove("ClientRequestToken");
    assert_eq!(x, y);

    for kept in ["my-token-1", ""] {
        let request = O::request(&set(kept)).unwrap();
        assert_eq!(token_of(&request), kept, "{}", O::NAME);
    }
}

/// What every operation error (and `fsx::Error`) offers, so that one set of checks covers all.
trait ErrorView: std::error::Error + Into<fsx::Error> + 'static {
    fn code(&self) -> Option<&str>;
    fn message(&self) -> Option<&str>;
    fn request_id(&self) -> Option<&str>;
    fn meta(&self) -> &fsx::error::ErrorMetadata;
    fn is_unhandled(&self) -> bool;
}

macro_rules! error_view {
    ($($error:ty),* $(,)?) => {$(
        impl ErrorView for $error {
            fn code(&self) -> Option<&str> { <$error>::code(self) }
            fn message(&self) -> Option<&str> { <$error>::message(self) }
            fn request_id(&self) -> Option<&str> { <$error>::request_id(self) }
            fn meta(&self) -> &fsx::error::ErrorMetadata { <$error>::meta(self) }
            fn is_unhandled(&self) -> bool { <$error>::is_unhandled(self) }
        }
    )*};
}

error_view!(
    CopyBackupError,
    CreateBackupError,
    CreateFileSystemFromBackupError,
    CreateVolumeFromBackupError,
    DeleteBackupError,
    DescribeBackupsError,
    fsx::Error,
);

/// One modeled error of an operation: its code and its `is_*` checks on the operation's error
/// and on the service-wide error.
struct Modeled<E> {
    code: &'static str,
    is: fn(&E) -> bool,
    is_service: fn(&fsx::Error) -> bool,
}

macro_rules! modeled {
    ($error:ty: $($code:literal => $is:ident),* $(,)?) => {
        vec![$(Modeled::<$error> {
            code: $code,
            is: <$error>::$is,
            is_service: fsx::Error::$is,
        }),*]
    };
}

/// Every error of the service these operations can return (the union of their `errors`).
const SERVICE_ERRORS: [&str; 22] = [
    "ActiveDirectoryError",
    "BackupBeingCopied",
    "BackupInProgress",
    "BackupNotFound",
    "BackupRestoring",
    "BadRequest",
    "FileSystemNotFound",
    "IncompatibleParameterError",
    "IncompatibleRegionForMultiAZ",
    "InternalServerError",
    "InvalidDestinationKmsKey",
    "InvalidNetworkSettings",
    "InvalidPerUnitStorageThroughput",
    "InvalidRegion",
    "InvalidSourceKmsKey",
    "MissingFileSystemConfiguration",
    "MissingVolumeConfiguration",
    "ServiceLimitExceeded",
    "SourceBackupUnavailable",
    "StorageVirtualMachineNotFound",
    "UnsupportedOperation",
    "VolumeNotFound",
];

/// The error codes the model lists for an operation, read from the model itself (so that the
/// tables below cannot drift from it).
fn model_errors(operation: &str) -> Vec<String> {
    let path = tests::project_root().join(xtask::inputs::FSX_MODEL);
    let model: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let shape = &model["shapes"][format!("com.amazonaws.fsx#{operation}")];
    let mut codes: Vec<String> = shape["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("{operation} has errors"))
        .iter()
        .map(|e| {
            let target = e["target"].as_str().unwrap();
            target.rsplit('#').next().unwrap().to_owned()
        })
        .collect();
    codes.sort();
    codes
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

#[test]
fn every_operation_knows_its_name_and_target() {
    fn check<O: Operation>(name: &str) {
        assert_eq!(O::NAME, name);
        assert_eq!(O::TARGET, format!("AWSSimbaAPIService_v20180301.{name}"));
    }
    check::<CopyBackup>("CopyBackup");
    check::<CreateBackup>("CreateBackup");
    check::<CreateFileSystemFromBackup>("CreateFileSystemFromBackup");
    check::<CreateVolumeFromBackup>("CreateVolumeFromBackup");
    check::<DeleteBackup>("DeleteBackup");
    check::<DescribeBackups>("DescribeBackups");
}

#[test]
fn copy_backup_request() {
    // The documented example: only the source backup and Region; the token is filled in.
    let input = CopyBackupInput::builder()
        .source_backup_id("backup-03e3c82e0183b7b6b")
        .source_region("us-east-2")
        .build()
        .unwrap();
    let request = copy_backup::request(&input).unwrap();
    assert_envelope(&request, "CopyBackup");
    let token = token_of(&request);
    assert_uuid_v4(&token);
    assert_eq!(
        body_json(&request),
        json!({
            "ClientRequestToken": token,
            "SourceBackupId": "backup-03e3c82e0183b7b6b",
            "SourceRegion": "us-east-2",
        })
    );

    // Everything set, with `false`, an empty string and an empty list.
    let input = CopyBackupInput::builder()
        .client_request_token("token-1")
        .source_backup_id("backup-1")
        .source_region("eu-west-1")
        .kms_key_id("")
        .copy_tags(false)
        .set_tags(Some(vec![]))
        .build()
        .unwrap();
    let request = copy_backup::request(&input).unwrap();
    assert_envelope(&request, "CopyBackup");
    assert_eq!(
        body_json(&request),
        json!({
            "ClientRequestToken": "token-1",
            "SourceBackupId": "backup-1",
            "SourceRegion": "eu-west-1",
            "KmsKeyId": "",
            "CopyTags": false,
            "Tags": [],
        })
    );
    // The trait's request is the module's.
    assert_eq!(CopyBackup::request(&input).unwrap().body(), request.body());
}

#[test]
fn create_backup_request() {
    let input = CreateBackupInput::builder()
        .file_system_id("fs-0498eed5fe91001ec")
        .client_request_token("token-2")
        .tags(tag("Name", "MyBackup"))
        .tags(tag("empty", ""))
        .build()
        .unwrap();
    let request = create_backup::request(&input).unwrap();
    assert_envelope(&request, "CreateBackup");
    assert_eq!(
        body_json(&request),
        json!({
            "FileSystemId": "fs-0498eed5fe91001ec",
            "ClientRequestToken": "token-2",
            "Tags": [{"Key": "Name", "Value": "MyBackup"}, {"Key": "empty", "Value": ""}],
        })
    );

    // A volume backup; strings with characters JSON must escape.
    let input = CreateBackupInput::builder()
        .volume_id("fsvol-1")
        .client_request_token("quote \" backslash \\ newline \n tab \t control \u{1} é 🙂")
        .build()
        .unwrap();
    let request = create_backup::request(&input).unwrap();
    assert_envelope(&request, "CreateBackup");
    assert_eq!(
        body_json(&request),
        json!({
            "ClientRequestToken": "quote \" backslash \\ newline \n tab \t control \u{1} é 🙂",
            "VolumeId": "fsvol-1",
        })
    );
}

#[test]
fn create_file_system_from_backup_request() {
    let lustre = CreateFileSystemLustreConfiguration::builder()
        .weekly_maintenance_start_time("1:05:00")
        .import_path("")
        .deployment_type(LustreDeploymentType::Persistent1)
        .per_unit_storage_throughput(50)
        .automatic_backup_retention_days(0)
        .copy_tags_to_backups(false)
        .build();
    let open_zfs = CreateFileSystemOpenZfsConfiguration::builder()
        .deployment_type(OpenZfsDeploymentType::SingleAz1)
        .throughput_capacity(0)
        .copy_tags_to_volumes(false)
        .set_route_table_ids(Some(vec![]))
        .build();
    let input = CreateFileSystemFromBackupInput::builder()
        .backup_id("backup-03e3c82e0183b7b6b")
        .client_request_token("token-3")
        .subnet_ids("subnet-1")
        .subnet_ids("subnet-2")
        .set_security_group_ids(Some(vec![]))
        .set_tags(Some(vec![]))
        .lustre_configuration(lustre)
        .storage_type(StorageType::Ssd)
        .kms_key_id("")
        .open_zfs_configuration(open_zfs)
        .storage_capacity(0)
        .build()
        .unwrap();
    let request = create_fs::request(&input).unwrap();
    assert_envelope(&request, "CreateFileSystemFromBackup");
    assert_eq!(
        body_json(&request),
        json!({
            "BackupId": "backup-03e3c82e0183b7b6b",
            "ClientRequestToken": "token-3",
            "SubnetIds": ["subnet-1", "subnet-2"],
            "SecurityGroupIds": [],
            "Tags": [],
            "LustreConfiguration": {
                "WeeklyMaintenanceStartTime": "1:05:00",
                "ImportPath": "",
                "DeploymentType": "PERSISTENT_1",
                "PerUnitStorageThroughput": 50,
                "AutomaticBackupRetentionDays": 0,
                "CopyTagsToBackups": false,
            },
            "StorageType": "SSD",
            "KmsKeyId": "",
            "OpenZFSConfiguration": {
                "CopyTagsToVolumes": false,
                "DeploymentType": "SINGLE_AZ_1",
                "ThroughputCapacity": 0,
                "RouteTableIds": [],
            },
            "StorageCapacity": 0,
        })
    );
    // Member names are the model's, acronyms and all (`OpenZFSConfiguration`, not
    // `OpenZfsConfiguration`).
    assert!(body_text(&request).contains(r#""OpenZFSConfiguration":{"#));
    assert!(body_text(&request).contains(r#""AutomaticBackupRetentionDays":0"#));
}

#[test]
fn create_volume_from_backup_request() {
    let ontap = CreateOntapVolumeConfiguration::builder()
        .storage_virtual_machine_id("svm-1")
        .junction_path("")
        .security_style(SecurityStyle::Unix)
        .storage_efficiency_enabled(false)
        .tiering_policy(
            TieringPolicy::builder()
                .cooling_period(0)
                .name(TieringPolicyName::None)
                .build(),
        )
        .size_in_bytes(0)
        .build();
    let input = CreateVolumeFromBackupInput::builder()
        .backup_id("backup-1")
        .client_request_token("token-4")
        .name("vol1")
        .ontap_configuration(ontap)
        .tags(tag("k", "v"))
        .build()
        .unwrap();
    let request = create_volume::request(&input).unwrap();
    assert_envelope(&request, "CreateVolumeFromBackup");
    assert_eq!(
        body_json(&request),
        json!({
            "BackupId": "backup-1",
            "ClientRequestToken": "token-4",
            "Name": "vol1",
            "OntapConfiguration": {
                "JunctionPath": "",
                "SecurityStyle": "UNIX",
                "StorageEfficiencyEnabled": false,
                "StorageVirtualMachineId": "svm-1",
                "TieringPolicy": {"CoolingPeriod": 0, "Name": "NONE"},
                "SizeInBytes": 0,
            },
            "Tags": [{"Key": "k", "Value": "v"}],
        })
    );
}

#[test]
fn delete_backup_request() {
    let input = DeleteBackupInput::builder()
        .backup_id("backup-03e3c82e0183b7b6b")
        .client_request_token("token-5")
        .build()
        .unwrap();
    let request = delete_backup::request(&input).unwrap();
    assert_envelope(&request, "DeleteBackup");
    assert_eq!(
        body_text(&request),
        r#"{"BackupId":"backup-03e3c82e0183b7b6b","ClientRequestToken":"token-5"}"#
    );
}

#[test]
fn describe_backups_request() {
    // Nothing set: the body is `{}`.
    let request =
        describe_backups::request(&DescribeBackupsInput::builder().build().unwrap()).unwrap();
    assert_envelope(&request, "DescribeBackups");
    assert_eq!(request.body(), b"{}");
    assert_eq!(request.headers()["content-length"], "2");

    // Zero, empty string, empty list; an enum value this crate does not know is sent as is.
    let input = DescribeBackupsInput::builder()
        .set_backup_ids(Some(vec![]))
        .filters(
            Filter::builder()
                .name(FilterName::FileSystemId)
                .values("fs-1")
                .values("")
                .build(),
        )
        .filters(
            Filter::builder()
                .name(FilterName::from("future-filter"))
                .set_values(Some(vec![]))
                .build(),
        )
        .max_results(0)
        .next_token("")
        .build()
        .unwrap();
    let request = describe_backups::request(&input).unwrap();
    assert_envelope(&request, "DescribeBackups");
    assert_eq!(
        body_json(&request),
        json!({
            "BackupIds": [],
            "Filters": [
                {"Name": "file-system-id", "Values": ["fs-1", ""]},
                {"Name": "future-filter", "Values": []},
            ],
            "MaxResults": 0,
            "NextToken": "",
        })
    );
    // DescribeBackups has no idempotency token: nothing is added.
    assert!(!body_text(&request).contains("ClientRequestToken"));
}

#[test]
fn unset_idempotency_tokens_are_fresh_uuids_and_set_ones_are_kept() {
    check_idempotency_token::<CopyBackup>(
        CopyBackupInput::builder()
            .source_backup_id("backup-1")
            .build()
            .unwrap(),
        |t| {
            CopyBackupInput::builder()
                .source_backup_id("backup-1")
                .client_request_token(t)
                .build()
                .unwrap()
        },
        |i| i.client_request_token.as_ref(),
    );
    check_idempotency_token::<CreateBackup>(
        CreateBackupInput::builder()
            .file_system_id("fs-1")
            .build()
            .unwrap(),
        |t| {
            CreateBackupInput::builder()
                .file_system_id("fs-1")
                .client_request_token(t)
                .build()
                .unwrap()
        },
        |i| i.client_request_token.as_ref(),
    );
    check_idempotency_token::<CreateFileSystemFromBackup>(
        CreateFileSystemFromBackupInput::builder()
            .backup_id("backup-1")
            .subnet_ids("subnet-1")
            .build()
            .unwrap(),
        |t| {
            CreateFileSystemFromBackupInput::builder()
                .backup_id("backup-1")
                .subnet_ids("subnet-1")
                .client_request_token(t)
                .build()
                .unwrap()
        },
        |i| i.client_request_token.as_ref(),
    );
    check_idempotency_token::<CreateVolumeFromBackup>(
        CreateVolumeFromBackupInput::builder()
            .backup_id("backup-1")
            .name("vol1")
            .build()
            .unwrap(),
        |t| {
            CreateVolumeFromBackupInput::builder()
                .backup_id("backup-1")
                .name("vol1")
                .client_request_token(t)
                .build()
                .unwrap()
        },
        |i| i.client_request_token.as_ref(),
    );
    check_idempotency_token::<DeleteBackup>(
        DeleteBackupInput::builder()
            .backup_id("backup-1")
            .build()
            .unwrap(),
        |t| {
            DeleteBackupInput::builder()
                .backup_id("backup-1")
                .client_request_token(t)
                .build()
                .unwrap()
        },
        |i| i.client_request_token.as_ref(),
    );
}

/// A retry must resend the token of the first attempt (or the service acts twice): requests
/// built from `with_idempotency_tokens()` all carry the one token it filled; a token already
/// set is kept.
#[test]
fn retries_keep_the_idempotency_token_of_the_first_attempt() {
    let input = CreateBackupInput::builder()
        .file_system_id("fs-1")
        .build()
        .unwrap()
        .with_idempotency_tokens();
    let token = input.client_request_token().expect("filled").to_owned();
    assert_uuid_v4(&token);
    let attempts: Vec<String> = (0..3)
        .map(|_| token_of(&create_backup::request(&input).unwrap()))
        .collect();
    assert_eq!(attempts, [token.clone(), token.clone(), token]);

    let set = DeleteBackupInput::builder()
        .backup_id("backup-1")
        .client_request_token("mine")
        .build()
        .unwrap()
        .with_idempotency_tokens();
    assert_eq!(set.client_request_token(), Some("mine"));
}

#[test]
fn builders_take_what_the_wire_allows() {
    // `build()` checks no constraint: a missing required member is the service's to report.
    let input = CopyBackupInput::builder().build().unwrap();
    assert_eq!(input.source_backup_id(), None);
    let request = copy_backup::request(&input).unwrap();
    assert!(!body_text(&request).contains("SourceBackupId"));

    // Outputs and the structures inside them build without `?`, required members or not.
    let backup: Backup = Backup::builder().backup_id("backup-1").build();
    assert_eq!(backup.backup_id(), Some("backup-1"));
    assert_eq!(backup.lifecycle(), None);
    assert!(backup.tags().is_empty());
    let output: CopyBackupOutput = CopyBackupOutput::builder().backup(backup.clone()).build();
    assert_eq!(output.backup(), Some(&backup));

    // A list setter appends, `set_` replaces, `get_` reads what is set.
    let builder = Backup::builder().tags(tag("a", "1")).tags(tag("b", "2"));
    assert_eq!(builder.get_tags().as_deref().map(<[Tag]>::len), Some(2));
    let backup = builder.set_tags(Some(vec![tag("c", "3")])).build();
    assert_eq!(backup.tags(), [tag("c", "3")]);
    assert_eq!(backup.tags()[0].key(), Some("c"));
    let cleared = Backup::builder().set_tags(None).build();
    assert_eq!(cleared.tags, None);
    assert!(cleared.tags().is_empty());
}

#[test]
fn validate_checks_fsx_constraints_only_when_asked() {
    // The documented CopyBackup input is valid.
    let valid = CopyBackupInput::builder()
        .source_backup_id("backup-03e3c82e0183b7b6b")
        .source_region("us-east-2")
        .build()
        .unwrap();
    assert_eq!(valid.validate(), Ok(()));

    // FSx's own constraints: SourceBackupId is required (length 12 to 128, pattern
    // `^(backup-[0-9a-f]{8,})$`), Tags has 1 to 50 elements, a tag's Key 1 to 128 characters.
    let err = CopyBackupInput::builder()
        .build()
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "CopyBackupInput is invalid (1 problem): SourceBackupId: required, but not set"
    );
    let input = CopyBackupInput::builder()
        .source_backup_id("backup-XYZ")
        .set_tags(Some(vec![]))
        .build()
        .unwrap();
    let found: Vec<String> = input
        .validate()
        .unwrap_err()
        .violations()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "SourceBackupId: length 10 is not between 12 and 128",
            "SourceBackupId: does not match the pattern ^(backup-[0-9a-f]{8,})$",
            "Tags: length 0 is not between 1 and 50",
        ]
    );
    let input = CreateBackupInput::builder()
        .file_system_id("fs-0498eed5fe91001ec")
        .tags(tag("", "v"))
        .tags(tag(&"k".repeat(129), "v"))
        .build()
        .unwrap();
    let err = input.validate().unwrap_err();
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["Tags[0].Key", "Tags[1].Key"]);

    // An invalid input is still sent as it is: the service decides.
    let request = copy_backup::request(&input_with_bad_id()).unwrap();
    assert!(body_text(&request).contains(r#""SourceBackupId":"not-a-backup-id""#));
}

fn input_with_bad_id() -> CopyBackupInput {
    CopyBackupInput::builder()
        .source_backup_id("not-a-backup-id")
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/// The output of CopyBackup's documented example.
const COPY_BACKUP_EXAMPLE: &str = r#"{
    "Backup": {
        "BackupId": "backup-0a3364eded1014b28",
        "OwnerId": "123456789012",
        "Lifecycle": "COPYING",
        "Type": "USER_INITIATED",
        "CreationTime": 1617954808.068,
        "KmsKeyId": "arn:aws:fsx:us-east-1:012345678912:key/d1234e22-543a-12b7-a98f-e12c2b54001a",
        "ResourceARN": "arn:aws:fsx:us-east-1:012345678912:backup/backup-0a3364eded1014b28",
        "Tags": [{"Key": "Name", "Value": "MyBackup"}],
        "FileSystem": {
            "FileSystemId": "fs-0498eed5fe91001ec",
            "FileSystemType": "LUSTRE",
            "StorageCapacity": 2400,
            "StorageType": "SSD",
            "ResourceARN": "arn:aws:fsx:us-east-1:012345678912:file-system/fs-0f5179e395f597e66",
            "LustreConfiguration": {
                "WeeklyMaintenanceStartTime": "1:05:00",
                "DeploymentType": "PERSISTENT_1",
                "PerUnitStorageThroughput": 50,
                "AutomaticBackupRetentionDays": 0
            }
        }
    }
}"#;

/// A volume backup, as CreateBackup returns it.
const CREATE_BACKUP_BODY: &str = r#"{"Backup":{"BackupId":"backup-1","Lifecycle":"CREATING","FailureDetails":{"Message":""},"Type":"USER_INITIATED","ProgressPercent":0,"CreationTime":1617954808,"ResourceARN":"arn:aws:fsx:us-east-1:123456789012:backup/backup-1","Tags":[],"DirectoryInformation":{"DomainName":"corp.example.com","ActiveDirectoryId":"d-1234567890"},"OwnerId":"123456789012","ResourceType":"VOLUME","Volume":{"CreationTime":1617954808.5,"FileSystemId":"fs-1","Lifecycle":"AVAILABLE","Name":"vol1","VolumeId":"fsvol-1","VolumeType":"ONTAP"},"SizeInBytes":0}}"#;

/// A Windows file system, as CreateFileSystemFromBackup returns it.
const CREATE_FILE_SYSTEM_BODY: &str = r#"{"FileSystem":{"OwnerId":"123456789012","CreationTime":1481841524,"FileSystemId":"fs-0498eed5fe91001ec","FileSystemType":"WINDOWS","Lifecycle":"CREATING","StorageCapacity":300,"StorageType":"HDD","VpcId":"vpc-1","SubnetIds":["subnet-1"],"NetworkInterfaceIds":[],"DNSName":"fs-1.corp.example.com","KmsKeyId":"key","ResourceARN":"arn:aws:fsx:us-east-1:123456789012:file-system/fs-1","Tags":[{"Key":"Name","Value":"MyFileSystem"}],"WindowsConfiguration":{"ActiveDirectoryId":"d-1234567890","DeploymentType":"SINGLE_AZ_1","ThroughputCapacity":8,"MaintenanceOperationsInProgress":["PATCHING"],"WeeklyMaintenanceStartTime":"1:05:00","DailyAutomaticBackupStartTime":"05:00","AutomaticBackupRetentionDays":0,"CopyTagsToBackups":false,"Aliases":[]},"AdministrativeActions":[{"AdministrativeActionType":"FILE_SYSTEM_UPDATE","ProgressPercent":10,"RequestTime":-1.5,"Status":"IN_PROGRESS","TargetFileSystemValues":{"StorageCapacity":600},"TotalTransferBytes":9007199254740993}]}}"#;

/// An ONTAP volume, as CreateVolumeFromBackup returns it.
const CREATE_VOLUME_BODY: &str = r#"{"Volume":{"CreationTime":1617954808.068,"FileSystemId":"fs-1","Lifecycle":"CREATING","Name":"vol1","OntapConfiguration":{"FlexCacheEndpointType":"NONE","JunctionPath":"/vol1","SecurityStyle":"UNIX","SizeInMegabytes":1024,"StorageEfficiencyEnabled":true,"StorageVirtualMachineId":"svm-1","StorageVirtualMachineRoot":false,"TieringPolicy":{"CoolingPeriod":31,"Name":"AUTO"},"UUID":"00000000-0000-0000-0000-000000000000","OntapVolumeType":"RW","SizeInBytes":1073741824},"ResourceARN":"arn:aws:fsx:us-east-1:123456789012:volume/fs-1/fsvol-1","Tags":[],"VolumeId":"fsvol-1","VolumeType":"ONTAP"}}"#;

/// The output of DeleteBackup's documented example.
const DELETE_BACKUP_BODY: &str = r#"{"BackupId":"backup-03e3c82e0183b7b6b","Lifecycle":"DELETED"}"#;

/// A page of DescribeBackups.
const DESCRIBE_BACKUPS_BODY: &str = r#"{"Backups":[{"BackupId":"backup-1","Lifecycle":"AVAILABLE","Type":"AUTOMATIC","CreationTime":1617954808.068,"FileSystem":{"FileSystemId":"fs-1","FileSystemType":"LUSTRE","StorageCapacity":1200,"LustreConfiguration":{"DeploymentType":"SCRATCH_2","DataRepositoryConfiguration":{"Lifecycle":"AVAILABLE","ImportPath":"s3://bucket","ImportedFileChunkSize":1024}}},"SizeInBytes":9223372036854775807},{"BackupId":"backup-2","Lifecycle":"FAILED","Type":"AWS_BACKUP","FailureDetails":{"Message":"failed"},"ResourceType":"FILE_SYSTEM"}],"NextToken":"token-abc"}"#;

/// Parses `body` as a success response of `O` and checks that writing the output back gives
/// the same JSON (so every member of the body is modeled, named and typed as the model says).
fn round_trip<O: Operation>(body: &str) -> O::Output {
    let output = O::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes())
        .unwrap_or_else(|e| panic!("{}: {e}", O::NAME));
    let written = fsx::json::to_vec(&output).unwrap();
    let expected: Value = serde_json::from_str(body).unwrap();
    let actual: Value = serde_json::from_slice(&written).unwrap();
    assert_eq!(actual, expected, "{}", O::NAME);
    // Reading what was written gives the same output again.
    let again: O::Output = fsx::json::from_slice(&written).unwrap();
    let rewritten = fsx::json::to_vec(&again).unwrap();
    assert_eq!(rewritten, written, "{}", O::NAME);
    output
}

#[test]
fn documented_backup_parses() {
    let output = round_trip::<CopyBackup>(COPY_BACKUP_EXAMPLE);
    let backup = output.backup.expect("Backup");
    assert_eq!(
        backup.backup_id.as_deref(),
        Some("backup-0a3364eded1014b28")
    );
    assert_eq!(backup.owner_id.as_deref(), Some("123456789012"));
    assert_eq!(backup.lifecycle, Some(BackupLifecycle::Copying));
    assert_eq!(backup.r#type, Some(BackupType::UserInitiated));
    let created = backup.creation_time.expect("CreationTime");
    assert_eq!(
        (created.secs(), created.subsec_nanos()),
        (1617954808, 68_000_000)
    );
    assert_eq!(
        backup.kms_key_id.as_deref(),
        Some("arn:aws:fsx:us-east-1:012345678912:key/d1234e22-543a-12b7-a98f-e12c2b54001a")
    );
    assert_eq!(
        backup.resource_arn.as_deref(),
        Some("arn:aws:fsx:us-east-1:012345678912:backup/backup-0a3364eded1014b28")
    );
    assert_eq!(backup.tags, Some(vec![tag("Name", "MyBackup")]));
    assert_eq!(backup.progress_percent, None);
    assert_eq!(backup.volume, None);
    let fs = backup.file_system.expect("FileSystem");
    assert_eq!(fs.file_system_id.as_deref(), Some("fs-0498eed5fe91001ec"));
    assert_eq!(fs.file_system_type, Some(FileSystemType::Lustre));
    assert_eq!(fs.storage_capacity, Some(2400));
    assert_eq!(fs.storage_type, Some(StorageType::Ssd));
    assert_eq!(fs.creation_time, None);
    let lustre = fs.lustre_configuration.expect("LustreConfiguration");
    assert_eq!(
        lustre.weekly_maintenance_start_time.as_deref(),
        Some("1:05:00")
    );
    assert_eq!(
        lustre.deployment_type,
        Some(LustreDeploymentType::Persistent1)
    );
    assert_eq!(lustre.per_unit_storage_throughput, Some(50));
    assert_eq!(lustre.automatic_backup_retention_days, Some(0));
    assert_eq!(lustre.copy_tags_to_backups, None);

    // The timestamp is written back exactly.
    let written = fsx::json::to_vec(
        &CopyBackup::response(
            StatusCode::OK,
            &HeaderMap::new(),
            COPY_BACKUP_EXAMPLE.as_bytes(),
        )
        .unwrap(),
    )
    .unwrap();
    let written = String::from_utf8(written).unwrap();
    assert!(
        written.contains(r#""CreationTime":1617954808.068,"#),
        "{written}"
    );
}

#[test]
fn every_operation_reads_its_documented_looking_output() {
    let output = round_trip::<CreateBackup>(CREATE_BACKUP_BODY);
    let backup = output.backup.unwrap();
    assert_eq!(backup.resource_type, Some(ResourceType::Volume));
    assert_eq!(backup.progress_percent, Some(0));
    assert_eq!(backup.size_in_bytes, Some(0));
    assert_eq!(backup.tags, Some(vec![]));
    assert_eq!(backup.failure_details.unwrap().message.as_deref(), Some(""));
    let volume = backup.volume.unwrap();
    let created = volume.creation_time.unwrap();
    assert_eq!(
        (created.secs(), created.subsec_nanos()),
        (1617954808, 500_000_000)
    );

    let output = round_trip::<CreateFileSystemFromBackup>(CREATE_FILE_SYSTEM_BODY);
    let fs = output.file_system.unwrap();
    assert_eq!(fs.file_system_type, Some(FileSystemType::Windows));
    assert_eq!(fs.dns_name.as_deref(), Some("fs-1.corp.example.com"));
    assert_eq!(fs.network_interface_ids, Some(vec![]));
    let windows = fs.windows_configuration.unwrap();
    assert_eq!(windows.automatic_backup_retention_days, Some(0));
    assert_eq!(windows.copy_tags_to_backups, Some(false));
    assert_eq!(windows.aliases, Some(vec![]));
    let actions = fs.administrative_actions.unwrap();
    // Before the epoch: -1.5 s is 2 s before it plus half a second.
    let requested = actions[0].request_time.unwrap();
    assert_eq!(
        (requested.secs(), requested.subsec_nanos()),
        (-2, 500_000_000)
    );
    // A long beyond 2^53 is not rounded through a double.
    assert_eq!(actions[0].total_transfer_bytes, Some(9007199254740993));
    assert_eq!(
        actions[0]
            .target_file_system_values
            .as_ref()
            .unwrap()
            .storage_capacity,
        Some(600)
    );

    let output = round_trip::<CreateVolumeFromBackup>(CREATE_VOLUME_BODY);
    let ontap = output.volume.unwrap().ontap_configuration.unwrap();
    assert_eq!(
        ontap.uuid.as_deref(),
        Some("00000000-0000-0000-0000-000000000000")
    );
    assert_eq!(ontap.storage_virtual_machine_root, Some(false));
    assert_eq!(ontap.size_in_bytes, Some(1073741824));

    let output = round_trip::<DeleteBackup>(DELETE_BACKUP_BODY);
    assert_eq!(
        output.backup_id.as_deref(),
        Some("backup-03e3c82e0183b7b6b")
    );
    assert_eq!(output.lifecycle, Some(BackupLifecycle::Deleted));

    let output = round_trip::<DescribeBackups>(DESCRIBE_BACKUPS_BODY);
    let backups = output.backups.unwrap();
    assert_eq!(backups.len(), 2);
    assert_eq!(backups[0].size_in_bytes, Some(i64::MAX));
    assert_eq!(backups[1].lifecycle, Some(BackupLifecycle::Failed));
    assert_eq!(output.next_token.as_deref(), Some("token-abc"));
}

/// The backup of a DeleteBackup-shaped response whose `CreationTime` is `time`, as (secs, nanos).
fn creation_time(time: &str) -> Result<(i64, u32), String> {
    let body = format!(r#"{{"Backup":{{"CreationTime":{time}}}}}"#);
    CopyBackup::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes())
        .map(|o| {
            let t = o.backup.unwrap().creation_time.unwrap();
            (t.secs(), t.subsec_nanos())
        })
        .map_err(|e| e.to_string())
}

#[test]
fn epoch_second_timestamps_are_exact() {
    assert_eq!(
        creation_time("1617954808.068"),
        Ok((1617954808, 68_000_000))
    );
    assert_eq!(creation_time("1617954808"), Ok((1617954808, 0)));
    assert_eq!(creation_time("1617954808.0"), Ok((1617954808, 0)));
    assert_eq!(creation_time("1617954808.000000001"), Ok((1617954808, 1)));
    assert_eq!(creation_time("0.1"), Ok((0, 100_000_000)));
    assert_eq!(creation_time("-0.5"), Ok((-1, 500_000_000)));
    // Leniency: a numeric string, as some published examples have it.
    assert_eq!(
        creation_time(r#""1617954808.068""#),
        Ok((1617954808, 68_000_000))
    );
    // An exponent is valid JSON for a number: it moves the point, still exactly.
    assert_eq!(creation_time("1.5e3"), Ok((1500, 0)));
    assert_eq!(
        creation_time("1.617954808068e9"),
        Ok((1617954808, 68_000_000))
    );
    assert_eq!(
        creation_time("1617954808068E-3"),
        Ok((1617954808, 68_000_000))
    );
    // Digits past the nanosecond are dropped, not rounded through a float.
    assert_eq!(
        creation_time("1617954808.0680000001"),
        Ok((1617954808, 68_000_000))
    );
    // Strictness where data would be corrupted: a time out of range is not clamped.
    let invalid = |bad: &str, column: usize, message: &str| {
        assert_eq!(
            creation_time(bad),
            Err(format!(
                "unhandled error (HTTP 200): the response body could not be read: \
                 Backup.CreationTime: {message} (line 1, column {column})"
            )),
            "{bad}"
        );
    };
    for bad in [
        "1e300",
        "-1e300",
        "12345678901234567890",
        "9223372036854775808",
    ] {
        invalid(bad, 27, &format!("invalid epoch-seconds timestamp {bad}"));
    }
    for bad in [r#""yesterday""#, r#""NaN""#, r#""1e""#, r#""""#] {
        invalid(
            bad,
            27,
            "expected epoch-seconds timestamp, got a string that is not a number",
        );
    }
    invalid("true", 27, "expected epoch-seconds timestamp, got boolean");
    invalid("[]", 27, "expected epoch-seconds timestamp, got array");
    invalid("{}", 27, "expected epoch-seconds timestamp, got object");

    // Writing: exact, with the fewest digits, and never in exponent form.
    for (secs, nanos, text) in [
        (1617954808, 68_000_000, "1617954808.068"),
        (1617954808, 0, "1617954808"),
        (1617954808, 1, "1617954808.000000001"),
        (-2, 500_000_000, "-1.5"),
    ] {
        let body = format!(r#"{{"Backup":{{"CreationTime":{text}}}}}"#);
        let output =
            CopyBackup::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap();
        let t = output.backup.as_ref().unwrap().creation_time.unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (secs, nanos), "{text}");
        assert_eq!(
            fsx::json::to_vec(&output).unwrap(),
            body.as_bytes(),
            "{text}"
        );
    }
}

#[test]
fn unknown_enum_values_and_members_are_forward_compatible() {
    let body = r#"{
        "BackupId": "backup-1",
        "Lifecycle": "ARCHIVED",
        "NewScalar": 1.5e300,
        "NewObject": {"a": [1, {"b": null, "c": "}]\"{["}], "d": {}},
        "NewArray": [[], [{}], "x", true, null, -0.0]
    }"#;
    let output =
        delete_backup::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap();
    assert_eq!(output.backup_id.as_deref(), Some("backup-1"));
    let lifecycle = output.lifecycle.clone().unwrap();
    match &lifecycle {
        BackupLifecycle::Unknown(value) => assert_eq!(value.as_str(), "ARCHIVED"),
        other => panic!("expected an unknown value, got {other:?}"),
    }
    assert_eq!(lifecycle.as_str(), "ARCHIVED");
    assert_eq!(lifecycle.to_string(), "ARCHIVED");
    // An unknown value never equals a known one, and a known one never hides in `Unknown`.
    assert_ne!(lifecycle, BackupLifecycle::Available);
    assert_eq!(
        BackupLifecycle::from("AVAILABLE"),
        BackupLifecycle::Available
    );
    // Written back unchanged; unknown members are not kept.
    assert_eq!(
        fsx::json::to_vec(&output).unwrap(),
        br#"{"BackupId":"backup-1","Lifecycle":"ARCHIVED"}"#
    );

    // Unknown values deep in a DescribeBackups page, including non-ASCII and escaped ones.
    let body = r#"{"Backups":[{"Lifecycle":"ARCHIVED","Type":"CONTINUOUS","ResourceType":"FILE_CACHE","FileSystem":{"FileSystemType":"ZFS_NEXT","Lifecycle":"HIBERNATING","StorageType":"TAPE","FutureConfiguration":{"Nested":[{"Deep":[[[]]]}]},"LustreConfiguration":{"DeploymentType":"PERSISTENT_9","DriveCacheType":"ÉCLAIR ☃"}}},{"Lifecycle":"tab\there"}],"FutureTopLevel":[1,2,3]}"#;
    let output =
        describe_backups::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap();
    let backups = output.backups.as_ref().unwrap();
    let fs = backups[0].file_system.as_ref().unwrap();
    assert_eq!(fs.file_system_type.as_ref().unwrap().as_str(), "ZFS_NEXT");
    assert_eq!(fs.lifecycle.as_ref().unwrap().as_str(), "HIBERNATING");
    assert_eq!(fs.storage_type.as_ref().unwrap().as_str(), "TAPE");
    let lustre = fs.lustre_configuration.as_ref().unwrap();
    assert_eq!(
        lustre.drive_cache_type.as_ref().unwrap().as_str(),
        "ÉCLAIR ☃"
    );
    assert_eq!(backups[1].lifecycle.as_ref().unwrap().as_str(), "tab\there");
    let written = String::from_utf8(fsx::json::to_vec(&output).unwrap()).unwrap();
    assert_eq!(
        written,
        r#"{"Backups":[{"Lifecycle":"ARCHIVED","Type":"CONTINUOUS","FileSystem":{"FileSystemType":"ZFS_NEXT","Lifecycle":"HIBERNATING","StorageType":"TAPE","LustreConfiguration":{"DeploymentType":"PERSISTENT_9","DriveCacheType":"ÉCLAIR ☃"}},"ResourceType":"FILE_CACHE"},{"Lifecycle":"tab\there"}]}"#
    );
}

#[test]
fn nulls_are_absent() {
    let body = r#"{"Backups":[null,{"BackupId":null,"Lifecycle":null,"CreationTime":null,"Tags":[null,{"Key":"k","Value":null}],"FileSystem":null,"ProgressPercent":null},null],"NextToken":null}"#;
    let output =
        describe_backups::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap();
    let backups = output.backups.as_ref().unwrap();
    assert_eq!(backups.len(), 1);
    let backup = &backups[0];
    assert_eq!(backup.backup_id, None);
    assert_eq!(backup.lifecycle, None);
    assert_eq!(backup.creation_time, None);
    assert_eq!(backup.file_system, None);
    assert_eq!(backup.progress_percent, None);
    let tags = backup.tags.as_ref().unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(
        (tags[0].key.as_deref(), tags[0].value.as_deref()),
        (Some("k"), None)
    );
    assert_eq!(output.next_token, None);
    assert_eq!(
        fsx::json::to_vec(&output).unwrap(),
        br#"{"Backups":[{"Tags":[{"Key":"k"}]}]}"#
    );

    let output =
        delete_backup::response(StatusCode::OK, &HeaderMap::new(), br#"{"BackupId":null}"#)
            .unwrap();
    assert_eq!(
        output,
        fsx::operation::delete_backup::DeleteBackupOutput::default()
    );
}

#[test]
fn an_empty_success_body_is_an_empty_output() {
    fn check<O: Operation>()
    where
        O::Output: Default + PartialEq + std::fmt::Debug,
    {
        for body in [&b""[..], b" ", b"\r\n\t ", b"{}", b" {} \n"] {
            let output = O::response(status(200), &HeaderMap::new(), body)
                .unwrap_or_else(|e| panic!("{} {body:?}: {e}", O::NAME));
            assert_eq!(output, O::Output::default(), "{}", O::NAME);
            assert_eq!(fsx::json::to_vec(&output).unwrap(), b"{}");
        }
        // Any 2xx is a success.
        assert_eq!(
            O::response(status(202), &HeaderMap::new(), b"").unwrap(),
            O::Output::default()
        );
    }
    check::<CopyBackup>();
    check::<CreateBackup>();
    check::<CreateFileSystemFromBackup>();
    check::<CreateVolumeFromBackup>();
    check::<DeleteBackup>();
    check::<DescribeBackups>();
}

/// The error of a success response whose body does not fit the output, checked to be an
/// `Unhandled` that keeps the status and request id; its message.
fn unreadable<O: Operation>(body: &str) -> String
where
    O::Error: ErrorView,
{
    let err = O::response(
        status(200),
        &headers(&[("x-amzn-requestid", REQUEST_ID)]),
        body.as_bytes(),
    )
    .err()
    .unwrap_or_else(|| panic!("{}: {body} must not parse", O::NAME));
    assert!(err.is_unhandled());
    assert_eq!(err.code(), None);
    assert_eq!(err.meta().status(), Some(200));
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    let source = err
        .source()
        .and_then(|s| s.downcast_ref::<fsx::error::DeserializeError>())
        .expect("the source is the DeserializeError");
    let message = err.message().unwrap().to_owned();
    assert_eq!(
        message,
        format!("the response body could not be read: {source}")
    );
    assert_eq!(
        err.to_string(),
        format!("unhandled error (HTTP 200): {message} (request id {REQUEST_ID})")
    );
    message
}

#[test]
fn a_wrong_json_type_is_an_error_naming_the_member_path() {
    let body = r#"{"Backup":{"FileSystem":{"StorageCapacity":"2400"}}}"#;
    let err = CopyBackup::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap_err();
    let source = err
        .source()
        .and_then(|s| s.downcast_ref::<fsx::error::DeserializeError>())
        .unwrap();
    assert_eq!(source.path(), "Backup.FileSystem.StorageCapacity");
    assert_eq!(source.message(), "expected integer, got string");
    // Line and column of the offending value (1-based): the `"` of "2400".
    assert_eq!(source.position(), Some((1, 44)));
    assert_eq!(
        source.to_string(),
        "Backup.FileSystem.StorageCapacity: expected integer, got string (line 1, column 44)"
    );
    assert_eq!(
        unreadable::<CopyBackup>(body),
        "the response body could not be read: \
         Backup.FileSystem.StorageCapacity: expected integer, got string (line 1, column 44)"
    );

    for (body, expected) in [
        // Paths through lists count every element, nulls included.
        (
            r#"{"Backups":[{},null,{"Tags":[{"Key":"a"},{"Key":7}]}]}"#,
            "Backups[2].Tags[1].Key: expected string, got number (line 1, column 49)",
        ),
        (
            "{\n  \"Backups\": {}\n}",
            "Backups: expected array, got object (line 2, column 14)",
        ),
        (
            r#"{"Backups":[{"Lifecycle":1}]}"#,
            "Backups[0].Lifecycle: expected string, got number (line 1, column 26)",
        ),
        (
            r#"{"Backups":[{"ProgressPercent":true}]}"#,
            "Backups[0].ProgressPercent: expected integer, got boolean (line 1, column 32)",
        ),
        (
            r#"{"Backups":[{"ProgressPercent":1.0}]}"#,
            "Backups[0].ProgressPercent: expected integer, got a number with a fraction or \
             exponent (line 1, column 32)",
        ),
        (
            r#"{"Backups":[{"ProgressPercent":2147483648}]}"#,
            "Backups[0].ProgressPercent: 2147483648 does not fit in a 32-bit integer \
             (line 1, column 32)",
        ),
        (
            r#"{"Backups":[{"SizeInBytes":9223372036854775808}]}"#,
            "Backups[0].SizeInBytes: number does not fit in a 64-bit integer (line 1, column 28)",
        ),
        (
            r#"{"Backups":[{"FileSystem":[]}]}"#,
            "Backups[0].FileSystem: expected object, got array (line 1, column 27)",
        ),
        (
            r#"{"NextToken":{"a":1}}"#,
            "NextToken: expected string, got object (line 1, column 14)",
        ),
        (
            r#"{"Backups":[{"FileSystem":{"LustreConfiguration":{"CopyTagsToBackups":"false"}}}]}"#,
            "Backups[0].FileSystem.LustreConfiguration.CopyTagsToBackups: expected boolean, \
             got string (line 1, column 71)",
        ),
        ("[]", "expected object, got array (line 1, column 1)"),
        ("\"{}\"", "expected object, got string (line 1, column 1)"),
        ("null", "expected object, got null (line 1, column 1)"),
        (
            "{} {}",
            "invalid JSON: trailing characters (line 1, column 4)",
        ),
    ] {
        assert_eq!(
            unreadable::<DescribeBackups>(body),
            format!("the response body could not be read: {expected}"),
            "{body}"
        );
    }
    assert_eq!(
        unreadable::<DeleteBackup>(r#"{"BackupId":42}"#),
        "the response body could not be read: BackupId: expected string, got number \
         (line 1, column 13)"
    );
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// The forms an error response can take: the code in the header (plain, with a `:…` suffix,
/// with a `namespace#` prefix, both, first of a list) or in the body (`__type` with a namespace,
/// `code`), with the message in `Message`, `message` or `errorMessage`.
fn error_forms(code: &str, message: &str) -> Vec<(HeaderMap, String)> {
    let with = |errortype: &str| {
        headers(&[
            ("X-Amzn-Errortype", errortype),
            ("X-Amzn-RequestId", REQUEST_ID),
        ])
    };
    let plain = headers(&[("x-amzn-requestid", REQUEST_ID)]);
    let m = serde_json::to_string(message).unwrap();
    vec![
        (with(code), format!(r#"{{"Message":{m}}}"#)),
        (
            with(&format!(
                "{code}:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            )),
            format!(r#"{{"message":{m}}}"#),
        ),
        (
            with(&format!("com.amazonaws.fsx#{code}")),
            format!(r#"{{"Message":{m}}}"#),
        ),
        (
            with(&format!("aws.fsx#{code}:http://internal.amazon.com/")),
            format!(r#"{{"errorMessage":{m}}}"#),
        ),
        (
            with(&format!("{code},ThrottlingException")),
            format!(r#"{{"Message":{m},"__type":"ThrottlingException"}}"#),
        ),
        (
            plain.clone(),
            format!(r#"{{"__type":"com.amazonaws.fsx#{code}","Message":{m}}}"#),
        ),
        (
            plain.clone(),
            format!(r#"{{"code":"{code}","message":{m}}}"#),
        ),
        (
            plain,
            format!(
                r#"{{"message":{m},"__type":"com.amazonaws.fsx#{code}:http://internal.amazon.com/"}}"#
            ),
        ),
    ]
}

/// Every modeled error of `O`, in every form: the right variant, code, message, request id,
/// status and `Display`, in the operation's error and in `fsx::Error`. Every other error code of
/// the service, and one it does not model, is `Unhandled` with all the response said.
fn check_errors<O: Operation>(modeled: Vec<Modeled<O::Error>>)
where
    O::Error: ErrorView,
{
    let mut codes: Vec<String> = modeled.iter().map(|m| m.code.to_owned()).collect();
    codes.sort();
    assert_eq!(
        codes,
        model_errors(O::NAME),
        "{}: the model's errors",
        O::NAME
    );

    for (index, error) in modeled.iter().enumerate() {
        let message = format!("{} failed: \"{}\" é", O::NAME, error.code);
        for (form, (headers, body)) in error_forms(error.code, &message).into_iter().enumerate() {
            let http_status = if error.code == "InternalServerError" {
                500
            } else {
                400 + form as u16
            };
            let context = format!("{} {} form {form}: {body}", O::NAME, error.code);
            let err = O::response(status(http_status), &headers, body.as_bytes())
                .err()
                .unwrap_or_else(|| panic!("{context}: an error"));
            assert!((error.is)(&err), "{context}: {err:?}");
            for (other_index, other) in modeled.iter().enumerate() {
                if other_index != index {
                    assert!(!(other.is)(&err), "{context}: also {}", other.code);
                }
            }
            assert!(!err.is_unhandled(), "{context}");
            assert_eq!(err.code(), Some(error.code), "{context}");
            assert_eq!(err.message(), Some(message.as_str()), "{context}");
            assert_eq!(err.request_id(), Some(REQUEST_ID), "{context}");
            assert_eq!(err.meta().status(), Some(http_status), "{context}");
            assert_eq!(err.meta().code(), Some(error.code), "{context}");
            assert!(err.source().is_none(), "{context}");
            let display = format!("{}: {message} (request id {REQUEST_ID})", error.code);
            assert_eq!(err.to_string(), display, "{context}");

            let service: fsx::Error = err.into();
            assert!((error.is_service)(&service), "{context}: {service:?}");
            assert!(!service.is_unhandled(), "{context}");
            assert_eq!(service.code(), Some(error.code), "{context}");
            assert_eq!(service.message(), Some(message.as_str()), "{context}");
            assert_eq!(service.request_id(), Some(REQUEST_ID), "{context}");
            assert_eq!(service.meta().status(), Some(http_status), "{context}");
            assert_eq!(service.to_string(), display, "{context}");
        }
    }

    // The service's other errors, and one it does not model at all.
    let mut unhandled: Vec<&str> = SERVICE_ERRORS
        .iter()
        .copied()
        .filter(|code| !codes.iter().any(|c| c == code))
        .collect();
    unhandled.push("ThrottlingException");
    for code in unhandled {
        for (form, (headers, body)) in error_forms(code, "Rate exceeded.").into_iter().enumerate() {
            let context = format!("{} {code} form {form}: {body}", O::NAME);
            let err = O::response(status(429), &headers, body.as_bytes())
                .err()
                .unwrap_or_else(|| panic!("{context}: an error"));
            assert!(err.is_unhandled(), "{context}: {err:?}");
            for m in &modeled {
                assert!(!(m.is)(&err), "{context}: {}", m.code);
            }
            assert_eq!(err.code(), Some(code), "{context}");
            assert_eq!(err.message(), Some("Rate exceeded."), "{context}");
            assert_eq!(err.request_id(), Some(REQUEST_ID), "{context}");
            assert_eq!(err.meta().status(), Some(429), "{context}");
            assert!(err.source().is_none(), "{context}");
            let display = format!("{code}: Rate exceeded. (request id {REQUEST_ID})");
            assert_eq!(err.to_string(), display, "{context}");
            let service: fsx::Error = err.into();
            assert!(service.is_unhandled(), "{context}");
            assert_eq!(service.code(), Some(code), "{context}");
            assert_eq!(service.meta().status(), Some(429), "{context}");
            assert_eq!(service.to_string(), display, "{context}");
        }
    }
}

#[test]
fn copy_backup_errors() {
    check_errors::<CopyBackup>(modeled!(CopyBackupError:
        "BackupNotFound" => is_backup_not_found,
        "BadRequest" => is_bad_request,
        "IncompatibleParameterError" => is_incompatible_parameter_error,
        "IncompatibleRegionForMultiAZ" => is_incompatible_region_for_multi_az,
        "InternalServerError" => is_internal_server_error,
        "InvalidDestinationKmsKey" => is_invalid_destination_kms_key,
        "InvalidRegion" => is_invalid_region,
        "InvalidSourceKmsKey" => is_invalid_source_kms_key,
        "ServiceLimitExceeded" => is_service_limit_exceeded,
        "SourceBackupUnavailable" => is_source_backup_unavailable,
        "UnsupportedOperation" => is_unsupported_operation,
    ));
}

#[test]
fn create_backup_errors() {
    check_errors::<CreateBackup>(modeled!(CreateBackupError:
        "BackupInProgress" => is_backup_in_progress,
        "BadRequest" => is_bad_request,
        "FileSystemNotFound" => is_file_system_not_found,
        "IncompatibleParameterError" => is_incompatible_parameter_error,
        "InternalServerError" => is_internal_server_error,
        "ServiceLimitExceeded" => is_service_limit_exceeded,
        "UnsupportedOperation" => is_unsupported_operation,
        "VolumeNotFound" => is_volume_not_found,
    ));
}

#[test]
fn create_file_system_from_backup_errors() {
    check_errors::<CreateFileSystemFromBackup>(modeled!(CreateFileSystemFromBackupError:
        "ActiveDirectoryError" => is_active_directory_error,
        "BackupNotFound" => is_backup_not_found,
        "BadRequest" => is_bad_request,
        "IncompatibleParameterError" => is_incompatible_parameter_error,
        "InternalServerError" => is_internal_server_error,
        "InvalidNetworkSettings" => is_invalid_network_settings,
        "InvalidPerUnitStorageThroughput" => is_invalid_per_unit_storage_throughput,
        "MissingFileSystemConfiguration" => is_missing_file_system_configuration,
        "ServiceLimitExceeded" => is_service_limit_exceeded,
    ));
}

#[test]
fn create_volume_from_backup_errors() {
    check_errors::<CreateVolumeFromBackup>(modeled!(CreateVolumeFromBackupError:
        "BackupNotFound" => is_backup_not_found,
        "BadRequest" => is_bad_request,
        "FileSystemNotFound" => is_file_system_not_found,
        "IncompatibleParameterError" => is_incompatible_parameter_error,
        "InternalServerError" => is_internal_server_error,
        "MissingVolumeConfiguration" => is_missing_volume_configuration,
        "ServiceLimitExceeded" => is_service_limit_exceeded,
        "StorageVirtualMachineNotFound" => is_storage_virtual_machine_not_found,
    ));
}

#[test]
fn delete_backup_errors() {
    check_errors::<DeleteBackup>(modeled!(DeleteBackupError:
        "BackupBeingCopied" => is_backup_being_copied,
        "BackupInProgress" => is_backup_in_progress,
        "BackupNotFound" => is_backup_not_found,
        "BackupRestoring" => is_backup_restoring,
        "BadRequest" => is_bad_request,
        "IncompatibleParameterError" => is_incompatible_parameter_error,
        "InternalServerError" => is_internal_server_error,
    ));
}

#[test]
fn describe_backups_errors() {
    check_errors::<DescribeBackups>(modeled!(DescribeBackupsError:
        "BackupNotFound" => is_backup_not_found,
        "BadRequest" => is_bad_request,
        "FileSystemNotFound" => is_file_system_not_found,
        "InternalServerError" => is_internal_server_error,
        "VolumeNotFound" => is_volume_not_found,
    ));
}

#[test]
fn modeled_errors_keep_their_members() {
    let h = headers(&[("x-amzn-requestid", REQUEST_ID)]);
    let err = copy_backup::response(
        status(400),
        &h,
        br#"{"__type":"com.amazonaws.fsx#ServiceLimitExceeded","Limit":"TOTAL_IN_PROGRESS_COPY_BACKUPS","Message":"Too many copies."}"#,
    )
    .unwrap_err();
    let CopyBackupError::ServiceLimitExceeded(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.limit,
        Some(fsx::types::ServiceLimit::TotalInProgressCopyBackups)
    );
    assert_eq!(e.message.as_deref(), Some("Too many copies."));
    assert_eq!(e.meta().request_id(), Some(REQUEST_ID));

    let err = copy_backup::response(
        status(400),
        &h,
        br#"{"__type":"SourceBackupUnavailable","BackupId":"backup-1","Message":"m"}"#,
    )
    .unwrap_err();
    let CopyBackupError::SourceBackupUnavailable(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.backup_id.as_deref(), Some("backup-1"));

    let err = create_backup::response(
        status(400),
        &h,
        br#"{"__type":"IncompatibleParameterError","Parameter":"VolumeId","Message":"m"}"#,
    )
    .unwrap_err();
    let CreateBackupError::IncompatibleParameterError(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.parameter.as_deref(), Some("VolumeId"));

    let err = create_fs::response(
        status(400),
        &headers(&[("x-amzn-errortype", "ActiveDirectoryError")]),
        br#"{"ActiveDirectoryId":"d-1","Type":"WRONG_VPC","Message":"m"}"#,
    )
    .unwrap_err();
    let CreateFileSystemFromBackupError::ActiveDirectoryError(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.active_directory_id.as_deref(), Some("d-1"));
    assert_eq!(
        e.r#type,
        Some(fsx::types::ActiveDirectoryErrorType::WrongVpc)
    );
    assert_eq!(err.request_id(), None);
    assert_eq!(err.to_string(), "ActiveDirectoryError: m");

    let err = create_fs::response(
        status(400),
        &h,
        br#"{"__type":"InvalidNetworkSettings","InvalidSubnetId":"subnet-1","InvalidSecurityGroupId":"sg-1","InvalidRouteTableId":"rtb-1"}"#,
    )
    .unwrap_err();
    let CreateFileSystemFromBackupError::InvalidNetworkSettings(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (
            e.invalid_subnet_id.as_deref(),
            e.invalid_security_group_id.as_deref(),
            e.invalid_route_table_id.as_deref()
        ),
        (Some("subnet-1"), Some("sg-1"), Some("rtb-1"))
    );
    // No message at all.
    assert_eq!(err.message(), None);
    assert_eq!(
        err.to_string(),
        format!("InvalidNetworkSettings (request id {REQUEST_ID})")
    );

    let err = delete_backup::response(
        status(400),
        &h,
        br#"{"__type":"BackupRestoring","FileSystemId":"fs-1","Message":"restoring"}"#,
    )
    .unwrap_err();
    let DeleteBackupError::BackupRestoring(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.file_system_id.as_deref(), Some("fs-1"));
    let err = delete_backup::response(
        status(400),
        &h,
        br#"{"__type":"BackupBeingCopied","BackupId":"backup-9"}"#,
    )
    .unwrap_err();
    let DeleteBackupError::BackupBeingCopied(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.backup_id.as_deref(), Some("backup-9"));
    // The model's metadata about the error.
    assert_eq!(
        fsx::types::InternalServerError::FAULT,
        fsx::error::ErrorFault::Server
    );
    assert_eq!(
        fsx::types::BackupNotFound::FAULT,
        fsx::error::ErrorFault::Client
    );
}

#[test]
fn a_code_that_sanitizes_to_nothing_is_no_code() {
    // An empty `__type`: no code, so the error displays as unhandled, with its message.
    let err = describe_backups::response(
        status(400),
        &headers(&[("x-amzn-requestid", REQUEST_ID)]),
        br#"{"__type":"","message":"x"}"#,
    )
    .unwrap_err();
    assert!(err.is_unhandled());
    assert_eq!(err.code(), None);
    assert_eq!(
        err.to_string(),
        format!("unhandled error (HTTP 400): x (request id {REQUEST_ID})")
    );
    // A header holding only a namespace does not hide the body's code.
    let err = describe_backups::response(
        status(400),
        &headers(&[("x-amzn-errortype", "aws.fsx#")]),
        br#"{"__type":"com.amazonaws.fsx#BackupNotFound","Message":"m"}"#,
    )
    .unwrap_err();
    assert!(err.is_backup_not_found(), "{err:?}");
    assert_eq!(err.to_string(), "BackupNotFound: m");
}

#[test]
fn the_header_code_wins_over_the_body() {
    let err = describe_backups::response(
        status(400),
        &headers(&[("x-amzn-errortype", "VolumeNotFound")]),
        br#"{"__type":"BackupNotFound","code":"FileSystemNotFound","Message":"m"}"#,
    )
    .unwrap_err();
    assert!(err.is_volume_not_found(), "{err:?}");
    // An empty header does not hide the body's code.
    let err = describe_backups::response(
        status(400),
        &headers(&[("x-amzn-errortype", "")]),
        br#"{"__type":"aws.fsx#BackupNotFound"}"#,
    )
    .unwrap_err();
    assert!(err.is_backup_not_found(), "{err:?}");
    assert_eq!(err.to_string(), "BackupNotFound");
}

/// Unreadable error bodies, and huge ones.
fn bad_error_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let mb = 4 << 20;
    let mut huge_html = b"<html><body>".to_vec();
    huge_html.resize(mb, b'x');
    let mut huge_array = b"[".to_vec();
    while huge_array.len() < mb {
        huge_array.extend_from_slice(b"{\"a\":[0,1.5,\"s\"]},");
    }
    huge_array.extend_from_slice(b"0]");
    vec![
        ("empty", Vec::new()),
        ("whitespace", b" \r\n".to_vec()),
        (
            "html",
            b"<html><head><title>502 Bad Gateway</title></head></html>".to_vec(),
        ),
        (
            "truncated",
            br#"{"__type":"com.amazonaws.fsx#Backu"#.to_vec(),
        ),
        ("truncated-message", br#"{"Message":"cut off"#.to_vec()),
        ("null", b"null".to_vec()),
        ("array", br#"[{"__type":"BackupNotFound"}]"#.to_vec()),
        ("string", br#""BackupNotFound""#.to_vec()),
        ("number", b"404".to_vec()),
        (
            "wrong-types",
            br#"{"__type":7,"code":null,"Message":["m"]}"#.to_vec(),
        ),
        ("not-utf8", b"{\"Message\":\"\xff\xfe\"}".to_vec()),
        ("huge-html", huge_html),
        ("huge-array", huge_array),
    ]
}

#[test]
fn unreadable_error_bodies_give_an_error_with_the_status() {
    fn check<O: Operation>()
    where
        O::Error: ErrorView,
    {
        for (name, body) in bad_error_bodies() {
            for code in [400, 404, 500, 502, 503] {
                let h = headers(&[("x-amzn-requestid", REQUEST_ID)]);
                let err = O::response(status(code), &h, &body)
                    .err()
                    .unwrap_or_else(|| panic!("{} {name}: an error", O::NAME));
                assert!(err.is_unhandled(), "{} {name}: {err:?}", O::NAME);
                assert_eq!(err.code(), None, "{} {name}", O::NAME);
                assert_eq!(err.message(), None, "{} {name}", O::NAME);
                assert_eq!(err.meta().status(), Some(code), "{} {name}", O::NAME);
                assert_eq!(err.request_id(), Some(REQUEST_ID), "{} {name}", O::NAME);
                assert_eq!(
                    err.to_string(),
                    format!("unhandled error (HTTP {code}) (request id {REQUEST_ID})"),
                    "{} {name}",
                    O::NAME
                );
                let service: fsx::Error = err.into();
                assert!(service.is_unhandled());
                assert_eq!(service.meta().status(), Some(code));
            }
        }
    }
    check::<CopyBackup>();
    check::<CreateBackup>();
    check::<CreateFileSystemFromBackup>();
    check::<CreateVolumeFromBackup>();
    check::<DeleteBackup>();
    check::<DescribeBackups>();
}

#[test]
fn a_modeled_code_with_an_unreadable_body_is_unhandled_but_keeps_the_code() {
    let h = headers(&[
        ("x-amzn-errortype", "BackupNotFound"),
        ("x-amzn-requestid", REQUEST_ID),
    ]);
    // An empty body is an error without members.
    let err = delete_backup::response(status(400), &h, b"").unwrap_err();
    assert!(err.is_backup_not_found(), "{err:?}");
    assert_eq!(err.message(), None);
    assert_eq!(
        err.to_string(),
        format!("BackupNotFound (request id {REQUEST_ID})")
    );

    for (name, body) in bad_error_bodies() {
        if name == "empty" || name == "whitespace" {
            continue;
        }
        let err = delete_backup::response(status(400), &h, &body).unwrap_err();
        assert!(err.is_unhandled(), "{name}: {err:?}");
        assert_eq!(err.code(), Some("BackupNotFound"), "{name}");
        assert_eq!(err.meta().status(), Some(400), "{name}");
        assert_eq!(err.request_id(), Some(REQUEST_ID), "{name}");
        let source = err
            .source()
            .and_then(|s| s.downcast_ref::<fsx::error::DeserializeError>());
        assert!(source.is_some(), "{name}: the reason is kept");
    }

    // A code read before the body is cut off is kept.
    let err = describe_backups::response(
        status(400),
        &HeaderMap::new(),
        br#"{"__type":"com.amazonaws.fsx#BackupNotFound","Message":"cut"#,
    )
    .unwrap_err();
    assert!(err.is_unhandled(), "{err:?}");
    assert_eq!(err.code(), Some("BackupNotFound"));
    assert_eq!(err.meta().status(), Some(400));
}

#[test]
fn a_huge_error_body_is_read() {
    let message = "x".repeat(4 << 20);
    let body = format!(r#"{{"__type":"com.amazonaws.fsx#BackupNotFound","Message":"{message}"}}"#);
    let err = describe_backups::response(
        status(400),
        &headers(&[("x-amzn-requestid", REQUEST_ID)]),
        body.as_bytes(),
    )
    .unwrap_err();
    assert!(err.is_backup_not_found(), "{}", err.code().unwrap_or("?"));
    assert_eq!(err.message().map(str::len), Some(4 << 20));
    assert_eq!(err.meta().status(), Some(400));

    // Cut off in the middle of the message: the code is kept, the status too.
    let err =
        describe_backups::response(status(400), &HeaderMap::new(), &body.as_bytes()[..3 << 20])
            .unwrap_err();
    assert!(err.is_unhandled());
    assert_eq!(err.code(), Some("BackupNotFound"));
    assert_eq!(err.meta().status(), Some(400));
}

#[test]
fn unhandled_errors_keep_what_the_response_said() {
    let err = copy_backup::response(
        status(400),
        &headers(&[
            (
                "x-amzn-errortype",
                "ThrottlingException:http://internal.amazon.com/",
            ),
            ("x-amzn-requestid", REQUEST_ID),
        ]),
        br#"{"message":"Rate exceeded"}"#,
    )
    .unwrap_err();
    let CopyBackupError::Unhandled(unhandled) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(unhandled.code(), Some("ThrottlingException"));
    assert_eq!(unhandled.message(), Some("Rate exceeded"));
    assert_eq!(unhandled.request_id(), Some(REQUEST_ID));
    assert_eq!(unhandled.meta().status(), Some(400));
    assert_eq!(
        err.to_string(),
        format!("ThrottlingException: Rate exceeded (request id {REQUEST_ID})")
    );
    assert!(!err.is_retryable());
}

// ---------------------------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------------------------

/// Bytes that, put anywhere, break JSON in interesting ways.
const CORRUPTIONS: [u8; 10] = [b'"', b'{', b']', b',', b':', b'0', b'-', b'\\', b'n', 0xff];

/// Runs `response` on `body` under `catch_unwind`: a panic fails with the input that caused it.
/// Checks what any outcome must satisfy: a non-2xx status is never a success, and every error
/// keeps the status and can be displayed.
fn never_panics<O: Operation>(code: u16, headers: &HeaderMap, body: &[u8]) -> bool
where
    O::Error: ErrorView,
{
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let result = O::response(status(code), headers, body);
        match &result {
            Ok(output) => {
                let _ = fsx::json::to_vec(output).expect("an output read can be written");
            }
            Err(err) => {
                let _ = (
                    err.to_string(),
                    format!("{err:?}"),
                    err.code(),
                    err.message(),
                );
            }
        }
        result
    }));
    let result = outcome.unwrap_or_else(|_| {
        panic!(
            "{} panicked on status {code} with body {:?}",
            O::NAME,
            String::from_utf8_lossy(body)
        )
    });
    match result {
        Ok(_) => {
            assert!(
                (200..300).contains(&code),
                "{} status {code} read as a success",
                O::NAME
            );
            true
        }
        Err(err) => {
            assert_eq!(err.meta().status(), Some(code), "{}", O::NAME);
            assert_eq!(err.request_id(), Some(REQUEST_ID), "{}", O::NAME);
            false
        }
    }
}

/// Truncations at every offset and single-byte corruptions at every position (sampled for long
/// bodies) of a success body at 200, and of a modeled error's body at 200 and at 400.
fn fuzz<O: Operation>(success: &str, error_code: &str)
where
    O::Error: ErrorView,
{
    let plain = headers(&[("x-amzn-requestid", REQUEST_ID)]);
    let with_code = headers(&[
        ("x-amzn-requestid", REQUEST_ID),
        ("x-amzn-errortype", error_code),
    ]);
    let error = format!(
        r#"{{"__type":"com.amazonaws.fsx#{error_code}","Message":"It went \"wrong\" \u00e9","Limit":"TOTAL_STORAGE"}}"#
    );
    let cases: [(u16, &HeaderMap, &[u8]); 4] = [
        (200, &plain, success.as_bytes()),
        (200, &plain, error.as_bytes()),
        (400, &plain, error.as_bytes()),
        (400, &with_code, error.as_bytes()),
    ];
    for (code, headers, body) in cases {
        // The whole body: a success reads, an error is an error.
        assert_eq!(
            never_panics::<O>(code, headers, body),
            code == 200,
            "{} {code}: {}",
            O::NAME,
            String::from_utf8_lossy(body)
        );
        for cut in 0..body.len() {
            let ok = never_panics::<O>(code, headers, &body[..cut]);
            // A cut-off JSON object never reads as a success; nothing at all does.
            assert_eq!(ok, code == 200 && cut == 0, "{} cut at {cut}", O::NAME);
        }
        let step = (body.len() / 250).max(1);
        for at in (0..body.len()).step_by(step) {
            for &byte in &CORRUPTIONS {
                let mut corrupted = body.to_vec();
                corrupted[at] = byte;
                never_panics::<O>(code, headers, &corrupted);
            }
        }
    }
}

#[test]
fn copy_backup_never_panics() {
    fuzz::<CopyBackup>(COPY_BACKUP_EXAMPLE, "ServiceLimitExceeded");
}

#[test]
fn create_backup_never_panics() {
    fuzz::<CreateBackup>(CREATE_BACKUP_BODY, "BackupInProgress");
}

#[test]
fn create_file_system_from_backup_never_panics() {
    fuzz::<CreateFileSystemFromBackup>(CREATE_FILE_SYSTEM_BODY, "ActiveDirectoryError");
}

#[test]
fn create_volume_from_backup_never_panics() {
    fuzz::<CreateVolumeFromBackup>(CREATE_VOLUME_BODY, "MissingVolumeConfiguration");
}

#[test]
fn delete_backup_never_panics() {
    fuzz::<DeleteBackup>(DELETE_BACKUP_BODY, "BackupBeingCopied");
}

#[test]
fn describe_backups_never_panics() {
    fuzz::<DescribeBackups>(DESCRIBE_BACKUPS_BODY, "BackupNotFound");
}

/// A CreateFileSystemFromBackup body nesting file systems `levels` deep through
/// `AdministrativeActions[0].TargetFileSystemValues`, a recursion the model allows.
fn nested_file_systems(levels: usize) -> String {
    let mut body = String::from(r#"{"FileSystem":"#);
    for _ in 0..levels {
        body.push_str(r#"{"AdministrativeActions":[{"TargetFileSystemValues":"#);
    }
    body.push_str(r#"{"StorageCapacity":1}"#);
    for _ in 0..levels {
        body.push_str("}]}");
    }
    body.push('}');
    body
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Rust's default stack for a spawned thread (and tokio's for its workers): 2 MiB. A stack
    // overflow aborts the whole process, so this runs on a thread of exactly that size.
    let outcome = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            // Realistic nesting reads.
            let body = nested_file_systems(3);
            let output =
                create_fs::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap();
            let written = fsx::json::to_vec(&output).unwrap();
            assert_eq!(written, body.as_bytes());

            // The deepest nesting of modeled shapes the reader takes is an error.
            let body = nested_file_systems(1000);
            let err = create_fs::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes())
                .unwrap_err();
            assert!(err.is_unhandled());
            let message = err.message().unwrap();
            assert!(message.contains(": nested deeper than "), "{message}");
            assert!(
                message.starts_with(
                    "the response body could not be read: \
                     FileSystem.AdministrativeActions[0].TargetFileSystemValues."
                ),
                "{message}"
            );

            // Deep nesting in members this crate does not know, and in an error body.
            let deep = format!(
                r#"{{"Unknown":{}{}}}"#,
                "[".repeat(100_000),
                "]".repeat(100_000)
            );
            let err =
                describe_backups::response(StatusCode::OK, &HeaderMap::new(), deep.as_bytes())
                    .unwrap_err();
            assert!(err.is_unhandled());
            assert_eq!(err.meta().status(), Some(200));
            let err = describe_backups::response(status(400), &HeaderMap::new(), deep.as_bytes())
                .unwrap_err();
            assert!(err.is_unhandled());
            assert_eq!(err.meta().status(), Some(400));
            let deep = format!(
                r#"{{"__type":"BackupNotFound","Unknown":{}"#,
                r#"{"a":"#.repeat(100_000)
            );
            let err = describe_backups::response(status(400), &HeaderMap::new(), deep.as_bytes())
                .unwrap_err();
            assert!(err.is_unhandled());
            assert_eq!(err.code(), Some("BackupNotFound"));
        })
        .unwrap()
        .join();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
