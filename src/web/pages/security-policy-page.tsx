/**
 * 安全策略 (the security administrator, issue 57): the password and session policies — a password's
 * least length and lifetime, the idle timeout and the longest session, a one-time code's time, the
 * lock after failed sign-ins — each with its unit and bounds (shared/domain/security-policy.ts,
 * checked here as one types and again by the server). Saved together; audited.
 */
import { Alert, App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { POLICY_FIELD_NAMES, POLICY_FIELDS, policyProblems, type PolicyField, type SecurityPolicy } from '../../shared/domain/security-policy';
import { ApiError } from '../api/client';
import { useSaveSecurityPolicy, useSecurityPolicy } from '../api/account-hooks';
import { ErrorState, Loading } from '../components/page-state';

/** What each setting does, for the person setting it. */
const HELP: Record<PolicyField, string> = {
  passwordMinLength: '每个新密码（修改密码、一次性密码登录后）至少这么长；已有的密码到下次修改时适用',
  passwordMaxAgeDays: '密码用了这么多天后，登录后须先修改；0 为不限',
  sessionIdleMinutes: '这么久没有操作，登录自动结束；缩短后立即适用于已登录的会话',
  sessionMaxHours: '无论是否操作，登录后最长这么久须重新登录；缩短后立即适用于已登录的会话',
  codeValidHours: '新账号和重置的一次性密码须在这段时间内登录',
  lockAfterFailures: '连续这么多次登录失败后锁定账号，系统管理员可解锁；0 为不锁定（仍按地址和用户名限制登录频率）。锁定也可能被他人故意触发，请权衡',
  lockMinutes: '锁定多久后自动解除',
};

export function SecurityPolicyPage() {
  const { message } = App.useApp();
  const query = useSecurityPolicy();
  const save = useSaveSecurityPolicy();
  const [form] = Form.useForm<SecurityPolicy>();
  useEffect(() => {
    if (query.data) form.setFieldsValue(query.data);
  }, [query.data, form]);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;

  const onFinish = (values: SecurityPolicy) => {
    const problems = policyProblems(values);
    if (problems.length > 0) {
      form.setFields(problems.map((p) => ({ name: p.path, errors: [p.message] })));
      return;
    }
    save.mutate(values, {
      onSuccess: () => void message.success('安全策略已保存'),
      onError: (e) => {
        if (e instanceof ApiError) form.setFields(e.issues.map((i) => ({ name: String(i.path) as PolicyField, errors: [i.message] })));
      },
    });
  };

  return (
    <div data-testid="security-policy-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        安全策略
      </Typography.Title>
      <Typography.Paragraph type="secondary">密码和登录会话的策略，由安全管理员设置（三员分立）；每次修改记入审计日志，安全审计员可查。</Typography.Paragraph>
      <Card style={{ maxWidth: 720 }}>
        <Form form={form} layout="vertical" initialValues={query.data} onFinish={onFinish} requiredMark={false} data-testid="security-policy-form">
          {POLICY_FIELD_NAMES.map((field) => {
            const rule = POLICY_FIELDS[field];
            return (
              <Form.Item key={field} label={rule.label} name={field} extra={HELP[field]} rules={[{ required: true, message: `请填写${rule.label}` }]}>
                <InputNumber aria-label={rule.label} min={rule.min} max={rule.max} precision={0} suffix={rule.unit} style={{ width: 200 }} data-testid={`policy-${field}`} />
              </Form.Item>
            );
          })}
          {save.error != null && !(save.error instanceof ApiError && save.error.issues.length > 0) && (
            <Alert type="error" showIcon title={save.error instanceof Error ? save.error.message : '保存失败'} style={{ marginBottom: 16 }} />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
              保存
            </Button>
            <Button onClick={() => form.setFieldsValue(query.data)}>恢复</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
