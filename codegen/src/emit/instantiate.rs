//! Smithy node values (documented example inputs, protocol-test params) → Rust expressions
//! that build the value through the generated crate's public API (builders, `From<&str>` for
//! enums), for tests that live outside the crate. Also the wire JSON a node value must
//! serialize to, for comparing request bodies.
//!
//! Node values follow the Smithy conventions: blobs are plain strings (their bytes),
//! timestamps are epoch seconds (a number or a numeric string) or date-time strings, and
//! floats may be `"NaN"`, `"Infinity"` or `"-Infinity"`.

use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::builders::build_can_fail;
use super::ser::{timestamp_wire, TimestampWire};
use super::values::document;
use crate::context::Context;
use crate::error::Problem;
use crate::model::{is_unit, Member, ShapeId, ShapeKind, SimpleType};

/// Builds expressions for values of the crate `root` (its library name).
pub struct Instantiator<'a> {
    ctx: &'a Context,
    root: Ident,
}

impl<'a> Instantiator<'a> {
    /// An instantiator for the crate the context generates.
    pub fn new(ctx: &'a Context) -> Self {
        Instantiator {
            ctx,
            root: crate::ident::fixed(&ctx.crate_name.replace('-', "_")),
        }
    }

    /// The crate's library name, for paths in tests.
    pub fn root(&self) -> &Ident {
        &self.root
    }

    /// An expression of structure `id`'s type holding `node` (built with its builder).
    pub fn structure(&self, id: &ShapeId, node: &Value, at: &str) -> Result<TokenStream, Problem> {
        let shape = self.ctx.model.expect(id);
        let ShapeKind::Structure(members) = &shape.kind else {
            return Err(self.problem(at, format!("{id} is not a structure")));
        };
        let object = node
            .as_object()
            .ok_or_else(|| self.problem(at, format!("expected an object for {id}, got {node}")))?;
        for key in object.keys() {
            if !members.iter().any(|m| m.name() == key) {
                return Err(self.problem(
                    at,
                    format!("`{key}` is not a member of {}", origin(self.ctx, id)),
                ));
            }
        }
        let path = self.ctx.names.public_type_path(&self.root, id);
        let mut calls = Vec::new();
        for member in members {
            let Some(value) = object.get(member.name()).filter(|v| !v.is_null()) else {
                continue;
            };
            let setter = self.ctx.names.setter(&member.id);
            let expr = self.value(member, value, &format!("{at}.{}", member.name()))?;
            calls.push(quote!(.#setter(#expr)));
        }
        let build = if build_can_fail(members) {
            quote!(.build().expect("the value has every required member"))
        } else {
            quote!(.build())
        };
        Ok(quote!(#path::builder() #(#calls)* #build))
    }

    /// An expression of the member's value type (unboxed) holding `node`.
    fn value(&self, member: &Member, node: &Value, at: &str) -> Result<TokenStream, Problem> {
        let root = &self.root;
        let target = self.ctx.model.expect(&member.target);
        let bad = |what: &str| self.problem(at, format!("expected {what}, got {node}"));
        Ok(match &target.kind {
            ShapeKind::Simple(simple) => match simple {
                SimpleType::String => {
                    let s = node.as_str().ok_or_else(|| bad("a string"))?;
                    quote!(::std::string::String::from(#s))
                }
                SimpleType::Boolean => {
                    let b = node.as_bool().ok_or_else(|| bad("a boolean"))?;
                    quote!(#b)
                }
                SimpleType::Byte => int(node, i8::MIN.into(), i8::MAX.into(), |n| {
                    Literal::i8_suffixed(n as i8)
                })
                .ok_or_else(|| bad("an 8-bit integer"))?,
                SimpleType::Short => int(node, i16::MIN.into(), i16::MAX.into(), |n| {
                    Literal::i16_suffixed(n as i16)
                })
                .ok_or_else(|| bad("a 16-bit integer"))?,
                SimpleType::Integer => int(node, i32::MIN.into(), i32::MAX.into(), |n| {
                    Literal::i32_suffixed(n as i32)
                })
                .ok_or_else(|| bad("a 32-bit integer"))?,
                SimpleType::Long => int(node, i64::MIN, i64::MAX, Literal::i64_suffixed)
                    .ok_or_else(|| bad("a 64-bit integer"))?,
                SimpleType::Float => float(node, quote!(f32), |f| {
                    let f = f as f32;
                    f.is_finite().then(|| Literal::f32_suffixed(f))
                })
                .ok_or_else(|| bad("a number that fits a 32-bit float"))?,
                SimpleType::Double => float(node, quote!(f64), |f| {
                    f.is_finite().then(|| Literal::f64_suffixed(f))
                })
                .ok_or_else(|| bad("a number"))?,
                SimpleType::BigInteger | SimpleType::BigDecimal => {
                    let text = match node {
                        Value::Number(n) => n.to_string(),
                        Value::String(s) => s.clone(),
                        _ => return Err(bad("a number")),
                    };
                    let ty = if *simple == SimpleType::BigInteger {
                        quote!(BigInteger)
                    } else {
                        quote!(BigDecimal)
                    };
                    quote!(<#root::primitives::#ty as ::std::str::FromStr>::from_str(#text).expect("a valid number"))
                }
                SimpleType::Timestamp => {
                    let instant = node_instant(node).ok_or_else(|| bad("a timestamp"))?;
                    let secs = Literal::i64_suffixed(instant.secs());
                    let nanos = Literal::u32_suffixed(instant.subsec_nanos());
                    quote!(#root::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
                }
                SimpleType::Blob => {
                    let s = node.as_str().ok_or_else(|| bad("a string"))?;
                    let bytes = Literal::byte_string(s.as_bytes());
                    quote!(#root::primitives::Blob::new(#bytes.to_vec()))
                }
                SimpleType::Document => document(node),
            },
            ShapeKind::Enum(_) => {
                let s = node.as_str().ok_or_else(|| bad("a string"))?;
                let path = self.ctx.names.public_type_path(root, &member.target);
                quote!(#path::from(#s))
            }
            ShapeKind::IntEnum(_) => {
                let n = node
                    .as_i64()
                    .and_then(|n| i32::try_from(n).ok())
                    .ok_or_else(|| bad("a 32-bit integer"))?;
                let path = self.ctx.names.public_type_path(root, &member.target);
                quote!(#path::from(#n))
            }
            ShapeKind::Structure(_) => self.structure(&member.target, node, at)?,
            ShapeKind::Union(members) => {
                let object = node
                    .as_object()
                    .ok_or_else(|| bad("an object with one member"))?;
                let set: Vec<(&String, &Value)> =
                    object.iter().filter(|(_, v)| !v.is_null()).collect();
                let [(key, value)] = set.as_slice() else {
                    return Err(bad("an object with exactly one member"));
                };
                let variant_member = members
                    .iter()
                    .find(|m| m.name() == key.as_str())
                    .ok_or_else(|| {
                        self.problem(at, format!("`{key}` is not a member of {}", member.target))
                    })?;
                let path = self.ctx.names.public_type_path(root, &member.target);
                let variant = self.ctx.names.variant(&variant_member.id);
                if is_unit(&variant_member.target) {
                    quote!(#path::#variant)
                } else {
                    let inner = self.value(variant_member, value, &format!("{at}.{key}"))?;
                    let inner = if self.ctx.boxed.contains(&variant_member.id) {
                        quote!(::std::boxed::Box::new(#inner))
                    } else {
                        inner
                    };
                    quote!(#path::#variant(#inner))
                }
            }
            ShapeKind::List(item) => {
                let items = node.as_array().ok_or_else(|| bad("an array"))?;
                let sparse = target.traits.has(crate::model::traits::SPARSE);
                let mut exprs = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    let at = format!("{at}[{i}]");
                    exprs.push(match (v, sparse) {
                        (Value::Null, true) => quote!(::std::option::Option::None),
                        (Value::Null, false) => continue,
                        (v, true) => {
                            let e = self.value(item, v, &at)?;
                            quote!(::std::option::Option::Some(#e))
                        }
                        (v, false) => self.value(item, v, &at)?,
                    });
                }
                quote!(::std::vec::Vec::from([#(#exprs),*]))
            }
            ShapeKind::Map { key, value } => {
                let entries = node.as_object().ok_or_else(|| bad("an object"))?;
                let sparse = target.traits.has(crate::model::traits::SPARSE);
                let key_is_enum =
                    matches!(self.ctx.model.expect(&key.target).kind, ShapeKind::Enum(_));
                let mut sorted: Vec<(&String, &Value)> = entries.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(b.0));
                let mut exprs = Vec::new();
                for (k, v) in sorted {
                    let key_expr = if key_is_enum {
                        let path = self.ctx.names.public_type_path(root, &key.target);
                        quote!(#path::from(#k))
                    } else {
                        quote!(::std::string::String::from(#k))
                    };
                    let at = format!("{at}[{k:?}]");
                    let value_expr = match (v, sparse) {
                        (Value::Null, true) => quote!(::std::option::Option::None),
                        (Value::Null, false) => continue,
                        (v, true) => {
                            let e = self.value(value, v, &at)?;
                            quote!(::std::option::Option::Some(#e))
                        }
                        (v, false) => self.value(value, v, &at)?,
                    };
                    exprs.push(quote!((#key_expr, #value_expr)));
                }
                quote!(::std::collections::BTreeMap::from([#(#exprs),*]))
            }
            ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
                unreachable!("validated: members target values")
            }
        })
    }

    fn problem(&self, at: &str, message: String) -> Problem {
        Problem::general(format!("{at}: {message}"))
    }
}

/// Where a synthetic operation input/output comes from, for messages.
fn origin(ctx: &Context, id: &ShapeId) -> String {
    match ctx.origins.get(id).and_then(|o| o.original.as_ref()) {
        Some(original) => original.to_string(),
        None => id.to_string(),
    }
}

fn int(node: &Value, min: i64, max: i64, literal: impl Fn(i64) -> Literal) -> Option<TokenStream> {
    let n = node.as_i64().filter(|n| (min..=max).contains(n))?;
    let literal = literal(n);
    Some(quote!(#literal))
}

/// A float literal (`literal` gives `None` for a number the type cannot hold), or one of the
/// non-finite constants Smithy writes as strings.
fn float(
    node: &Value,
    ty: TokenStream,
    literal: impl Fn(f64) -> Option<Literal>,
) -> Option<TokenStream> {
    match node {
        Value::Number(n) => {
            let literal = literal(n.as_f64()?)?;
            Some(quote!(#literal))
        }
        Value::String(s) => match s.as_str() {
            "NaN" => Some(quote!(#ty::NAN)),
            "Infinity" => Some(quote!(#ty::INFINITY)),
            "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
            _ => None,
        },
        _ => None,
    }
}

/// A node value as an instant: epoch seconds (a number, or a string holding one, as the
/// published examples sometimes write them), or an RFC 3339 or HTTP date string.
pub fn node_instant(node: &Value) -> Option<DateTime> {
    let epoch = |text: &str| {
        DateTime::from_str(text, Format::EpochSeconds)
            .ok()
            .or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(DateTime::from_secs_f64)
            })
    };
    match node {
        Value::Number(n) => epoch(&n.to_string()),
        Value::String(s) => epoch(s)
            .or_else(|| DateTime::from_str(s, Format::DateTime).ok())
            .or_else(|| DateTime::from_str(s, Format::HttpDate).ok()),
        _ => None,
    }
}

/// What a node value of structure `structure` looks like on the wire, for comparing a
/// serialized body with it, and as the body a documented response is read from. Node values
/// are not wire JSON: a timestamp may be documented as epoch seconds or as a date-time whatever
/// the member's `@timestampFormat`, and a float with more digits than an `f32` holds. So
/// timestamps are converted to the member's wire format, floats rounded to 32 bits (written
/// with the shortest digits that read back the same), blobs base64-encoded, `null`s dropped.
/// Also collects the JSON pointers of the timestamps, which compare as instants.
pub fn wire_value(
    ctx: &Context,
    structure: &ShapeId,
    node: &Value,
    instants: &mut Vec<String>,
) -> Result<Value, Problem> {
    wire_of(
        ctx,
        structure,
        TimestampWire::EpochSeconds,
        node,
        "",
        instants,
    )
}

/// The wire form of `node`, a value of `target`; `timestamp` is the format of the member that
/// holds it (used when `target` is a timestamp).
fn wire_of(
    ctx: &Context,
    target: &ShapeId,
    timestamp: TimestampWire,
    node: &Value,
    pointer: &str,
    instants: &mut Vec<String>,
) -> Result<Value, Problem> {
    let shape = ctx.model.expect(target);
    let member_wire = |m: &Member, v: &Value, child: &str, instants: &mut Vec<String>| {
        wire_of(ctx, &m.target, timestamp_wire(ctx, m), v, child, instants)
    };
    Ok(match (&shape.kind, node) {
        (ShapeKind::Simple(SimpleType::Blob), Value::String(s)) => {
            Value::String(aws_smithy_types::base64::encode(s.as_bytes()))
        }
        (ShapeKind::Simple(SimpleType::Timestamp), _) => {
            instants.push(pointer.to_owned());
            wire_instant(node, timestamp).ok_or_else(|| {
                Problem::general(format!(
                    "{}: expected a timestamp that fits the wire format, got {node}",
                    display_pointer(pointer)
                ))
            })?
        }
        (ShapeKind::Simple(SimpleType::Float), Value::Number(n)) => {
            let rounded = n.as_f64().map(|f| f as f32).filter(|f| f.is_finite());
            rounded
                .and_then(|f| f.to_string().parse::<f64>().ok())
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| {
                    Problem::general(format!(
                        "{}: {n} does not fit a 32-bit float",
                        display_pointer(pointer)
                    ))
                })?
        }
        (ShapeKind::Structure(members) | ShapeKind::Union(members), Value::Object(object)) => {
            let mut out = serde_json::Map::new();
            for (key, value) in object {
                if value.is_null() {
                    continue;
                }
                let child = format!("{pointer}/{}", escape_pointer(key));
                let converted = match members.iter().find(|m| m.name() == key) {
                    Some(m) => member_wire(m, value, &child, instants)?,
                    None => value.clone(),
                };
                out.insert(key.clone(), converted);
            }
            // A member with a default is always present in the value, so it is written even
            // where the documentation leaves it out: expect the default there.
            if matches!(shape.kind, ShapeKind::Structure(_)) {
                for member in members {
                    let Some(default) = member.traits.default_value() else {
                        continue;
                    };
                    if object.get(member.name()).is_none_or(Value::is_null)
                        && !crate::rust_type::is_optional(shape, member)
                    {
                        let child = format!("{pointer}/{}", escape_pointer(member.name()));
                        if matches!(
                            ctx.model.expect(&member.target).kind,
                            ShapeKind::Simple(SimpleType::Timestamp)
                        ) {
                            instants.push(child);
                        }
                        // Defaults are written in wire form already (a blob's is base64).
                        out.insert(member.name().to_owned(), default.clone());
                    }
                }
            }
            Value::Object(out)
        }
        (ShapeKind::List(item), Value::Array(items)) => {
            let sparse = shape.traits.has(crate::model::traits::SPARSE);
            let kept = items.iter().filter(|v| sparse || !v.is_null());
            let mut out = Vec::new();
            for (i, v) in kept.enumerate() {
                out.push(if v.is_null() {
                    Value::Null
                } else {
                    member_wire(item, v, &format!("{pointer}/{i}"), instants)?
                });
            }
            Value::Array(out)
        }
        (ShapeKind::Map { value, .. }, Value::Object(entries)) => {
            let sparse = shape.traits.has(crate::model::traits::SPARSE);
            let mut out = serde_json::Map::new();
            for (k, v) in entries {
                if v.is_null() {
                    if sparse {
                        out.insert(k.clone(), Value::Null);
                    }
                    continue;
                }
                let child = format!("{pointer}/{}", escape_pointer(k));
                out.insert(k.clone(), member_wire(value, v, &child, instants)?);
            }
            Value::Object(out)
        }
        _ => node.clone(),
    })
}

/// A documented instant in the wire format `format`: epoch seconds as a JSON number, or an
/// RFC 3339 or HTTP date string. `None` when the node is no instant, or one the format cannot
/// write (a year past 9999).
fn wire_instant(node: &Value, format: TimestampWire) -> Option<Value> {
    let instant = node_instant(node)?;
    Some(match format {
        TimestampWire::EpochSeconds if instant.subsec_nanos() == 0 => {
            Value::Number(instant.secs().into())
        }
        TimestampWire::EpochSeconds => {
            let text = instant.fmt(Format::EpochSeconds).ok()?;
            Value::Number(serde_json::Number::from_f64(text.parse().ok()?)?)
        }
        TimestampWire::DateTime => Value::String(instant.fmt(Format::DateTime).ok()?),
        TimestampWire::HttpDate => Value::String(instant.fmt(Format::HttpDate).ok()?),
    })
}

/// A JSON pointer for messages (`/` for the whole value).
fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// JSON text with object keys sorted, so that emitted test data never depends on the order
/// a `serde_json` map happens to keep.
pub fn canonical_json(value: &Value) -> String {
    match value {
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(canonical_json)
                .collect::<Vec<_>>()
                .join(",")
        ),
        Value::Object(entries) => {
            let mut entries: Vec<(&String, &Value)> = entries.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let parts: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), canonical_json(v)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        scalar => scalar.to_string(),
    }
}
