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

/** writes dist/cli.id, the bundle's content hash: names the CLI's heap snapshot (bin/domxml, server/src/cli/snapshot.ts) */
class BundleIdPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('BundleIdPlugin', (compilation) => {
      const { Compilation, sources } = compiler.webpack;
      compilation.hooks.processAssets.tap({ name: 'BundleIdPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const asset = compilation.getAsset('cli.js');
        if (!asset) return;
        const id = require('crypto').createHash('sha1').update(asset.source.buffer()).digest('hex').slice(0, 16);
        compilation.emitAsset('cli.id', new sources.RawSource(id + '\n'));
      });
    });
  }
}

module.exports = [
  bundle({ client: './client/src/extension.ts' }, { vscode: 'commonjs vscode' }),
  {
    ...bundle({ server: './server/src/server.ts', cli: './server/src/cli/main.ts', cliWorker: './server/src/cli/checkWorker.ts' }, {}),
    plugins: [new BundleIdPlugin()],
  },
];
