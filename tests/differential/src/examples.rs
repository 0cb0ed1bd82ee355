//! The documented examples of the six operations (the model's `smithy.api#examples` and the
//! botocore examples file), as wire JSON.

use std::collections::BTreeMap;

use aws_smithy_types::date_time::Format;
use smithy_codegen::model::{Model, ShapeId, ShapeKind, SimpleType};

use crate::json::Json;
use crate::model::{botocore_examples_path, fsx, Fsx};

/// One documented example.
#[derive(Clone, Debug)]
pub struct Documented {
    /// The operation's name.
    pub operation: &'static str,
    /// `model: <title>` or `botocore: <title>`.
    pub label: String,
    /// The input as wire JSON, if documented.
    pub input: Option<Json>,
    /// The output as wire JSON, if documented.
    pub output: Option<Json>,
}

/// Every documented example of the six operations.
pub fn documented() -> Vec<Documented> {
    let fsx = fsx();
    let ids: Vec<ShapeId> = fsx.operations.iter().map(|o| o.id.clone()).collect();
    let mut warnings = Vec::new();
    let mut examples =
        smithy_codegen::examples::from_model(&fsx.model, &ids, "model", &mut warnings);
    assert!(warnings.is_empty(), "the model's examples: {warnings:?}");
    let by_name: BTreeMap<String, ShapeId> = fsx
        .operations
        .iter()
        .map(|o| (o.name.to_owned(), o.id.clone()))
        .collect();
    let path = botocore_examples_path();
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    examples.extend(
        smithy_codegen::examples::from_botocore(&bytes, "botocore", &by_name)
            .unwrap_or_else(|p| panic!("{}: {p:?}", path.display())),
    );
    examples
        .into_iter()
        .map(|example| {
            let op = fsx
                .operations
                .iter()
                .find(|o| o.id == example.operation)
                .expect("an example of one of the six operations");
            Documented {
                operation: op.name,
                label: format!("{}: {}", example.source, example.title),
                input: example
                    .input
                    .as_ref()
                    .map(|node| wire(fsx, &op.input, node)),
                output: example
                    .output
                    .as_ref()
                    .map(|node| wire(fsx, &op.output, node)),
            }
        })
        .collect()
}

fn wire(fsx: &Fsx, shape: &ShapeId, node: &serde_json::Value) -> Json {
    to_wire(&fsx.model, shape, node)
}

/// A Smithy node value of `shape` as awsJson: timestamps (documented as epoch numbers, quoted
/// epoch numbers or date-time strings) become epoch-seconds numbers, `null`s are left out.
pub fn to_wire(model: &Model, shape: &ShapeId, node: &serde_json::Value) -> Json {
    let kind = &model.expect(shape).kind;
    match (kind, node) {
        (ShapeKind::Simple(SimpleType::Timestamp), _) => {
            let instant = smithy_codegen::emit::instantiate::node_instant(node)
                .unwrap_or_else(|| panic!("{shape}: {node} is not a timestamp"));
            Json::Number(
                instant
                    .fmt(Format::EpochSeconds)
                    .expect("a representable timestamp"),
            )
        }
        (
            ShapeKind::Structure(members) | ShapeKind::Union(members),
            serde_json::Value::Object(object),
        ) => Json::Object(
            object
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| {
                    let value = match members.iter().find(|m| m.name() == k) {
                        Some(m) => to_wire(model, &m.target, v),
                        None => Json::from_serde(v),
                    };
                    (k.clone(), value)
                })
                .collect(),
        ),
        (ShapeKind::List(item), serde_json::Value::Array(items)) => Json::Array(
            items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| to_wire(model, &item.target, v))
                .collect(),
        ),
        (ShapeKind::Map { value, .. }, serde_json::Value::Object(object)) => Json::Object(
            object
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), to_wire(model, &value.target, v)))
                .collect(),
        ),
        _ => Json::from_serde(node),
    }
}
