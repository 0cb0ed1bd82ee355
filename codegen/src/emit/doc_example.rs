//! Item: the code examples in the docs, which run as doctests. Every operation module shows a
//! call (its documented example's input and output where the model has one); the crate docs
//! show a whole call with an endpoint and error matching. Code is made of tokens and formatted
//! by prettyplease, statement by statement, so that each can carry a comment.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::Value;

use super::instantiate::{canonical_json, wire_value, Instantiator};
use crate::examples::Example;
use crate::ir::{Ir, Kind, Operation};

/// A statement of an example: shown (with a comment before it) or hidden.
struct Step {
    comment: Option<String>,
    hidden: bool,
    code: TokenStream,
}

fn shown(comment: Option<&str>, code: TokenStream) -> Step {
    Step {
        comment: comment.map(str::to_owned),
        hidden: false,
        code,
    }
}

fn hidden(code: TokenStream) -> Step {
    Step {
        comment: None,
        hidden: true,
        code,
    }
}

/// The `# Example` section of an operation module's docs.
pub fn operation_example(ir: &Ir, op: &Operation) -> Vec<String> {
    let call = Call::new(ir, op);
    let module = &op.module;
    let input_type = ir.names.type_name(&op.input);
    let root = &call.root;
    let uses = quote!(use #root::operation::#module::{self, #input_type};);
    let mut steps = vec![
        call.input(),
        shown(
            Some(
                "`POST /` with the awsJson headers and body: point it at the service's endpoint \
                 (`endpoint::apply`), sign it, send it.",
            ),
            quote!(let request = #module::request(&input)?;),
        ),
        call.canned_response(),
        shown(
            Some("What came back becomes the output, or the operation's error."),
            quote!(let output = #module::response(status, &headers, body.as_bytes())?;),
        ),
    ];
    let show = call.show_output(quote!(output));
    steps.push(shown(None, quote!(#show;)));
    let mut lines = vec!["# Example".to_owned(), String::new()];
    if let Some(example) = call.example {
        lines.push(format!(
            "The documented example \u{201c}{}\u{201d}:",
            example.title
        ));
        lines.push(String::new());
    }
    lines.extend(render(uses, &steps));
    lines
}

/// The `# Example` section of the crate docs: the first operation with a documented example
/// (else the first operation), called through an endpoint, its errors matched.
pub fn crate_example(ir: &Ir) -> Vec<String> {
    let Some(op) = ir
        .operations
        .iter()
        .find(|op| documented(ir, op).is_some())
        .or_else(|| ir.operations.first())
    else {
        return Vec::new();
    };
    let call = Call::new(ir, op);
    let module = &op.module;
    let input_type = ir.names.type_name(&op.input);
    let root = &call.root;
    let uses = quote!(use #root::operation::#module::{self, #input_type};);
    // The endpoint: resolved from the service's rules for a region where it has them.
    let region = ir.service.rule_set.as_ref().and_then(|rules| {
        rules
            .params
            .iter()
            .find(|p| p.built_in.as_deref() == Some("AWS::Region"))
    });
    let endpoint = match region {
        Some(param) => {
            let region = &param.ident;
            quote! {
                let params = #root::endpoint::Params::builder().#region("us-east-1").build()?;
                let endpoint = #root::endpoint::resolve(&params)?;
                let request = #root::endpoint::apply(request, endpoint.url())?;
            }
        }
        None => {
            let host = match &ir.service.signing_name {
                Some(name) => format!("https://{name}.us-east-1.amazonaws.com"),
                None => "https://service.example.com".to_owned(),
            };
            quote!(let request = #root::endpoint::apply(request, #host)?;)
        }
    };
    let show = call.show_output(quote!(output));
    let error_arm = op.errors.first().map(|id| {
        let error = ir
            .structure(id)
            .error
            .as_ref()
            .expect("an operation's errors are @error structures");
        let is = &error.is_method;
        let text = format!("{}: {{e}}", id.name());
        quote!(Err(e) if e.#is() => println!(#text),)
    });
    let steps = vec![
        call.input(),
        shown(
            Some("An HTTP request (`POST /`, awsJson headers and body) for the endpoint; sign it (SigV4) and send it with any HTTP client."),
            quote! {
                let request = #module::request(&input)?;
                #endpoint
            },
        ),
        call.canned_response(),
        shown(
            Some("The response becomes the output or a typed error."),
            quote! {
                match #module::response(status, &headers, body.as_bytes()) {
                    Ok(output) => #show,
                    #error_arm
                    Err(e) => return Err(e.into()),
                }
            },
        ),
    ];
    let mut lines = vec!["# Example".to_owned(), String::new()];
    lines.extend(render(uses, &steps));
    lines
}

/// The first documented example of `op` with an input and a successful output.
fn documented<'a>(ir: &'a Ir, op: &Operation) -> Option<&'a Example> {
    ir.examples
        .iter()
        .find(|e| e.operation == op.id && e.input.is_some() && e.output.is_some())
}

/// What an example of one operation's call is made of.
struct Call<'a> {
    ir: &'a Ir,
    op: &'a Operation,
    root: Ident,
    example: Option<&'a Example>,
}

impl<'a> Call<'a> {
    fn new(ir: &'a Ir, op: &'a Operation) -> Self {
        Call {
            ir,
            op,
            root: Instantiator::new(ir).root().clone(),
            example: documented(ir, op),
        }
    }

    /// `let input = Input::builder()….build()?;` with the documented input's members, else
    /// its required members set to placeholders.
    fn input(&self) -> Step {
        let input_type = self.ir.names.type_name(&self.op.input);
        let placeholder = placeholder(self.ir, &self.op.input, 0);
        let node = self
            .example
            .and_then(|e| e.input.as_ref())
            .unwrap_or(&placeholder);
        // The documented examples that reach here are those that became tests: they fit.
        let calls = Instantiator::new(self.ir)
            .setter_calls(&self.op.input, node, "input")
            .unwrap_or_default();
        shown(
            None,
            quote!(let input = #input_type::builder() #calls .build()?;),
        )
    }

    /// A hidden response: the documented output, else `{}`.
    fn canned_response(&self) -> Step {
        let body = self
            .example
            .and_then(|e| e.output.as_ref())
            .and_then(|output| wire_value(self.ir, &self.op.output, output, &mut Vec::new()).ok())
            .map_or_else(|| "{}".to_owned(), |wire| canonical_json(&wire));
        hidden(quote! {
            let (status, headers, body) = (::http::StatusCode::OK, ::http::HeaderMap::new(), #body);
        })
    }

    /// Printing the output's first member through its getter (or the whole output).
    fn show_output(&self, output: TokenStream) -> TokenStream {
        let first = match &self.ir.shape(&self.op.output).kind {
            Kind::Structure(s) => s
                .fields
                .iter()
                .find(|f| !f.event_stream)
                .and_then(|f| f.getter.as_ref()),
            _ => None,
        };
        match first {
            Some(getter) => quote!(println!("{:?}", #output.#getter())),
            None => quote!(println!("{:?}", #output)),
        }
    }
}

/// A node value of `id` for an example that documents none: a structure's required members
/// (and those without a default) hold their member name, a zero, `false`, the first enum value,
/// an empty list or map, a union its first member. Depth-limited for safety (required cycles
/// are refused when planning).
fn placeholder(ir: &Ir, id: &crate::ir::ShapeId, depth: usize) -> Value {
    use crate::ir::{EnumWire, SimpleType};
    let Some(shape) = ir.shapes.get(id) else {
        return Value::Null;
    };
    match &shape.kind {
        Kind::Structure(s) if depth < 8 => Value::Object(
            s.fields
                .iter()
                .filter(|f| (f.required || f.must_be_set) && !f.event_stream)
                .map(|f| {
                    let value = match &ir.shape(&f.target).kind {
                        Kind::Simple(SimpleType::String) => Value::String(f.wire.clone()),
                        _ => placeholder(ir, &f.target, depth + 1),
                    };
                    (f.wire.clone(), value)
                })
                .collect(),
        ),
        Kind::Structure(_) | Kind::Map { .. } => Value::Object(Default::default()),
        Kind::Union(u) => match u.variants.first() {
            Some(v) if depth < 8 => {
                let value = if v.unit {
                    Value::Object(Default::default())
                } else {
                    placeholder(ir, &v.target, depth + 1)
                };
                Value::Object([(v.wire.clone(), value)].into_iter().collect())
            }
            _ => Value::Null,
        },
        Kind::List { .. } => Value::Array(Vec::new()),
        Kind::Enum(values) | Kind::IntEnum(values) => match values.first().map(|v| &v.value) {
            Some(EnumWire::String(s)) => Value::String(s.clone()),
            Some(EnumWire::Int(n)) => Value::from(*n),
            None => Value::Null,
        },
        Kind::Simple(simple) => match simple {
            SimpleType::String | SimpleType::Blob => Value::String(String::new()),
            SimpleType::Boolean => Value::Bool(false),
            SimpleType::Document => Value::Object(Default::default()),
            _ => Value::from(0),
        },
    }
}

/// The lines of a Markdown code block running `steps` in a `main` that returns a `Result`.
fn render(uses: TokenStream, steps: &[Step]) -> Vec<String> {
    let (use_lines, _) = crate::writer::format_snippet(uses, quote!());
    let mut lines = vec!["```".to_owned()];
    lines.extend(use_lines);
    lines.push(String::new());
    lines.push("# fn main() -> Result<(), Box<dyn std::error::Error>> {".to_owned());
    for step in steps {
        if let Some(comment) = &step.comment {
            lines.push(format!("// {comment}"));
        }
        let (_, code) = crate::writer::format_snippet(quote!(), step.code.clone());
        for line in code {
            lines.push(match (step.hidden, line.is_empty()) {
                (true, true) => "#".to_owned(),
                (true, false) => format!("# {line}"),
                (false, _) => line,
            });
        }
    }
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    lines
}
