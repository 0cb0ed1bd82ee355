//! Writes the standard prelude's items by their short names (`Option`, `Some`, `String`, `Vec`,
//! `Result`, `Ok`, `Default`, `Into`…) in a file's tokens, once per file, before formatting.
//!
//! Emitters write full paths (`::std::option::Option`), which no model shape can shadow: a
//! structure named `Option` or `Result` is an ordinary Smithy model. This pass keeps that
//! guarantee per file: a name is shortened only where the file defines and imports nothing of
//! that name (in any of its modules), so the short name can only mean the prelude's. The code
//! is the same; it reads as hand-written Rust, and is about a tenth shorter once formatted.

use proc_macro2::{Group, Spacing, TokenStream, TokenTree};
use std::collections::BTreeSet;

/// A path under `::std` (its segments after `std`) and the prelude name it shortens to.
type Shortening = (&'static [&'static str], &'static str);

/// The paths the pass shortens (longest first where one path extends another: `Option::Some`
/// before `Option`).
const PRELUDE: &[Shortening] = &[
    (&["option", "Option", "Some"], "Some"),
    (&["option", "Option", "None"], "None"),
    (&["option", "Option"], "Option"),
    (&["result", "Result", "Ok"], "Ok"),
    (&["result", "Result", "Err"], "Err"),
    (&["result", "Result"], "Result"),
    (&["string", "String"], "String"),
    (&["string", "ToString"], "ToString"),
    (&["vec", "Vec"], "Vec"),
    (&["boxed", "Box"], "Box"),
    (&["default", "Default"], "Default"),
    (&["convert", "Into"], "Into"),
    (&["convert", "From"], "From"),
    (&["convert", "AsRef"], "AsRef"),
    (&["convert", "TryFrom"], "TryFrom"),
    (&["clone", "Clone"], "Clone"),
    (&["iter", "Iterator"], "Iterator"),
    (&["iter", "IntoIterator"], "IntoIterator"),
    (&["cmp", "PartialEq"], "PartialEq"),
    (&["cmp", "Eq"], "Eq"),
    (&["cmp", "PartialOrd"], "PartialOrd"),
    (&["cmp", "Ord"], "Ord"),
    (&["marker", "Send"], "Send"),
    (&["marker", "Sync"], "Sync"),
    (&["marker", "Copy"], "Copy"),
];

/// Keywords that introduce a named item: the next identifier is a name the file defines.
const DEFINING: &[&str] = &[
    "struct", "enum", "union", "type", "trait", "fn", "const", "static", "mod",
];

/// The keywords after which `::` starts a path (every keyword but the path roots `crate`,
/// `self`, `super` and `Self`).
const STARTS_A_PATH: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "yield",
];

/// `tokens` (one file) with each prelude path written short, where the file allows it.
pub fn shorten(tokens: TokenStream) -> TokenStream {
    let mut taken = BTreeSet::new();
    defined_names(&tokens, &mut taken);
    let usable: Vec<Shortening> = PRELUDE
        .iter()
        .filter(|(_, short)| !taken.contains(*short))
        .copied()
        .collect();
    if usable.is_empty() {
        return tokens;
    }
    rewrite(tokens, &usable)
}

/// Every name the tokens define (after `struct`, `fn`, … at any depth) or import (any
/// identifier of a `use` item).
fn defined_names(tokens: &TokenStream, names: &mut BTreeSet<String>) {
    let mut previous_defines = false;
    let mut in_use = false;
    for token in tokens.clone() {
        match &token {
            TokenTree::Group(group) => {
                defined_names(&group.stream(), names);
                previous_defines = false;
            }
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                if previous_defines || in_use {
                    names.insert(text.trim_start_matches("r#").to_owned());
                }
                previous_defines = DEFINING.contains(&text.as_str());
                if text == "use" {
                    in_use = true;
                }
            }
            TokenTree::Punct(punct) => {
                previous_defines = false;
                if punct.as_char() == ';' {
                    in_use = false;
                }
            }
            TokenTree::Literal(_) => previous_defines = false,
        }
    }
}

fn rewrite(tokens: TokenStream, usable: &[Shortening]) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut in_use = false;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Ident(ident) if ident == "use" => in_use = true,
            TokenTree::Punct(punct) if punct.as_char() == ';' => in_use = false,
            _ => {}
        }
        if !in_use && !continues_a_path(&out) {
            if let Some((length, short)) = prelude_path_at(&tokens[i..], usable) {
                out.push(TokenTree::Ident(proc_macro2::Ident::new(
                    short,
                    tokens[i].span(),
                )));
                i += length;
                continue;
            }
        }
        match &tokens[i] {
            TokenTree::Group(group) => {
                let mut copy = Group::new(group.delimiter(), rewrite(group.stream(), usable));
                copy.set_span(group.span());
                out.push(TokenTree::Group(copy));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Whether a `::` written next would continue a path (`a::std…`) rather than start one.
fn continues_a_path(written: &[TokenTree]) -> bool {
    match written.last() {
        // After a keyword a path starts (`let ::std…`, `as ::std…`); after a name, or a path
        // root such as `crate`, it continues (`a::std…`).
        Some(TokenTree::Ident(ident)) => !STARTS_A_PATH.contains(&ident.to_string().as_str()),
        // `<T>::…` continues a path; `->` and `=>` do not.
        Some(TokenTree::Punct(punct)) if punct.as_char() == '>' => !matches!(
            written.get(written.len().wrapping_sub(2)),
            Some(TokenTree::Punct(before))
                if matches!(before.as_char(), '-' | '=') && before.spacing() == Spacing::Joint
        ),
        _ => false,
    }
}

/// The number of tokens of the prelude path starting `tokens` (`:: std :: option :: Option`),
/// and its short name.
fn prelude_path_at(tokens: &[TokenTree], usable: &[Shortening]) -> Option<(usize, &'static str)> {
    if !is_path_sep(tokens, 0) || !is_ident(tokens.get(2), "std") {
        return None;
    }
    usable.iter().find_map(|(segments, short)| {
        let mut at = 3;
        for segment in *segments {
            if !is_path_sep(tokens, at) || !is_ident(tokens.get(at + 2), segment) {
                return None;
            }
            at += 3;
        }
        Some((at, *short))
    })
}

/// `::` at `at`: a joint `:` and then a `:`.
fn is_path_sep(tokens: &[TokenTree], at: usize) -> bool {
    matches!(
        (tokens.get(at), tokens.get(at + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

fn is_ident(token: Option<&TokenTree>, text: &str) -> bool {
    matches!(token, Some(TokenTree::Ident(ident)) if ident == text)
}

#[cfg(test)]
mod tests {
    use super::shorten;
    use quote::quote;

    fn text(tokens: proc_macro2::TokenStream) -> String {
        tokens.to_string()
    }

    #[test]
    fn prelude_paths_are_written_short() {
        let out = shorten(quote! {
            fn f(x: ::std::option::Option<::std::string::String>) -> ::std::result::Result<(), ::std::boxed::Box<u8>> {
                let _ = ::std::option::Option::Some(::std::vec::Vec::<u8>::new());
                let _: ::std::option::Option<u8> = ::std::option::Option::None;
                while let ::std::option::Option::Some(_) = x { break; }
                let _ = <u8 as ::std::default::Default>::default();
                ::std::result::Result::Ok(())
            }
        });
        assert_eq!(
            text(out),
            text(quote! {
                fn f(x: Option<String>) -> Result<(), Box<u8>> {
                    let _ = Some(Vec::<u8>::new());
                    let _: Option<u8> = None;
                    while let Some(_) = x { break; }
                    let _ = <u8 as Default>::default();
                    Ok(())
                }
            })
        );
    }

    #[test]
    fn a_name_the_file_defines_or_imports_keeps_its_full_path() {
        let tokens = quote! {
            pub struct Option { value: ::std::option::Option<::std::string::String> }
            mod inner { use crate::types::String; }
        };
        let out = shorten(tokens);
        assert_eq!(
            text(out),
            text(quote! {
                pub struct Option { value: ::std::option::Option<::std::string::String> }
                mod inner { use crate::types::String; }
            })
        );
        // `Some` is still shortened: nothing is called `Some`.
        let out = shorten(quote! {
            enum Result { A }
            fn f() -> ::std::option::Option<u8> { ::std::option::Option::Some(1) }
        });
        assert_eq!(
            text(out),
            text(quote! {
                enum Result { A }
                fn f() -> Option<u8> { Some(1) }
            })
        );
    }

    #[test]
    fn use_items_and_other_paths_are_left_alone() {
        let tokens = quote! {
            use ::std::fmt::Write as _;
            fn f() -> ::std::fmt::Result { ::std::result::Result::Ok(()) }
            type T = ::std::collections::BTreeMap<u8, u8>;
            fn g() -> crate::std::string::String { a::std::vec::Vec::new() }
        };
        assert_eq!(
            text(shorten(tokens)),
            text(quote! {
                use ::std::fmt::Write as _;
                fn f() -> ::std::fmt::Result { Ok(()) }
                type T = ::std::collections::BTreeMap<u8, u8>;
                fn g() -> crate::std::string::String { a::std::vec::Vec::new() }
            })
        );
    }
}
