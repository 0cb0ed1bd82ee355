//! Documented examples of operations: from the model's `smithy.api#examples` traits and from
//! extra files in the botocore `examples-1.json` format. The examples emitter turns each into a
//! test of the generated crate, so a crate tests itself against everything documented.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::Problem;
use crate::model::{traits, Model, ShapeId};

/// One documented example of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The operation.
    pub operation: ShapeId,
    /// Its title (becomes the test's name).
    pub title: String,
    /// Where it is documented, for the test's docs.
    pub source: String,
    /// The input, as Smithy node values (`None`: no input documented).
    pub input: Option<Value>,
    /// The output, as Smithy node values.
    pub output: Option<Value>,
    /// A documented error: the error shape and its members.
    pub error: Option<(ShapeId, Value)>,
}

/// Examples in the botocore `examples-1.json` format, from the file named `source`, for the
/// service's operations (by name). Examples of operations not in `operations` are left out.
pub fn from_botocore(
    json: &[u8],
    source: &str,
    operations: &BTreeMap<String, ShapeId>,
) -> Result<Vec<Example>, Problem> {
    let bad = |what: &str| Problem::general(format!("{source}: {what}"));
    let document: Value =
        serde_json::from_slice(json).map_err(|e| bad(&format!("not valid JSON: {e}")))?;
    let by_operation = document
        .get("examples")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("has no `examples` object"))?;
    let mut names: Vec<&String> = by_operation.keys().collect();
    names.sort();
    let mut examples = Vec::new();
    for name in names {
        let Some(operation) = operations.get(name.as_str()) else {
            continue;
        };
        let list = by_operation[name.as_str()]
            .as_array()
            .ok_or_else(|| bad(&format!("the examples of {name} are not an array")))?;
        for (i, example) in list.iter().enumerate() {
            let title = example
                .get("title")
                .or_else(|| example.get("id"))
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("example {}", i + 1));
            examples.push(Example {
                operation: operation.clone(),
                title,
                source: source.to_owned(),
                input: example.get("input").cloned(),
                output: example.get("output").cloned(),
                error: None,
            });
        }
    }
    Ok(examples)
}

/// The `smithy.api#examples` of the given operations, in operation order. An example whose
/// error has no valid `shapeId` is left out, with a warning in `warnings`.
pub fn from_model(
    model: &Model,
    operations: &[ShapeId],
    source: &str,
    warnings: &mut Vec<Problem>,
) -> Vec<Example> {
    let mut examples = Vec::new();
    for operation in operations {
        let Some(list) = model
            .expect(operation)
            .traits
            .get(traits::EXAMPLES)
            .and_then(Value::as_array)
        else {
            continue;
        };
        for (i, example) in list.iter().enumerate() {
            let title = example
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("example {}", i + 1));
            let error = match example.get("error") {
                None => None,
                Some(error) => {
                    let Some(shape) = error
                        .get("shapeId")
                        .and_then(Value::as_str)
                        .and_then(|id| ShapeId::parse(id).ok())
                    else {
                        warnings.push(Problem::at(
                            operation,
                            format!(
                                "example `{title}` ({source}) is left out of the tests: its error has no valid `shapeId`"
                            ),
                        ));
                        continue;
                    };
                    Some((
                        shape,
                        error
                            .get("content")
                            .cloned()
                            .unwrap_or(Value::Object(Default::default())),
                    ))
                }
            };
            examples.push(Example {
                operation: operation.clone(),
                title,
                source: source.to_owned(),
                input: example.get("input").cloned(),
                output: example.get("output").cloned(),
                error,
            });
        }
    }
    examples
}
