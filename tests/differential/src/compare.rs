//! Comparing two wire values of one shape, the way the model says they mean: members in any
//! order, integers as integers, timestamps as instants (with a stated precision), enums and
//! strings exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use smithy_codegen::model::{Model, ShapeId, ShapeKind, SimpleType};

use crate::json::Json;

/// How precisely two timestamps must agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instants {
    /// To the nanosecond.
    Exact,
    /// Within what reading the epoch-seconds number as an IEEE double costs at that instant
    /// (one unit in the last place of the double, plus `extra_nanos` for rounding the double to
    /// the reader's resolution). This is how aws-sdk-fsx (`DateTime::from_secs_f64`) and
    /// botocore (`datetime.fromtimestamp(float)`, microseconds) read fractional epoch seconds.
    ThroughF64 { extra_nanos: i128 },
}

/// One way two values differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// A JSON-pointer-like path (`/Backup/Tags/0/Key`).
    pub path: String,
    /// What differs.
    pub what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            if self.path.is_empty() {
                "/"
            } else {
                &self.path
            },
            self.what
        )
    }
}

/// Compares values of the model's shapes.
pub struct Comparer<'m> {
    model: &'m Model,
    instants: Instants,
    /// Per structure name: members the right side's model does not have (so it cannot return
    /// them). A member listed here that only the left side has is recorded in `model_skew`,
    /// not reported as a difference.
    right_lacks: BTreeMap<String, BTreeSet<String>>,
    /// Members left out on the right because its model lacks them: `Shape$Member` and how
    /// often.
    pub model_skew: BTreeMap<String, usize>,
    /// Timestamps that differed, but within the `ThroughF64` precision.
    pub rounded_instants: usize,
    /// The largest such difference, in nanoseconds.
    pub max_rounding_nanos: i128,
}

impl<'m> Comparer<'m> {
    /// A comparer with the given timestamp precision.
    pub fn new(model: &'m Model, instants: Instants) -> Self {
        Comparer {
            model,
            instants,
            right_lacks: BTreeMap::new(),
            model_skew: BTreeMap::new(),
            rounded_instants: 0,
            max_rounding_nanos: 0,
        }
    }

    /// Declares the members the right side's model lacks (see [`Comparer::model_skew`]).
    pub fn right_lacks(mut self, lacks: BTreeMap<String, BTreeSet<String>>) -> Self {
        self.right_lacks = lacks;
        self
    }

    /// Every difference between `left` and `right` as values of `shape`.
    pub fn compare(&mut self, shape: &ShapeId, left: &Json, right: &Json) -> Vec<Difference> {
        let mut out = Vec::new();
        self.value(shape, left, right, String::new(), &mut out);
        out
    }

    fn value(
        &mut self,
        id: &ShapeId,
        left: &Json,
        right: &Json,
        path: String,
        out: &mut Vec<Difference>,
    ) {
        let shape = self.model.expect(id);
        let differ = |out: &mut Vec<Difference>, what: String| {
            out.push(Difference {
                path: path.clone(),
                what,
            })
        };
        match (&shape.kind, left, right) {
            (_, Json::Null, Json::Null) => {}
            (
                ShapeKind::Structure(members) | ShapeKind::Union(members),
                Json::Object(l),
                Json::Object(r),
            ) => {
                let keys: BTreeSet<&str> =
                    l.iter().chain(r.iter()).map(|(k, _)| k.as_str()).collect();
                for key in keys {
                    let child = format!("{path}/{key}");
                    // A `null` member is an absent one.
                    let lv = l
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v)
                        .filter(|v| **v != Json::Null);
                    let rv = r
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v)
                        .filter(|v| **v != Json::Null);
                    if lv.is_none() && rv.is_none() {
                        continue;
                    }
                    let Some(member) = members.iter().find(|m| m.name() == key) else {
                        out.push(Difference {
                            path: child,
                            what: format!(
                                "member the model does not have: ours {lv:?}, theirs {rv:?}"
                            ),
                        });
                        continue;
                    };
                    match (lv, rv) {
                        (Some(lv), Some(rv)) => self.value(&member.target, lv, rv, child, out),
                        (Some(lv), None) => {
                            let lacks = self
                                .right_lacks
                                .get(id.name())
                                .is_some_and(|m| m.contains(key));
                            if lacks {
                                *self
                                    .model_skew
                                    .entry(format!("{}${key}", id.name()))
                                    .or_default() += 1;
                            } else {
                                out.push(Difference {
                                    path: child,
                                    what: format!("only ours has it: {}", short(lv)),
                                });
                            }
                        }
                        (None, Some(rv)) => out.push(Difference {
                            path: child,
                            what: format!("only theirs has it: {}", short(rv)),
                        }),
                        (None, None) => {}
                    }
                }
            }
            (ShapeKind::List(item), Json::Array(l), Json::Array(r)) => {
                if l.len() != r.len() {
                    differ(
                        out,
                        format!("ours has {} items, theirs {}", l.len(), r.len()),
                    );
                    return;
                }
                for (i, (lv, rv)) in l.iter().zip(r).enumerate() {
                    self.value(&item.target, lv, rv, format!("{path}/{i}"), out);
                }
            }
            (ShapeKind::Map { value, .. }, Json::Object(l), Json::Object(r)) => {
                let lk: BTreeSet<&str> = l.iter().map(|(k, _)| k.as_str()).collect();
                let rk: BTreeSet<&str> = r.iter().map(|(k, _)| k.as_str()).collect();
                if lk != rk {
                    differ(out, format!("keys differ: ours {lk:?}, theirs {rk:?}"));
                    return;
                }
                for (k, lv) in l {
                    let rv = &r.iter().find(|(rk, _)| rk == k).expect("same keys").1;
                    self.value(&value.target, lv, rv, format!("{path}/{k}"), out);
                }
            }
            (ShapeKind::Enum(_), Json::String(a), Json::String(b)) if a == b => {}
            (
                ShapeKind::Simple(SimpleType::String | SimpleType::Blob),
                Json::String(a),
                Json::String(b),
            ) if a == b => {}
            (ShapeKind::Simple(SimpleType::Boolean), Json::Bool(a), Json::Bool(b)) if a == b => {}
            (
                ShapeKind::IntEnum(_)
                | ShapeKind::Simple(
                    SimpleType::Byte
                    | SimpleType::Short
                    | SimpleType::Integer
                    | SimpleType::Long
                    | SimpleType::BigInteger,
                ),
                Json::Number(a),
                Json::Number(b),
            ) => {
                if integer(a).is_none() || integer(a) != integer(b) {
                    differ(out, format!("ours {a}, theirs {b}"));
                }
            }
            (
                ShapeKind::Simple(SimpleType::Float | SimpleType::Double | SimpleType::BigDecimal),
                _,
                _,
            ) => {
                let (a, b) = (float(left), float(right));
                let same = match (a, b) {
                    (Some(a), Some(b)) => a == b || (a.is_nan() && b.is_nan()),
                    _ => false,
                };
                if !same {
                    differ(out, format!("ours {left}, theirs {right}"));
                }
            }
            (ShapeKind::Simple(SimpleType::Timestamp), _, _) => {
                match (instant_nanos(left), instant_nanos(right)) {
                    (Some(a), Some(b)) => {
                        let gap = (a - b).abs();
                        let allowed = match self.instants {
                            Instants::Exact => 0,
                            Instants::ThroughF64 { extra_nanos } => f64_ulp_nanos(a) + extra_nanos,
                        };
                        if gap > allowed {
                            differ(
                                out,
                                format!(
                                    "instants differ by {gap} ns (allowed {allowed}): ours {left} = {}, theirs {right} = {}",
                                    show_nanos(a),
                                    show_nanos(b)
                                ),
                            );
                        } else if gap > 0 {
                            self.rounded_instants += 1;
                            self.max_rounding_nanos = self.max_rounding_nanos.max(gap);
                        }
                    }
                    _ => differ(
                        out,
                        format!("not both timestamps: ours {left}, theirs {right}"),
                    ),
                }
            }
            (ShapeKind::Simple(SimpleType::Document), a, b) => {
                if !json_equal(a, b) {
                    differ(out, format!("ours {a}, theirs {b}"));
                }
            }
            _ => differ(
                out,
                format!("ours {}, theirs {}", short(left), short(right)),
            ),
        }
    }
}

/// What a correct awsJson reader keeps of a wire value of `shape`: `null` members and members
/// the model does not know are left out, as are `null` items of lists and maps that are not
/// `@sparse`; a quoted epoch-seconds timestamp is the number it holds.
pub fn canonical(model: &Model, shape: &ShapeId, value: &Json) -> Json {
    let s = model.expect(shape);
    let sparse = s.traits.has("smithy.api#sparse");
    match (&s.kind, value) {
        (ShapeKind::Structure(members) | ShapeKind::Union(members), Json::Object(object)) => {
            Json::Object(
                object
                    .iter()
                    .filter(|(_, v)| *v != Json::Null)
                    .filter_map(|(k, v)| {
                        let member = members.iter().find(|m| m.name() == k)?;
                        Some((k.clone(), canonical(model, &member.target, v)))
                    })
                    .collect(),
            )
        }
        (ShapeKind::List(item), Json::Array(items)) => Json::Array(
            items
                .iter()
                .filter(|v| sparse || **v != Json::Null)
                .map(|v| {
                    if *v == Json::Null {
                        Json::Null
                    } else {
                        canonical(model, &item.target, v)
                    }
                })
                .collect(),
        ),
        (ShapeKind::Map { value: item, .. }, Json::Object(entries)) => Json::Object(
            entries
                .iter()
                .filter(|(_, v)| sparse || *v != Json::Null)
                .map(|(k, v)| {
                    (
                        k.clone(),
                        if *v == Json::Null {
                            Json::Null
                        } else {
                            canonical(model, &item.target, v)
                        },
                    )
                })
                .collect(),
        ),
        (ShapeKind::Simple(SimpleType::Timestamp), Json::String(text)) => {
            Json::Number(text.trim().to_owned())
        }
        _ => value.clone(),
    }
}

/// What in a wire value a reader has to be lenient about (see [`canonical`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Leniency {
    /// `null` items in lists (and values in maps) that are not `@sparse`.
    pub dense_nulls: usize,
    /// Timestamps written as quoted epoch seconds.
    pub quoted_timestamps: usize,
    /// Structure members written as `null`.
    pub null_members: usize,
    /// Structure members the model does not have.
    pub unknown_members: usize,
}

impl Leniency {
    /// Counts what `value` (of `shape`) asks of a reader.
    pub fn of(model: &Model, shape: &ShapeId, value: &Json) -> Leniency {
        let mut out = Leniency::default();
        out.walk(model, shape, value);
        out
    }

    fn walk(&mut self, model: &Model, shape: &ShapeId, value: &Json) {
        let s = model.expect(shape);
        let sparse = s.traits.has("smithy.api#sparse");
        match (&s.kind, value) {
            (ShapeKind::Structure(members) | ShapeKind::Union(members), Json::Object(object)) => {
                for (k, v) in object {
                    match members.iter().find(|m| m.name() == k) {
                        None => self.unknown_members += 1,
                        Some(_) if *v == Json::Null => self.null_members += 1,
                        Some(m) => self.walk(model, &m.target, v),
                    }
                }
            }
            (ShapeKind::List(item), Json::Array(items)) => {
                for v in items {
                    if *v == Json::Null {
                        self.dense_nulls += usize::from(!sparse);
                    } else {
                        self.walk(model, &item.target, v);
                    }
                }
            }
            (ShapeKind::Map { value: item, .. }, Json::Object(entries)) => {
                for (_, v) in entries {
                    if *v == Json::Null {
                        self.dense_nulls += usize::from(!sparse);
                    } else {
                        self.walk(model, &item.target, v);
                    }
                }
            }
            (ShapeKind::Simple(SimpleType::Timestamp), Json::String(_)) => {
                self.quoted_timestamps += 1
            }
            _ => {}
        }
    }
}

/// `value` without the `null` items of its lists that are not `@sparse`, and how many there
/// were (botocore keeps them, as `None`).
pub fn strip_dense_nulls(model: &Model, shape: &ShapeId, value: &Json) -> (Json, usize) {
    let mut count = 0;
    let stripped = strip(model, shape, value, &mut count);
    (stripped, count)
}

fn strip(model: &Model, shape: &ShapeId, value: &Json, count: &mut usize) -> Json {
    let s = model.expect(shape);
    let sparse = s.traits.has("smithy.api#sparse");
    match (&s.kind, value) {
        (ShapeKind::Structure(members) | ShapeKind::Union(members), Json::Object(object)) => {
            Json::Object(
                object
                    .iter()
                    .map(|(k, v)| match members.iter().find(|m| m.name() == k) {
                        Some(m) => (k.clone(), strip(model, &m.target, v, count)),
                        None => (k.clone(), v.clone()),
                    })
                    .collect(),
            )
        }
        (ShapeKind::List(item), Json::Array(items)) => {
            let mut out = Vec::new();
            for v in items {
                if !sparse && *v == Json::Null {
                    *count += 1;
                } else {
                    out.push(strip(model, &item.target, v, count));
                }
            }
            Json::Array(out)
        }
        (ShapeKind::Map { value: item, .. }, Json::Object(entries)) => {
            let mut out = Vec::new();
            for (k, v) in entries {
                if !sparse && *v == Json::Null {
                    *count += 1;
                } else {
                    out.push((k.clone(), strip(model, &item.target, v, count)));
                }
            }
            Json::Object(out)
        }
        _ => value.clone(),
    }
}

/// A value for a message, cut short.
pub fn short(value: &Json) -> String {
    let text = value.to_text();
    if text.chars().count() > 200 {
        format!(
            "{}… ({} bytes)",
            text.chars().take(200).collect::<String>(),
            text.len()
        )
    } else {
        text
    }
}

/// A JSON integer's value (`None` if the text is not a plain integer).
pub fn integer(text: &str) -> Option<i128> {
    text.parse().ok()
}

fn float(value: &Json) -> Option<f64> {
    match value {
        Json::Number(n) => n.parse().ok(),
        Json::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// Structural JSON equality, numbers by value.
pub fn json_equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => {
            x == y
                || integer(x).is_some_and(|x| Some(x) == integer(y))
                || x.parse::<f64>().ok() == y.parse::<f64>().ok()
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && json_equal(v, v2)))
        }
        _ => a == b,
    }
}

/// A timestamp as nanoseconds since the epoch: an epoch-seconds JSON number (exact, digits
/// past the nanosecond dropped toward zero), or botocore's `{"epoch_micros": N}`.
pub fn instant_nanos(value: &Json) -> Option<i128> {
    match value {
        Json::Number(text) | Json::String(text) => epoch_seconds_nanos(text),
        Json::Object(_) => value
            .get("epoch_micros")
            .and_then(Json::as_number)
            .and_then(integer)
            .map(|micros| micros * 1_000),
        _ => None,
    }
}

/// Epoch seconds text (`-1.5`, `1.617954808068E9`) as exact nanoseconds.
pub fn epoch_seconds_nanos(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i32>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // value = digits × 10^(exponent − fraction.len()); in nanoseconds, × 10^9.
    let scale = exponent - fraction.len() as i32 + 9;
    let mut nanos: i128 = 0;
    if scale >= 0 {
        nanos = digits
            .parse::<i128>()
            .ok()?
            .checked_mul(10i128.checked_pow(scale as u32)?)?;
    } else {
        let keep = digits.len() as i32 + scale;
        if keep > 0 {
            nanos = digits[..keep as usize].parse().ok()?;
        }
    }
    Some(if negative { -nanos } else { nanos })
}

/// One unit in the last place of the double nearest `nanos / 10^9` seconds, in nanoseconds
/// (rounded up).
pub fn f64_ulp_nanos(nanos: i128) -> i128 {
    let seconds = (nanos as f64 / 1e9).abs();
    if seconds == 0.0 {
        return 1;
    }
    let ulp = f64::from_bits(seconds.to_bits() + 1) - seconds;
    (ulp * 1e9).ceil() as i128
}

/// Nanoseconds as `seconds.nanoseconds` for messages.
pub fn show_nanos(nanos: i128) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let n = nanos.abs();
    format!("{sign}{}.{:09}s", n / 1_000_000_000, n % 1_000_000_000)
}
