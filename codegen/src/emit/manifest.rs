//! The generated crate's `Cargo.toml`, serialized with the `toml` crate.
//!
//! The manifest carries an empty `[workspace]` table so the crate builds wherever `--out`
//! puts it, even inside another project's workspace; a project that wants it as a workspace
//! member lists it in `exclude` instead and depends on it by path.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::context::Context;

/// Versions of the generated crate's dependencies; the only place they are decided.
pub const DEPENDENCIES: &[(&str, &str)] = &[("aws-smithy-types", "1.9")];

#[derive(Serialize)]
struct Manifest {
    package: Package,
    dependencies: BTreeMap<&'static str, &'static str>,
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
                "Types for {} ({} operations), generated from {}.",
                service.traits.sdk_id().unwrap_or(service.id.name()),
                ctx.operations.len(),
                ctx.source.file_name
            ),
            license: "Apache-2.0",
        },
        dependencies: DEPENDENCIES.iter().copied().collect(),
        workspace: BTreeMap::new(),
    };
    toml::to_string(&manifest).expect("a manifest of plain strings serializes")
}
