//! `src/client.rs`, behind the crate's `client` feature: the `Client` aws-sdk-rust users know
//! (`Client::from_conf`, `Client::from_env`), one fluent builder per operation
//! (`client.copy_backup().source_backup_id(…).send().await`) taking the same setters as the
//! input's builder, and a paginator per `@paginated` operation. Everything else (config,
//! signing, the transport, retries, the paging loop) is the runtime's `client` module: this
//! emitter only binds it to the crate's operations and endpoint rules.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::builders::{
    accessor_args, setter_parameters, types_import, AccessorArgs, Emitted, SetterParameters,
};
use super::doc_lines;
use super::rust::element_type;
use crate::ir::{Field, Ir, Kind, Operation, ShapeId};
use crate::rules::ParamType;

/// The `Client` methods an operation's method must not take (an operation `Config` gets
/// `config_operation()`).
const CLIENT_METHODS: &[&str] = &["clone", "config", "from_conf", "from_env"];

/// `src/client.rs`.
pub fn client_rs(ir: &Ir) -> TokenStream {
    let methods = ir.operations.iter().map(client_method);
    let fluent: Vec<Emitted> = ir
        .operations
        .iter()
        .map(|op| fluent_builder(ir, op))
        .collect();
    let import = types_import(fluent.iter().any(|b| b.names_types));
    let builders = fluent.iter().map(|b| &b.tokens);
    let paginators: Vec<TokenStream> = ir
        .operations
        .iter()
        .filter_map(|op| paginator(ir, op))
        .collect();
    let paginators = (!paginators.is_empty()).then(|| {
        quote! {
            /// The paginators of the `@paginated` operations (`into_paginator()` on their
            /// fluent builders).
            pub mod paginators {
                #(#paginators)*
            }
        }
    });
    let resolve = resolve_endpoint(ir);
    let title = &ir.service.title;
    let docs = doc_lines(&[
        format!("The client: calls {title} over HTTPS, with endpoints from the region, SigV4 signing, credentials, retries and paging."),
        String::new(),
        "Make one from the environment ([`Client::from_env`]: `AWS_REGION`, `AWS_ACCESS_KEY_ID`…, the shared config files) or from a [`Config`] ([`Client::from_conf`]); each operation is a method returning its fluent builder, whose `send()` makes the call. One `Client` shares its connections and retry quota across calls: clone it rather than making another.".to_owned(),
        String::new(),
        "The default HTTP client runs on tokio, as aws-sdk-rust's does: call from a tokio runtime (with its I/O and time drivers). Under another executor, give the config your own `HttpClient`: retries' waits and timeouts then use a timer thread.".to_owned(),
    ]);
    quote! {
        //! The client (feature `client`): [`Client`], its [`Config`], the fluent builders of
        //! its calls and their paginators. The sans-IO core ([`crate::operation`]) is
        //! unchanged by it.

        pub use crate::runtime::client::config::{Config, ConfigBuilder, TimeoutConfig};
        pub use crate::runtime::client::credentials::{
            DefaultCredentialsChain, EnvironmentCredentials, ProfileCredentials,
        };
        pub use crate::runtime::client::error::{ConstructionFailure, Failure, SdkError};
        pub use crate::runtime::client::http::{
            BoxFuture, HttpClient, HttpError, HttpErrorKind, HyperClient,
        };
        pub use crate::runtime::client::paginator::{Items, Pages};
        pub use crate::runtime::client::profile::Env;
        pub use crate::runtime::client::retry::RetryConfig;
        /// Credentials, and the trait of what provides them (aws-credential-types').
        pub use ::aws_credential_types::{provider::ProvideCredentials, Credentials};

        #docs
        #[derive(Clone, Debug)]
        pub struct Client {
            handle: crate::runtime::client::invoke::Handle,
        }

        impl Client {
            /// A client with this configuration.
            pub fn from_conf(config: Config) -> Self {
                Client {
                    handle: crate::runtime::client::invoke::Handle::new(config, resolve_endpoint),
                }
            }

            /// A client configured from the environment and the shared config files
            /// ([`Config::from_env`]).
            pub fn from_env() -> Self {
                Self::from_conf(Config::from_env().build())
            }

            /// Its configuration.
            pub fn config(&self) -> &Config {
                self.handle.config()
            }

            #(#methods)*
        }

        #resolve

        /// The fluent builders of the client's calls: the input's setters, then `send()`.
        pub mod builders {
            #import
            #(#builders)*
        }

        #paginators
    }
}

/// The `Client` method of an operation.
fn client_method(op: &Operation) -> TokenStream {
    let method = method_name(op);
    let builder = format_ident!("{}FluentBuilder", op.marker.bare());
    let module = &op.module;
    let docs = doc_lines(&[format!(
        "Calls `{}` ([`crate::operation::{}`]): set the input's members on the builder, then `send()`.",
        op.name,
        module.bare()
    )]);
    quote! {
        #docs
        pub fn #method(&self) -> builders::#builder {
            builders::#builder::new(self.handle.clone())
        }
    }
}

fn method_name(op: &Operation) -> Ident {
    let name = op.module.bare();
    if CLIENT_METHODS.contains(&name) {
        format_ident!("{name}_operation")
    } else {
        op.module.ident()
    }
}

/// `resolve_endpoint`: the config's region, FIPS, dual-stack and endpoint settings given to
/// the rules' built-in parameters; without rules, the endpoint override alone.
fn resolve_endpoint(ir: &Ir) -> TokenStream {
    let Some(rules) = &ir.service.rule_set else {
        return quote! {
            /// This service has no endpoint rules: requests go to the config's `endpoint_url`.
            fn resolve_endpoint(
                config: &Config,
            ) -> ::std::result::Result<crate::runtime::client::invoke::ResolvedEndpoint, ConstructionFailure> {
                match config.endpoint_url() {
                    ::std::option::Option::Some(url) => ::std::result::Result::Ok(crate::runtime::client::invoke::ResolvedEndpoint {
                        url: url.to_owned(),
                        ..::std::default::Default::default()
                    }),
                    ::std::option::Option::None => ::std::result::Result::Err(ConstructionFailure::new(
                        "this service's model has no endpoint rules: set the config's `endpoint_url`",
                        ::std::option::Option::None,
                    )),
                }
            }
        };
    };
    let sets = rules.params.iter().filter_map(|p| {
        let set = &p.set;
        let value = match (p.built_in.as_deref()?, p.ty) {
            ("AWS::Region", ParamType::String) => {
                quote!(config.region().map(::std::borrow::ToOwned::to_owned))
            }
            ("AWS::UseFIPS", ParamType::Boolean) => {
                quote!(::std::option::Option::Some(config.use_fips()))
            }
            ("AWS::UseDualStack", ParamType::Boolean) => {
                quote!(::std::option::Option::Some(config.use_dual_stack()))
            }
            ("SDK::Endpoint", ParamType::String) => {
                quote!(config.endpoint_url().map(::std::borrow::ToOwned::to_owned))
            }
            _ => return None,
        };
        Some(quote!(.#set(#value)))
    });
    quote! {
        /// The endpoint of the config's region and settings, from the model's rules.
        fn resolve_endpoint(
            config: &Config,
        ) -> ::std::result::Result<crate::runtime::client::invoke::ResolvedEndpoint, ConstructionFailure> {
            let failure = |e: crate::endpoint::ResolveError| {
                ConstructionFailure::new("no endpoint", ::std::option::Option::Some(::std::boxed::Box::new(e)))
            };
            let params = crate::endpoint::Params::builder()
                #(#sets)*
                .build()
                .map_err(failure)?;
            crate::endpoint::resolve(&params).map(crate::endpoint::Endpoint::into_resolved).map_err(failure)
        }
    }
}

/// An operation's fluent builder.
fn fluent_builder(ir: &Ir, op: &Operation) -> Emitted {
    let name = format_ident!("{}FluentBuilder", op.marker.bare());
    let module = &op.module;
    let input_builder = ir.names.builder_path(&op.input);
    let input = ir.names.type_path(&op.input);
    let output = ir.names.type_path(&op.output);
    let error = &op.error_enum;
    let op_name = &op.name;
    let signing_name = match (&ir.service.signing_name, op.optional_auth) {
        (Some(name), false) => quote!(::std::option::Option::Some(#name)),
        _ => quote!(::std::option::Option::None),
    };
    let builder_doc = doc_path(&input_builder);
    let mut names_types = false;
    let setters: Vec<TokenStream> = ir
        .structure(&op.input)
        .fields
        .iter()
        .map(|f| {
            let args = accessor_args(ir, f);
            names_types |= args.names_types;
            fluent_setters(f, args)
        })
        .collect();
    let docs = doc_lines(&[format!(
        "Calls `{op_name}`: the setters of [`{}`]({}), then [`send`](Self::send).",
        ir.names.builder(&op.input).bare(),
        doc_path(&input_builder)
    )]);
    let paging = op_paging(ir, op).map(|_| {
        let paginator = format_ident!("{}Paginator", op.marker.bare());
        let docs = doc_lines(&[format!(
            "Pages through the results: each response's token is sent back for the next page (see [`{paginator}`](super::paginators::{paginator}))."
        )]);
        quote! {
            #docs
            pub fn into_paginator(self) -> super::paginators::#paginator {
                super::paginators::#paginator::new(self)
            }
        }
    });
    let tokens = quote! {
        #docs
        #[derive(Clone, Debug)]
        pub struct #name {
            handle: crate::runtime::client::invoke::Handle,
            inner: #input_builder,
        }

        impl #name {
            pub(crate) fn new(handle: crate::runtime::client::invoke::Handle) -> Self {
                #name { handle, inner: ::std::default::Default::default() }
            }

            /// Builds the input and sends it: the endpoint is resolved, the request signed and
            /// sent, and retried as the config's retry settings allow (with the same
            /// idempotency tokens on every attempt).
            pub async fn send(
                self,
            ) -> ::std::result::Result<#output, super::SdkError<crate::operation::#module::#error>> {
                const OPERATION: crate::runtime::client::invoke::Operation<
                    #input,
                    #output,
                    crate::operation::#module::#error,
                > = crate::runtime::client::invoke::Operation {
                    name: #op_name,
                    signing_name: #signing_name,
                    request: crate::operation::#module::request,
                    response: crate::operation::#module::response,
                };
                self.handle.send(&OPERATION, self.inner.build()).await
            }

            /// The input's builder, as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }

            #paging

            crate::runtime::accessors::methods! { link #builder_doc; #(#setters)* }
        }
    };
    Emitted {
        tokens,
        names_types,
    }
}

/// `crate::a::B` as a rustdoc link target: raw identifiers written bare (rustdoc resolves
/// `crate::operation::match`, not `r#match`).
fn doc_path(path: &TokenStream) -> String {
    path.to_string().replace(' ', "").replace("r#", "")
}

/// A fluent builder's three accessors for one input member, each the input builder's.
fn fluent_setters(field: &Field, args: AccessorArgs) -> TokenStream {
    let setter = &field.setter;
    let set = &field.set;
    let get = &field.get;
    let wire = &field.wire;
    let dep = super::deprecated(field.deprecated.as_ref());
    // The link to the input builder's setter, after the builder's path (`methods!`'s `link`).
    let name = setter.bare();
    let AccessorArgs {
        kind, hows, types, ..
    } = args;
    quote!(fluent(#dep #kind #hows #setter #set #get #wire #name: #types);)
}

/// What a paginator needs of an operation's members: the input's token and page size, the
/// output's token and items. `None` when the tokens are not top-level strings (a paginator
/// for those is future work; the operation still has its fluent builder).
struct Paging<'a> {
    input_token: &'a Field,
    output_token: &'a Field,
    page_size: Option<&'a Field>,
    items: Option<(&'a Field, TokenStream)>,
}

fn op_paging<'a>(ir: &'a Ir, op: &Operation) -> Option<Paging<'a>> {
    let pagination = op.pagination.as_ref()?;
    let member = |structure: &ShapeId, path: &str| -> Option<&'a Field> {
        if path.contains('.') {
            return None;
        }
        ir.structure(structure)
            .fields
            .iter()
            .find(|f| f.wire == path)
    };
    let is_string = |f: &Field| {
        matches!(
            &ir.shape(&f.target).kind,
            Kind::Simple(crate::model::SimpleType::String)
        )
    };
    let input_token = member(&op.input, &pagination.input_token).filter(|f| is_string(f))?;
    let output_token = member(&op.output, &pagination.output_token)
        .filter(|f| is_string(f) && f.getter.is_some())?;
    let page_size = pagination
        .page_size
        .as_deref()
        .and_then(|p| member(&op.input, p));
    let items = pagination
        .items
        .as_deref()
        .and_then(|p| member(&op.output, p))
        .and_then(|f| match &ir.shape(&f.target).kind {
            Kind::List {
                member: item,
                sparse,
            } => Some((f, element_type(ir, &item.target, *sparse))),
            _ => None,
        });
    Some(Paging {
        input_token,
        output_token,
        page_size,
        items,
    })
}

/// The paginator (and item paginator) of a `@paginated` operation.
fn paginator(ir: &Ir, op: &Operation) -> Option<TokenStream> {
    let paging = op_paging(ir, op)?;
    let name = format_ident!("{}Paginator", op.marker.bare());
    let items_name = format_ident!("{}Items", op.marker.bare());
    let builder = format_ident!("{}FluentBuilder", op.marker.bare());
    let module = &op.module;
    let output = ir.names.type_path(&op.output);
    let error_enum = &op.error_enum;
    let error = quote!(crate::operation::#module::#error_enum);
    let get_token = &paging.input_token.get;
    let set_token = &paging.input_token.set;
    let output_token = paging.output_token.getter.as_ref().map(|g| quote!(#g))?;
    let page_size = paging.page_size.and_then(|field| {
        let SetterParameters::Value(param) = setter_parameters(ir, field) else {
            return None;
        };
        let ty = param.signature();
        let setter = &field.setter;
        let wire = &field.wire;
        let docs = doc_lines(&[format!("The most items a page holds (`{wire}`).")]);
        Some(quote! {
            #docs
            pub fn page_size(mut self, limit: #ty) -> Self {
                self.builder = self.builder.#setter(limit);
                self
            }
        })
    });
    let items = paging.items.as_ref().map(|(field, item)| {
        let ident = &field.ident;
        let take = if field.optional {
            quote!(page.#ident.unwrap_or_default())
        } else {
            quote!(page.#ident)
        };
        let wire = &field.wire;
        let docs = doc_lines(&[format!(
            "The items of every page (each page's `{wire}`), one by one."
        )]);
        let item_docs = doc_lines(&[format!("The `{wire}` items of `{}`'s pages.", op.name)]);
        quote! {
            impl #name {
                #docs
                pub fn items(self) -> #items_name {
                    #items_name { paginator: self, max_items: ::std::option::Option::None }
                }
            }

            #item_docs
            #[derive(Debug)]
            pub struct #items_name {
                paginator: #name,
                max_items: ::std::option::Option<usize>,
            }

            impl #items_name {
                /// Stops after this many items.
                pub fn max_items(mut self, limit: usize) -> Self {
                    self.max_items = ::std::option::Option::Some(limit);
                    self
                }

                /// Starts paging: a stream of items.
                pub fn send(self) -> super::Items<#output, #item, #error> {
                    super::Items::new(
                        self.paginator.send(),
                        |page: #output| #take,
                        self.max_items,
                    )
                }
            }
        }
    });
    let docs = doc_lines(&[format!(
        "`{}`'s pages: from the builder's `{}` (none: the first page), each response's `{}` is sent back until a response has none (or repeats the one it was given).",
        op.name, paging.input_token.wire, paging.output_token.wire
    )]);
    Some(quote! {
        #docs
        #[derive(Debug)]
        pub struct #name {
            builder: super::builders::#builder,
            stop_on_duplicate_token: bool,
        }

        impl #name {
            pub(crate) fn new(builder: super::builders::#builder) -> Self {
                #name { builder, stop_on_duplicate_token: true }
            }

            #page_size

            /// Whether to stop when a response repeats the token it was given (default
            /// `true`: a service that does so would otherwise be called forever).
            pub fn stop_on_duplicate_token(mut self, stop: bool) -> Self {
                self.stop_on_duplicate_token = stop;
                self
            }

            /// Starts paging: a stream of pages.
            pub fn send(self) -> super::Pages<#output, #error> {
                let start = self.builder.#get_token().clone();
                let builder = self.builder;
                super::Pages::new(
                    ::std::boxed::Box::new(move |token| {
                        let mut next = builder.clone();
                        next = next.#set_token(token);
                        ::std::boxed::Box::pin(next.send())
                    }),
                    |page: &#output| page.#output_token(),
                    start,
                    self.stop_on_duplicate_token,
                )
            }
        }

        #items
    })
}
