//! What a model update changes, and what that does to the generated crate.
//!
//! Two [`summary::ApiSummary`]s (the crate's API as the generator sees it: the selection's
//! closure) are compared fact by fact. Each change gets two verdicts: the severity Smithy's
//! own `smithy-diff` gives it (naming the evaluator), and its effect on the generated crate
//! under Rust semver, by the rules of ARCHITECTURE.md ("Model updates under semver"). The
//! crate's verdict is the highest.

pub mod summary;

/// The file of a generated crate holding its [`summary::ApiSummary`].
pub const SUMMARY_FILE: &str = "api.json";

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use summary::{ApiSummary, ConstraintsSummary, MemberSummary, ShapeSummary};

/// smithy-diff's severities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// Informational.
    Note,
    /// May break some clients.
    Warning,
    /// Likely breaks clients.
    Danger,
    /// Breaks clients.
    Error,
}

/// What a change does to the generated crate under Rust semver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    /// No API change (behaviour or docs only).
    Patch,
    /// Additions only.
    Minor,
    /// Programs that compiled may not.
    Major,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "NOTE",
            Severity::Warning => "WARNING",
            Severity::Danger => "DANGER",
            Severity::Error => "ERROR",
        })
    }
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        })
    }
}

/// One change between two models.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// What changed: an operation's name, a shape id, a member id (`Shape$Member`).
    pub subject: String,
    /// The change, in words.
    pub what: String,
    /// smithy-diff's evaluator for it.
    pub evaluator: &'static str,
    /// smithy-diff's severity.
    pub severity: Severity,
    /// Its effect on the generated crate.
    pub semver: Semver,
    /// Why.
    pub reason: String,
}

/// What changed between two models.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// The old model.
    pub old: String,
    /// The new model.
    pub new: String,
    /// Every change but documentation, in subject order.
    pub changes: Vec<Change>,
    /// How many shapes, members, operations or services have only new documentation.
    pub documentation_changes: usize,
}

impl Report {
    /// The crate's verdict: the highest of its changes (`None`: nothing changed).
    pub fn semver(&self) -> Option<Semver> {
        let highest = self.changes.iter().map(|c| c.semver).max();
        highest.or((self.documentation_changes > 0).then_some(Semver::Patch))
    }

    /// Whether nothing at all changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.documentation_changes == 0
    }

    /// One line: the verdict and the counts (`minor: 3 changes (2 minor, 1 patch), documentation of 4`).
    pub fn headline(&self) -> String {
        let Some(verdict) = self.semver() else {
            return "no changes".to_owned();
        };
        let count = |level| self.changes.iter().filter(|c| c.semver == level).count();
        let mut parts = Vec::new();
        for level in [Semver::Major, Semver::Minor, Semver::Patch] {
            let n = count(level);
            if n > 0 {
                parts.push(format!("{n} {level}"));
            }
        }
        let mut line = format!(
            "{verdict} release: {} change{}",
            self.changes.len(),
            if self.changes.len() == 1 { "" } else { "s" }
        );
        if !parts.is_empty() {
            line.push_str(&format!(" ({})", parts.join(", ")));
        }
        if self.documentation_changes > 0 {
            line.push_str(&format!(
                ", new documentation on {}",
                self.documentation_changes
            ));
        }
        line
    }

    /// A terminal table: one line per change.
    pub fn table(&self) -> String {
        let mut out = format!("{} → {}\n{}\n", self.old, self.new, self.headline());
        if self.changes.is_empty() {
            return out;
        }
        let width = |f: &dyn Fn(&Change) -> usize, title: &str| {
            self.changes
                .iter()
                .map(f)
                .max()
                .unwrap_or(0)
                .max(title.len())
        };
        let w_semver = width(&|c| c.semver.to_string().len(), "rust");
        let w_smithy = width(
            &|c| c.severity.to_string().len() + c.evaluator.len() + 1,
            "smithy-diff",
        );
        let w_subject = width(&|c| c.subject.chars().count(), "change");
        out.push_str(&format!(
            "\n{:w_semver$}  {:w_smithy$}  {:w_subject$}  what (why, for the crate)\n",
            "rust", "smithy-diff", "change"
        ));
        for c in &self.changes {
            let smithy = format!("{} {}", c.severity, c.evaluator);
            out.push_str(&format!(
                "{:w_semver$}  {:w_smithy$}  {:w_subject$}  {} ({})\n",
                c.semver.to_string(),
                smithy,
                c.subject,
                abridged(&c.what, 100),
                c.reason
            ));
        }
        out
    }

    /// Markdown: a heading, the verdict, a table.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "# Model update\n\n`{}` → `{}`\n\n**{}**\n",
            self.old,
            self.new,
            self.headline()
        );
        if !self.changes.is_empty() {
            out.push_str("\n| Rust semver | smithy-diff | change | what | why, for the crate |\n|---|---|---|---|---|\n");
            for c in &self.changes {
                out.push_str(&format!(
                    "| {} | {} ({}) | `{}` | {} | {} |\n",
                    c.semver,
                    c.severity,
                    c.evaluator,
                    c.subject,
                    c.what.replace('|', "\\|"),
                    c.reason.replace('|', "\\|")
                ));
            }
        }
        out
    }

    /// JSON, for tools.
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            semver: Option<Semver>,
            #[serde(flatten)]
            report: &'a Report,
        }
        serde_json::to_string_pretty(&Json {
            semver: self.semver(),
            report: self,
        })
        .expect("a report serializes")
    }
}

/// `text`, cut to `max` characters with an ellipsis (long patterns, in the table only).
fn abridged(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// Collects the changes.
struct Diff<'a> {
    old: &'a ApiSummary,
    new: &'a ApiSummary,
    changes: Vec<Change>,
    docs: usize,
}

impl Diff<'_> {
    fn push(
        &mut self,
        subject: impl Into<String>,
        what: impl Into<String>,
        (evaluator, severity): (&'static str, Severity),
        (semver, reason): (Semver, &str),
    ) {
        self.changes.push(Change {
            subject: subject.into(),
            what: what.into(),
            evaluator,
            severity,
            semver,
            reason: reason.to_owned(),
        });
    }

    fn docs(&mut self, old: &Option<String>, new: &Option<String>) {
        if old != new {
            self.docs += 1;
        }
    }
}

/// Compares two summaries.
pub fn compare(old: &ApiSummary, new: &ApiSummary) -> Report {
    let mut diff = Diff {
        old,
        new,
        changes: Vec::new(),
        docs: 0,
    };
    service(&mut diff);
    operations(&mut diff);
    shapes(&mut diff);
    let mut changes = diff.changes;
    changes.sort_by(|a, b| a.subject.cmp(&b.subject).then(a.what.cmp(&b.what)));
    Report {
        old: old.model.clone(),
        new: new.model.clone(),
        changes,
        documentation_changes: diff.docs,
    }
}

fn service(d: &mut Diff<'_>) {
    // The summaries outlive `d`: what is read of them does not hold `d` borrowed.
    let (old, new) = (&d.old.service, &d.new.service);
    let subject = new.id.as_str();
    if old.protocol != new.protocol {
        d.push(
            subject,
            format!("protocol {} → {}", old.protocol, new.protocol),
            ("ModifiedTrait", Severity::Warning),
            (
                Semver::Patch,
                "requests carry the new protocol's headers; the API is the same",
            ),
        );
    }
    if old.signing_name != new.signing_name {
        d.push(
            subject,
            format!(
                "signing name {:?} → {:?}",
                old.signing_name, new.signing_name
            ),
            ("ModifiedTrait", Severity::Warning),
            (
                Semver::Patch,
                "requests are signed for another name; the API is the same",
            ),
        );
    }
    if old.endpoint_rules != new.endpoint_rules {
        d.push(
            subject,
            "endpoint rules changed",
            ("ModifiedTrait", Severity::Note),
            (
                Semver::Patch,
                "endpoints resolve differently; the API is the same",
            ),
        );
    }
    d.docs(&old.docs, &new.docs);
}

fn operations(d: &mut Diff<'_>) {
    let (old_ops, new_ops) = (&d.old.operations, &d.new.operations);
    let names: BTreeSet<&String> = old_ops.keys().chain(new_ops.keys()).collect();
    for name in names {
        match (old_ops.get(name), new_ops.get(name)) {
            (None, Some(_)) => d.push(
                name.as_str(),
                "operation added",
                ("AddedEntityBinding", Severity::Note),
                (
                    Semver::Minor,
                    "a new module in `operation` and new variants of `Error`",
                ),
            ),
            (Some(_), None) => d.push(
                name.as_str(),
                "operation removed",
                ("RemovedEntityBinding", Severity::Error),
                (Semver::Major, "its module and types are gone"),
            ),
            (Some(old), Some(new)) => {
                for error in new.errors.iter().filter(|e| !old.errors.contains(e)) {
                    d.push(
                        name.as_str(),
                        format!("error {} added", short(error)),
                        ("AddedOperationError", Severity::Warning),
                        (
                            Semver::Minor,
                            "a variant of a `#[non_exhaustive]` error enum",
                        ),
                    );
                }
                for error in old.errors.iter().filter(|e| !new.errors.contains(e)) {
                    d.push(
                        name.as_str(),
                        format!("error {} removed", short(error)),
                        ("RemovedOperationError", Severity::Warning),
                        (Semver::Major, "the error enum loses a variant"),
                    );
                }
                if old.paginated != new.paginated {
                    let severity = if new.paginated.is_none() {
                        Severity::Error
                    } else if old.paginated.is_none() {
                        Severity::Note
                    } else {
                        Severity::Error
                    };
                    d.push(
                        name.as_str(),
                        format!(
                            "@paginated {} → {}",
                            paging(old.paginated.as_ref()),
                            paging(new.paginated.as_ref())
                        ),
                        ("ChangedPaginatedTrait", severity),
                        paginator_semver(old.paginated.as_ref(), new.paginated.as_ref()),
                    );
                }
                d.docs(&old.docs, &new.docs);
            }
            (None, None) => {}
        }
    }
}

/// What a `@paginated` change does to the client's paginator (feature `client`): its
/// `items()` and `page_size()` exist when the model names items and a page size; the tokens
/// are its own business.
fn paginator_semver(
    old: Option<&[Option<String>; 4]>,
    new: Option<&[Option<String>; 4]>,
) -> (Semver, &'static str) {
    match (old, new) {
        (_, None) => (Semver::Major, "`into_paginator()` goes away"),
        (None, Some(_)) => (Semver::Minor, "`into_paginator()` is added"),
        (Some([_, _, old_items, old_size]), Some([_, _, new_items, new_size])) => {
            if (old_items.is_some() && new_items.is_none())
                || (old_size.is_some() && new_size.is_none())
            {
                (
                    Semver::Major,
                    "the paginator loses `items()` or `page_size()`",
                )
            } else if old_items.is_none() != new_items.is_none()
                || old_size.is_none() != new_size.is_none()
            {
                (
                    Semver::Minor,
                    "the paginator gains `items()` or `page_size()`",
                )
            } else {
                (Semver::Patch, "the paginator's API is unchanged")
            }
        }
    }
}

fn paging(p: Option<&[Option<String>; 4]>) -> String {
    match p {
        None => "none".to_owned(),
        Some([input, output, items, size]) => format!(
            "{}/{}/{}/{}",
            input.as_deref().unwrap_or("-"),
            output.as_deref().unwrap_or("-"),
            items.as_deref().unwrap_or("-"),
            size.as_deref().unwrap_or("-")
        ),
    }
}

/// A shape id's name (`com.amazonaws.fsx#Backup` → `Backup`).
fn short(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

fn kind(shape: &ShapeSummary) -> &'static str {
    match shape {
        ShapeSummary::Simple { .. } => "simple",
        ShapeSummary::Structure { .. } => "structure",
        ShapeSummary::Union { .. } => "union",
        ShapeSummary::Enum { int: false, .. } => "enum",
        ShapeSummary::Enum { int: true, .. } => "intEnum",
        ShapeSummary::List { .. } => "list",
        ShapeSummary::Map { .. } => "map",
    }
}

/// Whether a shape is a Rust type of its own (structures, unions, enums).
fn is_type(shape: &ShapeSummary) -> bool {
    matches!(
        shape,
        ShapeSummary::Structure { .. } | ShapeSummary::Union { .. } | ShapeSummary::Enum { .. }
    )
}

fn shapes(d: &mut Diff<'_>) {
    let (old_shapes, new_shapes) = (&d.old.shapes, &d.new.shapes);
    let ids: BTreeSet<&String> = old_shapes.keys().chain(new_shapes.keys()).collect();
    for id in ids {
        match (old_shapes.get(id), new_shapes.get(id)) {
            (None, Some(new)) => {
                let (semver, reason) = if is_type(new) {
                    (Semver::Minor, "a new type")
                } else {
                    (Semver::Patch, "no item of its own")
                };
                d.push(
                    id.as_str(),
                    format!("{} added", kind(new)),
                    ("AddedShape", Severity::Note),
                    (semver, reason),
                );
            }
            (Some(old), None) => {
                let (semver, reason) = if is_type(old) {
                    (Semver::Major, "the type is gone")
                } else {
                    (
                        Semver::Patch,
                        "no item of its own (members that used it are reported)",
                    )
                };
                d.push(
                    id.as_str(),
                    format!("{} removed", kind(old)),
                    ("RemovedShape", Severity::Error),
                    (semver, reason),
                );
            }
            (Some(old), Some(new)) => shape(d, id, old, new),
            (None, None) => {}
        }
    }
}

fn shape(d: &mut Diff<'_>, id: &str, old: &ShapeSummary, new: &ShapeSummary) {
    use ShapeSummary as S;
    match (old, new) {
        (
            S::Simple {
                r#type: a,
                docs: da,
            },
            S::Simple {
                r#type: b,
                docs: db,
            },
        ) => {
            if a != b {
                d.push(
                    id,
                    format!("type {a} → {b}"),
                    ("ChangedShapeType", Severity::Error),
                    (Semver::Patch, "members that use it are reported"),
                );
            }
            d.docs(da, db);
        }
        (
            S::Structure {
                members: a,
                docs: da,
                input: ia,
                ..
            },
            S::Structure {
                members: b,
                docs: db,
                input: ib,
                ..
            },
        ) => {
            members(
                d,
                id,
                a,
                b,
                Container::Structure {
                    old_input: *ia,
                    new_input: *ib,
                },
            );
            d.docs(da, db);
        }
        (
            S::Union {
                members: a,
                docs: da,
                ..
            },
            S::Union {
                members: b,
                docs: db,
                ..
            },
        ) => {
            members(d, id, a, b, Container::Union);
            d.docs(da, db);
        }
        (
            S::Enum {
                values: a,
                docs: da,
                ..
            },
            S::Enum {
                values: b,
                docs: db,
                ..
            },
        ) => {
            enum_values(d, id, a, b);
            d.docs(da, db);
        }
        (
            S::List {
                member: a,
                sparse: sa,
                ..
            },
            S::List {
                member: b,
                sparse: sb,
                ..
            },
        ) => {
            element(d, &format!("{id}$member"), a, b);
            sparse(d, id, *sa, *sb);
        }
        (
            S::Map {
                key: ka,
                value: va,
                sparse: sa,
                ..
            },
            S::Map {
                key: kb,
                value: vb,
                sparse: sb,
                ..
            },
        ) => {
            element(d, &format!("{id}$key"), ka, kb);
            element(d, &format!("{id}$value"), va, vb);
            sparse(d, id, *sa, *sb);
        }
        _ => d.push(
            id,
            format!("{} → {}", kind(old), kind(new)),
            ("ChangedShapeType", Severity::Error),
            (Semver::Major, "the type changes kind"),
        ),
    }
}

fn sparse(d: &mut Diff<'_>, id: &str, old: bool, new: bool) {
    if old != new {
        d.push(
            id,
            if new {
                "@sparse added"
            } else {
                "@sparse removed"
            },
            ("ModifiedTrait", Severity::Error),
            (Semver::Major, "elements change between `T` and `Option<T>`"),
        );
    }
}

fn element(
    d: &mut Diff<'_>,
    subject: &str,
    old: &summary::ElementSummary,
    new: &summary::ElementSummary,
) {
    retarget(
        d,
        subject,
        (&old.target, &old.rust),
        (&new.target, &new.rust),
    );
    constraints(d, subject, &old.constraints, &new.constraints);
}

/// A member's or element's new target (each side: target and Rust type): a patch when the
/// Rust type stays, major otherwise. Whether it was one.
fn retarget(d: &mut Diff<'_>, subject: &str, old: (&str, &str), new: (&str, &str)) -> bool {
    if old.0 == new.0 {
        return false;
    }
    let (semver, reason) = if old.1 == new.1 {
        (Semver::Patch, "the same Rust type")
    } else {
        (Semver::Major, "its Rust type changes")
    };
    d.push(
        subject,
        format!(
            "target {} → {} ({} → {})",
            short(old.0),
            short(new.0),
            old.1,
            new.1
        ),
        ("ChangedMemberTarget", Severity::Error),
        (semver, reason),
    );
    true
}

fn enum_values(
    d: &mut Diff<'_>,
    id: &str,
    old: &[summary::EnumValueSummary],
    new: &[summary::EnumValueSummary],
) {
    let mut kept = 0;
    for value in old {
        match new.iter().find(|v| v.value == value.value) {
            None => d.push(
                id,
                format!("value {} removed", value.value),
                ("ChangedEnumTrait", Severity::Error),
                (Semver::Major, "its variant is gone"),
            ),
            Some(now) => {
                kept += 1;
                if now.variant != value.variant {
                    d.push(
                        id,
                        format!(
                            "value {} renamed {} → {}",
                            value.value, value.name, now.name
                        ),
                        ("ChangedEnumTrait", Severity::Error),
                        (Semver::Major, "its variant is renamed"),
                    );
                }
            }
        }
    }
    for (position, value) in new.iter().enumerate() {
        if !old.iter().any(|v| v.value == value.value) {
            // smithy-diff: appended is a NOTE, inserted before existing values an ERROR.
            let severity = if position < kept {
                Severity::Error
            } else {
                Severity::Note
            };
            d.push(
                id,
                format!("value {} added", value.value),
                ("ChangedEnumTrait", severity),
                (
                    Semver::Minor,
                    "a variant of a `#[non_exhaustive]` enum (an older crate read it as `Unknown`)",
                ),
            );
        }
    }
}

/// What holds members, and whether a structure is an operation's input (before and after).
#[derive(Clone, Copy)]
enum Container {
    Structure { old_input: bool, new_input: bool },
    Union,
}

fn members(
    d: &mut Diff<'_>,
    id: &str,
    old: &[MemberSummary],
    new: &[MemberSummary],
    container: Container,
) {
    let union = matches!(container, Container::Union);
    let by_name = |list| -> BTreeMap<&str, &MemberSummary> {
        <[MemberSummary]>::iter(list)
            .map(|m| (m.name.as_str(), m))
            .collect()
    };
    let (olds, news) = (by_name(old), by_name(new));
    for (name, member) in &news {
        if olds.contains_key(name) {
            continue;
        }
        let subject = format!("{id}${name}");
        if union {
            d.push(
                subject,
                "member added",
                ("AddedShape", Severity::Note),
                (Semver::Minor, "a variant of a `#[non_exhaustive]` union"),
            );
        } else if member.optional {
            d.push(
                subject,
                format!("member added ({})", member.rust),
                ("AddedShape", Severity::Note),
                (
                    Semver::Minor,
                    "a field, a getter and setters of a `#[non_exhaustive]` struct",
                ),
            );
        } else if member.required && member.default.is_none() {
            d.push(
                subject,
                format!("required member added ({})", member.rust),
                ("AddedRequiredMember", Severity::Error),
                (
                    Semver::Major,
                    "a field that is not an `Option`: `build()` now returns a `Result`",
                ),
            );
        } else {
            d.push(
                subject,
                format!("member added with a default ({})", member.rust),
                ("AddedShape", Severity::Note),
                (
                    Semver::Minor,
                    "a field, a getter and setters of a `#[non_exhaustive]` struct",
                ),
            );
        }
    }
    for name in olds.keys().filter(|n| !news.contains_key(*n)) {
        d.push(
            format!("{id}${name}"),
            "member removed",
            ("RemovedShape", Severity::Error),
            (
                Semver::Major,
                if union {
                    "its variant is gone"
                } else {
                    "its field, getter and setters are gone"
                },
            ),
        );
    }
    let inputs = match container {
        Container::Structure {
            old_input,
            new_input,
        } => (old_input, new_input),
        Container::Union => (false, false),
    };
    for (name, new) in &news {
        if let Some(old) = olds.get(name) {
            member(d, &format!("{id}${name}"), old, new, inputs);
        }
    }
}

fn member(
    d: &mut Diff<'_>,
    subject: &str,
    old: &MemberSummary,
    new: &MemberSummary,
    inputs: (bool, bool),
) {
    let retargeted = retarget(
        d,
        subject,
        (&old.target, &old.rust),
        (&new.target, &new.rust),
    );
    if !retargeted && old.rust != new.rust {
        // The same target, another type: its optionality changed.
        d.push(
            subject,
            format!("{} → {}", old.rust, new.rust),
            nullability_evaluator(old, new, inputs),
            (Semver::Major, "`Option<T>` and `T` are different types"),
        );
    }
    let traits_changed = (
        old.required,
        old.client_optional,
        old.added_default,
        old.default.is_some(),
    ) != (
        new.required,
        new.client_optional,
        new.added_default,
        new.default.is_some(),
    );
    if traits_changed && old.rust == new.rust {
        d.push(
            subject,
            format!("nullability {} → {}", nullability(old), nullability(new)),
            nullability_evaluator(old, new, inputs),
            (Semver::Patch, "its Rust type stays the same"),
        );
    }
    if old.default.is_some() && new.default.is_some() && old.default != new.default {
        d.push(
            subject,
            format!(
                "default {} → {}",
                old.default
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                new.default
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ),
            ("ChangedDefault", Severity::Error),
            (
                Semver::Patch,
                "an absent member reads as the new default; the API is the same",
            ),
        );
    }
    constraints(d, subject, &old.constraints, &new.constraints);
    if old.idempotency_token != new.idempotency_token {
        let (what, severity, reason) = if new.idempotency_token {
            (
                "@idempotencyToken added",
                Severity::Note,
                "`request` fills it when unset",
            )
        } else {
            (
                "@idempotencyToken removed",
                Severity::Error,
                "`request` no longer fills it",
            )
        };
        d.push(
            subject,
            what,
            ("ModifiedTrait", severity),
            (Semver::Patch, reason),
        );
    }
    if old.sensitive != new.sensitive {
        let (what, severity, reason) = if new.sensitive {
            (
                "now sensitive",
                Severity::Note,
                "`Debug` and errors no longer show it",
            )
        } else {
            ("no longer sensitive", Severity::Warning, "`Debug` shows it")
        };
        d.push(
            subject,
            what,
            ("ModifiedTrait", severity),
            (Semver::Patch, reason),
        );
    }
    if old.timestamp_format != new.timestamp_format && old.target == new.target {
        d.push(
            subject,
            format!(
                "@timestampFormat {} → {}",
                old.timestamp_format.as_deref().unwrap_or("-"),
                new.timestamp_format.as_deref().unwrap_or("-")
            ),
            ("ModifiedTrait", Severity::Error),
            (
                Semver::Patch,
                "the wire format changes; the API is the same",
            ),
        );
    }
    if old.json_name != new.json_name {
        d.push(
            subject,
            format!(
                "@jsonName {} → {}",
                old.json_name.as_deref().unwrap_or("-"),
                new.json_name.as_deref().unwrap_or("-")
            ),
            ("ModifiedTrait", Severity::Error),
            (Semver::Patch, "awsJson ignores @jsonName: nothing changes"),
        );
    }
    d.docs(&old.docs, &new.docs);
}

fn nullability(m: &MemberSummary) -> String {
    let mut traits = Vec::new();
    if m.required {
        traits.push("@required");
    }
    if m.client_optional {
        traits.push("@clientOptional");
    }
    if m.default.is_some() {
        traits.push("@default");
    }
    if m.added_default {
        traits.push("@addedDefault");
    }
    if traits.is_empty() {
        "none".to_owned()
    } else {
        traits.join(" ")
    }
}

/// Whether Smithy's `NullableIndex` (client mode) calls a member nullable.
fn nullable(m: &MemberSummary, input: bool) -> bool {
    let has_default = m.default.as_ref().is_some_and(|v| !v.is_null());
    (input || m.client_optional || !m.required) && !has_default
}

/// What smithy-diff says of a change to a member's nullability traits: `ChangedNullability`
/// (with the case its event id names) when `NullableIndex` sees the nullability change,
/// else `RemovedRequiredTrait` when `@required` goes without a `@default` outside an input,
/// else nothing (`none`).
fn nullability_evaluator(
    old: &MemberSummary,
    new: &MemberSummary,
    (old_input, new_input): (bool, bool),
) -> (&'static str, Severity) {
    let added = |f: fn(&MemberSummary) -> bool| !f(old) && f(new);
    let removed = |f: fn(&MemberSummary) -> bool| f(old) && !f(new);
    if nullable(old, old_input) != nullable(new, new_input) {
        if old_input && !new_input {
            ("ChangedNullability.RemovedInputTrait", Severity::Error)
        } else if !old_input && new_input {
            ("ChangedNullability.AddedInputTrait", Severity::Danger)
        } else if added(|m| m.client_optional) && old.required && new.required {
            ("ChangedNullability.AddedNullableTrait", Severity::Error)
        } else if added(|m| m.required) && !new.client_optional {
            ("ChangedNullability.AddedRequiredTrait", Severity::Error)
        } else if added(|m| m.default.is_some()) && !removed(|m| m.required) {
            ("ChangedNullability.AddedDefaultTrait", Severity::Error)
        } else if removed(|m| m.required) && new.default.is_none() && !old.client_optional {
            ("ChangedNullability.RemovedRequiredTrait", Severity::Error)
        } else {
            ("ChangedNullability", Severity::Error)
        }
    } else if removed(|m| m.required) && new.default.is_none() && !new_input {
        ("RemovedRequiredTrait", Severity::Error)
    } else {
        ("none", Severity::Note)
    }
}

fn constraints(
    d: &mut Diff<'_>,
    subject: &str,
    old: &ConstraintsSummary,
    new: &ConstraintsSummary,
) {
    if old.length != new.length {
        let stricter = stricter_u64(old.length, new.length);
        d.push(
            subject,
            format!("@length {} → {}", bounds(old.length), bounds(new.length)),
            (
                "ChangedLengthTrait",
                if stricter {
                    Severity::Error
                } else {
                    Severity::Note
                },
            ),
            (
                Semver::Patch,
                "docs and `validate()` change; the API is the same",
            ),
        );
    }
    if old.range != new.range {
        let text = |r: &Option<(Option<serde_json::Number>, Option<serde_json::Number>)>| match r {
            None => "none".to_owned(),
            Some((a, b)) => format!(
                "{}..={}",
                a.as_ref().map(ToString::to_string).unwrap_or_default(),
                b.as_ref().map(ToString::to_string).unwrap_or_default()
            ),
        };
        let as_f64 =
            |n: &Option<serde_json::Number>| n.as_ref().and_then(serde_json::Number::as_f64);
        let stricter = match (&old.range, &new.range) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some((a_min, a_max)), Some((b_min, b_max))) => {
                let min = match (as_f64(a_min), as_f64(b_min)) {
                    (None, Some(_)) => true,
                    (Some(a), Some(b)) => b > a,
                    _ => false,
                };
                let max = match (as_f64(a_max), as_f64(b_max)) {
                    (None, Some(_)) => true,
                    (Some(a), Some(b)) => b < a,
                    _ => false,
                };
                min || max
            }
            (None, None) => false,
        };
        d.push(
            subject,
            format!("@range {} → {}", text(&old.range), text(&new.range)),
            (
                "ChangedRangeTrait",
                if stricter {
                    Severity::Error
                } else {
                    Severity::Note
                },
            ),
            (
                Semver::Patch,
                "docs and `validate()` change; the API is the same",
            ),
        );
    }
    if old.pattern != new.pattern {
        let severity = if new.pattern.is_none() {
            Severity::Warning
        } else {
            Severity::Note
        };
        d.push(
            subject,
            format!(
                "@pattern {} → {}",
                old.pattern.as_deref().unwrap_or("none"),
                new.pattern.as_deref().unwrap_or("none")
            ),
            ("ModifiedTrait", severity),
            (
                Semver::Patch,
                "docs and `validate()` change; the API is the same",
            ),
        );
    }
}

fn bounds(length: Option<(Option<u64>, Option<u64>)>) -> String {
    match length {
        None => "none".to_owned(),
        Some((min, max)) => format!(
            "{}..={}",
            min.map(|m| m.to_string()).unwrap_or_default(),
            max.map(|m| m.to_string()).unwrap_or_default()
        ),
    }
}

/// Whether the new bounds allow less than the old (a higher minimum or a lower maximum).
fn stricter_u64(
    old: Option<(Option<u64>, Option<u64>)>,
    new: Option<(Option<u64>, Option<u64>)>,
) -> bool {
    let (old_min, old_max) = old.unwrap_or((None, None));
    let (new_min, new_max) = new.unwrap_or((None, None));
    let min = new_min.unwrap_or(0) > old_min.unwrap_or(0);
    let max = match (old_max, new_max) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
        _ => false,
    };
    min || max
}
