//! Smithy JSON AST in, Rust crate out.
//!
//! [`generate`] runs the pipeline described in ARCHITECTURE.md: [`model::load`] → selection
//! ([`select`]) → transforms ([`transform`], [`recursion`]) → naming ([`naming`]) → type
//! mapping ([`rust_type`]) → emitters ([`emit`]) → [`writer`]. Only the writer touches the
//! output folder; only [`load_file`] reads the model.

pub mod context;
pub mod customizations;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod examples;
pub mod ident;
pub mod ir;
pub mod model;
pub mod naming;
pub mod prelude_paths;
pub mod protocol_tests;
pub mod recursion;
pub mod rules;
pub mod rust_type;
pub mod select;
pub mod transform;
pub mod writer;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use context::ModelSource;
pub use error::{Error, Problem};
pub use select::OperationFilter;
pub use writer::{Difference, GeneratedCrate};

/// The generator's version, written into every generated file's header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The runtime (`codegen/runtime/src/`, a crate of its own with its tests) copied into every
/// generated crate under `src/runtime/`: (path in the crate, contents). The crate's
/// `src/runtime/mod.rs` is emitted (`emit::crate_root::runtime_mod_rs`), not copied.
const RUNTIME: &[(&str, &str)] = &[
    ("accessors.rs", include_str!("../runtime/src/accessors.rs")),
    (
        "client/config.rs",
        include_str!("../runtime/src/client/config.rs"),
    ),
    (
        "client/credentials.rs",
        include_str!("../runtime/src/client/credentials.rs"),
    ),
    (
        "client/error.rs",
        include_str!("../runtime/src/client/error.rs"),
    ),
    (
        "client/http.rs",
        include_str!("../runtime/src/client/http.rs"),
    ),
    (
        "client/invoke.rs",
        include_str!("../runtime/src/client/invoke.rs"),
    ),
    (
        "client/mod.rs",
        include_str!("../runtime/src/client/mod.rs"),
    ),
    (
        "client/paginator.rs",
        include_str!("../runtime/src/client/paginator.rs"),
    ),
    (
        "client/profile.rs",
        include_str!("../runtime/src/client/profile.rs"),
    ),
    (
        "client/retry.rs",
        include_str!("../runtime/src/client/retry.rs"),
    ),
    (
        "client/sign.rs",
        include_str!("../runtime/src/client/sign.rs"),
    ),
    (
        "client/timer.rs",
        include_str!("../runtime/src/client/timer.rs"),
    ),
    ("endpoint.rs", include_str!("../runtime/src/endpoint.rs")),
    ("errors.rs", include_str!("../runtime/src/errors.rs")),
    (
        "json_read/error.rs",
        include_str!("../runtime/src/json_read/error.rs"),
    ),
    (
        "json_read/keys.rs",
        include_str!("../runtime/src/json_read/keys.rs"),
    ),
    (
        "json_read/members.rs",
        include_str!("../runtime/src/json_read/members.rs"),
    ),
    (
        "json_read/mod.rs",
        include_str!("../runtime/src/json_read/mod.rs"),
    ),
    (
        "json_read/scalars.rs",
        include_str!("../runtime/src/json_read/scalars.rs"),
    ),
    (
        "json_read/scan.rs",
        include_str!("../runtime/src/json_read/scan.rs"),
    ),
    (
        "json_read/structures.rs",
        include_str!("../runtime/src/json_read/structures.rs"),
    ),
    (
        "json_write.rs",
        include_str!("../runtime/src/json_write.rs"),
    ),
    ("protocol.rs", include_str!("../runtime/src/protocol.rs")),
    ("timestamp.rs", include_str!("../runtime/src/timestamp.rs")),
    (
        "serde_wire.rs",
        include_str!("../runtime/src/serde_wire.rs"),
    ),
    ("validate.rs", include_str!("../runtime/src/validate.rs")),
    ("values.rs", include_str!("../runtime/src/values.rs")),
];

/// The runtime's event-stream decoder, copied only into crates that have event streams.
const EVENT_STREAM: &str = include_str!("../runtime/src/event_stream.rs");

/// The runtime's endpoint rules engine, copied only into crates whose service has rules.
const ENDPOINT_RULES: &str = include_str!("../runtime/src/endpoint_rules.rs");

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// The service shape (absolute id or name); `None` for the model's only service.
    pub service: Option<String>,
    /// Which operations.
    pub operations: OperationFilter,
    /// The package name; `None` derives it from the service's `sdkId` (`FSx` → `fsx`).
    pub crate_name: Option<String>,
    /// More documented examples (botocore `examples-1.json` format) to test the crate with,
    /// besides the model's own `smithy.api#examples`.
    pub extra_examples: Vec<ExampleFile>,
    /// The AWS partitions (botocore's `partitions.json`) endpoints resolve with; `None`: those
    /// built into the generator ([`rules::PARTITIONS_JSON`]).
    pub partitions: Option<String>,
}

impl Default for Options {
    /// The model's only service, every operation, the default crate name, no extra examples.
    fn default() -> Self {
        Options {
            service: None,
            operations: OperationFilter::All,
            crate_name: None,
            extra_examples: Vec::new(),
            partitions: None,
        }
    }
}

/// A file of documented examples in the botocore `examples-1.json` format.
#[derive(Clone, Debug)]
pub struct ExampleFile {
    /// Its name, for the tests' docs.
    pub name: String,
    /// Its contents.
    pub json: Vec<u8>,
}

/// A model file's contents and identity.
#[derive(Clone, Debug)]
pub struct ModelFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its name and hash, for headers.
    pub source: ModelSource,
}

/// Reads a model file. A missing file is an error that says where models come from.
pub fn load_file(path: &Path) -> Result<ModelFile, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        context: format!("cannot read the model {}", path.display()),
        source,
    })?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(model_file(bytes, &file_name))
}

/// A model from bytes, named `file_name` in headers.
pub fn model_file(bytes: Vec<u8>, file_name: &str) -> ModelFile {
    let sha256 = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ModelFile {
        bytes,
        source: ModelSource {
            file_name: file_name.to_owned(),
            sha256,
        },
    }
}

/// Runs the whole pipeline and returns the crate's files (nothing is written).
pub fn generate(file: &ModelFile, options: &Options) -> Result<GeneratedCrate, Error> {
    let ctx = plan(file, options)?;
    emit_crate(&ctx)
}

/// Everything up to the emitters: load, select, transform, name.
pub fn plan(file: &ModelFile, options: &Options) -> Result<ir::Ir, Error> {
    let mut model = model::load(&file.bytes)?;
    let service = select::service(&model, options.service.as_deref())?;
    let protocol =
        context::Protocol::of(model.expect(&service)).map_err(|p| Error::unsupported(vec![p]))?;
    let operations = select::operations(&model, &service, &options.operations)?;
    select::check_supported(&model, &operations)?;
    let (operations, origins) = transform::synthesize(&mut model, &service, &operations);
    let roots = operations.iter().flat_map(|op| {
        [op.input.clone(), op.output.clone()]
            .into_iter()
            .chain(op.errors.iter().cloned())
    });
    let shapes = select::closure(&model, roots);
    let cycles = recursion::required_cycles(&model, &shapes);
    if !cycles.is_empty() {
        return Err(Error::model(cycles));
    }
    let boxed = recursion::boxed_members(&model, &shapes);
    let rename = match &model.expect(&service).kind {
        model::ShapeKind::Service(s) => s.rename.clone(),
        _ => Default::default(),
    };
    let names = naming::assign(&model, &rename, &operations, &shapes, &origins)?;
    let used_by = context::used_by(&model, &operations);
    let selected: Vec<model::ShapeId> = operations.iter().map(|op| op.id.clone()).collect();
    let mut warnings = Vec::new();
    let mut examples =
        examples::from_model(&model, &selected, &file.source.file_name, &mut warnings);
    let by_name = select::service_operations(&model, &service)
        .into_iter()
        .filter(|(_, id)| selected.contains(id))
        .collect();
    for extra in &options.extra_examples {
        examples.extend(
            examples::from_botocore(&extra.json, &extra.name, &by_name)
                .map_err(|p| Error::unsupported(vec![p]))?,
        );
    }
    let crate_name = match &options.crate_name {
        Some(name) => {
            check_package_name(name).map_err(|why| {
                Error::unsupported(vec![Problem::general(format!(
                    "the crate name `{name}` is not a valid package name: {why}"
                ))])
            })?;
            name.clone()
        }
        None => default_crate_name(&model, &service)?,
    };
    let ctx = context::Context {
        model,
        service,
        operations,
        shapes,
        origins,
        boxed,
        names,
        used_by,
        source: file.source.clone(),
        crate_name,
        protocol,
        examples,
        warnings,
    };
    let mut ir = ir::lower(ctx)?;
    if ir.service.rule_set.is_some() {
        ir.service.partitions = rules::partitions(
            options
                .partitions
                .as_deref()
                .unwrap_or(rules::PARTITIONS_JSON),
        )
        .map_err(|why| Error::unsupported(vec![Problem::general(why)]))?;
    }
    emit::examples::retain_testable(&mut ir);
    Ok(ir)
}

/// What an emitter makes of one Rust file: its tokens, nothing (the file is not needed), or
/// the problems that stopped it.
type Emitted = Result<Option<proc_macro2::TokenStream>, Vec<Problem>>;

/// One Rust file to make: its path and its emitter.
type Job<'c> = (String, Box<dyn Fn() -> Emitted + Send + Sync + 'c>);

/// A file a job rendered (or nothing, or the problems that stopped it), by path.
type Rendered = (String, Result<Option<String>, Vec<Problem>>);

/// Runs the emitters. Each Rust file is emitted and formatted on its own (the emitters only
/// read the description), spread over the machine's cores; the result does not depend on which
/// thread made which file.
pub fn emit_crate(ir: &ir::Ir) -> Result<GeneratedCrate, Error> {
    let some = |tokens| Ok(Some(tokens));
    // Largest first, so that the threads finish together.
    let mut jobs: Vec<Job<'_>> = vec![
        (
            "src/builders.rs".into(),
            Box::new(|| some(emit::crate_root::builders_rs(ir))),
        ),
        (
            "src/json_de.rs".into(),
            Box::new(|| some(emit::de::json_de_rs(ir))),
        ),
        (
            "src/types.rs".into(),
            Box::new(|| some(emit::crate_root::types_rs(ir))),
        ),
        (
            "src/json_ser.rs".into(),
            Box::new(|| some(emit::ser::json_ser_rs(ir))),
        ),
        (
            "src/serde_impls.rs".into(),
            Box::new(|| some(emit::serde_impls::serde_rs(ir))),
        ),
        (
            "src/validate.rs".into(),
            Box::new(|| some(emit::validate::validate_rs(ir))),
        ),
        (
            "src/error.rs".into(),
            Box::new(|| some(emit::errors::error_rs(ir))),
        ),
        (
            "tests/examples.rs".into(),
            Box::new(|| emit::examples::examples_rs(ir)),
        ),
        (
            "tests/protocol.rs".into(),
            Box::new(|| emit::protocol_tests::protocol_rs(ir)),
        ),
        (
            "tests/endpoints.rs".into(),
            Box::new(|| Ok(emit::endpoint_tests::endpoints_rs(ir))),
        ),
        (
            "tests/sensitive.rs".into(),
            Box::new(|| Ok(emit::sensitive_tests::sensitive_rs(ir))),
        ),
        (
            "src/lib.rs".into(),
            Box::new(|| some(emit::crate_root::lib_rs(ir))),
        ),
        (
            "src/client.rs".into(),
            Box::new(|| some(emit::client::client_rs(ir))),
        ),
        (
            "src/primitives.rs".into(),
            Box::new(|| some(emit::crate_root::primitives_rs())),
        ),
        (
            "src/json.rs".into(),
            Box::new(|| some(emit::crate_root::json_rs())),
        ),
        (
            "src/endpoint.rs".into(),
            Box::new(|| some(emit::crate_root::endpoint_rs(ir))),
        ),
        (
            "src/runtime/mod.rs".into(),
            Box::new(|| some(emit::crate_root::runtime_mod_rs(ir))),
        ),
        (
            "src/event_stream.rs".into(),
            Box::new(|| {
                Ok(ir
                    .has_event_streams()
                    .then(emit::crate_root::event_stream_rs))
            }),
        ),
        (
            "src/operation/mod.rs".into(),
            Box::new(|| some(emit::operations::mod_rs(ir))),
        ),
    ];
    for op in &ir.operations {
        let path = format!("src/operation/{}.rs", op.module.bare());
        jobs.push((
            path,
            Box::new(move || some(emit::operations::operation_rs(ir, op))),
        ));
    }
    let rendered = run_jobs(&ir.source, jobs);

    let mut out = GeneratedCrate::default();
    out.warnings.clone_from(&ir.warnings);
    let source = &ir.source;
    out.add_text("Cargo.toml", source, "#", &emit::manifest::cargo_toml(ir));
    for (path, text) in RUNTIME {
        out.add_text(&format!("src/runtime/{path}"), source, "//", text);
    }
    if ir.has_event_streams() {
        out.add_text("src/runtime/event_stream.rs", source, "//", EVENT_STREAM);
    }
    if ir.service.rule_set.is_some() {
        out.add_text(
            "src/runtime/endpoint_rules.rs",
            source,
            "//",
            ENDPOINT_RULES,
        );
    }
    // What the next regeneration compares its model with (see `diff`).
    out.add_rendered(
        diff::SUMMARY_FILE.to_owned(),
        diff::summary::to_json(&diff::summary::summarize(ir)),
    );
    let mut problems = Vec::new();
    let mut tests = false;
    for (path, result) in rendered {
        match result {
            Ok(Some(contents)) => {
                tests |= path.starts_with("tests/");
                out.add_rendered(path, contents);
            }
            Ok(None) => {}
            Err(p) => problems.extend(p),
        }
    }
    // The generated tests share a support module.
    if tests {
        out.add_text(
            "tests/support/mod.rs",
            source,
            "//",
            emit::examples::TEST_SUPPORT,
        );
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::model(problems))
    }
}

/// Runs the jobs on up to as many threads as the machine has cores, each rendering its file.
fn run_jobs(source: &ModelSource, jobs: Vec<Job<'_>>) -> Vec<Rendered> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let queue = std::sync::Mutex::new(jobs.into_iter().collect::<std::collections::VecDeque<_>>());
    let done = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let Some((path, emit)) = queue.lock().expect("no emitter panicked").pop_front()
                else {
                    break;
                };
                let result =
                    emit().map(|tokens| tokens.map(|t| writer::render_rust(&path, source, t)));
                done.lock()
                    .expect("no emitter panicked")
                    .push((path, result));
            });
        }
    });
    done.into_inner().expect("no emitter panicked")
}

/// The package name when none is given: the service's `sdkId` lower-cased with spaces as
/// dashes (as AWS SDKs name their packages: `FSx` → `fsx`, `CloudWatch Logs` →
/// `cloudwatch-logs`); when the `sdkId` is missing, or holds characters other than ASCII
/// letters, digits, spaces, `-` and `_` (which a package name cannot keep), or still makes no
/// valid name, the service shape's name in kebab case; failing that, an error asking for
/// `--crate-name`.
fn default_crate_name(model: &model::Model, service: &model::ShapeId) -> Result<String, Error> {
    let shape = model.expect(service);
    let from_sdk_id = shape.traits.sdk_id().and_then(|sdk_id| {
        let name: Option<String> = sdk_id
            .chars()
            .map(|c| match c {
                ' ' | '_' | '-' => Some('-'),
                c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        name.filter(|n| check_package_name(n).is_ok())
    });
    let name = from_sdk_id.unwrap_or_else(|| heck::ToKebabCase::to_kebab_case(service.name()));
    check_package_name(&name).map_err(|why| {
        Error::unsupported(vec![Problem::at(
            service,
            format!(
                "no package name can be made from the service's sdkId or name (`{name}`: {why}); choose one with --crate-name"
            ),
        )])
    })?;
    Ok(name)
}

/// Whether `name` can be a Cargo package name whose library name is a Rust identifier: ASCII
/// letters, digits, `-` and `_`, starting with a letter, not a keyword, not a crate of Rust's
/// own (`std`, `core`, `alloc`, `proc_macro`, `test`). The reason when it cannot.
pub fn check_package_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("it is empty");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err("use only ASCII letters, digits, `-` and `_`");
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("it must start with a letter");
    }
    let library = name.replace('-', "_");
    if ident::is_keyword(&library) {
        return Err("it is a Rust keyword");
    }
    if ["std", "core", "alloc", "proc_macro", "test"].contains(&library.as_str()) {
        return Err("it is the name of one of Rust's own crates");
    }
    Ok(())
}
