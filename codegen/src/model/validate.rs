//! Checks a resolved model for what the generator relies on: every reference resolves to a
//! shape of a kind that may be referenced there, enums have values, defaults fit their targets.

use std::collections::BTreeMap;

use serde_json::Value;

use super::traits;
use super::{prelude, EnumValue, Member, Model, Shape, ShapeId, ShapeKind, SimpleType};
use crate::error::{Error, Problem};

pub(super) fn validate(model: &Model) -> Result<(), Error> {
    let mut problems = Vec::new();
    for shape in model.shapes() {
        if shape.id.namespace() == prelude::NAMESPACE {
            continue;
        }
        if shape.id.namespace() == crate::transform::SYNTHETIC_NAMESPACE {
            problems.push(Problem::at(
                &shape.id,
                "the namespace `smithy.synthetic` is reserved for shapes the generator adds",
            ));
            continue;
        }
        check_shape(model, shape, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::model(problems))
    }
}

fn check_shape(model: &Model, shape: &Shape, problems: &mut Vec<Problem>) {
    let is_mixin = shape.traits.has(traits::MIXIN);
    match &shape.kind {
        ShapeKind::Simple(_) => {}
        ShapeKind::List(member) => check_member(model, member, false, problems),
        ShapeKind::Map { key, value } => {
            check_member(model, key, false, problems);
            check_member(model, value, false, problems);
            if let Some(target) = model.shape(&key.target) {
                if !matches!(
                    target.kind,
                    ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_)
                ) {
                    problems.push(Problem::at(
                        &key.id,
                        format!(
                            "map keys must target a string or enum, not the {} {}",
                            target.kind.name(),
                            target.id
                        ),
                    ));
                }
            }
        }
        ShapeKind::Structure(members) => {
            for member in members {
                check_member(model, member, false, problems);
                check_default(model, member, problems);
            }
        }
        ShapeKind::Union(members) => {
            if members.is_empty() && !is_mixin {
                problems.push(Problem::at(&shape.id, "union has no members"));
            }
            for member in members {
                check_member(model, member, true, problems);
            }
        }
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            if members.is_empty() && !is_mixin {
                problems.push(Problem::at(
                    &shape.id,
                    format!("{} has no members", shape.kind.name()),
                ));
            }
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            for member in members {
                let value = match &member.value {
                    EnumValue::String(s) => format!("{s:?}"),
                    EnumValue::Int(n) => n.to_string(),
                };
                if let Some(other) = seen.insert(value.clone(), member.name()) {
                    problems.push(Problem::at(
                        &member.id,
                        format!("has the same value {value} as member `{other}`"),
                    ));
                }
            }
        }
        ShapeKind::Operation(op) => {
            for (what, target) in [("input", &op.input), ("output", &op.output)] {
                if let Some(target) = target {
                    expect_kind(model, &shape.id, what, target, &["structure"], problems);
                }
            }
            for error in &op.errors {
                check_error_ref(model, &shape.id, error, problems);
            }
        }
        ShapeKind::Service(service) => {
            for op in &service.operations {
                expect_kind(model, &shape.id, "operation", op, &["operation"], problems);
            }
            for resource in &service.resources {
                expect_kind(
                    model,
                    &shape.id,
                    "resource",
                    resource,
                    &["resource"],
                    problems,
                );
            }
            for error in &service.errors {
                check_error_ref(model, &shape.id, error, problems);
            }
        }
        ShapeKind::Resource(resource) => {
            for op in &resource.operations {
                expect_kind(model, &shape.id, "operation", op, &["operation"], problems);
            }
            for child in &resource.resources {
                expect_kind(model, &shape.id, "resource", child, &["resource"], problems);
            }
        }
    }
}

/// "a structure", "an operation": a shape kind's name with its article, for messages.
pub(super) fn with_article(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

/// Reports `target` if it is missing or not one of `kinds`; true when it is fine.
fn expect_kind(
    model: &Model,
    at: &ShapeId,
    what: &str,
    target: &ShapeId,
    kinds: &[&str],
    problems: &mut Vec<Problem>,
) -> bool {
    match model.shape(target) {
        None => {
            problems.push(Problem::at(at, format!("{what} {target} does not exist")));
            false
        }
        Some(shape) if !kinds.contains(&shape.kind.name()) => {
            problems.push(Problem::at(
                at,
                format!(
                    "{what} {target} is {}, expected {}",
                    with_article(shape.kind.name()),
                    kinds.join(" or ")
                ),
            ));
            false
        }
        Some(_) => true,
    }
}

fn check_error_ref(model: &Model, at: &ShapeId, error: &ShapeId, problems: &mut Vec<Problem>) {
    if expect_kind(model, at, "error", error, &["structure"], problems)
        && !model.expect(error).traits.has(traits::ERROR)
    {
        problems.push(Problem::at(
            at,
            format!("error {error} has no @error trait"),
        ));
    }
}

fn check_member(model: &Model, member: &Member, unit_allowed: bool, problems: &mut Vec<Problem>) {
    let Some(target) = model.shape(&member.target) else {
        problems.push(Problem::at(
            &member.id,
            format!("target {} does not exist", member.target),
        ));
        return;
    };
    let bad = match &target.kind {
        ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
            Some(target.kind.name())
        }
        _ if target.traits.has(traits::MIXIN) => Some("mixin"),
        _ if prelude::is_unit(&target.id) && !unit_allowed => Some("Unit"),
        _ => None,
    };
    if let Some(kind) = bad {
        problems.push(Problem::at(
            &member.id,
            format!(
                "target {} is {}, which a member cannot target",
                member.target,
                with_article(kind)
            ),
        ));
    }
}

/// A member's `@default` must be a value of its target's type (and an enum's default one of
/// its values), because the generator turns it into a Rust literal.
fn check_default(model: &Model, member: &Member, problems: &mut Vec<Problem>) {
    let Some(value) = member.traits.default_value() else {
        return;
    };
    let Some(target) = model.shape(&member.target) else {
        return;
    };
    if let Err(why) = default_fits(target, value) {
        problems.push(Problem::at(
            &member.id,
            format!(
                "@default {value} does not fit the {} {}: {why}",
                target.kind.name(),
                target.id
            ),
        ));
    }
}

fn default_fits(target: &Shape, value: &Value) -> Result<(), &'static str> {
    let ok = |cond: bool, why| if cond { Ok(()) } else { Err(why) };
    match &target.kind {
        ShapeKind::Simple(simple) => match simple {
            SimpleType::String | SimpleType::Blob => ok(value.is_string(), "expected a string"),
            SimpleType::Boolean => ok(value.is_boolean(), "expected a boolean"),
            SimpleType::Byte => ok(
                value.as_i64().is_some_and(|n| i8::try_from(n).is_ok()),
                "expected an 8-bit integer",
            ),
            SimpleType::Short => ok(
                value.as_i64().is_some_and(|n| i16::try_from(n).is_ok()),
                "expected a 16-bit integer",
            ),
            SimpleType::Integer => ok(
                value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
                "expected a 32-bit integer",
            ),
            SimpleType::Long => ok(value.is_i64(), "expected a 64-bit integer"),
            SimpleType::Float | SimpleType::Double => ok(
                value.is_number()
                    || matches!(value.as_str(), Some("NaN" | "Infinity" | "-Infinity")),
                "expected a number",
            ),
            SimpleType::BigInteger | SimpleType::BigDecimal => {
                ok(value.is_number() || value.is_string(), "expected a number")
            }
            SimpleType::Timestamp => ok(
                value.is_number() || value.is_string(),
                "expected a timestamp",
            ),
            SimpleType::Document => Ok(()),
        },
        ShapeKind::List(_) => ok(
            value.as_array().is_some_and(Vec::is_empty),
            "only an empty list is allowed",
        ),
        ShapeKind::Map { .. } => ok(
            value.as_object().is_some_and(|o| o.is_empty()),
            "only an empty map is allowed",
        ),
        ShapeKind::Enum(members) => ok(
            value.as_str().is_some_and(|s| {
                members
                    .iter()
                    .any(|m| m.value == EnumValue::String(s.to_owned()))
            }),
            "not one of the enum's values",
        ),
        ShapeKind::IntEnum(members) => ok(
            value
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .is_some_and(|n| members.iter().any(|m| m.value == EnumValue::Int(n))),
            "not one of the intEnum's values",
        ),
        _ => Err("structures and unions cannot have defaults"),
    }
}
