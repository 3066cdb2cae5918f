// exceljs's streaming reader, imported alone (the package's main entry bundles its writers too).
declare module 'exceljs/lib/stream/xlsx/workbook-reader' {
  import type { Readable } from 'node:stream';
  interface WorkbookReaderOptions {
    sharedStrings?: 'cache' | 'emit' | 'ignore';
    worksheets?: 'emit' | 'ignore';
    hyperlinks?: 'cache' | 'emit' | 'ignore';
    styles?: 'cache' | 'ignore';
    entries?: 'emit' | 'ignore';
  }
  class WorkbookReader {
    constructor(input: Readable | string, options?: WorkbookReaderOptions);
    [Symbol.asyncIterator](): AsyncIterator<unknown>;
  }
  export = WorkbookReader;
}
