//! What inputs' `validate()` checks, decided once: which of a member's constraints apply to
//! what it holds, and which structures and unions need a check of their own (those an input
//! reaches that hold something constrained).

use std::collections::{BTreeMap, BTreeSet};

use super::{Constraints, Field, Kind, Shape, ShapeId, SimpleType};

/// The constraints `validate()` checks on one value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    /// `@length`: characters of a string or enum, bytes of a blob, elements of a list,
    /// entries of a map.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range` of a number (big numbers are not checked).
    pub range: Option<Range>,
    /// `@pattern` of a string or enum, when the regex crate can check it.
    pub pattern: Option<String>,
}

impl Checks {
    /// Nothing to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.range.is_none() && self.pattern.is_none()
    }
}

/// A `@range` as the member's type compares it.
#[derive(Clone, Debug, PartialEq)]
pub enum Range {
    /// An integer member's, its bounds rounded inwards (`@range(min: 0.5)` is `1`).
    Int(Option<i64>, Option<i64>),
    /// A float member's.
    Float(Option<f64>, Option<f64>),
}

/// The constraints of a member holding a `kind` that `validate()` checks (a `@length` on a
/// number, say, has no meaning and is not checked).
pub fn applicable(kind: &Kind, constraints: &Constraints) -> Checks {
    use SimpleType::*;
    let sized = matches!(
        kind,
        Kind::Simple(String | Blob) | Kind::Enum(_) | Kind::List { .. } | Kind::Map { .. }
    );
    let textual = matches!(kind, Kind::Simple(String) | Kind::Enum(_));
    let range = constraints
        .range
        .as_ref()
        .and_then(|(min, max)| match kind {
            Kind::Simple(Byte | Short | Integer | Long) => Some(Range::Int(
                min.as_ref().map(|m| integer_bound(m, f64::ceil)),
                max.as_ref().map(|m| integer_bound(m, f64::floor)),
            )),
            Kind::Simple(Float | Double) => Some(Range::Float(
                min.as_ref().and_then(serde_json::Number::as_f64),
                max.as_ref().and_then(serde_json::Number::as_f64),
            )),
            _ => None,
        });
    Checks {
        length: constraints.length.filter(|_| sized),
        range,
        pattern: constraints
            .pattern
            .clone()
            .filter(|_| textual && constraints.pattern_checked),
    }
}

/// A bound of an integer's range: exact when the model writes an integer (saturating beyond
/// `i64`), else the fraction rounded inwards by `round`.
fn integer_bound(bound: &serde_json::Number, round: fn(f64) -> f64) -> i64 {
    if let Some(n) = bound.as_i64() {
        n
    } else if bound.as_u64().is_some() {
        i64::MAX
    } else {
        // `as` saturates (and makes NaN 0, which a JSON number never is).
        round(bound.as_f64().unwrap_or(0.0)) as i64
    }
}

/// The structures and unions that get a check of their own: every operation input, and each
/// structure or union an input reaches that holds (at any depth) a constraint to check or a
/// required member that can be unset.
pub fn validated<'a>(
    shapes: &BTreeMap<ShapeId, Shape>,
    inputs: impl Iterator<Item = &'a ShapeId>,
) -> BTreeSet<ShapeId> {
    let inputs: Vec<&ShapeId> = inputs.collect();
    let reached = reached(shapes, &inputs);
    let mut validated: BTreeSet<ShapeId> = BTreeSet::new();
    // A fixed point: a shape needs a check once something it holds does; cycles settle when
    // nothing changes.
    loop {
        let before = validated.len();
        for id in &reached {
            if validated.contains(id) {
                continue;
            }
            let needs = match &shapes[id].kind {
                Kind::Structure(s) => s
                    .fields
                    .iter()
                    .any(|f| field_needs_check(shapes, &validated, f)),
                Kind::Union(u) => u.variants.iter().any(|v| {
                    !v.unit && value_needs_check(shapes, &validated, &v.target, &v.constraints)
                }),
                _ => false,
            };
            if needs {
                validated.insert(id.clone());
            }
        }
        if validated.len() == before {
            break;
        }
    }
    validated.extend(inputs.into_iter().cloned());
    validated
}

/// Whether `validate()` checks anything of a structure's field.
pub fn field_needs_check(
    shapes: &BTreeMap<ShapeId, Shape>,
    validated: &BTreeSet<ShapeId>,
    field: &Field,
) -> bool {
    !field.event_stream
        && ((field.must_be_set && field.optional)
            || value_needs_check(shapes, validated, &field.target, &field.constraints))
}

/// Whether `validate()` checks anything of a value of `target` under `constraints`.
pub fn value_needs_check(
    shapes: &BTreeMap<ShapeId, Shape>,
    validated: &BTreeSet<ShapeId>,
    target: &ShapeId,
    constraints: &Constraints,
) -> bool {
    let Some(shape) = shapes.get(target) else {
        return false;
    };
    if !applicable(&shape.kind, constraints).is_empty() {
        return true;
    }
    match &shape.kind {
        Kind::Structure(_) | Kind::Union(_) => validated.contains(target),
        Kind::List { member, .. } => {
            value_needs_check(shapes, validated, &member.target, &member.constraints)
        }
        Kind::Map { key, value, .. } => {
            value_needs_check(shapes, validated, &key.target, &key.constraints)
                || value_needs_check(shapes, validated, &value.target, &value.constraints)
        }
        _ => false,
    }
}

/// The structures and unions reachable from the inputs (inputs included).
fn reached(shapes: &BTreeMap<ShapeId, Shape>, inputs: &[&ShapeId]) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<ShapeId> = inputs.iter().map(|id| (*id).clone()).collect();
    while let Some(id) = pending.pop() {
        let Some(shape) = shapes.get(&id) else {
            continue;
        };
        if !seen.insert(id.clone()) {
            continue;
        }
        match &shape.kind {
            Kind::Structure(s) => pending.extend(s.fields.iter().map(|f| f.target.clone())),
            Kind::Union(u) => pending.extend(u.variants.iter().map(|v| v.target.clone())),
            Kind::List { member, .. } => pending.push(member.target.clone()),
            Kind::Map { key, value, .. } => {
                pending.push(key.target.clone());
                pending.push(value.target.clone());
            }
            _ => {}
        }
    }
    seen.retain(|id| matches!(shapes[id].kind, Kind::Structure(_) | Kind::Union(_)));
    seen
}
