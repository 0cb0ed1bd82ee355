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

use super::instantiate::canonical_json;
use super::{doc, inner_doc_lines};
use crate::ident::snake;
use crate::ir::ShapeId;
use crate::ir::{Ir, Kind, Operation, Role, Shape, SimpleType, TimestampFormat};

/// The text planted where a string can go.
const SECRET: &str = "SECRET-7f3a";
/// The number planted where a number can go (it fits an `i64`, not an `i32`).
const SECRET_NUMBER: i64 = 98_765_432_109;
/// How deep planted values go into nested structures (recursive shapes stop there).
const MAX_DEPTH: usize = 4;

/// A sensitive member of a structure or union: its name on the wire, what it holds, and how a
/// timestamp in it is written.
struct Secret<'a> {
    wire: &'a str,
    target: &'a ShapeId,
    timestamp: TimestampFormat,
}

/// The sensitive members of a structure (not its event stream) or union.
fn secrets(shape: &Shape) -> Vec<Secret<'_>> {
    match &shape.kind {
        Kind::Structure(structure) => structure
            .fields
            .iter()
            .filter(|f| f.redacted && !f.event_stream)
            .map(|f| Secret {
                wire: &f.wire,
                target: &f.target,
                timestamp: f.timestamp,
            })
            .collect(),
        Kind::Union(union) => union
            .variants
            .iter()
            .filter(|v| v.redacted)
            .map(|v| Secret {
                wire: &v.wire,
                target: &v.target,
                timestamp: v.timestamp,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `tests/sensitive.rs`, or `None` when the crate has nothing sensitive.
pub fn sensitive_rs(ir: &Ir) -> Option<TokenStream> {
    let root = crate::ident::fixed(&ir.package.replace('-', "_"));
    let mut tests = Vec::new();
    for shape in ir.type_shapes() {
        let redacted = secrets(shape);
        if !redacted.is_empty() {
            tests.push(type_test(ir, &root, shape, &redacted));
        }
    }
    for op in &ir.operations {
        for error in &op.errors {
            if let Some(test) = error_test(ir, &root, op, ir.shape(error)) {
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
    ir: &Ir,
    root: &proc_macro2::Ident,
    shape: &Shape,
    redacted: &[Secret<'_>],
) -> TokenStream {
    let path = ir.names.public_type_path(root, &shape.id);
    let name = format_ident!("secrets_stay_out_of_{}", snake(shape.id.name()).bare());
    let is_union = matches!(shape.kind, Kind::Union(_));
    let mut steps = Vec::new();
    // A union holds one member at a time; a structure all of them at once.
    let planted_objects: Vec<serde_json::Map<String, Value>> = if is_union {
        redacted
            .iter()
            .map(|m| serde_json::Map::from_iter([(m.wire.to_owned(), planted_member(ir, m, 0))]))
            .collect()
    } else {
        vec![redacted
            .iter()
            .map(|m| (m.wire.to_owned(), planted_member(ir, m, 0)))
            .collect()]
    };
    // An input's `validate()` reports the secrets' lengths and map keys, if anything.
    let is_input = shape.origin.as_ref().is_some_and(|o| o.role == Role::Input);
    let validated = is_input.then(|| {
        quote! {
            if let ::std::result::Result::Err(error) = value.validate() {
                assert_no_secret("validate()", &::std::format!("{error} {error:?}"));
            }
        }
    });
    for object in planted_objects {
        let body = canonical_json(&Value::Object(object));
        steps.push(quote! {
            let value: #path = #root::json::from_slice(#body.as_bytes()).expect("the planted body reads");
            assert_no_secret("Debug", &::std::format!("{value:?}"));
            assert_no_secret("Debug", &::std::format!("{value:#?}"));
            #validated
        });
    }
    for member in redacted {
        let Some(wrong) = wrong_member(ir, member, 0) else {
            continue;
        };
        let body = canonical_json(&json!({ member.wire: wrong }));
        steps.push(quote! {
            let error = #root::json::from_slice::<#path>(#body.as_bytes()).expect_err("a wrong value in a sensitive member");
            assert_no_secret("a read error", &error.to_string());
            assert_no_secret("a read error's Debug", &::std::format!("{error:?}"));
        });
    }
    let docs = doc(&format!(
        "`{}`: its sensitive members' secrets stay out of `Debug`{}.",
        shape.id,
        if is_input {
            ", read errors and `validate()`"
        } else {
            " and read errors"
        }
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
    ir: &Ir,
    root: &proc_macro2::Ident,
    op: &Operation,
    shape: &Shape,
) -> Option<TokenStream> {
    let Kind::Structure(structure) = &shape.kind else {
        return None;
    };
    let redacted = secrets(shape);
    let secret_message = structure
        .error
        .as_ref()
        .is_some_and(|e| e.message_sensitive);
    if redacted.is_empty() && !secret_message {
        return None;
    }
    let module = &op.module;
    let code = shape.id.name();
    let name = format_ident!(
        "secrets_stay_out_of_{}_{}",
        module.bare(),
        snake(shape.id.name()).bare()
    );
    let mut object: serde_json::Map<String, Value> = redacted
        .iter()
        .map(|m| (m.wire.to_owned(), planted_member(ir, m, 0)))
        .collect();
    if secret_message
        && !structure
            .fields
            .iter()
            .any(|f| f.wire.eq_ignore_ascii_case("message"))
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
    let wrong = structure.fields.iter().find_map(|f| {
        let secret = Secret {
            wire: &f.wire,
            target: &f.target,
            timestamp: f.timestamp,
        };
        wrong_member(ir, &secret, 0).map(|w| (f.wire.clone(), w))
    });
    if let Some((wire, wrong)) = wrong {
        object.insert(wire, wrong);
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
        shape.id, op.name
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
fn planted_member(ir: &Ir, member: &Secret<'_>, depth: usize) -> Value {
    planted(ir, member.target, member.timestamp, depth)
}

fn planted(ir: &Ir, target: &ShapeId, timestamp: TimestampFormat, depth: usize) -> Value {
    match &ir.shape(target).kind {
        Kind::Simple(simple) => match simple {
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
                    TimestampFormat::EpochSeconds => json!(SECRET_NUMBER),
                    TimestampFormat::DateTime => json!(time.fmt(Format::DateTime).ok()),
                    TimestampFormat::HttpDate => json!(time.fmt(Format::HttpDate).ok()),
                }
            }
            SimpleType::Blob => json!(aws_smithy_types::base64::encode(SECRET)),
            SimpleType::Document => json!({ SECRET: [SECRET, SECRET_NUMBER] }),
        },
        Kind::Enum(_) => json!(SECRET),
        Kind::IntEnum(_) => json!(7),
        Kind::List { member, .. } => {
            json!([planted(ir, &member.target, member.timestamp, depth)])
        }
        Kind::Map { value, .. } => {
            json!({ SECRET: planted(ir, &value.target, value.timestamp, depth) })
        }
        Kind::Structure(structure) if depth < MAX_DEPTH => Value::Object(
            structure
                .fields
                .iter()
                .filter(|f| !f.event_stream)
                .map(|f| {
                    (
                        f.wire.clone(),
                        planted(ir, &f.target, f.timestamp, depth + 1),
                    )
                })
                .collect(),
        ),
        Kind::Union(union) if depth < MAX_DEPTH => match union.variants.iter().find(|v| !v.unit) {
            Some(v) => json!({ v.wire.as_str(): planted(ir, &v.target, v.timestamp, depth + 1) }),
            None => union
                .variants
                .first()
                .map_or(json!({}), |v| json!({ v.wire.as_str(): {} })),
        },
        _ => json!({}),
    }
}

/// A value of the wrong kind for `member`'s target, with the secret where an unredacted read
/// error would quote it: a number too large for an integer, an epoch-seconds timestamp out of
/// range, a string that is no date, base64 or number, a map key on the way. `None` when every
/// value fits (a document).
fn wrong_member(ir: &Ir, member: &Secret<'_>, depth: usize) -> Option<Value> {
    wrong(ir, member.target, member.timestamp, depth)
}

fn wrong(ir: &Ir, target: &ShapeId, timestamp: TimestampFormat, depth: usize) -> Option<Value> {
    Some(match &ir.shape(target).kind {
        Kind::Simple(simple) => match simple {
            SimpleType::String | SimpleType::Boolean => json!([SECRET]),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer => json!(SECRET_NUMBER),
            SimpleType::Long => json!(SECRET),
            SimpleType::Float | SimpleType::Double => json!(SECRET),
            SimpleType::Timestamp => match timestamp {
                // Out of range: the text would be quoted.
                TimestampFormat::EpochSeconds => {
                    serde_json::from_str(&format!("{SECRET_NUMBER}e99999")).ok()?
                }
                TimestampFormat::DateTime | TimestampFormat::HttpDate => json!(SECRET),
            },
            SimpleType::Blob | SimpleType::BigInteger | SimpleType::BigDecimal => json!(SECRET),
            SimpleType::Document => return None,
        },
        Kind::Enum(_) => json!([SECRET]),
        Kind::IntEnum(_) => json!(SECRET_NUMBER),
        Kind::List { member, .. } => json!([wrong(ir, &member.target, member.timestamp, depth)?]),
        Kind::Map { value, .. } => {
            json!({ SECRET: wrong(ir, &value.target, value.timestamp, depth)? })
        }
        Kind::Structure(structure) if depth < MAX_DEPTH => {
            let (wire, value) = structure
                .fields
                .iter()
                .filter(|f| !f.event_stream)
                .find_map(|f| {
                    wrong(ir, &f.target, f.timestamp, depth + 1).map(|w| (f.wire.as_str(), w))
                })?;
            json!({ wire: value })
        }
        Kind::Union(union) if depth < MAX_DEPTH => {
            let (wire, value) = union.variants.iter().filter(|v| !v.unit).find_map(|v| {
                wrong(ir, &v.target, v.timestamp, depth + 1).map(|w| (v.wire.as_str(), w))
            })?;
            json!({ wire: value })
        }
        _ => json!([SECRET]),
    })
}
