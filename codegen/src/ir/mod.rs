//! The description of the crate to write: the contract between planning and emission.
//!
//! [`lower`] reads the planned model (names, boxing, selection) once and states every fact an
//! emitter needs, typed: per type its fields with their names, wire names, optionality, boxing,
//! defaults, timestamp formats, redaction, docs and constraints; per operation its module, input,
//! output, errors, host prefix, compression and idempotency tokens; per service its protocol.
//! Emitters read this, never the model, and decide nothing the description already says. Model
//! problems found while lowering (a default that does not fit, a host prefix naming no label)
//! are collected, each naming its shape.

mod lower;
pub mod validation;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use serde_json::Value;

pub use lower::lower;

pub use crate::context::ModelSource;
use crate::error::Problem;
use crate::examples::Example;
use crate::ident::RustIdent;
pub use crate::model::{ShapeId, SimpleType};
use crate::naming::Names;
use crate::protocol_tests::Case;
pub use crate::transform::Role;

/// Everything the emitters write a crate from.
pub struct Ir {
    /// The package name (`fsx`).
    pub package: String,
    /// The model file, for headers.
    pub source: ModelSource,
    /// The service.
    pub service: Service,
    /// Every shape the crate holds a value of (the closure of the selected operations), by id,
    /// simple shapes included.
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// The structures, unions, enums and intEnums, in Rust-name order (the order of items in
    /// every file).
    pub types: Vec<ShapeId>,
    /// The lists and maps, in shape-id order (each has a `ser_`/`de_` function).
    pub collections: Vec<ShapeId>,
    /// The selected operations, in name order.
    pub operations: Vec<Operation>,
    /// The structures and unions inputs' `validate()` checks (see [`validation`]).
    pub validated: BTreeSet<ShapeId>,
    /// Every Rust name.
    pub names: Names,
    /// The documented examples of the selected operations that can become tests.
    pub examples: Vec<Example>,
    /// The protocol compliance cases of the selected operations and their errors.
    pub protocol_cases: Vec<Case>,
    /// The client cases among them, each with the name of its test function in
    /// `tests/protocol.rs` (server-only cases are not tests of a client).
    pub client_cases: Vec<(String, Case)>,
    /// What generation left out and why, for the command line to print.
    pub warnings: Vec<Problem>,
    /// Documentation already converted to rustdoc, shared by the emitters' threads.
    rustdoc_cache: Mutex<HashMap<String, Arc<Vec<String>>>>,
}

/// The service.
pub struct Service {
    /// Its shape id.
    pub id: ShapeId,
    /// `@title`, else the `sdkId`, else the shape name: the crate docs' heading.
    pub title: String,
    /// The `aws.api#service` `sdkId`, if any.
    pub sdk_id: Option<String>,
    /// The API version.
    pub version: String,
    /// Its documentation (HTML).
    pub documentation: Option<String>,
    /// The protocol trait: `aws.protocols#awsJson1_0` or `#awsJson1_1`.
    pub protocol: &'static str,
    /// `application/x-amz-json-1.0` or `-1.1`.
    pub content_type: &'static str,
    /// `@awsQueryCompatible`: error codes may come in `x-amzn-query-error`.
    pub query_compatible: bool,
    /// `aws.auth#sigv4`'s signing name, when requests are signed.
    pub signing_name: Option<String>,
    /// `smithy.rules#endpointRuleSet`: how parameters become an endpoint (a rules document).
    pub endpoint_rules: Option<Value>,
    /// `smithy.rules#endpointTests`: the model's own cases for those rules.
    pub endpoint_tests: Option<Value>,
    /// The endpoint rules, parsed (`None`: the service has none, or they could not be read,
    /// with a warning).
    pub rule_set: Option<crate::rules::RuleSet>,
    /// The endpoint test cases that can become tests.
    pub endpoint_cases: Vec<crate::rules::TestCase>,
    /// The AWS partitions `aws.partition` resolves regions with.
    pub partitions: Vec<crate::rules::Partition>,
}

/// One shape of the closure.
pub struct Shape {
    /// Its id.
    pub id: ShapeId,
    /// What it is.
    pub kind: Kind,
    /// Its documentation (HTML).
    pub documentation: Option<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `@sensitive` on the shape itself.
    pub sensitive: bool,
    /// A value of it must never be printed: it is `@sensitive`, or a list or map holding
    /// something that is.
    pub redacted: bool,
    /// The operations whose input, output or errors reach it.
    pub used_by: BTreeSet<ShapeId>,
    /// For an operation's input or output: which, and what it copies.
    pub origin: Option<Origin>,
}

/// What a shape is.
pub enum Kind {
    /// A simple type.
    Simple(SimpleType),
    /// A string enum.
    Enum(Vec<EnumVariant>),
    /// An intEnum.
    IntEnum(Vec<EnumVariant>),
    /// A structure.
    Structure(Structure),
    /// A union.
    Union(Union),
    /// A list (or set).
    List {
        /// Its element.
        member: Element,
        /// `@sparse`: `null` elements are kept.
        sparse: bool,
    },
    /// A map.
    Map {
        /// Its key (a string or an enum).
        key: Element,
        /// Its value.
        value: Element,
        /// `@sparse`: `null` values are kept.
        sparse: bool,
    },
}

/// Where an operation's input or output comes from.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The operation.
    pub operation: ShapeId,
    /// Input or output.
    pub role: Role,
    /// The model shape it copies (`None`: the operation has none, `smithy.api#Unit`).
    pub original: Option<ShapeId>,
}

/// `@deprecated`.
#[derive(Clone, Debug)]
pub struct Deprecated {
    /// Its message.
    pub message: Option<String>,
    /// Since when (free text).
    pub since: Option<String>,
}

/// How a timestamp is written on the wire: the member's `@timestampFormat`, else its
/// target's, else epoch seconds (the awsJson default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the epoch, a JSON number.
    EpochSeconds,
    /// An RFC 3339 string.
    DateTime,
    /// An RFC 7231 string.
    HttpDate,
}

/// A list's element, or a map's key or value.
pub struct Element {
    /// The member's id (`List$member`).
    pub id: ShapeId,
    /// What it holds.
    pub target: ShapeId,
    /// Its timestamp format, when it holds timestamps.
    pub timestamp: TimestampFormat,
    /// `@sensitive` on the member itself.
    pub sensitive: bool,
    /// `@length`, `@range` and `@pattern` on the member, else on its target (boxed: a map
    /// holds two elements, and most have none).
    pub constraints: Box<Constraints>,
}

/// One value of an enum or intEnum.
pub struct EnumVariant {
    /// The member's id.
    pub id: ShapeId,
    /// The member's name in the model.
    pub name: String,
    /// The Rust variant.
    pub ident: RustIdent,
    /// The value on the wire.
    pub value: EnumWire,
    /// Its documentation (HTML).
    pub documentation: Option<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
}

/// An enum value on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnumWire {
    /// A string enum's.
    String(String),
    /// An intEnum's.
    Int(i32),
}

/// A structure.
pub struct Structure {
    /// Its members, in model order.
    pub fields: Vec<Field>,
    /// For an `@error` structure, what the error facts are.
    pub error: Option<ErrorInfo>,
}

/// One member of a structure.
pub struct Field {
    /// The member's id.
    pub id: ShapeId,
    /// Its name in the model, which is also its name on the wire (awsJson ignores `@jsonName`).
    pub wire: String,
    /// The Rust field.
    pub ident: RustIdent,
    /// The builder's setter.
    pub setter: RustIdent,
    /// The builder's `set_` method.
    pub set: RustIdent,
    /// The builder's `get_` method.
    pub get: RustIdent,
    /// The type's getter (`None`: an error's message, which `message()` returns).
    pub getter: Option<RustIdent>,
    /// What it holds.
    pub target: ShapeId,
    /// `Option` in Rust (see `rust_type::is_optional`).
    pub optional: bool,
    /// Held in a `Box` (recursion).
    pub boxed: bool,
    /// Holds the output's event stream (the response body itself, never in a JSON document).
    pub event_stream: bool,
    /// Its `@default`, parsed; `None` when it has none (or it is optional anyway).
    pub default: Option<DefaultValue>,
    /// The same `@default` as the model writes it (a node value, already in wire form: a
    /// blob's is base64), for tests that compare what the crate writes with it.
    pub default_node: Option<Value>,
    /// `@required` with no `@default`: a value without it is invalid (nothing fills it in).
    pub must_be_set: bool,
    /// `@required`: the service needs it (whatever its Rust optionality).
    pub required: bool,
    /// `@clientOptional`: optional in clients whatever else it has.
    pub client_optional: bool,
    /// `@addedDefault`: its `@default` came after the member (it stays optional).
    pub added_default: bool,
    /// `@jsonName` (awsJson ignores it; the model-diff reports it).
    pub json_name: Option<String>,
    /// How a timestamp is written.
    pub timestamp: TimestampFormat,
    /// Its value must never be printed (it, its container or its target is sensitive).
    pub redacted: bool,
    /// `@idempotencyToken`: filled with a fresh token when unset.
    pub idempotency_token: bool,
    /// `@hostLabel`: part of the operation's host prefix.
    pub host_label: bool,
    /// `@length`, `@range` and `@pattern`: the member's own, else its target's.
    pub constraints: Constraints,
    /// Its own documentation (HTML).
    pub documentation: Option<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
}

/// What the model allows of a value (`@length`, `@range`, `@pattern`). Clients document them
/// and may check them on request; they never refuse what a service sends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// `@length`: the least and most characters, elements, entries or bytes.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range`: the least and greatest value.
    /// (As the model writes them: an integer bound beyond 2^53 stays exact.)
    pub range: Option<(Option<serde_json::Number>, Option<serde_json::Number>)>,
    /// `@pattern`: an ECMA 262 regular expression strings must match.
    pub pattern: Option<String>,
    /// The regex crate compiles the pattern, so `validate()` can check it (it has no
    /// look-around or back-references; otherwise the pattern is documented, not checked).
    pub pattern_checked: bool,
}

impl Constraints {
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}

/// A `@default` value, parsed and checked against the member's type when the crate is planned,
/// so that emitting it cannot fail.
#[derive(Clone, Debug)]
pub enum DefaultValue {
    /// A string.
    String(String),
    /// A boolean.
    Boolean(bool),
    /// A byte, short, integer or long.
    Integer(i64),
    /// A float or double (`NaN`, `Infinity`, `-Infinity` included).
    Float(f64),
    /// A big integer or big decimal, as written.
    BigNumber(String),
    /// A timestamp.
    Timestamp {
        /// Seconds since the epoch.
        secs: i64,
        /// Nanoseconds past them.
        nanos: u32,
    },
    /// A blob's bytes.
    Blob(Vec<u8>),
    /// A document.
    Document(Value),
    /// An empty list (the only list default Smithy allows).
    EmptyList,
    /// An empty map.
    EmptyMap,
    /// An enum or intEnum value: the variant.
    Variant(RustIdent),
}

/// What an `@error` structure says about itself.
pub struct ErrorInfo {
    /// The code the service sends (the shape's name).
    pub code: String,
    /// Its `is_` accessor on the error enums (`is_backup_not_found`).
    pub is_method: RustIdent,
    /// `@error("server")`.
    pub server_fault: bool,
    /// `@retryable`.
    pub retryable: bool,
    /// `@retryable(throttling: true)`.
    pub throttling: bool,
    /// `@httpError`.
    pub http_status: Option<u16>,
    /// The index of the field holding its message (a string member called `message` in any
    /// case), if any.
    pub message: Option<usize>,
    /// The wire name of its only member when that is its optional message (`message` or
    /// `Message`): such an error is made of what the metadata already read.
    pub message_only: Option<String>,
    /// Its message must never be shown (the error, or its message member, is sensitive).
    pub message_sensitive: bool,
    /// Whether a selected operation returns it (otherwise it is only a member, e.g. of an
    /// event stream, and never read from a response as an error).
    pub returned: bool,
}

/// A union.
pub struct Union {
    /// Its members, in model order.
    pub variants: Vec<Variant>,
    /// `@streaming`: an output's event stream.
    pub event_stream: bool,
}

/// One member of a union.
pub struct Variant {
    /// The member's id.
    pub id: ShapeId,
    /// Its name in the model and on the wire.
    pub wire: String,
    /// The Rust variant.
    pub ident: RustIdent,
    /// Its `is_` accessor.
    pub is_method: RustIdent,
    /// Its `as_` accessor (for a variant with a value).
    pub as_method: RustIdent,
    /// What it holds.
    pub target: ShapeId,
    /// It targets `smithy.api#Unit`: a variant without a value.
    pub unit: bool,
    /// Held in a `Box` (recursion).
    pub boxed: bool,
    /// Its value must never be printed.
    pub redacted: bool,
    /// How a timestamp is written.
    pub timestamp: TimestampFormat,
    /// `@length`, `@range` and `@pattern` on the member, else on its target.
    pub constraints: Constraints,
    /// Its own documentation (HTML).
    pub documentation: Option<String>,
    /// `@deprecated`.
    pub deprecated: Option<Deprecated>,
}

/// What structure fields and union variants have in common.
pub trait Member {
    /// The member's name in the model and on the wire.
    fn wire(&self) -> &str;
    /// What it holds.
    fn target(&self) -> &ShapeId;
    /// How a timestamp in it is written.
    fn timestamp(&self) -> TimestampFormat;
    /// Whether it is held in a `Box`.
    fn boxed(&self) -> bool;
    /// Its own documentation (HTML).
    fn documentation(&self) -> Option<&str>;
}

impl Member for Field {
    fn wire(&self) -> &str {
        &self.wire
    }
    fn target(&self) -> &ShapeId {
        &self.target
    }
    fn timestamp(&self) -> TimestampFormat {
        self.timestamp
    }
    fn boxed(&self) -> bool {
        self.boxed
    }
    fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }
}

impl Member for Variant {
    fn wire(&self) -> &str {
        &self.wire
    }
    fn target(&self) -> &ShapeId {
        &self.target
    }
    fn timestamp(&self) -> TimestampFormat {
        self.timestamp
    }
    fn boxed(&self) -> bool {
        self.boxed
    }
    fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }
}

/// One selected operation.
pub struct Operation {
    /// Its shape id.
    pub id: ShapeId,
    /// Its name (`CopyBackup`).
    pub name: String,
    /// Its module (`copy_backup`).
    pub module: RustIdent,
    /// The marker type implementing `Operation` (`CopyBackup`).
    pub marker: RustIdent,
    /// Its error enum (`CopyBackupError`).
    pub error_enum: RustIdent,
    /// Its input structure (`<Op>Input`, in its module).
    pub input: ShapeId,
    /// Its output structure.
    pub output: ShapeId,
    /// The errors it can return: its own, then the service's, each once.
    pub errors: Vec<ShapeId>,
    /// The `X-Amz-Target` header: `<service>.<operation>`.
    pub target: String,
    /// Its documentation (HTML).
    pub documentation: Option<String>,
    /// The input's optional `@idempotencyToken` fields, filled when unset.
    pub idempotency_tokens: Vec<RustIdent>,
    /// `@endpoint(hostPrefix)`, split into text and labels.
    pub host_prefix: Vec<HostPrefixPart>,
    /// `@requestCompression` with gzip.
    pub gzip: bool,
    /// An input member holding the URL the request goes to (a customization).
    pub own_endpoint: Option<FieldRef>,
    /// The output's event-stream member, if it has one.
    pub event_stream: Option<RustIdent>,
    /// `@paginated` (with the service's settings filled in): the members that page.
    pub pagination: Option<Pagination>,
    /// `@optionalAuth`, or an `@auth` without SigV4 (`@auth([])`): requests are not signed.
    pub optional_auth: bool,
}

/// How an operation pages: member paths in its input and output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pagination {
    /// The input member holding the token of the page to get.
    pub input_token: String,
    /// The output member (a path, `a.b`, in general) holding the next page's token.
    pub output_token: String,
    /// The output member holding the page's items, if the model names one.
    pub items: Option<String>,
    /// The input member bounding a page's size, if any.
    pub page_size: Option<String>,
}

/// A piece of a host prefix.
pub enum HostPrefixPart {
    /// Literal text.
    Text(String),
    /// The value of an input member (`@hostLabel`).
    Label(FieldRef),
}

/// An input member an operation reads when it builds its request.
pub struct FieldRef {
    /// The Rust field.
    pub ident: RustIdent,
    /// Its name in the model.
    pub wire: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

impl Ir {
    /// The shape with this id, which must be in the closure (a miss is a generator bug).
    pub fn shape(&self, id: &ShapeId) -> &Shape {
        self.shapes
            .get(id)
            .unwrap_or_else(|| panic!("generator bug: {id} is not in the crate"))
    }

    /// The structure with this id.
    pub fn structure(&self, id: &ShapeId) -> &Structure {
        match &self.shape(id).kind {
            Kind::Structure(s) => s,
            _ => panic!("generator bug: {id} is not a structure"),
        }
    }

    /// The selected operation with this id, if it is one.
    pub fn operation(&self, id: &ShapeId) -> Option<&Operation> {
        self.operations.iter().find(|op| &op.id == id)
    }

    /// The shapes of [`Ir::types`].
    pub fn type_shapes(&self) -> impl Iterator<Item = &Shape> {
        self.types.iter().map(|id| self.shape(id))
    }

    /// The shapes of [`Ir::collections`].
    pub fn collection_shapes(&self) -> impl Iterator<Item = &Shape> {
        self.collections.iter().map(|id| self.shape(id))
    }

    /// Every error structure a selected operation can return, in Rust-name order.
    pub fn error_shapes(&self) -> impl Iterator<Item = &Shape> {
        self.type_shapes()
            .filter(|s| matches!(&s.kind, Kind::Structure(st) if st.error.is_some()))
    }

    /// Whether the crate has an output event stream.
    pub fn has_event_streams(&self) -> bool {
        self.type_shapes()
            .any(|s| matches!(&s.kind, Kind::Union(u) if u.event_stream))
    }

    /// Whether the shape is a `@streaming` union.
    pub fn is_event_stream(&self, id: &ShapeId) -> bool {
        matches!(&self.shape(id).kind, Kind::Union(u) if u.event_stream)
    }

    /// Whether any operation compresses its requests.
    pub fn compresses(&self) -> bool {
        self.operations.iter().any(|op| op.gzip)
    }

    /// `@documentation` as rustdoc lines (see `docs`), converted once per distinct text.
    pub fn rustdoc(&self, documentation: &str) -> Arc<Vec<String>> {
        if let Some(lines) = self
            .rustdoc_cache
            .lock()
            .expect("no emitter panicked")
            .get(documentation)
        {
            return Arc::clone(lines);
        }
        let lines = Arc::new(crate::docs::to_rustdoc(documentation));
        self.rustdoc_cache
            .lock()
            .expect("no emitter panicked")
            .insert(documentation.to_owned(), Arc::clone(&lines));
        lines
    }
}
