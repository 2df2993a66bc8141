//! Browser entry point: mount the app and nothing else.

fn main() {
    // Prints a panic's message in builds that keep them; the shipped build
    // (Makefile: immediate-abort panics) traps at once instead.
    console_error_panic_hook::set_once();
    tandem::app::mount();
}
