//! The one place that maps a shape to its Rust type, and decides which members are optional.
//!
//! Paths are fully qualified (`::std::option::Option`) so that a model shape called `Option`,
//! `String` or `Result` can never shadow what the generated code means.
//!
//! | Smithy | Rust |
//! |---|---|
//! | string | `String` |
//! | boolean, byte, short, integer, long, float, double | `bool`, `i8`, `i16`, `i32`, `i64`, `f32`, `f64` |
//! | bigInteger, bigDecimal | `aws_smithy_types::{BigInteger, BigDecimal}` |
//! | timestamp, blob, document | `aws_smithy_types::{DateTime, Blob, Document}` |
//! | list, set | `Vec<T>` (`@sparse`: `Vec<Option<T>>`) |
//! | map | `BTreeMap<K, V>` (`@sparse`: `BTreeMap<K, Option<V>>`) |
//! | structure, union, enum, intEnum | the generated type in `crate::types` (an operation's input and output: in `crate::operation::<op>`) |
//!
//! Maps are `BTreeMap` rather than `HashMap`: a request's bytes are then a function of its
//! value (stable signatures, reproducible tests and snapshots, diffable logs), `Debug` output
//! is stable, and there is no hasher state. AWS maps (tags, attributes) are small, so the
//! ordered map costs nothing that matters.

use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::model::traits;
use crate::model::{Member, Shape, ShapeId, ShapeKind, SimpleType};

impl Context {
    /// The type of a value of shape `id`, without `Option` or `Box`.
    pub fn value_type(&self, id: &ShapeId) -> TokenStream {
        let shape = self.model.expect(id);
        match &shape.kind {
            ShapeKind::Simple(simple) => simple_type(*simple),
            ShapeKind::List(member) => {
                let item = self.value_type(&member.target);
                if shape.traits.has(traits::SPARSE) {
                    quote!(::std::vec::Vec<::std::option::Option<#item>>)
                } else {
                    quote!(::std::vec::Vec<#item>)
                }
            }
            ShapeKind::Map { key, value } => {
                let key = self.value_type(&key.target);
                let value = self.value_type(&value.target);
                if shape.traits.has(traits::SPARSE) {
                    quote!(::std::collections::BTreeMap<#key, ::std::option::Option<#value>>)
                } else {
                    quote!(::std::collections::BTreeMap<#key, #value>)
                }
            }
            ShapeKind::Structure(_)
            | ShapeKind::Union(_)
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_) => self.names.type_path(id),
            ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
                panic!("generator bug: {id} is not a value shape")
            }
        }
    }

    /// The type of a member held in a structure field or union variant: the value type, boxed
    /// when recursion requires it (see `recursion`). No `Option`.
    pub fn held_type(&self, member: &Member) -> TokenStream {
        let value = self.value_type(&member.target);
        if self.boxed.contains(&member.id) {
            quote!(::std::boxed::Box<#value>)
        } else {
            value
        }
    }

    /// The type of a structure field: [`Context::held_type`], in `Option` when optional. An
    /// event stream is always there (it is the response body, fed as it arrives).
    pub fn field_type(&self, container: &Shape, member: &Member) -> TokenStream {
        let held = self.held_type(member);
        if self.is_event_stream(&member.target) {
            quote!(crate::event_stream::EventStream<#held>)
        } else if is_optional(container, member) {
            quote!(::std::option::Option<#held>)
        } else {
            held
        }
    }
}

/// Smithy 2.0 client nullability, the rule this generator implements. A structure member is
/// `Option` unless it is known to be present:
///
/// 1. `@clientOptional` → optional (AWS pairs it with every `@required`, so that a service may
///    later drop the requirement without breaking clients).
/// 2. In an `@input` structure → optional (a service may relax input requirements; missing
///    required inputs are reported by the builder's `build()` instead).
/// 3. `@addedDefault` → optional (the member was optional before its default existed; keeping
///    it `Option` means regenerating never changes its type).
/// 4. `@default` (non-null) → not optional; the default fills it.
/// 5. `@required` → not optional; a response that omits it anyway gets the type's zero value
///    (Smithy's client error correction).
/// 6. Otherwise optional.
pub fn is_optional(container: &Shape, member: &Member) -> bool {
    if member.traits.has(traits::CLIENT_OPTIONAL)
        || container.traits.has(traits::INPUT)
        || member.traits.has(traits::ADDED_DEFAULT)
    {
        return true;
    }
    !(member.traits.default_value().is_some() || member.traits.has(traits::REQUIRED))
}

fn simple_type(simple: SimpleType) -> TokenStream {
    match simple {
        SimpleType::Blob => quote!(::aws_smithy_types::Blob),
        SimpleType::Boolean => quote!(bool),
        SimpleType::String => quote!(::std::string::String),
        SimpleType::Byte => quote!(i8),
        SimpleType::Short => quote!(i16),
        SimpleType::Integer => quote!(i32),
        SimpleType::Long => quote!(i64),
        SimpleType::Float => quote!(f32),
        SimpleType::Double => quote!(f64),
        SimpleType::BigInteger => quote!(::aws_smithy_types::BigInteger),
        SimpleType::BigDecimal => quote!(::aws_smithy_types::BigDecimal),
        SimpleType::Timestamp => quote!(::aws_smithy_types::DateTime),
        SimpleType::Document => quote!(::aws_smithy_types::Document),
    }
}
