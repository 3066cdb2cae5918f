// The CMS file loaders: text (whole or in chunks) in, indexed tables and problems out.
export * from './common';
export { PtpBuilder, loadPtp, serializePtp, deserializePtp, encodePtpCache, encodePtpCacheInSteps, decodePtpCache, decodePtpCacheInSteps, ptpPeriodOfName, type PtpCacheContents } from './ptp';
export { MueBuilder, loadMue } from './mue';
export { RvuBuilder, loadPfsRvu } from './pfs-rvu';
export { Icd10Builder, loadIcd10cm, dotted, dotless } from './icd10cm';
export { GpciBuilder, loadGpci } from './gpci';
export { LocalityBuilder, loadLocalities } from './localities';
export { countyKey, stateCodeOf, statesOfCell, parseCountyWording, splitCountyList, type CountyPart, type CountyWording } from './county-wording';
export { AspBuilder, loadAsp, aspQuarterOf, impossibleBannerDate, quarterDates } from './asp';
export { AocBuilder, loadAoc, AOC_CONTRACTOR_PRIMARY } from './aoc';
export { OppsCapBuilder, loadOppsCap } from './opps-cap';
