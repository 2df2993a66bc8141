//! Reusable view pieces shared by several pages.

pub mod confirm;
pub mod field;
pub mod markdown_view;
pub mod mentorship_form;
pub mod save_indicator;
pub mod storage_banners;
pub mod theme_editor;
pub mod update_prompt;
