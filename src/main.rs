//! Browser entry point: mount the app and nothing else.

fn main() {
    console_error_panic_hook::set_once();
    tandem::app::mount();
}
