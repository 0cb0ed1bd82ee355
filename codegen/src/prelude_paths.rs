//! Writes the standard prelude's items by their short names (`Option`, `Some`, `String`, `Vec`,
//! `Result`, `Ok`, `Default`, `Into`…) in a file's items as they are formatted: the writer parses
//! each item, this pass rewrites its paths in place (`syn::visit_mut`), and a macro's tokens
//! token by token.
//!
//! Emitters write full paths (`::std::option::Option`), which no model shape can shadow: a
//! structure named `Option` or `Result` is an ordinary Smithy model. This pass keeps that
//! guarantee per file: a name is shortened only where the file defines and imports nothing of
//! that name (in any of its modules), so the short name can only mean the prelude's. The code
//! is the same; it reads as hand-written Rust, and is about a tenth shorter once formatted.

use proc_macro2::{Group, Spacing, TokenStream, TokenTree};
use std::collections::BTreeSet;
use syn::visit_mut::{self, VisitMut};

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

/// The prelude paths one file may write short.
pub struct Shortener {
    usable: Vec<Shortening>,
}

impl Shortener {
    /// What `tokens` (one whole file) allows: every prelude name the file neither defines nor
    /// imports, in any of its modules.
    pub fn for_file(tokens: &TokenStream) -> Self {
        let mut taken = BTreeSet::new();
        defined_names(tokens, &mut taken);
        Shortener {
            usable: PRELUDE
                .iter()
                .filter(|(_, short)| !taken.contains(*short))
                .copied()
                .collect(),
        }
    }

    /// Shortens the paths of one item of the file.
    pub fn item(&self, item: &mut syn::Item) {
        if !self.usable.is_empty() {
            Visitor {
                usable: &self.usable,
            }
            .visit_item_mut(item);
        }
    }
}

/// Every name the file's modules define (after `struct`, `fn`, … outside braces, and inside
/// `mod` braces) or import (any identifier of a `use` item). Items inside impls and function
/// bodies cannot shadow a module's prelude names, and are not walked (the walk would copy every
/// token of the file).
fn defined_names(tokens: &TokenStream, names: &mut BTreeSet<String>) {
    let mut previous: Option<String> = None;
    let mut in_use = false;
    for token in tokens.clone() {
        match &token {
            TokenTree::Group(group) => {
                if in_use {
                    use_names(&group.stream(), names);
                } else if previous.as_deref() == Some("mod-name") {
                    defined_names(&group.stream(), names);
                }
                previous = None;
            }
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                if in_use || previous.as_deref().is_some_and(|p| DEFINING.contains(&p)) {
                    names.insert(text.trim_start_matches("r#").to_owned());
                }
                in_use |= text == "use";
                previous = Some(if previous.as_deref() == Some("mod") {
                    "mod-name".to_owned()
                } else {
                    text
                });
            }
            TokenTree::Punct(punct) => {
                if punct.as_char() == ';' {
                    in_use = false;
                }
                previous = None;
            }
            TokenTree::Literal(_) => previous = None,
        }
    }
}

/// Every identifier of a `use` item's braces.
fn use_names(tokens: &TokenStream, names: &mut BTreeSet<String>) {
    for token in tokens.clone() {
        match token {
            TokenTree::Ident(ident) => {
                names.insert(ident.to_string().trim_start_matches("r#").to_owned());
            }
            TokenTree::Group(group) => use_names(&group.stream(), names),
            _ => {}
        }
    }
}

/// Rewrites the paths of an item; leaves `use` items alone.
struct Visitor<'a> {
    usable: &'a [Shortening],
}

impl Visitor<'_> {
    /// Shortens `path` if it starts with a usable prelude path; how many segments it lost.
    fn shorten(&self, path: &mut syn::Path) -> usize {
        if path.leading_colon.is_none() || path.segments.len() < 2 {
            return 0;
        }
        let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
        if segments[0].ident != "std" || !segments[0].arguments.is_none() {
            return 0;
        }
        for (pattern, short) in self.usable {
            let length = 1 + pattern.len();
            if segments.len() < length {
                continue;
            }
            let matches = pattern.iter().enumerate().all(|(i, name)| {
                let segment = segments[1 + i];
                segment.ident == name && (i + 1 == pattern.len() || segment.arguments.is_none())
            });
            if !matches {
                continue;
            }
            let last = segments[length - 1];
            let mut shortened = syn::Path {
                leading_colon: None,
                segments: syn::punctuated::Punctuated::new(),
            };
            shortened.segments.push(syn::PathSegment {
                ident: syn::Ident::new(short, last.ident.span()),
                arguments: last.arguments.clone(),
            });
            for segment in segments.iter().skip(length) {
                shortened.segments.push((*segment).clone());
            }
            *path = shortened;
            return length - 1;
        }
        0
    }

    /// Shortens a path that may follow a `<T as Trait>` (its position counts the trait's
    /// segments, which shortening removes).
    fn shorten_qualified(&self, qself: Option<&mut syn::QSelf>, path: &mut syn::Path) {
        let Some(qself) = qself else {
            self.shorten(path);
            return;
        };
        let mut shortened = path.clone();
        let removed = self.shorten(&mut shortened);
        // Only a prefix inside the trait's segments (`<T as ::std::default::Default>::…`).
        if removed > 0 && qself.position > removed {
            *path = shortened;
            qself.position -= removed;
        }
    }
}

impl VisitMut for Visitor<'_> {
    fn visit_item_use_mut(&mut self, _: &mut syn::ItemUse) {}

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        // A `macro_rules!` body expands in other modules, where the names may be taken.
        if mac.path.is_ident("macro_rules") {
            return;
        }
        self.visit_path_mut(&mut mac.path);
        mac.tokens = rewrite(std::mem::take(&mut mac.tokens), self.usable);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        self.shorten(path);
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_expr_path_mut(&mut self, node: &mut syn::ExprPath) {
        self.shorten_qualified(node.qself.as_mut(), &mut node.path);
        visit_mut::visit_expr_path_mut(self, node);
    }

    fn visit_type_path_mut(&mut self, node: &mut syn::TypePath) {
        self.shorten_qualified(node.qself.as_mut(), &mut node.path);
        visit_mut::visit_type_path_mut(self, node);
    }

    fn visit_expr_struct_mut(&mut self, node: &mut syn::ExprStruct) {
        self.shorten_qualified(node.qself.as_mut(), &mut node.path);
        visit_mut::visit_expr_struct_mut(self, node);
    }

    fn visit_pat_struct_mut(&mut self, node: &mut syn::PatStruct) {
        self.shorten_qualified(node.qself.as_mut(), &mut node.path);
        visit_mut::visit_pat_struct_mut(self, node);
    }

    fn visit_pat_tuple_struct_mut(&mut self, node: &mut syn::PatTupleStruct) {
        self.shorten_qualified(node.qself.as_mut(), &mut node.path);
        visit_mut::visit_pat_tuple_struct_mut(self, node);
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
    use super::Shortener;
    use proc_macro2::TokenStream;
    use quote::{quote, ToTokens};

    /// `tokens` (one file) as the writer shortens it, item by item.
    fn shorten(tokens: TokenStream) -> syn::File {
        let shortener = Shortener::for_file(&tokens);
        let mut file: syn::File = syn::parse2(tokens).expect("the tokens are a file");
        for item in &mut file.items {
            shortener.item(item);
        }
        file
    }

    /// The file `shorten` makes of `input`, against `expected`, both as tokens.
    fn check(input: proc_macro2::TokenStream, expected: proc_macro2::TokenStream) {
        let expected: syn::File = syn::parse2(expected).expect("a file");
        assert_eq!(
            shorten(input).to_token_stream().to_string(),
            expected.to_token_stream().to_string()
        );
    }

    #[test]
    fn prelude_paths_are_written_short() {
        check(
            quote! {
                fn f(x: ::std::option::Option<::std::string::String>) -> ::std::result::Result<(), ::std::boxed::Box<u8>> {
                    let _ = ::std::option::Option::Some(::std::vec::Vec::<u8>::new());
                    let _: ::std::option::Option<u8> = ::std::option::Option::None;
                    while let ::std::option::Option::Some(_) = x { break; }
                    let _ = <u8 as ::std::default::Default>::default();
                    m!(a: ::std::string::String, ::std::option::Option::Some(1));
                    ::std::result::Result::Ok(())
                }
                impl ::std::convert::From<u8> for X {}
            },
            quote! {
                fn f(x: Option<String>) -> Result<(), Box<u8>> {
                    let _ = Some(Vec::<u8>::new());
                    let _: Option<u8> = None;
                    while let Some(_) = x { break; }
                    let _ = <u8 as Default>::default();
                    m!(a: String, Some(1));
                    Ok(())
                }
                impl From<u8> for X {}
            },
        );
    }

    #[test]
    fn a_name_the_file_defines_or_imports_keeps_its_full_path() {
        check(
            quote! {
                pub struct Option { value: ::std::option::Option<::std::string::String> }
                mod inner { use crate::types::{String as S, Vec}; }
            },
            quote! {
                pub struct Option { value: ::std::option::Option<::std::string::String> }
                mod inner { use crate::types::{String as S, Vec}; }
            },
        );
        // `Some` is still shortened: nothing is called `Some`. A name defined inside a
        // module's braces counts; one inside an impl does not.
        check(
            quote! {
                mod m { pub enum Result { A } }
                impl X { fn Vec() {} }
                fn f() -> ::std::option::Option<::std::vec::Vec<u8>> { ::std::option::Option::Some(::std::vec::Vec::new()) }
                fn g() -> ::std::result::Result<(), ()> { ::std::result::Result::Ok(()) }
            },
            quote! {
                mod m { pub enum Result { A } }
                impl X { fn Vec() {} }
                fn f() -> Option<Vec<u8>> { Some(Vec::new()) }
                fn g() -> ::std::result::Result<(), ()> { Ok(()) }
            },
        );
    }

    #[test]
    fn macro_rules_bodies_keep_full_paths() {
        // The body expands in other modules, where `Option` may be another type.
        check(
            quote! {
                macro_rules! m { () => { ::std::option::Option::<u8>::None }; }
                fn f() -> ::std::option::Option<u8> { m!() }
            },
            quote! {
                macro_rules! m { () => { ::std::option::Option::<u8>::None }; }
                fn f() -> Option<u8> { m!() }
            },
        );
    }

    #[test]
    fn use_items_and_other_paths_are_left_alone() {
        check(
            quote! {
                use ::std::fmt::Write as _;
                fn f() -> ::std::fmt::Result { ::std::result::Result::Ok(()) }
                type T = ::std::collections::BTreeMap<u8, u8>;
                fn g() -> crate::std::string::String { a::std::vec::Vec::new() }
            },
            quote! {
                use ::std::fmt::Write as _;
                fn f() -> ::std::fmt::Result { Ok(()) }
                type T = ::std::collections::BTreeMap<u8, u8>;
                fn g() -> crate::std::string::String { a::std::vec::Vec::new() }
            },
        );
    }
}
