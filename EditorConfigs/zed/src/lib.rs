//! Zed extension for Tenor: runs `tenor lsp` (found on the worktree's PATH, or `lsp.tenor.binary.path`
//! in settings) for Markdown and Plain Text, and answers `workspace/configuration` for section `tenor`
//! from `lsp.tenor.settings`.
use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

struct TenorExtension;

impl zed::Extension for TenorExtension {
    fn new() -> Self {
        TenorExtension
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree("tenor", worktree).ok().and_then(|settings| settings.binary);
        let configured = binary.as_ref().and_then(|binary| binary.path.clone());
        let command = match configured {
            Some(path) => path,
            None => worktree
                .which("tenor")
                .ok_or_else(|| "tenor is not on PATH; install it or set lsp.tenor.binary.path".to_string())?,
        };
        let args = binary
            .and_then(|binary| binary.arguments)
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        Ok(zed::Command { command, args, env: worktree.shell_env() })
    }

    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = LspSettings::for_worktree("tenor", worktree)
            .ok()
            .and_then(|settings| settings.settings)
            .unwrap_or_else(|| serde_json::json!({}));
        Ok(Some(serde_json::json!({ "tenor": settings })))
    }
}

zed::register_extension!(TenorExtension);
