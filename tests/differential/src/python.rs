//! The Python side of the tests: the interpreter (`PYTHON`, default `python3`) and the pinned
//! packages of a requirements file of this package, provisioned on first use.
//!
//! If the interpreter does not already have every pinned distribution at its exact version
//! (and import the modules a [`Requirements`] names), the file is installed with pip into a
//! folder of `target/`, which then goes first on the `PYTHONPATH` of the scripts and servers
//! the tests run. So `cargo test --workspace` needs nothing installed by hand beyond Python 3
//! with pip; without them the tests fail (they never skip), saying how to install by hand.
//!
//! - [`BOTOCORE`] (`requirements.txt`): botocore, for `botocore_parse.py` ([`crate::botocore`]).
//! - [`MOTO`] (`requirements-moto.txt`): moto's server, with the same botocore, for
//!   `tests/moto.rs` ([`crate::moto`]).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::model::package_dir;

/// The interpreter the tests run: `PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// A requirements file of this package, and where pip installs it when the interpreter lacks it.
pub struct Requirements {
    /// The file, in this package's folder. Every line is `name==version` (extras allowed:
    /// `moto[server]==5.2.5`), `-r other.txt`, a comment or blank.
    pub file: &'static str,
    /// The folder of `target/` pip installs into.
    pub target: &'static str,
    /// Modules that must import, beyond the pinned versions (`moto.server`, which needs the
    /// `server` extra's packages).
    pub imports: &'static [&'static str],
    path: OnceLock<Option<PathBuf>>,
}

/// botocore (`requirements.txt`), for the botocore comparisons.
pub static BOTOCORE: Requirements = Requirements {
    file: "requirements.txt",
    target: "differential-python",
    imports: &["botocore"],
    path: OnceLock::new(),
};

/// moto's server and the botocore it runs with (`requirements-moto.txt`), for `tests/moto.rs`.
pub static MOTO: Requirements = Requirements {
    file: "requirements-moto.txt",
    target: "differential-python-moto",
    imports: &["botocore", "moto", "moto.server"],
    path: OnceLock::new(),
};

impl Requirements {
    /// The command that installs the file by hand (from the project root).
    pub fn install_command(&self) -> String {
        format!(
            "python3 -m pip install --quiet -r tests/differential/{}",
            self.file
        )
    }

    /// The `name == version` pins of the file and of the files it includes (`-r`).
    pub fn pins(&self) -> Vec<(String, String)> {
        let mut pins = Vec::new();
        read_pins(&package_dir().join(self.file), &mut pins);
        assert!(!pins.is_empty(), "{} pins nothing", self.file);
        pins
    }

    /// The `PYTHONPATH` entry that provides the pinned packages (`None`: the interpreter has
    /// them), installed on first use. Panics, saying how to install them by hand, if they
    /// cannot be.
    pub fn python_path(&self) -> Option<PathBuf> {
        self.path
            .get_or_init(|| self.provision(&python()).unwrap_or_else(|e| panic!("{e}")))
            .clone()
    }

    /// [`python_path`](Self::python_path) for the given interpreter, uncached; the error says
    /// what failed and how to install the packages by hand. Concurrent installs (test
    /// processes, or tests of one process) each go into a folder of their own and the first to
    /// finish moves it into place.
    pub fn provision(&self, python: &str) -> Result<Option<PathBuf>, String> {
        let pins = self.pins();
        let wanted = pins
            .iter()
            .map(|(name, version)| format!("{name}=={version}"))
            .collect::<Vec<_>>()
            .join(", ");
        let install = self.install_command();
        if self.satisfied(python, &pins, None) {
            return Ok(None);
        }
        let target = package_dir().join("../../target").join(self.target);
        if self.satisfied(python, &pins, Some(&target)) {
            return Ok(Some(target));
        }
        // Unique to this call: another test of this process may be provisioning too.
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, Ordering::Relaxed);
        let staging = target.with_extension(format!("tmp-{}-{call}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        let output = Command::new(python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(["--no-warn-script-location", "--target"])
            .arg(&staging)
            .arg("-r")
            .arg(package_dir().join(self.file))
            .output()
            .map_err(|e| {
                format!("cannot run `{python} -m pip` ({e}) to install {wanted}; install them with `{install}`")
            })?;
        if !output.status.success() {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(format!(
                "installing {wanted} into {} failed ({}):\n{}\ninstall them with `{install}`",
                staging.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        if target.exists() && !self.satisfied(python, &pins, Some(&target)) {
            // Left by an older pin.
            let _ = std::fs::remove_dir_all(&target);
        }
        if std::fs::rename(&staging, &target).is_err() {
            // Another process moved its copy into place first.
            let _ = std::fs::remove_dir_all(&staging);
        }
        if !self.satisfied(python, &pins, Some(&target)) {
            return Err(format!(
                "{wanted} installed into {} does not import; install them with `{install}`",
                target.display()
            ));
        }
        Ok(Some(target))
    }

    /// Whether `python` (with `path` first on `PYTHONPATH`) has every pinned distribution at
    /// its version and imports the modules.
    fn satisfied(&self, python: &str, pins: &[(String, String)], path: Option<&Path>) -> bool {
        let script = format!(
            "import importlib, importlib.metadata as m, sys\n\
             for module in {imports:?}: importlib.import_module(module)\n\
             sys.exit(any(m.version(n) != v for n, v in {pins:?}))",
            imports = self.imports,
            pins = pins,
        );
        let mut command = Command::new(python);
        command.args(["-c", &script]);
        if let Some(path) = path {
            command.env("PYTHONPATH", path);
        }
        command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

/// Adds the pins of the requirements file `path` (and of those it includes) to `pins`.
fn read_pins(path: &Path, pins: &mut Vec<(String, String)>) {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        if let Some(included) = line.strip_prefix("-r") {
            let dir = path.parent().expect("a file has a folder");
            read_pins(&dir.join(included.trim()), pins);
            continue;
        }
        let (name, version) = line
            .split_once("==")
            .unwrap_or_else(|| panic!("{}: `{line}` is not `name==version`", path.display()));
        // `moto[server]` is the distribution `moto`.
        let name = name.split('[').next().unwrap_or_default().trim();
        pins.push((name.to_owned(), version.trim().to_owned()));
    }
}
