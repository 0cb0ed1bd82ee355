//! Mixins, `apply` and resources: members a structure gets from its mixins are there, an enum
//! mixin's values join the enum's, and operations bound through resources are generated.

use fixture_mixins::operation::get_bucket::{self, GetBucketInput, GetBucketOutput};
use fixture_mixins::operation::touch_object::TouchObjectInput;
use fixture_mixins::types::{Status, Tag};

#[test]
fn members_from_mixins() {
    let output: GetBucketOutput = fixture_mixins::json::from_slice(
        br#"{"Name":"bucket","Tags":[{"Key":"k","Value":"v"}],"Created":1,"Status":{"Status":"DELETED"}}"#,
    )
    .unwrap();
    assert_eq!(output.name.as_deref(), Some("bucket"));
    assert_eq!(
        output.tags,
        Some(vec![Tag::builder().key("k").value("v").build()])
    );
    assert_eq!(output.status.and_then(|s| s.status), Some(Status::Deleted));
    let touch = TouchObjectInput::builder()
        .name("bucket")
        .key("key")
        .build()
        .unwrap();
    assert_eq!(touch.name.as_deref(), Some("bucket"));
}

#[test]
fn enum_mixin_values_come_first() {
    assert_eq!(Status::values(), ["ACTIVE", "DELETED"]);
}

#[test]
fn operations_bound_through_resources() {
    let input = GetBucketInput::builder().bucket_name("b").build().unwrap();
    let request = get_bucket::request(&input).unwrap();
    assert_eq!(request.headers()["x-amz-target"], "MixinService.GetBucket");
    let _ = fixture_mixins::operation::ping::PingInput::builder()
        .build()
        .unwrap();
}
