//! Malformed and invalid models: each is rejected with the full list of problems, each naming
//! the shape (and member) at fault, and no input makes the loader panic.

use std::panic::catch_unwind;

use smithy_codegen::model::Model;
use smithy_codegen::Error;
use tests::{load_str, project_root};

/// The error text for a model that must not load.
fn error(json: &str) -> String {
    match load_str(json) {
        Ok(_) => panic!("the model loaded, but it is invalid:\n{json}"),
        Err(message) => message,
    }
}

#[test]
fn invalid_json_truncated_document() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Name": { "type": "string" }"#
        ),
        "invalid model (1 problem):\n  not valid JSON: EOF while parsing an object at line 4 column 35"
    );
}

#[test]
fn missing_smithy_version() {
    assert_eq!(
        error(r#"{ "shapes": { "ex#Name": { "type": "string" } } }"#),
        "invalid model (1 problem):\n  the model document has no `smithy` version"
    );
}

#[test]
fn unsupported_smithy_version() {
    assert_eq!(
        error(r#"{ "smithy": "3.0", "shapes": {} }"#),
        "invalid model (1 problem):\n  unsupported Smithy IDL version `3.0` (expected 1.0 or 2.0)"
    );
}

#[test]
fn smithy_version_not_a_string() {
    assert_eq!(
        error(r#"{ "smithy": 2, "shapes": {} }"#),
        "invalid model (1 problem):\n  `smithy` must be a string, got number"
    );
}

#[test]
fn document_not_an_object() {
    assert_eq!(
        error(r#"["smithy", "2.0"]"#),
        "invalid model (1 problem):\n  the model document must be an object, got array"
    );
}

#[test]
fn shapes_not_an_object() {
    assert_eq!(
        error(r#"{ "smithy": "2.0", "shapes": [{ "ex#Name": { "type": "string" } }] }"#),
        "invalid model (1 problem):\n  `shapes` must be an object, got array"
    );
}

#[test]
fn bad_shape_id_keys() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#9Lives": { "type": "string" },
    "Cat": { "type": "string" },
    "ex#Cat$name": { "type": "string" },
    "ex#Fine": { "type": "string" }
  }
}"#
        ),
        concat!(
            "invalid model (3 problems):\n",
            "  bad shape id in `shapes`: shape id `Cat` has no `#` between namespace and name\n",
            "  bad shape id in `shapes`: shape id `ex#9Lives` has an invalid name `9Lives`\n",
            "  shape key `ex#Cat$name` names a member, not a shape",
        )
    );
}

#[test]
fn unknown_shape_type() {
    assert_eq!(
        error(r#"{ "smithy": "2.0", "shapes": { "ex#Person": { "type": "strukture" } } }"#),
        "invalid model (1 problem):\n  ex#Person: unknown shape type `strukture`"
    );
}

#[test]
fn shape_without_type() {
    assert_eq!(
        error(r#"{ "smithy": "2.0", "shapes": { "ex#Person": { "members": {} } } }"#),
        "invalid model (1 problem):\n  ex#Person: shape has no `type`"
    );
}

#[test]
fn dangling_member_target() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": {
        "name": { "target": "ex#Name" },
        "age": { "target": "smithy.api#Integer" }
      }
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Person$name: target ex#Name does not exist"
    );
}

#[test]
fn member_targeting_an_operation() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": { "greet": { "target": "ex#Greet" } }
    },
    "ex#Greet": { "type": "operation" }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Person$greet: target ex#Greet is an operation, which a member cannot target"
    );
}

#[test]
fn members_of_the_wrong_json_type() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": [{ "name": { "target": "smithy.api#String" } }]
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Person: `members` must be an object, got array"
    );
}

#[test]
fn trait_value_of_the_wrong_json_type() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": {
        "name": {
          "target": "smithy.api#String",
          "traits": { "smithy.api#required": true }
        }
      },
      "traits": { "smithy.api#documentation": 5 }
    }
  }
}"#
        ),
        concat!(
            "invalid model (2 problems):\n",
            "  ex#Person: trait smithy.api#documentation must be a string, got 5\n",
            "  ex#Person$name: trait smithy.api#required must be an object, got true",
        )
    );
}

#[test]
fn duplicate_member() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": {
        "name": { "target": "smithy.api#String" },
        "name": { "target": "smithy.api#Integer" }
      }
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Person: `members` has `name` more than once"
    );
}

#[test]
fn members_differing_only_in_case() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": {
        "name": { "target": "smithy.api#String" },
        "Name": { "target": "smithy.api#String" }
      }
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Person: members `name` and `Name` differ only in case"
    );
}

#[test]
fn enum_without_members() {
    assert_eq!(
        error(
            r#"{ "smithy": "2.0", "shapes": { "ex#Color": { "type": "enum", "members": {} } } }"#
        ),
        "invalid model (1 problem):\n  ex#Color: enum has no members"
    );
}

#[test]
fn int_enum_member_without_enum_value() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Level": {
      "type": "intEnum",
      "members": {
        "LOW": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": 1 } },
        "HIGH": { "target": "smithy.api#Unit" }
      }
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Level$HIGH: intEnum member has no enumValue"
    );
}

#[test]
fn enum_members_with_the_same_value() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Color": {
      "type": "enum",
      "members": {
        "RED": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "red" } },
        "CRIMSON": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "red" } }
      }
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Color$CRIMSON: has the same value \"red\" as member `RED`"
    );
}

#[test]
fn mixin_cycle() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#A": {
      "type": "structure",
      "mixins": [{ "target": "ex#B" }],
      "traits": { "smithy.api#mixin": {} }
    },
    "ex#B": {
      "type": "structure",
      "mixins": [{ "target": "ex#C" }],
      "traits": { "smithy.api#mixin": {} }
    },
    "ex#C": {
      "type": "structure",
      "mixins": [{ "target": "ex#A" }],
      "traits": { "smithy.api#mixin": {} }
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#A: mixins form a cycle: ex#A -> ex#B -> ex#C -> ex#A"
    );
}

#[test]
fn missing_mixin() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": { "type": "structure", "mixins": [{ "target": "ex#Named" }] }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Person: mixin ex#Named does not exist"
    );
}

#[test]
fn mixin_of_another_kind() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Level": { "type": "intEnum", "mixins": [{ "target": "ex#Colors" }] },
    "ex#Colors": { "type": "enum", "traits": { "smithy.api#mixin": {} } }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Level: an intEnum cannot use the enum ex#Colors as a mixin"
    );
}

#[test]
fn apply_to_a_missing_target() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": { "name": { "target": "smithy.api#String" } }
    },
    "ex#Ghost": { "type": "apply", "traits": { "smithy.api#sensitive": {} } },
    "ex#Person$nmae": { "type": "apply", "traits": { "smithy.api#sensitive": {} } }
  }
}"#
        ),
        concat!(
            "invalid model (2 problems):\n",
            "  ex#Ghost: `apply` targets a shape or member that does not exist\n",
            "  ex#Person$nmae: `apply` targets a shape or member that does not exist",
        )
    );
}

#[test]
fn apply_to_a_prelude_shape() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "smithy.api#String": { "type": "apply", "traits": { "smithy.api#sensitive": {} } }
  }
}"#
        ),
        "invalid model (1 problem):\n  smithy.api#String: `apply` cannot add traits to a prelude shape"
    );
}

/// The JSON AST keys an `apply` to a member by the member id; that is not a malformed key.
#[test]
fn apply_to_a_member_is_accepted() {
    let model = load_str(
        r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Person": {
      "type": "structure",
      "members": { "name": { "target": "smithy.api#String" } }
    },
    "ex#Person$name": { "type": "apply", "traits": { "smithy.api#sensitive": {} } }
  }
}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let id = smithy_codegen::model::ShapeId::parse("ex#Person$name").unwrap();
    let member = model.member(&id).expect("ex#Person$name exists");
    assert!(member.traits.has("smithy.api#sensitive"));
}

#[test]
fn default_that_does_not_fit_its_target() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Settings": {
      "type": "structure",
      "members": {
        "size": { "target": "smithy.api#Integer", "traits": { "smithy.api#default": "big" } },
        "color": { "target": "ex#Color", "traits": { "smithy.api#default": "PINK" } }
      }
    },
    "ex#Color": {
      "type": "enum",
      "members": { "RED": { "target": "smithy.api#Unit" } }
    }
  }
}"#
        ),
        concat!(
            "invalid model (2 problems):\n",
            "  ex#Settings$color: @default \"PINK\" does not fit the enum ex#Color: not one of the enum's values\n",
            "  ex#Settings$size: @default \"big\" does not fit the integer smithy.api#Integer: expected a 32-bit integer",
        )
    );
}

#[test]
fn operation_input_not_a_structure() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Greet": {
      "type": "operation",
      "input": { "target": "smithy.api#String" },
      "output": { "target": "ex#Level" }
    },
    "ex#Level": {
      "type": "intEnum",
      "members": {
        "LOW": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": 1 } }
      }
    }
  }
}"#
        ),
        concat!(
            "invalid model (2 problems):\n",
            "  ex#Greet: input smithy.api#String is a string, expected structure\n",
            "  ex#Greet: output ex#Level is an intEnum, expected structure",
        )
    );
}

#[test]
fn operation_error_without_error_trait() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Greet": { "type": "operation", "errors": [{ "target": "ex#Oops" }] },
    "ex#Oops": { "type": "structure" }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Greet: error ex#Oops has no @error trait"
    );
}

#[test]
fn map_key_targeting_an_integer() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Counts": {
      "type": "map",
      "key": { "target": "smithy.api#Integer" },
      "value": { "target": "smithy.api#Long" }
    }
  }
}"#
        ),
        "invalid model (1 problem):\n  ex#Counts$key: map keys must target a string or enum, not the integer smithy.api#Integer"
    );
}

/// Problems with the document's structure are all reported, sorted: those with no shape first,
/// then by shape id.
#[test]
fn several_structural_problems_are_collected_and_sorted() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Zebra": { "type": "structure", "members": { "stripes": {} } },
    "not an id": { "type": "string" },
    "ex#Apple": { "type": "fruit" },
    "ex#Mango": { "type": "list" },
    "ex#Apple": { "type": "string" }
  }
}"#
        ),
        concat!(
            "invalid model (5 problems):\n",
            "  `shapes` has `ex#Apple` more than once\n",
            "  bad shape id in `shapes`: shape id `not an id` has no `#` between namespace and name\n",
            "  ex#Apple: unknown shape type `fruit`\n",
            "  ex#Mango: shape has no `member` member\n",
            "  ex#Zebra$stripes: member has no `target`",
        )
    );
}

/// Every invalid reference and value in a well-formed document is reported, sorted by
/// namespace, shape name and member, whatever the file order.
#[test]
fn several_problems_are_collected_and_sorted_by_shape_id() {
    assert_eq!(
        error(
            r#"{
  "smithy": "2.0",
  "shapes": {
    "zoo#Keeper": {
      "type": "structure",
      "members": { "badge": { "target": "zoo#Badge" } }
    },
    "ex#Zebra": {
      "type": "structure",
      "members": {
        "stripes": { "target": "ex#Stripes" },
        "age": { "target": "smithy.api#Integer", "traits": { "smithy.api#default": -1.5 } }
      }
    },
    "ex#Greet": {
      "type": "operation",
      "input": { "target": "ex#Zebra" },
      "errors": [{ "target": "ex#Oops" }, { "target": "ex#Missing" }]
    },
    "ex#Oops": { "type": "structure" },
    "ex#Counts": {
      "type": "map",
      "key": { "target": "smithy.api#Integer" },
      "value": { "target": "smithy.api#Long" }
    },
    "ex#Color": { "type": "enum", "members": {} }
  }
}"#
        ),
        concat!(
            "invalid model (7 problems):\n",
            "  ex#Color: enum has no members\n",
            "  ex#Counts$key: map keys must target a string or enum, not the integer smithy.api#Integer\n",
            "  ex#Greet: error ex#Missing does not exist\n",
            "  ex#Greet: error ex#Oops has no @error trait\n",
            "  ex#Zebra$age: @default -1.5 does not fit the integer smithy.api#Integer: expected a 32-bit integer\n",
            "  ex#Zebra$stripes: target ex#Stripes does not exist\n",
            "  zoo#Keeper$badge: target zoo#Badge does not exist",
        )
    );
}

/// How many truncated copies of the real model to load.
const TRUNCATIONS: usize = 200;

/// How many copies of the real model with one byte flipped to load. Most flips leave valid
/// JSON, and a whole-model load takes ~25 ms in a debug build: fewer than the truncations
/// (which fail in the parser) to keep this file's run time at a few seconds.
const FLIPS: usize = 100;

/// The FSx model, the largest real input the generator reads.
fn fsx_model() -> Vec<u8> {
    let path = project_root().join(xtask::inputs::FSX_MODEL);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `count` offsets spread evenly over `len` bytes, never 0 nor `len`.
fn offsets(len: usize, count: usize) -> Vec<usize> {
    (1..=count).map(|i| i * len / (count + 1)).collect()
}

/// Loads the variant of the model made for each offset, spread over the available cores, and
/// fails listing every offset whose variant panicked the loader, failed without naming a
/// problem, or failed `check`.
fn load_variants(
    offsets: &[usize],
    variant: impl Fn(usize) -> Vec<u8> + Sync,
    check: impl Fn(&Result<Model, Error>) -> Result<(), String> + Sync,
) {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (variant, check) = (&variant, &check);
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for &offset in offsets.iter().skip(worker).step_by(workers) {
                        let bytes = variant(offset);
                        let failure = match catch_unwind(|| smithy_codegen::model::load(&bytes)) {
                            Err(_) => Some("the loader panicked".to_owned()),
                            Ok(Err(e)) if e.problems().is_empty() => {
                                Some(format!("an error that names no problem: {e}"))
                            }
                            Ok(loaded) => check(&loaded).err(),
                        };
                        if let Some(failure) = failure {
                            failures.push(format!("offset {offset}: {failure}"));
                        }
                    }
                    failures
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker does not panic"))
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn truncated_real_model_never_panics() {
    let model = fsx_model();
    load_variants(
        &offsets(model.len(), TRUNCATIONS),
        |offset| model[..offset].to_vec(),
        // A prefix of the document is never valid JSON.
        |loaded| match loaded {
            Err(e)
                if e.to_string().starts_with(
                    "invalid model (1 problem):\n  not valid JSON: EOF while parsing",
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(format!("unexpected error: {e}")),
            Ok(_) => Err("a truncated model loaded".to_owned()),
        },
    );
}

#[test]
fn real_model_with_a_flipped_byte_never_panics() {
    let model = fsx_model();
    load_variants(
        &offsets(model.len(), FLIPS),
        |offset| {
            let mut bytes = model.clone();
            // One of the low seven bits, so that most flips keep the file ASCII (and often JSON).
            bytes[offset] ^= 1 << (offset % 7);
            bytes
        },
        |_| Ok(()),
    );
}

#[test]
fn reserved_synthetic_namespace() {
    assert_eq!(
        error(r#"{ "smithy": "2.0", "shapes": { "smithy.synthetic#Thing": { "type": "string" } } }"#),
        "invalid model (1 problem):\n  smithy.synthetic#Thing: the namespace `smithy.synthetic` is reserved for shapes the generator adds"
    );
}

/// Valid models the generator still cannot turn into a crate: selection and naming problems.
fn generation_error(json: &str, operations: smithy_codegen::OperationFilter) -> String {
    let file = smithy_codegen::model_file(json.as_bytes().to_vec(), "test.json");
    let options = smithy_codegen::Options {
        service: None,
        operations,
        crate_name: None,
        ..Default::default()
    };
    match smithy_codegen::generate(&file, &options) {
        Ok(_) => panic!("generation succeeded:\n{json}"),
        Err(e) => e.to_string(),
    }
}

const TWO_OPS: &str = r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": {
      "type": "service",
      "operations": [{ "target": "ex#GetThing" }, { "target": "ex#PutThing" }],
      "traits": { "aws.protocols#awsJson1_1": {} }
    },
    "ex#GetThing": { "type": "operation" },
    "ex#PutThing": { "type": "operation" }
  }
}"#;

#[test]
fn unknown_operations_get_the_nearest_names() {
    let named = smithy_codegen::OperationFilter::Named(vec![
        "GetThings".into(),
        "putthing".into(),
        "Frobnicate".into(),
        "Thing".into(),
    ]);
    assert_eq!(
        generation_error(TWO_OPS, named),
        "cannot generate (4 problems):\n  \
         ex#Svc: has no operation `Frobnicate`; none of its 2 operations has a similar name (--all-operations generates them all)\n  \
         ex#Svc: has no operation `GetThings`; did you mean `GetThing`?\n  \
         ex#Svc: has no operation `Thing`; did you mean `GetThing` or `PutThing`?\n  \
         ex#Svc: has no operation `putthing`; did you mean `PutThing`?"
    );
}

#[test]
fn several_services_need_a_choice() {
    let json = r#"{ "smithy": "2.0", "shapes": { "ex#A": { "type": "service" }, "ex#B": { "type": "service" } } }"#;
    assert_eq!(
        generation_error(json, smithy_codegen::OperationFilter::All),
        "cannot generate (1 problem):\n  the model defines 2 services (ex#A, ex#B); choose one with --service"
    );
}

#[test]
fn rust_name_collisions_name_both_shapes() {
    let json = r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": { "type": "service", "operations": [{ "target": "ex#PutThing" }], "traits": { "aws.protocols#awsJson1_0": {} } },
    "ex#PutThing": { "type": "operation", "input": { "target": "ex#PutThingRequest" } },
    "ex#PutThingRequest": {
      "type": "structure",
      "members": {
        "fooBar": { "target": "smithy.api#String" },
        "foo_bar": { "target": "smithy.api#String" },
        "name": { "target": "smithy.api#String" },
        "set_name": { "target": "smithy.api#String" },
        "other": { "target": "ex#PutThingInput" }
      }
    },
    "ex#PutThingInput": { "type": "structure", "members": {} }
  }
}"#;
    assert_eq!(
        generation_error(json, smithy_codegen::OperationFilter::All),
        "cannot generate (2 problems):\n  \
         ex#PutThingRequest$foo_bar: its Rust field name `foo_bar` is already used by ex#PutThingRequest$fooBar\n  \
         ex#PutThingRequest$set_name: its Rust builder method name `set_name` is already used by ex#PutThingRequest$name"
    );
}

#[test]
fn services_that_do_not_speak_aws_json_are_named() {
    let json = r#"{ "smithy": "2.0", "shapes": { "ex#Svc": { "type": "service", "traits": { "aws.protocols#restJson1": {} } } } }"#;
    assert_eq!(
        generation_error(json, smithy_codegen::OperationFilter::All),
        "cannot generate (1 problem):\n  ex#Svc: the service speaks aws.protocols#restJson1; this generator supports the awsJson1_0 and awsJson1_1 protocols"
    );
}

#[test]
fn unsupported_features_are_named() {
    let json = r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": { "type": "service", "operations": [{ "target": "ex#Upload" }], "traits": { "aws.protocols#awsJson1_1": {} } },
    "ex#Upload": { "type": "operation", "input": { "target": "ex#UploadInput" } },
    "ex#UploadInput": { "type": "structure", "members": { "data": { "target": "ex#Data" } } },
    "ex#Data": { "type": "blob", "traits": { "smithy.api#streaming": {} } }
  }
}"#;
    assert_eq!(
        generation_error(json, smithy_codegen::OperationFilter::All),
        "cannot generate (1 problem):\n  ex#UploadInput$data: the input of Upload is a streaming blob (ex#Data), which this generator does not support yet; leave the operation out with --operations"
    );
}

/// Structures that hold each other through `@required` members have no finite value (the
/// Smithy spec forbids the cycle); reading one used to recurse until the stack overflowed.
#[test]
fn required_cycles_are_named_with_their_path() {
    let json = r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": { "type": "service", "operations": [{ "target": "ex#Get" }], "traits": { "aws.protocols#awsJson1_1": {} } },
    "ex#Get": { "type": "operation", "output": { "target": "ex#GetOutput" } },
    "ex#GetOutput": { "type": "structure", "members": { "A": { "target": "ex#A" }, "Self": { "target": "ex#Selfish" } } },
    "ex#A": { "type": "structure", "members": { "b": { "target": "ex#B", "traits": { "smithy.api#required": {} } } } },
    "ex#B": {
      "type": "structure",
      "members": {
        "a": { "target": "ex#A", "traits": { "smithy.api#required": {} } },
        "fine": { "target": "ex#B" },
        "alsoFine": { "target": "ex#BList", "traits": { "smithy.api#required": {} } }
      }
    },
    "ex#BList": { "type": "list", "member": { "target": "ex#B" } },
    "ex#Selfish": { "type": "structure", "members": { "me": { "target": "ex#Selfish", "traits": { "smithy.api#required": {} } } } }
  }
}"#;
    assert_eq!(
        generation_error(json, smithy_codegen::OperationFilter::All),
        "invalid model (2 problems):\n  \
         ex#A: structures hold each other through @required members (ex#A$b → ex#B, ex#B$a → ex#A): no value of them is finite; make one of these members optional, or hold it through a list, map or union\n  \
         ex#Selfish: structures hold each other through @required members (ex#Selfish$me → ex#Selfish): no value of them is finite; make one of these members optional, or hold it through a list, map or union"
    );
}

/// Smithy 1.0 `@enum` values that derive the same member name are named by their values.
#[test]
fn smithy1_enum_values_deriving_one_name() {
    assert_eq!(
        error(
            r#"{
  "smithy": "1.0",
  "shapes": {
    "ex#Case": {
      "type": "string",
      "traits": { "smithy.api#enum": [{ "value": "A" }, { "value": "a" }, { "value": "b-c" }, { "value": "b_c" }, { "value": "ok" }] }
    }
  }
}"#
        ),
        "invalid model (2 problems):\n  \
         ex#Case: @enum values `A` and `a` both make the member name `A`; give the entries distinct `name`s\n  \
         ex#Case: @enum values `b-c` and `b_c` both make the member name `B_C`; give the entries distinct `name`s"
    );
}
