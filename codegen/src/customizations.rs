//! Behaviour AWS SDKs add on top of the protocol for particular services, each tied by shape
//! id to what it applies to (as smithy-rs's customizations are).

use crate::context::Context;
use crate::model::{Member, ShapeKind};
use crate::transform::OperationPlan;

/// Amazon Machine Learning's `Predict` goes to the `PredictEndpoint` the caller got for its
/// model, not to the service's endpoint: the input member holding that URL, if `op` is it.
pub fn endpoint_member<'c>(ctx: &'c Context, op: &OperationPlan) -> Option<&'c Member> {
    if op.id.to_string() != "com.amazonaws.machinelearning#Predict" {
        return None;
    }
    let ShapeKind::Structure(members) = &ctx.model.expect(&op.input).kind else {
        return None;
    };
    members.iter().find(|m| m.name() == "PredictEndpoint")
}

/// The items of a paginated operation whose `@paginated` names none, though the AWS SDKs page
/// them (botocore's `paginators-1.json` gives them as `result_key`): (operation, its output's
/// list member). The client's item paginator (`into_paginator().items()`) pages these.
const PAGINATOR_ITEMS: &[(&str, &str)] = &[("com.amazonaws.fsx#DescribeBackups", "Backups")];

/// The output member holding `op`'s items, where the model leaves `@paginated(items)` out.
pub fn paginator_items(op: &OperationPlan) -> Option<&'static str> {
    let id = op.id.to_string();
    PAGINATOR_ITEMS
        .iter()
        .find(|(operation, _)| *operation == id)
        .map(|(_, items)| *items)
}
