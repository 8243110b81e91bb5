// Enterprise registration domain: pure rules for 统一社会信用代码 and Zhejiang 行政区划代码.
export { normalizeText, normalizeCode } from './text-normalize';
export {
  CREDIT_CODE_ALPHABET,
  computeCheckChar,
  makeCreditCode,
  validateCreditCode,
  type CreditCodeFailureReason,
  type CreditCodeResult,
} from './credit-code';
export { ZHEJIANG_PROVINCE_CODE, ZHEJIANG_REGIONS, type Region, type RegionLevel } from './zhejiang-regions.data';
export {
  findRegion,
  isZhejiangRegion,
  isZhejiangCityOrCounty,
  cityOf,
  regionChain,
  jurisdictionCovers,
  validateRegionCode,
  type RegionCodeResult,
} from './regions';
