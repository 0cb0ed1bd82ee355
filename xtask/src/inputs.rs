//! Every input the project generates from and tests against, as paths relative to the project
//! root. They all live in `model/` (vendored, unmodified, provenance in `model/README.md`), so a
//! clone with nothing beside it runs every command and test. This is the one place those paths
//! and the default selection are written; the xtask, the tests, the benchmarks and the
//! differential tests read them from here.

use std::path::{Path, PathBuf};

/// The FSx model the committed `generated/` crate is generated from (release 2025-11-19).
pub const FSX_MODEL: &str = "model/fsx/fsx-2018-03-01.json";

/// The previous FSx release (2025-05-20), to exercise model updates.
pub const FSX_MODEL_2025_05_20: &str = "model/fsx/fsx-2018-03-01.2025-05-20.json";

/// The documented FSx examples that botocore (the AWS SDK for Python) ships.
pub const FSX_BOTOCORE_EXAMPLES: &str = "model/examples/fsx-2018-03-01.botocore-examples.json";

/// The FSx examples of the documentation pages the project started from, transcribed into the
/// botocore format.
pub const FSX_SEED_EXAMPLES: &str = "model/examples/fsx-seed-pages.json";

/// The operations the committed `generated/` crate covers: FSx's backup operations.
pub const FSX_OPERATIONS: [&str; 6] = [
    "CopyBackup",
    "CreateBackup",
    "CreateFileSystemFromBackup",
    "CreateVolumeFromBackup",
    "DeleteBackup",
    "DescribeBackups",
];

/// The official Smithy awsJson protocol compliance suites (JSON AST).
pub const PROTOCOL_SUITES: [&str; 2] = [
    "model/protocol-tests/aws-json-1_1.json",
    "model/protocol-tests/aws-json-1_0.json",
];

/// A real AWS model that `cargo xtask models` generates, builds and tests.
#[derive(Clone, Copy, Debug)]
pub struct AwsModel {
    /// The model file.
    pub path: &'static str,
    /// Example files in the botocore format to test it with, beside its own examples.
    pub examples: &'static [&'static str],
    /// The partitions its endpoint tests expect, when not the current ones (those of its
    /// release day).
    pub partitions: Option<&'static str>,
}

/// The real AWS models in `model/`, in the order `cargo xtask models` reports them.
pub const AWS_MODELS: [AwsModel; 6] = [
    AwsModel {
        path: FSX_MODEL,
        examples: &[FSX_BOTOCORE_EXAMPLES],
        partitions: None,
    },
    AwsModel {
        path: FSX_MODEL_2025_05_20,
        examples: &[],
        partitions: Some("model/endpoints/partitions.2025-05-20.json"),
    },
    AwsModel {
        path: "model/awsjson/cloudwatch-logs-2014-03-28.json",
        examples: &[],
        partitions: None,
    },
    AwsModel {
        path: "model/awsjson/dynamodb-2012-08-10.json",
        examples: &[],
        partitions: None,
    },
    AwsModel {
        path: "model/awsjson/kms-2014-11-01.json",
        examples: &[],
        partitions: None,
    },
    AwsModel {
        path: "model/awsjson/sqs-2012-11-05.json",
        examples: &[],
        partitions: None,
    },
];

/// The project root (the folder holding `xtask/`), so paths work from any directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the project root")
        .to_path_buf()
}

/// An input's absolute path.
pub fn path(relative: &str) -> PathBuf {
    project_root().join(relative)
}
