//! Reusable view pieces shared by several pages.

pub mod action_item;
pub mod agenda_editor;
pub mod button;
pub mod confirm;
pub mod copy_button;
pub mod dynamic;
pub mod error_message;
pub mod field;
pub mod markdown_view;
pub mod mentorship_form;
pub mod next_step;
pub mod page;
pub mod print_frame;
pub mod progress_bar;
pub mod qr_code;
pub mod rating;
pub mod receive_panel;
pub mod save_indicator;
pub mod schedule_controls;
pub mod send_panel;
pub mod session_form;
pub mod storage_banners;
pub mod summary_editor;
pub mod theme_editor;
pub mod update_prompt;
pub mod when;
