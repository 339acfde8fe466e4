/**
 * The node options the language server is started with (by the VS Code
 * client; an LSP client that starts `node dist/server.js` should pass them
 * too). A language server's allocations are short-lived, one analysis at a
 * time; V8's default young generation (semi-spaces of up to 16 MiB, grown on
 * demand) kept the server at ~115 MiB RSS with 21 documents open, 2 MiB
 * semi-spaces at ~88 MiB with no measurable cost in latency
 * (npm run bench memory / cold). --expose-gc lets the server collect once
 * when typing stops (languageserver/idleCollector.ts) instead of holding the
 * grown heap until V8's memory reducer runs seconds later. V8 reads these
 * flags only at process start.
 */
export const SERVER_NODE_OPTIONS = ['--max-semi-space-size=2', '--expose-gc'];
