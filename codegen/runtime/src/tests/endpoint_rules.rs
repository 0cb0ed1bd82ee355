//! The rules engine's functions and evaluation, on small rulesets (the models' own endpoint
//! tests, generated into each crate, cover whole rulesets).

use crate::endpoint_rules::{
    resolve, Condition, Expr, Function, Part, Partition, PartitionOutputs, Rule, Then, Value,
};

static PARTITIONS: &[Partition] = &[
    Partition {
        id: "aws",
        region_regex: r"^(us|eu)\-\w+\-\d+$",
        regions: &["aws-global", "us-east-1"],
        outputs: PartitionOutputs {
            name: "aws",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            implicit_global_region: "us-east-1",
            supports_fips: true,
            supports_dual_stack: true,
        },
    },
    Partition {
        id: "aws-cn",
        region_regex: r"^cn\-\w+\-\d+$",
        regions: &["cn-north-1"],
        outputs: PartitionOutputs {
            name: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
            implicit_global_region: "cn-northwest-1",
            supports_fips: true,
            supports_dual_stack: true,
        },
    },
];

/// The URL the one-rule ruleset `rules` gives for `Input` = `input`.
fn url(rules: &'static [Rule], input: &str) -> Result<String, String> {
    resolve(
        rules,
        vec![("Input", Value::String(input.to_owned()))],
        PARTITIONS,
    )
    .map(|e| e.url().to_owned())
    .map_err(|e| e.message().to_owned())
}

static INPUT: &[Expr] = &[Expr::Ref("Input")];

#[test]
fn partition_by_region_list_pattern_then_aws() {
    static RULES: &[Rule] = &[Rule {
        conditions: &[Condition {
            function: Function::Partition,
            argv: INPUT,
            assign: Some("P"),
        }],
        then: Then::Endpoint {
            url: Expr::Template(&[
                Part::Text("https://svc."),
                Part::Ref("Input"),
                Part::Text("."),
                Part::Attr("P", "dnsSuffix"),
            ]),
            properties: &[],
            headers: &[],
        },
    }];
    assert_eq!(
        url(RULES, "us-east-1").unwrap(),
        "https://svc.us-east-1.amazonaws.com"
    );
    assert_eq!(
        url(RULES, "cn-northwest-2").unwrap(),
        "https://svc.cn-northwest-2.amazonaws.com.cn"
    );
    assert_eq!(
        url(RULES, "mars-1").unwrap(),
        "https://svc.mars-1.amazonaws.com"
    );
}

#[test]
fn conditions_assignments_trees_and_errors() {
    // Tree → (stringEquals(Input, "bad") → error "{Input} is refused") | endpoint.
    static RULES: &[Rule] = &[Rule {
        conditions: &[Condition {
            function: Function::IsSet,
            argv: INPUT,
            assign: None,
        }],
        then: Then::Tree(&[
            Rule {
                conditions: &[Condition {
                    function: Function::StringEquals,
                    argv: &[Expr::Ref("Input"), Expr::Template(&[Part::Text("bad")])],
                    assign: None,
                }],
                then: Then::Error(Expr::Template(&[
                    Part::Ref("Input"),
                    Part::Text(" is refused"),
                ])),
            },
            Rule {
                conditions: &[Condition {
                    function: Function::Substring,
                    argv: &[
                        Expr::Ref("Input"),
                        Expr::Int(0),
                        Expr::Int(2),
                        Expr::Bool(false),
                    ],
                    assign: Some("Head"),
                }],
                then: Then::Endpoint {
                    url: Expr::Template(&[
                        Part::Text("https://"),
                        Part::Ref("Head"),
                        Part::Text(".{x}"),
                    ]),
                    properties: &[],
                    headers: &[],
                },
            },
        ]),
    }];
    assert_eq!(url(RULES, "bad").unwrap_err(), "bad is refused");
    assert_eq!(url(RULES, "abcdef").unwrap(), "https://ab.{x}");
    // `substring` of a string shorter than the stop is absent: no rule of the tree applies.
    assert_eq!(
        url(RULES, "a").unwrap_err(),
        "no endpoint rule applies to these parameters"
    );
}

/// What a function gives for `Input`, through a rule that makes it the URL (strings and
/// booleans), or `None` when the function's result is absent or false.
fn call(function: Function, extra: &'static [Expr], input: &str) -> Option<String> {
    // Each call needs its own static ruleset; leak one (tests only).
    let argv: &'static [Expr] = Box::leak(
        std::iter::once(Expr::Ref("Input"))
            .chain(extra.iter().map(clone_expr))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    let conditions: &'static [Condition] = Box::leak(Box::new([Condition {
        function,
        argv,
        assign: Some("Out"),
    }]));
    let rules: &'static [Rule] = Box::leak(Box::new([Rule {
        conditions,
        then: Then::Endpoint {
            url: Expr::Template(&[Part::Ref("Out")]),
            properties: &[],
            headers: &[],
        },
    }]));
    url(rules, input).ok()
}

fn clone_expr(e: &Expr) -> Expr {
    match e {
        Expr::Bool(b) => Expr::Bool(*b),
        Expr::Int(i) => Expr::Int(*i),
        Expr::Template(p) => Expr::Template(p),
        Expr::Ref(r) => Expr::Ref(r),
        Expr::Array(a) => Expr::Array(a),
        Expr::Object(o) => Expr::Object(o),
        Expr::Call(f, a) => Expr::Call(*f, a),
    }
}

#[test]
fn string_functions() {
    assert_eq!(
        call(Function::UriEncode, &[], "a b/c~").as_deref(),
        Some("a%20b%2Fc~")
    );
    assert_eq!(
        call(
            Function::Substring,
            &[Expr::Int(1), Expr::Int(3), Expr::Bool(true)],
            "abcdef"
        )
        .as_deref(),
        Some("de")
    );
    assert_eq!(
        call(
            Function::Substring,
            &[Expr::Int(0), Expr::Int(2), Expr::Bool(false)],
            "é!"
        ),
        None,
        "not ASCII"
    );
    assert_eq!(
        call(
            Function::GetAttr,
            &[Expr::Template(&[Part::Text("x")])],
            "s"
        ),
        None,
        "a string has no attributes"
    );
}

#[test]
fn host_labels_urls_and_arns() {
    // Booleans as the URL fail the template: through `booleanEquals` instead.
    let valid = |label: &'static str, sub_domains: bool| {
        let args: &'static [Expr] = Box::leak(Box::new([Expr::Bool(sub_domains)]));
        let rules: &'static [Rule] = Box::leak(Box::new([Rule {
            conditions: Box::leak(Box::new([Condition {
                function: Function::IsValidHostLabel,
                argv: Box::leak(
                    std::iter::once(Expr::Ref("Input"))
                        .chain(args.iter().map(clone_expr))
                        .collect::<Vec<_>>()
                        .into_boxed_slice(),
                ),
                assign: None,
            }])),
            then: Then::Endpoint {
                url: Expr::Template(&[Part::Text("ok")]),
                properties: &[],
                headers: &[],
            },
        }]));
        url(rules, label).is_ok()
    };
    assert!(valid("us-east-1", false));
    assert!(!valid("-bad", false));
    assert!(!valid("a.b", false));
    assert!(valid("a.b", true));
    assert!(!valid("x".repeat(64).leak(), false));

    static URL_RULES: &[Rule] = &[Rule {
        conditions: &[Condition {
            function: Function::ParseUrl,
            argv: INPUT,
            assign: Some("U"),
        }],
        then: Then::Endpoint {
            url: Expr::Template(&[
                Part::Attr("U", "scheme"),
                Part::Text("|"),
                Part::Attr("U", "authority"),
                Part::Text("|"),
                Part::Attr("U", "path"),
                Part::Text("|"),
                Part::Attr("U", "normalizedPath"),
            ]),
            properties: &[],
            headers: &[],
        },
    }];
    assert_eq!(
        url(URL_RULES, "https://example.com:8443/a/b").unwrap(),
        "https|example.com:8443|/a/b|/a/b/"
    );
    assert_eq!(
        url(URL_RULES, "http://example.com").unwrap(),
        "http|example.com||/"
    );
    assert!(
        url(URL_RULES, "https://example.com/?q=1").is_err(),
        "a query"
    );
    assert!(url(URL_RULES, "ftp://example.com").is_err(), "not http");
    assert!(url(URL_RULES, "not a url").is_err());

    static ARN_RULES: &[Rule] = &[Rule {
        conditions: &[Condition {
            function: Function::ParseArn,
            argv: INPUT,
            assign: Some("A"),
        }],
        then: Then::Endpoint {
            url: Expr::Template(&[
                Part::Attr("A", "partition"),
                Part::Text("|"),
                Part::Attr("A", "region"),
                Part::Text("|"),
                Part::Attr("A", "accountId"),
                Part::Text("|"),
                Part::Attr("A", "resourceId[1]"),
            ]),
            properties: &[],
            headers: &[],
        },
    }];
    assert_eq!(
        url(
            ARN_RULES,
            "arn:aws:dynamodb:us-east-1:123456789012:table/Music"
        )
        .unwrap(),
        "aws|us-east-1|123456789012|Music"
    );
    assert!(url(ARN_RULES, "arn:aws:s3:::").is_err(), "no resource");
    assert!(url(ARN_RULES, "not:an:arn").is_err());
}
