//! The Smithy rules engine: how a service's `smithy.rules#endpointRuleSet` turns parameters
//! (region, FIPS, dual-stack, a custom endpoint, …) into an endpoint. The generator compiles
//! the ruleset into static data ([`Rule`], [`Expr`]); [`resolve`] walks it. Partition data
//! (`aws.partition`) is static too, from botocore's `partitions.json`.
//!
//! Evaluation follows the rules language: rules are tried in order; a rule applies when each
//! of its conditions holds (a function's result that is neither absent nor `false`), a
//! condition's `assign` binding its result for the rest of the rule; an endpoint rule gives the
//! endpoint, an error rule the error, a tree rule continues with its own rules (and fails if
//! none applies).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use aws_smithy_types::{Document, Number};

/// A value during evaluation.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer (from a literal).
    Int(i64),
    /// An array (`stringArray` parameters, `resourceId`).
    Array(Vec<Value>),
    /// An object (a partition, a parsed URL or ARN, endpoint properties).
    Object(BTreeMap<String, Value>),
}

impl Value {
    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn into_document(self) -> Document {
        match self {
            Value::String(s) => Document::String(s),
            Value::Bool(b) => Document::Bool(b),
            Value::Int(i) if i < 0 => Document::Number(Number::NegInt(i)),
            Value::Int(i) => Document::Number(Number::PosInt(i.unsigned_abs())),
            Value::Array(items) => {
                Document::Array(items.into_iter().map(Value::into_document).collect())
            }
            Value::Object(entries) => Document::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, v.into_document()))
                    .collect(),
            ),
        }
    }
}

/// An expression of the rules language, compiled.
#[derive(Debug)]
pub enum Expr {
    /// A string template: literal text and references (`https://{Region}.{Partition#dnsSuffix}`).
    Template(&'static [Part]),
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// An array literal.
    Array(&'static [Expr]),
    /// An object literal (endpoint properties).
    Object(&'static [(&'static str, Expr)]),
    /// A parameter or an assigned name.
    Ref(&'static str),
    /// A function call.
    Call(Function, &'static [Expr]),
}

/// A piece of a string template.
#[derive(Debug)]
pub enum Part {
    /// Text as it is.
    Text(&'static str),
    /// The value of a name (a string).
    Ref(&'static str),
    /// An attribute of a name's value (`{Partition#dnsSuffix}`).
    Attr(&'static str, &'static str),
}

/// The rules language's functions.
#[derive(Clone, Copy, Debug)]
pub enum Function {
    /// `isSet(value)`.
    IsSet,
    /// `not(bool)`.
    Not,
    /// `booleanEquals(a, b)`.
    BooleanEquals,
    /// `stringEquals(a, b)`.
    StringEquals,
    /// `getAttr(value, path)`.
    GetAttr,
    /// `substring(input, start, stop, reverse)`.
    Substring,
    /// `uriEncode(value)`.
    UriEncode,
    /// `parseURL(value)`.
    ParseUrl,
    /// `isValidHostLabel(value, allowSubDomains)`.
    IsValidHostLabel,
    /// `aws.partition(region)`.
    Partition,
    /// `aws.parseArn(value)`.
    ParseArn,
    /// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`.
    IsVirtualHostableS3Bucket,
    /// A function this engine does not know (the generator warned): calling it is an error.
    Unsupported(&'static str),
}

/// One condition of a rule.
#[derive(Debug)]
pub struct Condition {
    /// The function.
    pub function: Function,
    /// Its arguments.
    pub argv: &'static [Expr],
    /// The name its result is bound to, if any.
    pub assign: Option<&'static str>,
}

/// A rule.
#[derive(Debug)]
pub struct Rule {
    /// What must hold.
    pub conditions: &'static [Condition],
    /// What it gives.
    pub then: Then,
}

/// What a rule gives when its conditions hold.
#[derive(Debug)]
pub enum Then {
    /// An endpoint: its URL, properties and headers.
    Endpoint {
        /// The URL (a template).
        url: Expr,
        /// Its properties (auth schemes, …).
        properties: &'static [(&'static str, Expr)],
        /// Headers to send.
        headers: &'static [(&'static str, &'static [Expr])],
    },
    /// An error, with its message.
    Error(Expr),
    /// More rules.
    Tree(&'static [Rule]),
}

/// A partition, from `partitions.json`.
#[derive(Debug)]
pub struct Partition {
    /// Its id (`aws`).
    pub id: &'static str,
    /// The regular expression its region names match.
    pub region_regex: &'static str,
    /// Its regions (and pseudo-regions such as `aws-global`).
    pub regions: &'static [&'static str],
    /// What `aws.partition` returns for it.
    pub outputs: PartitionOutputs,
}

/// What `aws.partition` returns.
#[derive(Debug)]
pub struct PartitionOutputs {
    /// `name`.
    pub name: &'static str,
    /// `dnsSuffix`.
    pub dns_suffix: &'static str,
    /// `dualStackDnsSuffix`.
    pub dual_stack_dns_suffix: &'static str,
    /// `implicitGlobalRegion`.
    pub implicit_global_region: &'static str,
    /// `supportsFIPS`.
    pub supports_fips: bool,
    /// `supportsDualStack`.
    pub supports_dual_stack: bool,
}

/// A resolved endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Document>,
}

impl Endpoint {
    /// Its URL (`https://fsx.us-east-1.amazonaws.com`): give it to `endpoint::apply`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers the endpoint asks requests to carry.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// Its properties (for example `authSchemes`, with the signing name and region).
    pub fn properties(&self) -> &BTreeMap<String, Document> {
        &self.properties
    }
}

/// Why no endpoint could be resolved: the message of the rule that refused the parameters
/// (`Invalid Configuration: FIPS and custom endpoint are not supported`), or what is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    message: String,
}

impl ResolveError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        ResolveError {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResolveError {}

/// The names in scope: the parameters, then what conditions assigned.
struct Scope<'p> {
    names: Vec<(&'static str, Value)>,
    partitions: &'p [Partition],
}

impl Scope<'_> {
    fn get(&self, name: &str) -> Option<&Value> {
        self.names
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

/// Resolves an endpoint: `params` are the ruleset's parameters that are set (defaults already
/// applied), by name.
pub fn resolve(
    rules: &'static [Rule],
    params: Vec<(&'static str, Value)>,
    partitions: &[Partition],
) -> Result<Endpoint, ResolveError> {
    let mut scope = Scope {
        names: params,
        partitions,
    };
    match rules_of(rules, &mut scope)? {
        Some(endpoint) => Ok(endpoint),
        None => Err(ResolveError::new(
            "no endpoint rule applies to these parameters",
        )),
    }
}

fn rules_of(
    rules: &'static [Rule],
    scope: &mut Scope<'_>,
) -> Result<Option<Endpoint>, ResolveError> {
    for rule in rules {
        let depth = scope.names.len();
        let result = rule_of(rule, scope);
        scope.names.truncate(depth);
        if let Some(outcome) = result? {
            return Ok(Some(outcome));
        }
    }
    Ok(None)
}

fn rule_of(rule: &'static Rule, scope: &mut Scope<'_>) -> Result<Option<Endpoint>, ResolveError> {
    for condition in rule.conditions {
        let value = call(condition.function, condition.argv, scope)?.map(Cow::into_owned);
        let holds = match &value {
            None | Some(Value::Bool(false)) => false,
            Some(_) => true,
        };
        if !holds {
            return Ok(None);
        }
        if let (Some(name), Some(value)) = (condition.assign, value) {
            scope.names.push((name, value));
        }
    }
    match &rule.then {
        Then::Endpoint {
            url,
            properties,
            headers,
        } => {
            let url = string(url, scope)?;
            let mut header_map = BTreeMap::new();
            for (name, values) in *headers {
                let values = values
                    .iter()
                    .map(|v| string(v, scope))
                    .collect::<Result<Vec<_>, _>>()?;
                header_map.insert((*name).to_owned(), values);
            }
            let mut property_map = BTreeMap::new();
            for (name, value) in *properties {
                if let Some(value) = eval(value, scope)? {
                    property_map.insert((*name).to_owned(), value.into_owned().into_document());
                }
            }
            Ok(Some(Endpoint {
                url,
                headers: header_map,
                properties: property_map,
            }))
        }
        Then::Error(message) => Err(ResolveError::new(string(message, scope)?)),
        Then::Tree(rules) => match rules_of(rules, scope)? {
            Some(endpoint) => Ok(Some(endpoint)),
            None => Err(ResolveError::new(
                "no endpoint rule applies to these parameters",
            )),
        },
    }
}

/// An expression that must be a string.
fn string(expr: &'static Expr, scope: &Scope<'_>) -> Result<String, ResolveError> {
    match eval(expr, scope)?.map(Cow::into_owned) {
        Some(Value::String(s)) => Ok(s),
        other => Err(ResolveError::new(format!(
            "endpoint rules: expected a string, got {other:?}"
        ))),
    }
}

/// An expression's value: borrowed from the scope for a reference, computed otherwise.
fn eval<'s>(
    expr: &'static Expr,
    scope: &'s Scope<'_>,
) -> Result<Option<Cow<'s, Value>>, ResolveError> {
    Ok(Some(Cow::Owned(match expr {
        Expr::Template(parts) => {
            let mut out = String::new();
            for part in *parts {
                match part {
                    Part::Text(text) => out.push_str(text),
                    Part::Ref(name) => out.push_str(template_value(scope.get(name), name)?),
                    Part::Attr(name, path) => {
                        let value = scope.get(name).and_then(|v| get_attr(v, path));
                        out.push_str(template_value(value, name)?);
                    }
                }
            }
            Value::String(out)
        }
        Expr::Bool(b) => Value::Bool(*b),
        Expr::Int(i) => Value::Int(*i),
        Expr::Array(items) => {
            let mut values = Vec::new();
            for item in *items {
                if let Some(value) = eval(item, scope)? {
                    values.push(value.into_owned());
                }
            }
            Value::Array(values)
        }
        Expr::Object(entries) => {
            let mut values = BTreeMap::new();
            for (key, item) in *entries {
                if let Some(value) = eval(item, scope)? {
                    values.insert((*key).to_owned(), value.into_owned());
                }
            }
            Value::Object(values)
        }
        Expr::Ref(name) => return Ok(scope.get(name).map(Cow::Borrowed)),
        Expr::Call(function, argv) => return call(*function, argv, scope),
    })))
}

fn template_value<'v>(value: Option<&'v Value>, name: &str) -> Result<&'v str, ResolveError> {
    value.and_then(Value::as_str).ok_or_else(|| {
        ResolveError::new(format!(
            "endpoint rules: `{name}` in a template is not a string"
        ))
    })
}

/// The arguments, evaluated (references borrowed; no function takes more than four).
fn args<'s>(
    argv: &'static [Expr],
    scope: &'s Scope<'_>,
) -> Result<[Option<Cow<'s, Value>>; 4], ResolveError> {
    if argv.len() > 4 {
        return Err(ResolveError::new(format!(
            "endpoint rules: a function called with {} arguments",
            argv.len()
        )));
    }
    let mut args: [Option<Cow<'s, Value>>; 4] = Default::default();
    for (slot, arg) in args.iter_mut().zip(argv) {
        *slot = eval(arg, scope)?;
    }
    Ok(args)
}

fn call<'s>(
    function: Function,
    argv: &'static [Expr],
    scope: &'s Scope<'_>,
) -> Result<Option<Cow<'s, Value>>, ResolveError> {
    let args = args(argv, scope)?;
    let arg = |i: usize| args.get(i).and_then(Option::as_deref);
    let str_arg = |i: usize| arg(i).and_then(Value::as_str);
    let bool_arg = |i: usize| match arg(i) {
        Some(Value::Bool(b)) => Some(*b),
        _ => None,
    };
    let value = match function {
        Function::IsSet => Some(Value::Bool(arg(0).is_some())),
        Function::Not => bool_arg(0).map(|b| Value::Bool(!b)),
        Function::BooleanEquals => Some(Value::Bool(
            bool_arg(0).is_some() && bool_arg(0) == bool_arg(1),
        )),
        Function::StringEquals => Some(Value::Bool(
            str_arg(0).is_some() && str_arg(0) == str_arg(1),
        )),
        Function::GetAttr => match (arg(0), str_arg(1)) {
            (Some(value), Some(path)) => get_attr(value, path).cloned(),
            _ => None,
        },
        Function::Substring => {
            let int = |i: usize| match arg(i) {
                Some(Value::Int(n)) => usize::try_from(*n).ok(),
                _ => None,
            };
            match (str_arg(0), int(1), int(2), bool_arg(3)) {
                (Some(input), Some(start), Some(stop), Some(reverse)) => {
                    substring(input, start, stop, reverse).map(Value::String)
                }
                _ => None,
            }
        }
        Function::UriEncode => str_arg(0).map(|s| Value::String(uri_encode(s))),
        Function::ParseUrl => str_arg(0).and_then(parse_url),
        Function::IsValidHostLabel => match (str_arg(0), bool_arg(1)) {
            (Some(label), Some(sub_domains)) => {
                Some(Value::Bool(is_valid_host_label(label, sub_domains)))
            }
            _ => None,
        },
        Function::Partition => str_arg(0).map(|region| partition(region, scope.partitions)),
        Function::ParseArn => str_arg(0).and_then(parse_arn),
        Function::IsVirtualHostableS3Bucket => match (str_arg(0), bool_arg(1)) {
            (Some(bucket), Some(sub_domains)) => Some(Value::Bool(is_virtual_hostable_s3_bucket(
                bucket,
                sub_domains,
            ))),
            _ => None,
        },
        Function::Unsupported(name) => {
            return Err(ResolveError::new(format!(
                "endpoint rules: the function `{name}` is not supported by this crate"
            )))
        }
    };
    Ok(value.map(Cow::Owned))
}

/// `getAttr`: `a.b[0]` into objects and arrays; absent when any step is missing.
fn get_attr<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut current = value;
    for step in path.split('.') {
        let (key, index) = match step.find('[') {
            Some(open) => {
                let index: usize = step[open + 1..].strip_suffix(']')?.parse().ok()?;
                (&step[..open], Some(index))
            }
            None => (step, None),
        };
        if !key.is_empty() {
            current = match current {
                Value::Object(entries) => entries.get(key)?,
                _ => return None,
            };
        }
        if let Some(index) = index {
            current = match current {
                Value::Array(items) => items.get(index)?,
                _ => return None,
            };
        }
    }
    Some(current)
}

/// `substring`: ASCII input only; `reverse` counts from the end.
fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start >= stop || stop > input.len() {
        return None;
    }
    let (start, stop) = if reverse {
        (input.len() - stop, input.len() - start)
    } else {
        (start, stop)
    };
    Some(input[start..stop].to_owned())
}

/// `uriEncode`: percent-encodes everything but RFC 3986's unreserved characters.
fn uri_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `parseURL`: scheme, authority, path, normalized path and whether the host is an IP
/// address; absent for anything but an `http`/`https` URL without a query.
fn parse_url(url: &str) -> Option<Value> {
    let uri: http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?;
    if !matches!(scheme, "http" | "https") || uri.query().is_some() || url.contains('?') {
        return None;
    }
    let authority = uri.authority()?.as_str().to_owned();
    let path = uri.path().to_owned();
    // `http::Uri` gives `/` for an empty path; the rules want the path as written.
    let after_authority = url.split_once("://")?.1;
    let written_path = after_authority
        .find('/')
        .map_or("", |i| &after_authority[i..]);
    let path = if written_path.is_empty() {
        String::new()
    } else {
        path
    };
    let normalized = if path.ends_with('/') {
        path.clone()
    } else {
        format!("{path}/")
    };
    let host = uri.host().unwrap_or_default();
    let is_ip = host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok();
    Some(Value::Object(BTreeMap::from([
        ("scheme".to_owned(), Value::String(scheme.to_owned())),
        ("authority".to_owned(), Value::String(authority)),
        ("path".to_owned(), Value::String(path)),
        ("normalizedPath".to_owned(), Value::String(normalized)),
        ("isIp".to_owned(), Value::Bool(is_ip)),
    ])))
}

/// `isValidHostLabel`: 1 to 63 letters, digits and hyphens, not starting with a hyphen;
/// with `sub_domains`, each dot-separated label.
fn is_valid_host_label(value: &str, sub_domains: bool) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if sub_domains {
        value.split('.').all(label)
    } else {
        label(value)
    }
}

/// `aws.isVirtualHostableS3Bucket`: a lowercase host label of 3 to 63 characters that is not
/// an IP address.
fn is_virtual_hostable_s3_bucket(bucket: &str, sub_domains: bool) -> bool {
    let label = |l: &str| {
        l.len() >= 3
            && l.len() <= 63
            && is_valid_host_label(l, false)
            && !l.bytes().any(|b| b.is_ascii_uppercase())
            && !l.ends_with('-')
    };
    if bucket.parse::<std::net::Ipv4Addr>().is_ok() {
        return false;
    }
    if sub_domains {
        bucket.split('.').all(label)
    } else {
        label(bucket)
    }
}

/// `aws.partition`: the partition listing the region, else the first whose region pattern it
/// matches, else `aws`.
fn partition(region: &str, partitions: &[Partition]) -> Value {
    let found = partitions
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| {
            partitions
                .iter()
                .find(|p| regex_lite::Regex::new(p.region_regex).is_ok_and(|r| r.is_match(region)))
        })
        .or_else(|| partitions.iter().find(|p| p.id == "aws"));
    let Some(found) = found else {
        return Value::Object(BTreeMap::new());
    };
    let o = &found.outputs;
    Value::Object(BTreeMap::from([
        ("name".to_owned(), Value::String(o.name.to_owned())),
        (
            "dnsSuffix".to_owned(),
            Value::String(o.dns_suffix.to_owned()),
        ),
        (
            "dualStackDnsSuffix".to_owned(),
            Value::String(o.dual_stack_dns_suffix.to_owned()),
        ),
        (
            "implicitGlobalRegion".to_owned(),
            Value::String(o.implicit_global_region.to_owned()),
        ),
        ("supportsFIPS".to_owned(), Value::Bool(o.supports_fips)),
        (
            "supportsDualStack".to_owned(),
            Value::Bool(o.supports_dual_stack),
        ),
    ]))
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, the resource split on
/// `:` and `/`; absent unless partition, service and resource are non-empty.
fn parse_arn(arn: &str) -> Option<Value> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource
        .split([':', '/'])
        .map(|p| Value::String(p.to_owned()))
        .collect();
    Some(Value::Object(BTreeMap::from([
        ("partition".to_owned(), Value::String(partition.to_owned())),
        ("service".to_owned(), Value::String(service.to_owned())),
        ("region".to_owned(), Value::String(region.to_owned())),
        ("accountId".to_owned(), Value::String(account.to_owned())),
        ("resourceId".to_owned(), Value::Array(resource_id)),
    ])))
}

#[cfg(feature = "client")]
impl Endpoint {
    /// The endpoint as the client uses it: its URL and headers, and the signing name and
    /// region of its `sigv4` auth scheme (the first of `authSchemes`), when it names them.
    pub fn into_resolved(self) -> crate::runtime::client::invoke::ResolvedEndpoint {
        let sigv4 = match self.properties.get("authSchemes") {
            Some(Document::Array(schemes)) => schemes.iter().find_map(|scheme| match scheme {
                Document::Object(scheme)
                    if matches!(scheme.get("name"), Some(Document::String(n)) if n == "sigv4") =>
                {
                    Some(scheme)
                }
                _ => None,
            }),
            _ => None,
        };
        let text = |key: &str| match sigv4.and_then(|s| s.get(key)) {
            Some(Document::String(value)) => Some(value.clone()),
            _ => None,
        };
        crate::runtime::client::invoke::ResolvedEndpoint {
            signing_name: text("signingName"),
            signing_region: text("signingRegion"),
            headers: self
                .headers
                .iter()
                .flat_map(|(name, values)| values.iter().map(move |v| (name.clone(), v.clone())))
                .collect(),
            url: self.url,
        }
    }
}
