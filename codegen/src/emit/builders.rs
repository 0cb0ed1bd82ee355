//! A builder per structure, as the AWS SDKs spell them: setters taking `impl Into<T>` (for a
//! list, one element to append; for a map, one entry to add), `set_`/`get_` accessors that
//! replace or read the whole value, and `build()`.
//!
//! The one rule for `build()`: it returns a `Result` for an operation's input (always, as
//! aws-sdk-rust's do, so that a check added later is not a breaking change) and for a structure
//! with a member that has no value unless set (required, not optional, no default: only
//! non-AWS models have them); otherwise it returns the value. AWS models mark every required
//! member `@clientOptional`, so every output, and every structure in one, builds without `?`.
//! `build()` checks nothing the model constrains (`@required`, `@length`, …): clients should
//! not enforce constraints; an input's `validate()` checks them when asked.

use proc_macro2::TokenStream;
use quote::quote;

use super::accessor_doc_lines;
use super::debug::{self, DebugField};
use super::rust::{builder_value_type, element_type, field_default, short_types, FieldDefault};
use crate::ir::{Ir, Kind, Role, Shape, ShapeId, Structure};

/// Whether a structure's `build()` returns a `Result` (see the module's rule).
pub fn build_can_fail(ir: &Ir, shape: &Shape, structure: &Structure) -> bool {
    shape.origin.as_ref().is_some_and(|o| o.role == Role::Input)
        || structure
            .fields
            .iter()
            .any(|f| matches!(field_default(ir, f), FieldDefault::Required))
}

/// How a setter takes a value of `target` (in an `Option` when `sparse`). Numbers and booleans
/// are taken as they are, as aws-sdk-rust's setters take them: with `impl Into<i64>`, a literal
/// would be inferred as an `i32` and `10_000_000_000` would not compile. Everything else is
/// `impl Into<T>` (a `&str` for a string or an enum).
fn parameter(ir: &Ir, target: &ShapeId, sparse: bool) -> Param {
    let plain = matches!(ir.shape(target).kind, Kind::Simple(s) if s.is_primitive());
    Param {
        how: if plain { How::Plain } else { How::Into },
        ty: element_type(ir, target, sparse),
    }
}

/// How a setter takes its value: the `how` of the runtime's accessor macros.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// `T` itself.
    Plain,
    /// `impl Into<T>`.
    Into,
    /// `impl Into<T>`, held in a `Box` (recursion).
    Boxed,
}

/// One parameter of a setter: how it is taken, and the type it becomes.
pub struct Param {
    /// How the setter takes it.
    pub how: How,
    /// The type it becomes (not boxed).
    pub ty: TokenStream,
}

impl Param {
    /// The parameter's type in a signature: `T` or `impl Into<T>`.
    pub fn signature(&self) -> TokenStream {
        let ty = &self.ty;
        match self.how {
            How::Plain => ty.clone(),
            How::Into | How::Boxed => quote!(impl ::std::convert::Into<#ty>),
        }
    }

    /// The accessor macros' word for how it is taken.
    pub fn how(&self) -> TokenStream {
        match self.how {
            How::Plain => quote!(plain),
            How::Into => quote!(into),
            How::Boxed => quote!(boxed),
        }
    }
}

/// What a member's setter takes: one element of a list (appended), one entry of a map
/// (`key`, `value`), or the value.
pub enum SetterParameters {
    /// A list's setter: one element.
    Element(Param),
    /// A map's setter: one entry.
    Entry(Param, Param),
    /// Any other member's setter: the value (boxed when its `how` says so).
    Value(Param),
}

/// The parameters of `member`'s setter: the builders' and the client's fluent builders'.
pub fn setter_parameters(ir: &Ir, member: &crate::ir::Field) -> SetterParameters {
    match &ir.shape(&member.target).kind {
        Kind::List {
            member: item,
            sparse,
        } if !member.event_stream => {
            SetterParameters::Element(parameter(ir, &item.target, *sparse))
        }
        Kind::Map { key, value, sparse } => SetterParameters::Entry(
            parameter(ir, &key.target, false),
            parameter(ir, &value.target, *sparse),
        ),
        _ if member.event_stream => SetterParameters::Value(Param {
            how: How::Into,
            ty: builder_value_type(ir, member),
        }),
        _ => {
            let mut param = parameter(ir, &member.target, false);
            if member.boxed {
                param.how = How::Boxed;
            }
            SetterParameters::Value(param)
        }
    }
}

/// What the runtime's accessor macros take for a member, besides its names and docs.
pub struct AccessorArgs {
    /// The macro: `value`, `element` (of a list) or `entry` (of a map).
    pub kind: proc_macro2::Ident,
    /// How the setter takes its parameter(s): `into`, `plain` or `boxed`, one per parameter.
    pub hows: TokenStream,
    /// The parameters' types, comma-separated, naming `crate::types` as `types`.
    pub types: TokenStream,
    /// Whether a type is in `crate::types` (the calling module must `use crate::types`).
    pub names_types: bool,
}

/// The accessor macros' arguments for `member` (see [`setter_parameters`]).
pub fn accessor_args(ir: &Ir, member: &crate::ir::Field) -> AccessorArgs {
    let (kind, params) = match setter_parameters(ir, member) {
        SetterParameters::Element(item) => ("element", vec![item]),
        SetterParameters::Entry(key, value) => ("entry", vec![key, value]),
        SetterParameters::Value(value) => ("value", vec![value]),
    };
    let hows = params.iter().map(Param::how);
    let mut names_types = false;
    let types: Vec<TokenStream> = params
        .iter()
        .map(|p| {
            let (ty, named) = short_types(&p.ty);
            names_types |= named;
            ty
        })
        .collect();
    AccessorArgs {
        kind: proc_macro2::Ident::new(kind, proc_macro2::Span::call_site()),
        hows: quote!(#(#hows)*),
        types: quote!(#(#types),*),
        names_types,
    }
}

/// An emitted builder (or fluent builder), and whether its accessors name a type of
/// `crate::types`: the module holding it then imports it ([`types_import`]).
pub struct Emitted {
    /// The items.
    pub tokens: TokenStream,
    /// Whether an accessor macro's arguments name `types::…`.
    pub names_types: bool,
}

/// `use crate::types;` for a module whose accessor macros name its types, else nothing.
pub fn types_import(needed: bool) -> Option<TokenStream> {
    needed.then(|| {
        quote!(
            use crate::types;
        )
    })
}

/// The builder struct and its impl for one structure.
pub fn emit(ir: &Ir, shape: &Shape, structure: &Structure) -> Emitted {
    let name = ir.names.type_name(&shape.id);
    let builder = ir.names.builder(&shape.id);
    let type_label = name.bare();
    let type_path = ir.names.type_path(&shape.id);
    let type_doc_path = ir.names.type_doc_path(&shape.id);

    let mut fields = Vec::new();
    let mut methods = Vec::new();
    let mut inits = Vec::new();
    let mut debug_fields = Vec::new();
    let mut names_types = false;
    let fallible = build_can_fail(ir, shape, structure);
    for member in &structure.fields {
        let field = &member.ident;
        let setter = &member.setter;
        let set = &member.set;
        let get = &member.get;
        let held = builder_value_type(ir, member);
        let stored = if member.boxed {
            quote!(::std::boxed::Box<#held>)
        } else {
            held.clone()
        };
        fields.push(quote!(#field: ::std::option::Option<#stored>,));
        // Every accessor carries the member's docs, after what the accessor does (the macros
        // write that part).
        let docs = super::doc_string(&accessor_doc_lines(ir, &shape.id, member));
        let dep = super::deprecated(member.deprecated.as_ref());
        let wire = &member.wire;
        let args = accessor_args(ir, member);
        names_types |= args.names_types;
        let AccessorArgs {
            kind, hows, types, ..
        } = args;
        methods.push(quote!(#kind(#dep #hows #field #setter #set #get #wire: #types, #docs);));

        let field_name = field.bare();
        let wire_name = &member.wire;
        // How `build!` makes the field of the builder's.
        inits.push(match field_default(ir, member) {
            FieldDefault::None => quote!(#field),
            FieldDefault::Value {
                rust_default: true, ..
            } => quote!(#field = default),
            FieldDefault::Value {
                expr,
                constant: true,
                ..
            } => quote!(#field = or(#expr)),
            FieldDefault::Value {
                expr,
                constant: false,
                ..
            } => quote!(#field = or_else(#expr)),
            FieldDefault::Required => {
                quote!(#field = required(#type_label, #field_name, #wire_name))
            }
        });
        debug_fields.push(DebugField {
            label: field.bare().to_owned(),
            field: field.clone(),
            redacted: member.redacted,
        });
    }

    if structure.error.is_some() {
        inits.push(quote!(meta = new));
    }
    let in_crate = super::rust::in_crate(&type_path);
    let value = quote!(crate::runtime::accessors::build!(self, #in_crate { #(#inits),* }));
    let must_set: Vec<String> = structure
        .fields
        .iter()
        .filter(|f| matches!(field_default(ir, f), FieldDefault::Required))
        .map(|f| format!("`{}`", f.wire))
        .collect();
    let build_doc = if must_set.is_empty() {
        super::doc(
            "Builds the input. It does not fail today; it returns a `Result`, as aws-sdk-rust's \
             input builders do, so that a check added later is not a breaking change. It checks \
             none of the model's constraints: `validate()` does, when asked.",
        )
    } else {
        super::doc(&format!(
            "Builds the value; fails if {} is unset, as the type has no value for it otherwise.",
            must_set.join(" or ")
        ))
    };
    let build = if fallible {
        quote! {
            #build_doc
            pub fn build(self) -> ::std::result::Result<#type_path, crate::error::BuildError> {
                ::std::result::Result::Ok(#value)
            }
        }
    } else {
        quote! {
            /// Builds the value (unset members take their defaults).
            pub fn build(self) -> #type_path {
                #value
            }
        }
    };

    let ty = quote!(#builder);
    let debug_impl = debug::struct_debug(&ty, builder.bare(), &debug_fields);
    let debug_derive = debug_impl.is_none().then(|| quote!(Debug,));
    let doc = super::doc(&format!("A builder for [`{type_label}`]({type_doc_path})."));
    let tokens = quote! {
        #doc
        #[derive(Clone, PartialEq, Default, #debug_derive)]
        pub struct #builder {
            #(#fields)*
        }

        impl #builder {
            crate::runtime::accessors::methods! { #(#methods)* }
            #build
        }

        #debug_impl
    };
    Emitted {
        tokens,
        names_types,
    }
}
