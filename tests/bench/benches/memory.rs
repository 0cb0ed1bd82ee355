//! Peak heap while parsing DescribeBackups bodies: the generated FSx crate against aws-sdk-fsx
//! 1.133.0 on the same body (`cargo xtask bench` runs it after `compare`):
//!
//! ```text
//! MEM <case> ours=<bytes> aws-sdk-fsx=<bytes> ratio=<aws-sdk-fsx / ours>
//! ```
//!
//! A counting global allocator (peakmem-alloc) records the most bytes held at once during one
//! parse, its result included. It is this target's own allocator: the timing benchmarks
//! (`compare`) run on the plain system allocator, as users' programs do.

mod common;

use std::hint::black_box;
use std::process::ExitCode;

use aws_sdk_fsx as sdk;
use aws_smithy_schema::codec::Codec;
use common::sdk_codec;
use fsx::operation::describe_backups::DescribeBackupsOutput;
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// The sizes measured (backups per body).
const SIZES: [usize; 2] = [100, 1000];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("memory benchmark: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let examples = bench::Examples::load()?;
    eprintln!(
        "INFO size_of Backup: ours {} aws-sdk-fsx {}",
        std::mem::size_of::<fsx::types::Backup>(),
        std::mem::size_of::<sdk::types::Backup>()
    );
    let codec = sdk_codec();
    for count in SIZES {
        let body = examples.describe_backups_body(count);
        let ours = peak(|| {
            fsx::json::from_slice::<DescribeBackupsOutput>(black_box(&body))
                .map(|output| output.backups().len())
                .map_err(|e| format!("ours: {e}"))
        })?;
        let theirs = peak(|| {
            sdk::operation::describe_backups::DescribeBackupsOutput::deserialize(
                &mut codec.create_deserializer(black_box(&body)),
            )
            .map(|output| output.backups().len())
            .map_err(|e| format!("aws-sdk-fsx: {e}"))
        })?;
        if ours.1 != count || theirs.1 != count {
            return Err(format!(
                "{count} backups read as {} (ours) and {} (aws-sdk-fsx)",
                ours.1, theirs.1
            ));
        }
        println!(
            "MEM parse_describe_backups_{count} ours={} aws-sdk-fsx={} ratio={:.2}",
            ours.0,
            theirs.0,
            theirs.0 as f64 / ours.0 as f64
        );
    }
    Ok(())
}

/// The most bytes held at once while `parse` runs (its output is held until it returns), and
/// what it gave.
fn peak<T>(parse: impl FnOnce() -> Result<T, String>) -> Result<(usize, T), String> {
    GLOBAL.reset_peak_memory();
    let result = parse()?;
    let peak = GLOBAL.get_peak_memory();
    Ok((peak, result))
}
