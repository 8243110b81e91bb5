// Enterprise registration domain: pure rules for 统一社会信用代码 (locations: @ff/regions).
export {
  CREDIT_CODE_ALPHABET,
  computeCheckChar,
  makeCreditCode,
  validateCreditCode,
  type CreditCodeFailureReason,
  type CreditCodeResult,
} from './credit-code';
