//! The lowering pass: the planned model (the closure, names, boxing, selection) in, the crate's
//! description ([`Ir`]) out. The only code after planning that reads the model and its traits.

use std::collections::BTreeMap;

use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use serde_json::Value;

use super::{
    Constraints, DefaultValue, Deprecated, Element, EnumVariant, EnumWire, ErrorInfo, Field,
    FieldRef, HostPrefixPart, Ir, Kind, Operation, Origin, Pagination, Service, Shape, Structure,
    TimestampFormat, Union, Variant,
};
use crate::context::Context;
use crate::error::{Error, Problem};
use crate::ident::camel;
use crate::model::{self, is_unit, traits, EnumValue, Member, ShapeId, ShapeKind, SimpleType};
use crate::naming::accessor;
use crate::rust_type::is_optional;
use crate::transform::OperationPlan;

/// Describes the crate `ctx` plans. Problems in shapes (a default that does not fit its type,
/// a host prefix that names no label) are collected, each naming its shape.
pub fn lower(ctx: Context) -> Result<Ir, Error> {
    let mut problems = Vec::new();
    let mut shapes = BTreeMap::new();
    for id in &ctx.shapes {
        let shape = ctx.model.expect(id);
        match lower_shape(&ctx, shape) {
            Ok(lowered) => {
                shapes.insert(id.clone(), lowered);
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    let mut operations = Vec::new();
    for op in &ctx.operations {
        match lower_operation(&ctx, op) {
            Ok(op) => operations.push(op),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(Error::model(problems));
    }
    let types = ctx.type_shapes().iter().map(|s| s.id.clone()).collect();
    let collections = ctx
        .collection_shapes()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let mut service = lower_service(&ctx);
    let mut rule_warnings = endpoint_rules(&mut service);
    let operation_ids: Vec<ShapeId> = ctx.operations.iter().map(|op| op.id.clone()).collect();
    let error_ids: Vec<ShapeId> = ctx.error_shapes().iter().map(|s| s.id.clone()).collect();
    let protocol_cases = crate::protocol_tests::cases(&ctx.model, &operation_ids, &error_ids)
        .map_err(|p| Error::model(vec![p]))?;
    let client_cases = client_cases(&protocol_cases);
    let validated = super::validation::validated(&shapes, operations.iter().map(|op| &op.input));
    let Context {
        names,
        source,
        crate_name,
        examples,
        mut warnings,
        ..
    } = ctx;
    warnings.append(&mut rule_warnings);
    Ok(Ir {
        package: crate_name,
        source,
        service,
        shapes,
        types,
        collections,
        operations,
        validated,
        names,
        examples,
        protocol_cases,
        client_cases,
        warnings,
        rustdoc_cache: Default::default(),
    })
}

/// The client cases, each with its test function's name: the case id in snake case, made unique.
fn client_cases(
    cases: &[crate::protocol_tests::Case],
) -> Vec<(String, crate::protocol_tests::Case)> {
    let mut names = std::collections::BTreeSet::new();
    let mut named = Vec::new();
    for case in cases.iter().filter(|c| c.for_client()) {
        let base = crate::ident::snake(&case.id)
            .bare()
            .trim_matches('_')
            .to_owned();
        let mut name = base.clone();
        let mut n = 2;
        while !names.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        named.push((name, case.clone()));
    }
    named
}

/// Parses the service's endpoint rules and tests into `service`; what could not be used, as
/// warnings naming the service.
fn endpoint_rules(service: &mut Service) -> Vec<Problem> {
    let mut warnings = Vec::new();
    let Some(json) = &service.endpoint_rules else {
        return warnings;
    };
    match crate::rules::parse_rule_set(json) {
        Ok(rule_set) => {
            for name in &rule_set.unsupported {
                warnings.push(Problem::at(
                    &service.id,
                    format!(
                        "the endpoint rules use the function `{name}`, which the generated resolver does not implement: \
                         resolving through it fails"
                    ),
                ));
            }
            if let Some(tests) = &service.endpoint_tests {
                let (cases, skipped) = crate::rules::parse_tests(tests, &rule_set);
                service.endpoint_cases = cases;
                warnings.extend(skipped.into_iter().map(|s| Problem::at(&service.id, s)));
            }
            service.rule_set = Some(rule_set);
        }
        Err(why) => warnings.push(Problem::at(
            &service.id,
            format!("the endpoint rules cannot be read ({why}): the crate has no resolver"),
        )),
    }
    warnings
}

fn lower_service(ctx: &Context) -> Service {
    let service = ctx.service_shape();
    let version = match &service.kind {
        ShapeKind::Service(s) => s.version.clone(),
        _ => String::new(),
    };
    Service {
        id: service.id.clone(),
        title: service
            .traits
            .title()
            .or_else(|| service.traits.sdk_id())
            .unwrap_or_else(|| service.id.name())
            .to_owned(),
        sdk_id: service.traits.sdk_id().map(str::to_owned),
        version,
        documentation: service.traits.documentation().map(str::to_owned),
        protocol: if ctx.protocol.content_type.ends_with("1.0") {
            traits::AWS_JSON_1_0
        } else {
            traits::AWS_JSON_1_1
        },
        content_type: ctx.protocol.content_type,
        query_compatible: ctx.protocol.query_compatible,
        signing_name: service.traits.sigv4_name().map(str::to_owned),
        endpoint_rules: service.traits.get(traits::ENDPOINT_RULE_SET).cloned(),
        endpoint_tests: service.traits.get(traits::ENDPOINT_TESTS).cloned(),
        rule_set: None,
        endpoint_cases: Vec::new(),
        partitions: Vec::new(),
    }
}

/// A member's constraints: its own traits, else its target's (a member may narrow them).
fn constraints(ctx: &Context, member: &Member) -> Constraints {
    let target = &ctx.model.expect(&member.target).traits;
    let pattern = member.traits.pattern().or_else(|| target.pattern());
    Constraints {
        length: member.traits.length().or_else(|| target.length()),
        range: member.traits.range().or_else(|| target.range()),
        pattern: pattern.map(str::to_owned),
        pattern_checked: pattern.is_some_and(pattern_compiles),
    }
}

/// Whether the regex crate compiles `pattern`: whether its parser takes it (its syntax, without
/// look-around or back-references; parsed once per distinct pattern, as models repeat a few
/// patterns on many members).
fn pattern_compiles(pattern: &str) -> bool {
    thread_local! {
        static KNOWN: std::cell::RefCell<std::collections::HashMap<String, bool>> =
            Default::default();
    }
    KNOWN.with(|known| {
        *known
            .borrow_mut()
            .entry(pattern.to_owned())
            .or_insert_with(|| regex_syntax::parse(pattern).is_ok())
    })
}

fn deprecated(traits: &model::Traits) -> Option<Deprecated> {
    traits.deprecated().map(|(message, since)| Deprecated {
        message: message.map(str::to_owned),
        since: since.map(str::to_owned),
    })
}

fn documentation(traits: &model::Traits) -> Option<String> {
    traits.documentation().map(str::to_owned)
}

/// `@timestampFormat` on the member, else on its target, else epoch seconds.
fn timestamp_format(ctx: &Context, member: &Member) -> TimestampFormat {
    let format = member
        .traits
        .timestamp_format()
        .or_else(|| ctx.model.expect(&member.target).traits.timestamp_format());
    match format {
        Some("date-time") => TimestampFormat::DateTime,
        Some("http-date") => TimestampFormat::HttpDate,
        _ => TimestampFormat::EpochSeconds,
    }
}

/// Whether a member's value must not be printed.
fn redacted(ctx: &Context, container: &model::Shape, member: &Member) -> bool {
    container.traits.has(traits::SENSITIVE)
        || member.traits.has(traits::SENSITIVE)
        || ctx.is_sensitive(&member.target)
}

fn element(ctx: &Context, member: &Member) -> Element {
    Element {
        id: member.id.clone(),
        target: member.target.clone(),
        timestamp: timestamp_format(ctx, member),
        sensitive: member.traits.has(traits::SENSITIVE),
        constraints: Box::new(constraints(ctx, member)),
    }
}

fn lower_shape(ctx: &Context, shape: &model::Shape) -> Result<Shape, Vec<Problem>> {
    let kind = match &shape.kind {
        ShapeKind::Simple(simple) => Kind::Simple(*simple),
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            let variants = members
                .iter()
                .map(|m| EnumVariant {
                    id: m.id.clone(),
                    name: m.name().to_owned(),
                    ident: ctx.names.variant(&m.id).clone(),
                    value: match &m.value {
                        EnumValue::String(s) => EnumWire::String(s.clone()),
                        EnumValue::Int(n) => EnumWire::Int(*n),
                    },
                    documentation: documentation(&m.traits),
                    deprecated: deprecated(&m.traits),
                })
                .collect();
            if matches!(shape.kind, ShapeKind::Enum(_)) {
                Kind::Enum(variants)
            } else {
                Kind::IntEnum(variants)
            }
        }
        ShapeKind::Structure(members) => Kind::Structure(lower_structure(ctx, shape, members)?),
        ShapeKind::Union(members) => Kind::Union(Union {
            variants: members
                .iter()
                .map(|m| Variant {
                    id: m.id.clone(),
                    wire: m.name().to_owned(),
                    ident: ctx.names.variant(&m.id).clone(),
                    is_method: accessor("is", ctx.names.variant(&m.id)),
                    as_method: accessor("as", ctx.names.variant(&m.id)),
                    target: m.target.clone(),
                    unit: is_unit(&m.target),
                    boxed: ctx.boxed.contains(&m.id),
                    redacted: redacted(ctx, shape, m),
                    timestamp: timestamp_format(ctx, m),
                    constraints: constraints(ctx, m),
                    documentation: documentation(&m.traits),
                    deprecated: deprecated(&m.traits),
                })
                .collect(),
            event_stream: shape.traits.has(traits::STREAMING),
        }),
        ShapeKind::List(member) => Kind::List {
            member: element(ctx, member),
            sparse: shape.traits.has(traits::SPARSE),
        },
        ShapeKind::Map { key, value } => Kind::Map {
            key: element(ctx, key),
            value: element(ctx, value),
            sparse: shape.traits.has(traits::SPARSE),
        },
        ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
            unreachable!("the closure holds value shapes only")
        }
    };
    let origin = ctx.origins.get(&shape.id).map(|o| Origin {
        operation: o.operation.clone(),
        role: o.role,
        original: o.original.clone(),
    });
    Ok(Shape {
        id: shape.id.clone(),
        kind,
        documentation: documentation(&shape.traits),
        deprecated: deprecated(&shape.traits),
        sensitive: shape.traits.has(traits::SENSITIVE),
        redacted: ctx.is_sensitive(&shape.id),
        used_by: ctx.used_by.get(&shape.id).cloned().unwrap_or_default(),
        origin,
    })
}

fn lower_structure(
    ctx: &Context,
    shape: &model::Shape,
    members: &[Member],
) -> Result<Structure, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut fields = Vec::new();
    for member in members {
        let optional = is_optional(shape, member);
        let default_node = member.traits.default_value().filter(|_| !optional).cloned();
        let default = match member.traits.default_value() {
            Some(value) if !optional && !ctx.is_event_stream(&member.target) => {
                match default_value(ctx, &member.target, value) {
                    Ok(default) => Some(default),
                    Err(why) => {
                        problems.push(Problem::at(
                            &member.id,
                            format!(
                                "cannot use {value} as the default of this {}: {why}",
                                ctx.model.expect(&member.target).kind.name()
                            ),
                        ));
                        None
                    }
                }
            }
            _ => None,
        };
        fields.push(Field {
            id: member.id.clone(),
            wire: member.name().to_owned(),
            ident: ctx.names.field(&member.id).clone(),
            setter: ctx.names.setter(&member.id).clone(),
            set: ctx.names.set_method(&member.id).clone(),
            get: ctx.names.get_method(&member.id).clone(),
            getter: ctx.names.getter(&member.id).cloned(),
            target: member.target.clone(),
            optional,
            boxed: ctx.boxed.contains(&member.id),
            event_stream: ctx.is_event_stream(&member.target),
            default,
            default_node,
            must_be_set: member.traits.has(traits::REQUIRED)
                && member.traits.default_value().is_none(),
            required: member.traits.has(traits::REQUIRED),
            client_optional: member.traits.has(traits::CLIENT_OPTIONAL),
            added_default: member.traits.has(traits::ADDED_DEFAULT),
            json_name: member.traits.json_name().map(str::to_owned),
            timestamp: timestamp_format(ctx, member),
            redacted: redacted(ctx, shape, member),
            idempotency_token: member.traits.has(traits::IDEMPOTENCY_TOKEN),
            host_label: member.traits.has(traits::HOST_LABEL),
            constraints: constraints(ctx, member),
            documentation: documentation(&member.traits),
            deprecated: deprecated(&member.traits),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let error = shape
        .traits
        .has(traits::ERROR)
        .then(|| error_info(ctx, shape, &fields));
    Ok(Structure { fields, error })
}

fn error_info(ctx: &Context, shape: &model::Shape, fields: &[Field]) -> ErrorInfo {
    let retryable = shape.traits.retryable();
    // The member holding the message: one called `message` (any case) that is a string.
    let message = fields.iter().position(|f| {
        f.wire.eq_ignore_ascii_case("message")
            && matches!(
                ctx.model.expect(&f.target).kind,
                ShapeKind::Simple(SimpleType::String)
            )
    });
    let message_only = match (fields, message) {
        ([only], Some(0))
            if matches!(only.wire.as_str(), "message" | "Message") && only.optional =>
        {
            Some(only.wire.clone())
        }
        _ => None,
    };
    ErrorInfo {
        code: shape.id.name().to_owned(),
        is_method: accessor("is", ctx.names.type_name(&shape.id)),
        server_fault: shape.traits.error() == Some("server"),
        retryable: retryable.is_some(),
        throttling: retryable.unwrap_or(false),
        http_status: shape
            .traits
            .http_error()
            .and_then(|s| u16::try_from(s).ok()),
        message,
        message_only,
        message_sensitive: shape.traits.has(traits::SENSITIVE)
            || message.is_some_and(|i| fields[i].redacted),
        returned: ctx
            .operations
            .iter()
            .any(|op| op.errors.contains(&shape.id)),
    }
}

/// A `@default` parsed for a member targeting `target`, or why it cannot be one.
fn default_value(ctx: &Context, target: &ShapeId, value: &Value) -> Result<DefaultValue, String> {
    let shape = ctx.model.expect(target);
    Ok(match &shape.kind {
        ShapeKind::Simple(simple) => simple_default(*simple, value)?,
        ShapeKind::List(_) => DefaultValue::EmptyList,
        ShapeKind::Map { .. } => DefaultValue::EmptyMap,
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
            let wanted = match value {
                Value::String(s) => EnumValue::String(s.clone()),
                Value::Number(n) => EnumValue::Int(
                    n.as_i64()
                        .and_then(|n| i32::try_from(n).ok())
                        .ok_or("not a 32-bit integer")?,
                ),
                _ => return Err("not an enum value".to_owned()),
            };
            let member = members
                .iter()
                .find(|m| m.value == wanted)
                .ok_or("not one of its values")?;
            DefaultValue::Variant(ctx.names.variant(&member.id).clone())
        }
        _ => return Err("structures and unions have no default values".to_owned()),
    })
}

fn simple_default(simple: SimpleType, value: &Value) -> Result<DefaultValue, String> {
    let int = |min: i64, max: i64| {
        value
            .as_i64()
            .filter(|n| (min..=max).contains(n))
            .map(DefaultValue::Integer)
            .ok_or_else(|| "integer out of range".to_owned())
    };
    let float = || match value.as_str() {
        Some("NaN") => Ok(DefaultValue::Float(f64::NAN)),
        Some("Infinity") => Ok(DefaultValue::Float(f64::INFINITY)),
        Some("-Infinity") => Ok(DefaultValue::Float(f64::NEG_INFINITY)),
        _ => value
            .as_f64()
            .map(DefaultValue::Float)
            .ok_or_else(|| "expected a number".to_owned()),
    };
    Ok(match simple {
        SimpleType::String => {
            DefaultValue::String(value.as_str().ok_or("expected a string")?.to_owned())
        }
        SimpleType::Boolean => DefaultValue::Boolean(value.as_bool().ok_or("expected a boolean")?),
        SimpleType::Byte => int(i8::MIN.into(), i8::MAX.into())?,
        SimpleType::Short => int(i16::MIN.into(), i16::MAX.into())?,
        SimpleType::Integer => int(i32::MIN.into(), i32::MAX.into())?,
        SimpleType::Long => int(i64::MIN, i64::MAX)?,
        SimpleType::Float | SimpleType::Double => float()?,
        SimpleType::BigInteger | SimpleType::BigDecimal => {
            let text = match value {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                _ => return Err("expected a number".to_owned()),
            };
            if simple == SimpleType::BigInteger {
                text.parse::<aws_smithy_types::BigInteger>()
                    .map_err(|e| e.to_string())?;
            } else {
                text.parse::<aws_smithy_types::BigDecimal>()
                    .map_err(|e| e.to_string())?;
            }
            DefaultValue::BigNumber(text)
        }
        SimpleType::Timestamp => {
            let instant = match value {
                Value::Number(n) => DateTime::from_secs_f64(n.as_f64().ok_or("expected a number")?),
                Value::String(s) => {
                    DateTime::from_str(s, Format::DateTime).map_err(|e| e.to_string())?
                }
                _ => return Err("expected epoch seconds or a date-time string".to_owned()),
            };
            DefaultValue::Timestamp {
                secs: instant.secs(),
                nanos: instant.subsec_nanos(),
            }
        }
        SimpleType::Blob => {
            let encoded = value.as_str().ok_or("expected a base64 string")?;
            DefaultValue::Blob(
                aws_smithy_types::base64::decode(encoded)
                    .map_err(|e| format!("not base64: {e}"))?,
            )
        }
        SimpleType::Document => DefaultValue::Document(value.clone()),
    })
}

fn lower_operation(ctx: &Context, op: &OperationPlan) -> Result<Operation, Problem> {
    let shape = ctx.model.expect(&op.id);
    let name = op.id.name().to_owned();
    let marker = camel(&name);
    let error_enum = crate::ident::RustIdent::escaped(&format!("{}Error", marker.bare()));
    let input = ctx.model.expect(&op.input);
    let ShapeKind::Structure(input_members) = &input.kind else {
        unreachable!("operation inputs are structures")
    };
    let field_ref = |member: &Member| FieldRef {
        ident: ctx.names.field(&member.id).clone(),
        wire: member.name().to_owned(),
        optional: is_optional(input, member),
    };
    let idempotency_tokens = input_members
        .iter()
        .filter(|m| m.traits.has(traits::IDEMPOTENCY_TOKEN) && is_optional(input, m))
        .map(|m| ctx.names.field(&m.id).clone())
        .collect();
    let host_prefix = match shape.traits.host_prefix() {
        None => Vec::new(),
        Some(template) => host_prefix(op, template, input_members, field_ref)?,
    };
    let gzip = shape.traits.request_compression().contains(&"gzip");
    let service_paging = ctx.service_shape().traits.paginated().unwrap_or_default();
    let pagination = shape
        .traits
        .paginated()
        .map(|p| p.or(&service_paging))
        .and_then(|p| {
            Some(Pagination {
                input_token: p.input_token?,
                output_token: p.output_token?,
                items: p
                    .items
                    .or_else(|| crate::customizations::paginator_items(op).map(str::to_owned)),
                page_size: p.page_size,
            })
        });
    let own_endpoint = crate::customizations::endpoint_member(ctx, op).map(field_ref);
    let event_stream = match &ctx.model.expect(&op.output).kind {
        ShapeKind::Structure(members) => members
            .iter()
            .find(|m| ctx.is_event_stream(&m.target))
            .map(|m| ctx.names.field(&m.id).clone()),
        _ => None,
    };
    Ok(Operation {
        id: op.id.clone(),
        module: ctx.names.module(&op.id).clone(),
        marker,
        error_enum,
        input: op.input.clone(),
        output: op.output.clone(),
        errors: op.errors.clone(),
        target: format!("{}.{}", ctx.service.name(), name),
        documentation: documentation(&shape.traits),
        idempotency_tokens,
        host_prefix,
        gzip,
        own_endpoint,
        event_stream,
        pagination,
        // `@optionalAuth`, or an `@auth` (the operation's, else the service's) without SigV4:
        // `@auth([])` is Smithy 2's "no auth".
        optional_auth: shape.traits.has(traits::OPTIONAL_AUTH)
            || shape
                .traits
                .auth()
                .or_else(|| ctx.service_shape().traits.auth())
                .is_some_and(|schemes| !schemes.contains(&traits::SIGV4)),
        name,
    })
}

/// `hostPrefix` split into text and the `@hostLabel` members its `{labels}` name.
fn host_prefix(
    op: &OperationPlan,
    template: &str,
    members: &[Member],
    field_ref: impl Fn(&Member) -> FieldRef,
) -> Result<Vec<HostPrefixPart>, Problem> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        if !literal.is_empty() {
            parts.push(HostPrefixPart::Text(literal.to_owned()));
        }
        let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| {
            Problem::at(
                &op.id,
                format!("hostPrefix `{template}` has an unclosed `{{`"),
            )
        })?;
        let label = &rest[open + 1..close];
        let member = members
            .iter()
            .find(|m| m.name() == label && m.traits.has(traits::HOST_LABEL))
            .ok_or_else(|| Problem::at(&op.id, format!("hostPrefix `{template}` names `{label}`, which is not a @hostLabel member of the input")))?;
        parts.push(HostPrefixPart::Label(field_ref(member)));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(HostPrefixPart::Text(rest.to_owned()));
    }
    Ok(parts)
}
