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
pub mod ser;
pub mod structs;
pub mod unions;
pub mod values;

use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::model::{Member, Shape, ShapeId, Traits};
use crate::transform::Role;

/// `#[doc = "…"]`, one attribute per line so that the formatter prints `///` lines.
pub fn doc_lines(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
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
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
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
        Some(doc) => lines.extend(crate::docs::to_rustdoc(doc)),
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

/// The docs of a member: its own documentation, else its target's (AWS models often document
/// only the target), else a sentence naming the member.
pub fn member_docs(ctx: &Context, member: &Member) -> TokenStream {
    let doc = member.traits.documentation().or_else(|| {
        ctx.model
            .shape(&member.target)
            .and_then(|t| t.traits.documentation())
    });
    let lines = doc.map(crate::docs::to_rustdoc).unwrap_or_default();
    let lines = if lines.is_empty() {
        vec![format!("The `{}` member.", member.name())]
    } else {
        lines
    };
    doc_lines(&lines)
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
            quote!(#[deprecated(note = #note)])
        }
    }
}
