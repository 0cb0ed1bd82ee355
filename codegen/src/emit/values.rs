//! `@default` values (parsed and checked when the crate was planned, see `ir::DefaultValue`)
//! as Rust expressions of the member's type, and documents as `Document` literals.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::rust::value_type;
use crate::ir::ShapeId;
use crate::ir::{DefaultValue, Ir, Kind, SimpleType};

/// Whether the expression [`default_expr`] makes for `value` is a constant (a literal, a unit
/// variant, or a constructor of those), so that `unwrap_or` needs no closure.
pub fn is_constant(value: &DefaultValue) -> bool {
    match value {
        DefaultValue::Document(value) => {
            !matches!(value, Value::String(_) | Value::Array(_) | Value::Object(_))
        }
        DefaultValue::Boolean(_)
        | DefaultValue::Integer(_)
        | DefaultValue::Float(_)
        | DefaultValue::Variant(_) => true,
        _ => false,
    }
}

/// Whether `value` is what Rust's `Default` gives for its type (zero, `false`, empty), so that
/// a struct whose defaults are all such values can derive `Default`.
pub fn is_rust_default(value: &DefaultValue) -> bool {
    match value {
        DefaultValue::String(s) => s.is_empty(),
        DefaultValue::Boolean(b) => !b,
        DefaultValue::Integer(n) => *n == 0,
        DefaultValue::Float(f) => *f == 0.0 && f.is_sign_positive(),
        DefaultValue::EmptyList | DefaultValue::EmptyMap => true,
        _ => false,
    }
}

/// An expression of `target`'s value type equal to `value`.
pub fn default_expr(ir: &Ir, target: &ShapeId, value: &DefaultValue) -> TokenStream {
    let simple = match &ir.shape(target).kind {
        Kind::Simple(simple) => Some(*simple),
        _ => None,
    };
    match value {
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::Boolean(b) => quote!(#b),
        DefaultValue::Integer(n) => {
            let n = match simple {
                Some(SimpleType::Byte) => Literal::i8_suffixed(*n as i8),
                Some(SimpleType::Short) => Literal::i16_suffixed(*n as i16),
                Some(SimpleType::Integer) => Literal::i32_suffixed(*n as i32),
                _ => Literal::i64_suffixed(*n),
            };
            quote!(#n)
        }
        DefaultValue::Float(f) => {
            let ty = if simple == Some(SimpleType::Float) {
                quote!(f32)
            } else {
                quote!(f64)
            };
            let special = if f.is_nan() {
                Some("NAN")
            } else if *f == f64::INFINITY {
                Some("INFINITY")
            } else if *f == f64::NEG_INFINITY {
                Some("NEG_INFINITY")
            } else {
                None
            };
            match special {
                Some(name) => {
                    let name = crate::ident::fixed(name);
                    quote!(#ty::#name)
                }
                None if simple == Some(SimpleType::Float) => {
                    let n = Literal::f32_suffixed(*f as f32);
                    quote!(#n)
                }
                None => {
                    let n = Literal::f64_suffixed(*f);
                    quote!(#n)
                }
            }
        }
        DefaultValue::BigNumber(text) => {
            let ty = if simple == Some(SimpleType::BigInteger) {
                quote!(::aws_smithy_types::BigInteger)
            } else {
                quote!(::aws_smithy_types::BigDecimal)
            };
            quote!(<#ty as ::std::str::FromStr>::from_str(#text).expect("checked when the crate was generated"))
        }
        DefaultValue::Timestamp { secs, nanos } => {
            let secs = Literal::i64_suffixed(*secs);
            let nanos = Literal::u32_suffixed(*nanos);
            quote!(::aws_smithy_types::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        DefaultValue::Blob(bytes) => {
            let bytes = Literal::byte_string(bytes);
            quote!(::aws_smithy_types::Blob::new(#bytes.to_vec()))
        }
        DefaultValue::Document(value) => document(value),
        DefaultValue::EmptyList => quote!(::std::vec::Vec::new()),
        DefaultValue::EmptyMap => quote!(::std::collections::BTreeMap::new()),
        DefaultValue::Variant(variant) => {
            let ty = value_type(ir, target);
            quote!(#ty::#variant)
        }
    }
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
