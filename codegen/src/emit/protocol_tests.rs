//! The generated crate's `tests/protocol.rs`: the model's protocol compliance cases
//! (`crate::protocol_tests`) as Rust tests, when the model has any. Request cases build the input
//! from `params` and check the request's method, path, host, headers and body; response cases
//! parse the response and compare it with the output built from `params`; error cases parse into
//! the named error variant with its members. Server-only cases are not generated.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::instantiate::Instantiator;
use super::{doc_lines, inner_doc_lines};
use crate::error::Problem;
use crate::ir::{Ir, Operation};
use crate::protocol_tests::{Case, Kind};

/// `tests/protocol.rs`, or `None` when the model has no client cases.
pub fn protocol_rs(ir: &Ir) -> Result<Option<TokenStream>, Vec<Problem>> {
    let cases = &ir.client_cases;
    if cases.is_empty() {
        return Ok(None);
    }
    let instantiator = Instantiator::new(ir);
    let mut tests = Vec::new();
    let mut problems = Vec::new();
    for (name, case) in cases {
        match case_test(ir, &instantiator, name, case) {
            Ok(test) => tests.push(test),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let docs = inner_doc_lines(&[
        "The model's protocol compliance test cases (`smithy.test#httpRequestTests` and".to_owned(),
        "`smithy.test#httpResponseTests`) that apply to clients, as tests.".to_owned(),
    ]);
    Ok(Some(quote! {
        #docs

        mod support;

        #(#tests)*
    }))
}

fn case_test(
    ir: &Ir,
    instantiator: &Instantiator<'_>,
    name: &str,
    case: &Case,
) -> Result<TokenStream, Problem> {
    let test_name = format_ident!("{}", name);
    let mut lines = vec![format!("`{}` ({}).", case.id, case.owner)];
    if let Some(doc) = &case.documentation {
        lines.push(String::new());
        lines.extend(ir.rustdoc(doc).iter().cloned());
    }
    let docs = doc_lines(&lines);
    // A case this crate cannot run is still listed, ignored with the reason.
    let ignored = |reason: String| {
        quote! {
            #docs
            #[test]
            #[ignore = #reason]
            fn #test_name() {}
        }
    };
    if ir.service.protocol != case.protocol {
        return Ok(ignored(format!(
            "tests {}, not this service's protocol",
            case.protocol
        )));
    }
    let body = match case.kind {
        Kind::Request => request(instantiator, case)?,
        Kind::Response => response(instantiator, case)?,
        Kind::Error => match error(instantiator, case)? {
            Some(body) => body,
            None => {
                return Ok(ignored(format!(
                    "no generated operation returns {}",
                    case.owner
                )))
            }
        },
    };
    Ok(quote! {
        #docs
        #[test]
        fn #test_name() {
            #body
        }
    })
}

/// The value `case.params` describes, of `shape`, as an expression.
fn params(
    instantiator: &Instantiator<'_>,
    case: &Case,
    shape: &crate::ir::ShapeId,
) -> Result<TokenStream, Problem> {
    instantiator
        .structure(shape, &case.params, "params")
        .map_err(|p| at(case, p))
}

/// Checks that `actual` (a reference to a value read from the response) writes the same JSON
/// as `expected` (an expression building the value the case describes): compared through the
/// serializer, so that NaN equals NaN and timestamps are instants.
fn same_json(
    instantiator: &Instantiator<'_>,
    what: &str,
    actual: TokenStream,
    expected: TokenStream,
) -> TokenStream {
    let root = instantiator.root();
    let expected_writes = format!("the expected {what} serializes");
    let actual_writes = format!("the {what} serializes");
    quote! {
        #[cfg(feature = "serde")]
        support::assert_serde_agrees(#actual, #root::json::to_vec);
        let expected = #expected;
        let expected = #root::json::to_vec(&expected).expect(#expected_writes);
        support::assert_json_eq(
            &#root::json::to_vec(#actual).expect(#actual_writes),
            ::std::str::from_utf8(&expected).expect("JSON is UTF-8"),
            &[],
            &[],
        );
    }
}

fn operation<'c>(ir: &'c Ir, case: &Case) -> Result<&'c Operation, Problem> {
    ir.operation(&case.owner).ok_or_else(|| {
        Problem::at(
            &case.owner,
            format!("protocol test `{}`: not a generated operation", case.id),
        )
    })
}

fn at(case: &Case, problem: Problem) -> Problem {
    Problem::at(
        &case.owner,
        format!("protocol test `{}`: {}", case.id, problem.message),
    )
}

fn request(instantiator: &Instantiator<'_>, case: &Case) -> Result<TokenStream, Problem> {
    let op = operation(instantiator.ir(), case)?;
    let root = instantiator.root();
    let module = &op.module;
    let input = params(instantiator, case, &op.input)?;
    let mut checks = Vec::new();
    if let Some(host) = &case.host {
        checks.push(quote!(let request = #root::endpoint::apply(request, #host).expect("the endpoint applies");));
    }
    if let Some(method) = &case.method {
        checks.push(quote!(assert_eq!(request.method().as_str(), #method);));
    }
    if let Some(uri) = &case.uri {
        checks.push(quote!(assert_eq!(request.uri().path_and_query().map(|p| p.as_str()), ::std::option::Option::Some(#uri));));
    }
    if let Some(host) = &case.resolved_host {
        checks.push(quote!(assert_eq!(request.uri().host(), ::std::option::Option::Some(#host));));
    }
    for (name, value) in &case.headers {
        checks.push(quote!(support::assert_header(request.headers(), #name, #value);));
    }
    for name in &case.forbid_headers {
        checks.push(quote!(support::assert_no_header(request.headers(), #name);));
    }
    for name in &case.require_headers {
        checks.push(quote!(support::assert_has_header(request.headers(), #name);));
    }
    if let Some(body) = &case.body {
        checks.push(body_check(case, quote!(request.body()), body));
    }
    Ok(quote! {
        let input = #input;
        #[cfg(feature = "serde")]
        support::assert_serde_agrees(&input, #root::json::to_vec);
        let request = #root::operation::#module::request(&input).expect("the input serializes");
        #(#checks)*
    })
}

/// The body comparison: as JSON values for a JSON media type, byte for byte otherwise.
fn body_check(case: &Case, actual: TokenStream, expected: &str) -> TokenStream {
    let json = case
        .body_media_type
        .as_deref()
        .is_some_and(|m| m == "application/json" || m.ends_with("+json"));
    if json && !expected.is_empty() {
        quote!(support::assert_json_eq(#actual, #expected, &[], &[]);)
    } else {
        quote!(assert_eq!(::std::string::String::from_utf8_lossy(#actual), #expected);)
    }
}

/// The headers and body a response case gives, and the call reading them.
fn response_call(op: &Operation, instantiator: &Instantiator<'_>, case: &Case) -> TokenStream {
    let root = instantiator.root();
    let module = &op.module;
    let code = case.code.unwrap_or(200);
    let headers = case.headers.iter().map(|(name, value)| {
        let name = name.to_ascii_lowercase();
        quote!(headers.append(::http::header::HeaderName::from_static(#name), ::http::HeaderValue::from_static(#value));)
    });
    let body = case.body.clone().unwrap_or_default();
    quote! {
        let mut headers = ::http::HeaderMap::new();
        #(#headers)*
        let status = ::http::StatusCode::from_u16(#code).expect("a valid status");
        let result = #root::operation::#module::response(status, &headers, #body.as_bytes());
    }
}

fn response(instantiator: &Instantiator<'_>, case: &Case) -> Result<TokenStream, Problem> {
    let op = operation(instantiator.ir(), case)?;
    let call = response_call(op, instantiator, case);
    let expected = params(instantiator, case, &op.output)?;
    let same = same_json(instantiator, "output", quote!(&output), expected);
    Ok(quote! {
        #call
        let output = result.expect("the response parses");
        #same
    })
}

fn error(instantiator: &Instantiator<'_>, case: &Case) -> Result<Option<TokenStream>, Problem> {
    let ir = instantiator.ir();
    let Some(op) = ir
        .operations
        .iter()
        .find(|op| op.errors.contains(&case.owner))
    else {
        return Ok(None);
    };
    let root = instantiator.root();
    let module = &op.module;
    let op_error = &op.error_enum;
    let variant = ir.names.type_name(&case.owner);
    let name = case.owner.name();
    let call = response_call(op, instantiator, case);
    let expected = params(instantiator, case, &case.owner)?;
    let same = same_json(instantiator, "error", quote!(&*error), expected);
    let mut vendor = Vec::new();
    if let Some(params) = &case.vendor_params {
        if let Some(code) = params.get("code").and_then(|c| c.as_str()) {
            vendor
                .push(quote!(assert_eq!(error.meta().code(), ::std::option::Option::Some(#code));));
        }
        if let Some(fault) = params.get("type").and_then(|t| t.as_str()) {
            vendor.push(quote!(assert_eq!(error.meta().query_error_type(), ::std::option::Option::Some(#fault));));
        }
    }
    Ok(Some(quote! {
        #call
        let error = result.expect_err("an error response");
        let #root::operation::#module::#op_error::#variant(error) = error else {
            panic!("expected {}, got {error:?}", #name);
        };
        #same
        #(#vendor)*
    }))
}
