// Production bundles: the VS Code client, the language server and the CLI.
'use strict';
const path = require('path');

/** @type {(entry: Record<string,string>, externals: Record<string,string>) => import('webpack').Configuration} */
const bundle = (entry, externals) => ({
  target: 'node',
  mode: 'none',
  entry,
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    library: { type: 'commonjs2' },
  },
  externals,
  resolve: { extensions: ['.ts', '.js'], mainFields: ['module', 'main'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: [{ loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { sourceMap: true, incremental: false } } }],
      },
    ],
  },
  devtool: 'nosources-source-map',
  performance: { hints: false },
  infrastructureLogging: { level: 'warn' },
  stats: 'errors-warnings',
  // vscode-languageserver-types ships a UMD wrapper whose dynamic require webpack cannot follow; it is harmless in node.
  ignoreWarnings: [{ module: /vscode-languageserver-types/, message: /Critical dependency/ }],
});

module.exports = [
  bundle({ client: './client/src/extension.ts' }, { vscode: 'commonjs vscode' }),
  bundle({ server: './server/src/server.ts', cli: './server/src/cli/main.ts' }, {}),
];
