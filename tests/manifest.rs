//! Manifests tell the truth: the generated crate's dependency versions are the ones the
//! workspace pins for its tests, and every `rust-version` (the generated crates', the
//! workspace's) is at least the highest `rust-version` of the dependency versions it resolves
//! to, as `cargo metadata` reports them with the workspace's lock file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use smithy_codegen::emit::manifest::{
    CLIENT_DEPENDENCIES, DEPENDENCIES, DEV_DEPENDENCIES, ENDPOINT_RULES_DEPENDENCY,
    EVENT_STREAM_DEPENDENCY, RUST_VERSION,
};
use tests::{generate_fixture, project_root};

/// `major.minor.patch` as numbers (a missing part is 0).
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text.split('.').map(|p| {
        p.parse()
            .unwrap_or_else(|_| panic!("not a version: {text}"))
    });
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

/// `cargo metadata` for the manifest in `dir` (resolving every feature).
fn metadata(dir: &Path) -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--all-features"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo metadata failed for {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

/// A workspace member's `rust-version` and what its dependencies need.
struct RustVersions {
    /// The package's name.
    name: String,
    /// The `rust-version` it declares.
    declared: String,
    /// The highest `rust-version` among the packages it depends on (normal and build
    /// dependencies, transitively): that package (name and version) and its `rust-version`.
    highest: Option<(String, String)>,
}

/// Each workspace member's [`RustVersions`].
fn rust_versions(metadata: &Value) -> Vec<RustVersions> {
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let mut results = Vec::new();
    for member in metadata["workspace_members"].as_array().unwrap() {
        let member = member.as_str().unwrap();
        let declared = packages[member]["rust_version"]
            .as_str()
            .unwrap_or_else(|| panic!("{member} declares no rust-version"))
            .to_owned();
        let mut seen = BTreeSet::new();
        let mut pending = vec![member];
        let mut highest: Option<(String, String)> = None;
        while let Some(id) = pending.pop() {
            for dep in nodes[id]["deps"].as_array().unwrap() {
                // Dev-dependencies build only the package's own tests, not what users compile.
                let used = dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].as_str() != Some("dev"));
                let dep_id = dep["pkg"].as_str().unwrap();
                if !used || !seen.insert(dep_id) {
                    continue;
                }
                pending.push(dep_id);
                let package = packages[dep_id];
                if let Some(required) = package["rust_version"].as_str() {
                    if highest
                        .as_ref()
                        .is_none_or(|(_, v)| version(required) > version(v))
                    {
                        highest = Some((
                            format!(
                                "{} {}",
                                package["name"].as_str().unwrap(),
                                package["version"]
                            ),
                            required.to_owned(),
                        ));
                    }
                }
            }
        }
        results.push(RustVersions {
            name: packages[member]["name"].as_str().unwrap().to_owned(),
            declared,
            highest,
        });
    }
    results
}

/// Fails naming every package whose declared `rust-version` is below what it resolves to.
fn assert_honest(metadata: &Value) {
    let mut problems = Vec::new();
    for RustVersions {
        name,
        declared,
        highest,
    } in rust_versions(metadata)
    {
        if let Some((package, required)) = highest {
            if version(&declared) < version(&required) {
                problems.push(format!(
                    "{name} declares rust-version {declared}, but depends on {package}, which needs {required}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A generated crate written to a scratch folder with the workspace's lock file.
fn scratch_crate(name: &str, krate: &smithy_codegen::GeneratedCrate) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("manifest")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    krate.write(&dir).unwrap();
    std::fs::copy(project_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

#[test]
fn generated_rust_version_covers_its_dependencies() {
    // The event-stream fixture pulls in every optional dependency: event-stream framing, and
    // gzip (through `--all-features`).
    let dir = scratch_crate("event_streams", &generate_fixture("event_streams"));
    let metadata = metadata(&dir);
    let RustVersions {
        declared, highest, ..
    } = rust_versions(&metadata).remove(0);
    assert_eq!(declared, RUST_VERSION);
    let (package, required) = highest.expect("the crate has dependencies");
    assert!(
        version(RUST_VERSION) >= version(&required),
        "generated crates declare rust-version {RUST_VERSION}, but depend on {package}, which needs {required}"
    );
}

#[test]
fn workspace_rust_versions_cover_their_dependencies() {
    assert_honest(&metadata(&project_root()));
}

/// The versions the generator writes into generated manifests are the ones the workspace pins
/// (the root `Cargo.toml`'s `[workspace.dependencies]`), so the project's own tests build
/// generated code against what users get.
#[test]
fn generated_dependency_versions_match_the_workspace() {
    let root: toml::Table = std::fs::read_to_string(project_root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let pinned = root["workspace"]["dependencies"].as_table().unwrap();
    let mut problems = Vec::new();
    for dep in DEPENDENCIES
        .iter()
        .chain(DEV_DEPENDENCIES)
        .chain(CLIENT_DEPENDENCIES)
        .chain([&EVENT_STREAM_DEPENDENCY, &ENDPOINT_RULES_DEPENDENCY])
    {
        let workspace = match pinned.get(dep.name) {
            Some(toml::Value::String(v)) => v.as_str(),
            Some(toml::Value::Table(t)) => t["version"].as_str().unwrap(),
            _ => {
                problems.push(format!("{} is not in [workspace.dependencies]", dep.name));
                continue;
            }
        };
        if workspace != dep.version {
            problems.push(format!(
                "{}: generated manifests say {}, the workspace {workspace}",
                dep.name, dep.version
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
