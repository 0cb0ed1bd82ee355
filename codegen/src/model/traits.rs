//! Trait ids the generator understands, typed accessors for them, and the check (run once at
//! load) that each understood trait has the JSON type its accessor assumes.

use std::collections::BTreeMap;

use serde_json::Value;

pub const ADDED_DEFAULT: &str = "smithy.api#addedDefault";
pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
pub const AWS_SERVICE: &str = "aws.api#service";
pub const BOX: &str = "smithy.api#box";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const DEFAULT: &str = "smithy.api#default";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const ENUM: &str = "smithy.api#enum";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ERROR: &str = "smithy.api#error";
pub const ENDPOINT: &str = "smithy.api#endpoint";
pub const EVENT_STREAM: &str = "smithy.api#eventStream";
pub const EXAMPLES: &str = "smithy.api#examples";
pub const HOST_LABEL: &str = "smithy.api#hostLabel";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const LENGTH: &str = "smithy.api#length";
pub const PAGINATED: &str = "smithy.api#paginated";
pub const PATTERN: &str = "smithy.api#pattern";
pub const RANGE: &str = "smithy.api#range";
pub const SIGV4: &str = "aws.auth#sigv4";
pub const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
pub const AUTH: &str = "smithy.api#auth";
pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
pub const INPUT: &str = "smithy.api#input";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const MIXIN: &str = "smithy.api#mixin";
pub const OUTPUT: &str = "smithy.api#output";
pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
pub const REQUIRED: &str = "smithy.api#required";
pub const RETRYABLE: &str = "smithy.api#retryable";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const SPARSE: &str = "smithy.api#sparse";
pub const STREAMING: &str = "smithy.api#streaming";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const TITLE: &str = "smithy.api#title";
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
pub const UNIT_TYPE: &str = "smithy.api#unitType";

/// The JSON type an understood trait must have.
#[derive(Clone, Copy)]
enum Expect {
    Object,
    String,
    Integer,
    Array,
    /// Any JSON value (checked where it is used, e.g. `@default` against its target).
    Any,
    /// One of the listed strings.
    OneOf(&'static [&'static str]),
}

fn expectation(trait_id: &str) -> Option<Expect> {
    Some(match trait_id {
        ADDED_DEFAULT | BOX | CLIENT_OPTIONAL | DEPRECATED | EVENT_STREAM | IDEMPOTENCY_TOKEN
        | INPUT | MIXIN | OUTPUT | REQUIRED | RETRYABLE | SENSITIVE | SPARSE | STREAMING
        | UNIQUE_ITEMS | UNIT_TYPE | AWS_SERVICE | AWS_JSON_1_0 | AWS_JSON_1_1 | ENDPOINT
        | HOST_LABEL | REQUEST_COMPRESSION | LENGTH | RANGE | PAGINATED | SIGV4 | OPTIONAL_AUTH
        | ENDPOINT_RULE_SET | ENDPOINT_TESTS => Expect::Object,
        DOCUMENTATION | TITLE | PATTERN => Expect::String,
        HTTP_ERROR => Expect::Integer,
        ENUM | EXAMPLES | AUTH => Expect::Array,
        DEFAULT | ENUM_VALUE => Expect::Any,
        ERROR => Expect::OneOf(&["client", "server"]),
        TIMESTAMP_FORMAT => Expect::OneOf(&["date-time", "http-date", "epoch-seconds"]),
        _ => return None,
    })
}

/// Checks an understood trait's value; `Err` says what was expected and what was found.
pub(crate) fn check_value(trait_id: &str, value: &Value) -> Result<(), String> {
    let Some(expect) = expectation(trait_id) else {
        return Ok(());
    };
    let ok = match expect {
        Expect::Object => value.is_object(),
        Expect::String => value.is_string(),
        Expect::Integer => value.is_i64(),
        Expect::Array => value.is_array(),
        Expect::Any => true,
        Expect::OneOf(allowed) => value.as_str().is_some_and(|s| allowed.contains(&s)),
    };
    if ok {
        return Ok(());
    }
    let wanted = match expect {
        Expect::Object => "an object".to_owned(),
        Expect::String => "a string".to_owned(),
        Expect::Integer => "an integer".to_owned(),
        Expect::Array => "an array".to_owned(),
        Expect::Any => unreachable!("any value is accepted"),
        Expect::OneOf(allowed) => format!("one of {}", allowed.join(", ")),
    };
    Err(format!("trait {trait_id} must be {wanted}, got {value}"))
}

/// A shape's or member's traits, keyed by absolute trait id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits(BTreeMap<String, Value>);

impl Traits {
    pub(crate) fn insert(&mut self, id: &str, value: Value) {
        self.0.insert(id.to_owned(), value);
    }

    pub(crate) fn remove(&mut self, id: &str) -> Option<Value> {
        self.0.remove(id)
    }

    /// Traits from `other` this set does not already have (this set wins).
    pub(crate) fn inherit(&mut self, other: &Traits, skip: impl Fn(&str) -> bool) {
        for (id, value) in &other.0 {
            if !skip(id) && !self.0.contains_key(id) {
                self.0.insert(id.clone(), value.clone());
            }
        }
    }

    /// Every trait, in trait-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The raw value of a trait.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    /// Whether the trait is present.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// `@documentation` (HTML in AWS models).
    pub fn documentation(&self) -> Option<&str> {
        self.get(DOCUMENTATION).and_then(Value::as_str)
    }

    /// `@default`, unless absent or explicitly `null` (which means "no default").
    pub fn default_value(&self) -> Option<&Value> {
        self.get(DEFAULT).filter(|v| !v.is_null())
    }

    /// `@deprecated` as (message, since).
    pub fn deprecated(&self) -> Option<(Option<&str>, Option<&str>)> {
        let value = self.get(DEPRECATED)?;
        let field = |name| value.get(name).and_then(Value::as_str);
        Some((field("message"), field("since")))
    }

    /// `@error`: `"client"` or `"server"`.
    pub fn error(&self) -> Option<&str> {
        self.get(ERROR).and_then(Value::as_str)
    }

    /// `@httpError` status code.
    pub fn http_error(&self) -> Option<i64> {
        self.get(HTTP_ERROR).and_then(Value::as_i64)
    }

    /// `@title`.
    pub fn title(&self) -> Option<&str> {
        self.get(TITLE).and_then(Value::as_str)
    }

    /// `aws.api#service`'s `sdkId`.
    pub fn sdk_id(&self) -> Option<&str> {
        self.get(AWS_SERVICE)?.get("sdkId").and_then(Value::as_str)
    }

    /// `@retryable`: `Some(throttling)` when present.
    pub fn retryable(&self) -> Option<bool> {
        let value = self.get(RETRYABLE)?;
        Some(
            value
                .get("throttling")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
    }

    /// `@jsonName`.
    pub fn json_name(&self) -> Option<&str> {
        self.get(JSON_NAME).and_then(Value::as_str)
    }

    /// `@timestampFormat`: `date-time`, `http-date` or `epoch-seconds`.
    pub fn timestamp_format(&self) -> Option<&str> {
        self.get(TIMESTAMP_FORMAT).and_then(Value::as_str)
    }

    /// `@endpoint`'s `hostPrefix` template.
    pub fn host_prefix(&self) -> Option<&str> {
        self.get(ENDPOINT)?
            .get("hostPrefix")
            .and_then(Value::as_str)
    }

    /// `@requestCompression`'s encodings, in model order (empty when absent).
    pub fn request_compression(&self) -> Vec<&str> {
        self.get(REQUEST_COMPRESSION)
            .and_then(|t| t.get("encodings"))
            .and_then(Value::as_array)
            .map(|e| e.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// `@paginated`, as written on this shape (an operation's may leave members to its
    /// service's).
    pub fn paginated(&self) -> Option<Paginated> {
        let value = self.get(PAGINATED)?;
        let field = |name| value.get(name).and_then(Value::as_str).map(str::to_owned);
        Some(Paginated {
            input_token: field("inputToken"),
            output_token: field("outputToken"),
            items: field("items"),
            page_size: field("pageSize"),
        })
    }

    /// `@length`: (min, max).
    pub fn length(&self) -> Option<(Option<u64>, Option<u64>)> {
        let value = self.get(LENGTH)?;
        Some((
            value.get("min").and_then(Value::as_u64),
            value.get("max").and_then(Value::as_u64),
        ))
    }

    /// `@range`: (min, max), as the model writes them (numbers, possibly decimals).
    pub fn range(&self) -> Option<(Option<serde_json::Number>, Option<serde_json::Number>)> {
        let value = self.get(RANGE)?;
        let bound = |name: &str| match value.get(name) {
            Some(Value::Number(n)) => Some(n.clone()),
            _ => None,
        };
        Some((bound("min"), bound("max")))
    }

    /// `@pattern`: an ECMA 262 regular expression.
    pub fn pattern(&self) -> Option<&str> {
        self.get(PATTERN).and_then(Value::as_str)
    }

    /// `aws.auth#sigv4`'s signing name.
    pub fn sigv4_name(&self) -> Option<&str> {
        self.get(SIGV4)?.get("name").and_then(Value::as_str)
    }

    /// `@auth`: the auth schemes, by shape id, in order of preference (`[]`: none).
    pub fn auth(&self) -> Option<Vec<&str>> {
        let schemes = self.get(AUTH)?.as_array()?;
        Some(schemes.iter().filter_map(Value::as_str).collect())
    }
}

/// `@paginated`: the members that carry paging (each a path in the input or output).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paginated {
    /// The input member holding the token of the page to get.
    pub input_token: Option<String>,
    /// The output member holding the next page's token (a path, `a.b`, in general).
    pub output_token: Option<String>,
    /// The output member holding the page's items.
    pub items: Option<String>,
    /// The input member bounding the page's size.
    pub page_size: Option<String>,
}

impl Paginated {
    /// This operation's settings, each missing one taken from the service's.
    pub fn or(self, service: &Paginated) -> Paginated {
        Paginated {
            input_token: self.input_token.or_else(|| service.input_token.clone()),
            output_token: self.output_token.or_else(|| service.output_token.clone()),
            items: self.items.or_else(|| service.items.clone()),
            page_size: self.page_size.or_else(|| service.page_size.clone()),
        }
    }
}
