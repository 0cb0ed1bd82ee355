//! The error enums: each operation's (`<Op>Error`) and the service-wide `Error`, every one an
//! enum of modeled errors plus `Unhandled`, with the same accessors.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc;
use crate::ident::RustIdent;
use crate::ir::Ir;
use crate::ir::ShapeId;

/// Whose error enum it is: an operation's (which also reads its errors from responses) or the
/// service-wide one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// An operation's `<Op>Error`.
    Operation,
    /// The service-wide `Error`.
    Service,
}

/// An enum of `errors` plus `Unhandled`, and the runtime's `error_enum!` call writing the
/// accessors every error enum has. Modeled errors are boxed, so that a `Result` carrying the
/// enum stays small on the success path.
pub fn error_enum(
    ir: &Ir,
    name: &RustIdent,
    summary: &str,
    errors: &[ShapeId],
    scope: Scope,
) -> TokenStream {
    let variants: Vec<&RustIdent> = errors.iter().map(|e| ir.names.type_name(e)).collect();
    // Each variant links to its error's type, where the error's own docs are.
    let variant_defs = errors.iter().zip(&variants).map(|(id, variant)| {
        let docs = doc(&format!(
            "The [`{variant}`]({}) error.",
            ir.names.type_doc_path(id)
        ));
        let path = ir.names.type_path(id);
        quote!(#docs #variant(::std::boxed::Box<#path>),)
    });
    let entries = errors.iter().zip(&variants).map(|(id, variant)| {
        let error = ir
            .structure(id)
            .error
            .as_ref()
            .expect("an operation's errors are @error structures");
        let is_fn = &error.is_method;
        let code = &error.code;
        quote!(#variant #is_fn #code)
    });
    let scope = match scope {
        Scope::Operation => quote!(operation),
        Scope::Service => quote!(service),
    };
    let docs = doc(summary);
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum #name {
            #(#variant_defs)*
            /// An error the model does not list here, or a response this crate could not read.
            Unhandled(crate::error::Unhandled),
        }

        crate::runtime::errors::error_enum!(#scope #name { #(#entries),* });
    }
}
