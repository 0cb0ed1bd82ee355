//! Checking a value against its model's constraints (`@required`, `@length`, `@range`,
//! `@pattern`), for inputs' `validate()`. It runs only when asked: the Smithy spec says clients
//! should not enforce constraints, which services relax over time.
//!
//! The generated code walks a value and reports what it finds to a [`Validator`], which keeps
//! the path to the member being checked (`Tags[2].Key`) and collects every violation. Messages
//! never hold a value: a member's path, what the model allows, and (unless the member is
//! `@sensitive`) a length or number.
//!
//! [`Validator`] and [`Check`] are for the generated code (in generated crates, the runtime
//! module is private); [`ValidationError`] and what it holds are public API.

use std::fmt;

/// A value that knows its own constraints (generated for every structure and union inputs
/// reach that has any).
pub trait Check {
    /// Reports each of the value's violations to `v`.
    fn check(&self, v: &mut Validator);
}

/// A value boxed for recursion checks as itself.
impl<T: Check + ?Sized> Check for Box<T> {
    fn check(&self, v: &mut Validator) {
        (**self).check(v);
    }
}

/// Collects the violations of one value, and the path to where it is.
#[derive(Debug)]
pub struct Validator {
    shape: &'static str,
    path: Vec<Segment>,
    /// How many of the members on the path are `@sensitive` (their lengths, numbers and map
    /// keys are not shown).
    redacted: usize,
    violations: Vec<Violation>,
}

/// A step of a path: a member, a list index, or a map key.
#[derive(Debug)]
enum Segment {
    Member(&'static str),
    Index(usize),
    /// A map key; `None` when it must not be shown (inside a `@sensitive` member).
    Key(Option<String>),
}

impl Validator {
    /// A validator for a value of the shape called `shape` (for messages).
    pub fn new(shape: &'static str) -> Self {
        Validator {
            shape,
            path: Vec::new(),
            redacted: 0,
            violations: Vec::new(),
        }
    }

    /// `Ok` when nothing was reported, else every violation, in the order found.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                shape: self.shape,
                violations: self.violations,
            })
        }
    }

    /// Runs `f` with the member `member` added to the path; `redacted` when its value must
    /// not be shown.
    pub fn member(&mut self, member: &'static str, redacted: bool, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Member(member));
        self.redacted += usize::from(redacted);
        f(self);
        self.redacted -= usize::from(redacted);
        self.path.pop();
    }

    /// Runs `f` on each element of a list, its index added to the path.
    pub fn each<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        for (i, item) in items.iter().enumerate() {
            self.path.push(Segment::Index(i));
            f(self, item);
            self.path.pop();
        }
    }

    /// Runs `f` on each entry of a map, its key added to the path (unless inside a
    /// `@sensitive` member). Keys are passed too, for their own constraints.
    pub fn entries<'a, K: fmt::Display + 'a, V: 'a>(
        &mut self,
        entries: impl IntoIterator<Item = (&'a K, &'a V)>,
        mut f: impl FnMut(&mut Self, &'a K, &'a V),
    ) {
        for (key, value) in entries {
            let shown = (self.redacted == 0).then(|| key.to_string());
            self.path.push(Segment::Key(shown));
            f(self, key, value);
            self.path.pop();
        }
    }

    /// Reports a `@required` member (one with no `@default`) that is unset.
    pub fn missing(&mut self) {
        self.report(ViolationKind::Missing);
    }

    /// Checks a `@length`: characters of a string, bytes of a blob, elements of a list,
    /// entries of a map.
    pub fn length(&mut self, length: usize, min: Option<u64>, max: Option<u64>) {
        let length = u64::try_from(length).unwrap_or(u64::MAX);
        if min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max) {
            let actual = self.shown(length);
            self.report(ViolationKind::Length { min, max, actual });
        }
    }

    /// Checks the `@range` of an integer.
    pub fn range_int(&mut self, value: i64, min: Option<i64>, max: Option<i64>) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
            let actual = self.shown(RangeValue::Int(value));
            self.report(ViolationKind::Range {
                min: min.map(RangeValue::Int),
                max: max.map(RangeValue::Int),
                actual,
            });
        }
    }

    /// Checks the `@range` of a float; NaN is in no range.
    pub fn range_float(&mut self, value: f64, min: Option<f64>, max: Option<f64>) {
        let inside = !value.is_nan()
            && min.is_none_or(|min| value >= min)
            && max.is_none_or(|max| value <= max);
        if !inside {
            let actual = self.shown(RangeValue::Float(value));
            self.report(ViolationKind::Range {
                min: min.map(RangeValue::Float),
                max: max.map(RangeValue::Float),
                actual,
            });
        }
    }

    /// Reports a string that does not match its `@pattern` (the generated code runs the
    /// regular expression).
    pub fn pattern_mismatch(&mut self, pattern: &'static str) {
        self.report(ViolationKind::Pattern { pattern });
    }

    /// `value`, unless inside a `@sensitive` member.
    fn shown<T>(&self, value: T) -> Option<T> {
        (self.redacted == 0).then_some(value)
    }

    fn report(&mut self, kind: ViolationKind) {
        let mut path = String::new();
        for segment in &self.path {
            match segment {
                Segment::Member(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Segment::Index(i) => path.push_str(&format!("[{i}]")),
                Segment::Key(Some(key)) => path.push_str(&format!("[{key:?}]")),
                Segment::Key(None) => path.push_str("[*]"),
            }
        }
        self.violations.push(Violation { path, kind });
    }
}

/// What an input's `validate()` found wrong: every violation of its model's constraints.
///
/// `validate()` checks that every `@required` member without a default is set, and that every
/// `@length` (characters of a string, bytes of a blob, elements of a list, entries of a map),
/// `@range` and `@pattern` holds, in nested structures, lists, maps and unions too. Patterns
/// are checked only with the crate's `validate-patterns` feature (which adds the regex crate);
/// those the regex crate cannot parse (look-around, back-references) are never checked, and its
/// `\d` and `\w` match Unicode digits and word characters where the model's ECMA 262 dialect
/// matches ASCII only. The ranges of big numbers are not checked.
///
/// Nothing runs `validate()` on its own: the Smithy specification says clients should not
/// enforce constraints, as services relax them over time and the service is the judge of what
/// it accepts. Call it to catch mistakes before sending.
///
/// Messages never show a value: a member's path, what the model allows, and the length or
/// number found, except for `@sensitive` members (nor the map keys inside them).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    shape: &'static str,
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The name of the validated type (`CopyBackupInput`).
    pub fn shape(&self) -> &str {
        self.shape
    }

    /// Every violation, in the order of the value's members (never empty).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        let s = if n == 1 { "" } else { "s" };
        write!(f, "{} is invalid ({n} problem{s}): ", self.shape)?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// One violation: where, and of what.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    path: String,
    kind: ViolationKind,
}

impl Violation {
    /// The member's path in the value, with the model's member names: `SourceBackupId`,
    /// `Tags[2].Key`, `Options["key"]` (`Options[*]` in a `@sensitive` map).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

/// What a violation is of. `actual` is `None` for a `@sensitive` member, whose length or
/// value is never shown.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// `@required`, and unset.
    Missing,
    /// Outside its `@length`.
    Length {
        /// The least allowed.
        min: Option<u64>,
        /// The most allowed.
        max: Option<u64>,
        /// The member's length.
        actual: Option<u64>,
    },
    /// Outside its `@range`.
    Range {
        /// The least allowed.
        min: Option<RangeValue>,
        /// The greatest allowed.
        max: Option<RangeValue>,
        /// The member's value.
        actual: Option<RangeValue>,
    },
    /// Does not match its `@pattern`.
    Pattern {
        /// The regular expression, as the model writes it.
        pattern: &'static str,
    },
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViolationKind::Missing => f.write_str("required, but not set"),
            ViolationKind::Length { min, max, actual } => {
                match actual {
                    Some(actual) => write!(f, "length {actual} is not ")?,
                    None => f.write_str("length is not ")?,
                }
                bounds(f, min.as_ref(), max.as_ref())
            }
            ViolationKind::Range { min, max, actual } => {
                match actual {
                    Some(actual) => write!(f, "{actual} is not ")?,
                    None => f.write_str("value is not ")?,
                }
                bounds(f, min.as_ref(), max.as_ref())
            }
            ViolationKind::Pattern { pattern } => {
                write!(f, "does not match the pattern {pattern}")
            }
        }
    }
}

/// "between 1 and 128", "at least 1", "at most 128".
fn bounds(
    f: &mut fmt::Formatter<'_>,
    min: Option<&impl fmt::Display>,
    max: Option<&impl fmt::Display>,
) -> fmt::Result {
    match (min, max) {
        (Some(min), Some(max)) => write!(f, "between {min} and {max}"),
        (Some(min), None) => write!(f, "at least {min}"),
        (None, Some(max)) => write!(f, "at most {max}"),
        (None, None) => f.write_str("allowed"),
    }
}

/// A number in a range violation: integer members' are integers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RangeValue {
    /// An integer member's.
    Int(i64),
    /// A float member's.
    Float(f64),
}

impl fmt::Display for RangeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeValue::Int(n) => fmt::Display::fmt(n, f),
            RangeValue::Float(n) => fmt::Display::fmt(n, f),
        }
    }
}

/// The bounds of a constraint written as a range (`1..=63`, `..=10`; generated code writes
/// inclusive ones only).
pub fn range_bounds<T: Copy>(range: impl std::ops::RangeBounds<T>) -> (Option<T>, Option<T>) {
    use std::ops::Bound;
    let bound = |bound: Bound<&T>| match bound {
        Bound::Included(n) | Bound::Excluded(n) => Some(*n),
        Bound::Unbounded => None,
    };
    (bound(range.start_bound()), bound(range.end_bound()))
}

/// An input's public `validate()`, from its type (by its path in the crate) and its name.
#[allow(unused_macros)] // Only generated code calls it.
macro_rules! input {
    ($($ty:ident)::+, $name:literal) => {
        impl $crate$(::$ty)+ {
            /// Checks this input against the model's constraints (`@required`, `@length`,
            /// `@range`, `@pattern`), nested values included, and returns every violation
            /// with its member's path.
            ///
            /// Nothing runs it on its own: the service decides what it accepts, and services
            /// relax constraints over time. See
            /// [`ValidationError`](crate::error::ValidationError) for what is checked.
            pub fn validate(
                &self,
            ) -> ::std::result::Result<(), $crate::runtime::validate::ValidationError> {
                let mut v = $crate::runtime::validate::Validator::new($name);
                $crate::runtime::validate::Check::check(self, &mut v);
                v.finish()
            }
        }
    };
}
#[allow(unused_imports)] // Only generated code calls it.
pub(crate) use input;

/// [`Check`] for a structure (by its path in the crate), from its checked members as
///
/// `mode field "Wire" redacted [checks]`
///
/// - `mode`: `opt` (an `Option`, checked when set), `set` (an `Option` that must be set:
///   `@required`), `req` (always set);
/// - `redacted`: whether the member is `@sensitive` (`true`/`false`);
/// - `checks`, each run on the value: `length(what, bounds)` (`what` is `chars` for a
///   string, `enum_chars`, `blob` or `len` for a collection; `bounds` a range such as `1..=63`
///   or `1..`), `range(int|long|float|double, bounds)`, `pattern(i)` or `enum_pattern(i)` (the `i`th
///   of the calling module's `PATTERNS`, matched by its `matches`), `nested` (the value's own
///   `Check`), `each([checks])` and `each_sparse([checks])` on a list's elements,
///   `entries([key checks] [value checks])` and `entries_sparse(…)` on a map's.
///
/// Written by `macro_rules!` rather than out in full: a line of generated code per member
/// instead of about eight, the same code compiled.
#[allow(unused_macros)] // Only generated code calls it.
macro_rules! check {
    ($($ty:ident)::+ {}) => {
        impl $crate::runtime::validate::Check for $crate$(::$ty)+ {
            fn check(&self, _v: &mut $crate::runtime::validate::Validator) {}
        }
    };
    ($($ty:ident)::+ {
        $($mode:ident $field:ident $wire:literal $redacted:tt [$($checks:tt)*]),+ $(,)?
    }) => {
        impl $crate::runtime::validate::Check for $crate$(::$ty)+ {
            fn check(&self, v: &mut $crate::runtime::validate::Validator) {
                $($crate::runtime::validate::check!(
                    @member self, v, $mode $field $wire $redacted [$($checks)*]
                );)+
            }
        }
    };
    (@member $this:tt, $v:ident, set $field:ident $wire:literal $redacted:tt []) => {
        if $this.$field.is_none() {
            $v.member($wire, $redacted, $crate::runtime::validate::Validator::missing);
        }
    };
    (@member $this:tt, $v:ident, set $field:ident $wire:literal $redacted:tt [$($checks:tt)+]) => {
        $crate::runtime::validate::check!(@member $this, $v, set $field $wire $redacted []);
        $crate::runtime::validate::check!(@member $this, $v, opt $field $wire $redacted [$($checks)+]);
    };
    (@member $this:tt, $v:ident, opt $field:ident $wire:literal $redacted:tt [$($checks:tt)+]) => {
        if let ::std::option::Option::Some(x) = &$this.$field {
            $v.member($wire, $redacted, |$v| {
                $crate::runtime::validate::check!(@all $v, x, $($checks)+);
            });
        }
    };
    (@member $this:tt, $v:ident, req $field:ident $wire:literal $redacted:tt [$($checks:tt)+]) => {
        let x = &$this.$field;
        $v.member($wire, $redacted, |$v| {
            $crate::runtime::validate::check!(@all $v, x, $($checks)+);
        });
    };
    (@all $v:ident, $x:ident, $($kind:ident $(($($args:tt)*))?)*) => {
        $($crate::runtime::validate::check!(@one $v, $x, $kind $(($($args)*))?);)*
    };
    (@one $v:ident, $x:ident, length($what:ident, $bounds:expr)) => {{
        let (min, max) = $crate::runtime::validate::range_bounds($bounds);
        $v.length($crate::runtime::validate::check!(@length $x, $what), min, max)
    }};
    (@one $v:ident, $x:ident, range(int, $bounds:expr)) => {{
        let (min, max) = $crate::runtime::validate::range_bounds($bounds);
        $v.range_int(i64::from(*$x), min, max)
    }};
    (@one $v:ident, $x:ident, range(long, $bounds:expr)) => {{
        let (min, max) = $crate::runtime::validate::range_bounds($bounds);
        $v.range_int(*$x, min, max)
    }};
    (@one $v:ident, $x:ident, range(float, $bounds:expr)) => {{
        let (min, max) = $crate::runtime::validate::range_bounds($bounds);
        $v.range_float(f64::from(*$x), min, max)
    }};
    (@one $v:ident, $x:ident, range(double, $bounds:expr)) => {{
        let (min, max) = $crate::runtime::validate::range_bounds($bounds);
        $v.range_float(*$x, min, max)
    }};
    (@one $v:ident, $x:ident, pattern($i:literal)) => {
        if !matches($i, $x) {
            $v.pattern_mismatch(PATTERNS[$i]);
        }
    };
    (@one $v:ident, $x:ident, enum_pattern($i:literal)) => {
        if !matches($i, $x.as_str()) {
            $v.pattern_mismatch(PATTERNS[$i]);
        }
    };
    (@one $v:ident, $x:ident, nested) => {
        $crate::runtime::validate::Check::check($x, $v)
    };
    (@one $v:ident, $x:ident, each([$($checks:tt)*])) => {
        $v.each($x, |$v, $x| {
            $crate::runtime::validate::check!(@all $v, $x, $($checks)*);
        })
    };
    (@one $v:ident, $x:ident, each_sparse([$($checks:tt)*])) => {
        $v.each($x, |$v, $x| {
            if let ::std::option::Option::Some($x) = $x {
                $crate::runtime::validate::check!(@all $v, $x, $($checks)*);
            }
        })
    };
    (@one $v:ident, $x:ident, entries([$($keys:tt)*] [$($values:tt)*])) => {
        $v.entries($x, |$v, _key, _value| {
            $crate::runtime::validate::check!(@all $v, _key, $($keys)*);
            $crate::runtime::validate::check!(@all $v, _value, $($values)*);
        })
    };
    (@one $v:ident, $x:ident, entries_sparse([$($keys:tt)*] [$($values:tt)*])) => {
        $v.entries($x, |$v, _key, _value| {
            $crate::runtime::validate::check!(@all $v, _key, $($keys)*);
            if let ::std::option::Option::Some(_value) = _value {
                $crate::runtime::validate::check!(@all $v, _value, $($values)*);
            }
        })
    };
    (@length $x:ident, chars) => { $x.chars().count() };
    (@length $x:ident, enum_chars) => { $x.as_str().chars().count() };
    (@length $x:ident, blob) => { $x.as_ref().len() };
    (@length $x:ident, len) => { $x.len() };
}
#[allow(unused_imports)] // Only generated code calls it.
pub(crate) use check;
