//! The rules that map a shape to its Rust type, and decide which members are optional. The
//! nullability rule is applied once, while lowering (`ir::lower`); `emit::rust` spells the types.
//!
//! | Smithy | Rust |
//! |---|---|
//! | string | `String` |
//! | boolean, byte, short, integer, long, float, double | `bool`, `i8`, `i16`, `i32`, `i64`, `f32`, `f64` |
//! | bigInteger, bigDecimal | `aws_smithy_types::{BigInteger, BigDecimal}` |
//! | timestamp, blob, document | `aws_smithy_types::{DateTime, Blob, Document}` |
//! | list, set | `Vec<T>` (`@sparse`: `Vec<Option<T>>`) |
//! | map | `BTreeMap<K, V>` (`@sparse`: `BTreeMap<K, Option<V>>`) |
//! | structure, union, enum, intEnum | the generated type in `crate::types` (an operation's input and output: in `crate::operation::<op>`) |
//!
//! Maps are `BTreeMap` rather than `HashMap`: a request's bytes are then a function of its
//! value (stable signatures, reproducible tests and snapshots, diffable logs), `Debug` output
//! is stable, and there is no hasher state. AWS maps (tags, attributes) are small, so the
//! ordered map costs nothing that matters.

use crate::model::traits;
use crate::model::{Member, Shape};

/// Smithy 2.0 client nullability, the rule this generator implements. A structure member is
/// `Option` unless it is known to be present:
///
/// 1. `@clientOptional` → optional (AWS pairs it with every `@required`, so that a service may
///    later drop the requirement without breaking clients).
/// 2. In an `@input` structure → optional (a service may relax input requirements; the
///    service reports a missing required input, and so does `validate()` when asked).
/// 3. `@addedDefault` → optional (the member was optional before its default existed; keeping
///    it `Option` means regenerating never changes its type).
/// 4. `@default` (non-null) → not optional; the default fills it.
/// 5. `@required` → not optional; a response that omits it anyway gets the type's zero value
///    (Smithy's client error correction).
/// 6. Otherwise optional.
pub fn is_optional(container: &Shape, member: &Member) -> bool {
    if member.traits.has(traits::CLIENT_OPTIONAL)
        || container.traits.has(traits::INPUT)
        || member.traits.has(traits::ADDED_DEFAULT)
    {
        return true;
    }
    !(member.traits.default_value().is_some() || member.traits.has(traits::REQUIRED))
}
