//! Smithy protocol compliance test cases (`smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests`) read from the model: on operations (requests and responses)
//! and on error structures (error responses). The protocol-test emitter turns the client cases
//! into Rust tests; `cargo xtask protocol-tests` runs them and reports.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::Problem;
use crate::model::{Model, ShapeId, ShapeKind};

/// `smithy.test#httpRequestTests`.
pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
/// `smithy.test#httpResponseTests`.
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// What a case checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The request an operation's input serializes to.
    Request,
    /// The output an operation's response parses to.
    Response,
    /// The error an error response parses to.
    Error,
}

/// One protocol test case.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// The case's id (unique in the model).
    pub id: String,
    /// What it checks.
    pub kind: Kind,
    /// The operation (request/response) or error structure (error) it is attached to.
    pub owner: ShapeId,
    /// Its documentation.
    pub documentation: Option<String>,
    /// `client`, `server`, or `None` for both.
    pub applies_to: Option<String>,
    /// The protocol it tests (`aws.protocols#awsJson1_1`).
    pub protocol: String,
    /// Request: the method.
    pub method: Option<String>,
    /// Request: the path (and query).
    pub uri: Option<String>,
    /// Request: the endpoint host the client is configured with (may carry a path).
    pub host: Option<String>,
    /// Request: the host the request must go to.
    pub resolved_host: Option<String>,
    /// Headers that must have these values.
    pub headers: BTreeMap<String, String>,
    /// Request: headers that must be absent.
    pub forbid_headers: Vec<String>,
    /// Request: headers that must be present, whatever their value.
    pub require_headers: Vec<String>,
    /// The body, if the case gives one.
    pub body: Option<String>,
    /// The body's media type (`application/json` means: compare as JSON values).
    pub body_media_type: Option<String>,
    /// The input (request), output (response) or error members (error), as node values.
    pub params: Value,
    /// Response: the HTTP status.
    pub code: Option<u16>,
    /// Protocol-specific expectations (e.g. an awsQueryCompatible error code).
    pub vendor_params: Option<Value>,
}

impl Case {
    /// Whether a client should run the case.
    pub fn for_client(&self) -> bool {
        self.applies_to.as_deref() != Some("server")
    }
}

/// Every case in the model on `operations` and on the errors they can return, in owner then
/// model order.
pub fn cases(
    model: &Model,
    operations: &[ShapeId],
    errors: &[ShapeId],
) -> Result<Vec<Case>, Problem> {
    let mut cases = Vec::new();
    for op in operations {
        cases.extend(read(model, op, REQUEST_TESTS, Kind::Request)?);
        cases.extend(read(model, op, RESPONSE_TESTS, Kind::Response)?);
    }
    for error in errors {
        if matches!(model.expect(error).kind, ShapeKind::Structure(_)) {
            cases.extend(read(model, error, RESPONSE_TESTS, Kind::Error)?);
        }
    }
    Ok(cases)
}

fn read(model: &Model, owner: &ShapeId, trait_id: &str, kind: Kind) -> Result<Vec<Case>, Problem> {
    let Some(list) = model.expect(owner).traits.get(trait_id) else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or_else(|| Problem::at(owner, format!("{trait_id} must be an array")))?;
    list.iter().map(|case| parse(owner, kind, case)).collect()
}

fn parse(owner: &ShapeId, kind: Kind, case: &Value) -> Result<Case, Problem> {
    let text = |key: &str| case.get(key).and_then(Value::as_str).map(str::to_owned);
    let id = text("id").ok_or_else(|| Problem::at(owner, "a protocol test case has no `id`"))?;
    let bad = |what: &str| Problem::at(owner, format!("protocol test `{id}`: {what}"));
    let strings = |key: &str| -> Result<Vec<String>, Problem> {
        match case.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| bad(&format!("`{key}` must hold strings")))
                })
                .collect(),
            Some(_) => Err(bad(&format!("`{key}` must be an array"))),
        }
    };
    let headers = match case.get("headers") {
        None => BTreeMap::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| {
                Ok((
                    k.clone(),
                    v.as_str()
                        .ok_or_else(|| bad("header values must be strings"))?
                        .to_owned(),
                ))
            })
            .collect::<Result<_, Problem>>()?,
        Some(_) => return Err(bad("`headers` must be an object")),
    };
    let code = match case.get("code") {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .ok_or_else(|| bad("`code` must be an HTTP status"))?,
        ),
    };
    Ok(Case {
        kind,
        owner: owner.clone(),
        documentation: text("documentation"),
        applies_to: text("appliesTo"),
        protocol: text("protocol").unwrap_or_default(),
        method: text("method"),
        uri: text("uri"),
        host: text("host"),
        resolved_host: text("resolvedHost"),
        headers,
        forbid_headers: strings("forbidHeaders")?,
        require_headers: strings("requireHeaders")?,
        body: text("body"),
        body_media_type: text("bodyMediaType"),
        params: case
            .get("params")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default())),
        code,
        vendor_params: case.get("vendorParams").cloned(),
        id,
    })
}
