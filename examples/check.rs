//! The checker run from the source tree (`cargo run --release --example check -- PATH...`): the
//! same program as the installed `fazhi-check`, all of it in the library's [`fazhi_check::cli`]
//! module.

fn main() -> std::process::ExitCode {
    fazhi_check::cli::main()
}
