/**
 * 用户 (the system administrator): accounts with role and department, searchable by account name,
 * name or department; create, edit, disable; 重置密码 as its own action (issue 34): a new password
 * under the one password rule, which the user must change at their next sign-in (audited as
 * user.passwordReset).
 */
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../shared/domain/password-policy';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/auth-context';
import { useAccountDepartments, useSaveUser, useUsers } from '../api/hooks';
import type { Role, UserRow } from '../api/types';
import { ErrorState } from '../components/page-state';
import { ActionModal } from '../components/action-modal';
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

/** The departments an editor may belong to, as choices (code and name), sorted as the other pickers. */
function useAccountDepartmentOptions(): { value: number; label: string }[] {
  const query = useAccountDepartments();
  return useMemo(
    () =>
      (query.data?.items ?? []).map((d) => ({ value: d.id, label: d.code ? `${d.code} ${d.name}` : d.name })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [query.data],
  );
}

interface FormValues {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  departmentId?: number | null;
  /** A finance account's region (issue 32); none: the whole installation. */
  regionCode?: string | null;
  /** A 财政业务科室审核 account's section (its region is the section's). */
  sectionId?: number | null;
  disabled?: boolean;
}

const ROLES: Role[] = ['editor', 'supervisor', 'section', 'reviewer', 'admin', 'auditor'];
/** Roles bound to a department: an editor's own, a supervisor's 主管部门 (levels of review). */
const ofDepartment = (role: Role | undefined) => role === 'editor' || role === 'supervisor';
/** The role bound to a business section of a region's bureau (财政业务科室审核): its region is the section's. */
const ofSection = (role: Role | undefined) => role === 'section';

function UserModal({ user, open, onClose }: { user: UserRow | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveUser();
  const departments = useAccountDepartmentOptions();
  const role = Form.useWatch('role', form);
  const sections = useSectionOptions(ofSection(role));
  const creating = user === null;

  const submit = async (values: FormValues) => {
    const departmentId = ofDepartment(values.role) ? (values.departmentId ?? null) : null;
    const sectionId = ofSection(values.role) ? (values.sectionId ?? null) : null;
    // a section's account takes its section's region (the server sets it)
    const regionCode = ofDepartment(values.role) || ofSection(values.role) ? null : (values.regionCode ?? null);
    try {
      if (creating) {
        await save.mutateAsync({
          id: null,
          create: { username: values.username.trim(), displayName: values.displayName.trim(), password: values.password ?? '', role: values.role, departmentId, regionCode, sectionId },
        });
        void message.success('已创建用户');
      } else {
        await save.mutateAsync({
          id: user.id,
          patch: {
            displayName: values.displayName.trim(),
            role: values.role,
            departmentId,
            ...(ofSection(values.role) ? { sectionId } : { regionCode, sectionId: null }),
            disabled: values.disabled ?? false,
          },
        });
        void message.success('已保存');
      }
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        form.setFields(
          e.issues.map((i) => ({ name: (Array.isArray(i.path) ? i.path.join('.') : i.path) as keyof FormValues, errors: [i.message] })),
        );
      }
    }
  };

  return (
    <ActionModal
      title={creating ? '新建用户' : `编辑用户 ${user.username}`}
      request={save}
      errorTestId="user-save-error"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      okButtonProps={{ 'data-testid': 'user-save' }}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => void submit(v)}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId, regionCode: user.regionCode ?? null, sectionId: user.sectionId ?? null, disabled: user.disabled }
            : { role: 'editor' }
        }
        data-testid="user-form"
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input aria-label="用户名" disabled={!creating} data-testid="user-username" autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input aria-label="姓名" data-testid="user-display-name" />
        </Form.Item>
        {creating && (
          <Form.Item
            label="密码"
            name="password"
            extra={`至少 ${MIN_PASSWORD_LENGTH} 个字符，不用常见密码，不含用户名；用户首次登录时须修改`}
            rules={[
              { required: true, message: '请输入密码' },
              // The one password rule (shared/domain/password-policy.ts), as the server and the password page apply it.
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  const problem = value ? passwordProblem(value, { username: String(getFieldValue('username') ?? '') }) : null;
                  if (problem) throw new Error(problem);
                },
              }),
            ]}
          >
            <Input.Password aria-label="密码" data-testid="user-password" autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label="角色" name="role" rules={[{ required: true }]}>
          <Select aria-label="角色" data-testid="user-role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        {ofDepartment(role) && (
          <Form.Item
            label={role === 'supervisor' ? '主管部门' : '所属单位'}
            name="departmentId"
            extra={role === 'supervisor' ? '审核该主管部门所属二级单位提交的项目：转报财政或退回' : undefined}
            rules={[{ required: true, message: role === 'supervisor' ? '主管部门审核账号必须属于一个主管部门' : '填报人必须属于一个单位' }]}
          >
            <Select aria-label="单位" data-testid="user-department" showSearch={{ optionFilterProp: 'label' }} options={departments} placeholder="选择单位" />
          </Form.Item>
        )}
        {ofSection(role) && (
          <Form.Item
            label="业务科室"
            name="sectionId"
            extra="审核该科室归口单位报送的项目：转报绩效科或退回；所属区划即科室所在区划。业务科室在“区划与审核层级 → 业务科室”中设置"
            rules={[{ required: true, message: '财政业务科室审核账号必须属于一个业务科室' }]}
          >
            <Select aria-label="业务科室" data-testid="user-section" showSearch={{ optionFilterProp: 'label' }} options={sections} placeholder="选择业务科室" notFoundContent="还没有业务科室" />
          </Form.Item>
        )}
        {role !== undefined && !ofDepartment(role) && !ofSection(role) && (
          <Form.Item label="所属区划" name="regionCode" extra="设置后只能看到该区划及其下级区划的单位和项目；不设置为全部">
            <RegionSelect />
          </Form.Item>
        )}
        {!creating && (
          <Form.Item label="停用" name="disabled" valuePropName="checked">
            <Switch data-testid="user-disabled" />
          </Form.Item>
        )}
      </Form>
    </ActionModal>
  );
}

/** 重置密码: a new password for someone else's account, twice, under the one password rule. */
function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const save = useSaveUser();
  const submit = async ({ password }: { password: string }) => {
    try {
      await save.mutateAsync({ id: user.id, patch: { password } });
      void message.success(`已重置 ${user.username} 的密码：该用户已退出登录，下次登录时须修改密码`);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) form.setFields(e.issues.map((i) => ({ name: 'password' as const, errors: [i.message] })));
    }
  };
  return (
    <ActionModal
      title={`重置密码：${user.displayName}（${user.username}）`}
      request={save}
      errorTestId="reset-password-error"
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置密码"
      okButtonProps={{ 'data-testid': 'reset-password-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" data-testid="reset-password-explain">
        新密码设置后，该用户在所有设备上退出登录，下次登录时须先修改为只有本人知道的密码。此操作记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)} data-testid="reset-password-form">
        <Form.Item
          label="新密码"
          name="password"
          extra={`至少 ${MIN_PASSWORD_LENGTH} 个字符，不用常见密码，不含用户名`}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, value: string | undefined) => {
                const problem = value ? passwordProblem(value, { username: user.username }) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password aria-label="新密码" data-testid="reset-password-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password aria-label="确认新密码" data-testid="reset-password-confirm" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** Whether an account matches a search: its account name, name or department, ignoring case and spaces. */
function matches(u: UserRow, search: string): boolean {
  const q = search.replace(/\s+/g, '').toLowerCase();
  if (q === '') return true;
  return [u.username, u.displayName, u.departmentName ?? '', u.sectionName ?? ''].some((v) => v.replace(/\s+/g, '').toLowerCase().includes(q));
}

export function UsersPage() {
  const query = useUsers();
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [open, setOpen] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const { user: me } = useAuth();
  const [search, setSearch] = useState('');
  const shown = useMemo(() => (query.data ?? []).filter((u) => matches(u, search)), [query.data, search]);
  return (
    <div data-testid="users-page">
      <Space style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          用户
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="user-create"
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          新建用户
        </Button>
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
            { title: '状态', dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>) },
            { title: '创建时间', dataIndex: 'createdAt', render: formatDateTime },
            {
              title: '操作',
              key: 'edit',
              render: (_, u) => (
                <Space size="small">
                  <Button
                    size="small"
                    data-testid="user-edit"
                    onClick={() => {
                      setEditing(u);
                      setOpen(true);
                    }}
                  >
                    编辑
                  </Button>
                  {/* One's own password is changed on 修改密码, with the current one. */}
                  <Button
                    size="small"
                    icon={<KeyOutlined />}
                    data-testid="user-reset-password"
                    disabled={u.id === me?.id}
                    title={u.id === me?.id ? '自己的密码请在“修改密码”中修改' : undefined}
                    onClick={() => setResetting(u)}
                  >
                    重置密码
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <UserModal key={editing?.id ?? 'new'} user={editing} open={open} onClose={() => setOpen(false)} />
      {resetting && <ResetPasswordModal key={resetting.id} user={resetting} onClose={() => setResetting(null)} />}
    </div>
  );
}
