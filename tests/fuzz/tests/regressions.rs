//! Every input fuzzing ever found a problem with (`regressions/<target>/`) runs through its
//! target again, and must not panic. A finding becomes a regression by moving its saved input
//! here with a name that says what it was.

use fuzz::run::{execute, quiet_panics};
use fuzz::targets::{target, TARGETS};

#[test]
fn saved_findings_no_longer_panic() {
    quiet_panics();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut ran = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&root).expect("tests/fuzz/regressions") {
        let folder = entry.expect("an entry").path();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let target = target(&name).unwrap_or_else(|| panic!("regressions/{name}: no such target"));
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let input = std::fs::read(&file).unwrap();
            if let Err(panic) = execute(target, &input) {
                failures.push(format!("{}: {panic}", file.display()));
            }
            ran += 1;
        }
    }
    drop(std::panic::take_hook());
    assert!(ran > 0, "no regressions found under {}", root.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every target runs its own seeds without a problem: the seeds are valid inputs.
#[test]
fn seeds_run_cleanly() {
    // Seeds are read before panics are silenced, so that a seed that cannot be read says why.
    let seeds: Vec<_> = TARGETS.iter().map(|t| (t, (t.seeds)())).collect();
    quiet_panics();
    let mut failures = Vec::new();
    for (t, seeds) in seeds {
        for seed in seeds {
            if let Err(panic) = execute(t, &seed) {
                failures.push(format!(
                    "{}: a seed panics: {panic}\n{}",
                    t.name,
                    String::from_utf8_lossy(&seed)
                ));
            }
        }
    }
    // The default hook again, so that the failure below is printed.
    drop(std::panic::take_hook());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
