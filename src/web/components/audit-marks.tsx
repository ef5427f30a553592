/**
 * What the security auditor's page adds for 三员分立 (issue 57): the mark of what an account did in
 * its first day after a one-time code (an administrator handed that code over: was it the owner who
 * used it?), and the notice, at sign-in, of what others changed of the auditor's own account.
 */
import { Alert, Tag, Tooltip } from 'antd';
import type { AfterCode } from '../../shared/api/audit';
import { auditActionLabel } from '../../shared/audit/actions';
import { auditActorName } from '../../shared/audit/history';
import { afterCodeText, detailText } from '../../shared/audit/log-entry';
import { useAccountChanges } from '../api/account-hooks';
import { formatDateTime } from '../lib/format';

/** 一次性密码登录后: the tag of a marked entry or sign-in, who gave the code and when in its tooltip. */
export function AfterCodeTag({ mark }: { mark: AfterCode | null }) {
  if (mark === null) return null;
  return (
    <Tooltip title={afterCodeText(mark)}>
      <Tag color="volcano" data-testid="after-code" style={{ marginInlineStart: 6 }}>
        一次性密码登录后
      </Tag>
    </Tooltip>
  );
}

/** What others changed of this account since its previous sign-in (nothing shown when nothing changed). */
export function AccountChangesNotice() {
  const query = useAccountChanges();
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable
      style={{ marginBottom: 16 }}
      data-testid="account-changes"
      title={`${query.data!.since ? `自您上次登录（${formatDateTime(query.data!.since)}）以来` : '自账号建立以来'}，您的账号有 ${items.length} 项由他人所做的修改`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {items.map((e) => (
            <li key={e.id} data-testid="account-change">
              {formatDateTime(e.at)} {auditActorName(e)} {auditActionLabel(e.action)}：{detailText(e)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
