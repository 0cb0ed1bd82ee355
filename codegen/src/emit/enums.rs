//! Enums and intEnums → `#[non_exhaustive]` Rust enums with an `Unknown` variant that keeps a
//! value this crate does not know, so that it survives a round trip unchanged and matching on
//! `as_str()` / `value()` keeps working after regeneration.

use proc_macro2::TokenStream;
use quote::quote;

use super::{deprecated, doc_lines, shape_docs};
use crate::ident::RustIdent;
use crate::ir::{EnumVariant, EnumWire, Ir, Kind, Shape};

/// A string enum or an intEnum: a `#[non_exhaustive]` enum with an `Unknown` variant holding
/// what this crate does not know, its wire value, every known value, and conversions.
pub fn emit(ir: &Ir, shape: &Shape, members: &[EnumVariant]) -> TokenStream {
    let name = ir.names.type_name(&shape.id);
    let is_int = matches!(shape.kind, Kind::IntEnum(_));
    let docs = shape_docs(ir, shape, if is_int { "intEnum" } else { "enum" });
    let variants: Vec<&RustIdent> = members.iter().map(|m| &m.ident).collect();
    let variant_defs = variant_defs(ir, members);
    let debug = debug_impl(shape, name);
    let derive_debug = debug.is_none().then(|| quote!(Debug,));
    let values: Vec<TokenStream> = members
        .iter()
        .map(|m| match &m.value {
            EnumWire::String(s) => quote!(#s),
            EnumWire::Int(n) => quote!(#n),
        })
        .collect();
    let (copy, unknown, kind) = if is_int {
        (
            quote!(Copy,),
            quote! {
                /// A value this version of the crate does not know, kept as received.
                Unknown(crate::primitives::UnknownIntEnumValue),
            },
            quote!(int),
        )
    } else {
        (
            quote!(),
            quote! {
                /// A value this version of the crate does not know. It is kept as received:
                /// `as_str()` returns it and serializing writes it back unchanged.
                Unknown(crate::primitives::UnknownEnumValue),
            },
            quote!(string),
        )
    };
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, #copy PartialEq, Eq, Hash, #derive_debug)]
        pub enum #name {
            #(#variant_defs)*
            #unknown
        }

        crate::runtime::values::enumeration!(#kind #name { #(#variants #values),* });

        #debug
    }
}

/// Each variant's definition: its docs (ending with its wire value) and deprecation.
fn variant_defs(ir: &Ir, members: &[EnumVariant]) -> Vec<TokenStream> {
    members
        .iter()
        .map(|m| {
            let value = match &m.value {
                EnumWire::String(s) => format!("`{s}`"),
                EnumWire::Int(n) => format!("`{n}` (`{}`)", m.name),
            };
            let docs = variant_docs(ir, m, &value);
            let dep = deprecated(m.deprecated.as_ref());
            let variant = &m.ident;
            quote!(#docs #dep #variant,)
        })
        .collect()
}

fn variant_docs(ir: &Ir, member: &EnumVariant, value: &str) -> TokenStream {
    let mut lines = match &member.documentation {
        Some(doc) => ir.rustdoc(doc).to_vec(),
        None => Vec::new(),
    };
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("Wire value: {value}."));
    doc_lines(&lines)
}

/// A `@sensitive` enum prints only the marker.
fn debug_impl(shape: &Shape, name: &RustIdent) -> Option<TokenStream> {
    if !shape.sensitive {
        return None;
    }
    Some(quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(crate::runtime::REDACTED)
            }
        }
    })
}
