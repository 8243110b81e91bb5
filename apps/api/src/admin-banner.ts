/**
 * The one-time password of the first admin, framed so it stands out from the log lines around it.
 * Printed once; the admin must change it at first login.
 */
export function adminBanner(username: string, password: string, baseUrl: string): string {
  const lines = [
    '首次启动：已创建管理员账号（此密码只显示这一次）',
    '',
    `  用户名：${username}`,
    `  一次性密码：${password}`,
    '',
    `首次登录须修改密码。登录：POST ${baseUrl}/api/v1/auth/login`,
    `接口文档：${baseUrl}/api/docs`,
  ];
  const width = Math.max(...lines.map(displayWidth)) + 4;
  const rule = '═'.repeat(width);
  const body = lines.map((l) => `║  ${l}${' '.repeat(width - 2 - displayWidth(l))}║`);
  return ['', `╔${rule}╗`, ...body, `╚${rule}╝`, ''].join('\n') + '\n';
}

/** Terminal columns: CJK and full-width punctuation take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return width;
}
