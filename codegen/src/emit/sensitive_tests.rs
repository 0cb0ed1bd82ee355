//! The generated crate's `tests/sensitive.rs`: secrets never leak. For every structure and
//! union with `@sensitive` members, and every operation error whose message or members are
//! sensitive, a test plants a secret (the text `SECRET-7f3a`, the number `98765432109`) in each
//! sensitive position (members, list elements, map keys and values, nested structures, union
//! variants, enums, error messages) and asserts that neither shows in `Debug`, `Display`,
//! `message()` or the text of a read error. Read errors come from a value of the wrong kind
//! in each sensitive position, chosen so that an unredacted message would quote the secret
//! (a number too large, a timestamp out of range, a map key).

use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{json, Value};

use super::debug::is_redacted;
use super::errors::message_is_sensitive;
use super::instantiate::canonical_json;
use super::ser::{timestamp_wire, TimestampWire};
use super::{doc, inner_doc_lines};
use crate::context::Context;
use crate::ident::snake;
use crate::model::{is_unit, Member, Shape, ShapeId, ShapeKind, SimpleType};

/// The text planted where a string can go.
const SECRET: &str = "SECRET-7f3a";
/// The number planted where a number can go (it fits an `i64`, not an `i32`).
const SECRET_NUMBER: i64 = 98_765_432_109;
/// How deep planted values go into nested structures (recursive shapes stop there).
const MAX_DEPTH: usize = 4;

/// `tests/sensitive.rs`, or `None` when the crate has nothing sensitive.
pub fn sensitive_rs(ctx: &Context) -> Option<TokenStream> {
    let instantiator = super::instantiate::Instantiator::new(ctx);
    let root = instantiator.root();
    let mut tests = Vec::new();
    for shape in ctx.type_shapes() {
        let (ShapeKind::Structure(members) | ShapeKind::Union(members)) = &shape.kind else {
            continue;
        };
        let redacted: Vec<&Member> = members
            .iter()
            .filter(|m| !ctx.is_event_stream(&m.target) && is_redacted(ctx, shape, m))
            .collect();
        if redacted.is_empty() {
            continue;
        }
        tests.push(type_test(ctx, root, shape, &redacted));
    }
    for op in &ctx.operations {
        for error in &op.errors {
            let shape = ctx.model.expect(error);
            if let Some(test) = error_test(ctx, root, op, shape) {
                tests.push(test);
            }
        }
    }
    if tests.is_empty() {
        return None;
    }
    let docs = inner_doc_lines(&[
        "Secrets never leak: a secret planted in every `@sensitive` position shows in no `Debug`,"
            .to_owned(),
        "`Display`, `message()` or read error.".to_owned(),
    ]);
    Some(quote! {
        #docs

        mod support;

        use support::assert_no_secret;

        #(#tests)*
    })
}

/// One structure or union: its sensitive members hold the secret (read, then printed), and
/// each holds a wrong value (the read error printed).
fn type_test(
    ctx: &Context,
    root: &proc_macro2::Ident,
    shape: &Shape,
    redacted: &[&Member],
) -> TokenStream {
    let path = ctx.names.public_type_path(root, &shape.id);
    let name = format_ident!("secrets_stay_out_of_{}", snake(shape.id.name()).bare());
    let is_union = matches!(shape.kind, ShapeKind::Union(_));
    let mut steps = Vec::new();
    // A union holds one member at a time; a structure all of them at once.
    let planted: Vec<serde_json::Map<String, Value>> = if is_union {
        redacted
            .iter()
            .map(|m| serde_json::Map::from_iter([(m.name().to_owned(), planted_member(ctx, m, 0))]))
            .collect()
    } else {
        vec![redacted
            .iter()
            .map(|m| (m.name().to_owned(), planted_member(ctx, m, 0)))
            .collect()]
    };
    for object in planted {
        let body = canonical_json(&Value::Object(object));
        steps.push(quote! {
            let value: #path = #root::json::from_slice(#body.as_bytes()).expect("the planted body reads");
            assert_no_secret("Debug", &::std::format!("{value:?}"));
            assert_no_secret("Debug", &::std::format!("{value:#?}"));
        });
    }
    for member in redacted {
        let Some(wrong) = wrong_member(ctx, member, 0) else {
            continue;
        };
        let body = canonical_json(&json!({ member.name(): wrong }));
        steps.push(quote! {
            let error = #root::json::from_slice::<#path>(#body.as_bytes()).expect_err("a wrong value in a sensitive member");
            assert_no_secret("a read error", &error.to_string());
            assert_no_secret("a read error's Debug", &::std::format!("{error:?}"));
        });
    }
    let docs = doc(&format!(
        "`{}`: its sensitive members' secrets stay out of `Debug` and read errors.",
        shape.id
    ));
    quote! {
        #docs
        #[test]
        fn #name() {
            #(#steps)*
        }
    }
}

/// One error of an operation whose message or members are sensitive: read from a response
/// holding the secret everywhere it is sensitive, it shows none of it; nor does the
/// `Unhandled` it becomes when its body cannot be read as it.
fn error_test(
    ctx: &Context,
    root: &proc_macro2::Ident,
    op: &crate::transform::OperationPlan,
    shape: &Shape,
) -> Option<TokenStream> {
    let ShapeKind::Structure(members) = &shape.kind else {
        return None;
    };
    let redacted: Vec<&Member> = members
        .iter()
        .filter(|m| is_redacted(ctx, shape, m))
        .collect();
    let secret_message = message_is_sensitive(ctx, shape);
    if redacted.is_empty() && !secret_message {
        return None;
    }
    let module = ctx.names.module(&op.id);
    let code = shape.id.name();
    let name = format_ident!(
        "secrets_stay_out_of_{}_{}",
        module.bare(),
        snake(shape.id.name()).bare()
    );
    let mut object: serde_json::Map<String, Value> = redacted
        .iter()
        .map(|m| (m.name().to_owned(), planted_member(ctx, m, 0)))
        .collect();
    if secret_message
        && !members
            .iter()
            .any(|m| m.name().eq_ignore_ascii_case("message"))
    {
        // The message then comes from the response's own `message`.
        object.insert("message".to_owned(), json!(SECRET));
    }
    let body = canonical_json(&Value::Object(object.clone()));
    let check = quote! {
        assert_no_secret("Display", &error.to_string());
        assert_no_secret("Debug", &::std::format!("{error:?}"));
        assert_no_secret("message()", error.message().unwrap_or_default());
        assert_no_secret("the metadata", &::std::format!("{:?}", error.meta()));
    };
    let mut steps = vec![quote! {
        let body = #body;
        let error = #root::operation::#module::response(::http::StatusCode::BAD_REQUEST, &headers, body.as_bytes())
            .expect_err("an error response");
        #check
    }];
    // The same error with a member of the wrong kind: it is `Unhandled`, still quiet.
    if let Some((member, wrong)) = members
        .iter()
        .find_map(|m| wrong_member(ctx, m, 0).map(|w| (m, w)))
    {
        object.insert(member.name().to_owned(), wrong);
        let body = canonical_json(&Value::Object(object));
        steps.push(quote! {
            let body = #body;
            let error = #root::operation::#module::response(::http::StatusCode::BAD_REQUEST, &headers, body.as_bytes())
                .expect_err("an error response");
            assert!(error.is_unhandled(), "{error:?}");
            #check
        });
    }
    let docs = doc(&format!(
        "`{}` from `{}`: no secret in its `Display`, `Debug`, `message()` or metadata.",
        shape.id,
        op.id.name()
    ));
    Some(quote! {
        #docs
        #[test]
        fn #name() {
            let mut headers = ::http::HeaderMap::new();
            headers.insert("x-amzn-errortype", ::http::HeaderValue::from_static(#code));
            #(#steps)*
        }
    })
}

/// A valid value of `member`'s target with the secret in every place that can hold it.
fn planted_member(ctx: &Context, member: &Member, depth: usize) -> Value {
    planted(ctx, &member.target, timestamp_wire(ctx, member), depth)
}

fn planted(ctx: &Context, target: &ShapeId, timestamp: TimestampWire, depth: usize) -> Value {
    let shape = ctx.model.expect(target);
    match &shape.kind {
        ShapeKind::Simple(simple) => match simple {
            SimpleType::String => json!(SECRET),
            SimpleType::Boolean => json!(true),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer => json!(7),
            SimpleType::Long | SimpleType::BigInteger | SimpleType::BigDecimal => {
                json!(SECRET_NUMBER)
            }
            SimpleType::Float | SimpleType::Double => json!(1.5),
            SimpleType::Timestamp => {
                let time = DateTime::from_secs(SECRET_NUMBER);
                match timestamp {
                    TimestampWire::EpochSeconds => json!(SECRET_NUMBER),
                    TimestampWire::DateTime => json!(time.fmt(Format::DateTime).ok()),
                    TimestampWire::HttpDate => json!(time.fmt(Format::HttpDate).ok()),
                }
            }
            SimpleType::Blob => json!(aws_smithy_types::base64::encode(SECRET)),
            SimpleType::Document => json!({ SECRET: [SECRET, SECRET_NUMBER] }),
        },
        ShapeKind::Enum(_) => json!(SECRET),
        ShapeKind::IntEnum(_) => json!(7),
        ShapeKind::List(item) => json!([planted_member(ctx, item, depth)]),
        ShapeKind::Map { value, .. } => json!({ SECRET: planted_member(ctx, value, depth) }),
        ShapeKind::Structure(members) if depth < MAX_DEPTH => Value::Object(
            members
                .iter()
                .filter(|m| !ctx.is_event_stream(&m.target))
                .map(|m| (m.name().to_owned(), planted_member(ctx, m, depth + 1)))
                .collect(),
        ),
        ShapeKind::Union(members) if depth < MAX_DEPTH => {
            match members.iter().find(|m| !is_unit(&m.target)) {
                Some(m) => json!({ m.name(): planted_member(ctx, m, depth + 1) }),
                None => members
                    .first()
                    .map_or(json!({}), |m| json!({ m.name(): {} })),
            }
        }
        _ => json!({}),
    }
}

/// A value of the wrong kind for `member`'s target, with the secret where an unredacted read
/// error would quote it: a number too large for an integer, an epoch-seconds timestamp out of
/// range, a string that is no date, base64 or number, a map key on the way. `None` when every
/// value fits (a document).
fn wrong_member(ctx: &Context, member: &Member, depth: usize) -> Option<Value> {
    let shape = ctx.model.expect(&member.target);
    Some(match &shape.kind {
        ShapeKind::Simple(simple) => match simple {
            SimpleType::String | SimpleType::Boolean => json!([SECRET]),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer => json!(SECRET_NUMBER),
            SimpleType::Long => json!(SECRET),
            SimpleType::Float | SimpleType::Double => json!(SECRET),
            SimpleType::Timestamp => match timestamp_wire(ctx, member) {
                // Out of range: the text would be quoted.
                TimestampWire::EpochSeconds => {
                    serde_json::from_str(&format!("{SECRET_NUMBER}e99999")).ok()?
                }
                TimestampWire::DateTime | TimestampWire::HttpDate => json!(SECRET),
            },
            SimpleType::Blob | SimpleType::BigInteger | SimpleType::BigDecimal => json!(SECRET),
            SimpleType::Document => return None,
        },
        ShapeKind::Enum(_) => json!([SECRET]),
        ShapeKind::IntEnum(_) => json!(SECRET_NUMBER),
        ShapeKind::List(item) => json!([wrong_member(ctx, item, depth)?]),
        ShapeKind::Map { value, .. } => json!({ SECRET: wrong_member(ctx, value, depth)? }),
        ShapeKind::Structure(members) | ShapeKind::Union(members) if depth < MAX_DEPTH => {
            let (m, wrong) = members
                .iter()
                .filter(|m| !ctx.is_event_stream(&m.target))
                .find_map(|m| wrong_member(ctx, m, depth + 1).map(|w| (m, w)))?;
            json!({ m.name(): wrong })
        }
        _ => json!([SECRET]),
    })
}
