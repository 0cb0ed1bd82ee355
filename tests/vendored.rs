//! The project stands alone: every vendored input in `model/` is the unmodified file its row in
//! `model/README.md` describes (same sha256), every file there has a row, every path in
//! `xtask::inputs` exists, and no project file points outside the project for its inputs.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};
use tests::project_root;
use xtask::inputs;

/// The provenance table's rows: file (relative to `model/`) → sha256.
fn provenance() -> BTreeMap<String, String> {
    let readme = std::fs::read_to_string(project_root().join("model/README.md")).unwrap();
    let mut rows = BTreeMap::new();
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let Some(sha) = cells
            .last()
            .and_then(|c| c.strip_prefix('`')?.strip_suffix('`'))
        else {
            continue;
        };
        if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            let file = cells[0].trim_matches('`').to_owned();
            assert!(
                rows.insert(file.clone(), sha.to_owned()).is_none(),
                "{file} has two rows in model/README.md"
            );
        }
    }
    rows
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Files under `dir`, relative to it, in path order.
fn files_under(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
        if path.is_dir() {
            files_under(&path, &format!("{name}/"), out);
        } else {
            out.push(name);
        }
    }
}

/// Files the project wrote itself: no upstream, no row.
fn is_project_file(file: &str) -> bool {
    file == "README.md" || file.starts_with("fixtures/") || file == "examples/fsx-seed-pages.json"
}

#[test]
fn every_vendored_file_is_the_published_one() {
    let rows = provenance();
    assert!(
        rows.len() >= 9,
        "model/README.md lists {} files",
        rows.len()
    );
    let model = project_root().join("model");
    let mut files = Vec::new();
    files_under(&model, "", &mut files);
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| !is_project_file(f)) {
        match rows.get(file) {
            None => problems.push(format!(
                "model/{file} has no provenance row in model/README.md"
            )),
            Some(expected) => {
                let actual = sha256(&model.join(file));
                if &actual != expected {
                    problems.push(format!(
                        "model/{file} has sha256 {actual}, but model/README.md says {expected}: \
                         vendored files stay unmodified"
                    ));
                }
            }
        }
    }
    for file in rows.keys() {
        if !files.contains(file) {
            problems.push(format!(
                "model/README.md lists model/{file}, which is missing"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_input_path_exists_in_the_project() {
    let mut paths = vec![
        inputs::FSX_MODEL,
        inputs::FSX_MODEL_2025_05_20,
        inputs::FSX_BOTOCORE_EXAMPLES,
        inputs::FSX_SEED_EXAMPLES,
    ];
    paths.extend(inputs::PROTOCOL_SUITES);
    for model in inputs::AWS_MODELS {
        paths.push(model.path);
        paths.extend(model.examples);
        paths.extend(model.partitions);
    }
    for path in paths {
        assert!(path.starts_with("model/"), "{path} is not in model/");
        assert!(inputs::path(path).is_file(), "{path} is missing");
    }
}

/// No file of the project reaches beside the project root for an input.
#[test]
fn nothing_reads_beside_the_project() {
    let beside = ["..", "/shared"].concat();
    let root = project_root();
    let mut files = Vec::new();
    for dir in ["codegen", "xtask", "tests", ".ci", "generated"] {
        files_under(&root.join(dir), &format!("{dir}/"), &mut files);
    }
    files.extend(
        [
            "Cargo.toml",
            "README.md",
            "ARCHITECTURE.md",
            "model/README.md",
        ]
        .map(str::to_owned),
    );
    let offenders: Vec<&String> = files
        .iter()
        .filter(|f| !f.contains("/target/") && !f.starts_with("generated/target"))
        .filter(|f| {
            std::fs::read(root.join(f))
                .map(|bytes| String::from_utf8_lossy(&bytes).contains(&beside))
                .unwrap_or(false)
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "these files refer to {beside}: {offenders:?}"
    );
}
