//! Which members must be boxed so that recursive types have a size.
//!
//! Only structure and union members that hold their target inline can make a type infinitely
//! large; lists and maps already put their elements on the heap. A member is boxed when its
//! target is in the same strongly connected component of the "holds inline" graph as the shape
//! that contains it. That boxes every inline edge of a cycle (not just one), which keeps the
//! rule independent of visiting order: adding an unrelated shape never moves a `Box`.
//!
//! FSx's cycles (FileSystem → AdministrativeActions → AdministrativeAction →
//! TargetFileSystemValues → FileSystem, and the same through Volume) all pass through a list,
//! so nothing there needs a `Box`.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Problem;
use crate::model::{traits, Model, ShapeId, ShapeKind};

/// The (member, target) edges of shape `id` that `keep` accepts: members of a structure (or,
/// with `unions`, a union) targeting a structure (or, with `unions`, a union).
fn member_edges(
    model: &Model,
    id: &ShapeId,
    unions: bool,
    keep: impl Fn(&crate::model::Member) -> bool,
) -> Vec<(ShapeId, ShapeId)> {
    let holds = |kind: &ShapeKind| match kind {
        ShapeKind::Structure(_) => true,
        ShapeKind::Union(_) => unions,
        _ => false,
    };
    let members = match &model.expect(id).kind {
        kind @ (ShapeKind::Structure(members) | ShapeKind::Union(members)) if holds(kind) => {
            members
        }
        _ => return Vec::new(),
    };
    members
        .iter()
        .filter(|m| model.shape(&m.target).is_some_and(|t| holds(&t.kind)) && keep(m))
        .map(|m| (m.id.clone(), m.target.clone()))
        .collect()
}

/// Member ids (within `shapes`) whose Rust field must be a `Box`.
pub fn boxed_members(model: &Model, shapes: &BTreeSet<ShapeId>) -> BTreeSet<ShapeId> {
    let inline_edges = |id: &ShapeId| member_edges(model, id, true, |_| true);
    let component = strongly_connected(shapes, |id| {
        inline_edges(id).into_iter().map(|(_, t)| t).collect()
    });
    let mut boxed = BTreeSet::new();
    for id in shapes {
        for (member, target) in inline_edges(id) {
            if component.contains_key(id) && component.get(id) == component.get(&target) {
                boxed.insert(member);
            }
        }
    }
    boxed
}

/// Structures that hold each other through `@required` members alone (A.b → B, B.a → A, with
/// no list, map, union or optional member between): no finite value of them exists, so the
/// Smithy spec forbids such a cycle. Reading one would recurse forever filling in the required
/// members' zero values, so each cycle is a problem naming its path.
pub fn required_cycles(model: &Model, shapes: &BTreeSet<ShapeId>) -> Vec<Problem> {
    // The required structure members of a structure: (member, target).
    let required_edges =
        |id: &ShapeId| member_edges(model, id, false, |m| m.traits.has(traits::REQUIRED));
    let component = strongly_connected(shapes, |id| {
        required_edges(id).into_iter().map(|(_, t)| t).collect()
    });
    let mut reported = BTreeSet::new();
    let mut problems = Vec::new();
    // Each component once, from its first shape: walk edges that stay in the component until a
    // shape repeats; the walk from there is a cycle.
    for (start, number) in &component {
        if !reported.insert(*number) {
            continue;
        }
        let mut path: Vec<(ShapeId, ShapeId)> = Vec::new();
        let mut at = start.clone();
        let cycle = loop {
            if let Some(i) = path.iter().position(|(m, _)| m.root() == at) {
                break &path[i..];
            }
            let (member, target) = required_edges(&at)
                .into_iter()
                .find(|(_, t)| component.get(t) == Some(number))
                .expect("a shape in a cycle has an edge within it");
            path.push((member, target.clone()));
            at = target;
        };
        let steps: Vec<String> = cycle
            .iter()
            .map(|(member, target)| format!("{member} → {target}"))
            .collect();
        problems.push(Problem::at(
            &cycle[0].0.root(),
            format!(
                "structures hold each other through @required members ({}): no value of them is finite; \
                 make one of these members optional, or hold it through a list, map or union",
                steps.join(", ")
            ),
        ));
    }
    problems
}

/// Tarjan's algorithm (iterative): a component number per node that is in a cycle (including
/// a self-loop). Nodes in no cycle are absent.
fn strongly_connected(
    nodes: &BTreeSet<ShapeId>,
    edges: impl Fn(&ShapeId) -> Vec<ShapeId>,
) -> BTreeMap<ShapeId, usize> {
    struct State {
        index: BTreeMap<ShapeId, usize>,
        low: BTreeMap<ShapeId, usize>,
        on_stack: BTreeSet<ShapeId>,
        stack: Vec<ShapeId>,
        result: BTreeMap<ShapeId, usize>,
        components: usize,
    }
    let mut st = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        on_stack: BTreeSet::new(),
        stack: Vec::new(),
        result: BTreeMap::new(),
        components: 0,
    };
    for root in nodes {
        if st.index.contains_key(root) {
            continue;
        }
        // Each frame: the node and the successors still to visit.
        let mut frames: Vec<(ShapeId, Vec<ShapeId>)> = Vec::new();
        let visit = |st: &mut State, node: &ShapeId| {
            let n = st.index.len();
            st.index.insert(node.clone(), n);
            st.low.insert(node.clone(), n);
            st.stack.push(node.clone());
            st.on_stack.insert(node.clone());
        };
        visit(&mut st, root);
        let mut succ = edges(root);
        succ.retain(|s| nodes.contains(s));
        frames.push((root.clone(), succ));
        while let Some((node, pending)) = frames.last_mut() {
            if let Some(next) = pending.pop() {
                if !st.index.contains_key(&next) {
                    visit(&mut st, &next);
                    let mut succ = edges(&next);
                    succ.retain(|s| nodes.contains(s));
                    frames.push((next, succ));
                } else if st.on_stack.contains(&next) {
                    let low = st.low[&*node].min(st.index[&next]);
                    st.low.insert(node.clone(), low);
                }
                continue;
            }
            let node = node.clone();
            frames.pop();
            if let Some((parent, _)) = frames.last() {
                let low = st.low[parent].min(st.low[&node]);
                st.low.insert(parent.clone(), low);
            }
            if st.low[&node] == st.index[&node] {
                let mut members = Vec::new();
                loop {
                    let top = st.stack.pop().expect("node is on the stack");
                    st.on_stack.remove(&top);
                    let done = top == node;
                    members.push(top);
                    if done {
                        break;
                    }
                }
                let self_loop = edges(&node).contains(&node);
                if members.len() > 1 || self_loop {
                    for m in members {
                        st.result.insert(m, st.components);
                    }
                    st.components += 1;
                }
            }
        }
    }
    st.result
}
