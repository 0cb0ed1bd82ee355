//! The seeded, model-driven random generator: awsJson wire values for any shape of a model.
//!
//! Values are what a service or a caller could put on the wire, not only what the model's
//! constraints allow (clients validate none of them): member names as in the model, enums as
//! strings including values the model does not know, integers up to the 64-bit boundaries,
//! timestamps as epoch seconds with up to nine fractional digits (sometimes with an exponent),
//! strings with every kind of Unicode and characters that need escaping, lists from empty to
//! the model's `@length` maximum (capped at [`LIST_CAP`]).

use smithy_codegen::model::{EnumValue, Model, ShapeId, ShapeKind, SimpleType};

use crate::json::Json;

/// The seed of every random case: `DIFFERENTIAL_SEED` (decimal or `0x` hex) if set, else
/// [`DEFAULT_SEED`].
pub fn seed() -> u64 {
    match std::env::var("DIFFERENTIAL_SEED") {
        Ok(text) => {
            let text = text.trim();
            let parsed = match text.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => text.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("DIFFERENTIAL_SEED={text:?} is not a u64"))
        }
        Err(_) => DEFAULT_SEED,
    }
}

/// The seed CI runs with.
pub const DEFAULT_SEED: u64 = 0x5EED_F5C0_2018_0301;

/// How many random cases per operation: `DIFFERENTIAL_CASES` if set, else 1,000.
pub fn case_count() -> usize {
    std::env::var("DIFFERENTIAL_CASES")
        .ok()
        .map(|n| {
            n.trim()
                .parse()
                .unwrap_or_else(|_| panic!("DIFFERENTIAL_CASES={n:?} is not a count"))
        })
        .unwrap_or(1_000)
}

/// The random source of one case: a function of the seed, the stream (what is generated, e.g.
/// `request/CopyBackup`) and the case number only, so any case can be replayed alone.
pub fn case_rng(seed: u64, stream: &str, case: usize) -> fastrand::Rng {
    // FNV-1a of the stream name, then splitmix64 to spread the bits.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in stream.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = seed ^ hash ^ (case as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    fastrand::Rng::with_seed(z ^ (z >> 31))
}

/// What a generated structure is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// An operation input: `@required` members are always present (the SDK's input
    /// deserializer fills absent ones with empty strings, which would be no fair comparison).
    Input,
    /// An output or error body: `@required` members are usually, not always, present; some
    /// cases also carry what a service may send and a reader must take in its stride:
    /// members as `null`, `null` items in lists, members this model does not know (a newer
    /// service's), timestamps as quoted epoch seconds.
    Output,
}

/// Lists are capped at this many items when the model allows more (or sets no maximum).
pub const LIST_CAP: usize = 500;

/// Lists and maps without a `@length` maximum get at most this many items.
const UNBOUNDED_LIST_MAX: usize = 64;

/// JSON nesting stays below this (the generated crate refuses more than 64 levels).
const MAX_DEPTH: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Collections {
    /// Each list picks its own length.
    Mixed,
    /// Every list empty.
    Empty,
    /// Every list as long as the model allows (capped).
    Full,
}

/// Generates wire values for the shapes of `model`. One generator makes one case.
pub struct Generator<'m> {
    model: &'m Model,
    rng: fastrand::Rng,
    /// Values left before structures shrink to their required members and lists to nothing.
    budget: usize,
    /// Percent chance that an optional member is present.
    presence: u8,
    /// Whether `@required` members are always present.
    all_required: bool,
    collections: Collections,
    /// Percent chance that an absent optional member is written as `null` instead.
    nulls: u8,
    /// Percent chance that a structure carries members the model does not know.
    unknown_members: u8,
    /// Percent chance that a timestamp is a quoted epoch-seconds string.
    quoted_timestamps: u8,
}

impl<'m> Generator<'m> {
    /// A generator for one case, drawing the case's profile (how full, how big) from `rng`.
    pub fn new(model: &'m Model, mut rng: fastrand::Rng, purpose: Purpose) -> Self {
        let presence = [0, 15, 50, 85, 100][rng.usize(..5)];
        let all_required = purpose == Purpose::Input || rng.u8(..10) != 0;
        let collections = match rng.u8(..10) {
            0 => Collections::Empty,
            1 => Collections::Full,
            _ => Collections::Mixed,
        };
        let budget = match rng.u8(..20) {
            0 => 4_000,
            1..=3 => 1_000,
            _ => 250,
        };
        let lenient = purpose == Purpose::Output && rng.u8(..5) == 0;
        let (nulls, unknown_members, quoted_timestamps) = if lenient {
            (rng.u8(..60), rng.u8(..30), rng.u8(..20))
        } else {
            (0, 0, 0)
        };
        Generator {
            model,
            rng,
            budget,
            presence,
            all_required,
            collections,
            nulls,
            unknown_members,
            quoted_timestamps,
        }
    }

    /// The case's random source, for whatever else the case draws (wire form, error form).
    pub fn rng(&mut self) -> &mut fastrand::Rng {
        &mut self.rng
    }

    /// A value of the structure (or any other shape) `id`.
    pub fn shape(&mut self, id: &ShapeId) -> Json {
        self.value(id, 0)
    }

    fn value(&mut self, id: &ShapeId, depth: usize) -> Json {
        self.budget = self.budget.saturating_sub(1);
        let shape = self.model.expect(id);
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let mut out = Vec::new();
                for member in members {
                    let required = member.traits.has("smithy.api#required");
                    let container = is_container(self.model, &member.target);
                    if container && depth + 1 >= MAX_DEPTH {
                        continue;
                    }
                    let present = if required && self.all_required {
                        true
                    } else if self.budget == 0 {
                        false
                    } else {
                        self.rng.u8(..100) < self.presence
                    };
                    if present {
                        let value = self.value(&member.target, depth + 1);
                        out.push((member.name().to_owned(), value));
                    } else if self.nulls > 0 && self.rng.u8(..100) < self.nulls {
                        out.push((member.name().to_owned(), Json::Null));
                    }
                }
                if self.unknown_members > 0 && self.rng.u8(..100) < self.unknown_members {
                    for _ in 0..self.rng.usize(1..=2) {
                        let name = [
                            "FutureMember",
                            "zzNewField",
                            "backupId",
                            "Tags2",
                            "\u{e9}t\u{e9}",
                        ][self.rng.usize(..5)];
                        if members.iter().all(|m| m.name() != name)
                            && out.iter().all(|(k, _)| k != name)
                        {
                            let value = self.document(3);
                            let at = self.rng.usize(..=out.len());
                            out.insert(at, (name.to_owned(), value));
                        }
                    }
                }
                Json::Object(out)
            }
            ShapeKind::Union(members) => {
                // Exactly one member; a member that would nest too deeply is passed over.
                let candidates: Vec<_> = members
                    .iter()
                    .filter(|m| depth + 1 < MAX_DEPTH || !is_container(self.model, &m.target))
                    .collect();
                if candidates.is_empty() {
                    return Json::Object(Vec::new());
                }
                let member = candidates[self.rng.usize(..candidates.len())];
                let value = self.value(&member.target, depth + 1);
                Json::Object(vec![(member.name().to_owned(), value)])
            }
            ShapeKind::List(item) => {
                let len = self.collection_len(&shape.traits, depth);
                let sparse = shape.traits.has("smithy.api#sparse");
                let null_rate = if sparse { 10 } else { self.nulls / 10 };
                let items = (0..len)
                    .map(|_| {
                        if null_rate > 0 && self.rng.u8(..100) < null_rate {
                            Json::Null
                        } else {
                            self.value(&item.target, depth + 1)
                        }
                    })
                    .collect();
                Json::Array(items)
            }
            ShapeKind::Map { key, value } => {
                let len = self.collection_len(&shape.traits, depth);
                let mut out: Vec<(String, Json)> = Vec::new();
                for _ in 0..len * 2 {
                    if out.len() == len {
                        break;
                    }
                    let Json::String(k) = self.value(&key.target, depth + 1) else {
                        unreachable!("map keys are strings");
                    };
                    if out.iter().any(|(existing, _)| *existing == k) {
                        continue;
                    }
                    let v = self.value(&value.target, depth + 1);
                    out.push((k, v));
                }
                Json::Object(out)
            }
            ShapeKind::Enum(members) => {
                let known: Vec<&str> = members
                    .iter()
                    .filter_map(|m| match &m.value {
                        EnumValue::String(s) => Some(s.as_str()),
                        EnumValue::Int(_) => None,
                    })
                    .collect();
                Json::String(self.enum_string(&known))
            }
            ShapeKind::IntEnum(members) => {
                let known: Vec<i32> = members
                    .iter()
                    .filter_map(|m| match m.value {
                        EnumValue::Int(i) => Some(i),
                        EnumValue::String(_) => None,
                    })
                    .collect();
                if !known.is_empty() && self.rng.u8(..100) < 80 {
                    Json::int(known[self.rng.usize(..known.len())])
                } else {
                    Json::int(self.int_in(
                        i128::from(i32::MIN),
                        i128::from(i32::MAX),
                        &shape.traits,
                    ))
                }
            }
            ShapeKind::Simple(simple) => self.simple(*simple, &shape.traits),
            other => panic!("{id}: a {} has no wire value", other.name()),
        }
    }

    fn collection_len(&mut self, traits: &smithy_codegen::model::Traits, depth: usize) -> usize {
        if depth + 1 >= MAX_DEPTH || self.budget == 0 {
            return 0;
        }
        let max = length_bound(traits, "max").map_or(UNBOUNDED_LIST_MAX, |m| m as usize);
        let max = max.min(LIST_CAP);
        match self.collections {
            Collections::Empty => 0,
            Collections::Full => max,
            Collections::Mixed => match self.rng.u8(..20) {
                0..=3 => 0,
                4..=8 => 1.min(max),
                9..=15 => self.rng.usize(2..=4).min(max),
                16..=17 => max,
                _ => self.rng.usize(..=max),
            },
        }
    }

    fn simple(&mut self, simple: SimpleType, traits: &smithy_codegen::model::Traits) -> Json {
        match simple {
            SimpleType::String => Json::String(self.string(traits)),
            SimpleType::Boolean => Json::Bool(self.rng.bool()),
            SimpleType::Byte => Json::int(self.int_in(i8::MIN.into(), i8::MAX.into(), traits)),
            SimpleType::Short => Json::int(self.int_in(i16::MIN.into(), i16::MAX.into(), traits)),
            SimpleType::Integer => Json::int(self.int_in(i32::MIN.into(), i32::MAX.into(), traits)),
            SimpleType::Long => Json::int(self.int_in(i64::MIN.into(), i64::MAX.into(), traits)),
            SimpleType::BigInteger => {
                let digits = self.rng.usize(1..=40);
                let mut text: String = (0..digits)
                    .map(|i| char::from(b'0' + self.rng.u8(u8::from(i == 0)..10)))
                    .collect();
                if self.rng.bool() {
                    text.insert(0, '-');
                }
                Json::Number(text)
            }
            SimpleType::BigDecimal => {
                Json::Number(format!("{}.{}", self.rng.i64(..), self.rng.u32(..)))
            }
            SimpleType::Float | SimpleType::Double => self.float(simple == SimpleType::Float),
            SimpleType::Timestamp => {
                let text = self.timestamp();
                if self.quoted_timestamps > 0 && self.rng.u8(..100) < self.quoted_timestamps {
                    Json::String(text)
                } else {
                    Json::Number(text)
                }
            }
            SimpleType::Blob => {
                let len = self.rng.usize(..64);
                let bytes: Vec<u8> = (0..len).map(|_| self.rng.u8(..)).collect();
                Json::String(aws_smithy_types::base64::encode(&bytes))
            }
            SimpleType::Document => self.document(3),
        }
    }

    /// An integer in `[lo, hi]` (the type's range): the boundaries of the type and of the
    /// model's `@range`, the 2^53 float-exactness boundary, small numbers, anything.
    fn int_in(&mut self, lo: i128, hi: i128, traits: &smithy_codegen::model::Traits) -> i128 {
        let range = traits.get("smithy.api#range");
        let bound = |name| {
            range
                .and_then(|r| r.get(name))
                .and_then(serde_json::Value::as_i64)
                .map(i128::from)
        };
        let mut specials = vec![lo, hi, 0, 1, -1, lo + 1, hi - 1];
        for big in [
            1i128 << 31,
            1 << 32,
            (1 << 53) - 1,
            1 << 53,
            (1 << 53) + 1,
            1 << 62,
        ] {
            specials.push(big);
            specials.push(-big);
        }
        for b in [bound("min"), bound("max")].into_iter().flatten() {
            specials.extend([b - 1, b, b + 1]);
        }
        specials.retain(|v| (lo..=hi).contains(v));
        match self.rng.u8(..10) {
            0..=3 => specials[self.rng.usize(..specials.len())],
            4..=6 => i128::from(self.rng.u16(..1000)),
            _ => {
                // Uniform over the type's range.
                let span = (hi - lo) as u128;
                let r = (u128::from(self.rng.u64(..)) << 64 | u128::from(self.rng.u64(..)))
                    % (span + 1);
                lo + r as i128
            }
        }
    }

    fn float(&mut self, single: bool) -> Json {
        let value: f64 = match self.rng.u8(..12) {
            0 => return Json::String("NaN".into()),
            1 => return Json::String("Infinity".into()),
            2 => return Json::String("-Infinity".into()),
            3 => 0.0,
            4 => -0.0,
            5 if single => f64::from(f32::MAX),
            5 => f64::MAX,
            6 if single => f64::from(f32::MIN_POSITIVE),
            6 => f64::MIN_POSITIVE,
            7 => 0.1,
            _ => (self.rng.f64() - 0.5) * 10f64.powi(self.rng.i32(-10..20)),
        };
        // Rust's `{:?}` is the shortest text that reads back as the same value, and valid JSON.
        if single {
            Json::Number(format!("{:?}", value as f32))
        } else {
            Json::Number(format!("{value:?}"))
        }
    }

    fn document(&mut self, depth: usize) -> Json {
        match self.rng.u8(..if depth == 0 { 4 } else { 6 }) {
            0 => Json::Null,
            1 => Json::Bool(self.rng.bool()),
            2 => Json::int(self.rng.i64(..)),
            3 => Json::String(self.unicode_string(8)),
            4 => Json::Array(
                (0..self.rng.usize(..4))
                    .map(|_| self.document(depth - 1))
                    .collect(),
            ),
            _ => Json::Object(
                (0..self.rng.usize(..4))
                    .map(|i| {
                        (
                            format!("k{i}{}", self.unicode_string(3)),
                            self.document(depth - 1),
                        )
                    })
                    .collect(),
            ),
        }
    }

    /// Epoch seconds as a JSON number: whole or with 1 to 9 fractional digits, from before
    /// 1970 to the year 9999 (the range botocore's datetimes hold), rarely with an exponent.
    fn timestamp(&mut self) -> String {
        const MIN: i64 = -62_135_596_800 + 1; // 0001-01-01T00:00:01Z
        const MAX: i64 = 253_402_300_798; // 9999-12-31T23:59:58Z
        let seconds = match self.rng.u8(..10) {
            0 => [
                0,
                1,
                -1,
                1_617_954_808,
                1_481_841_524,
                2_147_483_647,
                2_147_483_648,
                MIN,
                MAX,
            ][self.rng.usize(..9)],
            1..=5 => self.rng.i64(1_000_000_000..2_000_000_000),
            6..=7 => self.rng.i64(0..4_102_444_800),
            _ => self.rng.i64(MIN..=MAX),
        };
        let digits = match self.rng.u8(..10) {
            0..=2 => 0,
            3..=5 => 3,
            6 => 6,
            7 => 9,
            _ => self.rng.usize(1..=9),
        };
        let fraction: String = match self.rng.u8(..8) {
            0 => "0".repeat(digits),
            1 => "9".repeat(digits),
            2 if digits > 0 => format!("{}1", "0".repeat(digits - 1)),
            _ => (0..digits)
                .map(|_| char::from(b'0' + self.rng.u8(..10)))
                .collect(),
        };
        // The number is `seconds + fraction` for non-negative seconds and
        // `-(|seconds| + fraction)` for negative ones: both are instants worth testing.
        let mantissa = if digits == 0 {
            seconds.to_string()
        } else {
            format!("{seconds}.{fraction}")
        };
        if self.rng.u8(..50) == 0 {
            // The same number with an exponent: 1617954808.068 → 1.617954808068E9.
            let negative = mantissa.starts_with('-');
            let unsigned = mantissa.trim_start_matches('-');
            let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
            if whole.len() > 1 {
                let exponent = whole.len() - 1;
                let e = if self.rng.bool() { 'E' } else { 'e' };
                let sign = if negative { "-" } else { "" };
                return format!("{sign}{}.{}{frac}{e}{exponent}", &whole[..1], &whole[1..]);
            }
        }
        mantissa
    }

    fn enum_string(&mut self, known: &[&str]) -> String {
        if !known.is_empty() && self.rng.u8(..100) < 85 {
            return known[self.rng.usize(..known.len())].to_owned();
        }
        // Values this model does not know: a newer service's, or near-misses of known ones
        // (which must not be mistaken for them).
        let base = known.first().copied().unwrap_or("VALUE");
        match self.rng.u8(..7) {
            0 => "FUTURE_VALUE".to_owned(),
            1 => String::new(),
            2 => base.to_lowercase(),
            3 => format!("{base}_V2"),
            4 => format!(" {base}"),
            5 => "ÉTAT_🦀".to_owned(),
            _ => format!("NEW_{}", self.rng.u32(..)),
        }
    }

    fn string(&mut self, traits: &smithy_codegen::model::Traits) -> String {
        // Without a `@length` maximum, "as long as allowed" means this long.
        let max = length_bound(traits, "max").map_or(256, |m| m.clamp(1, 4096) as usize);
        match self.rng.u8(..50) {
            0 => {
                // As long as the model allows.
                let c = ['x', 'é', '中', '😀'][self.rng.usize(..4)];
                std::iter::repeat_n(c, max).collect()
            }
            1..=15 => {
                // Realistic identifiers: fs-0123abcd, arn:aws:fsx:…
                let len = self.rng.usize(1..=max.min(40));
                (0..len)
                    .map(|_| {
                        const SET: &[u8] =
                            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:/.";
                        char::from(SET[self.rng.usize(..SET.len())])
                    })
                    .collect()
            }
            16..=20 => String::new(),
            21..=30 => {
                let len = self.rng.usize(1..=24);
                self.unicode_string(len)
            }
            31..=40 => {
                let len = self.rng.usize(1..=24);
                self.escapey_string(len)
            }
            _ => (0..self.rng.usize(1..=32))
                .map(|_| char::from(self.rng.u8(0x20..0x7F)))
                .collect(),
        }
    }

    fn unicode_string(&mut self, len: usize) -> String {
        const POOL: &[char] = &[
            'a',
            'Z',
            '0',
            ' ',
            'é',
            'ß',
            'Ω',
            'ж',
            'ك',
            'א',
            '中',
            '文',
            '한',
            'ｶ',
            '€',
            '\u{301}',
            '\u{200D}',
            '\u{FEFF}',
            '\u{2028}',
            '\u{2029}',
            '\u{FFFD}',
            '\u{FFFF}',
            '\u{10000}',
            '😀',
            '🦀',
            '👩',
            '\u{1F3FD}',
            '\u{10FFFF}',
            '\u{E000}',
            '\u{7F}',
            '\u{80}',
            '\u{9F}',
        ];
        (0..len)
            .map(|_| POOL[self.rng.usize(..POOL.len())])
            .collect()
    }

    fn escapey_string(&mut self, len: usize) -> String {
        const POOL: &[char] = &[
            '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{1}', '\u{8}', '\u{C}', '\u{1F}',
            '\u{7F}', '<', '>', '&', '\'', '{', '}', '[', ']', ':', ',', 'a', ' ',
        ];
        let mut s: String = (0..len)
            .map(|_| POOL[self.rng.usize(..POOL.len())])
            .collect();
        if self.rng.u8(..4) == 0 {
            s.push_str("</script>\\u0000");
        }
        s
    }
}

/// A `@length` bound of a shape, if the model sets it.
pub fn length_bound(traits: &smithy_codegen::model::Traits, which: &str) -> Option<u64> {
    traits
        .get("smithy.api#length")
        .and_then(|l| l.get(which))
        .and_then(serde_json::Value::as_u64)
}

/// Whether a shape is a structure, union, list or map (nests another JSON level).
pub fn is_container(model: &Model, id: &ShapeId) -> bool {
    matches!(
        model.expect(id).kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::List(_) | ShapeKind::Map { .. }
    )
}
