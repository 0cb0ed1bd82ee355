//! The typed Smithy model: what the JSON AST says, resolved (prelude known, mixins and `apply`
//! applied, Smithy 1.0 idioms upgraded) and validated. Nothing downstream reads raw JSON except
//! trait values, which are kept as `serde_json::Value` behind typed accessors.

mod json;
mod load;
mod prelude;
mod resolve;
mod shape_id;
pub mod traits;
mod validate;

use std::collections::BTreeMap;

pub use load::load;
pub use prelude::{is_unit, unit_id};
pub use shape_id::{is_identifier, ShapeId};
pub use traits::Traits;

/// A loaded, resolved and validated model. Every target an accessor returns exists.
#[derive(Clone, Debug)]
pub struct Model {
    shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// The shape with this id (prelude shapes included), if any.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The shape with this id. Only for ids that validation guaranteed to exist: a miss is a
    /// generator bug.
    pub fn expect(&self, id: &ShapeId) -> &Shape {
        self.shapes
            .get(id)
            .unwrap_or_else(|| panic!("generator bug: validated model has no shape {id}"))
    }

    /// Every shape, in shape-id order.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// The member of a structure, union, list or map addressed by a member id.
    pub fn member(&self, id: &ShapeId) -> Option<&Member> {
        let name = id.member()?;
        match &self.shapes.get(&id.root())?.kind {
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                members.iter().find(|m| m.name() == name)
            }
            ShapeKind::List(member) => (name == "member").then_some(member),
            ShapeKind::Map { key, value } => match name {
                "key" => Some(key),
                "value" => Some(value),
                _ => None,
            },
            _ => None,
        }
    }

    /// Adds a shape the generator synthesizes (operation inputs/outputs); see `transform`.
    pub(crate) fn insert(&mut self, shape: Shape) {
        self.shapes.insert(shape.id.clone(), shape);
    }
}

/// One shape of the model.
#[derive(Clone, Debug)]
pub struct Shape {
    /// The shape's absolute id.
    pub id: ShapeId,
    /// What kind of shape it is, with its members or bindings.
    pub kind: ShapeKind,
    /// Traits, including those inherited from mixins and added by `apply`.
    pub traits: Traits,
}

/// Smithy's simple types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimpleType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
}

impl SimpleType {
    /// A boolean or a fixed-size number: a `Copy` Rust primitive, passed and returned by value.
    pub fn is_primitive(self) -> bool {
        matches!(
            self,
            SimpleType::Boolean
                | SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double
        )
    }

    /// The JSON AST `type` name.
    pub fn name(self) -> &'static str {
        match self {
            SimpleType::Blob => "blob",
            SimpleType::Boolean => "boolean",
            SimpleType::String => "string",
            SimpleType::Byte => "byte",
            SimpleType::Short => "short",
            SimpleType::Integer => "integer",
            SimpleType::Long => "long",
            SimpleType::Float => "float",
            SimpleType::Double => "double",
            SimpleType::BigInteger => "bigInteger",
            SimpleType::BigDecimal => "bigDecimal",
            SimpleType::Timestamp => "timestamp",
            SimpleType::Document => "document",
        }
    }

    fn from_name(name: &str) -> Option<SimpleType> {
        Some(match name {
            "blob" => SimpleType::Blob,
            "boolean" => SimpleType::Boolean,
            "string" => SimpleType::String,
            "byte" => SimpleType::Byte,
            "short" => SimpleType::Short,
            "integer" => SimpleType::Integer,
            "long" => SimpleType::Long,
            "float" => SimpleType::Float,
            "double" => SimpleType::Double,
            "bigInteger" => SimpleType::BigInteger,
            "bigDecimal" => SimpleType::BigDecimal,
            "timestamp" => SimpleType::Timestamp,
            "document" => SimpleType::Document,
            _ => return None,
        })
    }
}

/// The kind of a shape and what it contains.
#[derive(Clone, Debug)]
pub enum ShapeKind {
    /// A simple type (a `string` with the 1.0 `@enum` trait is upgraded to [`ShapeKind::Enum`]).
    Simple(SimpleType),
    /// A list; Smithy 1.0 `set`s load as lists carrying `@uniqueItems`.
    List(Member),
    /// A map from `key` to `value`.
    Map {
        /// The key member (targets a string or enum).
        key: Member,
        /// The value member.
        value: Member,
    },
    /// A structure's members in model order.
    Structure(Vec<Member>),
    /// A tagged union's members in model order.
    Union(Vec<Member>),
    /// A string enum's members in model order.
    Enum(Vec<EnumMember>),
    /// An integer enum's members in model order.
    IntEnum(Vec<EnumMember>),
    /// An operation's input, output and errors.
    Operation(Operation),
    /// A service and what it binds.
    Service(Service),
    /// A resource and the operations and resources it binds.
    Resource(Resource),
}

impl ShapeKind {
    /// The JSON AST `type` name, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            ShapeKind::Simple(t) => t.name(),
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Service(_) => "service",
            ShapeKind::Resource(_) => "resource",
        }
    }
}

/// A member of a structure, union, list or map.
#[derive(Clone, Debug)]
pub struct Member {
    /// `container$name`.
    pub id: ShapeId,
    /// The shape the member targets.
    pub target: ShapeId,
    /// The member's own traits.
    pub traits: Traits,
}

impl Member {
    /// The member name as in the model (the name on the wire for awsJson).
    pub fn name(&self) -> &str {
        self.id.member().expect("a member id has a member part")
    }
}

/// A member of an enum or intEnum.
#[derive(Clone, Debug)]
pub struct EnumMember {
    /// `enum$NAME`.
    pub id: ShapeId,
    /// The value on the wire.
    pub value: EnumValue,
    /// The member's traits.
    pub traits: Traits,
}

impl EnumMember {
    /// The member name as in the model.
    pub fn name(&self) -> &str {
        self.id.member().expect("a member id has a member part")
    }
}

/// The wire value of an enum member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnumValue {
    /// A string enum value.
    String(String),
    /// An intEnum value.
    Int(i32),
}

/// An operation's bindings; `None` input or output means `smithy.api#Unit`.
#[derive(Clone, Debug, Default)]
pub struct Operation {
    /// The input structure, if not Unit.
    pub input: Option<ShapeId>,
    /// The output structure, if not Unit.
    pub output: Option<ShapeId>,
    /// The errors the operation declares (service-wide errors are on the service).
    pub errors: Vec<ShapeId>,
}

/// A service shape.
#[derive(Clone, Debug, Default)]
pub struct Service {
    /// The service's version string.
    pub version: String,
    /// Operations bound directly to the service.
    pub operations: Vec<ShapeId>,
    /// Resources bound directly to the service.
    pub resources: Vec<ShapeId>,
    /// Errors every operation of the service can return.
    pub errors: Vec<ShapeId>,
    /// Names the service gives shapes in place of theirs (to resolve name conflicts).
    pub rename: BTreeMap<ShapeId, String>,
}

/// A resource shape.
#[derive(Clone, Debug, Default)]
pub struct Resource {
    /// Every operation the resource binds: lifecycle, instance and collection operations.
    pub operations: Vec<ShapeId>,
    /// Child resources.
    pub resources: Vec<ShapeId>,
}
