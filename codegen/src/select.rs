//! Which service and operations to generate, and the closure of shapes they reach.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Problem};
use crate::model::{is_unit, Model, ShapeId, ShapeKind};

/// Which of the service's operations to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperationFilter {
    /// Every operation the service binds, directly or through its resources.
    All,
    /// These operations, by shape name (e.g. `CopyBackup`).
    Named(Vec<String>),
}

/// The service to generate: the one named, or the model's only service.
pub fn service(model: &Model, wanted: Option<&str>) -> Result<ShapeId, Error> {
    let services: Vec<&ShapeId> = model
        .shapes()
        .filter(|s| matches!(s.kind, ShapeKind::Service(_)))
        .map(|s| &s.id)
        .collect();
    let list = || {
        services
            .iter()
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(wanted) => services
            .iter()
            .find(|id| id.to_string() == wanted || id.name() == wanted)
            .map(|id| (*id).clone())
            .ok_or_else(|| {
                Error::unsupported(vec![Problem::general(format!(
                    "the model has no service `{wanted}` (it has: {})",
                    if services.is_empty() {
                        "none".to_owned()
                    } else {
                        list()
                    }
                ))])
            }),
        None => match services.as_slice() {
            [only] => Ok((*only).clone()),
            [] => Err(Error::unsupported(vec![Problem::general(
                "the model defines no service",
            )])),
            _ => Err(Error::unsupported(vec![Problem::general(format!(
                "the model defines {} services ({}); choose one with --service",
                services.len(),
                list()
            ))])),
        },
    }
}

/// Every operation the service binds (directly or through resources), by name, in name order.
pub fn service_operations(model: &Model, service: &ShapeId) -> BTreeMap<String, ShapeId> {
    let mut operations = BTreeMap::new();
    let ShapeKind::Service(svc) = &model.expect(service).kind else {
        panic!("generator bug: {service} is not a service")
    };
    for op in &svc.operations {
        operations.insert(op.name().to_owned(), op.clone());
    }
    let mut resources: Vec<ShapeId> = svc.resources.clone();
    let mut seen = BTreeSet::new();
    while let Some(resource) = resources.pop() {
        if !seen.insert(resource.clone()) {
            continue;
        }
        if let ShapeKind::Resource(r) = &model.expect(&resource).kind {
            for op in &r.operations {
                operations.insert(op.name().to_owned(), op.clone());
            }
            resources.extend(r.resources.iter().cloned());
        }
    }
    operations
}

/// The operations the filter selects, in name order; an unknown name is an error that offers
/// the nearest names the service has.
pub fn operations(
    model: &Model,
    service: &ShapeId,
    filter: &OperationFilter,
) -> Result<Vec<ShapeId>, Error> {
    let all = service_operations(model, service);
    let names = match filter {
        OperationFilter::All => return Ok(all.into_values().collect()),
        OperationFilter::Named(names) => names,
    };
    let mut selected = BTreeMap::new();
    let mut problems = Vec::new();
    for name in names {
        match all.get(name) {
            Some(id) => {
                selected.insert(name.clone(), id.clone());
            }
            None => problems.push(Problem::at(
                service,
                format!("has no operation `{name}`; {}", suggest(name, all.keys())),
            )),
        }
    }
    if problems.is_empty() {
        Ok(selected.into_values().collect())
    } else {
        Err(Error::unsupported(problems))
    }
}

/// "did you mean `A`?" with the closest names (by edit distance, ignoring case; a name that
/// holds the wanted one, or the other way round, counts as close), or, when none is close, how
/// many names there are to choose from.
fn suggest<'a>(wanted: &str, names: impl Iterator<Item = &'a String>) -> String {
    let wanted_lower = wanted.to_lowercase();
    let names: Vec<&String> = names.collect();
    let count = names.len();
    // Close: a few typos (relative to the name's length), or a part of the name.
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &String)> = names
        .into_iter()
        .filter_map(|name| {
            let lower = name.to_lowercase();
            let distance = strsim::levenshtein(&wanted_lower, &lower);
            let close =
                distance <= limit || lower.contains(&wanted_lower) || wanted_lower.contains(&lower);
            close.then_some((distance, name))
        })
        .collect();
    scored.sort();
    let best = scored.first().map(|(distance, _)| *distance);
    let nearest: Vec<String> = scored
        .iter()
        .filter(|(distance, _)| Some(*distance) == best)
        .take(3)
        .map(|(_, name)| format!("`{name}`"))
        .collect();
    if nearest.is_empty() {
        format!("none of its {count} operations has a similar name (--all-operations generates them all)")
    } else {
        format!("did you mean {}?", nearest.join(" or "))
    }
}

/// Every shape reachable from `roots` through members (recursively; cycles are fine), without
/// `smithy.api#Unit`.
pub fn closure(model: &Model, roots: impl IntoIterator<Item = ShapeId>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = roots.into_iter().collect();
    while let Some(id) = stack.pop() {
        if is_unit(&id) || !seen.insert(id.clone()) {
            continue;
        }
        match &model.expect(&id).kind {
            ShapeKind::List(member) => stack.push(member.target.clone()),
            ShapeKind::Map { key, value } => {
                stack.push(key.target.clone());
                stack.push(value.target.clone());
            }
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                stack.extend(members.iter().map(|m| m.target.clone()));
            }
            _ => {}
        }
    }
    seen
}

/// Operations use no feature this generator does not support yet; otherwise an error per use,
/// naming the member and the feature (never silently wrong code).
pub fn check_supported(model: &Model, operations: &[ShapeId]) -> Result<(), Error> {
    let mut problems = Vec::new();
    for op in operations {
        let ShapeKind::Operation(operation) = &model.expect(op).kind else {
            continue;
        };
        for (role, shape) in [("input", &operation.input), ("output", &operation.output)] {
            let Some(shape) = shape else { continue };
            let ShapeKind::Structure(members) = &model.expect(shape).kind else {
                continue;
            };
            for member in members {
                let target = model.expect(&member.target);
                if !target.traits.has(crate::model::traits::STREAMING) {
                    continue;
                }
                // Event streams in outputs are supported (see `event_stream` in the runtime).
                if role == "output" && matches!(target.kind, ShapeKind::Union(_)) {
                    continue;
                }
                let feature = match target.kind {
                    ShapeKind::Union(_) => "an event stream",
                    _ => "a streaming blob",
                };
                problems.push(Problem::at(
                    &member.id,
                    format!(
                        "the {role} of {} is {feature} ({}), which this generator does not support yet; leave the operation out with --operations",
                        op.name(),
                        member.target
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::unsupported(problems))
    }
}
