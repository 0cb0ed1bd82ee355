//! The generated FSx crate against aws-sdk-fsx 1.133.0 on the same inputs, in one process run
//! (`cargo xtask bench` runs `cargo bench -p bench --bench compare` and prints what this prints
//! on stdout):
//!
//! ```text
//! BENCH <case> ours=<ns> aws-sdk-fsx=<ns> ratio=<aws-sdk-fsx / ours>
//! LIMIT <case> ignored_any=<ns>      serde_json skimming the same body into IgnoredAny
//! GEN <case> <ms>                    smithy_codegen::plan + emit_crate on the FSx model
//! SIZE <case> ours=<n> aws-sdk-fsx=<n> ratio=<aws-sdk-fsx / ours>
//! ```
//!
//! `SIZE` counts the generated crate's Rust source (`src/`) against aws-sdk-fsx's: `<case>_lines`
//! the lines of code (not blank, not a comment: doc comments are not code), `<case>_bytes`
//! everything.
//!
//! Every number is a median over rounds; in each round every contestant of a case runs one
//! batch (sized to a few milliseconds after a warm-up), in an order that rotates from round to
//! round, so that ours and theirs see the same machine. Before any timing, both sides are checked
//! to read every body to the same backups and to write the requests as equal JSON.
//!
//! Arguments (after `--`): words filter the cases by substring; `--quick` runs fewer, shorter
//! rounds; `--profile=<case>:<ours|aws-sdk-fsx|ignored_any>` runs one contestant alone for ten
//! seconds (for a profiler). Run without `--bench` (as `cargo test --benches` does), it only
//! validates.

mod common;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use aws_sdk_fsx as sdk;
use aws_smithy_json::codec::JsonCodec;
use aws_smithy_json::protocol::aws_json_rpc::AwsJsonRpcProtocol;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_runtime_api::client::ser_de::{DeserializeResponse, SharedResponseDeserializer};
use aws_smithy_runtime_api::http::StatusCode as SdkStatus;
use aws_smithy_schema::codec::Codec;
use aws_smithy_schema::protocol::SharedClientProtocol;
use aws_smithy_schema::serde::{SerializableStruct, ShapeSerializer};
use aws_smithy_schema::Schema;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{ConfigBag, Layer};
use bench::Examples;
use bytes::Bytes;
use common::sdk_codec;
use fsx::operation::describe_backups;
use sdk::error::ProvideErrorMetadata;
use sdk::operation::RequestId;
use serde::de::IgnoredAny;
use serde_json::Value;

/// The response sizes (number of backups) of the parse cases.
const SIZES: [usize; 4] = [1, 100, 1_000, 10_000];

/// The endpoint the sans-IO call resolves to (the SDK's for us-east-1).
const ENDPOINT: &str = "https://fsx.us-east-1.amazonaws.com";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut mode = if args.iter().any(|a| a == "--bench") {
        Mode::Time
    } else {
        Mode::Validate
    };
    let mut settings = Settings::FULL;
    let mut filters = Vec::new();
    for arg in &args {
        if arg == "--quick" {
            settings = Settings::QUICK;
        } else if let Some(target) = arg.strip_prefix("--profile=") {
            mode = Mode::Profile(target.to_owned());
        } else if !arg.starts_with('-') {
            filters.push(arg.as_str());
        }
    }
    match run(&mode, settings, &filters) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Mode {
    /// Check the inputs and both sides' results, time nothing (`cargo test --benches`).
    Validate,
    /// Time every (wanted) case.
    Time,
    /// `--profile=<case>:<ours|aws-sdk-fsx|ignored_any>`: run that one contestant alone for ten
    /// seconds, for `perf record` or `valgrind --tool=callgrind`.
    Profile(String),
}

/// A case: ours and aws-sdk-fsx on the same input, and serde_json's skim of the same body where
/// there is one.
struct Case<'a> {
    name: String,
    bytes: usize,
    ours: Batch<'a>,
    theirs: Batch<'a>,
    ignored_any: Option<Batch<'a>>,
}

fn run(mode: &Mode, settings: Settings, filters: &[&str]) -> Result<(), String> {
    let wanted = |case: &str| filters.is_empty() || filters.iter().any(|f| case.contains(f));
    let inputs = Inputs::new()?;
    inputs.validate()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|e| format!("cannot start a tokio runtime: {e}"))?;
    let cases = cases(&inputs, &runtime);
    match mode {
        Mode::Validate => {
            eprintln!("validated (run with --bench to time)");
            Ok(())
        }
        Mode::Profile(target) => {
            let (name, side) = target
                .split_once(':')
                .ok_or("--profile=<case>:<ours|aws-sdk-fsx|ignored_any>")?;
            let mut case = cases
                .into_iter()
                .find(|c| c.name == name)
                .ok_or_else(|| format!("no case {name}"))?;
            let contestant = match side {
                "ours" => &mut case.ours,
                "aws-sdk-fsx" => &mut case.theirs,
                "ignored_any" => case.ignored_any.as_mut().ok_or("no ignored_any here")?,
                _ => return Err(format!("no side {side}")),
            };
            let start = Instant::now();
            let mut calls = 0u64;
            while start.elapsed() < Duration::from_secs(10) {
                contestant(16);
                calls += 16;
            }
            eprintln!("{name} {side}: {calls} calls in {:.1?}", start.elapsed());
            Ok(())
        }
        Mode::Time => {
            for mut case in cases.into_iter().filter(|c| wanted(&c.name)) {
                let mut contestants = vec![case.ours, case.theirs];
                contestants.extend(case.ignored_any.take());
                let medians = settings.measure(&mut contestants);
                report(
                    &case.name,
                    medians[0],
                    medians[1],
                    medians.get(2).copied(),
                    case.bytes,
                );
            }
            generation(settings, &wanted)
        }
    }
}

/// Every case, in the order they are reported.
fn cases<'a>(inputs: &'a Inputs, runtime: &'a tokio::runtime::Runtime) -> Vec<Case<'a>> {
    let mut cases = Vec::new();
    for (count, body) in SIZES.iter().zip(&inputs.bodies) {
        let codec = sdk_codec();
        cases.push(Case {
            name: format!("parse_describe_backups_{count}"),
            bytes: body.len(),
            ours: batch(|| {
                fsx::json::from_slice::<describe_backups::DescribeBackupsOutput>(black_box(body))
                    .unwrap()
            }),
            theirs: batch(move || {
                sdk::operation::describe_backups::DescribeBackupsOutput::deserialize(
                    &mut codec.create_deserializer(black_box(body)),
                )
                .unwrap()
            }),
            ignored_any: Some(skim(body)),
        });
    }

    let (body, codec) = (&inputs.model_order_body, sdk_codec());
    cases.push(Case {
        name: "parse_describe_backups_1000_model_order".into(),
        bytes: body.len(),
        ours: batch(|| {
            fsx::json::from_slice::<describe_backups::DescribeBackupsOutput>(black_box(body))
                .unwrap()
        }),
        theirs: batch(move || {
            sdk::operation::describe_backups::DescribeBackupsOutput::deserialize(
                &mut codec.create_deserializer(black_box(body)),
            )
            .unwrap()
        }),
        ignored_any: Some(skim(body)),
    });

    let (ours_input, sdk_input, codec) = (
        inputs.copy_backup.ours(),
        sdk_copy_backup(&inputs.copy_backup),
        sdk_codec(),
    );
    cases.push(Case {
        name: "serialize_copy_backup".into(),
        bytes: 0,
        ours: batch(move || fsx::json::to_vec(black_box(&ours_input)).unwrap()),
        theirs: batch(move || {
            sdk_serialize(
                &codec,
                sdk::operation::copy_backup::CopyBackupInput::SCHEMA,
                black_box(&sdk_input),
            )
        }),
        ignored_any: None,
    });
    // The same, ours into a buffer reused from call to call (`to_writer`).
    let (ours_input, sdk_input, codec) = (
        inputs.copy_backup.ours(),
        sdk_copy_backup(&inputs.copy_backup),
        sdk_codec(),
    );
    let mut buffer = Vec::new();
    cases.push(Case {
        name: "serialize_copy_backup_reused_buffer".into(),
        bytes: 0,
        ours: batch(move || {
            buffer.clear();
            fsx::json::to_writer(&mut buffer, black_box(&ours_input)).unwrap();
            buffer.len()
        }),
        theirs: batch(move || {
            sdk_serialize(
                &codec,
                sdk::operation::copy_backup::CopyBackupInput::SCHEMA,
                black_box(&sdk_input),
            )
        }),
        ignored_any: None,
    });
    let (ours_input, sdk_input, codec) = (
        inputs.create_backup.ours(),
        sdk_create_backup(&inputs.create_backup),
        sdk_codec(),
    );
    cases.push(Case {
        name: "serialize_create_backup".into(),
        bytes: 0,
        ours: batch(move || fsx::json::to_vec(black_box(&ours_input)).unwrap()),
        theirs: batch(move || {
            sdk_serialize(
                &codec,
                sdk::operation::create_backup::CreateBackupInput::SCHEMA,
                black_box(&sdk_input),
            )
        }),
        ignored_any: None,
    });

    let error = &inputs.error;
    let sdk_error = SdkResponseParser::new(error);
    cases.push(Case {
        name: "parse_error_backup_not_found".into(),
        bytes: error.body.len(),
        ours: batch(|| error.ours_describe_backups().unwrap_err()),
        theirs: batch(move || sdk_error.parse().unwrap_err()),
        ignored_any: Some(skim(&error.body)),
    });

    // Endpoint resolution from the model's rules: ours walks the compiled ruleset; the SDK's
    // runs its own generated resolver (through its future, ready at once).
    {
        use sdk::config::endpoint::ResolveEndpoint as _;
        let ours_params = fsx::endpoint::Params::builder()
            .region("us-east-1")
            .use_fips(true)
            .build()
            .unwrap();
        let sdk_params = sdk::config::endpoint::Params::builder()
            .region("us-east-1")
            .use_fips(true)
            .build()
            .unwrap();
        let resolver = sdk::config::endpoint::DefaultResolver::new();
        cases.push(Case {
            name: "resolve_endpoint_fips".into(),
            bytes: 0,
            ours: batch(move || fsx::endpoint::resolve(black_box(&ours_params)).unwrap()),
            theirs: batch(move || {
                runtime
                    .block_on(resolver.resolve_endpoint(black_box(&sdk_params)))
                    .unwrap()
            }),
            ignored_any: None,
        });
    }

    for (name, body) in [
        ("call_describe_backups_empty", &inputs.empty_body),
        ("call_describe_backups_1000", &inputs.bodies[2]),
    ] {
        let response = Response::ok(body.clone());
        let client = sdk_client(&response);
        cases.push(Case {
            name: name.into(),
            bytes: body.len(),
            ours: batch(move || response.ours_call().unwrap()),
            theirs: batch(move || runtime.block_on(client.describe_backups().send()).unwrap()),
            ignored_any: None,
        });
    }

    // The same call through both clients, the whole of it: endpoint resolution, serialization,
    // SigV4 signing (both have static credentials), an in-process fake HTTP client answering
    // the response (a fresh copy of its body each time, on both sides), and parsing.
    for (name, body) in [
        ("client_describe_backups_empty", &inputs.empty_body),
        ("client_describe_backups_1000", &inputs.bodies[2]),
    ] {
        let response = Response::ok(body.clone());
        let ours = ours_client(&response, None);
        let theirs = sdk_client_with(&response, SdkBodyMode::Copy, None);
        cases.push(Case {
            name: name.into(),
            bytes: body.len(),
            ours: batch(move || runtime.block_on(ours.describe_backups().send()).unwrap()),
            theirs: batch(move || runtime.block_on(theirs.describe_backups().send()).unwrap()),
            ignored_any: None,
        });
    }
    cases
}

/// serde_json reading `body` into `IgnoredAny`: checks it is JSON, builds nothing.
fn skim(body: &[u8]) -> Batch<'_> {
    batch(move || serde_json::from_slice::<IgnoredAny>(black_box(body)).unwrap())
}

/// Prints a case's lines: BENCH on stdout (and LIMIT when there is one), throughputs on stderr.
fn report(case: &str, ours: f64, theirs: f64, limit: Option<f64>, bytes: usize) {
    println!(
        "BENCH {case} ours={ours:.0} aws-sdk-fsx={theirs:.0} ratio={:.2}",
        theirs / ours
    );
    if let Some(limit) = limit {
        println!("LIMIT {case} ignored_any={limit:.0}");
    }
    if bytes > 1024 {
        let mb_s = |ns: f64| bytes as f64 / ns * 1e3;
        let limit = limit.map_or(String::new(), |l| {
            format!(", ignored_any {:.0} MB/s", mb_s(l))
        });
        eprintln!(
            "INFO {case}: {bytes} bytes; ours {:.0} MB/s, aws-sdk-fsx {:.0} MB/s{limit}",
            mb_s(ours),
            mb_s(theirs)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Timing

/// How long to warm up, how big a batch and how many rounds.
#[derive(Clone, Copy)]
struct Settings {
    warm_up: Duration,
    batch: Duration,
    /// Time a case may take, rounds permitting.
    budget: Duration,
    min_rounds: usize,
    max_rounds: usize,
    /// Runs of each generation.
    generations: usize,
}

impl Settings {
    const FULL: Settings = Settings {
        warm_up: Duration::from_millis(300),
        batch: Duration::from_millis(5),
        budget: Duration::from_secs(3),
        min_rounds: 15,
        max_rounds: 101,
        generations: 9,
    };
    const QUICK: Settings = Settings {
        warm_up: Duration::from_millis(50),
        batch: Duration::from_millis(2),
        budget: Duration::from_millis(300),
        min_rounds: 5,
        max_rounds: 21,
        generations: 3,
    };

    /// The median nanoseconds per call of each contestant, measured in interleaved rounds.
    fn measure(&self, contestants: &mut [Batch<'_>]) -> Vec<f64> {
        let n = contestants.len();
        // Warm up, and size each contestant's batch from its speed there.
        let mut iterations = vec![1u64; n];
        let mut round_time = Duration::ZERO;
        for (contestant, iterations) in contestants.iter_mut().zip(&mut iterations) {
            let (mut runs, mut spent) = (0u64, Duration::ZERO);
            while runs < 2 || spent < self.warm_up {
                spent += contestant(1);
                runs += 1;
            }
            let per_call = spent.as_secs_f64() / runs as f64;
            *iterations = ((self.batch.as_secs_f64() / per_call) as u64).max(1);
            round_time += Duration::from_secs_f64(per_call * *iterations as f64);
        }
        let rounds = ((self.budget.as_secs_f64() / round_time.as_secs_f64().max(1e-9)) as usize)
            .clamp(self.min_rounds, self.max_rounds);
        let mut samples = vec![Vec::with_capacity(rounds); n];
        for round in 0..rounds {
            for k in 0..n {
                let i = (round + k) % n;
                let elapsed = contestants[i](iterations[i]);
                samples[i].push(elapsed.as_nanos() as f64 / iterations[i] as f64);
            }
        }
        samples.iter_mut().map(|s| median(s)).collect()
    }
}

/// Runs a contestant `n` times and returns the time it took.
type Batch<'a> = Box<dyn FnMut(u64) -> Duration + 'a>;

/// A batch of calls to `f` (monomorphized: no dynamic call per iteration), each result passed
/// through `black_box` and dropped inside the timed region.
fn batch<'a, R>(mut f: impl FnMut() -> R + 'a) -> Batch<'a> {
    Box::new(move |n| {
        let start = Instant::now();
        for _ in 0..n {
            black_box(f());
        }
        start.elapsed()
    })
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let mid = samples.len() / 2;
    if samples.len() % 2 == 1 {
        samples[mid]
    } else {
        (samples[mid - 1] + samples[mid]) / 2.0
    }
}

// ---------------------------------------------------------------------------------------------
// Generation

/// `smithy_codegen::plan` and `emit_crate` on the FSx model: the default backup selection and
/// every operation. The model file is read (and hashed) once, outside the clock.
fn generation(settings: Settings, wanted: &dyn Fn(&str) -> bool) -> Result<(), String> {
    let path = bench::project_root().join(bench::MODEL);
    let model = smithy_codegen::load_file(&path).map_err(|e| e.to_string())?;
    let selections = [
        (
            "default",
            smithy_codegen::OperationFilter::Named(
                bench::DEFAULT_OPERATIONS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
        ),
        ("all_operations", smithy_codegen::OperationFilter::All),
    ];
    for (case, operations) in selections {
        if !wanted(&format!("gen_{case}")) {
            continue;
        }
        let options = smithy_codegen::Options {
            operations,
            ..Default::default()
        };
        let (mut plan, mut emit, mut total) = (Vec::new(), Vec::new(), Vec::new());
        let mut files = 0;
        for _ in 0..settings.generations {
            let start = Instant::now();
            let ctx = smithy_codegen::plan(&model, &options).map_err(|e| e.to_string())?;
            let planned = start.elapsed();
            let generated = smithy_codegen::emit_crate(&ctx).map_err(|e| e.to_string())?;
            let done = start.elapsed();
            files = generated.files().count();
            drop(black_box(generated));
            drop(black_box(ctx));
            plan.push(planned.as_secs_f64() * 1e3);
            emit.push((done - planned).as_secs_f64() * 1e3);
            total.push(done.as_secs_f64() * 1e3);
        }
        println!("GEN {case} {:.1}", median(&mut total));
        println!("GEN {case}_plan {:.1}", median(&mut plan));
        println!("GEN {case}_emit {:.1}", median(&mut emit));
        eprintln!("INFO gen_{case}: {files} files");
        let generated = smithy_codegen::emit_crate(
            &smithy_codegen::plan(&model, &options).map_err(|e| e.to_string())?,
        )
        .map_err(|e| e.to_string())?;
        let ours = generated
            .files()
            .filter(|(path, _)| path.starts_with("src/") && path.ends_with(".rs"))
            .fold(SourceSize::default(), |size, (_, text)| size.add(text));
        let theirs = sdk_source_size()?;
        for (what, ours, theirs) in [
            ("lines", ours.code_lines, theirs.code_lines),
            ("bytes", ours.bytes, theirs.bytes),
        ] {
            println!(
                "SIZE {case}_{what} ours={ours} aws-sdk-fsx={theirs} ratio={:.2}",
                theirs as f64 / ours as f64
            );
        }
    }
    Ok(())
}

/// Lines of code and bytes of Rust source.
#[derive(Clone, Copy, Debug, Default)]
struct SourceSize {
    /// Lines that are neither blank nor only a comment (doc comments included).
    code_lines: usize,
    bytes: usize,
}

impl SourceSize {
    fn add(self, text: &str) -> Self {
        let code = text
            .lines()
            .map(str::trim_start)
            .filter(|line| !line.is_empty() && !line.starts_with("//"))
            .count();
        SourceSize {
            code_lines: self.code_lines + code,
            bytes: self.bytes + text.len(),
        }
    }
}

/// The size of aws-sdk-fsx's `src/` (the version this benchmark depends on), found with
/// `cargo metadata`.
fn sdk_source_size() -> Result<SourceSize, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(bench::project_root())
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo metadata failed ({})", output.status));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let manifest = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "aws-sdk-fsx")
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("cargo metadata lists no aws-sdk-fsx")?;
    let src = std::path::Path::new(manifest)
        .parent()
        .ok_or("aws-sdk-fsx's manifest has no folder")?
        .join("src");
    let mut size = SourceSize::default();
    let mut folders = vec![src];
    while let Some(folder) = folders.pop() {
        let entries =
            std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                size = size.add(&text);
            }
        }
    }
    Ok(size)
}

// ---------------------------------------------------------------------------------------------
// Inputs and validation

struct Inputs {
    /// DescribeBackups bodies of [`SIZES`] backups.
    bodies: Vec<Vec<u8>>,
    /// The 1,000-backup body with its members in model order.
    model_order_body: Vec<u8>,
    empty_body: Vec<u8>,
    copy_backup: bench::CopyBackupRequest,
    create_backup: bench::CreateBackupRequest,
    error: Response,
}

impl Inputs {
    fn new() -> Result<Inputs, String> {
        let examples = Examples::load()?;
        let (status, headers, body) = bench::backup_not_found();
        Ok(Inputs {
            bodies: SIZES
                .iter()
                .map(|&n| examples.describe_backups_body(n))
                .collect(),
            model_order_body: examples.describe_backups_body_model_order(1_000)?,
            empty_body: b"{}".to_vec(),
            copy_backup: examples.copy_backup_request(),
            create_backup: examples.create_backup_request(),
            error: Response::new(status, headers, body),
        })
    }

    /// Both sides read every body to the same backups (the 100-backup body, and the 1,000 one
    /// through the SDK's client, down to every member: both write them back to the body's JSON),
    /// write the requests as equal JSON, and read the error to the same code, message and
    /// request id.
    fn validate(&self) -> Result<(), String> {
        let codec = sdk_codec();
        let model_order: describe_backups::DescribeBackupsOutput =
            fsx::json::from_slice(&self.model_order_body)
                .map_err(|e| format!("ours, model order: {e}"))?;
        let sorted: describe_backups::DescribeBackupsOutput =
            fsx::json::from_slice(&self.bodies[2]).map_err(|e| format!("ours, 1,000: {e}"))?;
        if model_order != sorted || self.model_order_body.len() != self.bodies[2].len() {
            return Err("the model-order body does not read to the same backups".into());
        }
        for (count, body) in SIZES.iter().zip(&self.bodies) {
            let ours: describe_backups::DescribeBackupsOutput =
                fsx::json::from_slice(body).map_err(|e| format!("ours, {count} backups: {e}"))?;
            let theirs = sdk::operation::describe_backups::DescribeBackupsOutput::deserialize(
                &mut codec.create_deserializer(body),
            )
            .map_err(|e| format!("aws-sdk-fsx, {count} backups: {e}"))?;
            let ours_ids: Vec<Option<&str>> = ours
                .backups
                .iter()
                .flatten()
                .map(|b| b.backup_id.as_deref())
                .collect();
            let theirs_ids: Vec<Option<&str>> =
                theirs.backups().iter().map(|b| b.backup_id()).collect();
            if ours_ids.len() != *count || theirs_ids != ours_ids {
                return Err(format!(
                    "{count} backups: ours read {}, aws-sdk-fsx {} (or different ids)",
                    ours_ids.len(),
                    theirs_ids.len()
                ));
            }
            if *count == 100 {
                let expected: Value = serde_json::from_slice(body).expect("generated JSON");
                let ours = fsx::json::to_vec(&ours).map_err(|e| e.to_string())?;
                same_json("DescribeBackups (100), ours", &ours, &expected)?;
                let theirs = sdk_serialize(
                    &codec,
                    sdk::operation::describe_backups::DescribeBackupsOutput::SCHEMA,
                    &theirs,
                );
                same_json("DescribeBackups (100), aws-sdk-fsx", &theirs, &expected)?;
            }
            eprintln!(
                "INFO describe_backups_{count}: {} bytes, {count} backups read by both",
                body.len()
            );
        }

        eprintln!(
            "INFO sizes: ours Backup {} bytes, FileSystem {}; aws-sdk-fsx Backup {}, FileSystem {}",
            std::mem::size_of::<fsx::types::Backup>(),
            std::mem::size_of::<fsx::types::FileSystem>(),
            std::mem::size_of::<sdk::types::Backup>(),
            std::mem::size_of::<sdk::types::FileSystem>(),
        );

        let ours = fsx::json::to_vec(&self.copy_backup.ours()).map_err(|e| e.to_string())?;
        let theirs = sdk_serialize(
            &codec,
            sdk::operation::copy_backup::CopyBackupInput::SCHEMA,
            &sdk_copy_backup(&self.copy_backup),
        );
        same_json("CopyBackup request", &ours, &json(&theirs)?)?;
        eprintln!("INFO copy_backup request: {} bytes, equal JSON", ours.len());
        let ours = fsx::json::to_vec(&self.create_backup.ours()).map_err(|e| e.to_string())?;
        let theirs = sdk_serialize(
            &codec,
            sdk::operation::create_backup::CreateBackupInput::SCHEMA,
            &sdk_create_backup(&self.create_backup),
        );
        same_json("CreateBackup request", &ours, &json(&theirs)?)?;
        eprintln!(
            "INFO create_backup request: {} bytes, equal JSON",
            ours.len()
        );

        let ours = self.error.ours_describe_backups().unwrap_err();
        let theirs = SdkResponseParser::new(&self.error).parse().unwrap_err();
        let ours_seen = (
            ours.is_backup_not_found(),
            ours.code().map(str::to_owned),
            ours.message().map(str::to_owned),
            ours.request_id().map(str::to_owned),
        );
        let theirs_seen = (
            theirs.is_backup_not_found(),
            theirs.code().map(str::to_owned),
            theirs.message().map(str::to_owned),
            theirs.request_id().map(str::to_owned),
        );
        if ours_seen != theirs_seen || !ours_seen.0 {
            return Err(format!(
                "BackupNotFound: ours read {ours_seen:?}, aws-sdk-fsx {theirs_seen:?}"
            ));
        }

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| e.to_string())?;
        for body in [&self.empty_body, &self.bodies[2]] {
            let response = Response::ok(body.clone());
            let ours = response
                .ours_call()
                .map_err(|e| format!("ours, call: {e}"))?;
            let theirs = runtime
                .block_on(sdk_client(&response).describe_backups().send())
                .map_err(|e| {
                    format!("aws-sdk-fsx, call: {}", sdk::error::DisplayErrorContext(e))
                })?;
            let ours_count = ours.backups.as_ref().map_or(0, Vec::len);
            if ours_count != theirs.backups().len()
                || theirs.request_id() != Some(bench::REQUEST_ID)
            {
                return Err(format!(
                    "call: ours read {ours_count} backups, aws-sdk-fsx {} (request id {:?})",
                    theirs.backups().len(),
                    theirs.request_id()
                ));
            }
        }

        // Through the clients: the same backups, and requests that are both signed (SigV4 with
        // the same key), for the same target and URL, with equal JSON bodies.
        for body in [&self.empty_body, &self.bodies[2]] {
            let response = Response::ok(body.clone());
            let (ours_seen, theirs_seen) = (Seen::default(), Seen::default());
            let ours = runtime
                .block_on(
                    ours_client(&response, Some(ours_seen.clone()))
                        .describe_backups()
                        .send(),
                )
                .map_err(|e| format!("ours, client call: {e}"))?;
            let theirs = runtime
                .block_on(
                    sdk_client_with(&response, SdkBodyMode::Copy, Some(theirs_seen.clone()))
                        .describe_backups()
                        .send(),
                )
                .map_err(|e| {
                    format!(
                        "aws-sdk-fsx, client call: {}",
                        sdk::error::DisplayErrorContext(e)
                    )
                })?;
            let ours_count = ours.backups.as_ref().map_or(0, Vec::len);
            if ours_count != theirs.backups().len() || ours_count != backup_count(body)? {
                return Err(format!(
                    "client call: ours read {ours_count} backups, aws-sdk-fsx {}",
                    theirs.backups().len(),
                ));
            }
            let ours_request = ours_seen.take("ours")?;
            let theirs_request = theirs_seen.take("aws-sdk-fsx")?;
            for (side, request) in [("ours", &ours_request), ("aws-sdk-fsx", &theirs_request)] {
                let authorization = request.header("authorization").unwrap_or_default();
                if !authorization
                    .starts_with(&format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/"))
                    || !authorization.contains("/us-east-1/fsx/aws4_request")
                    || request.header("x-amz-date").is_none()
                {
                    return Err(format!(
                        "client call, {side}: the request is not SigV4-signed for fsx in \
                         us-east-1 ({authorization:?})"
                    ));
                }
            }
            for header in ["x-amz-target", "content-type"] {
                if ours_request.header(header) != theirs_request.header(header) {
                    return Err(format!(
                        "client call: {header} differs: ours {:?}, aws-sdk-fsx {:?}",
                        ours_request.header(header),
                        theirs_request.header(header)
                    ));
                }
            }
            if ours_request.uri.trim_end_matches('/') != theirs_request.uri.trim_end_matches('/')
                || ours_request.uri.trim_end_matches('/') != ENDPOINT
            {
                return Err(format!(
                    "client call: ours went to {}, aws-sdk-fsx to {}",
                    ours_request.uri, theirs_request.uri
                ));
            }
            same_json(
                "client call request body",
                &ours_request.body,
                &json(&theirs_request.body)?,
            )?;
            if body.len() < 100 {
                let names = |r: &SeenRequest| {
                    r.headers
                        .iter()
                        .map(|(name, _)| name.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                eprintln!(
                    "INFO client call headers: ours [{}]; aws-sdk-fsx [{}]",
                    names(&ours_request),
                    names(&theirs_request)
                );
            }
        }
        Ok(())
    }
}

/// The number of backups in a DescribeBackups body.
fn backup_count(body: &[u8]) -> Result<usize, String> {
    Ok(json(body)?
        .get("Backups")
        .and_then(Value::as_array)
        .map_or(0, Vec::len))
}

fn json(bytes: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}

/// Equal JSON, numbers compared by value (`1617868408` is `1617868408.0`).
fn same_json(what: &str, actual: &[u8], expected: &Value) -> Result<(), String> {
    let actual = numbers_as_f64(&json(actual)?);
    let expected = numbers_as_f64(expected);
    match first_difference(&actual, &expected, String::new()) {
        None => Ok(()),
        Some((path, got, wanted)) => Err(format!(
            "{what} differs at {path}: got {}, expected {}",
            truncate(&got),
            truncate(&wanted)
        )),
    }
}

/// The path of the first difference and the two values there.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<(String, String, String)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let here = format!("{path}/{key}");
                match (x.get(key), y.get(key)) {
                    (Some(v), Some(w)) => {
                        if let Some(d) = first_difference(v, w, here) {
                            return Some(d);
                        }
                    }
                    (v, w) => {
                        return Some((here, format!("{v:?}"), format!("{w:?}")));
                    }
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, format!("{path}/{i}"))),
        // aws-sdk-fsx writes some epoch-seconds timestamps back a few hundred nanoseconds off
        // (1617956119.805 becomes 1617956119.8050003): numbers within a microsecond are equal.
        (Value::Number(x), Value::Number(y))
            if (x.as_f64().unwrap_or(f64::NAN) - y.as_f64().unwrap_or(f64::NAN)).abs() < 1e-6 =>
        {
            None
        }
        _ if a == b => None,
        _ => Some((path, a.to_string(), b.to_string())),
    }
}

fn numbers_as_f64(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::from(n.as_f64().expect("a finite number")),
        Value::Array(items) => items.iter().map(numbers_as_f64).collect(),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), numbers_as_f64(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn truncate(s: &str) -> &str {
    s.char_indices().nth(300).map_or(s, |(i, _)| &s[..i])
}

// ---------------------------------------------------------------------------------------------
// A response, read by both sides

#[derive(Clone)]
struct Response {
    status: http::StatusCode,
    headers: Vec<(&'static str, &'static str)>,
    /// The same headers, for our side.
    header_map: http::HeaderMap,
    body: Bytes,
}

impl Response {
    fn new(status: u16, headers: Vec<(&'static str, &'static str)>, body: Vec<u8>) -> Response {
        Response {
            status: http::StatusCode::from_u16(status).expect("a valid status"),
            header_map: headers
                .iter()
                .map(|(name, value)| {
                    (
                        http::HeaderName::from_static(name),
                        http::HeaderValue::from_static(value),
                    )
                })
                .collect(),
            headers,
            body: Bytes::from(body),
        }
    }

    fn ok(body: Vec<u8>) -> Response {
        Response::new(200, bench::ok_headers(), body)
    }

    /// Our DescribeBackups response function on it.
    fn ours_describe_backups(
        &self,
    ) -> Result<describe_backups::DescribeBackupsOutput, describe_backups::DescribeBackupsError>
    {
        describe_backups::response(
            self.status,
            black_box(&self.header_map),
            black_box(&self.body),
        )
    }

    /// One whole sans-IO DescribeBackups call with our crate: build the input, make the request
    /// (body, headers), point it at the endpoint, and read this response.
    fn ours_call(&self) -> Result<describe_backups::DescribeBackupsOutput, String> {
        let input = describe_backups::DescribeBackupsInput::builder()
            .build()
            .map_err(|e| e.to_string())?;
        let request = describe_backups::request(&input).map_err(|e| e.to_string())?;
        let request = fsx::endpoint::apply(request, ENDPOINT).map_err(|e| e.to_string())?;
        black_box(&request);
        self.ours_describe_backups().map_err(|e| e.to_string())
    }

    fn sdk_response(&self) -> HttpResponse {
        self.sdk_response_with(self.body.clone())
    }

    /// The SDK's response, with `body` as its body.
    fn sdk_response_with(&self, body: Bytes) -> HttpResponse {
        let mut response = HttpResponse::new(
            SdkStatus::try_from(self.status.as_u16()).expect("a valid status"),
            SdkBody::from(body),
        );
        for (name, value) in &self.headers {
            response.headers_mut().insert(*name, *value);
        }
        response
    }
}

// ---------------------------------------------------------------------------------------------
// aws-sdk-fsx

/// The request body the SDK's protocol writes (`HttpRpcProtocol::serialize_request`).
fn sdk_serialize(
    codec: &JsonCodec,
    schema: &Schema<'_>,
    value: &dyn SerializableStruct,
) -> Vec<u8> {
    let mut serializer = codec.create_serializer();
    serializer
        .write_struct(schema, value)
        .expect("the SDK serializes its input");
    serializer.finish()
}

fn sdk_tags(tags: &[(String, String)]) -> Vec<sdk::types::Tag> {
    tags.iter()
        .map(|(key, value)| sdk::types::Tag::builder().key(key).value(value).build())
        .collect()
}

fn sdk_copy_backup(r: &bench::CopyBackupRequest) -> sdk::operation::copy_backup::CopyBackupInput {
    sdk::operation::copy_backup::CopyBackupInput::builder()
        .client_request_token(&r.client_request_token)
        .source_backup_id(&r.source_backup_id)
        .source_region(&r.source_region)
        .kms_key_id(&r.kms_key_id)
        .copy_tags(r.copy_tags)
        .set_tags(Some(sdk_tags(&r.tags)))
        .build()
        .expect("a valid input")
}

fn sdk_create_backup(
    r: &bench::CreateBackupRequest,
) -> sdk::operation::create_backup::CreateBackupInput {
    sdk::operation::create_backup::CreateBackupInput::builder()
        .file_system_id(&r.file_system_id)
        .client_request_token(&r.client_request_token)
        .set_tags(Some(sdk_tags(&r.tags)))
        .build()
        .expect("a valid input")
}

/// The SDK's DescribeBackups response deserializer (what its orchestrator calls: error metadata
/// from the protocol, the request id, the modeled error's members), on a prepared response.
struct SdkResponseParser {
    cfg: ConfigBag,
    response: HttpResponse,
}

impl SdkResponseParser {
    fn new(response: &Response) -> SdkResponseParser {
        let operation = sdk::operation::describe_backups::DescribeBackups::new()
            .config()
            .expect("the operation has a config layer");
        let mut protocol = Layer::new("protocol");
        protocol.store_put(SharedClientProtocol::new(
            AwsJsonRpcProtocol::aws_json_1_1().with_default_namespace("com.amazonaws.fsx"),
        ));
        let mut cfg = ConfigBag::of_layers(vec![protocol]);
        cfg.push_shared_layer(operation);
        SdkResponseParser {
            cfg,
            response: response.sdk_response(),
        }
    }

    // The SDK's error type is what it is (at least 128 bytes); the benchmark returns it as the
    // orchestrator gets it.
    #[allow(clippy::result_large_err)]
    fn parse(
        &self,
    ) -> Result<
        sdk::operation::describe_backups::DescribeBackupsOutput,
        sdk::operation::describe_backups::DescribeBackupsError,
    > {
        // Loaded from the config bag on every call, as the orchestrator does.
        let deserializer = self
            .cfg
            .load::<SharedResponseDeserializer>()
            .expect("the operation has a response deserializer");
        match deserializer
            .deserialize_nonstreaming_with_config(black_box(&self.response), &self.cfg)
        {
            Ok(output) => Ok(output
                .downcast::<sdk::operation::describe_backups::DescribeBackupsOutput>()
                .expect("DescribeBackups output")),
            Err(error) => {
                // The orchestrator turns this into an `SdkError::ServiceError`; this takes the
                // operation error out the only public way.
                let mut operation_error = None;
                let _ = error.map_operation_error(|e| operation_error = Some(e));
                let error = operation_error
                    .expect("a modeled error, not a failure")
                    .downcast::<sdk::operation::describe_backups::DescribeBackupsError>()
                    .expect("DescribeBackups error");
                Err(error)
            }
        }
    }
}

/// The static credentials both clients sign with.
const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// An aws-sdk-fsx client whose HTTP client answers every request with `response` at once
/// (static credentials, us-east-1, the latest behavior version, every other setting default),
/// its body shared, not copied (the `call_*` cases).
fn sdk_client(response: &Response) -> sdk::Client {
    sdk_client_with(response, SdkBodyMode::Shared, None)
}

/// [`sdk_client`], the fake's body made as `body` says, the requests recorded in `seen`.
fn sdk_client_with(response: &Response, body: SdkBodyMode, seen: Option<Seen>) -> sdk::Client {
    let config = sdk::Config::builder()
        .behavior_version(sdk::config::BehaviorVersion::latest())
        .region(sdk::config::Region::new("us-east-1"))
        .credentials_provider(sdk::config::Credentials::new(
            ACCESS_KEY_ID,
            SECRET_ACCESS_KEY,
            None,
            None,
            "bench",
        ))
        .http_client(FixedResponseClient::new(FixedResponse {
            response: response.clone(),
            body,
            seen,
        }))
        .build();
    sdk::Client::from_conf(config)
}

/// How the SDK's fake HTTP client gives each response its body.
#[derive(Clone, Copy, Debug)]
enum SdkBodyMode {
    /// Another reference to the same `Bytes` (no copy).
    Shared,
    /// A fresh copy of the body, as our fake gives ours (its trait answers a `Vec<u8>`), and as
    /// a real HTTP client reads one from the connection.
    Copy,
}

/// Our client, its HTTP client a fake answering every request with `response` at once (a fresh
/// copy of its body each time), with static credentials (so it signs) in us-east-1, every
/// other setting default; the requests recorded in `seen`.
fn ours_client(response: &Response, seen: Option<Seen>) -> fsx::Client {
    let config = fsx::Config::builder()
        .region("us-east-1")
        .credentials(fsx::client::Credentials::new(
            ACCESS_KEY_ID,
            SECRET_ACCESS_KEY,
            None,
            None,
            "bench",
        ))
        .http_client(OursFixedResponse {
            response: response.clone(),
            body: response.body.to_vec(),
            seen,
        })
        .build();
    fsx::Client::from_conf(config)
}

/// Our fake HTTP client: every request gets the same response (status, headers and a copy of
/// the body).
struct OursFixedResponse {
    response: Response,
    body: Vec<u8>,
    seen: Option<Seen>,
}

impl std::fmt::Debug for OursFixedResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OursFixedResponse")
            .field("status", &self.response.status)
            .finish_non_exhaustive()
    }
}

impl fsx::client::HttpClient for OursFixedResponse {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> fsx::client::BoxFuture<'_, Result<http::Response<Vec<u8>>, fsx::client::HttpError>> {
        if let Some(seen) = &self.seen {
            seen.record(SeenRequest {
                uri: request.uri().to_string(),
                headers: request
                    .headers()
                    .iter()
                    .map(|(name, value)| {
                        (
                            name.as_str().to_owned(),
                            String::from_utf8_lossy(value.as_bytes()).into_owned(),
                        )
                    })
                    .collect(),
                body: request.body().clone(),
            });
        }
        // As the SDK's fake makes its response: the status, each header from its static
        // strings, the body.
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = self.response.status;
        let headers = response.headers_mut();
        for (name, value) in &self.response.headers {
            headers.insert(
                http::HeaderName::from_static(name),
                http::HeaderValue::from_static(value),
            );
        }
        Box::pin(std::future::ready(Ok(response)))
    }
}

/// The last request a fake HTTP client was sent (validation only: the timed clients record
/// nothing).
#[derive(Clone, Default)]
struct Seen(std::sync::Arc<std::sync::Mutex<Option<SeenRequest>>>);

struct SeenRequest {
    uri: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn record(&self, request: SeenRequest) {
        *self.0.lock().unwrap() = Some(request);
    }

    fn take(&self, side: &str) -> Result<SeenRequest, String> {
        self.0
            .lock()
            .unwrap()
            .take()
            .ok_or_else(|| format!("{side}: the fake HTTP client was sent no request"))
    }
}

impl SeenRequest {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An HTTP client that never touches the network: every request gets the same response.
#[derive(Clone, Debug)]
struct FixedResponseClient {
    connector: SharedHttpConnector,
}

impl FixedResponseClient {
    fn new(response: FixedResponse) -> FixedResponseClient {
        FixedResponseClient {
            connector: SharedHttpConnector::new(response),
        }
    }
}

impl HttpClient for FixedResponseClient {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        self.connector.clone()
    }
}

struct FixedResponse {
    response: Response,
    body: SdkBodyMode,
    seen: Option<Seen>,
}

impl std::fmt::Debug for FixedResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FixedResponse")
            .field("status", &self.response.status)
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}

impl HttpConnector for FixedResponse {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        if let Some(seen) = &self.seen {
            seen.record(SeenRequest {
                uri: request.uri().to_owned(),
                headers: request
                    .headers()
                    .iter()
                    .map(|(name, value)| (name.to_owned(), value.to_owned()))
                    .collect(),
                body: request.body().bytes().unwrap_or_default().to_vec(),
            });
        }
        let body = match self.body {
            SdkBodyMode::Shared => self.response.body.clone(),
            SdkBodyMode::Copy => Bytes::from(self.response.body.to_vec()),
        };
        HttpConnectorFuture::ready(Ok(self.response.sdk_response_with(body)))
    }
}
