//! `cargo xtask`: see the library for the commands.

fn main() -> std::process::ExitCode {
    xtask::run(
        std::env::args().skip(1),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    )
}
