/**
 * What a 公示 objection must carry, pure: real name, organisation, contact and a statement.
 * Anonymous objections are refused, as provincial offices do; the objector's identity is kept
 * for officials only and never shown publicly.
 */
export interface ObjectionInput {
  objectorName?: unknown;
  organisation?: unknown;
  contact?: unknown;
  statement?: unknown;
}

const ANONYMOUS = /^(匿名|无名氏?|不愿透露|保密|某某|佚名|anonymous|anon|n\/?a|none|无)$/i;
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ObjectionProblem {
  field: string;
  message: string;
  anonymous?: boolean;
}

export function objectionProblems(input: ObjectionInput): ObjectionProblem[] {
  const problems: ObjectionProblem[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = text(input.objectorName);
  if (!name) problems.push({ field: 'objectorName', message: '请填写真实姓名', anonymous: true });
  else if (ANONYMOUS.test(name) || /^[某*＊xX]+$/.test(name) || name.length < 2 || name.length > 50)
    problems.push({ field: 'objectorName', message: '请填写真实姓名（不受理匿名异议）', anonymous: true });
  const organisation = text(input.organisation);
  if (organisation.length < 2 || organisation.length > 100 || ANONYMOUS.test(organisation))
    problems.push({ field: 'organisation', message: '请填写所在单位（2至100字）', anonymous: true });
  const contact = text(input.contact);
  if (!PHONE.test(contact) && !EMAIL.test(contact))
    problems.push({ field: 'contact', message: '请填写可联系到本人的电话或电子邮箱', anonymous: true });
  const statement = text(input.statement);
  if (statement.length < 20 || statement.length > 5000)
    problems.push({ field: 'statement', message: '请写明异议的事实与理由（20至5000字）' });
  return problems;
}
