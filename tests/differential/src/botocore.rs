//! botocore's side: `botocore_parse.py` (and `botocore_sign.py`, through [`run_script`]), run
//! by the Python from `PYTHON` (default `python3`), one process for a whole batch.
//!
//! The pinned botocore (`requirements.txt`) is provisioned on first use ([`crate::python`]): if
//! the interpreter does not already import that exact version, it is installed with pip into
//! `target/differential-python` and put first on the script's `PYTHONPATH`. So
//! `cargo test --workspace` needs nothing installed by hand beyond Python 3 with pip.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::json::Json;
use crate::model::package_dir;

/// The command that installs what the Python side needs, by hand.
pub const INSTALL: &str = "python3 -m pip install --quiet -r tests/differential/requirements.txt";

fn python() -> String {
    crate::python::python()
}

/// The `PYTHONPATH` entry that provides the pinned botocore (`None`: the interpreter has it),
/// installed on first use ([`crate::python::BOTOCORE`]).
fn python_path() -> Option<PathBuf> {
    crate::python::BOTOCORE.python_path()
}

/// Runs `botocore_parse.py` with `args`, feeding it `input`; its stdout.
fn run(args: &[&str], input: Vec<u8>) -> Vec<u8> {
    run_script("botocore_parse.py", args, input)
}

/// Runs `script` (a Python file of this package, e.g. `botocore_sign.py`) with the pinned
/// botocore on its `PYTHONPATH` and `args`, feeding it `input`; its stdout. Panics, with the way
/// to fix it, if Python or botocore is missing (the script exits with 3 when it cannot import
/// botocore): these tests must fail, not skip, without them.
pub fn run_script(script: &str, args: &[&str], input: Vec<u8>) -> Vec<u8> {
    let name = script;
    let script = package_dir().join(name);
    let mut command = Command::new(python());
    if let Some(path) = python_path() {
        command.env("PYTHONPATH", path);
    }
    let mut child = command
        .arg(&script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{} {}` ({e}): the botocore comparison needs Python 3 with botocore; \
                 install botocore with `{INSTALL}`",
                python(),
                script.display()
            )
        });
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || {
        // A script that dies early closes its stdin: the exit status below says why.
        let _ = stdin.write_all(&input);
    });
    let mut stdout = Vec::new();
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_to_end(&mut stdout)
        .expect("read the script's output");
    let mut stderr = String::new();
    let _ = child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr);
    let status = child.wait().expect("the script ends");
    writer.join().expect("the writer thread ends");
    if status.code() == Some(3) {
        panic!("botocore is missing, so the botocore comparison cannot run: {stderr}(run `{INSTALL}` from the project root)");
    }
    assert!(
        status.success(),
        "`{name} {}` failed ({status}):\n{stderr}",
        args.join(" ")
    );
    stdout
}

/// One body for botocore to parse as an operation's output.
pub struct ParseCase<'a> {
    pub operation: &'a str,
    pub body: &'a str,
}

/// botocore's parse of each body (in order): the parsed output, or what botocore raised.
pub fn parse_outputs(cases: &[ParseCase<'_>]) -> Vec<Result<Json, String>> {
    let mut input = String::new();
    for case in cases {
        let line = Json::Object(vec![
            ("operation".into(), Json::String(case.operation.into())),
            ("status".into(), Json::int(200)),
            ("body".into(), Json::String(case.body.into())),
        ]);
        input.push_str(&line.to_text());
        input.push('\n');
    }
    let output = run(&["parse"], input.into_bytes());
    let results: Vec<Result<Json, String>> = output
        .split(|b| *b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let result = Json::parse(line).expect("the script writes JSON lines");
            match (result.get("ok"), result.get("error")) {
                (Some(ok), _) => Ok(ok.clone()),
                (None, Some(Json::String(e))) => Err(e.clone()),
                _ => panic!("unexpected line from the script: {result}"),
            }
        })
        .collect();
    assert_eq!(results.len(), cases.len(), "the script answered every body");
    results
}

/// What botocore's FSx model says about the operations.
#[derive(Clone, Debug)]
pub struct BotocoreModel {
    /// botocore's version.
    pub version: String,
    /// The model's API version.
    pub api_version: String,
    /// Member names of every structure reachable from the outputs and errors.
    pub structures: BTreeMap<String, BTreeSet<String>>,
    /// Each operation's error codes.
    pub errors: BTreeMap<String, BTreeSet<String>>,
}

/// botocore's view of `operations`' outputs and errors.
pub fn model(operations: &[&str]) -> BotocoreModel {
    let mut args = vec!["shapes"];
    args.extend_from_slice(operations);
    let output = run(&args, Vec::new());
    let json = Json::parse(&output).expect("the script writes JSON");
    let names = |value: &Json| -> BTreeSet<String> {
        match value {
            Json::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
            _ => panic!("expected a list of names, got {value}"),
        }
    };
    let map = |key: &str| -> BTreeMap<String, BTreeSet<String>> {
        match json.get(key) {
            Some(Json::Object(members)) => {
                members.iter().map(|(k, v)| (k.clone(), names(v))).collect()
            }
            _ => panic!("the script's output has no {key}"),
        }
    };
    BotocoreModel {
        version: json
            .get("version")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned(),
        api_version: json
            .get("api_version")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned(),
        structures: map("structures"),
        errors: map("errors"),
    }
}
