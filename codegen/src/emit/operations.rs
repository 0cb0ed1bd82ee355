//! Operations (`src/operation/`): per operation a module with pure, I/O-free `request` and
//! `response` functions, its error enum, and a marker type implementing the `Operation` trait
//! so that a transport can be written once for every operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::errors::{error_enum, message_is_sensitive, message_only};
use super::{doc, doc_lines, inner_doc_lines};
use crate::context::Context;
use crate::error::Problem;
use crate::ident::camel;
use crate::model::traits;
use crate::model::{Shape, ShapeKind};
use crate::transform::OperationPlan;

/// `src/operation/mod.rs`.
pub fn mod_rs(ctx: &Context) -> TokenStream {
    let modules = ctx.operations.iter().map(|op| {
        let module = ctx.names.module(&op.id);
        let docs = doc(&format!("The `{}` operation.", op.id.name()));
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

        #(#modules)*
    }
}

/// `src/operation/<op>.rs`.
pub fn operation_rs(ctx: &Context, op: &OperationPlan) -> Result<TokenStream, Problem> {
    let op_shape = ctx.model.expect(&op.id);
    let name = op.id.name();
    let marker = camel(name);
    let error_name = format_ident!("{}Error", marker.bare());
    let input = ctx.names.type_name(&op.input);
    let output = ctx.names.type_name(&op.output);
    let target = format!("{}.{}", ctx.service.name(), name);
    let content_type = ctx.protocol.content_type;

    let mut lines = vec![
        format!("The `{name}` operation (`{}`).", op.id),
        String::new(),
    ];
    if let Some(text) = op_shape.traits.documentation() {
        lines.extend(ctx.rustdoc(text).iter().cloned());
    }
    let module_docs = inner_doc_lines(&lines);

    let errors: Vec<&Shape> = op.errors.iter().map(|e| ctx.model.expect(e)).collect();
    let error_enum = error_enum(
        ctx,
        &error_name,
        &format!("The errors `{name}` can return."),
        &errors,
    );
    let fill_token = idempotency_token(ctx, op);
    let host_prefix = host_prefix(ctx, op)?;
    // awsQueryCompatible services must be told the client speaks the query-compatible mode.
    let query_mode = ctx.protocol.query_compatible.then(|| {
        quote! {
            let mut request = request;
            request.headers_mut().insert("x-amzn-query-mode", ::http::HeaderValue::from_static("true"));
        }
    });
    let own_endpoint = crate::customizations::endpoint_member(ctx, op).map(|member| {
        let field = ctx.names.field(&member.id);
        let wire = member.name();
        let value = if crate::rust_type::is_optional(ctx.model.expect(&op.input), member) {
            quote!(input.#field.as_deref())
        } else {
            quote!(::std::option::Option::Some(input.#field.as_str()))
        };
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
    let compress = op_shape
        .traits
        .get(traits::REQUEST_COMPRESSION)
        .and_then(|t| t.get("encodings"))
        .and_then(|e| e.as_array())
        .is_some_and(|e| e.iter().any(|v| v.as_str() == Some("gzip")))
        .then(|| {
            quote! {
                #[cfg(feature = "gzip")]
                let request = crate::runtime::protocol::compress(request);
            }
        });
    let error_arms = errors.iter().map(|shape| {
        let code = shape.id.name();
        let variant = ctx.names.type_name(&shape.id);
        let path = ctx.names.type_path(&shape.id);
        // An error made of its message alone may skip reading the body again.
        let (fit, read) = match message_only(ctx, shape) {
            Some(wire) => (quote!(fit), quote! {
                crate::runtime::protocol::message_error(body, meta, fit, #wire, #path::with_meta)
            }),
            None => (quote!(_), quote! {
                crate::runtime::protocol::modeled_error(body, meta, #path::with_meta)
            }),
        };
        // An error with a sensitive message that cannot be read as itself keeps the message
        // out of the `Unhandled` it becomes.
        let unhandled = if message_is_sensitive(ctx, shape) {
            quote!(|unhandled| #error_name::Unhandled(unhandled.redacted()))
        } else {
            quote!(#error_name::Unhandled)
        };
        quote! {
            ::std::option::Option::Some(#code) => ::std::option::Option::Some(|body, meta, #fit| {
                #read.map_or_else(#unhandled, #error_name::#variant)
            }),
        }
    });
    let query_code = ctx
        .protocol
        .query_compatible
        .then(|| quote!(let meta = meta.with_query_error(headers);));
    // An event-stream output's body is the stream: the output starts empty and the caller
    // feeds the body to its stream member.
    let stream_member = match &ctx.model.expect(&op.output).kind {
        ShapeKind::Structure(members) => members.iter().find(|m| ctx.is_event_stream(&m.target)),
        _ => None,
    };
    let response_docs = match stream_member {
        Some(member) => doc_lines(&[
            "Reads the response's status and headers. A 2xx status gives the output; its body is an".to_owned(),
            format!("event stream: feed it, as it arrives, to the output's `{}`.", ctx.names.field(&member.id).bare()),
            "Any other status gives the error the response names, or `Unhandled`.".to_owned(),
        ]),
        None => doc_lines(&[
            "Reads the response: a 2xx status gives the output (an empty body reads as `{}`); any".to_owned(),
            "other gives the error the response names, or `Unhandled`. Never panics, whatever the".to_owned(),
            "body holds.".to_owned(),
        ]),
    };
    let success = match stream_member {
        Some(_) => quote! {
            return crate::runtime::protocol::parse_body(b"")
                .map_err(|e| #error_name::Unhandled(crate::error::Unhandled::unreadable(status, headers, e)));
        },
        None => quote! {
            return crate::runtime::protocol::parse_body(body)
                .map_err(|e| #error_name::Unhandled(crate::error::Unhandled::unreadable(status, headers, e)));
        },
    };
    let unhandled = quote!(#error_name::Unhandled(crate::error::Unhandled::new(meta, ::std::option::Option::None)));
    // Which error the response is: by its awsJson code (before an awsQueryCompatible code, if
    // any, replaces the one callers see).
    let classify = if errors.is_empty() {
        quote! {
            let meta = crate::error::ErrorMetadata::from_response(status, headers, body);
            #query_code
            ::std::result::Result::Err(#unhandled)
        }
    } else {
        quote! {
            let (meta, fit) = crate::error::ErrorMetadata::read_error(status, headers, body);
            let read: ::std::option::Option<crate::runtime::protocol::ReadError<#error_name>> = match meta.code() {
                #(#error_arms)*
                _ => ::std::option::Option::None,
            };
            #query_code
            ::std::result::Result::Err(match read {
                ::std::option::Option::Some(read) => read(body, meta, fit),
                ::std::option::Option::None => #unhandled,
            })
        }
    };

    let (types, builders) = input_output(ctx, op)?;
    Ok(quote! {
        #module_docs

        #types

        /// Builders for the operation's input and output; start one with `Type::builder()`.
        pub mod builders {
            #builders
        }

        /// The operation, for code generic over operations (see [`crate::operation::Operation`]).
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #marker;

        impl crate::operation::Operation for #marker {
            const NAME: &'static str = #name;
            const TARGET: &'static str = #target;
            type Input = #input;
            type Output = #output;
            type Error = #error_name;

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

        /// The HTTP request for `input`: `POST /` with the awsJson headers and the input as the
        /// JSON body. Unset idempotency tokens are filled with a fresh UUID.
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

        #response_docs
        pub fn response(
            status: ::http::StatusCode,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<#output, #error_name> {
            if status.is_success() {
                #success
            }
            #classify
        }

        #error_enum
    })
}

/// The operation's input and output structures (they live in its module), and their builders.
fn input_output(ctx: &Context, op: &OperationPlan) -> Result<(TokenStream, TokenStream), Problem> {
    let mut types = Vec::new();
    let mut builders = Vec::new();
    for id in [&op.input, &op.output] {
        let shape = ctx.model.expect(id);
        let ShapeKind::Structure(members) = &shape.kind else {
            unreachable!("operation inputs and outputs are structures")
        };
        types.push(super::structs::emit(ctx, shape, members)?);
        builders.push(super::builders::emit(ctx, shape, members)?);
    }
    Ok((quote!(#(#types)*), quote!(#(#builders)*)))
}

/// Statements that fill the input's `@idempotencyToken` members left unset.
fn idempotency_token(ctx: &Context, op: &OperationPlan) -> TokenStream {
    let ShapeKind::Structure(members) = &ctx.model.expect(&op.input).kind else {
        return quote!();
    };
    let fields: Vec<_> = members
        .iter()
        .filter(|m| {
            m.traits.has(traits::IDEMPOTENCY_TOKEN)
                && crate::rust_type::is_optional(ctx.model.expect(&op.input), m)
        })
        .map(|m| ctx.names.field(&m.id))
        .collect();
    if fields.is_empty() {
        return quote!();
    }
    quote! {
        if #(input.#fields.is_none())||* {
            let mut filled = input.clone();
            #(
                if filled.#fields.is_none() {
                    filled.#fields = ::std::option::Option::Some(crate::runtime::protocol::idempotency_token());
                }
            )*
            return request(&filled);
        }
    }
}

/// Statements that put the operation's `@endpoint` host prefix (labels filled in from the
/// input's `@hostLabel` members) into the request's extensions.
fn host_prefix(ctx: &Context, op: &OperationPlan) -> Result<TokenStream, Problem> {
    let template = ctx
        .model
        .expect(&op.id)
        .traits
        .get(traits::ENDPOINT)
        .and_then(|e| e.get("hostPrefix"))
        .and_then(|p| p.as_str());
    let Some(template) = template else {
        return Ok(quote!());
    };
    let ShapeKind::Structure(members) = &ctx.model.expect(&op.input).kind else {
        unreachable!("inputs are structures")
    };
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        if !literal.is_empty() {
            parts.push(quote!(#literal));
        }
        let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| {
            Problem::at(
                &op.id,
                format!("hostPrefix `{template}` has an unclosed `{{`"),
            )
        })?;
        let label = &rest[open + 1..close];
        let member = members
            .iter()
            .find(|m| m.name() == label && m.traits.has(traits::HOST_LABEL))
            .ok_or_else(|| Problem::at(&op.id, format!("hostPrefix `{template}` names `{label}`, which is not a @hostLabel member of the input")))?;
        let field = ctx.names.field(&member.id);
        let value = if crate::rust_type::is_optional(ctx.model.expect(&op.input), member) {
            quote!(input.#field.as_deref())
        } else {
            quote!(::std::option::Option::Some(input.#field.as_str()))
        };
        parts.push(quote!(crate::runtime::endpoint::host_label(#value, #label)?));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(quote!(#rest));
    }
    Ok(quote! {
        let mut request = request;
        request.extensions_mut().insert(crate::endpoint::HostPrefix::new([#(#parts),*].concat()));
    })
}
