//! awsJson deserializers (`src/json_de.rs`): `DeserializeJson` for every structure and union,
//! and a `de_<name>` function per list and map shape.
//!
//! Unknown keys are skipped; `null` is "absent"; a dense collection drops `null`s and a sparse
//! one keeps them; a union ignores `__type` and reads a member it does not know as `Unknown`. A
//! required member the response leaves out gets its `@default`, or else its type's zero value
//! (Smithy's client error correction). A wrong JSON type is an error naming the member path.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ser::timestamp_format;
use super::structs::{field_default, FieldDefault};
use crate::context::Context;
use crate::error::Problem;
use crate::model::traits;
use crate::model::{is_unit, Member, Shape, ShapeKind, SimpleType};

/// The whole `src/json_de.rs`.
pub fn json_de_rs(ctx: &Context) -> Result<TokenStream, Vec<Problem>> {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for shape in ctx.type_shapes() {
        match &shape.kind {
            ShapeKind::Structure(members) => match structure(ctx, shape, members) {
                Ok(item) => items.push(item),
                Err(p) => problems.push(p),
            },
            ShapeKind::Union(members) => {
                items.push(union(ctx, shape, members));
                if ctx.is_event_stream(&shape.id) {
                    items.push(decode_event(ctx, shape, members));
                }
            }
            _ => {}
        }
    }
    for shape in ctx.collection_shapes() {
        items.push(collection(ctx, shape));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(quote! {
        //! awsJson deserializers for every structure, union, list and map of the crate.
        #(#items)*
    })
}

/// `fn field(key: &str) -> u16` mapping member names to their index (`u16::MAX` otherwise).
fn field_fn(members: &[Member], extra: TokenStream) -> TokenStream {
    if members.is_empty() && extra.is_empty() {
        return quote! {
            fn field(_: &str) -> u16 {
                u16::MAX
            }
        };
    }
    let arms = members.iter().enumerate().map(|(i, m)| {
        let wire = m.name();
        let index = u16::try_from(i).expect("fewer than 65535 members");
        quote!(#wire => #index,)
    });
    quote! {
        fn field(key: &str) -> u16 {
            match key {
                #(#arms)*
                #extra
                _ => u16::MAX,
            }
        }
    }
}

fn structure(ctx: &Context, shape: &Shape, all_members: &[Member]) -> Result<TokenStream, Problem> {
    let name = ctx.names.type_name(&shape.id);
    // An event stream is the response body itself, never part of a JSON document: it is not
    // read here, and starts empty.
    let members: Vec<Member> = all_members
        .iter()
        .filter(|m| !ctx.is_event_stream(&m.target))
        .cloned()
        .collect();
    let members = members.as_slice();
    let field = field_fn(members, quote!());
    let arms = members.iter().enumerate().map(|(i, m)| {
        let index = u16::try_from(i).expect("fewer than 65535 members");
        let read = member_read(ctx, shape, m);
        quote!(#index => #read,)
    });
    let read_loop = if members.is_empty() {
        quote! {
            while next.is_some() {
                reader.skip()?;
                next = reader.object_next(field)?;
            }
        }
    } else {
        quote! {
            while let ::std::option::Option::Some(index) = next {
                match index {
                    #(#arms)*
                    _ => reader.skip()?,
                }
                next = reader.object_next(field)?;
            }
        }
    };
    // A structure without members reads nothing into its value.
    let place = if members.is_empty() {
        format_ident!("_value")
    } else {
        format_ident!("value")
    };
    let mut inits = Vec::new();
    for m in all_members {
        let field_name = ctx.names.field(&m.id);
        let init = match field_default(ctx, shape, m)? {
            FieldDefault::None => quote!(::std::option::Option::None),
            FieldDefault::Value { expr, .. } => expr,
            FieldDefault::Required => zero(ctx, m),
        };
        inits.push(quote!(#field_name: #init,));
    }
    if ctx.is_error(&shape.id) {
        inits.push(quote!(meta: ::std::default::Default::default(),));
    }
    Ok(quote! {
        impl crate::types::#name {
            /// The value of `{}`: defaults filled in, required members zero (Smithy's client
            /// error correction), the rest unset. Reading fills it in place.
            pub(crate) fn empty() -> Self {
                Self { #(#inits)* }
            }
        }

        impl crate::json::DeserializeJson for crate::types::#name {
            fn deserialize_json(reader: &mut crate::json::JsonReader<'_>) -> ::std::result::Result<Self, crate::json::DeserializeError> {
                let mut value = Self::empty();
                Self::deserialize_json_into(reader, &mut value)?;
                ::std::result::Result::Ok(value)
            }

            fn deserialize_json_into(reader: &mut crate::json::JsonReader<'_>, #place: &mut Self) -> ::std::result::Result<(), crate::json::DeserializeError> {
                #field
                let mut next = reader.object_start(field)?;
                #read_loop
                ::std::result::Result::Ok(())
            }
        }
    })
}

/// The statement reading member `m` into its field: structures are filled in place (so large
/// values are never moved), everything else is read and stored; `null` leaves an optional
/// member unset and a required or defaulted one as it is.
fn member_read(ctx: &Context, shape: &Shape, m: &Member) -> TokenStream {
    let field = ctx.names.field(&m.id);
    let wire = m.name();
    let optional = crate::rust_type::is_optional(shape, m);
    let boxed = ctx.boxed.contains(&m.id);
    if matches!(ctx.model.expect(&m.target).kind, ShapeKind::Structure(_)) {
        let ty = ctx.value_type(&m.target);
        let method = match (optional, boxed) {
            (true, false) => quote!(member_in_place),
            (true, true) => quote!(member_boxed),
            (false, false) => quote!(value_in_place),
            (false, true) => quote!(value_boxed),
        };
        return quote!(reader.#method(&mut value.#field, #wire, #ty::empty)?);
    }
    let read = self::value(ctx, m);
    if optional {
        quote!(reader.member(&mut value.#field, #wire, |reader| #read)?)
    } else {
        quote!(reader.value(&mut value.#field, #wire, |reader| #read)?)
    }
}

/// A required member's zero value, for when the response leaves it out.
fn zero(ctx: &Context, member: &Member) -> TokenStream {
    let target = ctx.model.expect(&member.target);
    let ty = ctx.value_type(&member.target);
    let zero = match &target.kind {
        ShapeKind::Simple(SimpleType::Timestamp) => {
            quote!(::aws_smithy_types::DateTime::from_secs(0))
        }
        ShapeKind::Simple(SimpleType::Document) => quote!(::aws_smithy_types::Document::Null),
        ShapeKind::Simple(SimpleType::Blob) => {
            quote!(::aws_smithy_types::Blob::new(::std::vec::Vec::new()))
        }
        ShapeKind::Simple(_) | ShapeKind::List(_) | ShapeKind::Map { .. } => {
            quote!(::std::default::Default::default())
        }
        ShapeKind::Enum(_) => quote!(#ty::from("")),
        ShapeKind::IntEnum(_) => quote!(#ty::from(0)),
        ShapeKind::Union(_) => quote!(#ty::Unknown),
        _ => quote!(#ty::empty()),
    };
    if ctx.boxed.contains(&member.id) {
        quote!(::std::boxed::Box::new(#zero))
    } else {
        zero
    }
}

fn union(ctx: &Context, shape: &Shape, members: &[Member]) -> TokenStream {
    let name = ctx.names.type_name(&shape.id);
    let type_key = quote!("__type" => u16::MAX - 1,);
    let field = field_fn(members, type_key);
    let arms = members.iter().enumerate().map(|(i, m)| {
        let index = u16::try_from(i).expect("fewer than 65535 members");
        let variant = ctx.names.variant(&m.id);
        let wire = m.name();
        if is_unit(&m.target) {
            quote! {
                #index => {
                    reader.skip()?;
                    Self::#variant
                }
            }
        } else {
            let read = value(ctx, m);
            quote!(#index => Self::#variant(#read.map_err(|e| e.in_member(#wire))?),)
        }
    });
    let several = format!("union {} has more than one member set", shape.id.name());
    let none = format!("union {} has no member set", shape.id.name());
    quote! {
        impl crate::json::DeserializeJson for crate::types::#name {
            fn deserialize_json(reader: &mut crate::json::JsonReader<'_>) -> ::std::result::Result<Self, crate::json::DeserializeError> {
                #field
                let mut value: ::std::option::Option<Self> = ::std::option::Option::None;
                let mut next = reader.object_start(field)?;
                while let ::std::option::Option::Some(index) = next {
                    // `__type` says which union this is, and a `null` member is not set.
                    if index == u16::MAX - 1 || reader.take_null()? {
                        if index == u16::MAX - 1 {
                            reader.skip()?;
                        }
                    } else {
                        let member = match index {
                            #(#arms)*
                            _ => {
                                reader.skip()?;
                                Self::Unknown
                            }
                        };
                        if value.replace(member).is_some() {
                            return ::std::result::Result::Err(reader.invalid(#several));
                        }
                    }
                    next = reader.object_next(field)?;
                }
                value.ok_or_else(|| reader.invalid(#none))
            }
        }
    }
}

fn collection(ctx: &Context, shape: &Shape) -> TokenStream {
    let function = format_ident!("de_{}", ctx.names.collection(&shape.id).bare());
    let ty = ctx.value_type(&shape.id);
    let sparse = shape.traits.has(traits::SPARSE);
    let body = match &shape.kind {
        ShapeKind::List(member) => {
            let read = value(ctx, member);
            let in_place = !sparse
                && matches!(
                    ctx.model.expect(&member.target).kind,
                    ShapeKind::Structure(_)
                );
            let element_ty = ctx.value_type(&member.target);
            let push = if in_place {
                quote!(reader.element_in_place(&mut items, #element_ty::empty, index)?;)
            } else if sparse {
                quote!(items.push(reader.optional(|reader| #read).map_err(|e| e.in_index(index))?);)
            } else {
                quote! {
                    if !reader.take_null()? {
                        items.push(#read.map_err(|e| e.in_index(index))?);
                    }
                }
            };
            let trim = in_place.then(|| quote!(crate::runtime::json_read::trim(&mut items);));
            quote! {
                let mut items = ::std::vec::Vec::new();
                let mut index = 0usize;
                let mut more = reader.array_start()?;
                while more {
                    #push
                    index += 1;
                    more = reader.array_next()?;
                }
                #trim
                ::std::result::Result::Ok(items)
            }
        }
        ShapeKind::Map {
            key,
            value: map_value,
        } => {
            let enum_key = matches!(ctx.model.expect(&key.target).kind, ShapeKind::Enum(_));
            let key_ty = ctx.value_type(&key.target);
            let key_value = if enum_key {
                quote!(#key_ty::from(key.as_str()))
            } else {
                quote!(key)
            };
            let read = value(ctx, map_value);
            let in_place = !sparse
                && matches!(
                    ctx.model.expect(&map_value.target).kind,
                    ShapeKind::Structure(_)
                );
            let value_ty = ctx.value_type(&map_value.target);
            let insert = if in_place {
                // The key as written names the entry in errors, so a string key is cloned.
                let key_value = if enum_key {
                    key_value.clone()
                } else {
                    quote!(key.clone())
                };
                quote!(reader.entry_in_place(&mut map, #key_value, &key, #value_ty::empty)?;)
            } else if sparse {
                quote! {
                    let item = reader.optional(|reader| #read).map_err(|e| e.in_key(&key))?;
                    map.insert(#key_value, item);
                }
            } else {
                quote! {
                    if !reader.take_null()? {
                        let item = #read.map_err(|e| e.in_key(&key))?;
                        map.insert(#key_value, item);
                    }
                }
            };
            quote! {
                let mut map = ::std::collections::BTreeMap::new();
                let mut next = reader.object_start_key()?;
                while let ::std::option::Option::Some(key) = next {
                    #insert
                    next = reader.object_next_key()?;
                }
                ::std::result::Result::Ok(map)
            }
        }
        _ => unreachable!("collection_shapes returns lists and maps"),
    };
    let doc = format!("Reads a `{}`.", shape.id);
    quote! {
        #[doc = #doc]
        fn #function(reader: &mut crate::json::JsonReader<'_>) -> ::std::result::Result<#ty, crate::json::DeserializeError> {
            #body
        }
    }
}

/// An expression of type `Result<T, DeserializeError>` reading `member`'s target from `reader`.
fn value(ctx: &Context, member: &Member) -> TokenStream {
    let target = ctx.model.expect(&member.target);
    let read = match &target.kind {
        ShapeKind::Simple(simple) => match simple {
            SimpleType::String => quote!(reader.string()),
            SimpleType::Boolean => quote!(reader.boolean()),
            SimpleType::Byte => quote!(reader.integer::<i8>("an 8-bit integer")),
            SimpleType::Short => quote!(reader.integer::<i16>("a 16-bit integer")),
            SimpleType::Integer => quote!(reader.integer::<i32>("a 32-bit integer")),
            SimpleType::Long => quote!(reader.integer::<i64>("a 64-bit integer")),
            SimpleType::Float => quote!(reader.float()),
            SimpleType::Double => quote!(reader.double()),
            SimpleType::BigInteger => quote!(reader.big_integer()),
            SimpleType::BigDecimal => quote!(reader.big_decimal()),
            SimpleType::Timestamp => {
                let format = timestamp_format(ctx, member);
                quote!(reader.timestamp(#format))
            }
            SimpleType::Blob => quote!(reader.blob()),
            SimpleType::Document => quote!(reader.document()),
        },
        ShapeKind::Enum(_) => {
            let ty = ctx.value_type(&member.target);
            quote!(reader.enum_value::<#ty>())
        }
        ShapeKind::IntEnum(_) => {
            let ty = ctx.value_type(&member.target);
            quote!(reader.integer::<i32>("a 32-bit integer").map(#ty::from))
        }
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let ty = ctx.value_type(&member.target);
            quote!(<#ty as crate::json::DeserializeJson>::deserialize_json(reader))
        }
        ShapeKind::List(_) | ShapeKind::Map { .. } => {
            let function = format_ident!("de_{}", ctx.names.collection(&member.target).bare());
            quote!(#function(reader))
        }
        ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
            unreachable!("validated: members target values")
        }
    };
    if ctx.boxed.contains(&member.id) {
        quote!(#read.map(::std::boxed::Box::new))
    } else {
        read
    }
}

/// `DecodeEvent` for an event-stream union: each message's payload is the JSON of the member its
/// `:event-type` (or `:exception-type`) names.
fn decode_event(ctx: &Context, shape: &Shape, members: &[Member]) -> TokenStream {
    let name = ctx.names.type_name(&shape.id);
    let arms = members.iter().map(|m| {
        let variant = ctx.names.variant(&m.id);
        let wire = m.name();
        if is_unit(&m.target) {
            return quote!(#wire => Self::#variant,);
        }
        let ty = ctx.value_type(&m.target);
        let read = quote!(crate::runtime::protocol::parse_body::<#ty>(payload)?);
        let read = if ctx.boxed.contains(&m.id) {
            quote!(::std::boxed::Box::new(#read))
        } else {
            read
        };
        quote!(#wire => Self::#variant(#read),)
    });
    quote! {
        impl crate::event_stream::DecodeEvent for crate::types::#name {
            fn decode(member: &str, payload: &[u8]) -> ::std::result::Result<::std::option::Option<Self>, crate::json::DeserializeError> {
                ::std::result::Result::Ok(::std::option::Option::Some(match member {
                    #(#arms)*
                    _ => return ::std::result::Result::Ok(::std::option::Option::None),
                }))
            }

            fn unknown() -> Self {
                Self::Unknown
            }
        }
    }
}
