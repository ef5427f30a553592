/**
 * The password policy (NIST SP 800-63B: length and a list of known-bad passwords rather than
 * composition rules): at least MIN_PASSWORD_LENGTH characters (or the longer least length the
 * security administrator set, shared/domain/security-policy.ts), not one of the commonly used
 * passwords below, not the username (nor containing it), and never the demo accounts' published
 * password outside demo mode. Pure: the server enforces it, the browser shows the same message.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** The password of every demo account (`jixiao serve --demo`): published, so usable only in demo mode. */
export const DEMO_PASSWORD = 'jixiao-demo';

/**
 * Passwords of at least MIN_PASSWORD_LENGTH characters that lead the published lists of leaked
 * passwords, and their Chinese favourites (pinyin, keyboard walks, 520/1314 love numbers), compared
 * without case. Short ones need no entry: the length rule refuses them.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '9876543210', '0987654321', '1111111111', '0000000000', '1234512345',
  '1234554321', '1122334455', '1212121212', '1qaz2wsx3edc', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456', 'asdfghjkl;', 'asdfghjkl1', 'zxcvbnm123',
  '1qazxsw23edc', 'qazwsxedcrfv', 'password12', 'password123', 'password1234', 'passw0rd123', 'p@ssw0rd123',
  'password!1', 'iloveyou12', 'iloveyou123', 'abc1234567', 'abcd123456', 'abcdefghij', 'a123456789',
  'aa12345678', 'a1234567890', 'admin12345', 'admin123456', 'administrator', 'root123456', 'welcome123',
  'letmein123', 'woaini1314', 'woaini520', '5201314520', '1314520520', 'woaiwojia1', 'zhang123456',
  'wang123456', 'li12345678', 'liu1234567', 'chen123456', 'test123456', 'test12345678', 'changeme123',
  'jixiao12345', 'jixiao123456', 'jixiaoadmin', 'admin@12345', 'admin@123456', 'zaq12wsxcde',
]);

export interface PasswordContext {
  username: string;
  /** The demo password is acceptable only in demo mode. */
  demo?: boolean;
  /** The least length the installation's policy asks for (default MIN_PASSWORD_LENGTH). */
  minLength?: number;
}

/** Why this password may not be set, for people; null when it may. */
export function passwordProblem(password: string, ctx: PasswordContext): string | null {
  const minLength = Math.max(MIN_PASSWORD_LENGTH, ctx.minLength ?? MIN_PASSWORD_LENGTH);
  if ([...password].length < minLength) return `密码至少 ${minLength} 个字符`;
  if ([...password].length > MAX_PASSWORD_LENGTH) return `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`;
  const lower = password.toLowerCase();
  if (lower === DEMO_PASSWORD) return ctx.demo ? null : '不能使用演示账号的公开密码';
  if (COMMON_PASSWORDS.has(lower)) return '密码过于常见，容易被猜到，请换一个';
  // Containing a short username ("li") is left alone: it would refuse too many good passwords.
  const username = ctx.username.trim().toLowerCase();
  if (username !== '' && (lower === username || (username.length >= 4 && lower.includes(username)))) return '密码不能与用户名相同，也不能包含用户名';
  return null;
}
