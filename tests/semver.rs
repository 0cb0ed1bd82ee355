//! The semver rules of ARCHITECTURE.md ("Model updates under semver"), tested: a program that
//! uses every item of a crate generated from one model (every builder setter and `build()`,
//! every getter, every public field through a `..` pattern, every enum and union variant,
//! every operation's `request` and `response`, every error variant and `is_*`) is generated
//! from that crate's description, then compiled against the crate generated from the updated
//! model. Where the rules say an update is minor, it must compile; where they say it is
//! breaking, it must not.

use std::path::{Path, PathBuf};
use std::process::Command;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use smithy_codegen::ir::{Ir, Kind};
use smithy_codegen::{OperationFilter, Options};
use tests::project_root;

/// The package every version of a model is generated as, so the program names it one way.
const PACKAGE: &str = "api";

fn plan(model: &Path) -> Ir {
    let file = smithy_codegen::load_file(model).unwrap_or_else(|e| panic!("{e}"));
    let options = Options {
        operations: OperationFilter::All,
        crate_name: Some(PACKAGE.to_owned()),
        ..Default::default()
    };
    smithy_codegen::plan(&file, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// Paths the crate spells `crate::…`, as a user of the crate spells them.
fn outside(tokens: TokenStream) -> TokenStream {
    let text = tokens
        .to_string()
        .replace("crate ::", &format!("{PACKAGE} ::"));
    text.parse().expect("tokens")
}

/// The program using every item of the crate `ir` describes.
fn program(ir: &Ir) -> String {
    let mut items = Vec::new();
    for (i, shape) in ir.type_shapes().enumerate() {
        let path = outside(ir.names.type_path(&shape.id));
        let function = format_ident!("use_{i}");
        match &shape.kind {
            Kind::Structure(structure) => {
                let fields: Vec<_> = structure
                    .fields
                    .iter()
                    .filter(|f| !f.event_stream)
                    .collect();
                // Each getter's value is given the type it had: a changed type breaks.
                let getters = fields.iter().filter_map(|f| {
                    let name = f.getter.as_ref()?;
                    let (ty, _) = smithy_codegen::emit::rust::getter(ir, f)?;
                    let ty = outside(ty);
                    Some(quote!(let _: #ty = value.#name();))
                });
                let idents: Vec<_> = fields.iter().map(|f| &f.ident).collect();
                let sets = fields.iter().map(|f| {
                    let set = &f.set;
                    let ident = &f.ident;
                    match (f.optional, f.boxed) {
                        (true, false) => quote!(.#set(value.#ident.clone())),
                        (true, true) => quote!(.#set(value.#ident.clone().map(|b| *b))),
                        (false, false) => quote!(.#set(Some(value.#ident.clone()))),
                        (false, true) => quote!(.#set(Some((*value.#ident).clone()))),
                    }
                });
                let fallible = smithy_codegen::emit::builders::build_can_fail(ir, shape, structure);
                let build = if fallible {
                    quote!(.build().unwrap())
                } else {
                    quote!(.build())
                };
                items.push(quote! {
                    pub fn #function(value: &#path) -> #path {
                        #(#getters)*
                        let #path { #(#idents: _,)* .. } = value;
                        #path::builder() #(#sets)* #build
                    }
                });
            }
            Kind::Enum(variants) | Kind::IntEnum(variants) => {
                let idents = variants.iter().map(|v| &v.ident);
                let back = if matches!(shape.kind, Kind::Enum(_)) {
                    quote!(#path::from(value.as_str()))
                } else {
                    quote!(#path::from(value.value()))
                };
                items.push(quote! {
                    pub fn #function(value: &#path) -> #path {
                        match value {
                            #(#path::#idents => {})*
                            _ => {}
                        }
                        #back
                    }
                });
            }
            Kind::Union(union) => {
                let arms = union.variants.iter().map(|v| {
                    let ident = &v.ident;
                    let is = &v.is_method;
                    if v.unit {
                        quote!(#path::#ident => value.#is(),)
                    } else {
                        quote!(#path::#ident(inner) => { let _ = inner; value.#is() })
                    }
                });
                items.push(quote! {
                    pub fn #function(value: &#path) -> bool {
                        match value {
                            #(#arms)*
                            _ => value.is_unknown(),
                        }
                    }
                });
            }
            _ => {}
        }
    }
    let package = format_ident!("{PACKAGE}");
    for (i, op) in ir.operations.iter().enumerate() {
        let function = format_ident!("call_{i}");
        let module = &op.module;
        let input = outside(ir.names.type_path(&op.input));
        let output = outside(ir.names.type_path(&op.output));
        let error_enum = &op.error_enum;
        let errors: Vec<_> = op
            .errors
            .iter()
            .map(|e| {
                let variant = ir.names.type_name(e);
                let info = ir.structure(e).error.as_ref().expect("an error");
                (variant, &info.is_method)
            })
            .collect();
        let arms = errors.iter().map(|(variant, _)| {
            quote!(#package::operation::#module::#error_enum::#variant(error) => { let _ = error.message(); })
        });
        let checks = errors.iter().map(|(_, is)| quote!(let _ = error.#is();));
        items.push(quote! {
            pub fn #function(input: &#input) -> Option<#output> {
                let _request: ::http::Request<Vec<u8>> = #package::operation::#module::request(input).ok()?;
                match #package::operation::#module::response(::http::StatusCode::OK, &::http::HeaderMap::new(), b"{}") {
                    Ok(output) => Some(output),
                    Err(error) => {
                        #(#checks)*
                        let _ = (error.code(), error.message(), error.is_retryable());
                        match error {
                            #(#arms)*
                            _ => {}
                        }
                        None
                    }
                }
            }
        });
    }
    quote! {
        //! Uses every item of the crate it was generated from.
        #![allow(deprecated, unused, clippy::all)]
        #(#items)*
    }
    .to_string()
}

/// A crate generated from `model`, and beside it the program using every item of the crate
/// generated from `program_of`; whether `cargo check` passes, and what it printed.
fn check(name: &str, program_of: &Path, model: &Path) -> (bool, String) {
    check_source(name, &program(&plan(program_of)), model)
}

/// A crate generated from `model`, and beside it a crate of `source` depending on it; whether
/// `cargo check` passes, and what it printed.
fn check_source(name: &str, source: &str, model: &Path) -> (bool, String) {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("semver")
        .join(name);
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch).unwrap();
    }
    let krate = smithy_codegen::emit_crate(&plan(model)).unwrap_or_else(|e| panic!("{e}"));
    krate.write(&scratch.join("api")).unwrap();
    let user = scratch.join("user");
    std::fs::create_dir_all(user.join("src")).unwrap();
    std::fs::write(
        user.join("Cargo.toml"),
        "[package]\nname = \"user\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\napi = { path = \"../api\" }\naws-smithy-types = \"1.9\"\nhttp = \"1\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(user.join("src/lib.rs"), source).unwrap();
    std::fs::copy(project_root().join("Cargo.lock"), user.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--manifest-path"])
        .arg(user.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("semver-target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn semver_fixture(name: &str) -> PathBuf {
    project_root().join(format!("model/fixtures/semver/{name}.json"))
}

#[test]
fn the_program_compiles_against_its_own_crate() {
    let (ok, errors) = check("same", &semver_fixture("before"), &semver_fixture("before"));
    assert!(ok, "{errors}");
}

/// Minor: a new optional member (a field, getter, setters), a new enum and intEnum value, a
/// new union member, a new error of an operation, a new operation, a member's docs and
/// constraints changed, a `@required` member that becomes optional.
#[test]
fn minor_model_updates_keep_programs_compiling() {
    let (ok, errors) = check("minor", &semver_fixture("before"), &semver_fixture("minor"));
    assert!(ok, "a minor model update broke the program:\n{errors}");
}

/// Breaking: a member removed, a member's type changed. The program must not compile, and the
/// compiler must name what went away.
#[test]
fn breaking_model_updates_break_programs() {
    let (ok, errors) = check(
        "breaking",
        &semver_fixture("before"),
        &semver_fixture("breaking"),
    );
    assert!(!ok, "a breaking model update still compiles");
    assert!(
        errors.contains("no method named `size_in_bytes`"),
        "{errors}"
    );
    assert!(errors.contains("mismatched types"), "{errors}");
}

/// What the rules rest on: users cannot build a structure with a literal (a new field would
/// break it) nor match an enum, union or error without a wildcard (a new value would).
#[test]
fn structures_and_enums_are_non_exhaustive() {
    let cases = [
        (
            "literal",
            "pub fn f() -> api::types::Thing { api::types::Thing { name: None, ..Default::default() } }",
            "cannot create non-exhaustive struct",
        ),
        (
            "enum",
            "pub fn f(s: &api::types::State) -> u8 { match s { api::types::State::On => 1, api::types::State::Off => 2 } }",
            "non-exhaustive patterns",
        ),
        (
            "union",
            "pub fn f(s: &api::types::Shape) -> u8 { match s { api::types::Shape::Circle(_) => 1, api::types::Shape::Empty => 2 } }",
            "non-exhaustive patterns",
        ),
        (
            "error",
            "pub fn f(e: &api::operation::get_thing::GetThingError) -> u8 { match e { api::operation::get_thing::GetThingError::NotFound(_) => 1 } }",
            "non-exhaustive patterns",
        ),
    ];
    for (name, source, expected) in cases {
        let (ok, errors) = check_source(name, source, &semver_fixture("before"));
        assert!(!ok, "{name}: compiles");
        assert!(errors.contains(expected), "{name}: {errors}");
    }
}

/// FSx's own update: a program using all of the 2025-05-20 release's operations compiles
/// against the crate of the current release.
#[test]
fn fsx_2025_05_20_programs_compile_against_the_current_release() {
    let fsx = project_root().join("model/fsx");
    let (ok, errors) = check(
        "fsx",
        &fsx.join("fsx-2018-03-01.2025-05-20.json"),
        &fsx.join("fsx-2018-03-01.json"),
    );
    assert!(ok, "{errors}");
}
