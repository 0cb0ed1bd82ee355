//! Unions → `#[non_exhaustive]` enums with a variant per member (unit for `Unit` targets) and
//! an `Unknown` variant for members a newer service sends, plus `as_*`/`is_*` accessors.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{held_type, value_type};
use super::{deprecated, member_docs, shape_docs};
use crate::ir::{Ir, Shape, Union};

/// The union's enum and its accessors.
pub fn emit(ir: &Ir, shape: &Shape, union: &Union) -> TokenStream {
    let name = ir.names.type_name(&shape.id);
    let docs = shape_docs(ir, shape, "union");

    let mut variants = Vec::new();
    let mut accessors = Vec::new();
    let mut debug_arms = Vec::new();
    let mut any_redacted = false;
    for member in &union.variants {
        let variant = &member.ident;
        let docs = member_docs(ir, &shape.id, member);
        let dep = deprecated(member.deprecated.as_ref());
        let is_fn = &member.is_method;
        let as_fn = &member.as_method;
        let label = variant.bare();
        let is_doc = super::doc(&format!("Whether this is the `{}` member.", member.wire));
        if member.unit {
            variants.push(quote!(#docs #dep #variant,));
            debug_arms.push(quote!(Self::#variant => f.write_str(#label),));
            accessors.push(quote! {
                #is_doc
                pub fn #is_fn(&self) -> bool {
                    ::std::matches!(self, Self::#variant)
                }
            });
            continue;
        }
        let held = held_type(ir, &member.target, member.boxed);
        variants.push(quote!(#docs #dep #variant(#held),));
        // Accessors see through a recursion `Box`.
        let value_ty = value_type(ir, &member.target);
        let deref = if member.boxed {
            quote!(&**value)
        } else {
            quote!(value)
        };
        any_redacted |= member.redacted;
        debug_arms.push(if member.redacted {
            quote!(Self::#variant(_) => f.debug_tuple(#label).field(&crate::runtime::REDACTED).finish(),)
        } else {
            quote!(Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),)
        });
        let as_doc = super::doc(&format!(
            "The `{}` member's value, if this is that member.",
            member.wire
        ));
        accessors.push(quote! {
            #as_doc
            pub fn #as_fn(&self) -> ::std::option::Option<&#value_ty> {
                match self {
                    Self::#variant(value) => ::std::option::Option::Some(#deref),
                    _ => ::std::option::Option::None,
                }
            }

            #is_doc
            pub fn #is_fn(&self) -> bool {
                self.#as_fn().is_some()
            }
        });
    }

    let debug_impl = any_redacted.then(|| {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#debug_arms)*
                        Self::Unknown => f.write_str("Unknown"),
                    }
                }
            }
        }
    });
    let derive_debug = debug_impl.is_none().then(|| quote!(Debug,));
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, #derive_debug)]
        // Variants hold members inline, as the model defines them; boxing by size would make
        // the API depend on how large unrelated shapes happen to be.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know (a newer service sent it).
            /// It cannot be serialized.
            #[non_exhaustive]
            Unknown,
        }

        impl #name {
            #(#accessors)*

            /// Whether this is a member this version of the crate does not know.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown)
            }
        }

        #debug_impl
    }
}
