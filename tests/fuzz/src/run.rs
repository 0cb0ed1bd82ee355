//! Driving a target: mutate, run under `catch_unwind`, keep what is new, save what panics.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fastrand::Rng;

use crate::mutate::mutate;
use crate::targets::Target;

/// How long one execution may take before it counts as a finding (a hang, or work out of
/// proportion to the input).
pub const SLOW: Duration = Duration::from_secs(2);

/// At most this many inputs are kept to mutate from.
const CORPUS_LIMIT: usize = 4096;

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Inputs run.
    pub executions: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Inputs in the corpus at the end (seeds and inputs with new outcomes).
    pub corpus: usize,
    /// Distinct outcomes seen.
    pub outcomes: usize,
    /// Panics and slow inputs: (what happened, where the input was saved).
    pub findings: Vec<(String, PathBuf)>,
}

/// The panic message of the execution under way (the hook stores it, quietly).
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Replaces the panic hook with one that records the message instead of printing it.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(info.to_string());
    }));
}

/// Runs `input` through `target`: its outcome, or the panic message.
pub fn execute(target: &Target, input: &[u8]) -> Result<String, String> {
    catch_unwind(AssertUnwindSafe(|| (target.run)(input))).map_err(|_| {
        PANIC
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}

/// Fuzzes `target` until `budget` passes or `max_executions` have run, from `seed`; findings
/// are saved under `findings/<target>/`.
pub fn fuzz(
    target: &Target,
    seed: u64,
    budget: Duration,
    max_executions: u64,
    findings: &Path,
) -> Report {
    let mut rng = Rng::with_seed(seed);
    let mut corpus = (target.seeds)();
    let mut outcomes = BTreeSet::new();
    let mut seen_panics = BTreeSet::new();
    let mut report = Report::default();
    let started = Instant::now();
    // The seeds first, as they are.
    let mut queue: Vec<Vec<u8>> = corpus.clone();
    loop {
        if report.executions >= max_executions
            || (report.executions % 64 == 0 && started.elapsed() >= budget)
        {
            break;
        }
        let input = match queue.pop() {
            Some(input) => input,
            None => {
                let base = &corpus[rng.usize(0..corpus.len())];
                mutate(&mut rng, base, target.head_lines, &corpus)
            }
        };
        let began = Instant::now();
        let result = execute(target, &input);
        let took = began.elapsed();
        report.executions += 1;
        let problem = match result {
            Ok(outcome) => {
                if outcomes.insert(outcome) && corpus.len() < CORPUS_LIMIT {
                    corpus.push(input.clone());
                }
                (took > SLOW).then(|| format!("slow: {took:?} for {} bytes", input.len()))
            }
            Err(panic) => Some(format!("panic: {panic}")),
        };
        if let Some(problem) = problem {
            // One saved input per distinct problem (its first line: the location).
            let key = problem.lines().next().unwrap_or_default().to_owned();
            if seen_panics.insert(key) {
                let path = save(findings, target.name, &input);
                report.findings.push((problem, path));
            }
        }
    }
    report.elapsed = started.elapsed();
    report.corpus = corpus.len();
    report.outcomes = outcomes.len();
    report
}

/// Saves a finding's input as `<dir>/<target>/<hash>.bin`; its path.
fn save(dir: &Path, target: &str, input: &[u8]) -> PathBuf {
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let folder = dir.join(target);
    let path = folder.join(format!("{hash:016x}.bin"));
    if std::fs::create_dir_all(&folder).is_ok() {
        let _ = std::fs::write(&path, input);
    }
    path
}
