//! A builder per structure: setters taking `impl Into<T>`, `set_`/`get_` accessors, and a
//! `build()` that fills `@default`s and reports a missing `@required` member. `build()` is
//! fallible only when the structure has required members.

use proc_macro2::TokenStream;
use quote::quote;

use super::debug::{self, DebugField};
use super::rust::{builder_value_type, field_default, FieldDefault};
use crate::ir::{Ir, Shape, Structure};

/// Whether a structure's `build()` returns a `Result` (it has a member that must be set).
pub fn build_can_fail(structure: &Structure) -> bool {
    structure.fields.iter().any(|f| f.must_be_set)
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
    let mut checks = Vec::new();
    let mut debug_fields = Vec::new();
    let fallible = build_can_fail(structure);
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
        // The field's docs are on the field; the setter points there.
        let docs = match field.to_string().starts_with("r#") {
            false => super::doc(&format!(
                "Sets [`{field}`]({type_doc_path}::{field}) (`{}`).",
                member.wire
            )),
            true => super::doc(&format!("Sets the `{}` member.", member.wire)),
        };
        let wrap = if member.boxed {
            quote!(::std::boxed::Box::new(input.into()))
        } else {
            quote!(input.into())
        };

        let set_doc = super::doc(&format!("Sets or clears the `{}` member.", member.wire));
        let get_doc = super::doc(&format!("The `{}` member, if set.", member.wire));
        fields.push(quote!(#field: ::std::option::Option<#stored>,));
        let dep = super::deprecated(member.deprecated.as_ref());
        methods.push(quote! {
            #docs
            #dep
            pub fn #setter(mut self, input: impl ::std::convert::Into<#held>) -> Self {
                self.#field = ::std::option::Option::Some(#wrap);
                self
            }

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
            FieldDefault::None => {
                // Optional in Rust, but the model may still require it (`@input` structures).
                if member.must_be_set {
                    checks.push(quote! {
                        if self.#field.is_none() {
                            return ::std::result::Result::Err(#missing);
                        }
                    });
                }
                inits.push(quote!(#field: self.#field,));
            }
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
    let build = if fallible {
        quote! {
            /// Builds the value; fails if a required member is missing.
            pub fn build(self) -> ::std::result::Result<#type_path, crate::error::BuildError> {
                #(#checks)*
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
