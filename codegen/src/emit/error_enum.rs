//! The error enums: each operation's (`<Op>Error`) and the service-wide `Error`, every one an
//! enum of modeled errors plus `Unhandled`, with the same accessors.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc;
use crate::ident::RustIdent;
use crate::ir::Ir;
use crate::ir::ShapeId;

/// An enum of `errors` plus `Unhandled`, with the accessors every error enum has. Modeled
/// errors are boxed, so that a `Result` carrying the enum stays small on the success path.
pub fn error_enum(ir: &Ir, name: &RustIdent, summary: &str, errors: &[ShapeId]) -> TokenStream {
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
    let is_fns = errors.iter().zip(&variants).map(|(id, variant)| {
        let is_fn = &ir
            .structure(id)
            .error
            .as_ref()
            .expect("an operation's errors are @error structures")
            .is_method;
        let docs = doc(&format!("Whether the error is `{}`.", id.name()));
        quote! {
            #docs
            pub fn #is_fn(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        }
    });
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

        impl #name {
            /// The error, whichever variant, as what every error can say about itself.
            pub fn as_service_error(&self) -> &(dyn crate::error::ServiceError + 'static) {
                match self {
                    #(Self::#variants(e) => &**e,)*
                    Self::Unhandled(e) => e,
                }
            }

            /// The error code (e.g. `BackupNotFound`), if the service sent one.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.as_service_error().code()
            }

            /// The error message, if any.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.as_service_error().message()
            }

            /// The request id of the response, if the service sent one.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.as_service_error().request_id()
            }

            /// Everything the response said about the error.
            pub fn meta(&self) -> &crate::error::ErrorMetadata {
                self.as_service_error().meta()
            }

            /// Whether the model marks the error `@retryable`.
            pub fn is_retryable(&self) -> bool {
                self.as_service_error().is_retryable()
            }

            #(#is_fns)*

            /// Whether this is an error the model does not list here.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }
        }

        /// An error the crate could not match to a modeled one (the client makes one of a
        /// failure before the service answered: `SdkError::into_service_error`).
        impl ::std::convert::From<crate::error::Unhandled> for #name {
            fn from(unhandled: crate::error::Unhandled) -> Self {
                Self::Unhandled(unhandled)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.as_service_error(), f)
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                    #[allow(unreachable_patterns)]
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl crate::error::ServiceError for #name {
            fn code(&self) -> ::std::option::Option<&str> {
                self.as_service_error().code()
            }

            fn message(&self) -> ::std::option::Option<&str> {
                self.as_service_error().message()
            }

            fn meta(&self) -> &crate::error::ErrorMetadata {
                self.as_service_error().meta()
            }

            fn is_retryable(&self) -> bool {
                self.as_service_error().is_retryable()
            }

            fn is_throttling(&self) -> bool {
                self.as_service_error().is_throttling()
            }
        }
    }
}
