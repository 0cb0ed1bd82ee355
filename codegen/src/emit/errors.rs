//! `src/error.rs`: the runtime's error types re-exported, the service-wide `Error` every
//! operation error converts into, and what every `@error` structure implements (`Display`,
//! `std::error::Error`, its code, fault, retryability and HTTP status).

use proc_macro2::TokenStream;
use quote::quote;

use super::error_enum::error_enum;
use crate::ir::ShapeId;
use crate::ir::{ErrorInfo, Ir, Kind, Shape, Structure};

/// `src/error.rs`: re-exports of the runtime's error types, the service-wide `Error`, and the
/// impls of every error structure.
pub fn error_rs(ir: &Ir) -> TokenStream {
    let errors: Vec<&Shape> = ir.error_shapes().collect();
    let impls = errors.iter().map(|shape| error_struct_impls(ir, shape));
    let ids: Vec<ShapeId> = errors.iter().map(|s| s.id.clone()).collect();
    let service = ir.service.id.name().to_owned();
    let service_enum = error_enum(
        ir,
        &crate::ident::RustIdent::escaped("Error"),
        &format!("Any error of `{service}` this crate's operations can return."),
        &ids,
    );
    let conversions = ir.operations.iter().map(|op| {
        let module = &op.module;
        let op_error = &op.error_enum;
        let arms = op.errors.iter().map(|e| {
            let variant = ir.names.type_name(e);
            quote!(crate::operation::#module::#op_error::#variant(e) => Self::#variant(e),)
        });
        quote! {
            impl ::std::convert::From<crate::operation::#module::#op_error> for Error {
                fn from(error: crate::operation::#module::#op_error) -> Self {
                    match error {
                        #(#arms)*
                        crate::operation::#module::#op_error::Unhandled(e) => Self::Unhandled(e),
                    }
                }
            }
        }
    });
    quote! {
        //! Errors: what the service returns (the service-wide [`Error`], each operation's own
        //! error enum, [`Unhandled`]), and what this crate's own functions return.
        pub use crate::runtime::json_read::DeserializeError;
        pub use crate::runtime::json_write::SerializeError;
        pub use crate::runtime::protocol::{sanitize_error_code, ErrorFault, ErrorMetadata, ServiceError, Unhandled};
        pub use crate::runtime::BuildError;
        pub use crate::runtime::validate::{RangeValue, ValidationError, Violation, ViolationKind};

        #service_enum
        #(#conversions)*
        #(#impls)*
    }
}

fn error_struct_impls(ir: &Ir, shape: &Shape) -> TokenStream {
    let type_path = ir.names.type_path(&shape.id);
    let Kind::Structure(Structure {
        fields,
        error: Some(error),
    }) = &shape.kind
    else {
        unreachable!("errors are structures")
    };
    let ErrorInfo {
        code,
        server_fault,
        retryable,
        throttling,
        http_status,
        message,
        message_sensitive,
        returned,
        ..
    } = error;
    let fault = if *server_fault {
        quote!(Server)
    } else {
        quote!(Client)
    };
    let status = match http_status {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    };
    let message_field = message.map(|i| (&fields[i].ident, fields[i].optional));
    let message = match &message_field {
        Some((field, true)) => quote!(self.#field.as_deref().or(self.meta.message())),
        Some((field, false)) => quote!(::std::option::Option::Some(self.#field.as_str())),
        None => quote!(self.meta.message()),
    };
    // A `@sensitive` message is never shown: `message()` (and so `Display`) gives the marker,
    // and the metadata's copy is redacted when the error is read.
    let secret = *message_sensitive;
    let message = if secret {
        quote!((#message).map(|_| crate::runtime::REDACTED))
    } else {
        message
    };
    let redact_meta = secret.then(|| quote!(let mut meta = meta; meta.redact_message();));
    // A message sent under another spelling (`message` for a `Message` member) still fills the
    // member, as users read the field directly.
    let fill_message = match &message_field {
        Some((field, true)) => quote! {
            if self.#field.is_none() {
                self.#field = meta.message().map(::std::borrow::ToOwned::to_owned);
            }
        },
        _ => quote!(),
    };
    // Only errors an operation returns are read from responses (an error shape can also be a
    // member, e.g. of an event stream).
    let with_meta = returned.then(|| {
        quote! {
            /// The same error, carrying what a response said about it.
            pub(crate) fn with_meta(mut self, meta: crate::error::ErrorMetadata) -> Self {
                #fill_message
                #redact_meta
                self.meta = meta;
                self
            }
        }
    });
    // How a response's body reads as this error: an error made of its message alone may skip
    // reading the body again.
    let modeled_error = returned.then(|| {
        let (fit, read) = match &error.message_only {
            Some(wire) => (
                quote!(fit),
                quote! {
                    crate::runtime::protocol::message_error(body, meta, fit, #wire, Self::with_meta)
                },
            ),
            None => (
                quote!(_fit),
                quote! {
                    crate::runtime::protocol::modeled_error(body, meta, Self::with_meta)
                },
            ),
        };
        let sensitive = secret.then(|| {
            quote!(
                const SENSITIVE_MESSAGE: bool = true;
            )
        });
        quote! {
            impl crate::runtime::protocol::ModeledError for #type_path {
                #sensitive

                fn read(
                    body: &[u8],
                    meta: crate::error::ErrorMetadata,
                    #fit: crate::runtime::protocol::MessageFit,
                ) -> ::std::result::Result<::std::boxed::Box<Self>, crate::error::Unhandled> {
                    #read
                }
            }
        }
    });
    quote! {
        impl #type_path {
            /// The error code the service sends for this error.
            pub const CODE: &'static str = #code;
            /// Whose fault the error is (`@error`).
            pub const FAULT: crate::error::ErrorFault = crate::error::ErrorFault::#fault;
            /// Whether the request may succeed if retried (`@retryable`).
            pub const RETRYABLE: bool = #retryable;
            /// Whether the error means "slow down" (`@retryable(throttling: true)`).
            pub const THROTTLING: bool = #throttling;
            /// The HTTP status the model gives the error (`@httpError`), if any.
            pub const HTTP_STATUS: ::std::option::Option<u16> = #status;

            /// The error's message: its message member, else the one the response carried.
            pub fn message(&self) -> ::std::option::Option<&str> {
                #message
            }

            /// What the response said about the error (code, message, request id, status);
            /// empty for an error built in code.
            pub fn meta(&self) -> &crate::error::ErrorMetadata {
                &self.meta
            }

            #with_meta
        }

        impl ::std::fmt::Display for #type_path {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::runtime::protocol::display_error(f, self.meta.code().unwrap_or(Self::CODE), self.message(), &self.meta)
            }
        }

        impl ::std::error::Error for #type_path {}

        #modeled_error

        impl crate::error::ServiceError for #type_path {
            fn code(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::Some(self.meta.code().unwrap_or(Self::CODE))
            }

            fn message(&self) -> ::std::option::Option<&str> {
                #type_path::message(self)
            }

            fn meta(&self) -> &crate::error::ErrorMetadata {
                &self.meta
            }

            fn is_retryable(&self) -> bool {
                Self::RETRYABLE
            }

            fn is_throttling(&self) -> bool {
                Self::THROTTLING
            }
        }
    }
}
