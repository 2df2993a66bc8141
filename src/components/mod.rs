//! Reusable view pieces shared by several pages.

pub mod agenda_editor;
pub mod confirm;
pub mod field;
pub mod markdown_view;
pub mod mentorship_form;
pub mod progress_bar;
pub mod save_indicator;
pub mod schedule_controls;
pub mod send_panel;
pub mod session_form;
pub mod storage_banners;
pub mod summary_editor;
pub mod theme_editor;
pub mod update_prompt;
