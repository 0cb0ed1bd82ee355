//! Smithy JSON AST in, Rust crate out.
//!
//! [`generate`] runs the pipeline described in ARCHITECTURE.md: [`model::load`] → selection
//! ([`select`]) → transforms ([`transform`], [`recursion`]) → naming ([`naming`]) → type
//! mapping ([`rust_type`]) → emitters ([`emit`]) → [`writer`]. Only the writer touches the
//! output folder; only [`load_file`] reads the model.

pub mod context;
pub mod customizations;
pub mod docs;
pub mod emit;
pub mod error;
pub mod examples;
pub mod ident;
pub mod model;
pub mod naming;
pub mod protocol_tests;
pub mod recursion;
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

/// The hand-written support module copied into every generated crate: (path in the crate,
/// contents).
const RUNTIME: &[(&str, &str)] = &[
    (
        "src/runtime/endpoint.rs",
        include_str!("../runtime/endpoint.rs"),
    ),
    (
        "src/runtime/json_read.rs",
        include_str!("../runtime/json_read.rs"),
    ),
    (
        "src/runtime/json_write.rs",
        include_str!("../runtime/json_write.rs"),
    ),
    ("src/runtime/mod.rs", include_str!("../runtime/mod.rs")),
    (
        "src/runtime/protocol.rs",
        include_str!("../runtime/protocol.rs"),
    ),
];

/// The runtime is also compiled here, so that its unit tests run (and `cargo fmt` formats it)
/// without a generated crate.
#[cfg(test)]
#[path = "../runtime/mod.rs"]
mod runtime;

#[cfg(test)]
#[path = "../runtime/test_support.rs"]
mod test_support;

#[cfg(test)]
#[path = "../runtime/event_stream.rs"]
mod event_stream;

/// The event-stream module, copied as `src/event_stream.rs` into crates that have event streams.
const EVENT_STREAM: &str = include_str!("../runtime/event_stream.rs");

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
}

impl Default for Options {
    /// The model's only service, every operation, the default crate name, no extra examples.
    fn default() -> Self {
        Options {
            service: None,
            operations: OperationFilter::All,
            crate_name: None,
            extra_examples: Vec::new(),
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
pub fn plan(file: &ModelFile, options: &Options) -> Result<context::Context, Error> {
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
    let boxed = recursion::boxed_members(&model, &shapes);
    let rename = match &model.expect(&service).kind {
        model::ShapeKind::Service(s) => s.rename.clone(),
        _ => Default::default(),
    };
    let names = naming::assign(&model, &rename, &operations, &shapes, &origins)?;
    let used_by = context::used_by(&model, &operations);
    let selected: Vec<model::ShapeId> = operations.iter().map(|op| op.id.clone()).collect();
    let mut examples = examples::from_model(&model, &selected, &file.source.file_name)
        .map_err(|p| Error::model(vec![p]))?;
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
    let crate_name = options
        .crate_name
        .clone()
        .unwrap_or_else(|| default_crate_name(&model, &service));
    Ok(context::Context {
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
    })
}

/// The emitters, in file order.
pub fn emit_crate(ctx: &context::Context) -> Result<GeneratedCrate, Error> {
    let mut out = GeneratedCrate::default();
    let mut problems = Vec::new();
    let source = &ctx.source;
    out.add_text("Cargo.toml", source, "#", &emit::manifest::cargo_toml(ctx));
    out.add_rust("src/lib.rs", source, emit::crate_root::lib_rs(ctx));
    match emit::crate_root::types_rs(ctx) {
        Ok(tokens) => out.add_rust("src/types.rs", source, tokens),
        Err(p) => problems.extend(p),
    }
    match emit::crate_root::builders_rs(ctx) {
        Ok(tokens) => out.add_rust("src/builders.rs", source, tokens),
        Err(p) => problems.extend(p),
    }
    out.add_rust(
        "src/primitives.rs",
        source,
        emit::crate_root::primitives_rs(),
    );
    out.add_rust("src/error.rs", source, emit::errors::error_rs(ctx));
    out.add_rust("src/json.rs", source, emit::crate_root::json_rs());
    out.add_rust("src/endpoint.rs", source, emit::crate_root::endpoint_rs());
    out.add_rust("src/json_ser.rs", source, emit::ser::json_ser_rs(ctx));
    match emit::de::json_de_rs(ctx) {
        Ok(tokens) => out.add_rust("src/json_de.rs", source, tokens),
        Err(p) => problems.extend(p),
    }
    out.add_rust(
        "src/operation/mod.rs",
        source,
        emit::operations::mod_rs(ctx),
    );
    for op in &ctx.operations {
        let path = format!("src/operation/{}.rs", ctx.names.module(&op.id).bare());
        match emit::operations::operation_rs(ctx, op) {
            Ok(tokens) => out.add_rust(&path, source, tokens),
            Err(p) => problems.push(p),
        }
    }
    for (path, text) in RUNTIME {
        out.add_text(path, source, "//", text);
    }
    if ctx.has_event_streams() {
        out.add_text("src/event_stream.rs", source, "//", EVENT_STREAM);
    }
    // The generated tests, and the support module they share.
    let mut tests = false;
    match emit::examples::examples_rs(ctx) {
        Ok(Some(tokens)) => {
            out.add_rust("tests/examples.rs", source, tokens);
            tests = true;
        }
        Ok(None) => {}
        Err(p) => problems.extend(p),
    }
    match emit::protocol_tests::protocol_rs(ctx) {
        Ok(Some(tokens)) => {
            out.add_rust("tests/protocol.rs", source, tokens);
            tests = true;
        }
        Ok(None) => {}
        Err(p) => problems.extend(p),
    }
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

/// `sdkId` lower-cased with spaces as dashes (as AWS SDKs name their packages), else the
/// service shape's name in kebab case.
fn default_crate_name(model: &model::Model, service: &model::ShapeId) -> String {
    let shape = model.expect(service);
    match shape.traits.sdk_id() {
        Some(sdk_id) => sdk_id
            .chars()
            .filter_map(|c| match c {
                ' ' | '_' | '-' => Some('-'),
                c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect(),
        None => heck::ToKebabCase::to_kebab_case(service.name()),
    }
}
