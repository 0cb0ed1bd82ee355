//! `src/error.rs`: the runtime's error types re-exported, the service-wide `Error` every
//! operation error converts into, and what every `@error` structure implements (`Display`,
//! `std::error::Error`, its code, fault, retryability and HTTP status).

use proc_macro2::TokenStream;
use quote::quote;

use super::error_enum::{error_enum, Scope};
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
        Scope::Service,
    );
    let conversions = ir.operations.iter().map(|op| {
        let module = &op.module;
        let op_error = &op.error_enum;
        let variants = op.errors.iter().map(|e| ir.names.type_name(e));
        quote! {
            crate::runtime::errors::error_into!(operation::#module::#op_error => Error { #(#variants),* });
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

/// One `modeled_error!` call: what the error structure implements, from what the model says
/// of it (see the runtime's macro).
fn error_struct_impls(ir: &Ir, shape: &Shape) -> TokenStream {
    let ty = super::rust::in_crate(&ir.names.type_path(&shape.id));
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
    let message = match message.map(|i| &fields[i]) {
        Some(field) if field.optional => {
            let ident = &field.ident;
            quote!(opt #ident)
        }
        Some(field) => {
            let ident = &field.ident;
            quote!(req #ident)
        }
        None => quote!(none),
    };
    // Only errors an operation returns are read from responses (an error shape can also be a
    // member, e.g. of an event stream).
    let read = match (&error.message_only, returned) {
        (_, false) => quote!(none),
        (Some(wire), true) => quote!(message_only(#wire)),
        (None, true) => quote!(body),
    };
    quote! {
        crate::runtime::errors::modeled_error!(#ty {
            code: #code,
            fault: #fault,
            retryable: #retryable,
            throttling: #throttling,
            status: #status,
            message: #message,
            sensitive: #message_sensitive,
            read: #read,
        });
    }
}
