//! Structures → `#[non_exhaustive]` structs with public fields, a `builder()`, and `Default`
//! where every field has a value without the caller (all optional or all defaulted).

use proc_macro2::TokenStream;
use quote::quote;

use super::debug::{self, DebugField};
use super::rust::{field_default, field_type, getter, FieldDefault};
use super::{deprecated, doc_lines, field_doc_lines, shape_docs};
use crate::ir::{Ir, Shape, Structure};

/// The struct, its `builder()` constructor, and its `Debug`/`Default` impls.
pub fn emit(ir: &Ir, shape: &Shape, structure: &Structure) -> TokenStream {
    let name = ir.names.type_name(&shape.id);
    let builder = super::rust::in_crate(&ir.names.builder_path(&shape.id));
    let docs = shape_docs(ir, shape, "structure");

    let mut fields = Vec::new();
    let mut getters = Vec::new();
    let mut debug_fields = Vec::new();
    let mut defaults = Vec::new();
    for field in &structure.fields {
        let ident = &field.ident;
        let ty = field_type(ir, field);
        let docs = doc_lines(&field_doc_lines(ir, &shape.id, field));
        let member_deprecated = deprecated(field.deprecated.as_ref());
        fields.push(quote! {
            #docs
            #member_deprecated
            pub #ident: #ty,
        });
        if let (Some(name), Some((ret, body))) = (&field.getter, getter(ir, field)) {
            getters.push(quote! {
                #docs
                #member_deprecated
                pub fn #name(&self) -> #ret {
                    #body
                }
            });
        }
        debug_fields.push(DebugField {
            label: ident.bare().to_owned(),
            field: ident.clone(),
            redacted: field.redacted,
        });
        defaults.push((ident, field_default(ir, field)));
    }

    let is_error = structure.error.is_some();
    if is_error {
        // An error carries what the response said about it (see `emit::errors`).
        fields.push(quote! {
            /// What the response said about the error: code, message, request id, status.
            pub(crate) meta: crate::error::ErrorMetadata,
        });
        debug_fields.push(DebugField {
            label: "meta".to_owned(),
            field: crate::ident::RustIdent::escaped("meta"),
            redacted: false,
        });
    }
    let meta_init = is_error.then(|| quote!(meta: ::std::default::Default::default(),));

    let ty = quote!(#name);
    let debug_impl = debug::struct_debug(&ty, name.bare(), &debug_fields);
    let debug_derive = debug_impl.is_none().then(|| quote!(Debug,));

    let derivable = defaults.iter().all(|(_, d)| {
        matches!(
            d,
            FieldDefault::None
                | FieldDefault::Value {
                    rust_default: true,
                    ..
                }
        )
    });
    let any_required = defaults
        .iter()
        .any(|(_, d)| matches!(d, FieldDefault::Required));
    let default_derive = derivable.then(|| quote!(Default,));
    let default_impl = (!derivable && !any_required).then(|| {
        let inits = defaults.iter().map(|(field, d)| match d {
            FieldDefault::None => quote!(#field: ::std::option::Option::None,),
            FieldDefault::Value { expr, .. } => quote!(#field: #expr,),
            FieldDefault::Required => unreachable!("no required fields here"),
        });
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self { #(#inits)* #meta_init }
                }
            }
        }
    });

    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, #debug_derive #default_derive)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            crate::runtime::accessors::builder_fn!(#builder);

            #(#getters)*
        }

        #debug_impl
        #default_impl
    }
}
