/** Input limits shared by the self-assessment and the table 15 claims. */
export const NARRATIVE_MAX = 5000;
export const MAX_EVIDENCE_PER_CLAUSE = 50;
