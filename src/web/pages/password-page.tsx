/**
 * 修改密码: the signed-in user's own password. The current one is required; the new one follows the
 * password policy (shared/domain/password-policy.ts with the security administrator's least length,
 * checked here as one types and again by the server). The user's other sessions end. A user signed
 * in with a one-time code, or whose password outlived the policy, lands here first; an account
 * without a role lands here and is told to ask the security administrator for one.
 */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../shared/domain/password-policy';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/auth-context';
import { safeNext } from '../components/layouts';
import { usePasswordRules } from '../api/account-hooks';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordPage() {
  const { user, changePassword } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const rules = usePasswordRules();
  if (!user) return null;
  const forced = user.mustChangePassword;
  const minLength = Math.max(MIN_PASSWORD_LENGTH, rules.data?.minLength ?? MIN_PASSWORD_LENGTH);

  const onFinish = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      form.resetFields();
      if (forced) navigate(safeNext(params.get('next')), { replace: true });
      else setDone(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="修改密码" style={{ maxWidth: 520 }} data-testid="password-page">
      {forced && (
        <Alert
          data-testid="password-forced"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={user.passwordExpired ? '您的密码已超过有效期，请先设置新密码，再继续使用系统。' : '您正在使用管理员发放的一次性密码，请先设置只有您知道的新密码，再继续使用系统。'}
        />
      )}
      {user.role === 'unassigned' && !forced && (
        <Alert data-testid="password-unassigned" type="info" showIcon style={{ marginBottom: 16 }} title="您的账号尚未分配角色：请联系安全管理员授权后再使用系统。" />
      )}
      <Typography.Paragraph type="secondary">
        新密码至少 {minLength} 个字符，不能是常见密码，也不能包含用户名。修改后，本账号在其他设备上的登录会结束。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="password-form" onValuesChange={() => setDone(false)}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password aria-label="当前密码" autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, value: string | undefined) => {
                const problem = value ? passwordProblem(value, { username: user.username, minLength }) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        {error && <Alert data-testid="password-error" type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        {done && <Alert data-testid="password-done" type="success" title="密码已修改" showIcon style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
