//! Errors: every error the model lists for each backup operation, in every form awsJson
//! sends an error code (the `X-Amzn-Errortype` header, the body's `__type`, plain, with the
//! namespace or with the `:http://…` suffix, the body's `code`), with the message under
//! `message` or `Message` and random members from the model, is read by our `response` and
//! by aws-sdk-fsx (through its client and the fake HTTP client). Both must classify it as the
//! same error (variant, `is_*`, `code()`), with the same message, request id and members.
//! Codes the operation does not model, and responses with no code, must be `Unhandled` on
//! both sides.

use differential::compare::{Comparer, Instants};
use differential::generate::{case_rng, Generator, Purpose};
use differential::json::{write_wire, Json};
use differential::model::{fsx, Operation};
use differential::sdk::{self, harness_errors, ErrorView, Harness, Sdk};
use differential::{selected, Report};
use smithy_codegen::model::{ShapeId, ShapeKind};

/// How an error response names its code.
#[derive(Clone, Copy, Debug)]
enum Form {
    /// `X-Amzn-Errortype: Code`, no `__type`.
    Header,
    /// `X-Amzn-Errortype: Code:http://internal.amazon.com/…` and a different `__type` in the
    /// body (the header wins).
    HeaderWithSuffixOverBody,
    /// `{"__type": "Code"}`.
    Type,
    /// `{"__type": "com.amazonaws.fsx#Code"}`.
    NamespacedType,
    /// `{"__type": "com.amazonaws.fsx#Code:http://internal.amazon.com/…"}`.
    NamespacedTypeWithSuffix,
    /// `{"code": "Code"}` (and a different `__type`, which `code` wins over).
    CodeMember,
}

const FORMS: [Form; 6] = [
    Form::Header,
    Form::HeaderWithSuffixOverBody,
    Form::Type,
    Form::NamespacedType,
    Form::NamespacedTypeWithSuffix,
    Form::CodeMember,
];

/// Random bodies per error and form.
const VARIANTS: usize = 4;

const SUFFIX: &str = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// The code the response means (what a reader must find).
    code: Option<String>,
    /// The message it carries, and under which key.
    message: Option<(String, &'static str)>,
    request_id: Option<String>,
    /// The body's `code` and `__type` values, if any.
    body_code: Option<String>,
    body_type: Option<String>,
}

impl Response {
    /// A response with no code, as given.
    fn plain(status: u16, body: &str) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: body.to_owned(),
            code: None,
            message: None,
            request_id: None,
            body_code: None,
            body_type: None,
        }
    }

    /// Whether a member name appears in the body as written, without escapes. aws-sdk-fsx
    /// 1.133.0's error envelope reader (aws-smithy-json 0.65 `parse_error_body`) compares
    /// keys with `as_escaped_str()`, so a `__type`, `code` or `message` key written with JSON
    /// escapes (`"\u005f\u005ftype"`, valid JSON for the same name) is not seen.
    fn literal_key(&self, key: &str) -> bool {
        self.body.contains(&format!("\"{key}\""))
    }

    /// The code aws-sdk-fsx finds: the header, else a literal `code` key, else a literal
    /// `__type` key.
    fn sdk_code(&self) -> Option<String> {
        let header = self
            .headers
            .iter()
            .find(|(k, _)| k == "x-amzn-errortype")
            .map(|(_, v)| v.clone());
        header
            .or_else(|| self.body_code.clone().filter(|_| self.literal_key("code")))
            .or_else(|| {
                self.body_type
                    .clone()
                    .filter(|_| self.literal_key("__type"))
            })
            .map(|code| sanitize(&code).to_owned())
    }

    /// The message aws-sdk-fsx finds: only under a literal key.
    fn sdk_message(&self) -> Option<String> {
        let (message, key) = self.message.as_ref()?;
        self.literal_key(key).then(|| message.clone())
    }
}

/// The awsJson error code sanitization: the first of comma-separated values, before any `:`,
/// after any `#`.
fn sanitize(code: &str) -> &str {
    let code = code.split(',').next().unwrap_or_default().trim();
    let code = code.split(':').next().unwrap_or_default();
    code.rsplit('#').next().unwrap_or_default()
}

fn status_of(error: &ShapeId) -> u16 {
    let traits = &fsx().model.expect(error).traits;
    match traits.http_error() {
        Some(status) => status as u16,
        None if traits.error() == Some("server") => 500,
        None => 400,
    }
}

/// An error response for `code` in `form`, its members drawn from `shape`'s model.
fn error_response(
    generator: &mut Generator<'_>,
    shape: &ShapeId,
    code: &str,
    form: Form,
) -> Response {
    let mut members = match generator.shape(shape) {
        Json::Object(members) => members,
        other => unreachable!("errors are structures, got {other}"),
    };
    members.retain(|(k, _)| k != "Message" && k != "message");
    let rng = generator.rng();
    let message = match rng.u8(..4) {
        0 => None,
        1 => Some(String::new()),
        _ => Some(format!(
            "{code} happened: ünïcödé \"quoted\" 😀 {}",
            rng.u32(..)
        )),
    };
    let key = if rng.bool() { "message" } else { "Message" };
    if let Some(message) = &message {
        members.insert(0, (key.to_owned(), Json::String(message.clone())));
    }
    let mut headers = Vec::new();
    let request_id = rng.bool().then(|| format!("req-{:08x}", rng.u32(..)));
    if let Some(id) = &request_id {
        headers.push(("x-amzn-requestid".to_owned(), id.clone()));
    }
    let mut body_code = None;
    let mut body_type = None;
    let namespaced = format!("com.amazonaws.fsx#{code}");
    let mut put_type = |value: String| {
        body_type = Some(value.clone());
        members.insert(0, ("__type".to_owned(), Json::String(value)));
    };
    match form {
        Form::Header => headers.push(("x-amzn-errortype".to_owned(), code.to_owned())),
        Form::HeaderWithSuffixOverBody => {
            headers.push(("x-amzn-errortype".to_owned(), format!("{code}{SUFFIX}")));
            put_type("com.amazonaws.fsx#SomeOtherError".to_owned());
        }
        Form::Type => put_type(code.to_owned()),
        Form::NamespacedType => put_type(namespaced),
        Form::NamespacedTypeWithSuffix => put_type(format!("{namespaced}{SUFFIX}")),
        Form::CodeMember => {
            put_type("com.amazonaws.fsx#SomeOtherError".to_owned());
            body_code = Some(code.to_owned());
            members.insert(0, ("code".to_owned(), Json::String(code.to_owned())));
        }
    }
    let body = write_wire(&Json::Object(members), generator.rng());
    Response {
        status: status_of(shape),
        headers,
        body,
        code: Some(code.to_owned()),
        message: message.map(|m| (m, key)),
        request_id,
        body_code,
        body_type,
    }
}

/// What the known differences cost in one run.
#[derive(Default)]
struct Known {
    /// Responses whose code or message aws-sdk-fsx did not see for an escaped key.
    escaped_keys: usize,
    /// Responses with no code (for aws-sdk-fsx) whose message or request id it dropped.
    no_code_metadata: usize,
    /// `@required` error members aws-sdk-fsx filled with a zero value.
    required_filled: usize,
}

/// Checks one error response: ours must read what it says; aws-sdk-fsx must classify it the
/// same way, but for the known differences (counted in `known`). `shape` is the modeled error
/// the code names, `None` for a code the operation does not model.
fn check<H: Harness>(
    sdk: &Sdk,
    response: &Response,
    shape: Option<&ShapeId>,
    known: &mut Known,
) -> Option<String> {
    let ours = H::ours_response(response.status, &response.headers, response.body.as_bytes());
    let theirs = H::sdk_response(
        sdk,
        response.status,
        &response.headers,
        response.body.as_bytes(),
    );
    let (ours, theirs) = match (ours, theirs) {
        (Err(ours), Err(theirs)) => (ours, theirs),
        (ours, theirs) => {
            return Some(format!(
                "not both errors: ours {ours:?}, aws-sdk-fsx {theirs:?}"
            ))
        }
    };
    let mut problems = Vec::new();
    // Ours against what the response says.
    let message = response.message.as_ref().map(|(m, _)| m.clone());
    if ours.code != response.code
        || ours.message != message
        || ours.request_id != response.request_id
    {
        problems.push(format!(
            "ours read code {:?}, message {:?}, request id {:?}; the response says {:?}, {message:?}, {:?}",
            ours.code, ours.message, ours.request_id, response.code, response.request_id
        ));
    }
    match shape {
        Some(_) if ours.is.len() != 1 || ours.variant == "Unhandled" => {
            problems.push(format!("a modeled error must be its own variant: {ours:?}"));
        }
        None if ours.variant != "Unhandled" || !ours.is.is_empty() || ours.members.is_some() => {
            problems.push(format!("an unmodeled error must be Unhandled: {ours:?}"));
        }
        _ => {}
    }
    // aws-sdk-fsx against ours.
    let same = |problems: &mut Vec<String>,
                what: &str,
                a: &dyn std::fmt::Debug,
                b: &dyn std::fmt::Debug| {
        let (a, b) = (format!("{a:?}"), format!("{b:?}"));
        if a != b {
            problems.push(format!("{what}: ours {a}, aws-sdk-fsx {b}"));
        }
    };
    let (sdk_code, sdk_message) = (response.sdk_code(), response.sdk_message());
    if sdk_code != ours.code || sdk_message != ours.message {
        // Known: an escaped envelope key hides the code or message from aws-sdk-fsx.
        known.escaped_keys += 1;
    }
    if sdk_code.is_none() {
        // Known: an error response in which aws-sdk-fsx finds no code is a `ResponseError`
        // whose `Unhandled` keeps the metadata only as its source: `code()`, `message()` and
        // `request_id()` are all `None`, whatever the response said.
        if theirs.message.is_some()
            || theirs.request_id.is_some()
            || response.request_id.is_some()
            || sdk_message.is_some()
        {
            known.no_code_metadata += 1;
        }
        let expected = ErrorView {
            variant: "Unhandled".to_owned(),
            ..ErrorView::default()
        };
        same(
            &mut problems,
            "aws-sdk-fsx without a code",
            &expected,
            &theirs,
        );
    } else if sdk_code != ours.code || sdk_message != ours.message {
        same(
            &mut problems,
            "code() (aws-sdk-fsx misses escaped keys)",
            &sdk_code,
            &theirs.code,
        );
        same(
            &mut problems,
            "message() (aws-sdk-fsx misses escaped keys)",
            &sdk_message,
            &theirs.message,
        );
        same(
            &mut problems,
            "request id",
            &ours.request_id,
            &theirs.request_id,
        );
    } else {
        same(
            &mut problems,
            "request id",
            &ours.request_id,
            &theirs.request_id,
        );
        same(&mut problems, "variant", &ours.variant, &theirs.variant);
        same(&mut problems, "is_*", &ours.is, &theirs.is);
        same(&mut problems, "code()", &ours.code, &theirs.code);
        same(&mut problems, "message()", &ours.message, &theirs.message);
        if let Some(shape) = shape {
            match (&ours.members, &theirs.members) {
                (Some(a), Some(b)) => {
                    let mut a = Json::parse(a).expect("JSON");
                    let b = Json::parse(b).expect("JSON");
                    // Known: aws-sdk-fsx "corrects" an error that lacks a `@required` member
                    // by filling in a zero value (`""`, or for an enum the unknown value
                    // `"no value was set"`); ours leaves it unset.
                    known.required_filled += sdk_error_correction(shape, &mut a);
                    for d in Comparer::new(&fsx().model, Instants::Exact).compare(shape, &a, &b) {
                        problems.push(format!("members {d}"));
                    }
                }
                (a, b) => problems.push(format!("members: ours {a:?}, aws-sdk-fsx {b:?}")),
            }
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!(
            "{}\nstatus {} headers {:?}\nbody: {}\nours: {}\nsdk:  {}",
            problems.join("\n"),
            response.status,
            response.headers,
            response.body,
            show(&ours),
            show(&theirs)
        ))
    }
}

/// Adds the zero values aws-sdk-fsx fills in for `@required` members an error body leaves out;
/// how many it added.
fn sdk_error_correction(shape: &ShapeId, value: &mut Json) -> usize {
    let model = &fsx().model;
    let (ShapeKind::Structure(members), Json::Object(object)) = (&model.expect(shape).kind, value)
    else {
        return 0;
    };
    let mut added = 0;
    for member in members
        .iter()
        .filter(|m| m.traits.has("smithy.api#required"))
    {
        if object.iter().any(|(k, _)| k == member.name()) {
            continue;
        }
        let zero = match &model.expect(&member.target).kind {
            ShapeKind::Enum(_) => Json::String("no value was set".to_owned()),
            ShapeKind::Simple(smithy_codegen::model::SimpleType::String) => {
                Json::String(String::new())
            }
            other => panic!(
                "no known zero value for a required {} ({})",
                other.name(),
                member.id
            ),
        };
        object.push((member.name().to_owned(), zero));
        added += 1;
    }
    added
}

fn show(view: &ErrorView) -> String {
    format!(
        "{} {:?} code {:?} message {:?} request id {:?} members {}",
        view.variant,
        view.is,
        view.code,
        view.message,
        view.request_id,
        view.members
            .as_deref()
            .map(String::from_utf8_lossy)
            .unwrap_or_default()
    )
}

/// An FSx error shape the operation does not list (its code must be `Unhandled` there).
fn foreign_error(op: &Operation) -> ShapeId {
    fsx()
        .model
        .shapes()
        .filter(|s| s.id.namespace() == "com.amazonaws.fsx" && s.traits.error().is_some())
        .map(|s| s.id.clone())
        .find(|id| !op.errors.contains(id))
        .expect("FSx has errors beyond each operation's")
}

fn run<H: Harness>() {
    let fsx = fsx();
    let op = fsx.operation(H::NAME);
    let sdk = Sdk::new();
    let stream = format!("error/{}", H::NAME);
    let mut report = Report::new(&stream);
    let mut n = 0;
    let mut known = Known::default();
    for error in &op.errors {
        let code = error.name();
        for form in FORMS {
            for variant in 0..VARIANTS {
                let case = n;
                n += 1;
                if !selected(case) {
                    continue;
                }
                let mut generator = Generator::new(
                    &fsx.model,
                    case_rng(report.seed(), &stream, case),
                    Purpose::Output,
                );
                let response = error_response(&mut generator, error, code, form);
                report.ran();
                if let Some(problem) = check::<H>(&sdk, &response, Some(error), &mut known) {
                    report.fail(
                        format!("case {case} ({code} as {form:?}, variant {variant})"),
                        problem,
                    );
                }
            }
        }
    }
    // Codes this operation does not model: a new one, and another FSx operation's.
    let foreign = foreign_error(op);
    for code in ["SomeNewServiceError", foreign.name()] {
        for form in FORMS {
            let case = n;
            n += 1;
            if !selected(case) {
                continue;
            }
            let mut generator = Generator::new(
                &fsx.model,
                case_rng(report.seed(), &stream, case),
                Purpose::Output,
            );
            let response = error_response(&mut generator, &foreign, code, form);
            report.ran();
            if let Some(problem) = check::<H>(&sdk, &response, None, &mut known) {
                report.fail(
                    format!("case {case} (unmodeled {code} as {form:?})"),
                    problem,
                );
            }
        }
    }
    // No code at all.
    for (status, body) in [(500, "{}"), (400, r#"{"message": "no code"}"#), (503, "")] {
        let mut response = Response::plain(status, body);
        if body.contains("message") {
            response.message = Some(("no code".to_owned(), "message"));
        }
        report.ran();
        if let Some(problem) = check::<H>(&sdk, &response, None, &mut known) {
            report.fail(format!("no code, status {status}, body {body:?}"), problem);
        }
    }
    println!(
        "{stream}: {} error responses ({} modeled errors); known differences: {} responses with \
         escaped envelope keys aws-sdk-fsx missed, {} no-code responses whose message or request id it dropped, {} required members it filled",
        report.count(),
        op.errors.len(),
        known.escaped_keys,
        known.no_code_metadata,
        known.required_filled
    );
    report.finish();
}

/// The harness knows every error the model lists for each operation (so that each is
/// classified by name on both sides), and each is an error structure. (botocore's lists are
/// compared with the model's in `responses.rs`, `botocore_model_differences`.)
#[test]
fn harness_covers_the_model_errors() {
    for op in &fsx().operations {
        let mut from_model: Vec<&str> = op.errors.iter().map(ShapeId::name).collect();
        from_model.sort_unstable();
        let mut harness = harness_errors(op.name);
        harness.sort_unstable();
        assert_eq!(from_model, harness, "{}", op.name);
        for error in &op.errors {
            let shape = fsx().model.expect(error);
            assert!(
                matches!(shape.kind, ShapeKind::Structure(_)) && shape.traits.error().is_some(),
                "{error}"
            );
        }
    }
}

#[test]
fn copy_backup() {
    run::<sdk::CopyBackup>();
}

#[test]
fn create_backup() {
    run::<sdk::CreateBackup>();
}

#[test]
fn create_file_system_from_backup() {
    run::<sdk::CreateFileSystemFromBackup>();
}

#[test]
fn create_volume_from_backup() {
    run::<sdk::CreateVolumeFromBackup>();
}

#[test]
fn delete_backup() {
    run::<sdk::DeleteBackup>();
}

#[test]
fn describe_backups() {
    run::<sdk::DescribeBackups>();
}
