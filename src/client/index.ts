"use client"
/**
 * `next-auth-kit`: the client entry. The provider, hooks, gates and components, plus the shared
 * helpers (also exported from `next-auth-kit/server`).
 * @packageDocumentation
 */
export {
  AuthKitError,
  getRoles,
  hasAccess,
  isAuthKitError,
  MAX_CALLBACK_URL_LENGTH,
  safeCallbackUrl,
} from "../shared"
export type {
  AccessPolicy,
  AuthKitConfig,
  AuthKitErrorCode,
  Claims,
  ForbiddenBehaviour,
  Register,
  Role,
  RolesOf,
  SafeCallbackUrlOptions,
  Session,
} from "../shared"
export { AuthProvider } from "./auth-provider/auth-provider"
export type { AuthProviderProps, AuthState } from "./auth-provider/auth-provider"
export { useAuth } from "./use-auth"
export { useMessages } from "./use-messages"
export type { UseAuthResult } from "./use-auth"
export { AuthGate, RoleGate, SignedIn, SignedOut } from "./gates/gates"
export type { AuthGateProps, RoleGateProps } from "./gates/gates"
export { LoginForm } from "./login-form/login-form"
export type { LoginFormProps, LoginFormSlot, LoginProvider } from "./login-form/login-form"
export { LoginDialog } from "./login-dialog/login-dialog"
export type { LoginDialogProps } from "./login-dialog/login-dialog"
export { SignOutButton } from "./sign-out-button/sign-out-button"
export type { SignOutButtonProps } from "./sign-out-button/sign-out-button"
export { UserButton } from "./user-button/user-button"
export type { UserButtonProps, UserMenuItem } from "./user-button/user-button"
export { de, en } from "./messages"
export type { AuthErrorCode, Messages, MessagesOverride } from "./messages"
