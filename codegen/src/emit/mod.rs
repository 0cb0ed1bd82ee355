//! Emitters: the [`Ir`] (the crate's description) in, token streams out. Emitters never read
//! the model, raw JSON or files; `crate::writer` does the I/O.
//!
//! Two kinds of modules, and one rule between them:
//! - file emitters make one kind of file: `crate_root` (`lib.rs`, `types.rs`, `builders.rs`,
//!   `primitives.rs`, `json.rs`, `endpoint.rs`, the runtime's `mod.rs`, `event_stream.rs`),
//!   `ser` (`json_ser.rs`), `de` (`json_de.rs`), `errors` (`error.rs`), `operations`
//!   (`operation/*.rs`), `manifest` (`Cargo.toml`), `examples`, `protocol_tests` and
//!   `sensitive_tests` (the generated crate's tests);
//! - item helpers make pieces several files need: `structs`, `builders`, `enums`, `unions`,
//!   `error_enum`, `debug`, `values`, `rust` (types and defaults), `instantiate` (values in
//!   tests), and the doc helpers below.
//!
//! File emitters use item helpers, never each other.

pub mod builders;
pub mod crate_root;
pub mod de;
pub mod debug;
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
pub mod structs;
pub mod unions;
pub mod values;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::ShapeId;
use crate::ir::{Deprecated, Ir, Kind, Member, Role, Shape};

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
    let (wire, target) = (member.wire(), member.target());
    let documentation = member.documentation();
    if let Some(doc) = documentation {
        let lines = ir.rustdoc(doc);
        if !lines.is_empty() {
            return doc_lines(&lines);
        }
    }
    let target_shape = ir.shapes.get(target);
    let named = target_shape.is_some_and(|t| {
        matches!(
            t.kind,
            Kind::Structure(_) | Kind::Union(_) | Kind::Enum(_) | Kind::IntEnum(_)
        ) && ir.names.has_type(target)
    });
    let line = if named {
        let name = ir.names.type_name(target);
        // From an operation's module (its input and output), the link needs the path.
        if ir.names.in_operation_module(container) {
            let path = ir.names.type_doc_path(target);
            format!("The `{wire}` member: a [`{name}`]({path}).")
        } else {
            format!("The `{wire}` member: a [`{name}`].")
        }
    } else {
        match target_shape
            .and_then(|t| t.documentation.as_deref())
            .map(|d| ir.rustdoc(d))
        {
            Some(lines) if !lines.is_empty() => return doc_lines(&lines),
            _ => format!("The `{wire}` member."),
        }
    };
    doc(&line)
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
