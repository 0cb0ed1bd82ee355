//! Everything the emitters read: the transformed model, the selection, names, which members
//! are boxed, and which operations use each shape. Built once by [`crate::generate`].

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, Shape, ShapeId, ShapeKind};
use crate::naming::Names;
use crate::transform::{OperationPlan, Origin};

/// Identifies the model file in generated headers.
#[derive(Clone, Debug)]
pub struct ModelSource {
    /// The file name (never a full path: output must not depend on where the model lives).
    pub file_name: String,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// The emitters' view of one generation.
pub struct Context {
    /// The model, with synthetic operation inputs and outputs added.
    pub model: Model,
    /// The service being generated.
    pub service: ShapeId,
    /// Selected operations in name order.
    pub operations: Vec<OperationPlan>,
    /// The closure of shapes the operations reach.
    pub shapes: BTreeSet<ShapeId>,
    /// Where each synthetic shape comes from.
    pub origins: BTreeMap<ShapeId, Origin>,
    /// Member ids whose field is boxed.
    pub boxed: BTreeSet<ShapeId>,
    /// Rust names.
    pub names: Names,
    /// For each shape, the operations whose input, output or errors reach it.
    pub used_by: BTreeMap<ShapeId, BTreeSet<ShapeId>>,
    /// The model file, for headers.
    pub source: ModelSource,
    /// The generated crate's package name.
    pub crate_name: String,
}

impl Context {
    /// The service shape.
    pub fn service_shape(&self) -> &Shape {
        self.model.expect(&self.service)
    }

    /// The shapes of the closure that become Rust types, in Rust-name order (so the order of
    /// items in a file never depends on shape ids or discovery order).
    pub fn type_shapes(&self) -> Vec<&Shape> {
        let mut shapes: Vec<&Shape> = self
            .shapes
            .iter()
            .map(|id| self.model.expect(id))
            .filter(|s| {
                matches!(
                    s.kind,
                    ShapeKind::Structure(_)
                        | ShapeKind::Union(_)
                        | ShapeKind::Enum(_)
                        | ShapeKind::IntEnum(_)
                )
            })
            .collect();
        shapes.sort_by_key(|s| self.names.type_name(&s.id).to_string());
        shapes
    }

    /// Whether a value of this shape must never be printed: it is `@sensitive`, or is a list or
    /// map holding something that is. (A structure or union that merely contains sensitive
    /// members redacts them in its own `Debug`.)
    pub fn is_sensitive(&self, id: &ShapeId) -> bool {
        let mut seen = BTreeSet::new();
        self.sensitive_inner(id, &mut seen)
    }

    fn sensitive_inner(&self, id: &ShapeId, seen: &mut BTreeSet<ShapeId>) -> bool {
        if !seen.insert(id.clone()) {
            return false;
        }
        let Some(shape) = self.model.shape(id) else {
            return false;
        };
        if shape.traits.has(crate::model::traits::SENSITIVE) {
            return true;
        }
        match &shape.kind {
            ShapeKind::List(member) => {
                member.traits.has(crate::model::traits::SENSITIVE)
                    || self.sensitive_inner(&member.target, seen)
            }
            ShapeKind::Map { key, value } => {
                self.sensitive_inner(&key.target, seen) || self.sensitive_inner(&value.target, seen)
            }
            _ => false,
        }
    }
}

/// For each shape, the operations that reach it.
pub fn used_by(
    model: &Model,
    operations: &[OperationPlan],
) -> BTreeMap<ShapeId, BTreeSet<ShapeId>> {
    let mut used: BTreeMap<ShapeId, BTreeSet<ShapeId>> = BTreeMap::new();
    for op in operations {
        let roots = [op.input.clone(), op.output.clone()]
            .into_iter()
            .chain(op.errors.iter().cloned());
        for id in crate::select::closure(model, roots) {
            used.entry(id).or_default().insert(op.id.clone());
        }
    }
    used
}
