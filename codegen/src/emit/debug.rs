//! `Debug` that never prints `@sensitive` data. Types without anything to redact derive
//! `Debug`; the others get an impl that prints `*** Sensitive Data Redacted ***` (the runtime's
//! `REDACTED`) in place of each sensitive value, however deep the sensitive shape sits in
//! lists and maps. Nested structures and unions redact their own members.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::RustIdent;

/// A field of a struct-like `Debug`.
pub struct DebugField {
    /// The label printed (the Rust field name, as `derive(Debug)` would print it).
    pub label: String,
    /// The field's identifier.
    pub field: RustIdent,
    /// Whether to print the marker instead of the value.
    pub redacted: bool,
}

/// `impl Debug` for a struct named `ty` (printed as `label`) with named fields, or nothing if
/// no field is redacted (the caller derives `Debug` then).
pub fn struct_debug(ty: &TokenStream, label: &str, fields: &[DebugField]) -> Option<TokenStream> {
    if !fields.iter().any(|f| f.redacted) {
        return None;
    }
    let calls = fields.iter().map(|f| {
        let DebugField {
            label,
            field,
            redacted,
        } = f;
        if *redacted {
            quote!(formatter.field(#label, &crate::runtime::REDACTED);)
        } else {
            quote!(formatter.field(#label, &self.#field);)
        }
    });
    Some(quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut formatter = f.debug_struct(#label);
                #(#calls)*
                formatter.finish()
            }
        }
    })
}
