//! Enums and intEnums → `#[non_exhaustive]` Rust enums with an `Unknown` variant that keeps a
//! value this crate does not know, so that it survives a round trip unchanged and matching on
//! `as_str()` / `value()` keeps working after regeneration.

use proc_macro2::TokenStream;
use quote::quote;

use super::{deprecated, doc_lines, shape_docs};
use crate::context::Context;
use crate::ident::RustIdent;
use crate::model::traits;
use crate::model::{EnumMember, EnumValue, Shape};

/// A string enum.
pub fn emit_enum(ctx: &Context, shape: &Shape, members: &[EnumMember]) -> TokenStream {
    let name = ctx.names.type_name(&shape.id);
    let docs = shape_docs(ctx, shape, "enum");
    let shape_deprecated = deprecated(&shape.traits);
    let values: Vec<&str> = members
        .iter()
        .map(|m| match &m.value {
            EnumValue::String(s) => s.as_str(),
            EnumValue::Int(_) => unreachable!("validated: enum members have string values"),
        })
        .collect();
    let variants: Vec<_> = members.iter().map(|m| ctx.names.variant(&m.id)).collect();
    let variant_defs = members
        .iter()
        .zip(&variants)
        .zip(&values)
        .map(|((m, v), value)| {
            let docs = variant_docs(ctx, m, &format!("`{value}`"));
            let dep = deprecated(&m.traits);
            quote!(#docs #dep #v,)
        });
    let debug = debug_impl(shape, name);
    let derive_debug = debug.is_none().then(|| quote!(Debug,));
    quote! {
        #docs
        #shape_deprecated
        #[non_exhaustive]
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, #derive_debug)]
        pub enum #name {
            #(#variant_defs)*
            /// A value this version of the crate does not know. It is kept as received:
            /// `as_str()` returns it and serializing writes it back unchanged.
            Unknown(crate::primitives::UnknownEnumValue),
        }

        impl #name {
            /// The value as on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(crate::primitives::UnknownEnumValue::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #debug
    }
}

/// An intEnum: the same pattern over `i32`.
pub fn emit_int_enum(ctx: &Context, shape: &Shape, members: &[EnumMember]) -> TokenStream {
    let name = ctx.names.type_name(&shape.id);
    let docs = shape_docs(ctx, shape, "intEnum");
    let shape_deprecated = deprecated(&shape.traits);
    let values: Vec<i32> = members
        .iter()
        .map(|m| match m.value {
            EnumValue::Int(n) => n,
            EnumValue::String(_) => unreachable!("validated: intEnum members have integer values"),
        })
        .collect();
    let variants: Vec<_> = members.iter().map(|m| ctx.names.variant(&m.id)).collect();
    let variant_defs = members
        .iter()
        .zip(&variants)
        .zip(&values)
        .map(|((m, v), value)| {
            let docs = variant_docs(ctx, m, &format!("`{value}` (`{}`)", m.name()));
            let dep = deprecated(&m.traits);
            quote!(#docs #dep #v,)
        });
    let debug = debug_impl(shape, name);
    let derive_debug = debug.is_none().then(|| quote!(Debug,));
    quote! {
        #docs
        #shape_deprecated
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, #derive_debug)]
        pub enum #name {
            #(#variant_defs)*
            /// A value this version of the crate does not know, kept as received.
            Unknown(crate::primitives::UnknownIntEnumValue),
        }

        impl #name {
            /// The value as on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value.value(),
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(crate::primitives::UnknownIntEnumValue::new(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        #debug
    }
}

fn variant_docs(ctx: &Context, member: &EnumMember, value: &str) -> TokenStream {
    let mut lines = match member.traits.documentation() {
        Some(doc) => ctx.rustdoc(doc).to_vec(),
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
    if !shape.traits.has(traits::SENSITIVE) {
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
