#!/usr/bin/env bash
# Cold debug build of a fresh crate that depends only on the generated FSx crate (a copy of
# generated/), without features (the sans-IO core) and with `client` (the client: SigV4, hyper
# over rustls, tokio), against fresh crates that depend only on aws-sdk-fsx 1.133.0: with its
# default features (what `cargo add aws-sdk-fsx` gives: rustls, the default HTTPS client, tokio)
# and without them (the SDK's own code and runtime, no TLS or HTTP stack). The like-for-like
# pair is the generated crate with `client` against aws-sdk-fsx with its default features: both
# make real HTTPS calls.
#
# Each crate gets its own empty CARGO_TARGET_DIR; dependencies are downloaded (and the lock file
# resolved, starting from the workspace's Cargo.lock) before the clock starts, so only
# compilation is timed. Prints wall-clock and CPU (user + system) seconds for each and the
# ratios. The machine's load is printed too: other builds running at the same time stretch the
# wall-clock times (the CPU times much less).
#
# Also the whole-model crate (`cargo xtask codegen --all-operations`, generated for the run), the
# crate issue 16's 10x target is about, without features: against aws-sdk-fsx with its defaults.
#
# Then each crate's own share ("OWN" lines): `cargo clean -p` of the generated crate (resp.
# aws-sdk-fsx) alone, and the build again, dependencies already built.
#
#   bash tests/bench/cold-build.sh            # all five
#   KEEP=1 bash tests/bench/cold-build.sh     # keep the scratch folder (printed)
#   SKIP_LEAN=1 bash tests/bench/cold-build.sh  # without the SDK without default features
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cold-build.XXXXXX")"
if [[ "${KEEP:-}" == 1 ]]; then
    echo "scratch folder: $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
# Time the compiler, not a cache in front of it.
unset RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER CARGO_TARGET_DIR

# The generated crate, as a user would get it: its files without build products.
mkdir -p "$work/generated"
tar -C "$root/generated" --exclude=./target --exclude=./Cargo.lock -cf - . | tar -C "$work/generated" -xf -

# make_crate NAME DEPENDENCY-LINE: a library crate with that one dependency, dependencies fetched.
make_crate() {
    local name="$1" dependency="$2"
    mkdir -p "$work/$name/src"
    cat >"$work/$name/Cargo.toml" <<EOF
[package]
name = "cold-$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$dependency

[workspace]
EOF
    echo "// Only the dependency is measured." >"$work/$name/src/lib.rs"
    cp "$root/Cargo.lock" "$work/$name/Cargo.lock"
    (cd "$work/$name" && cargo fetch --quiet)
}

# measure NAME: prints "<wall> <cpu>" seconds of a cold `cargo build` (debug) of the crate.
measure() {
    local name="$1" times
    times="$(cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" \
        /usr/bin/time -f '%e %U %S' cargo build --offline --quiet 2>&1 >/dev/null | tail -n 1)"
    read -r wall user sys <<<"$times"
    awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f %.1f\n", w, u + s }'
}

# measure_own NAME PACKAGE: the same, after `cargo clean -p PACKAGE` in the built crate.
measure_own() {
    local name="$1" package="$2"
    (cd "$work/$name" && CARGO_TARGET_DIR="$work/$name/target" cargo clean --offline --quiet -p "$package")
    measure "$name"
}

make_crate ours 'fsx = { path = "../generated" }'
(cd "$root" && cargo xtask codegen --all-operations --out "$work/generated-all" >/dev/null)
rm -f "$work/generated-all/Cargo.lock"
make_crate ours-all 'fsx = { path = "../generated-all" }'
make_crate ours-client 'fsx = { path = "../generated", features = ["client"] }'
make_crate sdk 'aws-sdk-fsx = "=1.133.0"'
if [[ "${SKIP_LEAN:-}" != 1 ]]; then
    make_crate sdk-lean 'aws-sdk-fsx = { version = "=1.133.0", default-features = false }'
fi

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
read -r ours_wall ours_cpu <<<"$(measure ours)"
echo "COLD generated-fsx wall=${ours_wall}s cpu=${ours_cpu}s"
read -r all_wall all_cpu <<<"$(measure ours-all)"
echo "COLD generated-fsx-all-operations wall=${all_wall}s cpu=${all_cpu}s"
read -r client_wall client_cpu <<<"$(measure ours-client)"
echo "COLD generated-fsx-client wall=${client_wall}s cpu=${client_cpu}s"
read -r sdk_wall sdk_cpu <<<"$(measure sdk)"
echo "COLD aws-sdk-fsx wall=${sdk_wall}s cpu=${sdk_cpu}s"
if [[ "${SKIP_LEAN:-}" != 1 ]]; then
    read -r lean_wall lean_cpu <<<"$(measure sdk-lean)"
    echo "COLD aws-sdk-fsx-no-default-features wall=${lean_wall}s cpu=${lean_cpu}s"
fi
read -r ours_own_wall ours_own_cpu <<<"$(measure_own ours fsx)"
echo "OWN generated-fsx wall=${ours_own_wall}s cpu=${ours_own_cpu}s"
read -r client_own_wall client_own_cpu <<<"$(measure_own ours-client fsx)"
echo "OWN generated-fsx-client wall=${client_own_wall}s cpu=${client_own_cpu}s"
read -r sdk_own_wall sdk_own_cpu <<<"$(measure_own sdk aws-sdk-fsx)"
echo "OWN aws-sdk-fsx wall=${sdk_own_wall}s cpu=${sdk_own_cpu}s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "RATIO aws-sdk-fsx/generated-fsx wall=$(ratio "$sdk_wall" "$ours_wall") cpu=$(ratio "$sdk_cpu" "$ours_cpu")"
echo "RATIO aws-sdk-fsx/generated-fsx-all-operations wall=$(ratio "$sdk_wall" "$all_wall") cpu=$(ratio "$sdk_cpu" "$all_cpu")"
echo "RATIO aws-sdk-fsx/generated-fsx-client wall=$(ratio "$sdk_wall" "$client_wall") cpu=$(ratio "$sdk_cpu" "$client_cpu")"
echo "RATIO own aws-sdk-fsx/generated-fsx wall=$(ratio "$sdk_own_wall" "$ours_own_wall") cpu=$(ratio "$sdk_own_cpu" "$ours_own_cpu")"
echo "RATIO own aws-sdk-fsx/generated-fsx-client wall=$(ratio "$sdk_own_wall" "$client_own_wall") cpu=$(ratio "$sdk_own_cpu" "$client_own_cpu")"
if [[ "${SKIP_LEAN:-}" != 1 ]]; then
    echo "RATIO aws-sdk-fsx-no-default-features/generated-fsx wall=$(ratio "$lean_wall" "$ours_wall") cpu=$(ratio "$lean_cpu" "$ours_cpu")"
fi
