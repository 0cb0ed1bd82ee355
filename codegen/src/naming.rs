//! The one naming pass: every Rust name the emitters use for a model shape, member or
//! operation is decided here, after the shape set is known, and collisions are reported with
//! both shape ids.
//!
//! Rules, written down once:
//! - types: the service's `rename` or the shape name, `UpperCamelCase`; `Self` → `SelfValue`.
//!   Model shapes live in `crate::types` (builders in `crate::builders`); each operation's
//!   input and output (`<Op>Input`, `<Op>Output`, made by the generator) live in the
//!   operation's module (`crate::operation::<op>`, builders in `crate::operation::<op>::builders`),
//!   as in smithy-rs. So a model shape called `<Op>Input` never collides with them.
//! - builders: `<Type>Builder`, in the module beside the type's.
//! - fields and builder setters: `snake_case` of the member name; keywords become raw
//!   (`r#type`) or get a `_` suffix (`self_`); a setter that would be called `build`, or take
//!   a method of the builder's traits (`default`, `clone`, …), is `<name>_value`. The other accessors are `set_` and `get_`
//!   before the field name without its leading underscores (`_1` → `set_1`), so no accessor
//!   has a double underscore.
//! - enum and union variants: `UpperCamelCase`; a member that would be called `Unknown` is
//!   `UnknownValue` (the fallback variant wins), `Self` → `SelfValue`.
//! - operation modules: `snake_case` of the operation name; `mod` becomes `mod_` (the file
//!   `operation/mod.rs` is the module tree).
//! - list and map (de)serializers: `ser_`/`de_` and `snake_case` of the shape name.
//! - getters: the field's name, unless the type has a method of that name (its own, such as
//!   `builder()` or an input's `validate()`, or one of a trait it implements, such as `clone()`
//!   or `default()`, which an inherent method would shadow): then `<name>_value`.
//! - reserved: the type name `Unhandled` (the operation errors' fallback), the field `meta` in
//!   error structures (the response's metadata).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::error::{Error, Problem};
use crate::ident::{camel, snake, RustIdent};
use crate::model::{Model, ShapeId, ShapeKind};
use crate::transform::{OperationPlan, Origin};

/// Every name the emitters need, keyed by shape or member id.
#[derive(Debug, Default)]
pub struct Names {
    types: BTreeMap<ShapeId, RustIdent>,
    /// The operation module of each type that lives there (operation inputs and outputs).
    homes: BTreeMap<ShapeId, RustIdent>,
    builders: BTreeMap<ShapeId, RustIdent>,
    fields: BTreeMap<ShapeId, RustIdent>,
    setters: BTreeMap<ShapeId, RustIdent>,
    set_methods: BTreeMap<ShapeId, RustIdent>,
    get_methods: BTreeMap<ShapeId, RustIdent>,
    getters: BTreeMap<ShapeId, RustIdent>,
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

    /// The module a type lives in, from the crate root: `types`, or `operation::<op>` for an
    /// operation's input and output.
    fn module_path(&self, id: &ShapeId) -> TokenStream {
        match self.homes.get(id) {
            Some(module) => quote!(operation::#module),
            None => quote!(types),
        }
    }

    /// The full path of a type inside the crate (`crate::types::Backup`,
    /// `crate::operation::copy_backup::CopyBackupInput`).
    pub fn type_path(&self, id: &ShapeId) -> TokenStream {
        let module = self.module_path(id);
        let name = self.type_name(id);
        quote!(crate::#module::#name)
    }

    /// The path of a type from outside the crate, whose library is `root`.
    pub fn public_type_path(&self, root: &Ident, id: &ShapeId) -> TokenStream {
        let module = self.module_path(id);
        let name = self.type_name(id);
        quote!(#root::#module::#name)
    }

    /// A type's path as rustdoc link text (`crate::types::Backup`). Raw identifiers are written
    /// bare (`crate::operation::match::MatchInput`): rustdoc resolves those, not `r#match`.
    pub fn type_doc_path(&self, id: &ShapeId) -> String {
        let name = self.type_name(id).bare();
        match self.homes.get(id) {
            Some(module) => format!("crate::operation::{}::{name}", module.bare()),
            None => format!("crate::types::{name}"),
        }
    }

    /// The builder type of a structure (`BackupBuilder`).
    pub fn builder(&self, id: &ShapeId) -> &RustIdent {
        self.builders
            .get(id)
            .unwrap_or_else(|| panic!("generator bug: no builder for {id}"))
    }

    /// The full path of a structure's builder inside the crate (`crate::builders::BackupBuilder`,
    /// `crate::operation::copy_backup::builders::CopyBackupInputBuilder`).
    pub fn builder_path(&self, id: &ShapeId) -> TokenStream {
        let builder = self.builder(id);
        match self.homes.get(id) {
            Some(module) => quote!(crate::operation::#module::builders::#builder),
            None => quote!(crate::builders::#builder),
        }
    }

    /// Whether the type lives in an operation's module (an operation's input or output).
    pub fn in_operation_module(&self, id: &ShapeId) -> bool {
        self.homes.contains_key(id)
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

    /// The builder's `set_<field>` method (replaces the value, `Option` in and out).
    pub fn set_method(&self, member: &ShapeId) -> &RustIdent {
        self.set_methods
            .get(member)
            .unwrap_or_else(|| panic!("generator bug: no set_ method for {member}"))
    }

    /// The type's getter of a structure member (its field's name, unless the type already has
    /// a method of that name: `builder` → `builder_value`); `None` for an error's message,
    /// which the error's own `message()` returns.
    pub fn getter(&self, member: &ShapeId) -> Option<&RustIdent> {
        self.getters.get(member)
    }

    /// The builder's `get_<field>` method.
    pub fn get_method(&self, member: &ShapeId) -> &RustIdent {
        self.get_methods
            .get(member)
            .unwrap_or_else(|| panic!("generator bug: no get_ method for {member}"))
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

    /// A list's or map's serializer function (`ser_<stem>`).
    pub fn serializer(&self, id: &ShapeId) -> Ident {
        quote::format_ident!("ser_{}", self.collection(id).bare())
    }

    /// A list's or map's deserializer function (`de_<stem>`).
    pub fn deserializer(&self, id: &ShapeId) -> Ident {
        quote::format_ident!("de_{}", self.collection(id).bare())
    }
}

/// The client's fluent builders' own methods (`emit/client.rs`): an input member named like
/// one gets a `_value` setter, as `build` does.
const FLUENT_BUILDER_METHODS: &[&str] = &["send", "as_input", "into_paginator", "new"];

/// Methods every generated structure has (`builder()` and those of its derived and blanket
/// traits), which no getter may shadow.
const TRAIT_METHODS: &[&str] = &[
    "builder",
    "clone",
    "clone_from",
    "default",
    "eq",
    "ne",
    "fmt",
    "into",
    "try_into",
    "to_owned",
    "borrow",
    "borrow_mut",
    "type_id",
];

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
    let mut modules = BTreeMap::new();
    // Per operation module, the names it holds: the marker, the input, output and error.
    let mut module_items: BTreeMap<RustIdent, BTreeMap<String, ShapeId>> = BTreeMap::new();
    for op in operations {
        let mut module = snake(op.id.name());
        if module.bare() == "mod" {
            module = RustIdent::escaped("mod_");
        }
        claims.claim(&mut modules, module.to_string(), &op.id, "operation module");
        let marker = camel(op.id.name());
        let items = module_items.entry(module.clone()).or_default();
        for name in [marker.to_string(), format!("{}Error", marker.bare())] {
            claims.claim(items, name, &op.id, "operation item");
        }
        names.modules.insert(op.id.clone(), module);
    }
    let mut types: BTreeMap<String, ShapeId> = BTreeMap::new();
    let mut collections: BTreeMap<String, ShapeId> = BTreeMap::new();
    for id in shapes {
        let shape = model.expect(id);
        let ident = camel(rename.get(id).map(String::as_str).unwrap_or(id.name()));
        // An operation's input and output live in its module, everything else in `types`.
        let home = origins
            .get(id)
            .and_then(|origin| names.modules.get(&origin.operation))
            .cloned();
        let namespace = match &home {
            Some(module) => module_items.entry(module.clone()).or_default(),
            None => &mut types,
        };
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
                claims.claim(namespace, ident.to_string(), id, "type");
                // Builders have a module of their own beside the types', and their names
                // follow the types' one to one, so they cannot collide.
                let builder = RustIdent::escaped(&format!("{}Builder", ident.bare()));
                names.builders.insert(id.clone(), builder);
                if let Some(home) = home {
                    names.homes.insert(id.clone(), home);
                }
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
                // Methods a getter must not take: the type's own (`builder()`, an input's
                // `validate()` and `with_idempotency_tokens()`, an error's `message()`, `meta()`,
                // `with_meta()`) and those of
                // the traits every type has, which an inherent method would shadow
                // (`x.clone()`, `T::default()`, an error's `to_string()`).
                let is_error = shape.traits.has(crate::model::traits::ERROR);
                let is_input = origins
                    .get(id)
                    .is_some_and(|o| o.role == crate::transform::Role::Input);
                let own: &[&str] = if is_error {
                    &[
                        "message",
                        "meta",
                        "with_meta",
                        "source",
                        "description",
                        "cause",
                        "to_string",
                    ]
                } else if is_input {
                    &["validate", "with_idempotency_tokens"]
                } else {
                    &[]
                };
                let own: Vec<&str> = TRAIT_METHODS.iter().chain(own).copied().collect();
                let mut type_methods: BTreeMap<String, ShapeId> =
                    own.iter().map(|m| ((*m).to_owned(), id.clone())).collect();
                for member in members {
                    let field = snake(member.name());
                    // The builder's own `build()` and its traits' methods win over setters.
                    // An input's setters are also its client fluent builder's, beside that
                    // builder's own methods.
                    let setter = if field.bare() == "build"
                        || (is_input && FLUENT_BUILDER_METHODS.contains(&field.bare()))
                        || (field.bare() != "builder" && TRAIT_METHODS.contains(&field.bare()))
                    {
                        RustIdent::escaped(&format!("{}_value", field.bare()))
                    } else {
                        field.clone()
                    };
                    let stem = field.bare().trim_start_matches('_');
                    let set = RustIdent::escaped(&format!("set_{stem}"));
                    let get = RustIdent::escaped(&format!("get_{stem}"));
                    // A member whose field already clashes would only repeat the clash as methods.
                    // An error's message member is read through the error's `message()`.
                    let getter = if is_error && field.bare() == "message" {
                        None
                    } else if own.contains(&field.bare()) {
                        Some(RustIdent::escaped(&format!("{}_value", field.bare())))
                    } else {
                        Some(field.clone())
                    };
                    if claims.claim(&mut fields, field.to_string(), &member.id, "field") {
                        for method in [&setter, &set, &get] {
                            claims.claim(
                                &mut methods,
                                method.to_string(),
                                &member.id,
                                "builder method",
                            );
                        }
                        if let Some(getter) = getter {
                            if claims.claim(
                                &mut type_methods,
                                getter.to_string(),
                                &member.id,
                                "getter",
                            ) {
                                names.getters.insert(member.id.clone(), getter);
                            }
                        }
                    }
                    names.fields.insert(member.id.clone(), field);
                    names.setters.insert(member.id.clone(), setter);
                    names.set_methods.insert(member.id.clone(), set);
                    names.get_methods.insert(member.id.clone(), get);
                }
            }
            ShapeKind::Union(members) => {
                claims.claim(namespace, ident.to_string(), id, "type");
                let mut variants = BTreeMap::new();
                for member in members {
                    let variant = variant_name(member.name());
                    claims.claim(&mut variants, variant.to_string(), &member.id, "variant");
                    names.variants.insert(member.id.clone(), variant);
                }
            }
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
                claims.claim(namespace, ident.to_string(), id, "type");
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
        let message = format!("its Rust {what} name `{name}` is already used by {other}");
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

/// An accessor named after a variant: `is_token`, `as_token` for `Token`; `is_self_value` for
/// `SelfValue`.
pub fn accessor(prefix: &str, variant: &RustIdent) -> RustIdent {
    RustIdent::escaped(&format!("{prefix}_{}", snake(variant.bare()).bare()))
}

fn variant_name(member: &str) -> RustIdent {
    let ident = camel(member);
    match ident.bare() {
        "Unknown" => RustIdent::escaped("UnknownValue"),
        _ => ident,
    }
}
