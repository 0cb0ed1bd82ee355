//! Structures → `#[non_exhaustive]` structs with public fields, a `builder()`, and `Default`
//! where every field has a value without the caller (all optional or all defaulted).

use proc_macro2::TokenStream;
use quote::quote;

use super::debug::{self, DebugField};
use super::{deprecated, member_docs, shape_docs, values};
use crate::context::Context;
use crate::error::Problem;
use crate::model::{Member, Shape};
use crate::rust_type::is_optional;

/// How a field gets its value when nobody sets it.
pub enum FieldDefault {
    /// The field is an `Option`: `None`.
    None,
    /// The model's `@default`, as an expression; `constant` when it is a plain literal,
    /// `rust_default` when it equals what `Default` gives for the field's type.
    Value {
        expr: TokenStream,
        constant: bool,
        rust_default: bool,
    },
    /// Required with no default: the caller must set it.
    Required,
}

/// What each member's field falls back to.
pub fn field_default(
    ctx: &Context,
    shape: &Shape,
    member: &Member,
) -> Result<FieldDefault, Problem> {
    if ctx.is_event_stream(&member.target) {
        // An empty stream, fed the response body as it arrives.
        return Ok(FieldDefault::Value {
            expr: quote!(::std::default::Default::default()),
            constant: false,
            rust_default: true,
        });
    }
    if is_optional(shape, member) {
        return Ok(FieldDefault::None);
    }
    match member.traits.default_value() {
        Some(value) => {
            let expr = values::literal(ctx, &member.id, &member.target, value)?;
            let boxed = ctx.boxed.contains(&member.id);
            let constant = !boxed && values::is_constant(ctx, &member.target, value);
            let rust_default = !boxed && values::is_rust_default(ctx, &member.target, value);
            let expr = if boxed {
                quote!(::std::boxed::Box::new(#expr))
            } else {
                expr
            };
            Ok(FieldDefault::Value {
                expr,
                constant,
                rust_default,
            })
        }
        None => Ok(FieldDefault::Required),
    }
}

/// The struct, its `builder()` constructor, and its `Debug`/`Default` impls.
pub fn emit(ctx: &Context, shape: &Shape, members: &[Member]) -> Result<TokenStream, Problem> {
    let name = ctx.names.type_name(&shape.id);
    let builder = ctx.names.builder_path(&shape.id);
    let docs = shape_docs(ctx, shape, "structure");
    let shape_deprecated = deprecated(&shape.traits);

    let mut fields = Vec::new();
    let mut debug_fields = Vec::new();
    let mut defaults = Vec::new();
    for member in members {
        let field = ctx.names.field(&member.id);
        let ty = ctx.field_type(shape, member);
        let docs = member_docs(ctx, member);
        let member_deprecated = deprecated(&member.traits);
        fields.push(quote! {
            #docs
            #member_deprecated
            pub #field: #ty,
        });
        debug_fields.push(DebugField {
            label: field.bare().to_owned(),
            field: field.clone(),
            redacted: debug::is_redacted(ctx, shape, member),
        });
        defaults.push((field, field_default(ctx, shape, member)?));
    }

    let is_error = ctx.is_error(&shape.id);
    if is_error {
        // An error carries what the response said about it (see `emit::errors`).
        fields.push(quote! {
            /// What the response said about the error: code, message, request id, status.
            pub(crate) meta: crate::error::ErrorMetadata,
        });
        debug_fields.push(DebugField {
            label: "meta".to_owned(),
            field: crate::ident::RustIdent::escaped("meta"),
            redacted: false,
        });
    }
    let meta_init = is_error.then(|| quote!(meta: ::std::default::Default::default(),));

    let ty = quote!(#name);
    let debug_impl = debug::struct_debug(&ty, name.bare(), &debug_fields);
    let debug_derive = debug_impl.is_none().then(|| quote!(Debug,));

    let derivable = defaults.iter().all(|(_, d)| {
        matches!(
            d,
            FieldDefault::None
                | FieldDefault::Value {
                    rust_default: true,
                    ..
                }
        )
    });
    let any_required = defaults
        .iter()
        .any(|(_, d)| matches!(d, FieldDefault::Required));
    let default_derive = derivable.then(|| quote!(Default,));
    let default_impl = (!derivable && !any_required).then(|| {
        let inits = defaults.iter().map(|(field, d)| match d {
            FieldDefault::None => quote!(#field: ::std::option::Option::None,),
            FieldDefault::Value { expr, .. } => quote!(#field: #expr,),
            FieldDefault::Required => unreachable!("no required fields here"),
        });
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self { #(#inits)* #meta_init }
                }
            }
        }
    });

    Ok(quote! {
        #docs
        #shape_deprecated
        #[non_exhaustive]
        #[derive(Clone, PartialEq, #debug_derive #default_derive)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// A builder for this type; `build()` checks that required members are set.
            pub fn builder() -> #builder {
                ::std::default::Default::default()
            }
        }

        #debug_impl
        #default_impl
    })
}
