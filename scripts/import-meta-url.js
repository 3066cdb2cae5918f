// Injected into CommonJS bundles by build.mjs: what `import.meta.url` means in an ES module.
export const import_meta_url = require('url').pathToFileURL(__filename).href;
