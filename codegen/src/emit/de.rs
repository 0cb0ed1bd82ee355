//! awsJson deserializers (`src/json_de.rs`): `DeserializeJson` for every structure and union,
//! and a `de_<name>` function per list and map shape.
//!
//! Unknown keys are skipped; `null` is "absent"; a dense collection drops `null`s and a sparse
//! one keeps them; a union ignores `__type` and reads a member it does not know as `Unknown`. A
//! required member the response leaves out gets its `@default`, or else its type's zero value
//! (Smithy's client error correction). A wrong JSON type is an error naming the member path.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{field_default, value_type, FieldDefault};
use crate::ir::ShapeId;
use crate::ir::{Field, Ir, Kind, Shape, SimpleType, Structure, TimestampFormat, Union};

/// The whole `src/json_de.rs`.
pub fn json_de_rs(ir: &Ir) -> TokenStream {
    let mut items = Vec::new();
    for shape in ir.type_shapes() {
        match &shape.kind {
            Kind::Structure(structure) => items.push(structure_impl(ir, shape, structure)),
            Kind::Union(union) => {
                items.push(union_impl(ir, shape, union));
                if union.event_stream {
                    items.push(decode_event(ir, shape, union));
                }
            }
            _ => {}
        }
    }
    let mut names_types = false;
    for shape in ir.collection_shapes() {
        let (tokens, shortened) = collection(ir, shape);
        names_types |= shortened;
        items.push(tokens);
    }
    let items = quote!(#(#items)*);
    let types = super::builders::types_import(names_types);
    let structures = super::mentions(&items, "json_read").then(|| {
        quote!(
            use crate::runtime::json_read;
        )
    });
    let imports = super::json_imports(
        &items,
        &[
            "DeserializeError",
            "DeserializeJson",
            "JsonReader",
            "ReadInPlace",
        ],
    );
    quote! {
        //! awsJson deserializers for every structure, union, list and map of the crate.
        #imports
        #structures
        #types
        #items
    }
}

/// `const FIELDS`: the member names in model order (the reader matches keys against it,
/// expecting them in this order), then `extra` names.
fn fields_const<'a>(names: impl Iterator<Item = &'a str>, extra: &[&'a str]) -> TokenStream {
    let names = names.chain(extra.iter().copied());
    quote! {
        const FIELDS: &[&str] = &[#(#names),*];
    }
}

/// One `json_read::structure!` call (see the runtime's macro): a line per member, with how
/// it is read and, when not `None`, its empty value.
fn structure_impl(ir: &Ir, shape: &Shape, structure: &Structure) -> TokenStream {
    let ty = super::rust::in_crate(&ir.names.type_path(&shape.id));
    let empty = |field: &Field| match field_default(ir, field) {
        FieldDefault::None => None,
        FieldDefault::Value { expr, .. } => Some(expr),
        FieldDefault::Required => Some(zero(ir, field)),
    };
    // An event stream is the response body itself, never part of a JSON document: it is not
    // read here, and starts empty, as does an error's `meta`.
    let mut extras: Vec<TokenStream> = structure
        .fields
        .iter()
        .filter(|f| f.event_stream)
        .map(|field| {
            let ident = &field.ident;
            let empty = empty(field).unwrap_or_else(|| quote!(::std::option::Option::None));
            quote!(#ident: #empty)
        })
        .collect();
    if structure.error.is_some() {
        extras.push(quote!(meta: ::std::default::Default::default()));
    }
    let members = structure
        .fields
        .iter()
        .filter(|f| !f.event_stream)
        .enumerate()
        .map(|(i, field)| {
            let index = proc_macro2::Literal::u16_unsuffixed(
                u16::try_from(i).expect("fewer than 65535 members"),
            );
            let ident = &field.ident;
            let wire = &field.wire;
            // A sensitive value's read error says nothing of the value.
            let sensitive = field.redacted.then(|| quote!(sensitive));
            let read = member_read(ir, field);
            let empty = empty(field).map(|empty| quote!(= #empty));
            quote!(#index #ident #wire #sensitive: #read #empty)
        });
    quote! {
        json_read::structure!(#ty [#(#extras),*] { #(#members),* });
    }
}

/// How `field` is read into itself, as `structure!` takes it: the reader's method and its
/// read function. Structures are filled in place (so large values are never moved), everything
/// else is read and stored; `null` leaves an optional member unset and a required or
/// defaulted one as it is.
fn member_read(ir: &Ir, field: &Field) -> TokenStream {
    if matches!(ir.shape(&field.target).kind, Kind::Structure(_)) {
        return match (field.optional, field.boxed) {
            (true, false) => quote!(member_in_place()),
            (true, true) => quote!(member_boxed()),
            (false, false) => quote!(value_in_place()),
            (false, true) => quote!(value_boxed()),
        };
    }
    // A function path where possible: one instance of `member` per reader function, not one
    // per member.
    let read = if field.boxed {
        let read = value(ir, &field.target, field.timestamp, true);
        quote!(|reader| #read)
    } else {
        read_fn(ir, &field.target, field.timestamp)
    };
    if field.optional {
        quote!(member(#read))
    } else {
        quote!(value(#read))
    }
}

/// A required field's zero value, for when the response leaves it out.
fn zero(ir: &Ir, field: &Field) -> TokenStream {
    let ty = value_type(ir, &field.target);
    let zero = match &ir.shape(&field.target).kind {
        Kind::Simple(SimpleType::Timestamp) => {
            quote!(::aws_smithy_types::DateTime::from_secs(0))
        }
        Kind::Simple(SimpleType::Document) => quote!(::aws_smithy_types::Document::Null),
        Kind::Simple(SimpleType::Blob) => {
            quote!(::aws_smithy_types::Blob::new(::std::vec::Vec::new()))
        }
        Kind::Simple(_) | Kind::List { .. } | Kind::Map { .. } => {
            quote!(::std::default::Default::default())
        }
        Kind::Enum(_) => quote!(#ty::from("")),
        Kind::IntEnum(_) => quote!(#ty::from(0)),
        Kind::Union(_) => quote!(#ty::Unknown),
        Kind::Structure(_) => quote!(<#ty as ReadInPlace>::empty()),
    };
    if field.boxed {
        quote!(::std::boxed::Box::new(#zero))
    } else {
        zero
    }
}

fn union_impl(ir: &Ir, shape: &Shape, union: &Union) -> TokenStream {
    let type_path = ir.names.type_path(&shape.id);
    // `__type` comes after the members.
    let fields = fields_const(union.variants.iter().map(|v| v.wire.as_str()), &["__type"]);
    let type_index = proc_macro2::Literal::u16_unsuffixed(
        u16::try_from(union.variants.len()).expect("fewer than 65535 members"),
    );
    let arms = union.variants.iter().enumerate().map(|(i, m)| {
        let index = proc_macro2::Literal::u16_unsuffixed(
            u16::try_from(i).expect("fewer than 65535 members"),
        );
        let variant = &m.ident;
        let wire = &m.wire;
        if m.unit {
            quote! {
                #index => {
                    reader.skip()?;
                    Self::#variant
                }
            }
        } else {
            let read = value(ir, &m.target, m.timestamp, m.boxed);
            if m.redacted {
                quote!(#index => Self::#variant(#read.map_err(|e| e.in_member(#wire).redacted())?),)
            } else {
                quote!(#index => Self::#variant(#read.map_err(|e| e.in_member(#wire))?),)
            }
        }
    });
    let several = format!("union {} has more than one member set", shape.id.name());
    let none = format!("union {} has no member set", shape.id.name());
    quote! {
        impl DeserializeJson for #type_path {
            fn deserialize_json(reader: &mut JsonReader<'_>) -> ::std::result::Result<Self, DeserializeError> {
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

/// One `json_read::collection!` call: the `de_<name>` function of a list or map shape, as the
/// reader's method for the collection and the element's read function; and whether it names
/// `crate::types` as `types`.
fn collection(ir: &Ir, shape: &Shape) -> (TokenStream, bool) {
    let function = ir.names.deserializer(&shape.id);
    let (ty, shortened) = super::rust::short_types(&value_type(ir, &shape.id));
    let in_place = |target: &ShapeId, sparse: bool| {
        !sparse && matches!(ir.shape(target).kind, Kind::Structure(_))
    };
    // Elements are never boxed (a list or map already holds them indirectly).
    let read = match &shape.kind {
        Kind::List { member, sparse } if in_place(&member.target, *sparse) => {
            quote!(structure_list())
        }
        Kind::List { member, sparse } => {
            let read = read_fn(ir, &member.target, member.timestamp);
            if *sparse {
                quote!(sparse_list(#read))
            } else {
                quote!(list(#read))
            }
        }
        Kind::Map { value, sparse, .. } if in_place(&value.target, *sparse) => {
            quote!(structure_map())
        }
        Kind::Map { value, sparse, .. } => {
            let read = read_fn(ir, &value.target, value.timestamp);
            if *sparse {
                quote!(sparse_map(#read))
            } else {
                quote!(map(#read))
            }
        }
        _ => unreachable!("collections are lists and maps"),
    };
    (
        quote!(json_read::collection!(#function: #ty = #read);),
        shortened,
    )
}

/// An expression of type `Result<T, DeserializeError>` reading a `target` from `reader`
/// (boxed when `boxed`).
fn value(ir: &Ir, target: &ShapeId, timestamp: TimestampFormat, boxed: bool) -> TokenStream {
    let read = read_fn(ir, target, timestamp);
    if boxed {
        quote!(#read(reader).map(::std::boxed::Box::new))
    } else {
        quote!(#read(reader))
    }
}

/// The path of the function that reads a `target` (unboxed):
/// `fn(&mut JsonReader) -> Result<T, DeserializeError>`.
fn read_fn(ir: &Ir, target: &ShapeId, timestamp: TimestampFormat) -> TokenStream {
    let reader_fn = |name: &str| {
        let name = format_ident!("{name}");
        quote!(JsonReader::#name)
    };
    match &ir.shape(target).kind {
        Kind::Simple(simple) => reader_fn(match simple {
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
            SimpleType::Timestamp => match timestamp {
                TimestampFormat::EpochSeconds => "epoch_seconds",
                TimestampFormat::DateTime => "date_time",
                TimestampFormat::HttpDate => "http_date",
            },
            SimpleType::Blob => "blob",
            SimpleType::Document => "document",
        }),
        // The type is the one the reader's caller expects (the field, the variant, the
        // collection function's return type): inferred, not written.
        Kind::Enum(_) => quote!(JsonReader::enum_value),
        Kind::IntEnum(_) => quote!(JsonReader::int_enum),
        Kind::Structure(_) | Kind::Union(_) => quote!(DeserializeJson::deserialize_json),
        Kind::List { .. } | Kind::Map { .. } => {
            let function = ir.names.deserializer(target);
            quote!(#function)
        }
    }
}

/// `DecodeEvent` for an event-stream union: each message's payload is the JSON of the member its
/// `:event-type` (or `:exception-type`) names.
fn decode_event(ir: &Ir, shape: &Shape, union: &Union) -> TokenStream {
    let type_path = ir.names.type_path(&shape.id);
    let arms = union.variants.iter().map(|m| {
        let variant = &m.ident;
        let wire = &m.wire;
        if m.unit {
            return quote!(#wire => Self::#variant,);
        }
        let ty = value_type(ir, &m.target);
        let read = quote!(crate::runtime::protocol::parse_body::<#ty>(payload)?);
        let read = if m.boxed {
            quote!(::std::boxed::Box::new(#read))
        } else {
            read
        };
        quote!(#wire => Self::#variant(#read),)
    });
    quote! {
        impl crate::event_stream::DecodeEvent for #type_path {
            fn decode(member: &str, payload: &[u8]) -> ::std::result::Result<::std::option::Option<Self>, DeserializeError> {
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
