/**
 * Regions: Zhejiang's 行政区划代码 (GB/T 2260 — the province, its 11 cities and their counties) as
 * data, and the lookups every context uses for locations and jurisdictions. Pure, no I/O.
 */
export { ZHEJIANG_PROVINCE_CODE, ZHEJIANG_REGIONS, type Region, type RegionLevel } from './zhejiang-regions.data';
export {
  findRegion,
  isZhejiangRegion,
  isZhejiangCityOrCounty,
  cityAndCountyNames,
  cityOf,
  regionChain,
  jurisdictionCovers,
  countiesWithin,
  validateRegionCode,
  type RegionCodeResult,
} from './regions';
export { MOUNTAIN_ISLAND_COUNTIES, MOUNTAIN_26_SOURCE, type DesignatedCounty } from './mountain-island-counties.data';
export { RegionErrors } from './regions.errors';
