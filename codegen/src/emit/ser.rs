//! awsJson serializers (`src/json_ser.rs`): `SerializeJson` for every structure and union, and
//! a `ser_<name>` function per list and map shape. Member names are written as in the model
//! (`@jsonName` does not apply to awsJson); `None` is left out; everything set is written,
//! zeros and empty collections included.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::context::Context;
use crate::model::traits;
use crate::model::{is_unit, Member, Shape, ShapeKind, SimpleType};
use crate::rust_type::is_optional;

/// `crate::json::TimestampFormat::…` for a member: its own `@timestampFormat`, else its
/// target's, else epoch seconds (the awsJson default).
pub fn timestamp_format(ctx: &Context, member: &Member) -> TokenStream {
    let variant = match timestamp_wire(ctx, member) {
        TimestampWire::EpochSeconds => quote!(EpochSeconds),
        TimestampWire::DateTime => quote!(DateTime),
        TimestampWire::HttpDate => quote!(HttpDate),
    };
    quote!(crate::json::TimestampFormat::#variant)
}

/// How a timestamp member is written (`@timestampFormat` on the member, else on its target,
/// else epoch seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampWire {
    /// Seconds since the epoch, a JSON number.
    EpochSeconds,
    /// An RFC 3339 string.
    DateTime,
    /// An RFC 7231 string.
    HttpDate,
}

/// The wire format of timestamp member `member`.
pub fn timestamp_wire(ctx: &Context, member: &Member) -> TimestampWire {
    let format = member
        .traits
        .get(traits::TIMESTAMP_FORMAT)
        .or_else(|| {
            ctx.model
                .expect(&member.target)
                .traits
                .get(traits::TIMESTAMP_FORMAT)
        })
        .and_then(|v| v.as_str());
    match format {
        Some("date-time") => TimestampWire::DateTime,
        Some("http-date") => TimestampWire::HttpDate,
        _ => TimestampWire::EpochSeconds,
    }
}

/// The whole `src/json_ser.rs`.
pub fn json_ser_rs(ctx: &Context) -> TokenStream {
    let mut items = Vec::new();
    for shape in ctx.type_shapes() {
        match &shape.kind {
            ShapeKind::Structure(members) => items.push(structure(ctx, shape, members)),
            ShapeKind::Union(members) => items.push(union(ctx, shape, members)),
            _ => {}
        }
    }
    for shape in ctx.collection_shapes() {
        items.push(collection(ctx, shape));
    }
    quote! {
        //! awsJson serializers for every structure, union, list and map of the crate.
        #(#items)*
    }
}

fn structure(ctx: &Context, shape: &Shape, members: &[Member]) -> TokenStream {
    let type_path = ctx.names.type_path(&shape.id);
    // An event stream is the response body itself, never part of a JSON document.
    let writes = members
        .iter()
        .filter(|m| !ctx.is_event_stream(&m.target))
        .map(|member| {
            let field = ctx.names.field(&member.id);
            let wire = member.name();
            let write = value(ctx, member, quote!(value), false);
            if is_optional(shape, member) {
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#field {
                        writer.member(#wire);
                        #write
                    }
                }
            } else {
                quote! {
                    let value = &self.#field;
                    writer.member(#wire);
                    #write
                }
            }
        });
    quote! {
        impl crate::json::SerializeJson for #type_path {
            fn serialize_json(&self, writer: &mut crate::json::JsonWriter) -> ::std::result::Result<(), crate::json::SerializeError> {
                writer.begin_object();
                #(#writes)*
                writer.end_object();
                ::std::result::Result::Ok(())
            }
        }
    }
}

fn union(ctx: &Context, shape: &Shape, members: &[Member]) -> TokenStream {
    let type_path = ctx.names.type_path(&shape.id);
    let label = format!(
        "cannot serialize a member of union {} this crate does not know",
        shape.id.name()
    );
    let arms = members.iter().map(|member| {
        let variant = ctx.names.variant(&member.id);
        let wire = member.name();
        if is_unit(&member.target) {
            quote! {
                Self::#variant => {
                    writer.member(#wire);
                    writer.begin_object();
                    writer.end_object();
                }
            }
        } else {
            let write = value(ctx, member, quote!(value), false);
            quote! {
                Self::#variant(value) => {
                    writer.member(#wire);
                    #write
                }
            }
        }
    });
    quote! {
        impl crate::json::SerializeJson for #type_path {
            fn serialize_json(&self, writer: &mut crate::json::JsonWriter) -> ::std::result::Result<(), crate::json::SerializeError> {
                writer.begin_object();
                match self {
                    #(#arms)*
                    Self::Unknown => return ::std::result::Result::Err(crate::json::SerializeError::new(::std::string::String::from(#label))),
                }
                writer.end_object();
                ::std::result::Result::Ok(())
            }
        }
    }
}

fn collection(ctx: &Context, shape: &Shape) -> TokenStream {
    let function = format_ident!("ser_{}", ctx.names.collection(&shape.id).bare());
    let ty = ctx.value_type(&shape.id);
    let sparse = shape.traits.has(traits::SPARSE);
    let body = match &shape.kind {
        ShapeKind::List(member) => {
            let write = value(ctx, member, quote!(item), true);
            let write = if sparse {
                quote!(match item { ::std::option::Option::Some(item) => { #write } ::std::option::Option::None => writer.null(), })
            } else {
                write
            };
            quote! {
                writer.begin_array();
                for item in value {
                    #write
                }
                writer.end_array();
            }
        }
        ShapeKind::Map {
            key,
            value: map_value,
        } => {
            let key_str = if matches!(ctx.model.expect(&key.target).kind, ShapeKind::Enum(_)) {
                quote!(key.as_str())
            } else {
                quote!(key)
            };
            let write = value(ctx, map_value, quote!(item), true);
            let write = if sparse {
                quote!(match item { ::std::option::Option::Some(item) => { #write } ::std::option::Option::None => writer.null(), })
            } else {
                write
            };
            quote! {
                writer.begin_object();
                for (key, item) in value {
                    writer.key(#key_str);
                    #write
                }
                writer.end_object();
            }
        }
        _ => unreachable!("collection_shapes returns lists and maps"),
    };
    let doc = format!("Writes a `{}`.", shape.id);
    quote! {
        #[doc = #doc]
        pub(crate) fn #function(writer: &mut crate::json::JsonWriter, value: &#ty) -> ::std::result::Result<(), crate::json::SerializeError> {
            #body
            ::std::result::Result::Ok(())
        }
    }
}

/// Statements writing `expr` (a reference to the member's value) for `member`. Errors from
/// nested values gain the member's name (not for collection elements: the element's member
/// name is `member`, which says nothing).
fn value(ctx: &Context, member: &Member, expr: TokenStream, in_collection: bool) -> TokenStream {
    let target = ctx.model.expect(&member.target);
    let wire = member.id.member().unwrap_or_default().to_owned();
    let in_member = if !in_collection {
        quote!(.map_err(|e| e.in_member(#wire)))
    } else {
        quote!()
    };
    match &target.kind {
        ShapeKind::Simple(simple) => match simple {
            SimpleType::String => quote!(writer.string(#expr);),
            SimpleType::Boolean => quote!(writer.boolean(*#expr);),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long => {
                quote!(writer.integer(*#expr);)
            }
            SimpleType::Float => quote!(writer.float(*#expr);),
            SimpleType::Double => quote!(writer.double(*#expr);),
            SimpleType::BigInteger => quote!(writer.big_integer(#expr);),
            SimpleType::BigDecimal => quote!(writer.big_decimal(#expr);),
            SimpleType::Timestamp => {
                let format = timestamp_format(ctx, member);
                quote!(writer.timestamp(#expr, #format)#in_member?;)
            }
            SimpleType::Blob => quote!(writer.blob(#expr);),
            SimpleType::Document => quote!(writer.document(#expr);),
        },
        ShapeKind::Enum(_) => quote!(writer.string(#expr.as_str());),
        ShapeKind::IntEnum(_) => quote!(writer.integer(#expr.value());),
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let expr = if ctx.boxed.contains(&member.id) {
                quote!(&**#expr)
            } else {
                expr
            };
            quote!(crate::json::SerializeJson::serialize_json(#expr, writer)#in_member?;)
        }
        ShapeKind::List(_) | ShapeKind::Map { .. } => {
            let function = format_ident!("ser_{}", ctx.names.collection(&member.target).bare());
            quote!(#function(writer, #expr)#in_member?;)
        }
        ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
            unreachable!("validated: members target values")
        }
    }
}
