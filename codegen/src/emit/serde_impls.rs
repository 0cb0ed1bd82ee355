//! `src/serde_impls.rs` (the crate's `serde` feature): `Serialize` and `Deserialize` for every
//! structure, union and enum, in the awsJson form, so that `serde_json` writes the body
//! `json::to_vec` writes and reads what it reads. Written out rather than derived: the feature
//! costs no proc-macro, and the rules are the codec's own:
//!
//! - members by their model names; `None` left out; everything set written;
//! - structures read from their empty value (`ReadInPlace::empty`), members in any order,
//!   `null` as absent, unknown members skipped;
//! - unions as one-member objects (`__type` ignored, an unknown member read as `Unknown`, which
//!   cannot be written); enums as their wire value, unknown values kept;
//! - timestamps (in their format), blobs, documents, floats and big numbers through the
//!   runtime's adapters (`runtime/serde_wire.rs`), composed through lists, maps and `Option`s
//!   by serde_with.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{in_crate, short_types, value_type};
use crate::ir::{Ir, Kind, Member, Shape, ShapeId, SimpleType, Structure, Union};
use crate::ir::{TimestampFormat, Variant};

/// The crate feature that turns these impls on.
pub const FEATURE: &str = "serde";

/// The whole `src/serde_impls.rs`.
pub fn serde_rs(ir: &Ir) -> TokenStream {
    let mut names_types = false;
    let items: Vec<TokenStream> = ir
        .type_shapes()
        .map(|shape| {
            let (tokens, shortened) = match &shape.kind {
                Kind::Structure(structure) => structure_impls(ir, shape, structure),
                Kind::Union(union) => (union_impls(ir, shape, union), false),
                Kind::Enum(_) | Kind::IntEnum(_) => enum_impls(ir, shape),
                _ => unreachable!("types are structures, unions and enums"),
            };
            names_types |= shortened;
            tokens
        })
        .collect();
    let types = super::builders::types_import(names_types);
    quote! {
        //! `Serialize` and `Deserialize` for every type, in the awsJson form (the `serde`
        //! feature): `serde_json::to_vec` writes what `json::to_vec` writes.
        use crate::runtime::serde_wire;
        #types

        #(#items)*
    }
}

/// The serde_with adapter for a value of `target` (unboxed), when its awsJson form is not
/// serde's own: a timestamp, blob, document, float or big number, a list or map that is not
/// `@sparse` (they skip `null`s), or a sparse one holding any of these. `None` when the value
/// serializes as itself.
fn adapter(ir: &Ir, target: &ShapeId, timestamp: TimestampFormat) -> Option<TokenStream> {
    match &ir.shape(target).kind {
        Kind::Simple(simple) => match simple {
            SimpleType::Timestamp => Some(match timestamp {
                TimestampFormat::EpochSeconds => quote!(serde_wire::EpochSeconds),
                TimestampFormat::DateTime => quote!(serde_wire::DateTimeText),
                TimestampFormat::HttpDate => quote!(serde_wire::HttpDate),
            }),
            SimpleType::Blob => Some(quote!(serde_wire::Base64)),
            SimpleType::Document => Some(quote!(serde_wire::Json)),
            SimpleType::Float | SimpleType::Double => Some(quote!(serde_wire::Float)),
            SimpleType::BigInteger | SimpleType::BigDecimal => Some(quote!(serde_wire::BigNumber)),
            _ => None,
        },
        Kind::List { member, sparse } => {
            let item = adapter(ir, &member.target, member.timestamp);
            if *sparse {
                let item = item?;
                Some(quote!(::std::vec::Vec<::std::option::Option<#item>>))
            } else {
                let item = item.unwrap_or_else(|| quote!(::serde_with::Same));
                Some(quote!(serde_wire::DenseList<#item>))
            }
        }
        Kind::Map { value, sparse, .. } => {
            let item = adapter(ir, &value.target, value.timestamp);
            if *sparse {
                let item = item?;
                Some(
                    quote!(::std::collections::BTreeMap<::serde_with::Same, ::std::option::Option<#item>>),
                )
            } else {
                let item = item.unwrap_or_else(|| quote!(::serde_with::Same));
                Some(quote!(serde_wire::DenseMap<#item>))
            }
        }
        Kind::Structure(_) | Kind::Union(_) | Kind::Enum(_) | Kind::IntEnum(_) => None,
    }
}

/// What writes `expr` (a reference to an unboxed value of the member's target).
fn written<M: Member>(ir: &Ir, member: &M, expr: TokenStream) -> TokenStream {
    match adapter(ir, member.target(), member.timestamp()) {
        Some(adapter) => {
            let ty = value_type(ir, member.target());
            quote!(&::serde_with::ser::SerializeAsWrap::<#ty, #adapter>::new(#expr))
        }
        None => expr,
    }
}

/// An expression reading the member's value from `map` as an `Option` (`null` is `None`),
/// with `?` applied; a sensitive member's error never quotes what was read.
fn read<M: Member>(ir: &Ir, member: &M, redacted: bool) -> TokenStream {
    let ty = value_type(ir, member.target());
    let read = match adapter(ir, member.target(), member.timestamp()) {
        Some(adapter) => quote! {
            map.next_value::<::serde_with::de::DeserializeAsWrap<::std::option::Option<#ty>, ::std::option::Option<#adapter>>>()
                .map(::serde_with::de::DeserializeAsWrap::into_inner)
        },
        None => quote!(map.next_value::<::std::option::Option<#ty>>()),
    };
    if redacted {
        let wire = member.wire();
        quote!(serde_wire::redacted(#read, #wire)?)
    } else {
        quote!(#read?)
    }
}

/// One `serde_wire::structure!` call: a line per member (see the runtime's macro).
fn structure_impls(ir: &Ir, shape: &Shape, structure: &Structure) -> (TokenStream, bool) {
    // The type by its path in the crate (`types::X`), which the macro roots at `$crate`.
    let ty = in_crate(&ir.names.type_path(&shape.id));
    let mut shortened = false;
    let name = shape.id.name();
    // An event stream is the response body itself, never part of a JSON document.
    let members = structure
        .fields
        .iter()
        .filter(|f| !f.event_stream)
        .map(|field| {
            let mode = if field.optional {
                quote!(opt)
            } else {
                quote!(req)
            };
            let ident = &field.ident;
            let wire = &field.wire;
            let sensitive = field.redacted.then(|| quote!(sensitive));
            let value = value_type(ir, &field.target);
            let value = if field.boxed {
                quote!(::std::boxed::Box<#value>)
            } else {
                value
            };
            let (value, short) = short_types(&value);
            shortened |= short;
            let adapter = adapter(ir, &field.target, field.timestamp).map(|a| quote!(as #a));
            quote!(#mode #ident #wire #sensitive: #value #adapter)
        });
    let tokens = quote! {
        serde_wire::structure!(#ty, #name { #(#members),* });
    };
    (tokens, shortened)
}

fn union_impls(ir: &Ir, shape: &Shape, union: &Union) -> TokenStream {
    let ty = ir.names.type_path(&shape.id);
    let unknown = format!(
        "cannot serialize a member of union {} this crate does not know",
        shape.id.name()
    );
    let expecting = format!("an object with one member (union {})", shape.id.name());
    let write_arms = union.variants.iter().map(|member| {
        let variant = &member.ident;
        let wire = &member.wire;
        if member.unit {
            quote!(Self::#variant => serde_wire::union_member(serializer, #wire, &serde_wire::EmptyObject),)
        } else {
            let value = if member.boxed {
                quote!(&**value)
            } else {
                quote!(value)
            };
            let value = written(ir, member, value);
            quote!(Self::#variant(value) => serde_wire::union_member(serializer, #wire, #value),)
        }
    });
    let read_arms = union.variants.iter().map(|member| read_variant(ir, member));
    quote! {
        impl ::serde::Serialize for #ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#write_arms)*
                    Self::Unknown => ::std::result::Result::Err(::serde::ser::Error::custom(#unknown)),
                }
            }
        }

        impl<'de> serde_wire::ReadUnion<'de> for #ty {
            const EXPECTING: &'static str = #expecting;

            fn member<A: ::serde::de::MapAccess<'de>>(key: &str, map: &mut A) -> ::std::result::Result<serde_wire::UnionMember<Self>, A::Error> {
                let value = match key {
                    #(#read_arms)*
                    _ => {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                        return ::std::result::Result::Ok(serde_wire::UnionMember::Unknown);
                    }
                };
                ::std::result::Result::Ok(value.into())
            }

            fn unknown() -> Self {
                Self::Unknown
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_map(serde_wire::UnionVisitor::new())
            }
        }
    }
}

/// A `match` arm reading a union member's value into `Option<Self>` (`None`: it is `null`).
fn read_variant(ir: &Ir, member: &Variant) -> TokenStream {
    let variant = &member.ident;
    let wire = &member.wire;
    if member.unit {
        return quote! {
            #wire => map.next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?.map(|_| Self::#variant),
        };
    }
    let read = read(ir, member, member.redacted);
    if member.boxed {
        quote!(#wire => #read.map(|value| Self::#variant(::std::boxed::Box::new(value))),)
    } else {
        quote!(#wire => #read.map(Self::#variant),)
    }
}

/// One `serde_wire::enumeration!` call: an enum as its wire value, a string (kept as is when
/// unknown) or, for an intEnum, an `i32`.
fn enum_impls(ir: &Ir, shape: &Shape) -> (TokenStream, bool) {
    let ty = in_crate(&ir.names.type_path(&shape.id));
    let kind = if matches!(shape.kind, Kind::IntEnum(_)) {
        quote!(int)
    } else {
        quote!(string)
    };
    (quote!(serde_wire::enumeration!(#kind #ty);), false)
}
