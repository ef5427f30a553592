/**
 * 用户: the accounts, for the two administrators of accounts (三员分立, issue 57), each with its own
 * actions on each account (shared/domain/duties.ts accountActionRefusal, the server's rule):
 *
 * - the system administrator creates accounts (username and name, no role) and gives them a one-time
 *   code, shown once in a dialog; renames, disables, enables and unlocks them; gives a new code to an
 *   account whose password was forgotten;
 * - the security administrator assigns roles (授权: role with its department, region or section) and
 *   renames, disables, enables and unlocks the security auditor's account.
 *
 * Accounts are searchable by account name, name or department.
 */
import { KeyOutlined, PlusOutlined, SafetyOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography, type ButtonProps, type FormInstance } from 'antd';
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { accountActionRefusal, ASSIGNABLE_ROLES, belongsToDepartment, belongsToSection, type AccountAction } from '../../shared/domain/duties';
import type { OneTimeCodeResponse } from '../../shared/api/auth';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/auth-context';
import { useAccountDepartments, useAssignRole, useChangeUser, useCreateUser, useIssueCode, useUnlockUser, useUsers } from '../api/account-hooks';
import type { Role, UserRow } from '../api/types';
import { ErrorState } from '../components/page-state';
import { ActionModal, whenValid } from '../components/action-modal';
import { formatDateTime } from '../lib/format';
import { ROLE_LABELS } from '../lib/labels';
import { RegionSelect } from '../components/region-select';
import { useRegions, useSections } from '../api/region-hooks';

/** The business sections a 财政业务科室审核 account may belong to, as choices grouped by region ("路南区 · 行政政法科"). */
function useSectionOptions(enabled: boolean): { label: string; title: string; options: { value: number; label: string }[] }[] {
  const sections = useSections();
  const regions = useRegions();
  return useMemo(() => {
    if (!enabled) return [];
    const names = new Map((regions.data?.items ?? []).map((r) => [r.code, r.name]));
    const groups = new Map<string, { value: number; label: string }[]>();
    for (const s of sections.data?.items ?? []) {
      const region = names.get(s.regionCode) ?? s.regionCode;
      groups.set(region, [...(groups.get(region) ?? []), { value: s.id, label: `${region} · ${s.name}` }]);
    }
    return [...groups].map(([region, options]) => ({ label: region, title: region, options }));
  }, [enabled, sections.data, regions.data]);
}

/** The departments an account may belong to, as choices (code and name), sorted as the other pickers. */
function useAccountDepartmentOptions(): { value: number; label: string }[] {
  const query = useAccountDepartments();
  return useMemo(
    () =>
      (query.data?.items ?? []).map((d) => ({ value: d.id, label: d.code ? `${d.code} ${d.name}` : d.name })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [query.data],
  );
}

/** The server's issues about a form's fields, beside the fields (the others show in the dialog's failure). */
function showIssues<T>(form: FormInstance<T>, e: unknown): void {
  if (e instanceof ApiError && e.issues.length > 0) {
    form.setFields(e.issues.filter((i) => i.path !== '').map((i) => ({ name: String(i.path) as never, errors: [i.message] })));
  }
}

/** 新建用户 (the system administrator): username and name; the answer's one-time code goes to `onCode`. */
function CreateUserModal({ onClose, onCode }: { onClose: () => void; onCode: (code: OneTimeCodeResponse) => void }) {
  const [form] = Form.useForm<{ username: string; displayName: string }>();
  const create = useCreateUser();
  return (
    <ActionModal
      title="新建用户"
      request={create}
      errorTestId="user-save-error"
      open
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => create.mutateAsync({ username: v.username.trim(), displayName: v.displayName.trim() }).then(onCode, (e: unknown) => showIssues(form, e)))}
      okText="建立账号"
      okButtonProps={{ 'data-testid': 'user-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        建立后系统生成一次性密码，只显示这一次，请交给本人；本人首次登录时须改为只有自己知道的密码。账号的角色由安全管理员分配（三员分立）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} data-testid="user-form">
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input aria-label="用户名" data-testid="user-username" autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input aria-label="姓名" data-testid="user-display-name" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 编辑 (the system administrator; the auditor's account: the security administrator): name and disabled. */
function EditUserModal({ user, mayDisable, onClose }: { user: UserRow; mayDisable: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string; disabled: boolean }>();
  const change = useChangeUser();
  const save = (v: { displayName: string; disabled: boolean }) =>
    change.mutateAsync({ id: user.id, patch: { displayName: v.displayName.trim(), ...(mayDisable ? { disabled: v.disabled } : {}) } }).then(() => {
      void message.success('已保存');
      onClose();
    }, (e: unknown) => showIssues(form, e));
  return (
    <ActionModal
      title={`编辑用户 ${user.username}`}
      request={change}
      errorTestId="user-save-error"
      open
      onCancel={onClose}
      onOk={() => whenValid(form, save)}
      okText="保存"
      okButtonProps={{ 'data-testid': 'user-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ displayName: user.displayName, disabled: user.disabled || user.disableRequestedBy !== null }} data-testid="user-form">
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input aria-label="姓名" data-testid="user-display-name" />
        </Form.Item>
        {mayDisable && (
          <Form.Item
            label={user.role === 'auditor' && !user.disabled ? '申请停用' : '停用'}
            name="disabled"
            valuePropName="checked"
            extra={user.role === 'auditor' && !user.disabled ? '安全审计员的账号须经系统管理员同意才停用（三员分立）；关闭即撤回申请' : '停用的账号立即退出登录，不能再登录'}
          >
            <Switch data-testid="user-disabled" />
          </Form.Item>
        )}
      </Form>
    </ActionModal>
  );
}

interface RoleValues {
  role: Role;
  departmentId?: number | null;
  regionCode?: string | null;
  sectionId?: number | null;
}

/** 授权 (the security administrator): a business role with its department, region or section; or none. */
function RoleModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleValues>();
  const assign = useAssignRole();
  const role = Form.useWatch('role', form);
  const departments = useAccountDepartmentOptions();
  const sections = useSectionOptions(belongsToSection(role ?? 'unassigned'));
  const save = (v: RoleValues) =>
    assign
      .mutateAsync({
        id: user.id,
        body: {
          role: v.role,
          departmentId: belongsToDepartment(v.role) ? (v.departmentId ?? null) : null,
          sectionId: belongsToSection(v.role) ? (v.sectionId ?? null) : null,
          regionCode: v.role === 'reviewer' ? (v.regionCode ?? null) : null,
        },
      })
      .then(() => {
        void message.success(`已为 ${user.username} 分配角色：${ROLE_LABELS[v.role]}`);
        onClose();
      }, (e: unknown) => showIssues(form, e));
  return (
    <ActionModal
      title={`授权：${user.displayName}（${user.username}）`}
      request={assign}
      errorTestId="role-save-error"
      open
      onCancel={onClose}
      onOk={() => whenValid(form, save)}
      okText="保存授权"
      okButtonProps={{ 'data-testid': 'role-save' }}
      destroyOnHidden
    >
      <Form<RoleValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ role: ASSIGNABLE_ROLES.includes(user.role) ? user.role : 'unassigned', departmentId: user.departmentId, regionCode: user.regionCode ?? null, sectionId: user.sectionId ?? null }}
        data-testid="role-form"
      >
        <Form.Item label="角色" name="role" rules={[{ required: true }]} extra="管理员账号（系统管理员、安全管理员、安全审计员）只在服务器上建立，不在此分配">
          <Select aria-label="角色" data-testid="user-role" options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        {role !== undefined && belongsToDepartment(role) && (
          <Form.Item
            label={role === 'supervisor' ? '主管部门' : '所属单位'}
            name="departmentId"
            extra={role === 'supervisor' ? '审核该主管部门所属二级单位提交的项目：转报财政或退回' : undefined}
            rules={[{ required: true, message: role === 'supervisor' ? '主管部门审核账号必须属于一个主管部门' : '填报人必须属于一个单位' }]}
          >
            <Select aria-label="单位" data-testid="user-department" showSearch={{ optionFilterProp: 'label' }} options={departments} placeholder="选择单位" />
          </Form.Item>
        )}
        {role !== undefined && belongsToSection(role) && (
          <Form.Item
            label="业务科室"
            name="sectionId"
            extra="审核该科室归口单位报送的项目：转报绩效科或退回；所属区划即科室所在区划。业务科室由系统管理员在“区划与审核层级 → 业务科室”中设置"
            rules={[{ required: true, message: '财政业务科室审核账号必须属于一个业务科室' }]}
          >
            <Select aria-label="业务科室" data-testid="user-section" showSearch={{ optionFilterProp: 'label' }} options={sections} placeholder="选择业务科室" notFoundContent="还没有业务科室" />
          </Form.Item>
        )}
        {role === 'reviewer' && (
          <Form.Item label="所属区划" name="regionCode" extra="设置后只能看到该区划及其下级区划的单位和项目；不设置为全部">
            <RegionSelect />
          </Form.Item>
        )}
      </Form>
    </ActionModal>
  );
}

/** The one-time code of a new account or a reset, shown once: to be handed to the person. */
function CodeModal({ code, onClose }: { code: OneTimeCodeResponse; onClose: () => void }) {
  return (
    <Modal
      title={`一次性密码：${code.account.displayName}（${code.account.username}）`}
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" data-testid="code-close" onClick={onClose}>
          我已交给本人，关闭
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title="只显示这一次"
        description={`请当面或通过安全渠道交给本人。它在 ${formatDateTime(code.expiresAt)} 前只能登录一次，登录后须改为只有本人知道的密码；不是本人使用的，审计日志会标出。`}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph copyable={{ text: code.oneTimeCode, tooltips: ['复制', '已复制'] }} style={{ fontSize: 22, fontFamily: 'monospace', letterSpacing: 2, textAlign: 'center' }} data-testid="one-time-code">
        {code.oneTimeCode}
      </Typography.Paragraph>
    </Modal>
  );
}

/** Whether an account matches a search: its account name, name or department, ignoring case and spaces. */
function matches(u: UserRow, search: string): boolean {
  const q = search.replace(/\s+/g, '').toLowerCase();
  if (q === '') return true;
  return [u.username, u.displayName, u.departmentName ?? '', u.sectionName ?? ''].some((v) => v.replace(/\s+/g, '').toLowerCase().includes(q));
}

/** The account's state in words: disabled, locked, waiting for its code's sign-in, without a role. */
function statusTags(u: UserRow, now: number): ReactNode[] {
  const tags: ReactNode[] = [];
  if (u.disabled) tags.push(<Tag key="disabled" color="red">已停用</Tag>);
  if (u.disableRequestedBy) tags.push(<Tag key="disable-request" color="orange">待停用（{u.disableRequestedBy} 申请，待系统管理员同意）</Tag>);
  if (u.lockedUntil && Date.parse(u.lockedUntil) > now) tags.push(<Tag key="locked" color="orange">已锁定至 {formatDateTime(u.lockedUntil)}</Tag>);
  if (u.codeExpiresAt) {
    tags.push(Date.parse(u.codeExpiresAt) > now ? <Tag key="code" color="blue">待首次登录（至 {formatDateTime(u.codeExpiresAt)}）</Tag> : <Tag key="code">一次性密码已过期</Tag>);
  }
  if (u.role === 'unassigned') tags.push(<Tag key="role" color="gold">待授权</Tag>);
  if (tags.length === 0) tags.push(<Tag key="ok" color="green">正常</Tag>);
  return tags;
}

const INTRO: Partial<Record<Role, string>> = {
  admin: '系统管理员建立、停用和解锁账号，为忘记密码的账号发放一次性密码；角色由安全管理员分配，安全审计员的账号由安全管理员管理（三员分立）。',
  security: '安全管理员为账号分配角色（授权），并管理安全审计员的账号；账号由系统管理员建立，一次性密码由系统管理员发放（三员分立）。',
};

export function UsersPage() {
  const { message, modal } = App.useApp();
  const query = useUsers();
  const { user: me } = useAuth();
  const issueCode = useIssueCode();
  const unlock = useUnlockUser();
  const change = useChangeUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [assigning, setAssigning] = useState<UserRow | null>(null);
  const [code, setCode] = useState<OneTimeCodeResponse | null>(null);
  const [search, setSearch] = useState('');
  const shown = useMemo(() => (query.data ?? []).filter((u) => matches(u, search)), [query.data, search]);
  if (!me) return null;
  const may = (action: AccountAction, u: UserRow | null) => accountActionRefusal(me, action, u) === null;
  const now = Date.now();

  const askCode = (u: UserRow) =>
    modal.confirm({
      title: `为 ${u.displayName}（${u.username}）发放一次性密码？`,
      content: '该账号的原密码作废，在所有设备上退出登录；本人须用一次性密码登录后设置新密码。此操作记入审计日志。',
      okText: '发放',
      okButtonProps: { 'data-testid': 'code-confirm' } as ButtonProps,
      onOk: () => issueCode.mutateAsync(u.id).then(setCode, (e: unknown) => void message.error(e instanceof Error ? e.message : '发放失败')),
    });

  const askConsent = (u: UserRow) =>
    modal.confirm({
      title: `同意停用安全审计员 ${u.displayName}（${u.username}）的账号？`,
      content: `安全管理员 ${u.disableRequestedBy ?? ''} 申请停用。停用后该账号立即退出登录，在安全管理员重新启用之前无人查看审计日志。此操作记入审计日志。`,
      okText: '同意停用',
      okButtonProps: { danger: true, 'data-testid': 'disable-consent-confirm' } as ButtonProps,
      onOk: () => change.mutateAsync({ id: u.id, patch: { disabled: true } }).then(() => void message.success(`已停用 ${u.username}`), (e: unknown) => void message.error(e instanceof Error ? e.message : '停用失败')),
    });

  return (
    <div data-testid="users-page">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          用户
        </Typography.Title>
        {may('create', null) && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="user-create" onClick={() => setCreating(true)}>
            新建用户
          </Button>
        )}
        <Input.Search
          aria-label="搜索用户"
          data-testid="user-search"
          placeholder="搜索用户名、姓名或单位"
          allowClear
          style={{ width: 260 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </Space>
      {INTRO[me.role] && (
        <Typography.Paragraph type="secondary" data-testid="users-intro">
          {INTRO[me.role]}
        </Typography.Paragraph>
      )}
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<UserRow>
          data-testid="users-table"
          rowKey="id"
          loading={query.isFetching}
          dataSource={shown}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 个账号` }}
          locale={{ emptyText: query.isPending ? '加载中…' : search ? '没有符合搜索的用户' : '没有用户' }}
          onRow={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] },
            { title: '所属单位', dataIndex: 'departmentName', render: (n: string | null, u) => n ?? u.sectionName ?? '—' },
            { title: '所属区划', dataIndex: 'regionName', render: (n: string | null | undefined, u) => n ?? u.regionCode ?? '—' },
            { title: '状态', key: 'status', render: (_, u) => <span data-testid="user-status">{statusTags(u, now)}</span> },
            { title: '创建时间', dataIndex: 'createdAt', render: formatDateTime },
            {
              title: '操作',
              key: 'actions',
              render: (_, u) => {
                const buttons = [
                  may('rename', u) && (
                    <Button key="edit" size="small" data-testid="user-edit" onClick={() => setEditing(u)}>
                      编辑
                    </Button>
                  ),
                  may('assignRole', u) && (
                    <Button key="assign" size="small" icon={<SafetyOutlined />} data-testid="user-assign" onClick={() => setAssigning(u)}>
                      授权
                    </Button>
                  ),
                  may('code', u) && (
                    <Button key="code" size="small" icon={<KeyOutlined />} data-testid="user-code" onClick={() => askCode(u)}>
                      一次性密码
                    </Button>
                  ),
                  // the auditor's account, asked to be disabled: the system administrator's consent or refusal (issue 72)
                  me.role === 'admin' && u.role === 'auditor' && may('disable', u) && (
                    <Button key="consent" size="small" danger data-testid="user-disable-consent" onClick={() => askConsent(u)}>
                      同意停用
                    </Button>
                  ),
                  me.role === 'admin' && u.role === 'auditor' && may('disable', u) && (
                    <Button key="decline" size="small" data-testid="user-disable-decline" onClick={() => void change.mutateAsync({ id: u.id, patch: { disabled: false } }).then(() => void message.success('已不同意停用'), (e: unknown) => void message.error(e instanceof Error ? e.message : '操作失败'))}>
                      不同意停用
                    </Button>
                  ),
                  may('unlock', u) && u.lockedUntil !== null && Date.parse(u.lockedUntil) > now && (
                    <Button key="unlock" size="small" icon={<UnlockOutlined />} data-testid="user-unlock" onClick={() => void unlock.mutateAsync(u.id).then(() => void message.success(`已解除 ${u.username} 的锁定`))}>
                      解锁
                    </Button>
                  ),
                ].filter(Boolean);
                // another administrator's account: nothing of it is this administrator's to change (三员分立)
                return buttons.length > 0 ? <Space size="small" wrap>{buttons}</Space> : <Typography.Text type="secondary">—</Typography.Text>;
              },
            },
          ]}
        />
      )}
      {creating && (
        <CreateUserModal
          onClose={() => setCreating(false)}
          onCode={(c) => {
            setCreating(false);
            setCode(c);
          }}
        />
      )}
      {editing && <EditUserModal key={editing.id} user={editing} mayDisable={may('disable', editing)} onClose={() => setEditing(null)} />}
      {assigning && <RoleModal key={assigning.id} user={assigning} onClose={() => setAssigning(null)} />}
      {code && <CodeModal code={code} onClose={() => setCode(null)} />}
    </div>
  );
}
