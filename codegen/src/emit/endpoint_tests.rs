//! The generated crate's `tests/endpoints.rs`: one test per case of the model's own
//! `smithy.rules#endpointTests`. Each builds the case's parameters, resolves, and checks the
//! URL, headers and properties it expects, or its error message, exactly.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::{doc_lines, inner_doc_lines};
use crate::ir::Ir;
use crate::rules::{Expect, ParamType, TestCase};

/// `tests/endpoints.rs`, or `None` when the model has no endpoint tests.
pub fn endpoints_rs(ir: &Ir) -> Option<TokenStream> {
    let rule_set = ir.service.rule_set.as_ref()?;
    if ir.service.endpoint_cases.is_empty() {
        return None;
    }
    let root = format_ident!("{}", ir.package.replace('-', "_"));
    let tests = ir
        .service
        .endpoint_cases
        .iter()
        .enumerate()
        .map(|(i, case)| test(&root, rule_set, i, case));
    let count = ir.service.endpoint_cases.len();
    let docs = inner_doc_lines(&[format!(
        "The model's own endpoint tests (`smithy.rules#endpointTests`, {count} cases): each \
         resolves its parameters and gets exactly the endpoint or error it expects."
    )]);
    Some(quote! {
        #docs

        mod support;

        #(#tests)*
    })
}

fn test(
    root: &proc_macro2::Ident,
    rule_set: &crate::rules::RuleSet,
    i: usize,
    case: &TestCase,
) -> TokenStream {
    let name = format_ident!("case_{i}");
    let docs = doc_lines(&[if case.documentation.is_empty() {
        format!("Endpoint test {i}.")
    } else {
        format!("{} (endpoint test {i}).", case.documentation)
    }]);
    let setters = case.params.iter().map(|(name, value)| {
        let param = rule_set
            .params
            .iter()
            .find(|p| &p.name == name)
            .expect("parse_tests kept only cases whose parameters the ruleset declares");
        let ident = &param.ident;
        let set = &param.set;
        match (param.ty, value) {
            (ParamType::Boolean, Value::Bool(b)) => quote!(.#ident(#b)),
            (ParamType::String, Value::String(s)) => quote!(.#ident(#s)),
            (ParamType::StringArray, Value::Array(items)) => {
                let items = items.iter().filter_map(Value::as_str);
                quote!(.#ident(::std::vec![#(::std::string::String::from(#items)),*]))
            }
            // A value of another type: set nothing, so that the rules see it unset.
            _ => quote!(.#set(::std::option::Option::None)),
        }
    });
    let resolve = quote! {
        let result = #root::endpoint::Params::builder()
            #(#setters)*
            .build()
            .and_then(|params| #root::endpoint::resolve(&params));
    };
    let check = match &case.expect {
        Expect::Error(message) => quote! {
            let error = result.expect_err("the rules refuse these parameters");
            assert_eq!(error.message(), #message);
        },
        Expect::Endpoint {
            url,
            headers,
            properties,
        } => {
            let headers = headers.iter().map(|(name, values)| {
                quote!((::std::string::String::from(#name), ::std::vec![#(::std::string::String::from(#values)),*]))
            });
            let properties = properties.to_string();
            quote! {
                let endpoint = result.expect("the rules give an endpoint");
                assert_eq!(endpoint.url(), #url);
                assert_eq!(
                    endpoint.headers(),
                    &::std::collections::BTreeMap::from([#(#headers),*])
                );
                support::assert_json_eq(
                    &support::documents_json(endpoint.properties()),
                    #properties,
                    &[],
                    &[],
                );
            }
        }
    };
    quote! {
        #docs
        #[test]
        fn #name() {
            #resolve
            #check
        }
    }
}
