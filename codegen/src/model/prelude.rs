//! The `smithy.api` prelude shapes every model may target without defining them.

use serde_json::json;

use super::traits::{self, Traits};
use super::{Shape, ShapeId, ShapeKind, SimpleType};

/// The prelude namespace.
pub(crate) const NAMESPACE: &str = "smithy.api";

/// Every prelude shape: the simple types, the 1.0 `Primitive*` shapes (which carry a zero
/// `@default`), and `Unit`.
pub(super) fn shapes() -> Vec<Shape> {
    use SimpleType::*;
    let plain = [
        ("String", String),
        ("Blob", Blob),
        ("BigInteger", BigInteger),
        ("BigDecimal", BigDecimal),
        ("Timestamp", Timestamp),
        ("Document", Document),
        ("Boolean", Boolean),
        ("Byte", Byte),
        ("Short", Short),
        ("Integer", Integer),
        ("Long", Long),
        ("Float", Float),
        ("Double", Double),
    ];
    let primitive = [
        ("PrimitiveBoolean", Boolean, json!(false)),
        ("PrimitiveByte", Byte, json!(0)),
        ("PrimitiveShort", Short, json!(0)),
        ("PrimitiveInteger", Integer, json!(0)),
        ("PrimitiveLong", Long, json!(0)),
        ("PrimitiveFloat", Float, json!(0)),
        ("PrimitiveDouble", Double, json!(0)),
    ];
    let mut shapes: Vec<Shape> = plain
        .into_iter()
        .map(|(name, simple)| Shape {
            id: ShapeId::new(NAMESPACE, name),
            kind: ShapeKind::Simple(simple),
            traits: Traits::default(),
        })
        .collect();
    shapes.extend(primitive.into_iter().map(|(name, simple, zero)| {
        let mut traits = Traits::default();
        traits.insert(traits::DEFAULT, zero);
        Shape {
            id: ShapeId::new(NAMESPACE, name),
            kind: ShapeKind::Simple(simple),
            traits,
        }
    }));
    let mut unit_traits = Traits::default();
    unit_traits.insert(traits::UNIT_TYPE, json!({}));
    shapes.push(Shape {
        id: ShapeId::new(NAMESPACE, "Unit"),
        kind: ShapeKind::Structure(Vec::new()),
        traits: unit_traits,
    });
    shapes
}

/// Whether the id names `smithy.api#Unit`.
pub fn is_unit(id: &ShapeId) -> bool {
    id.namespace() == NAMESPACE && id.name() == "Unit" && id.member().is_none()
}

/// `smithy.api#Unit`.
pub fn unit_id() -> ShapeId {
    ShapeId::new(NAMESPACE, "Unit")
}
