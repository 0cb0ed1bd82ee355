//! Gives every selected operation its own input and output structure (`<Op>Input`,
//! `<Op>Output`), as smithy-rs does: an operation with a Unit input still gets a type to pass
//! around, a shape shared by several operations (or used both as input and output) becomes
//! separate types, and a new member in one operation's input never changes another's.

use std::collections::BTreeMap;

use serde_json::json;

use crate::model::traits;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, Traits};

/// The namespace of shapes the generator adds; no model may use it.
pub const SYNTHETIC_NAMESPACE: &str = "smithy.synthetic";

/// A selected operation, with its synthesized input and output.
#[derive(Clone, Debug)]
pub struct OperationPlan {
    /// The operation shape.
    pub id: ShapeId,
    /// The synthetic input structure.
    pub input: ShapeId,
    /// The synthetic output structure.
    pub output: ShapeId,
    /// The operation's errors, then the service's, each once, in model order.
    pub errors: Vec<ShapeId>,
}

/// Where a synthetic shape comes from, for its documentation.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The operation it belongs to.
    pub operation: ShapeId,
    /// Whether it is the input or the output.
    pub role: Role,
    /// The model shape whose members it copies (`None` for Unit).
    pub original: Option<ShapeId>,
}

/// Input or output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The operation's input.
    Input,
    /// The operation's output.
    Output,
}

/// Adds the synthetic input/output shapes for `operations` to the model.
pub fn synthesize(
    model: &mut Model,
    service: &ShapeId,
    operations: &[ShapeId],
) -> (Vec<OperationPlan>, BTreeMap<ShapeId, Origin>) {
    let service_errors = match &model.expect(service).kind {
        ShapeKind::Service(s) => s.errors.clone(),
        _ => Vec::new(),
    };
    let mut plans = Vec::new();
    let mut origins = BTreeMap::new();
    for op_id in operations {
        let ShapeKind::Operation(op) = model.expect(op_id).kind.clone() else {
            panic!("generator bug: {op_id} is not an operation")
        };
        let mut ids = Vec::new();
        for (role, original, suffix, marker) in [
            (Role::Input, op.input, "Input", traits::INPUT),
            (Role::Output, op.output, "Output", traits::OUTPUT),
        ] {
            let id = ShapeId::new(SYNTHETIC_NAMESPACE, &format!("{}{suffix}", op_id.name()));
            let (members, mut traits) = match &original {
                Some(original) => match &model.expect(original).kind {
                    ShapeKind::Structure(members) => {
                        (members.clone(), model.expect(original).traits.clone())
                    }
                    _ => panic!("generator bug: validated operation input/output is a structure"),
                },
                None => (Vec::new(), Traits::default()),
            };
            if original.is_none() {
                traits.insert(marker, json!({}));
            }
            let members = members
                .into_iter()
                .map(|m| Member {
                    id: id.with_member(m.name()),
                    ..m
                })
                .collect();
            model.insert(Shape {
                id: id.clone(),
                kind: ShapeKind::Structure(members),
                traits,
            });
            origins.insert(
                id.clone(),
                Origin {
                    operation: op_id.clone(),
                    role,
                    original,
                },
            );
            ids.push(id);
        }
        let mut errors: Vec<ShapeId> = Vec::new();
        for error in op.errors.iter().chain(&service_errors) {
            if !errors.contains(error) {
                errors.push(error.clone());
            }
        }
        let output = ids.pop().expect("two ids pushed");
        let input = ids.pop().expect("two ids pushed");
        plans.push(OperationPlan {
            id: op_id.clone(),
            input,
            output,
            errors,
        });
    }
    (plans, origins)
}
