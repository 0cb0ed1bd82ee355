//! Operations (`src/operation/`): per operation a module with pure, I/O-free `request` and
//! `response` functions, its error enum, and a marker type implementing the `Operation` trait
//! so that a transport can be written once for every operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::error_enum::error_enum;
use super::{builders, doc, inner_doc_lines, structs};
use crate::ir::{FieldRef, HostPrefixPart, Ir, Operation};

/// `src/operation/mod.rs`.
pub fn mod_rs(ir: &Ir) -> TokenStream {
    let modules = ir.operations.iter().map(|op| {
        let module = &op.module;
        let docs = doc(&format!("The `{}` operation.", op.name));
        quote!(#docs pub mod #module;)
    });
    quote! {
        //! One module per operation: `request` builds the HTTP request from the input, `response`
        //! reads the HTTP response into the output or the operation's error. No I/O: bring any
        //! HTTP client (and sign the request, e.g. with SigV4, before sending it).

        /// What a transport needs to know about an operation, so it can be written generically.
        pub trait Operation {
            /// The operation's name, e.g. `CopyBackup`.
            const NAME: &'static str;
            /// The `X-Amz-Target` header value, `<service>.<operation>`.
            const TARGET: &'static str;
            /// The input type.
            type Input: crate::json::SerializeJson + crate::json::DeserializeJson;
            /// The output type.
            type Output: crate::json::SerializeJson + crate::json::DeserializeJson;
            /// The operation's error type.
            type Error: crate::error::ServiceError + ::std::convert::Into<crate::error::Error> + 'static;

            /// Builds the HTTP request for `input`.
            fn request(input: &Self::Input) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::json::SerializeError>;

            /// Reads an HTTP response.
            fn response(
                status: ::http::StatusCode,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<Self::Output, Self::Error>;
        }

        /// An operation's marker type, its [`Operation`] impl and its `response`: one call per
        /// operation module rather than the same thirty lines in each. The response's body is
        /// `Json` (the output), or `EventStream` (the stream member named last).
        macro_rules! operation_impl {
            ($marker:ident, $name:literal, $target:literal, $input:ident, $output:ident, $error:ident, Json) => {
                crate::operation::operation_impl!(@marker $marker, $name, $target, $input, $output, $error);
                crate::operation::operation_impl!(
                    @response $output, $error, Json,
                    /// Reads the response: a 2xx status gives the output (an empty body reads as
                    /// `{}`); any other gives the error the response names, or `Unhandled`. Never
                    /// panics, whatever the body holds.
                );
            };
            ($marker:ident, $name:literal, $target:literal, $input:ident, $output:ident, $error:ident, EventStream $member:literal) => {
                crate::operation::operation_impl!(@marker $marker, $name, $target, $input, $output, $error);
                crate::operation::operation_impl!(
                    @response $output, $error, EventStream,
                    /// Reads the response's status and headers. A 2xx status gives the output; its body is an
                    #[doc = concat!("event stream: feed it, as it arrives, to the output's `", $member, "`.")]
                    /// Any other status gives the error the response names, or `Unhandled`.
                );
            };
            (@response $output:ident, $error:ident, $body:ident, $(#[$doc:meta])*) => {
                $(#[$doc])*
                pub fn response(
                    status: ::http::StatusCode,
                    headers: &::http::HeaderMap,
                    body: &[u8],
                ) -> ::std::result::Result<$output, $error> {
                    crate::runtime::protocol::response(status, headers, body, crate::runtime::protocol::Body::$body, $error::reader)
                }
            };
            (@marker $marker:ident, $name:literal, $target:literal, $input:ident, $output:ident, $error:ident) => {
                /// The operation, for code generic over operations (see [`crate::operation::Operation`]).
                #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
                pub struct $marker;

                impl crate::operation::Operation for $marker {
                    const NAME: &'static str = $name;
                    const TARGET: &'static str = $target;
                    type Input = $input;
                    type Output = $output;
                    type Error = $error;

                    fn request(input: &Self::Input) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::json::SerializeError> {
                        request(input)
                    }

                    fn response(
                        status: ::http::StatusCode,
                        headers: &::http::HeaderMap,
                        body: &[u8],
                    ) -> ::std::result::Result<Self::Output, Self::Error> {
                        response(status, headers, body)
                    }
                }
            };
        }
        pub(crate) use operation_impl;

        #(#modules)*
    }
}

/// `src/operation/<op>.rs`.
pub fn operation_rs(ir: &Ir, op: &Operation) -> TokenStream {
    let name = &op.name;
    let marker = &op.marker;
    let error_name = &op.error_enum;
    let input = ir.names.type_name(&op.input);
    let output = ir.names.type_name(&op.output);
    let target = &op.target;
    let content_type = ir.service.content_type;

    let mut lines = vec![
        format!("The `{name}` operation (`{}`).", op.id),
        String::new(),
    ];
    if let Some(text) = &op.documentation {
        lines.extend(ir.rustdoc(text).iter().cloned());
        lines.push(String::new());
    }
    lines.extend(super::doc_example::operation_example(ir, op));
    let module_docs = inner_doc_lines(&lines);

    let error_enum = error_enum(
        ir,
        error_name,
        &format!("The errors `{name}` can return."),
        &op.errors,
        super::error_enum::Scope::Operation,
    );
    let fill_token = idempotency_token(op);
    let (token_docs, keep_tokens) = keep_idempotency_tokens(ir, op);
    let host_prefix = host_prefix(op);
    // awsQueryCompatible services must be told the client speaks the query-compatible mode.
    let query_mode = ir.service.query_compatible.then(|| {
        quote! {
            let mut request = request;
            request.headers_mut().insert("x-amzn-query-mode", ::http::HeaderValue::from_static("true"));
        }
    });
    let own_endpoint = op.own_endpoint.as_ref().map(|member| {
        let wire = &member.wire;
        let value = field_str(member);
        quote! {
            // This operation goes to the endpoint its input names.
            let mut request = request;
            if let ::std::option::Option::Some(endpoint) = #value {
                *request.uri_mut() = endpoint.parse::<::http::Uri>().map_err(|e| {
                    crate::json::SerializeError::new(::std::format!("not a URI: {e}")).in_member(#wire)
                })?;
            }
        }
    });
    let compress = op.gzip.then(|| {
        quote! {
            #[cfg(feature = "gzip")]
            let request = crate::runtime::protocol::compress(request);
        }
    });
    // An event-stream output's body is the stream: the output starts empty and the caller
    // feeds the body to its stream member.
    let body = match &op.event_stream {
        Some(field) => {
            let member = field.bare();
            quote!(EventStream #member)
        }
        None => quote!(Json),
    };

    let (types, builders) = input_output(ir, op);
    quote! {
        #module_docs

        #types

        /// Builders for the operation's input and output; start one with `Type::builder()`.
        pub mod builders {
            #builders
        }

        crate::operation::operation_impl!(#marker, #name, #target, #input, #output, #error_name, #body);

        /// The HTTP request for `input`: `POST /` with the awsJson headers and the input as the
        /// JSON body.
        #token_docs
        pub fn request(input: &#input) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::json::SerializeError> {
            #fill_token
            let body = crate::json::to_vec(input)?;
            let request = crate::runtime::protocol::request(#content_type, #target, body);
            #query_mode
            #compress
            #host_prefix
            #own_endpoint
            ::std::result::Result::Ok(request)
        }

        #error_enum

        #keep_tokens
    }
}

/// The operation's input and output structures (they live in its module), and their builders.
fn input_output(ir: &Ir, op: &Operation) -> (TokenStream, TokenStream) {
    let mut types = Vec::new();
    let mut item_builders = Vec::new();
    let mut names_types = false;
    for id in [&op.input, &op.output] {
        let shape = ir.shape(id);
        let structure = ir.structure(id);
        types.push(structs::emit(ir, shape, structure));
        let builder = builders::emit(ir, shape, structure);
        names_types |= builder.names_types;
        item_builders.push(builder.tokens);
    }
    let import = builders::types_import(names_types);
    (quote!(#(#types)*), quote!(#import #(#item_builders)*))
}

/// An input member's value as `Option<&str>`.
fn field_str(field: &FieldRef) -> TokenStream {
    let ident = &field.ident;
    if field.optional {
        quote!(input.#ident.as_deref())
    } else {
        quote!(::std::option::Option::Some(input.#ident.as_str()))
    }
}

/// For an operation with `@idempotencyToken` members: what `request`'s docs say of them, and
/// the input's `with_idempotency_tokens()`, which fills them once so that retries resend them.
fn keep_idempotency_tokens(ir: &Ir, op: &Operation) -> (TokenStream, TokenStream) {
    let fields = &op.idempotency_tokens;
    if fields.is_empty() {
        return (TokenStream::new(), TokenStream::new());
    }
    let input = ir.names.type_name(&op.input);
    let names = fields
        .iter()
        .map(|f| format!("`{}`", f.bare()))
        .collect::<Vec<_>>()
        .join(", ");
    let docs = super::doc_lines(&[
        String::new(),
        format!(
            "Each call fills an unset idempotency token ({names}) with a fresh UUID, so two calls \
             make two different requests to the service. To retry a request, build every attempt \
             from the same [`{input}::with_idempotency_tokens`]: the service then sees one request."
        ),
    ]);
    let method_docs = super::doc_lines(&[format!(
        "This input with its unset idempotency tokens ({names}) filled with fresh UUIDs, once: \
             requests built from it (a first attempt and its retries) all carry the same tokens, \
             so the service acts on them once."
    )]);
    let keep = quote! {
        impl #input {
            #method_docs
            pub fn with_idempotency_tokens(mut self) -> Self {
                #(
                    if self.#fields.is_none() {
                        self.#fields = ::std::option::Option::Some(crate::runtime::protocol::idempotency_token());
                    }
                )*
                self
            }
        }
    };
    (docs, keep)
}

/// Statements that fill the input's `@idempotencyToken` members left unset.
fn idempotency_token(op: &Operation) -> TokenStream {
    let fields = &op.idempotency_tokens;
    if fields.is_empty() {
        return quote!();
    }
    quote! {
        if #(input.#fields.is_none())||* {
            return request(&input.clone().with_idempotency_tokens());
        }
    }
}

/// Statements that put the operation's `@endpoint` host prefix (labels filled in from the
/// input's `@hostLabel` members) into the request's extensions.
fn host_prefix(op: &Operation) -> TokenStream {
    if op.host_prefix.is_empty() {
        return quote!();
    }
    let parts = op.host_prefix.iter().map(|part| match part {
        HostPrefixPart::Text(text) => quote!(#text),
        HostPrefixPart::Label(field) => {
            let value = field_str(field);
            let label = &field.wire;
            quote!(crate::runtime::endpoint::host_label(#value, #label)?)
        }
    });
    quote! {
        let mut request = request;
        request.extensions_mut().insert(crate::endpoint::HostPrefix::new([#(#parts),*].concat()));
    }
}
