/**
 * Passwords: the rules a new password must meet, the signed-in user's password change, and setting a password
 * with the token of a reset link (issued by a user manager, src/service/admin.ts).
 *
 * The rules (contract/auth.ts): at least PASSWORD_MIN_LENGTH characters, and a strength estimate (zxcvbn-ts, with
 * its common password lists, keyboard patterns and English words, plus the pinyin words and names common in
 * Chinese passwords and the platform's own words, and the user's own name, e-mail and organisation) of at least
 * PASSWORD_MIN_SCORE — so `12345678`, ten spaces, `woaini1314520` or `tongye2025!` are refused, with an error
 * that names the rule.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from '../contract/auth.js';
import { hashPassword, PASSWORD_MAX_LENGTH, verifyPassword } from '../store/passwords.js';
import { completePasswordReset, findPasswordReset } from '../store/repos/password-resets.js';
import { recordFailedLogin } from '../store/repos/sessions.js';
import { getLoginRecord, setPasswordHash } from '../store/repos/users.js';
import type { Caller, ServiceContext } from './context.js';
import { ServiceError, validation } from './errors.js';
import { checkLoginThrottle } from './throttle.js';

/** Words of Chinese passwords (pinyin phrases, surnames, number idioms) and of this platform's domain. */
const CONTEXT_WORDS = [
  ...[
    'woaini',
    'aini',
    'woaini1314',
    'wodemima',
    'mima',
    'mimamima',
    'nihao',
    'zhongguo',
    'china',
    'xiaobao',
  ],
  ...['5201314', '1314520', '520520', '521521', '147258369', '123qwe', 'qq123456', 'aa123456', '1qaz2wsx'],
  ...['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu'],
  ...['hu', 'guo', 'he', 'lin', 'luo', 'gao', 'zheng', 'liang', 'xie', 'tang', 'song', 'han', 'feng', 'deng'],
  ...['cao', 'peng', 'zeng', 'xiao', 'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'wei'],
  ...['beijing', 'shanghai', 'guangzhou', 'shenzhen', 'huawei', 'xiaomi', 'baidu', 'taobao', 'weixin'],
  ...['dtma', 'youse', 'yousejinshu', 'jinshu', 'shuzihua', 'zhuanxing', 'pinggu', 'chengshudu', 'qiye'],
  ...['tong', 'tongye', 'lvye', 'lv', 'xin', 'qian', 'nie', 'xi', 'meng', 'tai', 'jin', 'yin', 'kuang'],
  ...['caixuan', 'yelian', 'jiagong', 'yejin', 'admin', 'administrator', 'password', 'test', 'demo'],
];

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, dtma: CONTEXT_WORDS },
  });
  return factory;
}

/** Why a password is refused, or undefined when it meets the rules. */
export function passwordProblem(
  password: string,
  userInputs: readonly string[] = [],
):
  | { rule: 'minLength'; min: number }
  | { rule: 'weak'; score: number; minScore: number; warning: string }
  | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return { rule: 'minLength', min: PASSWORD_MIN_LENGTH };
  const inputs = userInputs
    .flatMap((s) => [s, ...s.split(/[@.\s_-]+/)])
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length >= 3);
  // The estimator's cost grows with the length; past 100 characters the first 100 decide.
  const r = estimator().check(password.slice(0, 100), inputs);
  if (r.score < PASSWORD_MIN_SCORE)
    return { rule: 'weak', score: r.score, minScore: PASSWORD_MIN_SCORE, warning: r.feedback.warning ?? '' };
  return undefined;
}

/** Throws VALIDATION on `field` naming the rule a new password breaks. */
export function assertPasswordRules(
  password: string,
  field: string,
  userInputs: readonly string[] = [],
): void {
  if (password.length > PASSWORD_MAX_LENGTH)
    throw validation(`a password has at most ${PASSWORD_MAX_LENGTH} characters`, field, {
      rule: 'maxLength',
      max: PASSWORD_MAX_LENGTH,
    });
  const p = passwordProblem(password, userInputs);
  if (!p) return;
  if (p.rule === 'minLength')
    throw validation(`a password needs at least ${p.min} characters`, field, {
      rule: 'minLength',
      min: p.min,
    });
  throw validation(
    `this password is too easy to guess (strength ${p.score} of 4, at least ${p.minScore} needed)${p.warning ? `: ${p.warning}` : ''}`,
    field,
    { rule: 'weak', score: p.score, minScore: p.minScore, warning: p.warning },
  );
}

/**
 * The signed-in user changes their password: the current one is required (a wrong one counts as a failed login
 * of this account from this address, so the login throttle covers guessing here too); the new one must meet the
 * rules and differ; the user's other sessions end, this one stays.
 */
export async function changePassword(
  ctx: ServiceContext,
  caller: Caller,
  input: { currentPassword: string; newPassword: string; ip: string },
): Promise<void> {
  const { db, options } = ctx;
  const email = caller.user.email;
  const now = options.now();
  await checkLoginThrottle(db, options.loginThrottle, { email, ip: input.ip, now });
  const record = await getLoginRecord(db, email);
  const ok = record?.passwordHash ? await verifyPassword(record.passwordHash, input.currentPassword) : false;
  if (!ok) {
    await recordFailedLogin(db, { email, ip: input.ip, at: now });
    throw validation('the current password is wrong', 'body.currentPassword', { rule: 'wrong-password' });
  }
  if (input.newPassword === input.currentPassword)
    throw validation('the new password is the current one', 'body.newPassword', { rule: 'same' });
  assertPasswordRules(input.newPassword, 'body.newPassword', [email, caller.user.displayName]);
  await setPasswordHash(db, caller.storeActor, {
    id: caller.user.id,
    passwordHash: await hashPassword(input.newPassword, options.passwordCost),
    action: 'password-change',
    ...(caller.session ? { keepSessionId: caller.session.id } : {}),
  });
}

/** Sets a new password with the token of a reset link; the token works once, before it expires. */
export async function resetPassword(
  ctx: ServiceContext,
  input: { token: string; newPassword: string },
): Promise<void> {
  const now = ctx.options.now();
  const invalid = () =>
    new ServiceError('VALIDATION', 'the reset link is invalid, used or expired; ask for a new one', {
      field: 'body.token',
      params: { rule: 'reset-token' },
    });
  const target = await findPasswordReset(ctx.db, input.token, now);
  if (!target) throw invalid();
  assertPasswordRules(input.newPassword, 'body.newPassword', [target.email, target.displayName]);
  const passwordHash = await hashPassword(input.newPassword, ctx.options.passwordCost);
  if (!(await completePasswordReset(ctx.db, { token: input.token, passwordHash, now }))) throw invalid();
}
