//! awsJson serializers (`src/json_ser.rs`): `SerializeJson` for every structure and union, and
//! a `ser_<name>` function per list and map shape. Member names are written as in the model
//! (`@jsonName` does not apply to awsJson); `None` is left out; everything set is written,
//! zeros and empty collections included.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::value_type;
use crate::ir::ShapeId;
use crate::ir::{Ir, Kind, Member, Shape, SimpleType, Structure, TimestampFormat, Union};

/// The `TimestampFormat` variant for a format.
fn timestamp_variant(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote!(EpochSeconds),
        TimestampFormat::DateTime => quote!(DateTime),
        TimestampFormat::HttpDate => quote!(HttpDate),
    }
}

/// The whole `src/json_ser.rs`.
pub fn json_ser_rs(ir: &Ir) -> TokenStream {
    let mut items = Vec::new();
    for shape in ir.type_shapes() {
        match &shape.kind {
            Kind::Structure(structure) => items.push(structure_impl(ir, shape, structure)),
            Kind::Union(union) => items.push(union_impl(ir, shape, union)),
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
    let structures = super::mentions(&items, "json_write").then(|| {
        quote!(
            use crate::runtime::json_write;
        )
    });
    let imports = super::json_imports(
        &items,
        &[
            "JsonWriter",
            "SerializeError",
            "SerializeJson",
            "TimestampFormat",
        ],
    );
    quote! {
        //! awsJson serializers for every structure, union, list and map of the crate.
        #imports
        #structures
        #types
        #items
    }
}

/// What is written of a value: its target, timestamp format, boxing, and the member name
/// errors from nested values gain (none for collection elements: the element's member name is
/// `member`, which says nothing).
struct Written<'a> {
    target: &'a ShapeId,
    timestamp: TimestampFormat,
    boxed: bool,
    member: Option<&'a str>,
}

impl<'a, M: Member> From<&'a M> for Written<'a> {
    fn from(member: &'a M) -> Self {
        Written {
            target: member.target(),
            timestamp: member.timestamp(),
            boxed: member.boxed(),
            member: Some(member.wire()),
        }
    }
}

/// One `json_write::structure!` call (see the runtime's macro): a line per member.
fn structure_impl(ir: &Ir, shape: &Shape, structure: &Structure) -> TokenStream {
    let ty = super::rust::in_crate(&ir.names.type_path(&shape.id));
    // An event stream is the response body itself, never part of a JSON document.
    let members = structure
        .fields
        .iter()
        .filter(|f| !f.event_stream)
        .map(|field| {
            let ident = &field.ident;
            let wire = &field.wire;
            let mode = if field.optional {
                quote!(opt)
            } else {
                quote!(req)
            };
            let how = how(ir, &field.into());
            quote!(#mode #ident #wire: #how)
        });
    quote! {
        json_write::structure!(#ty { #(#members),* });
    }
}

/// `SerializeJson` for the type at `type_path`: an object, with `members` writing what it holds.
fn serialize_impl(type_path: &TokenStream, members: TokenStream) -> TokenStream {
    quote! {
        impl SerializeJson for #type_path {
            fn serialize_json(&self, writer: &mut JsonWriter) -> ::std::result::Result<(), SerializeError> {
                writer.begin_object();
                #members
                writer.end_object();
                ::std::result::Result::Ok(())
            }
        }
    }
}

fn union_impl(ir: &Ir, shape: &Shape, union: &Union) -> TokenStream {
    let type_path = ir.names.type_path(&shape.id);
    let label = format!(
        "cannot serialize a member of union {} this crate does not know",
        shape.id.name()
    );
    let arms = union.variants.iter().map(|member| {
        let variant = &member.ident;
        let wire = &member.wire;
        if member.unit {
            quote! {
                Self::#variant => {
                    writer.member(#wire);
                    writer.begin_object();
                    writer.end_object();
                }
            }
        } else {
            let write = value(ir, &member.into(), quote!(value));
            quote! {
                Self::#variant(value) => {
                    writer.member(#wire);
                    #write;
                }
            }
        }
    });
    serialize_impl(
        &type_path,
        quote! {
            match self {
                #(#arms)*
                Self::Unknown => return ::std::result::Result::Err(SerializeError::new(::std::string::String::from(#label))),
            }
        },
    )
}

/// One `json_write::collection!` call: the `ser_<name>` function of a list or map shape; and
/// whether it names `crate::types` as `types`.
fn collection(ir: &Ir, shape: &Shape) -> (TokenStream, bool) {
    let function = ir.names.serializer(&shape.id);
    let (ty, shortened) = super::rust::short_types(&value_type(ir, &shape.id));
    // Elements are never boxed (a list or map already holds them indirectly), and their
    // errors gain no member name (an element's is `member`, which says nothing).
    let element = |member: &crate::ir::Element| {
        how(
            ir,
            &Written {
                target: &member.target,
                timestamp: member.timestamp,
                boxed: false,
                member: None,
            },
        )
    };
    match &shape.kind {
        Kind::List { member, sparse } => {
            let kind = if *sparse {
                quote!(sparse_list)
            } else {
                quote!(list)
            };
            let how = element(member);
            (
                quote!(json_write::collection!(#kind #function: #ty => #how);),
                shortened,
            )
        }
        Kind::Map { key, value, sparse } => {
            let kind = if *sparse {
                quote!(sparse_map)
            } else {
                quote!(map)
            };
            let key = if matches!(ir.shape(&key.target).kind, Kind::Enum(_)) {
                quote!(enumeration)
            } else {
                quote!(string)
            };
            let how = element(value);
            (
                quote!(json_write::collection!(#kind #function: #ty, #key => #how);),
                shortened,
            )
        }
        _ => unreachable!("collections are lists and maps"),
    }
}

/// The expression writing `expr` (a reference to the value) as `written` says: a call of the
/// runtime's `json_write::value!`.
fn value(ir: &Ir, written: &Written<'_>, expr: TokenStream) -> TokenStream {
    let how = how(ir, written);
    let member = match written.member {
        Some(wire) => quote!(#wire),
        None => quote!(_),
    };
    quote!(json_write::value!(writer, #expr, #member, #how))
}

/// How `json_write::value!` (and so `structure!`) writes a value of the target.
fn how(ir: &Ir, written: &Written<'_>) -> TokenStream {
    match &ir.shape(written.target).kind {
        Kind::Simple(simple) => match simple {
            SimpleType::String => quote!(string),
            SimpleType::Boolean => quote!(boolean),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long => {
                quote!(integer)
            }
            SimpleType::Float => quote!(float),
            SimpleType::Double => quote!(double),
            SimpleType::BigInteger => quote!(big_integer),
            SimpleType::BigDecimal => quote!(big_decimal),
            SimpleType::Timestamp => {
                let format = timestamp_variant(written.timestamp);
                quote!(timestamp(#format))
            }
            SimpleType::Blob => quote!(blob),
            SimpleType::Document => quote!(document),
        },
        Kind::Enum(_) => quote!(enumeration),
        Kind::IntEnum(_) => quote!(int_enum),
        Kind::Structure(_) | Kind::Union(_) if written.boxed => quote!(boxed),
        Kind::Structure(_) | Kind::Union(_) => quote!(structure),
        Kind::List { .. } | Kind::Map { .. } => {
            let function = ir.names.serializer(written.target);
            quote!(with(#function))
        }
    }
}
