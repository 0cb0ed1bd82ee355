//! The generated crate's `Cargo.toml`, serialized with the `toml` crate from structs (so key
//! order is fixed by the code, whatever map features a dependency turns on).
//!
//! The manifest carries an empty `[workspace]` table so the crate builds wherever `--out`
//! puts it, even inside another project's workspace; a project that wants it as a workspace
//! member lists it in `exclude` instead and depends on it by path.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::context::Context;

/// One dependency: name, version requirement, whether default features are on, features.
pub type Dependency = (&'static str, &'static str, bool, &'static [&'static str]);

/// The generated crate's dependencies. The only place their versions are decided (the root
/// `Cargo.toml` pins the same ones for the tests; `tests/manifest.rs` checks they agree).
pub const DEPENDENCIES: &[Dependency] = &[
    ("aws-smithy-types", "1.9", true, &[]),
    ("http", "1", true, &[]),
    ("itoa", "1", true, &[]),
    ("jiter", "0.18", false, &[]),
    ("ryu", "1", true, &[]),
    ("uuid", "1", true, &["v4"]),
];

/// Dependencies of the crate's own tests (its documented examples compare JSON values).
pub const DEV_DEPENDENCIES: &[Dependency] = &[("serde_json", "1", true, &[])];

#[derive(Serialize)]
struct Manifest {
    package: Package,
    dependencies: BTreeMap<&'static str, Requirement>,
    #[serde(rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<&'static str, Requirement>,
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
    },
}

fn is_true(value: &bool) -> bool {
    *value
}

fn requirements(deps: &[Dependency]) -> BTreeMap<&'static str, Requirement> {
    deps.iter()
        .map(|&(name, version, default_features, features)| {
            let requirement = if default_features && features.is_empty() {
                Requirement::Version(version)
            } else {
                Requirement::Detailed {
                    version,
                    default_features,
                    features,
                }
            };
            (name, requirement)
        })
        .collect()
}

/// `Cargo.toml` (without the header the writer adds).
pub fn cargo_toml(ctx: &Context) -> String {
    let service = ctx.service_shape();
    let manifest = Manifest {
        package: Package {
            name: ctx.crate_name.clone(),
            version: crate::VERSION,
            edition: "2021",
            rust_version: "1.85",
            description: format!(
                "{} ({} operations), generated from {}.",
                service.traits.sdk_id().unwrap_or(service.id.name()),
                ctx.operations.len(),
                ctx.source.file_name
            ),
            license: "Apache-2.0",
        },
        dependencies: requirements(DEPENDENCIES),
        dev_dependencies: requirements(DEV_DEPENDENCIES),
        workspace: BTreeMap::new(),
    };
    toml::to_string(&manifest).expect("a manifest of strings and tables serializes")
}
