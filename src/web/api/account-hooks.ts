/**
 * The accounts (三员分立, issue 57): the administrators' list, the system administrator's changes
 * (new accounts, names, disabling, one-time codes, locks), the security administrator's roles and
 * policies, the auditor's notice of changes to its own account, and the rules a new password follows.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountChangesResponse } from '../../shared/api/audit';
import type { AccountDepartmentsResponse, AssignRoleBody, CreateUserBody, OneTimeCodeResponse, PasswordRulesResponse, UpdateUserBody, UserAccount } from '../../shared/api/auth';
import type { SecurityPolicy } from '../../shared/domain/security-policy';
import { useApi } from './api-context';

export function useUsers() {
  const api = useApi();
  return useQuery({ queryKey: ['users'], queryFn: () => api.get<UserAccount[]>('/api/users') });
}

/** Every change of an account answers with the account (or its one-time code): the list is read again. */
function useAccountMutation<A, R>(send: (api: ReturnType<typeof useApi>, arg: A) => Promise<R>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (arg: A) => send(api, arg), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }) });
}

/** The system administrator: a new account (no role), answered with its one-time code. */
export const useCreateUser = () => useAccountMutation((api, body: CreateUserBody) => api.send<OneTimeCodeResponse>('POST', '/api/users', body));

/** A name, disabled or enabled. */
export const useChangeUser = () => useAccountMutation((api, arg: { id: number; patch: UpdateUserBody }) => api.send<UserAccount>('PATCH', `/api/users/${arg.id}`, arg.patch));

/** The security administrator's 授权. */
export const useAssignRole = () => useAccountMutation((api, arg: { id: number; body: AssignRoleBody }) => api.send<UserAccount>('PUT', `/api/users/${arg.id}/role`, arg.body));

/** A forgotten password: a new one-time code. */
export const useIssueCode = () => useAccountMutation((api, id: number) => api.send<OneTimeCodeResponse>('POST', `/api/users/${id}/one-time-code`));

export const useUnlockUser = () => useAccountMutation((api, id: number) => api.send<UserAccount>('POST', `/api/users/${id}/unlock`));

/** The departments an account may belong to (the security administrator's 授权; 三员分立: no business data). */
export function useAccountDepartments(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ['users', 'departments'], queryFn: () => api.get<AccountDepartmentsResponse>('/api/users/departments'), enabled });
}

export function useSecurityPolicy() {
  const api = useApi();
  return useQuery({ queryKey: ['security-policy'], queryFn: () => api.get<SecurityPolicy>('/api/security/policy') });
}

export function useSaveSecurityPolicy() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: SecurityPolicy) => api.send<SecurityPolicy>('PUT', '/api/security/policy', policy),
    onSuccess: (saved) => queryClient.setQueryData(['security-policy'], saved),
  });
}

/** What a new password must be (the policy's least length), for the forms that set one. */
export function usePasswordRules() {
  const api = useApi();
  return useQuery({ queryKey: ['password-rules'], queryFn: () => api.get<PasswordRulesResponse>('/api/auth/password-policy'), staleTime: 5 * 60_000 });
}

/** The auditor's notice: what others changed of its account since its previous sign-in. */
export function useAccountChanges() {
  const api = useApi();
  return useQuery({ queryKey: ['audit', 'my-account'], queryFn: () => api.get<AccountChangesResponse>('/api/audit/my-account'), staleTime: Infinity });
}
