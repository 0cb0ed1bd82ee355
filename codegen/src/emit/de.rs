//! awsJson deserializers (`src/json_de.rs`): `DeserializeJson` for every structure and union,
//! and a `de_<name>` function per list and map shape.
//!
//! Unknown keys are skipped; `null` is "absent"; a dense collection drops `null`s and a sparse
//! one keeps them; a union ignores `__type` and reads a member it does not know as `Unknown`. A
//! required member the response leaves out gets its `@default`, or else its type's zero value
//! (Smithy's client error correction). A wrong JSON type is an error naming the member path.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ser::{timestamp_wire, TimestampWire};
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

/// `const FIELDS`: the member names in model order (the reader matches keys against it,
/// expecting them in this order), then `extra` names.
fn fields_const(members: &[Member], extra: &[&str]) -> TokenStream {
    let names = members
        .iter()
        .map(Member::name)
        .chain(extra.iter().copied());
    quote! {
        const FIELDS: &[&str] = &[#(#names),*];
    }
}

fn structure(ctx: &Context, shape: &Shape, all_members: &[Member]) -> Result<TokenStream, Problem> {
    let type_path = ctx.names.type_path(&shape.id);
    // An event stream is the response body itself, never part of a JSON document: it is not
    // read here, and starts empty.
    let members: Vec<Member> = all_members
        .iter()
        .filter(|m| !ctx.is_event_stream(&m.target))
        .cloned()
        .collect();
    let members = members.as_slice();
    let fields = fields_const(members, &[]);
    let arms = members.iter().enumerate().map(|(i, m)| {
        let index = u16::try_from(i).expect("fewer than 65535 members");
        let read = member_read(ctx, shape, m);
        quote!(#index => #read,)
    });
    let read_loop = if members.is_empty() {
        quote! {
            let mut next = reader.object_start(FIELDS)?;
            while let ::std::option::Option::Some(index) = next {
                reader.skip()?;
                next = reader.object_next(FIELDS, index)?;
            }
        }
    } else {
        // The key order this structure's objects came in last (see `object_start_learning`).
        let slots = proc_macro2::Literal::usize_unsuffixed(members.len() + 1);
        quote! {
            static ORDER: [::std::sync::atomic::AtomicU16; #slots] =
                [const { ::std::sync::atomic::AtomicU16::new(0) }; #slots];
            let mut next = reader.object_start_learning(FIELDS, &ORDER)?;
            while let ::std::option::Option::Some(index) = next {
                match index {
                    #(#arms)*
                    _ => reader.skip()?,
                }
                next = reader.object_next_learning(FIELDS, &ORDER, index)?;
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
        impl crate::json::ReadInPlace for #type_path {
            #[inline]
            fn empty() -> Self {
                Self { #(#inits)* }
            }
        }

        impl crate::json::DeserializeJson for #type_path {
            fn deserialize_json(reader: &mut crate::json::JsonReader<'_>) -> ::std::result::Result<Self, crate::json::DeserializeError> {
                let mut value = <Self as crate::json::ReadInPlace>::empty();
                Self::deserialize_json_into(reader, &mut value)?;
                ::std::result::Result::Ok(value)
            }

            fn deserialize_json_into(reader: &mut crate::json::JsonReader<'_>, #place: &mut Self) -> ::std::result::Result<(), crate::json::DeserializeError> {
                #fields
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
    // A sensitive value's read error says nothing of the value (see `DeserializeError::redacted`).
    let redact = super::debug::is_redacted(ctx, shape, m)
        .then(|| quote!(.map_err(crate::json::DeserializeError::redacted)));
    if matches!(ctx.model.expect(&m.target).kind, ShapeKind::Structure(_)) {
        let method = match (optional, boxed) {
            (true, false) => quote!(member_in_place),
            (true, true) => quote!(member_boxed),
            (false, false) => quote!(value_in_place),
            (false, true) => quote!(value_boxed),
        };
        return quote!(reader.#method(&mut value.#field, #wire) #redact ?);
    }
    // A function path where possible: one instance of `member` per reader function, not one
    // per member.
    let read = if boxed {
        let read = value(ctx, m);
        quote!(|reader| #read)
    } else {
        read_fn(ctx, m)
    };
    if optional {
        quote!(reader.member(&mut value.#field, #wire, #read) #redact ?)
    } else {
        quote!(reader.value(&mut value.#field, #wire, #read) #redact ?)
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
        _ => quote!(<#ty as crate::json::ReadInPlace>::empty()),
    };
    if ctx.boxed.contains(&member.id) {
        quote!(::std::boxed::Box::new(#zero))
    } else {
        zero
    }
}

fn union(ctx: &Context, shape: &Shape, members: &[Member]) -> TokenStream {
    let type_path = ctx.names.type_path(&shape.id);
    // `__type` comes after the members.
    let fields = fields_const(members, &["__type"]);
    let type_index = u16::try_from(members.len()).expect("fewer than 65535 members");
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
            if super::debug::is_redacted(ctx, shape, m) {
                quote!(#index => Self::#variant(#read.map_err(|e| e.in_member(#wire).redacted())?),)
            } else {
                quote!(#index => Self::#variant(#read.map_err(|e| e.in_member(#wire))?),)
            }
        }
    });
    let several = format!("union {} has more than one member set", shape.id.name());
    let none = format!("union {} has no member set", shape.id.name());
    quote! {
        impl crate::json::DeserializeJson for #type_path {
            fn deserialize_json(reader: &mut crate::json::JsonReader<'_>) -> ::std::result::Result<Self, crate::json::DeserializeError> {
                #fields
                let mut value: ::std::option::Option<Self> = ::std::option::Option::None;
                let mut next = reader.object_start(FIELDS)?;
                while let ::std::option::Option::Some(index) = next {
                    // `__type` says which union this is, and a `null` member is not set.
                    if index == #type_index || reader.take_null()? {
                        if index == #type_index {
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
                    next = reader.object_next(FIELDS, index)?;
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
    let in_place = |member: &Member| {
        !sparse
            && matches!(
                ctx.model.expect(&member.target).kind,
                ShapeKind::Structure(_)
            )
    };
    // Elements are never boxed (a list or map already holds them indirectly).
    let body = match &shape.kind {
        ShapeKind::List(member) if in_place(member) => quote!(reader.structure_list()),
        ShapeKind::List(member) => {
            let read = read_fn(ctx, member);
            if sparse {
                quote!(reader.sparse_list(#read))
            } else {
                quote!(reader.list(#read))
            }
        }
        ShapeKind::Map { value, .. } if in_place(value) => quote!(reader.structure_map()),
        ShapeKind::Map { value, .. } => {
            let read = read_fn(ctx, value);
            if sparse {
                quote!(reader.sparse_map(#read))
            } else {
                quote!(reader.map(#read))
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

/// An expression of type `Result<T, DeserializeError>` reading `member`'s target from `reader`
/// (boxed where the member is).
fn value(ctx: &Context, member: &Member) -> TokenStream {
    let read = read_fn(ctx, member);
    if ctx.boxed.contains(&member.id) {
        quote!(#read(reader).map(::std::boxed::Box::new))
    } else {
        quote!(#read(reader))
    }
}

/// The path of the function that reads `member`'s target (unboxed):
/// `fn(&mut JsonReader) -> Result<T, DeserializeError>`.
fn read_fn(ctx: &Context, member: &Member) -> TokenStream {
    let target = ctx.model.expect(&member.target);
    let reader_fn = |name: &str| {
        let name = format_ident!("{name}");
        quote!(crate::json::JsonReader::#name)
    };
    match &target.kind {
        ShapeKind::Simple(simple) => reader_fn(match simple {
            SimpleType::String => "string",
            SimpleType::Boolean => "boolean",
            SimpleType::Byte => "byte",
            SimpleType::Short => "short",
            SimpleType::Integer => "int",
            SimpleType::Long => "long",
            SimpleType::Float => "float",
            SimpleType::Double => "double",
            SimpleType::BigInteger => "big_integer",
            SimpleType::BigDecimal => "big_decimal",
            SimpleType::Timestamp => match timestamp_wire(ctx, member) {
                TimestampWire::EpochSeconds => "epoch_seconds",
                TimestampWire::DateTime => "date_time",
                TimestampWire::HttpDate => "http_date",
            },
            SimpleType::Blob => "blob",
            SimpleType::Document => "document",
        }),
        ShapeKind::Enum(_) => {
            let ty = ctx.value_type(&member.target);
            quote!(crate::json::JsonReader::enum_value::<#ty>)
        }
        ShapeKind::IntEnum(_) => {
            let ty = ctx.value_type(&member.target);
            quote!(crate::json::JsonReader::int_enum::<#ty>)
        }
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let ty = ctx.value_type(&member.target);
            quote!(<#ty as crate::json::DeserializeJson>::deserialize_json)
        }
        ShapeKind::List(_) | ShapeKind::Map { .. } => {
            let function = format_ident!("de_{}", ctx.names.collection(&member.target).bare());
            quote!(#function)
        }
        ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
            unreachable!("validated: members target values")
        }
    }
}

/// `DecodeEvent` for an event-stream union: each message's payload is the JSON of the member its
/// `:event-type` (or `:exception-type`) names.
fn decode_event(ctx: &Context, shape: &Shape, members: &[Member]) -> TokenStream {
    let type_path = ctx.names.type_path(&shape.id);
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
        impl crate::event_stream::DecodeEvent for #type_path {
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
