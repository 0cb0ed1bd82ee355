//! Insta snapshots of what each emitter writes, each on the fixture made for its concern (see
//! `model/README.md`), so that an emitter change rewrites the few snapshots about it. Review
//! changes with `cargo insta review`. Headers are left out (they change with the generator
//! version); `header_names_model_and_version` pins them once.

use tests::{fixture, fixture_names, generate_fixture};

/// A generated file without its two-line header and the blank line after it.
fn body<'a>(krate: &'a smithy_codegen::GeneratedCrate, path: &str) -> &'a str {
    let text = krate
        .file(path)
        .unwrap_or_else(|| panic!("no {path} generated"));
    let mut rest = text;
    for _ in 0..3 {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest
}

/// Which files of which fixture are pinned: the emitter whose concern the fixture is.
const PINNED: &[(&str, &[&str])] = &[
    // Every simple type through the structure, builder, serializer and deserializer emitters.
    (
        "structures",
        &[
            "src/types.rs",
            "src/builders.rs",
            "src/json_ser.rs",
            "src/json_de.rs",
        ],
    ),
    ("enums", &["src/types.rs"]),
    (
        "unions",
        &["src/types.rs", "src/json_ser.rs", "src/json_de.rs"],
    ),
    ("collections", &["src/json_ser.rs", "src/json_de.rs"]),
    ("constraints", &["src/validate.rs"]),
    ("recursion", &["src/types.rs"]),
    ("sensitive", &["src/types.rs"]),
    ("naming", &["src/types.rs"]),
    ("defaults", &["src/types.rs", "src/builders.rs"]),
    ("mixins", &["src/types.rs"]),
    ("smithy1", &["src/types.rs"]),
    ("event_streams", &["src/json_de.rs"]),
    ("serde", &["src/serde_impls.rs"]),
    ("endpoints", &["src/endpoint.rs", "tests/endpoints.rs"]),
    ("paging", &["src/client.rs"]),
];

#[test]
fn each_emitter_on_its_fixture() {
    let names = fixture_names();
    for (fixture, files) in PINNED {
        assert!(names.iter().any(|n| n == fixture), "no fixture {fixture}");
        let krate = generate_fixture(fixture);
        for file in *files {
            let stem = file.trim_start_matches("src/").trim_end_matches(".rs");
            insta::assert_snapshot!(format!("{fixture}__{stem}"), body(&krate, file));
        }
    }
}

/// The error emitter (error structs' impls, the service-wide `Error`) and the operation
/// emitter (request/response functions, per-operation error enums).
#[test]
fn errors_and_operations() {
    let krate = generate_fixture("errors");
    insta::assert_snapshot!("errors__error", body(&krate, "src/error.rs"));
    insta::assert_snapshot!(
        "errors__operation_mod",
        body(&krate, "src/operation/mod.rs")
    );
    insta::assert_snapshot!(
        "errors__operation_get_item",
        body(&krate, "src/operation/get_item.rs")
    );
    insta::assert_snapshot!(
        "errors__operation_delete_item",
        body(&krate, "src/operation/delete_item.rs")
    );
}

#[test]
fn crate_files_of_a_fixture() {
    let krate = generate_fixture("errors");
    let paths: Vec<&str> = krate.files().map(|(p, _)| p).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "api.json",
            "src/builders.rs",
            "src/client.rs",
            "src/endpoint.rs",
            "src/error.rs",
            "src/json.rs",
            "src/json_de.rs",
            "src/json_ser.rs",
            "src/lib.rs",
            "src/operation/delete_item.rs",
            "src/operation/get_item.rs",
            "src/operation/mod.rs",
            "src/primitives.rs",
            "src/runtime/accessors.rs",
            "src/runtime/client/config.rs",
            "src/runtime/client/credentials.rs",
            "src/runtime/client/error.rs",
            "src/runtime/client/http.rs",
            "src/runtime/client/invoke.rs",
            "src/runtime/client/mod.rs",
            "src/runtime/client/paginator.rs",
            "src/runtime/client/profile.rs",
            "src/runtime/client/retry.rs",
            "src/runtime/client/sign.rs",
            "src/runtime/client/timer.rs",
            "src/runtime/endpoint.rs",
            "src/runtime/errors.rs",
            "src/runtime/json_read/error.rs",
            "src/runtime/json_read/keys.rs",
            "src/runtime/json_read/members.rs",
            "src/runtime/json_read/mod.rs",
            "src/runtime/json_read/scalars.rs",
            "src/runtime/json_read/scan.rs",
            "src/runtime/json_read/structures.rs",
            "src/runtime/json_write.rs",
            "src/runtime/mod.rs",
            "src/runtime/protocol.rs",
            "src/runtime/serde_wire.rs",
            "src/runtime/timestamp.rs",
            "src/runtime/validate.rs",
            "src/runtime/values.rs",
            "src/serde_impls.rs",
            "src/types.rs",
            "src/validate.rs",
            "tests/examples.rs",
            "tests/support/mod.rs",
        ]
    );
    insta::assert_snapshot!("errors__lib", body(&krate, "src/lib.rs"));
    insta::assert_snapshot!("errors__cargo_toml", body(&krate, "Cargo.toml"));
}

#[test]
fn header_names_model_and_version() {
    let krate = generate_fixture("errors");
    let sha = &fixture("errors").source.sha256;
    let expected = format!(
        "// Generated by smithy-codegen {} from errors.json (sha256 {sha}).\n// Do not edit by hand: regenerate instead.\n\n",
        smithy_codegen::VERSION
    );
    for (path, text) in krate.files() {
        let expected = if path.ends_with(".toml") {
            expected.replace("//", "#")
        } else if path.ends_with(".json") {
            // JSON has no comments: the header is its first member.
            format!(
                "{{\n\"generated\": \"Generated by smithy-codegen {} from errors.json (sha256 {sha}). Do not edit by hand: regenerate instead.\", ",
                smithy_codegen::VERSION
            )
        } else {
            expected.clone()
        };
        assert!(
            text.starts_with(&expected),
            "{path} starts with {:?}",
            &text[..text.len().min(200)]
        );
        assert!(
            text.ends_with('\n') && !text.contains('\r'),
            "{path}: LF endings and a final newline"
        );
    }
}

/// The examples emitter: one test per documented example (inputs built with builders, wire
/// bodies with blobs in base64, timestamps compared as instants, defaults expected).
#[test]
fn documented_examples() {
    insta::assert_snapshot!(
        "errors__examples",
        body(&generate_fixture("errors"), "tests/examples.rs")
    );
    insta::assert_snapshot!(
        "structures__examples",
        body(&generate_fixture("structures"), "tests/examples.rs")
    );
    // Node values, not wire JSON: timestamps converted to each member's format, floats
    // rounded to 32 bits. The examples that cannot be tests are left out, with warnings.
    let examples = generate_fixture("examples");
    insta::assert_snapshot!("examples__examples", body(&examples, "tests/examples.rs"));
    let warnings: Vec<String> = examples.warnings().iter().map(|w| w.to_string()).collect();
    insta::assert_snapshot!("examples__warnings", warnings.join("\n"));
}
