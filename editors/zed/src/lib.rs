//! Zed extension for the LLM Deployment Glossary: starts `llm-glossary-ls --stdio`
//! (the npm package's language server) and hands it the user's initialization options.

use zed_extension_api::{
    self as zed, serde_json::Value, settings::LspSettings, LanguageServerId, Result,
};

/// The key under `[language_servers]` in extension.toml, and under `lsp` in Zed's settings.
const LANGUAGE_SERVER_ID: &str = "llm-glossary-ls";
/// The bin that `npm install -g llm-deployment-glossary` puts on PATH.
const SERVER_BINARY: &str = "llm-glossary-ls";

fn stdio_args() -> Vec<String> {
    vec!["--stdio".to_string()]
}

struct GlossaryExtension;

impl zed::Extension for GlossaryExtension {
    fn new() -> Self {
        GlossaryExtension
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        // The login shell's environment, so that the bin's `#!/usr/bin/env node` finds node.
        let env = worktree.shell_env();

        // `lsp.llm-glossary-ls.binary.path` replaces the PATH lookup (e.g. a checkout's server).
        let binary = LspSettings::for_worktree(LANGUAGE_SERVER_ID, worktree)?.binary;
        if let Some(binary) = binary {
            if let Some(command) = binary.path {
                let args = binary.arguments.unwrap_or_else(stdio_args);
                return Ok(zed::Command { command, args, env });
            }
        }

        let command = worktree.which(SERVER_BINARY).ok_or_else(|| {
            format!(
                "{SERVER_BINARY} is not on PATH: install it with \
                 `npm install -g llm-deployment-glossary` (then restart Zed), \
                 or set lsp.{LANGUAGE_SERVER_ID}.binary.path in Zed's settings"
            )
        })?;
        Ok(zed::Command {
            command,
            args: stdio_args(),
            env,
        })
    }

    /// `lsp.llm-glossary-ls.initialization_options` from Zed's settings,
    /// e.g. `{ "glossaryPaths": ["docs/glossary"] }`.
    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<Value>> {
        let settings = LspSettings::for_worktree(LANGUAGE_SERVER_ID, worktree)?;
        Ok(settings.initialization_options)
    }
}

zed::register_extension!(GlossaryExtension);
