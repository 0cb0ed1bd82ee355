//! Rust identifiers: case conversion (via `heck`) and escaping of keywords. The only place that
//! knows Rust's keyword list.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_ESCAPABLE: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether `name` is a Rust keyword (strict, reserved or weak-but-special like `Self`).
pub fn is_keyword(name: &str) -> bool {
    RAW_ESCAPABLE.contains(&name) || NOT_RAW.contains(&name)
}

/// An identifier the generated code can use: `name` plus whether it must be written raw.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustIdent {
    name: String,
    raw: bool,
}

impl RustIdent {
    /// Escapes `name` if it is a keyword: `type` → `r#type`, `self` → `self_`.
    pub fn escaped(name: &str) -> RustIdent {
        if NOT_RAW.contains(&name) {
            RustIdent {
                name: format!("{name}_"),
                raw: false,
            }
        } else {
            RustIdent {
                name: name.to_owned(),
                raw: RAW_ESCAPABLE.contains(&name),
            }
        }
    }

    /// The identifier without any `r#` (for building other names such as `set_type`).
    pub fn bare(&self) -> &str {
        &self.name
    }

    /// The token to emit.
    pub fn ident(&self) -> Ident {
        if self.raw {
            Ident::new_raw(&self.name, Span::call_site())
        } else {
            Ident::new(&self.name, Span::call_site())
        }
    }
}

impl std::fmt::Display for RustIdent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.name)
    }
}

impl quote::ToTokens for RustIdent {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.ident().to_tokens(tokens)
    }
}

/// `snake_case` for fields, methods and modules; a leading digit gets a `_` in front.
pub fn snake(name: &str) -> RustIdent {
    let mut snake = name.to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    RustIdent::escaped(&snake)
}

/// `UpperCamelCase` for types and variants; a name that would start with a digit (or vanish,
/// like `_`) gets a `V` in front, and `Self` (which no type or variant may be called) becomes
/// `SelfValue`, which still reads well with a suffix (`SelfValueBuilder`).
pub fn camel(name: &str) -> RustIdent {
    let mut camel = name.to_upper_camel_case();
    if camel.is_empty() || camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel.insert(0, 'V');
    }
    if camel == "Self" {
        camel = "SelfValue".to_owned();
    }
    RustIdent::escaped(&camel)
}

/// An identifier the generator makes up itself (always valid, never a keyword).
pub fn fixed(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_escapes() {
        assert_eq!(snake("SourceBackupId").to_string(), "source_backup_id");
        assert_eq!(snake("Type").to_string(), "r#type");
        assert_eq!(snake("self").to_string(), "self_");
        assert_eq!(snake("123abc").to_string(), "_123abc");
        assert_eq!(camel("AWSAccountId").to_string(), "AwsAccountId");
        assert_eq!(camel("PERSISTENT_1").to_string(), "Persistent1");
        assert_eq!(camel("Self").to_string(), "SelfValue");
        assert_eq!(camel("_").to_string(), "V");
        assert_eq!(snake("Type").bare(), "type");
    }
}
