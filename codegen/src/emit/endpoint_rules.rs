//! Item helper: the endpoint resolver of `src/endpoint.rs`, for a service with endpoint rules.
//! Its `Params` (a field and setters per parameter of the ruleset), `resolve`, and the ruleset
//! and AWS partitions compiled into static data for the runtime's rules engine
//! (`runtime/endpoint_rules.rs`): nothing is parsed when a crate resolves an endpoint.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::{doc, doc_lines};
use crate::ir::Ir;
use crate::rules::{self, Expr, Function, Param, ParamType, Part, Rule, Then};

/// The resolver's public items and its data, or nothing when the service has no rules.
pub fn items(ir: &Ir) -> TokenStream {
    let Some(rule_set) = &ir.service.rule_set else {
        return TokenStream::new();
    };
    let params = &rule_set.params;
    let fields = params.iter().map(|p| {
        let ident = &p.ident;
        let ty = param_type(p.ty);
        let docs = doc_lines(&param_docs(p));
        let deprecated = p
            .deprecated
            .as_ref()
            .map(|note| quote!(#[deprecated(note = #note)]));
        quote!(#docs #deprecated pub #ident: ::std::option::Option<#ty>,)
    });
    let setters = params.iter().map(setters);
    let checks = params
        .iter()
        .filter(|p| p.required && p.default.is_none())
        .map(|p| {
            let ident = &p.ident;
            let message = missing(p);
            quote! {
                if self.params.#ident.is_none() {
                    return ::std::result::Result::Err(ResolveError::new(#message));
                }
            }
        });
    let values = params.iter().map(value_of);
    let rules_data = rule_list(&rule_set.rules);
    let partitions = ir.service.partitions.iter().map(|p| {
        let rules::Partition {
            id,
            region_regex,
            regions,
            strings: [name, dns, dual, global],
            flags: [fips, dual_stack],
        } = p;
        quote! {
            Partition {
                id: #id,
                region_regex: #region_regex,
                regions: &[#(#regions),*],
                outputs: PartitionOutputs {
                    name: #name,
                    dns_suffix: #dns,
                    dual_stack_dns_suffix: #dual,
                    implicit_global_region: #global,
                    supports_fips: #fips,
                    supports_dual_stack: #dual_stack,
                },
            }
        }
    });
    quote! {
        pub use crate::runtime::endpoint_rules::{Endpoint, ResolveError};

        /// The parameters of the service's endpoint rules. Build them with [`Params::builder`]
        /// and give them to [`resolve`]; an unset parameter takes the rules' default.
        #[non_exhaustive]
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Params {
            #(#fields)*
        }

        impl Params {
            /// A builder for the parameters.
            pub fn builder() -> ParamsBuilder {
                ::std::default::Default::default()
            }
        }

        /// A builder for [`Params`].
        #[derive(Clone, Debug, Default)]
        pub struct ParamsBuilder {
            params: Params,
        }

        impl ParamsBuilder {
            #(#setters)*

            /// The parameters; an error when a required parameter without a default is unset.
            pub fn build(self) -> ::std::result::Result<Params, ResolveError> {
                #(#checks)*
                ::std::result::Result::Ok(self.params)
            }
        }

        /// The endpoint the service's rules give for `params` (the region's partition, FIPS,
        /// dual-stack, a custom endpoint, …), or the rules' error for parameters they refuse.
        /// Pass its [`url`](Endpoint::url) to [`apply`].
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, ResolveError> {
            use crate::runtime::endpoint_rules::Value;
            let mut values = ::std::vec::Vec::new();
            #(#values)*
            crate::runtime::endpoint_rules::resolve(rules::RULES, values, rules::PARTITIONS)
        }

        /// The service's endpoint rules and the AWS partitions, compiled.
        mod rules {
            use crate::runtime::endpoint_rules::{
                Condition, Expr, Function, Part, Partition, PartitionOutputs, Rule, Then,
            };

            pub(super) static RULES: &[Rule] = #rules_data;

            pub(super) static PARTITIONS: &[Partition] = &[#(#partitions),*];
        }
    }
}

fn param_type(ty: ParamType) -> TokenStream {
    match ty {
        ParamType::String => quote!(::std::string::String),
        ParamType::Boolean => quote!(bool),
        ParamType::StringArray => quote!(::std::vec::Vec<::std::string::String>),
    }
}

fn param_docs(p: &Param) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(docs) = &p.documentation {
        lines.push(docs.clone());
    } else {
        lines.push(format!("The `{}` parameter.", p.name));
    }
    let mut facts = Vec::new();
    if let Some(built_in) = &p.built_in {
        facts.push(format!("Built-in: `{built_in}`."));
    }
    if let Some(default) = &p.default {
        facts.push(format!("Default: `{default}`."));
    } else if p.required {
        facts.push("Required.".to_owned());
    }
    if !facts.is_empty() {
        lines.push(String::new());
        lines.push(facts.join(" "));
    }
    lines
}

fn missing(p: &Param) -> String {
    format!("the endpoint parameter `{}` is required", p.name)
}

fn setters(p: &Param) -> TokenStream {
    let ident = &p.ident;
    let set = &p.set;
    let ty = param_type(p.ty);
    let set_doc = doc(&format!("Sets or clears `{}`.", p.name));
    let docs = doc_lines(&param_docs(p));
    let (parameter, value) = match p.ty {
        ParamType::Boolean => (quote!(value: bool), quote!(value)),
        _ => (
            quote!(value: impl ::std::convert::Into<#ty>),
            quote!(value.into()),
        ),
    };
    quote! {
        #docs
        pub fn #ident(mut self, #parameter) -> Self {
            self.params.#ident = ::std::option::Option::Some(#value);
            self
        }

        #set_doc
        pub fn #set(mut self, value: ::std::option::Option<#ty>) -> Self {
            self.params.#ident = value;
            self
        }
    }
}

/// The rules engine's value of a parameter (its default when unset, an error when required).
fn value_of(p: &Param) -> TokenStream {
    let ident = &p.ident;
    let name = &p.name;
    let convert = |value: TokenStream| match p.ty {
        ParamType::String => quote!(Value::String(#value.clone())),
        ParamType::Boolean => quote!(Value::Bool(*#value)),
        ParamType::StringArray => {
            quote!(Value::Array(#value.iter().cloned().map(Value::String).collect()))
        }
    };
    let set = convert(quote!(value));
    let unset = match &p.default {
        Some(default) => {
            let value = literal_value(default);
            quote!(values.push((#name, #value));)
        }
        None if p.required => {
            let message = missing(p);
            quote!(return ::std::result::Result::Err(ResolveError::new(#message));)
        }
        None => {
            return quote! {
                if let ::std::option::Option::Some(value) = &params.#ident {
                    values.push((#name, #set));
                }
            }
        }
    };
    quote! {
        match &params.#ident {
            ::std::option::Option::Some(value) => values.push((#name, #set)),
            ::std::option::Option::None => { #unset }
        }
    }
}

/// A default value as the engine's `Value`.
fn literal_value(value: &Value) -> TokenStream {
    match value {
        Value::Bool(b) => quote!(Value::Bool(#b)),
        Value::String(s) => quote!(Value::String(::std::string::String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(literal_value);
            quote!(Value::Array(::std::vec![#(#items),*]))
        }
        other => {
            let text = other.to_string();
            quote!(Value::String(::std::string::String::from(#text)))
        }
    }
}

fn rule_list(rules: &[Rule]) -> TokenStream {
    let rules = rules.iter().map(rule);
    quote!(&[#(#rules),*])
}

fn rule(rule: &Rule) -> TokenStream {
    let conditions = rule.conditions.iter().map(|c| {
        let function = function(&c.function);
        let argv = exprs(&c.argv);
        let assign = match &c.assign {
            Some(name) => quote!(::std::option::Option::Some(#name)),
            None => quote!(::std::option::Option::None),
        };
        quote!(Condition { function: #function, argv: #argv, assign: #assign })
    });
    let then = match &rule.then {
        Then::Endpoint {
            url,
            properties,
            headers,
        } => {
            let url = expr(url);
            let properties = properties.iter().map(|(k, v)| {
                let v = expr(v);
                quote!((#k, #v))
            });
            let headers = headers.iter().map(|(k, vs)| {
                let vs = exprs(vs);
                quote!((#k, #vs))
            });
            quote!(Then::Endpoint { url: #url, properties: &[#(#properties),*], headers: &[#(#headers),*] })
        }
        Then::Error(message) => {
            let message = expr(message);
            quote!(Then::Error(#message))
        }
        Then::Tree(rules) => {
            let rules = rule_list(rules);
            quote!(Then::Tree(#rules))
        }
    };
    quote!(Rule { conditions: &[#(#conditions),*], then: #then })
}

fn function(function: &Function) -> TokenStream {
    match function {
        Function::Known(variant) => {
            let variant = format_ident!("{variant}");
            quote!(Function::#variant)
        }
        Function::Unsupported(name) => quote!(Function::Unsupported(#name)),
    }
}

fn exprs(items: &[Expr]) -> TokenStream {
    let items = items.iter().map(expr);
    quote!(&[#(#items),*])
}

fn expr(e: &Expr) -> TokenStream {
    match e {
        Expr::Template(parts) => {
            let parts = parts.iter().map(|p| match p {
                Part::Text(text) => quote!(Part::Text(#text)),
                Part::Ref(name) => quote!(Part::Ref(#name)),
                Part::Attr(name, path) => quote!(Part::Attr(#name, #path)),
            });
            quote!(Expr::Template(&[#(#parts),*]))
        }
        Expr::Bool(b) => quote!(Expr::Bool(#b)),
        Expr::Int(i) => quote!(Expr::Int(#i)),
        Expr::Array(items) => {
            let items = exprs(items);
            quote!(Expr::Array(#items))
        }
        Expr::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = expr(v);
                quote!((#k, #v))
            });
            quote!(Expr::Object(&[#(#entries),*]))
        }
        Expr::Ref(name) => quote!(Expr::Ref(#name)),
        Expr::Call(f, argv) => {
            let f = function(f);
            let argv = exprs(argv);
            quote!(Expr::Call(#f, #argv))
        }
    }
}
