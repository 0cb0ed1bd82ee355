//! Hostile responses against the committed FSx crate: what fuzzing found, kept as regression
//! tests, and the memory bound. Peak heap is measured with a counting allocator (this test
//! binary's global allocator), so the tests here run one at a time (a lock): another test's
//! allocations would count towards the peak.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use fsx::operation::copy_backup;
use fsx::operation::describe_backups;
use http::{HeaderMap, StatusCode};

/// The system allocator, counting the bytes held and the most held since `reset_peak`.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(held, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One test at a time: the peak is process-wide.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The peak heap (bytes above what was held before) while `f` runs.
fn peak_while<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let value = f();
    (value, PEAK.load(Ordering::Relaxed) - before)
}

fn ok(body: &[u8]) -> Result<describe_backups::DescribeBackupsOutput, String> {
    describe_backups::response(StatusCode::OK, &HeaderMap::new(), body).map_err(|e| e.to_string())
}

/// `{"Backups":[{},{},…]}` of about `size` bytes.
fn empty_backups(size: usize) -> Vec<u8> {
    let count = (size - 14) / 3;
    let mut body = b"{\"Backups\":[{}".to_vec();
    for _ in 1..count {
        body.extend_from_slice(b",{}");
    }
    body.extend_from_slice(b"]}");
    body
}

/// Each `{}` in a list of backups would be a whole `Backup` (several KiB): the reader stops a
/// body before its values pass 32 bytes per byte of JSON plus 16 MiB. Before that bound, the
/// 3 MB body below took 2.0 GB and 2.4 s.
#[test]
fn a_body_of_empty_objects_is_refused_within_a_bounded_peak() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let body = empty_backups(3_000_000);
    let (result, peak) = peak_while(|| ok(&body).map(|o| o.backups.map(|b| b.len())));
    let error = result.expect_err("refused");
    assert!(
        error.contains("more memory than 32 bytes per byte of JSON"),
        "{error}"
    );
    // The budget (32 × 3 MB + 16 MiB = 113 MB) plus the list's spare capacity.
    let bound = 2 * (32 * body.len() + (16 << 20));
    assert!(peak <= bound, "peak {peak} bytes, bound {bound}");
    println!(
        "3 MB of empty backups: refused, peak heap {:.1} MB (bound {:.1} MB)",
        peak as f64 / 1e6,
        bound as f64 / 1e6
    );
}

/// Real responses stay far below the budget: 2,000 full documented backups read, as do a few
/// thousand empty ones in a small body (under the fixed 16 MiB).
#[test]
fn real_responses_stay_within_the_budget() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let backup = r#"{"BackupId":"backup-0a3364eded1014b28","CreationTime":1617954808.068,"FileSystem":{"FileSystemId":"fs-0498eed5fe91001ec","FileSystemType":"LUSTRE","LustreConfiguration":{"AutomaticBackupRetentionDays":0,"DeploymentType":"PERSISTENT_1","PerUnitStorageThroughput":50,"WeeklyMaintenanceStartTime":"1:05:00"},"ResourceARN":"arn:aws:fsx:us-east-1:012345678912:file-system/fs-0498eed5fe91001ec","StorageCapacity":2400,"StorageType":"SSD"},"KmsKeyId":"arn:aws:fsx:us-east-1:012345678912:key/d1234e22-543a-12b7-a98f-e12c2b54001a","Lifecycle":"COPYING","OwnerId":"123456789012","ResourceARN":"arn:aws:fsx:us-east-1:012345678912:backup/backup-0a3364eded1014b28","Tags":[{"Key":"Name","Value":"MyBackup"}],"Type":"USER_INITIATED"}"#;
    let body = format!("{{\"Backups\":[{}]}}", vec![backup; 2000].join(","));
    let output = ok(body.as_bytes()).expect("2,000 backups read");
    assert_eq!(output.backups.map(|b| b.len()), Some(2000));
    let body = empty_backups(12_000);
    let output = ok(&body).expect("a few thousand empty backups read");
    assert_eq!(output.backups.map(|b| b.len()), Some(3995));
}

/// Found by fuzzing: an exponent near `i64::MIN` overflowed the epoch-seconds arithmetic (a
/// panic with overflow checks on; in release, a wrong instant: 0.5 s, or (-1, 500000000)).
#[test]
fn extreme_exponents_in_timestamps() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    for (time, expected) in [
        ("1.5e-9223372036854775808", Ok((0, 0))),
        ("\".5e-9223372036854775808\"", Ok((0, 0))),
        ("\"-.5e-9223372036854775808\"", Ok((0, 0))),
        ("1e9223372036854775807", Err(())),
        ("-1e-9223372036854775809", Err(())),
    ] {
        let body = format!(r#"{{"Backup":{{"CreationTime":{time}}}}}"#);
        let read = copy_backup::response(StatusCode::OK, &HeaderMap::new(), body.as_bytes())
            .map(|o| {
                let t = o.backup.unwrap().creation_time.unwrap();
                (t.secs(), t.subsec_nanos())
            })
            .map_err(|_| ());
        assert_eq!(read, expected, "{time}");
    }
}
