//! Emitters: one per concern, each turning the [`Context`] into token streams for one kind of
//! item. Emitters never read raw JSON or touch files; `crate::writer` does the I/O.

pub mod builders;
pub mod crate_root;
pub mod de;
pub mod debug;
pub mod enums;
pub mod errors;
pub mod examples;
pub mod instantiate;
pub mod manifest;
pub mod operations;
pub mod protocol_tests;
pub mod sensitive_tests;
pub mod ser;
pub mod structs;
pub mod unions;
pub mod values;

use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::model::{Member, Shape, ShapeId, ShapeKind, Traits};
use crate::transform::Role;

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

/// The docs of a generated type: the model's documentation (or a sentence saying what the
/// type is), then where it comes from and which operations use it.
pub fn shape_docs(ctx: &Context, shape: &Shape, what: &str) -> TokenStream {
    let mut lines = Vec::new();
    // Where the type comes from: its own shape, the shape a synthetic operation input/output
    // copies, or nothing (a Unit input/output).
    let source: Option<&ShapeId> = match ctx.origins.get(&shape.id) {
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
    match shape.traits.documentation() {
        Some(doc) => lines.extend(ctx.rustdoc(doc).iter().cloned()),
        None if ctx.origins.contains_key(&shape.id) => {}
        None => lines.push(format!("The `{}` {what}.", shape.id.name())),
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.push(String::new());
    if let Some(id) = source {
        lines.push(format!("Smithy shape: `{id}`."));
    }
    if let Some(ops) = ctx.used_by.get(&shape.id) {
        let ops: Vec<String> = ops.iter().map(|op| format!("`{}`", op.name())).collect();
        lines.push(format!("Used by: {}.", ops.join(", ")));
    }
    doc_lines(&lines)
}

/// The docs of a member: its own documentation; else, for a member holding a generated type,
/// a link to that type (whose page has its docs, rather than a copy on every member); else its
/// target's documentation (AWS models often document only the target shape); else a sentence
/// naming the member.
pub fn member_docs(ctx: &Context, member: &Member) -> TokenStream {
    if let Some(doc) = member.traits.documentation() {
        let lines = ctx.rustdoc(doc);
        if !lines.is_empty() {
            return doc_lines(&lines);
        }
    }
    let target = ctx.model.expect(&member.target);
    let line = match &target.kind {
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::Enum(_)
        | ShapeKind::IntEnum(_)
            if ctx.names.has_type(&member.target) =>
        {
            let name = ctx.names.type_name(&member.target);
            // From an operation's module (its input and output), the link needs the path.
            if ctx.names.in_operation_module(&member.id.root()) {
                let path = ctx.names.type_doc_path(&member.target);
                format!("The `{}` member: a [`{name}`]({path}).", member.name())
            } else {
                format!("The `{}` member: a [`{name}`].", member.name())
            }
        }
        _ => match target.traits.documentation().map(|d| ctx.rustdoc(d)) {
            Some(lines) if !lines.is_empty() => return doc_lines(&lines),
            _ => format!("The `{}` member.", member.name()),
        },
    };
    doc(&line)
}

/// `#[deprecated(…)]` for `@deprecated`. Smithy's `since` is free text (often a date), while
/// Rust's must be semver, so it goes into the note.
pub fn deprecated(traits: &Traits) -> TokenStream {
    match traits.deprecated() {
        None => quote!(),
        Some((None, None)) => quote!(#[deprecated]),
        Some((message, since)) => {
            let note = match (message, since) {
                (Some(message), Some(since)) => format!("{message} (deprecated since {since})"),
                (Some(message), None) => message.to_owned(),
                (None, Some(since)) => format!("Deprecated since {since}."),
                (None, None) => unreachable!("matched above"),
            };
            let note = visible_text(&note);
            quote!(#[deprecated(note = #note)])
        }
    }
}
