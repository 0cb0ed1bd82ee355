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

use super::debug::{self, DebugField};
use super::rust::{builder_value_type, element_type, field_default, FieldDefault};
use super::{accessor_doc_lines, doc_lines};
use crate::ir::{Ir, Kind, Role, Shape, ShapeId, Structure};

/// Whether a structure's `build()` returns a `Result` (see the module's rule).
pub fn build_can_fail(ir: &Ir, shape: &Shape, structure: &Structure) -> bool {
    shape.origin.as_ref().is_some_and(|o| o.role == Role::Input)
        || structure
            .fields
            .iter()
            .any(|f| matches!(field_default(ir, f), FieldDefault::Required))
}

/// A setter's parameter type for a value of `target` (in an `Option` when `sparse`), and the
/// expression turning the parameter `name` into it. Numbers and booleans are taken as they
/// are, as aws-sdk-rust's setters take them: with `impl Into<i64>`, a literal would be
/// inferred as an `i32` and `10_000_000_000` would not compile. Everything else is
/// `impl Into<T>` (a `&str` for a string or an enum).
fn parameter(
    ir: &Ir,
    target: &ShapeId,
    sparse: bool,
    name: TokenStream,
) -> (TokenStream, TokenStream) {
    let ty = element_type(ir, target, sparse);
    let plain = matches!(ir.shape(target).kind, Kind::Simple(s) if s.is_primitive());
    if plain {
        (ty, name)
    } else {
        (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
    }
}

/// What a member's setter takes: one element of a list (appended), one entry of a map
/// (`key`, `value`), or the value. Each is a parameter type and the expression that converts
/// the parameter (`input`, `key`, `value`) into what the builder holds.
pub enum SetterParameters {
    /// A list's setter: one element.
    Element((TokenStream, TokenStream)),
    /// A map's setter: one entry.
    Entry((TokenStream, TokenStream), (TokenStream, TokenStream)),
    /// Any other member's setter: the value (not yet boxed).
    Value((TokenStream, TokenStream)),
}

/// The parameters of `member`'s setter: the builders' and the client's fluent builders'.
pub fn setter_parameters(ir: &Ir, member: &crate::ir::Field) -> SetterParameters {
    match &ir.shape(&member.target).kind {
        Kind::List {
            member: item,
            sparse,
        } if !member.event_stream => {
            SetterParameters::Element(parameter(ir, &item.target, *sparse, quote!(input)))
        }
        Kind::Map { key, value, sparse } => SetterParameters::Entry(
            parameter(ir, &key.target, false, quote!(key)),
            parameter(ir, &value.target, *sparse, quote!(value)),
        ),
        _ if member.event_stream => {
            let held = builder_value_type(ir, member);
            SetterParameters::Value((
                quote!(impl ::std::convert::Into<#held>),
                quote!(input.into()),
            ))
        }
        _ => SetterParameters::Value(parameter(ir, &member.target, false, quote!(input))),
    }
}

/// The builder struct and its impl for one structure.
pub fn emit(ir: &Ir, shape: &Shape, structure: &Structure) -> TokenStream {
    let name = ir.names.type_name(&shape.id);
    let builder = ir.names.builder(&shape.id);
    let type_label = name.bare();
    let type_path = ir.names.type_path(&shape.id);
    let type_doc_path = ir.names.type_doc_path(&shape.id);

    let mut fields = Vec::new();
    let mut methods = Vec::new();
    let mut inits = Vec::new();
    let mut debug_fields = Vec::new();
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
        // Every accessor carries the member's docs, after what the accessor does.
        let docs = accessor_doc_lines(ir, &shape.id, member);
        let with = |first: String| {
            let mut lines = vec![first];
            if docs.first().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            lines.extend(docs.iter().cloned());
            doc_lines(&lines)
        };
        let wire = &member.wire;
        let set_doc = with(match &ir.shape(&member.target).kind {
            Kind::List { .. } if !member.event_stream => {
                format!("Replaces or clears the whole `{wire}` list.")
            }
            Kind::Map { .. } => format!("Replaces or clears the whole `{wire}` map."),
            _ => format!("Sets or clears the `{wire}` member."),
        });
        let get_doc = with(format!("The `{wire}` member, if set."));
        fields.push(quote!(#field: ::std::option::Option<#stored>,));
        let dep = super::deprecated(member.deprecated.as_ref());
        let add = match setter_parameters(ir, member) {
            // A list's setter appends one element, a map's adds one entry (as the SDKs' do).
            SetterParameters::Element((item, input)) => {
                let docs = with(format!(
                    "Appends an element to the `{wire}` list; [`{set}`](Self::{set}) replaces the whole list."
                ));
                quote! {
                    #docs
                    #dep
                    pub fn #setter(mut self, input: #item) -> Self {
                        self.#field.get_or_insert_with(::std::vec::Vec::new).push(#input);
                        self
                    }
                }
            }
            SetterParameters::Entry((key, key_in), (value, value_in)) => {
                let docs = with(format!(
                    "Adds an entry to the `{wire}` map; [`{set}`](Self::{set}) replaces the whole map."
                ));
                quote! {
                    #docs
                    #dep
                    pub fn #setter(mut self, key: #key, value: #value) -> Self {
                        self.#field.get_or_insert_with(::std::collections::BTreeMap::new).insert(#key_in, #value_in);
                        self
                    }
                }
            }
            SetterParameters::Value((ty, input)) => {
                let wrap = if member.boxed {
                    quote!(::std::boxed::Box::new(#input))
                } else {
                    input
                };
                let docs = with(format!("Sets the `{wire}` member."));
                quote! {
                    #docs
                    #dep
                    pub fn #setter(mut self, input: #ty) -> Self {
                        self.#field = ::std::option::Option::Some(#wrap);
                        self
                    }
                }
            }
        };
        methods.push(quote! {
            #add

            #set_doc
            #dep
            pub fn #set(mut self, input: ::std::option::Option<#stored>) -> Self {
                self.#field = input;
                self
            }

            #get_doc
            #dep
            pub fn #get(&self) -> &::std::option::Option<#stored> {
                &self.#field
            }
        });

        let field_name = field.bare();
        let wire_name = &member.wire;
        let missing =
            quote!(crate::error::BuildError::missing_member(#type_label, #field_name, #wire_name));
        match field_default(ir, member) {
            FieldDefault::None => inits.push(quote!(#field: self.#field,)),
            FieldDefault::Value {
                rust_default: true, ..
            } => inits.push(quote!(#field: self.#field.unwrap_or_default(),)),
            FieldDefault::Value {
                expr,
                constant: true,
                ..
            } => inits.push(quote!(#field: self.#field.unwrap_or(#expr),)),
            FieldDefault::Value {
                expr,
                constant: false,
                ..
            } => inits.push(quote!(#field: self.#field.unwrap_or_else(|| #expr),)),
            FieldDefault::Required => {
                inits.push(quote!(#field: self.#field.ok_or_else(|| #missing)?,));
            }
        }
        debug_fields.push(DebugField {
            label: field.bare().to_owned(),
            field: field.clone(),
            redacted: member.redacted,
        });
    }

    if structure.error.is_some() {
        inits.push(quote!(meta: ::std::default::Default::default(),));
    }
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
                ::std::result::Result::Ok(#type_path { #(#inits)* })
            }
        }
    } else {
        quote! {
            /// Builds the value (unset members take their defaults).
            pub fn build(self) -> #type_path {
                #type_path { #(#inits)* }
            }
        }
    };

    let ty = quote!(#builder);
    let debug_impl = debug::struct_debug(&ty, builder.bare(), &debug_fields);
    let debug_derive = debug_impl.is_none().then(|| quote!(Debug,));
    let doc = super::doc(&format!("A builder for [`{type_label}`]({type_doc_path})."));
    quote! {
        #doc
        #[derive(Clone, PartialEq, Default, #debug_derive)]
        pub struct #builder {
            #(#fields)*
        }

        impl #builder {
            #(#methods)*
            #build
        }

        #debug_impl
    }
}
