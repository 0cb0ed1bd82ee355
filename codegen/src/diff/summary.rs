//! The crate's API as the model-diff sees it: every fact of the [`Ir`] a model update can
//! change, in a compact, serializable form. A generated crate keeps its own (`api.json`), so
//! regenerating it knows what the previous model was without that model.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::emit::instantiate::canonical_json;
use crate::emit::rust::{field_type, value_type};
use crate::ir::{Constraints, EnumWire, Ir, Kind, Shape, SimpleType, TimestampFormat};

/// The summary's format; a crate whose `api.json` has another is compared as if new.
pub const FORMAT: u32 = 1;

/// Everything the diff compares.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiSummary {
    /// What every generated file's header says: the generator, the model, "do not edit".
    #[serde(default)]
    pub generated: String,
    /// [`FORMAT`].
    pub format: u32,
    /// The model file and its sha256.
    pub model: String,
    /// The service.
    pub service: ServiceSummary,
    /// The selected operations, by name.
    pub operations: BTreeMap<String, OperationSummary>,
    /// Every shape of the selection's closure, by id.
    pub shapes: BTreeMap<String, ShapeSummary>,
}

/// The service's facts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceSummary {
    /// Its shape id.
    pub id: String,
    /// The protocol trait.
    pub protocol: String,
    /// The signing name, if requests are signed.
    pub signing_name: Option<String>,
    /// A digest of its endpoint rules, if it has any.
    pub endpoint_rules: Option<String>,
    /// A digest of its documentation.
    pub docs: Option<String>,
}

/// An operation's facts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OperationSummary {
    /// Its input structure.
    pub input: String,
    /// Its output structure.
    pub output: String,
    /// Its errors.
    pub errors: Vec<String>,
    /// `@paginated`: input token, output token, items, page size.
    pub paginated: Option<[Option<String>; 4]>,
    /// A digest of its documentation.
    pub docs: Option<String>,
}

/// A shape's facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ShapeSummary {
    /// A simple shape.
    Simple {
        /// Its type (`string`, `long`, …).
        r#type: String,
        /// A digest of its documentation.
        docs: Option<String>,
    },
    /// A structure.
    Structure {
        /// Its Rust type.
        rust: String,
        /// Its members, in model order.
        members: Vec<MemberSummary>,
        /// Whether it is an `@error`.
        error: bool,
        /// Whether it is an operation's input.
        #[serde(default, skip_serializing_if = "is_false")]
        input: bool,
        /// A digest of its documentation.
        docs: Option<String>,
    },
    /// A union.
    Union {
        /// Its Rust type.
        rust: String,
        /// Its members, in model order.
        members: Vec<MemberSummary>,
        /// A digest of its documentation.
        docs: Option<String>,
    },
    /// An enum or intEnum.
    Enum {
        /// Its Rust type.
        rust: String,
        /// Whether it is an intEnum.
        int: bool,
        /// Its values, in model order.
        values: Vec<EnumValueSummary>,
        /// A digest of its documentation.
        docs: Option<String>,
    },
    /// A list.
    List {
        /// Its Rust type.
        rust: String,
        /// Its element.
        member: ElementSummary,
        /// `@sparse`.
        sparse: bool,
    },
    /// A map.
    Map {
        /// Its Rust type.
        rust: String,
        /// Its key.
        key: ElementSummary,
        /// Its value.
        value: ElementSummary,
        /// `@sparse`.
        sparse: bool,
    },
}

/// A structure's or union's member (what is false, empty or absent is left out of the JSON).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberSummary {
    /// Its name in the model.
    pub name: String,
    /// Its target.
    pub target: String,
    /// The Rust type of its field (of its variant's value, in a union).
    pub rust: String,
    /// Its field is an `Option`.
    #[serde(skip_serializing_if = "is_false")]
    pub optional: bool,
    /// `@required`.
    #[serde(skip_serializing_if = "is_false")]
    pub required: bool,
    /// `@clientOptional`.
    #[serde(skip_serializing_if = "is_false")]
    pub client_optional: bool,
    /// `@addedDefault`.
    #[serde(skip_serializing_if = "is_false")]
    pub added_default: bool,
    /// `@default`, as the model writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// `@length`, `@range`, `@pattern` (its own, else its target's).
    #[serde(skip_serializing_if = "ConstraintsSummary::is_empty")]
    pub constraints: ConstraintsSummary,
    /// `@idempotencyToken`.
    #[serde(skip_serializing_if = "is_false")]
    pub idempotency_token: bool,
    /// Its value is never printed (`@sensitive` on it, its target or inside).
    #[serde(skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// How a timestamp in it is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp_format: Option<String>,
    /// `@jsonName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_name: Option<String>,
    /// A digest of its documentation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
}

/// `@length`, `@range` and `@pattern`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConstraintsSummary {
    /// `@length` bounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range` bounds, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<(Option<serde_json::Number>, Option<serde_json::Number>)>,
    /// `@pattern`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

impl ConstraintsSummary {
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self == &ConstraintsSummary::default()
    }
}

fn is_false(value: &bool) -> bool {
    !value
}

/// A list's element, or a map's key or value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ElementSummary {
    /// Its target.
    pub target: String,
    /// Its Rust type.
    pub rust: String,
    /// `@length`, `@range`, `@pattern` (its own, else its target's).
    #[serde(default, skip_serializing_if = "ConstraintsSummary::is_empty")]
    pub constraints: ConstraintsSummary,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumValueSummary {
    /// The member's name in the model.
    pub name: String,
    /// The value on the wire.
    pub value: serde_json::Value,
    /// The Rust variant.
    pub variant: String,
}

/// `value` with every object's keys in order, so that what is written of it does not depend
/// on the order the model gave them (nor on serde_json's `preserve_order`).
fn sorted(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(entries) => {
            let mut keys: Vec<&String> = entries.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&entries[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// A short digest of a text: enough to see that it changed.
fn digest(text: Option<&str>) -> Option<String> {
    text.map(|t| {
        let hash = Sha256::digest(t.as_bytes());
        hash[..6].iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// A Rust type as people write it: `Option<String>`, `Vec<types::Tag>`.
pub fn readable(tokens: proc_macro2::TokenStream) -> String {
    let text: String = tokens
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut text = text;
    for prefix in [
        "::std::option::",
        "::std::string::",
        "::std::vec::",
        "::std::collections::",
        "::std::boxed::",
        "::aws_smithy_types::",
        "crate::",
    ] {
        text = text.replace(prefix, "");
    }
    text
}

fn timestamp_name(format: TimestampFormat) -> &'static str {
    match format {
        TimestampFormat::EpochSeconds => "epoch-seconds",
        TimestampFormat::DateTime => "date-time",
        TimestampFormat::HttpDate => "http-date",
    }
}

fn constraints(c: &Constraints) -> ConstraintsSummary {
    ConstraintsSummary {
        length: c.length,
        range: c.range.clone(),
        pattern: c.pattern.clone(),
    }
}

fn is_timestamp(ir: &Ir, target: &crate::ir::ShapeId) -> bool {
    matches!(ir.shape(target).kind, Kind::Simple(SimpleType::Timestamp))
}

fn element(ir: &Ir, element: &crate::ir::Element) -> ElementSummary {
    ElementSummary {
        target: element.target.to_string(),
        rust: readable(value_type(ir, &element.target)),
        constraints: constraints(&element.constraints),
    }
}

fn shape(ir: &Ir, shape: &Shape) -> ShapeSummary {
    let docs = digest(shape.documentation.as_deref());
    let rust = || readable(value_type(ir, &shape.id));
    match &shape.kind {
        Kind::Simple(simple) => ShapeSummary::Simple {
            r#type: simple.name().to_owned(),
            docs,
        },
        Kind::Structure(structure) => ShapeSummary::Structure {
            rust: rust(),
            members: structure
                .fields
                .iter()
                .map(|f| MemberSummary {
                    name: f.wire.clone(),
                    target: f.target.to_string(),
                    rust: readable(field_type(ir, f)),
                    optional: f.optional,
                    required: f.required,
                    client_optional: f.client_optional,
                    added_default: f.added_default,
                    default: f.default_node.as_ref().map(sorted),
                    constraints: constraints(&f.constraints),
                    idempotency_token: f.idempotency_token,
                    sensitive: f.redacted,
                    timestamp_format: is_timestamp(ir, &f.target)
                        .then(|| timestamp_name(f.timestamp).to_owned()),
                    json_name: f.json_name.clone(),
                    docs: digest(f.documentation.as_deref()),
                })
                .collect(),
            error: structure.error.is_some(),
            input: shape
                .origin
                .as_ref()
                .is_some_and(|o| o.role == crate::ir::Role::Input),
            docs,
        },
        Kind::Union(union) => ShapeSummary::Union {
            rust: rust(),
            members: union
                .variants
                .iter()
                .map(|v| MemberSummary {
                    name: v.wire.clone(),
                    target: v.target.to_string(),
                    rust: if v.unit {
                        "()".to_owned()
                    } else {
                        readable(crate::emit::rust::held_type(ir, &v.target, v.boxed))
                    },
                    optional: false,
                    constraints: constraints(&v.constraints),
                    sensitive: v.redacted,
                    timestamp_format: (!v.unit && is_timestamp(ir, &v.target))
                        .then(|| timestamp_name(v.timestamp).to_owned()),
                    docs: digest(v.documentation.as_deref()),
                    ..MemberSummary::default()
                })
                .collect(),
            docs,
        },
        Kind::Enum(values) | Kind::IntEnum(values) => ShapeSummary::Enum {
            rust: rust(),
            int: matches!(shape.kind, Kind::IntEnum(_)),
            values: values
                .iter()
                .map(|v| EnumValueSummary {
                    name: v.name.clone(),
                    value: match &v.value {
                        EnumWire::String(s) => serde_json::Value::from(s.clone()),
                        EnumWire::Int(i) => serde_json::Value::from(*i),
                    },
                    variant: v.ident.bare().to_owned(),
                })
                .collect(),
            docs,
        },
        Kind::List { member, sparse } => ShapeSummary::List {
            rust: rust(),
            member: element(ir, member),
            sparse: *sparse,
        },
        Kind::Map { key, value, sparse } => ShapeSummary::Map {
            rust: rust(),
            key: element(ir, key),
            value: element(ir, value),
            sparse: *sparse,
        },
    }
}

/// The summary as a generated crate keeps it: deterministic JSON with one operation or shape
/// per line, so that a model update shows in `git diff` line by line.
pub fn to_json(summary: &ApiSummary) -> String {
    let line = |value: &dyn erased::Json| value.json();
    // The header first, as in every generated file: the second line names the generator and
    // the model.
    let mut out = String::from("{\n");
    out.push_str(&format!(
        "\"generated\": {}, \"model\": {},\n",
        line(&summary.generated),
        line(&summary.model)
    ));
    out.push_str(&format!("\"format\": {},\n", summary.format));
    out.push_str(&format!("\"service\": {},\n", line(&summary.service)));
    let table = |out: &mut String, name: &str, entries: Vec<(String, String)>, last: bool| {
        out.push_str(&format!("\"{name}\": {{"));
        for (i, (key, value)) in entries.iter().enumerate() {
            let comma = if i + 1 < entries.len() { "," } else { "" };
            out.push_str(&format!("\n  {}: {value}{comma}", line(key)));
        }
        out.push_str(if entries.is_empty() { "}" } else { "\n}" });
        out.push_str(if last { "\n" } else { ",\n" });
    };
    table(
        &mut out,
        "operations",
        summary
            .operations
            .iter()
            .map(|(k, v)| (k.clone(), line(v)))
            .collect(),
        false,
    );
    table(
        &mut out,
        "shapes",
        summary
            .shapes
            .iter()
            .map(|(k, v)| (k.clone(), line(v)))
            .collect(),
        true,
    );
    out.push_str("}\n");
    out
}

/// Values written as one line of JSON.
mod erased {
    /// A value serde writes on one line.
    pub trait Json {
        /// The JSON.
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("a summary serializes")
        }
    }
}

/// A crate's kept summary, if it is one of this [`FORMAT`].
pub fn from_json(text: &str) -> Option<ApiSummary> {
    serde_json::from_str::<ApiSummary>(text)
        .ok()
        .filter(|s| s.format == FORMAT)
}

/// The summary of the crate `ir` describes.
pub fn summarize(ir: &Ir) -> ApiSummary {
    let service = &ir.service;
    ApiSummary {
        generated: format!(
            "Generated by smithy-codegen {} from {} (sha256 {}). Do not edit by hand: regenerate instead.",
            crate::VERSION,
            ir.source.file_name,
            ir.source.sha256
        ),
        format: FORMAT,
        model: format!("{} (sha256 {})", ir.source.file_name, ir.source.sha256),
        service: ServiceSummary {
            id: service.id.to_string(),
            protocol: service.protocol.to_owned(),
            signing_name: service.signing_name.clone(),
            endpoint_rules: service
                .endpoint_rules
                .as_ref()
                .and_then(|rules| digest(Some(&canonical_json(rules)))),
            docs: digest(service.documentation.as_deref()),
        },
        operations: ir
            .operations
            .iter()
            .map(|op| {
                (
                    op.name.clone(),
                    OperationSummary {
                        input: op.input.to_string(),
                        output: op.output.to_string(),
                        errors: op.errors.iter().map(ToString::to_string).collect(),
                        paginated: op.pagination.as_ref().map(|p| {
                            [
                                Some(p.input_token.clone()),
                                Some(p.output_token.clone()),
                                p.items.clone(),
                                p.page_size.clone(),
                            ]
                        }),
                        docs: digest(op.documentation.as_deref()),
                    },
                )
            })
            .collect(),
        // Prelude shapes are the same in every model; members name them as their targets.
        shapes: ir
            .shapes
            .values()
            .filter(|s| s.id.namespace() != "smithy.api")
            .map(|s| (s.id.to_string(), shape(ir, s)))
            .collect(),
    }
}
