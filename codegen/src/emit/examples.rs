//! The generated crate's `tests/examples.rs`: one test per documented example. The example
//! input, built through the public builders, must serialize to the documented input; the
//! documented output must parse and re-serialize to itself; a documented error must parse into
//! its variant. Timestamps compare as instants; blobs compare as the base64 the wire carries.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::instantiate::{canonical_json, wire_value, Instantiator};
use super::{doc_lines, inner_doc_lines};
use crate::error::Problem;
use crate::examples::Example;
use crate::ident::snake;
use crate::ir::{Ir, ShapeId};

/// `tests/examples.rs`, or `None` when nothing is documented.
pub fn examples_rs(ir: &Ir) -> Result<Option<TokenStream>, Vec<Problem>> {
    if ir.examples.is_empty() {
        return Ok(None);
    }
    let instantiator = Instantiator::new(ir);
    let mut tests = Vec::new();
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    for example in &ir.examples {
        // `retain_testable` kept only examples that make tests: a problem here is a bug.
        match example_test(ir, &instantiator, example, &mut names) {
            Ok(test) => tests.push(test),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let sources: BTreeSet<&str> = ir.examples.iter().map(|e| e.source.as_str()).collect();
    let docs = inner_doc_lines(&[
        "The documented examples of this crate's operations, as tests.".to_owned(),
        String::new(),
        format!(
            "From: {}.",
            sources.into_iter().collect::<Vec<_>>().join(", ")
        ),
    ]);
    Ok(Some(quote! {
        #docs

        mod support;

        #(#tests)*
    }))
}

/// Leaves out of `ctx.examples` each example that cannot become a test (it documents nothing,
/// its operation is not generated, or its input, output or error does not fit the shape), with
/// a warning naming it and why. Examples never stop generation: documentation is not the
/// model, and AWS models carry examples that do not fit their own shapes.
pub fn retain_testable(ir: &mut Ir) {
    let examples = std::mem::take(&mut ir.examples);
    let instantiator = Instantiator::new(ir);
    let mut kept = Vec::new();
    let mut warnings = Vec::new();
    for example in examples {
        match example_test(ir, &instantiator, &example, &mut BTreeSet::new()) {
            Ok(_) => kept.push(example),
            Err(problem) => warnings.push(Problem {
                message: format!("{}; left out of the tests", problem.message),
                ..problem
            }),
        }
    }
    ir.examples = kept;
    ir.warnings.extend(warnings);
}

fn example_test(
    ir: &Ir,
    instantiator: &Instantiator<'_>,
    example: &Example,
    names: &mut BTreeSet<String>,
) -> Result<TokenStream, Problem> {
    let at = |what: &str| {
        format!(
            "{} example `{}` ({}), {what}",
            example.operation.name(),
            example.title,
            example.source
        )
    };
    let op = ir.operation(&example.operation).ok_or_else(|| {
        Problem::at(
            &example.operation,
            format!("example `{}`: not a generated operation", example.title),
        )
    })?;
    let root = instantiator.root();
    let module = &op.module;
    let error_enum = &op.error_enum;

    // The test's name: operation and title, made unique.
    let base = format!(
        "{}_{}",
        module.bare(),
        snake(&example.title).bare().trim_matches('_')
    );
    let mut name = base.clone();
    let mut n = 2;
    while !names.insert(name.clone()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    let test_name = format_ident!("{}", name);

    // A documented value of `shape` (called `what` in messages): the expression building it,
    // its wire JSON, and the pointers of its timestamps.
    let documented = |shape: &ShapeId, node: &Value, what: &str| {
        let expr = instantiator
            .structure(shape, node, &at(what))
            .map_err(|p| Problem::at(&op.id, p.message))?;
        let mut instants = Vec::new();
        let wire = wire_value(ir, shape, node, &mut instants)
            .map_err(|p| Problem::at(&op.id, format!("{}: {}", at(what), p.message)))?;
        Ok::<_, Problem>((expr, canonical_json(&wire), instants))
    };
    let mut steps = Vec::new();
    if let Some(input) = &example.input {
        let (expr, expected, instants) = documented(&op.input, input, "input")?;
        // Idempotency tokens the example leaves out are filled in by the crate.
        let ignore: Vec<String> = ir
            .structure(&op.input)
            .fields
            .iter()
            .filter(|f| f.idempotency_token && input.get(&f.wire).is_none())
            .map(|f| format!("/{}", f.wire))
            .collect();
        // A documented success needs a valid input (an example of an error may show why not).
        let valid = example.error.is_none().then(|| {
            quote!(assert_eq!(input.validate(), ::std::result::Result::Ok(()), "the documented input is valid");)
        });
        steps.push(quote! {
            let input = #expr;
            #valid
            let request = #root::operation::#module::request(&input).expect("the documented input serializes");
            support::assert_json_eq(request.body(), #expected, &[#(#instants),*], &[#(#ignore),*]);
            #[cfg(feature = "serde")]
            support::assert_serde_agrees(&input, #root::json::to_vec);
        });
    }
    if let Some(output) = &example.output {
        // The output is built too (and thrown away): that checks it fits the shape, so the
        // crate can read it and write it back.
        let (_, body, instants) = documented(&op.output, output, "output")?;
        steps.push(quote! {
            let body = #body;
            let output = #root::operation::#module::response(::http::StatusCode::OK, &::http::HeaderMap::new(), body.as_bytes())
                .expect("the documented output parses");
            let written = #root::json::to_vec(&output).expect("the output serializes");
            support::assert_json_eq(&written, body, &[#(#instants),*], &[]);
            #[cfg(feature = "serde")]
            support::assert_serde_agrees(&output, #root::json::to_vec);
        });
    }
    if let Some((shape, content)) = &example.error {
        if !op.errors.contains(shape) {
            return Err(Problem::at(
                &op.id,
                format!("{}: {shape} is not an error of the operation", at("error")),
            ));
        }
        let (_, body, instants) = documented(shape, content, "error")?;
        let variant = ir.names.type_name(shape);
        let code = shape.name();
        steps.push(quote! {
            let body = #body;
            let mut headers = ::http::HeaderMap::new();
            headers.insert("x-amzn-errortype", ::http::HeaderValue::from_static(#code));
            let error = #root::operation::#module::response(::http::StatusCode::BAD_REQUEST, &headers, body.as_bytes())
                .expect_err("the documented error is an error");
            let #root::operation::#module::#error_enum::#variant(error) = error else {
                panic!("expected {}, got {error:?}", #code);
            };
            assert_eq!(error.meta().code(), Some(#code));
            let written = #root::json::to_vec(&*error).expect("the error serializes");
            support::assert_json_eq(&written, body, &[#(#instants),*], &[]);
            #[cfg(feature = "serde")]
            support::assert_serde_agrees(&*error, #root::json::to_vec);
        });
    }
    if steps.is_empty() {
        return Err(Problem::at(
            &op.id,
            at("documents no input, output or error"),
        ));
    }
    let docs = doc_lines(&[format!(
        "{}: \"{}\" ({}).",
        op.id.name(),
        example.title,
        example.source
    )]);
    Ok(quote! {
        #docs
        #[test]
        fn #test_name() {
            #(#steps)*
        }
    })
}

/// The test-support module the examples use (`tests/support/mod.rs`).
pub const TEST_SUPPORT: &str = include_str!("../../runtime/test_support.rs");
