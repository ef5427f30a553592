/**
 * Request and response schemas of the accounts API (sessions, login, users), shared by the server
 * routes (validation, OpenAPI) and the browser (types). Field rules live here once.
 */
import { z } from 'zod';
import { ASSIGNABLE_ROLES, belongsToDepartment, belongsToSection, ROLE_NAMES, ROLES, type Role } from '../domain/duties';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/password-policy';
import { visibleNameSchema } from './model';

/** The roles and their duties (三员分立): shared/domain/duties.ts. */
export const USER_ROLES = ROLES;
export type UserRole = Role;

/** 系统管理员 / 安全管理员 / 安全审计员 / 财政局绩效科 (reviewer) / 主管部门审核 / 财政业务科室审核 / 预算单位填报人 (editor) / 未分配角色. */
export const USER_ROLE_LABELS: Record<UserRole, string> = ROLE_NAMES;

/** Why a business section's account cannot be made without a section. */
export const SECTION_ACCOUNT_NEEDS_SECTION = '财政业务科室审核账号必须属于一个业务科室';

/** The signed-in user as every response names them. */
export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  /** The editor's department, the supervisor's 主管部门; null for the other roles. */
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  /**
   * The password is a one-time code an administrator gave, or it has outlived the policy's
   * password lifetime (passwordExpired): nothing but changing it (POST /api/auth/password) until it is.
   */
  mustChangePassword: z.boolean(),
  /** The password must be changed because it is older than the policy allows (not a one-time code). */
  passwordExpired: z.boolean().optional(),
  /** A finance account's region (six-digit 区划 code): it sees that region and the regions below; null or absent: the whole installation. */
  regionCode: z.string().nullable().optional(),
  /** The region's name (区划表), when the tree has it. */
  regionName: z.string().nullable().optional(),
  /** A business section's account (财政业务科室审核): its section (its region is regionCode); null or absent for the other roles. */
  sectionId: z.number().int().nullable().optional(),
  sectionName: z.string().nullable().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** GET /api/auth/session, POST /api/auth/login and /logout: who is signed in and the CSRF token to echo. */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema.nullable(),
  /** Send it as header `x-csrf-token` on every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** Lower-case letters, digits, '-', '_' and '.': safe in URLs, logs and the demo table. */
const usernameSchema = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(64, '用户名最多 64 个字符')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, '用户名只能包含小写字母、数字和 . _ -，且以字母或数字开头');
/** Cleaned of bidirectional controls and zero-width characters, like every name. */
const displayNameSchema = visibleNameSchema('请输入姓名', 100);
/** Length here; the rest of the policy (common passwords, the username) in shared/domain/password-policy.ts, checked by the service. */
const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
  .max(MAX_PASSWORD_LENGTH, `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`);

/** POST /api/auth/password: the signed-in user's own password. */
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(MAX_PASSWORD_LENGTH),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** An account as the administrators' list of accounts shows it. */
export const userAccountSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  /** When the password was last set (by its owner, or as a one-time code); null for accounts older than that record. */
  passwordChangedAt: z.string().nullable(),
  /** Locked after failed sign-ins until then (the policy's lock); null or past: not locked. */
  lockedUntil: z.string().nullable(),
  /** A one-time code waits for its first sign-in until then; null when there is none waiting. */
  codeExpiresAt: z.string().nullable(),
  /** The auditor's account: the security administrator asked to disable it (who, when), awaiting the system administrator's consent. */
  disableRequestedBy: z.string().nullable(),
  disableRequestedAt: z.string().nullable(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

export const userListResponseSchema = z.array(userAccountSchema);

/**
 * GET /api/users/departments: the departments an editor's account may belong to (id, code, name
 * only) — what the security administrator needs to assign them, without the business data of
 * GET /api/departments (三员分立).
 */
export const accountDepartmentsResponseSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() })),
});
export type AccountDepartmentsResponse = z.infer<typeof accountDepartmentsResponseSchema>;

/** Why a password or a role sent with an account is refused (三员分立: neither is the system administrator's to set). */
export const ACCOUNT_FIELDS_REFUSAL = '只能设置用户名、姓名和停用：密码由本人设置（忘记时发放一次性密码），角色由安全管理员分配（三员分立）';

/**
 * POST /api/users (the system administrator): an account's username and name. It has no role until
 * the security administrator assigns one, and a one-time code (the answer) as its password.
 */
export const createUserBodySchema = z.strictObject(
  {
    username: usernameSchema,
    displayName: displayNameSchema,
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? ACCOUNT_FIELDS_REFUSAL : undefined) },
);
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** PATCH /api/users/:id: the account's name, its being disabled; only the fields given change. */
export const updateUserBodySchema = z.strictObject(
  {
    displayName: displayNameSchema.optional(),
    disabled: z.boolean().optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? ACCOUNT_FIELDS_REFUSAL : undefined) },
);
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

/** PUT /api/users/:id/role (the security administrator, 授权): the role with what it needs. */
export const assignRoleBodySchema = z
  .object({
    role: z.enum(ASSIGNABLE_ROLES as [Role, ...Role[]]),
    /** An editor's department, a supervisor's 主管部门. */
    departmentId: z.number().int().positive().nullable().optional(),
    /** A finance account's region (not an editor's: an editor's is its department's; a section's is its section's). */
    regionCode: z.string().regex(/^\d{6}$/, '区划代码应为六位数字').nullable().optional(),
    /** A business section's account (财政业务科室审核): its section. */
    sectionId: z.number().int().positive().nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (belongsToDepartment(body.role) && body.departmentId == null) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: body.role === 'editor' ? '填报人必须属于一个单位' : '主管部门审核账号必须属于一个主管部门' });
    }
    if (belongsToSection(body.role) && body.sectionId == null) {
      ctx.addIssue({ code: 'custom', path: ['sectionId'], message: SECTION_ACCOUNT_NEEDS_SECTION });
    }
  });
export type AssignRoleBody = z.infer<typeof assignRoleBodySchema>;

/**
 * A new account, or a new one-time code for a forgotten password: the code is in this answer only
 * (it is stored hashed), to be handed to the person, who must replace it at the first sign-in
 * before `expiresAt`. It signs in once.
 */
export const oneTimeCodeResponseSchema = z.object({
  account: userAccountSchema,
  oneTimeCode: z.string(),
  expiresAt: z.string(),
});
export type OneTimeCodeResponse = z.infer<typeof oneTimeCodeResponseSchema>;

/** GET /api/auth/password-policy: what a new password must be, for the forms that set one. */
export const passwordRulesResponseSchema = z.object({ minLength: z.number().int() });
export type PasswordRulesResponse = z.infer<typeof passwordRulesResponseSchema>;

export const userIdParamsSchema = z.object({
  id: z.coerce.number().int().positive(),
});
