//! Errors: what every `@error` structure implements (`Display`, `std::error::Error`, its code,
//! fault, retryability and HTTP status), the per-operation error enums, and the service-wide
//! `Error` every operation error converts into.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc;
use crate::context::Context;
use crate::ident::{snake, RustIdent};
use crate::model::{traits, ShapeKind, SimpleType};
use crate::model::{Member, Shape};
use crate::rust_type::is_optional;

/// `src/error.rs`: re-exports of the runtime's error types, the service-wide `Error`, and the
/// impls of every error structure.
pub fn error_rs(ctx: &Context) -> TokenStream {
    let errors = ctx.error_shapes();
    let impls = errors.iter().map(|shape| error_struct_impls(ctx, shape));
    let service = ctx.service_shape().id.name().to_owned();
    let service_enum = error_enum(
        ctx,
        &crate::ident::fixed("Error"),
        &format!("Any error of `{service}` this crate's operations can return."),
        &errors,
    );
    let conversions = ctx.operations.iter().map(|op| {
        let module = ctx.names.module(&op.id);
        let op_error = format_ident!("{}Error", crate::ident::camel(op.id.name()).bare());
        let arms = op.errors.iter().map(|e| {
            let variant = ctx.names.type_name(e);
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

        #service_enum
        #(#conversions)*
        #(#impls)*
    }
}

/// The wire name of an error's only member when that member is its optional string message
/// (`message` or `Message`, the names the metadata reads): such an error holds nothing the
/// metadata does not, so a response need not read its body a second time (the runtime's
/// `message_error`).
pub(crate) fn message_only<'a>(ctx: &Context, shape: &'a Shape) -> Option<&'a str> {
    let ShapeKind::Structure(members) = &shape.kind else {
        return None;
    };
    let [member] = members.as_slice() else {
        return None;
    };
    let name = member.name();
    (matches!(name, "message" | "Message")
        && message_member(ctx, members).is_some()
        && is_optional(shape, member))
    .then_some(name)
}

/// The member holding an error's message: one called `message` (any case) that is a string.
fn message_member<'a>(ctx: &Context, members: &'a [Member]) -> Option<&'a Member> {
    members.iter().find(|m| {
        m.name().eq_ignore_ascii_case("message")
            && matches!(
                ctx.model.expect(&m.target).kind,
                ShapeKind::Simple(SimpleType::String)
            )
    })
}

/// Whether an error's message must not be shown: the error is `@sensitive`, or its message
/// member is (itself, or through its target).
pub fn message_is_sensitive(ctx: &Context, shape: &Shape) -> bool {
    let ShapeKind::Structure(members) = &shape.kind else {
        return false;
    };
    shape.traits.has(traits::SENSITIVE)
        || message_member(ctx, members).is_some_and(|m| super::debug::is_redacted(ctx, shape, m))
}

fn error_struct_impls(ctx: &Context, shape: &Shape) -> TokenStream {
    let type_path = ctx.names.type_path(&shape.id);
    let ShapeKind::Structure(members) = &shape.kind else {
        unreachable!("errors are structures")
    };
    let code = shape.id.name();
    let fault = match shape.traits.error() {
        Some("server") => quote!(Server),
        _ => quote!(Client),
    };
    let retryable = shape.traits.has(traits::RETRYABLE);
    let throttling = shape
        .traits
        .get(traits::RETRYABLE)
        .and_then(|r| r.get("throttling"))
        .and_then(|t| t.as_bool())
        .unwrap_or(false);
    let status = match shape
        .traits
        .http_error()
        .and_then(|s| u16::try_from(s).ok())
    {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    };
    let message_field =
        message_member(ctx, members).map(|m| (ctx.names.field(&m.id), is_optional(shape, m)));
    let message = match &message_field {
        Some((field, true)) => quote!(self.#field.as_deref().or(self.meta.message())),
        Some((field, false)) => quote!(::std::option::Option::Some(self.#field.as_str())),
        None => quote!(self.meta.message()),
    };
    // A `@sensitive` message is never shown: `message()` (and so `Display`) gives the marker,
    // and the metadata's copy is redacted when the error is read.
    let secret = message_is_sensitive(ctx, shape);
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
    let returned = ctx
        .operations
        .iter()
        .any(|op| op.errors.contains(&shape.id));
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
        }
    }
}

/// An enum of `errors` plus `Unhandled`, with the accessors every error enum has. Modeled
/// errors are boxed, so that a `Result` carrying the enum stays small on the success path.
pub fn error_enum(
    ctx: &Context,
    name: &proc_macro2::Ident,
    summary: &str,
    errors: &[&Shape],
) -> TokenStream {
    let variants: Vec<&RustIdent> = errors.iter().map(|e| ctx.names.type_name(&e.id)).collect();
    // Each variant links to its error's type, where the error's own docs are.
    let variant_defs = errors.iter().zip(&variants).map(|(shape, variant)| {
        let docs = doc(&format!(
            "The [`{variant}`]({}) error.",
            ctx.names.type_doc_path(&shape.id)
        ));
        let path = ctx.names.type_path(&shape.id);
        quote!(#docs #variant(::std::boxed::Box<#path>),)
    });
    let is_fns = errors.iter().zip(&variants).map(|(shape, variant)| {
        let is_fn = format_ident!("is_{}", snake(variant.bare()).bare());
        let docs = doc(&format!("Whether this is a `{}` error.", shape.id.name()));
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
        }
    }
}
