//! Raw shapes → resolved model: adds the prelude, applies `apply` statements and mixins, and
//! upgrades Smithy 1.0 idioms (`@enum` strings, boxed vs. primitive numbers) to their 2.0 form.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::load::{RawModel, RawShape, Version};
use super::traits::{self, Traits};
use super::validate::with_article;
use super::{prelude, EnumMember, EnumValue, Member, Model, Shape, ShapeId, ShapeKind, SimpleType};
use crate::error::{Error, Problem};

pub(super) fn resolve(raw: RawModel) -> Result<Model, Error> {
    let mut problems = Vec::new();
    let RawModel {
        version,
        mut shapes,
        applies,
    } = raw;

    for shape in prelude::shapes() {
        if shapes.contains_key(&shape.id) {
            problems.push(Problem::at(
                &shape.id,
                "shape conflicts with the Smithy prelude",
            ));
        }
    }

    // `apply` first where the target is written out, so that traits applied to a mixin's
    // members reach the shapes using the mixin; the rest (members that only exist once mixins
    // are flattened) after.
    let mut pending = Vec::new();
    for (target, traits) in applies {
        if !apply(&mut shapes, &target, &traits) {
            pending.push((target, traits));
        }
    }

    let mixed = flatten_mixins(&shapes, &mut problems);
    let mut resolved: BTreeMap<ShapeId, Shape> = mixed;
    for (target, traits) in pending {
        if target.namespace() == prelude::NAMESPACE
            && prelude::shapes().iter().any(|s| s.id == target.root())
        {
            problems.push(Problem::at(
                &target,
                "`apply` cannot add traits to a prelude shape",
            ));
        } else if !apply_resolved(&mut resolved, &target, &traits) {
            problems.push(Problem::at(
                &target,
                "`apply` targets a shape or member that does not exist",
            ));
        }
    }

    for shape in resolved.values_mut() {
        upgrade_enum_trait(shape, &mut problems);
    }
    if version == Version::V1 {
        upgrade_v1_boxing(&mut resolved);
    }
    for shape in prelude::shapes() {
        resolved.entry(shape.id.clone()).or_insert(shape);
    }

    if problems.is_empty() {
        Ok(Model { shapes: resolved })
    } else {
        Err(Error::model(problems))
    }
}

/// Applies traits to a raw shape or to a member it declares; false if there is no such target.
fn apply(shapes: &mut BTreeMap<ShapeId, RawShape>, target: &ShapeId, traits: &Traits) -> bool {
    let Some(raw) = shapes.get_mut(&target.root()) else {
        return false;
    };
    apply_to_shape(&mut raw.shape, target, traits)
}

fn apply_resolved(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    target: &ShapeId,
    traits: &Traits,
) -> bool {
    let Some(shape) = shapes.get_mut(&target.root()) else {
        return false;
    };
    apply_to_shape(shape, target, traits)
}

fn apply_to_shape(shape: &mut Shape, target: &ShapeId, traits: &Traits) -> bool {
    let add = |to: &mut Traits| {
        for (id, value) in traits.iter() {
            to.insert(id, value.clone());
        }
    };
    let Some(name) = target.member() else {
        add(&mut shape.traits);
        return true;
    };
    let member_traits = match &mut shape.kind {
        ShapeKind::Structure(members) | ShapeKind::Union(members) => members
            .iter_mut()
            .find(|m| m.name() == name)
            .map(|m| &mut m.traits),
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => members
            .iter_mut()
            .find(|m| m.name() == name)
            .map(|m| &mut m.traits),
        ShapeKind::List(member) if name == "member" => Some(&mut member.traits),
        ShapeKind::Map { key, .. } if name == "key" => Some(&mut key.traits),
        ShapeKind::Map { value, .. } if name == "value" => Some(&mut value.traits),
        _ => None,
    };
    match member_traits {
        Some(to) => {
            add(to);
            true
        }
        None => false,
    }
}

/// Flattens every shape's mixins into it, in dependency order; reports missing, non-mixin,
/// mismatched and cyclic mixins.
fn flatten_mixins(
    shapes: &BTreeMap<ShapeId, RawShape>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<ShapeId, Shape> {
    let mut done: BTreeMap<ShapeId, Shape> = BTreeMap::new();
    for id in shapes.keys() {
        let mut visiting = Vec::new();
        flatten(id, shapes, &mut done, &mut visiting, problems);
    }
    done
}

fn flatten(
    id: &ShapeId,
    shapes: &BTreeMap<ShapeId, RawShape>,
    done: &mut BTreeMap<ShapeId, Shape>,
    visiting: &mut Vec<ShapeId>,
    problems: &mut Vec<Problem>,
) -> bool {
    if done.contains_key(id) {
        return true;
    }
    let Some(raw) = shapes.get(id) else {
        return false;
    };
    if let Some(start) = visiting.iter().position(|v| v == id) {
        let cycle: Vec<String> = visiting[start..]
            .iter()
            .chain([id])
            .map(ShapeId::to_string)
            .collect();
        problems.push(Problem::at(
            id,
            format!("mixins form a cycle: {}", cycle.join(" -> ")),
        ));
        return false;
    }
    visiting.push(id.clone());
    let mut shape = raw.shape.clone();
    let mut inherited_members: Vec<Member> = Vec::new();
    let mut inherited_enum: Vec<EnumMember> = Vec::new();
    for mixin_id in &raw.mixins {
        if !shapes.contains_key(mixin_id) {
            problems.push(Problem::at(id, format!("mixin {mixin_id} does not exist")));
            continue;
        }
        if !flatten(mixin_id, shapes, done, visiting, problems) {
            continue;
        }
        let mixin = &done[mixin_id];
        if !mixin.traits.has(traits::MIXIN) {
            problems.push(Problem::at(
                id,
                format!("{mixin_id} is used as a mixin but has no @mixin trait"),
            ));
            continue;
        }
        if mixin.kind.name() != shape.kind.name() {
            problems.push(Problem::at(
                id,
                format!(
                    "{} cannot use the {} {mixin_id} as a mixin",
                    with_article(shape.kind.name()),
                    mixin.kind.name()
                ),
            ));
            continue;
        }
        let local: BTreeSet<String> = mixin
            .traits
            .get(traits::MIXIN)
            .and_then(|m| m.get("localTraits"))
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        shape
            .traits
            .inherit(&mixin.traits, |t| t == traits::MIXIN || local.contains(t));
        match &mixin.kind {
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                for m in members {
                    inherited_members.push(Member {
                        id: id.with_member(m.name()),
                        ..m.clone()
                    });
                }
            }
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
                for m in members {
                    inherited_enum.push(EnumMember {
                        id: id.with_member(m.name()),
                        ..m.clone()
                    });
                }
            }
            _ => {}
        }
    }
    visiting.pop();
    match &mut shape.kind {
        ShapeKind::Structure(own) | ShapeKind::Union(own) => {
            *own = merge_members(id, inherited_members, std::mem::take(own), problems);
        }
        ShapeKind::Enum(own) | ShapeKind::IntEnum(own) => {
            *own = merge_enum_members(inherited_enum, std::mem::take(own));
        }
        _ => {}
    }
    done.insert(id.clone(), shape);
    true
}

/// Inherited members first, in mixin order; a member the shape redeclares keeps its place and
/// gains the shape's traits, and must keep its target.
fn merge_members(
    id: &ShapeId,
    inherited: Vec<Member>,
    own: Vec<Member>,
    problems: &mut Vec<Problem>,
) -> Vec<Member> {
    let mut merged = inherited;
    for member in own {
        match merged.iter_mut().find(|m| m.name() == member.name()) {
            Some(existing) => {
                if existing.target != member.target {
                    problems.push(Problem::at(
                        &member.id,
                        format!(
                            "member conflicts with the mixin member of the same name (targets {} here, {} in the mixin)",
                            member.target, existing.target
                        ),
                    ));
                }
                for (t, v) in member.traits.iter() {
                    existing.traits.insert(t, v.clone());
                }
            }
            None => {
                if merged
                    .iter()
                    .any(|m| m.name().eq_ignore_ascii_case(member.name()))
                {
                    problems.push(Problem::at(
                        id,
                        format!(
                            "member `{}` differs only in case from a mixin member",
                            member.name()
                        ),
                    ));
                }
                merged.push(member);
            }
        }
    }
    merged
}

fn merge_enum_members(inherited: Vec<EnumMember>, own: Vec<EnumMember>) -> Vec<EnumMember> {
    let mut merged = inherited;
    for member in own {
        match merged.iter_mut().find(|m| m.name() == member.name()) {
            Some(existing) => *existing = member,
            None => merged.push(member),
        }
    }
    merged
}

/// A `string` with the (1.0, deprecated in 2.0) `@enum` trait becomes an enum shape. Entries
/// without a `name` use a name derived from the value, as Smithy's own upgrade does.
fn upgrade_enum_trait(shape: &mut Shape, problems: &mut Vec<Problem>) {
    if !matches!(shape.kind, ShapeKind::Simple(SimpleType::String)) {
        return;
    }
    let Some(Value::Array(entries)) = shape.traits.remove(traits::ENUM) else {
        return;
    };
    let mut members = Vec::new();
    // Member name → the value that took it, so that two values deriving one name are
    // reported by their values.
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for entry in &entries {
        let Some(value) = entry.get("value").and_then(Value::as_str) else {
            problems.push(Problem::at(
                &shape.id,
                format!("@enum entry has no string `value`: {entry}"),
            ));
            continue;
        };
        let name = match entry.get("name").and_then(Value::as_str) {
            Some(name) => name.to_owned(),
            None => name_from_value(value),
        };
        if !super::is_identifier(&name) {
            problems.push(Problem::at(
                &shape.id,
                format!("@enum entry `{value}` has no usable name"),
            ));
            continue;
        }
        if let Some(other) = taken.insert(name.clone(), value.to_owned()) {
            problems.push(Problem::at(
                &shape.id,
                format!(
                    "@enum values `{other}` and `{value}` both make the member name `{name}`; give the entries distinct `name`s"
                ),
            ));
            continue;
        }
        let mut member_traits = Traits::default();
        if let Some(doc) = entry.get("documentation") {
            member_traits.insert(traits::DOCUMENTATION, doc.clone());
        }
        if entry.get("deprecated").and_then(Value::as_bool) == Some(true) {
            member_traits.insert(traits::DEPRECATED, json!({}));
        }
        members.push(EnumMember {
            id: shape.id.with_member(&name),
            value: EnumValue::String(value.to_owned()),
            traits: member_traits,
        });
    }
    shape.kind = ShapeKind::Enum(members);
}

/// `"us-east-1"` → `US_EAST_1`; a leading digit gets a `_` in front.
fn name_from_value(value: &str) -> String {
    let mut name: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// Smithy 1.0: a member targeting a boolean or number shape that is not `@box`ed (and is not
/// `@box`ed itself) is never null and defaults to zero; 2.0 spells that `@default(0)`.
fn upgrade_v1_boxing(shapes: &mut BTreeMap<ShapeId, Shape>) {
    let unboxed: BTreeMap<ShapeId, Value> = shapes
        .values()
        .filter(|s| !s.traits.has(traits::BOX) && s.id.namespace() != prelude::NAMESPACE)
        .filter_map(|s| match s.kind {
            ShapeKind::Simple(SimpleType::Boolean) => Some((s.id.clone(), json!(false))),
            ShapeKind::Simple(
                SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double,
            ) => Some((s.id.clone(), json!(0))),
            _ => None,
        })
        .chain(prelude::shapes().into_iter().filter_map(|s| {
            let zero = s.traits.default_value()?.clone();
            Some((s.id, zero))
        }))
        .collect();
    for shape in shapes.values_mut() {
        if let ShapeKind::Structure(members) = &mut shape.kind {
            for member in members {
                if member.traits.has(traits::BOX) || member.traits.has(traits::DEFAULT) {
                    continue;
                }
                if let Some(zero) = unboxed.get(&member.target) {
                    member.traits.insert(traits::DEFAULT, zero.clone());
                }
            }
        }
    }
}
