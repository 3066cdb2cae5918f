// Starts yaml-language-server (the benchmark's peer) with its validation delay set to 0 ms.
// It debounces validation by a fixed 200 ms that no setting changes; our server is measured with
// diagnostics.debounceMs = 0, so the peer gets the same: no delay before it validates. Everything
// else is the stock server (`yaml-language-server --stdio`).
const path = require('node:path');
const root = path.dirname(require.resolve('yaml-language-server/package.json'));
const settings = require(path.join(root, 'out/server/src/yamlSettings.js'));
const Stock = settings.SettingsState;
settings.SettingsState = class extends Stock {
  constructor() {
    super();
    this.validationDelayMs = 0;
  }
};
process.env.YAML_LANGUAGE_SERVER_VERSION = require(path.join(root, 'package.json')).version;
require(path.join(root, 'out/server/src/server.js'));
