//! What both bench targets (`compare`, `memory`) use of aws-sdk-fsx's runtime.

use aws_smithy_json::codec::{JsonCodec, JsonCodecSettings};
use aws_smithy_schema::shape_id;

/// The codec aws-sdk-fsx's awsJson 1.1 protocol uses (`AwsJsonRpcProtocol::aws_json_1_1` with
/// FSx's namespace).
pub fn sdk_codec() -> JsonCodec {
    JsonCodec::new(
        JsonCodecSettings::builder()
            .use_json_name(false)
            .default_timestamp_format(aws_smithy_types::date_time::Format::EpochSeconds)
            .protocol_id(shape_id!("aws.protocols", "awsJson1_1"))
            .default_namespace("com.amazonaws.fsx")
            .build(),
    )
}
