// CMS's NCCI practitioner procedure-to-procedure edits: the header (header.ts), the streaming
// row reader (builder.ts), the table and its hash (hash-index.ts), and the bytes of the prepared
// index and its cache file (image.ts).
export { PtpBuilder, loadPtp } from './builder';
export { ptpPeriodOfName } from './header';
export { serializePtp, deserializePtp, encodePtpCache, encodePtpCacheInSteps, decodePtpCache, decodePtpCacheInSteps, type PtpCacheContents } from './image';
