//! The one naming pass: every Rust name the emitters use for a model shape, member or
//! operation is decided here, after the shape set is known, and collisions are reported with
//! both shape ids.
//!
//! Rules, written down once:
//! - types: the service's `rename` or the shape name, `UpperCamelCase`; `Self` → `SelfValue`.
//! - fields and builder setters: `snake_case` of the member name; keywords become raw
//!   (`r#type`) or get a `_` suffix (`self_`); a setter that would be called `build` is
//!   `build_value` (the builder's own `build` wins).
//! - enum and union variants: `UpperCamelCase`; a member that would be called `Unknown` is
//!   `UnknownValue` (the fallback variant wins), `Self` → `SelfValue`.
//! - operation modules: `snake_case` of the operation name.
//! - list and map (de)serializers: `ser_`/`de_` and `snake_case` of the shape name.
//! - reserved: the type name `Unhandled` (the operation errors' fallback), the field `meta` in
//!   error structures (the response's metadata).

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Problem};
use crate::ident::{camel, snake, RustIdent};
use crate::model::{Model, ShapeId, ShapeKind};
use crate::transform::{OperationPlan, Origin, Role};

/// Every name the emitters need, keyed by shape or member id.
#[derive(Debug, Default)]
pub struct Names {
    types: BTreeMap<ShapeId, RustIdent>,
    fields: BTreeMap<ShapeId, RustIdent>,
    setters: BTreeMap<ShapeId, RustIdent>,
    variants: BTreeMap<ShapeId, RustIdent>,
    modules: BTreeMap<ShapeId, RustIdent>,
    collections: BTreeMap<ShapeId, RustIdent>,
}

impl Names {
    /// The type name of a structure, union, enum or intEnum.
    pub fn type_name(&self, id: &ShapeId) -> &RustIdent {
        self.types
            .get(id)
            .unwrap_or_else(|| panic!("generator bug: no type name for {id}"))
    }

    /// Whether the shape has a generated type.
    pub fn has_type(&self, id: &ShapeId) -> bool {
        self.types.contains_key(id)
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

    /// The stem of a list's or map's (de)serializer functions (`ser_<stem>`, `de_<stem>`).
    pub fn collection(&self, id: &ShapeId) -> &RustIdent {
        self.collections
            .get(id)
            .unwrap_or_else(|| panic!("generator bug: no name for collection {id}"))
    }
}

/// Names every type in `shapes`, its members, and every operation.
pub fn assign(
    model: &Model,
    rename: &BTreeMap<ShapeId, String>,
    operations: &[OperationPlan],
    shapes: &BTreeSet<ShapeId>,
    origins: &BTreeMap<ShapeId, Origin>,
) -> Result<Names, Error> {
    let mut names = Names::default();
    let mut claims = Claims {
        origins,
        problems: Vec::new(),
    };
    let mut types: BTreeMap<String, ShapeId> = BTreeMap::new();
    let mut collections: BTreeMap<String, ShapeId> = BTreeMap::new();
    for id in shapes {
        let shape = model.expect(id);
        let ident = camel(rename.get(id).map(String::as_str).unwrap_or(id.name()));
        match &shape.kind {
            ShapeKind::List(_) | ShapeKind::Map { .. } => {
                let stem = snake(id.name());
                claims.claim(
                    &mut collections,
                    stem.to_string(),
                    id,
                    "(de)serializer function",
                );
                names.collections.insert(id.clone(), stem);
                continue;
            }
            ShapeKind::Structure(members) => {
                claims.claim(&mut types, ident.to_string(), id, "type");
                let mut fields = BTreeMap::new();
                if shape.traits.has(crate::model::traits::ERROR) {
                    // Error structures hold the response's metadata in a field of their own,
                    // and operation errors use `Unhandled` for errors the model does not list.
                    fields.insert("meta".to_owned(), id.clone());
                    if matches!(ident.bare(), "Unhandled" | "Retryable") {
                        claims.problems.push(Problem::at(
                            id,
                            format!(
                                "an error shape cannot be named `{}`: error enums use that name (`Unhandled`, `is_unhandled()`, `is_retryable()`)",
                                ident.bare()
                            ),
                        ));
                    }
                }
                let mut methods = BTreeMap::from([("build".to_owned(), id.clone())]);
                for member in members {
                    let field = snake(member.name());
                    let setter = if field.bare() == "build" {
                        RustIdent::escaped("build_value")
                    } else {
                        field.clone()
                    };
                    // A member whose field already clashes would only repeat the clash as methods.
                    if claims.claim(&mut fields, field.to_string(), &member.id, "field") {
                        for method in [
                            setter.to_string(),
                            format!("set_{}", field.bare()),
                            format!("get_{}", field.bare()),
                        ] {
                            claims.claim(&mut methods, method, &member.id, "builder method");
                        }
                    }
                    names.fields.insert(member.id.clone(), field);
                    names.setters.insert(member.id.clone(), setter);
                }
            }
            ShapeKind::Union(members) => {
                claims.claim(&mut types, ident.to_string(), id, "type");
                let mut variants = BTreeMap::new();
                for member in members {
                    let variant = variant_name(member.name());
                    claims.claim(&mut variants, variant.to_string(), &member.id, "variant");
                    names.variants.insert(member.id.clone(), variant);
                }
            }
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
                claims.claim(&mut types, ident.to_string(), id, "type");
                let mut variants = BTreeMap::new();
                for member in members {
                    let variant = variant_name(member.name());
                    claims.claim(&mut variants, variant.to_string(), &member.id, "variant");
                    names.variants.insert(member.id.clone(), variant);
                }
            }
            _ => continue,
        }
        names.types.insert(id.clone(), ident);
    }
    let mut modules = BTreeMap::new();
    for op in operations {
        let module = snake(op.id.name());
        claims.claim(&mut modules, module.to_string(), &op.id, "operation module");
        names.modules.insert(op.id.clone(), module);
    }
    if claims.problems.is_empty() {
        Ok(names)
    } else {
        Err(Error::unsupported(claims.problems))
    }
}

/// Records who uses which name, and reports clashes against the model's own ids (a synthetic
/// operation input or output is reported as the shape it copies, or its operation).
struct Claims<'a> {
    origins: &'a BTreeMap<ShapeId, Origin>,
    problems: Vec<Problem>,
}

impl Claims<'_> {
    /// Records that `id` uses `name`; false (and a problem naming both) if another id has it.
    fn claim(
        &mut self,
        taken: &mut BTreeMap<String, ShapeId>,
        name: String,
        id: &ShapeId,
        what: &str,
    ) -> bool {
        let Some(other) = taken.get(&name) else {
            taken.insert(name, id.clone());
            return true;
        };
        let (at, other) = (self.blame(id), self.blame(other));
        let message = match self.origins.get(&id.root()).filter(|_| id.member().is_none()) {
            Some(origin) => format!(
                "its {} type would be named `{name}`, which {other} already uses; give that shape another name with the service's `rename`",
                match origin.role {
                    Role::Input => "input",
                    Role::Output => "output",
                }
            ),
            None => format!("its Rust {what} name `{name}` is already used by {other}"),
        };
        self.problems.push(Problem::at(&at, message));
        false
    }

    /// The model id to name in a message about `id`.
    fn blame(&self, id: &ShapeId) -> ShapeId {
        let Some(origin) = self.origins.get(&id.root()) else {
            return id.clone();
        };
        match (&origin.original, id.member()) {
            (Some(original), Some(member)) => original.with_member(member),
            (Some(_), None) | (None, _) => origin.operation.clone(),
        }
    }
}

fn variant_name(member: &str) -> RustIdent {
    let ident = camel(member);
    match ident.bare() {
        "Unknown" => RustIdent::escaped("UnknownValue"),
        _ => ident,
    }
}
