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
} from "../core"
export type {
  AccessPolicy,
  AccountPaths,
  AuthKitConfig,
  AuthKitErrorCode,
  Claims,
  ForbiddenBehaviour,
  Register,
  Role,
  RolesOf,
  SafeCallbackUrlOptions,
  Session,
} from "../core"
export { AuthProvider } from "./auth-provider/auth-provider"
export type { AuthProviderProps, AuthState } from "./auth-provider/auth-provider"
export { useAuth } from "./use-auth"
export { useMessages } from "./use-messages"
export type { UseAuthResult } from "./use-auth"
export { AuthGate, RoleGate, SignedIn, SignedOut } from "./gates/gates"
export type { AuthGateProps, RoleGateProps } from "./gates/gates"
export { LoginForm } from "./login-form/login-form"
export type { LoginFormProps } from "./login-form/login-form"
export {
  LoginFormAccountLinks,
  LoginFormCheckInbox,
  LoginFormCode,
  LoginFormCredentials,
  LoginFormDivider,
  LoginFormEmailLink,
  LoginFormEmpty,
  LoginFormError,
  LoginFormField,
  LoginFormFooter,
  LoginFormIdentifierField,
  LoginFormLink,
  LoginFormOAuthButtons,
  LoginFormPasskey,
  LoginFormPasswordField,
  LoginFormRoot,
  LoginFormSkeleton,
  LoginFormSubmit,
  LoginFormTitle,
} from "./login-form/parts"
export type {
  LoginFormCheckInboxProps,
  LoginFormFieldProps,
  LoginFormInputFieldProps,
  LoginFormLinkProps,
  LoginFormOAuthButtonsProps,
  LoginFormOptions,
  LoginFormRootProps,
  LoginFormSubmitProps,
  LoginFormTitleProps,
} from "./login-form/parts"
export {
  ChangePasswordForm,
  ChangePasswordFormRoot,
  ForgotPasswordForm,
  ForgotPasswordFormRoot,
  ResetPasswordForm,
  ResetPasswordFormRoot,
  SignUpForm,
  SignUpFormRoot,
  VerifyEmail,
  VerifyEmailResend,
  VerifyEmailRoot,
  VerifyEmailStatus,
} from "./accounts/forms"
export type {
  ChangePasswordFormProps,
  ForgotPasswordFormProps,
  ResetPasswordFormProps,
  SignUpFormProps,
  VerifyEmailProps,
} from "./accounts/forms"
export {
  AccountFormMessage,
  AccountFormField,
  AccountFormFields,
  AccountFormFooter,
  AccountFormLink,
  AccountFormSubmit,
  AccountFormTitle,
  useAccountForm,
} from "./accounts/parts"
export type {
  AccountFormContextValue,
  AccountFormFieldProps,
  AccountFormLinkProps,
  AccountFormProps,
  AccountFormSlot,
  AccountFormSubmitProps,
  AccountFormTitleProps,
  AccountStrings,
  FieldKind,
  FieldSpec,
  NewPasswordProps,
} from "./accounts/parts"
export { useAccountAction } from "./accounts/use-account-action"
export { MfaSetup } from "./mfa/mfa-setup"
export type { MfaSetupProps } from "./mfa/mfa-setup"
export {
  SessionsCard,
  SessionsCardItem,
  SessionsCardList,
  SessionsCardMessage,
  SessionsCardRevoke,
  SessionsCardRevokeOthers,
  SessionsCardRoot,
  useSessionsCard,
} from "./account-cards/sessions-card"
export type {
  AccountSession,
  SessionsCardContextValue,
  SessionsCardItemProps,
  SessionsCardListProps,
  SessionsCardProps,
  SessionsCardRevokeProps,
} from "./account-cards/sessions-card"
export {
  LinkedAccountsCard,
  LinkedAccountsCardAction,
  LinkedAccountsCardItem,
  LinkedAccountsCardList,
  LinkedAccountsCardMessage,
  LinkedAccountsCardRoot,
  useLinkedAccountsCard,
} from "./account-cards/linked-accounts-card"
export type {
  LinkedAccountRow,
  LinkedAccounts,
  LinkedAccountsCardActionProps,
  LinkedAccountsCardContextValue,
  LinkedAccountsCardItemProps,
  LinkedAccountsCardListProps,
  LinkedAccountsCardProps,
} from "./account-cards/linked-accounts-card"
export type { AccountCardProps, AccountCardProvider, AccountCardProviders, AccountCardShell, AccountCardSlot } from "./account-cards/card"
export {
  AccountSettings,
  AccountSettingsDelete,
  AccountSettingsEmail,
  AccountSettingsPassword,
  AccountSettingsProfile,
  AccountSettingsRoot,
  AccountSettingsTwoFactor,
  useAccountSettings,
} from "./account-settings/account-settings"
export type {
  AccountSettingsContextValue,
  AccountSettingsDeleteProps,
  AccountSettingsEmailProps,
  AccountSettingsProfileProps,
  AccountSettingsProps,
  AccountSettingsSlot,
} from "./account-settings/account-settings"
export { AccountSettingsPasskeys } from "./account-settings/passkeys-card"
export { passkeyAssertion, passkeysSupported } from "./passkeys/webauthn"
export type { PasskeyAssertionAnswer } from "./passkeys/webauthn"
export type { AccountEndpointsAt } from "./accounts/use-account-action"
export type { AccountPasskey, AccountSettingsPasskeysProps } from "./account-settings/passkeys-card"
export type { AccountSettingsState, ProfileUser } from "../core/accounts/features/settings"
export { AuthErrorPage, VerifyRequestPage } from "./auth-pages/auth-pages"
export type { AuthErrorPageProps, VerifyRequestPageProps } from "./auth-pages/auth-pages"
export type { AccountAction, AccountActionState, AccountError } from "./accounts/use-account-action"
export { useLoginForm } from "./login-form/context"
export type { LoginFormContextValue, LoginFormSlot, LoginProvider } from "./login-form/context"
export { useSignIn } from "./login-form/use-sign-in"
export type { SignInPending, SignInState, UseSignInOptions } from "./login-form/use-sign-in"
export type { ProviderMark, ProviderMarks } from "./login-form/marks"
export { LoginDialog } from "./login-dialog/login-dialog"
export type { LoginDialogProps } from "./login-dialog/login-dialog"
export { SignOutButton } from "./sign-out-button/sign-out-button"
export { useSignOut } from "./sign-out-button/use-sign-out"
export type { SignOutButtonProps } from "./sign-out-button/sign-out-button"
export { UserButton, UserButtonItem } from "./user-button/user-button"
export type { UserButtonItemProps, UserButtonProps, UserMenuItem } from "./user-button/user-button"
export { en } from "./messages"
export type { AccountCardsMessages, AccountMessages, AccountSettingsMessages, AuthErrorCode, AuthPagesMessages, Messages, MessagesOverride, MfaMessages, PluralForms } from "./messages"
