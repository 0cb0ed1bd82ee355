//! The generated crate's `Cargo.toml`, serialized with the `toml` crate from structs (so key
//! order is fixed by the code, whatever map features a dependency turns on).
//!
//! The manifest carries an empty `[workspace]` table so the crate builds wherever `--out`
//! puts it, even inside another project's workspace; a project that wants it as a workspace
//! member lists it in `exclude` instead and depends on it by path.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ir::Ir;

/// One dependency of the generated crate.
pub struct Dependency {
    /// The crate's name.
    pub name: &'static str,
    /// The version requirement.
    pub version: &'static str,
    /// Whether its default features are on.
    pub default_features: bool,
    /// Features to turn on.
    pub features: &'static [&'static str],
    /// Whether only a feature of the generated crate pulls it in.
    pub optional: bool,
}

const fn dep(name: &'static str, version: &'static str) -> Dependency {
    Dependency {
        name,
        version,
        default_features: true,
        features: &[],
        optional: false,
    }
}

/// The generated crate's dependencies. The only place their versions are decided (the root
/// `Cargo.toml` pins the same ones for the tests; `tests/manifest.rs` checks they agree).
pub const DEPENDENCIES: &[Dependency] = &[
    dep("aws-smithy-types", "1.9"),
    // Gzip for `@requestCompression`, behind the crate's `gzip` feature.
    Dependency {
        optional: true,
        ..dep("flate2", "1")
    },
    dep("http", "1"),
    dep("itoa", "1"),
    // `@pattern` checks in `validate()`, behind the crate's `validate-patterns` feature.
    Dependency {
        optional: true,
        ..dep("regex", "1")
    },
    dep("ryu", "1"),
    // `Serialize`/`Deserialize` in the awsJson form, behind the crate's `serde` feature.
    Dependency {
        optional: true,
        ..dep("serde", "1.0")
    },
    Dependency {
        optional: true,
        default_features: false,
        features: &["std"],
        ..dep("serde_with", "3")
    },
    Dependency {
        features: &["v4"],
        ..dep("uuid", "1")
    },
];

/// The generated crate's minimum Rust version: the highest `rust-version` of the dependency
/// versions above that it resolves to (every aws-smithy-types 1.9 release needs 1.94.1).
/// `tests/rust_version.rs` checks it against `cargo metadata`.
/// What the `client` feature adds (all optional): SigV4 and credentials (the official
/// crates), hyper over rustls with ring, tokio's timers, `Stream` for paginators.
pub const CLIENT_DEPENDENCIES: &[Dependency] = &[
    client_dep("aws-credential-types", "1.2", true, &[]),
    client_dep("aws-sigv4", "1.3", false, &["sign-http", "http1"]),
    client_dep("aws-smithy-runtime-api", "1.8", false, &["client"]),
    client_dep("bytes", "1", true, &[]),
    client_dep("fastrand", "2", true, &[]),
    client_dep("futures-core", "0.3", true, &[]),
    client_dep("http-body-util", "0.1", true, &[]),
    client_dep("hyper", "1", false, &["client", "http1"]),
    client_dep("hyper-rustls", "0.27", false, &["http1", "ring", "tls12"]),
    client_dep(
        "hyper-util",
        "0.1",
        false,
        &["client-legacy", "http1", "tokio"],
    ),
    client_dep("rustls", "0.23", false, &["ring", "std", "tls12"]),
    client_dep("rustls-native-certs", "0.8", true, &[]),
    client_dep("sha2", "0.11", true, &[]),
    client_dep("tokio", "1", false, &["time"]),
    client_dep("tower-service", "0.3", true, &[]),
];

const fn client_dep(
    name: &'static str,
    version: &'static str,
    default_features: bool,
    features: &'static [&'static str],
) -> Dependency {
    Dependency {
        name,
        version,
        default_features,
        features,
        optional: true,
    }
}

/// The `client` feature: every [`CLIENT_DEPENDENCIES`] entry.
const CLIENT_FEATURE: &[&str] = &[
    "dep:aws-credential-types",
    "dep:aws-sigv4",
    "dep:aws-smithy-runtime-api",
    "dep:bytes",
    "dep:fastrand",
    "dep:futures-core",
    "dep:http-body-util",
    "dep:hyper",
    "dep:hyper-rustls",
    "dep:hyper-util",
    "dep:rustls",
    "dep:rustls-native-certs",
    "dep:sha2",
    "dep:tokio",
    "dep:tower-service",
];

pub const RUST_VERSION: &str = "1.94.1";

/// Event-stream framing, for crates that have event streams.
pub const EVENT_STREAM_DEPENDENCY: Dependency = dep("aws-smithy-eventstream", "0.61");

/// The partitions' region patterns, for crates whose service has endpoint rules (the small
/// regex engine: no Unicode tables, no optimizations a dozen short names would need).
pub const ENDPOINT_RULES_DEPENDENCY: Dependency = dep("regex-lite", "0.1");

/// This crate's dependencies: [`DEPENDENCIES`], and the event-stream framing if it needs it.
fn dependencies(ir: &Ir) -> Vec<&'static Dependency> {
    let mut deps: Vec<&'static Dependency> =
        DEPENDENCIES.iter().chain(CLIENT_DEPENDENCIES).collect();
    if ir.has_event_streams() {
        deps.push(&EVENT_STREAM_DEPENDENCY);
    }
    if ir.service.rule_set.is_some() {
        deps.push(&ENDPOINT_RULES_DEPENDENCY);
    }
    deps.sort_by_key(|d| d.name);
    deps
}

/// Dependencies of the crate's own tests (its documented examples compare JSON values; with
/// the `serde` feature they compare serde_json with the codec, which reads every float to the
/// nearest double: so must serde_json, which takes `float_roundtrip` for that).
pub const DEV_DEPENDENCIES: &[Dependency] = &[Dependency {
    features: &["float_roundtrip"],
    ..dep("serde_json", "1")
}];

#[derive(Serialize)]
struct Manifest {
    package: Package,
    dependencies: BTreeMap<&'static str, Requirement>,
    #[serde(rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<&'static str, Requirement>,
    features: BTreeMap<&'static str, Vec<&'static str>>,
    workspace: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct Package {
    name: String,
    version: &'static str,
    edition: &'static str,
    #[serde(rename = "rust-version")]
    rust_version: &'static str,
    description: String,
    license: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Requirement {
    Version(&'static str),
    Detailed {
        version: &'static str,
        #[serde(rename = "default-features", skip_serializing_if = "is_true")]
        default_features: bool,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        features: &'static [&'static str],
        #[serde(skip_serializing_if = "is_false")]
        optional: bool,
    },
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn requirements<'d>(
    deps: impl IntoIterator<Item = &'d Dependency>,
) -> BTreeMap<&'static str, Requirement> {
    deps.into_iter()
        .map(|d| {
            let requirement = if d.default_features && d.features.is_empty() && !d.optional {
                Requirement::Version(d.version)
            } else {
                Requirement::Detailed {
                    version: d.version,
                    default_features: d.default_features,
                    features: d.features,
                    optional: d.optional,
                }
            };
            (d.name, requirement)
        })
        .collect()
}

/// `Cargo.toml` (without the header the writer adds).
pub fn cargo_toml(ir: &Ir) -> String {
    let service = &ir.service;
    let manifest = Manifest {
        package: Package {
            name: ir.package.clone(),
            version: crate::VERSION,
            edition: "2021",
            rust_version: RUST_VERSION,
            description: format!(
                "{} ({} operations), generated from {}.",
                service.sdk_id.as_deref().unwrap_or(service.id.name()),
                ir.operations.len(),
                ir.source.file_name
            ),
            license: "Apache-2.0",
        },
        dependencies: requirements(dependencies(ir)),
        dev_dependencies: requirements(DEV_DEPENDENCIES),
        features: features(ir),
        workspace: BTreeMap::new(),
    };
    toml::to_string(&manifest).expect("a manifest of strings and tables serializes")
}

/// `gzip` compresses requests of operations with `@requestCompression`; on by default when
/// the crate has such an operation. `serde` implements `Serialize`/`Deserialize` in the awsJson
/// form. `validate-patterns` makes `validate()` check `@pattern`s
/// (every crate has it, whether or not its model has patterns, so that a model update never
/// removes a feature).
fn features(ir: &Ir) -> BTreeMap<&'static str, Vec<&'static str>> {
    let compresses = ir.compresses();
    BTreeMap::from([
        ("default", if compresses { vec!["gzip"] } else { vec![] }),
        ("gzip", vec!["dep:flate2"]),
        ("client", CLIENT_FEATURE.to_vec()),
        (super::validate::PATTERN_FEATURE, vec!["dep:regex"]),
        (
            super::serde_impls::FEATURE,
            vec!["dep:serde", "dep:serde_with"],
        ),
    ])
}
