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
    quote! {
        //! Inputs' `validate()`: the model's constraints, checked only when asked.
        use crate::runtime::validate::{Check, Validator};

        #(#items)*

        #patterns
    }
}

/// `impl Input { pub fn validate(&self) }`.
fn validate_method(ir: &Ir, input: &Shape) -> TokenStream {
    let path = ir.names.type_path(&input.id);
    let name = ir.names.type_name(&input.id).bare();
    let docs = super::doc_lines(&[
        "Checks this input against the model's constraints (`@required`, `@length`, `@range`, `@pattern`), nested values included, and returns every violation with its member's path.".to_owned(),
        String::new(),
        "Nothing runs it on its own: the service decides what it accepts, and services relax constraints over time. See [`ValidationError`](crate::error::ValidationError) for what is checked.".to_owned(),
    ]);
    quote! {
        impl #path {
            #docs
            pub fn validate(&self) -> ::std::result::Result<(), crate::error::ValidationError> {
                let mut v = Validator::new(#name);
                self.check(&mut v);
                v.finish()
            }
        }
    }
}

/// Emits checks, numbering the patterns it meets.
struct Emitter<'a> {
    ir: &'a Ir,
    patterns: Vec<String>,
}

impl Emitter<'_> {
    /// `impl Check for Type`.
    fn check_impl(&mut self, shape: &Shape) -> TokenStream {
        let ir = self.ir;
        let path = ir.names.type_path(&shape.id);
        let body = match &shape.kind {
            Kind::Structure(structure) => {
                let mut stmts = Vec::new();
                for field in &structure.fields {
                    if !field_needs_check(&ir.shapes, &ir.validated, field) {
                        continue;
                    }
                    let ident = &field.ident;
                    let wire = &field.wire;
                    let redacted = field.redacted;
                    if field.must_be_set && field.optional {
                        stmts.push(quote! {
                            if self.#ident.is_none() {
                                v.member(#wire, #redacted, Validator::missing);
                            }
                        });
                    }
                    let Some(checks) = self.value(&field.target, &field.constraints) else {
                        continue;
                    };
                    let checks = quote!(v.member(#wire, #redacted, |v| { #checks }););
                    stmts.push(if field.optional {
                        quote!(if let ::std::option::Option::Some(x) = &self.#ident { #checks })
                    } else {
                        quote!({ let x = &self.#ident; #checks })
                    });
                }
                stmts
            }
            Kind::Union(union) => {
                let mut arms = Vec::new();
                for variant in union.variants.iter().filter(|v| !v.unit) {
                    let Some(checks) = self.value(&variant.target, &variant.constraints) else {
                        continue;
                    };
                    let ident = &variant.ident;
                    let wire = &variant.wire;
                    let redacted = variant.redacted;
                    arms.push((
                        quote!(Self::#ident(x)),
                        quote!(v.member(#wire, #redacted, |v| { #checks })),
                    ));
                }
                match arms.as_slice() {
                    [] => Vec::new(),
                    [(pattern, check)] => vec![quote!(if let #pattern = self { #check; })],
                    _ => {
                        let arms = arms.iter().map(|(p, c)| quote!(#p => #c,));
                        vec![quote! {
                            match self {
                                #(#arms)*
                                _ => {}
                            }
                        }]
                    }
                }
            }
            _ => unreachable!("only structures and unions are validated"),
        };
        let v = if body.is_empty() {
            quote!(_v)
        } else {
            quote!(v)
        };
        quote! {
            impl Check for #path {
                fn check(&self, #v: &mut Validator) {
                    #(#body)*
                }
            }
        }
    }

    /// Statements checking `x` (a reference to a value of `target`) under `constraints`, at
    /// the validator `v`'s current path; `None` when there is nothing to check.
    fn value(&mut self, target: &ShapeId, constraints: &Constraints) -> Option<TokenStream> {
        let ir = self.ir;
        if !value_needs_check(&ir.shapes, &ir.validated, target, constraints) {
            return None;
        }
        let kind = &ir.shape(target).kind;
        let checks = applicable(kind, constraints);
        let mut stmts = Vec::new();
        if let Some((min, max)) = checks.length {
            let length = match kind {
                Kind::Simple(SimpleType::String) => quote!(x.chars().count()),
                Kind::Enum(_) => quote!(x.as_str().chars().count()),
                Kind::Simple(SimpleType::Blob) => quote!(x.as_ref().len()),
                _ => quote!(x.len()),
            };
            let (min, max) = (
                bound(min.map(Literal::u64_suffixed)),
                bound(max.map(Literal::u64_suffixed)),
            );
            stmts.push(quote!(v.length(#length, #min, #max);));
        }
        match checks.range {
            Some(Range::Int(min, max)) => {
                let value = match kind {
                    Kind::Simple(SimpleType::Long) => quote!(*x),
                    _ => quote!(i64::from(*x)),
                };
                let (min, max) = (
                    bound(min.map(Literal::i64_suffixed)),
                    bound(max.map(Literal::i64_suffixed)),
                );
                stmts.push(quote!(v.range_int(#value, #min, #max);));
            }
            Some(Range::Float(min, max)) => {
                let value = match kind {
                    Kind::Simple(SimpleType::Double) => quote!(*x),
                    _ => quote!(f64::from(*x)),
                };
                let (min, max) = (
                    bound(min.map(Literal::f64_suffixed)),
                    bound(max.map(Literal::f64_suffixed)),
                );
                stmts.push(quote!(v.range_float(#value, #min, #max);));
            }
            None => {}
        }
        if let Some(pattern) = checks.pattern {
            let index = self.pattern_index(&pattern);
            let i = Literal::usize_unsuffixed(index);
            let text = match kind {
                Kind::Enum(_) => quote!(x.as_str()),
                _ => quote!(x),
            };
            stmts.push(quote! {
                if !matches(#i, #text) {
                    v.pattern_mismatch(PATTERNS[#i]);
                }
            });
        }
        match kind {
            Kind::Structure(_) | Kind::Union(_) => stmts.push(quote!(x.check(v);)),
            Kind::List { member, sparse } => {
                if let Some(inner) = self.value(&member.target, &member.constraints) {
                    let inner = sparse_element(*sparse, inner);
                    stmts.push(quote!(v.each(x, |v, x| { #inner });));
                }
            }
            Kind::Map { key, value, sparse } => {
                let keys = self.value(&key.target, &key.constraints);
                let values = self.value(&value.target, &value.constraints);
                if keys.is_some() || values.is_some() {
                    let keys = keys.map(|inner| quote!({ let x = k; #inner }));
                    let values = values.map(|inner| {
                        let inner = sparse_element(*sparse, inner);
                        quote!({ let x = value; #inner })
                    });
                    let (k, value) = (
                        if keys.is_some() { quote!(k) } else { quote!(_) },
                        if values.is_some() {
                            quote!(value)
                        } else {
                            quote!(_)
                        },
                    );
                    stmts.push(quote!(v.entries(x, |v, #k, #value| { #keys #values });));
                }
            }
            _ => {}
        }
        Some(quote!(#(#stmts)*))
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

/// A sparse collection's element is checked when it is there.
fn sparse_element(sparse: bool, inner: TokenStream) -> TokenStream {
    if sparse {
        quote!(if let ::std::option::Option::Some(x) = x { #inner })
    } else {
        inner
    }
}

/// `Some(bound)` or `None`.
fn bound(value: Option<Literal>) -> TokenStream {
    match value {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}
