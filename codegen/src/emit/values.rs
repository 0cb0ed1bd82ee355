//! Model values (`@default`s) → Rust expressions of the member's type. Values were checked
//! against their targets when the model was validated; what can only be checked by parsing
//! (timestamps, base64 blobs, big numbers) is parsed here, at generation time, so the emitted
//! expression cannot fail.

use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::context::Context;
use crate::error::Problem;
use crate::model::{EnumValue, ShapeId, ShapeKind, SimpleType};

/// Whether the expression [`literal`] makes for `value` is a constant (a literal, a unit
/// variant, or a constructor of those), so that `unwrap_or` needs no closure.
pub fn is_constant(ctx: &Context, target: &ShapeId, value: &Value) -> bool {
    match &ctx.model.expect(target).kind {
        ShapeKind::Simple(SimpleType::Document) => {
            !matches!(value, Value::String(_) | Value::Array(_) | Value::Object(_))
        }
        ShapeKind::Simple(
            SimpleType::Boolean
            | SimpleType::Byte
            | SimpleType::Short
            | SimpleType::Integer
            | SimpleType::Long
            | SimpleType::Float
            | SimpleType::Double,
        )
        | ShapeKind::Enum(_)
        | ShapeKind::IntEnum(_) => true,
        _ => false,
    }
}

/// Whether `value` is what Rust's `Default` gives for `target`'s type (zero, `false`, empty),
/// so that a struct whose defaults are all such values can derive `Default`.
pub fn is_rust_default(ctx: &Context, target: &ShapeId, value: &Value) -> bool {
    match &ctx.model.expect(target).kind {
        ShapeKind::Simple(SimpleType::String) => value.as_str() == Some(""),
        ShapeKind::Simple(SimpleType::Boolean) => value.as_bool() == Some(false),
        ShapeKind::Simple(
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long,
        ) => value.as_i64() == Some(0),
        ShapeKind::Simple(SimpleType::Float | SimpleType::Double) => value
            .as_f64()
            .is_some_and(|f| f == 0.0 && f.is_sign_positive()),
        ShapeKind::List(_) | ShapeKind::Map { .. } => true,
        _ => false,
    }
}

/// An expression of `target`'s value type equal to `value`.
pub fn literal(
    ctx: &Context,
    at: &ShapeId,
    target: &ShapeId,
    value: &Value,
) -> Result<TokenStream, Problem> {
    let shape = ctx.model.expect(target);
    let bad = |why: &str| {
        Problem::at(
            at,
            format!("cannot use {value} as a {}: {why}", shape.kind.name()),
        )
    };
    Ok(match &shape.kind {
        ShapeKind::Simple(simple) => simple_literal(*simple, value).map_err(|why| bad(&why))?,
        ShapeKind::List(_) => quote!(::std::vec::Vec::new()),
        ShapeKind::Map { .. } => quote!(::std::collections::BTreeMap::new()),
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            let wanted = match value {
                Value::String(s) => EnumValue::String(s.clone()),
                Value::Number(n) => EnumValue::Int(
                    n.as_i64()
                        .and_then(|n| i32::try_from(n).ok())
                        .ok_or_else(|| bad("not a 32-bit integer"))?,
                ),
                _ => return Err(bad("not an enum value")),
            };
            let member = members
                .iter()
                .find(|m| m.value == wanted)
                .ok_or_else(|| bad("not one of its values"))?;
            let ty = ctx.value_type(target);
            let variant = ctx.names.variant(&member.id);
            quote!(#ty::#variant)
        }
        _ => return Err(bad("structures and unions have no default values")),
    })
}

fn simple_literal(simple: SimpleType, value: &Value) -> Result<TokenStream, String> {
    let int = |min: i64, max: i64| {
        value
            .as_i64()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| "integer out of range".to_owned())
    };
    Ok(match simple {
        SimpleType::String => {
            let s = value.as_str().ok_or("expected a string")?;
            quote!(::std::string::String::from(#s))
        }
        SimpleType::Boolean => {
            let b = value.as_bool().ok_or("expected a boolean")?;
            quote!(#b)
        }
        SimpleType::Byte => {
            let n = Literal::i8_suffixed(int(i8::MIN.into(), i8::MAX.into())? as i8);
            quote!(#n)
        }
        SimpleType::Short => {
            let n = Literal::i16_suffixed(int(i16::MIN.into(), i16::MAX.into())? as i16);
            quote!(#n)
        }
        SimpleType::Integer => {
            let n = Literal::i32_suffixed(int(i32::MIN.into(), i32::MAX.into())? as i32);
            quote!(#n)
        }
        SimpleType::Long => {
            let n = Literal::i64_suffixed(int(i64::MIN, i64::MAX)?);
            quote!(#n)
        }
        SimpleType::Float => match special_float(value) {
            Some(name) => quote!(f32::#name),
            None => {
                let n = Literal::f32_suffixed(value.as_f64().ok_or("expected a number")? as f32);
                quote!(#n)
            }
        },
        SimpleType::Double => match special_float(value) {
            Some(name) => quote!(f64::#name),
            None => {
                let n = Literal::f64_suffixed(value.as_f64().ok_or("expected a number")?);
                quote!(#n)
            }
        },
        SimpleType::BigInteger | SimpleType::BigDecimal => {
            let text = match value {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                _ => return Err("expected a number".to_owned()),
            };
            let ty = if simple == SimpleType::BigInteger {
                text.parse::<aws_smithy_types::BigInteger>()
                    .map_err(|e| e.to_string())?;
                quote!(::aws_smithy_types::BigInteger)
            } else {
                text.parse::<aws_smithy_types::BigDecimal>()
                    .map_err(|e| e.to_string())?;
                quote!(::aws_smithy_types::BigDecimal)
            };
            quote!(<#ty as ::std::str::FromStr>::from_str(#text).expect("checked when the crate was generated"))
        }
        SimpleType::Timestamp => {
            let instant = match value {
                Value::Number(n) => DateTime::from_secs_f64(n.as_f64().ok_or("expected a number")?),
                Value::String(s) => {
                    DateTime::from_str(s, Format::DateTime).map_err(|e| e.to_string())?
                }
                _ => return Err("expected epoch seconds or a date-time string".to_owned()),
            };
            let secs = Literal::i64_suffixed(instant.secs());
            let nanos = Literal::u32_suffixed(instant.subsec_nanos());
            quote!(::aws_smithy_types::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        SimpleType::Blob => {
            let encoded = value.as_str().ok_or("expected a base64 string")?;
            let bytes = aws_smithy_types::base64::decode(encoded)
                .map_err(|e| format!("not base64: {e}"))?;
            let bytes = Literal::byte_string(&bytes);
            quote!(::aws_smithy_types::Blob::new(#bytes.to_vec()))
        }
        SimpleType::Document => document(value),
    })
}

fn special_float(value: &Value) -> Option<proc_macro2::Ident> {
    let name = match value.as_str()? {
        "NaN" => "NAN",
        "Infinity" => "INFINITY",
        "-Infinity" => "NEG_INFINITY",
        _ => return None,
    };
    Some(crate::ident::fixed(name))
}

/// A document literal (`aws_smithy_types::Document`).
pub fn document(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(::aws_smithy_types::Document::Null),
        Value::Bool(b) => quote!(::aws_smithy_types::Document::Bool(#b)),
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                quote!(::aws_smithy_types::Number::PosInt(#u))
            } else if let Some(i) = n.as_i64() {
                quote!(::aws_smithy_types::Number::NegInt(#i))
            } else {
                let f = n.as_f64().unwrap_or_default();
                quote!(::aws_smithy_types::Number::Float(#f))
            };
            quote!(::aws_smithy_types::Document::Number(#number))
        }
        Value::String(s) => {
            quote!(::aws_smithy_types::Document::String(::std::string::String::from(#s)))
        }
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote!(::aws_smithy_types::Document::Array(::std::vec::Vec::from([#(#items),*])))
        }
        Value::Object(entries) => {
            // Sorted here: serde_json's map order depends on a feature any dependency may enable.
            let mut entries: Vec<_> = entries.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let entries = entries.into_iter().map(|(k, v)| {
                let v = document(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(::aws_smithy_types::Document::Object(::std::iter::IntoIterator::into_iter([#(#entries),*]).collect()))
        }
    }
}
