//! Reusable view pieces shared by several pages.

pub mod update_prompt;
