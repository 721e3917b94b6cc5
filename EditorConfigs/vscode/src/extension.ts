// Tenor for VS Code: starts `tenor lsp --stdio` for Markdown and plain-text documents and passes the
// `tenor.*` settings (the keys of .tenor.toml) to it.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

// The settings sections the server reads; the extension's own (`path`, `trace`) stay in VS Code,
// because the server warns about keys it does not know.
const serverSections = ['rules', 'server', 'models', 'illustrate', 'styles', 'docsBaseURL'] as const;

/** The `tenor` section as the server expects it: nested objects, unset values left out. */
function serverSettings(scope?: vscode.Uri): Record<string, unknown> {
  const configuration = vscode.workspace.getConfiguration('tenor', scope);
  const settings: Record<string, unknown> = {};
  for (const section of serverSections) {
    const value = withoutUnset(configuration.get(section));
    if (value !== undefined) {
      settings[section] = value;
    }
  }
  return settings;
}

function withoutUnset(value: unknown): unknown {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      const cleaned = withoutUnset(entry);
      if (cleaned !== undefined) {
        kept[key] = cleaned;
      }
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  return value;
}

function createClient(): LanguageClient {
  const command = vscode.workspace.getConfiguration('tenor').get<string>('path') || 'tenor';
  // TransportKind.stdio appends `--stdio`, which `tenor lsp` accepts.
  const serverOptions: ServerOptions = { command, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: serverSettings(),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.tenor.toml') },
    outputChannelName: 'Tenor',
    middleware: {
      workspace: {
        // Answer `workspace/configuration` for section `tenor` with the cleaned-up settings.
        configuration: (params, token, next) => {
          const handled = params.items.map((item) =>
            item.section === 'tenor' ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : undefined,
          );
          if (handled.every((entry) => entry !== undefined)) {
            return handled;
          }
          return next(params, token);
        },
      },
    },
  };
  return new LanguageClient('tenor', 'Tenor', serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `Tenor could not start "${vscode.workspace.getConfiguration('tenor').get('path')} lsp": ${error}. ` +
        'Install tenor or set "tenor.path".',
    );
  }
}

async function restart(): Promise<void> {
  if (client) {
    const old = client;
    client = undefined;
    await old.stop().catch(() => undefined);
  }
  await start();
}

/**
 * Renders the `<!-- illustrate: … -->` directive at the cursor: the server command `tenor.illustrate` with
 * `[{ uri, position }]` (the same command the "Render illustration" code action and code lens run). The server
 * shows its own cancellable progress, inserts the image link with a versioned edit, and reports failures with
 * `window/showMessage`, so nothing more is shown here.
 */
async function renderIllustration(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const running = client;
  if (!running || !editor) {
    vscode.window.showWarningMessage('Tenor is not running for this editor.');
    return;
  }
  const argument = {
    uri: running.code2ProtocolConverter.asUri(editor.document.uri),
    position: running.code2ProtocolConverter.asPosition(editor.selection.active),
  };
  try {
    await running.sendRequest(ExecuteCommandRequest.type, { command: 'tenor.illustrate', arguments: [argument] });
  } catch (error) {
    running.outputChannel.appendLine(`tenor.illustrate: ${error}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('tenor.restart', restart),
    vscode.commands.registerCommand('tenor.renderIllustration', renderIllustration),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tenor.path')) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
