//! The awsJson 1.0/1.1 envelope: building requests, telling success from error responses, and
//! reading an error's code, message and request id (as the Smithy awsJson specs define them).

use std::borrow::Cow;
use std::fmt;

use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};

use crate::runtime::json_read::{from_slice, DeserializeError, DeserializeJson, JsonReader};

/// `POST /` with the awsJson headers and `body`.
pub fn request(
    content_type: &'static str,
    target: &'static str,
    body: Vec<u8>,
) -> http::Request<Vec<u8>> {
    let length = body.len();
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    let headers = request.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert("x-amz-target", HeaderValue::from_static(target));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    request
}

/// Reads a successful response's body as `T`; an empty body reads as `{}`.
pub fn parse_body<T: DeserializeJson>(body: &[u8]) -> Result<T, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        from_slice(b"{}")
    } else {
        from_slice(body)
    }
}

/// What a successful response's body is: the output's JSON, or an event stream the caller
/// feeds to the output's stream member (the output then reads from `{}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// The output as JSON.
    Json,
    /// An event stream.
    EventStream,
}

/// What every operation's `response` does: a 2xx status reads the body as the output (an empty
/// body as `{}`); any other status reads the error's metadata and gives the error `reader`
/// finds for its awsJson code, or `Unhandled`. An awsQueryCompatible service's
/// `x-amzn-query-error` code then replaces the one callers see. Never panics, whatever the body
/// holds.
pub fn response<O: DeserializeJson, E: From<Unhandled>>(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
    kind: Body,
    reader: fn(&str) -> Option<ReadError<E>>,
) -> Result<O, E> {
    if status.is_success() {
        let output = match kind {
            Body::Json => body,
            Body::EventStream => b"",
        };
        return parse_body(output).map_err(|e| E::from(Unhandled::unreadable(status, headers, e)));
    }
    let (mut meta, fit) = ErrorMetadata::read_error(status, headers, body);
    let read = meta.code().and_then(reader);
    if crate::runtime::QUERY_COMPATIBLE {
        meta = meta.with_query_error(headers);
    }
    match read {
        Some(read) => Err(read(ErrorResponse::new(body, meta, fit))),
        None => Err(E::from(Unhandled::new(meta, None))),
    }
}

/// A modeled error read from an error response's body, with the response's metadata
/// attached; a body that does not fit the error becomes an `Unhandled` carrying the reason.
pub fn modeled_error<T: DeserializeJson>(
    body: &[u8],
    meta: ErrorMetadata,
    attach: fn(T, ErrorMetadata) -> T,
) -> Result<Box<T>, Unhandled> {
    match parse_body::<T>(body) {
        Ok(error) => Ok(Box::new(attach(error, meta))),
        Err(source) => Err(Unhandled::new(meta, Some(Box::new(source)))),
    }
}

/// A modeled error whose only member is its message (most AWS errors), without reading the body
/// again when reading the metadata already found all it says: the error then takes the
/// metadata's message, just as `modeled_error` would have given it. Any other body (cut off,
/// its message member of another type or given twice, …) is read as `modeled_error` reads it.
pub fn message_error<T: DeserializeJson + Default>(
    body: &[u8],
    meta: ErrorMetadata,
    fit: MessageFit,
    wire_name: &str,
    attach: fn(T, ErrorMetadata) -> T,
) -> Result<Box<T>, Unhandled> {
    if fit.fits(wire_name) {
        Ok(Box::new(attach(T::default(), meta)))
    } else {
        modeled_error(body, meta, attach)
    }
}

/// An error structure an operation returns, read from an error response: the crate implements
/// it for each (with `message_error` or `modeled_error`), so that an operation's response
/// names each of its errors in one line.
pub trait ModeledError: Sized {
    /// Whether the error's message is `@sensitive`: a body that does not read as this error
    /// then becomes an `Unhandled` without the message.
    const SENSITIVE_MESSAGE: bool = false;

    /// Reads the error from `body`, with the response's metadata attached.
    fn read(body: &[u8], meta: ErrorMetadata, fit: MessageFit) -> Result<Box<Self>, Unhandled>;
}

/// An error response's body and what `ErrorMetadata::read_error` found in it.
pub struct ErrorResponse<'a> {
    body: &'a [u8],
    meta: ErrorMetadata,
    fit: MessageFit,
}

impl<'a> ErrorResponse<'a> {
    /// The response, read.
    pub fn new(body: &'a [u8], meta: ErrorMetadata, fit: MessageFit) -> Self {
        ErrorResponse { body, meta, fit }
    }

    /// The response as error `T`, the operation's error `variant`; or, if the body does not
    /// read as `T`, the operation's unhandled error saying why.
    pub fn read<T: ModeledError, E: From<Unhandled>>(self, variant: fn(Box<T>) -> E) -> E {
        match T::read(self.body, self.meta, self.fit) {
            Ok(error) => variant(error),
            Err(unhandled) if T::SENSITIVE_MESSAGE => E::from(unhandled.redacted()),
            Err(unhandled) => E::from(unhandled),
        }
    }
}

/// Reads an error response as one of an operation's errors `E`.
pub type ReadError<E> = fn(ErrorResponse<'_>) -> E;

/// What reading an error body's metadata learned about its `message` and `Message` members:
/// whether an error made of that member alone reads, from this body, exactly the metadata's
/// message (or none).
#[derive(Clone, Copy, Debug)]
pub struct MessageFit {
    lower: bool,
    upper: bool,
}

impl MessageFit {
    pub(crate) fn fits(self, wire_name: &str) -> bool {
        match wire_name {
            "message" => self.lower,
            "Message" => self.upper,
            _ => false,
        }
    }
}

/// Operations with `@requestCompression` gzip request bodies at least this large (Smithy's
/// default minimum).
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Gzips the body of `request` if it is at least [`MIN_COMPRESSION_SIZE`] bytes, and says so in
/// `Content-Encoding` (after any encoding already there). Turn off the crate's `gzip` feature to
/// send bodies uncompressed.
#[cfg(feature = "gzip")]
pub fn compress(mut request: http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    use std::io::Write;
    if request.body().len() < MIN_COMPRESSION_SIZE {
        return request;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let compressed = match encoder
        .write_all(request.body())
        .and_then(|()| encoder.finish())
    {
        Ok(compressed) => compressed,
        // Writing into a Vec cannot fail; if it somehow did, the body goes uncompressed.
        Err(_) => return request,
    };
    let encoding = match request
        .headers()
        .get(http::header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
    {
        Some(existing) => format!("{existing}, gzip"),
        None => "gzip".to_owned(),
    };
    let headers = request.headers_mut();
    headers.insert(CONTENT_LENGTH, HeaderValue::from(compressed.len()));
    if let Ok(encoding) = HeaderValue::from_str(&encoding) {
        headers.insert(http::header::CONTENT_ENCODING, encoding);
    }
    *request.body_mut() = compressed;
    request
}

/// A fresh idempotency token (a random UUID v4) for `@idempotencyToken` members left unset.
pub fn idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// What the service said about an error: its code, message, request id and HTTP status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: Option<u16>,
    query_error_type: Option<String>,
}

impl ErrorMetadata {
    /// Metadata with the given parts (for tests and mock services).
    pub fn new(
        code: Option<String>,
        message: Option<String>,
        request_id: Option<String>,
        status: Option<u16>,
    ) -> Self {
        ErrorMetadata {
            code,
            message,
            request_id,
            status,
            query_error_type: None,
        }
    }

    /// The error code, sanitized: `BackupNotFound` for `aws.fsx#BackupNotFound:http://…`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The error message, from the body's `message`, `Message` or `errorMessage`.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    /// Replaces the message (if any) with the redaction marker: for an error whose message is
    /// `@sensitive`, so that neither `Debug` nor `Display` shows it.
    pub(crate) fn redact_message(&mut self) {
        if self.message.is_some() {
            self.message = Some(crate::runtime::REDACTED.to_owned());
        }
    }

    /// The request id, from the `x-amzn-requestid` header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    /// Reads an error response. Never fails: a body that is empty, not JSON, cut off or of an
    /// unexpected shape just contributes nothing.
    pub(crate) fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Self {
        Self::read_error(status, headers, body).0
    }

    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    /// [`from_response`](Self::from_response), and what the body's message members allow
    /// [`message_error`] to skip.
    pub(crate) fn read_error(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> (Self, MessageFit) {
        // One pass over the headers (there are few) rather than a hashed lookup for each.
        let (mut error_type, mut request_id) = (None, None);
        for (name, value) in headers {
            let slot = match name.as_str() {
                "x-amzn-errortype" => &mut error_type,
                "x-amzn-requestid" => &mut request_id,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value.to_str().ok().map(str::trim));
            }
        }
        let fields = BodyFields::read(body);
        // A source whose code sanitizes to nothing (`""`, `aws.fsx#`) gives way to the next.
        let clean = |code: &str| {
            let code = sanitize_error_code(code);
            (!code.is_empty()).then(|| code.to_owned())
        };
        let code = error_type
            .flatten()
            .and_then(clean)
            .or_else(|| fields.code.as_deref().and_then(clean))
            .or_else(|| fields.type_.as_deref().and_then(clean));
        let fit = fields.message_fit();
        let meta = ErrorMetadata {
            code,
            message: fields.message.map(Cow::into_owned),
            request_id: request_id.flatten().map(str::to_owned),
            status: Some(status.as_u16()),
            query_error_type: None,
        };
        (meta, fit)
    }

    /// For awsQueryCompatible services: the fault the query protocol would report (`Sender`
    /// or `Receiver`), from the `x-amzn-query-error` header.
    pub fn query_error_type(&self) -> Option<&str> {
        self.query_error_type.as_deref()
    }

    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    /// The same metadata with the code and fault of an awsQueryCompatible service's
    /// `x-amzn-query-error: Code;Fault` header in place of the response's, when it has one.
    pub(crate) fn with_query_error(mut self, headers: &http::HeaderMap) -> Self {
        let value = headers
            .get("x-amzn-query-error")
            .and_then(|v| v.to_str().ok());
        let mut parts = value.unwrap_or_default().splitn(2, ';').map(str::trim);
        if let Some(code) = parts.next().filter(|c| !c.is_empty()) {
            self.code = Some(code.to_owned());
            self.query_error_type = parts.next().filter(|t| !t.is_empty()).map(str::to_owned);
        }
        self
    }
}

/// The header that carries the request id.
const REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-amzn-requestid");

/// The error code as the awsJson spec sanitizes it: the first of comma-separated values, the
/// part before any `:`, and the part after any `#`.
pub fn sanitize_error_code(code: &str) -> &str {
    // One pass: up to the first `,` or `:` (the part before any `:` of the first value), and
    // after the first `#` before it ("after the first `#`": `a#b#Name` is the code `b#Name`,
    // which matches no modeled error).
    let bytes = code.as_bytes();
    let mut start = 0;
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b',' | b':' => {
                end = i;
                break;
            }
            b'#' if start == 0 => start = i + 1,
            _ => {}
        }
    }
    // Whitespace around a value (`A, B`) is not part of the code.
    let value = code[..end].trim_start();
    let start = start.max(end - value.len());
    code[start..end].trim()
}

/// The members of an error body that say what the error is.
/// Borrowed from the body where they have no escapes.
#[derive(Default)]
struct BodyFields<'a> {
    type_: Option<Cow<'a, str>>,
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    /// The body is one whole JSON object.
    complete: bool,
    /// For `message` and `Message`: how often the key came, and whether each time its value
    /// was `null` or the string that became `message`.
    seen: [u8; 2],
    plain: [bool; 2],
}

impl<'a> BodyFields<'a> {
    fn read(body: &'a [u8]) -> Self {
        let mut fields = BodyFields {
            plain: [true; 2],
            ..BodyFields::default()
        };
        // A body we cannot read (empty, HTML, cut off) leaves what was read so far.
        let mut reader = JsonReader::new(body);
        fields.complete = fields.read_object(&mut reader).is_ok() && reader.finish().is_ok();
        fields
    }

    fn read_object(&mut self, reader: &mut JsonReader<'a>) -> Result<(), DeserializeError> {
        const FIELDS: &[&str] = &["__type", "code", "message", "Message", "errorMessage"];
        let mut next = reader.object_start(FIELDS)?;
        while let Some(index) = next {
            let slot = match index {
                0 => Some(&mut self.type_),
                1 => Some(&mut self.code),
                2..=4 => Some(&mut self.message),
                _ => None,
            };
            let kind = reader.peek()?;
            let mut taken = false;
            match slot {
                Some(slot)
                    if slot.is_none() && kind == crate::runtime::json_read::JsonKind::String =>
                {
                    *slot = Some(reader.string_cow()?);
                    taken = true;
                }
                _ => reader.skip()?,
            }
            if let 2 | 3 = index {
                let key = usize::from(index - 2);
                self.seen[key] = self.seen[key].saturating_add(1);
                self.plain[key] &= taken || kind == crate::runtime::json_read::JsonKind::Null;
            }
            next = reader.object_next(FIELDS, index)?;
        }
        Ok(())
    }

    fn message_fit(&self) -> MessageFit {
        let fits = |key: usize| self.complete && self.seen[key] <= 1 && self.plain[key];
        MessageFit {
            lower: fits(0),
            upper: fits(1),
        }
    }
}

/// An error response this crate could not match to a modeled error (or a response it could
/// not read): everything the service said about it, and what went wrong reading it.
#[derive(Debug)]
pub struct Unhandled {
    /// Boxed, so that error enums holding an `Unhandled` stay small.
    meta: Box<ErrorMetadata>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Unhandled {
    pub(crate) fn new(
        meta: ErrorMetadata,
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        Unhandled {
            meta: Box::new(meta),
            source,
        }
    }

    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    /// A response whose body could not be read as what the operation returns.
    pub(crate) fn unreadable(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        error: DeserializeError,
    ) -> Self {
        let request_id = headers
            .get(&REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let meta = ErrorMetadata::new(
            None,
            Some(format!("the response body could not be read: {error}")),
            request_id,
            Some(status.as_u16()),
        );
        Unhandled {
            meta: Box::new(meta),
            source: Some(Box::new(error)),
        }
    }

    // Crate-private in generated crates (whose users must not call it); generated code is its
    // only caller, so it is unused here.
    #[allow(dead_code)]
    /// The same error with its message redacted (a modeled error whose message is
    /// `@sensitive`, which could not be read as that error).
    pub(crate) fn redacted(mut self) -> Self {
        self.meta.redact_message();
        self
    }

    /// The error code, if the service sent one.
    pub fn code(&self) -> Option<&str> {
        self.meta.code()
    }

    /// The message, if any.
    pub fn message(&self) -> Option<&str> {
        self.meta.message()
    }

    /// The request id, if the service sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// Everything the service said about the error.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.meta.code() {
            Some(code) => display_error(f, code, self.meta.message(), &self.meta),
            None => {
                write!(f, "unhandled error")?;
                if let Some(status) = self.meta.status() {
                    write!(f, " (HTTP {status})")?;
                }
                if let Some(message) = self.meta.message() {
                    write!(f, ": {message}")?;
                }
                if let Some(id) = self.meta.request_id() {
                    write!(f, " (request id {id})")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What every error this crate returns can say about itself, whatever its type: the service's
/// error structures, [`Unhandled`], and the error enums that hold them.
pub trait ServiceError: std::error::Error {
    /// The error code (e.g. `BackupNotFound`), if known.
    fn code(&self) -> Option<&str>;

    /// The error message, if any.
    fn message(&self) -> Option<&str>;

    /// Everything the response said about the error.
    fn meta(&self) -> &ErrorMetadata;

    /// The request id of the response, if the service sent one.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }

    /// Whether the model marks the error `@retryable`.
    fn is_retryable(&self) -> bool {
        false
    }

    /// Whether the model marks the error `@retryable(throttling: true)`: a retry waits longer.
    fn is_throttling(&self) -> bool {
        false
    }
}

impl ServiceError for Unhandled {
    fn code(&self) -> Option<&str> {
        self.meta.code()
    }

    fn message(&self) -> Option<&str> {
        self.meta.message()
    }

    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

/// `Code: message (request id …)`, the form every error of this crate displays in.
pub fn display_error(
    f: &mut fmt::Formatter<'_>,
    code: &str,
    message: Option<&str>,
    meta: &ErrorMetadata,
) -> fmt::Result {
    f.write_str(code)?;
    if let Some(message) = message {
        write!(f, ": {message}")?;
    }
    if let Some(id) = meta.request_id() {
        write!(f, " (request id {id})")?;
    }
    Ok(())
}

/// Whether an error is the caller's fault or the service's (`@error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorFault {
    /// `@error("client")`: retrying the same request will not help.
    Client,
    /// `@error("server")`.
    Server,
}
