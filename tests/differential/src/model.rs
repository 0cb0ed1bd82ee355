//! The FSx model, loaded once, and the six backup operations' shapes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use smithy_codegen::model::{Model, ShapeId, ShapeKind};

/// The six operations the committed crate is generated for.
pub use xtask::inputs::FSX_OPERATIONS as OPERATIONS;

/// The namespace of the FSx shapes.
pub const NAMESPACE: &str = "com.amazonaws.fsx";

/// The folder of this package.
pub fn package_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The FSx model file the committed crate is generated from.
pub fn model_path() -> PathBuf {
    xtask::inputs::path(xtask::inputs::FSX_MODEL)
}

/// The botocore examples file for FSx.
pub fn botocore_examples_path() -> PathBuf {
    xtask::inputs::path(xtask::inputs::FSX_BOTOCORE_EXAMPLES)
}

/// One operation: its shapes in the model.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The operation's name (`CopyBackup`).
    pub name: &'static str,
    /// The operation shape.
    pub id: ShapeId,
    /// Its input structure (`CopyBackupRequest`).
    pub input: ShapeId,
    /// Its output structure (`CopyBackupResponse`).
    pub output: ShapeId,
    /// The errors it can return: its own, then the service's.
    pub errors: Vec<ShapeId>,
}

/// The loaded model and the six operations.
pub struct Fsx {
    pub model: Model,
    pub operations: Vec<Operation>,
}

impl Fsx {
    /// The operation with this name.
    pub fn operation(&self, name: &str) -> &Operation {
        self.operations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("{name} is not one of the six backup operations"))
    }
}

/// A shape id in the FSx namespace.
pub fn fsx_id(name: &str) -> ShapeId {
    ShapeId::parse(&format!("{NAMESPACE}#{name}")).expect("valid shape id")
}

fn load(path: &Path) -> Fsx {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("cannot read the FSx model {}: {e}", path.display()));
    let model = smithy_codegen::model::load(&bytes)
        .unwrap_or_else(|e| panic!("cannot load the FSx model {}: {e}", path.display()));
    let service_errors: Vec<ShapeId> = model
        .shapes()
        .find_map(|s| match &s.kind {
            ShapeKind::Service(service) if s.id.namespace() == NAMESPACE => {
                Some(service.errors.clone())
            }
            _ => None,
        })
        .expect("the FSx model has a service");
    let operations = OPERATIONS
        .iter()
        .map(|name| {
            let id = fsx_id(name);
            let ShapeKind::Operation(op) = &model.expect(&id).kind else {
                panic!("{id} is not an operation");
            };
            let mut errors = op.errors.clone();
            errors.extend(service_errors.iter().cloned());
            Operation {
                name,
                id,
                input: op
                    .input
                    .clone()
                    .expect("every backup operation has an input"),
                output: op
                    .output
                    .clone()
                    .expect("every backup operation has an output"),
                errors,
            }
        })
        .collect();
    Fsx { model, operations }
}

/// The FSx model, loaded on first use.
pub fn fsx() -> &'static Fsx {
    static FSX: OnceLock<Fsx> = OnceLock::new();
    FSX.get_or_init(|| load(&model_path()))
}
