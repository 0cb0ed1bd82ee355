//! `src/validate.rs`: inputs' `validate()`, and a `Check` impl for every structure and union it
//! walks into (`Ir::validated`). What is checked of each member is decided in
//! `ir::validation`; this emitter only spells it.
//!
//! Patterns are checked through the regex crate behind the crate's `validate-patterns`
//! feature: the file holds every checked pattern once (`PATTERNS`), and `matches(i, text)`
//! runs the `i`th, compiled on first use; without the feature it matches everything.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::validation::{applicable, field_needs_check, value_needs_check, Range};
use crate::ir::{Constraints, Ir, Kind, Shape, ShapeId, SimpleType};

/// The crate's feature that turns on `@pattern` checks.
pub const PATTERN_FEATURE: &str = "validate-patterns";

/// `src/validate.rs`.
pub fn validate_rs(ir: &Ir) -> TokenStream {
    let mut emitter = Emitter {
        ir,
        patterns: Vec::new(),
    };
    let mut items = Vec::new();
    for op in &ir.operations {
        items.push(validate_method(ir, ir.shape(&op.input)));
    }
    for id in &ir.validated {
        items.push(emitter.check_impl(ir.shape(id)));
    }
    let patterns = emitter.patterns_table();
    let items = quote!(#(#items)*);
    // Unions' checks are written out, and name these.
    let imports = super::mentions(&items, "Check").then(|| {
        quote!(
            use crate::runtime::validate::{Check, Validator};
        )
    });
    quote! {
        //! Inputs' `validate()`: the model's constraints, checked only when asked.
        #imports

        #items

        #patterns
    }
}

/// `impl Input { pub fn validate(&self) }`, by the runtime's `validate::input!`.
fn validate_method(ir: &Ir, input: &Shape) -> TokenStream {
    let path = super::rust::in_crate(&ir.names.type_path(&input.id));
    let name = ir.names.type_name(&input.id).bare();
    quote!(crate::runtime::validate::input!(#path, #name);)
}

/// Emits checks, numbering the patterns it meets.
struct Emitter<'a> {
    ir: &'a Ir,
    patterns: Vec<String>,
}

impl Emitter<'_> {
    /// `impl Check for Type`: for a structure, a `validate::check!` call (a line per checked
    /// member); for a union, a `match` whose arms run the same checks (`check!(@all …)`).
    fn check_impl(&mut self, shape: &Shape) -> TokenStream {
        let ir = self.ir;
        match &shape.kind {
            Kind::Structure(structure) => {
                let path = super::rust::in_crate(&ir.names.type_path(&shape.id));
                let mut members = Vec::new();
                for field in &structure.fields {
                    if !field_needs_check(&ir.shapes, &ir.validated, field) {
                        continue;
                    }
                    let ident = &field.ident;
                    let wire = &field.wire;
                    let redacted = field.redacted;
                    let checks = self.checks(&field.target, &field.constraints);
                    let mode = match (field.must_be_set && field.optional, field.optional) {
                        (true, _) => quote!(set),
                        (false, true) => quote!(opt),
                        (false, false) => quote!(req),
                    };
                    if checks.is_none() && !(field.must_be_set && field.optional) {
                        continue;
                    }
                    members.push(quote!(#mode #ident #wire #redacted [#checks]));
                }
                quote!(crate::runtime::validate::check!(#path { #(#members),* });)
            }
            Kind::Union(union) => {
                let path = ir.names.type_path(&shape.id);
                let mut arms = Vec::new();
                for variant in union.variants.iter().filter(|v| !v.unit) {
                    let Some(checks) = self.checks(&variant.target, &variant.constraints) else {
                        continue;
                    };
                    let ident = &variant.ident;
                    let wire = &variant.wire;
                    let redacted = variant.redacted;
                    arms.push((
                        quote!(Self::#ident(x)),
                        quote! {
                            v.member(#wire, #redacted, |v| {
                                crate::runtime::validate::check!(@all v, x, #checks);
                            })
                        },
                    ));
                }
                let (v, body) = match arms.as_slice() {
                    [] => (quote!(_v), quote!()),
                    [(pattern, check)] => (quote!(v), quote!(if let #pattern = self { #check; })),
                    _ => {
                        let arms = arms.iter().map(|(p, c)| quote!(#p => #c,));
                        (quote!(v), quote!(match self { #(#arms)* _ => {} }))
                    }
                };
                quote! {
                    impl Check for #path {
                        fn check(&self, #v: &mut Validator) {
                            #body
                        }
                    }
                }
            }
            _ => unreachable!("only structures and unions are validated"),
        }
    }

    /// What `validate::check!` runs on a value of `target` under `constraints` (`length(…)`,
    /// `range(…)`, `pattern(…)`, `nested`, `each([…])`, `entries([…] […])`); `None` when
    /// there is nothing to check.
    fn checks(&mut self, target: &ShapeId, constraints: &Constraints) -> Option<TokenStream> {
        let ir = self.ir;
        if !value_needs_check(&ir.shapes, &ir.validated, target, constraints) {
            return None;
        }
        let kind = &ir.shape(target).kind;
        let applicable = applicable(kind, constraints);
        let mut checks = Vec::new();
        if let Some((min, max)) = applicable.length {
            let what = match kind {
                Kind::Simple(SimpleType::String) => quote!(chars),
                Kind::Enum(_) => quote!(enum_chars),
                Kind::Simple(SimpleType::Blob) => quote!(blob),
                _ => quote!(len),
            };
            let bounds = bounds(
                min.map(Literal::u64_unsuffixed),
                max.map(Literal::u64_unsuffixed),
            );
            checks.push(quote!(length(#what, #bounds)));
        }
        match applicable.range {
            Some(Range::Int(min, max)) => {
                let what = match kind {
                    Kind::Simple(SimpleType::Long) => quote!(long),
                    _ => quote!(int),
                };
                let bounds = bounds(
                    min.map(Literal::i64_unsuffixed),
                    max.map(Literal::i64_unsuffixed),
                );
                checks.push(quote!(range(#what, #bounds)));
            }
            Some(Range::Float(min, max)) => {
                let what = match kind {
                    Kind::Simple(SimpleType::Double) => quote!(double),
                    _ => quote!(float),
                };
                let bounds = bounds(
                    min.map(Literal::f64_unsuffixed),
                    max.map(Literal::f64_unsuffixed),
                );
                checks.push(quote!(range(#what, #bounds)));
            }
            None => {}
        }
        if let Some(pattern) = applicable.pattern {
            let i = Literal::usize_unsuffixed(self.pattern_index(&pattern));
            checks.push(match kind {
                Kind::Enum(_) => quote!(enum_pattern(#i)),
                _ => quote!(pattern(#i)),
            });
        }
        match kind {
            Kind::Structure(_) | Kind::Union(_) => checks.push(quote!(nested)),
            Kind::List { member, sparse } => {
                if let Some(inner) = self.checks(&member.target, &member.constraints) {
                    checks.push(if *sparse {
                        quote!(each_sparse([#inner]))
                    } else {
                        quote!(each([#inner]))
                    });
                }
            }
            Kind::Map { key, value, sparse } => {
                let keys = self.checks(&key.target, &key.constraints);
                let values = self.checks(&value.target, &value.constraints);
                if keys.is_some() || values.is_some() {
                    checks.push(if *sparse {
                        quote!(entries_sparse([#keys] [#values]))
                    } else {
                        quote!(entries([#keys] [#values]))
                    });
                }
            }
            _ => {}
        }
        Some(quote!(#(#checks)*))
    }

    fn pattern_index(&mut self, pattern: &str) -> usize {
        match self.patterns.iter().position(|p| p == pattern) {
            Some(i) => i,
            None => {
                self.patterns.push(pattern.to_owned());
                self.patterns.len() - 1
            }
        }
    }

    /// `PATTERNS` and `matches`, when any pattern is checked.
    fn patterns_table(&self) -> TokenStream {
        if self.patterns.is_empty() {
            return quote!();
        }
        let n = Literal::usize_unsuffixed(self.patterns.len());
        let patterns = &self.patterns;
        let feature = PATTERN_FEATURE;
        quote! {
            /// The `@pattern`s `validate()` checks, as the model writes them.
            const PATTERNS: [&str; #n] = [#(#patterns),*];

            /// Whether `text` matches the `pattern`th of [`PATTERNS`] (compiled on first use).
            #[cfg(feature = #feature)]
            fn matches(pattern: usize, text: &str) -> bool {
                static COMPILED: [::std::sync::OnceLock<::std::option::Option<::regex::Regex>>; #n] =
                    [const { ::std::sync::OnceLock::new() }; #n];
                let (::std::option::Option::Some(compiled), ::std::option::Option::Some(source)) =
                    (COMPILED.get(pattern), PATTERNS.get(pattern))
                else {
                    return true;
                };
                compiled
                    .get_or_init(|| ::regex::Regex::new(source).ok())
                    .as_ref()
                    .is_none_or(|regex| regex.is_match(text))
            }

            /// Patterns are checked with the crate's pattern feature only.
            #[cfg(not(feature = #feature))]
            fn matches(_pattern: usize, _text: &str) -> bool {
                true
            }
        }
    }
}

/// A constraint's bounds as a range: `min..=max`, `min..` or `..=max`.
fn bounds(min: Option<Literal>, max: Option<Literal>) -> TokenStream {
    match (min, max) {
        (Some(min), Some(max)) => quote!(#min..=#max),
        (Some(min), None) => quote!(#min..),
        (None, Some(max)) => quote!(..=#max),
        (None, None) => unreachable!("a constraint has a bound"),
    }
}
