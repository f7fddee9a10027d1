//! The installed program: `cargo install --path .` puts `fazhi-check` in `~/.cargo/bin`. All of it
//! is the library's [`fazhi_check::cli`] module.

fn main() -> std::process::ExitCode {
    fazhi_check::cli::main()
}
