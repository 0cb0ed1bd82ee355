//! Rust types and field defaults, as emitted code spells them: the one mapping from a shape to
//! its Rust type (see `rust_type` for the rules), and what a field holds when nobody sets it.
//!
//! Paths are fully qualified (`::std::option::Option`) so that a model shape called `Option`,
//! `String` or `Result` can never shadow what the generated code means.

use proc_macro2::TokenStream;
use quote::quote;

use super::values;
use crate::ir::ShapeId;
use crate::ir::{Field, Ir, Kind, SimpleType};

/// The type of a value of shape `id`, without `Option` or `Box`.
pub fn value_type(ir: &Ir, id: &ShapeId) -> TokenStream {
    let shape = ir.shape(id);
    match &shape.kind {
        Kind::Simple(simple) => simple_type(*simple),
        Kind::List { member, sparse } => {
            let item = element_type(ir, &member.target, *sparse);
            quote!(::std::vec::Vec<#item>)
        }
        Kind::Map { key, value, sparse } => {
            let key = value_type(ir, &key.target);
            let value = element_type(ir, &value.target, *sparse);
            quote!(::std::collections::BTreeMap<#key, #value>)
        }
        Kind::Structure(_) | Kind::Union(_) | Kind::Enum(_) | Kind::IntEnum(_) => {
            ir.names.type_path(id)
        }
    }
}

/// The type of a list's element or a map's value: in an `Option` when the collection is sparse.
pub fn element_type(ir: &Ir, target: &ShapeId, sparse: bool) -> TokenStream {
    let value = value_type(ir, target);
    if sparse {
        quote!(::std::option::Option<#value>)
    } else {
        value
    }
}

/// The type of a member held in a structure field or union variant: the value type, boxed
/// when recursion requires it (see `recursion`). No `Option`.
pub fn held_type(ir: &Ir, target: &ShapeId, boxed: bool) -> TokenStream {
    let value = value_type(ir, target);
    if boxed {
        quote!(::std::boxed::Box<#value>)
    } else {
        value
    }
}

/// The type a builder stores and its setter takes for `field` (an event stream in its
/// holder), without the `Option` the builder wraps it in.
pub fn builder_value_type(ir: &Ir, field: &Field) -> TokenStream {
    let held = value_type(ir, &field.target);
    if field.event_stream {
        quote!(crate::event_stream::EventStream<#held>)
    } else {
        held
    }
}

/// The type of a structure field: the held type, in `Option` when optional. An event stream is
/// always there (it is the response body, fed as it arrives).
pub fn field_type(ir: &Ir, field: &Field) -> TokenStream {
    let held = held_type(ir, &field.target, field.boxed);
    if field.event_stream {
        quote!(crate::event_stream::EventStream<#held>)
    } else if field.optional {
        quote!(::std::option::Option<#held>)
    } else {
        held
    }
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

/// How a field gets its value when nobody sets it.
pub enum FieldDefault {
    /// The field is an `Option`: `None`.
    None,
    /// The model's `@default`, as an expression; `constant` when it is a plain literal,
    /// `rust_default` when it equals what `Default` gives for the field's type.
    Value {
        expr: TokenStream,
        constant: bool,
        rust_default: bool,
    },
    /// Required with no default: the caller must set it.
    Required,
}

/// What `field` falls back to.
pub fn field_default(ir: &Ir, field: &Field) -> FieldDefault {
    if field.event_stream {
        // An empty stream, fed the response body as it arrives.
        return FieldDefault::Value {
            expr: quote!(::std::default::Default::default()),
            constant: false,
            rust_default: true,
        };
    }
    if field.optional {
        return FieldDefault::None;
    }
    match &field.default {
        Some(value) => {
            let expr = values::default_expr(ir, &field.target, value);
            let constant = !field.boxed && values::is_constant(value);
            let rust_default = !field.boxed && values::is_rust_default(value);
            let expr = if field.boxed {
                quote!(::std::boxed::Box::new(#expr))
            } else {
                expr
            };
            FieldDefault::Value {
                expr,
                constant,
                rust_default,
            }
        }
        None => FieldDefault::Required,
    }
}

/// A field's getter, as the AWS SDKs spell them: its return type and the expression that reads
/// `self`'s field. A list reads as a slice (empty when unset), a string as `&str`, a value that
/// is `Copy` (a boolean, number or intEnum) by value, anything else by reference; an optional
/// field wraps that in `Option`. `None` for an event stream (the caller feeds the field itself).
pub fn getter(ir: &Ir, field: &Field) -> Option<(TokenStream, TokenStream)> {
    if field.event_stream {
        return None;
    }
    let ident = &field.ident;
    let value = value_type(ir, &field.target);
    let kind = &ir.shape(&field.target).kind;
    let optional = field.optional;
    Some(match kind {
        Kind::List { member, sparse } => {
            let item = value_type(ir, &member.target);
            let item = if *sparse {
                quote!(::std::option::Option<#item>)
            } else {
                item
            };
            let body = if optional {
                quote!(self.#ident.as_deref().unwrap_or_default())
            } else {
                quote!(&self.#ident)
            };
            (quote!(&[#item]), body)
        }
        Kind::Simple(SimpleType::String) if optional => (
            quote!(::std::option::Option<&str>),
            quote!(self.#ident.as_deref()),
        ),
        Kind::Simple(SimpleType::String) => (quote!(&str), quote!(&self.#ident)),
        kind if matches!(kind, Kind::Simple(s) if s.is_primitive())
            || matches!(kind, Kind::IntEnum(_)) =>
        {
            if optional {
                (quote!(::std::option::Option<#value>), quote!(self.#ident))
            } else {
                (value, quote!(self.#ident))
            }
        }
        _ if optional => {
            let body = if field.boxed {
                quote!(self.#ident.as_deref())
            } else {
                quote!(self.#ident.as_ref())
            };
            (quote!(::std::option::Option<&#value>), body)
        }
        _ => (quote!(&#value), quote!(&self.#ident)),
    })
}

/// `ty` with each `crate::types::X` written `types::X`, and whether it had one. The runtime's
/// accessor macros take types as arguments, which the formatter prints token by token
/// (`crate ::types::X`, since `crate` is a keyword); the modules calling them import
/// `crate::types` when their types need it, and the arguments name its types from there.
pub fn short_types(ty: &TokenStream) -> (TokenStream, bool) {
    use proc_macro2::{Group, TokenTree};
    let tokens: Vec<TokenTree> = ty.clone().into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut shortened = false;
    let mut i = 0;
    while i < tokens.len() {
        let is = |at: usize, text: &str| {
            tokens.get(at).is_some_and(|t| match t {
                TokenTree::Ident(ident) => ident == text,
                TokenTree::Punct(punct) => text.len() == 1 && punct.as_char() == ':',
                _ => false,
            })
        };
        // `crate :: types ::` (each `::` is two `:` puncts).
        if is(i, "crate") && is(i + 1, ":") && is(i + 2, ":") && is(i + 3, "types") {
            shortened = true;
            i += 3;
            continue;
        }
        match &tokens[i] {
            TokenTree::Group(group) => {
                let (inner, inner_shortened) = short_types(&group.stream());
                shortened |= inner_shortened;
                let mut copy = Group::new(group.delimiter(), inner);
                copy.set_span(group.span());
                out.push(TokenTree::Group(copy));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    (out.into_iter().collect(), shortened)
}

/// A type's path without its leading `crate::` (`types::Backup`), for the runtime macros that
/// take a type by its path in the crate (they write `$crate::…`; the formatter prints such a
/// path as written, where it would print `crate ::types::Backup`).
pub fn in_crate(path: &TokenStream) -> TokenStream {
    let tokens: Vec<proc_macro2::TokenTree> = path.clone().into_iter().collect();
    match tokens.as_slice() {
        [proc_macro2::TokenTree::Ident(root), proc_macro2::TokenTree::Punct(_), proc_macro2::TokenTree::Punct(_), rest @ ..]
            if root == "crate" =>
        {
            rest.iter().cloned().collect()
        }
        _ => panic!("generator bug: a type path outside the crate: {path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{in_crate, short_types};

    #[test]
    fn in_crate_drops_the_root() {
        assert_eq!(
            in_crate(&quote!(crate::operation::r#match::MatchInput)).to_string(),
            quote!(operation::r#match::MatchInput).to_string()
        );
    }
    use quote::quote;

    #[test]
    fn short_types_rewrites_only_crate_types_paths() {
        let (ty, shortened) = short_types(&quote!(
            ::std::vec::Vec<::std::option::Option<crate::types::Tag>>
        ));
        assert!(shortened);
        assert_eq!(
            ty.to_string(),
            quote!(::std::vec::Vec<::std::option::Option<types::Tag>>).to_string()
        );
        let other = quote!(crate::operation::get::GetInput);
        assert_eq!(short_types(&other).0.to_string(), other.to_string());
        assert!(!short_types(&other).1);
        assert!(!short_types(&quote!(::std::string::String)).1);
    }
}
