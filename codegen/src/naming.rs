//! The one naming pass: every Rust name the emitters use for a model shape, member or
//! operation is decided here, after the shape set is known, and collisions are reported with
//! both shape ids.
//!
//! Rules, written down once:
//! - types: the service's `rename` or the shape name, `UpperCamelCase`; `Self` → `Self_`.
//! - fields and builder setters: `snake_case` of the member name; keywords become raw
//!   (`r#type`) or get a `_` suffix (`self_`); a setter that would be called `build` is
//!   `build_value` (the builder's own `build` wins).
//! - enum and union variants: `UpperCamelCase`; a member that would be called `Unknown` is
//!   `UnknownValue` (the fallback variant wins), `Self` → `SelfValue`.
//! - operation modules: `snake_case` of the operation name.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Problem};
use crate::ident::{camel, snake, RustIdent};
use crate::model::{Model, ShapeId, ShapeKind};
use crate::transform::OperationPlan;

/// Every name the emitters need, keyed by shape or member id.
#[derive(Debug, Default)]
pub struct Names {
    types: BTreeMap<ShapeId, RustIdent>,
    fields: BTreeMap<ShapeId, RustIdent>,
    setters: BTreeMap<ShapeId, RustIdent>,
    variants: BTreeMap<ShapeId, RustIdent>,
    modules: BTreeMap<ShapeId, RustIdent>,
}

impl Names {
    /// The type name of a structure, union, enum or intEnum.
    pub fn type_name(&self, id: &ShapeId) -> &RustIdent {
        self.types
            .get(id)
            .unwrap_or_else(|| panic!("generator bug: no type name for {id}"))
    }

    /// The field name of a structure member.
    pub fn field(&self, member: &ShapeId) -> &RustIdent {
        self.fields
            .get(member)
            .unwrap_or_else(|| panic!("generator bug: no field name for {member}"))
    }

    /// The builder setter of a structure member.
    pub fn setter(&self, member: &ShapeId) -> &RustIdent {
        self.setters
            .get(member)
            .unwrap_or_else(|| panic!("generator bug: no setter for {member}"))
    }

    /// The variant name of an enum, intEnum or union member.
    pub fn variant(&self, member: &ShapeId) -> &RustIdent {
        self.variants
            .get(member)
            .unwrap_or_else(|| panic!("generator bug: no variant name for {member}"))
    }

    /// The module of an operation.
    pub fn module(&self, operation: &ShapeId) -> &RustIdent {
        self.modules
            .get(operation)
            .unwrap_or_else(|| panic!("generator bug: no module for {operation}"))
    }
}

/// Names every type in `shapes`, its members, and every operation.
pub fn assign(
    model: &Model,
    rename: &BTreeMap<ShapeId, String>,
    operations: &[OperationPlan],
    shapes: &BTreeSet<ShapeId>,
) -> Result<Names, Error> {
    let mut names = Names::default();
    let mut problems = Vec::new();
    let mut taken: BTreeMap<String, ShapeId> = BTreeMap::new();
    for id in shapes {
        let shape = model.expect(id);
        if !matches!(
            shape.kind,
            ShapeKind::Structure(_)
                | ShapeKind::Union(_)
                | ShapeKind::Enum(_)
                | ShapeKind::IntEnum(_)
        ) {
            continue;
        }
        let ident = camel(rename.get(id).map(String::as_str).unwrap_or(id.name()));
        claim(&mut taken, ident.to_string(), id, "type", &mut problems);
        names.types.insert(id.clone(), ident);
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let mut fields = BTreeMap::new();
                let mut methods = BTreeMap::new();
                methods.insert("build".to_owned(), id.clone());
                for member in members {
                    let field = snake(member.name());
                    claim(
                        &mut fields,
                        field.to_string(),
                        &member.id,
                        "field",
                        &mut problems,
                    );
                    let setter = if field.bare() == "build" {
                        RustIdent::escaped("build_value")
                    } else {
                        field.clone()
                    };
                    for method in [
                        setter.to_string(),
                        format!("set_{}", field.bare()),
                        format!("get_{}", field.bare()),
                    ] {
                        claim(
                            &mut methods,
                            method,
                            &member.id,
                            "builder method",
                            &mut problems,
                        );
                    }
                    names.fields.insert(member.id.clone(), field);
                    names.setters.insert(member.id.clone(), setter);
                }
            }
            ShapeKind::Union(members) => {
                let mut variants = BTreeMap::new();
                for member in members {
                    let variant = variant_name(member.name());
                    claim(
                        &mut variants,
                        variant.to_string(),
                        &member.id,
                        "variant",
                        &mut problems,
                    );
                    names.variants.insert(member.id.clone(), variant);
                }
            }
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
                let mut variants = BTreeMap::new();
                for member in members {
                    let variant = variant_name(member.name());
                    claim(
                        &mut variants,
                        variant.to_string(),
                        &member.id,
                        "variant",
                        &mut problems,
                    );
                    names.variants.insert(member.id.clone(), variant);
                }
            }
            _ => unreachable!("filtered above"),
        }
    }
    let mut modules = BTreeMap::new();
    for op in operations {
        let module = snake(op.id.name());
        claim(
            &mut modules,
            module.to_string(),
            &op.id,
            "operation module",
            &mut problems,
        );
        names.modules.insert(op.id.clone(), module);
    }
    if problems.is_empty() {
        Ok(names)
    } else {
        Err(Error::unsupported(problems))
    }
}

fn variant_name(member: &str) -> RustIdent {
    let ident = camel(member);
    match ident.bare() {
        "Unknown" => RustIdent::escaped("UnknownValue"),
        "Self_" => RustIdent::escaped("SelfValue"),
        _ => ident,
    }
}

/// Records that `id` uses `name`; a second user is a problem naming both.
fn claim(
    taken: &mut BTreeMap<String, ShapeId>,
    name: String,
    id: &ShapeId,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    if let Some(other) = taken.get(&name) {
        problems.push(Problem::at(
            id,
            format!("its Rust {what} name `{name}` is already used by {other}"),
        ));
    } else {
        taken.insert(name, id.clone());
    }
}
