//! Recursive shapes build and compare; direct recursion is boxed.

use fixture_recursion::types::{Expr, Node, Tree, A, B};

#[test]
fn recursive_values() {
    let list = Node::builder()
        .value("1")
        .next(
            Node::builder()
                .value("2")
                .next(Node::builder().value("3").build())
                .build(),
        )
        .build();
    let third = list
        .next
        .as_ref()
        .and_then(|n| n.next.as_ref())
        .and_then(|n| n.value.as_deref());
    assert_eq!(third, Some("3"));
    let a = A::builder().b(B::builder().a(A::default()).build()).build();
    assert!(a.b.expect("set").a.is_some());
    let tree = Tree::builder()
        .children(Tree::default())
        .children(Tree::builder().set_children(Some(vec![])).build())
        .build();
    assert_eq!(tree.children().len(), 2);
    assert_eq!(tree.children()[1].children, Some(vec![]));
    let expr = Expr::Not(Box::new(Expr::All(vec![Expr::Literal(1)])));
    assert_eq!(expr.clone(), expr);
}
