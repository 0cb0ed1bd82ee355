//! Emitters: the [`Ir`] (the crate's description) in, token streams out. Emitters never read
//! the model, raw JSON or files; `crate::writer` does the I/O.
//!
//! Two kinds of modules, and one rule between them:
//! - file emitters make one kind of file: `crate_root` (`lib.rs`, `types.rs`, `builders.rs`,
//!   `primitives.rs`, `json.rs`, `endpoint.rs`, the runtime's `mod.rs`, `event_stream.rs`),
//!   `ser` (`json_ser.rs`), `de` (`json_de.rs`), `serde_impls` (`serde_impls.rs`), `errors` (`error.rs`), `operations`
//!   (`operation/*.rs`), `manifest` (`Cargo.toml`), `examples`, `endpoint_tests`, `protocol_tests` and
//!   `sensitive_tests` (the generated crate's tests);
//! - item helpers make pieces several files need: `structs`, `builders`, `enums`, `unions`,
//!   `endpoint_rules` (the resolver in `endpoint.rs`),
//!   `error_enum`, `debug`, `values`, `rust` (types and defaults), `instantiate` (values in
//!   tests), and the doc helpers below.
//!
//! File emitters use item helpers, never each other.

pub mod builders;
pub mod client;
pub mod crate_root;
pub mod de;
pub mod debug;
pub mod doc_example;
pub mod endpoint_rules;
pub mod endpoint_tests;
pub mod enums;
pub mod error_enum;
pub mod errors;
pub mod examples;
pub mod instantiate;
pub mod manifest;
pub mod operations;
pub mod protocol_tests;
pub mod rust;
pub mod sensitive_tests;
pub mod ser;
pub mod serde_impls;
pub mod structs;
pub mod unions;
pub mod validate;
pub mod values;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::ShapeId;
use crate::ir::{Deprecated, EnumVariant, EnumWire, Field, Ir, Kind, Member, Role, Shape};

/// The characters that reorder text on screen (bidirectional embeddings, overrides and
/// isolates). rustc denies them in comments and literals, since they can make code read
/// otherwise than it compiles; a model's text may hold them.
const BIDI_CONTROLS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// Model text made safe for a doc comment or an attribute's string: each bidirectional control
/// character is written as its escape (`\u{202E}`), visible to the reader.
pub fn visible_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(BIDI_CONTROLS) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if BIDI_CONTROLS.contains(&c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A doc line's text: a space after `///`, bidirectional controls made visible.
fn doc_text(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {}", visible_text(line))
    }
}

/// `#[doc = "…"]`, one attribute per line so that the formatter prints `///` lines.
pub fn doc_lines(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = doc_text(line);
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// `use crate::json::{…};` naming those of `names` that `items` use: `json_de.rs` and
/// `json_ser.rs` write the reader's and writer's types by their short names (neither file
/// defines anything with a capitalized name, so nothing can shadow them), and import only what
/// they use (a crate without structures reads none in place).
pub fn json_imports(items: &TokenStream, names: &[&str]) -> TokenStream {
    let seen = seen(items, names);
    let used: Vec<proc_macro2::Ident> = names
        .iter()
        .zip(&seen)
        .filter(|(_, seen)| **seen)
        .map(|(name, _)| proc_macro2::Ident::new(name, proc_macro2::Span::call_site()))
        .collect();
    if used.is_empty() {
        quote!()
    } else {
        quote!(use crate::json::{#(#used),*};)
    }
}

/// Whether `tokens` name `name` anywhere (a module a file then imports).
pub fn mentions(tokens: &TokenStream, name: &str) -> bool {
    seen(tokens, &[name])[0]
}

/// Which of `names` the tokens use as a path's first segment (`JsonReader::string`, `impl
/// Check for`), in one walk over them, macro arguments included. A name after `::` is not
/// counted: `types::Check` (a model type of that name) needs no import of `Check`.
fn seen(tokens: &TokenStream, names: &[&str]) -> Vec<bool> {
    fn mark(tokens: &TokenStream, names: &[&str], seen: &mut [bool]) {
        // Whether the last two tokens were `::`.
        let mut colons = 0;
        for token in tokens.clone() {
            match token {
                proc_macro2::TokenTree::Ident(ident) => {
                    if colons < 2 {
                        if let Some(i) = names.iter().position(|name| ident == name) {
                            seen[i] = true;
                        }
                    }
                    colons = 0;
                }
                proc_macro2::TokenTree::Punct(punct) if punct.as_char() == ':' => colons += 1,
                proc_macro2::TokenTree::Group(group) => {
                    mark(&group.stream(), names, seen);
                    colons = 0;
                }
                _ => colons = 0,
            }
        }
    }
    let mut seen = vec![false; names.len()];
    mark(tokens, names, &mut seen);
    seen
}

/// Doc lines as one string (lines joined by `\n`), for a macro that writes the attribute: the
/// accessor macros take a member's docs once and put them on each method they write. Blank
/// lines at either end are left out.
pub fn doc_string(lines: &[String]) -> String {
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |i| i + 1);
    lines[first..last]
        .iter()
        .map(|line| visible_text(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A one-line doc attribute.
pub fn doc(text: &str) -> TokenStream {
    doc_lines(&[text.to_owned()])
}

/// `#![doc = "…"]` lines, for a module's own docs.
pub fn inner_doc_lines(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = doc_text(line);
        quote!(#![doc = #line])
    });
    quote!(#(#attrs)*)
}

/// The docs of a generated type (the model's documentation, or a sentence saying what the
/// type is, then where it comes from and which operations use it), and its `#[deprecated]`.
pub fn shape_docs(ir: &Ir, shape: &Shape, what: &str) -> TokenStream {
    let mut lines = Vec::new();
    // Where the type comes from: its own shape, the shape a synthetic operation input/output
    // copies, or nothing (a Unit input/output).
    let source: Option<&ShapeId> = match &shape.origin {
        Some(origin) => {
            let role = match origin.role {
                Role::Input => "input",
                Role::Output => "output",
            };
            let op = origin.operation.name();
            match &origin.original {
                Some(_) => lines.push(format!("The {role} of the `{op}` operation.")),
                None => lines.push(format!(
                    "The {role} of the `{op}` operation, which has none (`smithy.api#Unit`): an empty \
                     structure, so that members the service adds later are not a breaking change."
                )),
            }
            lines.push(String::new());
            origin.original.as_ref()
        }
        None => Some(&shape.id),
    };
    match &shape.documentation {
        Some(doc) => lines.extend(ir.rustdoc(doc).iter().cloned()),
        None if shape.origin.is_some() => {}
        None => lines.push(format!("The `{}` {what}.", shape.id.name())),
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.push(String::new());
    if let Some(id) = source {
        lines.push(format!("Smithy shape: `{id}`."));
    }
    if !shape.used_by.is_empty() {
        let ops: Vec<String> = shape
            .used_by
            .iter()
            .map(|op| format!("`{}`", op.name()))
            .collect();
        lines.push(format!("Used by: {}.", ops.join(", ")));
    }
    let docs = doc_lines(&lines);
    let shape_deprecated = deprecated(shape.deprecated.as_ref());
    quote!(#docs #shape_deprecated)
}

/// The docs of a member of `container`: its own documentation; else, for a member holding a
/// generated type, a link to that type (whose page has its docs, rather than a copy on every
/// member); else its target's documentation (AWS models often document only the target
/// shape); else a sentence naming the member.
pub fn member_docs(ir: &Ir, container: &ShapeId, member: &impl Member) -> TokenStream {
    doc_lines(&member_doc_lines(ir, container, member, false))
}

/// [`member_docs`] as lines. With `elsewhere`, the docs are for a place other than the
/// container's own module (a builder), where a link to another type needs its path.
pub fn member_doc_lines(
    ir: &Ir,
    container: &ShapeId,
    member: &impl Member,
    elsewhere: bool,
) -> Vec<String> {
    described_member(ir, container, member, elsewhere)
        .unwrap_or_else(|| vec![format!("The `{}` member.", member.wire())])
}

/// [`member_doc_lines`] when the model says something of the member (`None` when all there is
/// to say is its name).
fn described_member(
    ir: &Ir,
    container: &ShapeId,
    member: &impl Member,
    elsewhere: bool,
) -> Option<Vec<String>> {
    let (wire, target) = (member.wire(), member.target());
    if let Some(doc) = member.documentation() {
        let lines = ir.rustdoc(doc);
        if !lines.is_empty() {
            return Some(lines.to_vec());
        }
    }
    let target_shape = ir.shapes.get(target);
    let named = target_shape.is_some_and(|t| {
        matches!(
            t.kind,
            Kind::Structure(_) | Kind::Union(_) | Kind::Enum(_) | Kind::IntEnum(_)
        ) && ir.names.has_type(target)
    });
    if named {
        let name = ir.names.type_name(target);
        // From an operation's module (its input and output), or a builder, the link needs the
        // path.
        let line = if elsewhere || ir.names.in_operation_module(container) {
            let path = ir.names.type_doc_path(target);
            format!("The `{wire}` member, of type [`{name}`]({path}).")
        } else {
            format!("The `{wire}` member, of type [`{name}`].")
        };
        return Some(vec![line]);
    }
    target_shape
        .and_then(|t| t.documentation.as_deref())
        .map(|d| ir.rustdoc(d).to_vec())
        .filter(|lines| !lines.is_empty())
}

/// A structure field's docs on the field and its getter: the member's docs, then whether the
/// service requires it and what the model allows of it (its length, range or pattern, and an
/// enum's values).
pub fn field_doc_lines(ir: &Ir, container: &ShapeId, field: &Field) -> Vec<String> {
    let mut lines = member_doc_lines(ir, container, field, false);
    lines.extend(field_notes(ir, field));
    lines
}

/// [`field_doc_lines`] for a builder's accessors, which say first what they do: the member's
/// docs only where the model has some, then the notes.
pub fn accessor_doc_lines(ir: &Ir, container: &ShapeId, field: &Field) -> Vec<String> {
    let mut lines = described_member(ir, container, field, true).unwrap_or_default();
    lines.extend(field_notes(ir, field));
    lines
}

/// A blank line and the notes on a field (required, length, range, pattern, enum values), or
/// nothing.
fn field_notes(ir: &Ir, field: &Field) -> Vec<String> {
    let mut notes = Vec::new();
    if field.required {
        notes.push("**Required.**".to_owned());
    }
    let c = &field.constraints;
    let bounds = |what: &str, (min, max): (Option<String>, Option<String>)| match (min, max) {
        (Some(min), Some(max)) if min == max => Some(format!("{what}: exactly {min}.")),
        (Some(min), Some(max)) => Some(format!("{what}: {min} to {max}.")),
        (Some(min), None) => Some(format!("{what}: at least {min}.")),
        (None, Some(max)) => Some(format!("{what}: at most {max}.")),
        (None, None) => None,
    };
    if let Some((min, max)) = c.length {
        notes.extend(bounds(
            "Length",
            (min.map(|n| n.to_string()), max.map(|n| n.to_string())),
        ));
    }
    if let Some((min, max)) = &c.range {
        notes.extend(bounds(
            "Range",
            (min.as_ref().map(number), max.as_ref().map(number)),
        ));
    }
    if let Some(pattern) = &c.pattern {
        notes.push(format!("Pattern: {}.", code_span(pattern)));
    }
    if let Some(Kind::Enum(values)) = ir.shapes.get(&field.target).map(|t| &t.kind) {
        notes.push(enum_values(values));
    }
    if notes.is_empty() {
        Vec::new()
    } else {
        vec![String::new(), notes.join(" ")]
    }
}

/// A number as the model wrote it: without a fraction when it has none.
fn number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

/// `text` as Markdown code, fenced with more backticks than it holds in a row.
fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// "Values: `A`, `B`." (the first twelve, and how many more).
fn enum_values(values: &[EnumVariant]) -> String {
    const SHOWN: usize = 12;
    let shown: Vec<String> = values
        .iter()
        .take(SHOWN)
        .filter_map(|v| match &v.value {
            EnumWire::String(s) => Some(code_span(s)),
            EnumWire::Int(_) => None,
        })
        .collect();
    let more = values.len().saturating_sub(SHOWN);
    if more == 0 {
        format!("Values: {}.", shown.join(", "))
    } else {
        format!("Values: {}, and {more} more.", shown.join(", "))
    }
}

/// `#[deprecated(…)]` for `@deprecated`. Smithy's `since` is free text (often a date), while
/// Rust's must be semver, so it goes into the note.
pub fn deprecated(deprecated: Option<&Deprecated>) -> TokenStream {
    let Some(Deprecated { message, since }) = deprecated else {
        return quote!();
    };
    let note = match (message, since) {
        (None, None) => return quote!(#[deprecated]),
        (Some(message), Some(since)) => format!("{message} (deprecated since {since})"),
        (Some(message), None) => message.clone(),
        (None, Some(since)) => format!("Deprecated since {since}."),
    };
    let note = visible_text(&note);
    quote!(#[deprecated(note = #note)])
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn imports_follow_first_segments_only() {
        let items = quote! {
            json_read::structure!(types::JsonReader [] { 0 a "A": member(JsonReader::string) });
            impl Check for crate::types::X {}
            fn f(x: &types::DeserializeJson) {}
        };
        assert_eq!(
            super::seen(
                &items,
                &["JsonReader", "Check", "DeserializeJson", "json_read"]
            ),
            [true, true, false, true]
        );
        // A model type named like an import, and nothing else using the name: no import.
        let items = quote!(validate::check!(types::Check { opt a "A" false [nested] });
        );
        assert!(!super::mentions(&items, "Check"));
    }
}
