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

/// The awsJson flavour the service speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Protocol {
    /// `application/x-amz-json-1.0` or `-1.1`.
    pub content_type: &'static str,
    /// `@awsQueryCompatible`: error codes may come in `x-amzn-query-error`.
    pub query_compatible: bool,
}

impl Protocol {
    /// The protocol of `service`, or a problem if it speaks neither awsJson 1.0 nor 1.1.
    pub fn of(service: &Shape) -> Result<Protocol, crate::error::Problem> {
        use crate::model::traits;
        let content_type = if service.traits.has(traits::AWS_JSON_1_0) {
            "application/x-amz-json-1.0"
        } else if service.traits.has(traits::AWS_JSON_1_1) {
            "application/x-amz-json-1.1"
        } else {
            let protocols: Vec<&str> = service
                .traits
                .iter()
                .map(|(id, _)| id)
                .filter(|id| {
                    id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#")
                })
                .collect();
            return Err(crate::error::Problem::at(
                &service.id,
                format!(
                    "the service speaks {}; this generator supports the awsJson1_0 and awsJson1_1 protocols",
                    if protocols.is_empty() { "no protocol (it has no protocol trait)".to_owned() } else { protocols.join(", ") }
                ),
            ));
        };
        Ok(Protocol {
            content_type,
            query_compatible: service.traits.has("aws.protocols#awsQueryCompatible"),
        })
    }
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
    /// The wire protocol.
    pub protocol: Protocol,
    /// The documented examples of the selected operations that can become tests.
    pub examples: Vec<crate::examples::Example>,
    /// What planning left out and why (examples whose error has no valid shape id), for the
    /// command line to print; never a reason to fail.
    pub warnings: Vec<crate::error::Problem>,
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

    /// Whether the shape is an event stream (a `@streaming` union).
    pub fn is_event_stream(&self, id: &ShapeId) -> bool {
        self.model.shape(id).is_some_and(|s| {
            matches!(s.kind, ShapeKind::Union(_)) && s.traits.has(crate::model::traits::STREAMING)
        })
    }

    /// Whether any generated shape is an event stream (the crate then has `event_stream`).
    pub fn has_event_streams(&self) -> bool {
        self.shapes.iter().any(|id| self.is_event_stream(id))
    }

    /// Whether the shape is an `@error` structure.
    pub fn is_error(&self, id: &ShapeId) -> bool {
        self.model
            .shape(id)
            .is_some_and(|s| s.traits.has(crate::model::traits::ERROR))
    }

    /// Every error shape any selected operation can return, in Rust-name order.
    pub fn error_shapes(&self) -> Vec<&Shape> {
        self.type_shapes()
            .into_iter()
            .filter(|s| s.traits.has(crate::model::traits::ERROR))
            .collect()
    }

    /// The lists and maps of the closure, in shape-id order.
    pub fn collection_shapes(&self) -> Vec<&Shape> {
        self.shapes
            .iter()
            .map(|id| self.model.expect(id))
            .filter(|s| matches!(s.kind, ShapeKind::List(_) | ShapeKind::Map { .. }))
            .collect()
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
