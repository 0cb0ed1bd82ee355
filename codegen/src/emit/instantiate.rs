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
use super::values::document;
use crate::error::Problem;
use crate::ir::ShapeId;
use crate::ir::{EnumWire, Ir, Kind, SimpleType, TimestampFormat};

/// Builds expressions for values of the crate `root` (its library name).
pub struct Instantiator<'a> {
    ir: &'a Ir,
    root: Ident,
}

impl<'a> Instantiator<'a> {
    /// An instantiator for the crate `ir` describes.
    pub fn new(ir: &'a Ir) -> Self {
        Instantiator {
            ir,
            root: crate::ident::fixed(&ir.package.replace('-', "_")),
        }
    }

    /// The crate's library name, for paths in tests.
    pub fn root(&self) -> &Ident {
        &self.root
    }

    /// The crate's description.
    pub fn ir(&self) -> &'a Ir {
        self.ir
    }

    /// An expression of structure `id`'s type holding `node` (built with its builder).
    pub fn structure(&self, id: &ShapeId, node: &Value, at: &str) -> Result<TokenStream, Problem> {
        let builder = self.builder(id, node, at)?;
        let Kind::Structure(structure) = &self.ir.shape(id).kind else {
            return Err(self.problem(at, format!("{id} is not a structure")));
        };
        let build = if build_can_fail(self.ir, self.ir.shape(id), structure) {
            quote!(.build().expect("every member without a default is set"))
        } else {
            quote!(.build())
        };
        Ok(quote!(#builder #build))
    }

    /// `Type::builder()` and a setter call per member of `node`, as a user writes them
    /// (`build()` is the caller's).
    pub fn builder(&self, id: &ShapeId, node: &Value, at: &str) -> Result<TokenStream, Problem> {
        let path = self.ir.names.public_type_path(&self.root, id);
        let calls = self.setter_calls(id, node, at)?;
        Ok(quote!(#path::builder() #calls))
    }

    /// The setter calls of [`Instantiator::builder`], without `Type::builder()`.
    pub fn setter_calls(
        &self,
        id: &ShapeId,
        node: &Value,
        at: &str,
    ) -> Result<TokenStream, Problem> {
        let Kind::Structure(structure) = &self.ir.shape(id).kind else {
            return Err(self.problem(at, format!("{id} is not a structure")));
        };
        let object = node
            .as_object()
            .ok_or_else(|| self.problem(at, format!("expected an object for {id}, got {node}")))?;
        for key in object.keys() {
            if !structure.fields.iter().any(|f| &f.wire == key) {
                return Err(self.problem(
                    at,
                    format!("`{key}` is not a member of {}", origin(self.ir, id)),
                ));
            }
        }
        let mut calls = Vec::new();
        for field in &structure.fields {
            let Some(value) = object.get(&field.wire).filter(|v| !v.is_null()) else {
                continue;
            };
            let setter = &field.setter;
            let set = &field.set;
            let at = format!("{at}.{}", field.wire);
            // Lists and maps are built as users write them: an element (entry) per call.
            match &self.ir.shape(&field.target).kind {
                Kind::List { member, sparse } if !field.event_stream => {
                    let items = self.list(&member.target, *sparse, value, &at, true)?;
                    if items.is_empty() {
                        calls.push(
                            quote!(.#set(::std::option::Option::Some(::std::vec::Vec::new()))),
                        );
                    }
                    calls.extend(items.into_iter().map(|e| quote!(.#setter(#e))));
                }
                Kind::Map {
                    key,
                    value: v,
                    sparse,
                } => {
                    let entries = self.map(&key.target, &v.target, *sparse, value, &at, true)?;
                    if entries.is_empty() {
                        calls.push(quote!(.#set(::std::option::Option::Some(::std::default::Default::default()))));
                    }
                    calls.extend(entries.into_iter().map(|(k, v)| quote!(.#setter(#k, #v))));
                }
                _ => {
                    let expr = self.value(&field.target, value, &at, true)?;
                    calls.push(quote!(.#setter(#expr)));
                }
            }
        }
        Ok(quote!(#(#calls)*))
    }

    /// An expression of `target`'s value type (unboxed) holding `node`; as a setter's
    /// `argument`, a string is a plain literal (setters take `impl Into<String>`).
    fn value(
        &self,
        target: &ShapeId,
        node: &Value,
        at: &str,
        argument: bool,
    ) -> Result<TokenStream, Problem> {
        let root = &self.root;
        let shape = self.ir.shape(target);
        let bad = |what: &str| self.problem(at, format!("expected {what}, got {node}"));
        Ok(match &shape.kind {
            Kind::Simple(simple) => match simple {
                SimpleType::String => {
                    let s = node.as_str().ok_or_else(|| bad("a string"))?;
                    if argument {
                        quote!(#s)
                    } else {
                        quote!(::std::string::String::from(#s))
                    }
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
            Kind::Enum(_) => {
                let s = node.as_str().ok_or_else(|| bad("a string"))?;
                self.enum_value(target, s)
            }
            Kind::IntEnum(_) => {
                let n = node
                    .as_i64()
                    .and_then(|n| i32::try_from(n).ok())
                    .ok_or_else(|| bad("a 32-bit integer"))?;
                let path = self.ir.names.public_type_path(root, target);
                quote!(#path::from(#n))
            }
            Kind::Structure(_) => self.structure(target, node, at)?,
            Kind::Union(union) => {
                let object = node
                    .as_object()
                    .ok_or_else(|| bad("an object with one member"))?;
                let set: Vec<(&String, &Value)> =
                    object.iter().filter(|(_, v)| !v.is_null()).collect();
                let [(key, value)] = set.as_slice() else {
                    return Err(bad("an object with exactly one member"));
                };
                let variant = union
                    .variants
                    .iter()
                    .find(|v| &v.wire == *key)
                    .ok_or_else(|| {
                        self.problem(at, format!("`{key}` is not a member of {target}"))
                    })?;
                let path = self.ir.names.public_type_path(root, target);
                let ident = &variant.ident;
                if variant.unit {
                    quote!(#path::#ident)
                } else {
                    let inner =
                        self.value(&variant.target, value, &format!("{at}.{key}"), false)?;
                    let inner = if variant.boxed {
                        quote!(::std::boxed::Box::new(#inner))
                    } else {
                        inner
                    };
                    quote!(#path::#ident(#inner))
                }
            }
            Kind::List { member, sparse } => {
                let exprs = self.list(&member.target, *sparse, node, at, false)?;
                quote!(::std::vec::Vec::from([#(#exprs),*]))
            }
            Kind::Map { key, value, sparse } => {
                let entries = self.map(&key.target, &value.target, *sparse, node, at, false)?;
                let exprs = entries.iter().map(|(k, v)| quote!((#k, #v)));
                quote!(::std::collections::BTreeMap::from([#(#exprs),*]))
            }
        })
    }

    /// The elements of a list holding `node` (an array), each a setter's `argument` or not.
    fn list(
        &self,
        member: &ShapeId,
        sparse: bool,
        node: &Value,
        at: &str,
        argument: bool,
    ) -> Result<Vec<TokenStream>, Problem> {
        let items = node
            .as_array()
            .ok_or_else(|| self.problem(at, format!("expected an array, got {node}")))?;
        let mut exprs = Vec::new();
        for (i, v) in items.iter().enumerate() {
            if let Some(e) = self.element(member, sparse, v, &format!("{at}[{i}]"), argument)? {
                exprs.push(e);
            }
        }
        Ok(exprs)
    }

    /// The entries, in key order, of a map holding `node` (an object), each a setter's
    /// `argument` or not.
    fn map(
        &self,
        key: &ShapeId,
        value: &ShapeId,
        sparse: bool,
        node: &Value,
        at: &str,
        argument: bool,
    ) -> Result<Vec<(TokenStream, TokenStream)>, Problem> {
        let entries = node
            .as_object()
            .ok_or_else(|| self.problem(at, format!("expected an object, got {node}")))?;
        let key_is_enum = matches!(self.ir.shape(key).kind, Kind::Enum(_));
        let mut sorted: Vec<(&String, &Value)> = entries.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let mut exprs = Vec::new();
        for (k, v) in sorted {
            let key_expr = if key_is_enum {
                self.enum_value(key, k)
            } else if argument {
                quote!(#k)
            } else {
                quote!(::std::string::String::from(#k))
            };
            if let Some(value_expr) =
                self.element(value, sparse, v, &format!("{at}[{k:?}]"), argument)?
            {
                exprs.push((key_expr, value_expr));
            }
        }
        Ok(exprs)
    }

    /// A list element or map value holding `node`: in `Option` for a sparse collection (`null`
    /// is `None` there), `None` (left out) for a `null` in a dense one.
    fn element(
        &self,
        target: &ShapeId,
        sparse: bool,
        node: &Value,
        at: &str,
        argument: bool,
    ) -> Result<Option<TokenStream>, Problem> {
        Ok(match (node, sparse) {
            (Value::Null, true) => Some(quote!(::std::option::Option::None)),
            (Value::Null, false) => None,
            (node, true) => {
                let e = self.value(target, node, at, false)?;
                Some(quote!(::std::option::Option::Some(#e)))
            }
            (node, false) => Some(self.value(target, node, at, argument)?),
        })
    }

    /// A value of the enum `id`: its variant when the value is known (and not deprecated), else
    /// `from` the text.
    fn enum_value(&self, id: &ShapeId, text: &str) -> TokenStream {
        let path = self.ir.names.public_type_path(&self.root, id);
        let known = match &self.ir.shape(id).kind {
            Kind::Enum(variants) => variants
                .iter()
                .find(|v| v.value == EnumWire::String(text.to_owned()))
                // A deprecated variant would warn where the expression is used.
                .filter(|v| v.deprecated.is_none()),
            _ => None,
        };
        match known {
            Some(variant) => {
                let ident = &variant.ident;
                quote!(#path::#ident)
            }
            None => quote!(#path::from(#text)),
        }
    }

    fn problem(&self, at: &str, message: String) -> Problem {
        Problem::general(format!("{at}: {message}"))
    }
}

/// Where a synthetic operation input/output comes from, for messages.
fn origin(ir: &Ir, id: &ShapeId) -> String {
    match ir
        .shape(id)
        .origin
        .as_ref()
        .and_then(|o| o.original.as_ref())
    {
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
    ir: &Ir,
    structure: &ShapeId,
    node: &Value,
    instants: &mut Vec<String>,
) -> Result<Value, Problem> {
    wire_of(
        ir,
        structure,
        TimestampFormat::EpochSeconds,
        node,
        "",
        instants,
    )
}

/// The wire form of `node`, a value of `target`; `timestamp` is the format of the member that
/// holds it (used when `target` is a timestamp).
fn wire_of(
    ir: &Ir,
    target: &ShapeId,
    timestamp: TimestampFormat,
    node: &Value,
    pointer: &str,
    instants: &mut Vec<String>,
) -> Result<Value, Problem> {
    let shape = ir.shape(target);
    Ok(match (&shape.kind, node) {
        (Kind::Simple(SimpleType::Blob), Value::String(s)) => {
            Value::String(aws_smithy_types::base64::encode(s.as_bytes()))
        }
        (Kind::Simple(SimpleType::Timestamp), _) => {
            instants.push(pointer.to_owned());
            wire_instant(node, timestamp).ok_or_else(|| {
                Problem::general(format!(
                    "{}: expected a timestamp that fits the wire format, got {node}",
                    display_pointer(pointer)
                ))
            })?
        }
        (Kind::Simple(SimpleType::Float), Value::Number(n)) => {
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
        (Kind::Structure(structure), Value::Object(object)) => {
            let members = |key: &str| {
                let f = structure.fields.iter().find(|f| f.wire == key)?;
                Some((&f.target, f.timestamp))
            };
            let mut out = wire_object(ir, object, pointer, instants, members)?;
            // A member with a default is always present in the value, so it is written even
            // where the documentation leaves it out: expect the default there.
            for field in &structure.fields {
                let Some(default) = &field.default_node else {
                    continue;
                };
                if object.get(&field.wire).is_none_or(Value::is_null) {
                    let child = format!("{pointer}/{}", escape_pointer(&field.wire));
                    if matches!(
                        ir.shape(&field.target).kind,
                        Kind::Simple(SimpleType::Timestamp)
                    ) {
                        instants.push(child);
                    }
                    // Defaults are written in wire form already (a blob's is base64).
                    out.insert(field.wire.clone(), default.clone());
                }
            }
            Value::Object(out)
        }
        (Kind::Union(union), Value::Object(object)) => {
            let members = |key: &str| {
                let v = union.variants.iter().find(|v| v.wire == key && !v.unit)?;
                Some((&v.target, v.timestamp))
            };
            Value::Object(wire_object(ir, object, pointer, instants, members)?)
        }
        (Kind::List { member, sparse }, Value::Array(items)) => {
            let kept = items.iter().filter(|v| *sparse || !v.is_null());
            let mut out = Vec::new();
            for (i, v) in kept.enumerate() {
                out.push(if v.is_null() {
                    Value::Null
                } else {
                    let child = format!("{pointer}/{i}");
                    wire_of(ir, &member.target, member.timestamp, v, &child, instants)?
                });
            }
            Value::Array(out)
        }
        (Kind::Map { value, sparse, .. }, Value::Object(entries)) => {
            let mut out = serde_json::Map::new();
            for (k, v) in entries {
                if v.is_null() {
                    if *sparse {
                        out.insert(k.clone(), Value::Null);
                    }
                    continue;
                }
                let child = format!("{pointer}/{}", escape_pointer(k));
                out.insert(
                    k.clone(),
                    wire_of(ir, &value.target, value.timestamp, v, &child, instants)?,
                );
            }
            Value::Object(out)
        }
        _ => node.clone(),
    })
}

/// The wire form of a structure's or union's members (`member` gives a member's target and
/// timestamp format by its name; unknown members and unit variants are kept as they are),
/// `null`s dropped.
fn wire_object<'a>(
    ir: &Ir,
    object: &serde_json::Map<String, Value>,
    pointer: &str,
    instants: &mut Vec<String>,
    member: impl Fn(&str) -> Option<(&'a ShapeId, TimestampFormat)>,
) -> Result<serde_json::Map<String, Value>, Problem> {
    let mut out = serde_json::Map::new();
    for (key, value) in object {
        if value.is_null() {
            continue;
        }
        let child = format!("{pointer}/{}", escape_pointer(key));
        let converted = match member(key) {
            Some((target, timestamp)) => wire_of(ir, target, timestamp, value, &child, instants)?,
            None => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    Ok(out)
}

/// A documented instant in the wire format `format`: epoch seconds as a JSON number, or an
/// RFC 3339 or HTTP date string. `None` when the node is no instant, or one the format cannot
/// write (a year past 9999).
fn wire_instant(node: &Value, format: TimestampFormat) -> Option<Value> {
    let instant = node_instant(node)?;
    Some(match format {
        TimestampFormat::EpochSeconds if instant.subsec_nanos() == 0 => {
            Value::Number(instant.secs().into())
        }
        TimestampFormat::EpochSeconds => {
            let text = instant.fmt(Format::EpochSeconds).ok()?;
            Value::Number(serde_json::Number::from_f64(text.parse().ok()?)?)
        }
        TimestampFormat::DateTime => Value::String(instant.fmt(Format::DateTime).ok()?),
        TimestampFormat::HttpDate => Value::String(instant.fmt(Format::HttpDate).ok()?),
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
