//! A service's endpoint rules (`smithy.rules#endpointRuleSet`) and their tests
//! (`smithy.rules#endpointTests`), parsed once into typed form: the parameters (names,
//! types, built-ins, defaults, Rust names), the rules (conditions, functions, string
//! templates split into parts), and each test case's parameters and expectation. Emitters
//! compile this into static data for the runtime's rules engine and into tests; they never
//! read the rules' JSON. The AWS partitions (`model/endpoints/partitions.json`) are here too.

use serde_json::Value;

use crate::ident::{snake, RustIdent};

/// The parameter types of the rules language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// `String`.
    String,
    /// `Boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

/// A parameter of the ruleset.
#[derive(Clone, Debug)]
pub struct Param {
    /// Its name in the rules (`UseFIPS`).
    pub name: String,
    /// Its Rust field and setter (`use_fips`).
    pub ident: RustIdent,
    /// Its `set_` method.
    pub set: RustIdent,
    /// Its type.
    pub ty: ParamType,
    /// `builtIn` (`AWS::Region`).
    pub built_in: Option<String>,
    /// `required`.
    pub required: bool,
    /// `default`.
    pub default: Option<Value>,
    /// Its documentation.
    pub documentation: Option<String>,
    /// `deprecated`: its message.
    pub deprecated: Option<String>,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A string template.
    Template(Vec<Part>),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An array.
    Array(Vec<Expr>),
    /// An object (keys in order).
    Object(Vec<(String, Expr)>),
    /// A reference.
    Ref(String),
    /// A function call.
    Call(Function, Vec<Expr>),
}

/// A piece of a string template.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Literal text.
    Text(String),
    /// `{name}`.
    Ref(String),
    /// `{name#path}`.
    Attr(String, String),
}

/// A function of the rules language (as the runtime names them).
#[derive(Clone, Debug, PartialEq)]
pub enum Function {
    /// One the runtime knows: its variant name in `runtime::endpoint_rules::Function`.
    Known(&'static str),
    /// One it does not (generation warns; resolving through it fails).
    Unsupported(String),
}

/// The functions the runtime implements: rules name, runtime variant.
const FUNCTIONS: &[(&str, &str)] = &[
    ("isSet", "IsSet"),
    ("not", "Not"),
    ("booleanEquals", "BooleanEquals"),
    ("stringEquals", "StringEquals"),
    ("getAttr", "GetAttr"),
    ("substring", "Substring"),
    ("uriEncode", "UriEncode"),
    ("parseURL", "ParseUrl"),
    ("isValidHostLabel", "IsValidHostLabel"),
    ("aws.partition", "Partition"),
    ("aws.parseArn", "ParseArn"),
    ("aws.isVirtualHostableS3Bucket", "IsVirtualHostableS3Bucket"),
];

/// A condition.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The function.
    pub function: Function,
    /// Its arguments.
    pub argv: Vec<Expr>,
    /// The name its result is bound to.
    pub assign: Option<String>,
}

/// A rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Its conditions.
    pub conditions: Vec<Condition>,
    /// What it gives.
    pub then: Then,
}

/// What a rule gives.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    /// An endpoint.
    Endpoint {
        /// Its URL.
        url: Expr,
        /// Its properties, by name in order.
        properties: Vec<(String, Expr)>,
        /// Its headers, by name in order.
        headers: Vec<(String, Vec<Expr>)>,
    },
    /// An error message.
    Error(Expr),
    /// More rules.
    Tree(Vec<Rule>),
}

/// A ruleset.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// Its parameters, by name.
    pub params: Vec<Param>,
    /// Its rules.
    pub rules: Vec<Rule>,
    /// Functions it uses that the runtime does not know.
    pub unsupported: Vec<String>,
}

/// A test case's expectation.
#[derive(Clone, Debug)]
pub enum Expect {
    /// An endpoint: URL, headers (name, values), properties (as JSON).
    Endpoint {
        /// The URL.
        url: String,
        /// The headers.
        headers: Vec<(String, Vec<String>)>,
        /// The properties, as the test writes them (an object).
        properties: Value,
    },
    /// An error with this message.
    Error(String),
}

/// One of `smithy.rules#endpointTests`.
#[derive(Clone, Debug)]
pub struct TestCase {
    /// Its documentation.
    pub documentation: String,
    /// Its parameters (name, value), in name order.
    pub params: Vec<(String, Value)>,
    /// What it expects.
    pub expect: Expect,
}

/// Parses a ruleset; the message says what is wrong with it.
pub fn parse_rule_set(json: &Value) -> Result<RuleSet, String> {
    let mut unsupported = Vec::new();
    let params = json
        .get("parameters")
        .and_then(Value::as_object)
        .ok_or("the ruleset has no `parameters`")?;
    let mut names: Vec<&String> = params.keys().collect();
    names.sort();
    let params = names
        .into_iter()
        .map(|name| {
            let p = &params[name];
            let ty = match p.get("type").and_then(Value::as_str) {
                Some(t) if t.eq_ignore_ascii_case("string") => ParamType::String,
                Some(t) if t.eq_ignore_ascii_case("boolean") => ParamType::Boolean,
                Some("stringArray") => ParamType::StringArray,
                other => return Err(format!("parameter `{name}` has type {other:?}")),
            };
            let ident = snake(name);
            let set = RustIdent::escaped(&format!("set_{}", ident.bare()));
            Ok(Param {
                name: name.clone(),
                ident,
                set,
                ty,
                built_in: p.get("builtIn").and_then(Value::as_str).map(str::to_owned),
                required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                default: p.get("default").cloned(),
                documentation: p
                    .get("documentation")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                deprecated: p.get("deprecated").map(|d| {
                    d.get("message")
                        .and_then(Value::as_str)
                        .unwrap_or("deprecated")
                        .to_owned()
                }),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let rules = json
        .get("rules")
        .and_then(Value::as_array)
        .ok_or("the ruleset has no `rules`")?
        .iter()
        .map(|r| rule(r, &mut unsupported))
        .collect::<Result<Vec<_>, _>>()?;
    unsupported.sort();
    unsupported.dedup();
    Ok(RuleSet {
        params,
        rules,
        unsupported,
    })
}

fn rule(json: &Value, unsupported: &mut Vec<String>) -> Result<Rule, String> {
    let conditions = json
        .get("conditions")
        .and_then(Value::as_array)
        .map(|c| c.iter().map(|c| condition(c, unsupported)).collect())
        .transpose()?
        .unwrap_or_default();
    let then = match json.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let endpoint = json
                .get("endpoint")
                .ok_or("an endpoint rule without `endpoint`")?;
            let url = expr(
                endpoint.get("url").ok_or("an endpoint without `url`")?,
                unsupported,
            )?;
            let properties = match endpoint.get("properties").and_then(Value::as_object) {
                Some(props) => sorted_entries(props)
                    .map(|(k, v)| Ok((k.clone(), expr(v, unsupported)?)))
                    .collect::<Result<Vec<_>, String>>()?,
                None => Vec::new(),
            };
            let headers = match endpoint.get("headers").and_then(Value::as_object) {
                Some(headers) => sorted_entries(headers)
                    .map(|(k, v)| {
                        let values = v
                            .as_array()
                            .ok_or_else(|| format!("header `{k}` is not a list"))?
                            .iter()
                            .map(|v| expr(v, unsupported))
                            .collect::<Result<Vec<_>, String>>()?;
                        Ok((k.clone(), values))
                    })
                    .collect::<Result<Vec<_>, String>>()?,
                None => Vec::new(),
            };
            Then::Endpoint {
                url,
                properties,
                headers,
            }
        }
        Some("error") => Then::Error(expr(
            json.get("error").ok_or("an error rule without `error`")?,
            unsupported,
        )?),
        Some("tree") => Then::Tree(
            json.get("rules")
                .and_then(Value::as_array)
                .ok_or("a tree rule without `rules`")?
                .iter()
                .map(|r| rule(r, unsupported))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        other => return Err(format!("a rule of type {other:?}")),
    };
    Ok(Rule { conditions, then })
}

fn sorted_entries(map: &serde_json::Map<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.into_iter()
}

fn function(name: &str, unsupported: &mut Vec<String>) -> Function {
    match FUNCTIONS.iter().find(|(n, _)| *n == name) {
        Some((_, variant)) => Function::Known(variant),
        None => {
            unsupported.push(name.to_owned());
            Function::Unsupported(name.to_owned())
        }
    }
}

fn condition(json: &Value, unsupported: &mut Vec<String>) -> Result<Condition, String> {
    let name = json
        .get("fn")
        .and_then(Value::as_str)
        .ok_or("a condition without `fn`")?;
    Ok(Condition {
        function: function(name, unsupported),
        argv: arguments(json, unsupported)?,
        assign: json
            .get("assign")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

fn arguments(json: &Value, unsupported: &mut Vec<String>) -> Result<Vec<Expr>, String> {
    json.get("argv")
        .and_then(Value::as_array)
        .ok_or("a function call without `argv`")?
        .iter()
        .map(|a| expr(a, unsupported))
        .collect()
}

fn expr(json: &Value, unsupported: &mut Vec<String>) -> Result<Expr, String> {
    Ok(match json {
        Value::String(text) => Expr::Template(template(text)?),
        Value::Bool(b) => Expr::Bool(*b),
        Value::Number(n) => Expr::Int(n.as_i64().ok_or_else(|| format!("number {n}"))?),
        Value::Array(items) => Expr::Array(
            items
                .iter()
                .map(|i| expr(i, unsupported))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            if let Some(name) = map.get("ref").and_then(Value::as_str) {
                Expr::Ref(name.to_owned())
            } else if let Some(name) = map.get("fn").and_then(Value::as_str) {
                Expr::Call(function(name, unsupported), arguments(json, unsupported)?)
            } else {
                Expr::Object(
                    sorted_entries(map)
                        .map(|(k, v)| Ok((k.clone(), expr(v, unsupported)?)))
                        .collect::<Result<_, String>>()?,
                )
            }
        }
        Value::Null => return Err("a null expression".to_owned()),
    })
}

/// A string template: `{{` and `}}` are braces, `{name}` and `{name#path}` references.
fn template(text: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => return Err(format!("unclosed `{{` in template {text:?}")),
                    }
                }
                if !literal.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut literal)));
                }
                parts.push(match name.split_once('#') {
                    Some((name, path)) => Part::Attr(name.to_owned(), path.to_owned()),
                    None => Part::Ref(name),
                });
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() || parts.is_empty() {
        parts.push(Part::Text(literal));
    }
    Ok(parts)
}

/// Parses `smithy.rules#endpointTests` against the ruleset's parameters: cases with a
/// parameter the ruleset does not declare are left out (with the reason).
pub fn parse_tests(json: &Value, rules: &RuleSet) -> (Vec<TestCase>, Vec<String>) {
    let mut cases = Vec::new();
    let mut skipped = Vec::new();
    let Some(list) = json.get("testCases").and_then(Value::as_array) else {
        return (cases, skipped);
    };
    for (i, case) in list.iter().enumerate() {
        let documentation = case
            .get("documentation")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut params: Vec<(String, Value)> = case
            .get("params")
            .and_then(Value::as_object)
            .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        params.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some((name, _)) = params
            .iter()
            .find(|(name, _)| !rules.params.iter().any(|p| &p.name == name))
        {
            skipped.push(format!(
                "endpoint test {i} ({documentation}): parameter `{name}` is not in the ruleset"
            ));
            continue;
        }
        let Some(expect) = case.get("expect") else {
            skipped.push(format!("endpoint test {i} ({documentation}): no `expect`"));
            continue;
        };
        let expect = if let Some(error) = expect.get("error").and_then(Value::as_str) {
            Expect::Error(error.to_owned())
        } else if let Some(endpoint) = expect.get("endpoint") {
            let mut headers: Vec<(String, Vec<String>)> = endpoint
                .get("headers")
                .and_then(Value::as_object)
                .map(|h| {
                    h.iter()
                        .map(|(k, v)| {
                            let values = v
                                .as_array()
                                .map(|vs| {
                                    vs.iter()
                                        .filter_map(Value::as_str)
                                        .map(str::to_owned)
                                        .collect()
                                })
                                .unwrap_or_default();
                            (k.clone(), values)
                        })
                        .collect()
                })
                .unwrap_or_default();
            headers.sort();
            Expect::Endpoint {
                url: endpoint
                    .get("url")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                headers,
                properties: endpoint
                    .get("properties")
                    .cloned()
                    .unwrap_or_else(|| Value::Object(Default::default())),
            }
        } else {
            skipped.push(format!(
                "endpoint test {i} ({documentation}): expects neither an endpoint nor an error"
            ));
            continue;
        };
        cases.push(TestCase {
            documentation,
            params,
            expect,
        });
    }
    (cases, skipped)
}

/// The AWS partitions, as botocore publishes them (`model/endpoints/partitions.json`; see
/// `model/README.md`). Built into the generator: a crate generated today resolves with the
/// partitions the generator was built with.
pub const PARTITIONS_JSON: &str = include_str!("../../model/endpoints/partitions.json");

/// One partition.
#[derive(Clone, Debug)]
pub struct Partition {
    /// Its id.
    pub id: String,
    /// Its region pattern.
    pub region_regex: String,
    /// Its regions, in name order.
    pub regions: Vec<String>,
    /// `name`, `dnsSuffix`, `dualStackDnsSuffix`, `implicitGlobalRegion`.
    pub strings: [String; 4],
    /// `supportsFIPS`, `supportsDualStack`.
    pub flags: [bool; 2],
}

/// The partitions of a `partitions.json` ([`PARTITIONS_JSON`] unless a model needs those of
/// its own time); the message says what is wrong with it.
pub fn partitions(json: &str) -> Result<Vec<Partition>, String> {
    let json: Value =
        serde_json::from_str(json).map_err(|e| format!("the partitions are not JSON: {e}"))?;
    let list = json["partitions"]
        .as_array()
        .ok_or("the partitions file has no `partitions` list")?;
    let partitions: Vec<Partition> = list
        .iter()
        .map(|p| {
            let outputs = &p["outputs"];
            let text = |k: &str| outputs[k].as_str().unwrap_or_default().to_owned();
            let mut regions: Vec<String> = p["regions"]
                .as_object()
                .map(|r| r.keys().cloned().collect())
                .unwrap_or_default();
            regions.sort();
            Partition {
                id: p["id"].as_str().unwrap_or_default().to_owned(),
                region_regex: p["regionRegex"].as_str().unwrap_or_default().to_owned(),
                regions,
                strings: [
                    text("name"),
                    text("dnsSuffix"),
                    text("dualStackDnsSuffix"),
                    text("implicitGlobalRegion"),
                ],
                flags: [
                    outputs["supportsFIPS"].as_bool().unwrap_or(false),
                    outputs["supportsDualStack"].as_bool().unwrap_or(false),
                ],
            }
        })
        .collect();
    for p in &partitions {
        if regex_syntax::parse(&p.region_regex).is_err() {
            return Err(format!(
                "partition `{}`: its region pattern `{}` is not a regular expression",
                p.id, p.region_regex
            ));
        }
    }
    Ok(partitions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        assert_eq!(
            template("https://{Region}.{P#dnsSuffix}{{x}}").unwrap(),
            vec![
                Part::Text("https://".into()),
                Part::Ref("Region".into()),
                Part::Text(".".into()),
                Part::Attr("P".into(), "dnsSuffix".into()),
                Part::Text("{x}".into()),
            ]
        );
        assert_eq!(template("").unwrap(), vec![Part::Text(String::new())]);
        assert!(template("{open").is_err());
    }

    #[test]
    fn partitions_load() {
        let loaded = partitions(PARTITIONS_JSON).unwrap();
        assert!(loaded.iter().any(|p| p.id == "aws"
            && p.regions.contains(&"us-east-1".to_owned())
            && p.strings[1] == "amazonaws.com"));
        assert!(partitions(r#"{"partitions":[{"id":"x","regionRegex":"("}]}"#).is_err());
        assert!(partitions("[]").is_err());
    }
}
